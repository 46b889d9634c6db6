package nl.briefwissel.evaluation;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import nl.briefwissel.BriefwisselApplication;
import nl.briefwissel.account.Accounts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The evaluation default writes its demo data once the application is ready (decision 0118): a first
 * start reports healthy without waiting for the story, which is written seconds later. An application
 * of its own on an empty H2 database (the suite's shared one has its demo data long written).
 */
class DemoDataInBackgroundTests {

	@Test
	void theApplicationIsReadyBeforeTheDemoDataAndTheDataFollowsBeforeTheInstallation() {
		AtomicLong accountsWhenReady = new AtomicLong(-1);
		// Command-line arguments beat the environment, so this holds on a CI run with BRIEFWISSEL_DB_URL set.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BriefwisselApplication.class)
			.listeners(event -> {
				if (event instanceof ApplicationReadyEvent ready) {
					accountsWhenReady.set(ready.getApplicationContext().getBean(Accounts.class).count());
				}
			})
			.run("--briefwissel.db.url=jdbc:h2:mem:demo-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
					"--briefwissel.db.user=sa", "--briefwissel.db.password=", "--briefwissel.port=0",
					"--briefwissel.demo.in-background=true",
					// An installation's first administrator comes after the demo data, as when that is written
					// before ready: its administrator makes the installation's superfluous.
					"--briefwissel.setup.organisation=Gemeente Eerst", "--briefwissel.setup.administrator=eerste@example.nl")) {
			DemoProgress progress = context.getBean(DemoProgress.class);
			Accounts accounts = context.getBean(Accounts.class);

			assertThat(accountsWhenReady.get()).as("accounts when the application reported ready").isZero();
			await().atMost(Duration.ofSeconds(90)).until(() -> progress.stage() == DemoProgress.Stage.WRITTEN);
			assertThat(accounts.byEmail(DemoPeople.COACH)).isPresent();
			assertThat(accounts.count()).isEqualTo(13);
			assertThat(accounts.byEmail("eerste@example.nl")).as("the installation's administrator").isEmpty();
		}
	}
}

package nl.briefwissel;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool retires its connections (after thirty minutes by default), the one Flyway migrated with among them, and
 * the database goes on taking rows. H2 2.4.240 kept a check constraint with an IN list (programme_mail_mode) bound
 * to the session that created it: once that connection closed, every insert into programme failed with 'The
 * database has been closed [90098]' (h2database issues 4291 and 4308; decision 0147). An application of its own on
 * a fresh H2 database, as the evaluation default starts; H2 also on a CI run with BRIEFWISSEL_DB_URL set, since
 * command-line arguments beat the environment, and PostgreSQL never had the fault.
 */
class RetiredConnectionsTests {

	@Test
	void aProgrammeIsWrittenAfterThePoolRetiredTheConnectionsThatMigratedTheDatabase() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BriefwisselApplication.class)
			.run("--briefwissel.db.url=jdbc:h2:mem:retired-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
					"--briefwissel.db.user=sa", "--briefwissel.db.password=", "--briefwissel.port=0")) {
			HikariDataSource pool = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
			JdbcClient jdbc = JdbcClient.create(pool);
			List<Integer> sessionsAtStart = sessions(jdbc);
			assertThat(sessionsAtStart).isNotEmpty();

			pool.getHikariPoolMXBean().softEvictConnections();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(sessions(jdbc)).doesNotContainAnyElementsOf(sessionsAtStart));

			UUID organisation = context.getBean(Organisations.class).create("Gemeente Later").id();
			assertThat(context.getBean(Programmes.class)
				.create(organisation, "Loopbaan na een half uur", null, MailMode.FULL_TEXT)
				.name()).isEqualTo("Loopbaan na een half uur");
		}
	}

	private static List<Integer> sessions(JdbcClient jdbc) {
		return jdbc.sql("select session_id from information_schema.sessions").query(Integer.class).list();
	}
}

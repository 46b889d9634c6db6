package nl.briefwissel.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Throwing a held mail away, as a coach does it with a mouse or a keyboard: asked first (decision 0115). */
@BriefwisselTest
@Tag("browser")
class QuarantineDiscardInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Test
	void theQuestionMeetsWcag21AAAndYesDiscardsAndSaysSo() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"weggooien-" + UUID.randomUUID() + "@example.nl", "Wim Weggooien", Locale.forLanguageTag("nl"),
				Set.of(Role.PARTICIPANT), null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
		String subject = "Nieuwe vraag " + UUID.randomUUID();
		inbound.store(("From: " + participant.email() + "\r\nTo: reply@briefwissel.test\r\nSubject: " + subject
				+ "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIets nieuws.\r\n")
			.getBytes(StandardCharsets.UTF_8), InboundMails.Source.SMTP, participant.email(), List.of("reply@briefwissel.test"));
		UUID id = await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow()
			.inboundMailId();

		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			driver.get("http://localhost:" + port + "/coach/quarantine/" + id + "?lang=nl");
			driver.findElement(By.linkText("Weggooien")).click();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(browser -> browser.getCurrentUrl().endsWith("/discard"));
			assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Deze mail weggooien?");
			assertThat(driver.findElement(By.id("discard-told")).getText()).contains("op de e-coach wacht");
			assertThat(PageCheck.problems(driver, "nl", "quarantine-discard-question")).isEmpty();

			driver.findElement(By.xpath("//button[normalize-space()='Ja, weggooien']")).click();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(browser -> browser.getCurrentUrl().endsWith("/coach/quarantine#resolved"));
			assertThat(driver.findElement(By.id("resolved")).getText()).isEqualTo("De mail is weggegooid.");
			assertThat(quarantine.entry(id)).isEmpty();
		}
		finally {
			driver.quit();
		}
	}
}

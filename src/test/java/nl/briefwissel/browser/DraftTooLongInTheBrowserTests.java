package nl.briefwissel.browser;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.CoachDesk;
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

/**
 * The check while the coach types refuses a draft longer than a draft may be, and answers 422 as every refused
 * form does (decision 0139). htmx swaps no 4xx answer by default: the layout's configuration lets it swap this
 * one, so the help still says the draft was not kept, and why, and the text stays in the field.
 */
@BriefwisselTest
@Tag("browser")
class DraftTooLongInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Test
	void aDraftTooLongWhileTypingIsRefusedAndTheHelpSaysSo() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			driver.get("http://localhost:" + port + "/coach/trajectories/" + trajectory + "?lang=nl");
			driver.findElement(By.id("text")).sendKeys("Dag Tineke.");
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("Leesbaarheid"));
			// Longer than a browser lets anyone type into the field: put in as a script (or a paste past its limit) would.
			driver.executeScript("var field = document.getElementById('text');"
					+ "field.value = 'a'.repeat(arguments[0]); field.dispatchEvent(new Event('input', {bubbles: true}));",
					CoachDesk.MAX_DRAFT + 1);
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("Je concept is niet bewaard"));
			assertThat(driver.findElement(By.id("writing-status")).getAttribute("textContent"))
				.startsWith("Je concept is niet bewaard: het is 1 teken te lang.");
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).hasSize(CoachDesk.MAX_DRAFT + 1);
		}
		finally {
			driver.quit();
		}
	}

	/** htmx replaces the region it answers with: one read between two is tried again. */
	private static void waitUntil(ChromeDriver driver, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(browser -> condition.getAsBoolean());
	}

	/** A running trajectory of the demo coach with a participant of its own, so tests do not see each other's drafts. */
	private UUID aTrajectoryOf(Account coach) {
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"te-lang-" + UUID.randomUUID() + "@example.nl", "Tineke Lang", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT),
				null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		return trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
	}
}

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
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second reader while the coach types, after the sign-in ended (signed out in another tab, or the
 * session expired): its request was refused and it stopped without a word. Now its region says, in the
 * page's language, that it paused because the person is no longer signed in and that the letter stays
 * in the form; the page stays where it is, with the text as typed.
 */
@BriefwisselTest
@Tag("browser")
class WritingHelpSignedOutTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Test
	void signedOutInAnotherTabTheSecondReaderSaysItPausedAndTheLetterStays() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			String page = url("/coach/trajectories/" + trajectory + "?lang=nl");
			driver.get(page);
			String first = driver.getWindowHandle();
			driver.findElement(By.id("text")).sendKeys("Dag Tineke, dank voor je brief.");
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("Leesbaarheid"));

			driver.switchTo().newWindow(WindowType.TAB);
			driver.get(url("/coach"));
			driver.findElement(By.xpath("//form[contains(@action,'/logout')]//button")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> !browser.getCurrentUrl().contains("/coach"));
			driver.close();

			driver.switchTo().window(first);
			driver.findElement(By.id("text")).sendKeys(" Tot donderdag!");
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("niet meer ingelogd"));
			assertThat(driver.findElement(By.id("writing-help")).getText()).contains("Tweede lezer")
				.contains("De tweede lezer is gepauzeerd: je bent niet meer ingelogd (uitgelogd in een ander tabblad of venster, of een tijd niet actief).")
				.contains("Je brief staat nog in het formulier.");
			assertThat(driver.findElement(By.id("writing-status")).getAttribute("textContent")).startsWith("De tweede lezer is gepauzeerd");
			assertThat(driver.getCurrentUrl()).isEqualTo(page);
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Dag Tineke, dank voor je brief. Tot donderdag!");
			PageCheck.screenshot(driver, "writing-help-signed-out");
		}
		finally {
			driver.quit();
		}
	}

	@Test
	void anExpiredSignInPausesTheSecondReaderInThePagesLanguage() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			String page = url("/coach/trajectories/" + trajectory + "?lang=en");
			driver.get(page);
			driver.findElement(By.id("text")).sendKeys("Dear Tineke, thank you for your letter.");
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("Readability"));
			// What the server forgets after thirty minutes without a request: the browser's session.
			driver.manage().deleteCookieNamed("BRIEFWISSEL_SESSION");

			driver.findElement(By.id("text")).sendKeys(" See you Thursday!");
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("no longer signed in"));
			assertThat(driver.findElement(By.id("writing-help")).getText())
				.contains("The second reader has paused: you are no longer signed in (signed out in another tab or window, or inactive for a while).")
				.contains("Your letter is still in the form.");
			assertThat(driver.getCurrentUrl()).isEqualTo(page);
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Dear Tineke, thank you for your letter. See you Thursday!");
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

	/** A running trajectory of the demo coach with a participant of its own, so tests do not see each other's letters. */
	private UUID aTrajectoryOf(Account coach) {
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"uitgelogd-" + UUID.randomUUID() + "@example.nl", "Tineke Tabs", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT),
				null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		return trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

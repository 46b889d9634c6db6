package nl.briefwissel.browser;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.privacy.Erasures;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form sent back to its section of a long page (a redirect to {@code /programme#settings-…}) puts the
 * focus on its error summary (or, without one, its first wrong field): browsers skip {@code autofocus} on a page opened at a fragment, so the
 * focus stayed on the page and a screen reader heard nothing of the error (decision 0061).
 */
@BriefwisselTest
@Tag("browser")
class FocusAfterRedirectTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	CoachDesk desk;

	@Test
	void aProgrammesSettingsSentBackWithAWrongNumberHaveTheFocusOnTheirErrorSummary() {
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, "programma@briefwissel.test");
			driver.get("http://localhost:" + port + "/programme");
			// Out of range on purpose (4 to 12): refused, so the demo programme is not changed.
			driver.executeScript("""
					const weeks = document.querySelector('details[id^="settings-"] input[name=weeks]');
					weeks.closest('details').open = true;
					weeks.value = '99';
					weeks.form.requestSubmit();""");
			new WebDriverWait(driver, Duration.ofSeconds(15))
				.until(browser -> browser.getCurrentUrl().contains("#settings-")
						&& Boolean.TRUE.equals(((ChromeDriver) browser).executeScript(
								"return document.readyState === 'complete' && document.querySelector('[aria-invalid=true]') !== null")));
			// The focus moves once the page has loaded; give it a moment instead of reading it at once.
			try {
				new WebDriverWait(driver, Duration.ofSeconds(3)).until(browser -> !Boolean.TRUE.equals(
						((ChromeDriver) browser).executeScript("return document.activeElement === document.body")));
			}
			catch (org.openqa.selenium.TimeoutException stillOnThePage) {
				// Said by the assertion below.
			}
			// The error summary, as on the intake and privacy forms: an alert whose first link leads to the field.
			Object focused = driver.executeScript("""
					const a = document.activeElement;
					return a.id.replace(/-[0-9a-f-]{36}$/, '') + ' ' + a.getAttribute('role') + ' '
						+ document.querySelector(a.querySelector('a').getAttribute('href')).name;""");
			assertThat(focused).isEqualTo("settings-errors alert weeks");
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * Saving a programme's settings came back at {@code #settings-…} with the focus on the page: its confirmation
	 * was a status nobody heard. It takes the focus, as a created programme's does.
	 */
	@Test
	void aProgrammesSettingsSavedHaveTheFocusOnTheirConfirmation() {
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, "programma@briefwissel.test");
			driver.get("http://localhost:" + port + "/programme");
			// Sent as they are: saved, and the demo programme stays as it was.
			driver.executeScript("""
					const weeks = document.querySelector('details[id^="settings-"] input[name=weeks]');
					weeks.closest('details').open = true;
					weeks.form.requestSubmit();""");
			assertThat(focusAfterRedirect(driver, "#settings-")).isEqualTo("P status -1 De instellingen zijn opgeslagen.");
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * Confirming an erasure came back at the requests with the focus on the page; "Het verzoek is bevestigd…" was a
	 * status without the focus, where the privacy pages give it.
	 */
	@Test
	void aConfirmedErasureHasTheFocusOnItsConfirmation() {
		Account admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(admin.organisationId(),
				"bevestigd-" + UUID.randomUUID() + "@example.nl", "Bea Bevestigd", Locale.forLanguageTag("nl"),
				Set.of(Role.PARTICIPANT), null));
		UUID request = erasures.request(participant.id()).id();
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, admin.email());
			driver.get("http://localhost:" + port + "/admin/erasure/" + request + "/confirm");
			driver.findElement(By.cssSelector("form[action$='/confirm'] button[type=submit]")).click();
			assertThat(focusAfterRedirect(driver, "/admin/erasure")).startsWith("DIV status -1 Het verzoek is bevestigd");
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * "Invoegen" came back at the letter's status with the focus on the page: a keyboard or screen-reader user
	 * started again at the top to find the reply put into their letter. The focus is on the letter, which the
	 * status describes.
	 */
	@Test
	void aSavedReplyInsertedHasTheFocusOnTheLetter() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach, "ingevoegd");
		String title = "Invoegbaar " + UUID.randomUUID();
		desk.addSavedReply(coach.id(), title, "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(coach.id()).stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow().id();
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			driver.get("http://localhost:" + port + "/coach/trajectories/" + trajectory + "?lang=nl");
			driver.findElement(By.id("text")).sendKeys("Dag Inge.");
			new Select(driver.findElement(By.id("use"))).selectByValue(reply.toString());
			driver.findElement(By.cssSelector("button[name=next][value=reply]")).click();
			assertThat(focusAfterRedirect(driver, "#draft-status")).startsWith("TEXTAREA null null Dag Inge.");
			assertThat(driver.switchTo().activeElement().getAttribute("value")).endsWith("Fijn dat je er bent.");
			assertThat(driver.switchTo().activeElement().getAttribute("aria-describedby")).as("the status, heard with the letter")
				.contains("draft-status");
		}
		finally {
			driver.quit();
			desk.deleteSavedReply(coach.id(), reply); // the demo coach's list as it was, for the tour
		}
	}

	/**
	 * A pause, a resume and an extension came back at the course's heading on the conversation page with the focus on
	 * the page: "Het traject is gepauzeerd" was a status nobody heard. It takes the focus, as other confirmations do.
	 */
	@Test
	void aChangeOfCourseHasTheFocusOnItsConfirmation() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach, "bijgestuurd");
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			String course = "http://localhost:" + port + "/coach/trajectories/" + trajectory + "/course?lang=nl";
			driver.get(course);
			driver.executeScript("""
					const until = document.getElementById('pause-until');
					until.closest('details').open = true;
					until.value = arguments[0];""", nl.briefwissel.Today.date().plusWeeks(1).toString());
			new Select(driver.findElement(By.id("pause-reason"))).selectByIndex(1);
			driver.findElement(By.cssSelector("form[action$='/pause'] button[type=submit]")).click();
			assertThat(focusAfterRedirect(driver, "/coach/trajectories/" + trajectory + "#")).startsWith("DIV status -1 Het traject is gepauzeerd");

			driver.get(course);
			driver.findElement(By.cssSelector("form[action$='/resume'] button[type=submit]")).click();
			assertThat(focusAfterRedirect(driver, "/coach/trajectories/" + trajectory + "#")).startsWith("DIV status -1 Het traject loopt weer.");

			driver.get(course);
			driver.executeScript("document.getElementById('extend-weeks').closest('details').open = true;");
			new Select(driver.findElement(By.id("extend-reason"))).selectByIndex(1);
			driver.findElement(By.cssSelector("form[action$='/extend'] button[type=submit]")).click();
			assertThat(focusAfterRedirect(driver, "/coach/trajectories/" + trajectory + "#")).startsWith("DIV status -1 Het traject is verlengd");
		}
		finally {
			driver.quit();
		}
	}

	/** A running trajectory of the demo coach with a participant of its own, so tests do not see each other's drafts. */
	private UUID aTrajectoryOf(Account coach, String name) {
		var programme = programmes.create(coach.organisationId(), "Programma " + UUID.randomUUID(), null, null);
		Account participant = accounts.register(new NewAccount(coach.organisationId(), name + "-" + UUID.randomUUID() + "@example.nl",
				"Inge " + name, Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		return trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "NEXT_STEP",
				nl.briefwissel.Today.date(), null);
	}

	/** What has the focus once the page the form was sent back to has loaded: element, role, tabindex and text. */
	private static String focusAfterRedirect(ChromeDriver driver, String at) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().contains(at)
				&& Boolean.TRUE.equals(((ChromeDriver) browser).executeScript("return document.readyState === 'complete'")));
		try {
			new WebDriverWait(driver, Duration.ofSeconds(3)).until(browser -> !Boolean.TRUE.equals(
					((ChromeDriver) browser).executeScript("return document.activeElement === document.body")));
		}
		catch (org.openqa.selenium.TimeoutException stillOnThePage) {
			// Said by the assertion.
		}
		return (String) driver.executeScript("""
				const a = document.activeElement;
				return a.tagName + ' ' + a.getAttribute('role') + ' ' + a.getAttribute('tabindex') + ' ' + a.textContent.trim();""");
	}
}

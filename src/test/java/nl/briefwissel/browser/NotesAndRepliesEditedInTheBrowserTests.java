package nl.briefwissel.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing and deleting a private note and editing and deleting a saved reply, as a coach does it in Chromium without
 * touching a script of their own (decision 0092): every page held to WCAG 2.1 AA by axe-core in Dutch and
 * English, a refusal with the focus on its field, and after each save or deletion the focus where the
 * page opens (the note, the confirmation, the reply), so a screen reader says what happened.
 */
@BriefwisselTest
@Tag("browser")
class NotesAndRepliesEditedInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	CoachDesk desk;

	@ParameterizedTest
	@ValueSource(strings = { "nl", "en" })
	void aNoteIsEditedAndDeletedWithTheFocusWhereThePageOpens(String language) {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		var programme = programmes.create(coach.organisationId(), "Programma " + UUID.randomUUID(), null, null);
		Account participant = accounts.register(new NewAccount(coach.organisationId(), "notitie-" + UUID.randomUUID() + "@example.nl",
				"Nina Notitie", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		UUID trajectory = trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "NEXT_STEP",
				nl.briefwissel.Today.date(), null);
		desk.addNote(trajectory, coach.id(), "Twijfelt over haar contrcat.");
		UUID note = desk.of(trajectory, coach.id()).notes().get(0).id();
		List<String> problems = new ArrayList<>();
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get(url("/login?lang=" + language));
			Chromium.signIn(driver, port, coach.email());
			driver.get(url("/coach/trajectories/" + trajectory));
			driver.findElement(By.cssSelector("#note-" + note + " a[href$='/edit']")).click();
			waitFor(driver, "note");
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-note-edit"));

			WebElement field = driver.findElement(By.id("note"));
			field.clear();
			driver.executeScript("document.getElementById('note').removeAttribute('required');"); // the server's refusal, not the browser's
			driver.findElement(By.cssSelector("form[action$='/edit'] button[type=submit]")).click();
			waitFor(driver, "note-error");
			assertThat(focusedSoon(driver, "note")).isEqualTo("note");
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-note-edit-refused"));

			driver.findElement(By.id("note")).sendKeys("Twijfelt over haar contract.");
			driver.findElement(By.cssSelector("form[action$='/edit'] button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("#note-" + note));
			assertThat(focusedSoon(driver, "note-" + note)).isEqualTo("note-" + note);
			assertThat(driver.findElement(By.id("note-" + note)).getText()).contains("Twijfelt over haar contract.")
				.contains("nl".equals(language) ? "bewerkt op" : "edited on");

			// Changed in another tab meanwhile: the notice has the focus and the text typed here.
			driver.findElement(By.cssSelector("#note-" + note + " a[href$='/edit']")).click();
			waitFor(driver, "note");
			desk.editNote(trajectory, coach.id(), note, "Uit een ander venster", desk.note(trajectory, coach.id(), note).orElseThrow().revision(),
					null);
			driver.findElement(By.id("note")).sendKeys(" Bellen na de zomer.");
			driver.findElement(By.cssSelector("form[action$='/edit'] button[type=submit]")).click();
			waitFor(driver, "note-changed-since");
			assertThat(focusedSoon(driver, "note-changed-since")).isEqualTo("note-changed-since");
			assertThat(driver.findElement(By.id("note-changed-since")).getText()).contains("Bellen na de zomer.");
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-note-changed-since"));

			driver.findElement(By.cssSelector("a[href$='/notes/" + note + "/delete']")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("/delete"));
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-note-delete"));
			driver.findElement(By.cssSelector("form[action$='/delete'] button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("#note-deleted"));
			assertThat(focusedSoon(driver, "note-deleted")).isEqualTo("note-deleted");
		}
		finally {
			driver.quit();
		}
		assertThat(desk.of(trajectory, coach.id()).notes()).isEmpty();
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "nl", "en" })
	void aSavedReplyIsEditedWithTheFocusOnItsFieldAndThenOnTheReply(String language) {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		String title = "Bewerkbaar " + UUID.randomUUID();
		desk.addSavedReply(coach.id(), title, "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(coach.id()).stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow().id();
		List<String> problems = new ArrayList<>();
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get(url("/login?lang=" + language));
			Chromium.signIn(driver, port, coach.email());
			driver.get(url("/coach/saved-replies"));
			driver.findElement(By.cssSelector("#reply-" + reply + " a[href$='/edit']")).click();
			waitFor(driver, "title");
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-saved-reply-edit"));

			driver.findElement(By.id("title")).clear();
			driver.executeScript("document.getElementById('title').removeAttribute('required');");
			driver.findElement(By.cssSelector("form[action$='/edit'] button[type=submit]")).click();
			waitFor(driver, "title-error");
			// Opened at #title: the small script puts the focus on the field (decision 0061).
			assertThat(focusedSoon(driver, "title")).isEqualTo("title");
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-saved-reply-edit-refused"));

			driver.findElement(By.id("title")).sendKeys(title + " (bewerkt)");
			driver.findElement(By.cssSelector("form[action$='/edit'] button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("#reply-" + reply));
			assertThat(focusedSoon(driver, "reply-" + reply)).isEqualTo("reply-" + reply);
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-saved-reply-changed"));
		}
		finally {
			driver.quit();
			desk.deleteSavedReply(coach.id(), reply); // the demo coach's list as it was, for the tour
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Deleting a saved reply asks first on a page of its own that names it (decision 0103): held to WCAG
	 * 2.1 AA, and after "yes" the focus on what the list says, where it opens.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "nl", "en" })
	void aSavedReplyIsDeletedAfterAQuestionWithTheFocusOnTheAnswer(String language) {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		String title = "Weg ermee " + UUID.randomUUID();
		desk.addSavedReply(coach.id(), title, "Tot de volgende keer.");
		UUID reply = desk.savedReplies(coach.id()).stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow().id();
		List<String> problems = new ArrayList<>();
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get(url("/login?lang=" + language));
			Chromium.signIn(driver, port, coach.email());
			driver.get(url("/coach/saved-replies"));
			driver.findElement(By.cssSelector("#reply-" + reply + " a[href$='/delete']")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("/delete"));
			assertThat(driver.findElement(By.tagName("h1")).getText()).contains(title);
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-saved-reply-delete"));
			driver.findElement(By.cssSelector("form[action$='/delete'] button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("#reply-deleted"));
			assertThat(focusedSoon(driver, "reply-deleted")).isEqualTo("reply-deleted");
			problems.addAll(PageCheck.problems(driver, language, language + "-coach-saved-reply-deleted"));
		}
		finally {
			driver.quit();
			desk.deleteSavedReply(coach.id(), reply); // the demo coach's list as it was, if the test stopped halfway
		}
		assertThat(desk.savedReplies(coach.id())).noneMatch(r -> r.id().equals(reply));
		assertThat(problems).isEmpty();
	}

	/** The id of the element with the focus once the page has settled (the move to a fragment, the focus script). */
	private static String focusedSoon(ChromeDriver driver, String expected) {
		try {
			new WebDriverWait(driver, Duration.ofSeconds(3)).until(browser -> expected.equals(focused((ChromeDriver) browser)));
		}
		catch (org.openqa.selenium.TimeoutException elsewhere) {
			// Said by the caller's assertion.
		}
		return focused(driver);
	}

	private static String focused(ChromeDriver driver) {
		return String.valueOf(driver.executeScript("return document.readyState === 'complete' ? document.activeElement.id : null"));
	}

	private static void waitFor(ChromeDriver driver, String id) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> !browser.findElements(By.id(id)).isEmpty());
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

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
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.awaitility.Awaitility;
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
 * The coach's draft in two tabs of a real browser (decision 0060): the check while typing gives its
 * tab the draft's new version, and in the tab whose draft was sent from the other it keeps nothing,
 * says so, and shows the text typed there beside an empty form.
 */
@BriefwisselTest
@Tag("browser")
class DraftInTwoTabsTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	CoachDesk desk;

	@Test
	void aTabWhoseDraftWasSentFromAnotherSaysSoAndGivesItsTextBack() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			driver.get(url("/coach/trajectories/" + trajectory));
			String first = driver.getWindowHandle();
			assertThat(driver.findElement(By.id("draft-base")).getAttribute("value")).isEmpty();
			driver.findElement(By.id("text")).sendKeys("Dag Tineke, dank voor je brief.");
			Awaitility.await().atMost(Duration.ofSeconds(15))
				.until(() -> desk.of(trajectory, coach.id()).draft().filter("Dag Tineke, dank voor je brief."::equals).isPresent());
			UUID saved = desk.of(trajectory, coach.id()).draftRevision().orElseThrow();
			waitUntil(driver, () -> saved.toString().equals(driver.findElement(By.id("draft-base")).getAttribute("value")));

			driver.switchTo().newWindow(WindowType.TAB);
			driver.get(url("/coach/trajectories/" + trajectory));
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Dag Tineke, dank voor je brief.");
			driver.findElement(By.id("text")).sendKeys(" Tot donderdag!");
			driver.findElement(By.xpath("//form[@id='write-form']//button[normalize-space()='Versturen']")).click();
			Awaitility.await().atMost(Duration.ofSeconds(15))
				.until(() -> conversations.of(trajectory).stream().map(Message::body)
					.anyMatch("Dag Tineke, dank voor je brief. Tot donderdag!"::equals));

			driver.switchTo().window(first);
			driver.findElement(By.id("text")).sendKeys(" En nog iets.");
			waitUntil(driver, () -> driver.findElement(By.id("writing-help")).getText().contains("vanuit een ander venster verstuurd"));
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Dag Tineke, dank voor je brief. En nog iets.");
			assertThat(desk.of(trajectory, coach.id()).draft()).isEmpty();
			PageCheck.screenshot(driver, "draft-overtaken-while-typing");

			driver.findElement(By.xpath("//button[normalize-space()='Nieuwste concept en mijn tekst tonen']")).click();
			waitUntil(driver, () -> driver.findElements(By.cssSelector("#draft-status .bw-message__body")).size() == 1);
			assertThat(driver.findElement(By.cssSelector("#draft-status .bw-message__body")).getText())
				.isEqualTo("Dag Tineke, dank voor je brief. En nog iets.");
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEmpty();
			assertThat(desk.of(trajectory, coach.id()).draft()).isEmpty();
			assertThat(PageCheck.problems(driver, "nl", "draft-overtaken")).isEmpty();
		}
		finally {
			driver.quit();
		}
	}

	/** htmx replaces the fields it answers with (#draft-base among them): one read between two is tried again. */
	private static void waitUntil(ChromeDriver driver, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(browser -> condition.getAsBoolean());
	}

	/** A running trajectory of the demo coach with a participant of its own, so tests do not see each other's letters. */
	private UUID aTrajectoryOf(Account coach) {
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"twee-tabs-" + UUID.randomUUID() + "@example.nl", "Tineke Tabs", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT),
				null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		return trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

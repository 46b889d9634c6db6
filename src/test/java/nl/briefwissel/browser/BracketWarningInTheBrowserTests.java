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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A letter with a place left to fill in ([naam]) is held once, in a real browser: the warning is read out
 * with the field it describes, the page meets WCAG 2.1 AA, and "Toch versturen", reached from the letter
 * right after "Versturen", sends it (decision 0114).
 */
@BriefwisselTest
@Tag("browser")
class BracketWarningInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Test
	void theWarningIsAnnouncedAtTheLetterAndTochVersturenSendsIt() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"haken-" + UUID.randomUUID() + "@example.nl", "Hanna Haken", Locale.forLanguageTag("nl"),
				Set.of(Role.PARTICIPANT), null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		UUID id = trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
				Today.date(), null);

		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			String page = "http://localhost:" + port + "/coach/trajectories/" + id;
			driver.get(page + "?lang=nl");
			WebElement text = driver.findElement(By.id("text"));
			text.clear();
			text.sendKeys("Beste [naam],\n\nFijn dat je schreef.");
			driver.findElement(By.xpath("//button[normalize-space()='Versturen']")).click();
			WebElement warning = new WebDriverWait(driver, Duration.ofSeconds(10))
				.until(browser -> browser.findElement(By.id("text-warning")));
			assertThat(warning.getAttribute("role")).isEqualTo("alert");
			assertThat(warning.getText()).contains("[naam]");
			assertThat(driver.switchTo().activeElement().getAttribute("id")).as("the letter, described by the warning").isEqualTo("text");
			assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Beste [naam],\n\nFijn dat je schreef.");
			assertThat(PageCheck.problems(driver, "nl", "coach-letter-held-for-brackets")).isEmpty();

			// As a keyboard user goes on from the letter: "Toch versturen" comes right after "Versturen".
			new Actions(driver).sendKeys(Keys.TAB).perform();
			assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Versturen");
			new Actions(driver).sendKeys(Keys.TAB).perform();
			assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Toch versturen");
			assertThat(warning.getText()).contains("‘Toch versturen’");
			new Actions(driver).sendKeys(Keys.ENTER).perform();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(browser -> browser.getCurrentUrl().endsWith("#sent"));
			assertThat(driver.findElements(By.id("text-warning"))).isEmpty();
		}
		finally {
			driver.quit();
		}
	}
}

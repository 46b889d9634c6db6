package nl.briefwissel.browser;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second reader's numbers in the draft, as a screen reader meets them: a word with two remarks ("MOET", judging
 * and shouting) is followed by both, in words, and a long sentence's number comes once, at its end. The digits were
 * read run into the word ("MOET1"), one of two remarks was never named, and a long sentence's "4" came four times.
 */
@BriefwisselTest
@Tag("browser")
class WritingMarkersInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Test
	void aScreenReaderHearsEachRemarksNumberOnceInWords() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = aTrajectoryOf(coach);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, coach.email());
			driver.get("http://localhost:" + port + "/coach/trajectories/" + trajectory + "?lang=nl");
			driver.findElement(By.id("text")).sendKeys("Je MOET dit lezen. Ik denk dat je gewoon eerst goed kunt nadenken "
					+ "over wat je wilt en wie je daarbij kan helpen voordat je een besluit neemt over je werk en je toekomst en "
					+ "je gezin en je vrienden.");
			new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(browser -> browser.findElements(By.cssSelector("#writing-help .bw-findings li")).size() == 4);

			@SuppressWarnings("unchecked")
			List<Map<String, Object>> nodes = (List<Map<String, Object>>) driver
				.executeCdpCommand("Accessibility.getFullAXTree", Map.of()).get("nodes");
			List<String> names = nodes.stream()
				.filter(node -> !Boolean.TRUE.equals(node.get("ignored")))
				.map(node -> (Map<?, ?>) node.get("name"))
				.filter(name -> name != null && name.get("value") != null)
				.map(name -> String.valueOf(name.get("value")))
				.toList();
			assertThat(names).contains("(opmerkingen 1 en 2)", "(opmerking 3)", "(opmerking 4)")
				.doesNotContain("1, 2");
			assertThat(Axe.violations(driver)).isEmpty();
			PageCheck.screenshot(driver, "writing-markers");
		}
		finally {
			driver.quit();
		}
	}

	private UUID aTrajectoryOf(Account coach) {
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"markeringen-" + UUID.randomUUID() + "@example.nl", "Tineke Tekens", Locale.forLanguageTag("nl"),
				Set.of(Role.PARTICIPANT), null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		return trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
	}
}

package nl.briefwissel.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages for ending an organisation (decision 0073), which the tour does not reach (two links from the
 * menu, and refusals only by a POST): refused while a trajectory runs, the page that asks for the name, and
 * a wrong name said at its field, in both languages, at a desk and on a 320-pixel phone, held to WCAG 2.1 AA.
 */
@BriefwisselTest
@Tag("browser")
class OrganisationEndingInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@ParameterizedTest
	@ValueSource(strings = { "nl", "en" })
	void theEndingPagesMeetWcag21AAAtADeskAndOnAPhone(String language) {
		var running = fixtures.runningTrajectory(true);
		var done = fixtures.runningTrajectory(true);
		lifecycle.complete(done.id(), done.coach().id(), Reason.QUESTION_ANSWERED, null);
		List<String> problems = new ArrayList<>();
		for (String screen : List.of("desk", "phone")) {
			ChromeDriver driver = "desk".equals(screen) ? Chromium.start(Chromium.DESKTOP) : Chromium.phoneOf(320);
			String name = language + "-" + screen + "-admin-organisation-end-";
			try {
				driver.get(url("/login?lang=" + language));
				Chromium.signIn(driver, port, "beheer@briefwissel.test");
				driver.get(url("/admin/organisations/" + done.organisationId()));
				driver.findElement(By.cssSelector("#end a[href$='/end']")).click();
				waitFor(driver, "end-name");
				problems.addAll(checked(driver, language, name + "asks"));

				driver.findElement(By.id("end-name")).sendKeys("Gemeente Anders");
				driver.findElement(By.cssSelector("form.bw-form button[type=submit]")).click();
				waitFor(driver, "end-name-error");
				assertThat(driver.findElement(By.id("end-name")).getAttribute("aria-describedby")).isEqualTo("end-name-error");
				assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("end-name");
				problems.addAll(checked(driver, language, name + "wrong-name"));

				driver.get(url("/admin/organisations/" + running.organisationId() + "/end"));
				waitFor(driver, "unfinished");
				assertThat(driver.findElements(By.id("end-name"))).isEmpty();
				problems.addAll(checked(driver, language, name + "refused"));
			}
			finally {
				driver.quit();
			}
		}
		assertThat(organisations.byId(done.organisationId())).isPresent();
		assertThat(problems).isEmpty();
	}

	/** The page's problems, and whether it is wider than the screen (WCAG 1.4.10 on a phone). */
	private static List<String> checked(ChromeDriver driver, String language, String screenshotName) {
		List<String> problems = new ArrayList<>(PageCheck.problems(driver, language, screenshotName));
		Long wider = (Long) driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		if (wider > 1) {
			Object sticking = driver.executeScript("""
					const width = document.documentElement.clientWidth;
					return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > width + 1)
					  .slice(-3).map(e => e.tagName + ' ' + (e.id || e.className) + ': ' + e.textContent.trim().slice(0, 60)).join(' | ');""");
			problems.add(screenshotName + " " + driver.getCurrentUrl() + " is " + wider + " px wider than the screen: " + sticking);
		}
		return problems;
	}

	private static void waitFor(ChromeDriver driver, String id) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> !browser.findElements(By.id(id)).isEmpty());
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

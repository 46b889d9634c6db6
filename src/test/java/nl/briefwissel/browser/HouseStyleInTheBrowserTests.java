package nl.briefwissel.browser;

import java.util.ArrayList;
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
import nl.briefwissel.housestyle.HouseStyle;
import nl.briefwissel.housestyle.HouseStyles;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation's house style in Chromium: its participant's pages and its programme's application form
 * wear the colours chosen (a dark header among them, whose links take the header's text colour) and still
 * pass axe-core's WCAG 2.1 AA checks, colour contrast included, at a desk and on a 320-pixel phone.
 */
@BriefwisselTest
@Tag("browser")
class HouseStyleInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	HouseStyles houseStyles;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void aStyledOrganisationsPagesKeepTheirContrastAtADeskAndOnAPhone() {
		Chromium.assumeInstalled();
		var organisation = organisations.create("Gemeente Huisstijl " + UUID.randomUUID().toString().substring(0, 8));
		var programme = programmes.create(organisation.id(), "Programma in huisstijl", null, null);
		programmes.openPublicIntake(programme.id(), true);
		Account participant = accounts.register(new NewAccount(organisation.id(), "huisstijl-" + UUID.randomUUID() + "@example.nl",
				"Hanna Huisstijl", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null), passwords.encode("briefwissel"));
		trajectories.record(programme.id(), participant.id(), null, TrajectoryStatus.RUNNING, "NEXT_STEP", Today.date(), null);
		HouseStyle style = new HouseStyle.Typed("#1f5aa6", "#ffffff", "#00568b", "#154273", "#ffffff", "Gemeente Huisstijl")
			.check()
			.style()
			.orElseThrow();
		houseStyles.save(organisation.id(), style);

		List<String> problems = new ArrayList<>();
		for (String screen : List.of("desk", "phone")) {
			ChromeDriver driver = "desk".equals(screen) ? Chromium.start(Chromium.DESKTOP) : Chromium.phoneOf(320);
			try {
				driver.get(url("/intake/programme/" + programme.id() + "?lang=nl"));
				assertThat(background(driver, "button.utrecht-button--primary-action")).isEqualTo("rgba(31, 90, 166, 1)");
				assertThat(background(driver, "header.bw-header")).isEqualTo("rgba(21, 66, 115, 1)");
				problems.addAll(PageCheck.problems(driver, "nl", "nl-" + screen + "-house-style-intake"));

				Chromium.signIn(driver, port, participant.email());
				driver.get(url("/participant"));
				assertThat(background(driver, "header.bw-header")).isEqualTo("rgba(21, 66, 115, 1)");
				assertThat(driver.findElement(By.cssSelector("header .bw-nav__link")).getCssValue("color"))
					.isEqualTo("rgba(255, 255, 255, 1)");
				assertThat(driver.findElement(By.cssSelector(".bw-brand")).getText()).contains("Gemeente Huisstijl");
				problems.addAll(PageCheck.problems(driver, "nl", "nl-" + screen + "-house-style-participant"));
			}
			finally {
				driver.quit();
			}
		}
		assertThat(problems).isEmpty();
	}

	/** The administrator's page, its preview and a colour refused at its field, in both languages on a phone. */
	@Test
	void theSettingsPageItsPreviewAndARefusalMeetWcag21AAOnAPhone() {
		Chromium.assumeInstalled();
		var organisation = organisations.create("Gemeente Voorbeeld " + UUID.randomUUID().toString().substring(0, 8));
		List<String> problems = new ArrayList<>();
		for (String language : List.of("nl", "en")) {
			ChromeDriver driver = Chromium.phoneOf(320);
			try {
				driver.get(url("/login?lang=" + language));
				Chromium.signIn(driver, port, "beheer@briefwissel.test");
				driver.get(url("/admin/organisations/" + organisation.id() + "/house-style"));
				problems.addAll(PageCheck.problems(driver, language, language + "-phone-house-style-settings"));

				driver.findElement(By.id("header")).clear();
				driver.findElement(By.id("header")).sendKeys("#154273");
				driver.findElement(By.id("headerText")).clear();
				driver.findElement(By.id("headerText")).sendKeys("#ffffff");
				driver.findElement(By.cssSelector("button[formaction$='/preview']")).click();
				new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
					.until(browser -> browser.getCurrentUrl().endsWith("/preview"));
				assertThat(background(driver, ".bw-house-style-preview__header")).isEqualTo("rgba(21, 66, 115, 1)");
				// The page's own header keeps the standard look: only the preview wears what was typed.
				assertThat(background(driver, "header.bw-header")).isNotEqualTo("rgba(21, 66, 115, 1)");
				problems.addAll(PageCheck.problems(driver, language, language + "-phone-house-style-preview"));

				driver.findElement(By.id("link")).clear();
				driver.findElement(By.id("link")).sendKeys("#ffdd00");
				driver.findElement(By.cssSelector("form.bw-form button.utrecht-button--primary-action")).click();
				new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
					.until(browser -> !browser.findElements(By.id("link-error")).isEmpty());
				assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("link");
				problems.addAll(PageCheck.problems(driver, language, language + "-phone-house-style-refused"));
			}
			finally {
				driver.quit();
			}
		}
		assertThat(houseStyles.of(organisation.id())).isEmpty();
		assertThat(problems).isEmpty();
	}

	private static String background(ChromeDriver driver, String selector) {
		return driver.findElement(By.cssSelector(selector)).getCssValue("background-color");
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

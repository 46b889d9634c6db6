package nl.briefwissel.browser;

import java.time.Duration;
import java.time.OffsetDateTime;
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
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant stops a confirmed address of theirs counting, in Chromium without a script of their own (decision
 * 0102): their conversation page with the address, the page that asks, and the page after it with the focus on what
 * happened, each held to WCAG 2.1 AA by axe-core in Dutch and English.
 */
@BriefwisselTest
@Tag("browser")
class AddressWithdrawnInTheBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "nl", "en" })
	void aConfirmedAddressIsWithdrawnWithTheFocusOnWhatHappened(String language) {
		Chromium.assumeInstalled();
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		var programme = programmes.create(coach.organisationId(), "Programma " + UUID.randomUUID(), null, null);
		Account participant = accounts.register(new NewAccount(coach.organisationId(), "adres-" + UUID.randomUUID() + "@example.nl",
				"Aya Adres", Locale.forLanguageTag(language), Set.of(Role.PARTICIPANT), null), passwords.encode("briefwissel"));
		UUID trajectory = trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "NEXT_STEP",
				Today.date(), null);
		String work = "werk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		jdbc.sql("""
				insert into accepted_address (trajectory_id, address, accepted_by, accepted_at, state, answered_at, live_address)
				values (:t, :a, :coach, :now, 'CONFIRMED', :now, :a)""")
			.param("t", trajectory)
			.param("a", work)
			.param("coach", coach.id())
			.param("now", OffsetDateTime.now())
			.update();
		List<String> problems = new ArrayList<>();
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get(url("/login?lang=" + language));
			Chromium.signIn(driver, port, participant.email());
			driver.get(url("/participant/conversation?trajectory=" + trajectory));
			assertThat(driver.findElement(By.id("addresses-counting")).getText()).contains(work);
			problems.addAll(PageCheck.problems(driver, language, language + "-participant-addresses-counting"));

			driver.findElement(By.cssSelector("#addresses-counting form button[type=submit]")).click();
			waitFor(driver, "withdrawal-question");
			assertThat(driver.findElement(By.id("withdrawal-question")).getText()).contains(work);
			problems.addAll(PageCheck.problems(driver, language, language + "-participant-address-withdraw"));

			driver.findElement(By.cssSelector("form[action$='/accepted-addresses/withdraw'] button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.getCurrentUrl().endsWith("#address-withdrawal"));
			assertThat(focusedSoon(driver, "address-withdrawal")).isEqualTo("address-withdrawal");
			assertThat(driver.findElement(By.id("address-withdrawal")).getText()).contains(work);
			assertThat(driver.findElements(By.id("addresses-counting"))).isEmpty();
			problems.addAll(PageCheck.problems(driver, language, language + "-participant-address-withdrawn"));
		}
		finally {
			driver.quit();
		}
		assertThat(jdbc.sql("select state from accepted_address where trajectory_id = :t").param("t", trajectory).query(String.class)
			.single()).isEqualTo("WITHDRAWN");
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

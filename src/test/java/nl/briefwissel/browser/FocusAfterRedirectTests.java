package nl.briefwissel.browser;

import java.time.Duration;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

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
}

package nl.briefwissel.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a walk of the manager's and administrator's pages found in how they look: labels, help texts, a summary and
 * the header in the browser's serif (the theme sets no font for the document); select lists that looked like text
 * boxes (no arrow) and cut their chosen option off; two date fields side by side at different heights.
 */
@BriefwisselTest
@Tag("browser")
class TextAndSelectsInTheBrowserTests {

	/** Every select list and the text around a form: its font, its arrow and whether its chosen option fits. */
	private static final String LOOKS = """
			document.querySelectorAll('details').forEach(d => d.open = true);
			const problems = [];
			const serif = font => !/Noto Sans/.test(font);
			for (const selector of ['label.utrecht-form-label', '.utrecht-form-field-description', 'summary', '.bw-account span',
			    'button.utrecht-button', 'select']) {
			  for (const element of document.querySelectorAll(selector)) {
			    const font = getComputedStyle(element).fontFamily;
			    if (serif(font)) { problems.push(selector + ' "' + element.textContent.trim().slice(0, 30) + '" in ' + font); break; }
			  }
			}
			const canvas = document.createElement('canvas').getContext('2d');
			for (const select of document.querySelectorAll('main select:not([multiple])')) {
			  if (select.offsetParent === null) continue;
			  const style = getComputedStyle(select);
			  if (!style.backgroundImage.startsWith('url(')) problems.push(select.id + ': no arrow');
			  canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
			  const text = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : '';
			  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
			  if (canvas.measureText(text).width > room + 1) {
			    problems.push(select.id + ': "' + text + '" cut off (' + Math.round(canvas.measureText(text).width) + ' in ' + Math.round(room) + ' px)');
			  }
			  if (parseFloat(style.paddingRight) < 32) problems.push(select.id + ': the text runs under the arrow');
			}
			return problems;""";

	@LocalServerPort
	int port;

	@Test
	void labelsAndControlsHaveTheThemesTextFontAndSelectListsAnArrowAndRoomForTheirChoice() {
		Map<String, List<String>> pages = Map.of("programma@briefwissel.test",
				List.of("/programme?lang=en", "/programme?lang=nl", "/programme/intakes?lang=en"),
				"beheer@briefwissel.test", List.of("/admin?lang=nl", "/admin/erasure?lang=en"));
		List<String> problems = new ArrayList<>();
		pages.forEach((person, paths) -> {
			ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
			try {
				Chromium.signIn(driver, port, person);
				for (String path : paths) {
					driver.get("http://localhost:" + port + path);
					((List<?>) driver.executeScript(LOOKS)).forEach(problem -> problems.add(path + ": " + problem));
				}
				// In forced colours (Windows high contrast) the drawn arrow, black on what may be a black field, gives
				// way to the browser's own, in the system's colours.
				driver.executeCdpCommand("Emulation.setEmulatedMedia",
						Map.of("features", List.of(Map.of("name", "forced-colors", "value", "active"))));
				driver.get("http://localhost:" + port + paths.get(0));
				Object looks = driver.executeScript("""
						const style = getComputedStyle(document.querySelector('main select'));
						return style.appearance + ' ' + style.backgroundImage;""");
				if (!"auto none".equals(looks)) {
					problems.add(paths.get(0) + " in forced colours: " + looks);
				}
			}
			finally {
				driver.quit();
			}
		});
		assertThat(problems).isEmpty();
	}

	/** The statistics' "Van" and "Tot en met" stood at different heights at a desk, one with a help text above it. */
	@Test
	void theTwoDaysOfAPeriodStandSideBySideAtTheSameHeight() {
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, "programma@briefwissel.test");
			for (String language : new String[] { "nl", "en" }) {
				driver.get("http://localhost:" + port + "/programme/statistics?lang=" + language);
				WebElement from = driver.findElement(By.id("from"));
				WebElement until = driver.findElement(By.id("until"));
				assertThat(until.getRect().getY()).as(language + ": the last day beside the first").isEqualTo(from.getRect().getY());
				assertThat(until.getRect().getX()).as(language + ": side by side").isGreaterThan(from.getRect().getX());
			}
		}
		finally {
			driver.quit();
		}
	}
}

package nl.briefwissel.browser;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The page for a request the container cannot read, as a browser shows it: WCAG 2.1 AA, on a phone too. */
@BriefwisselTest
@Tag("browser")
class UnreadableRequestPageTests {

	@LocalServerPort
	int port;

	@Test
	void anAddressTheContainerCannotReadShowsAnAccessiblePageOnAPhone() {
		ChromeDriver driver = Chromium.phoneOf(320);
		try {
			driver.get("http://localhost:" + port + "/traject%ZZ");
			assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Dit verzoek konden we niet lezen");
			assertThat(PageCheck.problems(driver, "nl", "unreadable-request")).isEmpty();
			assertThat(((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue())
				.as("no sideways scrolling at 320 px").isLessThanOrEqualTo(320);
			driver.findElement(By.linkText("Naar de startpagina")).click();
			assertThat(driver.getCurrentUrl()).endsWith("/login");
		}
		finally {
			driver.quit();
		}
	}
}

package nl.briefwissel.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver: nothing is downloaded. The
 * flags keep Chromium from reaching for the network this machine does not have.
 */
final class Chromium {

	static final Dimension DESKTOP = new Dimension(1280, 900);

	static final Dimension PHONE = new Dimension(375, 812);

	private static final Path BINARY = Path.of(System.getProperty("briefwissel.chromium", "/usr/bin/chromium"));

	private static final Path DRIVER = Path.of(System.getProperty("briefwissel.chromedriver", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	/**
	 * Skips browser tests on a machine without Chromium, unless the run requires them (CI sets
	 * {@code BRIEFWISSEL_BROWSER_REQUIRED=true}, so there a missing browser fails instead).
	 */
	static void assumeInstalled() {
		boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
		if (!installed && "true".equals(System.getenv("BRIEFWISSEL_BROWSER_REQUIRED"))) {
			Assertions.fail("Chromium and ChromeDriver are required: apt-get install chromium chromium-driver");
		}
		Assumptions.assumeTrue(installed, "Chromium is not installed (apt-get install chromium chromium-driver)");
	}

	static ChromeDriver start(Dimension size) {
		return start(size, new ChromeOptions());
	}

	/**
	 * A phone's screen of this many CSS pixels wide, 320 being WCAG 1.4.10's reflow width: emulated, since
	 * a headless window is not made narrower than about 500 pixels.
	 */
	static ChromeDriver phoneOf(int width) {
		ChromeOptions options = new ChromeOptions();
		options.setExperimentalOption("mobileEmulation",
				Map.of("deviceMetrics", Map.of("width", width, "height", 640, "pixelRatio", 1.0)));
		return start(PHONE, options);
	}

	/** Signs a demo person in with their password, and waits until the sign-in page is left. */
	static void signIn(org.openqa.selenium.WebDriver driver, int port, String email) {
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
		driver.findElement(org.openqa.selenium.By.id("password")).sendKeys("briefwissel");
		driver.findElement(org.openqa.selenium.By.cssSelector("form[action$='/login'] button[type=submit]")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15))
			.until(browser -> !browser.getCurrentUrl().contains("/login"));
	}

	private static ChromeDriver start(Dimension size, ChromeOptions options) {
		assumeInstalled();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--lang=nl", "--window-size=" + size.getWidth() + "," + size.getHeight());
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "nl"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		driver.manage().window().setSize(size);
		return driver;
	}
}

package nl.briefwissel.browser;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.privacy.Erasures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** How a form looks when it comes back with what is wrong: every field keeps its shape. */
@BriefwisselTest
@Tag("browser")
class FormLayoutTests {

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	/**
	 * The application's two checkboxes, refused unticked: the error stands beside the box as the label
	 * does, and the box keeps its size. It became a box as wide as the text column, its error a word a line.
	 */
	@Test
	void anUntickedBoxThatIsRefusedKeepsItsSizeAndItsSentenceReadsAsOneLine() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(organisations.create("Gemeente Vormgeving " + suffix).id(), "Loopbaan " + suffix, null, null);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get("http://localhost:" + port + "/intake/programme/" + programme.id());
			WebElement box = driver.findElement(By.id("consent"));
			int width = box.getRect().getWidth();
			int height = box.getRect().getHeight();
			driver.findElement(By.cssSelector("form.bw-form button[type=submit]")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
				.until(browser -> !browser.findElements(By.id("consent-error")).isEmpty());

			WebElement refused = driver.findElement(By.id("consent"));
			assertThat(refused.getRect().getWidth()).isEqualTo(width);
			assertThat(refused.getRect().getHeight()).isEqualTo(height);
			WebElement error = driver.findElement(By.id("consent-error"));
			WebElement label = driver.findElement(By.cssSelector("label[for=consent]"));
			assertThat(error.getRect().getX()).as("the error stands where the label starts").isEqualTo(label.getRect().getX());
			assertThat(error.getRect().getHeight()).as("the error on one or two lines, not a word a line")
				.isLessThan(3 * label.getRect().getHeight());
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * The application form's checkboxes and round buttons at the theme's size, beside their label's first line, each
	 * option apart from the next, and its questions without the browser's frame: the checkbox was the browser's 13 px
	 * above its label's text, the options of a question touched, each question had a grey frame.
	 */
	@Test
	void theApplicationsBoxesAndButtonsAreTheThemesSizeBesideTheirLabels() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(organisations.create("Gemeente Vinkjes " + suffix).id(), "Loopbaan " + suffix, null, null);
		for (org.openqa.selenium.Dimension size : java.util.List.of(Chromium.DESKTOP, new org.openqa.selenium.Dimension(360, 800))) {
			ChromeDriver driver = Chromium.start(size);
			try {
				driver.get("http://localhost:" + port + "/intake/programme/" + programme.id());
				WebElement box = driver.findElement(By.id("consent"));
				WebElement label = driver.findElement(By.cssSelector("label[for=consent]"));
				assertThat(box.getRect().getWidth()).as("%s: the box's width", size).isGreaterThanOrEqualTo(24);
				assertThat(box.getRect().getHeight()).as("%s: the box's height", size).isGreaterThanOrEqualTo(24);
				// Beside the label's first line: its middle within that line, not above the text.
				int boxMiddle = box.getRect().getY() + box.getRect().getHeight() / 2;
				Number lineHeight = (Number) driver.executeScript("return parseFloat(getComputedStyle(arguments[0]).lineHeight);", label);
				assertThat(boxMiddle).as("%s: the box beside the label's first line", size)
					.isBetween(label.getRect().getY() + 4, label.getRect().getY() + lineHeight.intValue() - 4);
				java.util.List<WebElement> answers = driver.findElements(By.cssSelector("#selfcheck-motivated input[type=radio]"));
				assertThat(answers).hasSizeGreaterThan(1);
				assertThat(answers.get(0).getRect().getWidth()).as("%s: a round button's size", size).isBetween(20, 32);
				int gap = answers.get(1).getRect().getY() - (answers.get(0).getRect().getY() + answers.get(0).getRect().getHeight());
				assertThat(gap).as("%s: the options of a question apart", size).isGreaterThanOrEqualTo(4);
				Object frame = driver.executeScript(
						"return getComputedStyle(document.getElementById('selfcheck-motivated')).borderTopWidth;");
				assertThat(frame).as("%s: no browser frame round a question", size).isEqualTo("0px");
				PageCheck.screenshot(driver, "intake-form-" + size.getWidth());
			}
			finally {
				driver.quit();
			}
		}
	}

	/**
	 * The privacy form refused with an address that is none and web addresses that are none, on a 360-pixel phone:
	 * the error summary's sentences, which hold a long example address, and the fields' break inside that address.
	 * The page was 371 pixels wide.
	 */
	@Test
	void thePrivacyFormRefusedWithLongAddressesFitsAPhone() {
		Account admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		ChromeDriver driver = Chromium.phoneOf(360);
		try {
			Chromium.signIn(driver, port, admin.email());
			driver.get("http://localhost:" + port + "/admin/organisations/" + admin.organisationId() + "/privacy");
			WebElement email = driver.findElement(By.id("privacy-email"));
			email.clear();
			email.sendKeys("geen-adres");
			WebElement web = driver.findElement(By.id("privacy-web"));
			web.clear();
			web.sendKeys("geen-webadres-maar-een-heel-lange-tekst-zonder-spaties");
			// The statement's address too: its sentence holds the longest example (https://www.gemeente.nl/privacyverklaring).
			WebElement statement = driver.findElement(By.id("privacy-statement"));
			statement.clear();
			statement.sendKeys("geen adres");
			driver.findElement(By.cssSelector("form[action$='/privacy'] button[type=submit]")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
				.until(browser -> !browser.findElements(By.id("error-summary")).isEmpty());
			long overflow = ((Number) driver.executeScript("""
					const right = [...document.body.querySelectorAll('*')]
						.filter(e => !e.closest('.bw-table-scroll') && !e.closest('.bw-visually-hidden'))
						.reduce((max, e) => Math.max(max, e.getBoundingClientRect().right), 0);
					return Math.ceil(Math.max(right, document.documentElement.scrollWidth) - 360);""")).longValue();
			PageCheck.screenshot(driver, "privacy-refused-360");
			assertThat(overflow).as("how far the page reaches past the phone's screen").isLessThanOrEqualTo(1L);
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * At 320 pixels (WCAG 1.4.10) the coach's, manager's and administrator's pages do not scroll sideways:
	 * a table wider than that scrolls on its own. The workspace was 546 pixels wide, the accounts 796.
	 */
	@Test
	void onANarrowPhoneOnlyATableScrollsSidewaysNotThePage() {
		java.util.List<String> problems = new java.util.ArrayList<>();
		java.util.Map<String, java.util.List<String>> pages = new java.util.LinkedHashMap<>();
		pages.put("coach@briefwissel.test", java.util.List.of("/coach", "/coach/writing"));
		pages.put("programma@briefwissel.test", java.util.List.of("/programme", "/programme/intakes", "/programme/statistics"));
		pages.put("beheer@briefwissel.test", java.util.List.of("/admin", "/admin/erasure", "/admin/audit"));
		pages.forEach((person, paths) -> {
			ChromeDriver driver = Chromium.phoneOf(320);
			try {
				Chromium.signIn(driver, port, person);
				for (String path : paths) {
					driver.get("http://localhost:" + port + path);
					Long wider = (Long) driver.executeScript(
							"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
					if (wider > 1) {
						problems.add(path + " is " + wider + " px wider than the screen");
					}
				}
			}
			finally {
				driver.quit();
			}
		});
		assertThat(problems).isEmpty();
	}

	/**
	 * The audit trail's search with its days the wrong way round, on a 320-pixel phone: what is wrong stands
	 * at the field, on the screen, and the page does not scroll sideways.
	 */
	@Test
	void anAuditSearchWithItsDaysTheWrongWayRoundSaysSoAtTheFieldOnANarrowPhone() {
		ChromeDriver driver = Chromium.phoneOf(320);
		try {
			Chromium.signIn(driver, port, "beheer@briefwissel.test");
			driver.get("http://localhost:" + port + "/admin/audit?from=6-12-2026&to=5-12-2026");
			Long wider = (Long) driver.executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(wider).as("the page is not wider than the phone").isLessThanOrEqualTo(1L);
			WebElement error = driver.findElement(By.id("to-error"));
			assertThat(error.isDisplayed()).isTrue();
			assertThat(error.getRect().getX() + error.getRect().getWidth()).as("the sentence within the phone's width")
				.isLessThanOrEqualTo(320);
			assertThat(driver.findElement(By.id("to")).getAttribute("aria-describedby")).isEqualTo("to-error");
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * The administrator's decline of an erasure request, refused without a reason on a 320-pixel phone: the
	 * page does not scroll sideways, the reason's box fills the form's column within the phone, and it is
	 * shaped as every other text box: it lacked bw-textarea, so it had another font and another widest width.
	 */
	@Test
	void anErasureDeclineRefusedWithoutAReasonFitsANarrowPhoneWithItsBoxAsWideAsTheForm() {
		Account admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(admin.organisationId(),
				"afwijzen-" + UUID.randomUUID() + "@example.nl", "Aaf Afwijzen", java.util.Locale.forLanguageTag("nl"),
				java.util.Set.of(Role.PARTICIPANT), null));
		UUID request = erasures.request(participant.id()).id();
		ChromeDriver driver = Chromium.phoneOf(320);
		try {
			Chromium.signIn(driver, port, admin.email());
			driver.get("http://localhost:" + port + "/admin/erasure");
			driver.findElement(By.cssSelector("form[action$='/admin/erasure/" + request + "/decline'] button[type=submit]")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
				.until(browser -> !browser.findElements(By.id("reason-error-" + request)).isEmpty());

			Long wider = (Long) driver.executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(wider).as("the page is not wider than the phone").isLessThanOrEqualTo(1L);
			WebElement box = driver.findElement(By.id("reason-" + request));
			assertThat(box.getAttribute("aria-invalid")).isEqualTo("true");
			WebElement column = box.findElement(By.xpath("./ancestor::div[contains(@class,'utrecht-form-field__input')]"));
			assertThat(box.getRect().getWidth()).as("the box as wide as the form's column")
				.isGreaterThanOrEqualTo(column.getRect().getWidth() - 1);
			assertThat(box.getRect().getX() + box.getRect().getWidth()).as("the box within the phone's width")
				.isLessThanOrEqualTo(320);
			assertThat(driver.executeScript("var box = arguments[0], style = getComputedStyle(box);"
					+ " return [style.fontFamily === getComputedStyle(box.parentElement).fontFamily, style.maxWidth, style.boxSizing];", box))
				.as("shaped as every other text box (bw-textarea): the form's font, at most 48rem, border and padding inside its width")
				.isEqualTo(java.util.List.of(true, "768px", "border-box"));
		}
		finally {
			driver.quit();
		}
		assertThat(erasures.byId(request).orElseThrow().open()).as("still open: a decline needs a reason").isTrue();
	}

	/** The box a participant ticks to ask for erasure stood in the checkbox's column with its words: a word a line. */
	@Test
	void theErasureRequestsBoxHasItsSentenceBesideIt() {
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, "deelnemer@briefwissel.test");
			driver.get("http://localhost:" + port + "/participant/privacy");
			WebElement box = driver.findElement(By.id("sure"));
			WebElement label = driver.findElement(By.cssSelector("label[for=sure]"));
			assertThat(label.getRect().getX()).as("the sentence right of the box").isGreaterThan(box.getRect().getX());
			assertThat(label.getRect().getWidth()).as("the sentence as wide as it needs").isGreaterThan(300);
		}
		finally {
			driver.quit();
		}
	}
}

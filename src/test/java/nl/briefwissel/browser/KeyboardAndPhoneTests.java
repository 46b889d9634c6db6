package nl.briefwissel.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The coach's write-and-send with the keyboard alone, and the participant's pages on a phone. */
@BriefwisselTest
@Tag("browser")
class KeyboardAndPhoneTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	CoachDesk coachDesk;

	@Test
	void aCoachWritesAndSendsALetterWithTheKeyboardAloneAndAlwaysSeesWhereTheFocusIs() {
		UUID trajectory = aTrajectoryOfTheDemoCoachWith("toetsenbord", "Tineke Toetsenbord");
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get(url("/login"));
			Actions keys = new Actions(driver);
			driver.findElement(By.id("email")).sendKeys("coach@briefwissel.test", Keys.TAB, "briefwissel", Keys.ENTER);
			signedIn(driver);
			driver.get(url("/coach/trajectories/" + trajectory));

			List<String> unseen = new ArrayList<>();
			WebElement focused = tabUntil(driver, keys, element -> "text".equals(element.getAttribute("id")), unseen);
			String letter = "Dag Tineke, wat wil je over een jaar anders doen? " + UUID.randomUUID();
			focused.sendKeys(letter);
			tabUntil(driver, keys, element -> "button".equals(element.getTagName()) && element.getText().equals("Versturen"),
					unseen);
			keys.sendKeys(Keys.ENTER).perform();

			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
				.until(() -> conversations.of(trajectory).stream().map(Message::body).anyMatch(letter::equals));
			new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
				.until(browser -> browser.findElement(By.tagName("main")).getText().contains(letter));
			assertThat(driver.findElement(By.tagName("main")).getText()).contains(letter);
			assertThat(unseen).as("elements that took the focus without showing it").isEmpty();
			PageCheck.screenshot(driver, "keyboard-coach-sent");
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * Only links, buttons and text boxes had the black and yellow focus: a select list, a text area, a radio button, a
	 * checkbox, a summary and the skip link showed the browser's thin ring (WCAG 2.4.7). Every stop of the Tab key on
	 * the application form and on the programme page (its sections open) shows the same focus.
	 */
	@Test
	void everyKindOfFieldShowsTheSameFocus(@Autowired nl.briefwissel.organisation.Organisations organisations,
			@Autowired nl.briefwissel.organisation.Programmes programmes) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(organisations.create("Gemeente Focus " + suffix).id(), "Loopbaan " + suffix, null, null);
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Set<String> kinds = new java.util.TreeSet<>();
			List<String> otherwise = new ArrayList<>();
			driver.get(url("/intake/programme/" + programme.id()));
			tabThrough(driver, kinds, otherwise);
			Chromium.signIn(driver, port, "programma@briefwissel.test");
			driver.get(url("/programme"));
			driver.executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
			tabThrough(driver, kinds, otherwise);
			assertThat(kinds).contains("skip link", "select", "textarea", "input radio", "input checkbox", "summary",
					"input text", "button", "a");
			assertThat(otherwise).as("stops without the black and yellow focus").isEmpty();
		}
		finally {
			driver.quit();
		}
	}

	/** Tabs from the top of the page to its end, noting each kind of stop and each one without the house focus. */
	private static void tabThrough(ChromeDriver driver, Set<String> kinds, List<String> otherwise) {
		Actions keys = new Actions(driver);
		driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
		Set<WebElement> seen = new java.util.HashSet<>();
		for (int presses = 0; presses < 400; presses++) {
			keys.sendKeys(Keys.TAB).perform();
			WebElement active = driver.switchTo().activeElement();
			if (!seen.add(active) || "body".equals(active.getTagName())) {
				return;
			}
			String kind = (String) driver.executeScript("""
					const e = arguments[0];
					if (e.classList.contains('utrecht-skip-link')) return 'skip link';
					return e.tagName.toLowerCase() + (e.tagName === 'INPUT' ? ' ' + e.type : '');""", active);
			kinds.add(kind);
			String focus = (String) driver.executeScript("""
					const s = getComputedStyle(arguments[0]);
					return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ' ' + s.boxShadow;""", active);
			if (!focus.startsWith("solid 3px rgb(0, 0, 0)") || !focus.contains("rgb(255, 221, 0)")) {
				otherwise.add(kind + " #" + active.getAttribute("id") + ": " + focus);
			}
		}
	}

	@Test
	void theParticipantsPagesWorkOnAPhone() {
		ChromeDriver driver = Chromium.start(Chromium.PHONE);
		try {
			Chromium.signIn(driver, port, "deelnemer@briefwissel.test");
			List<String> problems = new ArrayList<>();
			for (String page : List.of("/participant", "/participant/conversation", "/participant/report",
					"/participant/privacy", "/account/security")) {
				driver.get(url(page));
				long overflow = (Long) ((JavascriptExecutor) driver)
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
				if (overflow > 1) {
					problems.add(page + " is " + overflow + " px wider than the phone's screen");
				}
				problems.addAll(PageCheck.problems(driver, "nl", "phone" + page));
			}
			assertThat(problems).isEmpty();
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * An empty field the form needs (the closing summary, an application's question) looks like any
	 * other field until the person has been in it: Utrecht's textarea was red from the start.
	 */
	@Test
	void aRequiredFieldNobodyTypedInYetIsNotShownAsWrong() {
		UUID trajectory = aTrajectoryOfTheDemoCoachWith("leeg-veld", "Lieke Leegveld");
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(driver, port, "coach@briefwissel.test");
			driver.get(url("/coach/trajectories/" + trajectory));
			WebElement summary = driver.findElement(By.id("summary"));
			WebElement note = driver.findElement(By.id("note"));
			assertThat(summary.getAttribute("required")).isNotNull();
			assertThat(note.getAttribute("required")).isNull();
			for (String property : List.of("background-color", "border-top-color", "border-bottom-width")) {
				assertThat(summary.getCssValue(property)).as(property).isEqualTo(note.getCssValue(property));
			}
		}
		finally {
			driver.quit();
		}
	}

	/**
	 * A letter sent from a page opened before the trajectory ended comes back in the notice that says so: its
	 * sentences and the letter stand under each other, at a desk and on a phone, as in the notice of a draft
	 * sent from another tab. They stood side by side in the alert, the letter a narrow column beside them.
	 */
	@Test
	void theNoticeOfALetterToAnEndedTrajectoryReadsTopToBottomAtADeskAndOnAPhone() {
		UUID trajectory = aTrajectoryOfTheDemoCoachWith("afgesloten", "Anna Afgesloten");
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		List<String> problems = new ArrayList<>();
		ChromeDriver desk = Chromium.start(Chromium.DESKTOP);
		try {
			Chromium.signIn(desk, port, coach.email());
			desk.get(url("/coach/trajectories/" + trajectory));
			desk.findElement(By.id("text")).sendKeys("Nog een laatste gedachte voor je.");
			lifecycle.complete(trajectory, coach.id(), Reason.QUESTION_ANSWERED, null);
			desk.findElement(By.xpath("//form[@id='write-form']//button[normalize-space()='Versturen']")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(desk, java.time.Duration.ofSeconds(15))
				.until(browser -> !browser.findElements(By.cssSelector("#not-sent .bw-message__body")).isEmpty());
			assertThat(desk.findElement(By.cssSelector("#not-sent .bw-message__body")).getText())
				.isEqualTo("Nog een laatste gedachte voor je.");
			problems.addAll(underEachOther(desk, "desk", 3));
			PageCheck.screenshot(desk, "ended-not-sent-desk");
		}
		finally {
			desk.quit();
		}
		coachDesk.saveDraft(trajectory, coach.id(), "Nog een laatste gedachte voor je.");
		ChromeDriver phone = Chromium.phoneOf(320);
		try {
			Chromium.signIn(phone, port, coach.email());
			phone.get(url("/coach/trajectories/" + trajectory));
			assertThat(phone.findElement(By.cssSelector("#not-sent .bw-message__body")).getText())
				.isEqualTo("Nog een laatste gedachte voor je.");
			problems.addAll(underEachOther(phone, "phone", 3));
			problems.addAll(PageCheck.problems(phone, "nl", "ended-draft-left-phone"));
		}
		finally {
			phone.quit();
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * A long web address in a letter is a link on a 320-pixel phone (decision 0123): it wraps inside the letter
	 * rather than widening the page, and the pages meet WCAG 2.1 AA; the coach's page as well, at a desk.
	 */
	@Test
	void aWebAddressInALetterIsALinkThatFitsAPhone() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(coach.organisationId(), "video-" + UUID.randomUUID() + "@example.nl",
				"Vera Video", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null), accounts.hash("briefwissel"));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		UUID trajectory = trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
				Today.date(), null);
		String video = "https://example.org/video/een-heel-lange-naam-van-een-video-over-loopbaankeuzes?t=120&lijst=loopbaan-2026";
		conversations.coachWrites(trajectory, coach.id(), "Kijk deze video (" + video + "). Wat viel je op?");
		ChromeDriver driver = Chromium.phoneOf(320);
		try {
			Chromium.signIn(driver, port, participant.email());
			List<String> problems = new ArrayList<>();
			for (String page : List.of("/participant/conversation", "/participant/report/" + trajectory)) {
				driver.get(url(page));
				List<WebElement> links = driver.findElements(By.cssSelector("main a[href='" + video + "']"));
				if (links.size() != 1 || !video.equals(links.get(0).getText().replaceAll("\\s+", ""))) {
					problems.add(page + ": the address is not one link reading as written: " + links.size());
				}
				long overflow = (Long) ((JavascriptExecutor) driver)
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
				if (overflow > 1) {
					problems.add(page + " is " + overflow + " px wider than the phone's screen");
				}
				problems.addAll(PageCheck.problems(driver, "nl", "phone-link" + page.replaceAll("/[0-9a-f-]{36}", "")));
			}
			ChromeDriver desk = Chromium.start(Chromium.DESKTOP);
			try {
				Chromium.signIn(desk, port, coach.email());
				desk.get(url("/coach/trajectories/" + trajectory));
				if (desk.findElements(By.cssSelector("main .bw-message__body a[href='" + video + "']")).size() != 1) {
					problems.add("the coach's page: the address is not a link");
				}
				problems.addAll(PageCheck.problems(desk, "nl", "desk-link/coach/trajectory"));
			}
			finally {
				desk.quit();
			}
			assertThat(problems).isEmpty();
		}
		finally {
			driver.quit();
		}
	}

	/** The participant's notice of a letter to an ended trajectory, as the coach's: top to bottom, at a desk and on a phone. */
	@Test
	void theParticipantsNoticeOfALetterToAnEndedTrajectoryReadsTopToBottomAtADeskAndOnAPhone() {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		List<String> problems = new ArrayList<>();
		for (String screen : List.of("desk", "phone")) {
			Account participant = accounts.register(new NewAccount(coach.organisationId(),
					"afgesloten-" + UUID.randomUUID() + "@example.nl", "Pieter Afgesloten", Locale.forLanguageTag("nl"),
					Set.of(Role.PARTICIPANT), null), accounts.hash("briefwissel"));
			UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
			UUID trajectory = trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
					Today.date(), null);
			ChromeDriver driver = "desk".equals(screen) ? Chromium.start(Chromium.DESKTOP) : Chromium.phoneOf(320);
			try {
				Chromium.signIn(driver, port, participant.email());
				driver.get(url("/participant/conversation"));
				driver.findElement(By.id("text")).sendKeys("Nog een vraag aan mijn coach.");
				lifecycle.complete(trajectory, coach.id(), Reason.QUESTION_ANSWERED, null);
				driver.findElement(By.xpath("//form[.//textarea[@id='text']]//button[normalize-space()='Versturen']")).click();
				new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
					.until(browser -> !browser.findElements(By.cssSelector("#not-sent .bw-message__body")).isEmpty());
				assertThat(driver.findElement(By.cssSelector("#not-sent .bw-message__body")).getText())
					.isEqualTo("Nog een vraag aan mijn coach.");
				// The participant's notice also says where a new question goes (WhereNext) and, in a programme that
				// mails letters, that a mail after the end is kept without an answer to count on (decision 0030): each a
				// sentence of its own.
				problems.addAll(underEachOther(driver, "participant " + screen, 5));
				PageCheck.screenshot(driver, "participant-ended-not-sent-" + screen);
			}
			finally {
				driver.quit();
			}
		}
		assertThat(problems).isEmpty();
	}

	/** The notice's sentences and letter, each below the one before it rather than beside it. */
	private static List<String> underEachOther(ChromeDriver driver, String screen, int sentencesAndLetter) {
		List<String> problems = new ArrayList<>();
		List<WebElement> parts = driver.findElements(By.cssSelector("#not-sent p, #not-sent .bw-message__body"));
		assertThat(parts).hasSize(sentencesAndLetter);
		for (int i = 1; i < parts.size(); i++) {
			var above = parts.get(i - 1).getRect();
			var below = parts.get(i).getRect();
			if (below.getY() < above.getY() + above.getHeight() - 1) {
				problems.add(screen + ": part " + (i + 1) + " of the notice stands beside part " + i + ", not under it");
			}
		}
		return problems;
	}

	/** A running trajectory of the demo coach with a participant of its own, so tests do not see each other's letters. */
	private UUID aTrajectoryOfTheDemoCoachWith(String address, String name) {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				address + "-" + UUID.randomUUID() + "@example.nl", name, Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		return trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
	}

	private static void signedIn(ChromeDriver driver) {
		new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
			.until(browser -> !browser.getCurrentUrl().contains("/login"));
	}

	/** Presses Tab until the wanted element has the focus, noting every stop whose focus is invisible. */
	private WebElement tabUntil(ChromeDriver driver, Actions keys, java.util.function.Predicate<WebElement> wanted,
			List<String> unseen) {
		for (int presses = 0; presses < 300; presses++) {
			keys.sendKeys(Keys.TAB).perform();
			WebElement active = driver.switchTo().activeElement();
			Boolean visible = (Boolean) driver.executeScript("""
					const s = getComputedStyle(arguments[0]);
					return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';""", active);
			if (!Boolean.TRUE.equals(visible)) {
				unseen.add(active.getTagName() + " " + active.getText() + " " + active.getAttribute("class"));
			}
			if (wanted.test(active)) {
				return active;
			}
		}
		throw new AssertionError("Tab never reached the element");
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

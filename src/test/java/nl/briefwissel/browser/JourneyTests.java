package nl.briefwissel.browser;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.TestCodes;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole journey in Chromium, every role in its own browser, in Dutch and in English: an
 * application through the programme's link, matching, the coach's app code and welcome letter, a
 * photo assignment answered from the web, a reply by mail, the record and its PDF, completion, the
 * evaluation and the figures. Every page on the way is checked like the accessibility tour does.
 */
@BriefwisselTest
@Tag("browser")
class JourneyTests {

	private static final String PASSWORD = "een lang wachtwoord voor de reis";

	private static final Pattern CONFIRM_LINK = Pattern.compile("http://[^\\s\"<]+/intake/confirm/[A-Za-z0-9_-]{43}");

	private static final Pattern SIGN_IN_LINK = Pattern.compile("http://[^\\s\"<]+/login/link\\?token=[A-Za-z0-9_-]{43}");

	private static final Pattern EVALUATION_LINK = Pattern.compile("http://[^\\s\"<]+/evaluation/[A-Za-z0-9_-]{43}");

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Accounts accounts;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	GivenAssignments given;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	nl.briefwissel.conversation.ReminderRun reminderRun;

	@Autowired
	org.springframework.context.MessageSource texts;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private final List<String> problems = new ArrayList<>();

	private final Set<String> checked = new LinkedHashSet<>();

	@ParameterizedTest
	@ValueSource(strings = { "nl", "en" })
	void fromApplicationToEvaluationInEveryRolesOwnBrowser(String language) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Reis " + suffix);
		// The pilot's way, chosen: the journey reads the coach's letters in the participant's mail and replies to them.
		Programme programme = programmes.create(organisation.id(), "Reisprogramma " + suffix, null, MailMode.FULL_TEXT);
		programmes.openPublicIntake(programme.id(), true);
		Account manager = staff(organisation.id(), "pm-" + suffix, "Petra Programma", Role.PROGRAMME_MANAGER, language);
		Account coach = staff(organisation.id(), "coach-" + suffix, "Carla Coach", Role.COACH, language);
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of());
		pool.set(programme.id(), List.of(coach.id()));
		String applicant = "reiziger-" + suffix + "@example.nl";
		String question = "Ik werk twintig jaar bij de gemeente en wil iets anders, maar wat? " + suffix;

		// 1. The applicant applies through the programme's public link and confirms by mail.
		ChromeDriver participant = Chromium.start(Chromium.DESKTOP);
		ChromeDriver managerBrowser = Chromium.start(Chromium.DESKTOP);
		ChromeDriver coachBrowser = Chromium.start(Chromium.DESKTOP);
		try {
			participant.get(url("/intake/programme/" + programme.id() + "?lang=" + language));
			check(participant, language, "intake-form");
			participant.findElement(By.id("displayName")).sendKeys("Rita Reiziger");
			participant.findElement(By.id("email")).sendKeys(applicant);
			participant.findElement(By.id("question")).sendKeys(question);
			participant.findElements(By.cssSelector("input[name=theme]")).get(0).click();
			for (String selfCheck : List.of("writesComfortably", "motivated", "hasTime")) {
				participant.findElement(By.id(selfCheck + "-YES")).click();
			}
			participant.findElement(By.id("expectations")).click();
			participant.findElement(By.id("consent")).click();
			submit(participant, "form.bw-form");
			check(participant, language, "intake-sent");
			MimeMessage confirmation = Mailboxes.awaitMail(mailServer, applicant,
					mail -> CONFIRM_LINK.matcher(Mailboxes.text(mail)).find());
			assertThat(Mailboxes.subject(confirmation)).as("the mail speaks the applicant's language")
				.isEqualTo(texts.getMessage("mail.confirmIntake.subject", new Object[] { "Rita Reiziger", programme.name() },
						Locale.forLanguageTag(language)));
			participant.get(link(applicant, CONFIRM_LINK));
			check(participant, language, "intake-confirm");
			submit(participant, "form.bw-form");
			check(participant, language, "intake-done");
			TrajectoryOverview trajectory = await().atMost(Duration.ofSeconds(10))
				.until(() -> trajectories.ofProgramme(programme.id()).stream().findFirst(), java.util.Optional::isPresent)
				.orElseThrow();

			// 2. The programme manager signs in with password and app, and proposes the coach.
			signInWithApp(managerBrowser, manager.email(), language);
			managerBrowser.get(url("/programme/intakes"));
			check(managerBrowser, language, "intakes");
			assertThat(managerBrowser.getPageSource()).doesNotContain(question);
			WebElement propose = managerBrowser
				.findElement(By.cssSelector("form[action$='/programme/trajectories/" + trajectory.id() + "/propose']"));
			new Select(propose.findElement(By.name("coach"))).selectByValue(coach.id().toString());
			WebElement proposeButton = propose.findElement(By.cssSelector("button[type=submit]"));
			proposeButton.click();
			waitUntilGone(managerBrowser, proposeButton);
			check(managerBrowser, language, "intakes-proposed");

			// 3. The coach signs in, reads the question, accepts with a welcome letter.
			signInWithApp(coachBrowser, coach.email(), language);
			coachBrowser.get(url("/coach/proposals/" + trajectory.id()));
			check(coachBrowser, language, "proposal");
			assertThat(coachBrowser.findElement(By.tagName("main")).getText()).contains(question);
			// A decline for 'Anders' without words is refused at its explanation, the reason kept (decision 0068).
			new Select(coachBrowser.findElement(By.id("decline-reason"))).selectByValue("OTHER");
			submit(coachBrowser, "form[action$='/decline']");
			assertThat(coachBrowser.findElement(By.id("decline-why")).getAttribute("aria-describedby")).isEqualTo("decline-why-help decline-why-error");
			assertThat(new Select(coachBrowser.findElement(By.id("decline-reason"))).getFirstSelectedOption().getAttribute("value"))
				.isEqualTo("OTHER");
			check(coachBrowser, language, "proposal-decline-refused");
			WebElement letter = coachBrowser.findElement(By.id("letter"));
			letter.clear();
			letter.sendKeys("Welkom Rita. Vertel eens: wat deed je het liefst in die twintig jaar?");
			submit(coachBrowser, "form[action$='/accept']");
			check(coachBrowser, language, "coach-trajectory");
			assertThat(Mailboxes.awaitMail(mailServer, applicant, mail -> Mailboxes.text(mail).contains("Welkom Rita")))
				.isNotNull();

			// 4. The coach gives a photo assignment inside a letter.
			click(coachBrowser, "button[name=next][value=assignments]");
			check(coachBrowser, language, "choose-assignment");
			String photo = "nl".equals(language) ? "De plek waar jij het best nadenkt" : "The place where you think best";
			WebElement give = coachBrowser
				.findElement(By.xpath("//article[h3[normalize-space()='" + photo + "']]//a[contains(@href, 'give=')]"));
			give.click();
			waitUntilGone(coachBrowser, give);
			check(coachBrowser, language, "coach-giving-assignment");
			coachBrowser.findElement(By.id("text")).sendKeys("\n\nIk ben benieuwd naar je foto.");
			click(coachBrowser, "form[action$='/messages'] button.utrecht-button--primary-action");
			check(coachBrowser, language, "coach-sent-assignment");
			assertThat(given.of(trajectory.id())).hasSize(1);

			// 5. The participant signs in with a link by mail and answers with a photo from the web.
			participant.get(url("/login"));
			participant.findElement(By.id("link-email")).sendKeys(applicant);
			submit(participant, "form[action$='/login/link']");
			check(participant, language, "link-sent");
			participant.get(link(applicant, SIGN_IN_LINK));
			check(participant, language, "link-confirm");
			submit(participant, "form[action$='/login/link/use']");
			check(participant, language, "participant-home");
			participant.get(url("/participant/conversation"));
			check(participant, language, "participant-conversation");
			participant.findElement(By.id("text")).sendKeys("Hier is mijn foto van de plek waar ik het liefst werk.");
			participant.findElement(By.id("files")).sendKeys(photo().toString());
			click(participant, "form[action$='/participant/conversation'] button.utrecht-button--primary-action");
			check(participant, language, "participant-sent-photo");
			assertThat(given.of(trajectory.id()).get(0).answered()).isTrue();

			// 6. The participant replies to the welcome letter by mail, from their own mail client.
			MimeMessage welcome = Mailboxes.awaitMail(mailServer, applicant, mail -> Mailboxes.text(mail).contains("Welkom Rita"));
			MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
			reply.setFrom(new InternetAddress(applicant));
			reply.setRecipients(RecipientType.TO, welcome.getReplyTo());
			reply.setSubject("Re: " + welcome.getSubject(), "UTF-8");
			reply.setHeader("In-Reply-To", welcome.getMessageID());
			reply.setText("Het liefst hielp ik inwoners aan de balie verder.\n\nGroet, Rita\n\n> Welkom Rita.", "UTF-8");
			Transport.send(reply);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> conversations.of(trajectory.id()).stream().map(Message::body).anyMatch(body -> body.contains("aan de balie")));
			coachBrowser.get(url("/coach/trajectories/" + trajectory.id()));
			assertThat(coachBrowser.findElement(By.tagName("main")).getText()).contains("aan de balie")
				.doesNotContain("> Welkom Rita");

			// 7. The coach answers; two weeks on without a word from the participant: one reminder, in their own
			// language (none while the participant waits for the coach).
			jdbc.sql("update trajectory set started_on = :start where id = :id")
				.param("start", Today.date().minusWeeks(3))
				.param("id", trajectory.id())
				.update();
			jdbc.sql("update message set created_at = :at where trajectory_id = :id")
				.param("at", java.time.OffsetDateTime.now().minusWeeks(3))
				.param("id", trajectory.id())
				.update();
			UUID answer = conversations.coachWrites(trajectory.id(), coach.id(), "Wat trekt je aan het werk aan de balie?");
			jdbc.sql("update message set created_at = :at where id = :id")
				.param("at", java.time.OffsetDateTime.now().minusWeeks(3).plusHours(1))
				.param("id", answer)
				.update();
			reminderRun.now();
			MimeMessage reminder = Mailboxes.awaitMail(mailServer, applicant,
					mail -> Mailboxes.subject(mail).startsWith("nl".equals(language) ? "Even een herinnering" : "A gentle reminder"));
			assertThat(reminder.getHeader("Auto-Submitted")).containsExactly("auto-generated");

			// 8. The participant reads the record and downloads it as PDF.
			participant.get(url("/participant/report/" + trajectory.id()));
			check(participant, language, "participant-report");
			assertThat(status(participant, "/participant/report/" + trajectory.id() + "/pdf")).isEqualTo(200);

			// 9. The coach completes the trajectory; the participant answers the evaluation by mail link.
			// The course is changed on a page of its own, one link from the conversation.
			coachBrowser.get(url("/coach/trajectories/" + trajectory.id()));
			click(coachBrowser, "a[href$='/coach/trajectories/" + trajectory.id() + "/course']");
			check(coachBrowser, language, "course");
			for (WebElement summary : coachBrowser.findElements(By.cssSelector("details > summary"))) {
				if (summary.findElement(By.xpath("..")).findElements(By.cssSelector("form[action$='/complete']")).size() > 0) {
					summary.click();
				}
			}
			// No reason is chosen in advance; completing asks first what will happen (decision 0064).
			new org.openqa.selenium.support.ui.Select(coachBrowser.findElement(By.id("complete-reason")))
				.selectByValue("QUESTION_ANSWERED");
			submit(coachBrowser, "form[action$='/complete']");
			check(coachBrowser, language, "course-confirm-complete");
			assertThat(trajectories.byId(trajectory.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
			click(coachBrowser, "form[action$='/complete'] button[name=confirmed]");
			check(coachBrowser, language, "coach-completed");
			assertThat(coachBrowser.findElement(By.cssSelector(".bw-lifecycle [role=status]")).getText()).isNotBlank();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> trajectories.byId(trajectory.id()).orElseThrow().status() == TrajectoryStatus.COMPLETED);
			participant.get(link(applicant, EVALUATION_LINK));
			check(participant, language, "evaluation");
			Set<String> groups = new LinkedHashSet<>();
			for (WebElement radio : participant.findElements(By.cssSelector("form input[type=radio]"))) {
				if (groups.add(radio.getAttribute("name"))) {
					radio.click();
				}
			}
			submit(participant, "form[action*='/evaluation/']");
			check(participant, language, "evaluation-thanks");

			// 10. The programme manager sees the figures, without a word of content.
			managerBrowser.get(url("/programme/statistics"));
			check(managerBrowser, language, "statistics");
			assertThat(managerBrowser.getPageSource()).contains("Reisprogramma " + suffix).doesNotContain("balie")
				.doesNotContain(question);
		}
		finally {
			participant.quit();
			managerBrowser.quit();
			coachBrowser.quit();
		}
		assertThat(checked).hasSizeGreaterThan(15);
		assertThat(problems).isEmpty();
	}

	private Account staff(UUID organisation, String name, String displayName, Role role, String language) {
		return accounts.register(new NewAccount(organisation, name + "@example.nl", displayName,
				Locale.forLanguageTag(language), Set.of(role), PASSWORD));
	}

	/** Signs in with the password, sets up the authenticator app at this first sign-in, keeps the codes. */
	private void signInWithApp(WebDriver driver, String email, String language) {
		driver.get(url("/login?lang=" + language));
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		submit(driver, "form[action$='/login']");
		assertThat(driver.getCurrentUrl()).endsWith("/login/code/setup");
		check(driver, language, "code-setup-" + email);
		String secret = driver.findElement(By.cssSelector(".bw-secret")).getText();
		driver.findElement(By.id("code")).sendKeys(TestCodes.current(secret));
		submit(driver, "form[action$='/login/code/setup']");
		check(driver, language, "recovery-codes-" + email);
		click(driver, "main a.utrecht-button-link");
	}

	private static void click(WebDriver driver, String selector) {
		WebElement element = driver.findElement(By.cssSelector(selector));
		element.click();
		waitUntilGone(driver, element);
	}

	/**
	 * Until the page that held this element has been replaced. Chromium reports a replaced node as
	 * stale, or, while the new document loads, as not belonging to the document: both mean gone.
	 */
	private static void waitUntilGone(WebDriver driver, WebElement element) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.StaleElementReferenceException stale) {
				return true;
			}
			catch (org.openqa.selenium.WebDriverException replaced) {
				return replaced.getMessage() != null && replaced.getMessage().contains("does not belong to the document");
			}
		});
	}

	private void check(WebDriver driver, String language, String name) {
		checked.add(name);
		problems.addAll(PageCheck.problems(driver, language, "journey-" + language + "-" + name));
	}

	/** Presses the form's button and waits until the next page has replaced this one. */
	private static void submit(WebDriver driver, String formSelector) {
		WebElement button = driver.findElement(By.cssSelector(formSelector + " button[type=submit]"));
		button.click();
		waitUntilGone(driver, button);
	}

	/** The HTTP status of a download, fetched by the page itself with its own session. */
	private static long status(ChromeDriver driver, String path) {
		return (Long) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
				+ "fetch(arguments[0]).then(r => done(r.status)).catch(() => done(-1));", path);
	}

	private String link(String address, Pattern pattern) {
		MimeMessage mail = Mailboxes.awaitMail(mailServer, address, message -> pattern.matcher(Mailboxes.text(message)).find());
		Matcher link = pattern.matcher(Mailboxes.text(mail));
		assertThat(link.find()).isTrue();
		return link.group();
	}

	private static Path photo() throws Exception {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		image.getGraphics().fillRect(8, 8, 32, 24);
		Path file = Files.createTempFile("werkplek-", ".jpg");
		ImageIO.write(image, "jpg", file.toFile());
		return file;
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

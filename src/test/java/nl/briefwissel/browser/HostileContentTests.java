package nl.briefwissel.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Script in everything a stranger controls — display name, subject, text, HTML part, file name —
 * arrives by mail and is shown on the coach's pages in Chromium: it must stay text. Checked twice:
 * nothing ran, and the page holds no element the payload tried to make.
 */
@BriefwisselTest
@Tag("browser")
class HostileContentTests {

	private static final String RUN = "window.__pwned = (window.__pwned || 0) + 1";

	private static final List<String> PAYLOADS = List.of("<script>" + RUN + "</script>",
			"<img src=x onerror=\"" + RUN + "\">", "\"><svg onload=\"" + RUN + "\">", "javascript:" + RUN,
			"<iframe src=\"javascript:" + RUN + "\"></iframe>",
			// A web address in a letter is a link (decision 0123): what follows it must not become its attributes.
			"https://example.org/\"onmouseover=\"" + RUN + "\" www.example.org/<script>" + RUN + "</script>");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void scriptInAMailStaysTextOnEveryPageThatShowsIt() throws Exception {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		String address = "aanvaller-" + UUID.randomUUID() + "@example.nl";
		Account participant = accounts.register(new NewAccount(coach.organisationId(), address,
				"Rita " + PAYLOADS.get(1), Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		UUID trajectory = trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
				Today.date(), null);
		conversations.coachWrites(trajectory, coach.id(), "Wat wil je vertellen?");
		MimeMessage letter = Mailboxes.awaitMail(mailServer, address, mail -> true);

		MimeMessage hostile = new MimeMessage(Mailboxes.smtp(mailServer));
		hostile.setFrom(new InternetAddress(address, "Rita " + PAYLOADS.get(0), "UTF-8"));
		hostile.setRecipients(RecipientType.TO, letter.getReplyTo());
		hostile.setSubject("Re: " + PAYLOADS.get(2), "UTF-8");
		hostile.setHeader("In-Reply-To", letter.getMessageID());
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Mijn antwoord " + String.join(" ", PAYLOADS), "UTF-8");
		MimeBodyPart html = new MimeBodyPart();
		html.setContent("<p>Mijn antwoord</p>" + String.join("", PAYLOADS), "text/html; charset=UTF-8");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		MimeBodyPart body = new MimeBodyPart();
		body.setContent(alternative);
		MimeBodyPart file = new MimeBodyPart();
		file.setDataHandler(new DataHandler(new ByteArrayDataSource("plain".getBytes(StandardCharsets.UTF_8), "text/plain")));
		file.setFileName(PAYLOADS.get(2) + ".txt");
		MimeMultipart mixed = new MimeMultipart("mixed");
		mixed.addBodyPart(body);
		mixed.addBodyPart(file);
		hostile.setContent(mixed);
		Transport.send(hostile);
		Message arrived = await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(trajectory).stream().filter(m -> m.body().contains("Mijn antwoord")).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();

		MimeMessage stray = new MimeMessage(hostile);
		stray.setRecipients(RecipientType.TO, "reply+" + "q".repeat(26) + "@briefwissel.test");
		String straySubject = "Verdwaald " + UUID.randomUUID() + " " + PAYLOADS.get(0);
		stray.setSubject(straySubject, "UTF-8");
		stray.removeHeader("Message-ID");
		stray.removeHeader("In-Reply-To");
		stray.setFrom(new InternetAddress("onbekend-" + UUID.randomUUID() + "@example.nl", PAYLOADS.get(1), "UTF-8"));
		stray.saveChanges();
		Transport.send(stray);
		UUID quarantined = await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().filter(e -> straySubject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow()
			.inboundMailId();

		List<String> problems = new ArrayList<>();
		visit("coach@briefwissel.test", List.of("/coach", "/coach/trajectories/" + trajectory,
				"/coach/trajectories/" + trajectory + "/messages/" + arrived.id() + "/original",
				"/coach/trajectories/" + trajectory + "/report"), problems);
		visit("beheer@briefwissel.test", List.of("/admin/quarantine",
				"/admin/quarantine/" + quarantined, "/admin/audit"),
				problems);
		assertThat(problems).isEmpty();
	}

	@Autowired
	nl.briefwissel.conversation.Quarantine quarantine;

	private void visit(String email, List<String> pages, List<String> problems) {
		ChromeDriver driver = Chromium.start(Chromium.DESKTOP);
		try {
			driver.get(url("/login"));
			driver.findElement(By.id("email")).sendKeys(email);
			driver.findElement(By.id("password")).sendKeys("briefwissel");
			driver.findElement(By.cssSelector("form[action$='/login'] button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> !browser.getCurrentUrl().contains("/login"));
			for (String page : pages) {
				driver.get(url(page));
				if (!driver.findElements(By.id("reason")).isEmpty()) {
					// An administrator opens a quarantined mail with a reason, posted in the form (decision 0106).
					driver.findElement(By.id("reason")).sendKeys("Zoeken bij welk traject dit hoort");
					driver.findElement(By.cssSelector("main form button[type=submit]")).click();
					new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> browser.findElements(By.id("reason")).isEmpty());
				}
				Object ran = driver.executeScript("return window.__pwned || 0;");
				Object made = driver.executeScript("""
						return document.querySelectorAll('main script, main iframe, main svg[onload], main img[onerror], main [href^="javascript:"], main [onmouseover]').length;""");
				if (((Number) ran).intValue() != 0 || ((Number) made).intValue() != 0) {
					problems.add(page + ": script ran " + ran + " times, hostile elements on the page: " + made);
				}
				if (page.matches(".*/trajectories/[^/]+(/report)?") && driver
					.findElements(By.cssSelector("main a[href='https://example.org/'][rel='noopener noreferrer nofollow']")).isEmpty()) {
					problems.add(page + ": the web address in the letter is not a link");
				}
				String shown = driver.findElement(By.tagName("main")).getText();
				if ((page.contains("/trajectories/") || page.contains("/quarantine/")) && !shown.contains("<script>")
						&& !shown.contains("onerror")) {
					problems.add(page + ": the payload is not shown as text");
				}
				PageCheck.screenshot(driver, "hostile" + page.replaceAll("\\?.*", ""));
			}
		}
		finally {
			driver.quit();
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

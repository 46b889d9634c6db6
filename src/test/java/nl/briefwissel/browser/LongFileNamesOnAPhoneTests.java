package nl.briefwissel.browser;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file whose name is one long word (250 characters, no space) wraps where it is listed: the
 * conversation, the coach's trajectory page, the record and a held mail. Its link never wrapped,
 * and the pages were 1,100 pixels wide on a phone of 375.
 */
@BriefwisselTest
@Tag("browser")
class LongFileNamesOnAPhoneTests {

	private static final int PHONE_WIDTH = 375;

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Test
	void aFileNameWithoutSpacesWrapsInsteadOfWideningThePage() throws Exception {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Account participant = accounts.register(new NewAccount(coach.organisationId(),
				"lange-naam-" + UUID.randomUUID() + "@example.nl", "Lars Langenaam", Locale.forLanguageTag("nl"),
				Set.of(Role.PARTICIPANT), null), accounts.hash("briefwissel"));
		UUID programme = trajectories.ofCoach(coach.id()).get(0).programmeId();
		UUID trajectory = trajectories.record(programme, participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
				Today.date(), null);
		String kept = "a".repeat(246) + ".pdf";
		String refused = "b".repeat(246) + ".exe";
		conversations.participantWrites(trajectory, participant.id(), "Mijn cv.",
				List.of(MailAttachment.received(kept, "application/pdf", new ByteArrayInputStream("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))),
						MailAttachment.received(refused, "application/octet-stream", new ByteArrayInputStream(new byte[] { 'M', 'Z' }))));
		UUID held = aHeldMailWithALongFileName(participant.email());

		List<String> problems = new ArrayList<>();
		problems.addAll(overflowing(participant.email(), List.of("/participant/conversation?trajectory=" + trajectory,
				"/participant/report/" + trajectory)));
		problems.addAll(overflowing(coach.email(), List.of("/coach/trajectories/" + trajectory,
				"/coach/trajectories/" + trajectory + "/report", "/coach/quarantine", "/coach/quarantine/" + held)));
		assertThat(problems).isEmpty();
	}

	private List<String> overflowing(String email, List<String> pages) {
		List<String> problems = new ArrayList<>();
		ChromeDriver driver = Chromium.phoneOf(PHONE_WIDTH);
		try {
			Chromium.signIn(driver, port, email);
			for (String page : pages) {
				driver.get("http://localhost:" + port + page);
				assertThat(driver.getPageSource()).as(page).containsAnyOf("a".repeat(100), "c".repeat(100));
				// What reaches past the screen's right edge, outside the tables' own scrolling regions: a phone's
				// browser widens its viewport to the page, so the document's width alone did not tell.
				long overflow = ((Number) driver.executeScript("""
						const right = [...document.body.querySelectorAll('*')]
							.filter(e => !e.closest('.bw-table-scroll') && !e.closest('.bw-visually-hidden'))
							.reduce((max, e) => Math.max(max, e.getBoundingClientRect().right), 0);
						return Math.ceil(Math.max(right, document.documentElement.scrollWidth) - arguments[0]);""", PHONE_WIDTH))
					.longValue();
				if (overflow > 1) {
					problems.add(page + " reaches " + overflow + " px past the phone's screen");
				}
				PageCheck.screenshot(driver, "long-file-name" + page);
			}
		}
		finally {
			driver.quit();
		}
		return problems;
	}

	/** A new mail of the participant's, held for the coach, with an attachment of a long name and a subject of one word. */
	private UUID aHeldMailWithALongFileName(String from) {
		String subject = "c".repeat(120) + UUID.randomUUID().toString().replace("-", "");
		String mail = "From: " + from + "\r\nTo: reply@briefwissel.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
				+ UUID.randomUUID() + "@example.nl>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"grens\"\r\n\r\n"
				+ "--grens\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIets nieuws.\r\n"
				+ "--grens\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename=\"" + "a".repeat(246)
				+ ".pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--grens--\r\n";
		inbound.store(mail.getBytes(StandardCharsets.UTF_8), InboundMails.Source.SMTP, from, List.of("reply@briefwissel.test"));
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow()
			.inboundMailId();
	}
}

package nl.briefwissel.conversation;

import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.mail.MailAttachment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A file of a few hundred bytes read as '(0 kB)' next to its letter and in the record: as if it were empty;
 * then as '(1 kB)': more than it is. Every page that shows a file's size shows it the one way
 * (nl.briefwissel.web.FileSizes), under a kilobyte in bytes.
 */
@BriefwisselTest
class AttachmentSizesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Test
	void aSmallFileIsNeverShownAsNothingAndALargeOneInMegabytes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var note = new MailAttachment("briefje.txt", "text/plain", 300, new byte[300], null);
		var photo = new MailAttachment("foto.jpg", "image/jpeg", 5 * 1024 * 1024 / 2, new byte[5 * 1024 * 1024 / 2], null);
		conversations.participantWrites(running.id(), running.participant().id(), "Hierbij mijn opdracht.", List.of(note, photo));

		RequestPostProcessor coach = fixtures.as(running.coach());
		RequestPostProcessor participant = fixtures.as(running.participant());
		for (String page : List.of(page("/coach/trajectories/" + running.id(), coach), page("/participant/conversation", participant),
				page("/participant/report", participant), page("/coach/trajectories/" + running.id() + "/report", coach))) {
			assertThat(page).contains("briefje.txt (300 bytes)").contains("foto.jpg (2,5 MB)").doesNotContain("(0 kB)")
				.doesNotContain("(1 kB)");
		}
		assertThat(mvc.perform(get("/participant/conversation").param("lang", "en").with(participant))
			.andReturn().getResponse().getContentAsString()).contains("briefje.txt (300 bytes)").contains("foto.jpg (2.5 MB)");
	}

	@Autowired
	nl.briefwissel.mail.EmbeddedMailServer mailServer;

	@Autowired
	Quarantine quarantine;

	/**
	 * A quarantined mail's files were listed in bytes by a formatter of their own; they read as the conversation's
	 * do (bytes under a kilobyte, a word Dutch as well as English).
	 */
	@Test
	void aQuarantinedMailsFilesReadAsTheConversationsDo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Vraag");
		jakarta.mail.internet.MimeMessage received = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> true);
		jakarta.mail.internet.MimeMessage reply = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
		reply.setFrom(new jakarta.mail.internet.InternetAddress("collega-" + java.util.UUID.randomUUID() + "@example.nl"));
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		var text = new jakarta.mail.internet.MimeBodyPart();
		text.setText("Namens mijn collega.", "UTF-8");
		var file = new jakarta.mail.internet.MimeBodyPart();
		file.setContent(new String(new char[300]).replace('\0', 'x'), "text/plain");
		file.setFileName("briefje.txt");
		reply.setContent(new jakarta.mail.internet.MimeMultipart(text, file));
		jakarta.mail.Transport.send(reply);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> !quarantine.ofCoach(running.coach().id()).isEmpty());

		String page = page("/coach/quarantine/" + quarantine.ofCoach(running.coach().id()).get(0).inboundMailId(),
				fixtures.as(running.coach()));
		assertThat(page).containsPattern("briefje\\.txt \\(text/plain[^,]*, 300 bytes\\)").doesNotContain("kB)");
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andReturn().getResponse().getContentAsString();
	}
}

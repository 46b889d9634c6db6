package nl.briefwissel.conversation;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Full text by mail or a notification with a link: the programme sets the limit, the participant chooses within it. */
@BriefwisselTest
class MailPreferenceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aParticipantWhoChoosesANotificationGetsNoTextByMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/mail-preference").param("trajectory", running.id().toString())
			.param("fullText", "false").with(csrf()).with(user(users.loadUserByUsername(running.participant().email()))));

		conversations.coachWrites(running.id(), running.coach().id(), "Een gevoelige vraag over je gezondheid.");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(text(mail)).doesNotContain("gevoelige vraag").contains("na inloggen", "/participant/conversation");
	}

	@Test
	void aProgrammeInNotificationModeNeverMailsTheTextAndOffersNoChoice() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", running.programmeId()).update();

		String page = mvc.perform(get("/participant").with(user(users.loadUserByUsername(running.participant().email()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Je programma stuurt berichten niet in hun geheel per mail").doesNotContain("name=\"fullText\"");

		conversations.coachWrites(running.id(), running.coach().id(), "Alleen na inloggen te lezen.");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(text(mail)).doesNotContain("Alleen na inloggen te lezen.");
	}

	private static String text(MimeMessage mail) throws Exception {
		StringBuilder text = new StringBuilder();
		collect(mail.getContent(), text);
		return text.toString();
	}

	private static void collect(Object content, StringBuilder text) throws Exception {
		if (content instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i).getContent(), text);
			}
		}
		else {
			text.append(content);
		}
	}
}

package nl.briefwissel.conversation;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.mail.OutgoingMail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose letter it is shows in the participant's inbox: a coach's letter comes from "Anja de Vries via
 * Briefwissel", at the platform's own address; the platform's own mail from "Briefwissel".
 */
@BriefwisselTest
class LetterSenderTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Outbox outbox;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void aCoachsLetterComesFromTheCoachViaBriefwisselAndTheirNoticesFromBriefwissel() throws Exception {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat gaf je deze week energie?");

		MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(),
				mail -> Mailboxes.text(mail).contains("Wat gaf je deze week energie?"));
		InternetAddress from = (InternetAddress) letter.getFrom()[0];
		assertThat(from.getPersonal()).isEqualTo(running.coach().displayName() + " via Briefwissel");
		assertThat(from.getAddress()).isEqualTo("noreply@briefwissel.test");
		assertThat(((InternetAddress) letter.getReplyTo()[0]).getAddress()).startsWith("reply+");

		outbox.enqueue(OutgoingMail.notice(running.participant().email(), "Een melding", "Van het platform zelf.", null));
		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				mail -> Mailboxes.text(mail).contains("Van het platform zelf."));
		assertThat(((InternetAddress) notice.getFrom()[0]).getPersonal()).isEqualTo("Briefwissel");
	}
}

package nl.briefwissel.conversation;

import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.SignInLinks;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.trajectory.Trajectories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A walk found the letters and the trajectory's mails greeting "Beste Sanne," but the sign-in link mail "Beste Sanne
 * Bakker," and a coach's notice "Beste Anja de Vries,", which named the participant in full four times in a few
 * lines. Every mail greets by the first name; a notice names the participant once in full, then by first name.
 */
@BriefwisselTest
class GreetingsByFirstNameTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	SignInLinks signInLinks;

	@Autowired
	MessageMail mails;

	@Autowired
	Trajectories trajectories;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void theSignInLinkMailGreetsByTheFirstName() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		signInLinks.request(participant.email());
		MimeMessage mail = Mailboxes.awaitMail(mailServer, participant.email(),
				m -> Mailboxes.subject(m).contains("inloglink") || Mailboxes.subject(m).contains("sign-in link"));
		assertThat(participant.displayName()).contains(" ");
		assertThat(Mailboxes.text(mail)).startsWith("Beste " + participant.firstName() + ",").doesNotContain(participant.displayName());
	}

	@Test
	void theCoachIsGreetedByFirstNameAndTheParticipantNamedInFullOnce() {
		var running = fixtures.runningTrajectory(true);
		var trajectory = trajectories.byId(running.id()).orElseThrow();
		Account coach = running.coach();
		for (Locale language : new Locale[] { Locale.forLanguageTag("nl"), Locale.ENGLISH }) {
			Account reading = new Account(coach.id(), coach.organisationId(), coach.email(), coach.displayName(), language,
					coach.roles(), coach.enabled());
			OutgoingMail mail = mails.afterTheEnd(trajectory, reading, "antwoord@briefwissel.test");
			assertThat(mail.text()).startsWith(("nl".equals(language.getLanguage()) ? "Beste " : "Dear ") + coach.firstName() + ",\n")
				.doesNotContain(coach.displayName());
			String whole = running.participant().displayName();
			assertThat(mail.text().split(java.util.regex.Pattern.quote(whole), -1)).as(mail.text()).hasSize(2);
			assertThat(mail.text().replace(whole, "")).contains(running.participant().firstName());
		}
	}
}

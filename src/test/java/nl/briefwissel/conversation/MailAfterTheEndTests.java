package nl.briefwissel.conversation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A participant's mail to their conversation's reply address after their trajectory was completed: it is kept in
 * the record and named to the coach (decisions 0030, 0090), and the participant hears, once an hour at most, that
 * their trajectory ended and what they can do, so a question does not wait unread without them knowing. An automatic
 * answer of theirs (an out-of-office) gets no notice: two automatic mails would answer each other. Sent through the
 * SMTP receiver as a participant's mail program sends it.
 */
@BriefwisselTest
class MailAfterTheEndTests {

	static final String SUBJECT = "Je mail is bewaard, maar je traject is afgelopen";

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Programmes programmes;

	@Autowired
	Organisations organisations;

	Fixtures.RunningTrajectory running;

	String reply;

	@BeforeEach
	void aConversation() {
		running = fixtures.runningTrajectory(true);
		reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
	}

	@Test
	void aReplyAfterTheEndIsKeptForTheCoachAndTheParticipantHearsTheTrajectoryEndedOnce() throws Exception {
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		send(headers("Re: Opdracht 3", "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nIk heb toch nog een vraag over mijn sollicitatie.\r\n");
		awaitLetters(1);
		// On the record, and named on the coach's workspace until they open it (decision 0090).
		assertThat(jdbc.sql("select count(*) from letter_after_the_end where trajectory_id = :t").param("t", running.id())
			.query(Long.class).single()).isOne();

		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith(SUBJECT));
		String text = Mailboxes.text(told);
		// The programme has no intake address but an open application form: a new question goes there.
		assertThat(text).contains("afgelopen").contains("opnieuw aan via").contains("/intake/programme/")
			.contains(String.valueOf(Today.date().getYear())).doesNotContain("sollicitatie");
		assertThat(told.getHeader("Auto-Submitted")[0]).startsWith("auto-");
		// Not answering to the conversation's address, which is no longer read: an answer would be another letter.
		assertThat(java.util.Arrays.stream(told.getReplyTo()).map(Object::toString)).noneMatch(to -> to.contains("reply+"));

		// A second mail within the hour is kept too, and told no second time.
		send(headers("Re: Opdracht 3", "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nEn nog iets.\r\n");
		awaitLetters(2);
		assertThat(notices()).isOne();
	}

	@Test
	void aReplyAfterAStopIsToldInTheParticipantsLanguage() throws Exception {
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, null);

		send(headers("Re: Opdracht 3", "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nSorry, I was away.\r\n");
		awaitLetters(1);
		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Your mail was kept, but your trajectory has ended"));
		assertThat(Mailboxes.text(told)).contains("ended on").contains("apply again").doesNotContain("away");
	}

	/**
	 * Without an intake address or an open application form, a new question goes to the organisation that offers
	 * the programme, by its name: "your organisation" is their employer to some, and their coach's to others, while
	 * a coach may belong to another organisation than the programme's, or to none (decision 0085).
	 */
	@Test
	void aReplyAfterTheEndWithoutAWayToApplyNamesTheOrganisationOfTheProgramme() throws Exception {
		programmes.openPublicIntake(running.programmeId(), false);
		jdbc.sql("update account set organisation_id = null where id = :id").param("id", running.coach().id()).update();
		String organisation = organisations.byId(running.organisationId()).orElseThrow().name();
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		send(headers("Re: Opdracht 3", "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nNog een vraag.\r\n");
		awaitLetters(1);
		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith(SUBJECT));
		assertThat(Mailboxes.text(told))
			.contains("Neem dan contact op met " + organisation + ", de organisatie die je programma aanbiedt")
			.doesNotContain("met je organisatie")
			.doesNotContain("/intake/programme/");
	}

	/**
	 * An organisation that ended takes no one any more (decision 0082): the notice says so instead of sending them
	 * to it. Set here by hand: ending it erases its participants' conversations (decision 0073), which only a
	 * conversation left open in the meantime would still receive mail for.
	 */
	@Test
	void aReplyAfterTheEndOfAProgrammeWhoseOrganisationEndedSaysItTakesNoOneAnyMore() throws Exception {
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		programmes.openPublicIntake(running.programmeId(), false);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		jdbc.sql("update organisation set ended_at = current_timestamp where id = :id").param("id", running.organisationId())
			.update();

		send(headers("Re: Assignment 3", "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nOne more question.\r\n");
		awaitLetters(1);
		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Your mail was kept, but your trajectory has ended"));
		assertThat(Mailboxes.text(told)).contains("You can no longer apply through this programme")
			.doesNotContain("your organisation")
			.doesNotContain("offers your programme");
	}

	@Test
	void anOutOfOfficeAfterTheEndGetsNoNotice() throws Exception {
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		send(headers("Afwezig", "Auto-Submitted: auto-replied\r\n")
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\nIk ben afwezig tot maandag.\r\n");
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"select count(*) from message where trajectory_id = :t and kind = 'AUTO_REPLY_NOTE'")
			.param("t", running.id()).query(Long.class).single() == 1);
		assertThat(notices()).isZero();
	}

	@Test
	void aReplyInAPauseIsALetterWithoutANotice() throws Exception {
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2), Reason.PERSONAL_CIRCUMSTANCES, null);

		send(headers("Re: Opdracht 3", "") + "Content-Type: text/plain; charset=utf-8\r\n\r\nEven een update.\r\n");
		awaitLetters(1);
		assertThat(notices()).isZero();
	}

	/**
	 * The coach answers a letter after the end by mail (decision 0030): the letter reaches the participant, but its
	 * footer no longer says their answer goes straight to the coach. It says what the notice of a letter after the
	 * end says (decision 0122): the trajectory ended, an answer is kept, but do not count on one.
	 */
	@Test
	void aCoachsLetterAfterTheEndPromisesNoAnswerInTextAndHtml() throws Exception {
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String words = "Fijn dat je schrijft " + UUID.randomUUID();

		coachAnswers(words);

		MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.text(m).contains(words));
		String[] letterAndFooter = Mailboxes.text(letter).split("\\R-- \\R", 2);
		assertThat(letterAndFooter).hasSize(2);
		String footer = letterAndFooter[1];
		assertThat(footer).contains("Je traject is afgelopen").contains("reken niet op een antwoord")
			.contains("bewaard in je gesprek").contains("/participant/conversation")
			.doesNotContain("Antwoord gewoon op deze mail").doesNotContain("komt direct bij");
		assertThat(Mailboxes.html(letter)).contains("Je traject is afgelopen").contains("reken niet op een antwoord")
			.doesNotContain("Antwoord gewoon op deze mail");
	}

	@Test
	void aCoachsLetterAfterAStopPromisesNoAnswerInTheParticipantsLanguage() throws Exception {
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, null);
		String words = "Good to hear from you " + UUID.randomUUID();

		coachAnswers(words);

		MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.text(m).contains(words));
		assertThat(Mailboxes.text(letter)).contains("Your trajectory has ended").contains("do not count on an answer")
			.doesNotContain("Simply reply to this mail");
		assertThat(Mailboxes.html(letter)).contains("Your trajectory has ended").doesNotContain("Simply reply to this mail");
	}

	/** A programme that keeps letters out of ordinary mail (NTA 7516): no "answer them in Briefwissel" after the end. */
	@Test
	void aCoachsLetterAfterTheEndInASecureProgrammeDoesNotAskToAnswerInBriefwissel() throws Exception {
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", running.programmeId()).update();
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String words = "Nog een laatste woord " + UUID.randomUUID();

		coachAnswers(words);

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("Je traject is afgelopen"));
		assertThat(Mailboxes.text(notice)).contains("Schrijven kan daar niet meer").doesNotContain(words)
			.doesNotContain("lees en beantwoord ze in Briefwissel");
		assertThat(Mailboxes.html(notice)).contains("Schrijven kan daar niet meer").doesNotContain("lees en beantwoord ze");
	}

	/** The coach answers by mail to the conversation's address, as the notice of a letter after the end asks. */
	private void coachAnswers(String words) throws Exception {
		send("From: " + running.coach().email() + "\r\nTo: " + reply + "\r\nSubject: Re: Nog een vraag\r\nMessage-ID: <coach-"
				+ UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n");
	}

	private long notices() {
		return jdbc.sql("""
				select count(*) from outbound_mail m join outbound_mail_about a on a.mail_id = m.id
				where a.about_id = :t and m.notice_kind = 'LETTER_AFTER_THE_END'""")
			.param("t", running.id())
			.query(Long.class)
			.single();
	}

	private String headers(String subject, String more) {
		return "From: " + running.participant().email() + "\r\nTo: " + reply + "\r\nSubject: " + subject + "\r\nMessage-ID: <na-"
				+ UUID.randomUUID() + "@example.nl>\r\nDate: Tue, 3 Nov 2026 10:00:00 +0100\r\n" + more;
	}

	private void send(String raw) throws Exception {
		var session = Mailboxes.smtp(mailServer);
		MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, new InternetAddress[] { new InternetAddress(reply) });
		}
	}

	private void awaitLetters(long count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT' and kind = 'MESSAGE'")
			.param("t", running.id()).query(Long.class).single() == count);
	}
}

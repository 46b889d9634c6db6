package nl.briefwissel.conversation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.ReplyAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed mail is held with a reason, never dropped, and never threaded as a letter: a text that does not decode
 * (base64 that is no base64, in a charset nobody knows) would have put garbage in the conversation; a reply with no
 * words and no file would have been an empty letter, which the web form refuses. Sent through the SMTP receiver as a
 * participant's mail program sends it.
 */
@BriefwisselTest
class UnreadableOrEmptyMailTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Quarantine quarantine;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	Fixtures.RunningTrajectory running;

	String reply;

	String run;

	@BeforeEach
	void aConversation() {
		running = fixtures.runningTrajectory(true);
		reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		run = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void aTextInBase64ThatIsNoBase64InAnUnknownCharsetIsHeldNotThreaded() throws Exception {
		send(headers("Re: Opdracht 3") + "Content-Type: text/plain; charset=bogus-charset\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\nDit is geen base64, maar gewone tekst!\r\nNog een regel.\r\n");

		Quarantine.Entry held = awaitHeld();
		assertThat(held.why()).isInstanceOf(QuarantineReason.Undecodable.class);
		assertThat(held.why().attachable()).isFalse();
		assertThat(held.why().heldFrom()).isEqualTo(running.participant().email());
		assertThat(participantLetters()).isZero();
		// The participant hears that it did not arrive, at their own address.
		Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail kon niet worden gelezen"));
	}

	@Test
	void anUnknownCharsetOnPlainWordsAndBase64WithoutPaddingAreStillRead() throws Exception {
		String words = Base64.getEncoder().withoutPadding().encodeToString("Hoi Anja, ik doe het morgen.".getBytes(StandardCharsets.UTF_8));
		send(headers("Re: Opdracht 3") + "Content-Type: text/plain; charset=bogus-charset\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n" + words + "\r\n");
		awaitLetters(1);
		send(headers("Re: Opdracht 3") + "Content-Type: text/plain; charset=bogus-charset\r\n\r\nGewoon leesbaar, caf\u00e9.\r\n");
		awaitLetters(2);
		assertThat(quarantine.heldFor(running.id())).isEmpty();
	}

	@Test
	void aReplyWithoutSubjectOrWordsIsHeldNotAnEmptyLetter() throws Exception {
		send(headers("") + "Content-Type: text/plain; charset=utf-8\r\n\r\n\r\n");

		Quarantine.Entry held = awaitHeld();
		assertThat(held.why()).isInstanceOf(QuarantineReason.EmptyMail.class);
		assertThat(held.why().attachable()).isFalse();
		assertThat(participantLetters()).isZero();
		Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail was leeg"));
	}

	/**
	 * A multipart without a boundary has words no part can be taken from: it could not be read, and the participant
	 * hears that, not that their mail was empty (it passed for a mail without parts).
	 */
	@Test
	void aMultipartWithoutABoundaryIsUnreadableNotEmpty() throws Exception {
		send(headers("Re: Opdracht 3") + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
				+ "WALKTEST-MALFORMED no boundary here\r\n");

		Quarantine.Entry held = awaitHeld();
		assertThat(held.why()).isInstanceOf(QuarantineReason.Undecodable.class);
		assertThat(held.why().detail()).contains("without a boundary");
		assertThat(held.why().heldFrom()).isEqualTo(running.participant().email());
		assertThat(participantLetters()).isZero();
		Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail kon niet worden gelezen"));
		assertThat(Mailboxes.read(mailServer, running.participant().email(), Mailboxes.PASSWORD))
			.noneMatch(m -> Mailboxes.subject(m).startsWith("Je mail was leeg"));
	}

	/** Only the quoted letter of the coach, and a signature: nothing of the participant's own. */
	@Test
	void aReplyOfOnlyTheQuotedLetterIsEmptyToo() throws Exception {
		send(headers("Re: Opdracht 3") + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
				+ "Op 3 nov. 2026 om 10:00 schreef Anja <" + reply + ">:\r\n> Hoe ging je week?\r\n> Groet, Anja\r\n");

		assertThat(awaitHeld().why()).isInstanceOf(QuarantineReason.EmptyMail.class);
		assertThat(participantLetters()).isZero();
	}

	/**
	 * Only a file that was not kept (a program) and no words: no letter, and the participant hears that the mail did
	 * not arrive and that its file was not kept, so they know to send it differently, not only that it was empty.
	 */
	@Test
	void aMailOfOnlyAFileNotKeptSaysTheFileWasNotKept() throws Exception {
		send(headers("") + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"g\"\r\n\r\n--g\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\n\r\n--g\r\nContent-Type: application/octet-stream; name=\"cv.exe\"\r\n"
				+ "Content-Disposition: attachment; filename=\"cv.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ Base64.getMimeEncoder().encodeToString("MZ not a letter".getBytes(StandardCharsets.US_ASCII)) + "\r\n--g--\r\n");

		assertThat(awaitHeld().why()).isInstanceOf(QuarantineReason.EmptyMail.class);
		assertThat(participantLetters()).isZero();
		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail was leeg"));
		assertThat(Mailboxes.text(told)).contains("niet bewaard").doesNotContain("staat in je gesprek");
	}

	/** A photo without words is a letter, as it is from the web form. */
	@Test
	void aPhotoWithoutWordsIsStillALetter() throws Exception {
		byte[] photo = new byte[60 * 1024];
		photo[0] = (byte) 0xFF;
		photo[1] = (byte) 0xD8;
		photo[2] = (byte) 0xFF;
		send(headers("") + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"g\"\r\n\r\n--g\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\n\r\n--g\r\nContent-Type: image/jpeg; name=\"werkplek.jpg\"\r\n"
				+ "Content-Disposition: attachment; filename=\"werkplek.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ Base64.getMimeEncoder().encodeToString(photo) + "\r\n--g--\r\n");
		awaitLetters(1);
		assertThat(quarantine.heldFor(running.id())).isEmpty();
	}

	private String headers(String subject) {
		return "From: " + running.participant().email() + "\r\nTo: " + reply + "\r\nSubject: " + subject + "\r\nMessage-ID: <leeg-"
				+ UUID.randomUUID() + "@example.nl>\r\nDate: Tue, 3 Nov 2026 10:00:00 +0100\r\n";
	}

	/** As a mail program sends it, without the session rewriting a header. */
	private void send(String raw) throws Exception {
		var session = Mailboxes.smtp(mailServer);
		MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message, new InternetAddress[] { new InternetAddress(reply) });
		}
	}

	private Quarantine.Entry awaitHeld() {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.heldFor(running.id()).stream().findFirst(), java.util.Optional::isPresent)
			.get();
	}

	private void awaitLetters(long count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> participantLetters() == count);
	}

	private long participantLetters() {
		return jdbc.sql("select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT'")
			.param("t", running.id())
			.query(Long.class)
			.single();
	}
}

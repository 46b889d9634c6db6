package nl.briefwissel.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.trajectory.ConversationAddress;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Message-ID or In-Reply-To with 8-bit bytes (a broken client, in UTF-8 or in Latin-1), sent as such
 * through the site's SMTP receiver: the mail is stored once, threaded by its reply address, or, with no
 * reply address, held with the reason; never dropped, and the batch goes on.
 */
@BriefwisselTest
class EightBitMessageIdsTests {

	@Autowired
	SmtpReceiver receiver;

	@Autowired
	InboundMails inbound;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ConversationAddress addresses;

	@Autowired
	Quarantine quarantine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aLetterWithEightBitIdentifiersIsThreadedByItsReplyAddressAndStoredOnce() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String from = trajectory.participant().email();
		String to = addresses.replyTo(trajectory.id(), trajectory.participant().id());
		String run = UUID.randomUUID().toString();
		byte[] raw = mail(from, to, "Antwoord " + run, utf8("<caf\u00e9-" + run + "@client.example.nl>"),
				latin1("<r\u00e9ponse-" + run + "@client.example.nl>"), "Mijn antwoord met een kapotte Message-ID.");
		long before = inbound.count();

		assertThat(RawSmtp.send(receiver.port(), from, List.of(to), raw)).startsWith("250");
		assertThat(RawSmtp.send(receiver.port(), from, List.of(to), raw)).as("a redelivery").startsWith("250");

		await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				select count(*) from message m join inbound_mail i on i.id = m.inbound_mail_id
				where m.trajectory_id = :trajectory and i.status = 'PROCESSED'""")
			.param("trajectory", trajectory.id()).query(Integer.class).single() == 1);
		assertThat(inbound.count()).isEqualTo(before + 1);
	}

	@Test
	void aMailWhoseOnlyReferenceHasEightBitBytesIsHeldWithTheReason() throws Exception {
		String run = UUID.randomUUID().toString();
		String subject = "Zonder adres " + run;
		byte[] raw = mail("iemand@example.nl", "reply@briefwissel.test", subject, latin1("<\u00e9\u00e9n-" + run + "@client.example.nl>"),
				utf8("<caf\u00e9-" + run + "@briefwissel.test>"), "Waar hoort dit bij?");

		assertThat(RawSmtp.send(receiver.port(), "iemand@example.nl", List.of("reply@briefwissel.test"), raw)).startsWith("250");

		Quarantine.Entry entry = await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(entry.reason()).isEqualTo("no reply address and no reference to a conversation");
		assertThat(jdbc.sql("select status from inbound_mail where id = :id").param("id", entry.inboundMailId())
			.query(String.class).single()).isEqualTo("PROCESSED");
	}

	private static byte[] mail(String from, String to, String subject, byte[] messageId, byte[] inReplyTo, String text) {
		ByteArrayOutputStream mail = new ByteArrayOutputStream();
		mail.writeBytes(("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: ")
			.getBytes(StandardCharsets.US_ASCII));
		mail.writeBytes(messageId);
		mail.writeBytes("\r\nIn-Reply-To: ".getBytes(StandardCharsets.US_ASCII));
		mail.writeBytes(inReplyTo);
		mail.writeBytes("\r\nReferences: ".getBytes(StandardCharsets.US_ASCII));
		mail.writeBytes(inReplyTo);
		mail.writeBytes(("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
		return mail.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] latin1(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}
}

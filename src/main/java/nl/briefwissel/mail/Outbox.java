package nl.briefwissel.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only way to send mail. The mail is written to {@code outbound_mail} in the caller's
 * transaction, so it goes out if and only if what caused it was committed; {@link OutboxWorker}
 * does the sending. Its bodies are sealed at rest, like the messages they carry.
 */
@Service
public class Outbox {

	private final JdbcClient jdbc;

	private final MailProperties properties;

	private final Clock clock;

	private final Encryption encryption;

	Outbox(JdbcClient jdbc, MailProperties properties, Clock clock, Encryption encryption) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.encryption = encryption;
	}

	/** Queues the mail and returns its Message-ID, fixed now so that a retry is never a second message. */
	@Transactional
	public String enqueue(OutgoingMail mail) {
		UUID id = UUID.randomUUID();
		String messageId = "<" + id + "@" + properties.domain() + ">";
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, html_body, body_key_id, reply_to,
				    in_reply_to, mail_references, auto_submitted, status, attempts, next_attempt_at, created_at)
				values (:id, :messageId, :to, :subject, :text, :html, :keyId, :replyTo, :inReplyTo, :references, :automatic,
				    'PENDING', 0, :now, :now)""")
			.param("id", id)
			.param("messageId", messageId)
			.param("to", mail.to())
			.param("subject", mail.subject())
			.param("text", encryption.sealText(mail.text()))
			.param("html", encryption.sealText(mail.html()))
			.param("keyId", encryption.keyId())
			.param("replyTo", mail.replyTo())
			.param("inReplyTo", mail.inReplyTo())
			.param("references", mail.references().isEmpty() ? null : String.join(" ", mail.references()))
			.param("automatic", mail.automatic())
			.param("now", now)
			.update();
		return messageId;
	}

	/** Delivery state of mails queued earlier, by Message-ID. */
	public Map<String, Delivery> deliveries(Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Delivery> result = new HashMap<>();
		jdbc.sql("""
				select message_id, status, attempts, last_error, next_attempt_at, sent_at
				from outbound_mail where message_id in (:ids)""")
			.param("ids", List.copyOf(messageIds))
			.query((rs, n) -> new Delivery(rs.getString("message_id"), Delivery.Status.valueOf(rs.getString("status")),
					rs.getInt("attempts"), rs.getString("last_error"), rs.getObject("next_attempt_at", OffsetDateTime.class),
					rs.getObject("sent_at", OffsetDateTime.class)))
			.list()
			.forEach(delivery -> result.put(delivery.messageId(), delivery));
		return result;
	}
}

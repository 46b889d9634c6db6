package nl.briefwissel.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only way to send mail. The mail is written to {@code outbound_mail} in the caller's
 * transaction, so it goes out if and only if what caused it was committed; {@link OutboxWorker}
 * does the sending. Its bodies are sealed at rest, like the messages they carry.
 */
@Service
public class Outbox {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Outbox.class);

	private final JdbcClient jdbc;

	private final MailProperties properties;

	private final Clock clock;

	private final Encryption encryption;

	private final org.springframework.beans.factory.ObjectProvider<OutboxWorker> worker;

	Outbox(JdbcClient jdbc, MailProperties properties, Clock clock, Encryption encryption,
			org.springframework.beans.factory.ObjectProvider<OutboxWorker> worker) {
		this.worker = worker;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.encryption = encryption;
	}

	/**
	 * Sends what is due now on the calling thread, in its transaction, instead of in the worker's next
	 * round: the demo story mails each letter at the past moment it was written, so that "sent by mail
	 * on" under it is that moment and not the start of the application (decision 0045). A mail that
	 * fails is retried by the worker as always.
	 */
	public void sendDueNow() {
		worker.ifAvailable(OutboxWorker::sendDue);
	}

	/**
	 * Queues the mail and returns its Message-ID, fixed now so that a retry is never a second message.
	 * An automatic mail beyond the loop brake is kept as not sent, with the reason, instead of queued:
	 * only machines answer machines, so a mail a person wrote is never held back.
	 */
	@Transactional
	public String enqueue(OutgoingMail mail) {
		return enqueue(mail, mail.automatic(), false);
	}

	/**
	 * Queues an automatic mail that a person's action on a page caused, not a mail that came in: a
	 * sign-in link or password reset someone asked for (limited per hour on their own), a trajectory's
	 * confirmation to the employer, a proposal to a coach. No machine answers with these, so they
	 * cannot be part of a mail loop, and the brake would only lose them: a sign-in link refused
	 * because someone filled in the application form ten times with this address, the eleventh
	 * confirmation of a busy hour never sent.
	 */
	@Transactional
	public String enqueueAskedFor(OutgoingMail mail) {
		return enqueue(mail, false, false);
	}

	/**
	 * Queues a mail as {@link #enqueueAskedFor} does, and forgets it as soon as it is sent or given up on:
	 * the confirmation of an erasure, whose recipient's mail was forgotten a moment before. Kept as sent
	 * mail, it held their address and name for thirty days.
	 */
	@Transactional
	public String enqueueAskedForThenForgotten(OutgoingMail mail) {
		return enqueue(mail, false, true);
	}

	private String enqueue(OutgoingMail mail, boolean braked, boolean forgottenOnceDone) {
		UUID id = UUID.randomUUID();
		String messageId = "<" + id + "@" + properties.domain() + ">";
		OffsetDateTime now = OffsetDateTime.now(clock);
		String refusal = braked ? loopBrake(mail.to(), now) : null;
		addressedAndSealed(jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, html_body, body_key_id, reply_to,
				    in_reply_to, mail_references, auto_submitted, status, attempts, next_attempt_at, created_at, last_error,
				    loop_brake, forget_once_done, written_by, notification, notice_kind)
				values (:id, :messageId, :to, :subject, :text, :html, :keyId, :replyTo, :inReplyTo, :references, :automatic,
				    :status, 0, :now, :now, :refusal, :braked, :forget, :writtenBy, :notification, :noticeKind)"""), mail)
			.param("noticeKind", mail.noticeKind())
			.param("braked", braked)
			.param("forget", forgottenOnceDone)
			.param("status", refusal == null ? "PENDING" : "FAILED")
			.param("refusal", refusal)
			.param("id", id)
			.param("messageId", messageId)
			.param("inReplyTo", mail.inReplyTo())
			.param("references", mail.references().isEmpty() ? null : String.join(" ", mail.references()))
			.param("automatic", mail.automatic())
			.param("now", now)
			.update();
		for (UUID about : mail.about()) {
			jdbc.sql("insert into outbound_mail_about (mail_id, about_id) values (:id, :about)")
				.param("id", id)
				.param("about", about)
				.update();
		}
		return messageId;
	}

	/**
	 * How many mails about any of these (see {@link OutgoingMail#about}) were queued since: for a limit per hour on
	 * mails a person's click sends again, such as a participant's invitation.
	 */
	public int queuedAbout(Collection<UUID> about, OffsetDateTime since) {
		if (about.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				select count(distinct m.id) from outbound_mail m join outbound_mail_about a on a.mail_id = m.id
				where a.about_id in (:about) and m.created_at > :since""")
			.param("about", java.util.List.copyOf(new java.util.HashSet<>(about)))
			.param("since", since)
			.query(Integer.class)
			.single();
	}

	/**
	 * Null, or why this automatic mail is not sent. Counted: the braked automatic mails that went out to
	 * this address; not those the brake refused, nor those a person's action on a page caused.
	 */
	private String loopBrake(String recipient, OffsetDateTime now) {
		MailProperties.Outbox brake = properties.outbox();
		int recent = jdbc.sql("""
				select count(*) from outbound_mail
				where lower(recipient) = lower(:to) and auto_submitted = true and loop_brake and created_at > :since
				  and not (status = 'FAILED' and attempts = 0)""")
			.param("to", recipient)
			.param("since", now.minus(brake.automaticPeriod()))
			.query(Integer.class)
			.single();
		if (recent < brake.automaticPerRecipient()) {
			return null;
		}
		log.warn("Automatic mail not sent: {} automatic mails to one address within {} (loop brake)", recent,
				brake.automaticPeriod());
		return SendFailure.LOOP_BRAKED.stored();
	}

	/**
	 * A mail the outbox gave up on goes into the queue again, for a person who knows why it failed
	 * and that it may go now (the relay was down for days, the participant's mailbox was full). It
	 * gets a full new round of attempts; the earlier ones are forgotten with its old reason, which
	 * stays as last error until the first new attempt. False when the mail did not fail (it went in
	 * the meantime, another click queued it already) or is gone after the retention period.
	 * <p>
	 * It goes as {@code asNow} says, made again for today: the recipient may have asked for a notice
	 * instead of the full text, or changed language, since the mail was first made. Its Message-ID and
	 * its place in the thread (In-Reply-To, References) stay the first mail's.
	 */
	@Transactional
	public boolean sendAgain(String messageId, OutgoingMail asNow) {
		int queued = addressedAndSealed(jdbc.sql("""
				update outbound_mail set status = 'PENDING', attempts = 0, next_attempt_at = :now,
				    recipient = :to, subject = :subject, text_body = :text, html_body = :html, body_key_id = :keyId, reply_to = :replyTo,
				    written_by = :writtenBy, notification = :notification
				where message_id = :messageId and status = 'FAILED'"""), asNow)
			.param("now", OffsetDateTime.now(clock))
			.param("messageId", messageId)
			.update();
		if (queued == 0) {
			return false;
		}
		// The attempts are numbered per mail; the new round starts again at 1.
		jdbc.sql("delete from outbound_mail_attempt where outbound_mail_id = (select id from outbound_mail where message_id = :messageId)")
			.param("messageId", messageId)
			.update();
		return true;
	}

	/** The mail's recipient, reply address, writer, subject and bodies, the bodies sealed with the active key. */
	private JdbcClient.StatementSpec addressedAndSealed(JdbcClient.StatementSpec statement, OutgoingMail mail) {
		return statement.param("to", mail.to())
			.param("replyTo", mail.replyTo())
			.param("writtenBy", mail.writtenBy())
			.param("notification", mail.notification())
			.param("subject", mail.subject())
			.param("text", encryption.sealText(mail.text()))
			.param("html", encryption.sealText(mail.html()))
			.param("keyId", encryption.keyId());
	}

	/** Delivery state of mails queued earlier, by Message-ID. */
	public Map<String, Delivery> deliveries(Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Delivery> result = new HashMap<>();
		jdbc.sql("""
				select message_id, status, attempts, last_error, next_attempt_at, sent_at, notification
				from outbound_mail where message_id = any(:ids)""")
			// An array, so that every conversation's length is the same statement, planned once.
			.param("ids", new SqlArrayValue("varchar", messageIds.toArray()))
			.query((rs, n) -> new Delivery(rs.getString("message_id"), Delivery.Status.valueOf(rs.getString("status")),
					rs.getInt("attempts"), SendFailure.parse(rs.getString("last_error")), rs.getObject("next_attempt_at", OffsetDateTime.class),
					rs.getObject("sent_at", OffsetDateTime.class), rs.getBoolean("notification")))
			.list()
			.forEach(delivery -> result.put(delivery.messageId(), delivery));
		return result;
	}
}

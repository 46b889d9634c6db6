package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.briefwissel.encryption.Encryption;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the {@link Outbox} queued. Each mail is claimed with {@code FOR UPDATE SKIP LOCKED}
 * in its own transaction, so workers on several nodes never send the same row, and a crash
 * before the commit leaves the row for the next attempt.
 */
@Component
class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final int BATCH = 50;

	/**
	 * Enhanced status codes (RFC 3463) that say the recipient's address itself is wrong: no such
	 * mailbox (5.1.1), no such system (5.1.2), bad syntax (5.1.3), moved (5.1.6), no mail for the
	 * domain (5.1.10), mailbox disabled (5.2.1). No retry changes them. Not 5.1.7 or 5.1.8, which
	 * are about our sender address (a relay that rejects it at RCPT TO fails every mail: that is the
	 * operator's to mend), nor 5.7.1 "relaying denied", how a relay says it wants a sign-in.
	 */
	private static final Pattern ADDRESS_DOES_NOT_EXIST = Pattern.compile("(?<![\\d.])5\\.(?:1\\.(?:1|2|3|6|10)|2\\.1)(?![\\d.])");

	/** How relays say a refusal is about the sender, whatever code they give (Postfix, Exim, Exchange). */
	private static final Pattern ABOUT_THE_SENDER = Pattern.compile("(?i)sender|mail from|envelope from");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MailTransport transport;

	private final MailProperties.Outbox policy;

	private final Clock clock;

	private final Encryption encryption;

	private final ApplicationEventPublisher events;

	OutboxWorker(JdbcClient jdbc, TransactionTemplate transactions, MailTransport transport,
			MailProperties properties, Clock clock, Encryption encryption, ApplicationEventPublisher events) {
		this.encryption = encryption;
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.transport = transport;
		this.policy = properties.outbox();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${briefwissel.mail.outbox.poll-interval:1s}")
	void sendDue() {
		// Each mail is still claimed, sent and recorded in a transaction of its own; only the SMTP
		// session is shared by the round.
		try (MailTransport.Connection connection = transport.connection()) {
			for (int i = 0; i < BATCH; i++) {
				Boolean handled = transactions.execute(status -> claimNext().map(mail -> attempt(mail, connection)).isPresent());
				if (!Boolean.TRUE.equals(handled)) {
					return;
				}
			}
		}
	}

	private Optional<QueuedMail> claimNext() {
		return jdbc.sql("""
				select id, message_id, recipient, subject, text_body, html_body, body_key_id, reply_to, in_reply_to,
				       mail_references, auto_submitted, attempts
				from outbound_mail
				where status = 'PENDING' and next_attempt_at <= :now
				order by next_attempt_at
				limit 1
				for update skip locked""")
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> new QueuedMail(rs.getObject("id", java.util.UUID.class), rs.getString("message_id"),
					rs.getString("recipient"), rs.getString("subject"), rs.getString("text_body"),
					rs.getString("html_body"), rs.getString("body_key_id"), rs.getString("reply_to"),
					rs.getString("in_reply_to"), rs.getString("mail_references"), rs.getBoolean("auto_submitted"),
					rs.getInt("attempts")))
			.optional();
	}

	QueuedMail attempt(QueuedMail mail, MailTransport.Connection connection) {
		int attempt = mail.attempts() + 1;
		OffsetDateTime now = OffsetDateTime.now(clock);
		String error = null;
		boolean refusedForGood = false;
		try {
			// Opened here, not while claiming: a mail that does not open fails like a refused send and is
			// retried and given up on, instead of blocking the head of the queue.
			connection.send(mail.opened(encryption));
		}
		catch (Exception e) {
			error = describe(e);
			refusedForGood = refusedForGood(e, mail.recipient());
		}
		jdbc.sql("""
				insert into outbound_mail_attempt (outbound_mail_id, attempt, attempted_at, succeeded, error)
				values (:id, :attempt, :now, :succeeded, :error)""")
			.param("id", mail.id())
			.param("attempt", attempt)
			.param("now", now)
			.param("succeeded", error == null)
			.param("error", error)
			.update();
		if (error == null) {
			// Which node sent which mail, for bench/nodes/two-nodes.sh and for tracing one mail across nodes.
			log.debug("Mail {} sent (attempt {})", mail.messageId(), attempt);
			jdbc.sql("update outbound_mail set status = 'SENT', attempts = :attempt, sent_at = :now, last_error = null where id = :id")
				.param("attempt", attempt)
				.param("now", now)
				.param("id", mail.id())
				.update();
		}
		else if (refusedForGood || attempt >= policy.maxAttempts()) {
			log.warn("Giving up on mail {} after {} attempts{}: {}", mail.messageId(), attempt,
					refusedForGood ? " (the address is wrong for good)" : "", LogText.withoutAddresses(error));
			jdbc.sql("update outbound_mail set status = 'FAILED', attempts = :attempt, last_error = :error where id = :id")
				.param("attempt", attempt)
				.param("error", error)
				.param("id", mail.id())
				.update();
			if (refusedForGood) {
				events.publishEvent(new MailRefused(mail.messageId(), mail.recipient(), MailRefused.tokenOf(mail.replyTo()), error));
			}
		}
		else {
			OffsetDateTime next = now.plus(backOff(attempt));
			log.info("Mail {} not sent (attempt {}), next try at {}: {}", mail.messageId(), attempt, next,
					LogText.withoutAddresses(error));
			jdbc.sql("update outbound_mail set attempts = :attempt, next_attempt_at = :next, last_error = :error where id = :id")
				.param("attempt", attempt)
				.param("next", next)
				.param("error", error)
				.param("id", mail.id())
				.update();
		}
		return mail;
	}

	/** 1st retry after {@code firstRetry}, then doubling, never longer than {@code maxRetry}. */
	Duration backOff(int attemptsSoFar) {
		return backOff(policy, attemptsSoFar);
	}

	static Duration backOff(MailProperties.Outbox policy, int attemptsSoFar) {
		Duration delay = policy.firstRetry().multipliedBy(1L << Math.min(attemptsSoFar - 1, 20));
		return delay.compareTo(policy.maxRetry()) > 0 ? policy.maxRetry() : delay;
	}

	/**
	 * Whether no retry can deliver the mail: the relay refused the recipient with a code that says the
	 * address does not exist, or the recipient is an address Jakarta Mail will not write into a message.
	 * Inbound mail is read as leniently as mail clients read it, so a sender such as
	 * “jan..jansen@example.nl” gets in; Spring's helper parses the recipient strictly, and that fails
	 * the same way on every attempt, for two days. Only an address error about the recipient counts:
	 * one about our own reply address would fail every mail, which is the operator's to mend.
	 */
	static boolean refusedForGood(Exception e, String recipient) {
		Throwable failure = e;
		for (int depth = 0; failure != null && depth < 10; depth++) {
			// The parser names the part it rejects: the recipient as given, or the address inside it.
			if (failure instanceof AddressException unwritable && recipient != null && unwritable.getRef() != null
					&& !unwritable.getRef().isBlank() && recipient.contains(unwritable.getRef())) {
				return true;
			}
			if (failure instanceof SMTPAddressFailedException refused && refused.getReturnCode() / 100 == 5
					&& refused.getMessage() != null && ADDRESS_DOES_NOT_EXIST.matcher(refused.getMessage()).find()
					&& !ABOUT_THE_SENDER.matcher(refused.getMessage()).find()) {
				return true;
			}
			failure = failure instanceof MessagingException messaging && messaging.getNextException() != null
					? messaging.getNextException() : failure.getCause();
		}
		return false;
	}

	private static String describe(Exception e) {
		String message = e.getClass().getSimpleName() + ": " + e.getMessage();
		Throwable cause = e.getCause();
		if (cause != null && cause != e) {
			message += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
		}
		return message.length() > 2000 ? message.substring(0, 2000) : message;
	}
}

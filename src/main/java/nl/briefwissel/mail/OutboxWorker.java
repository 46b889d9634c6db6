package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

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

	/** A permanent enhanced status code (RFC 3463) in a relay's reply: 5, then its subject and detail. */
	private static final Pattern ENHANCED_CODE = Pattern.compile("(?<![\\d.])5\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	/**
	 * Replies with which the relay refuses us rather than the mail: a command it does not know or takes
	 * out of order (500, 502-504), authentication required, too weak or failed (530, 534, 535, 538).
	 */
	private static final Set<Integer> ABOUT_OUR_SESSION = Set.of(500, 502, 503, 504, 530, 534, 535, 538);

	/**
	 * Enhanced codes that say the same: our sender address (5.1.7, 5.1.8), sign-in or encryption wanted
	 * (5.7.0, 5.7.8, 5.7.9, 5.7.11, Exchange's 5.7.57), our domain's SPF, DKIM or DMARC (RFC 7372's
	 * 5.7.20-5.7.27; Gmail's 5.7.26; Exchange Online's 5.7.509 and 5.7.515), relaying or sending as this
	 * sender denied (Exchange's 5.7.54, 5.7.60, 5.7.64), our address or domain refused (Exchange Online's
	 * 5.7.708, 5.7.750). Every mail fails with them until the operator mends DNS or the relay's settings.
	 * A full mailbox (5.2.2) passes: it is the recipient's, and emptied it takes mail again.
	 */
	private static final Set<String> ABOUT_OUR_SETUP = Set.of("1.7", "1.8", "2.2", "7.0", "7.8", "7.9", "7.11", "7.20",
			"7.21", "7.22", "7.23", "7.24", "7.25", "7.26", "7.27", "7.54", "7.57", "7.60", "7.64", "7.509", "7.515", "7.708",
			"7.750");

	/**
	 * How relays word a refusal of us, whatever code they give (Postfix, Exim, Sendmail, Exchange): our
	 * sender, relaying denied ("550 5.7.1 Relay access denied" is how a relay says it wants a sign-in),
	 * authentication, or our relay's address on a block list. Not a bare "relay": Postfix refuses an
	 * unknown address with "User unknown in relay recipient table".
	 */
	private static final Pattern ABOUT_US = Pattern.compile("(?i)sender|mail from|envelope from|authenticat"
			+ "|relay(?:ing)?\\s+(?:access\\s+)?(?:denied|not\\s+permitted|prohibited)|unable\\s+to\\s+relay"
			+ "|client host|blocked using|\\bdmarc\\b|\\bspf\\b|\\bdkim\\b|mailbox (?:is )?full|over quota|quota exceeded");

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
				Boolean goOn = transactions.execute(status -> claimNext().map(mail -> attempt(mail, connection)).orElse(false));
				if (!Boolean.TRUE.equals(goOn)) {
					return;
				}
			}
		}
	}

	private Optional<QueuedMail> claimNext() {
		return jdbc.sql("""
				select id, message_id, recipient, subject, text_body, html_body, body_key_id, reply_to, in_reply_to,
				       mail_references, auto_submitted, attempts, written_by
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
					rs.getInt("attempts"), rs.getString("written_by")))
			.optional();
	}

	/**
	 * Sends the mail, records the attempt and returns whether the round may go on: not once the relay
	 * could not be reached or did not answer in time. The next mail would wait as long, and the round
	 * after it is a poll interval away; fifty mails of a relay that hangs held the outbox for 25 minutes.
	 */
	boolean attempt(QueuedMail mail, MailTransport.Connection connection) {
		int attempt = mail.attempts() + 1;
		OffsetDateTime now = OffsetDateTime.now(clock);
		SendFailure failure = null;
		boolean refusedForGood = false;
		boolean relayAnswered = true;
		try {
			// Opened here, not while claiming: a mail that does not open fails like a refused send and is
			// retried and given up on, instead of blocking the head of the queue.
			connection.send(mail.opened(encryption));
		}
		catch (Exception e) {
			refusedForGood = refusedForGood(e, mail.recipient());
			relayAnswered = !relayOutOfReach(e);
			failure = SendFailure.of(e, refusedForGood, !relayAnswered);
		}
		// Kept and logged: the failure's kind and the relay's code, never its words, which quote the address.
		String error = failure == null ? null : failure.stored();
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
			forgetIfDoneWith(mail);
		}
		else if (refusedForGood || attempt >= policy.maxAttempts()) {
			log.warn("Giving up on mail {} after {} attempts{}: {}", mail.messageId(), attempt,
					refusedForGood ? " (refused for good)" : "", error);
			jdbc.sql("update outbound_mail set status = 'FAILED', attempts = :attempt, last_error = :error where id = :id")
				.param("attempt", attempt)
				.param("error", error)
				.param("id", mail.id())
				.update();
			// A mail that is forgotten tells no one: the event would keep its address in the event table.
			if (!forgetIfDoneWith(mail) && refusedForGood) {
				events.publishEvent(new MailRefused(mail.messageId(), mail.recipient(), MailRefused.tokenOf(mail.replyTo()), error));
			}
		}
		else {
			OffsetDateTime next = now.plus(backOff(attempt));
			log.info("Mail {} not sent (attempt {}), next try at {}: {}", mail.messageId(), attempt, next, error);
			jdbc.sql("update outbound_mail set attempts = :attempt, next_attempt_at = :next, last_error = :error where id = :id")
				.param("attempt", attempt)
				.param("next", next)
				.param("error", error)
				.param("id", mail.id())
				.update();
		}
		return relayAnswered;
	}

	/** Deletes a mail queued to be forgotten once sent or given up on, with its attempts; whether it was. */
	private boolean forgetIfDoneWith(QueuedMail mail) {
		return jdbc.sql("delete from outbound_mail where id = :id and forget_once_done").param("id", mail.id()).update() > 0;
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
	 * Whether no retry can deliver the mail. The relay answered the recipient or the mail itself with a
	 * 5xx reply (no such address, "550 User unknown" without an enhanced code, 552 5.3.4 too large, 554
	 * 5.7.1 refused for its content): the same mail gets the same answer tomorrow. Or the recipient is an
	 * address Jakarta Mail will not write into a message: inbound mail is read as leniently as mail
	 * clients read it, so a sender such as “jan..jansen@example.nl” gets in; Spring's helper parses the
	 * recipient strictly, and that fails the same way on every attempt, for two days.
	 * <p>
	 * A refusal of us instead of the mail is retried: our sender (MAIL FROM), sign-in, relaying denied,
	 * our domain's SPF, DKIM or DMARC. It fails every mail until the operator mends it, and given up on,
	 * it would lose them all and tell every coach that their participant's address fails (decision 0038).
	 */
	static boolean refusedForGood(Exception e, String recipient) {
		Throwable failure = e;
		for (int depth = 0; failure != null && depth < 10; depth++) {
			// The parser names the part it rejects: the recipient as given, or the address inside it.
			if (failure instanceof AddressException unwritable && recipient != null && unwritable.getRef() != null
					&& !unwritable.getRef().isBlank() && recipient.contains(unwritable.getRef())) {
				return true;
			}
			if (failure instanceof SMTPSenderFailedException) {
				return false;
			}
			if (failure instanceof SMTPAddressFailedException refused) {
				return refusesTheMail(refused.getReturnCode(), refused.getMessage());
			}
			// Angus reports a refused MAIL FROM as this too, with the sender's exception next: that one is ours.
			if (failure instanceof SMTPSendFailedException refused && refused.getCommand() != null
					&& !refused.getCommand().regionMatches(true, 0, "MAIL", 0, 4)
					&& !(refused.getNextException() instanceof SMTPSenderFailedException)) {
				return refusesTheMail(refused.getReturnCode(), refused.getMessage());
			}
			failure = failure instanceof MessagingException messaging && messaging.getNextException() != null
					? messaging.getNextException() : failure.getCause();
		}
		return false;
	}

	/** Whether a reply to RCPT TO or to the mail's data refuses the mail for good, not us. */
	private static boolean refusesTheMail(int code, String reply) {
		if (code / 100 != 5 || ABOUT_OUR_SESSION.contains(code)) {
			return false;
		}
		String text = reply == null ? "" : reply;
		Matcher enhanced = ENHANCED_CODE.matcher(text);
		if (enhanced.find() && ABOUT_OUR_SETUP.contains(enhanced.group(1) + "." + enhanced.group(2))) {
			return false;
		}
		return !ABOUT_US.matcher(text).find();
	}

	/** Whether the relay could not be reached, or did not answer within the timeouts. */
	static boolean relayOutOfReach(Exception e) {
		Throwable failure = e;
		for (int depth = 0; failure != null && depth < 10; depth++) {
			if (SendFailure.outOfReach(failure)) {
				return true;
			}
			failure = failure instanceof MessagingException messaging && messaging.getNextException() != null
					? messaging.getNextException() : failure.getCause();
		}
		return false;
	}
}

package nl.briefwissel.mail;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import nl.briefwissel.encryption.UnreadableRecordException;

/**
 * Why the outbox did not send a mail, as {@code outbound_mail.last_error} keeps it, the log says it and a coach reads
 * it beside the letter: what kind of failure, and the relay's reply code with its enhanced status (RFC 3463),
 * {@code 550 5.1.1}, or, when no relay answered, the type of the failure. Never the relay's words: a refusal quotes
 * the recipient's address and may add their name or what their mailbox holds, and that is what an administrator
 * needs least; the relay's own log has the whole reply.
 * <p>
 * Kept as {@code kind: detail} in English ({@code recipient refused: 550 5.1.1}), so the table and the log read
 * without the code; the page says the kind in the reader's language.
 *
 * @param detail the reply code and enhanced status, or a failure's type; null when there is nothing to add
 */
public record SendFailure(Kind kind, String detail) {

	/** What went wrong, in the words an administrator acts on. */
	public enum Kind {

		/** The relay refused the recipient for good (5xx to RCPT TO): no such address, as a rule. */
		RECIPIENT_REFUSED("recipient refused", "recipientRefused"),
		/** The relay refused the mail itself for good (5xx to its data): too large, its content. */
		MAIL_REFUSED("mail refused", "mailRefused"),
		/** The relay refused us: sign-in, our sender, relaying, our domain's SPF, DKIM or DMARC (decision 0038). */
		REFUSED_US("relay refused us", "refusedUs"),
		/** The recipient's mailbox is full (x.2.2): it takes mail again once emptied. */
		MAILBOX_FULL("mailbox full", "mailboxFull"),
		/** A temporary refusal (4xx): the relay asks to try again later. */
		TRY_AGAIN_LATER("try again later", "tryAgainLater"),
		/** The relay could not be reached, or did not answer in time. */
		RELAY_OUT_OF_REACH("relay out of reach", "relayOutOfReach"),
		/** STARTTLS was not offered, or the TLS handshake failed. */
		SECURE_CONNECTION("secure connection failed", "secureConnection"),
		/** The recipient is no address a message can be written to. */
		ADDRESS_NOT_WRITABLE("address not writable", "addressNotWritable"),
		/** The mail's sealed body does not open (its key is not configured, or it was changed). */
		UNREADABLE("mail does not open", "unreadable"),
		/** An automatic mail the loop brake kept from sending. */
		LOOP_BRAKE("loop brake", "loopBrake"),
		/** Anything else: the detail names its type. */
		OTHER("other", "other");

		private final String stored;

		private final String code;

		Kind(String stored, String code) {
			this.stored = stored;
			this.code = code;
		}

		/** The key of the kind's text in the messages: {@code conversation.delivery.reason.<code>}. */
		public String code() {
			return code;
		}
	}

	/** A reply at the start of a relay's answer: its code, and the enhanced status that follows it (RFC 2034). */
	private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d)(?:[ -]+([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]))?");

	/** What a detail may be: a reply with its enhanced status, or the simple name of a type. Nothing else is kept or shown. */
	private static final Pattern DETAIL = Pattern.compile("[2-5]\\d\\d(?: [245]\\.\\d{1,3}\\.\\d{1,3})?|[A-Za-z][A-Za-z0-9_$]{0,99}");

	private static final Pattern FULL_MAILBOX = Pattern.compile("(?i)mailbox (?:is )?full|over quota|quota exceeded");

	public SendFailure {
		if (kind == null) {
			throw new IllegalArgumentException("a failure has a kind");
		}
		detail = detail == null || !DETAIL.matcher(detail).matches() ? null : detail;
	}

	static final SendFailure LOOP_BRAKED = new SendFailure(Kind.LOOP_BRAKE, null);

	/** As the table keeps it and the log says it: {@code recipient refused: 550 5.1.1}. */
	public String stored() {
		return detail == null ? kind.stored : kind.stored + ": " + detail;
	}

	@Override
	public String toString() {
		return stored();
	}

	/**
	 * A failure as the table keeps it; null for null. Text in any other form (a column from before this form, decision
	 * 0104) reads as {@link Kind#OTHER} without a detail: it is never shown as it is.
	 */
	public static SendFailure parse(String stored) {
		if (stored == null) {
			return null;
		}
		for (Kind kind : Kind.values()) {
			if (stored.equals(kind.stored)) {
				return new SendFailure(kind, null);
			}
			if (stored.startsWith(kind.stored + ": ")) {
				return new SendFailure(kind, stored.substring(kind.stored.length() + 2));
			}
		}
		return new SendFailure(Kind.OTHER, null);
	}

	/**
	 * What an attempt's failure was. {@code refusedForGood} and {@code outOfReach} are the outbox's own verdicts
	 * ({@link OutboxWorker#refusedForGood}, {@link OutboxWorker#relayOutOfReach}), so what the coach reads matches what
	 * the outbox does with the mail.
	 */
	static SendFailure of(Exception failure, boolean refusedForGood, boolean outOfReach) {
		Throwable reached = null;
		Throwable secure = null;
		Throwable replied = null;
		String reply = null;
		int code = 0;
		for (Throwable each : chain(failure)) {
			if (each instanceof UnreadableRecordException) {
				return new SendFailure(Kind.UNREADABLE, type(each));
			}
			if (each instanceof AddressException) {
				// The recipient's address only when it is the part that does not parse, as the outbox gives up only
				// then: a sender or reply address from the settings is retried, and is no fault of the participant's.
				return new SendFailure(refusedForGood ? Kind.ADDRESS_NOT_WRITABLE : Kind.OTHER, type(each));
			}
			if (reached == null && outOfReach(each)) {
				reached = each;
			}
			if (secure == null && (each instanceof SSLException
					|| each.getMessage() != null && each.getMessage().contains("STARTTLS"))) {
				secure = each;
			}
			if (replied == null) {
				Matcher start = REPLY.matcher(each.getMessage() == null ? "" : each.getMessage());
				boolean startsWithReply = start.find();
				int returned = returnCode(each);
				if (returned >= 200 || startsWithReply) {
					replied = each;
					code = returned >= 200 ? returned : Integer.parseInt(start.group(1));
					String enhanced = startsWithReply && Integer.parseInt(start.group(1)) == code ? start.group(2) : null;
					reply = enhanced == null ? String.valueOf(code) : code + " " + enhanced;
				}
			}
		}
		if (outOfReach && reached != null) {
			return new SendFailure(Kind.RELAY_OUT_OF_REACH, type(reached));
		}
		if (replied == null) {
			return secure != null ? new SendFailure(Kind.SECURE_CONNECTION, type(secure))
					: new SendFailure(Kind.OTHER, type(failure));
		}
		String enhanced = reply.indexOf(' ') > 0 ? reply.substring(reply.indexOf(' ') + 1) : "";
		if (refusedForGood) {
			return new SendFailure(replied instanceof SMTPAddressFailedException ? Kind.RECIPIENT_REFUSED : Kind.MAIL_REFUSED, reply);
		}
		if (enhanced.matches("[45]\\.2\\.2") || FULL_MAILBOX.matcher(String.valueOf(replied.getMessage())).find()) {
			return new SendFailure(Kind.MAILBOX_FULL, reply);
		}
		return new SendFailure(code / 100 == 4 ? Kind.TRY_AGAIN_LATER : Kind.REFUSED_US, reply);
	}

	/** Whether this failure says the relay could not be reached, or did not answer within the timeouts. */
	static boolean outOfReach(Throwable failure) {
		return failure instanceof MailConnectException || failure instanceof ConnectException
				|| failure instanceof NoRouteToHostException || failure instanceof UnknownHostException
				|| failure instanceof SocketTimeoutException;
	}

	/** The failure and what it wraps: Jakarta Mail's next exception, else the cause. */
	private static java.util.List<Throwable> chain(Throwable failure) {
		java.util.List<Throwable> chain = new java.util.ArrayList<>();
		for (Throwable each = failure; each != null && chain.size() < 10 && !chain.contains(each);) {
			chain.add(each);
			each = each instanceof MessagingException messaging && messaging.getNextException() != null
					? messaging.getNextException() : each.getCause();
		}
		return chain;
	}

	private static String type(Throwable failure) {
		String name = failure.getClass().getSimpleName();
		return name.isEmpty() ? failure.getClass().getName().replaceAll(".*[.$]", "") : name;
	}

	/** The reply code Angus read from the relay for this refusal, or -1. */
	private static int returnCode(Throwable failure) {
		if (failure instanceof SMTPAddressFailedException refused) {
			return refused.getReturnCode();
		}
		if (failure instanceof SMTPSenderFailedException refused) {
			return refused.getReturnCode();
		}
		return failure instanceof SMTPSendFailedException refused ? refused.getReturnCode() : -1;
	}
}

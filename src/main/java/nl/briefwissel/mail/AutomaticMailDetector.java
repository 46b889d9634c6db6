package nl.briefwissel.mail;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Tells bounces and auto-replies from mail a person wrote. An auto-reply must never count as the
 * participant's message and must never be answered; a bounce means our mail did not arrive.
 */
final class AutomaticMailDetector {

	// Localised subjects of out-of-office replies, also when a "Re:" or "AW:" precedes them.
	private static final String ANSWER_PREFIXES = "^\\s*(?:(?:re|aw|antw|fw|sv)\\s*:\\s*)*";

	private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(ANSWER_PREFIXES + "(?:"
			+ "automatisch antwoord|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|"
			+ "out of (the )?office|abwesenheitsnotiz|automatische antwort|"
			+ "réponse automatique|respuesta automática|vacation reply"
			+ ")\\b", Pattern.CASE_INSENSITIVE);

	// Words a person also writes as a subject ("Afwezig volgende week", "Met vakantie 1-15 juli") count
	// only as the prefix of an answer ("Afwezig: Opdracht 3") or as the whole subject ("Niet aanwezig"),
	// and only for a mail that reads like one: see isAutoReply.
	private static final Pattern AWAY_SUBJECT = Pattern.compile(ANSWER_PREFIXES + "(?:"
			+ "afwezig|afwezigheid|niet aanwezig|niet op kantoor|on vacation|met vakantie"
			+ ")\\s*(?::|$)", Pattern.CASE_INSENSITIVE);

	/**
	 * How much of a subject the patterns read. "Re: " twenty thousand times overflowed the stack of the
	 * prefix's repetition, and the mail ended failed instead of read; an automatic subject says what it
	 * is at its start.
	 */
	private static final int SUBJECT_READ = 1000;

	private static final Pattern BOUNCE_SUBJECT = Pattern.compile("^\\s*("
			+ "undeliverable|undelivered mail|onbestelbaar|niet bezorgd|niet afgeleverd|delivery status notification|"
			+ "mail delivery failed|returned mail|delivery failure|failure notice|mail delivery system|"
			+ "unzustellbar|non remis|bericht kon niet worden bezorgd"
			+ ")", Pattern.CASE_INSENSITIVE);

	private static final Pattern DAEMON_SENDER = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@",
			Pattern.CASE_INSENSITIVE);

	/** Exchange's own reports come from a mailbox named after a hash (MicrosoftExchange329e71ec88ae...@). */
	private static final Pattern EXCHANGE_SENDER = Pattern.compile("^microsoftexchange[0-9a-f]{32}@", Pattern.CASE_INSENSITIVE);

	private AutomaticMailDetector() {
	}

	/** Whether a report comes from a mail server's address (or none), as real bounces and delivery reports do. */
	static boolean mailServer(String from) {
		return from == null || from.isBlank() || serverAddress(from);
	}

	/** A mailer-daemon's or postmaster's address, or Exchange's own hashed mailbox. */
	private static boolean serverAddress(String from) {
		return from != null && (DAEMON_SENDER.matcher(from).find() || EXCHANGE_SENDER.matcher(from).find());
	}

	static boolean isBounce(MimeMessage message, String from, String subject) throws MessagingException {
		String contentType = lower(message.getContentType());
		if (contentType.startsWith("multipart/report") && contentType.contains("delivery-status")) {
			return true;
		}
		boolean nullSender = nullSender(message);
		boolean daemon = serverAddress(from);
		boolean bounceSubject = BOUNCE_SUBJECT.matcher(start(subject)).find();
		return (daemon && (bounceSubject || nullSender)) || (nullSender && bounceSubject);
	}

	/**
	 * Sent with the null sender {@code MAIL FROM:<>}: only bounces and automatic answers are (RFC 5321,
	 * RFC 3834 3.3); a person's mail program always gives their address. The top Return-Path is the one
	 * the delivering server wrote; any below it came with the mail.
	 */
	static boolean nullSender(MimeMessage message) throws MessagingException {
		String[] returnPath = message.getHeader("Return-Path");
		return returnPath != null && returnPath.length > 0 && "<>".equals(returnPath[0].replace(" ", "").strip());
	}

	/**
	 * {@code writtenLetter}: the mail has files, or more text than an automatic answer has. With only an
	 * "away" word at the start of its subject to go on, such a mail is a person's ("Afwezigheid: hoe pak
	 * ik mijn re-integratie aan?", with a CV): read as an automatic answer, it became a short note without
	 * its files.
	 */
	static boolean isAutoReply(MimeMessage message, String subject, boolean writtenLetter) throws MessagingException {
		if (nullSender(message)) {
			return true;
		}
		// A read receipt (RFC 8098): a mail program's report that our letter was opened, which Outlook sends
		// without Auto-Submitted. Its "Gelezen: …" became the participant's letter.
		String contentType = lower(message.getContentType());
		if (contentType.startsWith("multipart/report") && contentType.contains("disposition-notification")) {
			return true;
		}
		String autoSubmitted = lower(header(message, "Auto-Submitted"));
		if (!autoSubmitted.isBlank() && !autoSubmitted.startsWith("no")) {
			return true; // RFC 3834
		}
		if (!header(message, "X-Autoreply").isBlank() || !header(message, "X-Autorespond").isBlank()
				|| !header(message, "X-Autoresponder").isBlank()) {
			return true;
		}
		String precedence = lower(header(message, "Precedence"));
		if (precedence.equals("auto_reply") || precedence.equals("bulk") || precedence.equals("junk")) {
			return true;
		}
		// Exchange marks its own automatic answers with a loop header.
		if (!header(message, "X-MS-Exchange-Inbox-Rules-Loop").isBlank()
				|| !header(message, "X-MS-Exchange-Generated-Message-Source").isBlank()) {
			return true;
		}
		String start = start(subject);
		return AUTO_REPLY_SUBJECT.matcher(start).find() || !writtenLetter && AWAY_SUBJECT.matcher(start).find();
	}

	static String header(MimeMessage message, String name) throws MessagingException {
		String value = message.getHeader(name, ",");
		return value == null ? "" : value.trim();
	}

	private static String start(String subject) {
		return subject.length() > SUBJECT_READ ? subject.substring(0, SUBJECT_READ) : subject;
	}

	private static String lower(String value) {
		return value == null ? "" : value.toLowerCase(Locale.ROOT).trim();
	}
}

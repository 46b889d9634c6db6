package nl.briefwissel.mail;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One mail to send. {@code html} may be null for plain-text-only mail. {@code automatic} marks
 * mail no person wrote (reminders, password resets): it carries {@code Auto-Submitted} so
 * well-behaved auto-responders do not answer it (RFC 3834). {@code about} holds the ids of the records
 * a notice to someone else is about, such as trajectories: the mail names the people in them, and each
 * record's erasure finds it by its id ({@link MailErasure#forgetMailAbout}). {@code writtenBy} is the
 * person who wrote it, when one did (a coach's letter): their name goes with the platform's as the sender's.
 * {@code notification}: the mail only says that a letter waits behind the sign-in, without its words (the
 * programme or the participant keeps letters out of ordinary mail); kept with the mail, so the coach's page
 * says for each letter what went, whatever the participant chooses later. {@code noticeKind}: which notice
 * this is, a stable name its sender gives it, so that it is found again among sent mail by what it is and not by
 * its subject, which the message bundles may word otherwise tomorrow (decision 0093); null for other mail.
 */
public record OutgoingMail(String to, String subject, String text, String html, String replyTo, String inReplyTo,
		List<String> references, boolean automatic, Set<UUID> about, String writtenBy, boolean notification,
		String noticeKind) {

	public OutgoingMail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(text, "text");
		references = references == null ? List.of() : List.copyOf(references);
		about = about == null ? Set.of() : Set.copyOf(about);
	}

	/** A mail about these records, written by no one person. */
	public OutgoingMail(String to, String subject, String text, String html, String replyTo, String inReplyTo,
			List<String> references, boolean automatic, Set<UUID> about) {
		this(to, subject, text, html, replyTo, inReplyTo, references, automatic, about, null, false, null);
	}

	/** A mail about no record: a letter, a sign-in link, a notice to the person it is about. */
	public OutgoingMail(String to, String subject, String text, String html, String replyTo, String inReplyTo,
			List<String> references, boolean automatic) {
		this(to, subject, text, html, replyTo, inReplyTo, references, automatic, null);
	}

	/** An automatic notice from Briefwissel itself, not part of a conversation. */
	public static OutgoingMail notice(String to, String subject, String text, String html) {
		return new OutgoingMail(to, subject, text, html, null, null, List.of(), true);
	}

	/**
	 * The same mail, its HTML part made now from its text in this language (a plain-text mail's HTML is
	 * otherwise made when it is sent, without knowing the language its words are in). Only addresses that
	 * start with {@code ourAddress} (Briefwissel's public address) become links in it: the text may be filled
	 * in with a name or an address from a mail's headers.
	 */
	public OutgoingMail inLanguage(java.util.Locale language, String ourAddress) {
		return inLanguage(language, language, ourAddress);
	}

	/**
	 * As above, its subject (the HTML part's title) in {@code subjectLanguage}: a mail in a conversation's thread
	 * has the thread's subject, in the language the thread began in (decision 0097).
	 */
	public OutgoingMail inLanguage(java.util.Locale language, java.util.Locale subjectLanguage, String ourAddress) {
		return html != null ? this
				: new OutgoingMail(to, subject, text, HtmlText.fromText(text, subject, language, subjectLanguage, ourAddress),
						replyTo, inReplyTo, references, automatic, about, writtenBy, notification, noticeKind);
	}

	/**
	 * The same mail, in a thread: under its subject, answering {@code inReplyTo} (may be null), referring to
	 * {@code references} (decision 0097).
	 */
	public OutgoingMail inThread(String threadSubject, String previous, List<String> thread) {
		return new OutgoingMail(to, threadSubject, text, html, replyTo, previous, thread, automatic, about, writtenBy,
				notification, noticeKind);
	}

	/** The same mail, answered at this address. */
	public OutgoingMail replyingTo(String address) {
		return new OutgoingMail(to, subject, text, html, address, inReplyTo, references, automatic, about, writtenBy, notification,
				noticeKind);
	}

	/** The same mail, about this record: forgotten when that is erased. */
	public OutgoingMail about(UUID id) {
		return about(List.of(id));
	}

	/** The same mail, about these records as well: forgotten when any of them is erased. */
	public OutgoingMail about(Collection<UUID> ids) {
		Set<UUID> all = new LinkedHashSet<>(about);
		all.addAll(ids);
		return new OutgoingMail(to, subject, text, html, replyTo, inReplyTo, references, automatic, all, writtenBy, notification,
				noticeKind);
	}

	/** The same mail, marked as a notification of a letter that is not in it. */
	public OutgoingMail asNotification() {
		return new OutgoingMail(to, subject, text, html, replyTo, inReplyTo, references, automatic, about, writtenBy, true, noticeKind);
	}

	/** The same mail, marked as this kind of notice: found again by it (decision 0093). */
	public OutgoingMail ofKind(String kind) {
		return new OutgoingMail(to, subject, text, html, replyTo, inReplyTo, references, automatic, about, writtenBy, notification,
				kind);
	}

	/** The same mail, written by this person (a coach's letter): the inbox shows it as theirs. */
	public OutgoingMail writtenBy(String name) {
		return new OutgoingMail(to, subject, text, html, replyTo, inReplyTo, references, automatic, about, name, notification,
				noticeKind);
	}
}

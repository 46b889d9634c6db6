package nl.briefwissel.mail;

import java.util.List;
import java.util.Objects;

/**
 * One mail to send. {@code html} may be null for plain-text-only mail. {@code automatic} marks
 * mail no person wrote (reminders, password resets): it carries {@code Auto-Submitted} so
 * well-behaved auto-responders do not answer it (RFC 3834).
 */
public record OutgoingMail(String to, String subject, String text, String html, String replyTo, String inReplyTo,
		List<String> references, boolean automatic) {

	public OutgoingMail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(text, "text");
		references = references == null ? List.of() : List.copyOf(references);
	}

	/** An automatic notice from Briefwissel itself, not part of a conversation. */
	public static OutgoingMail notice(String to, String subject, String text, String html) {
		return new OutgoingMail(to, subject, text, html, null, null, List.of(), true);
	}
}

package nl.briefwissel.mail;

import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

/**
 * A row of the outbox as the worker sees it. {@code text} and {@code html} are sealed under
 * {@code keyId} until {@link #opened} (a null key id: a row queued before encryption, plain). {@code writtenBy}
 * names the person who wrote it, or is null for the platform's own mail.
 */
record QueuedMail(UUID id, String messageId, String recipient, String subject, String text, String html, String keyId,
		String replyTo, String inReplyTo, String references, boolean automatic, int attempts, String writtenBy) {

	/** The platform's own mail, written by no one person. */
	QueuedMail(UUID id, String messageId, String recipient, String subject, String text, String html, String keyId,
			String replyTo, String inReplyTo, String references, boolean automatic, int attempts) {
		this(id, messageId, recipient, subject, text, html, keyId, replyTo, inReplyTo, references, automatic, attempts, null);
	}

	QueuedMail opened(Encryption encryption) {
		return new QueuedMail(id, messageId, recipient, subject, encryption.openText(keyId, text),
				encryption.openText(keyId, html), null, replyTo, inReplyTo, references, automatic, attempts, writtenBy);
	}
}

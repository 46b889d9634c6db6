package nl.briefwissel.mail;

import java.util.UUID;

/** A row of the outbox as the worker sees it. */
record QueuedMail(UUID id, String messageId, String recipient, String subject, String text, String html,
		String replyTo, String inReplyTo, String references, boolean automatic, int attempts) {
}

package nl.briefwissel.trajectory;

import java.util.UUID;

import nl.briefwissel.mail.MailAttachment;

/**
 * A file that came with a mail to an intake address (a CV, say), kept with the application as a letter's file is:
 * {@code refusal} says why its content was not kept, by the same rules as a letter's.
 */
public record IntakeFile(UUID id, UUID intakeId, String fileName, String contentType, long size, String refusal) {

	public boolean available() {
		return refusal == null;
	}

	/** As a letter's file says it: the key of its text ({@link MailAttachment#refusalKind}). */
	public String refusalKind() {
		return MailAttachment.refusalKind(refusal);
	}

	public String refusalDetail() {
		return MailAttachment.refusalDetail(refusal);
	}
}

package nl.briefwissel.conversation;

import java.util.UUID;

import nl.briefwissel.mail.MailAttachment;

/** A file that came with a message; {@code refusal} says why its content was not kept. */
public record Attachment(UUID id, UUID messageId, String fileName, String contentType, long size, String refusal) {

	public boolean available() {
		return refusal == null;
	}

	/**
	 * A kept photo a browser shows, to be previewed in the letter. Its type came from its bytes when it
	 * was kept (a file kept before that with a false image type only shows as a broken preview: it is
	 * served as a download).
	 */
	public boolean photo() {
		return available() && nl.briefwissel.mail.ImageFormat.ofType(contentType).isPresent();
	}

	/**
	 * Why the file was not kept, as a text's key: "tooBig", "blocked" (a program), "damaged",
	 * "outlookItem" (a mail or appointment inside Outlook's winmail.dat), "layout" (a small image in the
	 * mail's text, only named on the original mail's page) or "other". The
	 * refusal itself is stored as the mail module words it, in English, for the logs.
	 */
	public String refusalKind() {
		return MailAttachment.refusalKind(refusal);
	}

	/** The detail of the refusal for its text: the blocked extension, or the refusal as stored. */
	public String refusalDetail() {
		return MailAttachment.refusalDetail(refusal);
	}
}

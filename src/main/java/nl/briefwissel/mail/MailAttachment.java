package nl.briefwissel.mail;

/**
 * A file that came with a mail. {@code name} is already safe to show and to offer as a download
 * name; {@code refusal} says why the content was not kept (too big, a blocked type), else null.
 */
public record MailAttachment(String name, String contentType, long size, byte[] content, String refusal) {

	public boolean accepted() {
		return refusal == null;
	}

	@Override
	public String toString() {
		return "MailAttachment[" + name + ", " + contentType + ", " + size + " bytes" + (refusal == null ? "" : ", " + refusal) + "]";
	}
}

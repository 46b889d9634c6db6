package nl.briefwissel.conversation;

import java.util.UUID;

/** A file that came with a message; {@code refusal} says why its content was not kept. */
public record Attachment(UUID id, UUID messageId, String fileName, String contentType, long size, String refusal) {

	public boolean available() {
		return refusal == null;
	}
}

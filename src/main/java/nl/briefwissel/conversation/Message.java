package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One entry in a conversation. {@code body} is what the person wrote, trimmed of quoted history. */
public record Message(UUID id, UUID trajectoryId, UUID authorId, String authorName, Author author, MessageKind kind,
		String body, Channel channel, UUID inboundMailId, String mailMessageId, OffsetDateTime createdAt,
		List<Attachment> attachments) {

	public Message {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	public boolean isNote() {
		return kind != MessageKind.MESSAGE;
	}

	public boolean cameByMail() {
		return inboundMailId != null;
	}
}

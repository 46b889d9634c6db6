package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One entry in a conversation. {@code body} is what the person wrote, trimmed of quoted history.
 * {@code readable} is false only for a letter that no configured key opens read for a conversation
 * page, the record or the export ({@link Conversations#toRead}): its body is then null and they show
 * a marked line in its place (decision 0057); everywhere else such a letter still fails loudly.
 */
public record Message(UUID id, UUID trajectoryId, UUID authorId, String authorName, Author author, MessageKind kind,
		String body, boolean readable, Channel channel, UUID inboundMailId, String mailMessageId, OffsetDateTime createdAt,
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

package nl.briefwissel.conversation;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/**
 * What people wrote, sealed at rest: messages, their files, the passages marked in them, the coach's
 * notes, drafts and saved replies (their titles stay plain: the coach's list is sorted by them).
 */
@Component
class ConversationContent implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.text("message", "id", "body_key_id", "body"),
				EncryptedTable.bytes("message_attachment", "id", "content_key_id", "content"),
				EncryptedTable.text("highlight", "id", "passage_key_id", "passage"),
				EncryptedTable.text("coach_note", "id", "body_key_id", "body"),
				EncryptedTable.text("saved_reply", "id", "body_key_id", "body"),
				new EncryptedTable("draft", List.of("trajectory_id", "coach_id"), List.of("body"), "body_key_id",
						EncryptedTable.Kind.TEXT));
	}
}

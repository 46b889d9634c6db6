package nl.briefwissel.conversation;

import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.mail.ReplyTokenConversations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reply tokens' conversations for {@code mail inspect --conversations}, which runs in a context of its
 * own with the database alone: hence the table read here, not through {@link ReplyTokens} and what it needs.
 */
@Component
class ConversationsOfReplyTokens implements ReplyTokenConversations {

	private final JdbcClient jdbc;

	ConversationsOfReplyTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<UUID> conversationOf(String token) {
		return jdbc.sql("select trajectory_id from reply_token where token = :token")
			.param("token", token)
			.query(UUID.class)
			.optional();
	}
}

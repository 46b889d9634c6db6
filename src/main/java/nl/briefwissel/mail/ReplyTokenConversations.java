package nl.briefwissel.mail;

import java.util.Optional;
import java.util.UUID;

/**
 * Which conversation a reply token was issued for, as {@code mail inspect --conversations} tells an
 * administrator: the conversation module keeps the tokens and answers this. Only reads.
 */
public interface ReplyTokenConversations {

	/** The trajectory whose conversation has this token; empty when none has it (never issued, or erased since). */
	Optional<UUID> conversationOf(String token);
}

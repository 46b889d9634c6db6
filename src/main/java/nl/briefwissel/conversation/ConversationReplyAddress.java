package nl.briefwissel.conversation;

import java.util.UUID;

import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.ConversationAddress;

import org.springframework.stereotype.Component;

/** The trajectory's reply address for the notices of other modules, as its letters have it. */
@Component
class ConversationReplyAddress implements ConversationAddress {

	private final ReplyTokens tokens;

	private final ReplyAddress addresses;

	ConversationReplyAddress(ReplyTokens tokens, ReplyAddress addresses) {
		this.tokens = tokens;
		this.addresses = addresses;
	}

	@Override
	public String replyTo(UUID trajectoryId, UUID participantId) {
		return addresses.of(tokens.tokenFor(trajectoryId, participantId));
	}
}

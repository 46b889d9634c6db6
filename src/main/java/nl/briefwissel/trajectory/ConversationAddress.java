package nl.briefwissel.trajectory;

import java.util.UUID;

import nl.briefwissel.mail.OutgoingMail;

/**
 * Where a participant's reply to a mail about their trajectory goes: its conversation's reply address.
 * Notices of other modules (a new coach, the closing summary) would otherwise go out from the
 * no-reply address, and a participant who answers them by mail, as they answer their coach, would
 * write to nobody. The conversation module keeps the reply tokens and gives this.
 */
public interface ConversationAddress {

	String replyTo(UUID trajectoryId, UUID participantId);

	/**
	 * The same mail as one of the conversation's (the closing summary's): to its reply address, under the
	 * subject of its letters, answering the last of them, so that mail programs keep it in their thread
	 * (decision 0097).
	 */
	OutgoingMail inConversation(TrajectoryOverview trajectory, OutgoingMail mail);

	/** The language of the conversation's subject ({@link #inConversation}): the one its thread began in. */
	java.util.Locale threadLanguage(TrajectoryOverview trajectory);
}

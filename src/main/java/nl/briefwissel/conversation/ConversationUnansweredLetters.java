package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.trajectory.UnansweredLetters;

import org.springframework.stereotype.Component;

/**
 * Whether the participant waits for an answer, by the rule the workspace's "waiting for you" uses
 * (notes about mail do not count): the complete and stop forms warn by the same rule the coach's list shows.
 * Their reaction to the closing summary by mail is a letter too, but one that answers the summary: neither the
 * list nor the forms count it as waiting for an answer ({@link Messages#activity}, decision 0136).
 */
@Component
class ConversationUnansweredLetters implements UnansweredLetters {

	private final Messages messages;

	ConversationUnansweredLetters(Messages messages) {
		this.messages = messages;
	}

	@Override
	public Optional<OffsetDateTime> waitingSince(UUID trajectoryId) {
		return Optional.ofNullable(activity(trajectoryId).waitingFrom());
	}

	@Override
	public Optional<OffsetDateTime> participantLastWrote(UUID trajectoryId) {
		return Optional.ofNullable(activity(trajectoryId).lastParticipant());
	}

	private Messages.Activity activity(UUID trajectoryId) {
		return messages.activity(List.of(trajectoryId)).getOrDefault(trajectoryId, Messages.Activity.NONE);
	}
}

package nl.briefwissel.trajectory;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether the participant waits for their coach's answer: the newest letter of the conversation is
 * theirs and the coach has not written since. The complete and stop forms and their confirmations say
 * so (a warning, not a refusal).
 * The conversation module keeps the letters and gives this; asking it directly would make this module
 * depend on the one that depends on it.
 */
public interface UnansweredLetters {

	/**
	 * The participant's first letter since the coach last wrote, while the newest letter is theirs
	 * (at the same instant theirs counts as the newer, as in the workspace); empty when the coach wrote
	 * last or nobody wrote yet.
	 */
	Optional<OffsetDateTime> waitingSince(UUID trajectoryId);

	/**
	 * When the participant last wrote a letter in the conversation, by the same rule; empty when they never
	 * did. Ending warns while a closing summary sent has had no answer: one since it was sent is one.
	 */
	Optional<OffsetDateTime> participantLastWrote(UUID trajectoryId);
}

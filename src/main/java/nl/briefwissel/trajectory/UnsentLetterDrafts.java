package nl.briefwissel.trajectory;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether the coach keeps a letter to the participant as a draft that was not sent. The complete and stop
 * forms and their confirmations say so (a warning, not a refusal): after the end nothing more goes into the
 * conversation, so the draft can no longer be sent; the coach's conversation page shows it only to copy,
 * until the trajectory is erased. The conversation module keeps the drafts and gives this, as it gives
 * {@link UnansweredLetters}: asking it directly would make this module depend on the one that depends on it.
 */
public interface UnsentLetterDrafts {

	/**
	 * When this coach last saved their draft of a letter in this trajectory, while it has words and its
	 * letter was not sent (the draft their write form opens with, also one that does not open); empty when
	 * there is none.
	 */
	Optional<OffsetDateTime> savedAt(UUID trajectoryId, UUID coachId);
}

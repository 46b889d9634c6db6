package nl.briefwissel.trajectory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When the participant or the coach last wrote a letter in a trajectory, for {@link SilentTrajectories}: a
 * trajectory long past its planned end in which nobody writes any more is stopped. The conversation module keeps
 * the letters and gives this, as it gives {@link UnansweredLetters}; dates only, never a word.
 */
public interface LastLetters {

	/**
	 * The newest letter of the participant or the coach per trajectory, of those that have one (notes about mail do
	 * not count), or the newest mail of the participant held back for the coach when that is later.
	 */
	Map<UUID, OffsetDateTime> newest(List<UUID> trajectoryIds);
}

package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a participant's request to erase their data waits for a decision, and the day they hear it by. The privacy
 * module owns the requests (and depends on this one); the participant's start page asks through this, so that while
 * it waits the page does not say the conversation is simply kept until the end of its retention.
 */
public interface ErasureAsked {

	Optional<Waiting> waiting(UUID accountId);

	/**
	 * An open request: the day it is to be decided by, and whether that day has passed without a decision, so that
	 * the page does not promise a mail by a day gone but says where to turn, as the privacy page does.
	 */
	record Waiting(LocalDate decidedBy, boolean overdue) {
	}
}

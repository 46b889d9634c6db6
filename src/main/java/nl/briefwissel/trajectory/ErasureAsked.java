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

	Optional<LocalDate> decidedBy(UUID accountId);
}

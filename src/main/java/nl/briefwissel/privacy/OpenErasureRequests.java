package nl.briefwissel.privacy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.trajectory.ErasureAsked;
import org.springframework.stereotype.Component;

/** An open request's day of decision, as the participant's privacy page says it, for the start page. */
@Component
class OpenErasureRequests implements ErasureAsked {

	private final Erasures erasures;

	OpenErasureRequests(Erasures erasures) {
		this.erasures = erasures;
	}

	@Override
	public Optional<LocalDate> decidedBy(UUID accountId) {
		return erasures.latestOf(accountId).filter(ErasureRequest::open).map(ErasureRequest::answerBy);
	}
}

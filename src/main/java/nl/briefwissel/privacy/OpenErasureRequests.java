package nl.briefwissel.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.trajectory.ErasureAsked;
import org.springframework.stereotype.Component;

/** An open request's day of decision, and whether it has passed, as the participant's privacy page says it, for the start page. */
@Component
class OpenErasureRequests implements ErasureAsked {

	private final Erasures erasures;

	private final Clock clock;

	OpenErasureRequests(Erasures erasures, Clock clock) {
		this.erasures = erasures;
		this.clock = clock;
	}

	@Override
	public Optional<Waiting> waiting(UUID accountId) {
		LocalDate today = LocalDate.now(clock);
		return erasures.latestOf(accountId).filter(ErasureRequest::open)
			.map(request -> new Waiting(request.answerBy(), request.overdue(today)));
	}
}

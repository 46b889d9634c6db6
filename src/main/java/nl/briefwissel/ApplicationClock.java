package nl.briefwissel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The clock every module reads. The demo data tells its story (letters, assignments, their answers)
 * through the same services a person's clicks use, each step at the moment it happened in the story:
 * {@link #atPastMoment} sets that moment for the calling thread only and only while the step runs, so
 * the schedulers and requests on other threads keep the real time (decision 0045). Nothing else calls
 * it; the demo data never runs under the production profile.
 */
public final class ApplicationClock extends Clock {

	private static final ThreadLocal<Instant> PAST_MOMENT = new ThreadLocal<>();

	private final Clock now;

	ApplicationClock(Clock now) {
		this.now = now;
	}

	/**
	 * Runs {@code step} with this thread's clock at {@code moment}, which must have passed: a story
	 * written ahead of time would make letters arrive from the future.
	 */
	public <T> T atPastMoment(Instant moment, Supplier<T> step) {
		if (moment.isAfter(now.instant())) {
			throw new IllegalArgumentException("A story's moment must have passed: " + moment);
		}
		if (PAST_MOMENT.get() != null) {
			throw new IllegalStateException("Already at a past moment");
		}
		PAST_MOMENT.set(moment);
		try {
			return step.get();
		}
		finally {
			PAST_MOMENT.remove();
		}
	}

	@Override
	public Instant instant() {
		Instant past = PAST_MOMENT.get();
		return past == null ? now.instant() : past;
	}

	@Override
	public ZoneId getZone() {
		return now.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return zone.equals(getZone()) ? this : new ApplicationClock(now.withZone(zone));
	}
}

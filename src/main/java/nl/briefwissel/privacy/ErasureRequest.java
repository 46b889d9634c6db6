package nl.briefwissel.privacy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A participant's request to be forgotten, and what the administrator decided. {@code firstAnswerBy} is
 * the day, in the programme's zone, by which the person must have their answer: a month after the request
 * (AVG article 12(3); a month from 31 January ends on the last day of February). An administrator may
 * extend that once, by at most two further months, telling the person why before the month is over
 * ({@code extension}); {@link #answerBy()} is then the later day.
 */
public record ErasureRequest(UUID id, UUID accountId, String name, String email, OffsetDateTime requestedAt,
		Status status, OffsetDateTime decidedAt, String declineReason, LocalDate firstAnswerBy, Extension extension) {

	public enum Status {
		REQUESTED, CONFIRMED, DECLINED
	}

	/** The later day to answer by, why (the participant read it), and when it was decided. */
	public record Extension(LocalDate until, String reason, OffsetDateTime at) {
	}

	/** At most two further months (AVG article 12(3)). */
	public static final int EXTENSION_MONTHS_AT_MOST = 2;

	public boolean open() {
		return status == Status.REQUESTED;
	}

	/** The day the answer is due: a month after the request, or the later day it was extended to. */
	public LocalDate answerBy() {
		return extension != null ? extension.until() : firstAnswerBy;
	}

	public boolean extended() {
		return extension != null;
	}

	/**
	 * Whether an administrator may still extend it on this day: open, not extended before, and within the
	 * first month, as the person must be told of it within that month (AVG article 12(3)).
	 */
	public boolean extendable(LocalDate today) {
		return open() && !extended() && !today.isAfter(firstAnswerBy);
	}

	/** Still open after the day it had to be answered by. */
	public boolean overdue(LocalDate today) {
		return open() && today.isAfter(answerBy());
	}
}

package nl.briefwissel.privacy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A participant's request to be forgotten, and what the administrator decided. {@code answerBy} is the
 * day, in the programme's zone, by which the person must have their answer: a month after the request
 * (AVG article 12(3); a month from 31 January ends on the last day of February).
 */
public record ErasureRequest(UUID id, UUID accountId, String name, String email, OffsetDateTime requestedAt,
		Status status, OffsetDateTime decidedAt, String declineReason, LocalDate answerBy) {

	public enum Status {
		REQUESTED, CONFIRMED, DECLINED
	}

	public boolean open() {
		return status == Status.REQUESTED;
	}

	/** Still open after the day it had to be answered by. */
	public boolean overdue(LocalDate today) {
		return open() && today.isAfter(answerBy);
	}
}

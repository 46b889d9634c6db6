package nl.briefwissel.privacy;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A participant's request to be forgotten, and what the administrator decided. */
public record ErasureRequest(UUID id, UUID accountId, String name, String email, OffsetDateTime requestedAt,
		Status status, OffsetDateTime decidedAt, String declineReason) {

	public enum Status {
		REQUESTED, CONFIRMED, DECLINED
	}

	public boolean open() {
		return status == Status.REQUESTED;
	}
}

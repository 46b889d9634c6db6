package nl.briefwissel.mail;

import java.time.OffsetDateTime;

/** How far a queued mail got: what a coach sees next to a message that is late or failed. */
public record Delivery(String messageId, Status status, int attempts, String lastError, OffsetDateTime nextAttemptAt,
		OffsetDateTime sentAt) {

	public enum Status {
		/** Not sent yet; {@code attempts > 0} means earlier attempts failed and it is retried. */
		PENDING,
		SENT,
		/** Given up after the configured number of attempts. */
		FAILED
	}

	public boolean delayed() {
		return status == Status.PENDING && attempts > 0;
	}
}

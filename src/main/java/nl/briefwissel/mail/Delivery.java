package nl.briefwissel.mail;

import java.time.OffsetDateTime;

/**
 * How far a queued mail got: what a coach sees next to a message that is late or failed. {@code failure}: why the last
 * attempt failed, or null. {@code notification}: the mail went as a notification of the letter, without its words
 * ({@link OutgoingMail#notification()}).
 */
public record Delivery(String messageId, Status status, int attempts, SendFailure failure, OffsetDateTime nextAttemptAt,
		OffsetDateTime sentAt, boolean notification) {

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

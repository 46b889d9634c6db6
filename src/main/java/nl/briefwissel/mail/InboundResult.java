package nl.briefwissel.mail;

import java.util.UUID;

/** What became of an inbound mail. Every mail ends as exactly one of these; none is dropped. */
public sealed interface InboundResult {

	/** Summary for the operator's log and the inbound table. */
	String describe();

	/** Added to a conversation as a message. */
	record Threaded(UUID messageId) implements InboundResult {

		public String describe() {
			return "threaded as message " + messageId;
		}
	}

	/** Kept aside for a coach or administrator to decide, with the reason. */
	record Quarantined(String reason) implements InboundResult {

		public String describe() {
			return "quarantined: " + reason;
		}
	}

	/** An out-of-office answer, shown as a note and never answered. */
	record AutoReply(UUID noteId) implements InboundResult {

		public String describe() {
			return "auto-reply noted as " + noteId;
		}
	}

	/**
	 * A delivery failure: the address is marked failing and the coach is told. The description names
	 * no address: the operator's log leaves the application, where no erasure reaches it, and the note
	 * and the reply address keep the failing address already.
	 */
	record Bounce(UUID noteId) implements InboundResult {

		public String describe() {
			return "bounce noted as " + noteId;
		}
	}

	/** Not part of a conversation but an application, such as a mail to a programme's intake address. */
	record Application(UUID applicationId) implements InboundResult {

		public String describe() {
			return "taken in as application " + applicationId;
		}
	}
}

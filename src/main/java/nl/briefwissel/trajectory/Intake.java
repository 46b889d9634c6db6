package nl.briefwissel.trajectory;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * An application to a programme: from the public link, an invitation or a mail to the intake
 * address. It becomes a trajectory waiting for a coach once it is complete and the address is
 * confirmed.
 */
public record Intake(UUID id, UUID programmeId, String email, String displayName, Locale language, Source source,
		Status status, String question, String theme, SelfCheck selfCheck, UUID trajectoryId, OffsetDateTime createdAt,
		OffsetDateTime submittedAt, boolean questionReadable) {

	public enum Source {
		LINK, INVITATION, MAIL
	}

	public enum Status {
		/** A programme manager invited the person; the form is not filled in yet. */
		INVITED,
		/** A mail reached the intake address; the sender was sent a link to complete the form. */
		RECEIVED_BY_MAIL,
		/** The form is filled in from the public link; the address is not yet confirmed. */
		AWAITING_CONFIRMATION,
		/** Complete and confirmed: a trajectory waits for a coach. */
		SUBMITTED,
		/**
		 * Closed before it was completed: withdrawn by the programme manager, or cleared by the
		 * retention job or an erasure (nobody can complete it any more).
		 */
		WITHDRAWN,
		/**
		 * From the public link, its address never confirmed, and given way to the programme's own invitation of that
		 * address: anyone can type any address there. Nothing typed into it is kept, only its link, which says so
		 * (decision 0082).
		 */
		SUPERSEDED
	}

	/** An answer to a self-check question. */
	public enum Answer {
		YES, PARTLY, NO
	}

	/** The self-check: is written coaching likely to work for this person now? */
	public record SelfCheck(Answer writesComfortably, Answer motivated, Answer hasTime) {

		/** Any "no" deserves honest advice about other forms of coaching before applying. */
		public boolean suggestsAnotherForm() {
			return writesComfortably == Answer.NO || motivated == Answer.NO || hasTime == Answer.NO;
		}
	}

	public boolean open() {
		return status == Status.INVITED || status == Status.RECEIVED_BY_MAIL || status == Status.AWAITING_CONFIRMATION;
	}
}

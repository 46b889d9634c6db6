package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.Closings;
import nl.briefwissel.mail.ReadMail;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.stereotype.Component;

/**
 * How a letter of the participant came, as far as it decides the assignments it answers by itself
 * (decision 0126): after the closing summary or not, and in answer to which coach's letter's mail. A reaction
 * to the summary by mail went in as the answer to the assignment still open, and stood in the record so.
 */
@Component
class LetterArrivals {

	private final Closings closings;

	private final Messages messages;

	private final ClosingDesk closingDesk;

	LetterArrivals(Closings closings, Messages messages, ClosingDesk closingDesk) {
		this.closings = closings;
		this.messages = messages;
		this.closingDesk = closingDesk;
	}

	/**
	 * A letter by mail that replies to the closing summary's mail (its In-Reply-To, as for an assignment's letter)
	 * is also the participant's reaction to the summary, when the trajectory runs and they gave none yet (decision
	 * 0136): that mail tells them they can react by answering it. The letter stays in the conversation as it came.
	 */
	void reactionToTheSummary(TrajectoryOverview trajectory, ReadMail mail, UUID letterId, String letter) {
		closingDesk.reactedByMail(trajectory, mail.inReplyTo(), letterId, letter);
	}

	/** A letter written on the web now: it answers no mail, so after the summary only what was given since. */
	GivenAssignments.Arrival onTheWeb(UUID trajectoryId) {
		return closings.sentAt(trajectoryId)
			.map(sent -> new GivenAssignments.Arrival(sent, null))
			.orElse(GivenAssignments.Arrival.BEFORE_THE_SUMMARY);
	}

	/**
	 * A reply by mail that came at {@code came}. Its In-Reply-To alone names the mail it answers: References
	 * lists the whole thread, the assignment's letter in a reply to the closing mail too.
	 */
	GivenAssignments.Arrival byMail(UUID trajectoryId, ReadMail mail, OffsetDateTime came) {
		Optional<OffsetDateTime> sent = closings.sentAt(trajectoryId).filter(at -> !at.isAfter(came));
		if (sent.isEmpty()) {
			return GivenAssignments.Arrival.BEFORE_THE_SUMMARY;
		}
		return new GivenAssignments.Arrival(sent.get(), messages.coachLetterOfMailId(trajectoryId, mail.inReplyTo()).orElse(null));
	}
}

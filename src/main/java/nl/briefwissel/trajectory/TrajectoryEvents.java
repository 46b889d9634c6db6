package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What happens to a trajectory, published for other modules (reminders, statistics, evaluation).
 * Identifiers, dates and reason codes only: never text.
 */
public final class TrajectoryEvents {

	private TrajectoryEvents() {
	}

	/** A completed intake is waiting to be matched. */
	public record IntakeSubmitted(UUID trajectoryId, UUID programmeId, String theme, String source) {
	}

	public record CoachProposed(UUID trajectoryId, UUID coachId) {
	}

	public record CoachDeclined(UUID trajectoryId, UUID coachId, Reason reason) {
	}

	public record TrajectoryStarted(UUID trajectoryId, UUID coachId, LocalDate on) {
	}

	/** The trajectory went over to another coach while it was under way. */
	public record CoachHandedOver(UUID trajectoryId, UUID fromCoachId, UUID toCoachId, Reason reason) {
	}

	public record TrajectoryPaused(UUID trajectoryId, LocalDate from, LocalDate until, Reason reason) {
	}

	/**
	 * {@code early}: resumed before the day the pause was to end (by the coach), so the contact moments come
	 * sooner than the participant was told; a pause that ran its course resumes on its last day, not early.
	 */
	public record TrajectoryResumed(UUID trajectoryId, LocalDate on, boolean early) {
	}

	public record TrajectoryExtended(UUID trajectoryId, int weeks, int totalWeeks, Reason reason) {
	}

	public record TrajectoryCompleted(UUID trajectoryId, LocalDate on, Reason reason) {
	}

	public record TrajectoryStopped(UUID trajectoryId, LocalDate on, Reason reason) {
	}

	/**
	 * Every word and file of a trajectory must go now: on the participant's request or at the end
	 * of the retention period. Handled synchronously, in the erasing transaction, by every module
	 * that keeps content, so the erasure happens completely or not at all. The address is here for
	 * the mail module, which knows mail by address, not by trajectory.
	 */
	public record TrajectoryErased(UUID trajectoryId, UUID participantId, String participantEmail) {
	}
}

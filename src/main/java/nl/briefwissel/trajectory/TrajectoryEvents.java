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

	public record TrajectoryPaused(UUID trajectoryId, LocalDate from, LocalDate until, Reason reason) {
	}

	public record TrajectoryResumed(UUID trajectoryId, LocalDate on) {
	}

	public record TrajectoryExtended(UUID trajectoryId, int weeks, int totalWeeks, Reason reason) {
	}

	public record TrajectoryCompleted(UUID trajectoryId, LocalDate on, Reason reason) {
	}

	public record TrajectoryStopped(UUID trajectoryId, LocalDate on, Reason reason) {
	}
}

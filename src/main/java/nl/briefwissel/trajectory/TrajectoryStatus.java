package nl.briefwissel.trajectory;

/** Where a trajectory stands. */
public enum TrajectoryStatus {
	/** The participant has applied; the intake is not yet complete or matched. */
	INTAKE,
	/** A coach has been proposed and has not yet accepted. */
	MATCHING,
	RUNNING,
	PAUSED,
	COMPLETED,
	STOPPED;

	/** Completed or stopped: nothing is written on the web any more, and its course no longer changes. */
	public boolean ended() {
		return this == COMPLETED || this == STOPPED;
	}
}

package nl.briefwissel.account;

import java.util.UUID;

/**
 * What a coach is coaching right now, and what a participant is still taking part in, as the
 * trajectories know it: the account module asks before the coach or participant role is taken back,
 * without depending on the module that keeps trajectories (which depends on it and implements this,
 * in {@code TrajectoriesOfCoach}).
 */
public interface CoachWork {

	/** Trajectories this coach reads and answers now (running or paused), or is asked to (a proposal). */
	int underway(UUID coachId);

	/**
	 * Trajectories this person takes part in as participant and that have not ended: applied for,
	 * waiting for a coach, running or paused. Erased ones no longer count.
	 */
	int takingPart(UUID participantId);
}

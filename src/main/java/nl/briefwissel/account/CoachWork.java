package nl.briefwissel.account;

import java.util.UUID;

/**
 * What a coach is coaching right now, as the trajectories know it: the account module asks before
 * the coach role is taken back, without depending on the module that keeps trajectories (which
 * depends on it and implements this).
 */
public interface CoachWork {

	/** Trajectories this coach reads and answers now (running or paused), or is asked to (a proposal). */
	int underway(UUID coachId);
}

package nl.briefwissel.trajectory;

import java.util.Set;
import java.util.UUID;

import nl.briefwissel.account.CoachWork;

import org.springframework.stereotype.Component;

/** The account module's question, answered from the trajectories. */
@Component
class TrajectoriesOfCoach implements CoachWork {

	private final Trajectories trajectories;

	TrajectoriesOfCoach(Trajectories trajectories) {
		this.trajectories = trajectories;
	}

	@Override
	public int underway(UUID coachId) {
		// A proposal waiting for the coach's answer too: without the role nobody could accept or decline it.
		return trajectories.countOfCoach(coachId, Set.of(TrajectoryStatus.MATCHING, TrajectoryStatus.RUNNING, TrajectoryStatus.PAUSED));
	}
}

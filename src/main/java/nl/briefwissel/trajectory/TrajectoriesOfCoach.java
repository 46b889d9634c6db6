package nl.briefwissel.trajectory;

import java.util.Set;
import java.util.UUID;

import nl.briefwissel.account.CoachWork;

import org.springframework.stereotype.Component;

/** The account module's questions before it takes a role back, answered from the trajectories. */
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

	@Override
	public int takingPart(UUID participantId) {
		// From the application on: without the role the participant can no longer follow their application,
		// read the letters they are sent links to, export them or ask for their erasure.
		Set<TrajectoryStatus> open = Set.of(TrajectoryStatus.INTAKE, TrajectoryStatus.MATCHING, TrajectoryStatus.RUNNING,
				TrajectoryStatus.PAUSED);
		return (int) trajectories.ofParticipant(participantId).stream().filter(t -> open.contains(t.status())).count();
	}
}

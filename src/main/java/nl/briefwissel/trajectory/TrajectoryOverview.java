package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.UUID;

/** A trajectory as a list shows it: who, where it stands, since when. No content. */
public record TrajectoryOverview(UUID id, UUID programmeId, String programmeName, UUID participantId,
		String participantName, UUID coachId, String coachName, TrajectoryStatus status, String theme,
		LocalDate startedOn, LocalDate endedOn) {
}

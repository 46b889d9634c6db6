package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.UUID;

/** A trajectory as a list shows it: who (with their mail address), where it stands, since when. No content. */
public record TrajectoryOverview(UUID id, UUID programmeId, String programmeName, UUID participantId,
		String participantName, String participantEmail, UUID coachId, String coachName, String coachEmail,
		TrajectoryStatus status, String theme, LocalDate startedOn, LocalDate endedOn) {
}

package nl.briefwissel.statistics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The figures of one programme over one period.
 *
 * @param runningNow running or paused today, started on or before today
 * @param startingSoon accepted, with a first day still ahead: not running yet
 * @param averageDays of completed trajectories, from start to end without the pauses taken
 */
public record ProgrammeFigures(UUID programmeId, String programmeName, LocalDate from, LocalDate until, Figure intakes,
		Figure started, Figure runningNow, Figure startingSoon, Figure completed, Distribution stoppedByReason, Figure averageDays,
		Distribution themes, Figure coachResponseHours, Figure contactMomentsKeptPercent, Figure evaluations, Figure satisfaction,
		Figure questionAnsweredBefore, Figure questionAnsweredAfter, Figure recommendPercent, OffsetDateTime calculatedAt) {
}

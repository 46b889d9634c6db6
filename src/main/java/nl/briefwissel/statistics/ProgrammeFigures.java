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
 * @param firstMonth the first day of the first whole month that stops, response times, contact moments and
 *        evaluations count in (each only when it had five or more); null when no month of the period is over
 * @param lastMonth the first day of the last such month; null as {@code firstMonth}
 */
public record ProgrammeFigures(UUID programmeId, String programmeName, LocalDate from, LocalDate until, Figure intakes,
		Figure started, Figure runningNow, Figure startingSoon, Figure completed, Distribution stoppedByReason, Figure averageDays,
		Distribution themes, Figure coachResponseHours, Figure contactMomentsKeptPercent, Figure evaluations, Figure satisfaction,
		Figure questionAnsweredBefore, Figure questionAnsweredAfter, Figure recommendPercent, LocalDate firstMonth,
		LocalDate lastMonth, OffsetDateTime calculatedAt) {

	/**
	 * These figures with the counts that the page's sums are made of as {@link Sums} leaves them (some hidden
	 * so that no group under five follows by subtraction); every other figure as it was. Here, by the record's
	 * own names: rebuilt from outside, all 22 were named in order by their accessors, and one in a wrong
	 * place still compiled, most of them being a Figure.
	 */
	ProgrammeFigures withSums(Figure intakes, Figure started, Figure runningNow, Figure completed, Distribution themes) {
		return new ProgrammeFigures(programmeId, programmeName, from, until, intakes, started, runningNow, startingSoon, completed,
				stoppedByReason, averageDays, themes, coachResponseHours, contactMomentsKeptPercent, evaluations, satisfaction,
				questionAnsweredBefore, questionAnsweredAfter, recommendPercent, firstMonth, lastMonth, calculatedAt);
	}

	/**
	 * A count of whole months with five or more (stops, evaluations) that counted none: not "0", which a
	 * manager read as nobody, while a month of three had three. Which it was is not told: that is the rule.
	 */
	public boolean noMonthCounted(Figure monthlyCount) {
		return monthlyCount.value() != null && monthlyCount.value() == 0;
	}
}

package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A trajectory as a list shows it: who (with their mail address), where it stands, since when and
 * in which rhythm. No content. {@code participantLanguage} is the language the participant reads
 * and writes in, so the conversation's letters can say it to a screen reader whatever the page's.
 * {@code lettersByMail}: whether its programme sends letters by ordinary mail (in full, or as the
 * participant chooses) or only as a notice to read and answer them signed in (NTA 7516); every text
 * that tells a participant how to answer follows it.
 */
public record TrajectoryOverview(UUID id, UUID programmeId, String programmeName, UUID participantId,
		String participantName, String participantEmail, UUID coachId, String coachName, String coachEmail,
		TrajectoryStatus status, String theme, LocalDate startedOn, LocalDate endedOn, int weeks, int momentsPerWeek,
		int extraWeeks, List<Trajectory.Pause> pauses, int replyWithinDays, Locale participantLanguage, boolean lettersByMail) {

	public TrajectoryOverview {
		pauses = pauses == null ? List.of() : List.copyOf(pauses);
	}

	/** Running or paused: the coach reads and answers what is written in it. */
	public boolean underway() {
		return status == TrajectoryStatus.RUNNING || status == TrajectoryStatus.PAUSED;
	}

	/**
	 * Whether on {@code day} the trajectory was accepted with its first day still ahead: running in name,
	 * not begun. Until that day it is not quiet or due on the coach's workspace, and every page that says
	 * where it stands names the day it starts; the programme's figures count it apart as starting soon.
	 */
	public boolean startsAfter(LocalDate day) {
		return underway() && startedOn != null && startedOn.isAfter(day);
	}

	/** Stopped before its first day came: it never ran, and its end lies before its start. */
	public boolean endedBeforeStart() {
		return startedOn != null && endedOn != null && endedOn.isBefore(startedOn);
	}

	/**
	 * Whether on {@code day} its start was a plan only: its first day still ahead, or never reached because it
	 * was stopped before. Every page then says "Geplande start" with the day, never "Gestart"; the record's
	 * changes of course name the state it left as not started, not "Lopend".
	 */
	public boolean notStartedOn(LocalDate day) {
		return startedOn != null && (startedOn.isAfter(day) || endedBeforeStart());
	}

	/**
	 * The day a paused trajectory runs again (the day the coach chose, which the participant's mail
	 * named), for its coach's pages; null when it is not paused.
	 */
	public LocalDate pausedUntil() {
		return status == TrajectoryStatus.PAUSED && !pauses.isEmpty() ? pauses.get(pauses.size() - 1).until() : null;
	}

	/**
	 * The day the coach's answer to a letter written on {@code written} is promised by: the programme's reply
	 * days counted in working days after it. A pause's working days do not count; they hold the promise up
	 * as they hold up a contact moment ({@link ContactMomentPlan#pausedBetween}), so a paused trajectory
	 * asks no answer by a day inside its pause. The workspace and the conversation page both name this day.
	 */
	public LocalDate replyDueBy(LocalDate written) {
		LocalDate day = written;
		for (int counted = 0; counted < replyWithinDays;) {
			day = day.plusDays(1);
			if (countsForReply(day)) {
				counted++;
			}
		}
		while (!countsForReply(day)) { // zero reply days: the letter's own day when that counts
			day = day.plusDays(1);
		}
		return day;
	}

	private boolean countsForReply(LocalDate day) {
		return DutchHolidays.isWorkingDay(day)
				&& pauses.stream().noneMatch(p -> !day.isBefore(p.from()) && day.isBefore(p.until()));
	}

	public int totalWeeks() {
		return weeks + extraWeeks;
	}

	/** By how many weeks the trajectory can still be extended: it lasts twelve at most. */
	public int weeksToExtend() {
		return Math.max(0, Trajectory.MAX_WEEKS - totalWeeks());
	}

	/**
	 * Whether this is the coach's conversation: their trajectory, and past the proposal, which is
	 * answered on its own page and is not yet the coach's conversation.
	 */
	public boolean coachedBy(UUID coach) {
		return coach.equals(coachId) && status != TrajectoryStatus.MATCHING;
	}

	/** Where a running trajectory is in its plan: "sessie 5 van 12" and when the next moment is due. */
	public record Progress(int current, int total, LocalDate nextDue) {

		public boolean finished() {
			return current > total;
		}
	}

	/** The plan of contact moments, once the trajectory has started. */
	public Optional<ContactMomentPlan> plan() {
		return startedOn == null ? Optional.empty()
				: Optional.of(Trajectory.plan(startedOn, weeks + extraWeeks, momentsPerWeek, pauses));
	}

	/**
	 * The day of the last contact moment, when on {@code day} the trajectory runs and every moment has
	 * passed: it waits for its coach to complete, extend or stop it (workspace, programme page).
	 */
	public Optional<LocalDate> lastMomentPassedOn(LocalDate day) {
		if (status != TrajectoryStatus.RUNNING) {
			return Optional.empty();
		}
		return plan().flatMap(plan -> plan.allPassedOn(day));
	}

	/** Progress on a day, for trajectories that are running or paused. */
	public Optional<Progress> progressOn(LocalDate day) {
		if (status != TrajectoryStatus.RUNNING && status != TrajectoryStatus.PAUSED) {
			return Optional.empty();
		}
		return plan().map(plan -> {
			int current = plan.currentOn(day);
			LocalDate next = current <= plan.size() ? plan.dueDates().get(current - 1) : null;
			return new Progress(Math.min(current, plan.size() + 1), plan.size(), next);
		});
	}
}

package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The trajectory aggregate: guards its own lifecycle. Each method checks that the change is legal
 * in the current state, applies it and registers the event; an illegal change is refused with
 * {@link IllegalTransitionException} and changes nothing.
 */
public final class Trajectory {

	/** The longest a trajectory may run, extensions included (PRODUCT.md: 4–12 weeks). */
	static final int MAX_WEEKS = 12;

	/**
	 * A pause from a day until a day (exclusive). Also the days between a trajectory's last contact
	 * moment and an extension made after it (see {@link #extend}): no moment fell due in them and none
	 * should, so the plan moves the new weeks past them as it moves moments past a pause. Such a gap
	 * has no event and no transition of its own and changes no status; nothing shows the stored pauses
	 * to anyone, they only move the plan (here, in {@link TrajectoryOverview} and in the statistics).
	 */
	public record Pause(LocalDate from, LocalDate until) {
	}

	/**
	 * A change of status with its reason, as it is kept in the trajectory's history; {@code toCoach} for a handover only,
	 * {@code weeks} for an extension only: the weeks it added, which the record and the export name per extension;
	 * {@code lastMoment} for an extension only: the last contact moment of the plan right after it, which its mail
	 * named and which a later early resume leaves nowhere else (V112). No {@code code} for a resume, which asks for none.
	 */
	record Transition(TrajectoryStatus from, TrajectoryStatus to, Reason code, String reason, UUID toCoach, Integer weeks,
			LocalDate lastMoment) {

		Transition(TrajectoryStatus from, TrajectoryStatus to, Reason code, String reason) {
			this(from, to, code, reason, null, null, null);
		}
	}

	private final UUID id;

	private TrajectoryStatus status;

	private UUID coachId;

	private LocalDate startedOn;

	private LocalDate endedOn;

	private int weeks;

	private int momentsPerWeek;

	private int extraWeeks;

	private final List<Pause> pauses;

	private final List<Object> events = new ArrayList<>();

	private final List<Transition> transitions = new ArrayList<>();

	Trajectory(UUID id, TrajectoryStatus status, UUID coachId, LocalDate startedOn, LocalDate endedOn, int weeks,
			int momentsPerWeek, int extraWeeks, List<Pause> pauses) {
		this.id = id;
		this.status = status;
		this.coachId = coachId;
		this.startedOn = startedOn;
		this.endedOn = endedOn;
		this.weeks = weeks;
		this.momentsPerWeek = momentsPerWeek;
		this.extraWeeks = extraWeeks;
		this.pauses = new ArrayList<>(pauses);
	}

	/** Proposes a coach for a completed intake; the coach accepts or declines. */
	public void propose(UUID coach) {
		require(status == TrajectoryStatus.INTAKE, "trajectory.illegal.propose", "only an intake waiting for a coach can be matched");
		coachId = coach;
		transition(TrajectoryStatus.MATCHING, null, null); // a proposal gives no reason
		events.add(new TrajectoryEvents.CoachProposed(id, coach));
	}

	/**
	 * The proposed coach accepts: the trajectory starts on the chosen day in the programme's rhythm
	 * of that moment, which it keeps from then on.
	 */
	public void accept(UUID coach, LocalDate startOn, int programmeWeeks, int programmeMomentsPerWeek) {
		require(status == TrajectoryStatus.MATCHING && coach.equals(coachId), "trajectory.illegal.accept",
				"only the proposed coach can accept, once");
		startedOn = startOn;
		weeks = programmeWeeks;
		momentsPerWeek = programmeMomentsPerWeek;
		transition(TrajectoryStatus.RUNNING, Reason.MATCHED, null);
		events.add(new TrajectoryEvents.TrajectoryStarted(id, coach, startOn));
	}

	/** The proposed coach declines: the intake waits for another coach. */
	public void decline(UUID coach, Reason reason, String why) {
		require(status == TrajectoryStatus.MATCHING && coach.equals(coachId), "trajectory.illegal.decline",
				"only the proposed coach can decline, once");
		coachId = null;
		transition(TrajectoryStatus.INTAKE, reason, why);
		events.add(new TrajectoryEvents.CoachDeclined(id, coach, reason));
	}

	/**
	 * The programme manager takes back a proposal the coach has not answered: the intake waits for a
	 * coach again, and the coach it was proposed to no longer has it. Without this a proposal nobody
	 * answered held the trajectory until retention erased it.
	 */
	public void withdrawProposal() {
		require(status == TrajectoryStatus.MATCHING && coachId != null, "trajectory.illegal.withdrawProposal",
				"only a proposal the coach has not answered can be withdrawn");
		coachId = null;
		transition(TrajectoryStatus.INTAKE, Reason.PROPOSAL_WITHDRAWN, null);
	}

	/**
	 * Another coach takes over a trajectory under way, with everything written so far; the contact
	 * moments stay as they are. Handing it to the coach who has it already is refused: the caller
	 * tells a second click apart from a mistake. {@code why}: the manager's explanation, kept with the
	 * change as a coach's is (the record shows it), {@code null} for none.
	 */
	public void handOver(UUID to, Reason reason, String why) {
		require(status == TrajectoryStatus.RUNNING || status == TrajectoryStatus.PAUSED, "trajectory.illegal.handOver",
				"only a running or paused trajectory can go over to another coach");
		require(to != null && !to.equals(coachId), "trajectory.illegal.handOverSameCoach", "the trajectory has this coach already");
		UUID from = coachId;
		coachId = to;
		transitions.add(new Transition(status, status, reason, why == null || why.isBlank() ? null : why.strip(), to, null, null));
		events.add(new TrajectoryEvents.CoachHandedOver(id, from, to, reason));
	}

	static final java.time.Period MAX_PAUSE = java.time.Period.ofMonths(6);

	/** Pauses a running trajectory until a day; later contact moments move with it. */
	public void pause(LocalDate from, LocalDate until, Reason reason, String why) {
		require(status == TrajectoryStatus.RUNNING, "trajectory.illegal.pause", "only a running trajectory can pause");
		TrajectoryLifecycle.pauseRefusal(from, until).ifPresent(key -> {
			throw new IllegalTransitionException(key, "a pause ends after it starts and lasts half a year at most");
		});
		// Rows stored before a pause resumed on its first day was forgotten keep that day; this pause
		// covers it, and no two pauses may start on one day (the table's key).
		pauses.removeIf(earlier -> earlier.from().equals(from));
		pauses.add(new Pause(from, until));
		transition(TrajectoryStatus.PAUSED, reason, why);
		events.add(new TrajectoryEvents.TrajectoryPaused(id, from, until, reason));
	}

	/**
	 * Resumes a paused trajectory; a pause ended early gives back the days not used. Resumed on the day
	 * it began, the pause took no day and is forgotten: kept as one day, it moved every later contact
	 * moment by a working day, and a second pause that day started on the same day as it.
	 */
	public void resume(LocalDate on) {
		require(status == TrajectoryStatus.PAUSED, "trajectory.illegal.resume", "only a paused trajectory can resume");
		// Paused without a pause of record (demo data, rows written by hand): nothing to shorten.
		boolean early = false;
		if (!pauses.isEmpty()) {
			int last = pauses.size() - 1;
			Pause pause = pauses.get(last);
			early = on.isBefore(pause.until());
			if (!on.isAfter(pause.from())) {
				pauses.remove(last);
			}
			else if (on.isBefore(pause.until())) {
				pauses.set(last, new Pause(pause.from(), on));
			}
		}
		transition(TrajectoryStatus.RUNNING, null, null); // resuming asks for no reason
		events.add(new TrajectoryEvents.TrajectoryResumed(id, on, early));
	}

	/**
	 * Adds weeks to a running or paused trajectory, up to twelve weeks in all. The new weeks follow
	 * the last contact moment, or start {@code today} when that moment is days behind: a trajectory
	 * runs on after its last moment until the coach completes it, and coaches often extend only then.
	 */
	public void extend(LocalDate today, int moreWeeks, Reason reason, String why) {
		require(status == TrajectoryStatus.RUNNING || status == TrajectoryStatus.PAUSED, "trajectory.illegal.extend",
				"only a running or paused trajectory can be extended");
		// Compared without adding: a number near the largest int wrapped the sum below the limit, and a
		// plan of minus two billion weeks broke every page and reminder that reads it.
		TrajectoryLifecycle.extensionRefusal(weeks + extraWeeks, moreWeeks).ifPresent(key -> {
			throw new IllegalTransitionException(key, "a trajectory runs " + MAX_WEEKS + " weeks at most");
		});
		if (startedOn != null) {
			skipIdleDaysBefore(today);
		}
		extraWeeks += moreWeeks;
		// The day the participant's mail names (CourseNotices reads the same plan), kept as told.
		List<LocalDate> due = startedOn == null ? List.of() : plan().dueDates();
		LocalDate lastMoment = due.isEmpty() ? null : due.get(due.size() - 1);
		transitions.add(new Transition(status, status, reason, why, null, moreWeeks, lastMoment));
		events.add(new TrajectoryEvents.TrajectoryExtended(id, moreWeeks, weeks + extraWeeks, reason));
	}

	/**
	 * Records the working days between the last contact moment and {@code today} as a pause, so that
	 * weeks added now start today instead of right after that moment, in the past: the participant
	 * was reminded at once of a moment already gone and the coach saw it overdue. A pause is what every
	 * reader of the plan applies already (the trajectory, its overview, the statistics), and a new
	 * column would need a migration. It moves none of the moments so far, which all lie before it.
	 * <p>
	 * A pause under way (paused after the last moment) moves the new weeks past its end by itself; the
	 * gap then ends where that pause starts. Pauses taken after the last moment and over by now moved
	 * nothing so far: the gap takes their days in, and they go, so no day counts twice.
	 */
	private void skipIdleDaysBefore(LocalDate today) {
		List<LocalDate> due = plan().dueDates();
		LocalDate idleFrom = due.get(due.size() - 1).plusDays(1);
		LocalDate idleUntil = today;
		for (Pause pause : pauses) {
			boolean underWay = !pause.from().isBefore(idleFrom) && pause.until().isAfter(today);
			if (underWay && pause.from().isBefore(idleUntil)) {
				idleUntil = pause.from();
			}
		}
		if (!DutchHolidays.onOrAfter(idleFrom).isBefore(idleUntil)) {
			return; // no working day passed without a moment: the new weeks start on time
		}
		LocalDate end = idleUntil;
		pauses.removeIf(pause -> !pause.from().isBefore(idleFrom) && pause.from().isBefore(end));
		pauses.add(new Pause(idleFrom, end));
		// In order of their first day, as they are read back: the plan applies them in this order, and
		// resume() shortens the last one, which must stay the pause under way.
		pauses.sort(Comparator.comparing(Pause::from));
	}

	public void complete(LocalDate on, Reason reason, String why) {
		require(status == TrajectoryStatus.RUNNING || status == TrajectoryStatus.PAUSED, "trajectory.illegal.complete",
				"only a running or paused trajectory can be completed");
		// Accepted to start later, it runs already: completed before its first day, the participant was
		// asked to evaluate and the employer told of a completion of something that never started.
		require(startedOn != null && !on.isBefore(startedOn), "trajectory.illegal.completeBeforeStart",
				"a trajectory completes on or after its start");
		endedOn = on;
		transition(TrajectoryStatus.COMPLETED, reason, why);
		events.add(new TrajectoryEvents.TrajectoryCompleted(id, on, reason));
	}

	public void stop(LocalDate on, Reason reason, String why) {
		require(status != TrajectoryStatus.COMPLETED && status != TrajectoryStatus.STOPPED, "trajectory.illegal.stop",
				"a trajectory that has ended cannot be stopped");
		endedOn = on;
		transition(TrajectoryStatus.STOPPED, reason, why);
		events.add(new TrajectoryEvents.TrajectoryStopped(id, on, reason));
	}

	/** The plan as it stands: the rhythm, with extensions added and pauses applied. */
	public ContactMomentPlan plan() {
		if (startedOn == null) {
			throw new IllegalStateException("trajectory " + id + " has not started");
		}
		return plan(startedOn, weeks + extraWeeks, momentsPerWeek, pauses);
	}

	/** The plan of a trajectory started on a day, for this many weeks (extensions included), with its pauses. */
	public static ContactMomentPlan plan(LocalDate startedOn, int weeks, int momentsPerWeek, List<Pause> pauses) {
		ContactMomentPlan plan = ContactMomentPlan.of(startedOn, weeks, momentsPerWeek);
		for (Pause pause : pauses) {
			// Accepting starts a trajectory at once, even with its first day months ahead, and it can
			// pause before that day: only the pause's days from the start on hold a moment up.
			if (pause.until().isAfter(startedOn)) {
				plan = plan.pausedBetween(pause.from().isBefore(startedOn) ? startedOn : pause.from(), pause.until());
			}
		}
		return plan;
	}

	private void transition(TrajectoryStatus to, Reason reason, String why) {
		transitions.add(new Transition(status, to, reason, why));
		status = to;
	}

	private static void require(boolean legal, String messageKey, String detail) {
		if (!legal) {
			throw new IllegalTransitionException(messageKey, detail);
		}
	}

	public UUID id() {
		return id;
	}

	public TrajectoryStatus status() {
		return status;
	}

	public UUID coachId() {
		return coachId;
	}

	public LocalDate startedOn() {
		return startedOn;
	}

	int weeks() {
		return weeks;
	}

	int momentsPerWeek() {
		return momentsPerWeek;
	}

	public LocalDate endedOn() {
		return endedOn;
	}

	public int totalWeeks() {
		return weeks + extraWeeks;
	}

	int extraWeeks() {
		return extraWeeks;
	}

	List<Pause> pauses() {
		return List.copyOf(pauses);
	}

	List<Object> events() {
		return List.copyOf(events);
	}

	List<Transition> transitions() {
		return List.copyOf(transitions);
	}
}

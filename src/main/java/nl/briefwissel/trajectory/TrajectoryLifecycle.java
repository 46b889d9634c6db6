package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of course, on behalf of the trajectory's coach: pause, resume, extend, complete, stop; and the
 * participant's own stop.
 * Each is applied by the aggregate, stored with its reason and published as an event in the same
 * transaction (the event publication registry keeps it until every listener has handled it).
 */
@Service
public class TrajectoryLifecycle {

	/** No reason chosen, or one this change does not offer. */
	public static final String REASON_MISSING = "trajectory.lifecycle.reasonMissing";

	/** 'Other' chosen and nothing written to say what it is. */
	public static final String OTHER_WITHOUT_WHY = "trajectory.lifecycle.otherWithoutWhy";

	/**
	 * An explanation longer than {@link #MAX_WHY}: refused at its field, not cut, for the writer would not know what
	 * of it was kept. Declining a proposal and handing over hold the same.
	 */
	public static final String WHY_TOO_LONG = "trajectory.lifecycle.whyTooLong";

	/** As long as an explanation of a change of course may be: its column (V8) and the textareas' maxlength. */
	public static final int MAX_WHY = 2000;

	/**
	 * What an explanation typed for this reason is refused with at its field, if anything: longer than is kept
	 * first, then 'other' without words ({@link Reason#refusalWith}). One order for the course's changes, declining
	 * and handing over, so the same words get the same sentence on each form; no reason chosen yet still has its
	 * length checked.
	 */
	public static Optional<String> explanationRefusal(Reason reason, String why) {
		if (why != null && why.length() > MAX_WHY) {
			return Optional.of(WHY_TOO_LONG);
		}
		return reason == null ? Optional.empty() : reason.refusalWith(why);
	}

	/**
	 * What a pause from one day until another is refused with, if anything: it ends after it starts, and lasts half
	 * a year at most (a pause is a break, not an end, and every plan is counted over its days). The trajectory
	 * holds it; its form asks here first, so a past day is said together with a reason not chosen.
	 */
	public static Optional<String> pauseRefusal(LocalDate from, LocalDate until) {
		if (!until.isAfter(from)) {
			return Optional.of("trajectory.illegal.pauseDates");
		}
		return until.isAfter(latestPauseEnd(from)) ? Optional.of("trajectory.illegal.pauseLength") : Optional.empty();
	}

	/** The last day a pause from {@code from} may end on: half a year on, that day itself allowed ({@link #pauseRefusal}). */
	public static LocalDate latestPauseEnd(LocalDate from) {
		return from.plus(Trajectory.MAX_PAUSE);
	}

	/**
	 * What adding weeks to a trajectory of {@code totalWeeks} is refused with, if anything. Compared without
	 * adding: a number near the largest int wrapped the sum below the limit.
	 */
	public static Optional<String> extensionRefusal(int totalWeeks, int moreWeeks) {
		return moreWeeks < 1 || moreWeeks > Trajectory.MAX_WEEKS - totalWeeks ? Optional.of("trajectory.illegal.extendWeeks")
				: Optional.empty();
	}

	private final Trajectories trajectories;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TrajectoryLifecycle(Trajectories trajectories, ApplicationEventPublisher events, Clock clock) {
		this.trajectories = trajectories;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public void pause(UUID trajectoryId, UUID coachId, LocalDate until, Reason reason, String why) {
		change(trajectoryId, coachId, t -> t.pause(today(), until, fitting(reason, Reason.forPausing(), why), why));
	}

	@Transactional
	public void resume(UUID trajectoryId, UUID coachId) {
		change(trajectoryId, coachId, t -> t.resume(today()));
	}

	/**
	 * Resumes, unless the trajectory is no longer paused until {@code shownUntil} (what the coach's page
	 * showed), with nothing changed then. Running already, it stands as the form asked for: an earlier
	 * click of the same form resumed it (a double click), or the pause ended by itself; nothing is made or
	 * mailed again. Paused until another day, the pause changed since the page was shown (resumed and paused
	 * again in another tab): ending it would end a pause the coach did not see. Checked on the locked row.
	 * One that has ended is refused as any resume of it is.
	 */
	@Transactional
	public Extension resumeFrom(UUID trajectoryId, UUID coachId, LocalDate shownUntil) {
		Trajectory trajectory = coached(trajectoryId, coachId);
		if (trajectory.status() == TrajectoryStatus.RUNNING) {
			return Extension.STANDS_ALREADY;
		}
		List<Trajectory.Pause> pauses = trajectory.pauses();
		if (trajectory.status() == TrajectoryStatus.PAUSED
				&& (pauses.isEmpty() || !shownUntil.equals(pauses.get(pauses.size() - 1).until()))) {
			return Extension.CHANGED_MEANWHILE;
		}
		apply(trajectory, coachId, t -> t.resume(today()));
		return Extension.MADE;
	}

	@Transactional
	public void extend(UUID trajectoryId, UUID coachId, int weeks, Reason reason, String why) {
		change(trajectoryId, coachId, t -> t.extend(today(), weeks, fitting(reason, Reason.forExtending(), why), why));
	}

	/**
	 * Extends, unless the running or paused trajectory no longer lasts {@code fromWeeks} (what the coach's
	 * form showed), with nothing changed then. When it lasts what the form asked for ({@code fromWeeks} plus
	 * {@code weeks}) an earlier click of the same form made it so (a double click), and that stands; any other
	 * length changed since the form was shown (another tab). Checked on the locked row, so a double click
	 * extends once. One that has ended is refused as any extension of it is.
	 */
	@Transactional
	public Extension extendFrom(UUID trajectoryId, UUID coachId, int fromWeeks, int weeks, Reason reason, String why) {
		Trajectory trajectory = coached(trajectoryId, coachId);
		boolean open = trajectory.status() == TrajectoryStatus.RUNNING || trajectory.status() == TrajectoryStatus.PAUSED;
		if (open && trajectory.totalWeeks() != fromWeeks) {
			// Subtracted, not added: a form's numbers changed by hand must not wrap around.
			boolean asAsked = weeks > 0 && (long) trajectory.totalWeeks() - fromWeeks == weeks;
			return asAsked ? Extension.STANDS_ALREADY : Extension.CHANGED_MEANWHILE;
		}
		apply(trajectory, coachId, t -> t.extend(today(), weeks, fitting(reason, Reason.forExtending(), why), why));
		return Extension.MADE;
	}

	/**
	 * What became of an extension asked for from a form that showed the trajectory's length, or of a resume
	 * asked for from a page that showed its pause.
	 */
	public enum Extension {
		/** Extended (resumed) now, and the participant is mailed. */
		MADE,
		/** It stands as the form asked for already (the form sent twice): nothing more is made or mailed. */
		STANDS_ALREADY,
		/** It stands otherwise than the form showed and asked for: nothing is made. */
		CHANGED_MEANWHILE
	}

	@Transactional
	public void complete(UUID trajectoryId, UUID coachId, Reason reason, String why) {
		change(trajectoryId, coachId, t -> t.complete(today(), fitting(reason, Reason.forCompleting(), why), why));
	}

	@Transactional
	public void stop(UUID trajectoryId, UUID coachId, Reason reason, String why) {
		change(trajectoryId, coachId, t -> t.stop(today(), fitting(reason, Reason.forStopping(), why), why));
	}

	/**
	 * The participant stops their own running or paused trajectory (decision 0141): stopped as a coach's stop is
	 * (no more contact moments or reminders, the record kept as after any end, counted in the figures as a stop), with
	 * {@link Reason#PARTICIPANT_STOPPED}, their words if they gave any, and their account as who did it. Asked on the
	 * locked row, so a double click stops once: the second finds it stopped by them and says so; one stopped or
	 * completed otherwise, or not yet under way, is left as it is. An explanation longer than {@link #MAX_WHY} is
	 * refused ({@link #WHY_TOO_LONG}), not cut. Another's trajectory is not found.
	 */
	@Transactional
	public ParticipantStop stopByParticipant(UUID trajectoryId, UUID participantId, String why) {
		boolean own = trajectories.byId(trajectoryId).filter(t -> participantId.equals(t.participantId())).isPresent();
		if (!own) {
			throw new NotYourTrajectoryException(trajectoryId);
		}
		if (why != null && why.length() > MAX_WHY) {
			throw new IllegalTransitionException(WHY_TOO_LONG, "an explanation longer than its column");
		}
		Trajectory trajectory = trajectories.load(trajectoryId).orElseThrow(() -> new NotYourTrajectoryException(trajectoryId));
		if (trajectory.status() == TrajectoryStatus.STOPPED && trajectories.stoppedByParticipant(trajectoryId).isPresent()) {
			return ParticipantStop.STOPPED_ALREADY;
		}
		if (trajectory.status() != TrajectoryStatus.RUNNING && trajectory.status() != TrajectoryStatus.PAUSED) {
			return ParticipantStop.NOT_UNDER_WAY;
		}
		apply(trajectory, participantId, t -> t.stop(today(), Reason.PARTICIPANT_STOPPED, why == null || why.isBlank() ? null : why));
		return ParticipantStop.STOPPED;
	}

	/** What became of a participant's stop of their own trajectory. */
	public enum ParticipantStop {
		/** Stopped now; the coach is told. */
		STOPPED,
		/** Stopped by the participant before (the second click of a double click): nothing more is made or mailed. */
		STOPPED_ALREADY,
		/** Ended otherwise (completed, stopped by the coach or by itself) or not under way: nothing is made. */
		NOT_UNDER_WAY
	}

	/**
	 * The reason, if it is one this change offers, and 'other' only with words (decision 0064): a stop
	 * for "more time needed" would count in the programme's figures as a reason nobody stops for.
	 * Asked after the trajectory is found to be this coach's, so another coach learns nothing from it.
	 * Declining a proposal and handing over hold the same rules (decision 0068).
	 */
	static Reason fitting(Reason reason, List<Reason> offered, String why) {
		if (reason == null || !offered.contains(reason)) {
			throw new IllegalTransitionException(REASON_MISSING, "not a reason for this change: " + reason);
		}
		reason.refusalWith(why).ifPresent(key -> {
			throw new IllegalTransitionException(key, "'other' needs an explanation");
		});
		return reason;
	}

	private void change(UUID trajectoryId, UUID coachId, Consumer<Trajectory> change) {
		apply(coached(trajectoryId, coachId), coachId, change);
	}

	/** The trajectory, loaded and locked, if this coach coaches it (not only proposed: a proposal has its own page). */
	private Trajectory coached(UUID trajectoryId, UUID coachId) {
		boolean own = trajectories.byId(trajectoryId).map(t -> t.coachedBy(coachId)).orElse(false);
		if (!own) {
			throw new NotYourTrajectoryException(trajectoryId);
		}
		// Asked again on the locked row: a handover committed in between gave it to another coach.
		return trajectories.load(trajectoryId)
			.filter(t -> coachId.equals(t.coachId()) && t.status() != TrajectoryStatus.MATCHING)
			.orElseThrow(() -> new NotYourTrajectoryException(trajectoryId));
	}

	/**
	 * Resumes a paused trajectory on the last day of its pause, on nobody's behalf ({@link PauseEnds});
	 * false when it no longer waits for that on {@code today}: resumed by the coach or another node
	 * meanwhile, or resumed and paused again until a later day (asked on the locked row, not on the
	 * list read before: that new pause was ended at once, its days still ahead in the plan).
	 */
	@Transactional
	boolean endPause(UUID trajectoryId, LocalDate today) {
		Trajectory trajectory = trajectories.load(trajectoryId).orElse(null);
		if (trajectory == null || trajectory.status() != TrajectoryStatus.PAUSED) {
			return false;
		}
		List<Trajectory.Pause> pauses = trajectory.pauses();
		if (!pauses.isEmpty() && pauses.get(pauses.size() - 1).until().isAfter(today)) {
			return false;
		}
		apply(trajectory, null, t -> t.resume(pauses.isEmpty() ? today : pauses.get(pauses.size() - 1).until()));
		return true;
	}

	/**
	 * Stops a trajectory nobody wrote in for long after its last contact moment, on nobody's behalf
	 * ({@link SilentTrajectories}, which loaded and locked it and asked that first); published as any stop, so the
	 * participant is told as after any stop.
	 */
	void stopSilent(Trajectory locked, LocalDate today) {
		apply(locked, null, t -> t.stop(today, Reason.NO_LETTERS_AFTER_PLANNED_END, null));
	}

	/** Applies a change to the loaded (and locked) aggregate, stores it and publishes what happened. */
	private void apply(Trajectory trajectory, UUID by, Consumer<Trajectory> change) {
		change.accept(trajectory);
		trajectories.save(trajectory, by);
		trajectory.events().forEach(events::publishEvent);
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	/** Not this coach's trajectory, or none at all: both answer 404. */
	public static class NotYourTrajectoryException extends RuntimeException {

		NotYourTrajectoryException(UUID trajectoryId) {
			super("No trajectory " + trajectoryId + " for this coach");
		}
	}
}

package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * A trajectory's extensions as its participant was told of them: the weeks each added and the last contact moment its
 * mail named. One account for the record (and its PDF and export) and for the coach's pages, so that they say the same.
 */
@Component
public class Extensions {

	private final Trajectories trajectories;

	private final Clock clock;

	Extensions(Trajectories trajectories, Clock clock) {
		this.trajectories = trajectories;
		this.clock = clock;
	}

	/**
	 * An extension as the coach's pages list it: when, the weeks it added (null where they were not kept, V111), the last
	 * contact moment its mail named (null where that is not known) and, with the last of several when the weeks of one of
	 * them were not kept, the weeks of all together (null otherwise), as the record says them.
	 */
	public record Told(OffsetDateTime at, Integer weeks, LocalDate lastMoment, Integer weeksInAll) {
	}

	/**
	 * This trajectory's extensions, oldest first; none read for one never extended (no extra weeks), as most are: the
	 * conversation page asks it on every view.
	 */
	public List<Told> of(TrajectoryOverview trajectory) {
		if (trajectory.extraWeeks() == 0) {
			return List.of();
		}
		// The course's days and weeks, not its reasons: no coach's words opened to list extensions on every view.
		List<Trajectories.Change> changes = trajectories.courseSinceStartWithoutReasons(trajectory.id());
		List<Trajectories.Change> extensions = changes.stream().filter(Trajectories.Change::extension).toList();
		Map<Trajectories.Change, LocalDate> told = lastMomentsTold(trajectory, changes);
		boolean someNotKept = extensions.stream().anyMatch(extension -> extension.weeks() == null);
		List<Told> list = new ArrayList<>();
		for (int i = 0; i < extensions.size(); i++) {
			Trajectories.Change extension = extensions.get(i);
			boolean last = i == extensions.size() - 1;
			list.add(new Told(extension.at(), extension.weeks(), told.get(extension),
					someNotKept && extensions.size() > 1 && last ? trajectory.extraWeeks() : null));
		}
		return list;
	}

	/**
	 * The last contact moment each extension's mail named (CourseNotices: the plan right after it). Kept with each one
	 * made since V112; for one made before, worked out from what is stored: the weeks the trajectory had right after it
	 * (all its weeks less those of the extensions made since, each kept since V111), with the pauses begun by then, each
	 * until the day then known. Not known for an extension followed by one whose own weeks were not kept (extended more
	 * than once before V111): the weeks it brought the trajectory to are known nowhere. Not known either for one made
	 * before V112 during a pause that a coach ended since on or before the day that pause was to end: an early resume
	 * shortens the stored pause, and the day the pause mail named is kept nowhere else. A pause that ran its course
	 * ({@link Trajectories.Change#byNobody}) kept that day. No date rather than one the mail did not say.
	 */
	public Map<Trajectories.Change, LocalDate> lastMomentsTold(TrajectoryOverview trajectory, List<Trajectories.Change> changes) {
		List<Trajectories.Change> extensions = changes.stream().filter(Trajectories.Change::extension).toList();
		if (extensions.isEmpty()) {
			return Map.of();
		}
		Map<Trajectories.Change, LocalDate> told = new HashMap<>();
		// From the last one back: each had the weeks it left less those the extensions after it added.
		int weeksThen = trajectory.weeks() + trajectory.extraWeeks();
		boolean weeksKnown = true;
		for (int i = extensions.size() - 1; i >= 0; i--) {
			Trajectories.Change extension = extensions.get(i);
			if (extension.lastMomentTold() != null) {
				told.put(extension, extension.lastMomentTold());
			}
			else if (weeksKnown && trajectory.startedOn() != null) {
				lastMomentTold(trajectory, changes, extension, weeksThen).ifPresent(day -> told.put(extension, day));
			}
			if (extension.weeks() == null) {
				weeksKnown = false; // the weeks before it are not known
			}
			else {
				weeksThen -= extension.weeks();
			}
		}
		return told;
	}

	/** The last contact moment of the plan right after this extension, which brought the trajectory to {@code weeksThen}. */
	private Optional<LocalDate> lastMomentTold(TrajectoryOverview trajectory, List<Trajectories.Change> changes,
			Trajectories.Change extension, int weeksThen) {
		LocalDate day = dayOf(extension.at());
		List<Trajectories.Change> since = changes.stream().filter(c -> c.at().isAfter(extension.at())).toList();
		// Pauses begun after it on its own day are no part of what it told.
		List<LocalDate> pausedSinceOnItsDay = since.stream()
			.filter(c -> c.from() == TrajectoryStatus.RUNNING && c.to() == TrajectoryStatus.PAUSED)
			.map(c -> dayOf(c.at()))
			.filter(day::equals)
			.toList();
		List<Trajectory.Pause> then = trajectory.pauses()
			.stream()
			.filter(p -> p.from().isBefore(day) || p.from().equals(day) && pausedSinceOnItsDay.isEmpty())
			.toList();
		if (extension.from() == TrajectoryStatus.PAUSED) {
			Optional<Trajectories.Change> resume = since.stream()
				.filter(c -> c.from() == TrajectoryStatus.PAUSED && c.to() == TrajectoryStatus.RUNNING)
				.findFirst();
			// Resumed by nobody, the pause ran its course and kept its day (PauseEnds resumes on it, or on a later run).
			boolean untilAsTold = resume.isEmpty() || then.stream()
				.anyMatch(p -> !p.from().isAfter(day) && p.until().isAfter(day)
						&& (resume.get().byNobody() ? !p.until().isAfter(dayOf(resume.get().at()))
								: p.until().isBefore(dayOf(resume.get().at()))));
			if (!untilAsTold) {
				return Optional.empty();
			}
		}
		List<LocalDate> due = Trajectory.plan(trajectory.startedOn(), weeksThen, trajectory.momentsPerWeek(), then).dueDates();
		return Optional.of(due.get(due.size() - 1));
	}

	private LocalDate dayOf(OffsetDateTime at) {
		return at.atZoneSameInstant(clock.getZone()).toLocalDate();
	}
}

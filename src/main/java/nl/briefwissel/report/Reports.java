package nl.briefwissel.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.closing.Closings;
import nl.briefwissel.conversation.Author;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.trajectory.ContactMomentPlan;
import nl.briefwissel.trajectory.Extensions;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers a trajectory's record. The caller has checked that the reader is its participant or
 * its coach; automatic notes (out-of-office, bounces) and the coach's private notes are not part
 * of the record.
 */
@Service
public class Reports {

	private final Trajectories trajectories;

	private final Conversations conversations;

	private final Themes themes;

	private final GivenAssignments given;

	private final Closings closings;

	private final Highlights highlights;

	private final Extensions extensions;

	private final Clock clock;

	Reports(Trajectories trajectories, Conversations conversations, Themes themes, GivenAssignments given,
			Closings closings, Highlights highlights, Extensions extensions, Clock clock) {
		this.extensions = extensions;
		this.highlights = highlights;
		this.given = given;
		this.closings = closings;
		this.trajectories = trajectories;
		this.conversations = conversations;
		this.themes = themes;
		this.clock = clock;
	}

	/**
	 * The record, if this person may read it and it still has its content, gathered with the
	 * trajectory's row locked as every writer and the erasure lock it: an erasure committing between a
	 * check and the reads gave a record of blank letters, and a read of an erased trajectory on its
	 * trail. Not a read-only transaction: PostgreSQL refuses a locking read in one. The caller renders
	 * the record after the lock is let go.
	 */
	@Transactional
	public Optional<TrajectoryReport> readable(UUID trajectoryId, UUID reader, Locale language) {
		if (!trajectories.lockedWithContent(trajectoryId)) {
			return Optional.empty();
		}
		return trajectories.withContent(trajectoryId).filter(t -> mayRead(t, reader)).map(t -> of(t, language));
	}

	public TrajectoryReport of(TrajectoryOverview trajectory, Locale language) {
		// One read of the conversation: the letters for the record, the notes about mail for the export.
		// A letter no key opens is in its place, not readable and without its text, for the record to say
		// so: as an error it took the whole record with it, left out the record would say less than it
		// seems to (decision 0057).
		Map<Boolean, List<Message>> notesAndLetters = conversations.toRead(trajectory)
			.stream()
			.collect(java.util.stream.Collectors.partitioningBy(Message::isNote));
		List<Message> correspondence = notesAndLetters.get(false);
		// The question, the goals, the highlights and the closing likewise: one that does not open is a
		// marked place, the rest of the record is there.
		Trajectories.InOwnWords inOwnWords = trajectories.inOwnWords(trajectory.id());
		List<Trajectories.Change> changes = trajectories.courseSinceStart(trajectory.id());
		return new TrajectoryReport(trajectory, themes.label(trajectory.programmeId(), trajectory.theme(), language),
				inOwnWords,
				moments(trajectory, correspondence), changes, assignments(trajectory, correspondence),
				highlights.toRead(trajectory.id()), closings.of(trajectory.id()).orElse(null), correspondence, notesAndLetters.get(true),
				OffsetDateTime.now(clock), trajectories.endedAt(trajectory.id()).orElse(null), conversations.cameIn(trajectory.id()),
				extensions.lastMomentsTold(trajectory, changes));
	}

	private List<TrajectoryReport.GivenAssignment> assignments(TrajectoryOverview trajectory, List<Message> correspondence) {
		return given.of(trajectory.id())
			.stream()
			.map(g -> new TrajectoryReport.GivenAssignment(g, correspondence.stream()
				.filter(m -> m.id().equals(g.answerMessageId()))
				.findFirst()
				.orElse(null)))
			.toList();
	}

	/**
	 * The plan with, for each moment, whether the participant wrote between the moment before and this one. An ended
	 * trajectory's plan ends at its last moment on or before the day it ended, and holds the moment it ended in with what
	 * was written up to and including that day: a completed one always (a coach completes when the question is answered,
	 * often a few days before the last moment, and the participant's last letters then counted for no moment), a stopped
	 * one when a letter came in it (cut at the stop, the row of the moment before said "Nee" and the letters were in no
	 * row of the plan). A letter counts once, for the moment whose window holds it; a moment missed with a letter in the
	 * next one's window names that letter's day ({@code laterOn}), and so does the last moment missed with a letter after
	 * it (before the end, if it ended).
	 */
	private List<TrajectoryReport.Moment> moments(TrajectoryOverview trajectory, List<Message> correspondence) {
		if (trajectory.plan().isEmpty()) {
			return List.of();
		}
		ContactMomentPlan plan = trajectory.plan().get();
		LocalDate today = LocalDate.now(clock);
		LocalDate end = trajectory.endedOn();
		List<LocalDate> written = correspondence.stream()
			.filter(m -> m.author() == Author.PARTICIPANT)
			.map(m -> m.createdAt().atZoneSameInstant(clock.getZone()).toLocalDate())
			.toList();
		// Each moment's window: after the moment before, up to and including its own day (or the day it ended).
		List<Window> windows = new ArrayList<>();
		LocalDate windowStart = trajectory.startedOn().minusDays(1);
		boolean completed = trajectory.status() == TrajectoryStatus.COMPLETED;
		for (int i = 0; i < plan.size(); i++) {
			LocalDate due = plan.dueDates().get(i);
			boolean endedBefore = end != null && due.isAfter(end);
			if (endedBefore && !(windowStart.isBefore(end) && (completed || firstIn(written, new Window(windowStart, end, due)) != null))) {
				break; // the plan as lived ends where the trajectory ended
			}
			windows.add(new Window(windowStart, endedBefore ? end : due, due));
			windowStart = due;
		}
		// After the last moment: up to the end, or open while it runs on (it waits to be closed).
		LocalDate afterTheLast = end != null ? end : LocalDate.MAX;
		List<TrajectoryReport.Moment> moments = new ArrayList<>();
		for (int i = 0; i < windows.size(); i++) {
			LocalDate due = windows.get(i).due();
			boolean endedBefore = end != null && due.isAfter(end);
			boolean wrote = firstIn(written, windows.get(i)) != null;
			// An ended trajectory has no moment still to come.
			boolean passed = due.isBefore(today) || end != null;
			// Missed by a letter that came before the next moment's day: that letter counts for the next moment only
			// (a letter counts once), and this one says when it came, not a bare "no".
			// The last one missed says when a letter came after it all the same, counting for no moment.
			Window next = i + 1 < windows.size() ? windows.get(i + 1) : new Window(due, afterTheLast, afterTheLast);
			LocalDate laterOn = !wrote && passed && !endedBefore ? firstIn(written, next) : null;
			moments.add(new TrajectoryReport.Moment(i + 1, due, passed, wrote, endedBefore, laterOn));
		}
		return moments;
	}

	/** A moment's window: the days after {@code after}, up to and including {@code until} (its day, or the day it ended). */
	private record Window(LocalDate after, LocalDate until, LocalDate due) {
	}

	/** The first of {@code days} in the window; null when none. */
	private static LocalDate firstIn(List<LocalDate> days, Window window) {
		return days.stream().filter(day -> day.isAfter(window.after()) && !day.isAfter(window.until())).min(LocalDate::compareTo).orElse(null);
	}

	/** Whether this person may read this trajectory's record: its participant, or its coach once it started. */
	public static boolean mayRead(TrajectoryOverview trajectory, UUID reader) {
		return reader.equals(trajectory.participantId())
				|| reader.equals(trajectory.coachId()) && trajectory.startedOn() != null
						&& trajectory.status() != TrajectoryStatus.MATCHING;
	}
}

package nl.briefwissel.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.closing.Closing;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

/**
 * Everything the record holds of one trajectory: who and when, the question and goals, the plan
 * as it was lived, every change of course with its reason, assignments with their answers, the
 * closing summary with the participant's reaction ({@code closing} may be null), and the whole
 * correspondence with its attachments listed; and the notes the conversation shows about mail (an
 * out-of-office answer, a bounce), which the export holds and the record leaves out. A question, goals,
 * highlight, summary or reaction that does not open is in its place, not readable (decision 0057).
 * {@code endedAt}: when the trajectory ended ({@link Trajectories#endedAt}), null while it has not; {@code cameIn}:
 * when a letter came in where that is not when it was added ({@link nl.briefwissel.conversation.Conversations#cameIn}).
 */
public record TrajectoryReport(TrajectoryOverview trajectory, String themeLabel, Trajectories.InOwnWords inOwnWords,
		List<Moment> moments, List<Trajectories.Change> changes, List<GivenAssignment> assignments,
		List<Highlights.Highlight> highlights, Closing closing, List<Message> correspondence, List<Message> mailNotes,
		OffsetDateTime madeAt, OffsetDateTime endedAt, Map<UUID, OffsetDateTime> cameIn,
		Map<Trajectories.Change, LocalDate> lastMomentsTold) {

	public TrajectoryReport {
		cameIn = cameIn == null ? Map.of() : Map.copyOf(cameIn);
		lastMomentsTold = lastMomentsTold == null ? Map.of() : Map.copyOf(lastMomentsTold);
		moments = List.copyOf(moments);
		assignments = List.copyOf(assignments);
		highlights = List.copyOf(highlights);
		changes = List.copyOf(changes);
		correspondence = List.copyOf(correspondence);
		mailNotes = List.copyOf(mailNotes);
	}

	/** A record without the last contact moments extensions told of, as records made for a test or a benchmark are. */
	public TrajectoryReport(TrajectoryOverview trajectory, String themeLabel, Trajectories.InOwnWords inOwnWords,
			List<Moment> moments, List<Trajectories.Change> changes, List<GivenAssignment> assignments,
			List<Highlights.Highlight> highlights, Closing closing, List<Message> correspondence, List<Message> mailNotes,
			OffsetDateTime madeAt, OffsetDateTime endedAt, Map<UUID, OffsetDateTime> cameIn) {
		this(trajectory, themeLabel, inOwnWords, moments, changes, assignments, highlights, closing, correspondence, mailNotes,
				madeAt, endedAt, cameIn, Map.of());
	}

	/** An assignment given in the trajectory with the participant's answer, or null while it is open. */
	public record GivenAssignment(GivenAssignments.Given given, Message answer) {
	}

	/**
	 * A contact moment of the plan: when it was due and whether the participant wrote for it. {@code afterTheEnd}: the
	 * trajectory was completed (or stopped, with a letter in it) before it was due, so no letter missing for it is a
	 * moment missed. {@code laterOn}: for a moment passed without a letter, the day of the first letter after it that
	 * counts for the next moment, or for the last moment the first letter after it (before the end); null otherwise.
	 */
	public record Moment(int number, LocalDate due, boolean passed, boolean written, boolean afterTheEnd, LocalDate laterOn) {
	}

	/**
	 * The day the record was made, in the zone of the clock that made it: where the trajectory stood is said as
	 * of that day (a trajectory accepted with its first day still ahead names that day, as the pages do).
	 */
	public LocalDate madeOn() {
		return madeAt.toLocalDate();
	}

	/**
	 * The weeks an extension added, as kept with it; null for an extension of a trajectory extended more than once
	 * before each extension kept its weeks (V111, which gave a trajectory extended once its sum).
	 */
	public Integer weeksAdded(Trajectories.Change change) {
		return change.extension() ? change.weeks() : null;
	}

	/**
	 * The weeks all extensions added together, said with the last of several when the weeks of one of them are not
	 * known (see {@link #weeksAdded}): the only way left to say how much longer the trajectory runs.
	 */
	public Integer weeksAddedInAll(Trajectories.Change change) {
		List<Trajectories.Change> extensions = extensions();
		boolean someNotKept = extensions.stream().anyMatch(extension -> extension.weeks() == null);
		return someNotKept && extensions.size() > 1 && extensions.get(extensions.size() - 1) == change ? trajectory.extraWeeks() : null;
	}

	/**
	 * The last contact moment an extension brought the trajectory to, as the participant's mail about it said (its
	 * subject: extended until that day): the plan as it stood when the extension was made, not as it stands today. Read
	 * from today's plan, a pause or an early resume after it moved the date, and once the trajectory ended the sentence
	 * was gone. Null where what was told is not known ({@link nl.briefwissel.trajectory.Extensions#lastMomentsTold} says when).
	 */
	public LocalDate lastMomentAfter(Trajectories.Change change) {
		return lastMomentsTold.get(change);
	}

	private List<Trajectories.Change> extensions() {
		return changes.stream().filter(Trajectories.Change::extension).toList();
	}

	/** What the participant asked at intake, in their own words; null when none, or when it does not open. */
	public String question() {
		return inOwnWords.question();
	}

	/** Their goals (empty when none); null when they do not open. */
	public String goals() {
		return inOwnWords.goals();
	}

	/**
	 * Whether this letter came after the trajectory ended: the participant may still write by mail and the coach
	 * answer so (decisions 0030 and 0122), and the record says it came when nobody coached them any more, for
	 * every reader of it, as the coach's workspace names who wrote after the end. A mail held back and added by the
	 * coach later is judged by when it came in, not by when it was added: sent while the trajectory ran and added
	 * after the coach completed it, it came before the end (as the question before throwing it away judges it).
	 */
	public boolean afterTheEnd(Message letter) {
		return endedAt != null
				&& Trajectories.cameAfterTheEnd(cameIn.getOrDefault(letter.id(), letter.createdAt()), endedAt);
	}

	public int messagesBy(nl.briefwissel.conversation.Author author) {
		return (int) correspondence.stream().filter(m -> m.author() == author).count();
	}
}

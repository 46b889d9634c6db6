package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.trajectory.ContactMomentPlan;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.stereotype.Service;

/**
 * The coach's workspace: every trajectory of theirs, ordered by what needs them. A participant
 * waiting for an answer comes first (longest waiting on top), then a contact moment that passed
 * without the participant writing, then a moment due soon, then trajectories whose every contact
 * moment has passed (to complete, extend or stop), then conversations gone quiet.
 */
@Service
public class Workspace {

	/** What a trajectory needs from its coach, in the order the workspace lists them. */
	public enum Need {
		WAITING_FOR_REPLY, MOMENT_OVERDUE, MOMENT_DUE_SOON, TO_CLOSE, QUIET, ON_TRACK, PAUSED, NOT_STARTED, ENDED
	}

	/** One row of the workspace. {@code dueBy} is the reply promise or the contact moment, when there is one. */
	public record Entry(TrajectoryOverview trajectory, Need need, OffsetDateTime since, LocalDate dueBy,
			TrajectoryOverview.Progress progress) {

		public boolean late(LocalDate today) {
			return dueBy != null && dueBy.isBefore(today);
		}
	}

	/** A conversation without any message for this long has gone quiet. */
	static final int QUIET_DAYS = 7;

	private final Trajectories trajectories;

	private final Messages messages;

	private final Clock clock;

	Workspace(Trajectories trajectories, Messages messages, Clock clock) {
		this.trajectories = trajectories;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * What the coach's start page and daily digest show: their trajectories still going (or still to
	 * start), most urgent first, the proposals waiting for their answer, and how many have ended.
	 * {@code endedHidden} is zero when the ended ones are among the entries.
	 */
	public record View(List<Entry> entries, List<TrajectoryOverview> proposals, int endedHidden) {
	}

	/**
	 * The trajectories going and the proposals waiting, in one read: they are the same query with
	 * another status, and the workspace is the page a coach opens most (docs/performance.md, tenth
	 * round). A proposal is a trajectory proposed to the coach (MATCHING) that they have not answered.
	 */
	public View view(UUID coachId) {
		return view(trajectories.ofCoach(coachId, OPEN_OR_PROPOSED), endedCount(coachId));
	}

	/** As {@link #view}, with the ended trajectories among the entries: when the coach asks for them. */
	public View viewWithEnded(UUID coachId) {
		return view(trajectories.ofCoach(coachId, EnumSet.allOf(TrajectoryStatus.class)), 0);
	}

	private View view(List<TrajectoryOverview> read, int endedHidden) {
		Map<Boolean, List<TrajectoryOverview>> proposed = read.stream()
			.collect(Collectors.partitioningBy(t -> t.status() == TrajectoryStatus.MATCHING));
		return new View(entries(proposed.get(false)), proposed.get(true), endedHidden);
	}

	/** Every trajectory of the coach, ended ones included, most urgent first; proposals are not theirs yet. */
	public List<Entry> of(UUID coachId) {
		return viewWithEnded(coachId).entries();
	}

	private int endedCount(UUID coachId) {
		return trajectories.countOfCoach(coachId, ENDED);
	}

	private static final EnumSet<TrajectoryStatus> ENDED = EnumSet.of(TrajectoryStatus.COMPLETED, TrajectoryStatus.STOPPED);

	// In the query, not after it: a coach's ended trajectories grow by dozens a year (bench/pages).
	// A proposal (MATCHING) is not yet the coach's trajectory: it is answered on its own page first,
	// and listed apart.
	private static final Set<TrajectoryStatus> OPEN_OR_PROPOSED = EnumSet.complementOf(ENDED);

	private List<Entry> entries(List<TrajectoryOverview> own) {
		LocalDate today = LocalDate.now(clock);
		Map<UUID, Messages.Activity> activity = messages.activity(own.stream().map(TrajectoryOverview::id).toList());
		return own.stream()
			.map(t -> entry(t, activity.getOrDefault(t.id(), Messages.Activity.NONE), today))
			.sorted(Comparator.comparing(Entry::need)
				.thenComparing(e -> e.since() == null ? OffsetDateTime.MAX : e.since())
				.thenComparing(e -> e.trajectory().participantName()))
			.toList();
	}

	/**
	 * The trajectory's row as the workspace reads it, while the participant waits for the coach's answer: its
	 * {@code dueBy} is the day the reply is promised for. The conversation page names that day too, by the
	 * workspace's own rule ({@link #entry}), so the two pages cannot name different days; from the letters the
	 * page has read already ({@code conversation}, oldest first), as the page may not cost one more query
	 * (docs/performance.md). {@code reactionLetter}: the participant's reaction to the closing summary by mail, null
	 * for none, which asks no answer (decision 0136).
	 */
	public Optional<Entry> waitingForReply(TrajectoryOverview trajectory, List<Message> conversation, UUID reactionLetter) {
		Entry entry = entry(trajectory, Messages.Activity.of(conversation, clock.getZone(), reactionLetter), LocalDate.now(clock));
		return entry.need() == Need.WAITING_FOR_REPLY ? Optional.of(entry) : Optional.empty();
	}

	/** A search finds the newest this many messages; more are not shown (the coach searches with more words). */
	public static final int MAX_SEARCH_HITS = Messages.MAX_HITS;

	/** A shorter query would match nearly every letter. */
	public static final int MIN_SEARCH_LENGTH = 2;

	/** Searches the coach's own conversations. */
	public List<SearchHit> search(UUID coachId, String query) {
		if (query == null || query.strip().length() < MIN_SEARCH_LENGTH) {
			return List.of();
		}
		return messages.search(coachId, query)
			.stream()
			.map(hit -> new SearchHit(hit.trajectoryId(), hit.participantName(), hit.author(), coachId.equals(hit.authorId()),
					hit.messageId(), hit.snippet(), hit.createdAt()))
			.toList();
	}

	/**
	 * A message of one of the coach's conversations that matches a search. {@code author} is the role it
	 * was written in, {@code byYou} whether by the coach searching: a coach's letter not theirs is an
	 * earlier coach's, as the search covers only the trajectories the coach has now. By role, not by name:
	 * a coach may share the participant's name, and a removed account is renamed, not gone.
	 * {@code participantName} names the conversation.
	 */
	public record SearchHit(UUID trajectoryId, String participantName, Author author, boolean byYou, UUID messageId,
			String snippet, OffsetDateTime createdAt) {

		/** Written by the participant. */
		public boolean byParticipant() {
			return author == Author.PARTICIPANT;
		}
	}

	static Entry entry(TrajectoryOverview t, Messages.Activity activity, LocalDate today) {
		TrajectoryOverview.Progress progress = t.progressOn(today).orElse(null);
		if (t.status().ended()) {
			return new Entry(t, Need.ENDED, null, null, null);
		}
		if (t.startedOn() == null) {
			return new Entry(t, Need.NOT_STARTED, null, null, null);
		}
		if (activity.waitingFrom() != null) {
			// From their first unanswered letter: a second one asking whether the first arrived moved the
			// promise on and put them below people who had waited less.
			OffsetDateTime waiting = activity.waitingFrom();
			// Not counting a pause's working days: a pause asked no answer by a day inside it.
			LocalDate promised = t.replyDueBy(waiting.toLocalDate());
			return new Entry(t, Need.WAITING_FOR_REPLY, waiting, promised, progress);
		}
		if (t.startsAfter(today)) {
			// Accepted with a start date ahead: not "quiet" a week after the welcome letter, and not in the digest.
			return new Entry(t, Need.NOT_STARTED, null, null, null);
		}
		if (t.status() == TrajectoryStatus.PAUSED) {
			return new Entry(t, Need.PAUSED, null, null, progress);
		}
		// Every moment has passed: what the trajectory needs now is its coach's decision, to complete,
		// extend or stop it. Left as "on track" or "quiet" it ran on unnoticed, and was kept for good
		// (retention counts from the end). The plan's rule, as on the programme page, on the plan built once here.
		ContactMomentPlan plan = t.plan().orElseThrow();
		Optional<LocalDate> lastMoment = plan.allPassedOn(today);
		if (lastMoment.isPresent()) {
			return new Entry(t, Need.TO_CLOSE, null, lastMoment.get(), progress);
		}
		int current = plan.currentOn(today);
		LocalDate lastParticipant = activity.lastParticipant() == null ? null : activity.lastParticipant().toLocalDate();
		if (current >= 2) {
			LocalDate passed = plan.dueDates().get(current - 2);
			LocalDate windowStart = current >= 3 ? plan.dueDates().get(current - 3) : t.startedOn().minusDays(1);
			if ((lastParticipant == null || !lastParticipant.isAfter(windowStart))
					&& !MissedMoments.excused(t, activity, passed, today)) {
				return new Entry(t, Need.MOMENT_OVERDUE, null, passed, progress);
			}
		}
		if (current <= plan.size()) {
			LocalDate next = plan.dueDates().get(current - 1);
			LocalDate previous = current >= 2 ? plan.dueDates().get(current - 2) : t.startedOn().minusDays(1);
			boolean written = lastParticipant != null && lastParticipant.isAfter(previous);
			if (!written && !next.isAfter(today.plusDays(2))) {
				return new Entry(t, Need.MOMENT_DUE_SOON, null, next, progress);
			}
		}
		OffsetDateTime last = activity.last();
		if (last == null || last.toLocalDate().isBefore(today.minusDays(QUIET_DAYS))) {
			return new Entry(t, Need.QUIET, last, null, progress);
		}
		return new Entry(t, Need.ON_TRACK, null, null, progress);
	}
}

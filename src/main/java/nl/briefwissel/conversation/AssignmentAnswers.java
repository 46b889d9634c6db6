package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.trajectory.Trajectories;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coach corrects which letter answers an assignment (decision 0098): the participant's next letter is
 * linked by itself, and a holding reply ("I'll get to it this weekend") then stood in the record as the
 * answer for good. Its coach may say a letter is not the answer, and choose a letter of the participant's
 * written after the assignment was given; laid coach cards stay, they were meant as the answer. Only the
 * trajectory's coach, and only while it runs or is paused: after the end the record is final.
 */
@Service
public class AssignmentAnswers {

	/** What became of a correction, as the coach's page says it. */
	public enum Outcome {

		/** Done as asked. */
		DONE,

		/** It was so already: a second click, or the same change from another tab. */
		ALREADY,

		/** The answer changed since the coach's page was opened: nothing is done, the page shows it as it is now. */
		CHANGED_SINCE,

		/** The trajectory ended (or was handed over) since the page was opened: its record is final. */
		ENDED,

		/** No such assignment in this trajectory, a letter that is not the participant's after it, or laid cards. */
		NOT_FOUND
	}

	private final GivenAssignments given;

	private final Trajectories trajectories;

	private final JdbcClient jdbc;

	AssignmentAnswers(GivenAssignments given, Trajectories trajectories, JdbcClient jdbc) {
		this.given = given;
		this.trajectories = trajectories;
		this.jdbc = jdbc;
	}

	/**
	 * "Dit is niet het antwoord": the assignment is open again, and the participant's next letter answers it
	 * by itself. The letter unlinked is never linked again by itself: a letter is linked automatically only
	 * as it comes in, and this one came in before. {@code shownAnswer} is the letter the coach's page showed.
	 */
	@Transactional
	public Outcome unlink(UUID trajectoryId, UUID coachId, UUID givenId, UUID shownAnswer) {
		// The trajectory's row first, as every writer in the conversation takes it: an end, a handover or a
		// letter that links itself and this correction take turns.
		if (!trajectories.underwayForCoachLocked(trajectoryId, coachId)) {
			return Outcome.ENDED;
		}
		Optional<GivenAssignments.Given> now = one(trajectoryId, givenId);
		if (now.isEmpty() || now.get().answeredBy() == GivenAssignments.AnsweredBy.CARDS) {
			return Outcome.NOT_FOUND;
		}
		if (given.unlink(trajectoryId, givenId, shownAnswer)) {
			return Outcome.DONE;
		}
		return now.get().answered() ? Outcome.CHANGED_SINCE : Outcome.ALREADY;
	}

	/**
	 * "Koppel als antwoord": the participant's letter, written after the assignment was given, is its answer,
	 * answered when it was written. {@code shownAnswer} is the answer the coach's page showed, null for open:
	 * a letter that linked itself in the meantime is not replaced unseen.
	 */
	@Transactional
	public Outcome link(UUID trajectoryId, UUID coachId, UUID givenId, UUID letterId, UUID shownAnswer) {
		if (!trajectories.underwayForCoachLocked(trajectoryId, coachId)) {
			return Outcome.ENDED;
		}
		Optional<GivenAssignments.Given> now = one(trajectoryId, givenId);
		Optional<OffsetDateTime> written = participantLetter(trajectoryId, letterId);
		if (now.isEmpty() || written.isEmpty() || written.get().isBefore(now.get().givenAt())
				|| now.get().answeredBy() == GivenAssignments.AnsweredBy.CARDS) {
			return Outcome.NOT_FOUND;
		}
		if (letterId.equals(now.get().answerMessageId())) {
			return Outcome.ALREADY;
		}
		return given.link(trajectoryId, givenId, letterId, written.get(), shownAnswer) ? Outcome.DONE : Outcome.CHANGED_SINCE;
	}

	/**
	 * For each open assignment, the participant's letters written since it was given, oldest first: those
	 * its coach may choose as the answer. Read from the conversation the page shows already.
	 */
	public static Map<UUID, List<Message>> choices(List<GivenAssignments.Given> assignments, List<Message> conversation) {
		List<Message> letters = conversation.stream()
			.filter(m -> m.author() == Author.PARTICIPANT && m.kind() == MessageKind.MESSAGE)
			.toList();
		return assignments.stream()
			.filter(g -> !g.answered())
			.collect(Collectors.toMap(GivenAssignments.Given::id, g -> letters.stream()
				.filter(m -> !m.createdAt().isBefore(g.givenAt()))
				.toList()));
	}

	private Optional<GivenAssignments.Given> one(UUID trajectoryId, UUID givenId) {
		return given.of(trajectoryId).stream().filter(g -> g.id().equals(givenId)).findFirst();
	}

	/** When the participant wrote this letter of the trajectory; empty for anyone else's, or a note about mail. */
	private Optional<OffsetDateTime> participantLetter(UUID trajectoryId, UUID letterId) {
		return jdbc.sql("""
				select created_at from message
				where id = :id and trajectory_id = :t and author_role = 'PARTICIPANT' and kind = 'MESSAGE'""")
			.param("id", letterId)
			.param("t", trajectoryId)
			.query(OffsetDateTime.class)
			.optional();
	}
}

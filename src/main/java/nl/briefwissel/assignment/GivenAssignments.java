package nl.briefwissel.assignment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assignments given in a trajectory. The participant's first message after an assignment is its
 * answer: text, photos and files alike, by mail or from the web. Coach cards are the exception: they
 * are answered by laying the cards, and that top five answers nothing else. The coach may say a linked
 * letter is not the answer, and choose another (decision 0098); laid cards stay. After the closing
 * summary a letter answers by itself only what was given since, or in the letter its mail replies to
 * (decision 0126): it is mostly a reaction to the summary.
 */
@Repository
public class GivenAssignments {

	/**
	 * An assignment given in a trajectory; the answer is the id of the participant's message, or null while open.
	 * {@code deck} is the deck coach cards are laid from as it was when given; null for the whole deck and for
	 * every other type.
	 */
	public record Given(UUID id, UUID trajectoryId, UUID assignmentId, String title, AssignmentType type,
			CoachCards.Kind deck, UUID messageId, OffsetDateTime givenAt, UUID answerMessageId, OffsetDateTime answeredAt,
			AnsweredBy answeredBy, Locale language) {

		public boolean answered() {
			return answerMessageId != null;
		}

		/**
		 * The title's {@code lang} on a page in {@code page}'s language: the language of the library's assignment it was
		 * given from, where that is not the page's; null where it is, or where the assignment is gone (a title typed by
		 * a person is not guessed at).
		 */
		public String titleLangOn(Locale page) {
			return language == null || page != null && language.getLanguage().equals(page.getLanguage()) ? null : language.getLanguage();
		}

		/** Whether its coach may say the linked letter is not the answer: laid cards were meant as one. */
		public boolean answerUndoable() {
			return answered() && !laid();
		}

		/** Whether the participant laid the coach cards on their page as the answer; not a letter linked to them. */
		public boolean laid() {
			return answeredBy == AnsweredBy.CARDS;
		}
	}

	/** How the answer came to be linked (V88); null while the assignment is open. */
	public enum AnsweredBy {

		/** Automatically: the participant's next letter after it was given. */
		LETTER,

		/** The coach cards laid on their page: the participant's deliberate answer. */
		CARDS,

		/** The letter the coach chose as the answer. */
		COACH
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	GivenAssignments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Gives the assignment as the library has it now: its title, type and deck are kept with it, so an
	 * edit of the library's assignment afterwards does not change what this trajectory was given, nor how
	 * it is answered (coach cards by laying them, from the deck it was given with: decision 0080).
	 */
	@Transactional
	public void give(UUID trajectoryId, UUID assignmentId, UUID messageId) {
		int given = jdbc.sql("""
				insert into given_assignment (id, trajectory_id, assignment_id, message_id, given_at, title, type, deck)
				select :id, :trajectory, a.id, :message, :now, a.title, a.type,
				       case when a.type = 'COACH_CARDS' then a.deck end
				from assignment a where a.id = :assignment""")
			.param("id", UUID.randomUUID())
			.param("trajectory", trajectoryId)
			.param("assignment", assignmentId)
			.param("message", messageId)
			.param("now", OffsetDateTime.now(clock))
			.update();
		if (given != 1) {
			throw new IllegalArgumentException("No assignment " + assignmentId);
		}
	}

	/**
	 * What decides which open assignments a letter of the participant answers by itself (decision 0126).
	 * {@code summarySentAt}: when the closing summary went to the participant, if it did before the letter
	 * came, else null. {@code repliesTo}: the coach's letter whose mail the participant's mail answers (its
	 * In-Reply-To), null on the web or when it answers no letter of the coach. Until the summary the next
	 * letter answers every open assignment. After it a letter is mostly a reaction to the summary (the closing
	 * mail stands in the letters' thread, on the same reply address), so it answers by itself only what was
	 * given after the summary, and the assignment given in the letter it replies to; any other its coach links.
	 */
	public record Arrival(OffsetDateTime summarySentAt, UUID repliesTo) {

		/** A letter that came while no closing summary was sent. */
		public static final Arrival BEFORE_THE_SUMMARY = new Arrival(null, null);
	}

	/**
	 * Links a participant's letter, written on the web, as the answer to every open assignment of the
	 * trajectory but the coach cards (those are laid on the page next to it, and a letter that says
	 * "I'll lay them this weekend" must not close them), as far as {@code arrival} lets it.
	 */
	@Transactional
	public int answer(UUID trajectoryId, UUID messageId, Arrival arrival) {
		return answerOpen(trajectoryId, messageId, " and type <> 'COACH_CARDS'", arrival);
	}

	/**
	 * Links a participant's reply by mail as the answer to every open assignment, coach cards
	 * included (the cards assignment asks a participant who only uses mail to reply with their top
	 * five, and a mail client has no cards to lay), as far as {@code arrival} lets it.
	 */
	@Transactional
	public int answerByMail(UUID trajectoryId, UUID messageId, Arrival arrival) {
		return answerOpen(trajectoryId, messageId, "", arrival);
	}

	/**
	 * Links a reply by mail written at {@code writtenAt}, and added to the conversation only later (from
	 * the quarantine), as the answer to the assignments that were open then: one given after it was
	 * written asks something the mail cannot have answered. Answered when it was written.
	 */
	@Transactional
	public int answerByMail(UUID trajectoryId, UUID messageId, OffsetDateTime writtenAt, Arrival arrival) {
		return withArrival(jdbc.sql("""
				update given_assignment set answer_message_id = :message, answered_at = :written, answered_by = 'LETTER'
				where trajectory_id = :trajectory and answer_message_id is null and given_at <= :written"""
				+ afterTheSummary(arrival)), arrival)
			.param("message", messageId)
			.param("written", writtenAt)
			.param("trajectory", trajectoryId)
			.update();
	}

	private int answerOpen(UUID trajectoryId, UUID messageId, String alsoWhere, Arrival arrival) {
		return withArrival(jdbc.sql("""
				update given_assignment set answer_message_id = :message, answered_at = :now, answered_by = 'LETTER'
				where trajectory_id = :trajectory and answer_message_id is null""" + alsoWhere + afterTheSummary(arrival)),
				arrival)
			.param("message", messageId)
			.param("now", OffsetDateTime.now(clock))
			.param("trajectory", trajectoryId)
			.update();
	}

	private static String afterTheSummary(Arrival arrival) {
		if (arrival.summarySentAt() == null) {
			return "";
		}
		return " and (given_at > :summarySent" + (arrival.repliesTo() == null ? "" : " or message_id = :repliesTo") + ")";
	}

	private static JdbcClient.StatementSpec withArrival(JdbcClient.StatementSpec statement, Arrival arrival) {
		if (arrival.summarySentAt() == null) {
			return statement;
		}
		statement = statement.param("summarySent", arrival.summarySentAt());
		return arrival.repliesTo() == null ? statement : statement.param("repliesTo", arrival.repliesTo());
	}

	/** Links the message as the answer to this one given assignment, if it is still open (the laid coach cards). */
	@Transactional
	public boolean answerOne(UUID givenId, UUID messageId) {
		return jdbc.sql("""
				update given_assignment set answer_message_id = :message, answered_at = :now, answered_by = 'CARDS'
				where id = :given and answer_message_id is null""")
			.param("message", messageId)
			.param("now", OffsetDateTime.now(clock))
			.param("given", givenId)
			.update() == 1;
	}

	/**
	 * Its coach says the linked letter is not the answer: the assignment is open again, and the participant's
	 * next letter answers it as before. Only while the letter the coach's page showed is still the one linked
	 * (a tab opened before another change, a second click: nothing), and never the laid coach cards. An answer
	 * that says not how it came (null: linked by a node of before V88) is a letter, as {@link Given#answerUndoable}
	 * says: {@code answered_by <> 'CARDS'} alone is not true of null in SQL, and its button did nothing.
	 */
	@Transactional
	public boolean unlink(UUID trajectoryId, UUID givenId, UUID shownAnswer) {
		return jdbc.sql("""
				update given_assignment set answer_message_id = null, answered_at = null, answered_by = null
				where id = :given and trajectory_id = :trajectory and answer_message_id = :shown
				  and (answered_by is null or answered_by <> 'CARDS')""")
			.param("given", givenId)
			.param("trajectory", trajectoryId)
			.param("shown", shownAnswer)
			.update() == 1;
	}

	/**
	 * Its coach chooses the participant's letter written at {@code writtenAt} as the answer: answered when it
	 * was written, as a letter linked by itself is. Only a letter written after the assignment was given, and
	 * only while the answer is still the one the coach's page showed ({@code shownAnswer}, null for open):
	 * a letter linked by itself in the meantime is not overwritten unseen. The caller checks the letter is
	 * the participant's, in this trajectory.
	 */
	@Transactional
	public boolean link(UUID trajectoryId, UUID givenId, UUID messageId, OffsetDateTime writtenAt, UUID shownAnswer) {
		JdbcClient.StatementSpec update = jdbc.sql("""
				update given_assignment set answer_message_id = :message, answered_at = :written, answered_by = 'COACH'
				where id = :given and trajectory_id = :trajectory and given_at <= :written
				  and (answered_by is null or answered_by <> 'CARDS')
				  and """ + (shownAnswer == null ? " answer_message_id is null" : " answer_message_id = :shown"))
			.param("message", messageId)
			.param("written", writtenAt)
			.param("given", givenId)
			.param("trajectory", trajectoryId);
		return (shownAnswer == null ? update : update.param("shown", shownAnswer)).update() == 1;
	}

	public List<Given> of(UUID trajectoryId) {
		return jdbc.sql("""
				select g.id, g.trajectory_id, g.assignment_id, g.title, g.type, g.deck, g.message_id, g.given_at, g.answer_message_id,
				       g.answered_at, g.answered_by, a.language
				from given_assignment g left join assignment a on a.id = g.assignment_id
				where g.trajectory_id = :trajectory order by g.given_at""")
			.param("trajectory", trajectoryId)
			.query((rs, n) -> new Given(rs.getObject("id", UUID.class), rs.getObject("trajectory_id", UUID.class),
					rs.getObject("assignment_id", UUID.class),
					rs.getString("title"), AssignmentType.valueOf(rs.getString("type")),
					rs.getString("deck") == null ? null : CoachCards.Kind.valueOf(rs.getString("deck")),
					rs.getObject("message_id", UUID.class),
					rs.getObject("given_at", OffsetDateTime.class), rs.getObject("answer_message_id", UUID.class),
					rs.getObject("answered_at", OffsetDateTime.class),
					rs.getString("answered_by") == null ? null : AnsweredBy.valueOf(rs.getString("answered_by")),
					rs.getString("language") == null ? null : Locale.forLanguageTag(rs.getString("language"))))
			.list();
	}
}

package nl.briefwissel.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a coach keeps for themselves: private notes per trajectory, the draft of the next message
 * (kept on the server, so a closed browser loses nothing) and saved replies. Every query is by
 * coach: no other coach, participant or manager ever sees this. Notes, drafts and the text of saved
 * replies are sealed at rest: a saved reply is meant as a template, but it is made from a letter and
 * may keep what the letter said. Its title stays plain, as the coach's list is sorted by it.
 */
@Service
public class CoachDesk {

	public record Note(UUID id, String body, OffsetDateTime createdAt) {
	}

	public record SavedReply(UUID id, String title, String body) {
	}

	/**
	 * All a coach keeps for one trajectory, as the conversation page shows it; {@code draftAssignment}
	 * is the assignment chosen to go with the draft's letter.
	 */
	public record Desk(Optional<String> draft, Optional<UUID> draftAssignment, List<Note> notes, List<SavedReply> savedReplies) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	private final Messages messages;

	CoachDesk(JdbcClient jdbc, Clock clock, Encryption encryption, Messages messages) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
		this.messages = messages;
	}

	@Transactional
	public void addNote(UUID trajectoryId, UUID coachId, String body) {
		addNote(trajectoryId, coachId, body, null);
	}

	/** Keeps a note once per form ({@code form}, may be null): a double click on "Bewaren" stores one. */
	@Transactional
	public void addNote(UUID trajectoryId, UUID coachId, String body, UUID form) {
		messages.lockForWriting(trajectoryId);
		jdbc.sql("""
				insert into coach_note (id, trajectory_id, coach_id, body, body_key_id, created_at, form_id)
				values (:id, :t, :c, :body, :keyId, :now, :form)
				on conflict do nothing""")
			.param("id", UUID.randomUUID())
			.param("t", trajectoryId)
			.param("c", coachId)
			.param("body", encryption.sealText(body.strip()))
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("form", form)
			.update();
	}

	/** Keeps the draft; an empty text removes it. */
	@Transactional
	public void saveDraft(UUID trajectoryId, UUID coachId, String body) {
		saveDraft(trajectoryId, coachId, body, null, null);
	}

	/**
	 * Keeps the draft of a write form, with the form's id. A save for a form whose letter went is
	 * ignored: a late check of the sent form would otherwise overwrite the draft of the next one. One
	 * that overlaps the sending (read before it, written after) is kept, and {@link #of} does not show
	 * it as a draft: the test below alone leaves a window between the test and the write.
	 */
	@Transactional
	public void saveDraft(UUID trajectoryId, UUID coachId, String body, UUID submission, UUID assignment) {
		if (submission != null && messages.submitted(submission)) {
			return;
		}
		if (body == null || body.isBlank()) {
			jdbc.sql("delete from draft where trajectory_id = :t and coach_id = :c").param("t", trajectoryId).param("c", coachId).update();
			return;
		}
		messages.lockForWriting(trajectoryId);
		String sealed = encryption.sealText(body.length() > 100_000 ? body.substring(0, 100_000) : body);
		// Update, else insert, else (another save inserted it in between: the check while typing and
		// the button at once) update: one row, never a duplicate key.
		if (writeDraft(UPDATE_DRAFT, trajectoryId, coachId, sealed, submission, assignment) == 0
				&& writeDraft(INSERT_DRAFT, trajectoryId, coachId, sealed, submission, assignment) == 0) {
			writeDraft(UPDATE_DRAFT, trajectoryId, coachId, sealed, submission, assignment);
		}
	}

	private static final String UPDATE_DRAFT = """
			update draft set body = :body, body_key_id = :keyId, submission_id = :s, assignment_id = :a, updated_at = :now
			where trajectory_id = :t and coach_id = :c""";

	private static final String INSERT_DRAFT = """
			insert into draft (trajectory_id, coach_id, body, body_key_id, submission_id, assignment_id, updated_at)
			values (:t, :c, :body, :keyId, :s, :a, :now)
			on conflict do nothing""";

	private int writeDraft(String statement, UUID trajectoryId, UUID coachId, String sealed, UUID submission,
			UUID assignment) {
		return jdbc.sql(statement)
			.param("t", trajectoryId)
			.param("s", submission)
			.param("a", assignment)
			.param("c", coachId)
			.param("body", sealed)
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.update();
	}

	/**
	 * The draft, the notes (newest first) and the saved replies (by title) in one query: the
	 * conversation page shows all three on every view, and three queries were three round trips.
	 */
	public Desk of(UUID trajectoryId, UUID coachId) {
		List<Note> notes = new ArrayList<>();
		List<SavedReply> replies = new ArrayList<>();
		List<String> draft = new ArrayList<>(1);
		List<UUID> draftAssignment = new ArrayList<>(1);
		jdbc.sql("""
				select 1 as part, assignment_id as id, cast(null as varchar(200)) as title, body, body_key_id,
				       updated_at as at
				from draft d where trajectory_id = :t and coach_id = :c
				  and (submission_id is null
				       or not exists (select 1 from letter_submission s where s.submission_id = d.submission_id))
				union all
				select 2, id, null, body, body_key_id, created_at from coach_note where trajectory_id = :t and coach_id = :c
				union all
				select 3, id, title, body, body_key_id, created_at from saved_reply where coach_id = :c
				order by part, title, at desc""")
			.param("t", trajectoryId)
			.param("c", coachId)
			.query(rs -> {
				switch (rs.getInt("part")) {
					case 1 -> {
						draft.add(encryption.openText(rs.getString("body_key_id"), rs.getString("body")));
						if (rs.getObject("id") != null) {
							draftAssignment.add(rs.getObject("id", UUID.class));
						}
					}
					case 2 -> notes.add(new Note(rs.getObject("id", UUID.class),
							encryption.openText(rs.getString("body_key_id"), rs.getString("body")),
							rs.getObject("at", OffsetDateTime.class)));
					default -> replies.add(savedReply(rs));
				}
			});
		return new Desk(draft.stream().findFirst(), draftAssignment.stream().findFirst(), List.copyOf(notes), List.copyOf(replies));
	}

	@Transactional
	public void addSavedReply(UUID coachId, String title, String body) {
		addSavedReply(coachId, title, body, null);
	}

	/** Keeps a saved reply once per form ({@code form}, may be null), as {@link #addNote}. */
	@Transactional
	public void addSavedReply(UUID coachId, String title, String body, UUID form) {
		jdbc.sql("""
				insert into saved_reply (id, coach_id, title, body, body_key_id, created_at, form_id)
				values (:id, :c, :title, :body, :keyId, :now, :form)
				on conflict do nothing""")
			.param("id", UUID.randomUUID())
			.param("c", coachId)
			.param("title", title.strip())
			.param("body", encryption.sealText(body.strip()))
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("form", form)
			.update();
	}

	/** Deletes the reply if it is this coach's; whether there was one to delete. */
	@Transactional
	public boolean deleteSavedReply(UUID coachId, UUID id) {
		return jdbc.sql("delete from saved_reply where id = :id and coach_id = :c").param("id", id).param("c", coachId).update() == 1;
	}

	public List<SavedReply> savedReplies(UUID coachId) {
		return jdbc.sql("select id, title, body, body_key_id from saved_reply where coach_id = :c order by title")
			.param("c", coachId)
			.query((rs, n) -> savedReply(rs))
			.list();
	}

	private SavedReply savedReply(ResultSet rs) throws SQLException {
		return new SavedReply(rs.getObject("id", UUID.class), rs.getString("title"),
				encryption.openText(rs.getString("body_key_id"), rs.getString("body")));
	}
}

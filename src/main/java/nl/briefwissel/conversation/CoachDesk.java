package nl.briefwissel.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.TypedName;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.OpenedText;
import nl.briefwissel.trajectory.Trajectories;

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

	/**
	 * A private note; {@code readable} false (and no body) when it does not open (decision 0057);
	 * {@code editedAt} when it was last edited, null if never; {@code revision} what a form to edit or
	 * delete it is based on (decision 0092).
	 */
	public record Note(UUID id, String body, OffsetDateTime createdAt, boolean readable, OffsetDateTime editedAt,
			UUID revision) {
	}

	/**
	 * A saved reply; {@code readable} false (and no body) when it does not open: its title, which is
	 * not sealed, still names it, and nothing of it can be inserted (decision 0057). {@code revision}:
	 * what a form to edit it is based on (decision 0092).
	 */
	public record SavedReply(UUID id, String title, String body, boolean readable, UUID revision) {
	}

	/** What became of an edit of a note or a saved reply, or of deleting one (decisions 0092, 0103). */
	public enum Change {

		/** Done; or done already by this same form (a double click), and nothing written twice. */
		DONE,

		/**
		 * Nothing to write: the edit says what the note or reply already said, and the coach is told nothing
		 * changed rather than that it did (not even the line that says when it was edited moves on).
		 */
		UNCHANGED,

		/** Not done: changed in another tab or window since the form was opened. The newer text stays. */
		CHANGED_SINCE,

		/** Not there: deleted since (another tab, a double click), or no such id at all. Nothing changed. */
		GONE,

		/**
		 * A note that is there but is not this coach's of this trajectory: nothing changed, and the answer
		 * must say nothing of it (decision 0092: another coach finds nothing).
		 */
		SOMEONE_ELSES,

		/**
		 * The trajectory is no longer this coach's: handed over after the page checked it and before this
		 * write took its row. Nothing changed; the notes stay out of sight (decision 0027).
		 */
		HANDED_OVER
	}

	/**
	 * All a coach keeps for one trajectory, as the conversation page shows it; {@code draftAssignment}
	 * is the assignment chosen to go with the draft's letter, {@code draftRevision} the save of the
	 * draft that the page's write form is based on (none before the first). {@code draftUnreadable}:
	 * there is a draft, but it does not open ({@code draft} is then empty; decision 0057).
	 */
	public record Desk(Optional<String> draft, Optional<UUID> draftAssignment, Optional<UUID> draftRevision, List<Note> notes,
			List<SavedReply> savedReplies, boolean draftUnreadable) {
	}

	/** What became of a save of the draft. */
	public sealed interface DraftSave {

		/** Kept; {@code revision} is what the form's next save is based on (null: there is no draft). */
		record Kept(UUID revision) implements DraftSave {
		}

		/**
		 * Not kept: the letter was sent ({@code sent}), or the draft changed, in another tab or window
		 * after the one the save was based on. The newer one stays (decision 0060).
		 */
		record Overtaken(boolean sent) implements DraftSave {
		}
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	private final Messages messages;

	private final Trajectories trajectories;

	CoachDesk(JdbcClient jdbc, Clock clock, Encryption encryption, Messages messages, Trajectories trajectories) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
		this.messages = messages;
		this.trajectories = trajectories;
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

	/** The longest draft kept: twice a letter's length, room to cut a long text down; a longer one is refused. */
	public static final int MAX_DRAFT = 100_000;

	/** Keeps the draft, whatever was saved before; an empty text empties it. */
	@Transactional
	public DraftSave saveDraft(UUID trajectoryId, UUID coachId, String body) {
		return saveDraft(trajectoryId, coachId, body, null, null, null);
	}

	/** As {@link #saveDraft(UUID, UUID, String, UUID, UUID, String)}, whatever was saved before. */
	@Transactional
	public DraftSave saveDraft(UUID trajectoryId, UUID coachId, String body, UUID submission, UUID assignment) {
		return saveDraft(trajectoryId, coachId, body, submission, assignment, null);
	}

	/**
	 * Keeps the draft of a write form, with the form's id. A save for a form whose letter went is
	 * not kept: a late check of the sent form would otherwise overwrite the draft of the next one. One
	 * that overlaps the sending (read before it, written after) is kept, and {@link #of} does not show
	 * it as a draft: the test below alone leaves a window between the test and the write.
	 * <p>
	 * {@code basedOn} is the revision the form was based on ({@link Desk#draftRevision}, empty when
	 * there was no draft, null to keep the text whatever was saved before). A save based on a revision
	 * that is no longer the draft's is not kept, unless the draft's last save came from this same form
	 * (its own check and button may cross): another tab sent the letter or saved a newer text since,
	 * and the older text must not bring the letter back or overwrite the newer one (decision 0060).
	 * The test and the write are one statement.
	 */
	@Transactional
	public DraftSave saveDraft(UUID trajectoryId, UUID coachId, String body, UUID submission, UUID assignment,
			String basedOn) {
		if (submission != null && messages.submitted(submission)) {
			return new DraftSave.Overtaken(true);
		}
		boolean empty = body == null || body.isBlank();
		if (!empty) {
			messages.lockForWriting(trajectoryId);
		}
		// Cut short it was kept as "saved" while the rest was lost: the forms refuse it and keep the text.
		if (!empty && body.length() > MAX_DRAFT) {
			throw new IllegalArgumentException("A draft is at most " + MAX_DRAFT + " characters; the form refuses a longer one");
		}
		// An emptied draft keeps its row, without text: a save based on the text before is then told apart.
		String sealed = empty ? null : encryption.sealText(body);
		UUID revision = UUID.randomUUID();
		Write write = new Write(trajectoryId, coachId, sealed, submission, empty ? null : assignment, revision);
		if (basedOn == null) {
			// Update, else insert, else (another save inserted it in between: the check while typing and
			// the button at once) update: one row, never a duplicate key. Nothing to insert when emptied.
			if (run(write, UPDATE_DRAFT, null) == 1) {
				return new DraftSave.Kept(revision);
			}
			if (empty) {
				return new DraftSave.Kept(null);
			}
			if (run(write, INSERT_DRAFT, null) == 0) {
				run(write, UPDATE_DRAFT, null);
			}
			return new DraftSave.Kept(revision);
		}
		UUID base = revision(basedOn);
		if (base == null && !basedOn.isEmpty()) {
			return overtaken(trajectoryId, coachId);
		}
		if (run(write, UPDATE_DRAFT + (base == null ? " and (revision is null" : " and (revision = :base")
				+ " or submission_id = :s)", base) == 1) {
			return new DraftSave.Kept(revision);
		}
		// Based on no draft: there may still be none (else another tab made one since).
		if (base == null && (empty ? draftRow(trajectoryId, coachId).isEmpty() : run(write, INSERT_DRAFT, null) == 1)) {
			return new DraftSave.Kept(empty ? null : revision);
		}
		return overtaken(trajectoryId, coachId);
	}

	/**
	 * The letter of a form based on {@code basedOn} ({@link #saveDraft(UUID, UUID, String, UUID, UUID, String)})
	 * went: the draft is emptied, remembering the form that sent it, so that a save in another tab based on its
	 * text is told the letter was sent; whatever was saved before when {@code basedOn} is null. Not emptied
	 * when it was saved since from another tab or window (its revision is not the form's base, and its last
	 * save was not this form's). That draft is newer than
	 * what this form knew, and the letter sent is not it: emptying it lost the other tab's text silently.
	 * It is kept; true when there is such a draft with text (decision 0060). Called in the sending's
	 * transaction, after the trajectory's row is locked for writing, so no save slips in between.
	 */
	@Transactional
	public boolean letterSent(UUID trajectoryId, UUID coachId, UUID submission, String basedOn) {
		Write write = new Write(trajectoryId, coachId, null, submission, null, UUID.randomUUID());
		if (basedOn == null) {
			run(write, UPDATE_DRAFT, null);
			return false;
		}
		UUID base = revision(basedOn);
		if (run(write, UPDATE_DRAFT + (base == null ? " and (revision is null" : " and (revision = :base")
				+ " or submission_id = :s)", base) == 1) {
			return false;
		}
		return jdbc.sql("""
				select count(*) from draft d where d.trajectory_id = :t and d.coach_id = :c and d.body is not null
				and (d.submission_id is null or not exists (select 1 from letter_submission s where s.submission_id = d.submission_id))""")
			.param("t", trajectoryId)
			.param("c", coachId)
			.query(Integer.class)
			.single() > 0;
	}

	private static final String UPDATE_DRAFT = """
			update draft set body = :body, body_key_id = :keyId, submission_id = :s, assignment_id = :a, revision = :revision,
			    updated_at = :now
			where trajectory_id = :t and coach_id = :c""";

	private static final String INSERT_DRAFT = """
			insert into draft (trajectory_id, coach_id, body, body_key_id, submission_id, assignment_id, revision, updated_at)
			values (:t, :c, :body, :keyId, :s, :a, :revision, :now)
			on conflict do nothing""";

	/** One save's values; {@code body} sealed, null for an emptied draft. */
	private record Write(UUID trajectoryId, UUID coachId, String body, UUID submission, UUID assignment, UUID revision) {
	}

	private int run(Write write, String statement, UUID base) {
		return jdbc.sql(statement)
			.param("t", write.trajectoryId())
			.param("s", write.submission())
			.param("a", write.assignment())
			.param("c", write.coachId())
			.param("body", write.body())
			.param("keyId", encryption.keyId())
			.param("revision", write.revision())
			.param("base", base)
			.param("now", OffsetDateTime.now(clock))
			.update();
	}

	private DraftSave overtaken(UUID trajectoryId, UUID coachId) {
		return new DraftSave.Overtaken(draftRow(trajectoryId, coachId).orElse(false));
	}

	/**
	 * When the draft was last saved, if it has words and the form that saved it did not send its letter: the
	 * draft {@link #of} shows (or says does not open). Read without opening it: only that there is one is asked.
	 */
	Optional<OffsetDateTime> unsentDraftSavedAt(UUID trajectoryId, UUID coachId) {
		return jdbc.sql("""
				select d.updated_at from draft d
				where d.trajectory_id = :t and d.coach_id = :c and d.body is not null
				  and (d.submission_id is null or not exists (select 1 from letter_submission s where s.submission_id = d.submission_id))""")
			.param("t", trajectoryId)
			.param("c", coachId)
			.query(OffsetDateTime.class)
			.optional()
			.map(at -> at.atZoneSameInstant(clock.getZone()).toOffsetDateTime());
	}

	/** Whether there is a draft row, and if so whether the form that last saved it sent its letter. */
	private Optional<Boolean> draftRow(UUID trajectoryId, UUID coachId) {
		return jdbc.sql("""
				select count(s.submission_id) from draft d
				left join letter_submission s on s.submission_id = d.submission_id
				where d.trajectory_id = :t and d.coach_id = :c
				group by d.trajectory_id""")
			.param("t", trajectoryId)
			.param("c", coachId)
			.query((rs, n) -> rs.getInt(1) > 0)
			.optional();
	}

	/** The revision a form says it was based on; null for none or one that is no revision. */
	/** The revision a form names as its base; null for none (empty, absent) or for one that is no revision at all. */
	public static UUID revision(String basedOn) {
		try {
			return basedOn == null || basedOn.isEmpty() ? null : UUID.fromString(basedOn);
		}
		catch (IllegalArgumentException notOne) {
			return null;
		}
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
		List<UUID> draftRevision = new ArrayList<>(1);
		boolean[] draftUnreadable = { false };
		// The draft's row also when it shows no text (emptied, sent): its revision is what a save is based on.
		jdbc.sql("""
				select 1 as part, assignment_id as id, cast(null as varchar(200)) as title, body, body_key_id,
				       updated_at as at, revision,
				       case when submission_id is null
				            or not exists (select 1 from letter_submission s where s.submission_id = d.submission_id)
				       then 1 else 0 end as shown,
				       cast(null as timestamp with time zone) as edited_at
				from draft d where trajectory_id = :t and coach_id = :c
				union all
				select 2, id, null, body, body_key_id, created_at, coalesce(revision, id), 1, edited_at
				from coach_note where trajectory_id = :t and coach_id = :c
				union all
				select 3, id, title, body, body_key_id, created_at, coalesce(revision, id), 1, cast(null as timestamp with time zone)
				from saved_reply where coach_id = :c
				order by part, title, at desc""")
			.param("t", trajectoryId)
			.param("c", coachId)
			.query(rs -> {
				switch (rs.getInt("part")) {
					case 1 -> {
						if (rs.getObject("revision") != null) {
							draftRevision.add(rs.getObject("revision", UUID.class));
						}
						if (rs.getString("body") != null && rs.getInt("shown") == 1) {
							// One that does not open is said, not an error page: the page shows an empty form and why.
							OpenedText body = encryption.openListed("draft of trajectory " + trajectoryId + " and coach " + coachId,
									rs.getString("body_key_id"), rs.getString("body"));
							if (body.readable()) {
								draft.add(body.text());
								if (rs.getObject("id") != null) {
									draftAssignment.add(rs.getObject("id", UUID.class));
								}
							}
							else {
								draftUnreadable[0] = true;
							}
						}
					}
					case 2 -> notes.add(note(rs));
					default -> replies.add(savedReply(rs));
				}
			});
		return new Desk(draft.stream().findFirst(), draftAssignment.stream().findFirst(), draftRevision.stream().findFirst(),
				List.copyOf(notes), List.copyOf(replies), draftUnreadable[0]);
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
			.param("title", TypedName.cleaned(title.strip()))
			.param("body", encryption.sealText(body.strip()))
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("form", form)
			.update();
	}

	/** Deletes the reply if it is this coach's, whatever it says now; whether there was one to delete. */
	@Transactional
	public boolean deleteSavedReply(UUID coachId, UUID id) {
		return jdbc.sql("delete from saved_reply where id = :id and coach_id = :c").param("id", id).param("c", coachId).update() == 1;
	}

	/**
	 * Deletes one of this coach's saved replies as the coach was asked about it (decision 0103): not when
	 * it changed since {@code basedOn}, the revision the question was shown with, as a note is not
	 * ({@link #deleteNote}). {@link Change#GONE} when there is no such reply (deleted already: a double click,
	 * another tab), {@link Change#SOMEONE_ELSES} when it is another coach's, as for a note: the page says the one
	 * was deleted and says nothing of the other.
	 */
	@Transactional
	public Change deleteSavedReply(UUID coachId, UUID id, UUID basedOn) {
		if (jdbc.sql("delete from saved_reply where id = :id and coach_id = :c and coalesce(revision, id) = :base")
			.param("id", id).param("c", coachId).param("base", basedOn).update() == 1) {
			return Change.DONE;
		}
		return savedReply(coachId, id).isPresent() ? Change.CHANGED_SINCE : missingReply(id);
	}

	private Change missingReply(UUID id) {
		return jdbc.sql("select count(*) from saved_reply where id = :id").param("id", id).query(Integer.class).single() > 0
				? Change.SOMEONE_ELSES : Change.GONE;
	}

	public List<SavedReply> savedReplies(UUID coachId) {
		return jdbc.sql("select id, title, body, body_key_id, coalesce(revision, id) as revision from saved_reply where coach_id = :c order by title")
			.param("c", coachId)
			.query((rs, n) -> savedReply(rs))
			.list();
	}

	/** One of a list (the conversation page's, the saved replies page's): one that does not open is marked (decision 0057). */
	private SavedReply savedReply(ResultSet rs) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		OpenedText body = encryption.openListed("saved_reply " + id, rs.getString("body_key_id"), rs.getString("body"));
		return new SavedReply(id, rs.getString("title"), body.text(), body.readable(), rs.getObject("revision", UUID.class));
	}

	private Note note(ResultSet rs) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		OpenedText body = encryption.openListed("coach_note " + id, rs.getString("body_key_id"), rs.getString("body"));
		return new Note(id, body.text(), rs.getObject("at", OffsetDateTime.class), body.readable(),
				rs.getObject("edited_at", OffsetDateTime.class), rs.getObject("revision", UUID.class));
	}

	/** One of this coach's notes of this trajectory, for the pages that edit or delete it. */
	public Optional<Note> note(UUID trajectoryId, UUID coachId, UUID noteId) {
		return jdbc.sql("""
				select id, body, body_key_id, created_at as at, edited_at, coalesce(revision, id) as revision from coach_note
				where id = :id and trajectory_id = :t and coach_id = :c""")
			.param("id", noteId)
			.param("t", trajectoryId)
			.param("c", coachId)
			.query((rs, n) -> note(rs))
			.optional();
	}

	/** One of this coach's saved replies, for the page that edits it. */
	public Optional<SavedReply> savedReply(UUID coachId, UUID id) {
		return jdbc.sql("select id, title, body, body_key_id, coalesce(revision, id) as revision from saved_reply where id = :id and coach_id = :c")
			.param("id", id)
			.param("c", coachId)
			.query((rs, n) -> savedReply(rs))
			.optional();
	}

	/**
	 * Puts new text in one of this coach's notes of this trajectory, sealed with the key of the day as a
	 * new note is, and says when. {@code basedOn}: the note's {@link Note#revision} the form was opened
	 * on; {@code form}: the form's own id (may be null). Not done when the note changed since, unless its
	 * last edit came from this same form, so a tab is never refused against itself; a second save of that
	 * form with the same text (a double click) writes nothing (decision 0092); the same text from another
	 * form is {@link Change#UNCHANGED}. The trajectory's row is taken first, as every write of its content
	 * does, and whose it is read under that lock ({@link #stillTheirs}).
	 */
	@Transactional
	public Change editNote(UUID trajectoryId, UUID coachId, UUID noteId, String body, UUID basedOn, UUID form) {
		if (!stillTheirs(trajectoryId, coachId)) {
			return Change.HANDED_OVER;
		}
		Optional<Stored> stored = jdbc.sql("""
				select coalesce(revision, id) as revision, edit_form_id, cast(null as varchar(200)) as title, body, body_key_id
				from coach_note where id = :id and trajectory_id = :t and coach_id = :c for update""")
			.param("id", noteId)
			.param("t", trajectoryId)
			.param("c", coachId)
			.query((rs, n) -> stored(rs))
			.optional();
		if (stored.isEmpty()) {
			return missing(noteId);
		}
		String text = body.strip();
		boolean same = stored.get().sameAs(null, text, encryption);
		Change judged = judged(stored.get(), basedOn, form, same);
		if (judged == Change.DONE && !same) {
			jdbc.sql("""
					update coach_note set body = :body, body_key_id = :keyId, revision = :revision, edit_form_id = :form,
					    edited_at = :now
					where id = :id""")
				.param("body", encryption.sealText(text))
				.param("keyId", encryption.keyId())
				.param("revision", UUID.randomUUID())
				.param("form", form)
				.param("now", OffsetDateTime.now(clock))
				.param("id", noteId)
				.update();
		}
		return judged;
	}

	/**
	 * Deletes one of this coach's notes of this trajectory. Not when it changed since {@code basedOn} (the
	 * revision the question was asked with; null: whatever it says now): the coach confirmed deleting
	 * the text they saw, not a newer one (decision 0092). {@link Change#GONE} when there is none, after a
	 * double click too. Under the trajectory's row, as an edit: a handover and a delete take turns.
	 */
	@Transactional
	public Change deleteNote(UUID trajectoryId, UUID coachId, UUID noteId, UUID basedOn) {
		if (!stillTheirs(trajectoryId, coachId)) {
			return Change.HANDED_OVER;
		}
		String statement = "delete from coach_note where id = :id and trajectory_id = :t and coach_id = :c"
				+ (basedOn == null ? "" : " and coalesce(revision, id) = :base");
		if (jdbc.sql(statement).param("id", noteId).param("t", trajectoryId).param("c", coachId).param("base", basedOn).update() == 1) {
			return Change.DONE;
		}
		return note(trajectoryId, coachId, noteId).isPresent() ? Change.CHANGED_SINCE : missing(noteId);
	}

	/**
	 * Takes the trajectory's row as every write of its content does (an erasure waits, or this finds it
	 * erased and is refused), then reads whose it is: a handover changes the coach with the row locked, so
	 * it either comes after this write or is seen here, never between the page's check and the write.
	 * Read in a statement after the lock is granted, so a handover that was committed meanwhile counts.
	 */
	private boolean stillTheirs(UUID trajectoryId, UUID coachId) {
		messages.lockForWriting(trajectoryId);
		return trajectories.withContent(trajectoryId).filter(trajectory -> trajectory.coachedBy(coachId)).isPresent();
	}

	/** No note of this coach's here: one that is still there is someone else's, and must stay unsaid. */
	private Change missing(UUID noteId) {
		return jdbc.sql("select count(*) from coach_note where id = :id").param("id", noteId).query(Integer.class).single() > 0
				? Change.SOMEONE_ELSES : Change.GONE;
	}

	/**
	 * Puts a new title and text in one of this coach's saved replies, the text sealed with the key of the
	 * day; tested against the form's base as {@link #editNote} does (decision 0092).
	 */
	@Transactional
	public Change editSavedReply(UUID coachId, UUID id, String title, String body, UUID basedOn, UUID form) {
		Optional<Stored> stored = jdbc.sql("""
				select coalesce(revision, id) as revision, edit_form_id, title, body, body_key_id
				from saved_reply where id = :id and coach_id = :c for update""")
			.param("id", id)
			.param("c", coachId)
			.query((rs, n) -> stored(rs))
			.optional();
		String newTitle = TypedName.cleaned(title.strip()); // as when adding
		String text = body.strip();
		Change judged = stored.map(row -> judged(row, basedOn, form, row.sameAs(newTitle, text, encryption))).orElse(Change.GONE);
		if (judged == Change.DONE && !stored.get().sameAs(newTitle, text, encryption)) {
			jdbc.sql("""
					update saved_reply set title = :title, body = :body, body_key_id = :keyId, revision = :revision,
					    edit_form_id = :form
					where id = :id""")
				.param("title", newTitle)
				.param("body", encryption.sealText(text))
				.param("keyId", encryption.keyId())
				.param("revision", UUID.randomUUID())
				.param("form", form)
				.param("id", id)
				.update();
		}
		return judged;
	}

	/** A note or saved reply as an edit finds it, read under its row lock. */
	private record Stored(UUID revision, UUID editForm, String title, String body, String keyId) {

		/** Whether it says this already: then an edit has nothing to write. One that does not open never does. */
		boolean sameAs(String newTitle, String text, Encryption encryption) {
			if (newTitle != null && !newTitle.equals(title)) {
				return false;
			}
			OpenedText opened = encryption.openListed("edited row " + revision, keyId, body);
			return opened.readable() && text.equals(opened.text());
		}
	}

	private static Stored stored(ResultSet rs) throws SQLException {
		return new Stored(rs.getObject("revision", UUID.class), rs.getObject("edit_form_id", UUID.class), rs.getString("title"),
				rs.getString("body"), rs.getString("body_key_id"));
	}

	/**
	 * Whether an edit may be written: based on the row as it is, or on a row this same form wrote last (a
	 * tab's own double click, or its form sent again after going back). Anything else changed since. The
	 * same text ({@code same}) is nothing to write; said as done only when this form wrote it last, as the
	 * second click of a double click answers for the first, which did change it.
	 */
	private static Change judged(Stored row, UUID basedOn, UUID form, boolean same) {
		boolean ownLast = form != null && form.equals(row.editForm());
		if (!row.revision().equals(basedOn) && !ownLast) {
			return Change.CHANGED_SINCE;
		}
		return same && !ownLast ? Change.UNCHANGED : Change.DONE;
	}
}

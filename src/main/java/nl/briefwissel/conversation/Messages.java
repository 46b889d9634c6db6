package nl.briefwissel.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Collator;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.LetterLanguage;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.OpenedText;
import nl.briefwissel.mail.MailAttachment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The messages of all conversations, with their attachments; bodies and files are sealed at rest. */
@Repository
class Messages {

	/**
	 * The author's name is looked up per letter by primary key, not joined: for a conversation's twenty
	 * or so letters PostgreSQL costed a join as cheaper by hashing the whole account table, on every
	 * page view (1.5 ms of its CPU at 2,000 trajectories, growing with the accounts).
	 */
	private static final String COLUMNS = """
			select m.id, m.trajectory_id, m.author_id,
			       (select a.display_name from account a where a.id = m.author_id) as author_name,
			       m.author_role, m.kind, m.body, m.body_key_id, m.channel, m.inbound_mail_id, m.mail_message_id, m.created_at, m.language""";

	private static final String FROM = " from message m";

	private static final String SELECT = COLUMNS + FROM;

	/**
	 * A conversation's letters, with whether each has files: most conversations have none, and a
	 * conversation page then needs no second query for them (one round trip less on the pages read
	 * most). A scalar subquery with a limit, not {@code exists}: for {@code exists} PostgreSQL chose to
	 * hash every attachment of every conversation instead of looking in the index once per letter.
	 * Without the author's name: the reader has the participant's and the coach's at hand, and looked
	 * up per letter here they were a third of this query's time (docs/performance.md, tenth round).
	 */
	private static final String LETTERS = """
			select m.id, m.trajectory_id, m.author_id, m.author_role, m.kind, m.body, m.body_key_id, m.channel,
			       m.inbound_mail_id, m.mail_message_id, m.created_at, m.language,
			       coalesce((select true from message_attachment f where f.message_id = m.id limit 1), false) as has_files
			from message m where m.trajectory_id = :trajectory order by m.created_at, m.id""";

	static final int MAX_HITS = 50;

	// Messages opened per query while searching: bounded memory, and few queries for a usual coach.
	private static final int SEARCH_PAGE = 200;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	private final nl.briefwissel.trajectory.Trajectories trajectories;

	Messages(JdbcClient jdbc, Clock clock, Encryption encryption, nl.briefwissel.trajectory.Trajectories trajectories) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
		this.trajectories = trajectories;
	}

	/**
	 * Locks the trajectory for a write into its conversation, refusing one that was erased in the
	 * meantime ({@link nl.briefwissel.trajectory.Trajectories#lockedWithContent}).
	 */
	void lockForWriting(UUID trajectoryId) {
		if (!trajectories.lockedWithContent(trajectoryId)) {
			throw new ConversationErased(trajectoryId);
		}
	}

	UUID add(UUID trajectoryId, UUID authorId, Author author, MessageKind kind, String body, Channel channel,
			UUID inboundMailId, List<MailAttachment> attachments) {
		return add(trajectoryId, authorId, author, kind, body, channel, inboundMailId, null, attachments);
	}

	UUID add(UUID trajectoryId, UUID authorId, Author author, MessageKind kind, String body, Channel channel,
			UUID inboundMailId, String mailMessageId, List<MailAttachment> attachments) {
		return add(trajectoryId, authorId, author, kind, body, channel, inboundMailId, mailMessageId, attachments,
				OffsetDateTime.now(clock));
	}

	private UUID add(UUID trajectoryId, UUID authorId, Author author, MessageKind kind, String body, Channel channel,
			UUID inboundMailId, String mailMessageId, List<MailAttachment> attachments, OffsetDateTime at) {
		lockForWriting(trajectoryId);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into message (id, trajectory_id, author_id, author_role, kind, body, body_key_id, channel,
				    inbound_mail_id, mail_message_id, created_at, language)
				values (:id, :trajectory, :author, :role, :kind, :body, :keyId, :channel, :inbound, :mailId, :now, :language)""")
			.param("language", writtenIn(trajectoryId, author, kind, body))
			.param("id", id)
			.param("trajectory", trajectoryId)
			.param("author", authorId)
			.param("role", author.name())
			.param("kind", kind.name())
			.param("body", encryption.sealText(body))
			.param("keyId", encryption.keyId())
			.param("channel", channel.name())
			.param("inbound", inboundMailId)
			.param("mailId", mailMessageId)
			.param("now", at)
			.update();
		for (MailAttachment attachment : attachments) {
			jdbc.sql("""
					insert into message_attachment (id, message_id, file_name, content_type, size_bytes, content,
					    content_key_id, refusal)
					values (:id, :message, :name, :type, :size, :content, :keyId, :refusal)""")
				.param("id", UUID.randomUUID())
				.param("message", id)
				.param("name", attachment.name())
				.param("type", attachment.contentType())
				.param("size", attachment.size())
				.param("content", encryption.seal(attachment.content()))
				.param("keyId", encryption.keyId())
				.param("refusal", attachment.refusal())
				.update();
		}
		return id;
	}

	/**
	 * The language a new letter is written in (decision 0097, amended twice): the language its own words
	 * clearly are, the coach's letter as the participant's; else the conversation's where that is sure; else
	 * none. Not the participant's setting of the moment: a participant who reads the pages in English may go
	 * on writing with their coach in Dutch. Briefwissel's notes: none.
	 */
	private String writtenIn(UUID trajectoryId, Author author, MessageKind kind, String body) {
		Locale written = languageOfNew(trajectoryId, author, kind, body);
		return written == null ? null : written.getLanguage();
	}

	/**
	 * The language a letter written now is kept in: asked by the coach's letter's mail, made
	 * before the letter is kept, which marks the letter with it.
	 */
	Locale languageOfNew(UUID trajectoryId, Author author, MessageKind kind, String body) {
		if (kind != MessageKind.MESSAGE || author == Author.SYSTEM) {
			return null;
		}
		return LetterLanguage.of(body, conversationLanguage(trajectoryId));
	}

	/**
	 * The language a short letter is taken to be in: that of the latest letters of both, where they agree (or
	 * only one has written yet); null where they differ, the conversation changing language or each writing
	 * their own. The latest letter alone made a participant's short Dutch thanks English after her one English
	 * letter to a coach who wrote Dutch: no lang at all rather than a wrong one ({@link Message#langOn}).
	 * The first letter of a conversation has only the participant's setting to go by.
	 */
	private Locale conversationLanguage(UUID trajectoryId) {
		Set<String> latest = new HashSet<>();
		for (Author side : List.of(Author.PARTICIPANT, Author.COACH)) {
			jdbc.sql("""
					select m.language from message m
					where m.trajectory_id = :trajectory and m.kind = 'MESSAGE' and m.author_role = :role and m.language is not null
					order by m.created_at desc, m.id desc limit 1""")
				.param("trajectory", trajectoryId)
				.param("role", side.name())
				.query(String.class)
				.optional()
				.ifPresent(latest::add);
		}
		if (latest.isEmpty()) {
			return jdbc.sql("""
					select a.preferred_language from trajectory t join account a on a.id = t.participant_id where t.id = :trajectory""")
				.param("trajectory", trajectoryId)
				.query(String.class)
				.optional()
				.map(Locale::forLanguageTag)
				.orElse(LetterLanguage.DUTCH);
		}
		return latest.size() == 1 ? Locale.forLanguageTag(latest.iterator().next()) : null;
	}

	/**
	 * The letters of a trajectory, oldest first; every author's name is read. A letter that does not open
	 * fails the whole read (decision 0009).
	 */
	List<Message> ofTrajectory(UUID trajectoryId) {
		return ofTrajectory(trajectoryId, Map.of(), false);
	}

	/**
	 * The letters of a trajectory, oldest first. Authors' names come from {@code names} where it has
	 * them; any other author's (a former coach's) are read in one more query. {@code listed}: a letter
	 * no configured key opens is one of them, not readable and without its body, instead of an
	 * exception for them all (decision 0057).
	 */
	List<Message> ofTrajectory(UUID trajectoryId, Map<UUID, String> names, boolean listed) {
		Set<UUID> withFiles = new HashSet<>();
		List<Message> letters = jdbc.sql(LETTERS).param("trajectory", trajectoryId).query((rs, row) -> {
			Message letter = listed ? mapListed(rs) : map(rs, null);
			if (rs.getBoolean("has_files")) {
				withFiles.add(letter.id());
			}
			return letter;
		}).list();
		Map<UUID, String> authors = new HashMap<>(names);
		List<UUID> unknown = letters.stream()
			.map(Message::authorId)
			.filter(author -> author != null && !authors.containsKey(author))
			.distinct()
			.toList();
		if (!unknown.isEmpty()) {
			jdbc.sql("select id, display_name from account where id = any(:ids)")
				.param("ids", new SqlArrayValue("uuid", unknown.toArray()))
				.query(rs -> {
					authors.put(rs.getObject("id", UUID.class), rs.getString("display_name"));
				});
		}
		Map<UUID, List<Attachment>> attachments = attachments(List.copyOf(withFiles));
		List<Message> result = new ArrayList<>(letters.size());
		for (Message letter : letters) {
			result.add(new Message(letter.id(), letter.trajectoryId(), letter.authorId(),
					letter.authorId() == null ? null : authors.get(letter.authorId()), letter.author(), letter.kind(), letter.body(),
					letter.readable(), letter.channel(), letter.inboundMailId(), letter.mailMessageId(), letter.createdAt(),
					attachments.getOrDefault(letter.id(), List.of()), letter.language()));
		}
		return result;
	}

	/**
	 * The letters of a trajectory that came by way of the quarantine, by id, with the moment their mail was held:
	 * one query for them all. Such a letter is dated when the coach added it (Quarantine#attach), which may be days
	 * after the participant sent it.
	 */
	Map<UUID, OffsetDateTime> heldSince(UUID trajectoryId) {
		Map<UUID, OffsetDateTime> held = new HashMap<>();
		jdbc.sql("""
				select m.id, q.quarantined_at from message m join quarantined_mail q on q.inbound_mail_id = m.inbound_mail_id
				where m.trajectory_id = :trajectory""")
			.param("trajectory", trajectoryId)
			.query(rs -> {
				held.put(rs.getObject("id", UUID.class), rs.getObject("quarantined_at", OffsetDateTime.class));
			});
		return held;
	}

	/**
	 * Takes a write form's id for this letter; false when a request with the same form took it before
	 * (the second click of a double click). A second request waits here until the first is done.
	 */
	boolean firstSubmission(UUID trajectoryId, UUID submission) {
		return jdbc.sql("""
				insert into letter_submission (submission_id, trajectory_id, submitted_at) values (:submission, :trajectory, :now)
				on conflict do nothing""")
			.param("submission", submission)
			.param("trajectory", trajectoryId)
			.param("now", OffsetDateTime.now(clock))
			.update() == 1;
	}

	/** Whether a write form's letter went already (its id was taken). */
	boolean submitted(UUID submission) {
		return jdbc.sql("select count(*) from letter_submission where submission_id = :submission")
			.param("submission", submission)
			.query(Integer.class)
			.single() > 0;
	}

	Optional<Message> byId(UUID id) {
		return jdbc.sql(SELECT + " where m.id = :id").param("id", id).query(this::map).optional();
	}

	/**
	 * One letter for a page about it that does not show its text (its original mail): one that does not
	 * open comes without its body, said in the log once, and the page still finds it (decision 0057).
	 */
	Optional<Message> byIdUnopened(UUID id) {
		return jdbc.sql(SELECT + " where m.id = :id")
			.param("id", id)
			.query((rs, n) -> map(rs, rs.getString("author_name"), encryption.openListed("message " + rs.getObject("id", UUID.class),
					rs.getString("body_key_id"), rs.getString("body"))))
			.optional();
	}

	/**
	 * A mail's letter text, with the answers the participant typed into the coach's quoted letter
	 * (Outlook quotes it without marks, so the trimmer cut them with it): found by the letter the mail
	 * answers. For a mail that came by itself and for one added from the quarantine alike.
	 */
	String withInlineAnswers(UUID trajectoryId, nl.briefwissel.mail.ReadMail content) {
		if (content.inReplyTo() == null || content.cutText() == null || content.cutText().isBlank()) {
			return content.text();
		}
		return coachLetterMailedAs(trajectoryId, content.inReplyTo())
			.flatMap(letter -> nl.briefwissel.mail.InlineAnswers.within(content.cutText(), letter.body()))
			.map(answers -> content.text().isBlank() ? answers : content.text().stripTrailing() + "\n\n" + answers)
			.orElse(content.text());
	}

	/** Which of a conversation's letters is the coach's that went out with a Message-ID (:trajectory, :mailId). */
	private static final String COACH_LETTER_MAILED_AS = " where m.trajectory_id = :trajectory and m.mail_message_id = :mailId"
			+ " and m.author_role = 'COACH' and m.kind = 'MESSAGE'";

	/** The coach's letter of this conversation that went out with this Message-ID, if it is one. */
	Optional<Message> coachLetterMailedAs(UUID trajectoryId, String mailMessageId) {
		return jdbc.sql(SELECT + COACH_LETTER_MAILED_AS)
			.param("trajectory", trajectoryId)
			.param("mailId", mailMessageId)
			.query(this::map)
			.optional();
	}

	/**
	 * The last messages of a conversation: who wrote last, and when each side last wrote.
	 * {@code waitingSince} is the participant's first letter since the coach's last one, or null.
	 * {@code answeredAll}: the participant's letters since the coach's last are only their reaction to the closing
	 * summary by mail, which asks no answer (decision 0136); they still wrote last, and when.
	 */
	record Activity(Author lastAuthor, OffsetDateTime last, OffsetDateTime lastParticipant, OffsetDateTime lastCoach,
			OffsetDateTime waitingSince, boolean answeredAll) {

		static final Activity NONE = new Activity(null, null, null, null, null);

		Activity(Author lastAuthor, OffsetDateTime last, OffsetDateTime lastParticipant, OffsetDateTime lastCoach,
				OffsetDateTime waitingSince) {
			this(lastAuthor, last, lastParticipant, lastCoach, waitingSince, false);
		}

		/** One author's latest message; Briefwissel's own messages count as the coach's side. */
		static Activity of(Author author, OffsetDateTime at) {
			return author == Author.PARTICIPANT ? new Activity(author, at, at, null, null)
					: new Activity(author, at, null, at, null);
		}

		/**
		 * Both sides of one trajectory together. At the same instant the participant counts as
		 * having written last: a participant must never drop off the "waiting for you" list.
		 */
		Activity and(Activity other) {
			boolean otherLast = other.last.isAfter(last) || other.last.isEqual(last) && other.lastAuthor == Author.PARTICIPANT;
			return new Activity(otherLast ? other.lastAuthor : lastAuthor, otherLast ? other.last : last,
					latest(lastParticipant, other.lastParticipant), latest(lastCoach, other.lastCoach),
					waitingSince != null ? waitingSince : other.waitingSince, answeredAll || other.answeredAll);
		}

		/**
		 * The same reading as {@link Messages#activity} gives, from a conversation's letters read already
		 * (oldest first): its notes about mail do not count, and the participant waits from their first
		 * letter at or after the coach's (or Briefwissel's) last one, as in the query; not from
		 * {@code reactionLetter} (null for none), their reaction to the closing summary by mail.
		 */
		static Activity of(List<Message> conversation, java.time.ZoneId zone, UUID reactionLetter) {
			OffsetDateTime lastOther = null;
			for (Message letter : conversation) {
				if (!letter.isNote() && letter.author() != Author.PARTICIPANT) {
					lastOther = latest(lastOther, letter.createdAt());
				}
			}
			Activity activity = NONE;
			OffsetDateTime waiting = null;
			for (Message letter : conversation) {
				if (letter.isNote()) {
					continue;
				}
				OffsetDateTime at = letter.createdAt().atZoneSameInstant(zone).toOffsetDateTime();
				Activity one = of(letter.author(), at);
				activity = activity.last == null ? one : activity.and(one);
				if (letter.author() == Author.PARTICIPANT && (lastOther == null || !letter.createdAt().isBefore(lastOther))
						&& !letter.id().equals(reactionLetter) && (waiting == null || at.isBefore(waiting))) {
					waiting = at;
				}
			}
			return waiting != null ? activity.waitingSince(waiting) : activity.participantWroteLast() ? activity.answered() : activity;
		}

		/** The same, the participant waiting since this letter of theirs. */
		Activity waitingSince(OffsetDateTime first) {
			return new Activity(lastAuthor, last, lastParticipant, lastCoach, first, answeredAll);
		}

		/** The same, the participant's letters since the coach's last asking no answer: only their reaction by mail. */
		Activity answered() {
			return new Activity(lastAuthor, last, lastParticipant, lastCoach, waitingSince, true);
		}

		/**
		 * Since when the participant waits for an answer: their first letter after the coach's last, from
		 * which the reply promise counts (a second "did you get it?" does not move it on); null when
		 * the coach wrote last, or when the participant's letters since are only their reaction to the summary.
		 */
		OffsetDateTime waitingFrom() {
			return !participantWroteLast() || answeredAll ? null : waitingSince != null ? waitingSince : lastParticipant;
		}

		private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
			return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
		}

		boolean participantWroteLast() {
			return lastAuthor == Author.PARTICIPANT;
		}
	}

	/**
	 * Activity per trajectory, in one query for a whole workspace: the latest message of each author
	 * per trajectory, from which the latest of all follows. Notes about mail do not count.
	 */
	Map<UUID, Activity> activity(List<UUID> trajectoryIds) {
		if (trajectoryIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Activity> result = new HashMap<>();
		// The last letter of each author and, on the participant's row, their first letter since the coach's
		// (or Briefwissel's) last one: at the same instant the participant's counts as after it, as in
		// Activity.and. Looked up in the index per trajectory: a second pass over all the participant's
		// letters, or a window over all letters, cost the workspace a third or a sixth of its database
		// time (docs/performance.md, seventeenth round). Not from their reaction to the closing summary by mail, which
		// asks no answer (decision 0136): its closing row by the trajectory's key, in the same statement.
		jdbc.sql("""
				select m.trajectory_id, m.author_role, max(m.created_at) as at,
				       case when m.author_role = 'PARTICIPANT' then (
				           select min(p.created_at) from message p
				           where p.trajectory_id = m.trajectory_id and p.kind = 'MESSAGE' and p.author_role = 'PARTICIPANT'
				             and p.created_at >= coalesce((
				                 select max(c.created_at) from message c
				                 where c.trajectory_id = m.trajectory_id and c.kind = 'MESSAGE' and c.author_role <> 'PARTICIPANT'),
				                 p.created_at)
				             and not exists (select 1 from closing r where r.trajectory_id = p.trajectory_id and r.reaction_message_id = p.id)
				           ) end as waiting
				from message m where m.trajectory_id = any(:ids) and m.kind = 'MESSAGE'
				group by m.trajectory_id, m.author_role""")
			// One array, not an in-list: with a list every number of trajectories is another
			// statement, parsed and planned anew (docs/performance.md, tenth round).
			.param("ids", new SqlArrayValue("uuid", trajectoryIds.toArray()))
			// In the programme's time zone: the driver gives PostgreSQL's times in UTC, and a letter written
			// at half past midnight in Amsterdam belongs to that day's moment, not the day before.
			.query((rs, n) -> {
				UUID trajectory = rs.getObject("trajectory_id", UUID.class);
				Activity activity = Activity.of(Author.valueOf(rs.getString("author_role")), inZone(rs.getObject("at", OffsetDateTime.class)));
				OffsetDateTime waiting = rs.getObject("waiting", OffsetDateTime.class);
				// The participant's row without a letter waiting: nothing since the coach's last, or only their reaction.
				Activity read = waiting != null ? activity.waitingSince(inZone(waiting))
						: activity.lastAuthor() == Author.PARTICIPANT ? activity.answered() : activity;
				return result.merge(trajectory, read, Activity::and);
			})
			.list();
		return result;
	}

	private OffsetDateTime inZone(OffsetDateTime at) {
		return at.atZoneSameInstant(clock.getZone()).toOffsetDateTime();
	}

	/**
	 * A message found by a coach's search, with a short piece of text around the match, and who wrote it:
	 * {@code authorId} is null when no account wrote it; {@code author} says in which role.
	 */
	record Hit(UUID trajectoryId, String participantName, UUID authorId, Author author, UUID messageId, String snippet,
			OffsetDateTime createdAt) {
	}

	/**
	 * Searches the messages of one coach's trajectories only; newest first, at most 50. Bodies are
	 * sealed, so the database cannot match text: the coach's messages are opened here, a page at a
	 * time, newest first, until 50 match (a coach has a few dozen trajectories, not thousands).
	 */
	List<Hit> search(UUID coachId, String query) {
		String wanted = query.strip();
		List<UUID> newestFirst = jdbc.sql("""
				select m.id from message m join trajectory t on t.id = m.trajectory_id
				where t.coach_id = :coach and m.kind = 'MESSAGE'
				order by m.created_at desc, m.id""")
			.param("coach", coachId)
			.query(UUID.class)
			.list();
		List<Hit> hits = new ArrayList<>();
		for (int from = 0; from < newestFirst.size() && hits.size() < MAX_HITS; from += SEARCH_PAGE) {
			List<UUID> page = newestFirst.subList(from, Math.min(newestFirst.size(), from + SEARCH_PAGE));
			// The writer by role and id, not by name: the author's account is not read at all, joined it
			// was the whole account table hashed on PostgreSQL (as COLUMNS says), and a name told a coach
			// who shares the participant's from the participant only by chance.
			List<Opened> opened = jdbc.sql("""
					select m.trajectory_id, pa.display_name as participant_name, m.author_id, m.author_role,
					       m.id, m.body, m.body_key_id, m.created_at
					from message m
					join trajectory t on t.id = m.trajectory_id
					join account pa on pa.id = t.participant_id
					where m.id in (:ids)
					order by m.created_at desc, m.id""")
				.param("ids", page)
				.query((rs, n) -> new Opened(rs.getObject("trajectory_id", UUID.class), rs.getString("participant_name"),
						rs.getObject("author_id", UUID.class), Author.valueOf(rs.getString("author_role")),
						rs.getObject("id", UUID.class),
						encryption.openListed("message " + rs.getObject("id", UUID.class), rs.getString("body_key_id"),
								rs.getString("body")).text(),
						rs.getObject("created_at", OffsetDateTime.class)))
				.list();
			for (Opened message : opened) {
				// A letter that does not open (null) matches no words: nobody can read them. As an error it
				// took the whole search with it (decision 0057); the log says it once.
				if (hits.size() < MAX_HITS && message.body() != null && matchAt(message.body(), wanted) >= 0) {
					hits.add(new Hit(message.trajectoryId(), message.participantName(), message.authorId(), message.author(),
							message.id(), snippet(message.body(), wanted), message.createdAt()));
				}
			}
		}
		return hits;
	}

	private record Opened(UUID trajectoryId, String participantName, UUID authorId, Author author, UUID id, String body,
			OffsetDateTime createdAt) {
	}

	/**
	 * Where the query first stands in the text, case aside, counted in the text itself (-1: nowhere).
	 * Not in a lower-cased copy: lower-casing changes the length ("İ" becomes two characters), so an
	 * index found there pointed past the match in the letter, and far enough past it out of the letter.
	 */
	static int matchAt(String body, String query) {
		for (int at = 0; at + query.length() <= body.length(); at++) {
			if (body.regionMatches(true, at, query, 0, query.length())) {
				return at;
			}
		}
		return -1;
	}

	/** About this many characters of the letter on either side of the match. */
	private static final int SNIPPET_SIDE = 60;

	/**
	 * The match with some text around it, cut between words: cut at a fixed count it began inside a word
	 * ("…oi Anja"), which reads as a typo in the letter. An ellipsis says where text was left off.
	 */
	static String snippet(String body, String query) {
		int at = Math.max(0, matchAt(body, query));
		int end = Math.min(body.length(), at + query.length());
		int from = Math.max(0, at - SNIPPET_SIDE);
		if (from > 0 && !Character.isWhitespace(body.charAt(from - 1))) {
			// Forward to the next word; the match's own first word stays, however long the word before it.
			while (from < at && !Character.isWhitespace(body.charAt(from))) {
				from++;
			}
		}
		int to = Math.min(body.length(), end + SNIPPET_SIDE);
		if (to < body.length() && !Character.isWhitespace(body.charAt(to))) {
			while (to > end && !Character.isWhitespace(body.charAt(to - 1))) {
				to--;
			}
		}
		String text = body.substring(from, to).replaceAll("\\s+", " ").strip();
		return (from > 0 ? "…" : "") + text + (to < body.length() ? "…" : "");
	}

	/** The trajectory of the first of these Message-IDs that is one of ours, for threading. */
	Optional<UUID> trajectoryOfMailIds(Collection<String> mailMessageIds) {
		if (mailMessageIds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("select trajectory_id from message where mail_message_id in (:ids) order by created_at desc limit 1")
			.param("ids", List.copyOf(mailMessageIds))
			.query(UUID.class)
			.optional();
	}

	/**
	 * The id of the coach's letter whose mail had this Message-ID, as {@link #coachLetterMailedAs} finds it: the
	 * letter a reply by mail answers, without reading (and opening) the letter itself.
	 */
	Optional<UUID> coachLetterOfMailId(UUID trajectoryId, String mailMessageId) {
		if (mailMessageId == null) {
			return Optional.empty();
		}
		return jdbc.sql("select m.id from message m" + COACH_LETTER_MAILED_AS)
			.param("trajectory", trajectoryId)
			.param("mailId", mailMessageId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * The mail thread so far, in one read: the Message-IDs of the conversation's letters, oldest
	 * first, for References (RFC 5322 3.6.4), and the participant's latest mail, which our next mail
	 * answers (In-Reply-To).
	 */
	MailThread mailThread(UUID trajectoryId) {
		record Mailed(String mailId, boolean letter, boolean fromParticipant) {
		}
		List<Mailed> mailed = jdbc.sql("""
				select mail_message_id, author_role, kind from message
				where trajectory_id = :trajectory and mail_message_id is not null
				order by created_at, id""")
			.param("trajectory", trajectoryId)
			.query((rs, n) -> new Mailed(rs.getString("mail_message_id"), MessageKind.MESSAGE.name().equals(rs.getString("kind")),
					Author.PARTICIPANT.name().equals(rs.getString("author_role"))))
			.list();
		return new MailThread(mailed.stream().filter(Mailed::letter).map(Mailed::mailId).toList(),
				mailed.stream().filter(Mailed::fromParticipant).reduce((earlier, later) -> later).map(Mailed::mailId).orElse(null));
	}

	/** The Message-IDs a new mail of the conversation refers to; {@code inReplyTo} may be null. */
	record MailThread(List<String> references, String inReplyTo) {
	}

	Optional<Attachment> attachment(UUID id) {
		return jdbc.sql("select id, message_id, file_name, content_type, size_bytes, refusal from message_attachment where id = :id")
			.param("id", id)
			.query(Messages::mapAttachment)
			.optional();
	}

	Optional<byte[]> attachmentContent(UUID id) {
		return jdbc.sql("select content, content_key_id from message_attachment where id = :id and content is not null")
			.param("id", id)
			.query((rs, n) -> encryption.open(rs.getString("content_key_id"), rs.getBytes("content")))
			.optional();
	}

	/** The names of the files a letter came with that were kept, for its mail: as the letter lists them ({@link #AS_LISTED}). */
	List<String> acceptedFileNames(UUID messageId) {
		return attachments(List.of(messageId)).getOrDefault(messageId, List.of())
			.stream()
			.filter(Attachment::available)
			.map(Attachment::fileName)
			.toList();
	}

	private Map<UUID, List<Attachment>> attachments(List<UUID> messageIds) {
		if (messageIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				select id, message_id, file_name, content_type, size_bytes, refusal from message_attachment
				where message_id = any(:ids)""")
			.param("ids", new SqlArrayValue("uuid", messageIds.toArray()))
			.query(Messages::mapAttachment)
			.list()
			.stream()
			.sorted(AS_LISTED)
			.collect(Collectors.groupingBy(Attachment::messageId));
	}

	/**
	 * A letter's files as the page and its mail list them: by name ({@link #byName}), and files of the same name (a
	 * phone sends every photo as image.jpg) by their id as text, so that they stand in one order at every reading.
	 * The order they came in is not kept: no column holds it.
	 */
	static final Comparator<Attachment> AS_LISTED = Comparator.comparing(Attachment::fileName, byName())
		.thenComparing(attachment -> attachment.id().toString());

	/**
	 * A letter's files by name as a person reads a list: "b.pdf" before "Z.pdf", "écht.pdf" beside "echt.pdf". The
	 * database's order is by code point (H2, PostgreSQL with the C collation): every capital before every small letter.
	 * Dutch, as the trajectory select of the quarantine sorts; the languages the product speaks order letters alike.
	 */
	private static Comparator<String> byName() {
		Collator collator = Collator.getInstance(Locale.forLanguageTag("nl"));
		return collator::compare;
	}

	private Message map(ResultSet rs, int row) throws SQLException {
		return map(rs, rs.getString("author_name"));
	}

	private Message map(ResultSet rs, String authorName) throws SQLException {
		return map(rs, authorName, new OpenedText(encryption.openText(rs.getString("body_key_id"), rs.getString("body")), true));
	}

	/** A letter of a list: one that does not open is said in the log once and comes without its body. */
	private Message mapListed(ResultSet rs) throws SQLException {
		return map(rs, null, encryption.openListed("message " + rs.getObject("id", UUID.class), rs.getString("body_key_id"),
				rs.getString("body")));
	}

	private Message map(ResultSet rs, String authorName, OpenedText body) throws SQLException {
		return new Message(rs.getObject("id", UUID.class), rs.getObject("trajectory_id", UUID.class),
				rs.getObject("author_id", UUID.class), authorName, Author.valueOf(rs.getString("author_role")),
				MessageKind.valueOf(rs.getString("kind")), body.text(), body.readable(),
				Channel.valueOf(rs.getString("channel")),
				rs.getObject("inbound_mail_id", UUID.class), rs.getString("mail_message_id"),
				rs.getObject("created_at", OffsetDateTime.class), List.of(),
				rs.getString("language") == null ? null : Locale.forLanguageTag(rs.getString("language")));
	}

	private static Attachment mapAttachment(ResultSet rs, int row) throws SQLException {
		return new Attachment(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
				rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("refusal"));
	}
}

package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.OpenedText;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key moments. A highlight is a passage quoted from a message of the conversation (the whole
 * message when no passage is given), marked by the coach or the participant; whoever marked it may
 * take it away again. The passage is sealed at rest as the message it quotes is (decision 0009).
 */
@Repository
public class Highlights {

	static final int MAX_PASSAGE = 4000;

	/**
	 * A marked passage, with who marked it (and their name: after a handover a passage may have been
	 * marked by a coach the trajectory no longer has) and when; {@code readable} false (and no passage)
	 * when it does not open, as the conversation pages read it ({@link #toRead}). {@code language}: its
	 * letter's (decision 0097), null where not known.
	 */
	public record Highlight(UUID id, UUID messageId, String passage, UUID markedBy, String markedByName,
			OffsetDateTime markedAt, boolean readable, java.util.Locale language) {

		/** The passage's {@code lang} on a page in {@code page}'s language, as {@link Message#langOn}. */
		public String langOn(java.util.Locale page) {
			return Message.langOn(language, page);
		}
	}

	private final JdbcClient jdbc;

	private final Messages messages;

	private final Clock clock;

	private final Encryption encryption;

	Highlights(JdbcClient jdbc, Messages messages, Clock clock, Encryption encryption) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
		this.encryption = encryption;
	}

	/** Every highlight opened; one that does not open fails loudly, for whoever reads them whole (decision 0009). */
	public List<Highlight> of(UUID trajectoryId) {
		return read(trajectoryId, (id, keyId, stored) -> new OpenedText(encryption.openText(keyId, stored), true));
	}

	/**
	 * As the conversation pages show them: one that does not open (its key removed, its record changed)
	 * comes without its passage, for a marked line in its place, and is said in the log once; it made
	 * the whole page an error page (decision 0057).
	 */
	public List<Highlight> toRead(UUID trajectoryId) {
		return read(trajectoryId, (id, keyId, stored) -> encryption.openListed("highlight " + id, keyId, stored));
	}

	private interface Opening {

		OpenedText open(UUID id, String keyId, String stored);
	}

	private List<Highlight> read(UUID trajectoryId, Opening opening) {
		return jdbc.sql("""
				select h.id, h.message_id, h.passage, h.passage_key_id, h.marked_by, h.marked_at,
				       (select a.display_name from account a where a.id = h.marked_by) as marked_by_name,
				       (select m.language from message m where m.id = h.message_id) as language
				from highlight h where h.trajectory_id = :trajectory order by h.marked_at""")
			.param("trajectory", trajectoryId)
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				OpenedText passage = opening.open(id, rs.getString("passage_key_id"), rs.getString("passage"));
				return new Highlight(id, rs.getObject("message_id", UUID.class), passage.text(),
						rs.getObject("marked_by", UUID.class), rs.getString("marked_by_name"),
						rs.getObject("marked_at", OffsetDateTime.class), passage.readable(),
						rs.getString("language") == null ? null : java.util.Locale.forLanguageTag(rs.getString("language")));
			})
			.list();
	}

	/**
	 * Marks a passage of a message of this trajectory. Empty when the message is not part of the
	 * conversation or the passage is not in it: a highlight always quotes what was written. The same
	 * passage marked again by the same person (a double click on "Bewaren") is the highlight they
	 * already have: its id is returned and nothing is added.
	 */
	@Transactional
	public Optional<UUID> mark(UUID trajectoryId, UUID messageId, String passage, UUID by) {
		// The letter marked alone: with the whole conversation, one other letter that does not open made
		// every passage of the conversation unmarkable (decision 0057). This one not opening is an error.
		Optional<Message> message = messages.byId(messageId)
			.filter(m -> m.trajectoryId().equals(trajectoryId) && m.kind() == MessageKind.MESSAGE);
		if (message.isEmpty()) {
			return Optional.empty();
		}
		String quoted = passage == null || passage.isBlank() ? message.get().body().strip()
				: passage.strip().replaceAll("[ \\t]+", " ");
		if (!normalised(message.get().body()).contains(normalised(quoted))) {
			return Optional.empty();
		}
		if (quoted.length() > MAX_PASSAGE) {
			quoted = quoted.substring(0, MAX_PASSAGE - 1) + "…";
		}
		// Two requests at once would both find no highlight yet: the message's row is locked first, so
		// the second waits for the first to commit and then finds its highlight. The trajectory's before it,
		// in the order an erasure takes them (Messages.lockForWriting).
		messages.lockForWriting(trajectoryId);
		jdbc.sql("select id from message where id = :message and trajectory_id = :trajectory for update")
			.param("message", messageId)
			.param("trajectory", trajectoryId)
			.query(UUID.class)
			.optional();
		// Compared opened: sealed twice, the same passage is two different texts.
		String passageMarked = quoted;
		Optional<UUID> marked = jdbc.sql("""
				select id, passage, passage_key_id from highlight
				where trajectory_id = :trajectory and message_id = :message and marked_by = :by
				order by marked_at, id""")
			.param("trajectory", trajectoryId)
			.param("message", messageId)
			.param("by", by)
			.query((rs, n) -> encryption.openText(rs.getString("passage_key_id"), rs.getString("passage"))
				.equals(passageMarked) ? rs.getObject("id", UUID.class) : null)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
		if (marked.isPresent()) {
			return marked;
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into highlight (id, trajectory_id, message_id, passage, passage_key_id, marked_by, marked_at)
				values (:id, :trajectory, :message, :passage, :keyId, :by, :now)""")
			.param("id", id)
			.param("trajectory", trajectoryId)
			.param("message", messageId)
			.param("passage", encryption.sealText(quoted))
			.param("keyId", encryption.keyId())
			.param("by", by)
			.param("now", OffsetDateTime.now(clock))
			.update();
		return Optional.of(id);
	}

	@Transactional
	public boolean remove(UUID trajectoryId, UUID highlightId, UUID by) {
		return jdbc.sql("delete from highlight where id = :id and trajectory_id = :trajectory and marked_by = :by")
			.param("id", highlightId)
			.param("trajectory", trajectoryId)
			.param("by", by)
			.update() == 1;
	}

	/** Whitespace differs between what a browser posts and what was stored; the words must match. */
	private static String normalised(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}
}

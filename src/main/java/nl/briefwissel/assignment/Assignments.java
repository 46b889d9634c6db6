package nl.briefwissel.assignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The library: shared assignments (no owner) and each coach's own. Assignments are archived,
 * never deleted, because given assignments keep pointing at them.
 */
@Repository
public class Assignments {

	private static final String COLUMNS = """
			select id, owner_id, title, instructions, type, themes, minutes, language, archived, deck
			from assignment
			""";

	/** The shared library and the coach's own, without the archived ones. */
	private static final String OPEN_TO_COACH = " where archived = false and (owner_id is null or owner_id = :owner) order by title";

	/** What a new or changed assignment holds; a deck only for coach cards (null: the whole deck). */
	public record Draft(String title, String instructions, AssignmentType type, List<String> themes, int minutes,
			Locale language, CoachCards.Kind deck) {

		public Draft {
			deck = type == AssignmentType.COACH_CARDS ? deck : null;
		}

		/** An assignment that names no deck. */
		public Draft(String title, String instructions, AssignmentType type, List<String> themes, int minutes, Locale language) {
			this(title, instructions, type, themes, minutes, language, null);
		}
	}

	/** A search of the library; every part is optional. */
	public record Search(String text, String theme, AssignmentType type) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Assignments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What a coach can choose from: the shared library and their own, not archived, matching the search. */
	public List<Assignment> forCoach(UUID coachId, Search search) {
		return matching(jdbc.sql(COLUMNS + OPEN_TO_COACH)
			.param("owner", coachId)
			.query(Assignments::map)
			.list(), search);
	}

	/**
	 * The coach's library page: the shared library without the archived ones, and their own, archived
	 * ones included (after the others), so that they can put one back.
	 */
	public List<Assignment> libraryOf(UUID coachId, Search search) {
		return matching(jdbc.sql(COLUMNS + """
				 where (owner_id is null and archived = false) or owner_id = :owner order by archived, title""")
			.param("owner", coachId)
			.query(Assignments::map)
			.list(), search);
	}

	/** The shared library, archived ones included, for administrators. */
	public List<Assignment> shared(Search search) {
		return matching(jdbc.sql(COLUMNS + " where owner_id is null order by archived, title").query(Assignments::map).list(),
				search);
	}

	/** As {@link #forCoach(UUID, Search)}, in {@code reader}'s order ({@link #readingOrder}). */
	public List<Assignment> forCoach(UUID coachId, Search search, Locale reader) {
		return inReadingOrder(forCoach(coachId, search), reader);
	}

	/** As {@link #libraryOf(UUID, Search)}, in {@code reader}'s order ({@link #readingOrder}), the archived ones still last. */
	public List<Assignment> libraryOf(UUID coachId, Search search, Locale reader) {
		return inReadingOrder(libraryOf(coachId, search), reader);
	}

	/** As {@link #shared(Search)}, in {@code reader}'s order ({@link #readingOrder}), the archived ones still last. */
	public List<Assignment> shared(Search search, Locale reader) {
		return inReadingOrder(shared(search), reader);
	}

	/**
	 * The order a reader looks for an assignment in: the archived ones last (they are there to be put back), those in
	 * the reader's language first, then the others by language, each group alphabetical as the reader's language has it.
	 * The database sorted the titles whatever their language and by its own collation, and a Dutch administrator's
	 * library began with A letter to yourself.
	 */
	public static Comparator<Assignment> readingOrder(Locale reader) {
		Collator alphabetical = Collator.getInstance(reader);
		// Case and accents still tell two titles apart, after the letters themselves (Één after Een, as a dictionary has it).
		alphabetical.setStrength(Collator.TERTIARY);
		String language = reader.getLanguage();
		return Comparator.comparing(Assignment::archived)
			.thenComparing(a -> !a.language().getLanguage().equals(language))
			.thenComparing(a -> a.language().getLanguage())
			.thenComparing(Assignment::title, alphabetical);
	}

	private static List<Assignment> inReadingOrder(List<Assignment> assignments, Locale reader) {
		return assignments.stream().sorted(readingOrder(reader)).toList();
	}

	public Optional<Assignment> byId(UUID id) {
		return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(Assignments::map).optional();
	}

	/** Adds an assignment: the coach's own, or to the shared library when {@code ownerId} is null. */
	@Transactional
	public UUID add(UUID ownerId, Draft draft) {
		return insert(ownerId, null, draft);
	}

	/**
	 * Adds an assignment once: a double click on "Opslaan" posts the form twice. There is no table to
	 * remember a form's id in (as letters and intakes have), so the second post is known by what it
	 * holds: the same assignment, field for field, added to the same library in the last minute is
	 * the one just saved, and is returned instead of a copy. Who saves has their account row locked
	 * first, so two posts at once take turns and the second finds what the first added.
	 */
	@Transactional
	public UUID addOnce(UUID ownerId, UUID savedBy, Draft draft) {
		jdbc.sql("select id from account where id = :id for update").param("id", savedBy).query(UUID.class).optional();
		return justAdded(ownerId, draft).orElseGet(() -> insert(ownerId, null, draft));
	}

	private Optional<UUID> justAdded(UUID ownerId, Draft draft) {
		return fields(jdbc.sql("select id from assignment where " + (ownerId == null ? "owner_id is null" : "owner_id = :owner") + """
				 and archived = false and title = :title and instructions = :instructions and type = :type
				 and themes = :themes and minutes = :minutes and language = :language and coalesce(deck, '') = :deckOrNone
				 and created_at >= :since
				order by created_at, id limit 1"""), draft)
			.param("owner", ownerId)
			.param("since", OffsetDateTime.now(clock).minus(java.time.Duration.ofMinutes(1)))
			.query(UUID.class)
			.optional();
	}

	@Transactional
	public void change(UUID id, Draft draft) {
		fields(jdbc.sql("""
				update assignment set title = :title, instructions = :instructions, type = :type, themes = :themes,
				    minutes = :minutes, language = :language, deck = :deck where id = :id"""), draft)
			.param("id", id)
			.update();
	}

	@Transactional
	public void archive(UUID id, boolean archived) {
		jdbc.sql("update assignment set archived = :archived where id = :id").param("archived", archived).param("id", id).update();
	}

	/**
	 * Gives the shipped coach-cards entries of this key that name no deck (seeded before the deck was
	 * stored) the deck the shipped file names. A deck chosen since, and an entry whose type was changed,
	 * are kept: only a null is filled.
	 */
	@Transactional
	int nameShippedDeck(String key, CoachCards.Kind deck) {
		return jdbc.sql("""
				update assignment set deck = :deck
				where library_key = :key and owner_id is null and type = 'COACH_CARDS' and deck is null""")
			.param("deck", deck.name())
			.param("key", key)
			.update();
	}

	/**
	 * Replaces the text of the shipped entry of this key and language where it is still, word for word,
	 * the text shipped before: a text an administrator changed is kept.
	 */
	@Transactional
	int replaceShippedText(String key, Locale language, String before, String now) {
		return jdbc.sql("""
				update assignment set instructions = :now
				where library_key = :key and language = :language and owner_id is null and instructions = :before""")
			.param("now", now.strip())
			.param("key", key)
			.param("language", language.getLanguage())
			.param("before", before.strip())
			.update();
	}

	/** Whether the shipped library entry with this key and language is present, so seeding adds each once. */
	boolean hasLibraryEntry(String key, Locale language) {
		return jdbc.sql("select count(*) from assignment where library_key = :key and language = :language and owner_id is null")
			.param("key", key)
			.param("language", language.getLanguage())
			.query(Long.class)
			.single() > 0;
	}

	@Transactional
	UUID insertLibraryEntry(String key, Draft draft) {
		return insert(null, key, draft);
	}

	private UUID insert(UUID ownerId, String key, Draft draft) {
		UUID id = UUID.randomUUID();
		fields(jdbc.sql("""
				insert into assignment (id, owner_id, library_key, title, instructions, type, themes, minutes, language, deck, created_at)
				values (:id, :owner, :key, :title, :instructions, :type, :themes, :minutes, :language, :deck, :now)"""), draft)
			.param("id", id)
			.param("owner", ownerId)
			.param("key", key)
			.param("now", OffsetDateTime.now(clock))
			.update();
		return id;
	}

	private static List<Assignment> matching(List<Assignment> assignments, Search search) {
		if (search == null) {
			return assignments;
		}
		String text = search.text() == null ? "" : search.text().strip().toLowerCase(Locale.ROOT);
		return assignments.stream()
			.filter(a -> text.isEmpty() || a.title().toLowerCase(Locale.ROOT).contains(text)
					|| a.instructions().toLowerCase(Locale.ROOT).contains(text))
			.filter(a -> search.theme() == null || search.theme().isBlank() || a.themes().contains(search.theme()))
			.filter(a -> search.type() == null || a.type() == search.type())
			.toList();
	}

	private static Assignment map(ResultSet rs, int row) throws SQLException {
		String themes = rs.getString("themes");
		return new Assignment(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("title"),
				rs.getString("instructions"), AssignmentType.valueOf(rs.getString("type")),
				themes == null || themes.isBlank() ? List.of() : Arrays.stream(themes.split(",")).map(String::strip).toList(),
				rs.getInt("minutes"), Locale.forLanguageTag(rs.getString("language")), rs.getBoolean("archived"),
				rs.getString("deck") == null ? null : CoachCards.Kind.valueOf(rs.getString("deck")));
	}

	/**
	 * An assignment's fields as every statement here binds them: stripped, themes joined, the language's code,
	 * the deck's name (also as an empty text for none: a null compared in SQL is no match, and PostgreSQL
	 * cannot type a bare null parameter).
	 */
	private static JdbcClient.StatementSpec fields(JdbcClient.StatementSpec statement, Draft draft) {
		String deck = draft.deck() == null ? null : draft.deck().name();
		// A title stands in sentences and options as a name does, and is stored cleaned as one (TypedName).
		return statement.param("title", nl.briefwissel.TypedName.cleaned(draft.title().strip()))
			.param("deck", deck, java.sql.Types.VARCHAR)
			.param("deckOrNone", deck == null ? "" : deck)
			.param("instructions", draft.instructions().strip())
			.param("type", draft.type().name())
			.param("themes", String.join(",", draft.themes()))
			.param("minutes", draft.minutes())
			.param("language", draft.language().getLanguage());
	}
}

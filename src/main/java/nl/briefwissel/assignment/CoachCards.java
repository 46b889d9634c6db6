package nl.briefwissel.assignment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The deck of coach cards: values and qualities, in Dutch and English
 * ({@code assignments/coach-cards.txt}). A participant lays a top five as the answer to a
 * coach-cards assignment, from the deck that assignment names in the shipped library ("Jouw top vijf
 * waarden" lays values only); a coach's own coach-cards assignment lays from the whole deck (decision 0065).
 */
@Component
public class CoachCards {

	public enum Kind {
		VALUE, QUALITY
	}

	/** One card of the deck. */
	public record Card(Kind kind, String code, String dutch, String english) {

		public String label(Locale language) {
			return language != null && "en".equals(language.getLanguage()) ? english : dutch;
		}
	}

	/** How many cards a participant lays. */
	public static final int TOP = 5;

	private final List<Card> deck;

	private final Assignments assignments;

	/** The deck of each shipped library entry that names one, by its key. */
	private final Map<String, Kind> decks = new HashMap<>();

	CoachCards(Assignments assignments) {
		this.assignments = assignments;
		for (LibrarySeed.Entry entry : LibrarySeed.read()) {
			if (entry.deck() != null) {
				decks.put(entry.key(), entry.deck());
			}
		}
		try (InputStream in = new ClassPathResource("assignments/coach-cards.txt").getInputStream()) {
			this.deck = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split("\\|"))
				.map(part -> new Card(Kind.valueOf(part[0].strip()), part[1].strip(), part[2].strip(), part[3].strip()))
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("The coach cards are missing from the application", e);
		}
	}

	public List<Card> deck() {
		return deck;
	}

	public Optional<Card> card(String code) {
		return deck.stream().filter(card -> card.code().equals(code)).findFirst();
	}

	/**
	 * The cards this given assignment is laid from: its own deck's, or the whole deck for an assignment
	 * that names none. Looked up by the library entry it was given from, so an administrator's edit of
	 * its title or text keeps its deck.
	 */
	public List<Card> offeredFor(GivenAssignments.Given given) {
		Optional<Kind> kind = assignments.libraryKey(given.assignmentId()).map(decks::get);
		return kind.map(k -> deck.stream().filter(card -> card.kind() == k).toList()).orElse(deck);
	}
}

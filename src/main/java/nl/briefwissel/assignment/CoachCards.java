package nl.briefwissel.assignment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The deck of coach cards: values and qualities, in Dutch and English
 * ({@code assignments/coach-cards.txt}). A participant lays a top five as the answer to a
 * coach-cards assignment, from the deck that assignment names ("Jouw top vijf waarden" lays values only):
 * the shipped file names it for the shipped ones, the library's form for the others; an own one made
 * before a deck could be chosen lays from the whole deck (decision 0065 and its note of session 37). The
 * deck is the one named when the assignment was given, kept with it (decision 0080).
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

	CoachCards() {
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
	 * The cards this given assignment is laid from: its own deck's, or the whole deck for one given with
	 * none. The deck kept when it was given, not the library's now: a coach who changes the deck, the type,
	 * or archives the library's assignment afterwards does not change what the participant was asked to lay
	 * (decision 0080).
	 */
	public List<Card> offeredFor(GivenAssignments.Given given) {
		return given.deck() == null ? deck : deck.stream().filter(card -> card.kind() == given.deck()).toList();
	}
}

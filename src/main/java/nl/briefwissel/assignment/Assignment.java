package nl.briefwissel.assignment;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An assignment: a title, instructions in Markdown, its type, the themes it suits, about how long
 * it takes and its language. {@code ownerId} is null for the shared library. {@code deck} is the deck
 * of coach cards a coach-cards assignment is laid from; null for the whole deck (an own one made before
 * a deck could be chosen) and for every other type.
 */
public record Assignment(UUID id, UUID ownerId, String title, String instructions, AssignmentType type,
		List<String> themes, int minutes, Locale language, boolean archived, CoachCards.Kind deck) {

	public Assignment {
		themes = themes == null ? List.of() : List.copyOf(themes);
		deck = type == AssignmentType.COACH_CARDS ? deck : null;
	}

	/** An assignment that names no deck. */
	public Assignment(UUID id, UUID ownerId, String title, String instructions, AssignmentType type, List<String> themes,
			int minutes, Locale language, boolean archived) {
		this(id, ownerId, title, instructions, type, themes, minutes, language, archived, null);
	}

	/** A coach-cards assignment that names no deck: it offers the whole deck, and its form asks to choose one. */
	public boolean laidFromTheWholeDeck() {
		return type == AssignmentType.COACH_CARDS && deck == null;
	}

	public boolean shared() {
		return ownerId == null;
	}

	/** The assignment as it stands in a letter: readable as plain text, and as paragraphs in HTML mail. */
	public String asLetterText(String heading, String estimate) {
		return heading + ": " + title + "\n\n" + plain(instructions.strip()) + "\n\n" + estimate;
	}

	/**
	 * Markdown read as a letter: heading marks and emphasis marks dropped, a link as its text with the
	 * address behind it.
	 */
	static String plain(String markdown) {
		return markdown.replaceAll("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)[ \\t]*#*[ \\t]*$", "$1")
			.replaceAll("\\*\\*(.+?)\\*\\*", "$1")
			.replaceAll("__(.+?)__", "$1")
			.replaceAll("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)", "$1 ($2)");
	}
}

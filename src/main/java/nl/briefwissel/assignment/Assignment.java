package nl.briefwissel.assignment;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An assignment: a title, instructions in Markdown, its type, the themes it suits, about how long
 * it takes and its language. {@code ownerId} is null for the shared library.
 */
public record Assignment(UUID id, UUID ownerId, String title, String instructions, AssignmentType type,
		List<String> themes, int minutes, Locale language, boolean archived) {

	public Assignment {
		themes = themes == null ? List.of() : List.copyOf(themes);
	}

	public boolean shared() {
		return ownerId == null;
	}

	/** The assignment as it stands in a letter: readable as plain text, and as paragraphs in HTML mail. */
	public String asLetterText(String heading, String estimate) {
		return heading + ": " + title + "\n\n" + instructions.strip() + "\n\n" + estimate;
	}
}

package nl.briefwissel;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a letter carries the text of the assignment it gives (its heading line, its instructions and its estimate,
 * as {@code Assignment.asLetterText} writes them): those words are the assignment's, not the coach's, and its
 * worksheet is the participant's to fill in. One reading for sending, which holds a letter for brackets (decision
 * 0114), and the writing help, which names the same brackets and makes no remarks on the assignment's words: the
 * help took the text out only where it stood word for word, so a coach who changed one word of the heading had the
 * worksheet's questions and brackets marked, and sending held something else than the help named. In the root
 * package, as {@link BracketedPlaceholders}: {@code conversation} depends on {@code writing}.
 */
public final class AssignmentInLetter {

	private AssignmentInLetter() {
	}

	/**
	 * Whether the letter holds the assignment's text: by its heading line (the coach may have changed the
	 * instructions since, and it must not come in twice), or by its instructions as they came in, under a heading
	 * the coach reworded. Line breaks and spaces are not compared: the browser sends a line break as two
	 * characters, and a coach may wrap a line.
	 */
	public static boolean carried(String letter, String assignmentText) {
		String heading = assignmentText.lines().findFirst().orElse("").strip();
		if (letter.lines().anyMatch(line -> line.strip().equals(heading))) {
			return true;
		}
		String instructions = words(instructionsOf(assignmentText));
		return !instructions.isEmpty() && words(letter).contains(instructions);
	}

	/**
	 * The letter (line breaks as LF) with the assignment's text turned into spaces, once, where the coach left it:
	 * whole, or else its heading line, its instructions (word for word, whatever the line breaks) and the line on how
	 * long it takes, each where it stands. Instructions the coach changed a word of are taken out by their paragraphs
	 * under the heading, each one left as it was: the changed one is the coach's to be read. Each place stays where it
	 * was, so what is found in the rest is marked where it stands. Once, not wherever its words stand: leaving out
	 * every bracket the worksheet held let the coach's own "Beste [naam]" go beside a worksheet's "Naam: [naam]".
	 * Without an assignment the letter comes back as it is.
	 */
	public static String blanked(String letter, String assignmentText) {
		String typed = letter == null ? "" : letter.replace("\r\n", "\n");
		String block = assignmentText == null ? "" : assignmentText.replace("\r\n", "\n").strip();
		if (block.isEmpty()) {
			return typed;
		}
		StringBuilder blanked = new StringBuilder(typed);
		int whole = typed.indexOf(block);
		if (whole >= 0) {
			blank(blanked, whole, whole + block.length());
			return blanked.toString();
		}
		int afterHeading = blankHeading(blanked, block.lines().findFirst().orElse("").strip());
		String instructions = instructionsOf(block).strip();
		int afterInstructions = afterHeading;
		if (!instructions.isEmpty()) {
			int found = blankOnce(blanked, instructions, 0, false);
			if (found >= 0) {
				afterInstructions = found;
			}
			else if (afterHeading >= 0) {
				afterInstructions = blankAsLeft(blanked, instructions, afterHeading);
			}
		}
		int estimate = block.lastIndexOf("\n\n");
		if (estimate > 0 && !instructions.isEmpty()) {
			blankOnce(blanked, block.substring(estimate + 2), Math.max(afterInstructions, 0), false);
		}
		return blanked.toString();
	}

	/** The first line that is the heading blanked, and where it ends; -1 if the coach changed or left it out. */
	private static int blankHeading(StringBuilder text, String heading) {
		if (heading.isEmpty()) {
			return -1;
		}
		int lineStart = 0;
		for (String line : text.toString().split("\n", -1)) {
			if (line.strip().equals(heading)) {
				blank(text, lineStart, lineStart + line.length());
				return lineStart + line.length();
			}
			lineStart += line.length() + 1;
		}
		return -1;
	}

	/**
	 * The instructions' paragraphs the coach left as they were, in their order after the heading, blanked; of one the
	 * coach changed, its lines left as they were: the line with the changed word stays, the coach's own. Each at the
	 * start of a line, as the letter carries it, so a short line of the worksheet is not found inside another. Returns
	 * where the last one found ends.
	 */
	private static int blankAsLeft(StringBuilder text, String instructions, int afterHeading) {
		int after = afterHeading;
		for (String paragraph : instructions.split("\n\\s*\n")) {
			int end = blankOnce(text, paragraph, after, true);
			if (end >= 0) {
				after = end;
				continue;
			}
			for (String line : paragraph.split("\n")) {
				int lineEnd = blankOnce(text, line, after, true);
				after = lineEnd >= 0 ? lineEnd : after;
			}
		}
		return after;
	}

	/**
	 * The first place from {@code from} where the passage stands in any wrapping blanked, at the start of a line if
	 * asked, and where it ends; or -1.
	 */
	private static int blankOnce(StringBuilder text, String passage, int from, boolean atLineStart) {
		if (passage.isBlank()) {
			return -1;
		}
		Pattern wrapped = inAnyWrapping(passage.strip());
		Matcher found = (atLineStart ? Pattern.compile("(?m)^[ \\t]*" + wrapped.pattern()) : wrapped).matcher(text);
		if (!found.find(from)) {
			return -1;
		}
		blank(text, found.start(), found.end());
		return found.end();
	}

	/** The assignment's instructions in its letter text: between its heading and its estimate, blank lines around. */
	private static String instructionsOf(String assignmentText) {
		int from = assignmentText.indexOf("\n\n");
		int to = assignmentText.lastIndexOf("\n\n");
		return from < 0 || to <= from ? "" : assignmentText.substring(from + 2, to);
	}

	/** The words in order, with any spaces and line breaks between them, as a coach who wrapped a line wrote them. */
	private static Pattern inAnyWrapping(String text) {
		return Pattern.compile(Arrays.stream(text.split("\\s+")).map(Pattern::quote).collect(Collectors.joining("\\s+")));
	}

	private static void blank(StringBuilder text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (text.charAt(i) != '\n') {
				text.setCharAt(i, ' ');
			}
		}
	}

	private static String words(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}
}

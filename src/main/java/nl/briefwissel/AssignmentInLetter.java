package nl.briefwissel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	/** What a coach may add to a worksheet beyond a tenth of its length, about a line: see {@link #reach}. */
	private static final int ADDED = 80;

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
	 * Only within the worksheet's reach, never in the coach's letter after it: a worksheet line the coach changed was
	 * looked for to the letter's end and found in the coach's own sign-off, whose [naam] then went unwarned. Without
	 * its heading and its instructions the letter carries nothing of the assignment: a sentence like its estimate is
	 * the coach's. Without an assignment the letter comes back as it is.
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
		String headingLine = block.lines().findFirst().orElse("");
		int afterHeading = blankHeading(blanked, headingLine.strip());
		String instructions = instructionsOf(block).strip();
		if (instructions.isEmpty()) {
			return blanked.toString();
		}
		int estimateAt = block.lastIndexOf("\n\n");
		String estimate = block.substring(estimateAt + 2);
		Span found = blankOnce(blanked, instructions, 0, blanked.length());
		if (found != null) {
			blankOnce(blanked, estimate, found.end(), reach(blanked, found.end(), block.length() - estimateAt));
		}
		else if (afterHeading >= 0) {
			// The estimate first, where the worksheet reaches: it closes the worksheet, and the lines of a paragraph
			// the coach changed are looked for before it only.
			int below = block.length() - headingLine.length();
			Span closing = blankOnce(blanked, estimate, afterHeading, reach(blanked, afterHeading, below));
			// Without it, as far as the worksheet reached without it: the coach deleted or changed it, and the
			// letter after that is the coach's.
			int worksheetEnd = closing != null ? closing.start()
					: reach(blanked, afterHeading, estimateAt - headingLine.length());
			blankAsLeft(blanked, instructions, afterHeading, worksheetEnd);
		}
		return blanked.toString();
	}

	/**
	 * Where a stretch of the assignment {@code length} characters long, from {@code from} in the letter, can end: its
	 * length, a tenth more and a line of {@value #ADDED} characters, for the words a coach who changed a few added
	 * (a short worksheet with a date added to one line ran past its length and a tenth); not the rest of a long
	 * letter. Its words cut off there are the coach's, a warning too many rather than a bracket sent unwarned.
	 */
	private static int reach(CharSequence text, int from, int length) {
		return (int) Math.min(text.length(), (long) from + length + length / 10 + ADDED);
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
	 * The instructions' paragraphs the coach left as they were, in their order between the heading and the worksheet's
	 * end, blanked; of one the coach changed, its lines left as they were: the line with the changed word stays, the
	 * coach's own. Each as whole lines, as the letter carries it, so a short line of the worksheet is not found inside
	 * another, nor at the start of one the coach wrote on. A changed paragraph's lines are looked for between the
	 * paragraphs found around it only: further on, a line the coach changed was found in a later paragraph of the
	 * same words.
	 */
	private static void blankAsLeft(StringBuilder text, String instructions, int afterHeading, int worksheetEnd) {
		Lines lines = new Lines(text, afterHeading, worksheetEnd);
		String[] paragraphs = instructions.split("\n\\s*\n");
		Span[] left = new Span[paragraphs.length];
		int after = afterHeading;
		for (int i = 0; i < paragraphs.length; i++) {
			left[i] = lines.blank(paragraphs[i], after, worksheetEnd);
			after = left[i] != null ? left[i].end() : after;
		}
		after = afterHeading;
		for (int i = 0; i < paragraphs.length; i++) {
			if (left[i] != null) {
				after = left[i].end();
				continue;
			}
			int before = worksheetEnd;
			for (int next = i + 1; next < paragraphs.length; next++) {
				if (left[next] != null) {
					before = left[next].start();
					break;
				}
			}
			for (String line : paragraphs[i].split("\n")) {
				Span found = lines.blank(line, after, before);
				after = found != null ? found.end() : after;
			}
		}
	}

	/**
	 * The first place between {@code from} and {@code to} where the passage stands in any wrapping blanked; or null.
	 */
	private static Span blankOnce(StringBuilder text, String passage, int from, int to) {
		if (passage.isBlank() || from >= to) {
			return null;
		}
		Matcher found = inAnyWrapping(passage.strip()).matcher(text).region(from, to);
		if (!found.find()) {
			return null;
		}
		blank(text, found.start(), found.end());
		return new Span(found.start(), found.end());
	}

	/**
	 * The lines of the worksheet's stretch of the letter by their words. A passage of it, as whole lines, starts at a
	 * line whose words begin the passage's: it is looked for there only, not through the stretch once for each of
	 * its lines. A worksheet of hundreds of lines, all changed, was so read once for each at every pause in typing.
	 */
	private static final class Lines {

		private final StringBuilder text;

		/** Where lines with these words start, in order. */
		private final Map<String, List<Integer>> starts = new HashMap<>();

		/** The words of the longest line: no passage's words longer than these begin at a line. */
		private int longest;

		Lines(StringBuilder text, int from, int to) {
			this.text = text;
			int start = from;
			if (start > 0 && text.charAt(start - 1) != '\n') {
				int lineEnd = text.indexOf("\n", start);
				start = lineEnd < 0 ? to : lineEnd + 1;
			}
			while (start < to) {
				int lineEnd = text.indexOf("\n", start);
				int end = lineEnd < 0 ? text.length() : lineEnd;
				String words = words(text.substring(start, end));
				if (!words.isEmpty()) {
					starts.computeIfAbsent(words, found -> new ArrayList<>()).add(start);
					longest = Math.max(longest, words.length());
				}
				start = end + 1;
			}
		}

		/**
		 * The first place between {@code from} and {@code to} where the passage stands as whole lines, in any
		 * wrapping, blanked; or null. Only at a line whose words begin the passage's, which its first line's do.
		 */
		Span blank(String passage, int from, int to) {
			String words = words(passage);
			if (words.isEmpty() || from >= to) {
				return null;
			}
			Matcher whole = null;
			Span first = null;
			for (int space = words.indexOf(' '); ; space = words.indexOf(' ', space + 1)) {
				int end = space < 0 ? words.length() : space;
				if (end > longest) {
					break;
				}
				List<Integer> at = starts.getOrDefault(words.substring(0, end), List.of());
				for (int i = firstFrom(at, from); i < at.size() && at.get(i) < (first == null ? to : first.start()); i++) {
					whole = whole != null ? whole : wholeLines(passage).matcher(text);
					// The region's end is no line's end: a line cut off there is not a whole line.
					whole.region(at.get(i), to).useAnchoringBounds(false);
					if (whole.lookingAt()) {
						first = new Span(whole.start(), whole.end());
						break;
					}
				}
				if (space < 0) {
					break;
				}
			}
			if (first != null) {
				AssignmentInLetter.blank(text, first.start(), first.end());
			}
			return first;
		}

		private static int firstFrom(List<Integer> starts, int from) {
			int found = Collections.binarySearch(starts, from);
			return found >= 0 ? found : -found - 1;
		}

		private static Pattern wholeLines(String passage) {
			return Pattern.compile("(?m)^[ \\t]*" + inAnyWrapping(passage.strip()).pattern() + "[ \\t]*$");
		}
	}

	/** Where a passage stands in the letter: from {@code start} up to, not including, {@code end}. */
	private record Span(int start, int end) {
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

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

	/**
	 * The most steps of one matching of passages to lines in order (in {@code align}): its tables, about 4 MB, and the
	 * places found. Beyond it no table is built and only what stands once is taken out (see {@code Lines.onlyOnce}):
	 * a reading that cannot be done in order is not guessed at.
	 */
	static final long MOST_STEPS = 1_000_000;

	private AssignmentInLetter() {
	}

	/**
	 * Whether the letter holds the assignment's text: whatever of it {@link #blanked} finds, by its heading line (the
	 * coach may have changed the instructions since, and it must not come in twice), by its instructions as they came
	 * in under a heading the coach reworded, or by most of its instructions as they were under a heading and
	 * instructions both changed. One reading with the warning: a worksheet it takes out is never said to be left out
	 * of the letter (refused at sending) or added a second time when the letter is opened again.
	 */
	public static boolean carried(String letter, String assignmentText) {
		String typed = letter == null ? "" : letter.replace("\r\n", "\n");
		return !blanked(typed, assignmentText).equals(typed);
	}

	/**
	 * The letter (line breaks as LF) without what {@link #blanked} finds of the assignment's text: the coach took the
	 * assignment out, or chose another. Whole lines of it leave with the blank lines around them (one blank line stays
	 * between the coach's paragraphs before and after it); a line the coach changed is the coach's own and stays, as
	 * it is read for brackets. Was the whole text word for word only: a slightly edited worksheet stayed in the letter
	 * while sending and the check took it for the assignment's.
	 */
	public static String without(String letter, String assignmentText) {
		String typed = letter == null ? "" : letter.replace("\r\n", "\n");
		String blanked = blanked(typed, assignmentText);
		if (blanked.equals(typed)) {
			return letter == null ? "" : letter;
		}
		String[] lines = typed.split("\n", -1);
		String[] left = blanked.split("\n", -1);
		// Each line as it stays, or null where the assignment's line was.
		List<String> kept = new ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].equals(left[i])) {
				kept.add(lines[i]);
			}
			else if (left[i].isBlank()) {
				kept.add(null);
			}
			else {
				String own = own(lines[i], left[i]);
				kept.add(own.isEmpty() ? null : own);
			}
		}
		List<String> out = new ArrayList<>();
		int i = 0;
		while (i < kept.size()) {
			String line = kept.get(i);
			if (line != null && !line.isBlank()) {
				out.add(line);
				i++;
				continue;
			}
			int first = i;
			boolean taken = false;
			while (i < kept.size() && (kept.get(i) == null || kept.get(i).isBlank())) {
				taken |= kept.get(i) == null;
				i++;
			}
			if (!taken) {
				out.addAll(kept.subList(first, i));
			}
			else if (first > 0 && i < kept.size()) {
				out.add("");
			}
		}
		return String.join("\n", out);
	}

	/**
	 * What of a line partly blanked is the coach's: its characters left, without the spaces of what was blanked and
	 * those around it; one space between the coach's words before and after. The blanked words' spaces were kept
	 * (six spaces before Tot dinsdag). Empty if nothing is left.
	 */
	private static String own(String line, String left) {
		StringBuilder own = new StringBuilder();
		boolean cut = false;
		for (int c = 0; c < line.length(); c++) {
			char kept = line.charAt(c);
			if (kept != left.charAt(c)) {
				cut = true;
			}
			else if (!cut || !Character.isWhitespace(kept)) {
				if (cut) {
					// Spaces before the blanked stretch stood between the coach's words, or before none of them.
					String before = own.toString().stripTrailing();
					own.setLength(0);
					own.append(before.isEmpty() ? "" : before + " ");
					cut = false;
				}
				own.append(kept);
			}
		}
		return own.toString().isBlank() ? "" : own.toString().stripTrailing();
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
	 * its heading and its instructions whole, at least half of the instructions as they were, within the worksheet's
	 * reach, still carry it ({@link #anchored}); less is the coach's own, and a sentence like its estimate alone is the
	 * coach's. Without an assignment the letter comes back as it is.
	 */
	public static String blanked(String letter, String assignmentText) {
		return read(letter, assignmentText, MOST_STEPS).blanked();
	}

	/**
	 * What {@link #blanked} reads, and what it cost: {@code steps}, the most one matching in order took (its tables and
	 * the places found), and whether one was {@code capped}, a table left unbuilt for {@code mostSteps}. A test holds
	 * the reading to its cap by this, with the cap it gives, instead of a counter kept beside the code.
	 */
	record Reading(String blanked, long steps, boolean capped) {
	}

	/** {@link #blanked}, each matching in order held to {@code mostSteps}. */
	static Reading read(String letter, String assignmentText, long mostSteps) {
		String typed = letter == null ? "" : letter.replace("\r\n", "\n");
		String block = assignmentText == null ? "" : assignmentText.replace("\r\n", "\n").strip();
		Steps steps = new Steps(mostSteps);
		if (block.isEmpty()) {
			return steps.reading(typed);
		}
		StringBuilder blanked = new StringBuilder(typed);
		int whole = typed.indexOf(block);
		if (whole >= 0) {
			blank(blanked, whole, whole + block.length());
			return steps.reading(blanked.toString());
		}
		String headingLine = block.lines().findFirst().orElse("");
		int afterHeading = blankHeading(blanked, headingLine.strip());
		String instructions = instructionsOf(block).strip();
		if (instructions.isEmpty()) {
			return steps.reading(blanked.toString());
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
			blankAsLeft(blanked, instructions, afterHeading, worksheetEnd, -1, steps);
		}
		else {
			anchored(blanked, instructions, estimate, steps);
		}
		return steps.reading(blanked.toString());
	}

	/**
	 * The steps of one reading's matchings in order, each held to the cap on its own (as {@link #MOST_STEPS} says):
	 * the most one took, and whether one was left unbuilt.
	 */
	private static final class Steps {

		private final long most;

		private long largest;

		private boolean capped;

		Steps(long most) {
			this.most = most;
		}

		/** A matching's count, from nothing. */
		Matching matching() {
			return new Matching();
		}

		Reading reading(String blanked) {
			return new Reading(blanked, largest, capped);
		}

		final class Matching {

			private long used;

			/** Whether {@code more} steps stay within the cap; if not, the reading says it was capped. */
			boolean allow(long more) {
				boolean within = used + more <= most;
				capped |= !within;
				return within;
			}

			void take(long more) {
				used += more;
				largest = Math.max(largest, used);
			}
		}
	}

	/** How many places a paragraph or line left as it was is tried as the worksheet's anchor: see {@link #anchored}. */
	private static final int ANCHORS = 3;

	/**
	 * The heading and the instructions both changed: the worksheet is still the assignment's where at least half of
	 * its instructions' words stand in the letter as they were, as whole lines, within its reach. A coach who reworded
	 * both was warned about every bracket of the worksheet. Anchored where a paragraph or line of it stands as it was,
	 * the longest first: the worksheet stands around it, from as far before as the instructions before it reach to as
	 * far after as the rest does. Less than half is the coach's own letter quoting a few of its lines, and a sentence
	 * like its estimate alone is the coach's. At most {@value #ANCHORS} places are tried: a letter that quotes one line
	 * of it many times costs no more.
	 */
	private static void anchored(StringBuilder text, String instructions, String estimate, Steps steps) {
		String[] paragraphs = paragraphs(instructions);
		List<String> anchors = new ArrayList<>();
		List<Integer> offsets = new ArrayList<>();
		int total = 0;
		int offset = 0;
		for (String paragraph : paragraphs) {
			offset = instructions.indexOf(paragraph, offset);
			total += words(paragraph).length();
			anchors.add(words(paragraph));
			offsets.add(offset);
			int lineOffset = offset;
			for (String line : paragraph.split("\n")) {
				lineOffset = instructions.indexOf(line, lineOffset);
				if (!words(line).isEmpty() && !words(line).equals(words(paragraph))) {
					anchors.add(words(line));
					offsets.add(lineOffset);
				}
			}
		}
		Integer[] order = new Integer[anchors.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> anchors.get(b).length() - anchors.get(a).length());
		Lines letter = new Lines(text, 0, text.length());
		int tried = 0;
		for (int anchor : order) {
			for (int[] found : letter.occurrences(anchors.get(anchor), 0, letter.count())) {
				if (tried++ == ANCHORS) {
					return;
				}
				int at = letter.start(found[0]);
				int before = offsets.get(anchor);
				int from = Math.max(0, at - before - before / 10 - ADDED);
				StringBuilder trial = new StringBuilder(text);
				Left left = blankAsLeft(trial, instructions, from, reach(text, at, instructions.length() - before), at, steps);
				if (2L * left.words() >= total) {
					text.replace(0, text.length(), trial.toString());
					blankOnce(text, estimate, left.end(), reach(text, left.end(), estimate.length()));
					return;
				}
			}
		}
	}

	/** The instructions' paragraphs, as the blank lines between them part them. */
	private static String[] paragraphs(String instructions) {
		return instructions.split("\n\\s*\n");
	}

	/** How much of the instructions was found as it was (the length of its words) and where the last of it ends. */
	private record Left(int words, int end) {
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
	 * The instructions as they were, between {@code from} and the worksheet's end, blanked: each paragraph whole, in any
	 * wrapping, or else those of its lines the coach left as they were; the line with the changed word stays, the
	 * coach's own. Each as whole lines, as the letter carries it, so a short line of the worksheet is not found inside
	 * another, nor at the start of one the coach wrote on. Paragraphs and lines are matched in order in one pass, as
	 * much of them as can be, not each at the first place it stands: a worksheet with the same paragraph twice, the
	 * first changed, had the changed one found whole where the second stood and its own lines looked for after it only,
	 * so they were warned about; matching whole paragraphs first and their lines after left the lines uncounted. Before
	 * {@code nearest} (an offset of the letter, or -1) and before the first paragraph found whole, of two places that
	 * serve as well the one nearest to it: the worksheet is looked for from a little before where it starts, and a line
	 * the coach's introduction shares with it is the coach's.
	 */
	private static Left blankAsLeft(StringBuilder text, String instructions, int from, int worksheetEnd, int nearest,
			Steps steps) {
		Lines lines = new Lines(text, from, worksheetEnd);
		List<Passage> passages = new ArrayList<>();
		int units = 0;
		for (String paragraph : paragraphs(instructions)) {
			int first = units;
			for (String line : paragraph.split("\n")) {
				if (!words(line).isEmpty()) {
					passages.add(new Passage(words(line), units++, 1));
				}
			}
			if (units - first > 1) {
				passages.add(new Passage(words(paragraph), first, units - first));
			}
		}
		int[][] placed = lines.align(passages, units, nearest < 0 ? -1 : lines.lineAt(nearest), steps.matching());
		int found = 0;
		int end = from;
		for (int p = 0; p < placed.length; p++) {
			if (placed[p] != null) {
				found += passages.get(p).words().length();
				end = Math.max(end, lines.blank(placed[p]));
			}
		}
		return new Left(found, end);
	}

	/**
	 * A passage of the instructions to find: a line, or a paragraph whole, as its words; {@code count} of the
	 * instructions' lines from line {@code first}, which it stands for.
	 */
	private record Passage(String words, int first, int count) {
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

		private final List<Integer> starts = new ArrayList<>();

		private final List<Integer> ends = new ArrayList<>();

		/** Each line's words, empty for a blank line. */
		private final List<String> words = new ArrayList<>();

		/** The lines with these words, in order. */
		private final Map<String, List<Integer>> byWords = new HashMap<>();

		/** The words of the longest line: no passage's words longer than these begin at a line. */
		private int longest;

		/** The whole lines between {@code from} and {@code to}: one cut off at either end is not a whole line. */
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
				if (end > to) {
					break;
				}
				String lineWords = words(text.substring(start, end));
				if (!lineWords.isEmpty()) {
					byWords.computeIfAbsent(lineWords, found -> new ArrayList<>()).add(words.size());
					longest = Math.max(longest, lineWords.length());
				}
				starts.add(start);
				ends.add(end);
				words.add(lineWords);
				start = end + 1;
			}
		}

		int count() {
			return words.size();
		}

		int start(int line) {
			return starts.get(line);
		}

		/** The lines of a place found ({@code line}, {@code count}) blanked; where they end. */
		int blank(int[] place) {
			int end = ends.get(place[0] + place[1] - 1);
			AssignmentInLetter.blank(text, starts.get(place[0]), end);
			return end;
		}

		/**
		 * Every place from line {@code from} up to line {@code to} where the passage's words stand as whole lines, in
		 * any wrapping, as ({@code line}, {@code count}), in order. Only at a line whose words begin the passage's.
		 */
		List<int[]> occurrences(String passage, int from, int to) {
			List<int[]> found = new ArrayList<>();
			if (passage.isEmpty() || from >= to) {
				return found;
			}
			for (int space = passage.indexOf(' '); ; space = passage.indexOf(' ', space + 1)) {
				int end = space < 0 ? passage.length() : space;
				if (end > longest) {
					break;
				}
				List<Integer> at = byWords.getOrDefault(passage.substring(0, end), List.of());
				for (int i = firstFrom(at, from); i < at.size() && at.get(i) < to; i++) {
					int count = wholeFrom(passage, end, at.get(i), to);
					if (count > 0) {
						found.add(new int[] { at.get(i), count });
					}
				}
				if (space < 0) {
					break;
				}
			}
			found.sort((a, b) -> a[0] - b[0]);
			return found;
		}

		/**
		 * How many lines from {@code line} hold the passage, the first the passage's words up to {@code end}, blank
		 * lines between them as a wrapping may leave; 0 if they do not.
		 */
		private int wholeFrom(String passage, int end, int line, int to) {
			int next = line + 1;
			for (int at = end; at < passage.length(); next++) {
				while (next < to && words.get(next).isEmpty()) {
					next++;
				}
				if (next >= to) {
					return 0;
				}
				String lineWords = words.get(next);
				int after = at + 1 + lineWords.length();
				if (after > passage.length() || !passage.startsWith(lineWords, at + 1)
						|| after < passage.length() && passage.charAt(after) != ' ') {
					return 0;
				}
				at = after;
			}
			return next - line;
		}

		/** The first line that starts at or after an offset of the letter; {@link #count} if none does. */
		int lineAt(int offset) {
			return firstFrom(starts, offset);
		}

		/**
		 * Where each passage stands, in their order, as much of them as can be (by the length of their words): a
		 * passage of {@code count} instruction lines from {@code first} takes those lines, so a paragraph found whole
		 * and its lines are never both found. ({@code line}, {@code count}) for each passage, or null for one not found.
		 * Of two places that serve as well, the first: the one nearest where the worksheet starts; but before
		 * {@code nearest} (a line, or -1) and before the first paragraph found whole, the last: the one nearest to it.
		 * Both tables together are held to the cap of {@code steps}; past it, for the first table or only for the
		 * second, a passage keeps a place only where it has one place to be ({@link #onlyOnce}).
		 */
		int[][] align(List<Passage> passages, int units, int nearest, Steps.Matching steps) {
			int[][] chosen = new int[passages.size()][];
			// Instruction lines no passage found in the letter covers are left out of the table.
			List<List<int[]>> at = new ArrayList<>();
			boolean[] kept = new boolean[units];
			for (Passage passage : passages) {
				List<int[]> found = occurrences(passage.words(), 0, count());
				at.add(found);
				if (!found.isEmpty()) {
					Arrays.fill(kept, passage.first(), passage.first() + passage.count(), true);
				}
			}
			int[] index = new int[units + 1];
			for (int u = 0; u < units; u++) {
				index[u + 1] = index[u] + (kept[u] ? 1 : 0);
			}
			List<Option> options = new ArrayList<>();
			long places = 0;
			for (int p = 0; p < passages.size(); p++) {
				places += at.get(p).size();
				if (!at.get(p).isEmpty()) {
					options.add(new Option(p, index[passages.get(p).first()], passages.get(p).count(),
							passages.get(p).words().length(), at.get(p)));
				}
			}
			int width = count();
			if (options.isEmpty()) {
				return chosen;
			}
			steps.take(places);
			boolean capped = !steps.allow((long) (index[units] + 1) * (width + 1));
			int[][] place = capped ? onlyOnce(passages, options) : inOrder(options, index[units], width, steps);
			// Before the first paragraph found whole, or the line given, the place nearest to it.
			int pivot = nearest < 0 ? width : nearest;
			for (int o = 0; o < options.size(); o++) {
				if (place[o] != null && options.get(o).count() > 1) {
					pivot = Math.min(pivot, place[o][0]);
				}
			}
			int next = -1;
			for (int o = 0; o < options.size(); o++) {
				if (place[o] != null && place[o][0] >= pivot
						&& (next < 0 || options.get(o).first() < options.get(next).first())) {
					next = o;
				}
			}
			// The second table counts against the cap with the first. Past it the places before are not guessed at:
			// only what stands once keeps its place, as past the cap for the first (session 47).
			if (next >= 0 && !capped) {
				int before = options.get(next).first();
				if (steps.allow((long) (before + 1) * (place[next][0] + 1))) {
					nearest(options, place, before, place[next][0], steps);
				}
				else {
					Map<String, Integer> written = written(passages);
					for (int o = 0; o < options.size(); o++) {
						if (options.get(o).first() + options.get(o).count() <= before && !once(options.get(o), passages, written)) {
							place[o] = null;
						}
					}
				}
			}
			for (int o = 0; o < options.size(); o++) {
				chosen[options.get(o).passage()] = place[o];
			}
			return chosen;
		}

		/**
		 * The options over instruction lines before {@code units} placed again in the letter's lines before
		 * {@code lines}, as much as before, each as late as serves: read backwards, the first.
		 */
		private static void nearest(List<Option> options, int[][] place, int units, int lines, Steps.Matching steps) {
			List<Option> mirrored = new ArrayList<>();
			List<Integer> of = new ArrayList<>();
			for (int o = 0; o < options.size(); o++) {
				Option option = options.get(o);
				if (option.first() + option.count() > units) {
					continue;
				}
				place[o] = null;
				List<int[]> places = new ArrayList<>();
				for (int[] found : option.places()) {
					if (found[0] + found[1] <= lines) {
						places.add(new int[] { lines - found[0] - found[1], found[1] });
					}
				}
				if (!places.isEmpty()) {
					places.sort((a, b) -> a[0] - b[0]);
					mirrored.add(new Option(o, units - option.first() - option.count(), option.count(), option.weight(),
							places));
					of.add(o);
				}
			}
			if (mirrored.isEmpty()) {
				return;
			}
			int[][] back = inOrder(mirrored, units, lines, steps);
			for (int m = 0; m < mirrored.size(); m++) {
				if (back[m] != null) {
					place[of.get(m)] = new int[] { lines - back[m][0] - back[m][1], back[m][1] };
				}
			}
		}

		/**
		 * The options placed in order so that as much as can be is found ({@code units} instruction lines, {@code width}
		 * letter lines); of two places that serve as well, the first.
		 */
		private static int[][] inOrder(List<Option> options, int units, int width, Steps.Matching steps) {
			steps.take((long) (units + 1) * (width + 1));
			// Each instruction line's options, by where they stand; at one line, a paragraph before its first line.
			List<List<int[]>> starting = new ArrayList<>();
			for (int k = 0; k < units; k++) {
				starting.add(new ArrayList<>());
			}
			for (int o = 0; o < options.size(); o++) {
				for (int[] found : options.get(o).places()) {
					starting.get(options.get(o).first()).add(new int[] { found[0], found[1], o });
				}
			}
			for (List<int[]> entries : starting) {
				entries.sort((a, b) -> a[0] != b[0] ? a[0] - b[0] : options.get(b[2]).count() - options.get(a[2]).count());
			}
			// best[k][i]: the most of instruction lines k and on that letter lines i and on can hold, in order.
			int[][] best = new int[units + 1][width + 1];
			for (int k = units - 1; k >= 0; k--) {
				List<int[]> entries = starting.get(k);
				int q = entries.size() - 1;
				for (int i = width - 1; i >= 0; i--) {
					int most = Math.max(best[k + 1][i], best[k][i + 1]);
					while (q >= 0 && entries.get(q)[0] > i) {
						q--;
					}
					for (int r = q; r >= 0 && entries.get(r)[0] == i; r--) {
						Option option = options.get(entries.get(r)[2]);
						most = Math.max(most, option.weight() + best[k + option.count()][i + entries.get(r)[1]]);
					}
					best[k][i] = most;
				}
			}
			int[][] place = new int[options.size()][];
			int k = 0;
			int i = 0;
			while (k < units && i < width) {
				int[] taken = null;
				for (int[] entry : starting.get(k)) {
					Option option = options.get(entry[2]);
					if (entry[0] == i && option.weight() + best[k + option.count()][i + entry[1]] == best[k][i]) {
						taken = entry;
						break;
					}
				}
				if (taken != null) {
					place[taken[2]] = new int[] { taken[0], taken[1] };
					k += options.get(taken[2]).count();
					i += taken[1];
				}
				else if (best[k][i + 1] == best[k][i]) {
					i++;
				}
				else {
					k++;
				}
			}
			return place;
		}

		/**
		 * Beyond the most steps, without a table: only what cannot be placed in the wrong place, each passage whose words
		 * the instructions hold once and the worksheet's stretch of the letter holds once, where it stands after the one
		 * before, a paragraph before its lines. Each passage was taken where it first stood after the one before: a
		 * changed copy of a paragraph that stands twice was recognised where the other stood, and a line or paragraph of
		 * the coach's own introduction that the worksheet holds too was taken out as the worksheet's, and removed with it
		 * by "Opdracht niet meesturen". What stands twice is now left and read: a warning too many rather than the
		 * coach's words taken (decision 0114, session 47).
		 */
		private static int[][] onlyOnce(List<Passage> passages, List<Option> options) {
			Map<String, Integer> written = written(passages);
			int[][] place = new int[options.size()][];
			List<Integer> order = new ArrayList<>();
			for (int o = 0; o < options.size(); o++) {
				order.add(o);
			}
			order.sort((a, b) -> options.get(a).first() != options.get(b).first()
					? options.get(a).first() - options.get(b).first() : options.get(b).count() - options.get(a).count());
			int after = 0;
			int covered = 0;
			for (int o : order) {
				Option option = options.get(o);
				if (option.first() < covered || !once(option, passages, written)) {
					continue;
				}
				int[] found = option.places().get(0);
				if (found[0] >= after) {
					place[o] = found;
					after = found[0] + found[1];
					covered = option.first() + option.count();
				}
			}
			return place;
		}

		/** How often the instructions hold each passage's words. */
		private static Map<String, Integer> written(List<Passage> passages) {
			Map<String, Integer> written = new HashMap<>();
			for (Passage passage : passages) {
				written.merge(passage.words(), 1, Integer::sum);
			}
			return written;
		}

		/** A passage the instructions hold once, found once in the worksheet's stretch: it has one place to be. */
		private static boolean once(Option option, List<Passage> passages, Map<String, Integer> written) {
			return option.places().size() == 1 && written.get(passages.get(option.passage()).words()) == 1;
		}

		/**
		 * A passage found in the letter as the table reads it: its instruction lines ({@code count} from
		 * {@code first}, the lines not found left out), the length of its words and its places, in order.
		 */
		private record Option(int passage, int first, int count, int weight, List<int[]> places) {
		}

		private static int firstFrom(List<Integer> starts, int from) {
			int found = Collections.binarySearch(starts, from);
			return found >= 0 ? found : -found - 1;
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

	/**
	 * The words of a text, one space between them. Without a regular expression: every line of a long letter is read
	 * so when the heading is not in it.
	 */
	private static String words(String text) {
		StringBuilder words = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				space = words.length() > 0;
			}
			else {
				if (space) {
					words.append(' ');
					space = false;
				}
				words.append(c);
			}
		}
		return words.toString();
	}
}

package nl.briefwissel.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a participant typed into the coach's letter as their mail program quoted it. Outlook quotes
 * without marks, under a block of Van/Verzonden/Aan lines, so the trimmer cuts the letter and every
 * answer typed between its questions with it: the conversation showed only "my answers are below".
 * Knowing the letter the mail answers, the lines of the cut text that are not the letter's, between
 * its first and its last line, are the participant's; they are given back with the letter's lines
 * around them marked as quoted, as an answer between quoted lines is kept (see {@link QuoteTrimmer}).
 */
public final class InlineAnswers {

	private InlineAnswers() {
	}

	/**
	 * The letter's part with the answers typed into it, or empty when nothing was typed into it (the
	 * usual reply above the quote) or the cut text is not this letter.
	 *
	 * @param cut what the trimmer cut from the mail
	 * @param letter the coach's letter the mail answers, as it stands in the conversation
	 */
	public static Optional<String> within(String cut, String letter) {
		if (cut == null || cut.isBlank() || letter == null || letter.isBlank()) {
			return Optional.empty();
		}
		List<String> lines = cut.replace("\r\n", "\n").lines().toList();
		// Only the quoted history counts: what the trimmer cut before it (the participant's signature,
		// a footer) is theirs and no answer, and the header lines of the quote are nobody's words.
		int from = historyStart(lines);
		if (from < 0) {
			return Optional.empty();
		}
		while (from < lines.size() && (lines.get(from).isBlank() || header(lines.get(from)) != null
				|| attribution(lines.get(from)) || SEPARATOR.matcher(lines.get(from).strip()).matches())) {
			from++;
		}
		String body = " " + words(letter) + " ";
		java.util.Set<String> letterLines = new java.util.HashSet<>();
		letter.lines().map(InlineAnswers::words).filter(line -> !line.isEmpty()).forEach(letterLines::add);
		int first = -1;
		int last = -1;
		int position = 0;
		boolean[] letters = new boolean[lines.size()];
		for (int i = from; i < lines.size(); i++) {
			if (first >= 0 && historyStart(lines.subList(i, Math.min(lines.size(), i + 4))) == 0) {
				break; // an older mail quoted below this letter
			}
			String line = words(unquoted(lines.get(i)));
			if (line.isEmpty()) {
				continue;
			}
			// A line of the letter, however the mail program wrapped it: a run of its words that follows the
			// last one found, long enough not to be an answer that happens to be a word of it ("Ja").
			boolean longEnough = line.split(" ").length >= 3 || letterLines.contains(line);
			int at = longEnough ? body.indexOf(" " + line + " ", position) : -1;
			if (at >= 0) {
				letters[i] = true;
				position = at + line.length();
				first = first < 0 ? i : first;
				last = i;
			}
		}
		if (first < 0) {
			return Optional.empty();
		}
		List<String> block = new ArrayList<>();
		boolean answered = false;
		for (int i = first; i <= last; i++) {
			String line = unquoted(lines.get(i)).strip();
			if (line.isEmpty()) {
				if (!block.isEmpty() && !block.get(block.size() - 1).isEmpty()) {
					block.add("");
				}
			}
			else if (letters[i]) {
				block.add("> " + line);
			}
			else {
				block.add(line);
				answered = true;
			}
		}
		return answered ? Optional.of(String.join("\n", block).strip()) : Optional.empty();
	}

	private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("[_\\-=]{5,}.*|-+\\s*\\S.*\\S\\s*-+");

	/** Where the quoted mail begins: a block of header lines starting with its sender, or an attribution line. */
	private static int historyStart(List<String> lines) {
		for (int i = 0; i < lines.size(); i++) {
			if (attribution(lines.get(i))) {
				return i;
			}
			String key = header(lines.get(i));
			if (key != null && QuoteTrimmer.FROM_KEYS.contains(key) && i + 1 < lines.size() && header(lines.get(i + 1)) != null) {
				return i;
			}
		}
		return -1;
	}

	/** "Op 2 nov 2026 om 09:00 schreef Anja <noreply@…>:" and its kind: an address, ending in a colon. */
	private static boolean attribution(String line) {
		String stripped = unquoted(line);
		return stripped.endsWith(":") && stripped.indexOf('@') > 0;
	}

	/** The key of a header line of a quoted mail (the trimmer's: Van, From, Verzonden…), in lower case; null for another line. */
	private static String header(String line) {
		java.util.regex.Matcher header = QuoteTrimmer.HEADER_LINE.matcher(unquoted(line));
		return header.matches() ? header.group(1).toLowerCase(Locale.ROOT) : null;
	}

	private static String unquoted(String line) {
		return QuoteTrimmer.stripQuote(line.strip()).strip();
	}

	/** Lower case, one space between words: how a line is compared with the letter. */
	private static String words(String text) {
		return text.toLowerCase(Locale.ROOT).replace('\u00a0', ' ').strip().replaceAll("\\s+", " ");
	}
}

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
		String body = " " + words(letter) + " ";
		List<String> lines = cut.replace("\r\n", "\n").lines().toList();
		int first = -1;
		int last = -1;
		boolean[] letters = new boolean[lines.size()];
		for (int i = 0; i < lines.size(); i++) {
			String line = words(unquoted(lines.get(i)));
			// A line of the letter, however the mail program wrapped it: a run of its words.
			letters[i] = !line.isEmpty() && body.contains(" " + line + " ");
			if (letters[i]) {
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

	private static String unquoted(String line) {
		String stripped = line.strip();
		while (stripped.startsWith(">")) {
			stripped = stripped.substring(1).strip();
		}
		return stripped;
	}

	/** Lower case, one space between words: how a line is compared with the letter. */
	private static String words(String text) {
		return text.toLowerCase(Locale.ROOT).replace('\u00a0', ' ').strip().replaceAll("\\s+", " ");
	}
}

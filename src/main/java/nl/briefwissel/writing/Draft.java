package nl.briefwissel.writing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text split into sentences and words, with their positions, so every rule reads the same text. */
final class Draft {

	record Word(String text, String lower, int start, int end) {
	}

	record Sentence(int start, int end, List<Word> words, boolean question) {
	}

	private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?]+|\\n|$)");

	private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*|\\d+");

	final String text;

	final List<Sentence> sentences = new ArrayList<>();

	final List<Word> words = new ArrayList<>();

	Draft(String text) {
		this.text = text;
		Matcher sentence = SENTENCE.matcher(text);
		while (sentence.find()) {
			String value = sentence.group();
			if (value.isBlank()) {
				continue;
			}
			List<Word> inSentence = new ArrayList<>();
			Matcher word = WORD.matcher(value);
			while (word.find()) {
				Word found = new Word(word.group(), word.group().toLowerCase(Locale.ROOT), sentence.start() + word.start(),
						sentence.start() + word.end());
				inSentence.add(found);
			}
			if (inSentence.isEmpty()) {
				continue;
			}
			int start = sentence.start() + (value.length() - value.stripLeading().length());
			int end = sentence.start() + value.stripTrailing().length();
			sentences.add(new Sentence(start, end, inSentence, value.strip().endsWith("?")));
			words.addAll(inSentence);
		}
	}

	/** Every occurrence of a word or a phrase of several words, as whole words, ignoring case. */
	List<int[]> occurrences(String phrase) {
		List<int[]> found = new ArrayList<>();
		String[] parts = phrase.split("\\s+");
		for (int i = 0; i + parts.length <= words.size(); i++) {
			boolean match = true;
			for (int j = 0; j < parts.length && match; j++) {
				match = words.get(i + j).lower().equals(parts[j]);
			}
			if (match) {
				found.add(new int[] { words.get(i).start(), words.get(i + parts.length - 1).end() });
			}
		}
		return found;
	}
}

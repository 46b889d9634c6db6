package nl.briefwissel.writing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text split into sentences and words, with their positions, so every rule reads the same text. */
final class Draft {

	record Word(String text, String lower, int start, int end) {
	}

	record Sentence(int start, int end, List<Word> words, boolean question) {
	}

	/**
	 * Marks that ask: besides the question mark the interrobang and its kin (‽ ⁈ ⁉) and the full-width
	 * question mark (？) of an East Asian keyboard, each counted as no question before.
	 */
	private static final String ASKING = "?‽⁈⁉？";

	/** Marks that end a sentence. */
	private static final String ENDING = ".!" + ASKING;

	/**
	 * What a phrase of several words does not run across: the marks that end a sentence, the colon and
	 * semicolon that end a clause as firmly, dots for a sentence left open (…) and a line break.
	 */
	private static final String BOUNDARY = ENDING + ":;…\n\r";

	private static final Pattern SENTENCE = Pattern.compile("[^" + ENDING + "\\n]+(?:[" + ENDING + "]+|\\n|$)");

	/**
	 * Marks that close a quotation, straight and curly, Dutch and German low-high, and guillemets either way:
	 * a question mark right before one ends a question someone else asked.
	 */
	private static final String QUOTE_CLOSING = "\"'”’“‘»«›‹";

	private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*|\\d+");

	final String text;

	final List<Sentence> sentences = new ArrayList<>();

	final List<Word> words = new ArrayList<>();

	/**
	 * Where each word (in lower case) stands in {@link #words}. The rules look up some sixty words and
	 * phrases per check, and the check runs on every letter sent and while the coach types: walking
	 * all words for each of them was a third of the check.
	 */
	private final Map<String, List<Integer>> positions = new HashMap<>();

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
				String written = word.group();
				Word found = new Word(written, written.toLowerCase(Locale.ROOT), sentence.start() + word.start(),
						sentence.start() + word.end());
				inSentence.add(found);
			}
			if (inSentence.isEmpty()) {
				continue;
			}
			int start = sentence.start() + (value.length() - value.stripLeading().length());
			int end = sentence.start() + value.stripTrailing().length();
			sentences.add(new Sentence(start, end, inSentence,
					asks(value.strip()) && closes(text, sentence.end()) && !quoted(text, sentence.end())));
			for (Word each : inSentence) {
				positions.computeIfAbsent(each.lower(), lower -> new ArrayList<>()).add(words.size());
				words.add(each);
			}
		}
	}

	/**
	 * Whether the marks that end at {@code end} close a sentence: anything but a web address's query goes on after them.
	 * A question mark inside a web address (werk.nl/zoeken?q=…) closes nothing,
	 * and was counted as a question: three questions and a link to a vacancy were "too many questions".
	 */
	private static boolean closes(String text, int end) {
		// A web address has no marks but the question mark: after another, the next sentence may follow unspaced.
		if (end >= text.length() || text.charAt(end - 1) != '?') {
			return true;
		}
		// Only what goes on a web address's query: a letter, a digit or its marks. A question before an emoji, dots,
		// a non-breaking space or Markdown's ** still asks.
		char next = text.charAt(end);
		return !Character.isLetterOrDigit(next) && "=&/%#+".indexOf(next) < 0;
	}

	/**
	 * Whether the question that ends at {@code end} is quoted: a quotation mark closes it right after its
	 * marks (Je schreef: 'Waarom blijf je?'). It is someone else's, mostly the participant's, quoted back:
	 * a letter that quoted three and asked one was told it asked too many. A question about a quotation
	 * has its question mark after the quotation mark (Wat bedoel je met 'Waarom'?) and stays the coach's.
	 */
	private static boolean quoted(String text, int end) {
		return end < text.length() && QUOTE_CLOSING.indexOf(text.charAt(end)) >= 0;
	}

	/**
	 * Whether a sentence asks: a question mark among the marks that close it, also before an exclamation
	 * mark or dots (Meen je dat?! or Echt?...); ending on the mark alone missed those. A closing bracket
	 * after it needs nothing here: a sentence already ends at its marks.
	 */
	private static boolean asks(String sentence) {
		for (int i = sentence.length() - 1; i >= 0 && ENDING.indexOf(sentence.charAt(i)) >= 0; i--) {
			if (ASKING.indexOf(sentence.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Every occurrence of a word or a phrase of several words, as whole words, ignoring case. The
	 * phrase is split into words the way the draft is, so a programme's "P&O" or "A+O-fonds" is
	 * found as the words "P" "O" or "A" "O-fonds" following each other, and marked from the first
	 * to the last. A phrase does not run across the end of a sentence or clause ({@link #BOUNDARY}):
	 * "…zei je. Faalt een plan" holds no "je faalt". One that has such a mark between its own words
	 * (a programme's "m.b.t.") is found with it there.
	 */
	List<int[]> occurrences(String phrase) {
		List<String> parts = wordsOf(phrase);
		List<int[]> found = new ArrayList<>();
		if (parts.isEmpty()) {
			return found;
		}
		boolean[] phraseCrosses = crossings(phrase);
		for (int first : positions.getOrDefault(parts.get(0), List.of())) {
			int last = first + parts.size() - 1;
			boolean match = last < words.size();
			for (int j = 1; j < parts.size() && match; j++) {
				match = words.get(first + j).lower().equals(parts.get(j))
						&& (phraseCrosses[j - 1] || !crosses(text, words.get(first + j - 1).end(), words.get(first + j).start()));
			}
			if (match) {
				found.add(new int[] { words.get(first).start(), words.get(last).end() });
			}
		}
		return found;
	}

	/** For each pair of following words of a phrase, whether a {@link #BOUNDARY} mark stands between them. */
	private static boolean[] crossings(String phrase) {
		List<Integer> ends = new ArrayList<>(2);
		List<Integer> starts = new ArrayList<>(2);
		Matcher word = WORD.matcher(phrase);
		while (word.find()) {
			starts.add(word.start());
			ends.add(word.end());
		}
		boolean[] crossing = new boolean[Math.max(0, starts.size() - 1)];
		for (int i = 0; i < crossing.length; i++) {
			crossing[i] = crosses(phrase, ends.get(i), starts.get(i + 1));
		}
		return crossing;
	}

	private static boolean crosses(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (BOUNDARY.indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/** The words of a phrase in lower case, read as the draft's own are (matched first, then lowered). */
	private static List<String> wordsOf(String phrase) {
		List<String> parts = new ArrayList<>(2);
		Matcher word = WORD.matcher(phrase);
		while (word.find()) {
			parts.add(word.group().toLowerCase(Locale.ROOT));
		}
		return parts;
	}
}

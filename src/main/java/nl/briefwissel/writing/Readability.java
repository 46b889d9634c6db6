package nl.briefwissel.writing;

import java.util.List;
import java.util.Locale;

/**
 * Reading ease of a text: Flesch–Douma for Dutch (Douma 1960), Flesch reading ease for English
 * (Flesch 1948). Both run from about 0 (very hard) to 100 (very easy).
 */
final class Readability {

	private Readability() {
	}

	/**
	 * The score of the letter's own sentences, the body that {@link WritingCheck#body} finds: a greeting
	 * (Beste Anja) and a sign-off (Met vriendelijke groet) with the name under it are short sentences of
	 * short words, and made every letter look easier to read than its body reads.
	 */
	static double score(List<Draft.Sentence> body, RuleSet rules) {
		int words = body.stream().mapToInt(sentence -> sentence.words().size()).sum();
		int sentences = Math.max(1, body.size());
		if (words == 0) {
			return 100;
		}
		int syllables = body.stream()
			.flatMap(sentence -> sentence.words().stream())
			.mapToInt(word -> syllables(word.lower(), rules.dutch()))
			.sum();
		double wordsPerSentence = (double) words / sentences;
		double syllablesPerWord = (double) syllables / words;
		double score = "flesch-douma".equals(rules.formula())
				? 206.835 - 0.93 * wordsPerSentence - 77.0 * syllablesPerWord
				: 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
		return Math.max(0, Math.min(100, score));
	}

	/**
	 * Syllables as groups of vowels: Dutch "aa", "ie", "ui", "eeuw" are one sound each; English loses
	 * a silent final "e". Good enough for a readability score, which is itself an estimate.
	 */
	static int syllables(String word, boolean dutch) {
		String lower = word.toLowerCase(Locale.ROOT);
		int count = 0;
		boolean inVowel = false;
		for (int i = 0; i < lower.length(); i++) {
			boolean vowel = "aeiouyàáâäèéêëìíîïòóôöùúûü".indexOf(lower.charAt(i)) >= 0;
			if (vowel && !inVowel) {
				count++;
			}
			inVowel = vowel;
		}
		if (!dutch && lower.endsWith("e") && !lower.endsWith("le") && count > 1) {
			count--;
		}
		return Math.max(1, count);
	}
}

package nl.briefwissel.conversation;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a participant's letter is Dutch or English, by its little words (decision 0097). A participant
 * set to Dutch may answer in English (a colleague reads along), and the letter's {@code lang} must say
 * so. Deterministic and cheap: it counts words that are common in one language and rare in the other,
 * and decides only on a clear majority; a short or mixed letter is taken to be in the participant's
 * language, as it was before.
 */
final class LetterLanguage {

	static final Locale DUTCH = Locale.forLanguageTag("nl");

	// Words in both languages (in, is, was, we, op, so, over) count for neither.
	private static final Set<String> DUTCH_WORDS = Set.of("de", "het", "een", "en", "ik", "je", "jij", "jou", "jouw", "niet",
			"dat", "van", "met", "voor", "maar", "ook", "wat", "zijn", "mijn", "heb", "hebt", "heeft", "naar", "dit", "die",
			"er", "om", "als", "bij", "nog", "wel", "kan", "wil", "ben", "bent", "moet", "graag", "hier", "hoe", "veel",
			"heel", "omdat", "mij", "jullie", "wij", "ons", "onze", "zou", "zal", "geen", "dan", "nu", "deze", "uit");

	private static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "i", "you", "your", "not", "that", "of", "to",
			"with", "for", "but", "also", "what", "my", "have", "has", "this", "it", "are", "be", "at", "would", "will",
			"can", "here", "how", "much", "very", "because", "our", "should", "no", "then", "now", "these", "from",
			"am", "do", "just", "about", "thank", "thanks", "which", "want", "a");

	/** Fewer counted words than this: too short to tell, the participant's language. */
	private static final int ENOUGH = 3;

	private LetterLanguage() {
	}

	/** {@code fallback} unless the letter's words clearly say Dutch or English. */
	static Locale of(String text, Locale fallback) {
		if (text == null) {
			return fallback;
		}
		int dutch = 0;
		int english = 0;
		for (String word : text.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
			if (DUTCH_WORDS.contains(word)) {
				dutch++;
			}
			else if (ENGLISH_WORDS.contains(word)) {
				english++;
			}
		}
		if (dutch + english < ENOUGH) {
			return fallback;
		}
		return dutch >= 2 * english ? DUTCH : english >= 2 * dutch ? Locale.ENGLISH : fallback;
	}
}

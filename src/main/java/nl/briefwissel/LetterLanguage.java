package nl.briefwissel;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a participant's letter is Dutch or English, by its little words (decision 0097). A participant
 * set to Dutch may answer in English (a colleague reads along), and the letter's {@code lang} must say
 * so. Deterministic and cheap: it counts words that are common in one language and rare in the other,
 * and overrides the fallback only on strong evidence; a short or mixed letter is taken to be in the
 * fallback its caller is sure of (the conversation's), or in none. A wrong {@code lang} makes a screen reader
 * read the whole letter with the wrong voice, worse than none (decision 0097, amended twice).
 * <p>
 * Here, beside the conversation and the trajectory both: the question of an application is tagged by the same
 * rule as a letter (an application by mail is taken to be Dutch, and may be English), and the trajectory module
 * may not call the conversation module, which calls it.
 */
public final class LetterLanguage {

	public static final Locale DUTCH = Locale.forLanguageTag("nl");

	// Only words that are no word of the other language count. Left out: words in both (in, is, was, we, op,
	// so, over), Dutch words that are English too (die, van, met, ben, bent, dan, er, heel, hoe) and English
	// words that are Dutch too (of, want, do as in "do 12 mei", a as in "3 a 4 keer"): "Maandag of dinsdag?
	// Want woensdag lukt niet." is Dutch.
	private static final Set<String> DUTCH_WORDS = Set.of("de", "het", "een", "en", "ik", "je", "jij", "jou", "jouw", "niet",
			"dat", "voor", "maar", "ook", "wat", "zijn", "mijn", "heb", "hebt", "heeft", "naar", "dit", "om", "als", "bij",
			"nog", "wel", "kan", "wil", "moet", "graag", "hier", "veel", "omdat", "mij", "jullie", "wij", "ons", "onze", "zou",
			"zal", "geen", "nu", "deze", "uit",
			// The words of a short thanks or yes: "Dank je Anja, mooie samenvatting. Ik ga solliciteren!" had two
			// counted words and took the language of the letter before, an English one. None is an English word
			// but "dank" and "tot", rare in a letter.
			"dank", "bedankt", "ga", "gaat", "gaan", "mooi", "mooie", "goed", "fijn", "tot", "ja", "nee", "zo", "weet",
			"denk", "vind", "lukt", "morgen", "groet", "groeten", "groetjes");

	private static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "i", "you", "your", "not", "that", "to", "with",
			"for", "but", "also", "what", "my", "have", "has", "this", "it", "are", "be", "at", "would", "will", "can", "here",
			"how", "much", "very", "because", "our", "should", "no", "then", "now", "these", "from", "am", "just", "about",
			"thank", "thanks", "which",
			// Likewise for a short English one; with its apostrophe, as the words are split.
			"yes", "good", "great", "see", "i'm", "i'll", "it's", "don't", "that's", "you're", "we're", "they", "there",
			"going", "looking", "forward");

	/** Fewer counted words than this: too short to tell, the participant's language. */
	private static final int ENOUGH = 5;

	/** How many times the other language's count the one language's must be to override the participant's. */
	private static final int MAJORITY = 3;

	private LetterLanguage() {
	}

	/**
	 * The {@code lang} on a page in {@code page}'s language of a text whose language was not kept (the goals,
	 * the closing summary and the reaction to it): the language its own words clearly are where that differs
	 * from the page's; null where it is the page's, or where its words are too few or mixed to tell. Not the
	 * participant's setting of today, which a switch to English made the language of Dutch goals (WCAG 3.1.2).
	 */
	public static String langOn(String text, Locale page) {
		Locale written = of(text, null);
		return written == null || page != null && written.getLanguage().equals(page.getLanguage()) ? null : written.getLanguage();
	}

	/**
	 * {@code fallback} unless the letter's own words clearly say Dutch or English. Quoted lines ({@code >}:
	 * the coach's letter around answers typed into it, kept by the mail reply's trimmer) are someone else's
	 * words and do not count. A null {@code fallback} asks whether the words tell at all: null where they do not.
	 */
	public static Locale of(String text, Locale fallback) {
		if (text == null) {
			return fallback;
		}
		int dutch = 0;
		int english = 0;
		for (String line : text.lines().toList()) {
			if (line.strip().startsWith(">")) {
				continue;
			}
			// Split on anything but letters, apostrophes and dots, then trim the dots: "i.v.m." and "a.s." are one
			// Dutch abbreviation, not the English "i" and "a". A phone types the curly apostrophe (I’m): read as the
			// straight one the word list has.
			for (String word : line.toLowerCase(Locale.ROOT).replace('\u2019', '\'').split("[^\\p{L}'.]+")) {
				String bare = word.replaceAll("^[.']+|[.']+$", "");
				if (DUTCH_WORDS.contains(bare)) {
					dutch++;
				}
				else if (ENGLISH_WORDS.contains(bare)) {
					english++;
				}
			}
		}
		if (dutch + english < ENOUGH) {
			return fallback;
		}
		return dutch >= MAJORITY * english ? DUTCH : english >= MAJORITY * dutch ? Locale.ENGLISH : fallback;
	}
}

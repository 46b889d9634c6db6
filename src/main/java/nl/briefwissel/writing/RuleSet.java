package nl.briefwissel.writing;

import java.util.List;
import java.util.Locale;

/** The word lists and thresholds of one language, as read from {@code writing/<language>.rules}. */
record RuleSet(Locale language, String formula, int longSentenceWords, int maxQuestions, double passiveMaxShare,
		int shoutingMinLetters, List<String> judging, List<String> contrast, List<String> compliments,
		List<String> informalAddress, List<String> formalAddress, List<String> passiveAuxiliaries,
		List<String> participlePrefixes, List<String> jargon) {

	boolean dutch() {
		return "nl".equals(language.getLanguage());
	}
}

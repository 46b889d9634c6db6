package nl.briefwissel.writing;

import java.util.List;
import java.util.Locale;

/**
 * What the second reader says about a draft: the figures, the findings in the order their numbers stand in the text
 * (after where each ends), and the draft cut into segments so a page can mark each finding where it is.
 */
public record WritingReport(Locale language, int words, int sentences, double readability, int questions,
		double averageSentenceLength, List<Finding> findings, List<Segment> segments) {

	/**
	 * A stretch of the draft. {@code covering}: the 1-based numbers of the findings it lies in, or none;
	 * {@code rule}: the innermost of those, which its mark shows; {@code ending}: the findings whose stretch
	 * ends here, whose numbers follow it. Each finding ends in one segment, so each number is shown once, and
	 * where remarks overlap (a judging word in capitals, a marked word inside a long sentence) every one is.
	 */
	public record Segment(String text, List<Integer> covering, String rule, List<Integer> ending) {

		public Segment {
			covering = List.copyOf(covering);
			ending = List.copyOf(ending);
		}

		public boolean marked() {
			return !covering.isEmpty();
		}

		/** The numbers as a list reads them (1 and 2 as 1, 2); the page puts them in a sentence with the last one apart. */
		public String endingButLast() {
			return ending.subList(0, Math.max(0, ending.size() - 1))
				.stream()
				.map(String::valueOf)
				.collect(java.util.stream.Collectors.joining(", "));
		}

		public String endingLast() {
			return ending.isEmpty() ? "" : String.valueOf(ending.get(ending.size() - 1));
		}

		public String endingShown() {
			return ending.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
		}
	}

	/**
	 * Whether a remark is one sending refuses (a placeholder left in the letter): the note under the remarks
	 * then cannot say that sending always works.
	 */
	public boolean blocksSending() {
		return findings.stream().anyMatch(finding -> WritingCheck.PLACEHOLDER.equals(finding.rule()));
	}

	public boolean hasFindings() {
		return !findings.isEmpty();
	}

	/**
	 * How the reading ease reads in words: easy, fair or hard (message key suffix). Flesch-Douma weighs a sentence's
	 * length lightly, so one of 60 short words scores as easy; beside the remark that it is too long the panel then
	 * contradicted itself, and it says instead that the words are easy and a sentence is too long.
	 */
	public String readabilityLevel() {
		if (readability >= 60 && findings.stream().anyMatch(finding -> LONG_SENTENCE.equals(finding.rule()))) {
			return "easyWordsLongSentence";
		}
		return readability >= 60 ? "easy" : readability >= 40 ? "fair" : "hard";
	}

	/** The finding's rule for a sentence too long (Rule.LongSentences). */
	private static final String LONG_SENTENCE = "long-sentence";

	public long rounded() {
		return Math.round(readability);
	}
}

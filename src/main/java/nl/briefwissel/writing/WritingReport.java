package nl.briefwissel.writing;

import java.util.List;
import java.util.Locale;

/**
 * What the second reader says about a draft: the figures, the findings in text order, and the
 * draft cut into segments so a page can mark each finding where it is.
 */
public record WritingReport(Locale language, int words, int sentences, double readability, int questions,
		double averageSentenceLength, List<Finding> findings, List<Segment> segments) {

	/** A stretch of the draft; {@code finding} is the 1-based number of the finding it belongs to, or 0. */
	public record Segment(String text, int finding, String rule) {

		public boolean marked() {
			return finding > 0;
		}
	}

	public boolean hasFindings() {
		return !findings.isEmpty();
	}

	/** How the reading ease reads in words: easy, fair or hard (message key suffix). */
	public String readabilityLevel() {
		return readability >= 60 ? "easy" : readability >= 40 ? "fair" : "hard";
	}

	public long rounded() {
		return Math.round(readability);
	}
}

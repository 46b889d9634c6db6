package nl.briefwissel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passages of a coach's letter in quotation marks, each on one line: someone else's words quoted, mostly a
 * participant's letter to comment on ("je schreef 'Geachte [naam contactpersoon]'") or a sample sentence to use
 * (Je zou kunnen zeggen: "Ik waardeer uw feedback."). Neither the brackets in them (decision 0114) nor their u
 * and uw are the coach's own. One reading for both: the writing help and sending read quotes the same way. In the
 * root package, as {@link BracketedPlaceholders}, which reads them for sending.
 */
public final class Quotations {

	/**
	 * A quote opens where no letter stands before it and closes where none follows, so the apostrophes of zo'n and
	 * cv's open and close nothing. At most 500 characters: a line of a hundred thousand with an opening quote every
	 * few characters and no closing one was read to its end from each of them. A single quote before s, t, n or k
	 * alone opens nothing either: that is the apostrophe of 's avonds, 't, 'n and 'k, which opened a quote and hid
	 * the coach's own words and brackets up to the next quote's end.
	 */
	private static final Pattern QUOTED = Pattern.compile("(?<![\\p{L}\\p{N}])(?:[\"“„«]|['‘‚](?![sStTnNkK](?!\\p{L})))"
			+ "[^\\n]{1,500}?['\"’”»‘“](?![\\p{L}\\p{N}])");

	/** Start and end of each quote, left to right; they never overlap. */
	private final List<int[]> quoted;

	private Quotations(List<int[]> quoted) {
		this.quoted = quoted;
	}

	/** The quotes of the text, read once. */
	public static Quotations in(String text) {
		List<int[]> quoted = new ArrayList<>();
		Matcher quote = QUOTED.matcher(text == null ? "" : text);
		while (quote.find()) {
			quoted.add(new int[] { quote.start(), quote.end() });
		}
		return new Quotations(quoted);
	}

	/**
	 * Whether a quote holds the stretch from {@code start} up to {@code end}: only the last quote that starts before
	 * it can (a look-up, not a comparison with each: a letter of thousands of brackets and quotes compared every pair).
	 */
	public boolean hold(int start, int end) {
		int low = 0;
		int high = quoted.size() - 1;
		int last = -1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (quoted.get(middle)[0] < start) {
				last = middle;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return last >= 0 && end < quoted.get(last)[1];
	}
}

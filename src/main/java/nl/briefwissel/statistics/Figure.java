package nl.briefwissel.statistics;

import java.util.Locale;

/**
 * One number on the statistics page: a count, or an average over a group. A group under five
 * people is never shown (PRODUCT.md), and neither is anything that would let it be worked out.
 *
 * @param average whether this is an average over {@code people}: hidden, it is not written as "< 5",
 *        which beside "(days)" or "(1–10)" reads as the value (see {@link #hiddenAverage})
 * @param protecting hidden though it is five or more, because a group under five could be worked out
 *        from it and the figures beside it ({@link Sums}): written as "≥ 5", since "< 5" would be untrue
 */
public record Figure(Double value, int people, boolean suppressed, boolean average, boolean protecting) {

	/** The smallest group shown. */
	public static final int MINIMUM = 5;

	public static Figure count(int count) {
		return new Figure((double) count, count, count > 0 && count < MINIMUM, false, false);
	}

	public static Figure average(Double value, int people) {
		return new Figure(value, people, people > 0 && people < MINIMUM, true, false);
	}

	/**
	 * This count hidden to protect a smaller group (see {@link Sums}); a count already hidden, or 0, stays
	 * as it is: 0 tells of nobody, and hiding it would protect nobody.
	 */
	Figure protect() {
		return suppressed || people == 0 ? this : new Figure(value, people, true, average, true);
	}

	/**
	 * An average over fewer than five people: the page and the CSV say in words that it is not shown
	 * (statistics.hiddenAverage), where {@link #shown} would give "< 5".
	 */
	public boolean hiddenAverage() {
		return suppressed && average;
	}

	/**
	 * As the page and the CSV show it, in the reader's language: a Dutch reader (and Dutch Excel, which
	 * splits the CSV on semicolons) reads 7,8 where an English one reads 7.8.
	 */
	public String shown(boolean decimal, Locale language) {
		if (suppressed) {
			return (protecting ? "≥ " : "< ") + MINIMUM;
		}
		if (value == null) {
			return "–";
		}
		return decimal ? String.format(language, "%.1f", value) : String.valueOf(Math.round(value));
	}

	public boolean visible() {
		return !suppressed && value != null;
	}
}

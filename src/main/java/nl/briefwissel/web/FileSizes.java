package nl.briefwissel.web;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * A file's size as every page shows it (the conversation's letters, the record and its PDF, a quarantined
 * mail): whole kilobytes rounded up under a megabyte, so a file of a few hundred bytes reads as 1 kB and not
 * as 0 kB (as if it were empty); from a megabyte on in megabytes with at most one decimal in the reader's
 * language, as the limit of 15 MB is said. A kilobyte is 1,024 bytes here, as the upload limit counts.
 * In templates as {@code #fileSizes.of(bytes)}.
 */
public final class FileSizes {

	private static final long KB = 1024;

	private static final long MB = KB * KB;

	private final Locale locale;

	FileSizes(Locale locale) {
		this.locale = locale;
	}

	public String of(long bytes) {
		return format(bytes, locale);
	}

	public static String format(long bytes, Locale locale) {
		long kilobytes = (bytes + KB - 1) / KB;
		if (kilobytes < KB) {
			return kilobytes + " kB";
		}
		NumberFormat number = NumberFormat.getNumberInstance(locale);
		number.setMaximumFractionDigits(1);
		number.setMinimumFractionDigits(0);
		number.setGroupingUsed(false);
		return number.format((double) bytes / MB) + " MB";
	}
}

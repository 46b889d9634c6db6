package nl.briefwissel.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * A file's size as every page shows it (the conversation's letters, the record and its PDF, a quarantined
 * mail, the files of an original mail): the one formatter, so a size reads the same wherever it stands.
 * Under a kilobyte in bytes, as it is: a file of 14 bytes read as 1 kB (rounded up) and before that as
 * 0 kB, neither what the participant sent. Then kilobytes, with one decimal under 10 kB where a
 * whole number would be a third off, and whole from there; from a megabyte on in megabytes with at most
 * one decimal, as the limit of 15 MB is said. Decimals in the reader's language (2,5 MB; 2.5 MB). A
 * kilobyte is 1,024 bytes here, as the upload limit counts. Byte and bytes are Dutch words as well as
 * English ones. In templates as {@code #fileSizes.of(bytes)}.
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
		if (bytes < KB) {
			return bytes == 1 ? "1 byte" : bytes + " bytes";
		}
		BigDecimal kilobytes = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(KB), 1, RoundingMode.HALF_UP);
		if (kilobytes.compareTo(BigDecimal.TEN) < 0) {
			return number(locale).format(kilobytes) + " kB";
		}
		long wholeKilobytes = kilobytes.setScale(0, RoundingMode.HALF_UP).longValueExact();
		// Rounded to 1,024 kB it is a megabyte: said as one, as at the limit.
		if (wholeKilobytes < KB) {
			return wholeKilobytes + " kB";
		}
		return number(locale).format(BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MB), 1, RoundingMode.HALF_UP)) + " MB";
	}

	/** At most one decimal, none when it is 0 (1 MB, not 1,0 MB); no grouping (1000 kB). */
	private static NumberFormat number(Locale locale) {
		NumberFormat number = NumberFormat.getNumberInstance(locale);
		number.setMaximumFractionDigits(1);
		number.setMinimumFractionDigits(0);
		number.setGroupingUsed(false);
		return number;
	}
}

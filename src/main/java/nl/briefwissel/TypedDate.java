package nl.briefwissel;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;

/**
 * A day as a form sent it: a browser's date field sends 2026-12-31, but a browser without one sends what
 * was typed (31-12-2026), and an address can be changed by hand. Shared by every module with a date field
 * (the statistics' period, the start of a trajectory), so that a day one page reads is read by all.
 */
public final class TypedDate {

	/** The ISO form first, then the ways a Dutch or English reader writes a day with a four-digit year. */
	private static final List<DateTimeFormatter> FORMS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
			DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
			DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT));

	private TypedDate() {
	}

	/** The day typed, or empty when nothing was typed or it cannot be read ({@link #unreadable} tells which). */
	public static Optional<LocalDate> read(String typed) {
		if (blank(typed)) {
			return Optional.empty();
		}
		for (DateTimeFormatter form : FORMS) {
			try {
				return Optional.of(LocalDate.parse(typed.strip(), form));
			}
			catch (DateTimeParseException unreadable) {
				// the next form
			}
		}
		return Optional.empty();
	}

	/** Whether something was typed that is no day we can read. */
	public static boolean unreadable(String typed) {
		return !blank(typed) && read(typed).isEmpty();
	}

	private static boolean blank(String typed) {
		return typed == null || typed.isBlank();
	}
}

package nl.briefwissel.statistics;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;

/**
 * A period as it came in the address: a browser's date field sends 2026-12-31, but a browser without
 * one sends what was typed (31-12-2026), and an address can be changed by hand. What cannot be read
 * is kept as typed, to be said at its field; the figures are those of the period with that day left
 * to its default. Before, anything but an ISO date gave the general "we could not use this" page and
 * lost the other day too.
 *
 * @param period the period shown
 * @param from the first day as typed, or null
 * @param until the last day as typed, or null
 */
public record TypedPeriod(Period period, String from, String until, boolean fromUnreadable, boolean untilUnreadable) {

	/** The ISO form first, then the ways a Dutch or English reader writes a day with a four-digit year. */
	private static final List<DateTimeFormatter> FORMS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
			DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
			DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT));

	public static TypedPeriod of(String from, String until, LocalDate today) {
		Optional<LocalDate> first = day(from);
		Optional<LocalDate> last = day(until);
		boolean fromUnreadable = blank(from) ? false : first.isEmpty();
		boolean untilUnreadable = blank(until) ? false : last.isEmpty();
		return new TypedPeriod(Period.of(first.orElse(null), last.orElse(null), today), from, until, fromUnreadable,
				untilUnreadable);
	}

	/** Whether a day could not be read. */
	public boolean unreadable() {
		return fromUnreadable || untilUnreadable;
	}

	private static Optional<LocalDate> day(String typed) {
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

	private static boolean blank(String typed) {
		return typed == null || typed.isBlank();
	}
}

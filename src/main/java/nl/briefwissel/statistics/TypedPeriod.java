package nl.briefwissel.statistics;

import java.time.LocalDate;

import nl.briefwissel.TypedDate;

/**
 * A period as it came in the address: a browser's date field sends 2026-12-31, but a browser without
 * one sends what was typed (31-12-2026), and an address can be changed by hand. What cannot be read
 * is kept as typed, to be said at its field; the figures are those of the period with that day left
 * to its default. Before, anything but an ISO date gave the general "we could not use this" page and
 * lost the other day too. The forms read are {@link TypedDate}'s, as on every page with a date.
 *
 * @param period the period shown
 * @param from the first day as typed, or null
 * @param until the last day as typed, or null
 */
public record TypedPeriod(Period period, String from, String until, boolean fromUnreadable, boolean untilUnreadable) {

	public static TypedPeriod of(String from, String until, LocalDate today) {
		return new TypedPeriod(Period.of(TypedDate.read(from).orElse(null), TypedDate.read(until).orElse(null), today), from,
				until, TypedDate.unreadable(from), TypedDate.unreadable(until));
	}

	/** Whether a day could not be read. */
	public boolean unreadable() {
		return fromUnreadable || untilUnreadable;
	}
}

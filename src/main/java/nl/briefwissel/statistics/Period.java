package nl.briefwissel.statistics;

import java.time.LocalDate;

/**
 * The period a programme manager looks at: the last twelve months unless they choose; never
 * backwards, never past today (there are no figures of days to come: a last day ahead counts up to
 * today, decision 0113), and within this century (a typed year 999999999 made every date calculation
 * overflow into an error page). A first day after the last is not swapped here: {@link TypedPeriod}
 * says it at its field, and the period falls back to the twelve months up to the last day.
 */
public record Period(LocalDate from, LocalDate until) {

	/** The first day a period may start on; {@link TypedPeriod} refuses an earlier one at its field. */
	static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

	public static Period of(LocalDate from, LocalDate until, LocalDate today) {
		LocalDate last = within(today);
		LocalDate end = until == null ? last : min(within(until), last);
		LocalDate twelveMonths = within(end.minusMonths(12).plusDays(1));
		LocalDate start = from == null ? twelveMonths : within(from);
		return new Period(start.isAfter(end) ? twelveMonths : start, end);
	}

	private static LocalDate within(LocalDate day) {
		return day.isBefore(EARLIEST) ? EARLIEST : day.isAfter(LATEST) ? LATEST : day;
	}

	private static LocalDate min(LocalDate one, LocalDate other) {
		return one.isAfter(other) ? other : one;
	}
}

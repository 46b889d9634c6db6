package nl.briefwissel.statistics;

import java.time.LocalDate;

/**
 * The period a programme manager looks at: the last twelve months unless they choose; never
 * backwards, and within this century (a typed year 999999999 made every date calculation overflow
 * into an error page).
 */
public record Period(LocalDate from, LocalDate until) {

	private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

	public static Period of(LocalDate from, LocalDate until, LocalDate today) {
		LocalDate end = within(until == null ? today : until);
		LocalDate start = within(from == null ? end.minusMonths(12).plusDays(1) : from);
		return start.isAfter(end) ? new Period(end, start) : new Period(start, end);
	}

	private static LocalDate within(LocalDate day) {
		return day.isBefore(EARLIEST) ? EARLIEST : day.isAfter(LATEST) ? LATEST : day;
	}
}

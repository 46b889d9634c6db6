package nl.briefwissel.statistics;

import java.time.LocalDate;
import java.util.Optional;

import nl.briefwissel.TypedDate;

/**
 * A period as it came in the address: a browser's date field sends 2026-12-31, but a browser without
 * one sends what was typed (31-12-2026), and an address can be changed by hand. What cannot be used
 * is kept as typed, to be said at its field; the figures are those of the period with that day left
 * to its default. Before, anything but an ISO date gave the general "we could not use this" page and
 * lost the other day too. The forms read are {@link TypedDate}'s, as on every page with a date.
 * A first day after the last was swapped without a word, and one after today counted days to come:
 * both are said at the first day's field now. A last day after today is no mistake: it counts up to
 * today, as the field's description says (decision 0113).
 *
 * @param period the period shown
 * @param from the first day as typed, or null
 * @param until the last day as typed, or null
 * @param fromProblem the message key of what is wrong with the first day, or null
 * @param untilProblem the message key of what is wrong with the last day, or null
 */
public record TypedPeriod(Period period, String from, String until, String fromProblem, String untilProblem) {

	static final String UNREADABLE = "statistics.period.unreadable";

	static final String AFTER_TODAY = "statistics.period.fromAfterToday";

	static final String AFTER_UNTIL = "statistics.period.fromAfterUntil";

	public static TypedPeriod of(String from, String until, LocalDate today) {
		Optional<LocalDate> first = TypedDate.read(from);
		Optional<LocalDate> last = TypedDate.read(until);
		String untilProblem = TypedDate.unreadable(until) ? UNREADABLE : null;
		String fromProblem = TypedDate.unreadable(from) ? UNREADABLE
				: first.filter(day -> day.isAfter(today)).isPresent() ? AFTER_TODAY
						: first.isPresent() && last.isPresent() && first.get().isAfter(last.get()) ? AFTER_UNTIL : null;
		Period period = Period.of(fromProblem == null ? first.orElse(null) : null, last.orElse(null), today);
		return new TypedPeriod(period, from, until, fromProblem, untilProblem);
	}

	/** Whether a day cannot be used: the page is the form shown again (422), saying so at the day's field. */
	public boolean refused() {
		return fromProblem != null || untilProblem != null;
	}
}

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
 * today, as the field's description says (decision 0113). A day before {@link Period#EARLIEST} was moved to it
 * without a word (1900-01-01 showed "from 1 January 2000"): it is refused at its field too, saying the earliest
 * day. Refused rather than moved with a note: the likeliest cause is a year mistyped (1926 for 2026), and figures
 * since 2000 under the typed day would be read as the period asked; a refusal keeps what was typed and says what
 * to choose, as a first day after today is refused.
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

	static final String BEFORE_EARLIEST = "statistics.period.beforeEarliest";

	public static TypedPeriod of(String from, String until, LocalDate today) {
		Optional<LocalDate> first = TypedDate.read(from);
		Optional<LocalDate> last = TypedDate.read(until);
		String untilProblem = TypedDate.unreadable(until) ? UNREADABLE
				: last.filter(day -> day.isBefore(Period.EARLIEST)).isPresent() ? BEFORE_EARLIEST : null;
		String fromProblem = TypedDate.unreadable(from) ? UNREADABLE
				: first.filter(day -> day.isAfter(today)).isPresent() ? AFTER_TODAY
						: first.filter(day -> day.isBefore(Period.EARLIEST)).isPresent() ? BEFORE_EARLIEST
								: untilProblem == null && first.isPresent() && last.isPresent() && first.get().isAfter(last.get())
										? AFTER_UNTIL : null;
		Period period = Period.of(fromProblem == null ? first.orElse(null) : null, untilProblem == null ? last.orElse(null) : null,
				today);
		return new TypedPeriod(period, from, until, fromProblem, untilProblem);
	}

	/**
	 * The first day a period may start on ({@link Period#EARLIEST}), for the sentence that refuses an earlier one
	 * to name it as a day of the page's language: written out in the sentence, it was a second copy to keep equal.
	 */
	public LocalDate earliest() {
		return Period.EARLIEST;
	}

	/** Whether a day cannot be used: the page is the form shown again (422), saying so at the day's field. */
	public boolean refused() {
		return fromProblem != null || untilProblem != null;
	}
}

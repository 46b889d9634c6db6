package nl.briefwissel.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * {@code #times} in templates: a moment as people in the programme read it, in the application
 * clock's time zone (Europe/Amsterdam) and the page's or mail's language. Thymeleaf's own
 * {@code #temporals} formats in the server's default zone, so on a server or container set to UTC
 * every letter and reminder showed an hour or two early.
 */
public final class Times {

	private final ZoneId zone;

	private final Locale locale;

	private final BiFunction<String, Locale, DateTimeFormatter> formatters;

	Times(ZoneId zone, Locale locale, BiFunction<String, Locale, DateTimeFormatter> formatters) {
		this.zone = zone;
		this.locale = locale;
		this.formatters = formatters;
	}

	/**
	 * A moment (an {@link OffsetDateTime}, {@link ZonedDateTime} or {@link Instant}) in the programme's
	 * zone, or a date or time of day as it is; nothing for nothing, as {@code #temporals.format} does.
	 */
	public String format(Object moment, String pattern) {
		if (moment == null) {
			return null;
		}
		DateTimeFormatter formatter = formatters.apply(pattern, locale);
		if (moment instanceof OffsetDateTime offset) {
			return formatter.format(offset.atZoneSameInstant(zone));
		}
		if (moment instanceof ZonedDateTime zoned) {
			return formatter.format(zoned.withZoneSameInstant(zone));
		}
		if (moment instanceof Instant instant) {
			return formatter.format(instant.atZone(zone));
		}
		if (moment instanceof TemporalAccessor dayOrTime) {
			return formatter.format(dayOrTime);
		}
		throw new IllegalArgumentException("Not a date or time: " + moment.getClass().getName());
	}

	/**
	 * The day of a moment in the programme's zone, the day {@link #format} shows for it: a moment kept in UTC
	 * is the next day in Amsterdam in its last hour or two. Compared with a trajectory's days (its start).
	 */
	public LocalDate day(OffsetDateTime moment) {
		return moment == null ? null : moment.atZoneSameInstant(zone).toLocalDate();
	}
}

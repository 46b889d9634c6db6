package nl.briefwissel.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Times as people in the programme read them, whatever zone the server is set to. */
class TimesTests {

	private final TimesDialect dialect = new TimesDialect(Clock.system(ZoneId.of("Europe/Amsterdam")));

	@Test
	void aMomentIsShownInTheProgrammesZoneWinterAndSummer() {
		TimeZone server = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // as a container usually is
		try {
			Times dutch = dialect.times(Locale.forLanguageTag("nl"));
			assertThat(dutch.format(OffsetDateTime.parse("2026-11-03T14:05:00Z"), "d MMMM yyyy, HH:mm"))
				.isEqualTo("3 november 2026, 15:05");
			assertThat(dutch.format(Instant.parse("2026-07-01T12:00:00Z"), "HH:mm")).isEqualTo("14:00");
			assertThat(dutch.format(ZonedDateTime.parse("2026-12-31T23:30:00Z[UTC]"), "d MMMM yyyy HH:mm"))
				.as("past midnight in Amsterdam is the next day").isEqualTo("1 januari 2027 00:30");
			assertThat(dialect.times(Locale.ENGLISH).format(LocalDate.of(2026, 11, 3), "EEEE d MMMM"))
				.as("a day stays the day it is").isEqualTo("Tuesday 3 November");
			assertThat(dutch.format(LocalDate.of(2026, 11, 3), "EEEE d MMMM")).as("the same pattern, kept per language")
				.isEqualTo("dinsdag 3 november");
			assertThat(dutch.format(null, "d MMMM")).isNull();
			assertThatThrownBy(() -> dutch.format("3 november", "d MMMM")).isInstanceOf(IllegalArgumentException.class);
		}
		finally {
			TimeZone.setDefault(server);
		}
	}

	/** {@code #temporals} formats in the server's zone; every template shows times with {@code #times}. */
	@Test
	void noTemplateFormatsInTheServersZone() {
		assertThat(TemplateSources.containing("#temporals")).isEmpty();
	}
}

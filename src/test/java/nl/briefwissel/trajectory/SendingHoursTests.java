package nl.briefwissel.trajectory;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hours in which the contact moments' and the evaluation's reminders go out: by default not at
 * night, at the weekend or on a holiday; as configured otherwise (a load test runs at any hour).
 */
class SendingHoursTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Test
	void usuallyOnAWorkingDayBetweenEightAndEight() {
		SendingHours usual = SendingHours.usual();
		assertThat(usual.includes(LocalDateTime.of(2026, 12, 8, 8, 0).atZone(AMSTERDAM))).isTrue();
		assertThat(usual.includes(LocalDateTime.of(2026, 12, 8, 19, 59).atZone(AMSTERDAM))).isTrue();
		assertThat(usual.includes(LocalDateTime.of(2026, 12, 8, 20, 0).atZone(AMSTERDAM))).isFalse();
		assertThat(usual.includes(LocalDateTime.of(2026, 12, 8, 7, 59).atZone(AMSTERDAM))).isFalse();
		assertThat(usual.includes(LocalDateTime.of(2026, 12, 13, 12, 0).atZone(AMSTERDAM))).as("a Sunday").isFalse();
		assertThat(usual.includes(LocalDateTime.of(2026, 12, 25, 12, 0).atZone(AMSTERDAM))).as("Christmas").isFalse();
	}

	@Test
	void asConfiguredTheWholeDayEveryDay() {
		SendingHours always = new SendingHours("00:00", "24:00", false);
		assertThat(always.includes(LocalDateTime.of(2026, 12, 13, 0, 0).atZone(AMSTERDAM))).isTrue();
		assertThat(always.includes(LocalDateTime.of(2026, 12, 25, 23, 59, 59).atZone(AMSTERDAM))).isTrue();
		SendingHours evenings = new SendingHours("18:00", "22:00", true);
		assertThat(evenings.includes(LocalDateTime.of(2026, 12, 8, 21, 0).atZone(AMSTERDAM))).isTrue();
		assertThat(evenings.includes(LocalDateTime.of(2026, 12, 8, 9, 0).atZone(AMSTERDAM))).isFalse();
	}
}

package nl.briefwissel.closing;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation's reminder goes out when the contact moments' reminders do: not at night, at the weekend or on a holiday. */
class EvaluationSendingHoursTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Test
	void onlyOnAWorkingDayBetweenEightAndEight() {
		assertThat(Evaluations.inSendingHours(LocalDateTime.of(2026, 12, 8, 8, 0).atZone(AMSTERDAM))).isTrue();
		assertThat(Evaluations.inSendingHours(LocalDateTime.of(2026, 12, 8, 19, 59).atZone(AMSTERDAM))).isTrue();
		assertThat(Evaluations.inSendingHours(LocalDateTime.of(2026, 12, 8, 22, 30).atZone(AMSTERDAM))).isFalse();
		assertThat(Evaluations.inSendingHours(LocalDateTime.of(2026, 12, 8, 7, 59).atZone(AMSTERDAM))).isFalse();
		assertThat(Evaluations.inSendingHours(LocalDateTime.of(2026, 12, 13, 12, 0).atZone(AMSTERDAM))).as("a Sunday").isFalse();
		assertThat(Evaluations.inSendingHours(LocalDateTime.of(2026, 12, 25, 12, 0).atZone(AMSTERDAM))).as("Christmas").isFalse();
	}
}

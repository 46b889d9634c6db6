package nl.briefwissel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's past moments stay on the thread that writes the story, and never lie ahead. */
class ApplicationClockTests {

	private final ApplicationClock clock = new ApplicationClock(Clock.system(ZoneId.of("Europe/Amsterdam")));

	@Test
	void aStepReadsItsPastMomentWhileAnotherThreadReadsTheRealTime() {
		Instant then = Instant.parse("2026-01-05T09:40:00Z");
		Instant[] seen = clock.atPastMoment(then, () -> new Instant[] { clock.instant(),
				CompletableFuture.supplyAsync(clock::instant).join() });
		assertThat(seen[0]).isEqualTo(then);
		assertThat(seen[1]).isAfter(then.plusSeconds(3600));
		assertThat(clock.instant()).isAfter(then.plusSeconds(3600));
		assertThat(clock.withZone(ZoneId.of("UTC")).getZone()).isEqualTo(ZoneId.of("UTC"));
	}

	@Test
	void aMomentAheadOrAStepInsideAStepIsRefused() {
		assertThatThrownBy(() -> clock.atPastMoment(Instant.now().plusSeconds(60), () -> null))
			.isInstanceOf(IllegalArgumentException.class);
		Instant then = Instant.parse("2026-01-05T09:40:00Z");
		assertThatThrownBy(() -> clock.atPastMoment(then, () -> clock.atPastMoment(then, () -> null)))
			.isInstanceOf(IllegalStateException.class);
		assertThat(clock.instant()).isAfter(then.plusSeconds(3600));
	}
}

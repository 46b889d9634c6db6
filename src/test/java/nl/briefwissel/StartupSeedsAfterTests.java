package nl.briefwissel;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What comes after a seed written once the application is ready waits for it (decision 0118). */
class StartupSeedsAfterTests {

	private final StartupSeeds seeds = new StartupSeeds(null, null);

	private final List<String> ran = new ArrayList<>();

	@Test
	void afterASeedWrittenBeforeReadyItRunsAtOnce() {
		seeds.after(StartupSeeds.DEMO_DATA, () -> ran.add("installation"));

		assertThat(ran).containsExactly("installation");
	}

	@Test
	void afterASeedWrittenLaterItWaitsUntilTheSeedIsWrittenOrFailed() {
		seeds.writtenLater(StartupSeeds.DEMO_DATA);
		seeds.after(StartupSeeds.DEMO_DATA, () -> ran.add("installation"));
		assertThat(ran).isEmpty();

		seeds.written(StartupSeeds.DEMO_DATA);
		assertThat(ran).containsExactly("installation");
		seeds.after(StartupSeeds.DEMO_DATA, () -> ran.add("later"));
		assertThat(ran).containsExactly("installation", "later");
	}

	/** Stopped before the seed was written: the next start writes both in turn; now neither. */
	@Test
	void afterASeedAbandonedNothingRuns() {
		seeds.writtenLater(StartupSeeds.DEMO_DATA);
		seeds.after(StartupSeeds.DEMO_DATA, () -> ran.add("installation"));

		seeds.abandoned(StartupSeeds.DEMO_DATA);
		seeds.after(StartupSeeds.DEMO_DATA, () -> ran.add("later"));
		assertThat(ran).isEmpty();
	}

	@Test
	void aFailureOfWhatCameAfterIsLoggedNotThrownAtTheSeedsThread() {
		seeds.writtenLater(StartupSeeds.DEMO_DATA);
		seeds.after(StartupSeeds.DEMO_DATA, () -> {
			throw new IllegalStateException("briefwissel.setup.administrator is not an e-mail address");
		});

		assertThatCode(() -> seeds.written(StartupSeeds.DEMO_DATA)).doesNotThrowAnyException();
	}
}

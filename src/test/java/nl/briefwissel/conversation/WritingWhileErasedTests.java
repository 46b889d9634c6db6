package nl.briefwissel.conversation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A letter, note or draft allowed before a trajectory's erasure (its page or the mail pipeline found the
 * trajectory) and stored after it stayed for good: the erasure runs once. Now the write and the erasure
 * take turns on the trajectory's row.
 */
@BriefwisselTest
class WritingWhileErasedTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Messages messages;

	@Autowired
	CoachDesk desk;

	@Autowired
	TrajectoryErasure erasure;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aWriteThatComesAfterTheErasureIsRefused() {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat wil je bereiken?");

		erasure.erase(running.id(), null);

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> messages.add(running.id(), running.participant().id(),
				Author.PARTICIPANT, MessageKind.MESSAGE, "Te laat binnengekomen.", Channel.MAIL, null, List.of())))
			.isInstanceOf(ConversationErased.class);
		assertThatThrownBy(() -> desk.addNote(running.id(), running.coach().id(), "Notitie na het wissen"))
			.isInstanceOf(ConversationErased.class);
		assertThatThrownBy(() -> desk.saveDraft(running.id(), running.coach().id(), "Concept na het wissen"))
			.isInstanceOf(ConversationErased.class);
		assertThat(wordsLeft(running.id())).isZero();
	}

	/** A write under way when the erasure comes: the erasure waits for it, and takes it along. */
	@Test
	void theErasureWaitsForAWriteUnderWayAndTakesItAlong() throws Exception {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat wil je bereiken?");
		CountDownLatch written = new CountDownLatch(1);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<?> writer = pool.submit(() -> transactions.executeWithoutResult(status -> {
				messages.add(running.id(), running.participant().id(), Author.PARTICIPANT, MessageKind.MESSAGE,
						"Net op tijd geschreven.", Channel.MAIL, null, List.of());
				written.countDown();
				sleep(Duration.ofMillis(700)); // still to commit when the erasure starts
			}));
			assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

			erasure.erase(running.id(), null);

			writer.get(10, TimeUnit.SECONDS);
		}
		finally {
			testsupport.Threads.finish(pool);
		}
		assertThat(wordsLeft(running.id())).isZero();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Letters with their sealed words, notes and drafts still kept for the trajectory. */
	private int wordsLeft(UUID trajectory) {
		return jdbc.sql("""
				select (select count(*) from message where trajectory_id = :t and body_key_id is not null)
				     + (select count(*) from coach_note where trajectory_id = :t)
				     + (select count(*) from draft where trajectory_id = :t)""")
			.param("t", trajectory)
			.query(Integer.class)
			.single();
	}
}

package nl.briefwissel.conversation;

import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A trajectory's reply address is written once, also when two nodes write it at the same moment. */
@BriefwisselTest
class ReplyTokensTests {

	@Autowired
	ReplyTokens tokens;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Test
	void aTokenIsWrittenOnceAndThenReused() {
		var trajectory = fixtures.runningTrajectory(true);
		String first = tokens.tokenFor(trajectory.id(), trajectory.participant().id());
		assertThat(tokens.tokenFor(trajectory.id(), trajectory.participant().id())).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from reply_token where trajectory_id = :t")
			.param("t", trajectory.id())
			.query(Integer.class)
			.single()).isOne();
	}

	/**
	 * Another node has written the first token but not yet committed: ours cannot see it, so ours
	 * inserts too, waits for the other's commit, and must then use the other's token instead of failing
	 * on the unique key. Several nodes run on PostgreSQL only (H2 is the single-node evaluation default).
	 */
	@Test
	void twoNodesWritingTheFirstTokenAtOnceHandOutTheSameOne() throws Exception {
		try (var connection = dataSource.getConnection()) {
			Assumptions.assumeTrue(connection.getMetaData().getDatabaseProductName().contains("PostgreSQL"),
					"several nodes run on PostgreSQL");
		}
		var trajectory = fixtures.runningTrajectory(true);
		CountDownLatch written = new CountDownLatch(1);
		CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("""
					insert into reply_token (token, trajectory_id, participant_id, created_at, thread_language)
					values ('token-of-the-other-node', :trajectory, :participant, :now, 'nl')""")
				.param("trajectory", trajectory.id())
				.param("participant", trajectory.participant().id())
				.param("now", OffsetDateTime.now())
				.update();
			written.countDown();
			try {
				Thread.sleep(1000); // still uncommitted while this node writes
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

		String token = tokens.tokenFor(trajectory.id(), trajectory.participant().id());

		otherNode.get(10, TimeUnit.SECONDS);
		assertThat(token).isEqualTo("token-of-the-other-node");
	}
}

package nl.briefwissel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes starting together on an empty database both found it empty and both wrote the demo
 * data: the second failed to start on the unique e-mail address (bench/nodes/two-nodes.sh showed
 * it on PostgreSQL). A seed now waits while another node holds its turn, then sees what it wrote.
 */
@BriefwisselTest
class StartupSeedsTests {

	@Autowired
	StartupSeeds seeds;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@CsvSource({ "demoData, demo-data, account", "librarySeed, assignment-library, assignment" })
	void aSeedWaitsWhileAnotherNodeHoldsItsTurnAndThenWritesNothingTwice(String bean, String seed, String table)
			throws Exception {
		ApplicationRunner thisNode = context.getBean(bean, ApplicationRunner.class);
		long before = count(table);
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			Future<?> otherNode = nodes.submit(() -> seeds.inTurn(seed, () -> {
				holding.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

			Future<?> seeding = nodes.submit(() -> {
				thisNode.run(new DefaultApplicationArguments());
				return null;
			});
			assertThatThrownBy(() -> seeding.get(500, TimeUnit.MILLISECONDS)).as("waits for the other node's turn")
				.isInstanceOf(TimeoutException.class);

			release.countDown();
			otherNode.get(10, TimeUnit.SECONDS);
			seeding.get(10, TimeUnit.SECONDS);
			assertThat(count(table)).isEqualTo(before);
		}
		finally {
			release.countDown();
			testsupport.Threads.finish(nodes);
		}
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}

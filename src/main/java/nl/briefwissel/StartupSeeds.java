package nl.briefwissel;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets nodes that start at the same moment on one database take turns writing what ships with
 * Briefwissel. A seed that checks "is it there yet?" and then writes would, on two nodes at once,
 * see nothing on both and write twice (or fail to start on a unique key). Here the check and the
 * writing run in one transaction that first locks the seed's row in {@code startup_seed}: the
 * second node waits until the first committed, then its check sees what the first wrote.
 */
@Component
public class StartupSeeds {

	/** The shared assignment library (assignment module). */
	public static final String ASSIGNMENT_LIBRARY = "assignment-library";

	/** The evaluation default's demo organisation and people (evaluation module). */
	public static final String DEMO_DATA = "demo-data";

	/** The first organisation and administrator of an installation, from its settings (organisation module). */
	public static final String INSTALLATION = "installation";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	StartupSeeds(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Seeds written after the application is ready (decision 0118), each done when it was written or failed. */
	private final Map<String, CompletableFuture<Void>> later = new ConcurrentHashMap<>();

	/**
	 * Says that {@code seed} is written once the application is ready, on a thread of its own: what must come after
	 * it ({@link #after}) waits for {@link #written}. Called before the runners that wait for it run.
	 */
	public void writtenLater(String seed) {
		later.putIfAbsent(seed, new CompletableFuture<>());
	}

	/** The seed put off by {@link #writtenLater} is written, or failed to be: what waited for it goes on. */
	public void written(String seed) {
		later.computeIfAbsent(seed, name -> new CompletableFuture<>()).complete(null);
	}

	/**
	 * The seed put off by {@link #writtenLater} was not written because the application stopped: what waited for it
	 * does not run (it would write into the database the seed left empty, and the seed would then never be written).
	 */
	public void abandoned(String seed) {
		later.computeIfAbsent(seed, name -> new CompletableFuture<>())
			.completeExceptionally(new IllegalStateException("the application stopped before the seed was written"));
	}

	/**
	 * Runs {@code next} after {@code seed}: at once when the seed is written before the application is ready (as
	 * always in production), else on the thread that wrote it, once it is done. The first administrator of an
	 * installation comes after the demo data, which finds an empty database (decision 0050).
	 */
	public void after(String seed, Runnable next) {
		CompletableFuture<Void> pending = later.get(seed);
		if (pending == null || pending.isDone() && !pending.isCompletedExceptionally()) {
			next.run();
		}
		else {
			pending.thenRun(() -> {
				try {
					next.run();
				}
				catch (RuntimeException e) {
					// No start to stop any more: said in the log, which a future's failure alone would not be.
					org.slf4j.LoggerFactory.getLogger(StartupSeeds.class).error("What comes after the seed '{}' failed", seed, e);
				}
			});
		}
	}

	/** Runs the seed, its check included, in one transaction that holds the seed's turn. */
	public void inTurn(String seed, Runnable checkAndWrite) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("select name from startup_seed where name = :name for update")
				.param("name", seed)
				.query(String.class)
				.optional()
				.orElseThrow(() -> new IllegalStateException("No row for seed '" + seed + "' in startup_seed"));
			checkAndWrite.run();
		});
	}
}

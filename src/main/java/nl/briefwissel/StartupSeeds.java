package nl.briefwissel;

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

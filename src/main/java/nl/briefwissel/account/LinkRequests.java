package nl.briefwissel.account;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request for a mailed link is answered before its address is even looked up. For a known address
 * the work took milliseconds that an unknown one did not (the hourly count, the token's row, the mail
 * rendered, sealed and queued, and a commit that has to reach the disk), so the time of the answer
 * told a guesser which addresses have an account. Now every request only hands its address over;
 * one thread per node does the work afterwards, in the order the requests came (so one address's
 * hourly limit is not raced by itself), each request in a transaction of its own.
 */
@Component
class LinkRequests implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LinkRequests.class);

	/** Requests waiting at most; a flood beyond it is dropped (the person asks again), not kept in the heap. */
	static final int WAITING = 1_000;

	private final Executor executor;

	private final TransactionOperations transactions;

	@Autowired
	LinkRequests(TransactionTemplate transactions) {
		this(oneThread(), transactions);
	}

	LinkRequests(Executor executor, TransactionOperations transactions) {
		this.executor = executor;
		this.transactions = transactions;
	}

	/**
	 * Hands the work over and returns at once, whatever the work will find. A failure is logged, not
	 * shown: the answer was given already, and it is the same for every address.
	 */
	void later(String what, Runnable work) {
		try {
			executor.execute(() -> {
				try {
					transactions.executeWithoutResult(status -> work.run());
				}
				catch (RuntimeException e) {
					log.error("{} request failed; the person was told it was sent and can ask again", what, e);
				}
			});
		}
		catch (RejectedExecutionException e) {
			log.warn("{} request dropped: {} requests are waiting already", what, WAITING);
		}
	}

	/** Requests already taken are finished when the application stops; a node that dies loses them. */
	@Override
	public void destroy() {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
	}

	private static ThreadPoolTaskExecutor oneThread() {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(1);
		pool.setMaxPoolSize(1);
		pool.setQueueCapacity(WAITING);
		pool.setThreadNamePrefix("link-requests-");
		pool.setWaitForTasksToCompleteOnShutdown(true);
		pool.setAwaitTerminationSeconds(10);
		pool.initialize();
		return pool;
	}
}

package testsupport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends a test's own threads by letting them finish, never by interrupting them. The suite shares one embedded H2
 * database, and H2 asks that no thread working inside it is interrupted (on a file database the interrupt closes
 * the file, and with it the database for every later test). Each test has already waited for its tasks with a
 * time limit before it gets here, so only a test that failed leaves one running.
 */
public final class Threads {

	private Threads() {
	}

	/** Takes no new tasks and waits up to thirty seconds for the running ones; a task still busy then is left alone. */
	public static void finish(ExecutorService threads) {
		threads.shutdown();
		try {
			threads.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}

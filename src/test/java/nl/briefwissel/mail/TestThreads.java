package nl.briefwissel.mail;

/** Background threads for the proxies the mail tests put between a client and the embedded server. */
final class TestThreads {

	private TestThreads() {
	}

	/** Starts a thread that never keeps the test JVM alive. */
	static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}
}

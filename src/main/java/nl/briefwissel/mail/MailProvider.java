package nl.briefwissel.mail;

/**
 * Jakarta Mail 2.1 looks up its {@code StreamProvider} with a {@code ServiceLoader} on every MIME part
 * it reads or writes; inside the executable jar that classpath scan was a third of the CPU of
 * inbound processing, and half of the outbox's sending. Naming the provider makes the lookup a plain
 * class load. Both directions call this before their first message, so it holds whichever comes first.
 */
final class MailProvider {

	static final String PROPERTY = "jakarta.mail.util.StreamProvider";

	static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

	private MailProvider() {
	}

	/** Names Angus Mail's provider unless the operator named one with {@code -Djakarta.mail.util.StreamProvider}. */
	static void named() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, ANGUS);
		}
	}
}

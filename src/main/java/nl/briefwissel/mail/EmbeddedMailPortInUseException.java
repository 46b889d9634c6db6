package nl.briefwissel.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded mail server could not listen on a port another program holds. Its own message named a
 * start-up timeout; the start now ends with the ports and the settings that move them
 * ({@link EmbeddedMailPortInUseFailureAnalyzer}).
 */
class EmbeddedMailPortInUseException extends IllegalStateException {

	/** A port in use, and the setting and environment variable that move it. */
	record Port(String protocol, String host, int port, String property, String variable) {
	}

	private final List<Port> taken;

	private EmbeddedMailPortInUseException(List<Port> taken, RuntimeException cause) {
		super("The embedded mail server could not listen on " + taken.stream()
			.map(p -> p.protocol() + " " + p.host() + ":" + p.port()).reduce((a, b) -> a + " and " + b).orElse("")
				+ ": in use by another program", cause);
		this.taken = List.copyOf(taken);
	}

	List<Port> taken() {
		return taken;
	}

	/**
	 * The failure as a person can act on it when a configured port is held by another program; otherwise the
	 * failure as it was (a port of 0 is any free one, and cannot be taken).
	 */
	static RuntimeException whichOf(String host, MailProperties.Embedded embedded, RuntimeException failed) {
		List<Port> taken = new ArrayList<>();
		if (inUse(host, embedded.smtpPort())) {
			taken.add(new Port("SMTP", host, embedded.smtpPort(), "briefwissel.mail.embedded.smtp-port",
					"BRIEFWISSEL_MAIL_EMBEDDED_SMTP_PORT"));
		}
		if (inUse(host, embedded.imapPort())) {
			taken.add(new Port("IMAP", host, embedded.imapPort(), "briefwissel.mail.embedded.imap-port",
					"BRIEFWISSEL_MAIL_EMBEDDED_IMAP_PORT"));
		}
		return taken.isEmpty() ? failed : new EmbeddedMailPortInUseException(taken, failed);
	}

	/** Whether nothing can listen on the port now: asked after the server stopped what it had opened itself. */
	private static boolean inUse(String host, int port) {
		if (port <= 0) {
			return false;
		}
		try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
			return false;
		}
		catch (IOException held) {
			return true;
		}
	}
}

package nl.briefwissel.mail;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The evaluation default's own mail server: SMTP and IMAP on loopback only, so a person can use a
 * real mail client against Briefwissel without configuring anything. Every mailbox on it opens
 * with the configured evaluation password.
 */
@Component
@Conditional(NoMailServerConfigured.class)
public class EmbeddedMailServer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

	private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

	private final PromptGreenMail greenMail;

	private final String password;

	private final String platformMailbox;

	/** Addresses whose mail lands in the platform mailbox, as an alias would on a production server. */
	private final Set<String> platformAliases = ConcurrentHashMap.newKeySet();

	EmbeddedMailServer(MailProperties properties) {
		this.password = properties.embedded().password();
		this.greenMail = new PromptGreenMail(new ServerSetup[] { setup(properties.embedded().smtpPort(), "smtp"),
				setup(properties.embedded().imapPort(), "imap") });
		// reply+TOKEN@domain is delivered to reply@domain (RFC 5233 sub-addressing), like
		// production mail providers do: one platform mailbox for every reply address.
		this.greenMail.withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
		try {
			this.greenMail.start();
		}
		catch (RuntimeException failed) {
			// GreenMail says only that it could not start and suggests a longer start-up timeout; the usual cause
			// is another program (often Briefwissel started twice) on the port, which a person can act on.
			try {
				greenMail.stop(); // what it did open, so that only another program's ports count as taken
			}
			catch (RuntimeException alsoFailed) {
				failed.addSuppressed(alsoFailed);
			}
			throw EmbeddedMailPortInUseException.whichOf(LOOPBACK, properties.embedded(), failed);
		}
		this.platformMailbox = (ReplyAddress.LOCAL_PART + "@" + properties.domain()).toLowerCase(Locale.ROOT);
		ensureMailbox(platformMailbox);
		var userManager = greenMail.getUserManager();
		MessageDeliveryHandler standard = userManager.getMessageDeliveryHandler();
		userManager.setMessageDeliveryHandler((message, recipient) -> platformAliases
			.contains(recipient.getEmail().toLowerCase(Locale.ROOT)) ? userManager.getUserByEmail(platformMailbox)
					: standard.handle(message, recipient));
		log.info("Embedded mail server listening on {}: SMTP {}, IMAP {}", LOOPBACK, smtpPort(), imapPort());
	}

	private static ServerSetup setup(int port, String protocol) {
		ServerSetup setup = new ServerSetup(port, LOOPBACK, protocol);
		return port == 0 ? setup.dynamicPort() : setup;
	}

	public int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	public int imapPort() {
		return greenMail.imapPort();
	}

	public String host() {
		return LOOPBACK;
	}

	/** Makes sure the mailbox exists and opens with the evaluation password. */
	public void ensureMailbox(String address) {
		String login = address.toLowerCase(Locale.ROOT);
		if (greenMail.getUserManager().getUser(login) == null) {
			try {
				greenMail.setUser(login, login, password);
			}
			catch (IllegalStateException raced) {
				// Mail delivered at the same moment created the mailbox first; it is there, which is all we want.
				if (greenMail.getUserManager().getUser(login) == null) {
					throw raced;
				}
			}
		}
		// A mailbox that mail delivery created on its own gets the evaluation password too.
		var user = greenMail.getUserManager().getUser(login);
		if (!password.equals(user.getPassword())) {
			user.setPassword(password);
		}
	}

	/**
	 * Delivers mail for this address (a programme's intake address) to the platform mailbox, the
	 * way an operator sets up an alias on a production mail server.
	 */
	public void deliverToPlatform(String address) {
		platformAliases.add(address.toLowerCase(Locale.ROOT));
	}

	/** Mail for this address (an intake address a programme gave up) is the address's own again. */
	public void stopDeliveringToPlatform(String address) {
		platformAliases.remove(address.toLowerCase(Locale.ROOT));
	}

	/** Whether mail for this address lands in the platform mailbox now. */
	public boolean deliversToPlatform(String address) {
		return platformAliases.contains(address.toLowerCase(Locale.ROOT));
	}

	@Override
	public void destroy() {
		greenMail.stop();
	}

	/**
	 * GreenMail writes an answer of several lines (SMTP's EHLO, most IMAP answers) one line at a time.
	 * With Nagle's algorithm on, Java's default for a socket, each line after the first waits until the
	 * client acknowledged the one before, and Linux holds that acknowledgement back 40 ms: every mail
	 * sent to the embedded server and every IMAP command waited 40 ms for nothing (a second of the
	 * evaluation default's first start, where the demo story mails some twenty letters). A real mail
	 * server answers in one write. Sockets here send each line at once.
	 */
	private static final class PromptGreenMail extends GreenMail {

		private AbstractServer imap;

		PromptGreenMail(ServerSetup[] setups) {
			super(setups);
		}

		@Override
		protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
			Map<String, AbstractServer> services = super.createServices(setups, managers);
			for (ServerSetup setup : setups) {
				switch (setup.getProtocol()) {
					case ServerSetup.PROTOCOL_SMTP -> services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
						@Override
						protected void handleClientSocket(Socket client) throws SocketException {
							client.setTcpNoDelay(true);
							super.handleClientSocket(client);
						}
					});
					// GreenMail's ImapServer is final; this is what it does, on prompt sockets.
					case ServerSetup.PROTOCOL_IMAP -> {
						imap = new AbstractServer(setup, managers) {
							@Override
							protected ProtocolHandler createProtocolHandler(Socket client) {
								return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), client);
							}

							@Override
							protected void handleClientSocket(Socket client) throws SocketException {
								client.setTcpNoDelay(true);
								super.handleClientSocket(client);
							}
						};
						services.put(setup.getProtocol(), imap);
					}
					default -> throw new IllegalArgumentException("No embedded " + setup.getProtocol() + " server");
				}
			}
			return services;
		}

		/** GreenMail's own getImap() expects its final ImapServer. */
		@Override
		public ImapServer getImap() {
			throw new UnsupportedOperationException("Use imapPort()");
		}

		int imapPort() {
			return imap.getPort();
		}
	}
}

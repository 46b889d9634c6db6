package nl.briefwissel.mail;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
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

	private final GreenMail greenMail;

	private final String password;

	private final String platformMailbox;

	/** Addresses whose mail lands in the platform mailbox, as an alias would on a production server. */
	private final Set<String> platformAliases = ConcurrentHashMap.newKeySet();

	EmbeddedMailServer(MailProperties properties) {
		this.password = properties.embedded().password();
		this.greenMail = new GreenMail(new ServerSetup[] { setup(properties.embedded().smtpPort(), "smtp"),
				setup(properties.embedded().imapPort(), "imap") })
			// reply+TOKEN@domain is delivered to reply@domain (RFC 5233 sub-addressing), like
			// production mail providers do: one platform mailbox for every reply address.
			.withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
		this.greenMail.start();
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
		return greenMail.getImap().getPort();
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

	@Override
	public void destroy() {
		greenMail.stop();
	}
}

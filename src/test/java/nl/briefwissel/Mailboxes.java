package nl.briefwissel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.mail.EmbeddedMailServer;

import static org.awaitility.Awaitility.await;

/** Reads mailboxes on the embedded mail server over IMAP, the way a person's mail client does. */
public final class Mailboxes {

	public static final String PASSWORD = "briefwissel";

	private Mailboxes() {
	}

	public static List<MimeMessage> read(EmbeddedMailServer server, String address, String password)
			throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.imap.connectiontimeout", "5000");
		properties.put("mail.imap.timeout", "5000");
		Session session = Session.getInstance(properties);
		try (Store store = session.getStore("imap")) {
			store.connect(server.host(), server.imapPort(), address, password);
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			List<MimeMessage> messages = new ArrayList<>();
			for (Message message : inbox.getMessages()) {
				messages.add(new MimeMessage((MimeMessage) message));
			}
			inbox.close(false);
			return messages;
		}
	}

	/** Waits until a mail matching the predicate is in the mailbox, and returns it. */
	public static MimeMessage awaitMail(EmbeddedMailServer server, String address, Predicate<MimeMessage> matching) {
		List<MimeMessage> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			found.clear();
			server.ensureMailbox(address);
			read(server, address, PASSWORD).stream().filter(matching).forEach(found::add);
			return !found.isEmpty();
		});
		return found.get(found.size() - 1);
	}

	/** The plain-text part of a mail, decoded, as a person reads it. */
	public static String text(jakarta.mail.Part part) {
		try {
			if (part.isMimeType("text/plain")) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					String text = text(multipart.getBodyPart(i));
					if (!text.isEmpty()) {
						return text;
					}
				}
			}
			return "";
		}
		catch (MessagingException | java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A mail session that sends through the embedded server's SMTP port, as a person's mail client does. */
	public static Session smtp(EmbeddedMailServer server) {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(server.smtpPort()));
		return Session.getInstance(properties);
	}

	public static String subject(MimeMessage mail) {
		try {
			return mail.getSubject() == null ? "" : mail.getSubject();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The HTML part of a mail, as a mail client shows it; empty when it has none. */
	public static String html(jakarta.mail.Part part) throws Exception {
		if (part.isMimeType("text/html")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String html = html(multipart.getBodyPart(i));
				if (!html.isEmpty()) {
					return html;
				}
			}
		}
		return "";
	}
}

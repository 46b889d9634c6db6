package nl.briefwissel.mail;

import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Turns a queued mail into MIME and hands it to the SMTP relay (or the embedded server). */
@Component
class MailTransport {

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	private final MailProperties properties;

	private final Optional<EmbeddedMailServer> embedded;

	private final java.time.Clock clock;

	MailTransport(MailProperties properties, ObjectProvider<EmbeddedMailServer> embedded, java.time.Clock clock) {
		MailProvider.named();
		this.clock = clock;
		this.properties = properties;
		this.embedded = Optional.ofNullable(embedded.getIfAvailable());
		Properties javaMail = sender.getJavaMailProperties();
		javaMail.put("mail.smtp.connectiontimeout", "10000");
		// How long a reply may take. RFC 5321 (4.5.3.2) gives the reply to the end of a mail's data ten
		// minutes, for a gateway that scans it first: given up on sooner, the mail was often delivered
		// already, and went again at every attempt (decision 0039).
		javaMail.put("mail.smtp.timeout", String.valueOf(properties.smtp().readTimeout().toMillis()));
		javaMail.put("mail.smtp.writetimeout", "30000");
		if (this.embedded.isPresent()) {
			sender.setHost(this.embedded.get().host());
			sender.setPort(this.embedded.get().smtpPort());
		}
		else {
			MailProperties.Smtp smtp = properties.smtp();
			sender.setHost(smtp.host());
			sender.setPort(smtp.port());
			if (smtp.username() != null && !smtp.username().isBlank()) {
				sender.setUsername(smtp.username());
				sender.setPassword(smtp.password());
				javaMail.put("mail.smtp.auth", "true");
			}
			// Coaching content must not cross the network in clear text: STARTTLS is required
			// unless an operator switches it off explicitly (a relay on the same host).
			javaMail.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
			javaMail.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
		}
	}

	/** Sends one mail on a connection of its own. */
	void send(QueuedMail mail) throws MessagingException {
		try (Connection connection = connection()) {
			connection.send(mail);
		}
	}

	/** A connection for several mails in a row; it connects at the first mail, so an idle round costs nothing. */
	Connection connection() {
		return new Connection();
	}

	/**
	 * One SMTP session for the mails of one round of the outbox: a relay that wants STARTTLS and a
	 * sign-in (Exchange, a municipality's gateway) is paid for once per round instead of once per
	 * mail. A relay may close a session it has kept for a while or for a number of mails; a mail that
	 * fails on a session already used, before its data went, goes once more on a new one before it
	 * counts as an attempt.
	 */
	final class Connection implements AutoCloseable {

		private SmtpSession open;

		private Connection() {
		}

		void send(QueuedMail mail) throws MessagingException {
			MimeMessage message = mime(mail);
			if (open != null) {
				try {
					deliver(message);
					return;
				}
				catch (MessagingException | IllegalStateException e) {
					// A refusal of this mail leaves the session open; a session the relay ended does not
					// (Angus reports that as a failed MAIL FROM, "[EOF]", so the type does not tell them apart).
					boolean dataSent = open.dataSent;
					if (stillOpen()) {
						throw e;
					}
					close();
					// Once its data went, the relay may have the mail: a session that ended before the reply
					// to its end (a gateway slower than our timeout) says nothing about whether it was
					// delivered. Sent again now it would be there twice; it waits for its next attempt.
					if (dataSent) {
						throw e;
					}
				}
			}
			open = new SmtpSession(sender.getSession());
			try {
				open.connect(sender.getHost(), sender.getPort(), blankAsNull(sender.getUsername()), blankAsNull(sender.getPassword()));
				deliver(message);
			}
			catch (MessagingException | RuntimeException e) {
				if (!stillOpen()) {
					close();
				}
				throw e;
			}
		}

		private boolean stillOpen() {
			try {
				return open != null && open.isConnected();
			}
			catch (RuntimeException e) {
				return false;
			}
		}

		private void deliver(MimeMessage message) throws MessagingException {
			// The application's clock: a demo letter mailed at its past moment is dated then (decision 0045).
			message.setSentDate(Date.from(clock.instant()));
			message.saveChanges();
			open.dataSent = false;
			open.sendMessage(message, message.getAllRecipients());
		}

		@Override
		public void close() {
			if (open != null) {
				try {
					open.close();
				}
				catch (MessagingException e) {
					// The mails are sent or failed already; a session that does not end cleanly changes neither.
				}
				open = null;
			}
		}

		private static String blankAsNull(String value) {
			return value == null || value.isEmpty() ? null : value;
		}
	}

	/**
	 * Angus's SMTP session, which notes when a mail's data starts to go, once the relay said 354 to
	 * {@code DATA}: before that it has no mail of ours (a MAIL FROM, RCPT TO or DATA refused or ended);
	 * after it, it may have. Without chunking ({@code mail.smtp.chunksize} is not set) every mail's data
	 * goes this way.
	 */
	private static final class SmtpSession extends SMTPTransport {

		private volatile boolean dataSent;

		SmtpSession(Session session) {
			super(session, new URLName("smtp", null, -1, null, null, null));
		}

		@Override
		protected OutputStream data() throws MessagingException {
			OutputStream data = super.data();
			dataSent = true;
			return data;
		}
	}

	/**
	 * "Anja de Vries via Briefwissel" for a letter a person wrote: the participant's inbox shows whose
	 * letter it is, as a mail from the coach would. The address stays the platform's own (SPF, DKIM and
	 * DMARC pass for it, and replies go to the conversation's reply address anyway).
	 */
	private String senderName(QueuedMail mail) {
		String writer = mail.writtenBy() == null ? "" : mail.writtenBy().replaceAll("\\p{Cntrl}", " ").strip();
		return writer.isEmpty() ? properties.fromName() : writer + " via " + properties.fromName();
	}

	private MimeMessage mime(QueuedMail mail) throws MessagingException {
		embedded.ifPresent(server -> server.ensureMailbox(mail.recipient()));
		StableIdMimeMessage message = new StableIdMimeMessage(sender.getSession(), mail.messageId());
		// Bounces go to the envelope sender: with the reply address there, a bounce lands in the
		// platform mailbox carrying the token of the conversation it is about.
		message.setEnvelopeFrom(mail.replyTo() != null ? mail.replyTo() : properties.fromAddress());
		MimeMessageHelper helper = new Helper(message);
		try {
			helper.setFrom(new InternetAddress(properties.fromAddress(), senderName(mail), "UTF-8"));
		}
		catch (UnsupportedEncodingException e) {
			throw new IllegalStateException("UTF-8 is always supported", e);
		}
		helper.setTo(mail.recipient());
		helper.setSubject(mail.subject());
		// Every mail has both parts; one written as plain text gets its HTML made from the same words. With no
		// links: which addresses are ours is said where a notice is made (OutgoingMail.inLanguage), not here.
		helper.setText(mail.text(),
				mail.html() != null ? mail.html() : HtmlText.fromText(mail.text(), mail.subject(), null, null));
		if (mail.replyTo() != null) {
			helper.setReplyTo(mail.replyTo());
		}
		// Only IDs of printable ASCII: one read before the reader was strict (8-bit, control characters)
		// would go out as it came in, into a header a relay may refuse.
		if (mail.inReplyTo() != null && MailReader.MESSAGE_ID.matcher(mail.inReplyTo()).matches()) {
			message.setHeader("In-Reply-To", mail.inReplyTo());
		}
		String references = mail.references() == null ? "" : Arrays.stream(mail.references().split("\\s+"))
			.filter(id -> MailReader.MESSAGE_ID.matcher(id).matches())
			.collect(Collectors.joining(" "));
		if (!references.isEmpty()) {
			// Twenty Outlook Message-IDs on one line pass RFC 5322's 998-character limit, and relays refuse
			// or cut such a line; folded between the IDs, after the 12 characters of "References: ".
			message.setHeader("References", MimeUtility.fold(12, references));
		}
		if (mail.automatic()) {
			message.setHeader("Auto-Submitted", "auto-generated");
			// Exchange honours this instead of RFC 3834: no out-of-office replies to our notices.
			message.setHeader("X-Auto-Response-Suppress", "All");
		}
		return message;
	}

	/**
	 * Spring's helper reads {@code mime.types} into a new file-type map for every message it is given
	 * (unless the message came from its own sender); the map only names attachments' types, so one
	 * serves every mail.
	 */
	private static final class Helper extends MimeMessageHelper {

		private static final FileTypeMap FILE_TYPES = fileTypes();

		Helper(MimeMessage message) throws MessagingException {
			super(message, true, "UTF-8");
		}

		@Override
		protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
			return FILE_TYPES;
		}

		private static FileTypeMap fileTypes() {
			ConfigurableMimeFileTypeMap map = new ConfigurableMimeFileTypeMap();
			map.afterPropertiesSet();
			return map;
		}
	}

	/** Keeps the Message-ID chosen when the mail was queued; Jakarta Mail would make a new one per send. */
	private static final class StableIdMimeMessage extends SMTPMessage {

		private final String messageId;

		StableIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}
	}
}

package nl.briefwissel.mail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Receives replies over SMTP from the site's own MTA. Accepts only addresses of our mail domain
 * (no relaying), and answers {@code 250} only after the raw mail is committed: a crash before
 * that makes the sending MTA try again, and the store recognises the redelivery.
 */
@Component
@ConditionalOnProperty(name = "briefwissel.mail.receiver.enabled", havingValue = "true")
public class SmtpReceiver implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

	/**
	 * Room above the limit for the Received header the receiver writes on top of the mail itself: a mail of the size
	 * the greeting allows is taken whole.
	 */
	private static final int RECEIVED_ROOM = 1024;

	private final SMTPServer server;

	SmtpReceiver(MailProperties properties, InboundMails inbound, InboundProcessor processor) throws UnknownHostException {
		MailProperties.Receiver settings = properties.receiver();
		String domain = "@" + properties.domain().toLowerCase(Locale.ROOT);
		int maxSize = (int) Math.min(Integer.MAX_VALUE - RECEIVED_ROOM - 1, settings.maxSize().toBytes());
		this.server = SMTPServer.port(settings.port())
			.bindAddress(InetAddress.getByName(settings.bindAddress()))
			.hostName(properties.domain())
			.softwareName("Briefwissel")
			.maxRecipients(settings.maxRecipients())
			// Said in the answer to EHLO (RFC 1870 SIZE): a sending server that knows a mail is larger refuses it
			// itself, before it sends a byte, and one that declares the size is refused at MAIL FROM (SizeLast).
			.maxMessageSize(maxSize)
			.connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
			.messageHandlerFactory(context -> new Delivery(context, inbound, processor, domain, maxSize))
			.build();
		CommandHandler commands = this.server.getCommandHandler();
		commands.addCommand(new SizeLast(commands.getCommand("MAIL")));
		this.server.start();
		log.info("SMTP receiver listening on {}:{}", settings.bindAddress(), port());
	}

	/**
	 * MAIL FROM with its SIZE parameter moved to the end, where SubEthaSMTP reads it: it takes the size only when it
	 * is the last parameter, and Postfix sends {@code SIZE=n BODY=8BITMIME}, so a mail it declared larger than the
	 * limit was taken at MAIL FROM, sent whole and only then refused (RFC 5321 4.1.2 puts the parameters in no
	 * order). A size beyond what an int holds is said as the largest int: the library would fail on the number
	 * instead of refusing it. The command the library registered stays the one that runs (with its checks of TLS and
	 * sign-in), so a version that reads SIZE anywhere finds it where it looks too.
	 * <p>
	 * Through the library's internal command table, as it offers no other way: a version without it fails the build,
	 * not a mail.
	 */
	static final class SizeLast implements Command {

		/** SIZE=n after the sender's path, as a parameter of its own. */
		private static final Pattern SIZE = Pattern.compile("(?i)\\s+SIZE=(\\d+)(?=\\s|$)");

		private final Command mail;

		SizeLast(Command mail) {
			this.mail = java.util.Objects.requireNonNull(mail, "the library's MAIL command");
		}

		@Override
		public void execute(String line, Session session) throws IOException, DropConnectionException {
			mail.execute(sizeLast(line), session);
		}

		static String sizeLast(String line) {
			// Only the parameters, after the path: a quoted local part may hold "SIZE=1" too.
			int path = line.indexOf('>');
			if (path < 0) {
				return line;
			}
			Matcher size = SIZE.matcher(line).region(path + 1, line.length());
			if (!size.find()) {
				return line;
			}
			String digits = size.group(1).replaceFirst("^0+(?=\\d)", "");
			String declared = digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE
					? String.valueOf(Integer.MAX_VALUE) : digits;
			String rest = line.substring(0, size.start()) + line.substring(size.end());
			return rest.stripTrailing() + " SIZE=" + declared;
		}

		@Override
		public HelpMessage getHelp() throws CommandException {
			return mail.getHelp();
		}

		@Override
		public String getName() {
			return mail.getName();
		}
	}

	/** One SMTP transaction: the envelope, then the data, stored once for all its recipients. */
	private static final class Delivery implements MessageHandler {

		private final MessageContext session;

		private final InboundMails inbound;

		private final InboundProcessor processor;

		private final String domain;

		private final int maxSize;

		private String from;

		private final List<String> recipients = new ArrayList<>();

		Delivery(MessageContext session, InboundMails inbound, InboundProcessor processor, String domain, int maxSize) {
			this.session = session;
			this.inbound = inbound;
			this.processor = processor;
			this.domain = domain;
			this.maxSize = maxSize;
		}

		@Override
		public void from(String from) {
			this.from = from;
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			if (recipient == null || !recipient.toLowerCase(Locale.ROOT).endsWith(domain)) {
				throw new RejectException(550, "5.7.1 Relaying denied: this server only accepts mail for " + domain.substring(1));
			}
			recipients.add(recipient.toLowerCase(Locale.ROOT));
		}

		@Override
		public String data(InputStream data) throws RejectException, TooMuchDataException, IOException {
			byte[] raw = data.readNBytes(maxSize + RECEIVED_ROOM + 1);
			if (raw.length > maxSize + RECEIVED_ROOM) {
				// Read the rest before answering: a sender still writing when we answer gets a broken
				// pipe instead of the 552, and would try again forever.
				long drained = drain(data, 4L * maxSize);
				if (drained >= 4L * maxSize) {
					throw new IOException("Message far beyond the size limit; closing the connection");
				}
				// Not silent: the server that sent it returns the refusal to its sender; the operator sees it here.
				log.info("Refused a mail over the limit of {} with 552 5.3.4; the mail server that sent it tells its sender",
						size(maxSize));
				throw refused(552, "5.3.4 Message too big: mail to this address may be at most " + size(maxSize)
						+ "; send large files in several smaller mails");
			}
			try {
				inbound.store(withReturnPath(from, raw), InboundMails.Source.SMTP, from, recipients);
			}
			catch (RuntimeException e) {
				log.warn("Could not store a mail from the SMTP receiver; the sender will retry", e);
				throw refused(451, "4.3.0 Temporary failure storing the message, try again later");
			}
			processor.wakeUp();
			return null;
		}

		/**
		 * A refusal of the mail's data that ends its transaction, as any answer to the end of the data does (RFC 5321
		 * 4.1.1.4): SubEthaSMTP leaves it open after a refusal, so the next mail of the session, sent without RSET as
		 * the RFC allows, was refused with "503 Sender already specified", a permanent error, and bounced.
		 */
		private RejectException refused(int code, String text) {
			if (session instanceof Session open) {
				open.resetMailTransaction();
			}
			return new RejectException(code, text);
		}

		/** "25 MB" for the default, as a person reading the bounce knows sizes. */
		static String size(int bytes) {
			if (bytes % (1024 * 1024) == 0) {
				return bytes / (1024 * 1024) + " MB";
			}
			return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
		}

		/**
		 * The envelope's sender on top, as a server that delivers the mail writes it (RFC 5321 4.4): the
		 * site's MTA relays without it, and "&lt;&gt;" is how a bounce or an automatic answer says it is one.
		 */
		static byte[] withReturnPath(String from, byte[] raw) {
			if (from == null) {
				return raw;
			}
			String sender = from.replaceAll("[\\r\\n<>]", "");
			byte[] header = ("Return-Path: <" + sender + ">\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
			byte[] delivered = java.util.Arrays.copyOf(header, header.length + raw.length);
			System.arraycopy(raw, 0, delivered, header.length, raw.length);
			return delivered;
		}

		private static long drain(InputStream data, long limit) throws IOException {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			int read;
			while (total < limit && (read = data.read(buffer)) >= 0) {
				total += read;
			}
			return total;
		}

		@Override
		public void done() {
			// nothing held between transactions
		}
	}

	public int port() {
		return server.getPortAllocated();
	}

	@Override
	public void destroy() {
		server.stop();
	}
}

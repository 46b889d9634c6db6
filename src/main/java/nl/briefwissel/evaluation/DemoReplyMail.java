package nl.briefwissel.evaluation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import nl.briefwissel.conversation.Message;

/**
 * A demo participant's reply as their own mail program would send it: to the reply address of the
 * coach's mail, threaded to it, with the coach's letter quoted under a Dutch "Op … schreef …:" line.
 * The inbound pipeline reads it as it reads any reply and trims the quote off.
 */
final class DemoReplyMail {

	private static final DateTimeFormatter QUOTE_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy 'om' HH:mm",
			Locale.forLanguageTag("nl"));

	private DemoReplyMail() {
	}

	static byte[] of(String fromAddress, String fromName, String replyAddress, Message answered, String text, Instant at,
			ZoneId zone) {
		try {
			MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
				@Override
				protected void updateMessageID() throws MessagingException {
					// Not from the host name: that asks the resolver for this machine's name.
					setHeader("Message-ID", "<" + UUID.randomUUID() + "@mail.briefwissel.test>");
				}
			};
			mail.setFrom(new InternetAddress(fromAddress, fromName, "UTF-8"));
			mail.setRecipient(RecipientType.TO, new InternetAddress(replyAddress));
			mail.setSubject("Re: Je e-coaching met " + answered.authorName(), "UTF-8");
			mail.setSentDate(Date.from(at));
			if (answered.mailMessageId() != null) {
				mail.setHeader("In-Reply-To", answered.mailMessageId());
				mail.setHeader("References", answered.mailMessageId());
			}
			String quote = answered.body().lines().map(line -> line.isEmpty() ? ">" : "> " + line)
				.collect(Collectors.joining("\n"));
			mail.setText(text + "\n\nOp " + QUOTE_DATE.format(answered.createdAt().atZoneSameInstant(zone)) + " schreef "
					+ answered.authorName() + " via Briefwissel <" + replyAddress + ">:\n\n" + quote + "\n",
					StandardCharsets.UTF_8.name());
			mail.saveChanges();
			ByteArrayOutputStream raw = new ByteArrayOutputStream();
			mail.writeTo(raw);
			return raw.toByteArray();
		}
		catch (MessagingException e) {
			throw new IllegalStateException("The demo reply could not be written", e);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package nl.briefwissel.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads one raw mail: decodes it, classifies it, finds the reply token, trims the text and lists
 * the attachments. Needs no database, so {@code mail inspect} and the pipeline give the same
 * answer. Never throws on bad input: what cannot be read comes back as {@link MailKind#UNREADABLE}
 * with the reason.
 */
public final class MailReader {

	/** Larger raw mails are not parsed at all (the SMTP receiver refuses them before this). */
	public static final int MAX_MAIL_BYTES = 30 * 1024 * 1024;

	static final int MAX_PARTS = 200;

	static final int MAX_DEPTH = 10;

	/** Signature logos are a few KB; a photo, even a phone's reduced one, is far larger. */
	static final int MAX_LAYOUT_IMAGE_BYTES = 40 * 1024;

	private static final Pattern TOKEN = Pattern.compile("(?i)(?:^|[<\\s,:;\"])reply\\+([a-z0-9]{16,64})@");

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,900}>");

	private static final Pattern HEADER_START = Pattern.compile("^[A-Za-z0-9-]{1,60}:");

	static {
		MailProvider.named();
	}

	private static final Session SESSION = session();

	private MailReader() {
	}

	private static Session session() {
		Properties properties = new Properties();
		// Real clients produce slightly wrong MIME; read it as leniently as a mail client does.
		properties.put("mail.mime.address.strict", "false");
		properties.put("mail.mime.decodetext.strict", "false");
		properties.put("mail.mime.decodefilename", "true");
		properties.put("mail.mime.decodeparameters", "true");
		properties.put("mail.mime.parameters.strict", "false");
		properties.put("mail.mime.base64.ignoreerrors", "true");
		properties.put("mail.mime.uudecode.ignoreerrors", "true");
		properties.put("mail.mime.allowutf8", "true");
		properties.put("mail.mime.multipart.ignoremissingendboundary", "true");
		properties.put("mail.mime.multipart.allowempty", "true");
		return Session.getInstance(properties);
	}

	public static ReadMail read(byte[] raw) {
		return read(raw, List.of());
	}

	/** Reads a mail; {@code envelopeRecipients} are the SMTP RCPT TO addresses when known. */
	public static ReadMail read(byte[] raw, List<String> envelopeRecipients) {
		if (raw == null || raw.length == 0) {
			return ReadMail.unreadable("empty: the file or message has no content");
		}
		if (raw.length > MAX_MAIL_BYTES) {
			return ReadMail.unreadable("too big: " + raw.length + " bytes, the limit is " + MAX_MAIL_BYTES);
		}
		if (!startsWithHeader(raw)) {
			return ReadMail.unreadable("not a mail: no header lines at the start");
		}
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			return read(message, envelopeRecipients);
		}
		catch (MessagingException | IOException | RuntimeException e) {
			return ReadMail.unreadable("cannot be parsed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
		}
	}

	private static ReadMail read(MimeMessage message, List<String> envelopeRecipients)
			throws MessagingException, IOException {
		if (message.getHeader("From") == null && message.getHeader("Message-ID") == null
				&& message.getHeader("Subject") == null && message.getHeader("Date") == null) {
			return ReadMail.unreadable("not a mail: none of From, Subject, Date or Message-ID");
		}
		String tooBig = AutomaticMailDetector.header(message, "X-Briefwissel-Too-Big");
		if (!tooBig.isBlank()) {
			return ReadMail.unreadable("too big: " + tooBig + " bytes, the limit is " + MAX_MAIL_BYTES);
		}
		InternetAddress sender = sender(message);
		String from = sender == null ? null : sender.getAddress().toLowerCase(Locale.ROOT);
		String fromName = sender == null ? null : oneLine(sender.getPersonal());
		String subject = subject(message);
		String messageId = firstMessageId(AutomaticMailDetector.header(message, "Message-ID"));
		String inReplyTo = firstMessageId(AutomaticMailDetector.header(message, "In-Reply-To"));
		List<String> references = references(message);
		String token = replyToken(message, envelopeRecipients);

		Body body = new Body();
		collect(message, body, 0, null);
		String fullText = body.plain != null ? body.plain : body.html != null ? HtmlText.toText(body.html) : "";
		fullText = fullText.replace("\r\n", "\n");
		String safeHtml = body.html == null ? null : HtmlText.sanitise(body.html);

		MailKind kind;
		String failedRecipient = null;
		// A delivery report that only says "delayed" (or relayed, delivered): the mail may still arrive.
		boolean noFailure = !body.deliveryActions.isEmpty() && !body.deliveryActions.contains("failed");
		if (!noFailure && AutomaticMailDetector.isBounce(message, from, subject)) {
			kind = MailKind.BOUNCE;
			failedRecipient = body.failedRecipient;
		}
		else if (noFailure) {
			kind = MailKind.DELIVERY_REPORT;
			failedRecipient = body.failedRecipient; // whom the report is about
		}
		else if (AutomaticMailDetector.isAutoReply(message, subject)) {
			kind = MailKind.AUTO_REPLY;
		}
		else {
			kind = MailKind.REPLY;
		}
		if (kind != MailKind.BOUNCE) {
			body.attachments.addAll(body.enclosedMails);
		}
		QuoteTrimmer.Trimmed trimmed = kind == MailKind.REPLY ? QuoteTrimmer.trim(fullText)
				: new QuoteTrimmer.Trimmed(fullText.strip(), "");
		return new ReadMail(kind, null, messageId, from, fromName, subject, inReplyTo, references, token,
				trimmed.kept(), trimmed.cut(), fullText, safeHtml, body.attachments, failedRecipient,
				recipients(message, envelopeRecipients));
	}

	/** The parts of a body worth keeping, collected while walking the MIME tree. */
	private static final class Body {

		String plain;

		String html;

		String failedRecipient;

		/** The {@code Action} of each recipient in a delivery report (RFC 3464): failed, delayed, delivered... */
		final java.util.Set<String> deliveryActions = new java.util.HashSet<>();

		final List<MailAttachment> attachments = new ArrayList<>();

		/**
		 * Whole mails inside this one: a mail forwarded as an attachment, or the returned original of a
		 * bounce. Only the first are the sender's, so they become attachments once the kind is known.
		 */
		final List<MailAttachment> enclosedMails = new ArrayList<>();

		int parts;
	}

	/** Walks the MIME tree; {@code parent} is the multipart this part sits in, null for the mail itself. */
	private static void collect(Part part, Body body, int depth, Part parent) throws MessagingException, IOException {
		if (++body.parts > MAX_PARTS || depth > MAX_DEPTH) {
			return; // a hostile nesting; what was read so far is kept
		}
		String type = lower(part.getContentType());
		if (part.isMimeType("multipart/*")) {
			Object content = part.getContent();
			if (content instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					collect(child, body, depth + 1, part);
				}
			}
			return;
		}
		boolean inRelated = parent != null && parent.isMimeType("multipart/related");
		// Parts of multipart/mixed follow each other; those of multipart/alternative say the same thing twice.
		boolean inMixed = parent != null && parent.isMimeType("multipart/mixed");
		if (type.startsWith("message/delivery-status")) {
			String report = text(part);
			body.failedRecipient = failedRecipient(report);
			Matcher action = DELIVERY_ACTION.matcher(report);
			while (action.find()) {
				body.deliveryActions.add(action.group(1).toLowerCase(Locale.ROOT));
			}
			return;
		}
		if (type.startsWith("text/rfc822-headers")) {
			return; // the returned headers of a bounce: not the sender's text
		}
		if (type.startsWith("message/rfc822") || type.startsWith("message/global")) {
			// Not the sender's text, but a vacancy or a manager's mail forwarded "as attachment" is the
			// participant's material: kept whole as a file the coach can open in their mail program.
			String filename = filename(part);
			body.enclosedMails.add(attachment(part, filename != null ? filename : enclosedMailName(part)));
			return;
		}
		String disposition = part.getDisposition() == null ? "" : part.getDisposition().toLowerCase(Locale.ROOT);
		String filename = filename(part);
		boolean attachment = disposition.equals(Part.ATTACHMENT)
				|| (filename != null && !part.isMimeType("text/plain") && !part.isMimeType("text/html"))
				|| (!part.isMimeType("text/*"));
		if (!attachment && part.isMimeType("text/plain") && body.plain == null) {
			body.plain = plainText(part);
		}
		else if (!attachment && part.isMimeType("text/html") && body.html == null) {
			body.html = text(part);
		}
		else if (!attachment && filename == null && inMixed && part.isMimeType("text/plain")) {
			// Apple Mail sends a file placed inside the letter as text, file, text: the words after the
			// file are as much the letter as those before it.
			body.plain = body.plain.stripTrailing() + "\n\n" + plainText(part);
		}
		else if (!attachment && filename == null && inMixed && part.isMimeType("text/html")) {
			body.html = body.html + "\n" + text(part);
		}
		else if (attachment || (filename != null)) {
			boolean shownByContentId = part.getHeader("Content-ID") != null && !disposition.equals(Part.ATTACHMENT)
					&& (inRelated || filename == null);
			// Logos and signature images are layout, not files. A photo pasted into the letter (Gmail,
			// Outlook desktop) is sent the same way, inline by Content-ID, and may be the answer to a
			// photo assignment: only its size tells the two apart.
			if (shownByContentId && decodedSize(part, MAX_LAYOUT_IMAGE_BYTES) < MAX_LAYOUT_IMAGE_BYTES) {
				return;
			}
			if (!shownByContentId && filename == null && disposition.equals(Part.INLINE)) {
				return;
			}
			body.attachments.add(attachment(part, filename));
		}
	}

	/** "Subject of the enclosed mail.eml", as mail programs name it when they save it. */
	private static String enclosedMailName(Part part) {
		try {
			if (part.getContent() instanceof MimeMessage enclosed) {
				String subject = subject(enclosed);
				if (subject != null && !subject.isBlank()) {
					return subject.strip() + ".eml";
				}
			}
		}
		catch (MessagingException | IOException | RuntimeException e) {
			// an enclosed mail that cannot be read still is kept, under a plain name
		}
		return "doorgestuurd-bericht.eml";
	}

	private static MailAttachment attachment(Part part, String filename) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return MailAttachment.received(filename, baseType(part.getContentType()), in);
		}
	}

	/** Decoded bytes of a part, counted up to {@code limit}: enough to compare, without reading a whole photo twice. */
	private static int decodedSize(Part part, int limit) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return in.readNBytes(limit).length;
		}
	}

	/**
	 * A text/plain part as its writer typed it. Thunderbird and other clients send format=flowed
	 * (RFC 3676): paragraphs are broken at ~72 characters with a trailing space to say "this line
	 * goes on"; unless they are joined again, the letter is stored broken mid-sentence.
	 */
	private static String plainText(Part part) throws MessagingException, IOException {
		String text = text(part);
		ContentType type;
		try {
			type = new ContentType(part.getContentType());
		}
		catch (MessagingException | RuntimeException e) {
			return text;
		}
		String format = type.getParameter("format");
		if (format == null || !format.strip().equalsIgnoreCase("flowed")) {
			return text;
		}
		String delsp = type.getParameter("delsp");
		return unflow(text, delsp != null && delsp.strip().equalsIgnoreCase("yes"));
	}

	/**
	 * Joins the soft line breaks of format=flowed text (RFC 3676 section 4). Quoted lines are
	 * written back with their {@code >} marks, so {@link QuoteTrimmer} still sees the quote.
	 */
	static String unflow(String text, boolean deleteSpace) {
		List<String> out = new ArrayList<>();
		StringBuilder open = null; // a paragraph whose last line ended in a space
		int openDepth = 0;
		for (String raw : text.replace("\r\n", "\n").split("\n", -1)) {
			int depth = 0;
			while (depth < raw.length() && raw.charAt(depth) == '>') {
				depth++;
			}
			String line = raw.substring(depth);
			// Space-stuffing (section 4.4): a sender puts a space before a line starting with a space,
			// "From " or ">"; after quote marks that space is the stuffing too.
			if (line.startsWith(" ")) {
				line = line.substring(1);
			}
			boolean signature = line.equals("-- ");
			// Lines of another quote depth are never joined (section 4.5); neither is the signature
			// separator, which QuoteTrimmer must still find on its own line. A blank line ends a
			// paragraph here although the RFC would join it: a sender's stray trailing space must not
			// cost the letter its paragraph break.
			if (open != null && (depth != openDepth || line.isEmpty() || signature)) {
				out.add(quoted(openDepth, open.toString().stripTrailing()));
				open = null;
			}
			if (open == null) {
				open = new StringBuilder(line);
				openDepth = depth;
			}
			else {
				open.append(line);
			}
			if (line.endsWith(" ") && !signature) {
				if (deleteSpace) {
					open.setLength(open.length() - 1);
				}
				continue;
			}
			out.add(quoted(openDepth, open.toString()));
			open = null;
		}
		if (open != null) {
			out.add(quoted(openDepth, open.toString().stripTrailing()));
		}
		return String.join("\n", out);
	}

	private static String quoted(int depth, String line) {
		if (depth == 0) {
			return line;
		}
		return ">".repeat(depth) + (line.isEmpty() ? "" : " " + line);
	}

	/** Decodes a text part; a wrong or unknown charset falls back to what the bytes most likely are. */
	static String text(Part part) throws MessagingException, IOException {
		byte[] bytes;
		try (InputStream in = part.getInputStream()) {
			bytes = in.readNBytes(HtmlText.MAX_HTML_CHARS * 4);
		}
		String declared = null;
		try {
			declared = new ContentType(part.getContentType()).getParameter("charset");
		}
		catch (MessagingException e) {
			// a broken Content-Type: decode by guessing below
		}
		Charset charset = charset(declared);
		if (charset != null) {
			String strict = decodeStrictly(bytes, charset);
			if (strict != null) {
				return strict;
			}
		}
		// Declared UTF-8 but written in windows-1252 (or no usable charset at all): Dutch mail clients
		// still do this; UTF-8 when the bytes are valid UTF-8, else windows-1252.
		String utf8 = decodeStrictly(bytes, StandardCharsets.UTF_8);
		return utf8 != null ? utf8 : new String(bytes, Charset.forName("windows-1252"));
	}

	private static Charset charset(String name) {
		if (name == null || name.isBlank()) {
			return StandardCharsets.US_ASCII;
		}
		try {
			String javaName = MimeUtility.javaCharset(name.trim());
			// ISO-8859-1 mail is in practice windows-1252 (curly quotes, euro sign).
			if (javaName.equalsIgnoreCase("ISO-8859-1") || javaName.equalsIgnoreCase("ISO8859_1")) {
				return Charset.forName("windows-1252");
			}
			return Charset.forName(javaName);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	private static String decodeStrictly(byte[] bytes, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException e) {
			return null;
		}
	}

	private static InternetAddress sender(MimeMessage message) throws MessagingException {
		String raw = AutomaticMailDetector.header(message, "From");
		if (raw.isBlank()) {
			return null;
		}
		try {
			InternetAddress[] addresses = InternetAddress.parseHeader(raw, false);
			return addresses.length == 0 ? null : addresses[0];
		}
		catch (MessagingException e) {
			Matcher address = Pattern.compile("[^<>\\s\"]+@[^<>\\s\"]+").matcher(raw);
			return address.find() ? new InternetAddress(address.group()) : null;
		}
	}

	private static String subject(MimeMessage message) throws MessagingException {
		String raw = message.getHeader("Subject", null);
		if (raw == null) {
			return "";
		}
		try {
			return oneLine(MimeUtility.decodeText(MimeUtility.unfold(raw)));
		}
		catch (UnsupportedEncodingException e) {
			return oneLine(raw);
		}
	}

	/** Header values are shown on one line: an encoded CR LF can never start a new header. */
	static String oneLine(String value) {
		return value == null ? null : value.replaceAll("[\\r\\n\\t\\u0000-\\u001f\\u007f]+", " ").strip();
	}

	private static List<String> references(MimeMessage message) throws MessagingException {
		Set<String> ids = new LinkedHashSet<>();
		Matcher references = MESSAGE_ID.matcher(AutomaticMailDetector.header(message, "References"));
		while (references.find()) {
			ids.add(references.group());
		}
		Matcher inReplyTo = MESSAGE_ID.matcher(AutomaticMailDetector.header(message, "In-Reply-To"));
		while (inReplyTo.find()) {
			ids.add(inReplyTo.group());
		}
		return List.copyOf(ids);
	}

	private static String firstMessageId(String header) {
		Matcher id = MESSAGE_ID.matcher(header);
		return id.find() ? id.group() : null;
	}

	private static String replyToken(MimeMessage message, List<String> envelopeRecipients) throws MessagingException {
		List<String> candidates = new ArrayList<>(envelopeRecipients);
		for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")) {
			candidates.add(AutomaticMailDetector.header(message, header));
		}
		for (String candidate : candidates) {
			Matcher token = TOKEN.matcher(" " + candidate);
			if (token.find()) {
				return token.group(1).toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

	private static List<String> recipients(MimeMessage message, List<String> envelopeRecipients) throws MessagingException {
		java.util.Set<String> found = new java.util.LinkedHashSet<>();
		envelopeRecipients.forEach(address -> found.add(address.toLowerCase(Locale.ROOT)));
		for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")) {
			Matcher address = ADDRESS.matcher(AutomaticMailDetector.header(message, header));
			while (address.find()) {
				found.add(address.group().toLowerCase(Locale.ROOT));
			}
		}
		return List.copyOf(found);
	}

	private static final Pattern DELIVERY_ACTION = Pattern.compile("(?im)^action:\\s*([a-z]+)");

	private static String failedRecipient(String deliveryStatus) {
		Matcher recipient = Pattern.compile("(?im)^(?:final|original)-recipient:\\s*(?:rfc822;)?\\s*<?([^\\s>]+@[^\\s>]+)")
			.matcher(deliveryStatus);
		return recipient.find() ? recipient.group(1).toLowerCase(Locale.ROOT) : null;
	}

	private static String filename(Part part) {
		try {
			String name = part.getFileName();
			return name == null || name.isBlank() ? null : MimeUtility.decodeText(name);
		}
		catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
			return "bijlage";
		}
	}

	private static String baseType(String contentType) {
		try {
			return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException e) {
			return "application/octet-stream";
		}
	}

	private static boolean startsWithHeader(byte[] raw) {
		int end = 0;
		while (end < raw.length && end < 1000 && raw[end] != '\n') {
			end++;
		}
		String first = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
		return HEADER_START.matcher(first).find() || first.startsWith("From ");
	}

	private static String lower(String value) {
		return value == null ? "" : value.toLowerCase(Locale.ROOT);
	}
}

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
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

	/**
	 * A Message-ID as RFC 5322 allows it: printable ASCII between angle brackets. One with 8-bit or
	 * control characters is read as no ID at all, so that it never reaches the In-Reply-To and References
	 * of our answer, where a relay may refuse the header or a client break the thread on it.
	 */
	static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,900}>");

	private static final Pattern HEADER_START = Pattern.compile("^[A-Za-z0-9-]{1,60}:");

	static {
		MailProvider.named();
	}

	private static final Session SESSION = session();

	/** The most of a mail's text a letter holds (the column takes about three million bytes sealed). */
	static final int MAX_LETTER_CHARS = 500_000;

	/** More text than an automatic answer has: it is kept as a short note of at most this much. */
	static final int WRITTEN_LETTER_CHARS = 2_000;

	private MailReader() {
	}

	private static Session session() {
		// Real clients produce slightly wrong MIME; read it as leniently as a mail client does. Most of
		// that is set for the whole JVM (MimeLeniency); these two are the session's.
		MimeLeniency.apply();
		Properties properties = new Properties();
		properties.put("mail.mime.address.strict", "false");
		properties.put("mail.mime.allowutf8", "true");
		return Session.getInstance(properties);
	}

	public static ReadMail read(byte[] raw) {
		return read(raw, List.of());
	}

	/** Reads a mail; {@code envelopeRecipients} are the SMTP RCPT TO addresses when known. */
	public static ReadMail read(byte[] raw, List<String> envelopeRecipients) {
		return read(raw, envelopeRecipients, List.of());
	}

	/**
	 * Reads a mail; {@code ourSenders} name how our own mails' sender shows in a quote when the mail
	 * domain does not say it (the sending address, {@code "via " + from-name}), lower case.
	 */
	static ReadMail read(byte[] raw, List<String> envelopeRecipients, List<String> ourSenders) {
		if (raw == null || raw.length == 0) {
			return ReadMail.unreadable("empty: the file or message has no content");
		}
		if (raw.length > MAX_MAIL_BYTES) {
			return tooBig(raw, envelopeRecipients, String.valueOf(raw.length));
		}
		if (!startsWithHeader(raw)) {
			return ReadMail.unreadable("not a mail: no header lines at the start");
		}
		try {
			int headerEnd = headerEnd(raw);
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(headersInUtf8(raw, headerEnd)));
			return read(message, envelopeRecipients, headersOnly(raw, headerEnd), ourSenders);
		}
		catch (MessagingException | IOException | RuntimeException e) {
			return ReadMail.unreadable("cannot be parsed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
		}
		catch (StackOverflowError e) {
			// A pattern or the parser went too deep on hostile input; the worker's thread is fine once unwound.
			return ReadMail.unreadable("cannot be parsed: too deeply built");
		}
	}

	/**
	 * {@code headersOnly}: the mail has no body, as the IMAP adapter keeps a mail too big to fetch
	 * (headers and the {@code X-Briefwissel-Too-Big} it adds). Only then does that header count: on any
	 * other mail it is the sender's to write, and made a small letter unreadable.
	 */
	private static ReadMail read(MimeMessage message, List<String> envelopeRecipients, boolean headersOnly,
			List<String> ourSenders) throws MessagingException, IOException {
		if (message.getHeader("From") == null && message.getHeader("Message-ID") == null
				&& message.getHeader("Subject") == null && message.getHeader("Date") == null) {
			return ReadMail.unreadable("not a mail: none of From, Subject, Date or Message-ID");
		}
		String tooBig = AutomaticMailDetector.header(message, "X-Briefwissel-Too-Big");
		if (!tooBig.isBlank() && headersOnly) {
			return tooBig(message, envelopeRecipients, tooBig);
		}
		InternetAddress sender = sender(message);
		String from = sender == null ? null : sender.getAddress().toLowerCase(Locale.ROOT);
		String fromName = sender == null ? null : oneLine(sender.getPersonal());
		String subject = subject(message);
		String messageId = firstMessageId(AutomaticMailDetector.header(message, "Message-ID"));
		String inReplyTo = firstMessageId(AutomaticMailDetector.header(message, "In-Reply-To"));
		List<String> references = references(message);
		List<String> tokens = replyTokens(message, envelopeRecipients);
		String token = tokens.isEmpty() ? null : tokens.get(0);
		List<String> recipients = recipients(message, envelopeRecipients);

		Body body = new Body();
		collect(message, body, 0, null);
		// Held when no text of the letter read, or when the garbage came where the letter is (before any text that
		// read, outside an alternative): a relay's footer after it would have stood in for the participant's words.
		// A garbage part beside one that reads (an alternative, or a footer after the letter) is left out, and the
		// original mail keeps it.
		if (body.undecodable != null && (body.letterUndecodable || body.plain == null && body.html == null)) {
			// Its files were read with it: named on the held mail's page (name, type and size), none of them kept.
			return withoutText(message, envelopeRecipients, ReadMail.UNDECODABLE + body.undecodable,
					body.attachments.stream().map(MailAttachment::namedOnly).toList());
		}
		if (body.plain == null && body.html == null) {
			// Exchange between its own servers, or to a server that says it reads TNEF: all of the mail is winmail.dat.
			body.plain = body.tnefText;
			body.html = body.tnefHtml;
		}
		// An empty plain alternative (some web mailers) says nothing: the HTML has the letter.
		String fullText = body.plain != null && !body.plain.isBlank() ? body.plain
				: body.html != null ? HtmlText.toText(body.html) : body.plain != null ? body.plain : "";
		fullText = fullText.replace("\r\n", "\n");
		if (fullText.length() > MAX_LETTER_CHARS) {
			// A letter of a million characters is text pasted in by mistake; stored whole it would not fit its
			// column once sealed, and the mail ended failed. The original mail keeps all of it.
			fullText = fullText.substring(0, MAX_LETTER_CHARS) + "\n\n[…]";
		}
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
		else if (AutomaticMailDetector.isAutoReply(message, subject,
				!body.attachments.isEmpty() || fullText.strip().length() > WRITTEN_LETTER_CHARS)) {
			kind = MailKind.AUTO_REPLY;
		}
		else {
			kind = MailKind.REPLY;
		}
		if (kind != MailKind.BOUNCE) {
			body.attachments.addAll(body.enclosedMails);
		}
		QuoteTrimmer.Trimmed trimmed = kind == MailKind.REPLY
				? QuoteTrimmer.trim(fullText, subject, ours(recipients, ourSenders), from, !references.isEmpty() || inReplyTo != null,
						fromName)
				: new QuoteTrimmer.Trimmed(fullText.strip(), "");
		// The separator HtmlText put in for the trimmer is no part of the mail: shown to nobody (decision 0075).
		return new ReadMail(kind, null, messageId, from, fromName, subject, inReplyTo, references, token, tokens,
				HtmlText.withoutReplyMarker(trimmed.kept()), HtmlText.withoutReplyMarker(trimmed.cut()),
				HtmlText.withoutReplyMarker(fullText), safeHtml, body.attachments, failedRecipient,
				recipients, authenticationResults(message), body.layoutImages);
	}

	/** The headers of a mail above {@link #MAX_MAIL_BYTES} are at most this far into it; its body is never parsed. */
	private static final int MAX_HEADER_BYTES = 1024 * 1024;

	/**
	 * A whole mail too big to keep: only its headers are read, from its first part. What they say is
	 * kept with it (decision 0075).
	 */
	private static ReadMail tooBig(byte[] raw, List<String> envelopeRecipients, String size) {
		try {
			byte[] head = Arrays.copyOf(raw, Math.min(raw.length, MAX_HEADER_BYTES));
			int end = headerEnd(head);
			byte[] headers = Arrays.copyOf(head, end);
			return tooBig(new MimeMessage(SESSION, new ByteArrayInputStream(headersInUtf8(headers, end))), envelopeRecipients,
					size);
		}
		catch (MessagingException | RuntimeException e) {
			return ReadMail.unreadable(ReadMail.TOO_BIG + size + " bytes, the limit is " + MAX_MAIL_BYTES);
		}
	}

	/**
	 * A mail too big to keep, as its headers say it: unreadable, with who sent it, its subject and the
	 * reply address it went to, so the conversation it was meant for is known and its coach and
	 * participant can be told (decision 0075). No words and no files: those were never kept.
	 */
	private static ReadMail tooBig(MimeMessage message, List<String> envelopeRecipients, String size) throws MessagingException {
		return withoutText(message, envelopeRecipients, ReadMail.TOO_BIG + size + " bytes, the limit is " + MAX_MAIL_BYTES);
	}

	/**
	 * An unreadable mail whose headers were read: who sent it, its subject and the reply address it went to, so
	 * it is held for the conversation it was meant for. No words, and no files kept.
	 */
	private static ReadMail withoutText(MimeMessage message, List<String> envelopeRecipients, String problem)
			throws MessagingException {
		return withoutText(message, envelopeRecipients, problem, List.of());
	}

	/** As above, with the files the mail brought, named only (never kept: {@link MailAttachment#namedOnly}). */
	private static ReadMail withoutText(MimeMessage message, List<String> envelopeRecipients, String problem,
			List<MailAttachment> named) throws MessagingException {
		InternetAddress sender = sender(message);
		List<String> tokens = replyTokens(message, envelopeRecipients);
		return new ReadMail(MailKind.UNREADABLE, problem,
				firstMessageId(AutomaticMailDetector.header(message, "Message-ID")),
				sender == null ? null : sender.getAddress().toLowerCase(Locale.ROOT),
				sender == null ? null : oneLine(sender.getPersonal()), subject(message),
				firstMessageId(AutomaticMailDetector.header(message, "In-Reply-To")), references(message),
				tokens.isEmpty() ? null : tokens.get(0), tokens, "", "", "", null, named, null,
				recipients(message, envelopeRecipients), authenticationResults(message), List.of());
	}

	/** The parts of a body worth keeping, collected while walking the MIME tree. */
	private static final class Body {

		String plain;

		String html;

		/** The multipart the HTML letter was found in: a plain part after it in that same list follows it. */
		Part htmlIn;

		/** The multipart the plain letter was found in. */
		Part plainIn;

		String failedRecipient;

		/** The {@code Action} of each recipient in a delivery report (RFC 3464): failed, delayed, delivered... */
		final Set<String> deliveryActions = new HashSet<>();

		final List<MailAttachment> attachments = new ArrayList<>();

		/** Small images shown in the text, left out as layout: only named, for the original mail's page. */
		final List<MailAttachment> layoutImages = new ArrayList<>();

		/**
		 * Whole mails inside this one: a mail forwarded as an attachment, or the returned original of a
		 * bounce. Only the first are the sender's, so they become attachments once the kind is known.
		 */
		final List<MailAttachment> enclosedMails = new ArrayList<>();

		int parts;

		/** Why a part of the letter's text did not decode into text, when one did not; null when all did. */
		String undecodable;

		/** Whether a part that did not decode stood where the letter stands: first of the text, not an alternative. */
		boolean letterUndecodable;

		/** The letter as a winmail.dat holds it, for a mail with no text outside it (null otherwise). */
		String tnefText;

		String tnefHtml;
	}

	/**
	 * Whether the multipart {@code inner} is {@code outer} or sits in it: a letter read in an alternative inside the
	 * mixed a footer follows in is that mixed's letter too (its plain alternative garbage, the footer after it
	 * would have been the whole text).
	 */
	private static boolean within(Part inner, Part outer) {
		Part at = inner;
		for (int depth = 0; at != null && depth <= MAX_DEPTH; depth++) {
			if (at == outer) {
				return true;
			}
			at = at instanceof BodyPart child && child.getParent() != null ? child.getParent().getParent() : null;
		}
		return false;
	}

	/** Walks the MIME tree; {@code parent} is the multipart this part sits in, null for the mail itself. */
	private static void collect(Part part, Body body, int depth, Part parent) throws MessagingException, IOException {
		if (++body.parts > MAX_PARTS || depth > MAX_DEPTH) {
			return; // a hostile nesting; what was read so far is kept
		}
		String type = lower(part.getContentType());
		if (part.isMimeType("multipart/*")) {
			boolean nothingReadBefore = body.plain == null && body.html == null && body.undecodable == null;
			String unsplit = unsplitParts(part);
			if (unsplit != null) {
				// Text no part could be taken from is no empty mail: the sender wrote something that did not read, and
				// hears so, not that they sent nothing (as they did when it passed for a mail without parts).
				body.undecodable = body.undecodable == null ? unsplit : body.undecodable;
				body.letterUndecodable |= nothingReadBefore;
				return;
			}
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					collect(child, body, depth + 1, part);
				}
			}
			if (nothingReadBefore && part.isMimeType("multipart/alternative") && body.plain == null && body.html == null
					&& body.undecodable != null) {
				// Every alternative of the letter was garbage (Outlook's and Gmail's shape, in a mixed with a footer
				// after it): the letter is, and a relay's footer after it must not stand in for it.
				body.letterUndecodable = true;
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
		String disposition = disposition(part);
		String filename = filename(part);
		// A named text file after the letter is a file ("energie.txt", without a disposition), not the letter.
		boolean namedTextAfterTheLetter = filename != null && inMixed && (body.plain != null || body.html != null);
		// Only plain text and HTML hold the letter. Any other text type (a table, an agenda item, a contact
		// card) is a file, named or not; unnamed it was neither and went without a word. Inside
		// multipart/alternative it is the letter once more (text/enriched) and left out like the others.
		boolean otherText = part.isMimeType("text/*") && !part.isMimeType("text/plain") && !part.isMimeType("text/html")
				&& !(parent != null && parent.isMimeType("multipart/alternative"));
		boolean attachment = disposition.equals(Part.ATTACHMENT) || namedTextAfterTheLetter
				|| (filename != null && !part.isMimeType("text/plain") && !part.isMimeType("text/html"))
				|| (!part.isMimeType("text/*")) || otherText;
		// The letter's text is decoded once, for the check and for what is kept of it.
		String text = null;
		if (!attachment && (part.isMimeType("text/plain") || part.isMimeType("text/html"))) {
			Reading reading = read(part);
			String problem = reading.problem();
			text = reading.text();
			if (problem != null) {
				// Garbage is no letter: left out, and the mail held with why when no other part of its text reads or
				// when it stood where the letter stands (no text read before it, not one of alternatives).
				body.undecodable = body.undecodable == null ? problem : body.undecodable;
				body.letterUndecodable |= body.plain == null && body.html == null
						&& !(parent != null && parent.isMimeType("multipart/alternative"));
				return;
			}
		}
		if (!attachment && inMixed && part.isMimeType("text/plain") && body.plain == null && body.html != null
				&& within(body.htmlIn, parent)) {
			// A letter written in HTML, then a plain part after it (a virus scanner's or a server's footer):
			// the footer follows the letter; as the only plain part it would have replaced the letter.
			body.plain = HtmlText.toText(body.html).stripTrailing() + "\n\n" + plainText(part, text);
		}
		else if (!attachment && inMixed && part.isMimeType("text/html") && body.html == null && body.plain != null
				&& within(body.plainIn, parent)) {
			body.plain = body.plain.stripTrailing() + "\n\n" + HtmlText.toText(text);
		}
		else if (!attachment && part.isMimeType("text/plain") && body.plain == null) {
			body.plain = plainText(part, text);
			body.plainIn = parent;
		}
		else if (!attachment && part.isMimeType("text/html") && body.html == null) {
			body.html = text;
			body.htmlIn = parent;
		}
		else if (!attachment && filename == null && inMixed && part.isMimeType("text/plain")) {
			// Apple Mail sends a file placed inside the letter as text, file, text: the words after the
			// file are as much the letter as those before it.
			body.plain = body.plain.stripTrailing() + "\n\n" + plainText(part, text);
		}
		else if (!attachment && filename == null && inMixed && part.isMimeType("text/html")) {
			body.html = body.html + "\n" + text;
		}
		else if (attachment || (filename != null)) {
			boolean shownByContentId = part.getHeader("Content-ID") != null && !disposition.equals(Part.ATTACHMENT)
					&& (inRelated || filename == null);
			// Logos and signature images are layout, not files: shown by Content-ID, or inline without a
			// name (a mail program shows it where it stands). A photo pasted into the letter (Gmail, Outlook
			// desktop, a phone's mail app) is sent the same ways and may be the answer to a photo assignment:
			// only its size tells the two apart. Unnamed and inline, a photo went without a word.
			boolean layoutLike = shownByContentId || (filename == null && disposition.equals(Part.INLINE));
			int size = layoutLike ? decodedSize(part, MAX_LAYOUT_IMAGE_BYTES) : MAX_LAYOUT_IMAGE_BYTES;
			if (size < MAX_LAYOUT_IMAGE_BYTES) {
				// Named, not kept: a screenshot pasted after 'Schermafdruk:' is left out too, and the coach
				// can ask for it again only if the original mail says it was there.
				body.layoutImages.add(MailAttachment.layoutImage(filename, baseType(part.getContentType()), size));
				return;
			}
			if (Tnef.isTnef(baseType(part.getContentType()), filename) && unpackedTnef(part, body)) {
				return;
			}
			// (A winmail.dat that broke off is kept as it came, after the files read from it.)
			body.attachments.add(attachment(part, filename));
		}
	}

	/**
	 * Why a multipart's parts cannot be taken from it, or null when they can (or when it holds nothing at all). Read
	 * leniently, a multipart without a boundary parameter, or whose boundary never comes, gives no parts: its text is
	 * then in no part, and the mail passed for an empty one.
	 */
	private static String unsplitParts(Part part) throws MessagingException {
		String type = baseType(lower(part.getContentType()));
		try {
			if (part.getContent() instanceof Multipart multipart && multipart.getCount() > 0) {
				return null;
			}
		}
		catch (MessagingException | IOException | RuntimeException e) {
			return type + " whose parts cannot be read: " + e.getClass().getSimpleName() + ": " + e.getMessage();
		}
		if (!hasWords(part)) {
			return null;
		}
		String boundary = null;
		try {
			boundary = new ContentType(part.getContentType()).getParameter("boundary");
		}
		catch (MessagingException | RuntimeException e) {
			// a Content-Type that does not parse names no boundary either
		}
		return boundary == null || boundary.isEmpty() ? type + " without a boundary: its parts cannot be told apart"
				: type + " whose boundary never comes: no part can be read from it";
	}

	/** Whether a part's body holds more than white space (read up to a megabyte: words come early). */
	private static boolean hasWords(Part part) {
		try (InputStream in = part.getInputStream()) {
			byte[] bytes = in.readNBytes(1024 * 1024);
			for (byte b : bytes) {
				if (!Character.isWhitespace(b & 0xFF)) {
					return true;
				}
			}
			return false;
		}
		catch (IOException | MessagingException | RuntimeException e) {
			return true; // a body that cannot even be read is not an empty one
		}
	}

	/**
	 * Outlook's winmail.dat: the files in it instead of one file nobody can open (decision 0033). False
	 * when it does not read as TNEF, or breaks off; it is then kept as it came (after the whole files read
	 * from it). A winmail.dat with no files in it held only the letter's formatting and is left out; the
	 * original mail keeps it.
	 */
	private static boolean unpackedTnef(Part part, Body body) {
		byte[] bytes;
		try (InputStream in = part.getInputStream()) {
			bytes = in.readNBytes(MAX_MAIL_BYTES);
		}
		catch (IOException | MessagingException | RuntimeException e) {
			return false;
		}
		Optional<Tnef.Content> content = Tnef.read(bytes);
		if (content.isEmpty()) {
			return false;
		}
		for (Tnef.File file : content.get().files()) {
			if (body.attachments.size() >= MAX_PARTS) {
				break;
			}
			String type = file.type() != null && file.type().matches("[\\w.+-]{1,60}/[\\w.+-]{1,60}")
					? file.type().toLowerCase(Locale.ROOT) : SafeFileName.typeOf(file.name());
			if (file.item()) {
				body.attachments.add(MailAttachment.outlookItem(file.name()));
				continue;
			}
			if (file.content() == null) {
				// Attached by reference (a link in Outlook's cloud): the name, and that nothing of it came.
				body.attachments.add(MailAttachment.damaged(file.name(), type, "no content in winmail.dat"));
				continue;
			}
			try {
				body.attachments.add(MailAttachment.received(file.name(), type, new ByteArrayInputStream(file.content())));
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e); // a byte array does not fail to read
			}
		}
		body.tnefText = content.get().text();
		body.tnefHtml = content.get().html();
		// Broken off (base64 cut in transit): what came whole is above, and the rest is only in the original.
		return content.get().whole();
	}

	/** "Subject of the enclosed mail.eml", as mail programs name it when they save it. */
	private static String enclosedMailName(Part part) {
		try {
			if (part.getContent() instanceof MimeMessage enclosed) {
				String subject = subject(enclosed);
				if (subject != null && !subject.isBlank()) {
					// A slash in a subject ("gesprek 1/2") is no folder: the safe name kept only what followed it.
					return subject.strip().replace('/', '-').replace('\\', '-') + ".eml";
				}
			}
		}
		catch (MessagingException | IOException | RuntimeException e) {
			// an enclosed mail that cannot be read still is kept, under a plain name
		}
		return "doorgestuurd-bericht.eml";
	}

	/**
	 * A file as it came; one that cannot be decoded (base64 cut off in transit, an encoding nobody knows)
	 * is listed by its name as damaged, and the letter around it is kept: the whole mail used to be
	 * unreadable for it, in the administrators' quarantine.
	 */
	private static MailAttachment attachment(Part part, String filename) throws MessagingException {
		String type = baseType(part.getContentType());
		try (InputStream in = part.getInputStream()) {
			return MailAttachment.received(filename, type, in);
		}
		catch (IOException | MessagingException | RuntimeException e) {
			return MailAttachment.damaged(filename, type, e.getClass().getSimpleName());
		}
	}

	/** The disposition, also when its parameters are malformed (a file name with spaces, not quoted). */
	private static String disposition(Part part) throws MessagingException {
		try {
			return part.getDisposition() == null ? "" : part.getDisposition().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException e) {
			String[] header = part.getHeader("Content-Disposition");
			String value = header == null || header.length == 0 ? "" : header[0];
			int end = value.indexOf(';');
			return (end < 0 ? value : value.substring(0, end)).strip().toLowerCase(Locale.ROOT);
		}
	}

	/** Decoded bytes of a part, counted up to {@code limit}: enough to compare, without reading a whole photo twice. */
	private static int decodedSize(Part part, int limit) {
		try (InputStream in = part.getInputStream()) {
			return in.readNBytes(limit).length;
		}
		catch (IOException | MessagingException | RuntimeException e) {
			return limit; // damaged: listed as such, not passed over as a logo
		}
	}

	/**
	 * A text/plain part as its writer typed it. Thunderbird and other clients send format=flowed
	 * (RFC 3676): paragraphs are broken at ~72 characters with a trailing space to say "this line
	 * goes on"; unless they are joined again, the letter is stored broken mid-sentence.
	 */
	/** The plain text of a part as read ({@code text}), unflowed when it says it is flowed (RFC 3676). */
	private static String plainText(Part part, String text) {
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
		return decodedText(part).text();
	}

	/**
	 * A text part's words, and how they were read: {@code strict} when the bytes are valid in the charset the part
	 * names or in UTF-8, not a guess at windows-1252 (which reads any bytes, garbage too).
	 */
	private record DecodedText(String text, boolean strict) {
	}

	/** More characters that are no base64 than a stray one of a relay: a text that is no base64 at all. */
	private static final double MOST_STRAY_BASE64 = 0.05;

	/**
	 * A part of the letter's text read: its words, or why it does not decode into text. Held, never threaded: base64
	 * that is no base64 (a plain text declared base64) decoded into garbage, which went into the conversation as the
	 * participant's letter. Not for what a mail client still reads: base64 without padding, cut off, or with a stray
	 * character in it that reads as text once left out; quoted-printable with a loose '=' (kept as written); an
	 * unknown charset on bytes that read as UTF-8 or windows-1252. Only then is a text held that reads as control
	 * characters.
	 */
	private static Reading read(Part part) {
		try {
			String written = part instanceof jakarta.mail.internet.MimePart mime ? mime.getEncoding() : null;
			String encoding = written == null ? "" : written.strip().toLowerCase(Locale.ROOT);
			DecodedText decoded = decodedText(part);
			String problem = problem(part, encoding, decoded);
			return new Reading(problem == null ? decoded.text() : null, problem);
		}
		catch (MessagingException | IOException | RuntimeException e) {
			return new Reading(null, "the text cannot be decoded: " + e.getClass().getSimpleName());
		}
	}

	/** A text part of the letter read once: its words, or why it does not decode into any ({@link #read}). */
	private record Reading(String text, String problem) {
	}

	/** Why the part's text, {@code decoded}, is no text ({@link #read}); null when it is. */
	private static String problem(Part part, String encoding, DecodedText decoded) throws MessagingException, IOException {
		String raw = encoding.equals("base64") || encoding.equals("quoted-printable") ? undecoded(part) : "";
		double stray = encoding.equals("base64") ? strayBase64(raw) : 0;
		if (stray > MOST_STRAY_BASE64 || (stray > 0 && (!decoded.strict() || garbled(decoded.text())))) {
			return "base64 with characters that are no base64 (" + Math.max(1, Math.round(stray * 100)) + "%)" + declared(part);
		}
		boolean looseQuotedPrintable = encoding.equals("quoted-printable") && LOOSE_QP.matcher(raw).find();
		// A text the part's charset or UTF-8 reads is what its writer wrote, a control character in it too.
		if ((!decoded.strict() || looseQuotedPrintable) && garbled(decoded.text())) {
			return "the text reads as control characters" + (looseQuotedPrintable ? " (broken quoted-printable)" : "")
					+ declared(part);
		}
		return null;
	}

	private static String declared(Part part) {
		try {
			String charset = new ContentType(part.getContentType()).getParameter("charset");
			return charset == null ? "" : ", charset " + oneLine(charset.length() > 40 ? charset.substring(0, 40) : charset);
		}
		catch (MessagingException | RuntimeException e) {
			return "";
		}
	}

	/** An '=' of quoted-printable that starts neither a byte's two hex digits nor a soft line break. */
	private static final Pattern LOOSE_QP = Pattern.compile("=(?![0-9A-Fa-f]{2}|[ \\t]*(?:\\r?\\n|$))");

	/** A part's text as it came, before its transfer encoding is undone; empty when the part does not say. */
	private static String undecoded(Part part) throws MessagingException, IOException {
		InputStream undecoded = part instanceof jakarta.mail.internet.MimeBodyPart body ? body.getRawInputStream()
				: part instanceof MimeMessage message ? message.getRawInputStream() : null;
		if (undecoded == null) {
			return "";
		}
		try (InputStream in = undecoded) {
			return new String(in.readNBytes(HtmlText.MAX_HTML_CHARS * 8), StandardCharsets.ISO_8859_1);
		}
	}

	/** The share of a base64 text's characters (line ends and their trailing spaces left out) that are no base64. */
	private static double strayBase64(String raw) {
		long all = 0;
		long stray = 0;
		for (String line : raw.split("\r?\n")) {
			String letters = line.strip();
			all += letters.length();
			for (int i = 0; i < letters.length(); i++) {
				char c = letters.charAt(i);
				if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=')) {
					stray++;
				}
			}
		}
		return all == 0 ? 0 : (double) stray / all;
	}

	/** As many characters no writer types as a letter may hold and still be read: a stray byte or two. */
	private static final int MOST_STRAY_CHARACTERS = 2;

	/** A larger share of characters no writer types than a stray byte in a short letter: garbage, not text. */
	private static final double MOST_STRAY_SHARE = 0.05;

	/**
	 * Whether a text is for a real share what no writer types: control characters other than the white space of a
	 * text (tab, line breaks, form feed), or the replacement character of a byte no charset had. More than two of
	 * them and more than 5% of the characters (line ends left out): bytes at random read as windows-1252 give some
	 * 13% (33 of the 256 values), while a letter with a stray byte (0x81 in a windows-1252 text, a character its
	 * label's charset lacks) is read with a replacement character, as mail programs show it. NUL is left out of
	 * the count as {@link ReadMail} leaves it out of the text.
	 */
	private static boolean garbled(String text) {
		long stray = text.chars().filter(c -> (c < 0x20 && c != 0 && c != '\t' && c != '\n' && c != '\r' && c != 0x0B && c != 0x0C)
				|| c == 0x7F || c == 0xFFFD).count();
		long all = text.chars().filter(c -> c != '\n' && c != '\r').count();
		return stray > MOST_STRAY_CHARACTERS && stray > all * MOST_STRAY_SHARE;
	}

	private static DecodedText decodedText(Part part) throws MessagingException, IOException {
		int limit = HtmlText.MAX_HTML_CHARS * 4;
		byte[] bytes = decoded(part, limit);
		if (bytes.length == limit) {
			// Cut at the limit, perhaps inside a character: end at the last whole one, or the strict
			// reading below fails on it and the whole text is read as windows-1252 (é as Ã©).
			bytes = Arrays.copyOf(bytes, wholeUtf8(bytes));
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
				return new DecodedText(strict, true);
			}
		}
		// Declared UTF-8 but written in windows-1252 (or no usable charset at all): Dutch mail clients
		// still do this; UTF-8 when the bytes are valid UTF-8, else windows-1252.
		String utf8 = decodeStrictly(bytes, StandardCharsets.UTF_8);
		if (utf8 == null) {
			// A text cut off in transit may end inside a character: the rest is still UTF-8, when it shows
			// UTF-8 before the cut (a windows-1252 text whose one accent is its last byte is not cut off).
			String whole = decodeStrictly(Arrays.copyOf(bytes, wholeUtf8(bytes)), StandardCharsets.UTF_8);
			utf8 = whole != null && whole.chars().anyMatch(c -> c > 127) ? whole : null;
		}
		return utf8 != null ? new DecodedText(utf8, true) : new DecodedText(new String(bytes, Charset.forName("windows-1252")), false);
	}

	/** How many bytes end with a whole UTF-8 character: a cut sequence of continuation bytes at the end is left out. */
	private static int wholeUtf8(byte[] bytes) {
		int end = bytes.length;
		int back = 0;
		while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
			back++;
		}
		int lead = end - back - 1;
		if (lead < 0) {
			return end;
		}
		int b = bytes[lead] & 0xFF;
		int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		return length > back + 1 ? lead : end;
	}

	/**
	 * The part's bytes decoded by its transfer encoding, at most {@code limit}. A text that will not
	 * decode is read as leniently as a mail client reads it, rather than losing the letter: an unknown
	 * encoding ("8-bit") as the bytes it has, base64 cut off or with stray characters as far as it goes.
	 */
	private static byte[] decoded(Part part, int limit) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return in.readNBytes(limit);
		}
		catch (IOException | MessagingException | RuntimeException e) {
			InputStream undecoded = part instanceof jakarta.mail.internet.MimeBodyPart body ? body.getRawInputStream()
					: part instanceof MimeMessage message ? message.getRawInputStream() : null;
			if (undecoded == null) {
				throw e;
			}
			byte[] raw;
			try (InputStream in = undecoded) {
				raw = in.readNBytes(limit * 2);
			}
			String written = ((jakarta.mail.internet.MimePart) part).getEncoding();
			String encoding = written == null ? "" : written.strip().toLowerCase(Locale.ROOT);
			if (!encoding.equals("base64")) {
				return raw.length > limit ? Arrays.copyOf(raw, limit) : raw;
			}
			String letters = new String(raw, StandardCharsets.US_ASCII).replaceAll("[^A-Za-z0-9+/]", "");
			// Padding is not needed to decode; only a lone last character holds no whole byte.
			byte[] whole = Base64.getDecoder().decode(letters.length() % 4 == 1 ? letters.substring(0, letters.length() - 1) : letters);
			return whole.length > limit ? Arrays.copyOf(whole, limit) : whole;
		}
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
			// Likewise Korean and Japanese mail is written in Microsoft's supersets of the charsets it names: read
			// strictly in the named one, a character only the superset has failed the whole text. (gb2312 is read
			// as GB18030 by the mail library already.)
			Charset named = Charset.forName(javaName);
			String superset = switch (named.name()) {
				case "EUC-KR" -> "x-windows-949";
				case "Shift_JIS" -> "windows-31j";
				default -> null;
			};
			return superset != null && Charset.isSupported(superset) ? Charset.forName(superset) : named;
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
			Matcher address = Pattern.compile("(?<![^<>\\s\"])[^<>\\s\"]+@[^<>\\s\"]+").matcher(raw);
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

	/**
	 * Every reply token among the recipients, the envelope's first. All of them, not the first: a mail
	 * to two conversations' reply addresses went into whichever was written first (decision 0059).
	 */
	private static List<String> replyTokens(MimeMessage message, List<String> envelopeRecipients) throws MessagingException {
		List<String> candidates = new ArrayList<>(envelopeRecipients);
		for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")) {
			candidates.add(AutomaticMailDetector.header(message, header));
		}
		Set<String> tokens = new LinkedHashSet<>();
		for (String candidate : candidates) {
			Matcher token = TOKEN.matcher(" " + candidate);
			while (token.find() && tokens.size() < MAX_REPLY_TOKENS) {
				tokens.add(token.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return List.copyOf(tokens);
	}

	/** More reply addresses than any person writes to; a list of them is a sender's padding. */
	static final int MAX_REPLY_TOKENS = 20;

	/**
	 * How Briefwissel shows in a quote of a mail of this conversation: by the domain of the reply address
	 * this mail went to, and {@code ourSenders}.
	 */
	private static List<String> ours(List<String> recipients, List<String> ourSenders) {
		Set<String> names = new LinkedHashSet<>(ourSenders);
		for (String recipient : recipients) {
			if (recipient.startsWith(ReplyAddress.LOCAL_PART + "+") && recipient.indexOf('@') > 0) {
				names.add(recipient.substring(recipient.indexOf('@')));
			}
		}
		names.removeIf(name -> name.isBlank() || name.length() < 3);
		return List.copyOf(names);
	}

	// Tried only where a word starts: from every position of a megabyte without an '@' it was quadratic.
	private static final Pattern ADDRESS = Pattern
		.compile("(?<![^\\s<>,;:\"()\\[\\]])[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

	private static List<String> recipients(MimeMessage message, List<String> envelopeRecipients) throws MessagingException {
		Set<String> found = new LinkedHashSet<>();
		envelopeRecipients.forEach(address -> found.add(address.toLowerCase(Locale.ROOT)));
		for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")) {
			Matcher address = ADDRESS.matcher(AutomaticMailDetector.header(message, header));
			while (address.find()) {
				found.add(address.group().toLowerCase(Locale.ROOT));
			}
		}
		return List.copyOf(found);
	}

	/**
	 * The receiving servers' {@code Authentication-Results}, topmost first, on one line each. Only the
	 * first few count (a server adds its own on top); more, or longer ones, are a sender's padding.
	 */
	private static List<String> authenticationResults(MimeMessage message) throws MessagingException {
		String[] values = message.getHeader("Authentication-Results");
		if (values == null) {
			return List.of();
		}
		return Arrays.stream(values).limit(10)
			.map(value -> oneLine(MimeUtility.unfold(value.length() > 4000 ? value.substring(0, 4000) : value)))
			.toList();
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
			// Decoded by the part already (MimeLeniency); once more only if it still holds an encoded word.
			return name == null || name.isBlank() ? null : name.contains("=?") ? MimeUtility.decodeText(name) : name;
		}
		catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
			// Parameters the parser refuses ("filename=Mijn CV (2026).pdf", unquoted): the name as written.
			for (String header : new String[] { "Content-Disposition", "Content-Type" }) {
				try {
					String[] values = part.getHeader(header);
					Matcher name = values == null ? null : LOOSE_FILENAME.matcher(values[0]);
					if (name != null && name.find() && !name.group(1).isBlank()) {
						return name.group(1).strip();
					}
				}
				catch (MessagingException | RuntimeException ignored) {
					// the next header, or the plain name below
				}
			}
			return "bijlage";
		}
	}

	private static final Pattern LOOSE_FILENAME = Pattern.compile("(?i)(?:file)?name\\s*=\\s*\"?([^\";\\r\\n]+)");

	private static String baseType(String contentType) {
		try {
			return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException e) {
			// Parameters the parser refuses (an unquoted name with spaces): the type before them still counts.
			return MailAttachment.baseType(contentType);
		}
	}

	/**
	 * The mail with its header lines in UTF-8. Headers are read as UTF-8 (RFC 6532); an old mailer that
	 * writes a name or subject in raw windows-1252 bytes ("No\u00ebl", "caf\u00e9") got replacement
	 * characters in the conversation and the quarantine. Headers that are no valid UTF-8 are read as
	 * windows-1252 instead, as mail programs do; the body is left as it came.
	 */
	private static byte[] headersInUtf8(byte[] raw, int end) {
		byte[] headers = Arrays.copyOf(raw, end);
		if (decodeStrictly(headers, StandardCharsets.UTF_8) != null) {
			return raw;
		}
		byte[] written = new String(headers, Charset.forName("windows-1252")).getBytes(StandardCharsets.UTF_8);
		byte[] mail = Arrays.copyOf(written, written.length + raw.length - end);
		System.arraycopy(raw, end, mail, written.length, raw.length - end);
		return mail;
	}

	/** Where the header lines end: at the first empty line, or the end of a mail that has no body. */
	private static int headerEnd(byte[] raw) {
		for (int i = 0; i + 1 < raw.length; i++) {
			if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
				return i + 1;
			}
		}
		return raw.length;
	}

	private static boolean headersOnly(byte[] raw, int headerEnd) {
		for (int i = headerEnd; i < raw.length; i++) {
			if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\r' && raw[i] != '\n') {
				return false;
			}
		}
		return true;
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

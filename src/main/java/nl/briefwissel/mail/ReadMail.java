package nl.briefwissel.mail;

import java.util.List;

/**
 * What the pipeline makes of one raw mail, before any coaching module looks at it.
 *
 * @param kind reply, auto-reply, bounce or unreadable
 * @param problem why the mail is unreadable, else null
 * @param messageId the Message-ID header, or null when the mail has none
 * @param from the sender's address (lower case), or null
 * @param fromName the sender's display name, or null
 * @param subject the decoded subject on one line
 * @param inReplyTo the first Message-ID in In-Reply-To, or null
 * @param references every Message-ID in References and In-Reply-To, oldest first
 * @param replyToken the token of a {@code reply+TOKEN@} address among the recipients, or null
 * @param replyTokens the tokens of every {@code reply+TOKEN@} address among the recipients, {@code replyToken} first
 * @param text the person's own words: quoted history, signatures and disclaimers cut
 * @param cutText what was cut from the text, for "show original"
 * @param fullText the whole body as text
 * @param safeHtml the HTML body after sanitising, or null when the mail had none
 * @param attachments files that came with the mail
 * @param layoutImages small images shown in the mail's text (a signature's logo, also a small pasted screenshot),
 *        left out of the letter as layout: named here for the original mail's page, with no content
 * @param failedRecipient for a bounce: the address that failed, when the report names it; for a
 *        delivery report that is no failure: the address it is about
 * @param recipients every address the mail was sent to (envelope, To, Cc and the delivery headers), lower case
 * @param authenticationResults the {@code Authentication-Results} headers, topmost (last added) first, unfolded:
 *        what the receiving servers found of the sender ({@link SenderAuthentication})
 */
public record ReadMail(MailKind kind, String problem, String messageId, String from, String fromName, String subject,
		String inReplyTo, List<String> references, String replyToken, List<String> replyTokens, String text, String cutText, String fullText,
		String safeHtml, List<MailAttachment> attachments, String failedRecipient, List<String> recipients,
		List<String> authenticationResults, List<MailAttachment> layoutImages) {

	/**
	 * Without NUL characters: a mail may carry them (in a header, a file name's parameter, a body
	 * declared in a charset that has them), and PostgreSQL refuses them in text, so the mail failed
	 * five times and ended with a database error instead of in the conversation or the quarantine.
	 */
	public ReadMail {
		problem = withoutNul(problem);
		messageId = withoutNul(messageId);
		from = withoutNul(from);
		fromName = withoutNul(fromName);
		subject = withoutNul(subject);
		inReplyTo = withoutNul(inReplyTo);
		replyToken = withoutNul(replyToken);
		text = withoutNul(text);
		cutText = withoutNul(cutText);
		fullText = withoutNul(fullText);
		safeHtml = withoutNul(safeHtml);
		failedRecipient = withoutNul(failedRecipient);
		recipients = recipients == null ? List.of() : recipients.stream().map(ReadMail::withoutNul).toList();
		authenticationResults = authenticationResults == null ? List.of()
				: authenticationResults.stream().map(ReadMail::withoutNul).toList();
		references = references == null ? List.of() : references.stream().map(ReadMail::withoutNul).toList();
		replyTokens = replyTokens == null ? List.of() : replyTokens.stream().map(ReadMail::withoutNul).toList();
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
		layoutImages = layoutImages == null ? List.of() : List.copyOf(layoutImages);
	}

	private static String withoutNul(String value) {
		return value == null || value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
	}

	/**
	 * Whether the mail comes from a mail server (mailer-daemon, postmaster, no sender at all), as a
	 * bounce or a delivery report does. A report's form is anyone's to write, like an auto-reply's headers.
	 */
	public boolean fromAMailServer() {
		return AutomaticMailDetector.mailServer(from);
	}

	/**
	 * Whether the mail was larger than Briefwissel keeps ({@link MailReader#MAX_MAIL_BYTES}): only its headers
	 * were read, so its sender, subject and reply address are known and its words and files are not.
	 */
	public boolean tooBig() {
		return kind == MailKind.UNREADABLE && problem != null && problem.startsWith(TOO_BIG);
	}

	static final String TOO_BIG = "too big: ";

	/**
	 * Whether the mail's text did not decode into text (base64 that is no base64, a charset that reads as control
	 * characters): its headers were read, its words not, and garbage is no letter.
	 */
	public boolean undecodable() {
		return kind == MailKind.UNREADABLE && problem != null && problem.startsWith(UNDECODABLE);
	}

	static final String UNDECODABLE = "undecodable: ";

	static ReadMail unreadable(String problem) {
		return new ReadMail(MailKind.UNREADABLE, problem, null, null, null, "", null, List.of(), null, List.of(), "", "", "", null,
				List.of(), null, List.of(), List.of(), List.of());
	}
}

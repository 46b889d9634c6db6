package nl.briefwissel.mail;

/**
 * The relay refused a queued mail for good (its address does not exist, it is too large, its content
 * is refused), or no message can be written to its address, so the outbox gave up on it at once. Published in the transaction that marks the mail failed, for the
 * module that knows whose address it is. {@code replyToken} is the conversation's token when the
 * mail had a reply address, else null. {@code reason} is the failure as {@link SendFailure#stored()} says it (read it
 * with {@link SendFailure#parse}): its kind and the relay's code, not the relay's words.
 */
public record MailRefused(String messageId, String recipient, String replyToken, String reason) {

	/** The token of a reply address {@code reply+TOKEN@domain}, or null for any other address. */
	static String tokenOf(String replyTo) {
		if (replyTo == null) {
			return null;
		}
		String prefix = ReplyAddress.LOCAL_PART + "+";
		int at = replyTo.lastIndexOf('@');
		return replyTo.startsWith(prefix) && at > prefix.length() ? replyTo.substring(prefix.length(), at) : null;
	}
}

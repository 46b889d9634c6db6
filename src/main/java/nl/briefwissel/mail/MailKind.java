package nl.briefwissel.mail;

/** What an inbound mail is, as far as the transport can tell. */
public enum MailKind {

	/** Written by a person: a reply to be threaded. */
	REPLY,
	/** Out-of-office and other automatic answers (RFC 3834 and the usual vendor variants). */
	AUTO_REPLY,
	/** A delivery failure report about a mail we sent. */
	BOUNCE,
	/**
	 * A delivery report that is no failure (RFC 3464 Action: delayed, relayed, delivered): written by a
	 * mail server about a mail we sent, which may still arrive. A note in the conversation, as a
	 * bounce is, whoever's address it came from.
	 */
	DELIVERY_REPORT,
	/** Not a mail we can read at all: empty, garbage, no headers. */
	UNREADABLE;

	/** The name used in JSON output and documentation: {@code auto_reply}. */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}

package nl.briefwissel.mail;

/**
 * Text for the operator's log without the mail addresses in it: a parser's complaint about a header
 * and a quarantine reason often quote the address they are about, and an
 * address is personal data the log keeps longer and shows to more people than the database does.
 */
public final class LogText {

	private LogText() {
	}

	public static String withoutAddresses(String text) {
		return text == null ? null : text.replaceAll("(?<![^\\s()<>\"':;,])[^\\s()<>\"':;,]+@[^\\s()<>\"':;,]+", "(address)");
	}
}

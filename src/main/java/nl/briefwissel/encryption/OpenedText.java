package nl.briefwissel.encryption;

/**
 * The text of one record among the many a page or an export lists ({@link Encryption#openListed}):
 * what it says, or, when it does not open, only that. The list shows a marked line in its place,
 * never an empty text and never the sealed one, so its count stays that of the records.
 *
 * @param text the plain text; null when the record does not open (or holds none)
 * @param readable whether the record opened
 */
public record OpenedText(String text, boolean readable) {

	static final OpenedText UNREADABLE = new OpenedText(null, false);
}

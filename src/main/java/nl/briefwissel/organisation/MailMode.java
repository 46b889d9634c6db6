package nl.briefwissel.organisation;

/**
 * How a programme delivers coach messages: the whole text by mail (the pilot's way) or a
 * notification with a link to read after signing in (NTA 7516 style secure mail).
 */
public enum MailMode {
	FULL_TEXT, NOTIFICATION
}

package nl.briefwissel.organisation;

/**
 * How a programme delivers coach messages: the whole text by mail (the pilot's way) or a
 * notification with a link to read after signing in. Not called NTA 7516 on any page: that standard also asks
 * that the recipient is authenticated appropriately, and participants need no second factor.
 */
public enum MailMode {
	FULL_TEXT, NOTIFICATION
}

package nl.briefwissel.trajectory;

/**
 * Which notice to a participant a mail is ({@link NoticeMails#toParticipant}), kept with it in the outbox, so that
 * it is found again among sent mail by what it is: its subject is worded in the message bundles, in the
 * participant's language, and may read otherwise tomorrow (decision 0093). One kind whichever text it was
 * composed from: a pause told to a programme that keeps letters out of ordinary mail is a pause too.
 * <p>
 * Stored by its name in {@code outbound_mail.notice_kind}: a constant is renamed only together with a migration
 * that renames its rows (sent mail is kept thirty days).
 */
public enum NoticeKind {

	/** The coach paused the trajectory. */
	PAUSED,
	/** The coach resumed it before the pause was to end. */
	RESUMED,
	/** The coach extended it. */
	EXTENDED,
	/** The coach stopped it, it stopped by itself, or they stopped it themselves (decision 0141). */
	STOPPED,
	/** Another coach took it over. */
	HANDED_OVER,
	/** A mail of theirs was larger than Briefwissel keeps, and was held back. */
	MAIL_TOO_BIG,
	/** A mail from an address that is not theirs reached their conversation, and was held back. */
	MAIL_FROM_ANOTHER_ADDRESS,
	/** A new mail of theirs, not an answer to a letter, waits for their coach to add it to the conversation (0106). */
	NEW_MAIL_HELD,
	/** A mail of theirs whose text could not be decoded was held back. */
	MAIL_UNREADABLE,
	/** A mail of theirs with no words of their own and no file kept was held back, not made an empty letter. */
	MAIL_EMPTY,
	/** A letter of theirs came after their trajectory ended: kept, and they hear nobody coaches them any more (0122). */
	LETTER_AFTER_THE_END,
	/** Files of their letter were not kept; the letter was. */
	FILES_NOT_KEPT,
	/** Their coach accepted another address of theirs for the conversation; the mail asks them to confirm it (0091). */
	ADDRESS_ACCEPTED
}

package nl.briefwissel.audit;

/** What kind of access a trail entry records. */
public enum AuditAction {

	/** Someone saw message content: a conversation, an original mail, an attachment, a record. */
	READ,

	/** Content or figures left Briefwissel as a file: a PDF record, the participant's ZIP, a CSV. */
	EXPORT,

	/** A change made by a programme manager or administrator, or by a coach to a trajectory's course (decision 0140). */
	ADMINISTRATION
}

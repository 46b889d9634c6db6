package nl.briefwissel.trajectory;

/**
 * Why a trajectory changed course. A code, so that statistics can count reasons without reading
 * anything a person wrote; the words of the coach stay with the trajectory.
 */
public enum Reason {
	/** Completed as planned, or earlier because the question is answered. */
	QUESTION_ANSWERED,
	/** Illness, holiday, a busy period at work. */
	PERSONAL_CIRCUMSTANCES,
	NO_TIME,
	/** The participant is better helped by another form of coaching. */
	OTHER_FORM_OF_COACHING,
	/** The participant stopped answering. */
	NO_RESPONSE,
	/** A new job or role. */
	JOB_CHANGE,
	/** More time is needed to answer the question. */
	MORE_TIME_NEEDED,
	OTHER
}

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
	OTHER,
	/** A coach declines a proposal: no room for another trajectory now. */
	COACH_FULL,
	/** A coach declines a proposal: the question is outside what they do best. */
	COACH_NOT_SUITED,
	/** A coach declines a proposal: they know the participant, at work or privately. */
	COACH_KNOWS_PARTICIPANT,
	/** The coach accepted and the trajectory starts. */
	MATCHED,
	/** Handed over: the coach cannot go on (illness, leave, leaving the programme). */
	COACH_UNAVAILABLE,
	/** Handed over: another coach fits the question or the participant better. */
	ANOTHER_COACH_FITS_BETTER,
	/** The programme manager took back a proposal the coach had not answered; the intake waits for a coach again. */
	PROPOSAL_WITHDRAWN;

	/** The reasons a coach gives for pausing, extending, completing or stopping. */
	public static java.util.List<Reason> forLifecycle() {
		return java.util.List.of(QUESTION_ANSWERED, PERSONAL_CIRCUMSTANCES, NO_TIME, OTHER_FORM_OF_COACHING, NO_RESPONSE,
				JOB_CHANGE, MORE_TIME_NEEDED, OTHER);
	}

	/** The reasons a programme manager gives for handing a trajectory over to another coach. */
	public static java.util.List<Reason> forHandover() {
		return java.util.List.of(COACH_UNAVAILABLE, ANOTHER_COACH_FITS_BETTER, OTHER);
	}

	/** The reasons a coach gives for declining a proposal. */
	public static java.util.List<Reason> forDeclining() {
		return java.util.List.of(COACH_FULL, COACH_NOT_SUITED, COACH_KNOWS_PARTICIPANT, OTHER);
	}
}

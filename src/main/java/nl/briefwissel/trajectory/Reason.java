package nl.briefwissel.trajectory;

import java.util.List;
import java.util.Optional;

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
	PROPOSAL_WITHDRAWN,
	/**
	 * Stopped by Briefwissel, on nobody's behalf: it ran on long after its last contact moment without a letter
	 * ({@link SilentTrajectories}, decision 0108). Never offered to a person.
	 */
	NO_LETTERS_AFTER_PLANNED_END,
	/**
	 * The participant stopped their own trajectory on their page (decision 0141); their words, if they gave any, are
	 * the explanation. Never offered to a coach: the figures count it as the participant's own stop.
	 */
	PARTICIPANT_STOPPED;

	/*
	 * Each change of course offers the reasons that can be true of it (decision 0064). Codes stored
	 * before keep their meaning and their words wherever they are read (the report, the figures): a
	 * list here says what is offered, not what may be read.
	 */

	/** The reasons a coach gives for pausing: a break, after which the coaching goes on. */
	public static List<Reason> forPausing() {
		return List.of(PERSONAL_CIRCUMSTANCES, NO_TIME, JOB_CHANGE, OTHER);
	}

	/** The reasons a coach gives for extending: the question needs more weeks than planned. */
	public static List<Reason> forExtending() {
		return List.of(MORE_TIME_NEEDED, PERSONAL_CIRCUMSTANCES, JOB_CHANGE, OTHER);
	}

	/** The reasons a coach gives for completing: the coaching reached its end. */
	public static List<Reason> forCompleting() {
		return List.of(QUESTION_ANSWERED, JOB_CHANGE, OTHER);
	}

	/** The reasons a coach gives for stopping before the end; they are counted in the programme's figures. */
	public static List<Reason> forStopping() {
		return List.of(NO_RESPONSE, PERSONAL_CIRCUMSTANCES, NO_TIME, OTHER_FORM_OF_COACHING, JOB_CHANGE, OTHER);
	}

	/**
	 * The reason a form sent ({@code code}), if it is one of those {@code offered}; null otherwise, also for a
	 * code sent by hand ("matched" would count in the figures): a reason not chosen.
	 */
	public static Reason chosenFrom(List<Reason> offered, String code) {
		return offered.stream().filter(reason -> reason.name().equals(code)).findFirst().orElse(null);
	}

	/** 'Other' says nothing by itself: the coach's explanation is the reason. */
	public boolean needsExplanation() {
		return this == OTHER;
	}

	/**
	 * The sentence (its message key) a change for this reason with these words is refused with, if it is: 'other'
	 * without words (decisions 0064, 0068). The one rule the services hold and the forms say at their explanation's
	 * field; blank words are none.
	 */
	public Optional<String> refusalWith(String why) {
		return needsExplanation() && (why == null || why.isBlank()) ? Optional.of(TrajectoryLifecycle.OTHER_WITHOUT_WHY)
				: Optional.empty();
	}

	/** The reasons a programme manager gives for handing a trajectory over to another coach. */
	public static List<Reason> forHandover() {
		return List.of(COACH_UNAVAILABLE, ANOTHER_COACH_FITS_BETTER, OTHER);
	}

	/** The reasons a coach gives for declining a proposal. */
	public static List<Reason> forDeclining() {
		return List.of(COACH_FULL, COACH_NOT_SUITED, COACH_KNOWS_PARTICIPANT, OTHER);
	}
}

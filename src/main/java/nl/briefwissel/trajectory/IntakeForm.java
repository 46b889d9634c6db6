package nl.briefwissel.trajectory;

/**
 * What a person fills in to apply. Checked by the page that shows the form; {@link Intakes}
 * checks the theme against the programme.
 */
public record IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
		boolean expectationsAgreed, boolean consent, boolean employerMayConfirm) {

	/** Without the (optional) consent to confirm start and completion to the employer. */
	public IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
			boolean expectationsAgreed, boolean consent) {
		this(displayName, email, question, theme, selfCheck, expectationsAgreed, consent, false);
	}
}

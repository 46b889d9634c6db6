package nl.briefwissel.trajectory;

import nl.briefwissel.organisation.LegalBasis;

/**
 * What a person fills in to apply. Checked by the page that shows the form; {@link Intakes}
 * checks the theme against the programme. {@code statementBasis} is the legal basis whose words the statement box
 * showed when it was ticked (decision 0138, amended); null when no form showed any (demo data, imports), and the
 * organisation's basis of the moment is kept then.
 */
public record IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
		boolean expectationsAgreed, boolean consent, boolean employerMayConfirm, LegalBasis statementBasis) {

	/** Without the basis its statement box showed: the organisation's of the moment it is written. */
	public IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
			boolean expectationsAgreed, boolean consent, boolean employerMayConfirm) {
		this(displayName, email, question, theme, selfCheck, expectationsAgreed, consent, employerMayConfirm, null);
	}

	/** Without the (optional) consent to confirm start and completion to the employer. */
	public IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
			boolean expectationsAgreed, boolean consent) {
		this(displayName, email, question, theme, selfCheck, expectationsAgreed, consent, false);
	}
}

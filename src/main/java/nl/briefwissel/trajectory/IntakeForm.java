package nl.briefwissel.trajectory;

import nl.briefwissel.organisation.LegalBasis;

/**
 * What a person fills in to apply. Checked by the page that shows the form; {@link Intakes}
 * checks the theme against the programme. {@code statementBasis} is the legal basis whose words the statement box
 * showed when it was ticked (decision 0138, amended); null when no form showed any (demo data, imports), and the
 * organisation's basis of the moment is kept then. {@code retentionMonths} is the retention period the box named
 * (decision 0134, amended); null as well when no form named one, and the programme's of the moment is kept then.
 */
public record IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
		boolean expectationsAgreed, boolean consent, boolean employerMayConfirm, LegalBasis statementBasis,
		Integer retentionMonths) {

	/** Without the retention period its statement box named: the programme's of the moment it is written. */
	public IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
			boolean expectationsAgreed, boolean consent, boolean employerMayConfirm, LegalBasis statementBasis) {
		this(displayName, email, question, theme, selfCheck, expectationsAgreed, consent, employerMayConfirm, statementBasis, null);
	}

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

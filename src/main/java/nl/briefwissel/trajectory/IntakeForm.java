package nl.briefwissel.trajectory;

/**
 * What a person fills in to apply. Checked by the page that shows the form; {@link Intakes}
 * checks the theme against the programme.
 */
public record IntakeForm(String displayName, String email, String question, String theme, Intake.SelfCheck selfCheck,
		boolean expectationsAgreed, boolean consent) {
}

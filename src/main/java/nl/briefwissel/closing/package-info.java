/**
 * The end of a trajectory: the coach's closing summary and the participant's reaction, and the
 * evaluation questionnaire. Evaluation answers are kept apart from who gave them, so figures can be
 * made without identities.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Closing and evaluation")
package nl.briefwissel.closing;

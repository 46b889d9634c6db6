/**
 * The evaluation default: demo data, demo mailboxes on the embedded mail server and a loud banner
 * saying that this is not a production set-up. Never active under the production profile.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation default")
package nl.briefwissel.evaluation;

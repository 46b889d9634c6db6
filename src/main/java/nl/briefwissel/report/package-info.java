/**
 * The written record ("zwart op wit"): the trajectory report as an accessible HTML page and as a
 * PDF, for the participant and the coach of that trajectory only. Reads what other modules keep;
 * stores nothing of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Report")
package nl.briefwissel.report;

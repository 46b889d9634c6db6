/**
 * The assignment library (shared and each coach's own) and the assignments given in a trajectory
 * with the message that answered them. Knows nothing of conversations beyond message identifiers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assignments")
package nl.briefwissel.assignment;

/**
 * Trajectories: intake, matching, the lifecycle and the rhythm of contact moments. Pages for
 * programme managers here show statuses and dates only, never what anyone wrote.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Trajectories")
package nl.briefwissel.trajectory;

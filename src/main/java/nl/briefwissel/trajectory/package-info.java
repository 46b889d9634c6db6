/**
 * Trajectories: intake, matching, the lifecycle and the rhythm of contact moments. Pages for
 * programme managers here show statuses and dates only, never what anyone wrote.
 * <p>
 * {@link nl.briefwissel.trajectory.ParticipantStartPage} takes a Model and the request in this package's public API, not
 * in trajectory.web, because the closing module answers a refused reaction with that page and may not reach a web package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Trajectories")
package nl.briefwissel.trajectory;

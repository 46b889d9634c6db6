/**
 * Conversations: the messages of a trajectory by web and by mail, their files, threading of
 * inbound replies and the quarantine of mail that cannot be threaded safely. Content lives here;
 * pages of this module are for the trajectory's own participant and coach, and administrators for
 * the quarantine, never for programme managers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Conversations")
package nl.briefwissel.conversation;

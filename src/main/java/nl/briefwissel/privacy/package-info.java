/**
 * The participant's rights and the limits on keeping data: erasure on request (confirmed by an
 * administrator), the retention job, and the register of processing generated from the
 * configuration. Each module erases its own content when told a trajectory is erased; this module
 * decides when, and never reads content itself.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package nl.briefwissel.privacy;

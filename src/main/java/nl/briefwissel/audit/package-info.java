/**
 * The audit trail: who read message content, exported or administered what, and when, with the
 * reason an administrator gave for reading content. Stores routes and identifiers, never content,
 * and is never changed afterwards, only added to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package nl.briefwissel.audit;

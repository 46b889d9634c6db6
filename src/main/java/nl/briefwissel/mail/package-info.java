/**
 * Mail transport only: the outbox and its sender, the inbound adapters, MIME parsing, reply
 * trimming and auto-reply/bounce detection. Knows nothing about coaching and must never depend on
 * another Briefwissel module, except encryption, which seals raw mail and queued bodies at rest.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package nl.briefwissel.mail;

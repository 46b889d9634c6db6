/**
 * Organisations and their programmes: length, rhythm, reply promise, retention, mail mode and
 * themes. Holds settings only, never anything a participant wrote.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisations and programmes")
package nl.briefwissel.organisation;

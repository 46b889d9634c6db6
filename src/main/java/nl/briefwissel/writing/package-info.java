/**
 * The coach's second reader: readability, tone and care checks while writing, driven by word
 * lists and thresholds in data files, and each coach's own trends. Advises only; it never blocks
 * sending and nobody but the coach sees their trends.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Writing help")
package nl.briefwissel.writing;

package nl.briefwissel.closing;

import java.time.OffsetDateTime;

/** The coach's closing summary and, once written, the participant's reaction. */
public record Closing(String summary, OffsetDateTime writtenAt, String reaction, OffsetDateTime reactedAt) {
}

package nl.briefwissel.mail;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored inbound mail as read by the pipeline, handed to the {@link InboundMailHandler}. */
public record InboundMail(UUID id, OffsetDateTime receivedAt, ReadMail content) {
}

package nl.briefwissel.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of the trail: who, what, when, about which trajectory, and why if they had to say. */
public record AuditEntry(UUID id, OffsetDateTime at, UUID actorId, String actorName, String actorEmail,
		String actorRoles, AuditAction action, String route, UUID trajectoryId, String details, String reason) {
}

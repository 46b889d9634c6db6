package nl.briefwissel.audit;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For a route marked {@code @Audited(trajectory = Audited.SAID_BY_THE_ROUTE)}: which trajectory it
 * showed; for another audited route without a trajectory in its address, which one it belongs to.
 */
public final class AuditedTrajectory {

	private AuditedTrajectory() {
	}

	/**
	 * Tells the audit trail which trajectory's content this answer shows. Also for a route whose
	 * address names something of its own (a quarantined mail) that belongs to a trajectory: the read
	 * is then on that trajectory's trail, where its coach and an investigation look.
	 */
	public static void shown(HttpServletRequest request, UUID trajectoryId) {
		request.setAttribute(Audited.SHOWN_ATTRIBUTE, trajectoryId);
	}

	/**
	 * For an answer that shows pieces of several trajectories at once, such as search hits: one entry
	 * on the trail for each, as if each had been opened. On a route that says its trajectory this way,
	 * none shown is nothing recorded.
	 */
	public static void shown(HttpServletRequest request, Collection<UUID> trajectoryIds) {
		request.setAttribute(Audited.SHOWN_ATTRIBUTE, Collections.unmodifiableSet(new LinkedHashSet<>(trajectoryIds)));
	}
}

package nl.briefwissel.audit;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** For a route marked {@code @Audited(trajectory = Audited.SAID_BY_THE_ROUTE)}: which trajectory it showed. */
public final class AuditedTrajectory {

	private AuditedTrajectory() {
	}

	/** Tells the audit trail which trajectory's content this answer shows. */
	public static void shown(HttpServletRequest request, UUID trajectoryId) {
		request.setAttribute(Audited.SHOWN_ATTRIBUTE, trajectoryId);
	}
}

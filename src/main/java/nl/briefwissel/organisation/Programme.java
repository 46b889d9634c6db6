package nl.briefwissel.organisation;

import java.util.List;
import java.util.UUID;

/**
 * A coaching programme of an organisation. Defaults follow the pilot: six weeks, two contact
 * moments a week, a reply within two working days, records kept 24 months after the end.
 */
public record Programme(UUID id, UUID organisationId, String name, int weeks, int momentsPerWeek,
		int replyWithinDays, int retentionMonths, MailMode mailMode, String intakeAddress, List<String> jargon, boolean publicIntake) {

	public Programme {
		jargon = jargon == null ? List.of() : List.copyOf(jargon);
	}

	public static final int DEFAULT_WEEKS = 6;

	public static final int DEFAULT_MOMENTS_PER_WEEK = 2;

	public int contactMoments() {
		return weeks * momentsPerWeek;
	}
}

package nl.briefwissel.account;

import java.util.List;
import java.util.UUID;

/**
 * What matching needs to know of a coach (capacity, certification, specialisms as theme codes)
 * and what the coach keeps for themselves (their welcome template, the daily digest).
 */
public record CoachProfile(UUID accountId, int capacity, boolean certified, String certification,
		List<String> specialisms, String welcomeTemplate, boolean dailyDigest) {

	/** The pilot's coaches had 10–30 running trajectories; 15 is a calm default. */
	public static final int DEFAULT_CAPACITY = 15;

	public CoachProfile {
		specialisms = specialisms == null ? List.of() : List.copyOf(specialisms);
	}

	static CoachProfile defaults(UUID accountId) {
		return new CoachProfile(accountId, DEFAULT_CAPACITY, false, null, List.of(), null, true);
	}
}

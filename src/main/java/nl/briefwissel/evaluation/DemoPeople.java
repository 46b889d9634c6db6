package nl.briefwissel.evaluation;

/** The fixed demo accounts, shown in the banner and documented in the README. */
final class DemoPeople {

	static final String PASSWORD = "briefwissel";

	/**
	 * {@link #PASSWORD} hashed once, ahead of time, as {@code Accounts.hash} stores it (Argon2id with
	 * Spring Security's parameters): hashing it at every first start cost the evaluation default about
	 * a third of a second of its start. The password is public, so a salt shared by every evaluation
	 * install hides nothing; these accounts never exist under the production profile (decision 0002).
	 */
	static final String PASSWORD_HASH = "{argon2}$argon2id$v=19$m=16384,t=2,p=1$919nQE3qwu1T51fV35nNYg"
			+ "$d74iqVpESvkOHSd9AaaPYkFTZeNFzvMlXvfXYPZDCI0";

	static final String PARTICIPANT = "deelnemer@briefwissel.test";

	static final String COACH = "coach@briefwissel.test";

	static final String PROGRAMME_MANAGER = "programma@briefwissel.test";

	static final String ADMINISTRATOR = "beheer@briefwissel.test";

	private DemoPeople() {
	}
}

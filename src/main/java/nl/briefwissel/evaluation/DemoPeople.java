package nl.briefwissel.evaluation;

/** The fixed demo accounts, shown in the banner and documented in the README. */
final class DemoPeople {

	static final String PASSWORD = "briefwissel";

	static final String PARTICIPANT = "deelnemer@briefwissel.test";

	static final String COACH = "coach@briefwissel.test";

	static final String PROGRAMME_MANAGER = "programma@briefwissel.test";

	static final String ADMINISTRATOR = "beheer@briefwissel.test";

	private DemoPeople() {
	}
}

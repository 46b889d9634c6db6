package nl.briefwissel.account;

/** What a person may do in Briefwissel. The order is the order of precedence for the start page. */
public enum Role {

	ADMINISTRATOR, PROGRAMME_MANAGER, COACH, PARTICIPANT;

	/** The Spring Security authority name. */
	public String authority() {
		return "ROLE_" + name();
	}
}

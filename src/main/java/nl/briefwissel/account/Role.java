package nl.briefwissel.account;

/** What a person may do in Briefwissel. The order is the order of precedence for the start page. */
public enum Role {

	ADMINISTRATOR, PROGRAMME_MANAGER, COACH, PARTICIPANT;

	/**
	 * The role one account may not hold beside this one (decision 0145): who manages a programme never reads its
	 * letters, and a coach reads them all.
	 */
	public java.util.Optional<Role> separatedFrom() {
		return switch (this) {
			case PROGRAMME_MANAGER -> java.util.Optional.of(COACH);
			case COACH -> java.util.Optional.of(PROGRAMME_MANAGER);
			default -> java.util.Optional.empty();
		};
	}

	/** Whether these roles hold both sides of a separation: refused everywhere a coach reads or is chosen. */
	public static boolean separated(java.util.Collection<Role> roles) {
		return roles.contains(PROGRAMME_MANAGER) && roles.contains(COACH);
	}

	/** The Spring Security authority name. */
	public String authority() {
		return "ROLE_" + name();
	}
}

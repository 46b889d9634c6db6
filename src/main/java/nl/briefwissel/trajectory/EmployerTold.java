package nl.briefwissel.trajectory;

/**
 * Whether the employer hears of a completion, as {@code EmployerConfirmations} will decide it: only with the participant's
 * agreement, and only at the contact address they agreed to (decision 0036). The coach's confirmation says which.
 */
public enum EmployerTold {
	TOLD,
	NOT_AGREED,
	/** Agreed, but the programme's employer contact is no longer the address they agreed to (or there is none). */
	CONTACT_CHANGED,
	/** Agreed while the programme had no contact address: none was agreed to, so there is nobody to tell. */
	NO_CONTACT_AGREED
}

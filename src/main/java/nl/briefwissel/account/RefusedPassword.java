package nl.briefwissel.account;

/**
 * A password a person chose that {@link PasswordRules} refuses, thrown by the services that set one
 * ({@link PasswordChanges} and {@link PasswordResets}) before anything is checked or set: whichever page or
 * path asks them, a known-bad password is never stored. The page says {@link #messageKey()} at the field.
 * Never carries the password itself: not in its message and not in a log.
 */
public final class RefusedPassword extends RuntimeException {

	private final PasswordRules.Refusal refusal;

	RefusedPassword(PasswordRules.Refusal refusal) {
		// No stack trace: an expected answer to what a person typed, not a fault.
		super("Password refused: " + refusal, null, false, false);
		this.refusal = refusal;
	}

	public PasswordRules.Refusal refusal() {
		return refusal;
	}

	/** The text for the password's field, in Dutch and English. */
	public String messageKey() {
		return refusal.messageKey();
	}
}

package nl.briefwissel.trajectory;

/** A change the trajectory's current state does not allow; {@code messageKey} explains it to a person. */
public class IllegalTransitionException extends RuntimeException {

	private final String messageKey;

	IllegalTransitionException(String messageKey, String detail) {
		super(detail);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}
}

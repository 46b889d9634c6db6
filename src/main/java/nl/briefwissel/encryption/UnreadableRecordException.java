package nl.briefwissel.encryption;

/**
 * A record that cannot be opened: its key is not configured, or the ciphertext or its key id was
 * changed. Never answered with garbage or with an empty text: the page shows an error and the log
 * says which key.
 */
public class UnreadableRecordException extends IllegalStateException {

	UnreadableRecordException(String message) {
		super(message);
	}

	UnreadableRecordException(String message, Throwable cause) {
		super(message, cause);
	}
}

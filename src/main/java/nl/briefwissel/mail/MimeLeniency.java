package nl.briefwissel.mail;

import java.util.Map;

/**
 * Reads MIME as leniently as a mail client does. Jakarta Mail takes these settings from the system
 * properties, once, when its classes load, not from a mail session: given to the session (as they
 * were), an unquoted boundary with '=' in it ("----=_NextPart_000") made a whole letter unreadable.
 * Set first thing in {@code main}, and by the reader for a JVM that did not start there (the test
 * build sets them as well, so no test depends on which class loaded first; decision 0035). Only reading changes:
 * what Briefwissel writes is strict MIME either way. Base64 that does not decode stays an error: such
 * a file is listed as damaged, not handed on as garbage.
 */
public final class MimeLeniency {

	static final Map<String, String> PROPERTIES = Map.of(
			"mail.mime.decodetext.strict", "false",
			"mail.mime.decodefilename", "true",
			"mail.mime.decodeparameters", "true",
			"mail.mime.parameters.strict", "false",
			"mail.mime.multipart.ignoremissingendboundary", "true",
			"mail.mime.multipart.allowempty", "true");

	private MimeLeniency() {
	}

	/** Sets each property the operator did not set on the command line. */
	public static void apply() {
		PROPERTIES.forEach((name, value) -> {
			if (System.getProperty(name) == null) {
				System.setProperty(name, value);
			}
		});
	}
}

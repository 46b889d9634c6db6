package nl.briefwissel.account;

import java.time.Instant;

/** The code an authenticator app shows now, for tests that sign in as a person with an app would. */
public final class TestCodes {

	private TestCodes() {
	}

	public static String current(String secret) {
		return Totp.code(Totp.fromBase32(secret.replace(" ", "")), Totp.step(Instant.now()));
	}
}

package nl.briefwissel.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	/** The SHA-1 test vectors of RFC 6238, appendix B, cut to six digits. */
	@Test
	void codesMatchTheRfcTestVectors() {
		byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
		assertThat(Totp.code(key, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(key, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(key, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
		assertThat(Totp.code(key, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void base32RoundTripsAndMatchesTheRfc4648Example() {
		assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		byte[] key = Totp.fromBase32(Totp.newSecret());
		assertThat(key).hasSize(20);
		assertThat(Totp.fromBase32(Totp.base32(key))).isEqualTo(key);
	}

	@Test
	void aCodeOfTheStepBeforeOrAfterIsAcceptedButNotFurther() {
		String secret = Totp.newSecret();
		Instant now = Instant.ofEpochSecond(1_800_000_000L);
		long step = Totp.step(now);
		byte[] key = Totp.fromBase32(secret);
		assertThat(Totp.matchingStep(secret, Totp.code(key, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(secret, Totp.code(key, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(secret, Totp.code(key, step + 3), now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "12 34", now)).isEmpty();
	}
}

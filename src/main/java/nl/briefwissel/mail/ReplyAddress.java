package nl.briefwissel.mail;

import java.security.SecureRandom;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Reply addresses of the form {@code reply+TOKEN@mail-domain}. A token is 130 random bits in
 * lower-case base32, so it cannot be guessed; what it stands for is kept by whoever issued it.
 */
@Component
public class ReplyAddress {

	static final String LOCAL_PART = "reply";

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String domain;

	ReplyAddress(MailProperties properties) {
		this.domain = properties.domain().toLowerCase(Locale.ROOT);
	}

	public String newToken() {
		char[] token = new char[26];
		for (int i = 0; i < token.length; i++) {
			token[i] = BASE32[RANDOM.nextInt(32)];
		}
		return new String(token);
	}

	public String of(String token) {
		return LOCAL_PART + "+" + token + "@" + domain;
	}

	/** The mailbox all reply addresses end up in (sub-addressing, RFC 5233). */
	public String mailbox() {
		return LOCAL_PART + "@" + domain;
	}

	public String domain() {
		return domain;
	}
}

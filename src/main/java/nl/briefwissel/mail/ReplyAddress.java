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

	private final String sender;

	ReplyAddress(MailProperties properties) {
		this.domain = properties.domain().toLowerCase(Locale.ROOT);
		this.sender = properties.fromAddress().strip().toLowerCase(Locale.ROOT);
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

	/**
	 * Whether an address is one of the platform's own: its reply mailbox, any reply address in it, or the
	 * address it sends from. Mail to such an address is the platform's to read as a reply (or to ignore),
	 * so it can never be given to anything else, such as a programme's intake.
	 */
	public boolean isPlatforms(String address) {
		if (address == null) {
			return false;
		}
		String candidate = address.strip().toLowerCase(Locale.ROOT);
		int at = candidate.lastIndexOf('@');
		if (at < 0) {
			return false;
		}
		String local = candidate.substring(0, at);
		boolean inReplyMailbox = candidate.substring(at + 1).equals(domain)
				&& (local.equals(LOCAL_PART) || local.startsWith(LOCAL_PART + "+"));
		return inReplyMailbox || candidate.equals(sender);
	}

	/**
	 * Whether an address is a reply address of this platform, a conversation's token or not: {@code reply+anything@}
	 * the mail domain. A mail to one whose token no conversation has (typed over wrong, cut off) is told from a mail
	 * that came without any.
	 */
	public boolean isReplyAddress(String address) {
		if (address == null) {
			return false;
		}
		String candidate = address.strip().toLowerCase(Locale.ROOT);
		int at = candidate.lastIndexOf('@');
		return at > LOCAL_PART.length() + 1 && candidate.startsWith(LOCAL_PART + "+")
				&& candidate.substring(at + 1).equals(domain);
	}

	public String domain() {
		return domain;
	}
}

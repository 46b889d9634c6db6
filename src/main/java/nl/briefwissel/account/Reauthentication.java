package nl.briefwissel.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether whoever works in a signed-in session is its person, asked before the second factor changes.
 * A session left open on a shared computer, or taken, linked an app of its own (and was in for good),
 * removed the person's, or made new recovery codes (ten ways in): now that needs a sign-in, or the
 * password given again, within the last {@link #RECENT} (decisions 0051 and 0054). Wrong passwords
 * given here count as at the sign-in, and lock alike.
 */
@Component
public class Reauthentication {

	/** How long a sign-in or a password given again counts as proof: time to scan a QR code, not a working day. */
	public static final Duration RECENT = Duration.ofMinutes(10);

	static final String CONFIRMED_AT = "bw.confirmedAt";

	/** What became of a password given again. */
	public enum Outcome {
		CONFIRMED, WRONG, LOCKED, NO_PASSWORD
	}

	private final Accounts accounts;

	private final PasswordEncoder passwords;

	private final SignInAttempts attempts;

	private final Clock clock;

	Reauthentication(Accounts accounts, PasswordEncoder passwords, SignInAttempts attempts, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.attempts = attempts;
		this.clock = clock;
	}

	/** Whether this session signed in, or had its password given again, within {@link #RECENT}. */
	public boolean recent(HttpSession session) {
		Instant since = clock.instant().minus(RECENT);
		return after(session.getAttribute(SessionLifetime.SIGNED_IN_AT), since)
				|| after(session.getAttribute(CONFIRMED_AT), since);
	}

	private static boolean after(Object moment, Instant since) {
		return moment instanceof Instant at && at.isAfter(since);
	}

	/** Whether the person has a password to give; one who signs in by link or through their organisation has none. */
	public boolean hasPassword(UUID accountId) {
		return accounts.passwordHash(accountId).filter(hash -> !hash.isBlank()).isPresent();
	}

	/**
	 * Checks the password given again. A locked account's is not checked at all (the session would be one
	 * more guesser past the lock); a wrong one counts as a wrong password at the sign-in.
	 */
	@Transactional
	public Outcome confirm(UUID accountId, String password, HttpSession session) {
		if (attempts.locked(accountId)) {
			return Outcome.LOCKED;
		}
		String hash = accounts.passwordHash(accountId).filter(stored -> !stored.isBlank()).orElse(null);
		if (hash == null) {
			return Outcome.NO_PASSWORD;
		}
		// The length a person types; a megabyte of it would only make the hash slow.
		if (password != null && !password.isEmpty() && password.length() <= 1000 && passwords.matches(password, hash)) {
			attempts.succeeded(accountId);
			session.setAttribute(CONFIRMED_AT, clock.instant());
			return Outcome.CONFIRMED;
		}
		attempts.failed(accountId);
		return attempts.locked(accountId) ? Outcome.LOCKED : Outcome.WRONG;
	}
}

package nl.briefwissel.account;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Participants sign in with a link sent to their own address ({@link MailedLinks}): they write by
 * mail and need no password to re-read their record. The answer to a request never says whether
 * the address is known.
 */
@Service
public class SignInLinks {

	private static final Logger log = LoggerFactory.getLogger(SignInLinks.class);

	/**
	 * How long after a link signed in a press of its button still counts as a second press of that sign-in: a
	 * double click, or the back button and the button again, come within it; a link found in a mail later does not.
	 */
	static final Duration PRESSED_AGAIN = Duration.ofMinutes(2);

	private final Accounts accounts;

	private final MailedLinks links;

	private final SignInProperties properties;

	private final LinkRequests requests;

	SignInLinks(Accounts accounts, MailedLinks links, SignInProperties properties, LinkRequests requests) {
		this.accounts = accounts;
		this.links = links;
		this.properties = properties;
		this.requests = requests;
	}

	/**
	 * Sends a link to a participant's address. Staff sign in with password and authenticator app,
	 * so for them, as for unknown addresses, nothing happens. Returns before the address is looked
	 * up, so the answer takes as long either way ({@link LinkRequests}).
	 */
	public void request(String email) {
		requests.later("Sign-in link", () -> send(email));
	}

	private void send(String email) {
		Optional<Account> account = accounts.byEmail(email)
			.filter(Account::enabled)
			.filter(a -> a.roles().equals(Set.of(Role.PARTICIPANT)));
		if (account.isEmpty()) {
			log.info("Sign-in link requested for an address that gets none");
			return;
		}
		links.send(MailedLinks.Kind.SIGN_IN, account.get(), properties.linkValidity(),
				properties.linkValidity().toMinutes());
	}

	/** How long a link works, in minutes, as the pages about it say (the setting briefwissel.sign-in.link-validity). */
	public long validityMinutes() {
		return properties.linkValidity().toMinutes();
	}

	public boolean isValid(String token) {
		return links.accountFor(MailedLinks.Kind.SIGN_IN, token).isPresent();
	}

	/** Uses the link up and says who it signs in; empty when it was used, expired or never existed. */
	@Transactional
	public Optional<SignedInAccount> use(String token) {
		Optional<UUID> accountId = links.take(MailedLinks.Kind.SIGN_IN, token);
		if (accountId.isEmpty()) {
			return Optional.empty();
		}
		// Read after the link is taken, in its transaction: a password change or reset uses the link up in its own
		// and waits for this one, so what is read here is from before it, and the session it opens ends after it.
		Accounts.PasswordChangedAt changedAt = accounts.passwordAsOfSignIn(accountId.get());
		Optional<SignedInAccount> who = accounts.byId(accountId.get())
			.filter(Account::enabled)
			.map(account -> new SignedInAccount(account, null, changedAt, false));
		who.ifPresent(signedIn -> links.signedIn(token));
		return who;
	}

	/**
	 * The account this link signed in moments ago: a second press of its button (a double click, or the back button
	 * and the button again) is that sign-in, not a dead link. Empty for a link ended any other way. Signs no one in.
	 */
	public Optional<UUID> justSignedIn(String token) {
		return links.signedInWithin(token, PRESSED_AGAIN);
	}
}

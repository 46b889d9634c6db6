package nl.briefwissel.account;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who someone is after their organisation's provider vouched for them. A person is recognised by
 * their verified address; someone new gets an account in that organisation without any role, so
 * signing in grants nothing until an administrator decides what they may do.
 */
@Service
class ExternalSignIns {

	private static final Logger log = LoggerFactory.getLogger(ExternalSignIns.class);

	/** The outcome of a sign-in through a provider. */
	sealed interface Outcome {

		record SignedIn(SignedInAccount account, boolean created) implements Outcome {
		}

		/** Refused, with the message key that says why on the login page. */
		record Refused(String reason) implements Outcome {
		}
	}

	private final Accounts accounts;

	private final SignInAttempts attempts;

	ExternalSignIns(Accounts accounts, SignInAttempts attempts) {
		this.accounts = accounts;
		this.attempts = attempts;
	}

	@Transactional
	Outcome signIn(UUID organisationId, String email, Boolean emailVerified, String name) {
		if (email == null || email.isBlank() || email.length() > 320 || Boolean.FALSE.equals(emailVerified)) {
			log.warn("Single sign-on for organisation {} refused: the provider gave no verified address", organisationId);
			return new Outcome.Refused("unverified");
		}
		var existing = accounts.byEmail(email);
		if (existing.isPresent()) {
			Account account = existing.get();
			if (account.organisationId() == null || !account.organisationId().equals(organisationId)) {
				log.warn("Single sign-on refused: account {} belongs to another organisation than {}", account.id(),
						organisationId);
				return new Outcome.Refused("elsewhere");
			}
			if (!account.enabled() || attempts.locked(account.id())) {
				return new Outcome.Refused("disabled");
			}
			return new Outcome.SignedIn(new SignedInAccount(account, null, false), false);
		}
		String displayName = name == null || name.isBlank() ? email : name.strip();
		Account created = accounts.register(new NewAccount(organisationId, email,
				displayName.length() > 200 ? displayName.substring(0, 200) : displayName, Locale.forLanguageTag("nl"),
				Set.of(), null));
		log.info("First single sign-on: account {} created in organisation {} without any role", created.id(),
				organisationId);
		return new Outcome.SignedIn(new SignedInAccount(created, null, false), true);
	}
}

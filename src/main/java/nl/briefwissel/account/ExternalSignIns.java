package nl.briefwissel.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who someone is after their organisation's provider vouched for them. The first time, a person is
 * recognised by a verified address; from then on the provider's subject finds their account, whatever
 * address the provider gives (decision 0031). An account that exists is bound only when its owner
 * confirms a link mailed to it (decision 0095): the provider's operator can give anyone any address.
 * Someone new gets an account in that organisation without any role, bound at once, so signing in
 * grants nothing until an administrator decides what they may do.
 */
@Service
class ExternalSignIns {

	private static final Logger log = LoggerFactory.getLogger(ExternalSignIns.class);

	/** The outcome of a sign-in through a provider. */
	sealed interface Outcome {

		record SignedIn(SignedInAccount account, boolean created) implements Outcome {
		}

		/**
		 * An account of the organisation found by its address, not bound to this subject: not signed in, a link is
		 * mailed to {@code address}, the account's, for its owner to confirm (decision 0095). {@code linkHash}: the
		 * hash of the link's token, to know the browser it was asked in by; null when none was sent.
		 */
		record ConfirmByMail(String address, String linkHash) implements Outcome {
		}

		/** Refused, with the message key that says why on the login page. */
		record Refused(String reason) implements Outcome {
		}
	}

	/**
	 * What the provider said of the person. {@code emailVerified} is the token's claim, null when it
	 * sent none; {@code addressesVerified} is the administrator's word that this provider only gives
	 * out addresses its people own.
	 */
	record Vouched(String issuer, String clientId, String subject, String email, Boolean emailVerified, String name,
			boolean addressesVerified) {

		/**
		 * The subject as the account keeps it: a subject is unique only at its issuer, and Entra ID gives
		 * each registration of an application (client id) its own subjects for the same people.
		 */
		String boundSubject() {
			return provider() + subject;
		}

		/** What every subject bound at this provider and registration begins with. */
		String provider() {
			return ExternalSignIns.provider(issuer, clientId);
		}

		boolean verified() {
			return emailVerified == null ? addressesVerified : emailVerified;
		}
	}

	/** What every subject bound at this provider and registration begins with. */
	static String provider(String issuer, String clientId) {
		return issuer + " " + clientId + " ";
	}

	private final Accounts accounts;

	private final SignInAttempts attempts;

	private final SingleSignOnLinks links;

	private final SingleSignOnNotices notices;

	private final SingleSignOn singleSignOn;

	ExternalSignIns(Accounts accounts, SignInAttempts attempts, SingleSignOnLinks links, SingleSignOnNotices notices,
			SingleSignOn singleSignOn) {
		this.accounts = accounts;
		this.attempts = attempts;
		this.links = links;
		this.notices = notices;
		this.singleSignOn = singleSignOn;
	}

	/**
	 * {@code language} is the one the person was reading the app in when they signed in: a new account
	 * starts in it (it was always Dutch); an account that exists keeps the one chosen for it.
	 */
	@Transactional
	Outcome signIn(UUID organisationId, Vouched vouched, Locale language) {
		if (vouched.subject() == null || vouched.subject().isBlank() || vouched.boundSubject().length() > 2000) {
			log.warn("Single sign-on for organisation {} refused: the provider gave no usable subject", organisationId);
			return new Outcome.Refused("failed");
		}
		Optional<Account> bound = accounts.byExternalSubject(vouched.boundSubject());
		if (bound.isPresent()) {
			return signedIn(bound.get(), organisationId);
		}
		String email = vouched.email();
		if (email == null || email.isBlank() || email.length() > 320 || !vouched.verified()) {
			log.warn("Single sign-on for organisation {} refused: the provider gave no verified address", organisationId);
			return new Outcome.Refused("unverified");
		}
		var existing = accounts.byEmail(email);
		if (existing.isPresent()) {
			Account account = existing.get();
			if (!ofOrganisation(account, organisationId)) {
				// As any failure: that the address has an account at another organisation (very likely someone in a
				// coaching programme) is not for whoever runs this organisation's provider to learn (decision 0095).
				return new Outcome.Refused("failed");
			}
			// Bound to another person at this provider: the address moved to someone else there, or was
			// typed by someone else into their own profile. Asked again in the binding's update itself, so
			// that of two confirmations at once by different people only one binds the account.
			if (accounts.externalSubjectOf(account.id()).filter(subject -> subject.startsWith(vouched.provider())).isPresent()) {
				log.warn("Single sign-on refused: account {} is bound to another subject of {}", account.id(), vouched.issuer());
				return new Outcome.Refused("boundElsewhere");
			}
			// Never bound, or bound at an earlier provider or registration of the organisation (it changed either):
			// the owner confirms by mail. Whatever the account's state, the answer is the same page, so that it
			// tells whoever claims the address nothing more than that an account has it.
			return new Outcome.ConfirmByMail(account.email(),
					links.mail(account, organisationId, vouched.boundSubject(), vouched.provider()).orElse(null));
		}
		String name = vouched.name();
		String displayName = name == null || name.isBlank() ? email : name.strip();
		Account created = accounts.register(new NewAccount(organisationId, email,
				displayName.length() > 200 ? displayName.substring(0, 200) : displayName, language,
				Set.of(), null));
		accounts.bindExternalSubjectUnlessBoundAt(created.id(), vouched.boundSubject(), vouched.provider());
		log.info("First single sign-on: account {} created in organisation {} without any role", created.id(),
				organisationId);
		// The address's owner hears of it: made by the provider's operator with their address, the account could
		// later be given them (an application of theirs adds a role to it) with the operator's subject bound.
		notices.linked(created.id(), singleSignOn.of(organisationId).map(SingleSignOn.Provider::label).orElse(""));
		return new Outcome.SignedIn(new SignedInAccount(created, null, false), true);
	}

	private static boolean ofOrganisation(Account account, UUID organisationId) {
		if (account.organisationId() == null || !account.organisationId().equals(organisationId)) {
			log.warn("Single sign-on refused: account {} belongs to another organisation than {}", account.id(),
					organisationId);
			return false;
		}
		return true;
	}

	private Outcome signedIn(Account account, UUID organisationId) {
		if (!ofOrganisation(account, organisationId)) {
			return new Outcome.Refused("failed");
		}
		if (!account.enabled() || attempts.locked(account.id())) {
			return new Outcome.Refused("disabled");
		}
		return new Outcome.SignedIn(new SignedInAccount(account, null, false), false);
	}
}

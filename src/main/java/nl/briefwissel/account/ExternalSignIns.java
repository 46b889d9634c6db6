package nl.briefwissel.account;

import java.util.Locale;
import java.util.Optional;
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
 * Someone new gets an account in that organisation without any role when they confirm a link mailed to
 * their address, so signing in grants nothing until an administrator decides what they may do. A
 * participant's account is never bound nor signed in this way (decision 0101).
 */
@Service
class ExternalSignIns {

	private static final Logger log = LoggerFactory.getLogger(ExternalSignIns.class);

	/** The outcome of a sign-in through a provider. */
	sealed interface Outcome {

		record SignedIn(SignedInAccount account, boolean created) implements Outcome {
		}

		/**
		 * Not signed in: a link is mailed to {@code address} if it may use Briefwissel here, for its owner to confirm
		 * (decisions 0095 and 0101). {@code linkHash}: the hash of the link's token, to know the browser it was asked
		 * in by; null when none was sent (the page is the same).
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

	ExternalSignIns(Accounts accounts, SignInAttempts attempts, SingleSignOnLinks links) {
		this.accounts = accounts;
		this.attempts = attempts;
		this.links = links;
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
			if (bound.get().has(Role.PARTICIPANT)) {
				// Cleared when the role came (decision 0101); should one remain, it opens nothing.
				log.warn("Single sign-on refused: account {} takes part in a programme", bound.get().id());
				return neutral(vouched.email());
			}
			return signedIn(bound.get(), organisationId);
		}
		String email = vouched.email();
		if (email == null || email.isBlank() || email.length() > 320 || !vouched.verified()) {
			log.warn("Single sign-on for organisation {} refused: the provider gave no verified address", organisationId);
			return refused();
		}
		// From here every answer is the same page, mailed or not (decision 0101): whoever runs the provider can
		// give their user any address, and learns nothing of it by signing in with it.
		var existing = accounts.byEmail(email);
		if (existing.isPresent()) {
			Account account = existing.get();
			if (!ofOrganisation(account, organisationId)) {
				return neutral(email);
			}
			if (account.has(Role.PARTICIPANT)) {
				// The employer's provider never opens a participant's letters (decision 0101): nothing is mailed that
				// would have the participant confirm a binding asked for by the provider's operator.
				log.info("Single sign-on: account {} takes part in a programme, not bound and nothing mailed", account.id());
				return neutral(email);
			}
			// Bound to another person at this provider: the address moved to someone else there, or was
			// typed by someone else into their own profile. Asked again in the binding's update itself, so
			// that of two confirmations at once by different people only one binds the account.
			if (accounts.externalSubjectOf(account.id()).filter(subject -> subject.startsWith(vouched.provider())).isPresent()) {
				log.warn("Single sign-on: account {} is bound to another subject of {}, nothing mailed", account.id(),
						vouched.issuer());
				return neutral(email);
			}
			// Never bound, or bound at an earlier provider or registration of the organisation (it changed either):
			// the owner confirms by mail.
			return new Outcome.ConfirmByMail(email, links.mail(account, organisationId, vouched).orElse(null));
		}
		// Someone new: made only when the address's owner confirms, in this browser (decision 0101). Made at once,
		// an account the operator made with someone's address stayed bound to the operator's user when an
		// application of theirs later gave it the participant's role.
		return new Outcome.ConfirmByMail(email, links.mailNew(organisationId, vouched, language).orElse(null));
	}

	/**
	 * No verified address, or a bound account that is disabled or locked: one answer for both (decision 0111), so that
	 * a subject without a verified address learns nothing of a binding. A subject with one that is refused is bound
	 * (an unbound one gets the neutral page): its own person needs to know, and whom to ask (decision 0111 says why
	 * this is kept). The log above each tells them apart.
	 */
	private static Outcome refused() {
		return new Outcome.Refused("refused");
	}

	/** The page that says a link is mailed if the address may use Briefwissel, with nothing mailed. */
	private static Outcome neutral(String email) {
		return new Outcome.ConfirmByMail(email == null ? "" : email, null);
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
			log.warn("Single sign-on refused: account {} is disabled or locked", account.id());
			return refused();
		}
		return new Outcome.SignedIn(new SignedInAccount(account, null, accounts.passwordAsOfSignIn(account.id()), false), false);
	}
}

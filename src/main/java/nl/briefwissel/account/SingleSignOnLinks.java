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
 * An account that exists is bound to a provider's subject for the first time (or anew, after the organisation
 * changed its provider or registration) only on its owner's word: a link mailed to the account's own address,
 * pressed in the browser that signed in through the provider (decision 0095). The provider's word for an address
 * is not enough: whoever runs the organisation's provider can make a user with anyone's address, a participant's
 * too, and would then read their letters under their name.
 */
@Service
public class SingleSignOnLinks {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOnLinks.class);

	/**
	 * What a link binds: this account (none yet: one is made for {@code email}), of this organisation, to this
	 * subject ({@code issuer client-id subject}); {@code email} and {@code name} as the provider gave them, shown to
	 * whoever is asked to confirm, and {@code language} the one a new account starts in.
	 */
	record Binding(UUID accountId, UUID organisationId, String subject, String provider, String email, String name,
			Locale language) {

		/** The host of the provider's issuer, which the owner recognises when asked to confirm. */
		String issuerHost() {
			String issuer = provider.substring(0, Math.max(0, provider.indexOf(' ')));
			try {
				String host = java.net.URI.create(issuer).getHost();
				return host == null ? issuer : host;
			}
			catch (IllegalArgumentException notAUri) {
				return issuer;
			}
		}
	}

	/** What the page that asks to press a link names: the connection, its issuer's host and the provider's user. */
	public record Described(String connection, String issuerHost, String name, String email) {
	}

	/** What became of pressing the link. */
	public sealed interface Confirmation {

		/** Bound: the person signs in through the provider from now on, and now. */
		record Bound(SignedInAccount account, UUID organisationId) implements Confirmation {
		}

		/** Not bound, with the message key of the sign-in page that says why. */
		record Refused(String reason) implements Confirmation {
		}

		/** Used, run out, never sent, or about a connection that changed since. */
		record Invalid() implements Confirmation {
		}
	}

	private final Accounts accounts;

	private final MailedLinks links;

	private final SingleSignOn singleSignOn;

	private final SignInAttempts attempts;

	private final SignInProperties properties;

	private final SingleSignOnNotices notices;

	SingleSignOnLinks(Accounts accounts, MailedLinks links, SingleSignOn singleSignOn, SignInAttempts attempts,
			SignInProperties properties, SingleSignOnNotices notices) {
		this.accounts = accounts;
		this.links = links;
		this.singleSignOn = singleSignOn;
		this.attempts = attempts;
		this.properties = properties;
		this.notices = notices;
	}

	/**
	 * Mails the owner a link that binds their account to this subject; an earlier one of this subject stops working,
	 * another subject's not (decision 0111). Returns the hash of its token, to know the browser by; empty when nothing
	 * was sent: a disabled account (the page says the same, so that it tells whoever claims the address nothing of the
	 * account) or the hourly limit reached.
	 */
	Optional<String> mail(Account account, UUID organisationId, ExternalSignIns.Vouched vouched) {
		if (!account.enabled()) {
			log.info("Single sign-on: account {} is disabled, no binding link sent", account.id());
			return Optional.empty();
		}
		return links.sendBinding(account, binding(account.id(), organisationId, vouched, account.language()),
				properties.bindingLinkValidity(), label(organisationId));
	}

	/**
	 * Mails the address, which has no account, a link that makes one in the organisation (without any role) bound
	 * to this subject, when pressed in this browser (decision 0101). As {@link #mail}, for an address.
	 */
	Optional<String> mailNew(UUID organisationId, ExternalSignIns.Vouched vouched, Locale language) {
		Binding binding = binding(null, organisationId, vouched, language);
		Account recipient = new Account(null, organisationId, vouched.email(), binding.name(), language, Set.of(), true);
		return links.sendBinding(recipient, binding, properties.bindingLinkValidity(), label(organisationId));
	}

	private static Binding binding(UUID accountId, UUID organisationId, ExternalSignIns.Vouched vouched, Locale language) {
		// Shown to whoever is asked to confirm, on the page and in the mail, before any account keeps it: cleaned as
		// every name is (TypedName), so that an override in it cannot turn the address shown after it around.
		String given = nl.briefwissel.TypedName.cleaned(vouched.name());
		String name = given == null || given.isBlank() ? vouched.email() : given;
		return new Binding(accountId, organisationId, vouched.boundSubject(), vouched.provider(),
				Accounts.normalise(vouched.email()), name.length() > 200 ? name.substring(0, 200) : name, language);
	}

	private String label(UUID organisationId) {
		return singleSignOn.of(organisationId).map(SingleSignOn.Provider::label).orElse("");
	}

	/** How long a link works, in minutes (the setting briefwissel.sign-in.binding-link-validity). */
	public long validityMinutes() {
		return properties.bindingLinkValidity().toMinutes();
	}

	/** What a link that still works would bind, for the page that asks to press it (decision 0101). */
	public Optional<Described> describe(String token) {
		return links.bindingFor(token).flatMap(binding -> stillMeant(binding)
			.map(provider -> new Described(provider.label(), binding.issuerHost(), binding.name(), binding.email())));
	}

	/**
	 * Uses the link and binds the account, once; mails the owner that it is bound. Only while the account is still
	 * the organisation's and the organisation's connection still the one the link was made at.
	 */
	@Transactional
	public Confirmation confirm(String token) {
		Optional<Binding> found = links.bindingFor(token);
		if (found.isEmpty()) {
			return new Confirmation.Invalid();
		}
		Binding binding = found.get();
		if (binding.accountId() == null) {
			return create(binding, token);
		}
		links.lockAccount(binding.accountId());
		Optional<SingleSignOn.Provider> provider = stillMeant(binding);
		if (provider.isEmpty() || links.take(MailedLinks.Kind.SINGLE_SIGN_ON, token).isEmpty()) {
			return new Confirmation.Invalid();
		}
		Account account = accounts.byId(binding.accountId()).orElseThrow();
		if (account.has(Role.PARTICIPANT)) {
			// Took part in a programme since the link was mailed: never through the employer's provider (decision 0101).
			log.warn("Single sign-on binding for account {} refused: it takes part in a programme", account.id());
			return new Confirmation.Refused("failed");
		}
		if (!account.enabled() || attempts.locked(account.id())) {
			return new Confirmation.Refused("disabled");
		}
		if (accounts.byExternalSubject(binding.subject()).filter(other -> !other.id().equals(account.id())).isPresent()) {
			// This person at the provider signed in to another account meanwhile (made for them at their first
			// sign-in): one subject finds one account.
			log.warn("Single sign-on binding for account {} refused: its subject is bound to another account", account.id());
			return new Confirmation.Refused("failed");
		}
		if (!accounts.bindExternalSubjectUnlessBoundAt(account.id(), binding.subject(), binding.provider())) {
			log.warn("Single sign-on binding for account {} refused: bound to another subject of that provider meanwhile",
					account.id());
			return new Confirmation.Refused("boundElsewhere");
		}
		log.info("Single sign-on: account {} bound on its owner's word", account.id());
		notices.linked(account.id(), provider.get().label());
		return new Confirmation.Bound(new SignedInAccount(account, null, accounts.passwordAsOfSignIn(account.id()), false), binding.organisationId());
	}

	/**
	 * The address's owner confirmed: their account is made in the organisation, without any role, and bound
	 * (decision 0101). Not when the address got an account meanwhile (an application made one): that one is
	 * bound, if ever, by a sign-in of its own.
	 */
	private Confirmation create(Binding binding, String token) {
		Optional<SingleSignOn.Provider> provider = stillMeant(binding);
		if (provider.isEmpty() || !links.takeNew(token)) {
			return new Confirmation.Invalid();
		}
		if (accounts.byEmail(binding.email()).isPresent() || accounts.byExternalSubject(binding.subject()).isPresent()) {
			log.warn("Single sign-on: no account made for organisation {}, the address or subject has one meanwhile",
					binding.organisationId());
			return new Confirmation.Refused("failed");
		}
		Account created = accounts.register(new NewAccount(binding.organisationId(), binding.email(), binding.name(),
				binding.language(), Set.of(), null));
		accounts.bindExternalSubjectUnlessBoundAt(created.id(), binding.subject(), binding.provider());
		log.info("First single sign-on: account {} made in organisation {} on its owner's word, without any role",
				created.id(), binding.organisationId());
		notices.linked(created.id(), provider.get().label());
		return new Confirmation.Bound(new SignedInAccount(created, null, Accounts.PasswordChangedAt.NEVER, false), binding.organisationId());
	}

	/** The organisation's connection, while the account is still the organisation's and the connection the link's. */
	private Optional<SingleSignOn.Provider> stillMeant(Binding binding) {
		boolean ofOrganisation = binding.accountId() == null || accounts.byId(binding.accountId())
			.map(account -> binding.organisationId().equals(account.organisationId()))
			.orElse(false);
		return ofOrganisation ? singleSignOn.of(binding.organisationId())
			.filter(SingleSignOn.Provider::enabled)
			.filter(provider -> ExternalSignIns.provider(provider.issuer(), provider.clientId()).equals(binding.provider()))
				: Optional.empty();
	}
}

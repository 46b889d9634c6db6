package nl.briefwissel.account;

import java.util.Optional;
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

	/** What a link binds: this account, of this organisation, to this subject ({@code issuer client-id subject}). */
	record Binding(UUID accountId, UUID organisationId, String subject, String provider) {
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
	 * Mails the owner a link that binds their account to this subject; every earlier one stops working. Returns the
	 * hash of its token, to know the browser by; empty when nothing was sent: a disabled account (the page says the
	 * same, so that it tells whoever claims the address nothing of the account) or the hourly limit reached.
	 */
	Optional<String> mail(Account account, UUID organisationId, String subject, String provider) {
		if (!account.enabled()) {
			log.info("Single sign-on: account {} is disabled, no binding link sent", account.id());
			return Optional.empty();
		}
		return links.sendBinding(account, new Binding(account.id(), organisationId, subject, provider),
				properties.bindingLinkValidity());
	}

	/** How long a link works, in minutes (the setting briefwissel.sign-in.binding-link-validity). */
	public long validityMinutes() {
		return properties.bindingLinkValidity().toMinutes();
	}

	/** The name of the connection a link that still works would bind to, for the page that asks to press it. */
	public Optional<String> providerLabel(String token) {
		return links.bindingFor(token).flatMap(this::stillMeant).map(SingleSignOn.Provider::label);
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
		links.lockAccount(binding.accountId());
		Optional<SingleSignOn.Provider> provider = stillMeant(binding);
		if (provider.isEmpty() || links.take(MailedLinks.Kind.SINGLE_SIGN_ON, token).isEmpty()) {
			return new Confirmation.Invalid();
		}
		Account account = accounts.byId(binding.accountId()).orElseThrow();
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
		return new Confirmation.Bound(new SignedInAccount(account, null, false), binding.organisationId());
	}

	/** The organisation's connection, while the account is still the organisation's and the connection the link's. */
	private Optional<SingleSignOn.Provider> stillMeant(Binding binding) {
		boolean ofOrganisation = accounts.byId(binding.accountId())
			.map(account -> binding.organisationId().equals(account.organisationId()))
			.orElse(false);
		return ofOrganisation ? singleSignOn.of(binding.organisationId())
			.filter(SingleSignOn.Provider::enabled)
			.filter(provider -> ExternalSignIns.provider(provider.issuer(), provider.clientId()).equals(binding.provider()))
				: Optional.empty();
	}
}

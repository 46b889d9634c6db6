package nl.briefwissel.account;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * Spring Security's registrations, made from each organisation's provider: the registration id is
 * the organisation's id. The provider's discovery document is read once per saved configuration,
 * not on every sign-in.
 */
@Component
class SingleSignOnRegistrations implements ClientRegistrationRepository {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOnRegistrations.class);

	private record Cached(SingleSignOn.Provider provider, ClientRegistration registration) {
	}

	private final SingleSignOn singleSignOn;

	private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

	SingleSignOnRegistrations(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		UUID organisation;
		try {
			organisation = UUID.fromString(registrationId);
		}
		catch (IllegalArgumentException notOurs) {
			return null;
		}
		Optional<SingleSignOn.Provider> provider = singleSignOn.of(organisation).filter(SingleSignOn.Provider::enabled);
		if (provider.isEmpty()) {
			return null;
		}
		Cached cached = cache.get(organisation);
		if (cached != null && cached.provider().equals(provider.get())) {
			return cached.registration();
		}
		try {
			ClientRegistration registration = ClientRegistrations.fromIssuerLocation(provider.get().issuer())
				.registrationId(registrationId)
				.clientId(provider.get().clientId())
				.clientSecret(provider.get().clientSecret())
				.scope("openid", "profile", "email")
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.clientName(provider.get().label())
				.build();
			cache.put(organisation, new Cached(provider.get(), registration));
			return registration;
		}
		catch (RuntimeException unreachable) {
			log.warn("Single sign-on of organisation {} unavailable: its provider {} did not answer as OpenID Connect ({})",
					organisation, provider.get().issuer(), unreachable.getMessage());
			return null;
		}
	}
}

package nl.briefwissel.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Each organisation's OpenID Connect provider, as its administrator set it up. */
@Repository
public class SingleSignOn {

	/**
	 * One organisation's provider. When the provider asks for a second factor itself (as most
	 * government identity providers do), Briefwissel does not ask for its own code on top, except of
	 * accounts that set up an authenticator app (decision 0095). When it
	 * only gives out addresses its people own ({@code addressesVerified}), a token that does not say
	 * whether the address is verified (Entra ID's) counts as verified.
	 */
	public record Provider(UUID organisationId, String label, String issuer, String clientId, String clientSecret,
			boolean providerAsksSecondFactor, boolean addressesVerified, boolean enabled, OffsetDateTime changedAt) {

		@Override
		public String toString() {
			// Never the secret, not even in a log line.
			return "Provider[" + organisationId + ", " + issuer + ", " + clientId + "]";
		}
	}

	/** What the login page offers: a button per organisation. */
	public record Option(String registrationId, String label) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	SingleSignOn(JdbcClient jdbc, Clock clock, Encryption encryption) {
		this.encryption = encryption;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Provider> of(UUID organisationId) {
		return jdbc.sql("""
				select organisation_id, label, issuer, client_id, client_secret, provider_asks_second_factor, enabled, changed_at,
				       client_secret_key_id, addresses_verified
				from single_sign_on where organisation_id = :organisation""")
			.param("organisation", organisationId)
			.query((rs, n) -> new Provider(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					encryption.openText(rs.getString(9), rs.getString(5)), rs.getBoolean(6), rs.getBoolean(10), rs.getBoolean(7),
					rs.getObject(8, OffsetDateTime.class)))
			.optional();
	}

	public List<Option> options() {
		return jdbc.sql("select organisation_id, label from single_sign_on where enabled = true order by label")
			.query((rs, n) -> new Option(rs.getObject(1, UUID.class).toString(), rs.getString(2)))
			.list();
	}

	/** Saves the provider; an empty secret keeps the one already stored. */
	@Transactional
	public void save(UUID organisationId, String label, String issuer, String clientId, String clientSecret,
			boolean providerAsksSecondFactor, boolean addressesVerified, boolean enabled) {
		// The organisation's row first: two saves at once (a double click on the first one) would otherwise
		// both find nothing to update and both insert, and the second would fail on the primary key. Now the
		// second waits, then finds the first's row, and reads the secret it stored.
		jdbc.sql("select id from organisation where id = :organisation for update")
			.param("organisation", organisationId)
			.query(UUID.class)
			.optional();
		String secret = clientSecret == null || clientSecret.isBlank()
				? of(organisationId).map(Provider::clientSecret).orElse("") : clientSecret;
		int updated = jdbc.sql("""
				update single_sign_on set label = :label, issuer = :issuer, client_id = :client, client_secret = :secret,
				    client_secret_key_id = :key, provider_asks_second_factor = :mfa, addresses_verified = :verified,
				    enabled = :enabled, changed_at = :now
				where organisation_id = :organisation""")
			.param("label", label)
			.param("issuer", issuer)
			.param("client", clientId)
			.param("secret", encryption.sealText(secret))
			.param("key", encryption.keyId())
			.param("mfa", providerAsksSecondFactor)
			.param("verified", addressesVerified)
			.param("enabled", enabled)
			.param("now", OffsetDateTime.now(clock))
			.param("organisation", organisationId)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into single_sign_on (organisation_id, label, issuer, client_id, client_secret, client_secret_key_id,
					    provider_asks_second_factor, addresses_verified, enabled, changed_at)
					values (:organisation, :label, :issuer, :client, :secret, :key, :mfa, :verified, :enabled, :now)""")
				.param("organisation", organisationId)
				.param("label", label)
				.param("issuer", issuer)
				.param("client", clientId)
				.param("secret", encryption.sealText(secret))
				.param("key", encryption.keyId())
				.param("mfa", providerAsksSecondFactor)
				.param("verified", addressesVerified)
				.param("enabled", enabled)
				.param("now", OffsetDateTime.now(clock))
				.update();
		}
	}

	/** An organisation that ended signs in no one any more, and its provider's secret goes (decision 0073). */
	@Transactional
	public void remove(UUID organisationId) {
		jdbc.sql("delete from single_sign_on where organisation_id = :organisation").param("organisation", organisationId).update();
	}
}

package nl.briefwissel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the production profile on the evaluation defaults. Runs before any bean
 * exists, so the person starting Briefwissel reads one list of everything that is missing
 * instead of a stack trace about a data source.
 */
class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!Arrays.asList(environment.getActiveProfiles()).contains("production")) {
			return;
		}
		List<String> problems = new ArrayList<>();
		String dbUrl = environment.getProperty("briefwissel.db.url", "");
		if (dbUrl.isBlank()) {
			problems.add("BRIEFWISSEL_DB_URL is not set (a PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/briefwissel)");
		}
		else if (!dbUrl.startsWith("jdbc:postgresql:")) {
			problems.add("BRIEFWISSEL_DB_URL must point to PostgreSQL; H2 and other databases are for evaluation only (got "
					+ dbUrl.replaceAll("[;?].*", "") + ")");
		}
		require(environment, problems, "briefwissel.db.user", "BRIEFWISSEL_DB_USER", "the database user");
		require(environment, problems, "briefwissel.base-url", "BRIEFWISSEL_BASE_URL",
				"the public https address of Briefwissel, used in links in mail");
		require(environment, problems, "briefwissel.mail.domain", "BRIEFWISSEL_MAIL_DOMAIN",
				"the mail domain of reply addresses, e.g. coaching.example.nl");
		require(environment, problems, "briefwissel.mail.from", "BRIEFWISSEL_MAIL_FROM",
				"the sender address of outgoing mail");
		require(environment, problems, "briefwissel.mail.smtp.host", "BRIEFWISSEL_MAIL_SMTP_HOST",
				"the SMTP relay that sends mail");
		boolean receiver = environment.getProperty("briefwissel.mail.receiver.enabled", Boolean.class, false);
		if (environment.getProperty("briefwissel.mail.imap.host", "").isBlank()) {
			if (!receiver) {
				problems.add("BRIEFWISSEL_MAIL_IMAP_HOST is not set: replies need an IMAP mailbox to read, "
						+ "or the SMTP receiver (BRIEFWISSEL_MAIL_RECEIVER_ENABLED=true) for a site whose own MTA delivers them");
			}
		}
		else {
			require(environment, problems, "briefwissel.mail.imap.username", "BRIEFWISSEL_MAIL_IMAP_USERNAME",
					"the login of the IMAP mailbox");
			if ("xoauth2".equalsIgnoreCase(environment.getProperty("briefwissel.mail.imap.auth", "password"))) {
				require(environment, problems, "briefwissel.mail.imap.oauth2.token-uri",
						"BRIEFWISSEL_MAIL_IMAP_OAUTH2_TOKEN_URI", "the OAuth2 token endpoint for XOAUTH2");
				require(environment, problems, "briefwissel.mail.imap.oauth2.client-id",
						"BRIEFWISSEL_MAIL_IMAP_OAUTH2_CLIENT_ID", "the OAuth2 client id for XOAUTH2");
				require(environment, problems, "briefwissel.mail.imap.oauth2.client-secret",
						"BRIEFWISSEL_MAIL_IMAP_OAUTH2_CLIENT_SECRET", "the OAuth2 client secret for XOAUTH2");
			}
			else {
				require(environment, problems, "briefwissel.mail.imap.password", "BRIEFWISSEL_MAIL_IMAP_PASSWORD",
						"the password of the IMAP mailbox");
			}
		}
		encryptionKeys(environment, problems);
		// The profile switches demo data off; a variable left from an evaluation would switch it on
		// again, with an administrator whose password is in the README and who needs no second factor.
		if (Boolean.parseBoolean(environment.getProperty("briefwissel.demo.enabled", "false").strip())) {
			problems.add("BRIEFWISSEL_DEMO_ENABLED must not be true in production: demo accounts have known passwords "
					+ "and sign in without a second factor");
		}
		if (!problems.isEmpty()) {
			throw new MissingProductionSettingsException(problems);
		}
	}

	/**
	 * Content is sealed at rest with a configured key; the evaluation default's generated key lies
	 * next to the data it protects, so production refuses it.
	 */
	private static void encryptionKeys(ConfigurableEnvironment environment, List<String> problems) {
		boolean keys = !Binder.get(environment)
			.bind("briefwissel.encryption.keys", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.isEmpty();
		boolean keystore = !environment.getProperty("briefwissel.encryption.keystore", "").isBlank();
		if (!keys && !keystore) {
			problems.add("no encryption key is configured: set BRIEFWISSEL_ENCRYPTION_KEYS_<ID> (base64 of 32 random bytes, "
					+ "e.g. openssl rand -base64 32) and BRIEFWISSEL_ENCRYPTION_ACTIVE_KEY=<id>, or BRIEFWISSEL_ENCRYPTION_KEYSTORE "
					+ "(PKCS12) with BRIEFWISSEL_ENCRYPTION_KEYSTORE_PASSWORD");
			return;
		}
		require(environment, problems, "briefwissel.encryption.active-key", "BRIEFWISSEL_ENCRYPTION_ACTIVE_KEY",
				"the id of the key that encrypts new records");
		if (keystore) {
			require(environment, problems, "briefwissel.encryption.keystore-password",
					"BRIEFWISSEL_ENCRYPTION_KEYSTORE_PASSWORD", "the password of the encryption keystore");
		}
	}

	private static void require(ConfigurableEnvironment environment, List<String> problems, String property,
			String variable, String meaning) {
		if (environment.getProperty(property, "").isBlank()) {
			problems.add(variable + " is not set (" + meaning + ")");
		}
	}

	@Override
	public int getOrder() {
		// After the config data (application*.properties, environment) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}
}

package nl.briefwissel;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionSettingsCheckTests {

	private final ProductionSettingsCheck check = new ProductionSettingsCheck();

	@Test
	void theProductionProfileRefusesToStartWithoutSettingsAndSaysWhatIsMissing() {
		// Command-line arguments beat the environment, so this holds on a CI run with BRIEFWISSEL_DB_URL set.
		assertThatThrownBy(() -> new SpringApplicationBuilder(BriefwisselApplication.class).profiles("production")
			.run("--briefwissel.db.url=", "--briefwissel.db.user=", "--briefwissel.mail.smtp.host=",
					"--briefwissel.mail.receiver.enabled=false", "--server.port=0"))
			.isInstanceOf(MissingProductionSettingsException.class)
			.hasMessageContaining("BRIEFWISSEL_DB_URL")
			.hasMessageContaining("BRIEFWISSEL_DB_USER")
			.hasMessageContaining("BRIEFWISSEL_MAIL_SMTP_HOST")
			.hasMessageContaining("BRIEFWISSEL_MAIL_IMAP_HOST")
			.hasMessageContaining("BRIEFWISSEL_BASE_URL")
			.hasMessageContaining("no encryption key is configured");
	}

	@Test
	void productionRefusesToStartWithoutAnEncryptionKey() {
		MockEnvironment withoutKey = new MockEnvironment();
		withoutKey.setActiveProfiles("production");
		completeExceptEncryption(withoutKey);
		assertThatThrownBy(() -> check.postProcessEnvironment(withoutKey, new SpringApplication()))
			.isInstanceOf(MissingProductionSettingsException.class)
			.hasMessageContaining("no encryption key is configured")
			.hasMessageContaining("BRIEFWISSEL_ENCRYPTION_KEYS_<ID>")
			.hasMessageContaining("BRIEFWISSEL_ENCRYPTION_KEYSTORE");
	}

	@Test
	void aConfiguredKeyNeedsTheActiveKeyAndAKeystoreItsPassword() {
		MockEnvironment keys = complete().withProperty("briefwissel.encryption.active-key", "");
		assertThatThrownBy(() -> check.postProcessEnvironment(keys, new SpringApplication()))
			.hasMessageContaining("BRIEFWISSEL_ENCRYPTION_ACTIVE_KEY")
			.hasMessageNotContaining("no encryption key is configured");
		MockEnvironment keystore = new MockEnvironment();
		keystore.setActiveProfiles("production");
		completeExceptEncryption(keystore).withProperty("briefwissel.encryption.keystore", "/etc/briefwissel/keys.p12")
			.withProperty("briefwissel.encryption.active-key", "k2026");
		assertThatThrownBy(() -> check.postProcessEnvironment(keystore, new SpringApplication()))
			.hasMessageContaining("BRIEFWISSEL_ENCRYPTION_KEYSTORE_PASSWORD");
		assertThatCode(() -> check.postProcessEnvironment(
				keystore.withProperty("briefwissel.encryption.keystore-password", "geheim"), new SpringApplication()))
			.doesNotThrowAnyException();
	}

	@Test
	void h2IsRefusedInProduction() {
		MockEnvironment environment = complete().withProperty("briefwissel.db.url", "jdbc:h2:file:./data/briefwissel;MODE=PostgreSQL");
		assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOf(MissingProductionSettingsException.class)
			.hasMessageContaining("must point to PostgreSQL")
			.hasMessageContaining("jdbc:h2:file:./data/briefwissel")
			.hasMessageNotContaining("MODE=");
	}

	@Test
	void demoDataIsRefusedInProduction() {
		MockEnvironment environment = complete().withProperty("briefwissel.demo.enabled", "true");
		assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOf(MissingProductionSettingsException.class)
			.hasMessageContaining("BRIEFWISSEL_DEMO_ENABLED must not be true in production");
	}

	@Test
	void completeSettingsPass() {
		assertThatCode(() -> check.postProcessEnvironment(complete(), new SpringApplication())).doesNotThrowAnyException();
	}

	@Test
	void theSmtpReceiverReplacesTheImapMailbox() {
		MockEnvironment environment = complete().withProperty("briefwissel.mail.imap.host", "")
			.withProperty("briefwissel.mail.receiver.enabled", "true");
		assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
	}

	@Test
	void xoauth2NeedsItsClientInsteadOfAPassword() {
		MockEnvironment environment = complete().withProperty("briefwissel.mail.imap.password", "")
			.withProperty("briefwissel.mail.imap.auth", "xoauth2");
		assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("BRIEFWISSEL_MAIL_IMAP_OAUTH2_TOKEN_URI")
			.hasMessageContaining("BRIEFWISSEL_MAIL_IMAP_OAUTH2_CLIENT_SECRET")
			.hasMessageNotContaining("BRIEFWISSEL_MAIL_IMAP_PASSWORD");
	}

	@Test
	void anImapMailboxNeedsItsCredentials() {
		MockEnvironment environment = complete().withProperty("briefwissel.mail.imap.password", "");
		assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("BRIEFWISSEL_MAIL_IMAP_PASSWORD")
			.hasMessageNotContaining("BRIEFWISSEL_MAIL_IMAP_USERNAME");
	}

	@Test
	void withoutTheProductionProfileNothingIsRequired() {
		assertThatCode(() -> check.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
			.doesNotThrowAnyException();
	}

	@Test
	void theFailureIsPrintedAsAListWithWhatToDo() {
		MockEnvironment environment = complete().withProperty("briefwissel.mail.smtp.host", "");
		try {
			check.postProcessEnvironment(environment, new SpringApplication());
		}
		catch (MissingProductionSettingsException e) {
			FailureAnalysis analysis = new MissingProductionSettingsFailureAnalyzer().analyze(e);
			assertThat(analysis.getDescription()).contains("  - BRIEFWISSEL_MAIL_SMTP_HOST is not set");
			assertThat(analysis.getAction()).contains("README.md");
			return;
		}
		throw new AssertionError("expected the check to fail");
	}

	private static MockEnvironment complete() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("production");
		return completeExceptEncryption(environment)
			.withProperty("briefwissel.encryption.keys.k2026", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
			.withProperty("briefwissel.encryption.active-key", "k2026");
	}

	private static MockEnvironment completeExceptEncryption(MockEnvironment environment) {
		return environment.withProperty("briefwissel.db.url", "jdbc:postgresql://db:5432/briefwissel")
			.withProperty("briefwissel.db.user", "briefwissel")
			.withProperty("briefwissel.base-url", "https://coaching.example.nl")
			.withProperty("briefwissel.mail.domain", "coaching.example.nl")
			.withProperty("briefwissel.mail.from", "coaching@example.nl")
			.withProperty("briefwissel.mail.smtp.host", "smtp.example.nl")
			.withProperty("briefwissel.mail.imap.host", "imap.example.nl")
			.withProperty("briefwissel.mail.imap.username", "coaching@example.nl")
			.withProperty("briefwissel.mail.imap.password", "secret");
	}
}

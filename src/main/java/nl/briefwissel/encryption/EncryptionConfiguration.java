package nl.briefwissel.encryption;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keys are read once at start: a node that cannot read its keys does not start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionProperties.class)
class EncryptionConfiguration {

	@Bean
	Keyring keyring(EncryptionProperties properties) {
		return Keyring.from(properties);
	}

	@Bean
	Encryption encryption(Keyring keyring) {
		return new Encryption(keyring);
	}
}

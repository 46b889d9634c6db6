package nl.briefwissel.encryption;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys under {@code briefwissel.encryption}: {@code keys.<id>} (base64 of 32 random bytes) and/or
 * a PKCS12 {@code keystore} whose aliases are key ids; {@code active-key} seals new records. With
 * neither, the evaluation default generates a development key into {@code development-key-file};
 * the production profile refuses that.
 */
@ConfigurationProperties("briefwissel.encryption")
record EncryptionProperties(Map<String, String> keys, String activeKey, Path keystore, String keystorePassword,
		@DefaultValue("./data/encryption-development.key") Path developmentKeyFile,
		@DefaultValue("500") int rotationBatchSize) {

	EncryptionProperties {
		keys = keys == null ? Map.of() : Map.copyOf(keys);
	}

	boolean configured() {
		return !keys.isEmpty() || keystore != null;
	}

	/** Never prints key material or the keystore password (configuration reports, failure analysis). */
	@Override
	public String toString() {
		return "EncryptionProperties[keys=" + keys.keySet() + ", activeKey=" + activeKey + ", keystore=" + keystore
				+ ", developmentKeyFile=" + developmentKeyFile + ", rotationBatchSize=" + rotationBatchSize + "]";
	}
}

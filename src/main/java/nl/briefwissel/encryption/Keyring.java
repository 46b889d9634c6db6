package nl.briefwissel.encryption;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys this node can open records with, by id, and the one it seals new records with. Key
 * material stays in here: nothing outside this module ever sees a key.
 */
final class Keyring {

	private static final Logger log = LoggerFactory.getLogger(Keyring.class);

	static final int KEY_BYTES = 32;

	// Stored in a varchar(64) next to every record, and used in environment variable names.
	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final Map<String, SecretKey> keys;

	private final String active;

	Keyring(Map<String, SecretKey> keys, String active) {
		this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
		this.active = active;
		if (!this.keys.containsKey(active)) {
			throw new IllegalStateException("The active encryption key '" + active + "' is not among the configured keys "
					+ new TreeSet<>(this.keys.keySet()) + " (briefwissel.encryption.active-key)");
		}
	}

	String activeId() {
		return active;
	}

	Set<String> ids() {
		return keys.keySet();
	}

	SecretKey key(String id) {
		SecretKey key = keys.get(id);
		if (key == null) {
			throw new UnreadableRecordException("A record is sealed with encryption key '" + id
					+ "', which is not configured on this node (configured: " + new TreeSet<>(keys.keySet()) + ")");
		}
		return key;
	}

	static SecretKey aes(byte[] material, String id) {
		if (material.length != KEY_BYTES) {
			throw new IllegalStateException("Encryption key '" + id + "' has " + material.length + " bytes; AES-256 needs "
					+ KEY_BYTES + " (base64 of 32 random bytes, e.g. openssl rand -base64 32)");
		}
		return new SecretKeySpec(material, "AES");
	}

	/**
	 * The keys of the configuration and the keystore. Without either, the evaluation default: a
	 * development key generated once into a file under {@code ./data}, next to the evaluation
	 * database, with a warning. A development key file that exists stays readable after keys are
	 * configured, so an evaluation installation can rotate away from it.
	 */
	static Keyring from(EncryptionProperties properties) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		properties.keys().forEach((id, base64) -> put(keys, id, aes(decode(id, base64), id)));
		if (properties.keystore() != null) {
			keystore(properties.keystore(), properties.keystorePassword()).forEach((id, key) -> put(keys, id, key));
		}
		Path file = properties.developmentKeyFile();
		if (!properties.configured()) {
			if (properties.activeKey() != null && !properties.activeKey().isBlank()) {
				throw new IllegalStateException("briefwissel.encryption.active-key is '" + properties.activeKey()
						+ "' but no key is configured (briefwissel.encryption.keys.<id> or briefwissel.encryption.keystore)");
			}
			Map.Entry<String, SecretKey> development = developmentKey(file);
			log.warn("""

					*** Encryption at rest uses a DEVELOPMENT key kept in {} (key id {}).
					*** Anyone who can read that folder can read every message. Fine for evaluation only:
					*** configure briefwissel.encryption.keys.<id> and briefwissel.encryption.active-key for production.
					""", file.toAbsolutePath().normalize(), development.getKey());
			put(keys, development.getKey(), development.getValue());
			return new Keyring(keys, development.getKey());
		}
		if (file != null && Files.isRegularFile(file)) {
			Map.Entry<String, SecretKey> development = readDevelopmentKey(file);
			keys.putIfAbsent(development.getKey(), development.getValue());
		}
		String active = properties.activeKey();
		if (active == null || active.isBlank()) {
			if (keys.size() != 1) {
				throw new IllegalStateException("Set briefwissel.encryption.active-key to the key that seals new records, one of "
						+ new TreeSet<>(keys.keySet()));
			}
			active = keys.keySet().iterator().next();
		}
		return new Keyring(keys, active);
	}

	/**
	 * For the {@code encryption} command: the keys of the configuration, or the development key that
	 * the evaluation default made, but never a new one. Run without the application's settings (or in
	 * another folder), the command generated a key nobody else had and sealed the rows from before
	 * encryption with it, where no node could open them again.
	 */
	static Keyring existing(EncryptionProperties properties) {
		Path file = properties.developmentKeyFile();
		if (!properties.configured() && (file == null || !Files.isRegularFile(file))) {
			throw new IllegalStateException("No encryption key is configured and there is no development key at "
					+ (file == null ? "briefwissel.encryption.development-key-file" : file.toAbsolutePath().normalize())
					+ ": run the command with the application's settings (BRIEFWISSEL_ENCRYPTION_KEYS_<ID> and "
					+ "BRIEFWISSEL_ENCRYPTION_ACTIVE_KEY, or the keystore), or, for the evaluation default, in the folder the application runs in");
		}
		return from(properties);
	}

	private static void put(Map<String, SecretKey> keys, String id, SecretKey key) {
		if (!KEY_ID.matcher(id).matches()) {
			throw new IllegalStateException("Encryption key id '" + id
					+ "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		if (keys.putIfAbsent(id, key) != null) {
			throw new IllegalStateException("Encryption key id '" + id + "' is configured twice (keys and keystore)");
		}
	}

	private static byte[] decode(String id, String base64) {
		try {
			return Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("Encryption key '" + id + "' is not valid base64", e);
		}
	}

	/** Every AES secret key entry; PKCS12 lower-cases aliases, so key ids from a keystore are lower case. */
	private static Map<String, SecretKey> keystore(Path path, String password) {
		char[] secret = password == null ? new char[0] : password.toCharArray();
		try (InputStream in = Files.newInputStream(path)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, secret);
			Map<String, SecretKey> keys = new LinkedHashMap<>();
			for (String alias : Collections.list(store.aliases())) {
				if (store.isKeyEntry(alias)) {
					Key key = store.getKey(alias, secret);
					if (key instanceof SecretKey && "AES".equalsIgnoreCase(key.getAlgorithm())) {
						keys.put(alias, aes(key.getEncoded(), alias));
					}
				}
			}
			if (keys.isEmpty()) {
				throw new IllegalStateException("The keystore " + path + " holds no AES key (keytool -genseckey -keyalg AES -keysize 256)");
			}
			return keys;
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException("Cannot read the encryption keystore " + path + ": " + e.getMessage(), e);
		}
	}

	private static Map.Entry<String, SecretKey> developmentKey(Path file) {
		if (Files.isRegularFile(file)) {
			return readDevelopmentKey(file);
		}
		byte[] material = new byte[KEY_BYTES];
		SecureRandom random = new SecureRandom();
		random.nextBytes(material);
		byte[] suffix = new byte[4];
		random.nextBytes(suffix);
		// A random id, so records sealed with a lost development key say so instead of failing as tampered.
		String id = "development-" + HexFormat.of().formatHex(suffix);
		Properties contents = new Properties();
		contents.setProperty("id", id);
		contents.setProperty("key", Base64.getEncoder().encodeToString(material));
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			// CREATE_NEW: when two processes start at once, one writes and the other reads what it wrote.
			try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
				contents.store(out, "Briefwissel development encryption key (evaluation only). Losing it makes encrypted records unreadable.");
			}
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// Windows: the folder's own permissions apply.
			}
			return Map.entry(id, aes(material, id));
		}
		catch (FileAlreadyExistsException raced) {
			return readDevelopmentKeyWrittenByAnother(file);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot write the development encryption key to " + file + ": " + e.getMessage(), e);
		}
	}

	/** The other process created the file a moment ago and may still be writing it. */
	private static Map.Entry<String, SecretKey> readDevelopmentKeyWrittenByAnother(Path file) {
		for (int attempt = 1;; attempt++) {
			try {
				return readDevelopmentKey(file);
			}
			catch (IllegalStateException incomplete) {
				if (attempt == 20) {
					throw incomplete;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw incomplete;
				}
			}
		}
	}

	private static Map.Entry<String, SecretKey> readDevelopmentKey(Path file) {
		Properties contents = new Properties();
		try (var reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
			contents.load(reader);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read the development encryption key " + file + ": " + e.getMessage(), e);
		}
		String id = contents.getProperty("id", "");
		String key = contents.getProperty("key", "");
		if (id.isBlank() || key.isBlank()) {
			throw new IllegalStateException("The development encryption key " + file + " has no id or key: restore it from a backup");
		}
		return Map.entry(id, aes(decode(id, key), id));
	}
}

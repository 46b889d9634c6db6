package nl.briefwissel.encryption;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionTests {

	@TempDir
	Path folder;

	private static final SecretKey FIRST = randomKey();

	private static final SecretKey SECOND = randomKey();

	private final Encryption first = new Encryption(new Keyring(Map.of("k2025", FIRST), "k2025"));

	@Test
	void textAndBytesComeBackAsTheyWentIn() {
		String text = "Ik twijfel of ik de overstap naar het onderwijs durf. Één vraag: 💬";
		String sealed = first.sealText(text);
		assertThat(sealed).doesNotContain("overstap");
		assertThat(first.openText("k2025", sealed)).isEqualTo(text);
		byte[] file = "%PDF-1.7 mijn cv".getBytes(StandardCharsets.UTF_8);
		assertThat(first.open("k2025", first.seal(file))).isEqualTo(file);
		assertThat(first.seal(null)).isNull();
		assertThat(first.sealText(null)).isNull();
	}

	@Test
	void everySealingHasItsOwnIvSoEqualTextsDoNotLookEqual() {
		byte[] one = first.seal("ja".getBytes(StandardCharsets.UTF_8));
		byte[] two = first.seal("ja".getBytes(StandardCharsets.UTF_8));
		assertThat(one).isNotEqualTo(two);
		// 12 bytes IV + 2 bytes text + 16 bytes tag
		assertThat(one).hasSize(30);
	}

	@Test
	void aRowWithoutKeyIdIsLegacyPlainTextAndReadsAsItIs() {
		assertThat(first.openText(null, "geschreven voor de versleuteling")).isEqualTo("geschreven voor de versleuteling");
		assertThat(first.open(null, new byte[] { 1, 2, 3 })).containsExactly(1, 2, 3);
	}

	@Test
	void aRecordUnderAnOldKeyStillOpensAfterTheActiveKeyChanges() {
		String sealed = first.sealText("oude brief");
		Encryption afterRotation = new Encryption(new Keyring(Map.of("k2025", FIRST, "k2026", SECOND), "k2026"));
		assertThat(afterRotation.keyId()).isEqualTo("k2026");
		assertThat(afterRotation.openText("k2025", sealed)).isEqualTo("oude brief");
		assertThat(afterRotation.openText("k2026", afterRotation.sealText("nieuwe brief"))).isEqualTo("nieuwe brief");
	}

	@Test
	void tamperedCiphertextFailsLoudly() {
		byte[] sealed = first.seal("vertrouwelijk".getBytes(StandardCharsets.UTF_8));
		sealed[15] ^= 1;
		assertThatThrownBy(() -> first.open("k2025", sealed)).isInstanceOf(UnreadableRecordException.class)
			.hasMessageContaining("k2025")
			.hasMessageContaining("changed");
		assertThatThrownBy(() -> first.openText("k2025", "geen base64!")).isInstanceOf(UnreadableRecordException.class);
		assertThatThrownBy(() -> first.open("k2025", new byte[5])).isInstanceOf(UnreadableRecordException.class);
	}

	@Test
	void aThreadsCipherServesEveryRecordAfterAFailureAndUnderEveryKey() throws Exception {
		// Each thread keeps one cipher for all records (Encryption.CIPHERS): a record that did not open,
		// or one under another key, must leave nothing behind for the next.
		Encryption rotated = new Encryption(new Keyring(Map.of("k2025", FIRST, "k2026", SECOND), "k2026"));
		byte[] tampered = first.seal("vertrouwelijk".getBytes(StandardCharsets.UTF_8));
		tampered[20] ^= 1;
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				runs.add(threads.submit(() -> {
					for (int i = 0; i < 300; i++) {
						String text = "brief " + thread + "-" + i;
						String old = first.sealText(text);
						if (i % 7 == 0) {
							assertThatThrownBy(() -> first.open("k2025", tampered)).isInstanceOf(UnreadableRecordException.class);
						}
						assertThat(rotated.openText("k2025", old)).isEqualTo(text);
						assertThat(rotated.openText("k2026", rotated.sealText(text + " nieuw"))).isEqualTo(text + " nieuw");
					}
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			testsupport.Threads.finish(threads);
		}
	}

	/** Recognised again on every node and after a restart; not undone by hashing likely values without the key. */
	@Test
	void aKeyedHashIsTheSameWithTheSameKeyAndPurposeOnly() throws Exception {
		String address = "iemand@example.nl";
		String hash = first.keyedHash("briefwissel sign-in failure v1", address);
		assertThat(hash).matches("[0-9a-f]{64}");
		assertThat(hash).isNotEqualTo(java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8))));
		assertThat(first.keyedHash("briefwissel sign-in failure v1", address)).isEqualTo(hash);
		Encryption anotherNode = new Encryption(new Keyring(Map.of("k2025", FIRST), "k2025"));
		assertThat(anotherNode.keyedHash("briefwissel sign-in failure v1", address)).isEqualTo(hash);

		assertThat(first.keyedHash("briefwissel another purpose v1", address)).isNotEqualTo(hash);
		assertThat(first.keyedHash("briefwissel sign-in failure v1", "iemand-anders@example.nl")).isNotEqualTo(hash);
		Encryption afterRotation = new Encryption(new Keyring(Map.of("k2025", FIRST, "k2026", SECOND), "k2026"));
		assertThat(afterRotation.keyedHash("briefwissel sign-in failure v1", address)).as("follows the active key")
			.isNotEqualTo(hash)
			.isEqualTo(afterRotation.keyedHash("briefwissel sign-in failure v1", address));
	}

	@Test
	void theKeyIdIsAuthenticatedSoARecordDoesNotOpenUnderAnotherId() {
		// The same key material under two ids: only the id the record was sealed with opens it.
		Encryption twoNames = new Encryption(new Keyring(Map.of("k2025", FIRST, "alias", FIRST), "k2025"));
		String sealed = twoNames.sealText("vertrouwelijk");
		assertThatThrownBy(() -> twoNames.openText("alias", sealed)).isInstanceOf(UnreadableRecordException.class);
		assertThatThrownBy(() -> first.openText("onbekend", sealed)).isInstanceOf(UnreadableRecordException.class)
			.hasMessageContaining("'onbekend'")
			.hasMessageContaining("not configured");
	}

	@Test
	void withoutConfigurationADevelopmentKeyIsGeneratedOnceAndKept() {
		Path file = folder.resolve("data/encryption-development.key");
		Keyring generated = Keyring.from(properties(Map.of(), null, null, null, file));
		assertThat(file).exists();
		assertThat(generated.activeId()).startsWith("development-");
		String sealed = new Encryption(generated).sealText("demo");

		Keyring again = Keyring.from(properties(Map.of(), null, null, null, file));
		assertThat(again.activeId()).isEqualTo(generated.activeId());
		assertThat(new Encryption(again).openText(again.activeId(), sealed)).isEqualTo("demo");
	}

	@Test
	void configuredKeysReplaceTheDevelopmentKeyWhichStaysReadableForRotation() {
		Path file = folder.resolve("encryption-development.key");
		Keyring development = Keyring.from(properties(Map.of(), null, null, null, file));
		String sealed = new Encryption(development).sealText("uit de evaluatie");

		Keyring configured = Keyring.from(properties(Map.of("k2026", base64(SECOND)), "k2026", null, null, file));
		assertThat(configured.activeId()).isEqualTo("k2026");
		assertThat(new Encryption(configured).openText(development.activeId(), sealed)).isEqualTo("uit de evaluatie");
		assertThat(Keyring.from(properties(Map.of("k2026", base64(SECOND)), null, null, null, folder.resolve("none")))
			.activeId()).as("one configured key is the active one").isEqualTo("k2026");
	}

	@Test
	void badKeyConfigurationStopsTheStartWithTheReason() {
		Path none = folder.resolve("none");
		assertThatThrownBy(() -> Keyring.from(properties(Map.of("k1", base64(FIRST)), "k2", null, null, none)))
			.hasMessageContaining("'k2' is not among the configured keys");
		assertThatThrownBy(() -> Keyring.from(properties(Map.of("k1", Base64.getEncoder().encodeToString(new byte[16])),
				"k1", null, null, none)))
			.hasMessageContaining("16 bytes");
		assertThatThrownBy(() -> Keyring.from(properties(Map.of("k1", base64(FIRST), "k2", base64(SECOND)), null, null, null,
				none)))
			.hasMessageContaining("briefwissel.encryption.active-key");
		assertThatThrownBy(() -> Keyring.from(properties(Map.of(), "k1", null, null, none)))
			.hasMessageContaining("no key is configured");
	}

	@Test
	void keysComeFromAPkcs12KeystoreWithAliasesAsKeyIds() throws Exception {
		Path path = folder.resolve("keys.p12");
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection("geheim".toCharArray());
		store.setEntry("k2025", new KeyStore.SecretKeyEntry(FIRST), protection);
		store.setEntry("k2026", new KeyStore.SecretKeyEntry(SECOND), protection);
		try (OutputStream out = Files.newOutputStream(path)) {
			store.store(out, "geheim".toCharArray());
		}
		Keyring keyring = Keyring.from(properties(Map.of(), "k2026", path, "geheim", folder.resolve("none")));
		assertThat(keyring.ids()).containsExactlyInAnyOrder("k2025", "k2026");
		assertThat(new Encryption(keyring).openText("k2025", first.sealText("uit de keystore"))).isEqualTo("uit de keystore");
		assertThatThrownBy(() -> Keyring.from(properties(Map.of(), "k2026", path, "fout", folder.resolve("none"))))
			.hasMessageContaining("Cannot read the encryption keystore");
	}

	@Test
	void thePropertiesNeverPrintKeyMaterial() {
		String key = base64(FIRST);
		assertThat(properties(Map.of("k1", key), "k1", null, "wachtwoord", null).toString()).doesNotContain(key)
			.doesNotContain("wachtwoord")
			.contains("k1");
	}

	private static EncryptionProperties properties(Map<String, String> keys, String active, Path keystore, String password,
			Path developmentKeyFile) {
		return new EncryptionProperties(keys, active, keystore, password, developmentKeyFile, 500);
	}

	private static SecretKey randomKey() {
		byte[] material = new byte[32];
		new SecureRandom().nextBytes(material);
		return new SecretKeySpec(material, "AES");
	}

	private static String base64(SecretKey key) {
		return Base64.getEncoder().encodeToString(key.getEncoded());
	}
}

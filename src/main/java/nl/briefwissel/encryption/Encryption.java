package nl.briefwissel.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals and opens the content of records with AES-256-GCM. A sealed value is a random 96-bit IV
 * followed by the ciphertext and its 128-bit tag; the key id is authenticated with it, so a record
 * whose key id column was changed does not open under another key. The caller stores
 * {@link #keyId()} next to every value it seals; a null key id marks a row written before
 * encryption, whose value is plain and is returned as it is.
 */
public class Encryption {

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final Keyring keyring;

	private final SecureRandom random = new SecureRandom();

	/**
	 * One cipher per thread, initialised again for every record: looking the algorithm up among the
	 * providers cost more than opening a letter of a page (a conversation page opens twenty or more).
	 * A cipher is not thread-safe; on one thread it is used by one call at a time.
	 */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is part of every Java platform", e);
		}
	});

	private static final String HMAC = "HmacSHA256";

	/** As {@link #CIPHERS}: a Mac is not thread-safe, and looking it up for every hash costs more than the hash. */
	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance(HMAC);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
		}
	});

	private static final Logger log = LoggerFactory.getLogger(Encryption.class);

	/**
	 * The records said to be unreadable already ({@link #openListed}): a list read again, a page at a time
	 * or by every view, said the same record again each time. Bounded; beyond it each is said every time.
	 */
	private final Set<String> saidUnreadable = ConcurrentHashMap.newKeySet();

	private static final int SAID_AT_MOST = 10_000;

	/** The key derived for each purpose; the keyring, and so its active key, never changes while it lives. */
	private final Map<String, SecretKey> hashKeys = new ConcurrentHashMap<>();

	Encryption(Keyring keyring) {
		this.keyring = keyring;
	}

	/**
	 * The id of the key that seals new records, to be stored with them; with a null value too (it opens
	 * as null), so a writer never asks which of the two it has.
	 */
	public String keyId() {
		return keyring.activeId();
	}

	/** Sealed bytes under {@link #keyId()}; null stays null. */
	public byte[] seal(byte[] plain) {
		if (plain == null) {
			return null;
		}
		String id = keyring.activeId();
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, keyring.key(id), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plain.length)];
			System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
			cipher.doFinal(plain, 0, plain.length, sealed, IV_BYTES);
			return sealed;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is part of every Java platform", e);
		}
	}

	/** The plain bytes of a record; with a null key id the stored bytes are plain already. */
	public byte[] open(String keyId, byte[] stored) {
		if (keyId == null || stored == null) {
			return stored;
		}
		if (stored.length < IV_BYTES + TAG_BITS / 8) {
			throw new UnreadableRecordException("A record sealed with key '" + keyId + "' is too short to be sealed: it was changed");
		}
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, keyring.key(keyId), new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
		}
		catch (AEADBadTagException e) {
			throw new UnreadableRecordException("A record sealed with key '" + keyId
					+ "' does not open: its ciphertext or key id was changed, or the key with that id is not the one it was sealed with", e);
		}
		catch (GeneralSecurityException e) {
			throw new UnreadableRecordException("A record sealed with key '" + keyId + "' does not open: " + e.getMessage(), e);
		}
	}

	/** Sealed text as base64, for varchar columns; null stays null. */
	public String sealText(String plain) {
		return plain == null ? null : Base64.getEncoder().encodeToString(seal(plain.getBytes(StandardCharsets.UTF_8)));
	}

	/** The plain text of a record; with a null key id the stored text is plain already. */
	public String openText(String keyId, String stored) {
		if (keyId == null || stored == null) {
			return stored;
		}
		byte[] sealed;
		try {
			sealed = Base64.getDecoder().decode(stored);
		}
		catch (IllegalArgumentException e) {
			throw new UnreadableRecordException("A text sealed with key '" + keyId + "' is not base64: it was changed", e);
		}
		return new String(open(keyId, sealed), StandardCharsets.UTF_8);
	}

	/**
	 * The text of one record among the many a page or an export lists, or {@link OpenedText#UNREADABLE}
	 * when it does not open (its key is not configured, or it was changed): one such record was an error
	 * page for the whole list, and every other record on it unread (decision 0057). Said in the log once
	 * per record on this node, naming the record and its key, never its content or its sealed text. A
	 * page of one record (a letter, a report) still fails loudly through {@link #openText}.
	 *
	 * @param record what the record is, for the log: its table and id, never anything it says
	 */
	public OpenedText openListed(String record, String keyId, String stored) {
		try {
			return new OpenedText(openText(keyId, stored), true);
		}
		catch (UnreadableRecordException e) {
			if (saidUnreadable.size() >= SAID_AT_MOST || saidUnreadable.add(record + " " + keyId)) {
				log.error("{} does not open and is shown as unreadable: {}", record, e.getMessage());
			}
			return OpenedText.UNREADABLE;
		}
	}

	/**
	 * A keyed hash (HMAC-SHA256, 64 hex digits) of a value that must be recognised again but never read
	 * back, such as an address counted without being kept: unlike a plain hash, it cannot be reversed by
	 * hashing likely values without the key. Each purpose has its own key, so hashes for one purpose say
	 * nothing about another. The key is derived from the active key: the same on every node and after a
	 * restart, and a different one once the active key changes, so a caller keeps such hashes only as
	 * long as starting again after a key rotation is harmless.
	 */
	public String keyedHash(String purpose, String value) {
		try {
			Mac mac = MACS.get();
			mac.init(hashKeys.computeIfAbsent(purpose, this::hashKey));
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
		}
	}

	/**
	 * HKDF-Expand (RFC 5869) of the active key for one purpose, one block long. The extract step is left
	 * out as the RFC allows for a key that is uniformly random already, as every AES key here is.
	 */
	private SecretKey hashKey(String purpose) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(keyring.key(keyring.activeId()).getEncoded(), HMAC));
			mac.update(("briefwissel keyed hash: " + purpose).getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 1);
			return new SecretKeySpec(mac.doFinal(), HMAC);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
		}
	}
}

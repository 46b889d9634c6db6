package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The store of inbound mail. Adapters call {@link #store} before they acknowledge a mail (SMTP
 * {@code 250}, IMAP {@code \Seen}); everything else reads from here. The raw mail is sealed at
 * rest; the hash and Message-ID that recognise a redelivery are of the plain mail.
 */
@Service
public class InboundMails {

	/** Where a mail came in. */
	public enum Source {
		IMAP, SMTP
	}

	/** The outcome of storing: the mail's id, and whether it was already there. */
	public record Stored(UUID id, boolean duplicate) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	private final org.springframework.beans.factory.ObjectProvider<InboundProcessor> processor;

	private final List<String> ourSenders;

	InboundMails(JdbcClient jdbc, Clock clock, Encryption encryption, MailProperties properties,
			org.springframework.beans.factory.ObjectProvider<InboundProcessor> processor) {
		this.ourSenders = InboundProcessor.ourSenders(properties);
		this.processor = processor;
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
	}

	/**
	 * Handles the mail that is due now on the calling thread, in its transaction, instead of in a
	 * worker: the demo story's replies by mail join the conversation at the past moment they were
	 * written (decision 0045), which a worker thread, on the real clock, would not give them.
	 */
	public void handleDueNow() {
		processor.ifAvailable(InboundProcessor::processBatch);
	}

	/**
	 * Stores the raw mail once; a redelivery (same Message-ID and body, or same bytes without a
	 * Message-ID) is recognised. A mail whose Message-ID is stored with another body is another mail (a
	 * mailer that reuses its IDs, or one that takes them from a template): it is kept under its body's hash
	 * as well, where it was taken for a redelivery and lost.
	 */
	@Transactional
	public Stored store(byte[] raw, Source source, String envelopeFrom, List<String> envelopeTo) {
		String hash = sha256(raw);
		String messageId = MessageIds.of(raw);
		String key = messageId != null ? MessageIds.key(messageId) : "sha256:" + hash;
		if (key.length() > 1000) {
			key = "sha256:" + hash;
		}
		Optional<UUID> stored = insert(key, raw, hash, messageId, source, envelopeFrom, envelopeTo);
		if (stored.isPresent()) {
			return new Stored(stored.get(), false);
		}
		Existing existing = existing(key);
		String body = bodyHash(raw);
		if (key.startsWith("sha256:") || existing.body() == null || existing.body().equals(body)) {
			return new Stored(existing.id(), true);
		}
		String withBody = key + "#" + body;
		String another = withBody.length() > 1000 ? "sha256:" + hash : withBody;
		stored = insert(another, raw, hash, messageId, source, envelopeFrom, envelopeTo);
		return stored.map(id -> new Stored(id, false)).orElseGet(() -> new Stored(existing(another).id(), true));
	}

	private Optional<UUID> insert(String key, byte[] raw, String hash, String messageId, Source source, String envelopeFrom,
			List<String> envelopeTo) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(clock);
		int inserted = jdbc.sql("""
				insert into inbound_mail (id, dedup_key, message_id, content_hash, raw_mail, raw_mail_key_id, size_bytes,
				    source, envelope_from, envelope_to, received_at, status, attempts, next_attempt_at)
				values (:id, :key, :messageId, :hash, :raw, :keyId, :size, :source, :from, :to, :now, 'RECEIVED', 0, :now)
				on conflict do nothing""")
			.param("id", id)
			.param("key", key)
			.param("messageId", messageId == null || messageId.length() > 998 ? null : messageId)
			.param("hash", hash)
			.param("raw", encryption.seal(raw))
			.param("keyId", encryption.keyId())
			.param("size", raw.length)
			.param("source", source.name())
			.param("from", truncate(printable(envelopeFrom), 320))
			.param("to", truncate(envelopeTo == null ? null : printable(String.join(",", envelopeTo)), 4000))
			.param("now", now)
			.update();
		return inserted == 1 ? Optional.of(id) : Optional.empty();
	}

	/** A stored mail under a key, with its body's hash; null when its raw mail went with an erasure. */
	private record Existing(UUID id, String body) {
	}

	private Existing existing(String key) {
		return jdbc.sql("select id, raw_mail, raw_mail_key_id from inbound_mail where dedup_key = :key")
			.param("key", key)
			.query((rs, n) -> {
				String keyId = rs.getString("raw_mail_key_id");
				return new Existing(rs.getObject("id", UUID.class),
						keyId == null ? null : bodyHash(encryption.open(keyId, rs.getBytes("raw_mail"))));
			})
			.single();
	}

	/**
	 * The hash of what follows the header section: the same mail delivered again has the same body, while
	 * its headers differ by channel (the SMTP receiver's Return-Path, a relay's Received lines).
	 */
	static String bodyHash(byte[] raw) {
		int end = MessageIds.headerEnd(raw);
		return sha256(java.util.Arrays.copyOfRange(raw, end, raw.length)).substring(0, 32);
	}

	public Optional<byte[]> raw(UUID id) {
		return jdbc.sql("select raw_mail, raw_mail_key_id from inbound_mail where id = :id")
			.param("id", id)
			.query((rs, n) -> encryption.open(rs.getString("raw_mail_key_id"), rs.getBytes("raw_mail")))
			.optional();
	}

	/**
	 * The mail as the pipeline reads it, for "show original" and the quarantine: with its envelope and our
	 * sender's name, or a mail added from the quarantine lost the words the pipeline kept (decision 0059).
	 */
	public Optional<ReadMail> read(UUID id) {
		return jdbc.sql("select raw_mail, raw_mail_key_id, envelope_to from inbound_mail where id = :id")
			.param("id", id)
			.query((rs, n) -> {
				byte[] raw = encryption.open(rs.getString("raw_mail_key_id"), rs.getBytes("raw_mail"));
				return raw == null ? null : MailReader.read(raw, InboundProcessor.envelope(rs.getString("envelope_to")), ourSenders);
			})
			.optional();
	}

	/**
	 * The mails from these (lower-case) addresses the pipeline gave up on and still keeps, or has still to
	 * process: by the envelope, else by the mail's own From. Few, as they wait for an administrator or for the
	 * next round. Locked for the caller's transaction, which is to empty them; one a worker is processing at
	 * this moment is left to it (waiting for it could deadlock with the trajectory the caller holds).
	 */
	public List<UUID> unprocessedFrom(java.util.Collection<String> addresses) {
		record Kept(UUID id, String envelopeFrom) {
		}
		List<UUID> theirs = jdbc.sql("select id, envelope_from from inbound_mail where status in ('FAILED', 'RECEIVED') and size_bytes > 0")
			.query((rs, n) -> new Kept(rs.getObject("id", UUID.class), rs.getString("envelope_from")))
			.list()
			.stream()
			.filter(kept -> addresses.contains(lower(kept.envelopeFrom()))
					|| read(kept.id()).map(ReadMail::from).map(InboundMails::lower).filter(addresses::contains).isPresent())
			.map(Kept::id)
			.toList();
		if (theirs.isEmpty()) {
			return theirs;
		}
		return jdbc.sql("""
				select id from inbound_mail where id in (:ids) and status in ('FAILED', 'RECEIVED') and size_bytes > 0
				for update skip locked""")
			.param("ids", theirs)
			.query(UUID.class)
			.list();
	}

	private static String lower(String address) {
		return address == null ? null : address.strip().toLowerCase(java.util.Locale.ROOT);
	}

	/** A mail the pipeline gave up on after its last attempt, kept for an administrator. */
	public record Failed(UUID id, OffsetDateTime receivedAt, int attempts, String lastError) {
	}

	public List<Failed> failed() {
		return jdbc.sql("""
				select id, received_at, attempts, last_error from inbound_mail
				where status = 'FAILED' and size_bytes > 0 order by received_at desc""")
			.query((rs, n) -> new Failed(rs.getObject("id", UUID.class), rs.getObject("received_at", OffsetDateTime.class),
					rs.getInt("attempts"), rs.getString("last_error")))
			.list();
	}

	/** What asking to process a failed mail again found. */
	public enum Retry {
		/** Put back in the queue by this request. */
		QUEUED,
		/** In the queue already (an earlier click, or a colleague's) and not yet processed. */
		WAITING,
		/** Processed already, as after an earlier click put it back. */
		PROCESSED,
		/** No such mail, or nothing left of it to process (emptied by erasure or retention). */
		UNKNOWN
	}

	/**
	 * Puts a failed mail back in the queue, for after the cause was fixed. A second click (or a
	 * colleague first) finds it queued or processed already: that is an answer, not an unknown mail.
	 */
	@Transactional
	public Retry retry(UUID id) {
		int queued = jdbc.sql("""
				update inbound_mail set status = 'RECEIVED', attempts = 0, next_attempt_at = :now
				where id = :id and status = 'FAILED' and size_bytes > 0""")
			.param("now", OffsetDateTime.now(clock))
			.param("id", id)
			.update();
		if (queued == 1) {
			return Retry.QUEUED;
		}
		return jdbc.sql("select status from inbound_mail where id = :id and size_bytes > 0")
			.param("id", id)
			.query(String.class)
			.optional()
			.map(status -> switch (status) {
				case "RECEIVED" -> Retry.WAITING;
				case "PROCESSED" -> Retry.PROCESSED;
				default -> Retry.UNKNOWN;
			})
			.orElse(Retry.UNKNOWN);
	}

	public long count() {
		return jdbc.sql("select count(*) from inbound_mail").query(Long.class).single();
	}

	static String sha256(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", e);
		}
	}

	/** Without control characters: PostgreSQL refuses a NUL in text, and the mail was then refused for good. */
	private static String printable(String value) {
		return value == null ? null : value.replaceAll("\\p{Cntrl}", "");
	}

	private static String truncate(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}

	/** Finds the Message-ID in the header section without parsing the whole mail. */
	static final class MessageIds {

		private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern
			.compile("(?im)^message-id:[ \\t]*(?:\\r?\\n[ \\t]+)?(<[^<>\\s\\p{Cntrl}]{1,900}>)");

		private MessageIds() {
		}

		private static final java.util.regex.Pattern ONE = java.util.regex.Pattern.compile("<[^<>\\s\\p{Cntrl}]{1,900}>");

		/** The key a mail with this Message-ID is stored under, and recognised by when it comes again. */
		static String key(String messageId) {
			return "id:" + messageId;
		}

		/**
		 * The key of a mail whose Message-ID header reads so (as an IMAP envelope gives it), or null when
		 * it is not one the store keys by: such a mail was stored under its bytes' hash, if at all.
		 */
		static String keyOfHeader(String header) {
			String id = header == null ? null : header.strip();
			return id != null && ONE.matcher(id).matches() ? key(id) : null;
		}

		static String of(byte[] raw) {
			int end = headerEnd(raw);
			String headers = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
			java.util.regex.Matcher matcher = HEADER.matcher(headers);
			return matcher.find() ? matcher.group(1) : null;
		}

		static int headerEnd(byte[] raw) {
			for (int i = 0; i + 1 < raw.length && i < 256 * 1024; i++) {
				if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
					return i;
				}
			}
			return Math.min(raw.length, 256 * 1024);
		}
	}
}

package nl.briefwissel.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nl.briefwissel.encryption.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brakes on guessing. An account is locked for a while after too many wrong passwords or codes
 * (kept in the database, so every node knows); requests for sign-in, reset and sign-in links are
 * limited per network address (kept per node: a guesser spread over nodes is slowed by the lockout).
 */
@Component
public class SignInAttempts {

	private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SignInProperties properties;

	private final Encryption encryption;

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	/**
	 * The purpose an address without an account is hashed for. A plain SHA-256 of an address is undone
	 * by hashing likely addresses; a keyed one is not without the key, which every node has. The key
	 * follows the active encryption key, which every node agrees on: after a rotation every address
	 * without an account counts from zero again (and a locked one is free once early). Acceptable: the
	 * rows are kept a day only, so no more than a day's counts start again, once per rotation, and the
	 * old rows go with the daily clean-up.
	 */
	static final String ADDRESS_HASH_PURPOSE = "briefwissel sign-in failure v1";

	SignInAttempts(JdbcClient jdbc, Clock clock, SignInProperties properties, Encryption encryption) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
		this.encryption = encryption;
	}

	/** How long a locked account stays locked, in whole minutes, as the sign-in page says it. */
	public long lockedMinutes() {
		return Math.max(1, (properties.lockoutFor().toSeconds() + 59) / 60);
	}

	/**
	 * Counts a wrong password for an address. An address without an account is counted too (by
	 * a keyed hash, in the database, as every node sees it), and locks as an account would: otherwise
	 * "locked" after five attempts would tell a guesser which addresses have an account.
	 */
	@Transactional
	public void failed(String email) {
		Optional<UUID> account = accountId(email);
		if (account.isPresent()) {
			failed(account.get());
		}
		else {
			failedWithoutAccount(Accounts.normalise(email));
		}
	}

	/**
	 * Counts a wrong password or code; the attempt that reaches the limit locks the account. One
	 * statement, so wrong codes sent at once from several sessions all count. A count last raised over a
	 * day ago starts again, as one for an address without an account does.
	 */
	@Transactional
	public void failed(UUID accountId) {
		count(accountId, false);
	}

	/**
	 * Takes one attempt at a code before it is checked: counted as a failure now (a right code clears
	 * the count, {@link #succeeded}), and refused when the account is locked. Checked first and counted
	 * after, thirty codes sent at once all passed the check before the fifth failure was written.
	 */
	@Transactional
	public boolean reserve(UUID accountId) {
		return count(accountId, true);
	}

	private boolean count(UUID accountId, boolean onlyUnlocked) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		int updated = jdbc.sql("""
				update account set
				  failed_sign_ins = case when locked_until <= :now or last_failed_sign_in_at < :dayAgo then 1
				    else failed_sign_ins + 1 end,
				  locked_until = case
				    when (case when locked_until <= :now or last_failed_sign_in_at < :dayAgo then 1
				      else failed_sign_ins + 1 end) >= :limit then :lockedUntil
				    when locked_until <= :now then null
				    else locked_until end,
				  last_failed_sign_in_at = :now
				where id = :id""" + (onlyUnlocked ? " and (locked_until is null or locked_until <= :now)" : ""))
			.param("now", now)
			.param("dayAgo", now.minusDays(1))
			.param("limit", properties.lockoutAfter())
			.param("lockedUntil", now.plus(properties.lockoutFor()))
			.param("id", accountId)
			.update();
		// (A reservation that reaches the limit may still be the right code: then nothing is locked, and not logged.)
		if (!onlyUnlocked && updated == 1 && jdbc.sql("select failed_sign_ins from account where id = :id").param("id", accountId)
			.query(Integer.class).single() == properties.lockoutAfter()) {
			log.warn("Account {} locked for {} after {} failed sign-ins", accountId, properties.lockoutFor(),
					properties.lockoutAfter());
		}
		return updated == 1;
	}

	/** Whether a guesser at an address without an account is told "locked", as they would be with one. */
	public boolean lockedWithoutAccount(String email) {
		return jdbc.sql("select locked_until from sign_in_failure where address_hash = :hash")
			.param("hash", addressHash(email))
			.query(OffsetDateTime.class)
			.optional()
			.filter(until -> until.isAfter(OffsetDateTime.now(clock)))
			.isPresent();
	}

	/** As for an account; a count last raised over a day ago starts again, as its row would be gone. */
	private static final String COUNT_WITHOUT_ACCOUNT = """
			update sign_in_failure set
			  failures = case when locked_until <= :now or last_failed_at < :dayAgo then 1 else failures + 1 end,
			  locked_until = case
			    when (case when locked_until <= :now or last_failed_at < :dayAgo then 1 else failures + 1 end) >= :limit
			      then :lockedUntil
			    when locked_until <= :now then null
			    else locked_until end,
			  last_failed_at = :now
			where address_hash = :hash""";

	private static final String FIRST_WITHOUT_ACCOUNT = """
			insert into sign_in_failure (address_hash, failures, locked_until, last_failed_at)
			values (:hash, 1, :firstLock, :now)
			on conflict do nothing""";

	/** Counted as {@link #failed(UUID)} counts, in one statement (update, else insert, else update). */
	private void failedWithoutAccount(String email) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		String hash = addressHash(email);
		OffsetDateTime lockedUntil = now.plus(properties.lockoutFor());
		java.util.function.Function<String, Integer> write = statement -> jdbc.sql(statement)
			.param("hash", hash)
			.param("now", now)
			.param("limit", properties.lockoutAfter())
			.param("lockedUntil", lockedUntil)
			.param("firstLock", properties.lockoutAfter() <= 1 ? lockedUntil : null)
			.param("dayAgo", now.minusDays(1))
			.update();
		if (write.apply(COUNT_WITHOUT_ACCOUNT) == 0 && write.apply(FIRST_WITHOUT_ACCOUNT) == 0) {
			write.apply(COUNT_WITHOUT_ACCOUNT);
		}
	}

	String addressHash(String email) {
		return encryption.keyedHash(ADDRESS_HASH_PURPOSE, Accounts.normalise(email));
	}

	/**
	 * A day after its last failure nothing is left of an address without an account. On a timer, not
	 * with each failure: two failures that each removed the other's old row could deadlock.
	 */
	@Scheduled(fixedDelayString = "${briefwissel.privacy.retention-interval:1h}",
			initialDelayString = "${briefwissel.privacy.retention-initial-delay:5m}")
	void forgetOldFailures() {
		forgetFailuresBefore(OffsetDateTime.now(clock).minusDays(1));
	}

	int forgetFailuresBefore(OffsetDateTime before) {
		return jdbc.sql("delete from sign_in_failure where last_failed_at < :before").param("before", before).update();
	}

	@Transactional
	public void succeeded(UUID accountId) {
		jdbc.sql("update account set failed_sign_ins = 0, locked_until = null where id = :id and (failed_sign_ins > 0 or locked_until is not null)")
			.param("id", accountId)
			.update();
	}

	public boolean locked(UUID accountId) {
		return jdbc.sql("select locked_until from account where id = :id")
			.param("id", accountId)
			.query(OffsetDateTime.class)
			.optional()
			.filter(until -> until.isAfter(OffsetDateTime.now(clock)))
			.isPresent();
	}

	/** Every account locked right now, for the administrator's overview. */
	public java.util.Set<UUID> lockedNow() {
		return java.util.Set.copyOf(jdbc.sql("select id from account where locked_until > :now")
			.param("now", OffsetDateTime.now(clock))
			.query(UUID.class)
			.list());
	}

	/**
	 * Whether one more request of this kind from this network address is allowed now. Addresses
	 * listed as unthrottled (a health check, the tests on loopback) always are.
	 */
	/**
	 * The network an address stands for: an IPv4 address itself, an IPv6 address its /64, since anyone
	 * with one IPv6 connection holds a whole /64 and would get a fresh limit from every address in it.
	 */
	static String network(String remoteAddress) {
		// Only an address literal is parsed: anything else would be looked up by name, on the request's path.
		if (!remoteAddress.contains(":") || !remoteAddress.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
			return remoteAddress;
		}
		try {
			byte[] bytes = java.net.InetAddress.getByName(remoteAddress).getAddress();
			if (bytes.length != 16) {
				return remoteAddress;
			}
			return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
		}
		catch (java.net.UnknownHostException | RuntimeException e) {
			return remoteAddress; // not an address literal: as it came
		}
	}

	public boolean allow(String action, String remoteAddress) {
		if (remoteAddress == null || properties.unthrottledAddresses().contains(remoteAddress)) {
			return true;
		}
		Instant now = clock.instant();
		Instant windowStart = now.minus(properties.requestWindow());
		if (recent.size() > 50_000) {
			// A flood of distinct addresses must not fill the heap: forget everything older than a window.
			recent.values().removeIf(times -> times.isEmpty() || times.peekLast().isBefore(windowStart));
		}
		Deque<Instant> times = recent.computeIfAbsent(action + " " + network(remoteAddress), key -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && times.peekFirst().isBefore(windowStart)) {
				times.pollFirst();
			}
			if (times.size() >= properties.requestsPerWindow()) {
				log.warn("Too many {} requests from one address; refused for now", action);
				return false;
			}
			times.addLast(now);
			return true;
		}
	}

	private Optional<UUID> accountId(String email) {
		return jdbc.sql("select id from account where email = :email")
			.param("email", Accounts.normalise(email))
			.query(UUID.class)
			.optional();
	}
}

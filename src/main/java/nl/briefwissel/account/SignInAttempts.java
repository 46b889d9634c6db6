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
 * <p>
 * Wrong codes are counted apart from wrong passwords, and a lock's end does not forget them: only
 * someone who has the password gets to a code, so each further lock of wrong codes lasts twice as
 * long, and the last one waits for an administrator (decision 0047). Wrong passwords, which anyone
 * who knows an address can send, lock for the same while each time.
 */
@Component
public class SignInAttempts {

	private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SignInProperties properties;

	private final Encryption encryption;

	private final SecondFactorNotices notices;

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	/** The longest a lock of wrong codes lasts before the last one: a day, so a person is locked out a day at most. */
	static final Duration LONGEST_CODE_LOCK = Duration.ofDays(1);

	/**
	 * The end of a lock only an administrator lifts. A moment, not a flag: every check of the lock
	 * ({@link #locked}, the administrator's overview, the sign-in) already reads the one column.
	 */
	static final OffsetDateTime UNTIL_AN_ADMINISTRATOR = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0,
			java.time.ZoneOffset.UTC);

	/** How a lock reads on the sign-in page: for a while yet, or until an administrator unlocks the account. */
	public sealed interface Lock extends java.io.Serializable {

		/** For a page, which cannot ask for the type: whether only an administrator ends this lock. */
		default boolean untilAnAdministrator() {
			return this instanceof UntilAnAdministrator;
		}

		/** Locked for {@code left} yet, said in whole minutes (rounded up), or hours once that reads better. */
		record For(Duration left) implements Lock {

			public long minutes() {
				return Math.max(1, (left.toSeconds() + 59) / 60);
			}

			/** Hours from two on, or a whole one: "90 minutes" reads better than "2 hours" for an hour and a half. */
			public boolean inHours() {
				return minutes() >= 120 || minutes() == 60;
			}

			public long hours() {
				return (minutes() + 59) / 60;
			}
		}

		record UntilAnAdministrator() implements Lock {
		}
	}

	/**
	 * One code taken for checking ({@link #reserve}): the wrong codes in a row it makes if it is wrong,
	 * and the lock it set then, if any, which is lifted again if the code is right.
	 */
	public record CodeAttempt(UUID accountId, int wrongInARow, Optional<Lock> locks) {
	}

	/**
	 * The purpose an address without an account is hashed for. A plain SHA-256 of an address is undone
	 * by hashing likely addresses; a keyed one is not without the key, which every node has. The key
	 * follows the active encryption key, which every node agrees on: after a rotation every address
	 * without an account counts from zero again (and a locked one is free once early). Acceptable: the
	 * rows are kept a day only, so no more than a day's counts start again, once per rotation, and the
	 * old rows go with the daily clean-up.
	 */
	static final String ADDRESS_HASH_PURPOSE = "briefwissel sign-in failure v1";

	SignInAttempts(JdbcClient jdbc, Clock clock, SignInProperties properties, Encryption encryption,
			SecondFactorNotices notices) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
		this.encryption = encryption;
		this.notices = notices;
	}

	/** How long a locked account stays locked, in whole minutes, as the sign-in page says it. */
	public long lockedMinutes() {
		return configuredLock().minutes();
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
	 * Counts a wrong password; the attempt that reaches the limit locks the account. One statement, so
	 * wrong passwords sent at once all count. A count last raised over a day ago starts again, as one for
	 * an address without an account does. A longer lock (of wrong codes) is never shortened.
	 */
	@Transactional
	void failed(UUID accountId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		OffsetDateTime lockedUntil = now.plus(properties.lockoutFor());
		int updated = jdbc.sql("""
				update account set
				  failed_sign_ins = case when locked_until <= :now or last_failed_sign_in_at < :dayAgo then 1
				    else failed_sign_ins + 1 end,
				  locked_until = case
				    when locked_until > :lockedUntil then locked_until
				    when (case when locked_until <= :now or last_failed_sign_in_at < :dayAgo then 1
				      else failed_sign_ins + 1 end) >= :limit then :lockedUntil
				    when locked_until <= :now then null
				    else locked_until end,
				  last_failed_sign_in_at = :now
				where id = :id""")
			.param("now", now)
			.param("dayAgo", now.minusDays(1))
			.param("limit", properties.lockoutAfter())
			.param("lockedUntil", lockedUntil)
			.param("id", accountId)
			.update();
		if (updated == 1 && jdbc.sql("select failed_sign_ins from account where id = :id").param("id", accountId)
			.query(Integer.class).single() == properties.lockoutAfter()) {
			log.warn("Account {} locked for {} after {} wrong passwords", accountId, properties.lockoutFor(),
					properties.lockoutAfter());
		}
	}

	/**
	 * Takes one attempt at a code before it is checked: counted as wrong now (a right code clears the
	 * count, {@link #codeRight}), and refused when the account is locked. Checked first and counted
	 * after, thirty codes sent at once all passed the check before the fifth failure was written. The
	 * row is locked while it is read and written, so codes sent at once count one by one.
	 * <p>
	 * Every {@code lockout-after} wrong codes in a row lock the account, each time twice as long as the
	 * time before, up to a day; {@code wrong-codes-until-administrator} of them lock it until an
	 * administrator unlocks it. The end of a lock does not start the count again: five guesses every
	 * quarter of an hour, for ever, found a code within a year four times in ten.
	 */
	@Transactional
	public Optional<CodeAttempt> reserve(UUID accountId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		record Row(int wrongCodes, OffsetDateTime lockedUntil) {
		}
		Optional<Row> row = jdbc.sql("select wrong_codes, locked_until from account where id = :id for update")
			.param("id", accountId)
			.query((rs, n) -> new Row(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
			.optional();
		if (row.isEmpty() || row.get().lockedUntil() != null && row.get().lockedUntil().isAfter(now)) {
			return Optional.empty();
		}
		int wrongInARow = row.get().wrongCodes() + 1;
		Optional<OffsetDateTime> lockedUntil = codeLockAfter(wrongInARow, now);
		var update = jdbc.sql("update account set wrong_codes = :wrong"
				+ (lockedUntil.isPresent() ? ", locked_until = :lockedUntil" : "") + " where id = :id")
			.param("wrong", wrongInARow)
			.param("id", accountId);
		lockedUntil.ifPresent(until -> update.param("lockedUntil", until));
		update.update();
		return Optional.of(new CodeAttempt(accountId, wrongInARow, lockedUntil.map(until -> lockEndingAt(until, now))));
	}

	/** The end of the lock this many wrong codes in a row set, if they set one. */
	private Optional<OffsetDateTime> codeLockAfter(int wrongInARow, OffsetDateTime now) {
		if (wrongInARow >= properties.wrongCodesUntilAdministrator()) {
			return Optional.of(UNTIL_AN_ADMINISTRATOR);
		}
		if (wrongInARow % properties.lockoutAfter() != 0) {
			return Optional.empty();
		}
		Duration longest = LONGEST_CODE_LOCK.compareTo(properties.lockoutFor()) > 0 ? LONGEST_CODE_LOCK
				: properties.lockoutFor();
		Duration lock = properties.lockoutFor();
		for (int earlier = 1; earlier < wrongInARow / properties.lockoutAfter() && lock.compareTo(longest) < 0; earlier++) {
			lock = lock.multipliedBy(2);
		}
		return Optional.of(now.plus(lock.compareTo(longest) > 0 ? longest : lock));
	}

	/**
	 * After a code turned out wrong: the lock it set, if it set one, is logged, and the person is mailed
	 * that someone knows their password. Once per lock: only the attempt that set it gets here with it.
	 */
	public void codeWrong(CodeAttempt attempt) {
		attempt.locks().ifPresent(lock -> {
			if (lock instanceof Lock.For during) {
				log.warn("Account {} locked for {} after {} wrong codes in a row", attempt.accountId(), during.left(),
						attempt.wrongInARow());
			}
			else {
				log.warn("Account {} locked until an administrator unlocks it after {} wrong codes in a row",
						attempt.accountId(), attempt.wrongInARow());
			}
			notices.codesLocked(attempt.accountId(), attempt.wrongInARow(), lock);
		});
	}

	/** A right app or recovery code: the wrong codes in a row, the wrong passwords and any lock are over. */
	@Transactional
	public void codeRight(UUID accountId) {
		unlock(accountId);
	}

	/** The administrator's unlock: every count starts again and any lock ends, the last one of wrong codes too. */
	@Transactional
	public void unlock(UUID accountId) {
		jdbc.sql("""
				update account set failed_sign_ins = 0, wrong_codes = 0, locked_until = null
				where id = :id and (failed_sign_ins > 0 or wrong_codes > 0 or locked_until is not null)""")
			.param("id", accountId)
			.update();
	}

	/** The lock on an account now, if there is one. */
	public Optional<Lock> lockOf(UUID accountId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("select locked_until from account where id = :id")
			.param("id", accountId)
			.query(OffsetDateTime.class)
			.optional()
			.filter(until -> until.isAfter(now))
			.map(until -> lockEndingAt(until, now));
	}

	/**
	 * The lock that refused a sign-in with this address, as the sign-in page says it: the account's, or
	 * for an address without one its own (which never waits for an administrator); the configured
	 * length when it ended meanwhile.
	 */
	public Lock lockOf(String email) {
		Optional<UUID> account = accountId(email);
		if (account.isPresent()) {
			return lockOf(account.get()).orElseGet(this::configuredLock);
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("select locked_until from sign_in_failure where address_hash = :hash")
			.param("hash", addressHash(email))
			.query(OffsetDateTime.class)
			.optional()
			.filter(until -> until.isAfter(now))
			.map(until -> lockEndingAt(until, now))
			.orElseGet(this::configuredLock);
	}

	/** The lock as configured, for a page that does not know whose lock it tells of. */
	public Lock.For configuredLock() {
		return new Lock.For(properties.lockoutFor());
	}

	private static Lock lockEndingAt(OffsetDateTime until, OffsetDateTime now) {
		return until.isBefore(UNTIL_AN_ADMINISTRATOR) ? new Lock.For(Duration.between(now, until))
				: new Lock.UntilAnAdministrator();
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

	/**
	 * The right password, a new one chosen by mail, or a sign-in without a code: the wrong passwords
	 * start again and a lock ends, except the one that waits for an administrator. The wrong codes in a
	 * row stay: only a right code ends them ({@link #codeRight}), so a guesser who can also read the
	 * mailbox still meets the last lock.
	 */
	@Transactional
	public void succeeded(UUID accountId) {
		jdbc.sql("""
				update account set failed_sign_ins = 0,
				  locked_until = case when locked_until >= :untilAdministrator then locked_until else null end
				where id = :id and (failed_sign_ins > 0 or locked_until is not null)""")
			.param("untilAdministrator", UNTIL_AN_ADMINISTRATOR)
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

	/**
	 * Every account locked right now, with its lock, for the administrator's overview: one that waits for
	 * them reads apart from one that ends by itself.
	 */
	public Map<UUID, Lock> lockedNow() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		Map<UUID, Lock> locked = new java.util.HashMap<>();
		jdbc.sql("select id, locked_until from account where locked_until > :now")
			.param("now", now)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), lockEndingAt(rs.getObject(2, OffsetDateTime.class), now)))
			.list()
			.forEach(entry -> locked.put(entry.getKey(), entry.getValue()));
		return locked;
	}

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

	/**
	 * Whether one more request of this kind from this network address is allowed now, and counted if so.
	 * Addresses listed as unthrottled (a health check, the tests on loopback) always are.
	 */
	public boolean allow(String action, String remoteAddress) {
		return withinLimit(action, remoteAddress);
	}

	/**
	 * Gives back the count a request of this kind from this network address took when it was allowed: a
	 * sign-in with the right password is no guess, so the staff of an office behind one address can all
	 * sign in at nine (decision 0148). Counted first and given back after, not counted after a failure:
	 * a network can never have more than its limit checked at once, however many it sends together.
	 */
	public void giveBack(String action, String remoteAddress) {
		if (remoteAddress == null || properties.unthrottledAddresses().contains(remoteAddress)) {
			return;
		}
		Deque<Instant> times = timesOf(action, remoteAddress);
		synchronized (times) {
			times.pollLast();
		}
	}

	private boolean withinLimit(String action, String remoteAddress) {
		if (remoteAddress == null || properties.unthrottledAddresses().contains(remoteAddress)) {
			return true;
		}
		Instant now = clock.instant();
		Instant windowStart = now.minus(properties.requestWindow());
		Deque<Instant> times = timesOf(action, remoteAddress);
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

	private Deque<Instant> timesOf(String action, String remoteAddress) {
		if (recent.size() > 50_000) {
			// A flood of distinct addresses must not fill the heap: forget everything older than a window.
			Instant windowStart = clock.instant().minus(properties.requestWindow());
			recent.values().removeIf(times -> times.isEmpty() || times.peekLast().isBefore(windowStart));
		}
		return recent.computeIfAbsent(action + " " + network(remoteAddress), key -> new ArrayDeque<>());
	}

	private Optional<UUID> accountId(String email) {
		return jdbc.sql("select id from account where email = :email")
			.param("email", Accounts.normalise(email))
			.query(UUID.class)
			.optional();
	}
}

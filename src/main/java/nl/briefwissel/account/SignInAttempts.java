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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	SignInAttempts(JdbcClient jdbc, Clock clock, SignInProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** Counts a wrong password or code; the attempt that reaches the limit locks the account. */
	@Transactional
	public void failed(String email) {
		accountId(email).ifPresent(this::failed);
	}

	@Transactional
	public void failed(UUID accountId) {
		record Counter(int failures, OffsetDateTime lockedUntil) {
		}
		Optional<Counter> counter = jdbc.sql("select failed_sign_ins, locked_until from account where id = :id")
			.param("id", accountId)
			.query((rs, n) -> new Counter(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
			.optional();
		if (counter.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		boolean lockExpired = counter.get().lockedUntil() != null && !counter.get().lockedUntil().isAfter(now);
		int failures = (lockExpired ? 0 : counter.get().failures()) + 1;
		OffsetDateTime lockedUntil = failures >= properties.lockoutAfter() ? now.plus(properties.lockoutFor())
				: (lockExpired ? null : counter.get().lockedUntil());
		jdbc.sql("update account set failed_sign_ins = :failures, locked_until = :until where id = :id")
			.param("failures", failures)
			.param("until", lockedUntil)
			.param("id", accountId)
			.update();
		if (failures == properties.lockoutAfter()) {
			log.warn("Account {} locked for {} after {} failed sign-ins", accountId, properties.lockoutFor(), failures);
		}
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
		Deque<Instant> times = recent.computeIfAbsent(action + " " + remoteAddress, key -> new ArrayDeque<>());
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

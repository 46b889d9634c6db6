package nl.briefwissel.account;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's session repository on the run's database (H2 or PostgreSQL): the row is written
 * when the session changed or its stored last access is a minute old, not on every request.
 */
@BriefwisselTest
class SessionWritesTests {

	@Autowired
	SessionRepository<?> applicationSessions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRequestSecondsAfterTheLastWritesNothing() {
		Sessions<?> sessions = sessions();
		String id = sessions.stored();
		long stored = lastAccess(id);

		sessions.touch(id, Duration.ofSeconds(5));
		assertThat(lastAccess(id)).isEqualTo(stored);

		sessions.touch(id, Duration.ofSeconds(59));
		assertThat(lastAccess(id)).isEqualTo(stored);
	}

	@Test
	void aRequestAMinuteAfterTheStoredLastAccessMovesItAndTheExpiryOn() {
		Sessions<?> sessions = sessions();
		String id = sessions.stored();
		long stored = lastAccess(id);

		sessions.touch(id, Duration.ofSeconds(61));

		assertThat(lastAccess(id)).isEqualTo(stored + 61_000);
		assertThat(jdbc.sql("select expiry_time from spring_session where session_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(stored + 61_000 + 30 * 60_000);
	}

	@Test
	void anAttributeIsSavedAtOnceWhileTheLastAccessWaits() {
		Sessions<?> sessions = sessions();
		String id = sessions.stored();
		long stored = lastAccess(id);

		sessions.change(id, Duration.ofSeconds(5), session -> session.setAttribute("step", "code"));

		assertThat(sessions.read(id).<String>getAttribute("step")).isEqualTo("code");
		assertThat(lastAccess(id)).isEqualTo(stored);
	}

	@Test
	void aSignInWritesTheNewIdAndThePrincipalAtOnce() {
		Sessions<?> sessions = sessions();
		String id = sessions.stored();
		String[] renewed = new String[1];

		sessions.change(id, Duration.ofSeconds(2), session -> {
			session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "coach@example.org");
			renewed[0] = session.changeSessionId();
		});

		assertThat(sessions.read(id)).isNull();
		assertThat(sessions.read(renewed[0])).isNotNull();
		assertThat(jdbc.sql("select principal_name from spring_session where session_id = :id").param("id", renewed[0])
			.query(String.class).single()).isEqualTo("coach@example.org");
	}

	@Test
	void aShorterIdleTimeoutWritesAfterATenthOfIt() {
		Sessions<?> sessions = sessions();
		String id = sessions.stored();
		sessions.change(id, Duration.ZERO, session -> session.setMaxInactiveInterval(Duration.ofMinutes(5)));
		long stored = lastAccess(id);

		sessions.touch(id, Duration.ofSeconds(20));
		assertThat(lastAccess(id)).isEqualTo(stored);

		sessions.touch(id, Duration.ofSeconds(31));
		assertThat(lastAccess(id)).isEqualTo(stored + 31_000);
	}

	/** A timeout of a year: a tenth of it in milliseconds is past an INTEGER's range, the minute applies. */
	@Test
	void aTimeoutOfAYearWritesAfterAMinuteAsTheDefaultDoes() {
		Sessions<?> sessions = sessions();
		String id = sessions.stored();
		sessions.change(id, Duration.ZERO, session -> session.setMaxInactiveInterval(Duration.ofDays(365)));
		long stored = lastAccess(id);

		sessions.touch(id, Duration.ofSeconds(30));
		assertThat(lastAccess(id)).isEqualTo(stored);

		sessions.touch(id, Duration.ofSeconds(61));
		assertThat(lastAccess(id)).isEqualTo(stored + 61_000);
	}

	private long lastAccess(String id) {
		return jdbc.sql("select last_access_time from spring_session where session_id = :id").param("id", id)
			.query(Long.class).single();
	}

	private Sessions<?> sessions() {
		return new Sessions<>(applicationSessions);
	}

	/** The application's repository, used as Spring Session's filter uses it on a request. */
	private record Sessions<S extends Session>(SessionRepository<S> repository) {

		/** A session as a sign-in leaves it, last accessed now (to the millisecond, as it is stored). */
		String stored() {
			S session = repository.createSession();
			session.setLastAccessedTime(Instant.now().truncatedTo(ChronoUnit.MILLIS));
			session.setMaxInactiveInterval(Duration.ofMinutes(30));
			repository.save(session);
			return session.getId();
		}

		S read(String id) {
			return repository.findById(id);
		}

		/** A request that only reads the session, {@code after} the session's stored last access. */
		void touch(String id, Duration after) {
			change(id, after, session -> {
			});
		}

		void change(String id, Duration after, java.util.function.Consumer<Session> change) {
			S session = repository.findById(id);
			session.setLastAccessedTime(session.getLastAccessedTime().plus(after));
			change.accept(session);
			repository.save(session);
		}
	}
}

package nl.briefwissel.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A session ends twelve hours (briefwissel.session-max-lifetime) after sign-in, however busy: the time
 * is read from the stored session, as another node would read it.
 */
@BriefwisselTest
class SessionLifetimeTests {

	private static final String PASSWORD = "een lang wachtwoord";

	private static final Duration LIMIT = Duration.ofHours(12);

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Test
	void aSessionSignedInLongerAgoThanTheLimitEndsAtItsNextRequest() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		browser.perform(get("/account/security")).andExpect(status().isOk());

		signedInAt(sessionOf(participant), Instant.now().minus(LIMIT).minusSeconds(60));

		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login?expired"));
		assertThat(sessionsOf(participant)).isZero();
		browser.perform(get("/login").param("expired", ""))
			.andExpect(content().string(containsString("Je was 12 uur ingelogd.")));
		mvc.perform(get("/login").param("expired", "").param("lang", "en"))
			.andExpect(content().string(containsString("You had been signed in for 12 hours.")));
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void aSessionWithinTheLimitGoesOn() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);

		signedInAt(sessionOf(participant), Instant.now().minus(LIMIT).plusSeconds(60));

		browser.perform(get("/account/security")).andExpect(status().isOk());
		assertThat(sessionsOf(participant)).isOne();
	}

	/** A form sent in the ended session finds no session either (in a browser: the expired form's page). */
	@Test
	void aFormSentAfterTheLimitFindsTheSessionEnded() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);

		signedInAt(sessionOf(participant), Instant.now().minus(LIMIT).minusSeconds(60));

		browser.perform(post("/account/security/recovery-codes").param("code", "123456").with(csrf()))
			.andExpect(redirectedUrl("/login"));
		assertThat(sessionsOf(participant)).isZero();
	}

	/** The clock starts at sign-in, not when the session started (a sign-in page left open, say). */
	@Test
	void theSignInStartsTheClock() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		jdbc.sql("update spring_session set creation_time = :start where session_id = :id")
			.param("start", Instant.now().minus(LIMIT).minusSeconds(60).toEpochMilli())
			.param("id", sessionOf(participant))
			.update();

		browser.perform(get("/account/security")).andExpect(status().isOk());
	}

	/** A session from before the limit existed has no sign-in time: it counts from its start. */
	@Test
	void aSessionWithoutASignInTimeCountsFromItsStart() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		String id = sessionOf(participant);
		signedInAt(id, null);
		jdbc.sql("update spring_session set creation_time = :start where session_id = :id")
			.param("start", Instant.now().minus(LIMIT).minusSeconds(60).toEpochMilli())
			.param("id", id)
			.update();

		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login?expired"));
	}

	private Account participant() {
		return accounts.register(new NewAccount(null, "lang-" + UUID.randomUUID() + "@example.nl", "Lang Ingelogd",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
	}

	private Browser signedIn(Account account) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		return browser;
	}

	private String sessionOf(Account account) {
		return jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", account.email())
			.query(String.class)
			.single();
	}

	private int sessionsOf(Account account) {
		return jdbc.sql("select count(*) from spring_session where principal_name = :email")
			.param("email", account.email())
			.query(Integer.class)
			.single();
	}

	private void signedInAt(String id, Instant at) {
		signedInAt(sessions, id, at);
	}

	private static <S extends Session> void signedInAt(FindByIndexNameSessionRepository<S> sessions, String id, Instant at) {
		S session = sessions.findById(id);
		session.setAttribute(SessionLifetime.SIGNED_IN_AT, at);
		sessions.save(session);
	}
}

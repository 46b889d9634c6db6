package nl.briefwissel.account;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A session's attributes are read from the database with Java deserialisation, which makes whatever class the
 * bytes name and runs its reading code. Someone who can write a row there (a restored dump, a database account
 * of a neighbouring service) must not get a class of their choosing made: only the JDK values named, Spring
 * Security's and our own session types are read, and anything else counts as no attribute.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class SessionAttributeTypesTests {

	private static final String PASSWORD = "een lang wachtwoord";

	/** Counts how often its reading code ran: it must never. */
	static final AtomicInteger READ = new AtomicInteger();

	/** A class of the class path that is no session type, with reading code of its own. */
	static final class Gadget implements Serializable {

		private static final long serialVersionUID = 1L;

		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			in.defaultReadObject();
			READ.incrementAndGet();
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Test
	void aSignInIsReadBackFromTheDatabaseAsBefore() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		// Every request reads the session from the database: the sign-in, its language and form token came back.
		browser.perform(get("/account/security")).andExpect(status().isOk());
		browser.perform(post("/account/security/language").param("language", "en").with(csrf()))
			.andExpect(redirectedUrl("/account/security?lang=en#language-saved"));
		browser.perform(get("/account/security")).andExpect(status().isOk());
		Session session = sessions.findById(sessionId(participant));
		assertThat(session.<Object>getAttribute("SPRING_SECURITY_CONTEXT")).isNotNull();
		assertThat(session.<Object>getAttribute(SessionLifetime.SIGNED_IN_AT)).isInstanceOf(java.time.Instant.class);
	}

	@Test
	void anAttributeOfAnotherClassIsNeverMadeAndCountsAsNone(CapturedOutput log) throws Exception {
		Account participant = participant();
		signedIn(participant);
		String id = sessionId(participant);
		store(id, "bw.planted", new Gadget());
		ArrayList<Object> inAList = new ArrayList<>(List.of("onschuldig", new Gadget()));
		store(id, "bw.plantedInAList", inAList);

		Session session = sessions.findById(id);
		assertThat(session.<Object>getAttribute("bw.planted")).isNull();
		assertThat(session.<Object>getAttribute("bw.plantedInAList")).isNull();
		assertThat(session.<Object>getAttribute(SessionLifetime.SIGNED_IN_AT)).as("the rest is read").isNotNull();
		assertThat(READ.get()).isZero();
		assertThat(log.getOut()).contains("A session attribute holds a " + Gadget.class.getName() + ", which is not read");
	}

	@Test
	void aSignInReplacedByAnotherClassSignsNobodyIn() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		String id = sessionId(participant);
		jdbc.sql("""
				update spring_session_attributes set attribute_bytes = :bytes
				where attribute_name = 'SPRING_SECURITY_CONTEXT'
				  and session_primary_id = (select primary_id from spring_session where session_id = :id)""")
			.param("bytes", serialised(new Gadget()))
			.param("id", id)
			.update();

		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		assertThat(READ.get()).isZero();
	}

	/**
	 * A URL asks the network for its host's address when a map or set it is a key of asks its hash, and sets nested in
	 * sets take time to the power of their depth: neither is anything a session holds, so neither is read (decision 0100).
	 */
	@Test
	void anAddressOfTheNetworkOrSetsNestedDeeperThanAnySignInAreNeverRead(CapturedOutput log) throws Exception {
		Account participant = participant();
		signedIn(participant);
		String id = sessionId(participant);
		java.net.URL address = java.net.URI.create("http://briefwissel.invalid/").toURL();
		store(id, "bw.address", address);
		// As a value, so that making the map here asks no address: reading it back must not make the URL at all.
		store(id, "bw.addressInAMap", new java.util.HashMap<>(java.util.Map.of("home", address)));
		// Far deeper than a sign-in's 6 levels, and within the 64 that were once allowed.
		Object nested = new java.util.HashSet<>();
		for (int level = 0; level < 40; level++) {
			nested = new java.util.HashSet<>(Set.of(nested));
		}
		store(id, "bw.nested", nested);

		Session session = sessions.findById(id);
		assertThat(session.<Object>getAttribute("bw.address")).isNull();
		assertThat(session.<Object>getAttribute("bw.addressInAMap")).isNull();
		assertThat(session.<Object>getAttribute("bw.nested")).isNull();
		assertThat(session.<Object>getAttribute(SessionLifetime.SIGNED_IN_AT)).as("the rest is read").isNotNull();
		assertThat(log.getOut()).contains("A session attribute holds a java.net.URL, which is not read")
			.contains("A session attribute goes beyond");
	}

	/** A refused attribute is taken out of the session the first time a request reads it, so it is warned of once. */
	@Test
	void aRefusedAttributeIsRemovedFromTheSessionAndWarnedOfOnce(CapturedOutput log) throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		String id = sessionId(participant);
		jdbc.sql("""
				update spring_session_attributes set attribute_bytes = :bytes
				where attribute_name = 'SPRING_SECURITY_CONTEXT'
				  and session_primary_id = (select primary_id from spring_session where session_id = :id)""")
			.param("bytes", serialised(new Gadget()))
			.param("id", id)
			.update();

		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		browser.perform(get("/login")).andExpect(status().isOk());

		assertThat(jdbc.sql("""
				select count(*) from spring_session_attributes
				where attribute_name = 'SPRING_SECURITY_CONTEXT'
				  and session_primary_id = (select primary_id from spring_session where session_id = :id)""")
			.param("id", id)
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from spring_session where session_id = :id and principal_name is not null")
			.param("id", id)
			.query(Integer.class)
			.single()).as("nobody is signed in to it").isZero();
		String warning = "A session attribute holds a " + Gadget.class.getName() + ", which is not read";
		assertThat(log.getOut().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
		assertThat(READ.get()).isZero();
	}

	/**
	 * A request that read a refused attribute saves its session after another request of the same session stored a
	 * new value under that name (signed in again): the new value stays. Only the bytes that were refused are taken out.
	 */
	@Test
	void aRefusedAttributeReplacedMeanwhileIsNotTakenOut() throws Exception {
		Account participant = participant();
		signedIn(participant);
		String id = sessionId(participant);
		store(id, "bw.planted", new Gadget());
		try {
			Session readFirst = sessions.findById(id);
			assertThat(readFirst.<Object>getAttribute("bw.planted")).isNull();
			jdbc.sql("""
					update spring_session_attributes set attribute_bytes = :bytes
					where attribute_name = 'bw.planted'
					  and session_primary_id = (select primary_id from spring_session where session_id = :id)""")
				.param("bytes", serialised("nieuwer"))
				.param("id", id)
				.update();

			save(readFirst);

			assertThat(sessions.findById(id).<Object>getAttribute("bw.planted")).isEqualTo("nieuwer");
		}
		finally {
			SessionAttributeReads.Filtered.REFUSED.remove();
		}
	}

	/** What a thread found refused ends with its request: the thread's next request starts with nothing of it. */
	@Test
	void aRefusalIsForgottenWhenTheRequestEnds() throws Exception {
		Account participant = participant();
		signedIn(participant);
		String id = sessionId(participant);
		store(id, "bw.planted", new Gadget());
		try {
			// Read outside a request's save, on the thread that serves the next request (MockMvc serves on this one).
			assertThat(sessions.findById(id).<Object>getAttribute("bw.planted")).isNull();
			assertThat(SessionAttributeReads.Filtered.REFUSED.get()).isNotEmpty();

			mvc.perform(get("/css/briefwissel.css")).andExpect(status().isOk());

			assertThat(SessionAttributeReads.Filtered.REFUSED.get()).isEmpty();
		}
		finally {
			SessionAttributeReads.Filtered.REFUSED.remove();
		}
	}

	/**
	 * A session holds no array of numbers but the bytes of a sealed value: an array of longs (eight bytes each, under
	 * a limit that counts elements) or of ints is refused.
	 */
	@Test
	void anArrayOfNumbersOtherThanBytesIsRefused(CapturedOutput log) throws Exception {
		Account participant = participant();
		signedIn(participant);
		String id = sessionId(participant);
		store(id, "bw.longs", new long[] { 1, 2, 3 });
		store(id, "bw.ints", new int[] { 1, 2, 3 });
		store(id, "bw.bytesInBytes", new byte[][] { { 1 }, { 2 } });
		store(id, "bw.bytes", new byte[] { 1, 2, 3 });
		try {
			Session session = sessions.findById(id);
			assertThat(session.<Object>getAttribute("bw.longs")).isNull();
			assertThat(session.<Object>getAttribute("bw.ints")).isNull();
			assertThat(session.<Object>getAttribute("bw.bytesInBytes")).isNull();
			assertThat(session.<Object>getAttribute("bw.bytes")).isEqualTo(new byte[] { 1, 2, 3 });
			assertThat(log.getOut()).contains("A session attribute holds a [J, which is not read")
				.contains("A session attribute holds a [I, which is not read");
		}
		finally {
			SessionAttributeReads.Filtered.REFUSED.remove();
		}
	}

	/**
	 * Every attribute the application stores reads back through the filter: a password sign-in with its form token and
	 * language, a sign-in that still owes its code, a page asked for before signing in (its headers and parameters),
	 * and a message for the next page (sealed). And the JDK's collections a value of ours may be made of.
	 */
	@Test
	void everyAttributeTheApplicationStoresReadsBack(CapturedOutput log) throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		browser.perform(post("/account/security/language").param("language", "en").with(csrf()))
			.andExpect(redirectedUrl("/account/security?lang=en#language-saved"));
		assertEveryAttributeReads(sessionId(participant), "SPRING_SECURITY_CONTEXT", SessionLifetime.SIGNED_IN_AT,
				SessionLifetime.PASSWORD_AS_OF, "nl.briefwissel.web.SealedFlashMaps.SEALED");

		Account coach = accounts.register(new NewAccount(null, "sessie-" + UUID.randomUUID() + "@example.nl", "Sessie",
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), PASSWORD));
		new Browser(mvc).perform(post("/login").param("email", coach.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		assertEveryAttributeReads(sessionId(coach), "SPRING_SECURITY_CONTEXT", SessionLifetime.PASSWORD_AS_OF);

		jakarta.servlet.http.Cookie asked = new Browser(mvc).perform(get("/account/security").param("tab", "taal")
				.header("Accept-Language", "en-GB,en;q=0.9,nl;q=0.8").header("User-Agent", "Test"))
			.andExpect(redirectedUrl("/login"))
			.andReturn()
			.getResponse()
			.getCookie("BRIEFWISSEL_SESSION");
		assertThat(asked).isNotNull();
		assertEveryAttributeReads(new String(java.util.Base64.getDecoder().decode(asked.getValue()),
				java.nio.charset.StandardCharsets.UTF_8), "SPRING_SECURITY_SAVED_REQUEST");

		for (Object value : List.of(List.of(), List.of("a"), List.of("a", "b", "c"), Set.of("a"), Set.of("a", "b", "c"),
				java.util.Map.of("a", "b"), java.util.Map.of("a", "b", "c", "d"), java.util.Arrays.asList("a", "b"),
				java.util.Collections.unmodifiableList(new ArrayList<>(List.of("a"))),
				java.util.Collections.singletonList("a"), java.util.Collections.emptyMap(),
				java.util.stream.Stream.of("a", "b").toList())) {
			assertThat(new SessionAttributeReads.Filtered(getClass().getClassLoader()).convert(serialised(value)))
				.as(value.getClass().getName())
				.isEqualTo(value);
		}
		assertThat(log.getOut()).doesNotContain("which is not read").doesNotContain("goes beyond");
	}

	private void assertEveryAttributeReads(String sessionId, String... expected) {
		try {
			Session session = sessions.findById(sessionId);
			assertThat(session.getAttributeNames()).contains(expected);
			for (String name : session.getAttributeNames()) {
				assertThat(session.<Object>getAttribute(name)).as(name).isNotNull();
			}
		}
		finally {
			SessionAttributeReads.Filtered.REFUSED.remove();
		}
	}

	@SuppressWarnings("unchecked")
	private <S extends Session> void save(Session session) {
		((FindByIndexNameSessionRepository<S>) sessions).save((S) session);
	}

	private void store(String sessionId, String name, Object value) throws IOException {
		jdbc.sql("""
				insert into spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)
				select primary_id, :name, :bytes from spring_session where session_id = :id""")
			.param("name", name)
			.param("bytes", serialised(value))
			.param("id", sessionId)
			.update();
	}

	private static byte[] serialised(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

	private Account participant() {
		return accounts.register(new NewAccount(null, "sessie-" + UUID.randomUUID() + "@example.nl", "Sessie",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
	}

	private Browser signedIn(Account account) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		return browser;
	}

	private String sessionId(Account account) {
		return jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", account.email())
			.query(String.class)
			.single();
	}
}

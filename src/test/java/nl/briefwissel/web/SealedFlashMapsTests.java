package nl.briefwissel.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.encryption.Encryption;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a person typed and gets back after a refusal waits in the session, which lives in the database,
 * until the next page: sealed there as the letters are (decision 0100). A client that never follows
 * redirects must not make its session grow with every post either.
 */
@BriefwisselTest
class SealedFlashMapsTests {

	private static final String SESSION_COOKIE = "BRIEFWISSEL_SESSION";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Autowired
	SessionRepository<? extends Session> sessions;

	@Autowired
	Encryption encryption;

	/** A note too long is given back on the page, and meanwhile no session row holds a word of it. */
	@Test
	void aRefusedNoteWaitsSealedInTheSessionAndIsGivenBack() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String marker = "vertrouwelijk-" + UUID.randomUUID();
		String typed = marker + " " + "Ze twijfelt over haar werk. ".repeat(750);
		assertThat(typed).hasSizeGreaterThan(20_000);

		Cookie session = refusedNote(running.id(), typed, coach);

		assertThat(storedAttributes()).isNotEmpty().noneSatisfy(bytes -> assertThat(contains(bytes, marker)).isTrue());
		byte[] stored = (byte[]) sessions.findById(sessionId(session)).getAttribute(SealedFlashMaps.ATTRIBUTE);
		assertThat(new String(stored, 1, stored[0], StandardCharsets.US_ASCII)).isEqualTo(encryption.keyId());

		Document page = trajectoryPage(running.id(), session, coach, 422); // the note refused, given back (decision 0139)
		assertThat(page.getElementById("note-error")).isNotNull();
		assertThat(page.selectFirst("textarea[name=note]").wholeText()).isEqualTo(typed);
		assertThat(sessions.findById(sessionId(session)).<Object>getAttribute(SealedFlashMaps.ATTRIBUTE)).isNull();
	}

	/**
	 * Sealed with a key since removed from the configuration, or changed in the database: the page is shown
	 * as if nothing waited (the text is lost, as after three minutes), not an error page, and the value is dropped.
	 */
	@Test
	void flashMessagesThatDoNotOpenGiveAnOrdinaryPage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String retired = "sleutel-van-vorig-jaar";

		for (boolean keyGone : new boolean[] { true, false }) {
			Cookie session = refusedNote(running.id(), "Te lang. ".repeat(2_300), coach);
			String id = sessionId(session);
			byte[] stored = (byte[]) sessions.findById(id).getAttribute(SealedFlashMaps.ATTRIBUTE);
			byte[] changed;
			if (keyGone) {
				byte[] sealed = Arrays.copyOfRange(stored, 1 + stored[0], stored.length);
				changed = new byte[1 + retired.length() + sealed.length];
				changed[0] = (byte) retired.length();
				System.arraycopy(retired.getBytes(StandardCharsets.US_ASCII), 0, changed, 1, retired.length());
				System.arraycopy(sealed, 0, changed, 1 + retired.length(), sealed.length);
			}
			else {
				changed = stored.clone();
				changed[changed.length - 1] ^= 1;
			}
			store(sessions, id, changed);

			Document page = trajectoryPage(running.id(), session, coach, 200);
			assertThat(page.getElementById("note-error")).isNull();
			assertThat(page.selectFirst("textarea[name=note]").wholeText()).isEmpty();
			assertThat(sessions.findById(id).<Object>getAttribute(SealedFlashMaps.ATTRIBUTE)).isNull();
		}
	}

	@Test
	void theDispatcherKeepsAtMostAFewFlashMessagesPerSessionSealed() {
		FlashMapManager manager = context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		assertThat(manager).isInstanceOf(SealedFlashMaps.Manager.class);
		MockHttpSession session = new MockHttpSession();
		for (int post = 1; post <= 12; post++) {
			FlashMap sent = new FlashMap();
			sent.put("sent", post);
			sent.setTargetRequestPath("/coach/trajectories/" + post);
			manager.saveOutputFlashMap(sent, request(session, "/coach/trajectories/" + post + "/messages"),
					new MockHttpServletResponse());
		}
		assertThat(session.getAttribute(SealedFlashMaps.ATTRIBUTE)).isInstanceOf(byte[].class);
		assertThat(session.getAttribute(SealedFlashMaps.PLAIN_ATTRIBUTE)).isNull();
		List<FlashMap> kept = ((SealedFlashMaps.Manager) manager).retrieveFlashMaps(request(session, "/"));
		assertThat(kept).hasSize(SealedFlashMaps.KEPT).extracting(map -> map.get("sent")).containsExactly(8, 9, 10, 11, 12);
		// The newest is still shown on the page it was meant for, and then gone.
		Map<String, Object> shown = manager.retrieveAndUpdate(request(session, "/coach/trajectories/12"), new MockHttpServletResponse());
		assertThat(shown).containsEntry("sent", 12);
		assertThat((Object) manager.retrieveAndUpdate(request(session, "/coach/trajectories/12"), new MockHttpServletResponse())).isNull();
	}

	/**
	 * A form sent twice (a double click): the browser follows only the second answer's redirect, so the first one's
	 * message waited in the session, the same words for the same page, and was shown on a later visit, out of
	 * context. An identical message for the same page is kept once; another message for that page stays.
	 */
	@Test
	void theSameMessageForTheSamePageTwiceIsShownOnceAndNotLeftForLater() {
		FlashMapManager manager = context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		MockHttpSession session = new MockHttpSession();
		for (String done : List.of("trajectory.changed.extended", "trajectory.changed.extended", "trajectory.changed.paused")) {
			FlashMap sent = new FlashMap();
			sent.put("lifecycleDone", done);
			sent.setTargetRequestPath("/coach/trajectories/7");
			manager.saveOutputFlashMap(sent, request(session, "/coach/trajectories/7/extend"), new MockHttpServletResponse());
		}
		List<Object> shown = new java.util.ArrayList<>();
		for (Map<String, Object> map; (map = manager.retrieveAndUpdate(request(session, "/coach/trajectories/7"),
				new MockHttpServletResponse())) != null;) {
			shown.add(map.get("lifecycleDone"));
		}
		assertThat(shown).containsExactlyInAnyOrder("trajectory.changed.extended", "trajectory.changed.paused");
	}

	/** A session from before kept them in the clear: they are still shown, and that copy goes. */
	@Test
	void flashMessagesKeptInTheClearBeforeAreShownAndRemoved() {
		FlashMapManager manager = context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		MockHttpSession session = new MockHttpSession();
		FlashMap before = new FlashMap();
		before.put("noteText", "van voor de update");
		before.setTargetRequestPath("/coach/trajectories/1");
		before.startExpirationPeriod(180);
		session.setAttribute(SealedFlashMaps.PLAIN_ATTRIBUTE, new java.util.concurrent.CopyOnWriteArrayList<>(List.of(before)));

		Map<String, Object> shown = manager.retrieveAndUpdate(request(session, "/coach/trajectories/1"), new MockHttpServletResponse());

		assertThat(shown).containsEntry("noteText", "van voor de update");
		assertThat(session.getAttribute(SealedFlashMaps.PLAIN_ATTRIBUTE)).isNull();
	}

	/**
	 * Opening trusts only what our key sealed, but a value damaged or forged with a key once known must not make any
	 * other class than the few a flash map holds (decision 0100): such a value is no flash message, and the class's own
	 * reading code never runs. Nor a value nested too deep, or a list that says it is too long.
	 */
	@Test
	void aSealedValueHoldingAnyOtherClassIsNoFlashMessageAndThatClassIsNeverMade() {
		SealedFlashMaps.Manager manager = (SealedFlashMaps.Manager) context
			.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		Object nested = new java.util.ArrayList<>();
		for (int level = 0; level < 100; level++) {
			nested = new java.util.ArrayList<>(List.of(nested));
		}
		Object tooLong = new java.util.ArrayList<>(java.util.Collections.nCopies((int) FlashMapTypes.MAX_ARRAY + 1, 7));
		for (Object forged : List.of(new Gadget(), new java.util.PriorityQueue<>(List.of(3, 1, 2)),
				new java.util.concurrent.atomic.AtomicReference<>("x"), nested, tooLong, new long[] { 1, 2 },
				new int[] { 3 }, new char[] { 'x' })) {
			Gadget.made.set(false);
			FlashMap map = new FlashMap();
			map.put("noteText", "vertrouwelijk");
			map.put("extra", forged);
			MockHttpSession session = new MockHttpSession();
			session.setAttribute(SealedFlashMaps.ATTRIBUTE, manager.seal(List.of(map)));

			assertThat(manager.retrieveFlashMaps(request(session, "/"))).as(forged.getClass().getName()).isEmpty();
			assertThat(Gadget.made).as("read by its own code").isFalse();
			assertThat(session.getAttribute(SealedFlashMaps.ATTRIBUTE)).isNull();
		}
	}

	/** What the controllers put in a flash map still reads back, every kind of it. */
	@Test
	void everyKindOfValueAFlashMapHoldsReadsBack() {
		SealedFlashMaps.Manager manager = (SealedFlashMaps.Manager) context
			.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME, FlashMapManager.class);
		FlashMap map = new FlashMap();
		map.put("flag", true);
		map.put("count", 3);
		map.put("id", UUID.randomUUID());
		map.put("at", java.time.OffsetDateTime.now());
		map.put("on", java.time.LocalDate.now());
		map.put("done", Map.of("key", "intakes.invite.sent", "arg", "iemand@example.nl"));
		map.put("errors", new java.util.LinkedHashMap<>(Map.of("email", "sso.error.issuer")));
		map.put("messages", List.of("een", "twee"));
		map.put("fields", new java.util.HashSet<>(List.of("title", "deck")));
		map.put("notKept", new java.util.ArrayList<>(List.of(new java.util.ArrayList<>(List.of("SIZE", "a.pdf", "")))));
		map.put("names", java.util.stream.Stream.of("a", "b").toList());
		map.put("asList", java.util.Arrays.asList("x", "y"));
		map.put("unmodifiable", java.util.Collections.unmodifiableList(new java.util.ArrayList<>(List.of("z"))));
		map.put("none", List.of());
		map.put("typed", new nl.briefwissel.PendingInvitation(UUID.randomUUID(), "Naam", "naam@example.nl",
				java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now().plusDays(7), false));
		map.put("role", nl.briefwissel.account.Role.ADMINISTRATOR);
		// Its digits are an array of bytes, the one array of numbers a flash map holds.
		map.put("amount", new java.math.BigDecimal("12345678901234567890.50"));
		map.put("again", nl.briefwissel.PendingInvitation.Again.SENT);
		map.setTargetRequestPath("/coach/trajectories/1");
		map.addTargetRequestParam("tab", "notes");
		map.startExpirationPeriod(180);
		MockHttpSession session = new MockHttpSession();
		session.setAttribute(SealedFlashMaps.ATTRIBUTE, manager.seal(List.of(map)));

		List<FlashMap> read = manager.retrieveFlashMaps(request(session, "/"));

		assertThat(read).containsExactly(map);
		assertThat(read.get(0).getTargetRequestParams().getFirst("tab")).isEqualTo("notes");
	}

	/** Not a record: its own reading code would run if it were read at all. */
	static final class Gadget implements java.io.Serializable {

		static final java.util.concurrent.atomic.AtomicBoolean made = new java.util.concurrent.atomic.AtomicBoolean();

		private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
			in.defaultReadObject();
			made.set(true);
		}
	}

	private Cookie refusedNote(UUID trajectory, String typed, RequestPostProcessor coach) throws Exception {
		Cookie session = mvc.perform(post("/coach/trajectories/{id}/notes", trajectory).param("note", typed).with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getCookie(SESSION_COOKIE);
		assertThat(session).isNotNull();
		return session;
	}

	private Document trajectoryPage(UUID trajectory, Cookie session, RequestPostProcessor coach, int status) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", trajectory).cookie(session).with(coach))
			.andExpect(status().is(status))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/** Spring Session's cookie holds the session id in base64. */
	private static String sessionId(Cookie cookie) {
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	private static <S extends Session> void store(SessionRepository<S> sessions, String id, byte[] value) {
		S session = sessions.findById(id);
		session.setAttribute(SealedFlashMaps.ATTRIBUTE, value);
		sessions.save(session);
	}

	private List<byte[]> storedAttributes() {
		return jdbc.sql("select attribute_bytes from spring_session_attributes").query(byte[].class).list();
	}

	/** Java serialisation writes a string of plain ASCII as its bytes. */
	private static boolean contains(byte[] stored, String text) {
		return new String(stored, StandardCharsets.ISO_8859_1).contains(text);
	}

	private static MockHttpServletRequest request(MockHttpSession session, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setSession(session);
		return request;
	}
}

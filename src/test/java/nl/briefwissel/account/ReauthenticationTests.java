package nl.briefwissel.account;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
 * Linking or removing an authenticator app asks for a sign-in, or the password, of the last ten minutes
 * (decision 0051): a session left open on a shared computer linked an app of its own, and was in for good.
 */
@BriefwisselTest
class ReauthenticationTests {

	private static final String PASSWORD = "een lang wachtwoord";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void aSessionSignedInLongAgoLinksAnAppOnlyAfterThePassword() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		signedInMinutesAgo(participant, 11);

		browser.perform(get("/account/security/app")).andExpect(redirectedUrl("/account/security/confirm?then=app"));
		assertThat(storedSecret(participant)).as("nothing made before it is known who asks").isEmpty();
		browser.perform(post("/account/security/app").param("code", "123456").with(csrf()))
			.andExpect(redirectedUrl("/account/security/confirm?then=app"));
		assertThat(wrongCodes(participant)).as("no code taken").isZero();

		Document page = page(browser, "/account/security/confirm?then=app");
		assertThat(page.select("h1").text()).isEqualTo("Bevestig dat jij het bent");
		assertThat(page.select("#confirm-why").text()).contains("authenticator-app aan je account koppelen", "10 minuten");
		assertThat(page.select("input#password").attr("autocomplete")).isEqualTo("current-password");
		assertThat(page(browser, "/account/security/confirm?then=app&lang=en").select("h1").text()).isEqualTo("Confirm it is you");

		Document wrong = Jsoup.parse(browser.perform(post("/account/security/confirm").param("password", "niet het wachtwoord")
			.param("then", "app").with(csrf()).param("lang", "nl")).andExpect(status().isUnprocessableContent()).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(wrong.select("#password-error").text()).startsWith("Dit wachtwoord klopt niet.");
		assertThat(wrong.select("input#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(wrong.select("input#password").attr("aria-describedby")).contains("password-error");
		assertThat(wrong.select("input#password").val()).as("a password goes back to no page").isEmpty();
		assertThat(failedSignIns(participant)).as("counted as a wrong password at the sign-in").isEqualTo(1);

		browser.perform(post("/account/security/confirm").param("password", PASSWORD).param("then", "app").with(csrf()))
			.andExpect(redirectedUrl("/account/security/app"));
		assertThat(failedSignIns(participant)).isZero();
		String secret = secretOn(browser.perform(get("/account/security/app")).andReturn().getResponse().getContentAsString());
		browser.perform(post("/account/security/app").param("code", Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now())))
			.with(csrf())).andExpect(status().isOk());
		assertThat(appConfirmed(participant)).isTrue();
	}

	@Test
	void removingAnAppAsksForThePasswordAsWellAsACode() throws Exception {
		Account participant = participant();
		WithApp linked = withAppSignedInElevenMinutesAgo(participant);
		Browser browser = linked.browser();
		String secret = linked.secret();

		Document security = page(browser, "/account/security");
		assertThat(security.select("form[action$=/account/security/app/remove]")).isEmpty();
		assertThat(security.select("a[href='/account/security/confirm?then=remove']").text()).isEqualTo("App verwijderen");
		browser.perform(post("/account/security/app/remove").param("code", code(secret, 1)).with(csrf()))
			.andExpect(redirectedUrl("/account/security/confirm?then=remove"));
		assertThat(appConfirmed(participant)).isTrue();
		assertThat(page(browser, "/account/security/confirm?then=remove").select("#confirm-why").text())
			.contains("authenticator-app van je account verwijderen");

		browser.perform(post("/account/security/confirm").param("password", PASSWORD).param("then", "remove").with(csrf()))
			.andExpect(redirectedUrl("/account/security#remove-heading"));
		assertThat(page(browser, "/account/security").select("form[action$=/account/security/app/remove]")).hasSize(1);
		browser.perform(post("/account/security/app/remove").param("code", code(secret, 1)).with(csrf()))
			.andExpect(redirectedUrl("/account/security?removed"));
		assertThat(appConfirmed(participant)).isFalse();
	}

	@Test
	void wrongPasswordsGivenAgainLockTheAccountAndEndTheSession() throws Exception {
		Account participant = participant();
		Browser browser = signedIn(participant);
		signedInMinutesAgo(participant, 11);
		for (int i = 0; i < 4; i++) {
			browser.perform(post("/account/security/confirm").param("password", "fout " + i).with(csrf())).andExpect(status().isUnprocessableContent());
		}
		browser.perform(post("/account/security/confirm").param("password", "fout").with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		// Locked: the right password signs nobody in, here or at the sign-in.
		assertThat(new Browser(mvc).perform(post("/login").param("email", participant.email()).param("password", PASSWORD)
			.with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?locked");
	}

	/** Who signs in by link (most participants) has no password to give: they sign in again. */
	@Test
	void withoutAPasswordTheConfirmPageAsksToSignInAgain() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		var signedIn = fixtures.as(participant);
		mvc.perform(get("/account/security/app").with(signedIn)).andExpect(redirectedUrl("/account/security/confirm?then=app"));
		Document page = Jsoup.parse(mvc.perform(get("/account/security/confirm").param("then", "app").with(signedIn))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(page.select("input[type=password]")).isEmpty();
		assertThat(page.text()).contains("Je hebt geen wachtwoord bij Briefwissel", "binnen 10 minuten");
		assertThat(page.select("main form[action=/logout] button").text()).isEqualTo("Uitloggen om opnieuw in te loggen");
		mvc.perform(post("/account/security/confirm").param("password", "iets").with(signedIn).with(csrf()))
			.andExpect(status().isOk());
		assertThat(failedSignIns(participant)).isZero();
	}

	/**
	 * Who signs in again to confirm (having no password) comes back to the page that asked, not to their
	 * start page: the sign-in by link in the same browser goes on to the app's set-up.
	 */
	@Test
	void signingInAgainComesBackToThePageThatAsked() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		Browser browser = new Browser(mvc);
		signInByLink(browser, participant).andExpect(redirectedUrl("/"));
		signedInMinutesAgo(participant, 11);
		browser.perform(get("/account/security/app")).andExpect(redirectedUrl("/account/security/confirm?then=app"));

		Document confirm = page(browser, "/account/security/confirm?then=app");
		assertThat(confirm.select("main form[action=/logout] input[name=next]").val()).isEqualTo("/account/security/app");
		browser.perform(post("/logout").param("next", "/account/security/app").with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));
		signInByLink(browser, participant).andExpect(redirectedUrl("/account/security/app"));
		assertThat(secretOn(page(browser, "/account/security/app").outerHtml())).isNotEmpty();
	}

	/** Where to go after signing in again is a path of this site only: anything else would send people elsewhere. */
	@Test
	void signingInAgainNeverGoesToAnotherSite() throws Exception {
		Account participant = participant();
		for (String elsewhere : new String[] { "https://elders.example/login", "//elders.example/login", "/\\elders.example",
				"\\\\elders.example", "http:/elders.example", "javascript:alert(1)", " //elders.example", "/\telders.example",
				"" }) {
			Browser browser = signedIn(participant);
			browser.perform(post("/logout").param("next", elsewhere).with(csrf())).andExpect(redirectedUrl("/login?logout"));
			browser.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
				.andExpect(redirectedUrl("/"));
		}
		Browser browser = signedIn(participant);
		browser.perform(post("/logout").param("next", "/account/security#remove-heading").with(csrf()));
		browser.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/account/security#remove-heading"));
	}

	/** New recovery codes are a way in too: like the app, they ask for a recent sign-in first (decision 0054). */
	@Test
	void newRecoveryCodesAskForTheSameRecentSignIn() throws Exception {
		Account participant = participant();
		WithApp linked = withAppSignedInElevenMinutesAgo(participant);
		Browser browser = linked.browser();
		String secret = linked.secret();

		Document security = page(browser, "/account/security");
		assertThat(security.select("form[action$=/account/security/recovery-codes]")).isEmpty();
		assertThat(security.select("a[href='/account/security/confirm?then=codes']").text()).isEqualTo("Nieuwe herstelcodes maken");
		browser.perform(post("/account/security/recovery-codes").param("code", code(secret, 1)).with(csrf()))
			.andExpect(redirectedUrl("/account/security/confirm?then=codes"));
		assertThat(wrongCodes(participant)).as("no code taken").isZero();
		assertThat(page(browser, "/account/security/confirm?then=codes").select("#confirm-why").text())
			.contains("nieuwe herstelcodes", "10 minuten");
		assertThat(page(browser, "/account/security/confirm?then=codes&lang=en").select("#confirm-why").text())
			.contains("new recovery codes");

		browser.perform(post("/account/security/confirm").param("password", PASSWORD).param("then", "codes").param("lang", "nl")
			.with(csrf())).andExpect(redirectedUrl("/account/security#codes-heading"));
		assertThat(page(browser, "/account/security").select("form[action$=/account/security/recovery-codes]")).hasSize(1);
		browser.perform(post("/account/security/recovery-codes").param("code", code(secret, 1)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.view().name("account/recovery-codes"));
	}

	/** Asks for a sign-in link in this browser and uses it there, as someone without a password signs in. */
	private org.springframework.test.web.servlet.ResultActions signInByLink(Browser browser, Account account) throws Exception {
		mailServer.ensureMailbox(account.email());
		java.util.function.Predicate<jakarta.mail.internet.MimeMessage> link = mail -> Mailboxes.subject(mail).contains("inloglink");
		long before = Mailboxes.read(mailServer, account.email(), Mailboxes.PASSWORD).stream().filter(link).count();
		browser.perform(post("/login/link").param("email", account.email()).with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> Mailboxes.read(mailServer, account.email(), Mailboxes.PASSWORD).stream().filter(link).count() > before);
		var mails = Mailboxes.read(mailServer, account.email(), Mailboxes.PASSWORD).stream().filter(link).toList();
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("/login/link\\?token=([A-Za-z0-9_-]{43})")
			.matcher(Mailboxes.text(mails.get(mails.size() - 1)));
		assertThat(token.find()).as("sign-in link in the mail").isTrue();
		return browser.perform(post("/login/link/use").param("token", token.group(1)).with(csrf()));
	}

	private Account participant() {
		return accounts.register(new NewAccount(null, "opnieuw-" + UUID.randomUUID() + "@example.nl", "Opnieuw",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
	}

	private Browser signedIn(Account account) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		return browser;
	}

	/** The stored session's sign-in moved back, as another node would read it. */
	private void signedInMinutesAgo(Account account, int minutes) {
		String id = jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", account.email())
			.query(String.class)
			.single();
		moveBack(sessions, id, Instant.now().minusSeconds(60L * minutes));
	}

	private static <S extends Session> void moveBack(FindByIndexNameSessionRepository<S> sessions, String id, Instant at) {
		S session = sessions.findById(id);
		session.setAttribute(SessionLifetime.SIGNED_IN_AT, at);
		sessions.save(session);
	}

	private Document page(Browser browser, String path) throws Exception {
		return Jsoup.parse(browser.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
	}

	private String storedSecret(Account account) {
		return jdbc.sql("select coalesce(totp_secret, '') from account where id = :id").param("id", account.id())
			.query(String.class).single();
	}

	private int wrongCodes(Account account) {
		return jdbc.sql("select wrong_codes from account where id = :id").param("id", account.id()).query(Integer.class).single();
	}

	private int failedSignIns(Account account) {
		return jdbc.sql("select failed_sign_ins from account where id = :id").param("id", account.id())
			.query(Integer.class).single();
	}

	private boolean appConfirmed(Account account) {
		return jdbc.sql("select totp_confirmed_at is not null from account where id = :id").param("id", account.id())
			.query(Boolean.class).single();
	}

	private static String secretOn(String page) {
		java.util.regex.Matcher secret = java.util.regex.Pattern.compile("class=\"bw-secret\">([A-Z2-7 ]+)<").matcher(page);
		assertThat(secret.find()).as("secret on the page").isTrue();
		return secret.group(1).replace(" ", "");
	}

	private static String code(String secret, int stepsFromNow) {
		return Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now()) + stepsFromNow);
	}

	/** A session with an app linked, its sign-in eleven minutes ago: too long ago to change a way in (decision 0051). */
	private WithApp withAppSignedInElevenMinutesAgo(Account participant) throws Exception {
		Browser browser = signedIn(participant);
		String secret = secretOn(browser.perform(get("/account/security/app")).andReturn().getResponse().getContentAsString());
		browser.perform(post("/account/security/app").param("code", code(secret, 0)).with(csrf())).andExpect(status().isOk());
		signedInMinutesAgo(participant, 11);
		return new WithApp(browser, secret);
	}

	private record WithApp(Browser browser, String secret) {
	}
}

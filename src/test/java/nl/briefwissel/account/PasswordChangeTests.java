package nl.briefwissel.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A signed-in person could only change their password by asking for a reset link by mail. Now the account page
 * changes it with the current password, under the rules of a reset: the same length, Argon2, a mail to the
 * person, every other session ended; a wrong current password counts as a wrong one at the sign-in.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class PasswordChangeTests {

	private static final String PASSWORD = "een lang wachtwoord";

	private static final String NEW_PASSWORD = "een nieuwe zin van woorden";

	private static final String CHANGED_NL = "Je wachtwoord voor Briefwissel is gewijzigd";

	private static final String CHANGED_EN = "Your Briefwissel password was changed";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	PasswordChanges changes;

	@Autowired
	SessionLifetime lifetime;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Test
	void aParticipantChangesTheirPasswordAndEveryOtherSessionEnds(CapturedOutput log) throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		mailServer.ensureMailbox(participant.email());
		Browser here = signedIn(participant);
		Browser elsewhere = signedIn(participant);

		Document page = page(here, "/account/security");
		assertThat(page.select("#password-heading").text()).isEqualTo("Wachtwoord wijzigen");
		assertThat(page.select("form[action=/account/security/password] input[name=_csrf]")).hasSize(1);
		assertThat(page.select("input#current-password").attr("autocomplete")).isEqualTo("current-password");
		assertThat(page.select("input#new-password").attr("autocomplete")).isEqualTo("new-password");
		assertThat(page.select("input#new-password-again").attr("autocomplete")).isEqualTo("new-password");
		assertThat(page.select("label[for=current-password]").text()).isEqualTo("Je huidige wachtwoord");
		assertThat(page.select("label[for=new-password]").text()).isEqualTo("Nieuw wachtwoord");
		assertThat(page.select("label[for=new-password-again]").text()).isEqualTo("Herhaal je nieuwe wachtwoord");

		here.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
			.andExpect(redirectedUrl("/account/security?passwordChanged#password-heading"));

		assertThat(passwords.matches(NEW_PASSWORD, hash(participant))).isTrue();
		assertThat(hash(participant)).as("hashed as every new password is").startsWith("{argon2}");
		assertThat(page(here, "/account/security?passwordChanged").select("#password-changed").text())
			.isEqualTo("Je wachtwoord is gewijzigd. Op andere apparaten en browsers ben je uitgelogd.");
		elsewhere.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		new Browser(mvc).perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		signedIn(participant, NEW_PASSWORD);

		MimeMessage mail = Mailboxes.awaitMail(mailServer, participant.email(), m -> Mailboxes.subject(m).equals(CHANGED_NL));
		String text = Mailboxes.text(mail);
		assertThat(text).contains("Beste Wijziger", "is het wachtwoord van je account bij Briefwissel gewijzigd",
				"/password/forgot?lang=nl");
		assertThat(text).doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD);
		assertThat(log.getOut()).contains("Password changed by the account itself: " + participant.id())
			.doesNotContain(NEW_PASSWORD);
	}

	/**
	 * A sign-in with the old password that was under way when the change was saved: its session was written after
	 * the step that ends the other sessions (here it is kept out of that step's sight), so that step missed it. Its
	 * next request ends it; the session that made the change goes on, and a sign-in after the change works.
	 */
	@Test
	void aSessionSignedInBeforeTheChangeThatEscapedItsEndIsRefused() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser inFlight = signedIn(participant);
		String inFlightId = jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", participant.email())
			.query(String.class)
			.single();
		jdbc.sql("update spring_session set principal_name = null where session_id = :id").param("id", inFlightId).update();
		Browser here = signedIn(participant);

		here.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
			.andExpect(redirectedUrl("/account/security?passwordChanged#password-heading"));
		jdbc.sql("update spring_session set principal_name = :email where session_id = :id")
			.param("email", participant.email())
			.param("id", inFlightId)
			.update();

		inFlight.perform(get("/account/security")).andExpect(redirectedUrl("/login?passwordChangedElsewhere"));
		assertThat(jdbc.sql("select count(*) from spring_session where session_id = :id").param("id", inFlightId)
			.query(Integer.class).single()).as("the session ended").isZero();
		assertThat(page(inFlight, "/login?passwordChangedElsewhere").select("#password-changed-elsewhere").text())
			.startsWith("Het wachtwoord van je account is gewijzigd nadat je inlogde");
		assertThat(page(new Browser(mvc), "/login?passwordChangedElsewhere&lang=en").select("#password-changed-elsewhere").text())
			.startsWith("The password of your account was changed after you signed in");
		inFlight.perform(get("/account/security")).andExpect(redirectedUrl("/login"));

		here.perform(get("/account/security")).andExpect(status().isOk());
		here.perform(get("/participant")).andExpect(status().isOk());
		Browser after = signedIn(participant, NEW_PASSWORD);
		after.perform(get("/account/security")).andExpect(status().isOk());
		after.perform(get("/participant")).andExpect(status().isOk());
	}

	/** The same for a form sent from the escaped session: it goes on without the session, as after its lifetime. */
	@Test
	void aFormFromAnEscapedSessionFindsItEnded() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser inFlight = signedIn(participant);
		String inFlightId = jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", participant.email())
			.query(String.class)
			.single();
		jdbc.sql("update spring_session set principal_name = null where session_id = :id").param("id", inFlightId).update();
		signedIn(participant).perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
			.andExpect(redirectedUrl("/account/security?passwordChanged#password-heading"));

		inFlight.perform(change(PASSWORD, "nog een andere zin van woorden", "nog een andere zin van woorden"))
			.andExpect(redirectedUrl("/login"));
		assertThat(passwords.matches(NEW_PASSWORD, hash(participant))).isTrue();
	}

	/**
	 * Two requests of one session (a form sent twice, a second tab): both read the session before the first saved it.
	 * The change commits while the other request still holds the old moment; that request must not end the session
	 * that made the change. The change's own session holds the new moment in the database when the change commits,
	 * before its request ends, and a request that finds the moments differ looks at what its session holds now.
	 */
	@Test
	void anotherRequestOfTheChangingSessionReadBeforeTheChangeDoesNotEndIt() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser here = signedIn(participant);
		String id = sessionId(participant);
		MockHttpSession changing = asRead(sessions.findById(id));
		MockHttpSession secondTab = asRead(sessions.findById(id));

		// The change as the first request makes it; that request has not yet saved its session.
		assertThat(changes.change(participant.id(), PASSWORD, NEW_PASSWORD, changing)).isEqualTo(PasswordChanges.Outcome.CHANGED);

		assertThat(lifetime.passwordChangedFor(secondTab)).as("the second tab's request").isNull();
		here.perform(get("/account/security")).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from spring_session where session_id = :id").param("id", id)
			.query(Integer.class).single()).isOne();
	}

	/**
	 * The other way round (review): the changing request saved the new moment with its session just before the change
	 * commits, and another request of the session reads the session in that moment. Its moment is later than the
	 * account's, which still holds the old one: not a sign-in from before a change, so it goes on.
	 */
	@Test
	void aRequestThatReadTheNewMomentBeforeTheChangeCommittedGoesOn() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		signedIn(participant);
		java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).minusSeconds(60);
		jdbc.sql("update account set password_changed_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC))
			.param("id", participant.id())
			.update();
		MockHttpSession secondTab = asRead(sessions.findById(sessionId(participant)));
		secondTab.setAttribute(SessionLifetime.PASSWORD_AS_OF, new SessionLifetime.PasswordAsOf(participant.id(), before.plusSeconds(30)));

		assertThat(lifetime.passwordChangedFor(secondTab)).isNull();
	}

	/**
	 * A signed-in session that keeps no moment (signed in before V97, or by a way in that forgot it) counts as signed in
	 * before any change: a change after it ends it too, and without a change it goes on.
	 */
	@Test
	void aSignedInSessionWithoutItsMomentCountsAsSignedInBeforeAnyChange() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);
		String id = sessionId(participant);
		jdbc.sql("""
				delete from spring_session_attributes where attribute_name = :name
				  and session_primary_id = (select primary_id from spring_session where session_id = :id)""")
			.param("name", SessionLifetime.PASSWORD_AS_OF)
			.param("id", id)
			.update();
		browser.perform(get("/account/security")).andExpect(status().isOk());

		jdbc.sql("update account set password_changed_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.now())
			.param("id", participant.id())
			.update();
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login?passwordChangedElsewhere"));
	}

	/** A style sheet or script of a signed-in page looks up no account: the page itself is checked. */
	@Test
	void anAssetOfASignedInSessionIsNotChecked() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);
		jdbc.sql("update account set password_changed_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.now())
			.param("id", participant.id())
			.update();

		browser.perform(get("/css/briefwissel.css")).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :email")
			.param("email", participant.email()).query(Integer.class).single()).as("not ended by the style sheet").isOne();
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login?passwordChangedElsewhere"));
	}

	/** A request's copy of the session as it read it, apart from what another request saves later. */
	private static MockHttpSession asRead(Session stored) {
		MockHttpSession session = new MockHttpSession(null, stored.getId());
		for (String name : stored.getAttributeNames()) {
			session.setAttribute(name, stored.getAttribute(name));
		}
		return session;
	}

	private String sessionId(Account account) {
		return jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", account.email())
			.query(String.class)
			.single();
	}

	@Test
	void aCoachChangesTheirPasswordAfterTheirCode() throws Exception {
		Account coach = withPassword(Role.COACH);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", coach.id()).update();
		mailServer.ensureMailbox(coach.email());
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", coach.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login/code"));
		browser.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD)).andExpect(redirectedUrl("/login/code"));
		assertThat(passwords.matches(PASSWORD, hash(coach))).as("no change before the code").isTrue();

		String setup = browser.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString();
		Matcher secret = Pattern.compile("class=\"bw-secret\">([A-Z2-7 ]+)<").matcher(setup);
		assertThat(secret.find()).isTrue();
		browser.perform(post("/login/code/setup").param("code",
				Totp.code(Totp.fromBase32(secret.group(1).replace(" ", "")), Totp.step(Instant.now()))).with(csrf()))
			.andExpect(status().isOk());

		assertThat(page(browser, "/account/security?lang=en").select("#password-heading").text()).isEqualTo("Change password");
		browser.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
			.andExpect(redirectedUrl("/account/security?passwordChanged#password-heading"));
		assertThat(passwords.matches(NEW_PASSWORD, hash(coach))).isTrue();
		browser.perform(get("/coach")).andExpect(status().isOk());
		String text = Mailboxes.text(Mailboxes.awaitMail(mailServer, coach.email(), m -> Mailboxes.subject(m).equals(CHANGED_EN)));
		assertThat(text).contains("Dear Wijziger", "the password of your Briefwissel account was changed", "/password/forgot?lang=en");
	}

	@Test
	void aProgrammeManagerAndAnAdministratorChangeTheirsToo() throws Exception {
		for (Role role : new Role[] { Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR }) {
			Account staff = withPassword(role);
			mvc.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD).with(fixtures.as(staff)))
				.andExpect(redirectedUrl("/account/security?passwordChanged#password-heading"));
			assertThat(passwords.matches(NEW_PASSWORD, hash(staff))).as(role.name()).isTrue();
		}
	}

	@Test
	void aWrongCurrentPasswordChangesNothingAndCountsAsAtTheSignIn() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);

		Document wrong = Jsoup.parse(browser.perform(change("niet het wachtwoord", NEW_PASSWORD, NEW_PASSWORD))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(wrong.select("#current-password-error").text()).startsWith("Dit wachtwoord klopt niet.");
		assertThat(wrong.select("input#current-password").attr("aria-invalid")).isEqualTo("true");
		assertThat(wrong.select("input#current-password").attr("aria-describedby")).contains("current-password-error");
		assertThat(wrong.select("input[type=password]").eachAttr("value")).as("a password goes back to no page")
			.allMatch(String::isEmpty);
		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
		assertThat(failedSignIns(participant)).isEqualTo(1);

		for (int i = 0; i < 3; i++) {
			browser.perform(change("fout " + i, NEW_PASSWORD, NEW_PASSWORD)).andExpect(status().isUnprocessableContent());
		}
		browser.perform(change("fout", NEW_PASSWORD, NEW_PASSWORD)).andExpect(redirectedUrl("/login?locked"));
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
		assertThat(new Browser(mvc).perform(post("/login").param("email", participant.email()).param("password", PASSWORD)
			.with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?locked");
	}

	@Test
	void twoDifferentOrWeakNewPasswordsAreRefusedInThePersonsLanguage() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);

		Document mismatch = Jsoup.parse(browser.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(mismatch.select("#new-password-again-error").text())
			.isEqualTo("De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer.");
		assertThat(mismatch.select("input#new-password-again").attr("aria-invalid")).isEqualTo("true");

		Document weak = Jsoup.parse(browser.perform(change(PASSWORD, "kort", "kort").param("lang", "en"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(weak.select("#new-password-error").text()).isEqualTo("Choose a password of at least 12 and at most 128 characters.");
		assertThat(nl.briefwissel.Accessible.describedBy(weak, weak.getElementById("new-password")))
			.extracting(org.jsoup.nodes.Element::id).containsExactly("password-rule", "new-password-error");

		Document empty = Jsoup.parse(browser.perform(change("", NEW_PASSWORD, NEW_PASSWORD).param("lang", "nl"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(empty.select("#current-password-error").text()).isEqualTo("Vul je huidige wachtwoord in.");
		// An empty new password is one thing wrong, said once (it was both "fill in" and "at least 12", in either order).
		Document noNew = Jsoup.parse(browser.perform(change(PASSWORD, "", "").param("lang", "nl"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(noNew.select("#new-password-error").text()).isEqualTo("Vul een nieuw wachtwoord in.");
		// Whose password it is, for a password manager; no field of the form.
		assertThat(noNew.select("form[action$=/account/security/password] input[autocomplete=username]").attr("value"))
			.isEqualTo(participant.email());
		assertThat(noNew.select("form[action$=/account/security/password] input[autocomplete=username]").attr("name")).isEmpty();

		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
		assertThat(failedSignIns(participant)).as("no current password was checked").isZero();
	}

	/**
	 * A product walk set "aaaaaaaaaaaa" as a new password: only its length was checked. A known-bad password is
	 * refused at the field, in the person's language, with what to do instead; nothing is checked or changed.
	 */
	@Test
	void aKnownBadNewPasswordIsRefusedAtTheFieldInDutchAndEnglish() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);

		Document dutch = Jsoup.parse(browser.perform(change(PASSWORD, "aaaaaaaaaaaa", "aaaaaaaaaaaa").param("lang", "nl"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(dutch.select("#new-password-error").text())
			.isEqualTo("Dit wachtwoord herhaalt steeds dezelfde tekens en is makkelijk te raden. "
					+ "Kies een zin van een paar woorden die alleen jij kent.");
		assertThat(dutch.select("input#new-password").attr("aria-invalid")).isEqualTo("true");
		assertThat(nl.briefwissel.Accessible.describedBy(dutch, dutch.getElementById("new-password")))
			.extracting(org.jsoup.nodes.Element::id).containsExactly("password-rule", "new-password-error");

		Document english = Jsoup.parse(browser.perform(change(PASSWORD, "aaaaaaaaaaaa", "aaaaaaaaaaaa").param("lang", "en"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(english.select("#new-password-error").text())
			.isEqualTo("This password repeats the same characters and is easy to guess. "
					+ "Choose a sentence of a few words that only you know.");

		Document common = Jsoup.parse(browser.perform(change(PASSWORD, "Wachtwoord2026!", "Wachtwoord2026!").param("lang", "nl"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(common.select("#new-password-error").text()).startsWith("Dit wachtwoord is een van de meest gebruikte");
		String local = participant.email().substring(0, participant.email().indexOf('@'));
		Document own = Jsoup.parse(browser.perform(change(PASSWORD, local + "1", local + "1").param("lang", "en"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(own.select("#new-password-error").text()).startsWith("This password is mostly your e-mail address");

		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
		assertThat(failedSignIns(participant)).as("no current password was checked").isZero();
	}

	/**
	 * The rule is the change's own, not only its page's: asked by any other way than the form, the change refuses a
	 * known-bad password (here mostly the product's name) before it checks the current one, so nothing is counted or
	 * changed; the page says it at the field in Dutch and English and keeps the rest of the account page.
	 */
	@Test
	void theChangeItselfRefusesAKnownBadPasswordBeforeCheckingTheCurrentOne() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);
		MockHttpSession session = asRead(sessions.findById(sessionId(participant)));

		assertThatThrownBy(() -> changes.change(participant.id(), "niet het wachtwoord", "Briefwissel2026!", session))
			.isInstanceOfSatisfying(RefusedPassword.class,
					refused -> assertThat(refused.refusal()).isEqualTo(PasswordRules.Refusal.PERSONAL))
			.message().doesNotContain("Briefwissel2026!");
		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
		assertThat(failedSignIns(participant)).as("no current password was checked").isZero();

		Document english = Jsoup.parse(browser.perform(change(PASSWORD, "Briefwissel2026!", "Briefwissel2026!").param("lang", "en"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(english.select("#new-password-error").text())
			.startsWith("This password is mostly your e-mail address or the name Briefwissel");
		assertThat(english.select("input#new-password").attr("aria-invalid")).isEqualTo("true");
		assertThat(english.select("#current-password-error")).as("the current password was not judged").isEmpty();
		assertThat(english.select("input[type=password]").eachAttr("value")).allMatch(String::isEmpty);
		assertThat(english.select("form[action=/account/security/password]")).isNotEmpty();
		assertThat(english.select("form[action=/account/security/language]")).isNotEmpty();
		Document dutch = Jsoup.parse(browser.perform(change(PASSWORD, "Briefwissel2026!", "Briefwissel2026!").param("lang", "nl"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(dutch.select("#new-password-error").text())
			.startsWith("Dit wachtwoord bestaat vooral uit je e-mailadres of de naam Briefwissel");
		// Typed twice differently as well: both said at once, not the refusal only at the next try.
		Document both = Jsoup.parse(browser.perform(change(PASSWORD, "Briefwissel2026!", "Briefwissel2027!").param("lang", "nl"))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(both.select("#new-password-error").text())
			.startsWith("Dit wachtwoord bestaat vooral uit je e-mailadres of de naam Briefwissel");
		assertThat(both.select("#new-password-again-error").text())
			.isEqualTo("De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer.");

		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
		assertThat(failedSignIns(participant)).isZero();
	}

	/** A locked account's open session checks no current password: the form gives way, and a change sent anyway ends it. */
	@Test
	void aLockedAccountsSessionChangesNothing() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		Browser browser = signedIn(participant);
		jdbc.sql("update account set locked_until = :until where id = :id")
			.param("until", java.time.OffsetDateTime.now().plusMinutes(15))
			.param("id", participant.id())
			.update();
		Document page = page(browser, "/account/security");
		assertThat(page.select("form[action=/account/security/password]")).isEmpty();
		assertThat(page.select("#password-locked").text()).startsWith("Zolang je account op slot is");
		browser.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD)).andExpect(redirectedUrl("/login?locked"));
		browser.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
	}

	/** Who signs in by link (most participants) has no password to change: the page says how they sign in. */
	@Test
	void anAccountWithoutAPasswordIsToldHowItSignsIn() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		RequestPostProcessor signedIn = fixtures.as(participant);
		Document page = Jsoup.parse(mvc.perform(get("/account/security").with(signedIn)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.select("form[action=/account/security/password]")).isEmpty();
		assertThat(page.select("#password-none").text()).contains("Je hebt geen wachtwoord bij Briefwissel", "inloglink");
		mvc.perform(change("iets", NEW_PASSWORD, NEW_PASSWORD).with(signedIn)).andExpect(redirectedUrl("/account/security"));
		assertThat(jdbc.sql("select password_hash is null from account where id = :id").param("id", participant.id())
			.query(Boolean.class).single()).isTrue();
		assertThat(failedSignIns(participant)).isZero();
	}

	@Test
	void nobodySignedOutChangesAPassword() throws Exception {
		mvc.perform(get("/account/security")).andExpect(redirectedUrl("/login"));
		mvc.perform(change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void withoutTheFormTokenNothingChanges() throws Exception {
		Account participant = withPassword(Role.PARTICIPANT);
		mvc.perform(post("/account/security/password").param("current", PASSWORD).param("password", NEW_PASSWORD)
			.param("confirmation", NEW_PASSWORD).with(fixtures.as(participant))).andExpect(status().isForbidden());
		assertThat(passwords.matches(PASSWORD, hash(participant))).isTrue();
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder change(String current,
			String password, String confirmation) {
		return post("/account/security/password").param("current", current).param("password", password)
			.param("confirmation", confirmation).with(csrf());
	}

	private Account withPassword(Role role) {
		return accounts.register(new NewAccount(null, "wijzig-" + UUID.randomUUID() + "@example.nl", "Wijziger",
				Locale.forLanguageTag("nl"), Set.of(role), PASSWORD));
	}

	private Browser signedIn(Account account) throws Exception {
		return signedIn(account, PASSWORD);
	}

	private Browser signedIn(Account account, String password) throws Exception {
		Browser browser = new Browser(mvc);
		ResultActions signIn = browser.perform(post("/login").param("email", account.email()).param("password", password)
			.with(csrf()));
		signIn.andExpect(redirectedUrl("/"));
		return browser;
	}

	private Document page(Browser browser, String path) throws Exception {
		return Jsoup.parse(browser.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private String hash(Account account) {
		return jdbc.sql("select password_hash from account where id = :id").param("id", account.id()).query(String.class).single();
	}

	private int failedSignIns(Account account) {
		return jdbc.sql("select failed_sign_ins from account where id = :id").param("id", account.id())
			.query(Integer.class).single();
	}
}

package nl.briefwissel.account;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class PasswordResetTests {

	private static final Pattern LINK = Pattern.compile("(http://[^\\s\"<]+/password/reset\\?token=[A-Za-z0-9_-]+)");

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordResets resets;

	@Test
	void aResetLinkArrivesByMailAndSetsANewPasswordOnce() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));

		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()))
			.andExpect(redirectedUrl("/password/sent"));
		MimeMessage mail = Mailboxes.awaitMail(mailServer, person.email(), m -> true);
		assertThat(mail.getSubject()).isEqualTo("Kies een nieuw wachtwoord voor Briefwissel");
		assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		String text = bodyText(mail);
		Matcher link = LINK.matcher(text);
		assertThat(link.find()).as("link in %s", text).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);

		mvc.perform(get("/password/reset").param("token", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Kies een nieuw wachtwoord")));
		mvc.perform(post("/password/reset").param("token", token)
			.param("password", "een lange nieuwe zin")
			.param("confirmation", "een lange nieuwe zin")
			.with(csrf())).andExpect(redirectedUrl("/login?reset="));

		mvc.perform(post("/login").param("email", person.email()).param("password", "een lange nieuwe zin").with(csrf()))
			.andExpect(authenticated());
		mvc.perform(post("/login").param("email", person.email()).param("password", "het oude wachtwoord").with(csrf()))
			.andExpect(unauthenticated());
		mvc.perform(get("/password/reset").param("token", token))
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
	}

	/** A reset is what someone does who fears their password is known: a session opened with it ends. */
	@Test
	void aResetSignsOutEverySessionOfThePerson() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		nl.briefwissel.Browser before = new nl.briefwissel.Browser(mvc);
		before.perform(post("/login").param("email", person.email()).param("password", "het oude wachtwoord").with(csrf()))
			.andExpect(authenticated());
		before.perform(get("/participant")).andExpect(status().isOk());

		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()))
			.andExpect(redirectedUrl("/password/sent"));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> true)));
		assertThat(link.find()).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);
		mvc.perform(post("/password/reset").param("token", token)
			.param("password", "een lange nieuwe zin")
			.param("confirmation", "een lange nieuwe zin")
			.with(csrf())).andExpect(redirectedUrl("/login?reset="));

		before.perform(get("/participant")).andExpect(redirectedUrl("/login"));
	}

	/**
	 * Sign-ins under way when the reset was saved, by link, by password and by password with the code still owed:
	 * their sessions were written after the step that ends every session (here they are kept out of its sight).
	 * Each is ended at its next request, and the person is told why on the sign-in page.
	 */
	@Test
	void sessionsSignedInBeforeTheResetThatEscapedItsEndAreRefused(CapturedOutput log)
			throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mailServer.ensureMailbox(person.email());
		nl.briefwissel.Browser byLink = new nl.briefwissel.Browser(mvc);
		byLink.perform(post("/login/link").param("email", person.email()).with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		Matcher signInLink = Pattern.compile("/login/link\\?token=([A-Za-z0-9_-]{43})")
			.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> Mailboxes.subject(m).contains("inloglink"))));
		assertThat(signInLink.find()).isTrue();
		byLink.perform(post("/login/link/use").param("token", signInLink.group(1)).with(csrf())).andExpect(authenticated());
		String byLinkId = hideSessionOf(person);
		nl.briefwissel.Browser byPassword = new nl.briefwissel.Browser(mvc);
		byPassword.perform(post("/login").param("email", person.email()).param("password", "het oude wachtwoord").with(csrf()))
			.andExpect(authenticated());
		String byPasswordId = hideSessionOf(person);
		Account coach = accounts.register(new NewAccount(null, "coach-" + UUID.randomUUID() + "@briefwissel.test", "Coach",
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), "het oude wachtwoord"));
		nl.briefwissel.Browser codeOwed = new nl.briefwissel.Browser(mvc);
		codeOwed.perform(post("/login").param("email", coach.email()).param("password", "het oude wachtwoord").with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		String codeOwedId = hideSessionOf(coach);

		resetWithMailedLink(person);
		resetWithMailedLink(coach);
		showSession(byLinkId, person);
		showSession(byPasswordId, person);
		showSession(codeOwedId, coach);

		byLink.perform(get("/participant")).andExpect(redirectedUrl("/login?passwordChangedElsewhere"));
		byPassword.perform(get("/participant")).andExpect(redirectedUrl("/login?passwordChangedElsewhere"));
		codeOwed.perform(get("/login/code")).andExpect(redirectedUrl("/login?passwordChangedElsewhere"));
		byLink.perform(get("/participant")).andExpect(redirectedUrl("/login"));
		nl.briefwissel.Browser after = new nl.briefwissel.Browser(mvc);
		after.perform(post("/login").param("email", person.email()).param("password", "een lange nieuwe zin").with(csrf()))
			.andExpect(authenticated());
		after.perform(get("/participant")).andExpect(status().isOk());
		assertThat(log.getOut()).contains("Password reset with a mailed link: " + person.id())
			.contains("Session ended: the password of account " + person.id() + " changed after its sign-in");
	}

	/** Keeps the account's one session out of sight of the step that ends its sessions, as a session written later is. */
	private String hideSessionOf(Account account) {
		String id = jdbc.sql("select session_id from spring_session where principal_name = :email")
			.param("email", account.email())
			.query(String.class)
			.single();
		jdbc.sql("update spring_session set principal_name = null where session_id = :id").param("id", id).update();
		return id;
	}

	private void showSession(String id, Account account) {
		jdbc.sql("update spring_session set principal_name = :email where session_id = :id")
			.param("email", account.email())
			.param("id", id)
			.update();
	}

	private void resetWithMailedLink(Account account) throws Exception {
		mailServer.ensureMailbox(account.email());
		mvc.perform(post("/password/forgot").param("email", account.email()).with(csrf()))
			.andExpect(redirectedUrl("/password/sent"));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, account.email(),
				m -> Mailboxes.subject(m).contains("wachtwoord"))));
		assertThat(link.find()).isTrue();
		mvc.perform(post("/password/reset").param("token", link.group(1).substring(link.group(1).indexOf("token=") + 6))
			.param("password", "een lange nieuwe zin")
			.param("confirmation", "een lange nieuwe zin")
			.with(csrf())).andExpect(redirectedUrl("/login?reset="));
	}

	/**
	 * A sign-in link still open at the reset is a way in that outlives the password it came with, as a
	 * session is: it ends with the reset.
	 */
	@Test
	void aResetEndsTheSignInLinksStillOpen() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/login/link").param("email", person.email()).with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		Matcher signInLink = Pattern.compile("/login/link\\?token=([A-Za-z0-9_-]{43})")
			.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> Mailboxes.subject(m).contains("inloglink"))));
		assertThat(signInLink.find()).isTrue();

		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()))
			.andExpect(redirectedUrl("/password/sent"));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(),
				m -> Mailboxes.subject(m).contains("wachtwoord"))));
		assertThat(link.find()).isTrue();
		mvc.perform(post("/password/reset").param("token", link.group(1).substring(link.group(1).indexOf("token=") + 6))
			.param("password", "een lange nieuwe zin")
			.param("confirmation", "een lange nieuwe zin")
			.with(csrf())).andExpect(redirectedUrl("/login?reset="));

		mvc.perform(post("/login/link/use").param("token", signInLink.group(1)).with(csrf()))
			.andExpect(unauthenticated())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
	}

	@Test
	void theMailIsInThePersonsOwnLanguage() throws Exception {
		Account person = somebody(Locale.ENGLISH);
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		MimeMessage mail = Mailboxes.awaitMail(mailServer, person.email(), m -> true);
		assertThat(mail.getSubject()).isEqualTo("Choose a new password for Briefwissel");
		assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
		// The link opens the page in English too, in a browser that has never been here.
		Matcher link = java.util.regex.Pattern.compile("http://[^\\s\"<]+/password/reset\\?token=[A-Za-z0-9_-]+&lang=en")
			.matcher(bodyText(mail));
		assertThat(link.find()).as("link in English in %s", bodyText(mail)).isTrue();
		mvc.perform(get(link.group().substring(link.group().indexOf("/password")))).andExpect(content().string(containsString("Choose a new password")));
	}

	/** "English" on a page opened from a link keeps the link's token; on a form's answer it leads to the form's page. */
	@Test
	void theLanguageSwitchKeepsTheAddress() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> true)));
		assertThat(link.find()).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);

		mvc.perform(get("/password/reset?token=" + token))
			.andExpect(content().string(containsString("href=\"/password/reset?token=" + token + "&amp;lang=en\"")));
		mvc.perform(post("/password/reset").param("token", token).param("password", "kort").param("confirmation", "kort")
				.header("Referer", "http://localhost/password/reset?token=" + token).with(csrf()))
			.andExpect(content().string(containsString("href=\"/password/reset?token=" + token + "&amp;lang=en\"")));
		mvc.perform(post("/password/reset").param("token", token).param("password", "kort").param("confirmation", "kort")
				.header("Referer", "https://elders.example/password/reset").with(csrf()))
			.andExpect(content().string(containsString("href=\"/?lang=en\"")));
		mvc.perform(post("/password/reset").param("token", token).param("password", "kort").param("confirmation", "kort")
				.header("Referer", "http://localhost//elders.example/x").with(csrf()))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("href=\"//"))));
	}

	@Test
	void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
		String unknown = "niemand-" + UUID.randomUUID() + "@briefwissel.test";
		mvc.perform(post("/password/forgot").param("email", unknown).with(csrf()))
			.andExpect(redirectedUrl("/password/sent"));
		Thread.sleep(1000);
		mailServer.ensureMailbox(unknown);
		assertThat(Mailboxes.read(mailServer, unknown, Mailboxes.PASSWORD)).isEmpty();
	}

	@Test
	void formErrorsAreExplainedInTheVisitorsLanguage() throws Exception {
		mvc.perform(post("/password/forgot").param("email", "geen-adres").with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Vul een geldig e-mailadres in")));
		mvc.perform(post("/password/forgot").param("email", "").param("lang", "en").with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Enter your e-mail address.")));
	}

	@Test
	void aShortOrMistypedPasswordIsRefusedAndTheTokenStaysUsable() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> true)));
		assertThat(link.find()).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);

		// Refused with a link that still works: the form again, answered 422 as the other refused forms are.
		mvc.perform(post("/password/reset").param("token", token)
			.param("password", "kort")
			.param("confirmation", "kort")
			.with(csrf())).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("minstens 12")));
		mvc.perform(post("/password/reset").param("token", token)
			.param("password", "een lange nieuwe zin")
			.param("confirmation", "een andere lange zin")
			.with(csrf())).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("niet gelijk")));
		assertThat(mvc.perform(get("/password/reset").param("token", token)).andReturn().getResponse().getContentAsString())
			.contains("Kies een nieuw wachtwoord");
	}

	/**
	 * The rule (twelve characters or more) is read out at the field, and a long pasted passphrase is not cut
	 * off by the page: the new-password field cut it at 128 and the repeat field did not, so the page said
	 * the two were not the same instead of what was wrong.
	 */
	@Test
	void theRuleIsReadAtTheFieldAndNothingPastedIsCutOff() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> true)));
		assertThat(link.find()).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);
		var form = org.jsoup.Jsoup.parse(mvc.perform(get("/password/reset").param("token", token)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(form.select("#password").attr("aria-describedby")).isEqualTo("password-rule");
		assertThat(form.select("#password-rule").text()).contains("minstens 12 tekens");
		assertThat(form.select("#password").hasAttr("maxlength")).isEqualTo(form.select("#confirmation").hasAttr("maxlength"));

		String tooLong = "een zin die veel te lang is ".repeat(5);
		var refused = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token).param("password", tooLong)
			.param("confirmation", tooLong).with(csrf())).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(refused.select("#password-error").text()).contains("hoogstens 128");
		assertThat(refused.select("#password").attr("aria-describedby")).isEqualTo("password-rule password-error");
	}

	/** The reset (and so an invitation's first password) refuses a known-bad password as the account page does. */
	@Test
	void aKnownBadPasswordIsRefusedAtTheFieldInDutchAndEnglish() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		Matcher link = LINK.matcher(bodyText(Mailboxes.awaitMail(mailServer, person.email(), m -> true)));
		assertThat(link.find()).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);

		var dutch = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token)
			.param("password", "aaaaaaaaaaaa").param("confirmation", "aaaaaaaaaaaa").param("lang", "nl").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(dutch.select("#password-error").text())
			.isEqualTo("Dit wachtwoord herhaalt steeds dezelfde tekens en is makkelijk te raden. "
					+ "Kies een zin van een paar woorden die alleen jij kent.");
		assertThat(dutch.select("#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(dutch.select("#password").attr("aria-describedby")).isEqualTo("password-rule password-error");

		var english = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token)
			.param("password", "aaaaaaaaaaaa").param("confirmation", "aaaaaaaaaaaa").param("lang", "en").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(english.select("#password-error").text())
			.isEqualTo("This password repeats the same characters and is easy to guess. "
					+ "Choose a sentence of a few words that only you know.");

		String local = person.email().substring(0, person.email().indexOf('@'));
		var own = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token)
			.param("password", local + "!").param("confirmation", local + "!").param("lang", "nl").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(own.select("#password-error").text()).startsWith("Dit wachtwoord bestaat vooral uit je e-mailadres");

		// Refused, the link still works and the old password still holds.
		mvc.perform(post("/login").param("email", person.email()).param("password", "het oude wachtwoord").with(csrf()))
			.andExpect(authenticated());
		mvc.perform(post("/password/reset").param("token", token).param("password", "mijn fiets staat in de schuur")
			.param("confirmation", "mijn fiets staat in de schuur").with(csrf())).andExpect(redirectedUrl("/login?reset="));
	}

	/**
	 * The rule is the reset's own, not only its page's: asked by any other way than the form, the reset refuses a
	 * known-bad password (here mostly the address) before it takes the link, which then still works; the page says
	 * it at the field in Dutch and English, with the link's token kept in the form.
	 */
	@Test
	void theResetItselfRefusesAKnownBadPasswordAndKeepsTheLink() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		String token = token(Mailboxes.awaitMail(mailServer, person.email(), m -> true));
		String bad = person.email().substring(0, person.email().indexOf('@')) + "2026";

		assertThatThrownBy(() -> resets.reset(token, bad)).isInstanceOfSatisfying(RefusedPassword.class,
				refused -> assertThat(refused.refusal()).isEqualTo(PasswordRules.Refusal.PERSONAL))
			.message().doesNotContain(bad);
		assertThat(resets.isValid(token)).as("the link is not used up").isTrue();
		mvc.perform(post("/login").param("email", person.email()).param("password", "het oude wachtwoord").with(csrf()))
			.andExpect(authenticated());

		var english = resetPage(token, bad, "en");
		assertThat(english.select("#password-error").text())
			.startsWith("This password is mostly your e-mail address or the name Briefwissel");
		assertThat(english.select("input[name=token]").attr("value")).isEqualTo(token);
		assertThat(resetPage(token, bad, "nl").select("#password-error").text())
			.startsWith("Dit wachtwoord bestaat vooral uit je e-mailadres of de naam Briefwissel");
		// Typed twice differently as well: both said at once, not the refusal only at the next try.
		var both = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token).param("password", bad)
			.param("confirmation", bad + "!").param("lang", "nl").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(both.select("#password-error").text())
			.startsWith("Dit wachtwoord bestaat vooral uit je e-mailadres of de naam Briefwissel");
		assertThat(both.select("#confirmation-error").text()).isNotEmpty();
		mvc.perform(post("/password/reset").param("token", token).param("password", "mijn fiets staat in de schuur")
			.param("confirmation", "mijn fiets staat in de schuur").with(csrf())).andExpect(redirectedUrl("/login?reset="));
	}

	/**
	 * An invited account chooses its first password by the link an administrator's invitation (or the installation's)
	 * mails: the same rule holds there, in the service and on the page in Dutch and English, and the invitation still
	 * works for a better password.
	 */
	@Test
	void anInvitationsFirstPasswordIsHeldToTheSameRule() throws Exception {
		Account invited = accounts.register(new NewAccount(null, "uitgenodigd-" + UUID.randomUUID() + "@briefwissel.test",
				"Uitgenodigd", Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		resets.invite(invited, null);
		String token = token(Mailboxes.awaitMail(mailServer, invited.email(), m -> true));

		assertThatThrownBy(() -> resets.reset(token, "Welkom2026!!")).isInstanceOfSatisfying(RefusedPassword.class,
				refused -> assertThat(refused.refusal()).isEqualTo(PasswordRules.Refusal.COMMON));
		assertThat(hasPassword(invited)).as("no password set").isFalse();
		assertThat(resets.isValid(token)).isTrue();

		assertThat(resetPage(token, "Welkom2026!!", "nl").select("#password-error").text())
			.startsWith("Dit wachtwoord is een van de meest gebruikte wachtwoorden");
		var english = resetPage(token, "Welkom2026!!", "en");
		assertThat(english.select("#password-error").text()).startsWith("This password is one of the most used passwords");
		assertThat(english.select("#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(english.select("input[name=token]").attr("value")).isEqualTo(token);

		mvc.perform(post("/password/reset").param("token", token).param("password", "mijn fiets staat in de schuur")
			.param("confirmation", "mijn fiets staat in de schuur").with(csrf())).andExpect(redirectedUrl("/login?passwordSet="));
		assertThat(hasPassword(invited)).isTrue();
	}

	/**
	 * Someone invited never had a password: the mail says which role and organisation the account is for, and the
	 * page and the sign-in page after it speak of choosing and setting their password, not of a new or changed one.
	 * A reset keeps its own words (the tests above).
	 */
	@Test
	void anInvitationSaysWhatTheAccountIsForAndAsksToChooseAPasswordNotANewOne() throws Exception {
		Account invited = accounts.register(new NewAccount(null, "ingesteld-" + UUID.randomUUID() + "@briefwissel.test",
				"Ilse de Wit", Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		resets.invite(invited, "Gemeente Welkom");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, invited.email(), m -> true);
		assertThat(bodyText(mail)).contains("Beste Ilse,", "Je gebruikt het account als e-coach bij Gemeente Welkom.");
		assertThat(Mailboxes.html(mail)).contains("Je gebruikt het account als e-coach bij Gemeente Welkom.");
		String token = token(mail);

		var dutch = org.jsoup.Jsoup.parse(mvc.perform(get("/password/reset").param("token", token).param("lang", "nl"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(dutch.select("h1").text()).isEqualTo("Kies je wachtwoord");
		assertThat(dutch.title()).startsWith("Kies je wachtwoord");
		assertThat(dutch.select("label[for=password]").text()).isEqualTo("Wachtwoord");
		assertThat(dutch.select("label[for=confirmation]").text()).isEqualTo("Herhaal je wachtwoord");
		assertThat(dutch.select("main").text()).doesNotContainIgnoringCase("nieuw");
		var english = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token).param("password", "kort")
			.param("confirmation", "kort").param("lang", "en").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(english.select("h1").text()).isEqualTo("Choose your password");
		assertThat(english.select("label[for=password]").text()).isEqualTo("Password");
		assertThat(english.select("label[for=confirmation]").text()).isEqualTo("Repeat your password");
		assertThat(english.select("main").text()).doesNotContainIgnoringCase("new password");
		var empty = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token).param("password", "")
			.param("confirmation", "").param("lang", "nl").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(empty.select("#password-error").text()).isEqualTo("Vul een wachtwoord in.");

		mvc.perform(post("/password/reset").param("token", token).param("password", "mijn fiets staat in de schuur")
			.param("confirmation", "mijn fiets staat in de schuur").with(csrf())).andExpect(redirectedUrl("/login?passwordSet="));
		assertThat(mvc.perform(get("/login").param("passwordSet", "").param("lang", "nl")).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Je wachtwoord is ingesteld.")
			.doesNotContain("gewijzigd");
		assertThat(mvc.perform(get("/login").param("passwordSet", "").param("lang", "en")).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Your password is set.")
			.doesNotContain("changed");

		Account manager = accounts.register(new NewAccount(null, "set-" + UUID.randomUUID() + "@briefwissel.test",
				"Sam Smit", Locale.ENGLISH, Set.of(Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR), null));
		resets.invite(manager, "Gemeente Welkom");
		String englishMail = bodyText(Mailboxes.awaitMail(mailServer, manager.email(), m -> true));
		assertThat(englishMail).contains("Dear Sam,",
				"You will use the account as an administrator and a programme manager at Gemeente Welkom.");
	}

	/**
	 * An administrator can take a pending invitee's only role away and then invite again: the mail then names the
	 * organisation alone, not "as ." with nothing in between. Dutch and English, HTML and plain text.
	 */
	@Test
	void anInvitationWithoutARoleNamesOnlyTheOrganisation() throws Exception {
		Account dutch = accounts.register(new NewAccount(null, "zonder-rol-" + UUID.randomUUID() + "@briefwissel.test",
				"Ilse de Wit", Locale.forLanguageTag("nl"), Set.of(), null));
		resets.invite(dutch, "Gemeente Welkom");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, dutch.email(), m -> true);
		assertThat(bodyText(mail)).contains("Je gebruikt het account bij Gemeente Welkom.").doesNotContain("als .", "als  bij");
		assertThat(Mailboxes.html(mail)).contains("Je gebruikt het account bij Gemeente Welkom.").doesNotContain("als .");

		Account english = accounts.register(new NewAccount(null, "no-role-" + UUID.randomUUID() + "@briefwissel.test",
				"Sam Smit", Locale.ENGLISH, Set.of(), null));
		resets.invite(english, "Gemeente Welkom");
		MimeMessage englishMail = Mailboxes.awaitMail(mailServer, english.email(), m -> true);
		assertThat(bodyText(englishMail)).contains("You will use the account at Gemeente Welkom.").doesNotContain("as .", "as  at");
		assertThat(Mailboxes.html(englishMail)).contains("You will use the account at Gemeente Welkom.");
	}

	/** A refused new password takes the focus to its field; only two different ones take it to the repeat. */
	@Test
	void aRefusedPasswordTakesTheFocusToItsFieldAndAMismatchToTheRepeat() throws Exception {
		Account person = somebody(Locale.forLanguageTag("nl"));
		mvc.perform(post("/password/forgot").param("email", person.email()).with(csrf()));
		String token = token(Mailboxes.awaitMail(mailServer, person.email(), m -> true));
		var form = org.jsoup.Jsoup.parse(mvc.perform(get("/password/reset").param("token", token)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(form.select("[autofocus]")).isEmpty();

		assertThat(resetPage(token, "kort", "nl").select("[autofocus]")).extracting(org.jsoup.nodes.Element::id)
			.containsExactly("password");
		var mismatch = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token)
			.param("password", "een lange nieuwe zin").param("confirmation", "een andere lange zin").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(mismatch.select("[autofocus]")).extracting(org.jsoup.nodes.Element::id).containsExactly("confirmation");
		String bad = person.email().substring(0, person.email().indexOf('@')) + "2026";
		var both = org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token)
			.param("password", bad).param("confirmation", bad + "!").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(both.select("[autofocus]")).extracting(org.jsoup.nodes.Element::id).containsExactly("password");
	}

	private org.jsoup.nodes.Document resetPage(String token, String password, String language) throws Exception {
		return org.jsoup.Jsoup.parse(mvc.perform(post("/password/reset").param("token", token).param("password", password)
			.param("confirmation", password).param("lang", language).with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String token(MimeMessage mail) throws Exception {
		Matcher link = LINK.matcher(bodyText(mail));
		assertThat(link.find()).isTrue();
		return link.group(1).substring(link.group(1).indexOf("token=") + 6);
	}

	private boolean hasPassword(Account account) {
		return jdbc.sql("select password_hash is not null from account where id = :id").param("id", account.id())
			.query(Boolean.class).single();
	}

	@Test
	void aMadeUpTokenIsRefused() throws Exception {
		mvc.perform(get("/password/reset").param("token", "verzonnen"))
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(post("/password/reset").param("token", "verzonnen")
			.param("password", "een lange nieuwe zin")
			.param("confirmation", "een lange nieuwe zin")
			.with(csrf())).andExpect(content().string(containsString("Deze link werkt niet meer")));
	}

	private Account somebody(Locale language) {
		return accounts.register(new NewAccount(null, "persoon-" + UUID.randomUUID() + "@briefwissel.test", "Persoon",
				language, Set.of(Role.PARTICIPANT), "het oude wachtwoord"));
	}

	private static String bodyText(MimeMessage mail) throws Exception {
		Object content = mail.getContent();
		if (content instanceof MimeMultipart multipart) {
			StringBuilder text = new StringBuilder();
			collect(multipart, text);
			return text.toString();
		}
		return content.toString();
	}

	private static void collect(MimeMultipart multipart, StringBuilder text) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			Object part = multipart.getBodyPart(i).getContent();
			if (part instanceof MimeMultipart nested) {
				collect(nested, text);
			}
			else if (multipart.getBodyPart(i).isMimeType("text/plain")) {
				text.append(part);
			}
		}
	}
}

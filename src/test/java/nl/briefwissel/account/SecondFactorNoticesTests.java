package nl.briefwissel.account;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Someone who had a staff member's password while that account had no app yet could set up an app of
 * their own at the sign-in and was in for good; the real person never heard of it. Now every app linked
 * to an account, and every reset by an administrator, is mailed to the person, in their language, with
 * no secret or code in the mail or the log.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class SecondFactorNoticesTests {

	private static final String PASSWORD = "een lang wachtwoord";

	private static final Pattern SECRET = Pattern.compile("class=\"bw-secret\">([A-Z2-7 ]+)<");

	private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

	private static final String LINKED_EN = "An authenticator app was linked to your Briefwissel account";

	private static final String LINKED_NL = "Er is een authenticator-app gekoppeld aan je account bij Briefwissel";

	private static final String REMOVED_NL = "De authenticator-app is verwijderd van je account bij Briefwissel";

	private static final String RESET_NL = "Een beheerder heeft je authenticator-app voor Briefwissel losgekoppeld";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void anAppSetUpAtSignInIsMailedToThePersonInTheirLanguageWithoutSecretOrCodes(CapturedOutput log) throws Exception {
		Account coach = coachWithoutApp();
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", coach.id()).update();
		mailServer.ensureMailbox(coach.email());
		Browser session = passwordStep(coach);
		String page = session.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString();
		String secret = secretOn(page);
		session.perform(post("/login/code/setup").param("code", "000000").with(csrf()));
		assertThat(mailsTo(coach, LINKED_EN)).as("a wrong code links nothing").isZero();

		String code = code(secret);
		String codesPage = session.perform(post("/login/code/setup").param("code", code).with(csrf()))
			.andExpect(content().string(containsString("herstelcodes")))
			.andReturn().getResponse().getContentAsString();
		ZonedDateTime linked = ZonedDateTime.now(ZoneId.of("Europe/Amsterdam"));
		assertThat(mailsTo(coach, LINKED_EN)).isEqualTo(1);

		MimeMessage mail = Mailboxes.awaitMail(mailServer, coach.email(), any -> Mailboxes.subject(any).equals(LINKED_EN));
		String text = Mailboxes.text(mail);
		assertThat(text).contains("an authenticator app was linked to your Briefwissel account",
				linked.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)),
				"Contact the Briefwissel administrator of your organisation", "/password/forgot?lang=en");
		assertThat(text).doesNotContain(secret, secret.replaceAll("(.{4})", "$1 ").strip(), code, "otpauth", "data:image");
		for (String recovery : recoveryCodesOn(codesPage)) {
			assertThat(text).doesNotContain(recovery);
			assertThat(log.getAll()).doesNotContain(recovery);
		}
		assertThat(log.getAll()).as("the log was read").contains("Authenticator app confirmed for account " + coach.id());
		assertThat(log.getAll()).doesNotContain(secret).doesNotContain("otpauth");
	}

	/** A participant who adds an app on the security page, or replaces one there, is told so each time. */
	@Test
	void anAppAddedOrReplacedOnTheSecurityPageIsMailedInDutch() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		mailServer.ensureMailbox(participant.email());
		// Signed in just now: linking and removing an app ask for a recent sign-in (decision 0051).
		Browser signedIn = signedInJustNow(participant);
		String secret = secretOn(signedIn.perform(get("/account/security/app")).andReturn().getResponse()
			.getContentAsString());
		signedIn.perform(post("/account/security/app").param("code", code(secret)).with(csrf()))
			.andExpect(content().string(containsString("herstelcodes")));
		assertThat(mailsTo(participant, LINKED_NL)).isEqualTo(1);
		String text = Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(),
				any -> Mailboxes.subject(any).equals(LINKED_NL)));
		assertThat(text).contains("is er een authenticator-app gekoppeld aan je account bij Briefwissel",
				"Neem meteen contact op met de beheerder van Briefwissel in je organisatie", "Kies ook zo snel mogelijk een nieuw wachtwoord",
				"/password/forgot?lang=nl");

		// Replaced: removed with a code of the old app, and a new one set up. The removal is mailed too: whoever
		// has the session and a code could take the second factor off the account unheard of.
		assertThat(mailsTo(participant, REMOVED_NL)).isZero();
		signedIn.perform(post("/account/security/app/remove").param("code", codeAfter(secret, 1)).with(csrf()))
			.andExpect(redirectedUrl("/account/security?removed"));
		assertThat(mailsTo(participant, REMOVED_NL)).isEqualTo(1);
		String removal = Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(),
				any -> Mailboxes.subject(any).equals(REMOVED_NL)));
		assertThat(removal).contains("is de authenticator-app van je account bij Briefwissel verwijderd",
				"Was jij dit niet?", "/password/forgot?lang=nl").doesNotContain(secret);
		String replacement = secretOn(signedIn.perform(get("/account/security/app")).andReturn().getResponse()
			.getContentAsString());
		signedIn.perform(post("/account/security/app").param("code", code(replacement)).with(csrf()))
			.andExpect(content().string(containsString("herstelcodes")));
		assertThat(mailsTo(participant, LINKED_NL)).isEqualTo(2);
	}

	@Test
	void anAdministratorsResetOfTheAppIsMailedToThePerson() throws Exception {
		Account coach = coachWithApp();
		mailServer.ensureMailbox(coach.email());
		mvc.perform(post("/admin/accounts/" + coach.id() + "/second-factor/reset").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"));
		assertThat(mailsTo(coach, RESET_NL)).isEqualTo(1);
		String text = Mailboxes.text(Mailboxes.awaitMail(mailServer, coach.email(), any -> Mailboxes.subject(any).equals(RESET_NL)));
		assertThat(text).contains("heeft een beheerder de authenticator-app en de herstelcodes van je account bij Briefwissel losgekoppeld",
				"De volgende keer dat je inlogt, stel je een nieuwe app in.", "Heb je hier niet om gevraagd?",
				"/password/forgot?lang=nl");

		// Nothing left to reset: nothing to tell.
		mvc.perform(post("/admin/accounts/" + coach.id() + "/second-factor/reset").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"));
		assertThat(mailsTo(coach, RESET_NL)).isEqualTo(1);
	}

	private Browser passwordStep(Account account) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		return browser;
	}

	private Browser signedInJustNow(Account account) throws Exception {
		jdbc.sql("update account set password_hash = :hash where id = :id")
			.param("hash", accounts.hash(PASSWORD))
			.param("id", account.id())
			.update();
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		return browser;
	}

	private Account coachWithoutApp() {
		Account coach = fixtures.runningTrajectory(true).coach();
		jdbc.sql("update account set password_hash = :hash where id = :id")
			.param("hash", accounts.hash(PASSWORD))
			.param("id", coach.id())
			.update();
		return coach;
	}

	/** A coach who set up their app earlier, without a mail of its own. */
	private Account coachWithApp() {
		Account coach = coachWithoutApp();
		jdbc.sql("update account set totp_secret = :secret, totp_confirmed_at = current_timestamp, totp_last_step = :step where id = :id")
			.param("secret", Totp.newSecret())
			.param("step", Totp.step(Instant.now()) - 2)
			.param("id", coach.id())
			.update();
		return coach;
	}

	private RequestPostProcessor admin() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}

	private static String code(String secret) {
		return codeAfter(secret, 0);
	}

	private static String codeAfter(String secret, int steps) {
		return Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now()) + steps);
	}

	private static String secretOn(String page) {
		Matcher secret = SECRET.matcher(page);
		assertThat(secret.find()).as("secret on the page").isTrue();
		return secret.group(1).replace(" ", "");
	}

	private static java.util.List<String> recoveryCodesOn(String page) {
		return RECOVERY.matcher(page).results().map(match -> match.group(1)).toList();
	}

	/** Mails queued with this subject: written in the request that caused them, so counted at once. */
	private int mailsTo(Account account, String subject) {
		return jdbc.sql("select count(*) from outbound_mail where lower(recipient) = lower(:to) and subject = :subject")
			.param("to", account.email())
			.param("subject", subject)
			.query(Integer.class)
			.single();
	}
}

package nl.briefwissel.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Someone who has a person's password cannot go on guessing their second factor: a lock's end does not
 * forget the wrong codes, each further lock lasts twice as long, and the hundredth wrong code in a row
 * locks the account until an administrator unlocks it (NIST SP 800-63B 5.2.2). Five guesses every
 * quarter of an hour gave a guesser four chances in ten a year.
 */
@BriefwisselTest
class CodeGuessingTests {

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
	EmbeddedMailServer mailServer;

	@Autowired
	SignInAttempts attempts;

	@Test
	void eachFurtherFiveWrongCodesLockTwiceAsLongAndTheSignInPageSaysHowLong() throws Exception {
		Account coach = coachWithApp();
		Browser guesser = fiveWrongCodes(coach);
		assertThat(lockLeft(coach)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
		guesser.perform(get("/login").param("locked", "")).andExpect(content().string(containsString("15 minuten op slot")));

		endTheLock(coach);
		guesser = fiveWrongCodes(coach);
		assertThat(lockLeft(coach)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
		guesser.perform(get("/login").param("locked", "")).andExpect(content().string(containsString("30 minuten op slot")));

		// The person themselves, coming back with their password, is told the lock that is in force.
		endTheLock(coach);
		fiveWrongCodes(coach);
		Browser owner = new Browser(mvc);
		owner.perform(post("/login").param("email", coach.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		owner.perform(get("/login").param("locked", "").param("lang", "en"))
			.andExpect(content().string(containsString("The account is locked for 1 hour.")));
	}

	@Test
	void theHundredthWrongCodeInARowLocksUntilAnAdministratorUnlocks() throws Exception {
		Account coach = coachWithApp();
		Duration expected = Duration.ofMinutes(15);
		for (int lock = 1; lock < 20; lock++) {
			fiveWrongCodes(coach);
			assertThat(lockLeft(coach)).as("lock %d", lock).isBetween(expected.minusMinutes(1), expected);
			expected = expected.multipliedBy(2).compareTo(Duration.ofHours(24)) > 0 ? Duration.ofHours(24)
					: expected.multipliedBy(2);
			endTheLock(coach);
		}
		Browser guesser = fiveWrongCodes(coach);
		assertThat(lockLeft(coach)).as("after a hundred wrong codes").isGreaterThan(Duration.ofDays(365));
		guesser.perform(get("/login").param("locked", ""))
			.andExpect(content().string(containsString("tot een beheerder het ontgrendelt")));
		Browser owner = new Browser(mvc);
		owner.perform(post("/login").param("email", coach.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		owner.perform(get("/login").param("locked", "").param("lang", "en"))
			.andExpect(content().string(containsString("until an administrator unlocks it")));
		// A new password (whoever reads the mailbox may choose one) does not lift this lock.
		attempts.succeeded(coach.id());
		assertThat(attempts.locked(coach.id())).isTrue();

		mvc.perform(post("/admin/accounts/" + coach.id() + "/unlock").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"));
		// Unlocked, the count starts again: the next five wrong codes lock for a quarter of an hour.
		fiveWrongCodes(coach);
		assertThat(lockLeft(coach)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
	}

	/** A stranger who knows only the address cannot lengthen the lock with wrong passwords. */
	@Test
	void wrongPasswordsLockForAQuarterOfAnHourEachTime() throws Exception {
		Account coach = coachWithApp();
		for (int lock = 0; lock < 3; lock++) {
			for (int i = 0; i < 5; i++) {
				mvc.perform(post("/login").param("email", coach.email()).param("password", "fout " + i).with(csrf()))
					.andExpect(redirectedUrl("/login?error"));
			}
			assertThat(lockLeft(coach)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
			endTheLock(coach);
		}
	}

	/** A right code ends the row: wrong codes a person typed now and then do not add up to a long lock. */
	@Test
	void aRightCodeStartsTheCountAgain() throws Exception {
		Account coach = coachWithApp();
		fiveWrongCodes(coach);
		endTheLock(coach);
		Browser session = passwordStep(coach);
		session.perform(post("/login/code").param("code", code(coach, 0)).with(csrf())).andExpect(redirectedUrl("/"));
		fiveWrongCodes(coach);
		assertThat(lockLeft(coach)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
	}

	@Test
	void thePersonIsMailedOnceForEachLockOfWrongCodesInTheirLanguage() throws Exception {
		Account coach = coachWithApp();
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", coach.id()).update();
		mailServer.ensureMailbox(coach.email());
		Browser guesser = passwordStep(coach);
		Browser waiting = passwordStep(coach);
		for (int i = 0; i < 5; i++) {
			guesser.perform(post("/login/code").param("code", "70000" + i).with(csrf()));
		}
		// Another session's code, refused while the account is locked, is no new lock: no second mail.
		waiting.perform(post("/login/code").param("code", "123456").with(csrf())).andExpect(redirectedUrl("/login?locked"));

		MimeMessage mail = Mailboxes.awaitMail(mailServer, coach.email(), any -> true);
		assertThat(mail.getSubject()).isEqualTo("Someone used your password for Briefwissel");
		String text = Mailboxes.text(mail);
		assertThat(text).contains("5 wrong codes in a row", "locked for 15 minutes", "Choose a new password",
				"/password/forgot?lang=en");
		assertThat(text).doesNotContain("700004", "123456");
		assertThat(mailsTo(coach)).isEqualTo(1);

		endTheLock(coach);
		fiveWrongCodes(coach);
		assertThat(mailsTo(coach)).isEqualTo(2);
		MimeMessage second = Mailboxes.awaitMail(mailServer, coach.email(),
				each -> Mailboxes.text(each).contains("10 wrong codes in a row"));
		assertThat(Mailboxes.text(second)).contains("locked for 30 minutes");
	}

	@Test
	void wrongPasswordsMailNobody() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "stil-" + UUID.randomUUID() + "@example.nl", "Stil",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("email", participant.email()).param("password", "fout " + i).with(csrf()))
				.andExpect(redirectedUrl("/login?error"));
		}
		assertThat(attempts.locked(participant.id())).isTrue();
		assertThat(mailsTo(participant)).isZero();
	}

	/**
	 * The security page checked a code before it counted it: a signed-in session took codes while the
	 * account was locked, and codes sent at once were all checked before the fifth was counted.
	 */
	@Test
	void theSecurityPageTakesNoCodeWhileTheAccountIsLocked() throws Exception {
		Account coach = coachWithApp();
		Browser signedIn = passwordStep(coach);
		signedIn.perform(post("/login/code").param("code", code(coach, 0)).with(csrf())).andExpect(redirectedUrl("/"));
		fiveWrongCodes(coach);
		signedIn.perform(post("/account/security/recovery-codes").param("code", code(coach, 1)).with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		signedIn.perform(get("/coach")).andExpect(redirectedUrl("/login"));
	}

	/**
	 * The first code of a new app at sign-in was not counted at all: someone with the password of an
	 * account without an app guessed there without end. It counts as a code at sign-in does, and a
	 * right one ends the row.
	 */
	@Test
	void wrongSetUpCodesAtSignInCountAndLockAsWrongCodesDo() throws Exception {
		Account coach = coachWithPasswordOnly();
		Browser first = passwordStep(coach);
		first.perform(get("/login/code/setup")).andExpect(status().isOk());
		for (int i = 0; i < 4; i++) {
			first.perform(post("/login/code/setup").param("code", "12345" + i).with(csrf()))
				.andExpect(content().string(containsString("Deze code klopt niet")));
		}
		assertThat(wrongCodes(coach)).isEqualTo(4);
		// Another session counts on: the row is the account's, not the session's.
		Browser second = passwordStep(coach);
		second.perform(get("/login/code/setup")).andExpect(status().isOk());
		second.perform(post("/login/code/setup").param("code", "999999").with(csrf())).andExpect(redirectedUrl("/login?locked"));
		assertThat(lockLeft(coach)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
		assertThat(mailsTo(coach)).as("the lock's mail").isEqualTo(1);

		endTheLock(coach);
		Browser third = passwordStep(coach);
		String secret = secretOn(third.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		third.perform(post("/login/code/setup").param("code", Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now())))
			.with(csrf())).andExpect(content().string(containsString("herstelcodes")));
		assertThat(wrongCodes(coach)).isZero();
	}

	/** A session that got past the password before the account was locked finished its set-up anyway. */
	@Test
	void aLockedAccountTakesNoSetUpCode() throws Exception {
		Account coach = coachWithPasswordOnly();
		Browser waiting = passwordStep(coach);
		String secret = secretOn(waiting.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("email", coach.email()).param("password", "fout " + i).with(csrf()))
				.andExpect(redirectedUrl("/login?error"));
		}
		waiting.perform(post("/login/code/setup").param("code", Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now())))
			.with(csrf())).andExpect(redirectedUrl("/login?locked"));
		assertThat(appConfirmed(coach)).isFalse();
		waiting.perform(get("/coach")).andExpect(redirectedUrl("/login"));
	}

	/** The security page's set-up takes its first code as every code there: none while the account is locked. */
	@Test
	void theSecurityPageLinksNoAppWhileTheAccountIsLocked() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "app-" + UUID.randomUUID() + "@example.nl", "App",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		Browser signedIn = new Browser(mvc);
		signedIn.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		String secret = secretOn(signedIn.perform(get("/account/security/app")).andReturn().getResponse().getContentAsString());
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("email", participant.email()).param("password", "fout " + i).with(csrf()))
				.andExpect(redirectedUrl("/login?error"));
		}
		signedIn.perform(post("/account/security/app").param("code", Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now())))
			.with(csrf())).andExpect(redirectedUrl("/login?locked"));
		assertThat(appConfirmed(participant)).isFalse();
	}

	/**
	 * Showing the set-up page while the account is locked makes no new secret: a page view from another
	 * session replaced the one being set up, and a locked account changed with every reload. At sign-in the
	 * waiting session ends, as it does for a code; on the security page the person is told the lock.
	 */
	@Test
	void theSetUpPagesMakeNoSecretWhileTheAccountIsLocked() throws Exception {
		Account coach = coachWithPasswordOnly();
		Browser first = passwordStep(coach);
		Browser second = passwordStep(coach);
		secretOn(first.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		String stored = storedSecret(coach);
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("email", coach.email()).param("password", "fout " + i).with(csrf()));
		}
		second.perform(get("/login/code/setup")).andExpect(redirectedUrl("/login?locked"));
		assertThat(storedSecret(coach)).isEqualTo(stored);
		second.perform(get("/login").param("locked", "")).andExpect(content().string(containsString("minuten op slot")));

		Account participant = accounts.register(new NewAccount(null, "slot-" + UUID.randomUUID() + "@example.nl", "Slot",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		Browser signedIn = new Browser(mvc);
		signedIn.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("email", participant.email()).param("password", "fout " + i).with(csrf()));
		}
		signedIn.perform(get("/account/security/app")).andExpect(redirectedUrl("/account/security"));
		assertThat(storedSecret(participant)).isEmpty();
		String page = signedIn.perform(get("/account/security")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Je account is nog 15 minuten op slot").doesNotContain("/account/security/app\"");
		assertThat(signedIn.perform(get("/account/security").param("lang", "en")).andReturn().getResponse().getContentAsString())
			.contains("Your account is locked for 15 more minutes");
	}

	private String storedSecret(Account account) {
		return jdbc.sql("select coalesce(totp_secret, '') from account where id = :id").param("id", account.id())
			.query(String.class).single();
	}

	private Browser fiveWrongCodes(Account account) throws Exception {
		Browser session = passwordStep(account);
		for (int i = 0; i < 4; i++) {
			session.perform(post("/login/code").param("code", "12345" + i).with(csrf())).andExpect(status().isUnprocessableContent());
		}
		session.perform(post("/login/code").param("code", "999999").with(csrf())).andExpect(redirectedUrl("/login?locked"));
		return session;
	}

	private Browser passwordStep(Account account) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		return browser;
	}

	/** A coach who has not set up an app yet. */
	private Account coachWithPasswordOnly() {
		Account coach = fixtures.runningTrajectory(true).coach();
		jdbc.sql("update account set password_hash = :hash where id = :id")
			.param("hash", accounts.hash(PASSWORD))
			.param("id", coach.id())
			.update();
		return coach;
	}

	private int wrongCodes(Account account) {
		return jdbc.sql("select wrong_codes from account where id = :id").param("id", account.id()).query(Integer.class).single();
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

	/** What a lock's end does, without waiting for it. */
	private void endTheLock(Account account) {
		jdbc.sql("update account set locked_until = :past where id = :id")
			.param("past", OffsetDateTime.now().minusSeconds(1))
			.param("id", account.id())
			.update();
	}

	private Duration lockLeft(Account account) {
		OffsetDateTime until = jdbc.sql("select locked_until from account where id = :id")
			.param("id", account.id())
			.query(OffsetDateTime.class)
			.single();
		assertThat(until).as("locked").isNotNull();
		return Duration.between(OffsetDateTime.now(), until);
	}

	/** A coach who set up their app earlier (a minute ago, so that this minute's codes are still unused). */
	private Account coachWithApp() {
		Account coach = fixtures.runningTrajectory(true).coach();
		String secret = Totp.newSecret();
		jdbc.sql("""
				update account set password_hash = :hash, totp_secret = :secret, totp_confirmed_at = current_timestamp,
				    totp_last_step = :step where id = :id""")
			.param("hash", accounts.hash(PASSWORD))
			.param("secret", secret)
			.param("step", Totp.step(Instant.now()) - 2)
			.param("id", coach.id())
			.update();
		return coach;
	}

	private String code(Account account, int stepsFromNow) {
		String secret = jdbc.sql("select totp_secret from account where id = :id").param("id", account.id())
			.query(String.class).single();
		return Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now()) + stepsFromNow);
	}

	private RequestPostProcessor admin() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}

	/** Mails queued for an address: written in the request that caused them, so counted at once. */
	private int mailsTo(Account account) {
		return jdbc.sql("select count(*) from outbound_mail where lower(recipient) = lower(:to)")
			.param("to", account.email())
			.query(Integer.class)
			.single();
	}
}

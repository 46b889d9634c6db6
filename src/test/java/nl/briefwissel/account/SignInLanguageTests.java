package nl.briefwissel.account;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.WebSession;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language a person signs in to (decision 0076). A participant opening their mail's link while signed
 * out read the sign-in page in Dutch whatever the link said, and after signing in got Dutch again in a
 * browser without a language cookie, though their account said English.
 */
@BriefwisselTest
class SignInLanguageTests {

	private static final String PASSWORD = "een lang wachtwoord";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSignInPageSpeaksTheLanguageOfThePageThePersonWasGoingTo() throws Exception {
		WebSession browser = new WebSession(port);
		HttpResponse<String> sent = browser.get("/participant/conversation?lang=en&trajectory=" + UUID.randomUUID());
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		assertThat(language(browser.get("/login"))).isEqualTo("en");

		// And the sign-in page's own address, as before.
		assertThat(language(new WebSession(port).get("/login?lang=en"))).isEqualTo("en");
		assertThat(language(new WebSession(port).get("/login"))).isEqualTo("nl");
	}

	@Test
	void signingInOpensTheLanguageTheAccountSaved() throws Exception {
		String email = participant(Locale.ENGLISH);
		WebSession fresh = new WebSession(port).logIn(email, PASSWORD);
		assertThat(language(fresh.get("/participant"))).isEqualTo("en");

		// Over a language this browser kept from before (someone else's, or an older choice).
		WebSession before = new WebSession(port);
		before.get("/privacy?lang=nl");
		before.logIn(email, PASSWORD);
		assertThat(language(before.get("/participant"))).isEqualTo("en");

		String dutch = participant(Locale.forLanguageTag("nl"));
		WebSession english = new WebSession(port);
		english.get("/privacy?lang=en");
		english.logIn(dutch, PASSWORD);
		assertThat(language(english.get("/participant"))).isEqualTo("nl");
	}

	@Test
	void aLanguageChosenOnTheSignInPageItselfWins() throws Exception {
		String email = participant(Locale.ENGLISH);
		WebSession browser = new WebSession(port);
		assertThat(language(browser.get("/login?lang=nl"))).isEqualTo("nl");
		browser.logIn(email, PASSWORD);
		assertThat(language(browser.get("/participant"))).isEqualTo("nl");
		// The account keeps its own: the choice was this browser's.
		assertThat(accounts.byEmail(email).orElseThrow().language()).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void aSignInLinkOpensTheLanguageTheAccountSaved() throws Exception {
		String email = participant(Locale.ENGLISH);
		String token = LinkTokens.create();
		OffsetDateTime now = OffsetDateTime.now();
		jdbc.sql("insert into sign_in_link (token_hash, account_id, created_at, expires_at) values (:hash, :account, :now, :expires)")
			.param("hash", LinkTokens.hash(token))
			.param("account", accounts.byEmail(email).orElseThrow().id())
			.param("now", now)
			.param("expires", now.plusMinutes(30))
			.update();
		WebSession browser = new WebSession(port);
		// Opened without the mail's ?lang (a mail client that cut the address off after the token).
		HttpResponse<String> used = browser.postAsIs("/login/link/use",
				"token=" + token + "&_csrf=" + java.net.URLEncoder.encode(browser.token("/login/link?token=" + token),
						java.nio.charset.StandardCharsets.UTF_8));
		assertThat(used.statusCode()).isEqualTo(302);
		assertThat(language(browser.get("/participant"))).isEqualTo("en");
	}

	private String participant(Locale language) {
		String email = "taal-" + UUID.randomUUID() + "@example.nl";
		accounts.register(new NewAccount(null, email, "Taal", language, Set.of(Role.PARTICIPANT), PASSWORD));
		return email;
	}

	private static String language(HttpResponse<String> page) {
		assertThat(page.statusCode()).isEqualTo(200);
		return Jsoup.parse(page.body()).select("html").attr("lang");
	}
}

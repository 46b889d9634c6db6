package nl.briefwissel.account;

import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A second press of a sign-in link's button (a double click, or the back button and the button again) reached a
 * link the first press had used, and a person just signed in read that the link no longer worked. Moments after
 * it signed its account in, such a press leads on calmly and signs no one in; a link that ended any other way (a
 * password reset, another link used, a disabled account) stays dead.
 */
@BriefwisselTest
class SignInLinkPressedAgainTests {

	private static final Pattern LINK = Pattern.compile("http://[^\\s\"<]+/login/link\\?token=([A-Za-z0-9_-]{43})");

	private static final String SESSION_COOKIE = "BRIEFWISSEL_SESSION";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	MailedLinks links;

	/**
	 * With the page's own form token, as a browser sends it: the sign-in gives a new session id and a new form
	 * token, so both second presses fail the form check, and they read the expired-form page before.
	 */
	@Test
	void aSecondPressMomentsAfterTheSignInLeadsOnAndSignsNoOneIn() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		String token = requestLink(participant);

		// The page with the button, as the browser shows it: its session and its form token.
		MockHttpServletResponse page = mvc.perform(get("/login/link").param("token", token))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		Cookie before = page.getCookie(SESSION_COOKIE);
		assertThat(before).isNotNull();
		String formToken = Jsoup.parse(page.getContentAsString()).select("form[action=/login/link/use] input[name=_csrf]").val();
		assertThat(formToken).isNotBlank();

		MockHttpServletResponse first = mvc.perform(post("/login/link/use").cookie(before).param("token", token)
				.param("_csrf", formToken))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse();
		Cookie signedIn = first.getCookie(SESSION_COOKIE);
		assertThat(signedIn).isNotNull();
		assertThat(signedIn.getValue()).isNotEqualTo(before.getValue());

		// The back button and the button again: the browser is signed in as the link's account and goes to its start.
		mvc.perform(post("/login/link/use").cookie(signedIn).param("token", token).param("_csrf", formToken))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/participant").cookie(signedIn)).andExpect(status().isOk());
		// The back button opens the link again (its page is not cached): the same answer, for the same reason.
		mvc.perform(get("/login/link").cookie(signedIn).param("token", token)).andExpect(redirectedUrl("/"));
		mvc.perform(get("/login/link").param("token", token)).andExpect(redirectedUrl("/login?linkUsed"));

		// A double click: the second press left with the session from before the first's answer. It reads that the
		// link was just used, on the sign-in page; it is not signed in, and gets no session that would replace the
		// one the first press's answer brought.
		MockHttpServletResponse second = mvc.perform(post("/login/link/use").cookie(before).param("token", token)
				.param("_csrf", formToken))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?linkUsed"))
			.andReturn()
			.getResponse();
		assertThat(second.getCookie(SESSION_COOKIE)).isNull();
		mvc.perform(get("/login").param("linkUsed", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Deze inloglink is zojuist gebruikt om in te loggen.")));
		mvc.perform(get("/login").param("linkUsed", "").param("lang", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This sign-in link was just used to sign in.")));
		// The first press's answer did arrive: that browser is signed in and goes on to its start.
		mvc.perform(get("/login").param("linkUsed", "").cookie(signedIn)).andExpect(redirectedUrl("/"));
		mvc.perform(get("/participant").cookie(signedIn)).andExpect(status().isOk());

		// With a form token that passes (as two presses at the same moment can): the same answer.
		mvc.perform(post("/login/link/use").param("token", token).with(csrf()))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?linkUsed"));

		// Longer ago it is the dead link it was.
		jdbc.sql("update sign_in_link set signed_in_at = :then, used_at = :then where token_hash = :hash")
			.param("then", OffsetDateTime.now().minusMinutes(3))
			.param("hash", LinkTokens.hash(token))
			.update();
		mvc.perform(post("/login/link/use").param("token", token).with(csrf()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(get("/login/link").cookie(signedIn).param("token", token)).andExpect(status().isGone());
	}

	/**
	 * A link that a password reset ended was never pressed: "just used to sign in" would tell the person who
	 * reset their password (perhaps for a break-in) of a sign-in nobody made. It stays dead at once, with any
	 * form token.
	 */
	@Test
	void aLinkAResetEndedMomentsAgoStaysDead() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		String token = requestLink(participant);
		// What a password reset or change does to the account's sign-in links (PasswordResets, PasswordChanges).
		links.useUp(MailedLinks.Kind.SIGN_IN, participant.id());

		mvc.perform(get("/login/link").param("token", token))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));

		mvc.perform(post("/login/link/use").param("token", token).with(csrf()))
			.andExpect(unauthenticated())
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(post("/login/link/use").param("token", token).param("_csrf", "a-form-token-of-another-session"))
			.andExpect(unauthenticated())
			.andExpect(status().isForbidden())
			.andExpect(content().string(not(containsString("zojuist gebruikt"))));
	}

	/** Another link of the account used ends this one: it was not pressed, and stays dead. */
	@Test
	void aLinkAnotherLinkEndedStaysDead() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		String earlier = requestLink(participant);
		String later = requestLink(participant, earlier);
		assertThat(later).isNotEqualTo(earlier);
		new Browser(mvc).perform(post("/login/link/use").param("token", later).with(csrf())).andExpect(redirectedUrl("/"));

		mvc.perform(post("/login/link/use").param("token", earlier).with(csrf()))
			.andExpect(unauthenticated())
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
	}

	/** The first press of a disabled account's link uses it up and signs no one in: a second press says nothing more. */
	@Test
	void aDisabledAccountsLinkStaysDead() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		String token = requestLink(participant);
		jdbc.sql("update account set enabled = false where id = :id").param("id", participant.id()).update();

		for (int press = 0; press < 2; press++) {
			mvc.perform(post("/login/link/use").param("token", token).with(csrf()))
				.andExpect(unauthenticated())
				.andExpect(status().isGone())
				.andExpect(content().string(containsString("Deze link werkt niet meer")));
		}
	}

	private String requestLink(Account participant, String... earlier) throws Exception {
		mvc.perform(post("/login/link").param("email", participant.email()).with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		String text = Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(),
				mail -> Mailboxes.subject(mail).contains("inloglink")
						&& java.util.Arrays.stream(earlier).noneMatch(Mailboxes.text(mail)::contains)));
		Matcher link = LINK.matcher(text);
		assertThat(link.find()).as("sign-in link in %s", text).isTrue();
		return link.group(1);
	}
}

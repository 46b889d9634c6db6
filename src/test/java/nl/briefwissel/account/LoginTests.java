package nl.briefwissel.account;

import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class LoginTests {

	@Autowired
	MockMvc mvc;

	@ParameterizedTest
	@CsvSource({ "deelnemer@briefwissel.test, /participant, Mijn traject", "coach@briefwissel.test, /coach, Mijn werkplek",
			"programma@briefwissel.test, /programme, Programma's", "beheer@briefwissel.test, /admin, Accounts" })
	void eachDemoAccountLogsInThroughTheFormAndLandsOnItsRolesPage(String email, String startPage, String heading)
			throws Exception {
		Browser session = logIn(email, "briefwissel");

		session.perform(get("/")).andExpect(redirectedUrl(startPage));
		session.perform(get(startPage))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(heading.replace("'", "&#39;"))));
	}

	@Test
	void aWrongPasswordIsRefusedWithAnExplanationInDutchAndEnglish() throws Exception {
		mvc.perform(post("/login").param("email", "coach@briefwissel.test").param("password", "wrong").with(csrf()))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(get("/login").param("error", ""))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("horen niet bij elkaar")));
		mvc.perform(get("/login").param("error", "").param("lang", "en"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("do not match")));
	}

	/**
	 * After a refused sign-in the password field says so to a screen reader and has the focus, the address
	 * filled in again above it; only the alert at the top said what was wrong. Signing out says "signed out",
	 * as every other English text does.
	 */
	@Test
	void aRefusedSignInMarksThePasswordFieldAndFocusesIt() throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", "coach@briefwissel.test").param("password", "wrong").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		var page = org.jsoup.Jsoup.parse(browser.perform(get("/login").param("error", "")).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(page.select("#login-error").text()).contains("horen niet bij elkaar");
		assertThat(page.select("#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#password").attr("aria-describedby")).isEqualTo("login-error");
		assertThat(page.select("#password").hasAttr("autofocus")).isTrue();
		assertThat(page.select("#email").val()).isEqualTo("coach@briefwissel.test");
		var fresh = org.jsoup.Jsoup.parse(mvc.perform(get("/login")).andReturn().getResponse().getContentAsString());
		assertThat(fresh.select("#password").hasAttr("aria-invalid")).isFalse();
		mvc.perform(get("/login").param("logout", "").param("lang", "en"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("You have signed out.")));
	}

	/**
	 * The sign-in form sent with a field empty says so at that field in the person's language, the typed address
	 * kept and the first empty field in focus; the browser's own bubble spoke in the browser's language. Said before
	 * any account is looked up, so it is not a failed attempt and tells nothing about the address.
	 */
	@Test
	void anEmptyFieldOfTheSignInFormIsSaidAtThatField() throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", "coach@briefwissel.test").param("password", "").with(csrf()))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?empty=password"));
		var page = org.jsoup.Jsoup.parse(browser.perform(get("/login").param("empty", "password")).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(page.select("form[action=/login]").hasAttr("novalidate")).isTrue();
		assertThat(page.title()).startsWith("Fout: ");
		assertThat(page.select("#password-error").text()).isEqualTo("Vul je wachtwoord in.");
		assertThat(page.select("#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#password").attr("aria-describedby")).isEqualTo("password-error");
		assertThat(page.select("#password").hasAttr("autofocus")).isTrue();
		assertThat(page.select("#email").val()).isEqualTo("coach@briefwissel.test");
		assertThat(page.select("#email-error")).isEmpty();
		assertThat(page.select("#login-error")).isEmpty();

		mvc.perform(post("/login").param("email", " ").param("password", "").with(csrf()))
			.andExpect(redirectedUrl("/login?empty=both"));
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/login").param("empty", "both").param("lang", "en"))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(english.title()).startsWith("Error: ");
		assertThat(english.select("#email-error").text()).isEqualTo("Enter your e-mail address.");
		assertThat(english.select("#password-error").text()).isEqualTo("Enter your password.");
		assertThat(english.select("#email").hasAttr("autofocus")).isTrue();
		assertThat(english.select("#password").hasAttr("autofocus")).isFalse();
	}

	/** A sign-in refused by the brakes or by the organisation's provider is the form refused too: its title says so. */
	@Test
	void aThrottledOrSingleSignOnRefusalIsTitledAsAnError() throws Exception {
		for (String refusal : new String[] { "throttled", "sso" }) {
			var page = org.jsoup.Jsoup.parse(mvc.perform(get("/login").param(refusal, "failed")).andReturn().getResponse()
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
			assertThat(page.title()).as(refusal).startsWith("Fout: ");
		}
	}

	@Test
	void theEmailAddressIsNotCaseSensitive() throws Exception {
		mvc.perform(post("/login").param("email", "Coach@Briefwissel.TEST").param("password", "briefwissel").with(csrf()))
			.andExpect(authenticated());
	}

	@Test
	void loginWithoutCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/login").param("email", "coach@briefwissel.test").param("password", "briefwissel"))
			.andExpect(status().isForbidden())
			.andExpect(unauthenticated());
	}

	@ParameterizedTest
	@CsvSource({ "deelnemer@briefwissel.test, /coach", "deelnemer@briefwissel.test, /programme",
			"deelnemer@briefwissel.test, /admin", "coach@briefwissel.test, /participant",
			"coach@briefwissel.test, /admin", "coach@briefwissel.test, /programme",
			"programma@briefwissel.test, /coach", "programma@briefwissel.test, /participant",
			"programma@briefwissel.test, /admin", "beheer@briefwissel.test, /coach" })
	void aRoleCannotReachAnotherRolesPages(String email, String page) throws Exception {
		Browser session = logIn(email, "briefwissel");
		session.perform(get(page).accept("text/html")).andExpect(status().isForbidden());
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		mvc.perform(get("/coach")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void loggingOutEndsTheSession() throws Exception {
		Browser session = logIn("coach@briefwissel.test", "briefwissel");
		session.perform(post("/logout").with(csrf())).andExpect(redirectedUrl("/login?logout"));
		session.perform(get("/coach")).andExpect(redirectedUrl("/login"));
	}

	/**
	 * A link to the sign-in page on another site named the page the sign-in there went on to: another site (or a
	 * neighbouring subdomain) chose where the next sign-in in this browser lands. The browser says where the link
	 * was followed (Sec-Fetch-Site): the page is taken only from this site itself, or from a browser that says
	 * nothing; from anywhere else the sign-in works as always, on to the start page.
	 */
	@Test
	void aPageToGoBackToNamedOnAnotherSiteIsNotTaken() throws Exception {
		for (String elsewhere : new String[] { "cross-site", "same-site", "none", "CROSS-SITE", "" }) {
			Browser browser = new Browser(mvc);
			browser.perform(get("/login").param("next", "/participant/conversation").header("Sec-Fetch-Site", elsewhere))
				.andExpect(status().isOk());
			browser.perform(post("/login").param("email", "deelnemer@briefwissel.test").param("password", "briefwissel")
				.with(csrf())).andExpect(authenticated()).andExpect(redirectedUrl("/"));
		}
		for (String ours : new String[] { "same-origin", "Same-Origin", null }) {
			Browser browser = new Browser(mvc);
			var page = get("/login").param("next", "/participant/conversation");
			browser.perform(ours == null ? page : page.header("Sec-Fetch-Site", ours)).andExpect(status().isOk());
			browser.perform(post("/login").param("email", "deelnemer@briefwissel.test").param("password", "briefwissel")
				.with(csrf())).andExpect(authenticated()).andExpect(redirectedUrl("/participant/conversation"));
		}
	}

	private Browser logIn(String email, String password) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", email).param("password", password).with(csrf()))
			.andExpect(authenticated())
			.andExpect(redirectedUrl("/"));
		return browser;
	}
}

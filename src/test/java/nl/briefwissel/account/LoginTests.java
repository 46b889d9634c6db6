package nl.briefwissel.account;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

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
		MockHttpSession session = logIn(email, "briefwissel");

		mvc.perform(get("/").session(session)).andExpect(redirectedUrl(startPage));
		mvc.perform(get(startPage).session(session))
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
		MockHttpSession session = logIn(email, "briefwissel");
		mvc.perform(get(page).session(session).accept("text/html")).andExpect(status().isForbidden());
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		mvc.perform(get("/coach")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void loggingOutEndsTheSession() throws Exception {
		MockHttpSession session = logIn("coach@briefwissel.test", "briefwissel");
		mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
		mvc.perform(get("/coach").session(session)).andExpect(redirectedUrl("/login"));
	}

	private MockHttpSession logIn(String email, String password) throws Exception {
		MvcResult result = mvc.perform(post("/login").param("email", email).param("password", password).with(csrf()))
			.andExpect(authenticated())
			.andExpect(redirectedUrl("/"))
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}

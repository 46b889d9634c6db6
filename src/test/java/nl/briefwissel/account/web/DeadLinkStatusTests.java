package nl.briefwissel.account.web;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.account.LinkTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A sign-in link, a reset link or an invitation (which opens the reset page) that no longer works answers 410
 * with its page, one broken off by a mail program 404 with the same page, as every other mailed link does
 * (decision 0008): with 200 a mail scanner or a monitor took a dead link for a working one.
 */
@BriefwisselTest
class DeadLinkStatusTests {

	@Autowired
	MockMvc mvc;

	@Test
	void aSignInLinkThatNoLongerWorksIsGoneAndABrokenOneNotFound() throws Exception {
		mvc.perform(get("/login/link").param("token", LinkTokens.create()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(get("/login/link").param("token", "afgebroken"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(get("/login/link")).andExpect(status().isNotFound());
		mvc.perform(post("/login/link/use").param("token", LinkTokens.create()).with(csrf()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
	}

	@Test
	void aResetLinkThatNoLongerWorksIsGoneAndABrokenOneNotFound() throws Exception {
		mvc.perform(get("/password/reset").param("token", LinkTokens.create()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(get("/password/reset").param("token", "afgebroken"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(post("/password/reset").param("token", LinkTokens.create()).param("password", "een lang genoeg wachtwoord 7")
			.param("confirmation", "een lang genoeg wachtwoord 7").with(csrf()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
	}
}

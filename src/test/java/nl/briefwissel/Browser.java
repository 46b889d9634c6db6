package nl.briefwissel;

import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One person's browser for MockMvc: carries the session cookie from response to request, as
 * sessions live in the database (Spring Session) and a new sign-in step gives a new session id.
 */
public final class Browser {

	private static final String SESSION_COOKIE = "BRIEFWISSEL_SESSION";

	private final MockMvc mvc;

	private Cookie session;

	public Browser(MockMvc mvc) {
		this.mvc = mvc;
	}

	public ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
		if (session != null) {
			request.cookie(session);
		}
		ResultActions result = mvc.perform(request);
		Cookie renewed = result.andReturn().getResponse().getCookie(SESSION_COOKIE);
		if (renewed != null) {
			session = renewed.getMaxAge() == 0 ? null : renewed;
		}
		return result;
	}
}

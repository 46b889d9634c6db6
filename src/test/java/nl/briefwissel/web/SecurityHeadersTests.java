package nl.briefwissel.web;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * The headers a hardened web app sends on every page. HSTS only over HTTPS (behind the proxy the
 * production profile trusts the forwarded scheme), so a plain-HTTP evaluation install is not locked out.
 */
@BriefwisselTest
class SecurityHeadersTests {

	@Autowired
	MockMvc mvc;

	@Test
	void everyPageSendsTheHardeningHeaders() throws Exception {
		mvc.perform(get("/login").secure(true))
			.andExpect(header().string("Strict-Transport-Security", containsString("max-age=")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("'unsafe-inline'"))));
		mvc.perform(get("/login")).andExpect(header().doesNotExist("Strict-Transport-Security"));
	}
}

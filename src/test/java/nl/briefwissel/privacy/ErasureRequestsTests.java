package nl.briefwissel.privacy;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Accounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** The administrator's side of an erasure request: what the pages say and what a decision takes. */
@BriefwisselTest
class ErasureRequestsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	/**
	 * A reason too long is told as too long, not as missing; and one that fits the box is taken, also
	 * when the browser sends each line break as two characters (CR LF) while counting it as one.
	 */
	@Test
	void aDeclineReasonIsToldAsTooLongAndOneThatFitsTheBoxIsTaken() throws Exception {
		UUID request = erasures.request(fixtures.runningTrajectory(true).participant().id()).id();
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());

		Document tooLong = page(post("/admin/erasure/{id}/decline", request).param("lang", "en")
			.param("reason", "x".repeat(2001)), admin);
		assertThat(tooLong.getElementById("reason-error-" + request).text())
			.isEqualTo("Your reason is too long: 2,000 characters at most. Please shorten it; the participant reads it in a mail.");
		assertThat(tooLong.getElementById("reason-" + request).hasAttr("autofocus")).isTrue();
		Document dutch = page(post("/admin/erasure/{id}/decline", request).param("lang", "nl")
			.param("reason", "x".repeat(2001)), admin);
		assertThat(dutch.getElementById("reason-error-" + request).text()).startsWith("Je reden is te lang: hoogstens 2.000 tekens.");
		Document blank = page(post("/admin/erasure/{id}/decline", request).param("lang", "nl").param("reason", " \r\n "), admin);
		assertThat(blank.getElementById("reason-error-" + request).text()).startsWith("Geef een reden");

		// 1,980 characters on 20 lines: 1,999 in the box, 2,018 as the browser sends them.
		String reason = String.join("\r\n", java.util.Collections.nCopies(20, "y".repeat(99)));
		mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", reason).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure"));
		assertThat(erasures.byId(request).orElseThrow().declineReason())
			.isEqualTo(String.join("\n", java.util.Collections.nCopies(20, "y".repeat(99))));
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor as) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(as).with(csrf())).andReturn().getResponse().getContentAsString());
	}
}

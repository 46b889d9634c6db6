package nl.briefwissel.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditTrail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A form shown again with what was wrong answers 422 (decision 0139), whoever refused it: a validator, a
 * controller's own check, signed in or not. Most answered 200, as if the form had been taken; the page itself
 * is the same, and a read or an attempt stays on the trail as before.
 */
@BriefwisselTest
class RefusedFormsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	@Test
	void aForgottenPasswordAskedForWithoutAnAddressIsShownAgainAnswered422() throws Exception {
		Document page = refused(post("/password/forgot").param("email", "geen adres").param("lang", "nl").with(csrf()));
		assertThat(page.text()).contains("Vul een geldig e-mailadres in");
		assertThat(page.select("input[name=email]").attr("aria-invalid")).isEqualTo("true");
	}

	@Test
	void aSignInLinkAskedForWithoutAnAddressIsShownAgainAnswered422() throws Exception {
		Document page = refused(post("/login/link").param("email", "geen adres").param("lang", "nl").with(csrf()));
		assertThat(page.getElementById("link-email-error")).isNotNull();
	}

	@Test
	void aLetterRefusedAtTheLetterAnswers422AndItsConversationIsStillARead() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String base = "/coach/trajectories/" + running.id();
		Document page = refused(post(base + "/messages").param("text", "Beste, lees [dit](javascript:alert(1)) eens.")
			.param("submission", UUID.randomUUID().toString())
			.with(csrf())
			.with(fixtures.as(running.coach())));
		assertThat(page.getElementById("text-error").text()).contains("javascript:");
		// The page shows the conversation again: the trail has the read, as it had at 200.
		assertThat(trail.ofTrajectory(running.id()))
			.anyMatch(entry -> entry.action() == AuditAction.READ && entry.route().equals("POST /coach/trajectories/{id}/messages"));
	}

	@Test
	void anErasureAskedForWithoutTheBoxTickedAnswers422AndAsksNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Document page = refused(post("/participant/privacy/erasure").param("lang", "nl").with(csrf())
			.with(fixtures.as(running.participant())));
		assertThat(page.getElementById("sure-error")).isNotNull();
		assertThat(jdbc.sql("select count(*) from erasure_request where account_id = :a")
			.param("a", running.participant().id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAdministrativeFormRefusedAnswers422AndTheTrailHasTheAttemptAsRefused() throws Exception {
		UUID organisation = fixtures.runningTrajectory(false).organisationId();
		refused(post("/admin/organisations/" + organisation + "/house-style").param("button", "#aaaaaa")
			.param("buttonText", "#ffffff")
			.param("link", "#00568b")
			.param("header", "#01689b")
			.param("headerText", "#ffffff")
			.param("headerName", "")
			.with(user(users.loadUserByUsername("beheer@briefwissel.test")))
			.with(csrf()));
		assertThat(trail.search(AuditTrail.Search.everything()))
			.anyMatch(entry -> entry.route().equals("POST /admin/organisations/{id}/house-style") && entry.details() != null
					&& entry.details().contains(organisation.toString()) && entry.details().contains("outcome=refused"));
	}

	private Document refused(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request)
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}
}

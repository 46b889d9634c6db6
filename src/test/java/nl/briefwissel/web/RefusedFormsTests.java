package nl.briefwissel.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import nl.briefwissel.Browser;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
		// The focus goes to what was wrong (decision 0061), not left on the page's body.
		assertThat(page.select("[autofocus]")).hasSize(1).first().extracting(e -> e.id()).isEqualTo("email");
		assertThat(page.title()).startsWith("Fout:");
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

	/**
	 * A walk found it: a form shown again with what was wrong kept the page's title, with no cue in it (WCAG 3.3.1,
	 * as GOV.UK does). Its title now starts with "Fout: ", in English "Error: ", whether the form was refused (422)
	 * or found the trajectory changed since (409); the page opened as usual has its own title.
	 */
	@Test
	void aFormShownAgainSaysSoFirstInItsTitle() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String base = "/coach/trajectories/" + running.id();
		String title = Jsoup.parse(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(base)
			.param("lang", "nl").with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.title();
		assertThat(title).endsWith(" · Briefwissel").doesNotStartWith("Fout");
		for (String language : new String[] { "nl", "en" }) {
			Document page = refused(post(base + "/messages").param("text", "Beste, lees [dit](javascript:alert(1)) eens.")
				.param("submission", UUID.randomUUID().toString()).param("lang", language)
				.with(csrf())
				.with(fixtures.as(running.coach())));
			assertThat(page.title()).startsWith("nl".equals(language) ? "Fout: " : "Error: ").endsWith(" · Briefwissel");
			assertThat(page.select("title")).hasSize(1);
		}
		assertThat(refused(post(base + "/messages").param("text", "Beste, lees [dit](javascript:alert(1)) eens.")
			.param("submission", UUID.randomUUID().toString()).param("lang", "nl").with(csrf()).with(fixtures.as(running.coach())))
			.title()).isEqualTo("Fout: " + title);

		var coach = fixtures.as(running.coach());
		mvc.perform(post(base + "/extend").param("weeks", "1").param("fromWeeks", "6").param("reason", "MORE_TIME_NEEDED")
			.with(csrf()).with(coach));
		Document changed = Jsoup.parse(mvc.perform(post(base + "/extend").param("weeks", "2").param("fromWeeks", "6")
				.param("reason", "MORE_TIME_NEEDED").param("lang", "nl").with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(changed.title()).startsWith("Fout: ");
	}

	/**
	 * A walk found two forms shown again with their page's own title: a wrong password, and a coach's private note
	 * saved empty. Both are refused with a redirect (Spring Security's, and the note's). The sign-in's page answers
	 * its own GET with 200 (decision 0139), its title saying "Fout: " all the same; the note's, whose refusal says so in
	 * the flash, answers 422 since (decision 0139, amended). The sign-in says the same for an address without an
	 * account as for a wrong password.
	 */
	@Test
	void aPageShownAgainAfterARedirectSaysSoInItsTitle() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String known = null;
		for (String email : new String[] { running.coach().email(), "niemand-" + UUID.randomUUID() + "@example.nl" }) {
			for (String language : new String[] { "nl", "en" }) {
				Browser browser = new Browser(mvc);
				assertThat(browser.perform(post("/login").param("email", email).param("password", "niet dit wachtwoord").with(csrf()))
					.andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?error");
				Document page = Jsoup.parse(browser.perform(get("/login").param("error", "").param("lang", language))
					.andExpect(status().isOk())
					.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
				assertThat(page.title()).startsWith("nl".equals(language) ? "Fout: " : "Error: ");
				if ("nl".equals(language)) {
					known = known == null ? page.title() + page.select("[role=alert]").text() : known;
					assertThat(page.title() + page.select("[role=alert]").text()).isEqualTo(known);
				}
			}
		}
		assertThat(Jsoup.parse(mvc.perform(get("/login").param("lang", "nl")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).title()).doesNotStartWith("Fout");

		String base = "/coach/trajectories/" + running.id();
		var coach = fixtures.as(running.coach());
		var saved = mvc.perform(post(base + "/notes").param("note", "  ").with(csrf()).with(coach)).andExpect(status().is3xxRedirection())
			.andReturn();
		// The redirect's page, in the session the refusal was kept in (sessions live in the database).
		Document again = Jsoup.parse(mvc.perform(get(base).param("lang", "nl").cookie(saved.getResponse().getCookies()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(again.title()).startsWith("Fout: ");
		assertThat(again.text()).contains("Schrijf eerst je notitie");
	}

	private Document refused(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request)
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	/**
	 * A review found it: every 409 was titled "Fout: ", also a page reached by a link, nothing sent (the stop page of a
	 * trajectory ended, the error page of a quarantined mail that cannot be added). The title says "Fout: " for what
	 * was sent and refused, and for a search asked with a query and refused, 422; a page that a link opened and that
	 * says a state is in the way, 409, keeps its own title (decision 0139, amended).
	 */
	@Test
	void onlyWhatWasSentOrASearchRefusedIsTitledSo() {
		RefusedForms refused = new RefusedForms();
		for (String[] asked : new String[][] { { "GET", "409", "false" }, { "HEAD", "409", "false" }, { "GET", "422", "true" },
				{ "POST", "409", "true" }, { "POST", "422", "true" }, { "GET", "200", "false" }, { "POST", "404", "false" } }) {
			var request = new org.springframework.mock.web.MockHttpServletRequest(asked[0], "/page");
			var response = new org.springframework.mock.web.MockHttpServletResponse();
			response.setStatus(Integer.parseInt(asked[1]));
			var page = new org.springframework.web.servlet.ModelAndView("page");
			refused.postHandle(request, response, null, page);
			assertThat(page.getModel().containsKey(RefusedForms.SHOWN_AGAIN)).as(String.join(" ", asked))
				.isEqualTo(Boolean.parseBoolean(asked[2]));
		}
	}
}

package nl.briefwissel.housestyle.web;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.housestyle.HouseStyles;
import nl.briefwissel.organisation.Programmes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An administrator gives an organisation its house style; its participants, its programme managers and
 * the public application form of its programmes show it, coaches and administrators keep the standard look.
 */
@BriefwisselTest
class HouseStylePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	AuditTrail trail;

	@Autowired
	HouseStyles houseStyles;

	@Autowired
	Programmes programmes;

	private RequestPostProcessor admin() {
		return user(users.loadUserByUsername("beheer@briefwissel.test"));
	}

	private MockHttpServletRequestBuilder save(UUID organisation, String button, String link, String header, String headerText) {
		return post("/admin/organisations/" + organisation + "/house-style").param("button", button)
			.param("buttonText", "#ffffff")
			.param("link", link)
			.param("header", header)
			.param("headerText", headerText)
			.param("headerName", "Gemeente Huisstijl")
			.with(admin())
			.with(csrf());
	}

	private MockHttpServletRequestBuilder preview(UUID organisation, String button) {
		return post("/admin/organisations/" + organisation + "/house-style/preview").param("button", button)
			.param("buttonText", "#ffffff")
			.param("link", "#00568b")
			.param("header", "#01689b")
			.param("headerText", "#ffffff")
			.param("headerName", "")
			.with(admin())
			.with(csrf());
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	/** The form again with what was wrong: answered 422, as every refused form is (decision 0139). */
	private Document refused(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andExpect(status().isUnprocessableContent()).andReturn();
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	private static String sheetOf(Document page) {
		var link = page.selectFirst("head link[rel=stylesheet][href*=/house-style/]");
		return link == null ? null : link.attr("href");
	}

	@Test
	void anAdministratorSetsAHouseStyleThatItsParticipantsAndManagersSeeAndCoachesDoNot() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID organisation = running.organisationId();
		var manager = fixtures.managerOf(running);
		assertThat(sheetOf(page(get("/participant").with(fixtures.as(running.participant()))))).isNull();

		mvc.perform(save(organisation, "#1f5aa6", "#00568b", "#01689b", "#ffffff")).andExpect(status().is3xxRedirection());

		Document participantPage = page(get("/participant").with(fixtures.as(running.participant())));
		String sheet = sheetOf(participantPage);
		assertThat(sheet).startsWith("/house-style/" + organisation + ".css?v=");
		// After the design system's theme and Briefwissel's own sheet, so its tokens win.
		assertThat(participantPage.select("head link[rel=stylesheet]").last().attr("href")).isEqualTo(sheet);
		assertThat(participantPage.select(".bw-brand").text()).contains("Briefwissel", "Gemeente Huisstijl");
		assertThat(sheetOf(page(get("/programme").with(fixtures.as(manager))))).isEqualTo(sheet);
		assertThat(sheetOf(page(get("/coach").with(fixtures.as(running.coach()))))).isNull();
		assertThat(sheetOf(page(get("/admin").with(admin())))).isNull();

		// The public application form of one of its programmes, without signing in.
		programmes.openPublicIntake(running.programmeId(), true);
		assertThat(sheetOf(page(get("/intake/programme/" + running.programmeId())))).isEqualTo(sheet);

		var answer = mvc.perform(get(sheet)).andExpect(status().isOk()).andReturn().getResponse();
		// Its address carries its version: a browser keeps it, and asks again only for a new address.
		assertThat(answer.getHeader("Cache-Control")).contains("max-age=31536000", "immutable").doesNotContain("no-store");
		String css = answer.getContentAsString();
		assertThat(css).contains("--utrecht-button-primary-action-background-color: #1f5aa6;", "--utrecht-link-color: #00568b;",
				"--utrecht-page-header-background-color: #01689b;");

		AuditEntry entry = trail.search(AuditTrail.Search.everything())
			.stream()
			.filter(e -> e.route().equals("POST /admin/organisations/{id}/house-style") && e.details() != null
					&& e.details().contains(organisation.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(entry.action()).isEqualTo(AuditAction.ADMINISTRATION);
		assertThat(entry.details()).contains("button=#1f5aa6", "link=#00568b", "header=#01689b").doesNotContain("outcome=refused");
		// Only there: a field named as generally on another administrative form is not put on the trail.
		mvc.perform(post("/admin/organisations/" + organisation + "/name").with(admin()).with(csrf())
				.param("name", "Gemeente Hernoemd " + organisation).param("link", "https://elders.example/").param("header", "x"))
			.andExpect(status().is3xxRedirection());
		AuditEntry renamed = trail.search(AuditTrail.Search.everything())
			.stream()
			.filter(e -> e.route().equals("POST /admin/organisations/{id}/name") && e.details() != null
					&& e.details().contains(organisation.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(renamed.details()).doesNotContain("link=", "header=", "elders.example");

		// Back to the standard look: the pages link no sheet, and the old address gives an empty one.
		mvc.perform(post("/admin/organisations/" + organisation + "/house-style/standard").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(sheetOf(page(get("/participant").with(fixtures.as(running.participant()))))).isNull();
		assertThat(houseStyles.of(organisation)).isEmpty();
		assertThat(mvc.perform(get(sheet)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.doesNotContain("--utrecht");
	}

	@Test
	void aColourWithTooLittleContrastIsRefusedAtItsFieldWithTheRatios() throws Exception {
		UUID organisation = fixtures.runningTrajectory(false).organisationId();
		Document refused = refused(save(organisation, "#aaaaaa", "#00568b", "#01689b", "#ffffff"));
		var error = refused.getElementById("button-error");
		assertThat(error).isNotNull();
		assertThat(error.text()).contains("2,32:1", "4,5:1");
		assertThat(refused.getElementById("button").attr("aria-describedby")).contains("button-error");
		assertThat(refused.getElementById("button").attr("value")).isEqualTo("#aaaaaa");
		assertThat(houseStyles.of(organisation)).isEmpty();

		Document english = refused(save(organisation, "#aaaaaa", "nope", "#01689b", "#ffffff").param("lang", "en"));
		assertThat(english.getElementById("button-error").text()).contains("2.32:1", "4.5:1");
		assertThat(english.getElementById("link-error")).isNotNull();
	}

	@Test
	void aPreviewShowsTheTypedColoursBeforeTheyAreSaved() throws Exception {
		UUID organisation = fixtures.runningTrajectory(false).organisationId();
		Document preview = page(post("/admin/organisations/" + organisation + "/house-style/preview").param("button", "#1f5aa6")
			.param("buttonText", "#ffffff")
			.param("link", "#00568b")
			.param("header", "#01689b")
			.param("headerText", "#ffffff")
			.param("headerName", "")
			.with(admin())
			.with(csrf()));
		String previewSheet = preview.selectFirst("link[rel=stylesheet][href*=preview.css]").attr("href");
		assertThat(houseStyles.of(organisation)).isEmpty();
		// The address as the browser sends it: its # are %23, which a URI template would encode again.
		String css = mvc.perform(get(java.net.URI.create(previewSheet)).with(admin())).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(css).contains(".bw-house-style-preview {", "#1f5aa6").doesNotContain(".voorbeeld-theme");
		mvc.perform(get("/admin/organisations/" + organisation + "/house-style/preview.css").param("button", "red")
			.with(admin())).andExpect(status().isBadRequest());
	}

	/**
	 * The trail says who changed what: a preview changes nothing, shown or refused, and was on it as a change of the
	 * house style (or an attempt at one) beside the one saved.
	 */
	@Test
	void aPreviewIsNoChangeOnTheTrail() throws Exception {
		UUID organisation = fixtures.runningTrajectory(false).organisationId();
		page(preview(organisation, "#1f5aa6"));
		refused(preview(organisation, "#aaaaaa"));
		assertThat(houseStyles.of(organisation)).isEmpty();
		assertThat(trail.search(AuditTrail.Search.everything()))
			.noneMatch(entry -> entry.details() != null && entry.details().contains(organisation.toString()));
	}

	@Test
	void onlyAdministratorsReachTheSettingsAndTheSheetIsThereOnlyForAnOrganisation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String settings = "/admin/organisations/" + running.organisationId() + "/house-style";
		page(get(settings).with(admin()));
		mvc.perform(get(settings).with(fixtures.as(running.participant()))).andExpect(status().isForbidden());
		mvc.perform(get(settings).with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
		mvc.perform(get(settings).with(fixtures.as(fixtures.managerOf(running)))).andExpect(status().isForbidden());
		mvc.perform(save(running.organisationId(), "#1f5aa6", "#00568b", "#01689b", "#ffffff").with(fixtures.as(running.coach())))
			.andExpect(status().isForbidden());
		mvc.perform(get("/admin/organisations/" + UUID.randomUUID() + "/house-style").with(admin()))
			.andExpect(status().isNotFound());

		mvc.perform(get("/house-style/" + UUID.randomUUID() + ".css")).andExpect(status().isNotFound());
		mvc.perform(get("/house-style/not-an-id.css")).andExpect(status().isNotFound());
		mvc.perform(save(running.organisationId(), "#1f5aa6", "#00568b", "#01689b", "#ffffff"));
		MvcResult sheet = mvc.perform(get("/house-style/" + running.organisationId() + ".css")).andExpect(status().isOk()).andReturn();
		assertThat(sheet.getResponse().getContentType()).startsWith("text/css");
		assertThat(sheet.getResponse().getHeader("Cache-Control")).contains("no-cache").doesNotContain("immutable");
		String etag = sheet.getResponse().getHeader("ETag");
		assertThat(etag).isNotBlank();
		mvc.perform(get("/house-style/" + running.organisationId() + ".css").header("If-None-Match", etag))
			.andExpect(status().isNotModified());
	}
}

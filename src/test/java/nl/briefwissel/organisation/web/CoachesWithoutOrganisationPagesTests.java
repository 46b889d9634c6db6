package nl.briefwissel.organisation.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coach of an ended organisation who coaches for several others belongs to none (decision 0073): no
 * organisation listed them, and no page showed them or told an administrator to act. The organisations page
 * lists them with what they still coach, in counts, and the administrator assigns them an organisation after
 * a confirmation that names it (decision 0085); their pools and running trajectories stay as they were.
 */
@BriefwisselTest
class CoachesWithoutOrganisationPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	CoachPool pool;

	@Autowired
	Trajectories trajectories;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Matching matching;

	@Autowired
	AuditTrail audit;

	/** An ended organisation's coach who coaches on in the pools of two others, with a running trajectory at the first. */
	record Left(Account coach, Fixtures.RunningTrajectory first, Fixtures.RunningTrajectory second, UUID running) {
	}

	private RequestPostProcessor administrator() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}

	private Left endedWithACoachOfTwoOthers() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account coach = fixtures.person(ended.organisationId(), "twee-" + suffix + "@example.nl", "Twee Kanten " + suffix, Role.COACH);
		pool.set(first.programmeId(), List.of(first.coach().id(), coach.id()));
		pool.set(second.programmeId(), List.of(second.coach().id(), coach.id()));
		Account participant = fixtures.person(first.organisationId(), "loopt-" + suffix + "@example.nl", "Loopt " + suffix, Role.PARTICIPANT);
		UUID running = trajectories.record(first.programmeId(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "NEXT_STEP",
				Today.date(), null);
		String name = organisations.byId(ended.organisationId()).orElseThrow().name();
		// The page that asks first says it, with what to do afterwards.
		assertThat(page(get("/admin/organisations/{id}/end", ended.organisationId()).with(administrator())).getElementById("end-without-organisation")
			.text()).startsWith("1 e-coach coacht ook voor meer dan één andere organisatie").contains("op de pagina Organisaties");

		MvcResult result = mvc.perform(post("/admin/organisations/{id}/end", ended.organisationId()).param("name", name)
			.with(administrator()).with(csrf())).andExpect(redirectedUrl("/admin/organisations")).andReturn();

		// The ending's own result names who was left without an organisation.
		Map<String, Object> flash = result.getFlashMap();
		assertThat(flash.get("leftWithoutOrganisation")).asList().containsExactly(coach.displayName() + " (" + coach.email() + ")");
		// Sessions live in the database: the next page is opened with the session the ending answered in.
		Document after = page(get("/admin/organisations").cookie(result.getResponse().getCookies()).with(administrator()));
		assertThat(after.getElementById("organisation-ended").text()).contains("hoort nu bij geen enkele organisatie");
		assertThat(after.select("#left-without-organisation li").eachText()).containsExactly(coach.displayName() + " (" + coach.email() + ")");
		assertThat(accounts.byId(coach.id()).orElseThrow().organisationId()).isNull();
		return new Left(coach, first, second, running);
	}

	@Test
	void aCoachLeftWithoutAnOrganisationIsListedWithWhatTheyCoachAndAssignedAfterAConfirmation() throws Exception {
		Left left = endedWithACoachOfTwoOthers();
		UUID coach = left.coach().id();
		// An administrator of this test's own, so that the trail's newest entries of theirs are this test's.
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account assigning = fixtures.person(null, "toewijzer-" + suffix + "@example.nl", "Toewijzer " + suffix, Role.ADMINISTRATOR);
		String first = organisations.byId(left.first().organisationId()).orElseThrow().name();
		String second = organisations.byId(left.second().organisationId()).orElseThrow().name();

		Document overview = page(get("/admin/organisations").with(administrator()));
		var row = overview.getElementById("without-" + coach);
		assertThat(row).as("listed on the organisations page").isNotNull();
		assertThat(row.select("td").eachText()).containsExactly(List.of(first, second).stream().sorted().reduce((a, b) -> a + ", " + b).orElseThrow(),
				"2", "1", "Organisatie kiezen…");
		assertThat(row.select("a").attr("href")).isEqualTo("/admin/organisations/coaches/" + coach);

		// The administrator's coaches page, where such a coach is not either, points to the list.
		assertThat(page(get("/admin/coaches").with(administrator())).select("#coaches-without-organisation a").attr("href"))
			.isEqualTo("/admin/organisations#coaches-without-organisation");

		Document choosing = page(get("/admin/organisations/coaches/{id}", coach).with(administrator()));
		assertThat(choosing.select("#work li").eachText()).containsExactly("In de pools van 2 programma's",
				"1 traject onderweg (lopend, gepauzeerd of voorgesteld)", "Coacht voor: " + String.join(", ", List.of(first, second).stream().sorted().toList()));
		assertThat(choosing.select("#organisation optgroup").first().select("option").eachText()).containsExactlyInAnyOrder(first, second);
		assertThat(choosing.getElementById("confirm")).as("nothing to confirm before a choice").isNull();

		Document wrong = Jsoup.parse(mvc.perform(get("/admin/organisations/coaches/{id}", coach).param("organisation", "Gemeente Anders")
			.with(administrator())).andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(wrong.getElementById("organisation-error").text()).contains("Kies een organisatie uit de lijst");
		assertThat(wrong.getElementById("confirm")).isNull();

		Document confirm = page(get("/admin/organisations/coaches/{id}", coach).param("organisation", left.first().organisationId().toString())
			.with(administrator()));
		assertThat(confirm.getElementById("confirm").text()).contains(left.coach().displayName() + " wordt e-coach van " + first);
		assertThat(confirm.select("#confirm form").attr("action"))
			.isEqualTo("/admin/organisations/" + left.first().organisationId() + "/coaches/" + coach);
		assertThat(accounts.byId(coach).orElseThrow().organisationId()).as("asking changes nothing").isNull();

		mvc.perform(post("/admin/organisations/{id}/coaches/{coach}", left.first().organisationId(), coach).with(fixtures.as(assigning)).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations#coaches-without-organisation"));

		assertThat(accounts.byId(coach).orElseThrow().organisationId()).isEqualTo(left.first().organisationId());
		assertThat(accounts.coachesOf(left.first().organisationId())).extracting(Account::id).contains(coach);
		assertThat(trajectories.byId(left.running()).orElseThrow().coachId()).as("the running trajectory keeps its coach").isEqualTo(coach);
		assertThat(pool.of(left.second().programmeId())).as("pools stay as they were").contains(coach);
		assertThat(page(get("/admin/organisations").with(fixtures.as(assigning))).getElementById("without-" + coach)).isNull();
		assertThat(audit.search(new AuditTrail.Search(assigning.email(), AuditAction.ADMINISTRATION, null, null, null)))
			.filteredOn(entry -> "POST /admin/organisations/{id}/coaches/{coach}".equals(entry.route()))
			.extracting(AuditEntry::details)
			.contains("coach=" + coach + ", id=" + left.first().organisationId());

		// A second administrator's press on a page still open moves nobody again: a conflict, said on the page, on the trail as refused.
		Document meanwhile = Jsoup.parse(mvc.perform(post("/admin/organisations/{id}/coaches/{coach}", left.second().organisationId(), coach)
			.with(fixtures.as(assigning)).with(csrf())).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString());
		assertThat(meanwhile.getElementById("assigned-meanwhile").text()).contains("is inmiddels e-coach van " + first);
		assertThat(meanwhile.title()).as("refused, 409: the title says so first").startsWith("Fout: ");
		assertThat(accounts.byId(coach).orElseThrow().organisationId()).isEqualTo(left.first().organisationId());
		assertThat(audit.search(new AuditTrail.Search(assigning.email(), AuditAction.ADMINISTRATION, null, null, null)))
			.filteredOn(entry -> "POST /admin/organisations/{id}/coaches/{coach}".equals(entry.route()))
			.extracting(AuditEntry::details)
			.contains("coach=" + coach + ", id=" + left.second().organisationId() + ", outcome=refused");
		mvc.perform(get("/admin/organisations/coaches/{id}", coach).with(administrator())).andExpect(status().isNotFound());
	}

	/**
	 * While they belong to no organisation, the coach stays in the pools of the programmes they coach in: a
	 * programme manager sees them there and saving the pool keeps them (the form offered only the organisation's
	 * own coaches, and dropped the others unseen); matching still offers them.
	 */
	@Test
	void aPoolKeepsACoachWithoutAnOrganisationWhenItsManagerSavesIt() throws Exception {
		Left left = endedWithACoachOfTwoOthers();
		UUID coach = left.coach().id();
		Account manager = fixtures.managerOf(left.second());

		Document programme = page(get("/programme").with(fixtures.as(manager)));
		assertThat(programme.select("#coaches-" + left.second().programmeId() + " label").eachText())
			.anyMatch(label -> label.startsWith(left.coach().displayName()));
		mvc.perform(post("/programme/programmes/{id}/coaches", left.second().programmeId()).param("coach", left.second().coach().id().toString(),
				coach.toString()).with(fixtures.as(manager)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(pool.of(left.second().programmeId())).containsExactlyInAnyOrder(left.second().coach().id(), coach);
		assertThat(matching.pool(left.second().programmeId())).extracting(candidate -> candidate.coach().id()).contains(coach);

		// Unticked on the form that showed them, they leave the pool; a coach of another organisation is not added.
		Account stranger = fixtures.runningTrajectory(true).coach();
		mvc.perform(post("/programme/programmes/{id}/coaches", left.second().programmeId()).param("coach", left.second().coach().id().toString(),
				stranger.id().toString()).with(fixtures.as(manager)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(pool.of(left.second().programmeId())).containsExactly(left.second().coach().id());
	}

	@Test
	void onlyAnAdministratorSeesAndAssignsCoachesWithoutAnOrganisation() throws Exception {
		Left left = endedWithACoachOfTwoOthers();
		UUID coach = left.coach().id();
		Account manager = fixtures.managerOf(left.first());

		for (Account someone : new Account[] { manager, left.first().coach() }) {
			mvc.perform(get("/admin/organisations/coaches/{id}", coach).with(fixtures.as(someone))).andExpect(status().isForbidden());
			mvc.perform(post("/admin/organisations/{id}/coaches/{coach}", left.first().organisationId(), coach).with(fixtures.as(someone))
				.with(csrf())).andExpect(status().isForbidden());
		}
		// Through the servlet container, as people see it: the real page that says the page is not for their role.
		for (String demo : List.of("programma@briefwissel.test", "coach@briefwissel.test")) {
			WebSession session = new WebSession(port).logIn(demo, "briefwissel");
			for (HttpResponse<String> refused : List.of(session.get("/admin/organisations/coaches/" + coach), session.get("/admin/organisations"),
					session.postAsIs("/admin/organisations/" + left.first().organisationId() + "/coaches/" + coach,
							"_csrf=" + session.token(demo.startsWith("coach") ? "/coach" : "/programme")))) {
				assertThat(refused.statusCode()).isEqualTo(403);
				assertThat(refused.body()).contains("Geen toegang").doesNotContain(left.coach().displayName());
			}
		}
		assertThat(accounts.byId(coach).orElseThrow().organisationId()).isNull();
		mvc.perform(post("/admin/organisations/{id}/coaches/{coach}", UUID.randomUUID(), coach).with(administrator()).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/admin/organisations/{id}/coaches/{coach}", left.first().organisationId(), UUID.randomUUID()).with(administrator())
			.with(csrf())).andExpect(status().isNotFound());
	}

	private Document page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}
}

package nl.briefwissel.privacy.web;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The administrator's pages for ending an organisation (decision 0073): explained on the organisation's
 * page, refused while anything runs, and done only after its name is typed on a page of its own.
 */
@BriefwisselTest
class OrganisationEndingPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Trajectories trajectories;

	@Autowired
	AuditTrail audit;

	private RequestPostProcessor administrator() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}

	@Test
	void theOrganisationsPageExplainsEndingAndLeadsToItsOwnPage() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);

		Document page = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}", trajectory.organisationId()).with(administrator()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.getElementById("end").text()).contains("Organisatie beëindigen");
		assertThat(page.select("#end a[href]").attr("href")).isEqualTo("/admin/organisations/" + trajectory.organisationId() + "/end");
	}

	@Test
	void endingIsRefusedWithHowManyWhileTrajectoriesRunOrWaitForACoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		fixtures.proposal(running);
		String name = organisations.byId(running.organisationId()).orElseThrow().name();

		Document page = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}/end", running.organisationId()).with(administrator()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("unfinished").text()).contains("1 lopend traject").contains("1 voorstel");

		// A state that refuses the ending is a conflict (409), answered with the same page, as a refused form is.
		Document refused = Jsoup.parse(mvc.perform(post("/admin/organisations/{id}/end", running.organisationId()).param("name", name)
			.with(administrator()).with(csrf())).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString());

		assertThat(refused.getElementById("unfinished").text()).contains("1 lopend traject").contains("1 voorstel");
		assertThat(refused.title()).as("refused, 409: the title says so first").startsWith("Fout: ");
		assertThat(page.title()).doesNotStartWith("Fout");
		assertThat(organisations.byId(running.organisationId())).isPresent();
		assertThat(accounts.byId(running.participant().id()).orElseThrow().enabled()).isTrue();
	}

	/**
	 * A participant who also takes part in another organisation's programme keeps their account: counted
	 * and told apart, not among the participants whose name and address go, nor as staff who work elsewhere.
	 */
	@Test
	void someoneWhoAlsoTakesPartElsewhereIsCountedApart() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		trajectories.record(other.programmeId(), ended.participant().id(), other.coach().id(), TrajectoryStatus.RUNNING, "NEXT_STEP",
				Today.date(), null);

		Document page = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}/end", ended.organisationId()).with(administrator()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

		assertThat(page.select("main li").eachText()).anyMatch(item -> item.startsWith("Alles van de deelnemers (nu geen)"))
			.anyMatch(item -> item.startsWith("1 deelnemer doet ook mee bij een andere organisatie"))
			.noneMatch(item -> item.startsWith("1 account blijft"));
	}

	@Test
	void endingAsksForTheNameAndAWrongNameEndsNothing() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		lifecycle.complete(trajectory.id(), trajectory.coach().id(), Reason.QUESTION_ANSWERED, null);
		String name = organisations.byId(trajectory.organisationId()).orElseThrow().name();

		Document page = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}/end", trajectory.organisationId()).with(administrator()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("unfinished")).isNull();
		assertThat(page.select("label[for=end-name]").text()).contains(name);
		// One participant, erased as such, and one coach of this organisation only, whose account goes.
		assertThat(page.select("main li").eachText()).anyMatch(item -> item.startsWith("Alles van de ene deelnemer"))
			.anyMatch(item -> item.startsWith("1 account van een e-coach"))
			.anyMatch(item -> item.startsWith("Aanmeldingen en uitnodigingen van het programma"));

		Document wrong = Jsoup.parse(mvc.perform(post("/admin/organisations/{id}/end", trajectory.organisationId())
			.param("name", "Gemeente Anders").with(administrator()).with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(wrong.getElementById("end-name-error").text()).contains("Typ de naam");
		assertThat(wrong.getElementById("end-name").attr("aria-invalid")).isEqualTo("true");
		assertThat(organisations.byId(trajectory.organisationId())).isPresent();
		assertThat(accounts.byId(trajectory.participant().id()).orElseThrow().enabled()).isTrue();

		// The page asks for the name exactly as shown: other capitals are another name.
		Document otherCase = Jsoup.parse(mvc.perform(post("/admin/organisations/{id}/end", trajectory.organisationId())
			.param("name", name.toUpperCase()).with(administrator()).with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(otherCase.getElementById("end-name-error").text()).contains("Typ de naam");
		assertThat(organisations.byId(trajectory.organisationId())).isPresent();

		mvc.perform(post("/admin/organisations/{id}/end", trajectory.organisationId()).param("name", " " + name + " ")
			.with(administrator()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations"))
			.andExpect(flash().attribute("organisationEnded", name));
		assertThat(organisations.byId(trajectory.organisationId())).isEmpty();
		assertThat(accounts.byId(trajectory.participant().id()).orElseThrow().enabled()).isFalse();
		mvc.perform(get("/admin/organisations/{id}", trajectory.organisationId()).with(administrator())).andExpect(status().isNotFound());
		mvc.perform(get("/admin/organisations/{id}/end", trajectory.organisationId()).with(administrator()))
			.andExpect(status().isNotFound());
	}

	/**
	 * A number of programmes reads with its apostrophe: within a choice that holds a number MessageFormat reads
	 * the text twice, and "3 programma''s" came out as "3 programmas".
	 */
	@Test
	void severalProgrammesReadWithTheirApostrophe(@Autowired nl.briefwissel.organisation.Programmes programmes) throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		lifecycle.complete(trajectory.id(), trajectory.coach().id(), Reason.QUESTION_ANSWERED, null);
		programmes.create(trajectory.organisationId(), "Tweede", null, null);
		programmes.create(trajectory.organisationId(), "Derde", null, null);

		Document organisation = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}", trajectory.organisationId()).with(administrator()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(organisation.select("main p").eachText()).anyMatch(text -> text.endsWith(", 3 programma's"));
		Document ending = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}/end", trajectory.organisationId()).with(administrator()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(ending.select("main li").eachText()).anyMatch(item -> item.startsWith("Aanmeldingen en uitnodigingen van de 3 programma's"));
	}

	/**
	 * A refused ending answers with a status that says so (422 for the name, 409 while trajectories run) and
	 * stays on the audit trail as an attempt, marked refused, as a form refused by a redirect does.
	 */
	@Test
	void aRefusedEndingIsOnTheTrailAsRefused() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var done = fixtures.runningTrajectory(true);
		lifecycle.complete(done.id(), done.coach().id(), Reason.QUESTION_ANSWERED, null);
		String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
		Account ending = fixtures.person(null, "beeindiger-" + suffix + "@example.nl", "Beeindiger " + suffix, Role.ADMINISTRATOR);

		mvc.perform(post("/admin/organisations/{id}/end", done.organisationId()).param("name", "Gemeente Anders")
			.with(fixtures.as(ending)).with(csrf())).andExpect(status().isUnprocessableContent());
		mvc.perform(post("/admin/organisations/{id}/end", running.organisationId())
			.param("name", organisations.byId(running.organisationId()).orElseThrow().name())
			.with(fixtures.as(ending)).with(csrf())).andExpect(status().isConflict());

		assertThat(audit.search(new AuditTrail.Search(ending.email(), AuditAction.ADMINISTRATION, null, null, null)))
			.filteredOn(entry -> "POST /admin/organisations/{id}/end".equals(entry.route()))
			.extracting(AuditEntry::details)
			.containsExactlyInAnyOrder("id=" + done.organisationId() + ", outcome=refused", "id=" + running.organisationId() + ", outcome=refused");
		assertThat(organisations.byId(done.organisationId())).isPresent();
	}

	@Test
	void onlyAnAdministratorEndsAnOrganisation() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		lifecycle.complete(trajectory.id(), trajectory.coach().id(), Reason.QUESTION_ANSWERED, null);
		Account manager = fixtures.managerOf(trajectory);
		String name = organisations.byId(trajectory.organisationId()).orElseThrow().name();

		for (Account someone : new Account[] { manager, trajectory.coach(), trajectory.participant() }) {
			mvc.perform(get("/admin/organisations/{id}/end", trajectory.organisationId()).with(fixtures.as(someone)))
				.andExpect(status().isForbidden());
			mvc.perform(post("/admin/organisations/{id}/end", trajectory.organisationId()).param("name", name)
				.with(fixtures.as(someone)).with(csrf())).andExpect(status().isForbidden());
		}
		mvc.perform(post("/admin/organisations/{id}/end", trajectory.organisationId()).param("name", name).with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(organisations.byId(trajectory.organisationId())).isPresent();
		assertThat(accounts.byId(trajectory.participant().id()).orElseThrow().enabled()).isTrue();
	}
}

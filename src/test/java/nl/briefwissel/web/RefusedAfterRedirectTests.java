package nl.briefwissel.web;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A form refused with a redirect to the page that holds it stays a redirect, but that page, drawn with the
 * refusal, answers 422 (409 when the state is in the way) and is titled "Fout:" (decision 0139, amended): it
 * answered 200, as if the form had been taken. Reloaded, the page is itself again. A search refused answers 422 too.
 */
@BriefwisselTest
class RefusedAfterRedirectTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Matching matching;

	@Test
	void aProgrammeRefusedOnTheProgrammePageAnswers422AndAReloadAnswers200() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		MvcResult refused = mvc.perform(post("/programme/programmes").param("name", "").with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(refused, get("/programme"), fixtures.as(manager), 422);
		assertThat(page.title()).startsWith("Fout:");
		assertThat(page.getElementById("new-name").attr("aria-invalid")).isEqualTo("true");
		mvc.perform(get("/programme").with(fixtures.as(manager))).andExpect(status().isOk());
	}

	@Test
	void anInvitationRefusedOnTheIntakesPageAnswers422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		MvcResult refused = mvc
			.perform(post("/programme/programmes/{id}/invitations", running.programmeId()).param("name", "Sam")
				.param("email", "geen adres").param("language", "nl").with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(refused, get("/programme/intakes"), fixtures.as(manager), 422);
		assertThat(page.title()).startsWith("Fout:");
	}

	@Test
	void anAccountInvitationRefusedOnTheOrganisationsPageAnswers422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		MvcResult refused = mvc
			.perform(post("/admin/organisations/{id}/accounts", running.organisationId()).param("displayName", "")
				.param("email", "geen adres").param("role", "COACH").with(csrf()).with(admin))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(refused, get("/admin/organisations/{id}", running.organisationId()), admin, 422);
		assertThat(page.title()).startsWith("Fout:");
		mvc.perform(get("/admin/organisations/{id}", running.organisationId()).with(admin)).andExpect(status().isOk());
	}

	@Test
	void aSingleSignOnRefusedAnswers422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		MvcResult refused = mvc
			.perform(post("/admin/sign-in").param("label", "").param("issuer", "ftp://nergens").param("clientId", "x")
				.param("clientSecret", "geheim").with(csrf()).with(fixtures.as(admin)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(refused, get("/admin/sign-in"), fixtures.as(admin), 422);
		assertThat(page.title()).startsWith("Fout:");
	}

	/**
	 * The programme page's other forms refused (a theme, the employer's contact, the jargon, the settings) said
	 * so after their redirect with 200, as if taken (decision 0139, amended).
	 */
	@Test
	void theProgrammePagesOtherFormsRefusedAnswer422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		UUID id = running.programmeId();
		MockHttpServletRequestBuilder[] refusals = {
				post("/programme/programmes/{id}/themes", id).param("labelNl", "").param("labelEn", ""),
				post("/programme/programmes/{id}/employer-contact", id).param("employerContact", "geen adres"),
				post("/programme/programmes/{id}/jargon", id).param("jargon", "x".repeat(500)),
				post("/programme/programmes/{id}/settings", id).param("weeks", "0").param("momentsPerWeek", "0")
					.param("replyWithinDays", "0").param("retentionMonths", "0") };
		for (MockHttpServletRequestBuilder refusal : refusals) {
			MvcResult refused = mvc.perform(refusal.with(csrf()).with(fixtures.as(manager)))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document page = after(refused, get("/programme"), fixtures.as(manager), 422);
			assertThat(page.title()).as(refused.getRequest().getRequestURI()).startsWith("Fout:");
		}
		mvc.perform(get("/programme").with(fixtures.as(manager))).andExpect(status().isOk());
	}

	/** A proposal to take back that the coach answered meanwhile: the state is in the way, 409 on the intakes page. */
	@Test
	void aProposalTakenBackTooLateAnswers409OnTheIntakesPage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		MvcResult refused = mvc
			.perform(post("/programme/trajectories/{id}/withdraw-proposal", running.id()).param("coach", running.coach().id().toString())
				.with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(refused, get("/programme/intakes"), fixtures.as(manager), 409);
		assertThat(page.title()).startsWith("Fout:");
	}

	/**
	 * A role refused on the administrator's list said so after its redirect with 200 (decision 0139, amended): an
	 * empty choice is what the form chose, 422; the account's state in the way is 409 (decision 0145's programme
	 * manager who would become an e-coach, a coach still coaching, one's own administrator role).
	 */
	@Test
	void aRoleRefusedAnswers422Or409OnTheList() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		Account manager = fixtures.managerOf(running);
		Object[][] refusals = { { manager.id(), null, "true", 422 }, { manager.id(), "COACH", "true", 409 },
				{ running.coach().id(), "COACH", "false", 409 }, { admin.id(), "ADMINISTRATOR", "false", 409 } };
		for (Object[] refusal : refusals) {
			MockHttpServletRequestBuilder form = post("/admin/accounts/{id}/roles", refusal[0]).param("grant", (String) refusal[2]);
			if (refusal[1] != null) {
				form.param("role", (String) refusal[1]);
			}
			MvcResult refused = mvc.perform(form.with(csrf()).with(fixtures.as(admin)))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document page = after(refused, get("/admin"), fixtures.as(admin), (Integer) refusal[3]);
			assertThat(page.title()).as(refusal[1] + " " + refusal[3]).startsWith("Fout:");
		}
		assertThat(accounts.byId(manager.id()).orElseThrow().roles()).containsExactly(Role.PROGRAMME_MANAGER);
		mvc.perform(get("/admin").with(fixtures.as(admin))).andExpect(status().isOk());
	}

	/**
	 * The invitation form on the intakes page: an address invited, or in the programme, already is the state in the
	 * way, 409 (it said 422, as a mistake typed); the question whether a staff account's address is meant is a
	 * question, 200 with its own title (it said 422).
	 */
	@Test
	void anInvitationRefusedByTheAddresssStateAnswers409AndTheStaffQuestion200() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		String invited = "uitgenodigd-" + UUID.randomUUID() + "@example.nl";
		mvc.perform(invitation(running.programmeId(), invited).with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().is3xxRedirection());
		for (String address : new String[] { invited, running.participant().email() }) {
			MvcResult refused = mvc.perform(invitation(running.programmeId(), address).with(csrf()).with(fixtures.as(manager)))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			assertThat(refused.getFlashMap().containsKey("inviteErrors")).as(address).isTrue();
			Document page = after(refused, get("/programme/intakes"), fixtures.as(manager), 409);
			assertThat(page.title()).as(address).startsWith("Fout:");
		}
		MvcResult asked = mvc.perform(invitation(running.programmeId(), running.coach().email()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(asked.getFlashMap().containsKey("inviteStaff")).isTrue();
		Document page = after(asked, get("/programme/intakes"), fixtures.as(manager), 200);
		assertThat(page.title()).doesNotStartWith("Fout:");
		assertThat(page.getElementById("invite-staff-" + running.programmeId())).isNotNull();
	}

	private static MockHttpServletRequestBuilder invitation(UUID programme, String address) {
		return post("/programme/programmes/{id}/invitations", programme).param("name", "Sam Jansen")
			.param("email", address)
			.param("language", "nl")
			.param("submission", UUID.randomUUID().toString());
	}

	/** A coach's card on the coaches page refused (a capacity that is none): the page after it is the form again, 422. */
	@Test
	void aCoachsCardRefusedAnswers422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		MvcResult refused = mvc
			.perform(post("/admin/coaches/{id}", running.coach().id()).param("capacity", "veel").with(csrf()).with(fixtures.as(admin)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(refused, get("/admin/coaches"), fixtures.as(admin), 422);
		assertThat(page.title()).startsWith("Fout:");
		assertThat(page.getElementById("capacity-error-" + running.coach().id())).isNotNull();
		mvc.perform(get("/admin/coaches").with(fixtures.as(admin))).andExpect(status().isOk());
	}

	/** The coach's forms refused with a redirect: an empty note, a saved reply without a title, a welcome letter. */
	@Test
	void theCoachsFormsRefusedAnswer422AfterTheirRedirect() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(running.coach());
		String[][] refusals = { { "/coach/trajectories/" + running.id() + "/notes", "note", " ", "/coach/trajectories/" + running.id() },
				{ "/coach/saved-replies", "title", "", "/coach/saved-replies" },
				{ "/coach/settings", "welcomeTemplate", "Beste {onbekend}", "/coach/settings" },
				{ "/coach/trajectories/" + running.id() + "/highlights", "passage", "staat er niet",
						"/coach/trajectories/" + running.id() } };
		for (String[] refusal : refusals) {
			MvcResult refused = mvc
				.perform(post(refusal[0]).param(refusal[1], refusal[2]).param("body", "Tekst").param("message", UUID.randomUUID().toString())
					.with(csrf()).with(coach))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document page = after(refused, get(refusal[3]), coach, 422);
			assertThat(page.title()).as(refusal[0]).startsWith("Fout:");
		}
		mvc.perform(get("/coach/saved-replies").with(coach)).andExpect(status().isOk());
	}

	/** The coach's page a refused note leads to answers 422 and still showed the conversation: a read on the trail. */
	@Test
	void thePageAfterARefusedNoteIsARead() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(running.coach());
		MvcResult refused = mvc
			.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", " ").with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		long before = readsOf(running.coach().id(), running.id());
		after(refused, get("/coach/trajectories/{id}", running.id()), coach, 422);
		assertThat(readsOf(running.coach().id(), running.id())).isEqualTo(before + 1);
	}

	/**
	 * The participant's start page: goals too long said so after their redirect with 200 (decision 0139, amended),
	 * now 422 with the goals again at their field; goals or a preference sent after the end are the state in the
	 * way, 409. Reloaded, the page is itself again.
	 */
	@Test
	void theStartPagesGoalsAndPreferenceRefusedAnswer422Or409() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor participant = fixtures.as(running.participant());
		MvcResult tooLong = mvc.perform(post("/participant/goals").param("trajectory", running.id().toString())
			.param("goals", "x".repeat(4001)).with(csrf()).with(participant))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		Document page = after(tooLong, get("/participant"), participant, 422);
		assertThat(page.title()).startsWith("Fout:");
		assertThat(page.getElementById("goals-" + running.id()).attr("aria-invalid")).isEqualTo("true");
		mvc.perform(get("/participant").with(participant)).andExpect(status().isOk());

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		// Goals too long on a card that ended meanwhile: the state is asked first, so the page says it ended (409)
		// rather than "Fout: " over a form it no longer draws.
		MockHttpServletRequestBuilder[] late = { post("/participant/goals").param("goals", "Iets anders."),
				post("/participant/goals").param("goals", "x".repeat(4001)),
				post("/participant/mail-preference").param("fullText", "false") };
		for (MockHttpServletRequestBuilder form : late) {
			MvcResult refused = mvc.perform(form.param("trajectory", running.id().toString()).with(csrf()).with(participant))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document ended = after(refused, get("/participant"), participant, 409);
			assertThat(ended.title()).as(refused.getRequest().getRequestURI()).startsWith("Fout:");
			assertThat((java.util.Map<String, Object>) refused.getFlashMap()).as(refused.getRequest().getRequestURI()).doesNotContainKey("goalsProblem");
		}
		mvc.perform(get("/participant").with(participant)).andExpect(status().isOk());
		// Someone else's trajectory, goals too long or not: not found.
		var other = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/goals").param("trajectory", other.id().toString()).param("goals", "x".repeat(4001))
			.with(csrf()).with(participant)).andExpect(status().isNotFound());
	}

	/** The library's form refused (the coach's own and the shared one, new and changed): 422 after its redirect. */
	@Test
	void theLibrarysFormRefusedAnswers422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(running.coach());
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String[][] refusals = { { "/coach/assignments", "/coach/assignments", "new-title" },
				{ "/admin/assignments", "/admin/assignments", "new-title" } };
		for (String[] refusal : refusals) {
			RequestPostProcessor who = refusal[0].startsWith("/coach") ? coach : admin;
			MvcResult refused = mvc
				.perform(post(refusal[0]).param("title", "").param("type", "REFLECTION").param("minutes", "10")
					.param("language", "nl").param("instructions", "Schrijf.").with(csrf()).with(who))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document page = after(refused, get(refusal[1]), who, 422);
			assertThat(page.title()).as(refusal[0]).startsWith("Fout:");
			assertThat(page.getElementById(refusal[2]).attr("aria-invalid")).as(refusal[0]).isEqualTo("true");
			mvc.perform(get(refusal[1]).with(who)).andExpect(status().isOk());
		}
	}

	/**
	 * A proposal's answer refused: a letter left empty or a decline without a reason is 422 after its redirect, the
	 * field marked; a proposal taken back meanwhile is the state in the way, 409, whatever the form held.
	 */
	@Test
	void aProposalsAnswerRefusedAnswers422Or409() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		RequestPostProcessor coach = fixtures.as(proposal.coach());
		UUID id = proposal.trajectoryId();
		Object[][] mistakes = { { post("/coach/proposals/{id}/accept", id).param("startOn", nl.briefwissel.Today.date().plusDays(1).toString())
				.param("letter", " "), "letter" }, { post("/coach/proposals/{id}/decline", id).param("reason", ""), "decline-reason" } };
		for (Object[] mistake : mistakes) {
			MvcResult refused = mvc.perform(((MockHttpServletRequestBuilder) mistake[0]).with(csrf()).with(coach))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document page = after(refused, get("/coach/proposals/{id}", id), coach, 422);
			assertThat(page.title()).as((String) mistake[1]).startsWith("Fout:");
			Element problem = page.getElementById("proposal-problem");
			assertThat(problem.select("a[href=#" + mistake[1] + "]")).as((String) mistake[1]).hasSize(1);
			// The field takes the focus; the list would only when no field is named.
			assertThat(problem.attr("tabindex")).isEqualTo("-1");
			assertThat(problem.hasAttr("autofocus")).isFalse();
		}
		mvc.perform(get("/coach/proposals/{id}", id).with(coach)).andExpect(status().isOk());

		matching.withdrawProposal(id, proposal.coach().id(), proposal.manager().id());
		MockHttpServletRequestBuilder[] late = { post("/coach/proposals/{id}/accept", id).param("letter", "Welkom."),
				post("/coach/proposals/{id}/decline", id).param("reason", ""),
				post("/coach/proposals/{id}/decline", id).param("reason", "COACH_FULL") };
		for (MockHttpServletRequestBuilder form : late) {
			MvcResult refused = mvc.perform(form.with(csrf()).with(coach)).andExpect(status().is3xxRedirection()).andReturn();
			Document page = after(refused, get("/coach/proposals/{id}", id), coach, 409);
			assertThat(page.title()).as(refused.getRequest().getRequestURI()).startsWith("Fout:");
		}
		mvc.perform(get("/coach/proposals/{id}", id).with(coach)).andExpect(status().isOk());
	}

	private long readsOf(UUID actor, UUID trajectory) {
		return jdbc.sql("select count(*) from audit_entry where actor_id = :actor and trajectory_id = :trajectory"
				+ " and action = 'READ' and route = 'GET /coach/trajectories/{id}'")
			.param("actor", actor)
			.param("trajectory", trajectory)
			.query(Long.class)
			.single();
	}

	@Test
	void anAuditSearchRefusedAnswers422WithItsSummaryAndIsNoRead() throws Exception {
		Account admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		long before = linesOf(admin);
		for (String[] query : new String[][] { { "trajectory", "geen-id" }, { "from", "31-02-2026" } }) {
			Document page = Jsoup.parse(mvc.perform(get("/admin/audit").param(query[0], query[1]).with(fixtures.as(admin)))
				.andExpect(status().isUnprocessableContent())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page.title()).as(query[0]).startsWith("Fout:");
			assertThat(page.getElementById(query[0]).attr("aria-invalid")).as(query[0]).isEqualTo("true");
		}
		assertThat(linesOf(admin)).as("a refused search is no read").isEqualTo(before);
	}

	/**
	 * The search by trajectory finds every line about it: the read, a handover refused (the address's id, filled in
	 * by the interceptor) and a mail added to it (the form's trajectoryId). It found only the read.
	 */
	@Test
	void theAuditSearchByTrajectoryFindsEveryLineAboutIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach()))).andExpect(status().isOk());
		mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().isUnprocessableContent());
		UUID added = UUID.randomUUID();
		trail.record(new AuditEntry(added, null, manager.id(), "Beheer", "beheer@briefwissel.test", "ADMINISTRATOR",
				AuditAction.ADMINISTRATION, "POST /admin/quarantine/{id}/add", running.id(),
				"id=" + UUID.randomUUID() + ", trajectoryId=" + running.id().toString().toUpperCase(), null));
		UUID other = UUID.randomUUID();
		trail.record(new AuditEntry(other, null, manager.id(), "Beheer", "beheer@briefwissel.test", "ADMINISTRATOR",
				AuditAction.ADMINISTRATION, "POST /admin/quarantine/{id}/add", null, "id=" + UUID.randomUUID(), null));

		var found = trail.search(new AuditTrail.Search(null, null, running.id(), null, null), null).entries();
		assertThat(found).extracting(AuditEntry::route)
			.contains("GET /coach/trajectories/{id}", "POST /programme/trajectories/{id}/handover")
			.hasSize(3);
		assertThat(found).extracting(AuditEntry::id).contains(added).doesNotContain(other);
		Document page = Jsoup.parse(mvc
			.perform(get("/admin/audit").param("trajectory", running.id().toString())
				.with(fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.text()).contains("POST /programme/trajectories/{id}/handover", "POST /admin/quarantine/{id}/add");
	}

	private long linesOf(Account admin) {
		return jdbc.sql("select count(*) from audit_entry where actor_id = :actor").param("actor", admin.id()).query(Long.class).single();
	}

	private Document after(MvcResult redirect, MockHttpServletRequestBuilder page, RequestPostProcessor who, int status)
			throws Exception {
		return Jsoup.parse(mvc.perform(page.cookie(redirect.getResponse().getCookies()).with(who))
			.andExpect(status().is(status))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}
}

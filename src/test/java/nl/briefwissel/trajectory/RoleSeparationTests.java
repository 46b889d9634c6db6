package nl.briefwissel.trajectory;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.CoachPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Decision 0145: who manages a programme never reads its letters, so one account is not both programme manager and
 * e-coach. The hole a tester found: an administrator gave a manager the coach role, she put herself in the pool and
 * handed a trajectory over to herself, and read the whole correspondence.
 */
@BriefwisselTest
class RoleSeparationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Handovers handovers;

	@Autowired
	Matching matching;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.context.MessageSource messages;

	Fixtures.RunningTrajectory running;

	Account manager;

	Account coach;

	@BeforeEach
	void aRunningTrajectoryAManagerAndASecondCoach() {
		running = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		manager = fixtures.person(running.organisationId(), "pm-" + suffix + "@example.nl", "Ingrid " + suffix,
				Role.PROGRAMME_MANAGER);
		coach = fixtures.person(running.organisationId(), "coach-" + suffix + "@example.nl", "Coach " + suffix, Role.COACH);
		profiles.changeMatching(running.coach().id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
	}

	/** The hole as the tester found it, for an account that holds both roles from before this decision. */
	@Test
	void aManagerWhoIsAlsoACoachCannotHandATrajectoryToHerselfNorReadIt() throws Exception {
		Account both = combined(manager);
		profiles.changeMatching(both.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), both.id()));

		String form = mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(both)))
			.andReturn().getResponse().getContentAsString();
		// Listed, as a coach who cannot be chosen is, but not to be chosen, and why.
		var option = org.jsoup.Jsoup.parse(form).select("option[value=" + both.id() + "]");
		assertThat(option.hasAttr("disabled")).isTrue();
		assertThat(option.text()).endsWith(", ook programmamanager");

		mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(both)).with(csrf())
			.param("coach", both.id().toString())
			.param("reason", "COACH_UNAVAILABLE")
			.param("why", "")
			.param("confirmed", "true"));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());

		// Whatever way the trajectory came to her: the coach's pages are closed to a manager.
		jdbc.sql("update trajectory set coach_id = :coach where id = :id").param("coach", both.id()).param("id", running.id()).update();
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(both))).andExpect(status().isForbidden());
		mvc.perform(get("/coach").with(fixtures.as(both))).andExpect(status().isForbidden());
	}

	/** The service refuses it too, whoever calls it. */
	@Test
	void theDomainRefusesAProgrammeManagerAsCoach() {
		Account both = combined(manager);
		profiles.changeMatching(both.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), both.id()));

		assertThatThrownBy(() -> handovers.handOver(running.id(), both.id(), Reason.COACH_UNAVAILABLE, manager.id()))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("handover.illegal.programmeManager"));
		assertThatThrownBy(() -> handovers.wouldHandOver(running.id(), both.id(), Reason.COACH_UNAVAILABLE, null, false))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("handover.illegal.programmeManager"));

		Account participant = fixtures.person(running.organisationId(), "d-" + UUID.randomUUID() + "@example.nl", "Deelnemer",
				Role.PARTICIPANT);
		UUID intake = trajectories.record(running.programmeId(), participant.id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP",
				null, null);
		assertThatThrownBy(() -> matching.proposeCoach(intake, both.id(), Today.date().plusDays(1), manager.id()))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("matching.illegal.programmeManager"));
		// Nor is she the best fit the page proposes.
		assertThat(matching.candidates(trajectories.byId(intake).orElseThrow()))
			.filteredOn(candidate -> candidate.coach().id().equals(both.id()))
			.allSatisfy(candidate -> assertThat(candidate.eligible()).isFalse());

		// A proposal made before she became a manager is not accepted.
		pool.set(running.programmeId(), List.of(running.coach().id(), coach.id()));
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		matching.proposeCoach(intake, coach.id(), Today.date().plusDays(1), manager.id());
		Account coachNowManager = combined(coach);
		assertThatThrownBy(() -> matching.accept(intake, coachNowManager.id(), Today.date().plusDays(1)))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("matching.illegal.programmeManager"));
	}

	/** The administrator is told, in the page's language, and the role is not given: either way round. */
	@Test
	void anAdministratorCannotGiveTheOtherRole() throws Exception {
		var admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		mvc.perform(post("/admin/accounts/" + manager.id() + "/roles").param("role", "COACH").param("grant", "true")
			.with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.separatedRoles"));
		mvc.perform(post("/admin/accounts/" + coach.id() + "/roles").param("role", "PROGRAMME_MANAGER").param("grant", "true")
			.with(admin).with(csrf()))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.separatedRoles"));
		assertThat(accounts.byId(manager.id()).orElseThrow().roles()).containsExactly(Role.PROGRAMME_MANAGER);
		assertThat(accounts.byId(coach.id()).orElseThrow().roles()).containsExactly(Role.COACH);

		// Said as the page says the form's other refusals (#{${roleProblemWhy}(${roleProblemCount})}), in both languages.
		assertThat(messages.getMessage("admin.accounts.separatedRoles", new Object[] { 0 }, java.util.Locale.forLanguageTag("nl")))
			.startsWith("Dit account krijgt deze rol niet. Wie een programma beheert, leest de brieven niet");
		assertThat(messages.getMessage("admin.accounts.separatedRoles", new Object[] { 0 }, java.util.Locale.ENGLISH))
			.startsWith("This account does not get this role. Whoever manages a programme does not read its letters");
		// The service refuses it too, for a caller that did not ask.
		assertThatThrownBy(() -> accounts.addRole(manager.id(), Role.COACH)).isInstanceOf(Accounts.SeparatedRolesException.class);
		assertThat(accounts.byId(manager.id()).orElseThrow().roles()).containsExactly(Role.PROGRAMME_MANAGER);
	}

	/** An account that holds both from before is marked on the administrator's list, to take one back. */
	@Test
	void anAccountHoldingBothIsMarkedForTheAdministrator() throws Exception {
		Account both = combined(manager);
		var admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String row = org.jsoup.Jsoup.parse(mvc.perform(get("/admin").param("search", both.email()).with(admin))
			.andReturn().getResponse().getContentAsString()).select("tbody tr").text();
		assertThat(row).contains("Programmamanager en e-coach tegelijk: trek een van beide rollen in.");
		assertThat(accounts.holdingSeparatedRoles()).contains(both.id());
	}

	/** As it was before this decision: the coach role beside the manager's, written as the old grant did. */
	private Account combined(Account account) {
		Role other = account.roles().contains(Role.COACH) ? Role.PROGRAMME_MANAGER : Role.COACH;
		jdbc.sql("insert into account_role (account_id, role) values (:id, :role)")
			.param("id", account.id())
			.param("role", other.name())
			.update();
		return accounts.byId(account.id()).orElseThrow();
	}
}

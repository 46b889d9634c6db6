package nl.briefwissel.organisation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Organisations;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A national programme has two hundred coaches, each a whole form: the page shows them a page at a time, found by name. */
@BriefwisselTest
class CoachPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Test
	void theCoachesAreShownAPageAtATimeFoundByNameAndARefusedChangeComesBackOnItsPage() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID organisation = organisations.create("Landelijk programma " + suffix).id();
		Account admin = fixtures.person(organisation, "admin-" + suffix + "@example.nl", "Beheer", Role.ADMINISTRATOR);
		List<Account> coaches = new ArrayList<>();
		for (int i = 0; i < 2 * CoachesController.PER_PAGE + 5; i++) {
			coaches.add(fixtures.person(organisation, "coach-" + i + "-" + suffix + "@example.nl", String.format("Coach %02d", i),
					Role.COACH));
		}

		Document first = page(mvc.perform(get("/admin/coaches").with(fixtures.as(admin))).andReturn());
		assertThat(first.select("main article")).hasSize(CoachesController.PER_PAGE);
		assertThat(first.text()).contains("E-coaches 1–20 van 45");
		assertThat(first.selectFirst("nav.bw-pagination a[rel=next]").attr("href")).startsWith("/admin/coaches?").contains("page=2");
		Document last = page(mvc.perform(get("/admin/coaches").param("page", "3").with(fixtures.as(admin))).andReturn());
		assertThat(last.select("main article h2").eachText()).containsExactly("Coach 40", "Coach 41", "Coach 42", "Coach 43", "Coach 44");
		assertThat(last.text()).contains("E-coaches 41–45 van 45");
		assertThat(last.select("nav.bw-pagination a[rel=next]")).isEmpty();
		assertThat(page(mvc.perform(get("/admin/coaches").param("page", "x").with(fixtures.as(admin))).andReturn())
			.select("main article")).hasSize(CoachesController.PER_PAGE);
		// An outdated address: a page past the last shows the last, one before the first the first.
		assertThat(page(mvc.perform(get("/admin/coaches").param("page", "9").with(fixtures.as(admin))).andReturn())
			.select("main article h2").eachText()).containsExactly("Coach 40", "Coach 41", "Coach 42", "Coach 43", "Coach 44");
		assertThat(page(mvc.perform(get("/admin/coaches").param("page", "0").with(fixtures.as(admin))).andReturn())
			.select("main article h2").first().text()).isEqualTo("Coach 00");

		Document found = page(mvc.perform(get("/admin/coaches").param("search", " coach 4").with(fixtures.as(admin))).andReturn());
		assertThat(found.select("main article h2").eachText()).containsExactly("Coach 40", "Coach 41", "Coach 42", "Coach 43", "Coach 44");
		assertThat(found.getElementById("search").attr("value")).isEqualTo("coach 4");
		assertThat(page(mvc.perform(get("/admin/coaches").param("search", "niemand").with(fixtures.as(admin))).andReturn()).text())
			.contains("Geen e-coaches gevonden");

		// A change refused for a coach far down the list comes back in their card, on their page, with its sentence.
		UUID far = coaches.get(42).id();
		MvcResult refused = mvc.perform(post("/admin/coaches/{id}", far).with(csrf()).with(fixtures.as(admin)).param("capacity", "99"))
			.andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/admin/coaches#coach-" + far);
		// The page after the refusal is the card's form again: 422, titled so (decision 0139, amended); reloaded, 200.
		MvcResult shownAgain = mvc.perform(get("/admin/coaches").cookie(refused.getResponse().getCookies()).with(fixtures.as(admin)))
			.andReturn();
		assertThat(shownAgain.getResponse().getStatus()).isEqualTo(422);
		Document again = Jsoup.parse(shownAgain.getResponse().getContentAsString());
		assertThat(again.title()).startsWith("Fout:");
		assertThat(again.getElementById("coach-" + far)).isNotNull();
		assertThat(again.getElementById("capacity-error-" + far)).isNotNull();
		assertThat(again.getElementById("capacity-" + far).attr("value")).isEqualTo("99");

		// Found by a search, the coach's form takes the search back to the same list.
		MvcResult saved = mvc.perform(post("/admin/coaches/{id}", far).with(csrf()).with(fixtures.as(admin)).param("capacity", "3")
			.param("search", "coach 4")).andReturn();
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/admin/coaches?search=coach%204#coach-" + far);
		assertThat(found.getElementById("coach-" + far).selectFirst("form input[name=search]").attr("value")).isEqualTo("coach 4");
	}

	/**
	 * Capacity 1 and not certified for a coach with two trajectories running saved with a bare "Opgeslagen": the
	 * administrator could not tell that she keeps both and gets no new one. The notice says so; a change that leaves
	 * room says "Opgeslagen." only.
	 */
	@Test
	void savingSaysWhatACapacityBelowTheTrajectoriesOrNoCertificationMeans(
			@Autowired nl.briefwissel.organisation.Programmes programmes,
			@Autowired nl.briefwissel.trajectory.Trajectories trajectories) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID organisation = organisations.create("Gemeente Ruimte " + suffix).id();
		Account admin = fixtures.person(organisation, "admin-" + suffix + "@example.nl", "Beheer", Role.ADMINISTRATOR);
		Account coach = fixtures.person(organisation, "coach-" + suffix + "@example.nl", "Anja de Vries", Role.COACH);
		UUID programme = programmes.create(organisation, "Ruimteprogramma", null, null).id();
		for (int i = 0; i < 2; i++) {
			Account participant = fixtures.person(organisation, "d" + i + "-" + suffix + "@example.nl", "Deelnemer " + i,
					Role.PARTICIPANT);
			trajectories.record(programme, participant.id(), coach.id(), nl.briefwissel.trajectory.TrajectoryStatus.RUNNING, "SURPLUS",
					nl.briefwissel.Today.date().minusDays(3), null);
		}

		String[][] expected = {
				{ "nl", "false", "Opgeslagen. Anja de Vries is niet gecertificeerd en kan dus niet worden voorgesteld voor een nieuw traject. "
						+ "Trajecten die al lopen, gepauzeerd zijn of op het antwoord van Anja de Vries wachten (2), blijven bij Anja de Vries." },
				{ "en", "false", "Saved. Anja de Vries is not certified, so they cannot be proposed for a new trajectory. "
						+ "Trajectories already running, paused or waiting for Anja de Vries's answer (2) stay with Anja de Vries." },
				{ "nl", "true", "Opgeslagen. Anja de Vries heeft 2 van 1 plaatsen bezet en krijgt dus geen nieuw traject voorgesteld tot er een "
						+ "plaats vrijkomt. Trajecten die al lopen, gepauzeerd zijn of op het antwoord van Anja de Vries wachten (2), blijven bij Anja de Vries." },
				{ "en", "true", "Saved. Anja de Vries has 2 of 1 places taken, so they get no new trajectory proposed until a place frees up. "
						+ "Trajectories already running, paused or waiting for Anja de Vries's answer (2) stay with Anja de Vries." } };
		for (String[] each : expected) {
			var saved = mvc.perform(post("/admin/coaches/{id}", coach.id()).with(csrf()).with(fixtures.as(admin)).param("capacity", "1")
				.param("certified", each[1])).andReturn();
			Document page = page(mvc.perform(get("/admin/coaches").param("lang", each[0]).cookie(saved.getResponse().getCookies())
				.with(fixtures.as(admin))).andReturn());
			var status = page.getElementById("coach-" + coach.id()).selectFirst("[role=status]");
			assertThat(status).as(each[0] + " certified " + each[1]).isNotNull();
			assertThat(status.text()).as(each[0] + " certified " + each[1]).isEqualTo(each[2]);
		}

		var roomy = mvc.perform(post("/admin/coaches/{id}", coach.id()).with(csrf()).with(fixtures.as(admin)).param("capacity", "5")
			.param("certified", "true")).andReturn();
		assertThat(page(mvc.perform(get("/admin/coaches").cookie(roomy.getResponse().getCookies()).with(fixtures.as(admin))).andReturn())
			.getElementById("coach-" + coach.id()).selectFirst("[role=status]").text()).isEqualTo("Opgeslagen.");
	}

	/** The page and its forms are the administrator's, of their own organisation's coaches. */
	@Test
	void onlyAnAdministratorSeesAndChangesTheirOwnOrganisationsCoaches() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID organisation = organisations.create("Gemeente Eigen " + suffix).id();
		UUID other = organisations.create("Gemeente Ander " + suffix).id();
		Account admin = fixtures.person(organisation, "admin-" + suffix + "@example.nl", "Beheer", Role.ADMINISTRATOR);
		Account manager = fixtures.person(organisation, "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Account otherCoach = fixtures.person(other, "coach-" + suffix + "@example.nl", "Coach Elders " + suffix, Role.COACH);

		assertThat(page(mvc.perform(get("/admin/coaches").with(fixtures.as(admin))).andReturn()).text())
			.doesNotContain("Coach Elders " + suffix);
		mvc.perform(post("/admin/coaches/{id}", otherCoach.id()).with(csrf()).with(fixtures.as(admin)).param("capacity", "3"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/admin/coaches").with(fixtures.as(manager))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/coaches/{id}", otherCoach.id()).with(csrf()).with(fixtures.as(manager)).param("capacity", "3"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/admin/coaches")).andExpect(status().is3xxRedirection());
	}

	private static Document page(MvcResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return Jsoup.parse(result.getResponse().getContentAsString());
	}
}

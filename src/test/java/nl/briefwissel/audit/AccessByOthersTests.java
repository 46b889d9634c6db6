package nl.briefwissel.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Wie dit traject bekeek" had a line for every page view: an administrator's one read was buried among
 * 107 of the coach's and the participant's own. By default the page lists the others' reads and counts
 * the own ones; every line is a link away.
 */
@BriefwisselTest
class AccessByOthersTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail trail;

	@Test
	void theCoachSeesWhoElseLookedAndTheirOwnReadsCounted() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(trajectory.coach());
		OffsetDateTime at = OffsetDateTime.parse("2026-11-02T10:15:00+01:00");
		for (int i = 0; i < 84; i++) {
			trail.record(new AuditEntry(null, at.minusHours(i), trajectory.coach().id(), trajectory.coach().displayName(), null,
					"COACH", AuditAction.READ, "GET /coach/trajectories/{id}", trajectory.id(), null, null));
		}
		for (int i = 0; i < 23; i++) {
			trail.record(new AuditEntry(null, at.minusDays(1).minusHours(i), trajectory.participant().id(),
					trajectory.participant().displayName(), null, "PARTICIPANT", AuditAction.READ, "GET /participant", trajectory.id(),
					null, null));
		}
		trail.record(new AuditEntry(null, at.minusDays(3), UUID.randomUUID(), "Bea Beheer", null, "ADMINISTRATOR",
				AuditAction.READ, "GET /admin/trajectories/{id}", trajectory.id(), null, "Vraag van de deelnemer"));
		String access = "/coach/trajectories/" + trajectory.id() + "/access";

		Document page = page(get(access).with(coach));
		assertThat(page.select("tbody tr").eachText()).singleElement()
			.satisfies(row -> assertThat(row).contains("Bea Beheer", "Beheerder", "Vraag van de deelnemer"));
		assertThat(page.select("#own-reads li").eachText()).containsExactly(
				"Jij: 84 keer, het laatst op 2 november 2026 10:15",
				trajectory.participant().displayName() + " (de deelnemer): 23 keer, het laatst op 1 november 2026 10:15");
		assertThat(page.selectFirst("#show-all").attr("href")).isEqualTo(access + "?all=true");

		Document all = page(get(access).param("all", "true").with(coach));
		assertThat(all.select("tbody tr")).hasSize(84 + 23 + 1);
		assertThat(all.selectFirst("#show-others").attr("href")).isEqualTo(access);

		Document english = page(get(access).param("lang", "en").with(coach));
		assertThat(english.select("#own-reads li").eachText()).containsExactly("You: 84 times, last on 2 November 2026 10:15",
				trajectory.participant().displayName() + " (the participant): 23 times, last on 1 November 2026 10:15");
	}

	@Test
	void aTrajectoryNobodyElseOpenedSaysSo() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Document page = page(get("/coach/trajectories/" + trajectory.id() + "/access").with(fixtures.as(trajectory.coach())));
		assertThat(page.select("tbody tr").text()).isEqualTo("Niemand anders dan jij en de deelnemer heeft de inhoud van dit traject geopend.");
		assertThat(page.select("#own-reads li").eachText()).first().isEqualTo("Jij: nog geen keer");
	}

	private Document page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}
}

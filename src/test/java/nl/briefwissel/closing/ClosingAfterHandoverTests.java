package nl.briefwissel.closing;


import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.trajectory.Handovers;
import nl.briefwissel.trajectory.Reason;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A closing summary keeps its writer: after the trajectory goes over to another coach, the summary
 * the first coach wrote is still theirs on the participant's page and in the record.
 */
@BriefwisselTest
class ClosingAfterHandoverTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Handovers handovers;

	@Autowired
	nl.briefwissel.conversation.Conversations conversations;

	@Test
	void theSummaryStaysTheWritersAfterAHandover() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		Account newCoach = fixtures.secondCoachInPool(running);
		String writer = running.coach().displayName();

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		conversations.coachWrites(running.id(), running.coach().id(), "Hoe gaat het met de meeloopdag?");
		assertThat(handovers.handOver(running.id(), newCoach.id(), Reason.COACH_UNAVAILABLE, manager.id()))
			.isEqualTo(Handovers.Outcome.HANDED_OVER);

		assertThat(page("/participant", running.participant())).contains(writer + " schreef een samenvatting")
			.doesNotContain(newCoach.displayName() + " schreef een samenvatting");
		assertThat(page("/participant/report/" + running.id(), running.participant()))
			.contains("Samenvatting van " + writer + ",")
			.doesNotContain("Samenvatting van " + newCoach.displayName());
		assertThat(page("/coach/trajectories/" + running.id() + "/report", newCoach)).contains("Samenvatting van " + writer + ",");

		// Rewritten by the coach who has it now, it is theirs.
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(newCoach))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven, en van opleiden.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent.change"));
		assertThat(page("/participant", running.participant())).contains(newCoach.displayName() + " schreef een samenvatting");

		// The first coach, with the page still open, sends a rewrite: not saved, but not lost either. The handover
		// is in the way, not the summary: 409 (decision 0139, amended).
		String typed = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Mijn laatste versie, met de meeloopdag erin.").param("send", "true"))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(typed).contains("Niet opgeslagen").contains("Mijn laatste versie, met de meeloopdag erin.")
			.doesNotContain("en van opleiden");
		// Someone who never coached it finds nothing there.
		Account stranger = fixtures.person(running.organisationId(), "ander-" + java.util.UUID.randomUUID() + "@example.nl", "Andere Coach",
				nl.briefwissel.account.Role.COACH);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(stranger))
			.param("summary", "Iets").param("send", "true")).andExpect(status().isNotFound());
	}

	private String page(String path, Account reader) throws Exception {
		return mvc.perform(get(path).with(fixtures.as(reader)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
	}
}

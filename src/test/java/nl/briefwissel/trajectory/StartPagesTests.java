package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@BriefwisselTest
class StartPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Matching matching;



	@Test
	void bothSidesSeeWhichSessionItIsAndWhenTheNextMomentIsDue() throws Exception {
		String participant = page("/participant", "deelnemer@briefwissel.test");
		assertThat(participant).containsPattern("Sessie \\d+ van 12, het volgende contactmoment is \\p{L}+ \\d+ \\p{L}+")
			.contains("<dd>Een volgende stap die past bij mijn kwaliteiten</dd>");
		String coach = page("/coach", "coach@briefwissel.test");
		assertThat(coach).containsPattern("Sessie \\d+ van 12 \\(uiterlijk \\d+ \\p{L}+\\.?\\)");
	}

	@Test
	void theProgrammeManagerSeesStagesAndDatesButNoContent() throws Exception {
		String page = page("/programme", "programma@briefwissel.test");
		assertThat(page).contains("E-coaching loopbaan", "Lopend", "Sanne Bakker")
			.doesNotContain("Wat fijn dat je meedoet", "Mijn functie verdwijnt", "onderwijs");
		String intakes = page("/programme/intakes", "programma@briefwissel.test");
		assertThat(intakes).contains("Pieter de Groot").doesNotContain("Ik werk al twaalf jaar", "minder plezier");
		// each waiting participant's theme, by its label
		assertThat(intakes).contains("<dd>Omscholen naar een ander vakgebied</dd>",
				"<dd>Ik weet nog niet of ik met mijn loopbaan aan de slag wil</dd>");
	}

	@Test
	void progressFollowsTheDate() {
		TrajectoryOverview running = new TrajectoryOverview(UUID.randomUUID(), null, "P", null, "D", "d@x.nl", null, "C",
				"c@x.nl", TrajectoryStatus.RUNNING, null, LocalDate.of(2026, 11, 2), null, 6, 2, 0, java.util.List.of(), 2, null, true);
		assertThat(running.progressOn(LocalDate.of(2026, 11, 2))).hasValueSatisfying(progress -> {
			assertThat(progress.current()).isEqualTo(1);
			assertThat(progress.total()).isEqualTo(12);
			assertThat(progress.nextDue()).isEqualTo(LocalDate.of(2026, 11, 4));
		});
		assertThat(running.progressOn(LocalDate.of(2027, 2, 1))).hasValueSatisfying(p -> assertThat(p.finished()).isTrue());
		TrajectoryOverview intake = new TrajectoryOverview(UUID.randomUUID(), null, "P", null, "D", "d@x.nl", null, null,
				null, TrajectoryStatus.INTAKE, null, null, null, 6, 2, 0, java.util.List.of(), 2, null, true);
		assertThat(intake.progressOn(LocalDate.of(2026, 11, 2))).isEmpty();
	}

	/**
	 * A proposed coach may still decline (or the proposal be taken back): until they accept, neither
	 * the start page nor the record names them, as the conversation page does not.
	 */
	@Test
	void aProposedCoachIsNotNamedToTheParticipantBeforeAccepting() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		Account participant = proposal.participant();
		Account proposed = proposal.coach();
		UUID waiting = proposal.trajectoryId();

		String start = mvc.perform(get("/participant").with(fixtures.as(participant))).andReturn().getResponse()
			.getContentAsString();
		assertThat(start).doesNotContain(proposed.displayName()).contains("Nog niet gekoppeld")
			.doesNotContain("action=\"/participant/mail-preference\"");
		String record = mvc.perform(get("/participant/report/{id}", waiting).with(fixtures.as(participant))).andReturn()
			.getResponse().getContentAsString();
		assertThat(record).doesNotContain(proposed.displayName()).contains("Nog niet gekoppeld");

		matching.accept(waiting, proposed.id(), Today.date().plusDays(1));
		assertThat(mvc.perform(get("/participant").with(fixtures.as(participant))).andReturn().getResponse()
			.getContentAsString()).as("once accepted, they are the coach").contains(proposed.displayName())
			.contains("action=\"/participant/mail-preference\"");
	}

	private String page(String path, String email) throws Exception {
		return mvc.perform(get(path).with(user(users.loadUserByUsername(email)))).andReturn().getResponse().getContentAsString();
	}
}

package nl.briefwissel.trajectory;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.CoachPool;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * An Arabic or Hebrew name inside a Dutch sentence took the sentence's punctuation and numbers into its own
 * direction: in a page title, a heading, an option. Each such name stands between a first strong isolate and a
 * pop directional isolate (decision 0133); a name in Latin letters stands as it is.
 */
@BriefwisselTest
class NamesInSentencesTests {

	private static final String FSI = "\u2068";

	private static final String PDI = "\u2069";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	JdbcClient jdbc;

	Fixtures.RunningTrajectory running;

	Account manager;

	Account newCoach;

	@BeforeEach
	void aParticipantAndACoachWithRightToLeftNames() {
		running = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		manager = fixtures.managerOf(running);
		newCoach = fixtures.person(running.organisationId(), "nieuw-" + suffix + "@example.nl", "\u05E9\u05E8\u05D4 2", Role.COACH);
		profiles.changeMatching(running.coach().id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		profiles.changeMatching(newCoach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), newCoach.id()));
		jdbc.sql("update account set display_name = :name where id = :id").param("name", "\u0645\u062D\u0645\u062F 3")
			.param("id", running.participant().id()).update();
	}

	@Test
	void theHandoverPageIsolatesTheNamesInItsTitleHeadingAndOptions() throws Exception {
		Document page = Jsoup.parse(mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		String participant = FSI + "\u0645\u062D\u0645\u062F 3" + PDI;
		assertThat(page.title()).isEqualTo("Andere e-coach voor " + participant + " · Briefwissel");
		assertThat(page.selectFirst("h1").text()).isEqualTo("Andere e-coach voor " + participant);
		Element option = page.selectFirst("option[value=" + newCoach.id() + "]");
		assertThat(option).isNotNull();
		assertThat(option.text()).startsWith(FSI + "\u05E9\u05E8\u05D4 2" + PDI);
	}

	@Test
	void aNameInLatinLettersStandsAsItIs() throws Exception {
		jdbc.sql("update account set display_name = 'Sanne 3' where id = :id").param("id", running.participant().id()).update();
		Document page = Jsoup.parse(mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.selectFirst("h1").text()).isEqualTo("Andere e-coach voor Sanne 3");
	}
	/** A sentence the page says after an action names the participant as the title does: isolated. */
	@Test
	void theSentenceAfterWithdrawingAProposalIsolatesTheName() throws Exception {
		Fixtures.Proposal proposal = fixtures.proposal(running);
		jdbc.sql("update account set display_name = :name where id = :id").param("name", "\u05E9\u05E8\u05D4 4")
			.param("id", proposal.participant().id()).update();
		mvc.perform(post("/programme/trajectories/{id}/withdraw-proposal", proposal.trajectoryId()).with(csrf())
			.with(fixtures.as(proposal.manager())).param("coach", proposal.coach().id().toString()))
			.andExpect(flash().attribute("done", java.util.Map.of("key", "intakes.proposalWithdrawn", "arg", FSI + "\u05E9\u05E8\u05D4 4" + PDI)));
	}
}

package nl.briefwissel.conversation;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class CoachDeskTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	CoachDesk desk;

	@Test
	void privateNotesAreTheCoachsOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "Let op: twijfelt over haar contract.")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());

		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains("Let op: twijfelt over haar contract.");
		assertThat(page("/participant/conversation", as(running.participant().email()))).doesNotContain("twijfelt over haar contract");
		mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "x").with(csrf())
			.with(as("coach@briefwissel.test"))).andExpect(status().isNotFound());
	}

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Test
	void theCoachReadsTheParticipantsGoalsNextToTheConversation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		assertThat(page("/coach/trajectories/" + running.id(), coach)).doesNotContain("Vraag en doelen");
		trajectories.changeGoals(running.id(), running.participant().id(), "Over een jaar werk ik in de zorg.");
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains("Vraag en doelen")
			.contains("Over een jaar werk ik in de zorg.");
		assertThat(page("/participant", as(running.participant().email())))
			.contains(">Over een jaar werk ik in de zorg.</textarea>");
	}

	@Autowired
	Conversations conversations;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** Whatever zone the server runs in (CI's is UTC), a letter shows the time it was in Amsterdam. */
	@Test
	void aLettersTimeIsTheTimeInTheNetherlands() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var letter = conversations.participantWrites(running.id(), running.participant().id(), "Een brief van vanmiddag");
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.parse("2026-11-03T14:05:00Z"))
			.param("id", letter)
			.update();
		assertThat(page("/coach/trajectories/" + running.id(), as(running.coach().email()))).contains("3 november 2026, 15:05");
	}

	@Test
	void aDraftSurvivesAClosedBrowserAndIsGoneOnceSent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", "Half geschreven gedachte")
			.header("HX-Request", "true").with(csrf()).with(coach));
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains(">Half geschreven gedachte</textarea>");

		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Zonder JavaScript bewaard")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains(">Zonder JavaScript bewaard</textarea>");

		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Zonder JavaScript bewaard")
			.with(csrf()).with(coach));
		assertThat(desk.draft(running.id(), running.coach().id())).isEmpty();
	}

	@Test
	void savedRepliesAreInsertedWhileWritingAndAreTheCoachsOwn() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		mvc.perform(post("/coach/saved-replies").param("title", "Welkom").param("body", "Fijn dat je er bent.")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		var reply = desk.savedReplies(running.coach().id()).get(0);

		assertThat(page("/coach/trajectories/" + running.id() + "?use=" + reply.id(), coach))
			.contains(">Fijn dat je er bent.</textarea>");
		var other = fixtures.runningTrajectory(true);
		assertThat(page("/coach/trajectories/" + other.id() + "?use=" + reply.id(), as(other.coach().email())))
			.doesNotContain("Fijn dat je er bent.");
		assertThat(page("/coach/saved-replies", as(other.coach().email()))).doesNotContain("Welkom");

		mvc.perform(post("/coach/saved-replies/{id}/delete", reply.id()).with(csrf()).with(coach));
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	private RequestPostProcessor as(String email) {
		return user(users.loadUserByUsername(email));
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andReturn().getResponse().getContentAsString();
	}
}

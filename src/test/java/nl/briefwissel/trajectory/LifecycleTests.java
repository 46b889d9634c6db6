package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
@RecordApplicationEvents
class LifecycleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	Trajectories trajectories;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void everyReadOfATrajectoryHasAllItsPausesInOrderAndOneOverviewEach() {
		var paused = fixtures.runningTrajectory(true);
		var other = fixtures.anotherFor(paused, Today.date());
		LocalDate first = Today.date().minusWeeks(4);
		LocalDate second = Today.date().minusWeeks(2);
		for (LocalDate from : List.of(second, first)) {
			jdbc.sql("insert into trajectory_pause (trajectory_id, from_date, until_date) values (:t, :from, :until)")
				.param("t", paused.id())
				.param("from", from)
				.param("until", from.plusDays(3))
				.update();
		}
		var both = List.of(new Trajectory.Pause(first, first.plusDays(3)), new Trajectory.Pause(second, second.plusDays(3)));
		assertThat(trajectories.byId(paused.id()).orElseThrow().pauses()).isEqualTo(both);
		assertThat(trajectories.ofCoach(paused.coach().id())).filteredOn(t -> t.id().equals(paused.id()))
			.singleElement().satisfies(t -> assertThat(t.pauses()).isEqualTo(both));
		assertThat(trajectories.ofProgramme(paused.programmeId())).filteredOn(t -> t.id().equals(paused.id()))
			.singleElement().satisfies(t -> assertThat(t.pauses()).isEqualTo(both));
		assertThat(trajectories.byId(other.id()).orElseThrow().pauses()).isEmpty();
	}

	@Test
	void theCoachPausesExtendsAndCompletesWithReasonsAndEachChangeIsPublished() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String until = Today.date().plusWeeks(1).toString();

		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", until)
			.param("reason", "PERSONAL_CIRCUMSTANCES").param("why", "Vakantie").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.PAUSED);

		mvc.perform(post("/coach/trajectories/{id}/resume", running.id()).with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.resumed"));
		// Clicked twice, from a form that showed 6 weeks: extended once.
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", "6")
				.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
				.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"));
		}
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(8);
		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.with(csrf()).with(coach)).andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"));
		// The second click of a double click: the trajectory is completed, and that is what it says.
		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.with(csrf()).with(coach)).andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"))
			.andExpect(flash().attributeCount(1));

		assertThat(events.stream(TrajectoryEvents.TrajectoryPaused.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryResumed.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryExtended.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryCompleted.class)).singleElement()
			.satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.QUESTION_ANSWERED));
		long transitions = jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :id")
			.param("id", running.id()).query(Long.class).single();
		assertThat(transitions).isEqualTo(4);
		String reason = jdbc.sql("select reason from trajectory_transition where trajectory_id = :id and to_status = 'PAUSED'")
			.param("id", running.id()).query(String.class).single();
		assertThat(reason).isEqualTo("Vakantie");
	}

	@Test
	void anIllegalChangeIsExplainedOnThePageAndPublishesNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		mvc.perform(post("/coach/trajectories/{id}/resume", running.id()).with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleError", "trajectory.illegal.resume"))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "/course"));
		// A reason that is not a coach's (sent by hand) would count in the figures as "matched".
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "MATCHED").with(csrf()).with(coach))
			.andExpect(status().isBadRequest());
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		var refused = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "7")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleError", "trajectory.illegal.extendWeeks"))
			.andReturn();
		assertThat(events.stream(TrajectoryEvents.TrajectoryResumed.class)).isEmpty();
		assertThat(events.stream(TrajectoryEvents.TrajectoryExtended.class)).isEmpty();
		// The refusal is read above the forms, where the coach tries again.
		String course = mvc.perform(get("/coach/trajectories/{id}/course", running.id()).with(coach)
			.cookie(refused.getResponse().getCookies())).andReturn().getResponse().getContentAsString();
		assertThat(course).contains("role=\"alert\"", "Pauzeren", "Verlengen", "Afronden", "Stoppen",
				"action=\"/coach/trajectories/" + running.id() + "/stop\"");
	}

	@Test
	void theConversationPageLinksToTheCoursePageAndAMadeChangeIsReportedThere() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String page = mvc.perform(get("/coach/trajectories/{id}", running.id()).with(coach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("Traject bijsturen", "href=\"/coach/trajectories/" + running.id() + "/course\"")
			.doesNotContain("/pause\"", "/stop\"");
		var extended = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "1")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#lifecycle-title"))
			.andReturn();
		String after = mvc.perform(get("/coach/trajectories/{id}", running.id()).with(coach)
			.cookie(extended.getResponse().getCookies())).andReturn().getResponse().getContentAsString();
		assertThat(after).contains("Het traject is verlengd.");
	}

	@Test
	void anotherCoachCannotChangeTheTrajectory() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(get("/coach/trajectories/{id}/course", running.id())
			.with(user(users.loadUserByUsername("coach@briefwissel.test"))))
			.andExpect(status().isNotFound());
		mvc.perform(get("/coach/trajectories/{id}/course", running.id())
			.with(user(users.loadUserByUsername(running.participant().email()))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "OTHER")
			.with(csrf()).with(user(users.loadUserByUsername("coach@briefwissel.test"))))
			.andExpect(status().isNotFound());
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
	}

	/** On the day the pause ends the trajectory runs again by itself, once, without the coach. */
	@Test
	void aPauseEndsByItselfOnItsLastDay(@Autowired PauseEnds pauseEnds, @Autowired TrajectoryLifecycle lifecycle) {
		var running = fixtures.runningTrajectory(true);
		LocalDate until = Today.date().plusDays(7);
		lifecycle.pause(running.id(), running.coach().id(), until, Reason.PERSONAL_CIRCUMSTANCES, null);

		pauseEnds.resumeOn(until.minusDays(1));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.PAUSED);

		pauseEnds.resumeOn(until);
		pauseEnds.resumeOn(until.plusDays(1));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :t and from_status = 'PAUSED'")
			.param("t", running.id()).query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select until_date from trajectory_pause where trajectory_id = :t").param("t", running.id())
			.query(LocalDate.class).single()).as("the pause as chosen").isEqualTo(until);
	}

	/** A proposal is answered on its own page: the proposed coach cannot stop the participant's intake instead. */
	@Test
	void aCoachWhoIsOnlyProposedCannotStopTheTrajectory() throws Exception {
		var proposed = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set status = 'MATCHING', started_on = null where id = :id").param("id", proposed.id()).update();
		mvc.perform(post("/coach/trajectories/{id}/stop", proposed.id()).param("reason", "OTHER")
			.with(csrf()).with(user(users.loadUserByUsername(proposed.coach().email()))))
			.andExpect(status().isNotFound());
		assertThat(trajectories.byId(proposed.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
	}
}

package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

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
		// Clicked twice, from a form that showed 6 weeks: extended once and mailed once. The browser shows only the
		// second click's answer, which finds the 8 weeks this form asked for and says it is extended; the page it
		// leads to says so once, and no copy of the first click's message waits to be shown later.
		Cookie session = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", "6")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"))
			.andReturn().getResponse().getCookie("BRIEFWISSEL_SESSION");
		assertThat(session).isNotNull();
		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", "6")
			.param("reason", "MORE_TIME_NEEDED").cookie(session).with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"));
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(8);
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to and subject like '%verlengd%'")
			.param("to", running.participant().email()).query(Long.class).single()).isEqualTo(1);
		String shown = mvc.perform(get("/coach/trajectories/{id}", running.id()).cookie(session).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(shown).select("[role=status]").text()).contains("Het traject is verlengd.");
		String later = mvc.perform(get("/coach/trajectories/{id}", running.id()).cookie(session).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(later).doesNotContain("Het traject is verlengd");
		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.param("confirmed", "true").with(csrf()).with(coach)).andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"));
		// The second click of a double click: the trajectory is completed, and that is what it says.
		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.param("confirmed", "true").with(csrf()).with(coach)).andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"))
			.andExpect(flash().attributeCount(1));

		assertThat(events.stream(TrajectoryEvents.TrajectoryPaused.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryResumed.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryExtended.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryCompleted.class)).singleElement()
			.satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.QUESTION_ANSWERED));
		long transitions = jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :id")
			.param("id", running.id()).query(Long.class).single();
		assertThat(transitions).isEqualTo(4);
		assertThat(pauseReason(running.id())).isEqualTo("Vakantie");
	}

	/**
	 * Extended by a week, then the same form again from a second tab that still showed six weeks, and once with a
	 * length it never showed (four): each said the trajectory was extended while it stayed at seven weeks and no mail went.
	 * Now the course page answers, as the trajectory stands, that it changed meanwhile; the coach's words are kept.
	 */
	@Test
	void anExtensionFromAFormThatShowedAnotherLengthSaysItChangedMeanwhileAndExtendsNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "1").param("fromWeeks", "6")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"));

		// 6 from the second tab, 4 never shown; 5 with 2 more would be the 7 weeks that stand, what that form asked for.
		for (String shown : List.of("6", "4")) {
			String page = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", shown)
				.param("reason", "OTHER").param("why", "Nog twee gesprekken nodig").with(csrf()).with(coach))
				.andExpect(status().isConflict())
				.andExpect(flash().attributeCount(0))
				.andReturn().getResponse().getContentAsString();
			Document course = Jsoup.parse(page);
			assertThat(course.select("[role=alert]").text()).contains("Het traject is intussen gewijzigd: het duurt nu 7 weken. "
					+ "Bekijk de nieuwe stand en verleng opnieuw als dat nog nodig is.");
			assertThat(page).doesNotContain("Het traject is verlengd");
			assertThat(course.getElementById("extend-why").text()).isEqualTo("Nog twee gesprekken nodig");
			assertThat(course.selectFirst("input[name=fromWeeks]").val()).isEqualTo("7");
		}
		String english = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", "6")
			.param("reason", "MORE_TIME_NEEDED").header("Accept-Language", "en").with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(english).select("[role=alert]").text())
			.contains("The trajectory was changed in the meantime: it now lasts 7 weeks.");

		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(7);
		assertThat(events.stream(TrajectoryEvents.TrajectoryExtended.class)).hasSize(1);
	}

	/**
	 * A pause sent from a second tab after the trajectory was paused there until another day said it was paused,
	 * while it stayed paused until that other day and no mail went for this one. The same pause again (a double
	 * click) is what the coach wanted, and says so.
	 */
	@Test
	void aPauseFromAFormShownBeforeAnotherPauseSaysItChangedMeanwhile() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		LocalDate first = Today.date().plusWeeks(1);
		pause(running.id(), coach, first.toString(), "").andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		pause(running.id(), coach, first.toString(), "").andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));

		String page = pause(running.id(), coach, Today.date().plusWeeks(3).toString(), "Langer ziek")
			.andExpect(status().isConflict())
			.andExpect(flash().attributeCount(0))
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(page).select("[role=alert]").text())
			.contains("Het traject is intussen gepauzeerd, tot " + first.format(java.time.format.DateTimeFormatter
				.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))) + ".");
		assertThat(page).doesNotContain("Het traject is gepauzeerd.");
		assertThat(trajectories.byId(running.id()).orElseThrow().pausedUntil()).isEqualTo(first);
		assertThat(events.stream(TrajectoryEvents.TrajectoryPaused.class)).hasSize(1);
	}

	/**
	 * A resume sent from a page that showed a pause until one day, after another tab resumed it and paused it
	 * again until another day, ended that new pause, which the coach had not seen, and said it runs again. Now
	 * it answers 409 with the page as it stands; the resume from the page that shows the new pause resumes, and
	 * its second click (a double click) says so again without a second resume or mail.
	 */
	@Test
	void aResumeFromAPageThatShowedAnotherPauseSaysItChangedMeanwhileAndResumesNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		LocalDate first = Today.date().plusWeeks(1);
		LocalDate second = Today.date().plusWeeks(3);
		pause(running.id(), coach, first.toString(), "").andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		Document shown = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).with(coach))
			.andReturn().getResponse().getContentAsString());
		assertThat(shown.selectFirst("form[action$=/resume] input[name=pausedUntil]").val()).isEqualTo(first.toString());
		// Another tab: resumed, and paused again until a later day.
		resume(running.id(), coach, first).andExpect(flash().attribute("lifecycleDone", "trajectory.changed.resumed"));
		pause(running.id(), coach, second.toString(), "").andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));

		String page = resume(running.id(), coach, first)
			.andExpect(status().isConflict())
			.andExpect(flash().attributeCount(0))
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(page).select("[role=alert]").text())
			.contains("Het traject is intussen opnieuw gepauzeerd, nu tot " + second.format(java.time.format.DateTimeFormatter
				.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))) + ". Het is niet hervat");
		assertThat(page).doesNotContain("Het traject loopt weer");
		assertThat(Jsoup.parse(page).selectFirst("form[action$=/resume] input[name=pausedUntil]").val()).isEqualTo(second.toString());
		String english = mvc.perform(post("/coach/trajectories/{id}/resume", running.id()).param("pausedUntil", first.toString())
			.header("Accept-Language", "en").with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(english).select("[role=alert]").text()).contains("The trajectory was paused again in the meantime, now until");
		assertThat(trajectories.byId(running.id()).orElseThrow().pausedUntil()).isEqualTo(second);
		assertThat(events.stream(TrajectoryEvents.TrajectoryResumed.class)).hasSize(1);

		// From the page as it stands now, clicked twice: resumed once, and the second click says it runs again.
		for (int click = 0; click < 2; click++) {
			resume(running.id(), coach, second).andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.resumed"));
		}
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(events.stream(TrajectoryEvents.TrajectoryResumed.class)).hasSize(2);
	}

	/**
	 * Completed in one tab, then stopped (or completed for another reason) from another: the reason and words of
	 * that second form were dropped, and the coach was sent to the page with the refusal and no form. Now the course
	 * page says it was completed meanwhile, 409, with what the coach chose and wrote to copy. The second click of the
	 * same completion (a double click) still says it is completed.
	 */
	@Test
	void endingATrajectoryEndedMeanwhileSaysWhatItIsAndKeepsWhatTheCoachWrote() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "OTHER").param("why", "Klaar")
				.param("confirmed", "true").with(csrf()).with(coach))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"));
		}

		String page = mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE")
			.param("why", "Geen antwoord meer sinds mei").param("confirmed", "true").with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andExpect(flash().attributeCount(0))
			.andReturn().getResponse().getContentAsString();
		Document course = Jsoup.parse(page);
		assertThat(course.select("[role=alert]").text()).contains("Het traject is intussen afgerond; je wijziging is niet doorgevoerd.")
			.contains("Je reden: Geen reactie meer");
		assertThat(course.getElementById("stop-why").text()).isEqualTo("Geen antwoord meer sinds mei");
		assertThat(page).doesNotContain("Het traject is gestopt");

		// The same end for other words (another tab) is no double click of this form either.
		String again = mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "OTHER")
			.param("why", "Doel bereikt").header("Accept-Language", "en").with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(again).select("[role=alert]").text())
			.contains("The trajectory was completed in the meantime; your change was not made.");
		assertThat(Jsoup.parse(again).getElementById("complete-why").text()).isEqualTo("Doel bereikt");

		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.COMPLETED);
		assertThat(events.stream(TrajectoryEvents.TrajectoryCompleted.class)).hasSize(1);
		assertThat(events.stream(TrajectoryEvents.TrajectoryStopped.class)).isEmpty();
	}

	/**
	 * The coach's changes of course were on no trail, while a programme manager's handover is. Each is now, with the
	 * trajectory, the coach, the reason's code and the numbers: refused and already made ones said so, and the
	 * coach's words nowhere (decision 0140).
	 */
	@Test
	void eachChangeOfCourseIsOnTheTrailWithoutTheCoachsWords() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String until = Today.date().plusWeeks(1).toString();
		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", until).param("why", "Geheime vakantie")
			.with(csrf()).with(coach)).andExpect(status().isUnprocessableContent()); // no reason: refused
		pause(running.id(), coach, until, "Geheime vakantie").andExpect(status().is3xxRedirection());
		resume(running.id(), coach, Today.date().plusWeeks(5)).andExpect(status().isConflict());
		resume(running.id(), coach, LocalDate.parse(until)).andExpect(status().is3xxRedirection());
		resume(running.id(), coach, LocalDate.parse(until)).andExpect(status().is3xxRedirection());
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", "6")
				.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		}
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE").param("why", "Geheim")
			.with(csrf()).with(coach)).andExpect(status().isOk()); // only asked
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE").param("why", "Geheim")
			.param("confirmed", "true").with(csrf()).with(coach)).andExpect(status().is3xxRedirection());

		List<Map<String, Object>> trail = jdbc.sql("""
				select action, route, trajectory_id, details, reason from audit_entry
				where actor_id = :coach and route like 'POST /coach/trajectories/{id}/%' order by at""")
			.param("coach", running.coach().id())
			.query()
			.listOfRows();
		assertThat(trail).extracting(row -> row.get("ROUTE") == null ? row.get("route") : row.get("ROUTE"))
			.containsExactly("POST /coach/trajectories/{id}/pause", "POST /coach/trajectories/{id}/pause",
					"POST /coach/trajectories/{id}/resume", "POST /coach/trajectories/{id}/resume",
					"POST /coach/trajectories/{id}/resume", "POST /coach/trajectories/{id}/extend",
					"POST /coach/trajectories/{id}/extend", "POST /coach/trajectories/{id}/stop", "POST /coach/trajectories/{id}/stop");
		List<String> details = trail.stream().map(row -> String.valueOf(value(row, "details"))).toList();
		assertThat(details.get(0)).contains("outcome=refused").contains("until=" + until);
		assertThat(details.get(1)).doesNotContain("outcome").contains("reason=PERSONAL_CIRCUMSTANCES").contains("until=" + until)
			.contains("id=" + running.id());
		assertThat(details.get(2)).contains("outcome=refused");
		assertThat(details.get(3)).doesNotContain("outcome");
		assertThat(details.get(4)).contains("outcome=already");
		assertThat(details.get(5)).doesNotContain("outcome").contains("weeks=2").contains("fromWeeks=6").contains("reason=MORE_TIME_NEEDED");
		assertThat(details.get(6)).contains("outcome=already");
		assertThat(details.get(7)).contains("outcome=refused");
		assertThat(details.get(8)).doesNotContain("outcome").contains("reason=NO_RESPONSE").contains("confirmed=true");
		assertThat(trail).allSatisfy(row -> {
			assertThat(String.valueOf(value(row, "action"))).isEqualTo("ADMINISTRATION");
			assertThat(String.valueOf(value(row, "trajectory_id"))).isEqualTo(running.id().toString());
			assertThat(value(row, "reason")).isNull();
			assertThat(String.valueOf(value(row, "details"))).doesNotContain("Geheim");
		});
	}

	private static Object value(Map<String, Object> row, String column) {
		return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase(java.util.Locale.ROOT));
	}

	@Test
	void anIllegalChangeIsExplainedOnThePageAndPublishesNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		// A reason that is not a coach's (sent by hand) would count in the figures as "matched": no reason chosen.
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "MATCHED").param("confirmed", "true")
			.with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("stop-reason", "trajectory.lifecycle.reasonMissing")));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		var refused = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "7")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("extend-weeks", "trajectory.illegal.extendWeeks")))
			.andExpect(view().name("trajectory/course"))
			.andReturn();
		// A number near the largest int, sent by hand, wrapped the check and broke every reader of the plan.
		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2147483642").param("fromWeeks", "6")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("extend-weeks", "trajectory.illegal.extendWeeks")));
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(6);
		assertThat(events.stream(TrajectoryEvents.TrajectoryExtended.class)).isEmpty();
		// The refusal is read at the weeks, the extension open as it was sent, the other forms still there.
		String course = refused.getResponse().getContentAsString();
		assertThat(course).contains("Pauzeren", "Verlengen", "Afronden", "Stoppen",
				"action=\"/coach/trajectories/" + running.id() + "/stop\"");
		org.jsoup.nodes.Element weeks = org.jsoup.Jsoup.parse(course).getElementById("extend-weeks");
		assertThat(weeks.attr("aria-describedby")).isEqualTo("extend-weeks-error");
		assertThat(org.jsoup.Jsoup.parse(course).getElementById("extend-weeks-error").text()).contains("hoogstens 12 weken");
		// Only what fits in twelve weeks is offered: six for a trajectory of six, none at twelve.
		assertThat(weeks.select("option")).extracting(org.jsoup.nodes.Element::val).containsExactly("1", "2", "3", "4", "5", "6");
		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "6")
			.param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"));
		course = mvc.perform(get("/coach/trajectories/{id}/course", running.id()).with(coach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(course).getElementById("extend-weeks")).isNull();
		assertThat(course).contains("Dit traject duurt al 12 weken");
	}

	/**
	 * The coach's pages named no extension: the record said each one's weeks and the last contact moment its mail
	 * named, the course page and the conversation page only the status. Both now list each extension as the record does,
	 * in Dutch and in English.
	 */
	@Test
	void theCoachSeesEachExtensionWithItsWeeksAndTheLastMomentItsMailNamed(@Autowired TrajectoryLifecycle lifecycle) throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		lifecycle.extend(running.id(), running.coach().id(), 2, Reason.MORE_TIME_NEEDED, null);
		lifecycle.extend(running.id(), running.coach().id(), 1, Reason.JOB_CHANGE, null);
		List<String> told = jdbc.sql("select subject from outbound_mail where recipient = :to and subject like '%verlengd tot%' order by created_at")
			.param("to", running.participant().email()).query(String.class).list()
			.stream().map(subject -> subject.substring(subject.indexOf("verlengd tot ") + "verlengd tot ".length()).strip()).toList();
		assertThat(told).hasSize(2);

		for (String page : List.of("/coach/trajectories/{id}/course", "/coach/trajectories/{id}")) {
			Document shown = Jsoup.parse(mvc.perform(get(page, running.id()).param("lang", "nl").with(coach))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
			assertThat(shown.select("#course-extensions h2, #course-extensions h3").text()).isEqualTo("Verlengingen");
			List<String> lines = shown.select("#course-extensions li").eachText();
			assertThat(lines).as(page).hasSize(2);
			assertThat(lines.get(0)).contains("met 2 weken verlengd", "Daarmee werd het laatste contactmoment " + told.get(0) + ".");
			assertThat(lines.get(1)).contains("met 1 week verlengd", "Daarmee werd het laatste contactmoment " + told.get(1) + ".");
		}
		var dutch = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"));
		var english = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH);
		Document shown = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).param("lang", "en").with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(shown.select("#course-extensions h2, #course-extensions h3").text()).isEqualTo("Extensions");
		List<String> lines = shown.select("#course-extensions li").eachText();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).contains("extended by 2 weeks",
				"With it, the last contact moment became " + english.format(dutch.parse(told.get(0))) + ".");
		assertThat(lines.get(1)).contains("extended by 1 week",
				"With it, the last contact moment became " + english.format(dutch.parse(told.get(1))) + ".");
	}

	/** A trajectory never extended lists no extensions on the coach's pages. */
	@Test
	void aTrajectoryNeverExtendedListsNoExtensions() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		for (String page : List.of("/coach/trajectories/{id}/course", "/coach/trajectories/{id}")) {
			Document shown = Jsoup.parse(mvc.perform(get(page, running.id()).with(coach))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
			assertThat(shown.select("#course-extensions")).isEmpty();
		}
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
		// The report says so too (it read "from running to running").
		String report = mvc.perform(get("/participant/report/{id}", running.id()).with(user(users.loadUserByUsername(running.participant().email()))))
			.andReturn().getResponse().getContentAsString();
		// With the weeks it added and where it brought the plan.
		assertThat(report).contains("het traject is met 1 week verlengd, reden: ", "Daarmee werd het laatste contactmoment ")
			.doesNotContain("van Lopend naar Lopend");
	}

	/**
	 * Accepted to start next month, the trajectory runs already; completing it waits for its first day
	 * (a completion asked for an evaluation and told the employer), stopping does not.
	 */
	@Test
	void aTrajectoryThatStartsLaterIsCompletedFromItsStartAndCanBeStoppedBefore(@Autowired Matching matching) throws Exception {
		var base = fixtures.runningTrajectory(true);
		var proposal = fixtures.proposal(base);
		java.time.LocalDate startOn = nl.briefwissel.Today.date().plusDays(20);
		matching.accept(proposal.trajectoryId(), proposal.coach().id(), startOn);
		var coach = user(users.loadUserByUsername(proposal.coach().email()));

		mvc.perform(post("/coach/trajectories/{id}/complete", proposal.trajectoryId()).param("reason", "QUESTION_ANSWERED")
			.with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("lifecycleErrors", Map.of("", "trajectory.illegal.completeBeforeStart")));
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(events.stream(TrajectoryEvents.TrajectoryCompleted.class)).isEmpty();
		String course = mvc.perform(get("/coach/trajectories/{id}/course", proposal.trajectoryId()).with(coach))
			.andReturn().getResponse().getContentAsString();
		assertThat(course).contains("Afronden kan vanaf de startdatum")
			.doesNotContain("action=\"/coach/trajectories/" + proposal.trajectoryId() + "/complete\"")
			.contains("action=\"/coach/trajectories/" + proposal.trajectoryId() + "/stop\"");

		mvc.perform(post("/coach/trajectories/{id}/stop", proposal.trajectoryId()).param("reason", "NO_RESPONSE")
			.param("confirmed", "true").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.stopped"));
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.STOPPED);
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
		// As a run that listed it before the coach resumed and paused again to a later day finds it: not over yet.
		assertThat(lifecycle.endPause(running.id(), until.minusDays(1))).isFalse();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.PAUSED);

		pauseEnds.resumeOn(until);
		pauseEnds.resumeOn(until.plusDays(1));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :t and from_status = 'PAUSED'")
			.param("t", running.id()).query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select until_date from trajectory_pause where trajectory_id = :t").param("t", running.id())
			.query(LocalDate.class).single()).as("the pause as chosen").isEqualTo(until);
	}

	/**
	 * Extended during a pause that then ended on its day by itself, the record lost the last contact moment the
	 * extension's mail named: the stored pause could not tell a pause that ran its course from one a coach ended early.
	 * The resume by nobody tells it.
	 */
	@Test
	void anExtensionDuringAPauseThatEndsByItselfKeepsTheLastMomentItsMailNamed(@Autowired PauseEnds pauseEnds,
			@Autowired TrajectoryLifecycle lifecycle) throws Exception {
		var paused = fixtures.runningTrajectory(true);
		LocalDate until = Today.date().plusWeeks(2);
		lifecycle.pause(paused.id(), paused.coach().id(), until, Reason.PERSONAL_CIRCUMSTANCES, null);
		lifecycle.extend(paused.id(), paused.coach().id(), 2, Reason.MORE_TIME_NEEDED, null);
		String subject = jdbc.sql("select subject from outbound_mail where recipient = :to and subject like '%verlengd tot%'")
			.param("to", paused.participant().email()).query(String.class).single();
		String told = subject.substring(subject.indexOf("verlengd tot ") + "verlengd tot ".length()).strip();

		pauseEnds.resumeOn(until);
		// As the run on that day stores it: the test's clock is still today.
		jdbc.sql("update trajectory_transition set at = :at where trajectory_id = :t and from_status = 'PAUSED' and to_status = 'RUNNING'")
			.param("at", until.atTime(9, 0).atZone(java.time.ZoneId.of("Europe/Amsterdam")).toOffsetDateTime())
			.param("t", paused.id()).update();
		assertThat(trajectories.byId(paused.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		String record = Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl")
			.with(user(users.loadUserByUsername(paused.participant().email())))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(record).contains("Daarmee werd het laatste contactmoment " + told + ".");
	}

	/**
	 * Extended weeks after its last contact moment, a trajectory gets its new moments from today on,
	 * stored so that every read plans them alike; it still runs, and nobody is told of a pause.
	 */
	@Test
	void anExtensionAfterTheLastMomentPlansTheNewMomentsFromToday(@Autowired TrajectoryLifecycle lifecycle) {
		var base = fixtures.runningTrajectory(true);
		var behind = fixtures.anotherFor(base, Today.date().minusWeeks(10));
		ContactMomentPlan planned = trajectories.load(behind.id()).orElseThrow().plan();
		assertThat(planned.dueDates()).allSatisfy(due -> assertThat(due).isBefore(Today.date()));

		lifecycle.extend(behind.id(), behind.coach().id(), 2, Reason.MORE_TIME_NEEDED, "Nog een sollicitatie voorbereiden");

		ContactMomentPlan extended = trajectories.load(behind.id()).orElseThrow().plan();
		assertThat(extended.dueDates().subList(0, planned.size())).isEqualTo(planned.dueDates());
		assertThat(extended.dueDates().subList(planned.size(), extended.size())).hasSize(4)
			.allSatisfy(due -> assertThat(due).isAfter(Today.date()));
		TrajectoryOverview overview = trajectories.byId(behind.id()).orElseThrow();
		assertThat(overview.plan()).contains(extended);
		assertThat(overview.status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(overview.progressOn(Today.date())).hasValueSatisfying(progress -> {
			assertThat(progress.current()).isEqualTo(planned.size() + 1);
			assertThat(progress.nextDue()).isAfter(Today.date());
		});
		assertThat(events.stream(TrajectoryEvents.TrajectoryPaused.class).filter(e -> e.trajectoryId().equals(behind.id())))
			.isEmpty();
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

	/** Paused and resumed on one day, the pause took no day: a second pause that day is a pause like any (it was a 500). */
	@Test
	void aPauseResumedOnItsFirstDayIsForgottenSoTheDayCanBePausedAgain() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		ContactMomentPlan planned = trajectories.load(running.id()).orElseThrow().plan();
		LocalDate until = Today.date().plusWeeks(1);

		pause(running.id(), coach, until.toString(), "Ziek").andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		mvc.perform(post("/coach/trajectories/{id}/resume", running.id()).with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.resumed"));
		assertThat(trajectories.byId(running.id()).orElseThrow().pauses()).isEmpty();
		assertThat(trajectories.load(running.id()).orElseThrow().plan()).as("no contact moment moved").isEqualTo(planned);

		pause(running.id(), coach, until.toString(), "Toch ziek").andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		TrajectoryOverview paused = trajectories.byId(running.id()).orElseThrow();
		assertThat(paused.status()).isEqualTo(TrajectoryStatus.PAUSED);
		assertThat(paused.pauses()).containsExactly(new Trajectory.Pause(Today.date(), until));
	}

	/** The same on a fixed Monday, so that it does not depend on today being a working day; a day later the day counts. */
	@Test
	void onlyAPausedDayMovesTheContactMoments() {
		LocalDate monday = LocalDate.of(2026, 3, 2);
		var trajectory = new Trajectory(UUID.randomUUID(), TrajectoryStatus.RUNNING, UUID.randomUUID(), monday, null, 6, 2, 0,
				List.of());
		ContactMomentPlan planned = trajectory.plan();

		trajectory.pause(monday, monday.plusWeeks(1), Reason.PERSONAL_CIRCUMSTANCES, null);
		trajectory.resume(monday);
		assertThat(trajectory.plan()).isEqualTo(planned);
		assertThat(trajectory.pauses()).isEmpty();

		trajectory.pause(monday, monday.plusWeeks(1), Reason.PERSONAL_CIRCUMSTANCES, null);
		trajectory.resume(monday.plusDays(1));
		assertThat(trajectory.pauses()).containsExactly(new Trajectory.Pause(monday, monday.plusDays(1)));
		assertThat(trajectory.plan().dueDates()).first().isEqualTo(planned.dueDates().get(0).plusDays(1));
	}

	/** A second click on "Hervatten", or a page opened before the pause ended by itself: it runs, and that is what it says. */
	@Test
	void resumingATrajectoryThatRunsAgainSaysSo(@Autowired PauseEnds pauseEnds) throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		LocalDate until = Today.date().plusDays(7);
		pause(running.id(), coach, until.toString(), "");
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/trajectories/{id}/resume", running.id()).with(csrf()).with(coach))
				.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.resumed"))
				.andExpect(flash().attributeCount(1));
		}
		pause(running.id(), coach, until.toString(), "");
		pauseEnds.resumeOn(until);
		mvc.perform(post("/coach/trajectories/{id}/resume", running.id()).with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.resumed"));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		// Resumed by the first click and by the pause's end, not by the clicks after (other tests' pauses may end here too).
		assertThat(events.stream(TrajectoryEvents.TrajectoryResumed.class).filter(e -> e.trajectoryId().equals(running.id())))
			.hasSize(2);
	}

	/** A pause refused for its date comes back open, as typed, with the sentence at the date (WCAG 3.3.1, 3.3.3). */
	@Test
	void aPauseRefusedForItsDateComesBackAsTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String yesterday = Today.date().minusDays(1).toString();
		MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", yesterday)
			.param("reason", "NO_TIME").param("why", "Drukke maand op het werk, daarna verder.").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("pause-until", "trajectory.illegal.pauseDates")))
			.andExpect(view().name("trajectory/course"))
			.andReturn();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		Document page = shown(refused);
		assertThat(page.getElementById("pause-why").text()).isEqualTo("Drukke maand op het werk, daarna verder.");
		assertThat(page.select("#pause-reason option[selected]")).extracting(Element::val).containsExactly("NO_TIME");
		Element until = page.getElementById("pause-until");
		assertThat(until.val()).isEqualTo(yesterday);
		// The date field offers no day the server refuses: from tomorrow, as the application's clock has it.
		assertThat(until.attr("min")).isEqualTo(Today.date().plusDays(1).toString());
		assertThat(Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).with(coach)).andReturn().getResponse()
			.getContentAsString()).getElementById("pause-until").attr("min")).isEqualTo(Today.date().plusDays(1).toString());
		assertThat(until.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, until)).singleElement()
			.satisfies(error -> assertThat(error.text()).isEqualTo("Kies een einddatum van de pauze na vandaag."));
		assertThat(until.closest("details").hasAttr("open")).isTrue();
		assertThat(page.getElementById("stop-why").text()).isEmpty();

		// Paused in another tab meanwhile, and a pause sent without its date (past the browser's check): the
		// pause form is gone from the page, so the sentence stands above the forms; nothing on the page puts it
		// right, the trajectory's state is in the way: 409, not 422 (decision 0139).
		pause(running.id(), coach, Today.date().plusWeeks(1).toString(), "")
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		MvcResult refusedWhilePaused = mvc.perform(post("/coach/trajectories/{id}/pause", running.id())
			.param("reason", "NO_TIME").with(csrf()).with(coach))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("lifecycleErrors", Map.of("pause-until", "trajectory.illegal.pauseDates")))
			.andReturn();
		Document paused = shown(refusedWhilePaused);
		assertThat(paused.getElementById("pause-until")).isNull();
		assertThat(paused.select("[role=alert]").text()).contains("Kies een einddatum van de pauze na vandaag.");
		assertThat(paused.select("#lifecycle-errors h2").text()).as("nothing typed is wrong: no ‘fill in’ heading")
			.isEqualTo("Deze wijziging kan nu niet");
	}

	/**
	 * The course page of an ended trajectory said every change but resuming asks for a reason, with no change left
	 * to make. It says the trajectory has ended, cannot be changed and where its conversation stays to read.
	 */
	@Test
	void theCoursePageOfAnEndedTrajectoryGivesNoInstructionsForChanges() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_TIME")
			.param("confirmed", "true").with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.STOPPED);
		Document page = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("course-intro")).isNull();
		assertThat(page.text()).doesNotContain("vraagt om een reden");
		assertThat(page.getElementById("course-ended").text()).startsWith("Dit traject is gestopt en gaat niet meer open");
		assertThat(page.select("form[action*=/pause], form[action*=/extend], form[action*=/stop]")).isEmpty();
		Document english = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).param("lang", "en").with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.text()).doesNotContain("asks for a reason");
		assertThat(english.getElementById("course-ended").text()).startsWith("This trajectory has been stopped");
	}

	/**
	 * A pause or extension refused for what was typed was a redirect to the course page with the refusals flashed:
	 * the page after it answered 200, as a change made does, and its title was the page's own. It is the course page
	 * again, 422, the title saying "Fout:" first, the list above the forms taking the focus and linking to the field,
	 * what was typed kept (decision 0139).
	 */
	@Test
	void aPauseOrExtensionRefusedForWhatWasTypedIsTheCoursePageAgainWith422() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String yesterday = Today.date().minusDays(1).toString();
		MvcResult pause = mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", yesterday)
			.param("reason", "NO_TIME").param("why", "Drukke maand.").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andReturn();
		Document page = shown(pause);
		assertThat(page.title()).startsWith("Fout: ");
		Element list = page.getElementById("lifecycle-errors");
		assertThat(list.hasAttr("autofocus")).as("the list takes the focus: no #field to open the page at").isTrue();
		assertThat(list.select("h2").text()).as("headed as every other error summary").isEqualTo("Nog niet alles is goed ingevuld");
		assertThat(list.select("a").eachAttr("href")).containsExactly("#pause-until");
		assertThat(page.getElementById("pause-until").val()).isEqualTo(yesterday);
		assertThat(page.getElementById("pause-why").text()).isEqualTo("Drukke maand.");

		MvcResult extend = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("lang", "en").param("weeks", "3")
			.param("fromWeeks", "6").param("why", "Another application.").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andReturn();
		page = shown(extend);
		assertThat(page.title()).startsWith("Error: ");
		assertThat(page.select("#lifecycle-errors a").eachAttr("href")).containsExactly("#extend-reason");
		assertThat(page.getElementById("extend-reason").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#extend-weeks option[selected]")).extracting(Element::val).containsExactly("3");
		assertThat(page.getElementById("extend-why").text()).isEqualTo("Another application.");
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(6);
	}

	/** An explanation longer than its column is refused at its field, whole, instead of cut without a word. */
	@Test
	void anExplanationTooLongIsRefusedAtItsFieldAndNotCut() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String tooLong = "Lang verhaal. ".repeat(143);
		MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE")
			.param("why", tooLong).with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("stop-why", "trajectory.lifecycle.whyTooLong")))
			.andExpect(view().name("trajectory/course"))
			.andReturn();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		Document page = shown(refused);
		Element why = page.getElementById("stop-why");
		assertThat(why.text()).isEqualTo(tooLong.strip());
		assertThat(why.attr("maxlength")).isEqualTo("2000");
		assertThat(why.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, why)).singleElement().satisfies(error -> assertThat(error.text()).contains("2.000"));
		assertThat(page.select("#lifecycle-errors a")).as("and in the list above the forms, linked to the field").singleElement()
			.satisfies(link -> assertThat(link.attr("href")).isEqualTo("#stop-why"))
			.satisfies(link -> assertThat(link.text()).contains("2.000"));

		// What a browser's maxlength lets through fits: it counts a line break once, and so is it kept.
		String full = "a".repeat(999) + "\r\n" + "b".repeat(1000);
		pause(running.id(), coach, Today.date().plusWeeks(1).toString(), full)
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		String kept = pauseReason(running.id());
		assertThat(kept).hasSize(2000).isEqualTo("a".repeat(999) + "\n" + "b".repeat(1000));
	}

	private ResultActions resume(UUID id, RequestPostProcessor coach, LocalDate shownUntil) throws Exception {
		return mvc.perform(post("/coach/trajectories/{id}/resume", id).param("pausedUntil", shownUntil.toString()).with(csrf()).with(coach));
	}

	private ResultActions pause(UUID id, RequestPostProcessor coach, String until, String why)
			throws Exception {
		return mvc.perform(post("/coach/trajectories/{id}/pause", id).param("until", until)
			.param("reason", "PERSONAL_CIRCUMSTANCES").param("why", why).with(csrf()).with(coach));
	}

	/** The course page a refused change answers with (422), the form again: no redirect to follow. */
	private static Document shown(MvcResult refused) throws Exception {
		return Jsoup.parse(refused.getResponse().getContentAsString());
	}

	/** The coach's words with the pause, as stored: sealed (decision 0009), opened here. */
	/**
	 * Resuming asks for no reason, and none is stored: the row said OTHER only because the column wanted a code,
	 * and every reader had to know that a resume's 'other' meant nothing.
	 */
	@Test
	void aResumeIsStoredWithoutAReason(@Autowired TrajectoryLifecycle lifecycle) {
		var running = fixtures.runningTrajectory(true);
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2), Reason.NO_TIME, null);
		lifecycle.resume(running.id(), running.coach().id());

		List<String> codes = jdbc.sql("""
				select reason_code from trajectory_transition
				where trajectory_id = :id and from_status = 'PAUSED' and to_status = 'RUNNING'""")
			.param("id", running.id())
			.query((rs, n) -> rs.getString("reason_code"))
			.list();
		assertThat(codes).containsExactly((String) null);
		assertThat(trajectories.history(running.id())).last().satisfies(change -> {
			assertThat(change.to()).isEqualTo(TrajectoryStatus.RUNNING);
			assertThat(change.reason()).isNull();
		});
	}

	/** Proposing a coach asks for no reason either: stored with none, where the export listed 'OTHER'. */
	@Test
	void aProposalIsStoredWithoutAReason() {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));

		assertThat(jdbc.sql("select reason_code from trajectory_transition where trajectory_id = :id and to_status = 'MATCHING'")
			.param("id", proposal.trajectoryId())
			.query((rs, n) -> rs.getString("reason_code"))
			.list()).containsExactly((String) null);
	}

	private String pauseReason(UUID trajectory) {
		return jdbc.sql("select reason, reason_key_id from trajectory_transition where trajectory_id = :id and to_status = 'PAUSED'")
			.param("id", trajectory)
			.query((rs, n) -> encryption.openText(rs.getString("reason_key_id"), rs.getString("reason")))
			.single();
	}

	@Autowired
	nl.briefwissel.encryption.Encryption encryption;
}

package nl.briefwissel.trajectory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Each change of course offers the reasons that fit it, none chosen in advance, 'other' only with
 * words; completing and stopping, which cannot be undone, ask first (decision 0064, WCAG 3.3.4).
 */
@BriefwisselTest
@RecordApplicationEvents
class CourseReasonsAndConfirmationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	Trajectories trajectories;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void eachChangeOffersItsOwnReasonsWithNoneChosenInAdvance() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		Document page = page(get("/coach/trajectories/{id}/course", running.id()), coach);
		assertThat(values(page, "pause")).containsExactly("", "PERSONAL_CIRCUMSTANCES", "NO_TIME", "JOB_CHANGE", "OTHER");
		assertThat(values(page, "extend")).containsExactly("", "MORE_TIME_NEEDED", "PERSONAL_CIRCUMSTANCES", "JOB_CHANGE", "OTHER");
		assertThat(values(page, "complete")).containsExactly("", "QUESTION_ANSWERED", "JOB_CHANGE", "OTHER");
		assertThat(values(page, "stop")).containsExactly("", "NO_RESPONSE", "PERSONAL_CIRCUMSTANCES", "NO_TIME",
				"OTHER_FORM_OF_COACHING", "JOB_CHANGE", "OTHER");
		assertThat(page.select("select[name=reason] option[selected]")).isEmpty();
		assertThat(page.select("#stop-reason option").first().text()).isEqualTo("Kies een reden");
		Document english = page(get("/coach/trajectories/{id}/course", running.id()).param("lang", "en"), coach);
		assertThat(english.select("#stop-reason option").first().text()).isEqualTo("Choose a reason");
	}

	@Test
	void aChangeWithoutAReasonIsRefusedAtItsFieldAndInTheListAboveAsTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "")
			.param("why", "Sinds mei geen antwoord meer.").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("stop-reason", "trajectory.lifecycle.reasonMissing")))
			.andExpect(view().name("trajectory/course"))
			.andReturn();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		Document page = refused(refused);
		Element reason = page.getElementById("stop-reason");
		assertThat(reason.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, reason)).singleElement()
			.satisfies(error -> assertThat(error.text()).isEqualTo("Kies een reden uit de lijst."));
		assertThat(page.select("#lifecycle-errors a")).singleElement().satisfies(link -> {
			assertThat(link.attr("href")).isEqualTo("#stop-reason");
			assertThat(link.text()).isEqualTo("Kies een reden uit de lijst.");
		});
		assertThat(page.getElementById("stop-why").text()).isEqualTo("Sinds mei geen antwoord meer.");
		assertThat(reason.closest("details").hasAttr("open")).isTrue();
		MvcResult inEnglish = mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("lang", "en")
			.param("why", "No answer since May.").with(csrf()).with(coach)).andReturn();
		assertThat(refused(inEnglish).select("#stop-reason-error, #lifecycle-errors a").eachText())
			.containsExactly("Choose a reason from the list.", "Choose a reason from the list.");

		// A reason of another change, as an old page or a hand-made request sends it: not one chosen for this one.
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "MORE_TIME_NEEDED").param("confirmed", "true")
			.with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("stop-reason", "trajectory.lifecycle.reasonMissing")));
		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", Today.date().plusWeeks(1).toString())
			.param("reason", "QUESTION_ANSWERED").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("pause-reason", "trajectory.lifecycle.reasonMissing")));
		// Two things wrong: both said, each at its field.
		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors",
					Map.of("pause-until", "trajectory.illegal.pauseDates", "pause-reason", "trajectory.lifecycle.reasonMissing")));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(events.stream(TrajectoryEvents.TrajectoryStopped.class)).isEmpty();
		assertThat(events.stream(TrajectoryEvents.TrajectoryPaused.class)).isEmpty();
	}

	/**
	 * A walk found it: a past end date and no reason said only "Kies een reden uit de lijst."; the reason chosen,
	 * the form came back a second time for the date. Every field is asked at once, and so is the number of weeks.
	 */
	@Test
	void aPastEndDateAndNoReasonAreSaidTogetherAsAreTooManyWeeks() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", Today.date().minusDays(3).toString())
			.with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors",
					Map.of("pause-until", "trajectory.illegal.pauseDates", "pause-reason", "trajectory.lifecycle.reasonMissing")));
		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", Today.date().plusYears(1).toString())
			.with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors",
					Map.of("pause-until", "trajectory.illegal.pauseLength", "pause-reason", "trajectory.lifecycle.reasonMissing")));
		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "40").param("fromWeeks", "6")
			.with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors",
					Map.of("extend-weeks", "trajectory.illegal.extendWeeks", "extend-reason", "trajectory.lifecycle.reasonMissing")));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(6);
	}

	/**
	 * The pause's date field offers the days a pause may end on: from tomorrow up to half a year on, as the service
	 * allows. It had a min and no max, so a picker offered years ahead that were refused only after sending. A later
	 * day sent all the same is refused at its field, in both languages; the last day allowed is taken.
	 */
	@Test
	void thePauseDateFieldEndsWhereAPauseMayEnd() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		java.time.LocalDate last = Today.date().plusMonths(6);
		Element field = page(get("/coach/trajectories/{id}/course", running.id()), coach).getElementById("pause-until");
		assertThat(field.attr("min")).isEqualTo(Today.date().plusDays(1).toString());
		assertThat(field.attr("max")).isEqualTo(last.toString());

		for (String[] language : new String[][] { { "nl", "Een pauze duurt hoogstens een half jaar. Kies een eerdere einddatum." },
				{ "en", "A pause lasts half a year at most. Choose an earlier end date." } }) {
			MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("lang", language[0])
				.param("until", last.plusDays(1).toString()).param("reason", "NO_TIME").with(csrf()).with(coach))
				.andExpect(status().isUnprocessableContent())
				.andExpect(model().attribute("lifecycleErrors", Map.of("pause-until", "trajectory.illegal.pauseLength")))
				.andReturn();
			Document page = refused(refused);
			assertThat(describedBy(page, page.getElementById("pause-until"))).singleElement()
				.satisfies(error -> assertThat(error.text()).as(language[0]).isEqualTo(language[1]));
			assertThat(page.getElementById("pause-until").attr("max")).isEqualTo(last.toString());
		}
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).param("until", last.toString()).param("reason", "NO_TIME")
			.with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		assertThat(trajectories.byId(running.id()).orElseThrow().pausedUntil()).isEqualTo(last);
	}

	@Test
	void otherAsksForAnExplanation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2")
			.param("fromWeeks", "6").param("reason", "OTHER").param("why", "  \r\n ").with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("extend-why", "trajectory.lifecycle.otherWithoutWhy")))
			.andExpect(view().name("trajectory/course"))
			.andReturn();
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(6);
		Document page = refused(refused);
		assertThat(page.select("#extend-reason option[selected]")).extracting(Element::val).containsExactly("OTHER");
		assertThat(page.select("#extend-weeks option[selected]")).extracting(Element::val).containsExactly("2");
		assertThat(describedBy(page, page.getElementById("extend-why"))).singleElement()
			.satisfies(error -> assertThat(error.text()).contains("‘Anders’"));

		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "2").param("fromWeeks", "6")
			.param("reason", "OTHER").param("why", "Eerst de proeftijd afwachten").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"));
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(8);
	}

	/**
	 * The course page open in two tabs, each extending by a week from the six it showed. The first extends; its own
	 * second click finds the seven weeks it asked for and says it is extended. The second tab's seven weeks stand as
	 * it asked, but not by its doing: it said extended and mailed nothing. Now it is refused, 409, the page saying how
	 * long the trajectory lasts now; one extension, one mail.
	 */
	@Test
	void aSecondTabExtendingAsTheFirstDidIsToldTheTrajectoryChanged() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		String first = page(get("/coach/trajectories/{id}/course", running.id()), coach).selectFirst("input[name=formId]").val();
		String second = page(get("/coach/trajectories/{id}/course", running.id()), coach).selectFirst("input[name=formId]").val();
		assertThat(first).isNotBlank().isNotEqualTo(second);

		jakarta.servlet.http.Cookie session = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "1")
			.param("fromWeeks", "6").param("formId", first).param("reason", "MORE_TIME_NEEDED").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"))
			.andReturn().getResponse().getCookie("BRIEFWISSEL_SESSION");
		assertThat(session).isNotNull();
		mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("weeks", "1").param("fromWeeks", "6")
			.param("formId", first).param("reason", "MORE_TIME_NEEDED").cookie(session).with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.extended"));

		for (String language : List.of("nl", "en")) {
			MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).param("lang", language)
				.param("weeks", "1").param("fromWeeks", "6").param("formId", second).param("reason", "MORE_TIME_NEEDED")
				.cookie(session).with(csrf()).with(coach))
				.andExpect(status().isConflict())
				.andExpect(flash().attributeCount(0))
				.andExpect(view().name("trajectory/course"))
				.andReturn();
			assertThat(Jsoup.parse(refused.getResponse().getContentAsString()).select("[role=alert]").text())
				.contains(language.equals("nl") ? "Het traject is intussen gewijzigd" : "The trajectory was changed in the meantime: it now lasts 7 weeks.");
		}
		assertThat(trajectories.byId(running.id()).orElseThrow().totalWeeks()).isEqualTo(7);
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to and subject like '%verlengd%'")
			.param("to", running.participant().email()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void stoppingAsksFirstAndOnlyTheConfirmationStops() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		MvcResult asked = mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE")
			.param("why", "Sinds mei geen antwoord.\nTwee keer gebeld.").with(csrf()).with(coach))
			.andExpect(status().isOk())
			.andExpect(view().name("trajectory/course-confirm"))
			.andReturn();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(events.stream(TrajectoryEvents.TrajectoryStopped.class)).isEmpty();

		Document confirm = Jsoup.parse(asked.getResponse().getContentAsString());
		String name = running.participant().displayName();
		assertThat(confirm.select("h1").text()).isEqualTo("Het traject met " + name + " stoppen?");
		assertThat(confirm.select("main").text()).contains("Geen reactie meer", "Sinds mei geen antwoord.",
				"Dat kun je niet ongedaan maken", "Briefwissel mailt " + name + " dat het traject is gestopt");
		Element form = confirm.selectFirst("form[action=/coach/trajectories/" + running.id() + "/stop]");
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		assertThat(form.select("input[name=reason]").val()).isEqualTo("NO_RESPONSE");
		assertThat(form.select("input[name=why]").val()).isEqualTo("Sinds mei geen antwoord.\nTwee keer gebeld.");
		assertThat(form.select("button[name=confirmed][value=true]").text()).isEqualTo("Ja, stoppen");
		assertThat(form.select("button[name=back]").text()).isEqualTo("Terug");
		Document english = Jsoup.parse(mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("lang", "en")
			.param("reason", "NO_RESPONSE").with(csrf()).with(coach)).andReturn().getResponse().getContentAsString());
		assertThat(english.select("button[name=confirmed]").text()).isEqualTo("Yes, stop");
		assertThat(english.select("button[name=back]").text()).isEqualTo("Back");
		assertThat(english.select("main").text()).contains("This cannot be undone", "No explanation");

		// Back: the form as it was filled in, nothing changed.
		MvcResult back = mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE")
			.param("why", "Sinds mei geen antwoord.").param("back", "true").with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "/course#stop-reason"))
			.andReturn();
		Document page = after(back, running.id(), coach, "nl");
		assertThat(page.select("#stop-reason option[selected]")).extracting(Element::val).containsExactly("NO_RESPONSE");
		assertThat(page.getElementById("stop-why").text()).isEqualTo("Sinds mei geen antwoord.");
		assertThat(page.select("#lifecycle-errors")).isEmpty();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		// Yes, twice (a double click): stopped once, and both say so.
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE")
				.param("why", "Sinds mei geen antwoord.").param("confirmed", "true").with(csrf()).with(coach))
				.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.stopped"));
		}
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.STOPPED);
		assertThat(events.stream(TrajectoryEvents.TrajectoryStopped.class)).singleElement()
			.satisfies(stopped -> assertThat(stopped.reason()).isEqualTo(Reason.NO_RESPONSE));
	}

	@Test
	void completingAsksFirstToo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		Document confirm = page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.with(csrf()), coach);
		assertThat(confirm.select("h1").text()).isEqualTo("Het traject met " + running.participant().displayName() + " afronden?");
		assertThat(confirm.select("main").text()).contains("De vraag is beantwoord", "Geen toelichting", "met de vraag het traject te beoordelen");
		assertThat(confirm.select("button[name=confirmed]").text()).isEqualTo("Ja, afronden");
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(events.stream(TrajectoryEvents.TrajectoryCompleted.class)).isEmpty();

		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.param("confirmed", "true").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"));
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.COMPLETED);
	}

	/**
	 * The confirmation knows whether the participant agreed that their employer is told: it says which case applies,
	 * not "if they agreed, the employer is told". An agreement for a contact the programme has changed since sends
	 * nothing (decision 0036), and is said so too. Dutch and English.
	 */
	@Test
	void theConfirmationOfCompletingSaysWhetherTheEmployerIsTold() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		String name = running.participant().displayName();
		assertThat(whatHappens(running, coach, "nl")).contains(name + " heeft geen toestemming gegeven om de werkgever te informeren: "
				+ "de werkgever krijgt geen bericht.").doesNotContain("Gaf " + name);
		assertThat(whatHappens(running, coach, "en")).contains(name + " has not agreed that the employer is informed: "
				+ "the employer is not told.").doesNotContain("If " + name);

		jdbc.sql("update programme set employer_contact = 'hr@example.nl' where id = :id").param("id", running.programmeId()).update();
		jdbc.sql("update trajectory set employer_may_confirm = true, employer_contact = 'hr@example.nl' where id = :id")
			.param("id", running.id()).update();
		assertThat(whatHappens(running, coach, "nl")).contains(name + " gaf toestemming om de werkgever te informeren: "
				+ "de werkgever krijgt bericht dat het traject is afgerond.");
		assertThat(whatHappens(running, coach, "en")).contains(name + " agreed that the employer is informed: "
				+ "the employer is told that the trajectory has been completed.");

		jdbc.sql("update programme set employer_contact = 'personeelszaken@example.nl' where id = :id").param("id", running.programmeId())
			.update();
		assertThat(whatHappens(running, coach, "nl")).contains("de werkgever krijgt geen bericht")
			.doesNotContain("de werkgever krijgt bericht dat");
		assertThat(whatHappens(running, coach, "en")).contains("the employer is not told");

		// Agreed while the programme had no contact address (none was stored): no address "agreed to" to speak of.
		jdbc.sql("update trajectory set employer_contact = null where id = :id").param("id", running.id()).update();
		assertThat(whatHappens(running, coach, "nl")).contains(name + " gaf toestemming om de werkgever te informeren, maar het programma "
				+ "had toen geen contactadres, dus is er geen contactadres afgesproken: de werkgever krijgt geen bericht.")
			.doesNotContain("waarvoor");
		assertThat(whatHappens(running, coach, "en")).contains(name + " agreed that the employer is informed, but the programme had no "
				+ "contact address then, so no contact address was agreed: the employer is not told.").doesNotContain("agreed to,");
	}

	private String whatHappens(Fixtures.RunningTrajectory running, RequestPostProcessor coach, String language) throws Exception {
		return page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").param("lang", language)
			.with(csrf()), coach).select("main ul").text();
	}

	/**
	 * The participant's letter is the newest of the conversation and the coach has not written since:
	 * the complete form and its confirmation say so, with the way to the write form, in Dutch and
	 * English; completing is not refused. The coach's answer takes the warning away.
	 */
	@Test
	void completingWhileTheParticipantWaitsForAnAnswerIsWarnedOfOnTheFormAndTheConfirmation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		String name = running.participant().displayName();
		String course = "/coach/trajectories/" + running.id() + "/course";
		assertThat(page(get(course), coach).getElementById("complete-unanswered")).as("nobody wrote yet").isNull();

		mvc.perform(post("/participant/conversation").param("text", "Zal ik de vacature bij de bibliotheek proberen?")
			.param("trajectory", running.id().toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		String since = Today.date().format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));
		Element onForm = page(get(course), coach).getElementById("complete-unanswered");
		assertThat(onForm).as("on the complete form").isNotNull();
		assertThat(onForm.text()).contains(name + " wacht sinds " + since + " op je antwoord", "blijft dat bericht onbeantwoord");
		assertThat(onForm.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#write");

		Document confirm = page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").with(csrf()), coach);
		Element onConfirmation = confirm.getElementById("complete-unanswered");
		assertThat(onConfirmation).as("on the confirmation, where the coach decides").isNotNull();
		assertThat(onConfirmation.text()).contains(name + " wacht sinds " + since + " op je antwoord");
		assertThat(onConfirmation.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#write");
		assertThat(confirm.select("button[name=confirmed]").text()).as("a warning, not a refusal").isEqualTo("Ja, afronden");
		Document english = page(post("/coach/trajectories/{id}/complete", running.id()).param("lang", "en")
			.param("reason", "QUESTION_ANSWERED").with(csrf()), coach);
		assertThat(english.getElementById("complete-unanswered").text()).contains(name + " has been waiting for your reply since",
				"Reply first");

		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Ja, probeer het gerust!")
			.with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get(course), coach).getElementById("complete-unanswered")).as("answered").isNull();
		assertThat(page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").with(csrf()), coach)
			.getElementById("complete-unanswered")).isNull();
	}

	/**
	 * The day the participant has been waiting since is the programme's: a letter of half past midnight in Amsterdam
	 * is of that day, though PostgreSQL hands its moment back in UTC, the day before (review, session 44).
	 */
	@Test
	void theDayTheParticipantWaitsSinceIsAmsterdamsDay() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/conversation").param("text", "Zal ik de vacature bij de bibliotheek proberen?")
			.param("trajectory", running.id().toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		java.time.ZoneId amsterdam = java.time.ZoneId.of("Europe/Amsterdam");
		java.time.LocalDate day = Today.date().minusDays(3);
		jdbc.sql("update message set created_at = :at where trajectory_id = :id and author_role = 'PARTICIPANT'")
			.param("at", day.atTime(0, 30).atZone(amsterdam).toOffsetDateTime())
			.param("id", running.id())
			.update();
		String since = day.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));
		Element onForm = page(get("/coach/trajectories/" + running.id() + "/course"), coach(running)).getElementById("complete-unanswered");
		assertThat(onForm.text()).contains(" wacht sinds " + since + " op je antwoord");
	}

	/**
	 * The summary's mail tells the participant they can react while the trajectory runs; a coach completed 13 seconds
	 * after sending it, warned of nothing. The confirmation says when it was sent and that the participant can no
	 * longer react, in Dutch and English, until the participant writes or reacts since; completing is not refused.
	 */
	@Test
	void completingJustAfterSendingTheSummaryIsWarnedOfUntilTheParticipantWrites() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		String name = running.participant().displayName();
		String course = "/coach/trajectories/" + running.id() + "/course";
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("summary", "Lesgeven geeft je energie.")
			.with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection());
		assertThat(page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").with(csrf()), coach)
			.getElementById("complete-summary-unanswered")).as("a draft is another warning").isNull();
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("summary", "Lesgeven geeft je energie.")
			.param("send", "true").with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection());

		Document confirm = page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").with(csrf()), coach);
		Element warning = confirm.getElementById("complete-summary-unanswered");
		assertThat(warning).as("just after sending").isNotNull();
		assertThat(warning.attr("class")).isEqualTo("utrecht-alert utrecht-alert--warning");
		assertThat(warning.text()).isEqualTo("Je stuurde de samenvatting vandaag, en " + name + " schreef daarna nog niet. In de mail "
				+ "staat dat " + name + " erop kan reageren zolang het traject loopt. Zodra je afrondt, kan " + name
				+ " er niet meer op reageren.");
		assertThat(confirm.select("button[name=confirmed]").text()).as("a warning, not a refusal").isEqualTo("Ja, afronden");
		assertThat(page(get(course), coach).getElementById("complete-summary-unanswered")).as("on the form too").isNotNull();
		assertThat(page(post("/coach/trajectories/{id}/complete", running.id()).param("lang", "en").param("reason", "QUESTION_ANSWERED")
			.with(csrf()), coach).getElementById("complete-summary-unanswered").text())
			.startsWith("You sent the summary today, and " + name + " has not written since.")
			.endsWith("Once you complete the trajectory, " + name + " can no longer react to it.");
		assertThat(page(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "PERSONAL_CIRCUMSTANCES").with(csrf()), coach)
			.getElementById("stop-summary-unanswered").text()).contains("Zodra je stopt, kan " + name + " er niet meer op reageren.");

		// Sent days ago: said with its date.
		jdbc.sql("update closing set sent_at = :at where trajectory_id = :id").param("at", java.time.OffsetDateTime.now().minusDays(3))
			.param("id", running.id()).update();
		String sentOn = Today.date().minusDays(3)
			.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));
		assertThat(page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").with(csrf()), coach)
			.getElementById("complete-summary-unanswered").text()).startsWith("Je stuurde de samenvatting op " + sentOn + ", en ");

		mvc.perform(post("/participant/conversation").param("text", "Dank je, mooi samengevat!")
			.param("trajectory", running.id().toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		Document afterLetter = page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.with(csrf()), coach);
		assertThat(afterLetter.getElementById("complete-summary-unanswered")).as("the participant wrote back").isNull();
		assertThat(afterLetter.getElementById("complete-unanswered")).as("their letter is the warning now").isNotNull();

		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.param("confirmed", "true").with(csrf()).with(coach))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.completed"));
	}

	/** A reaction on the participant's page to the summary is their answer to it as a letter is. */
	@Test
	void aReactionToTheSummaryTakesTheWarningAway() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("summary", "Lesgeven geeft je energie.")
			.param("send", "true").with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get("/coach/trajectories/" + running.id() + "/course"), coach)
			.getElementById("complete-summary-unanswered")).isNotNull();
		mvc.perform(post("/participant/closing").param("trajectory", running.id().toString()).param("reaction", "Klopt helemaal.")
			.with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		assertThat(page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED").with(csrf()), coach)
			.getElementById("complete-summary-unanswered")).isNull();
	}

	/**
	 * Stopping leaves the participant's newest letter unanswered as completing does: the stop form and its
	 * confirmation say so by the same rule, with the way to the write form, in Dutch and English; stopping
	 * is not refused. Before, only completing warned, and a coach who stopped learnt nothing of it.
	 */
	@Test
	void stoppingWhileTheParticipantWaitsForAnAnswerIsWarnedOfOnTheFormAndTheConfirmation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		String name = running.participant().displayName();
		String course = "/coach/trajectories/" + running.id() + "/course";
		assertThat(page(get(course), coach).getElementById("stop-unanswered")).as("nobody wrote yet").isNull();
		assertThat(page(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE").with(csrf()), coach)
			.getElementById("stop-unanswered")).as("nobody wrote yet").isNull();

		mvc.perform(post("/participant/conversation").param("text", "Ik stop liever, maar eerst nog een vraag.")
			.param("trajectory", running.id().toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		String since = Today.date().format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));
		Element onForm = page(get(course), coach).getElementById("stop-unanswered");
		assertThat(onForm).as("on the stop form").isNotNull();
		assertThat(onForm.text()).contains(name + " wacht sinds " + since + " op je antwoord", "Stop je nu, dan blijft dat bericht onbeantwoord");
		assertThat(onForm.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#write");
		assertThat(onForm.select("a").text()).isEqualTo("Eerst antwoorden");

		Document confirm = page(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "PERSONAL_CIRCUMSTANCES").with(csrf()), coach);
		Element onConfirmation = confirm.getElementById("stop-unanswered");
		assertThat(onConfirmation).as("on the confirmation, where the coach decides").isNotNull();
		assertThat(onConfirmation.text()).contains(name + " wacht sinds " + since + " op je antwoord", "Stop je nu");
		assertThat(onConfirmation.text()).as("not the words for completing").doesNotContain("Rond je nu af");
		assertThat(onConfirmation.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#write");
		assertThat(confirm.getElementById("complete-unanswered")).isNull();
		assertThat(confirm.select("button[name=confirmed]").text()).as("a warning, not a refusal").isEqualTo("Ja, stoppen");
		Document english = page(post("/coach/trajectories/{id}/stop", running.id()).param("lang", "en")
			.param("reason", "PERSONAL_CIRCUMSTANCES").with(csrf()), coach);
		assertThat(english.getElementById("stop-unanswered").text()).contains(name + " has been waiting for your reply since",
				"If you stop now, that message stays unanswered", "Reply first");

		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Stel je vraag gerust.")
			.with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get(course), coach).getElementById("stop-unanswered")).as("answered").isNull();
		assertThat(page(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "PERSONAL_CIRCUMSTANCES").with(csrf()), coach)
			.getElementById("stop-unanswered")).isNull();
	}

	/**
	 * The coach's draft of a letter, not sent, can no longer be sent once the trajectory ends: the complete and stop
	 * forms and their confirmations say so, with the way to the write form, in Dutch and English; ending is not
	 * refused. A draft emptied, or sent as the letter, takes the warning away; another coach's draft of the same
	 * trajectory (before a handover) is not this coach's to send. After the stop the draft stays on the coach's
	 * page only to copy, and goes with the trajectory's erasure.
	 */
	@Test
	void endingWithAnUnsentDraftLetterIsWarnedOfOnTheFormsAndTheConfirmations(@Autowired TrajectoryErasure erasure)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		String name = running.participant().displayName();
		String course = "/coach/trajectories/" + running.id() + "/course";
		String write = "/coach/trajectories/" + running.id() + "#write";
		Document before = page(get(course), coach);
		assertThat(before.getElementById("complete-letter-draft")).as("no draft yet").isNull();
		assertThat(before.getElementById("stop-letter-draft")).as("no draft yet").isNull();
		var otherCoach = fixtures.person(running.organisationId(), "vorige-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.nl", "Vorige Coach", nl.briefwissel.account.Role.COACH);
		jdbc.sql("""
				insert into draft (trajectory_id, coach_id, body, updated_at, revision)
				values (:t, :c, 'Concept van een vorige coach', :now, :r)""")
			.param("t", running.id()).param("c", otherCoach.id()).param("now", java.time.OffsetDateTime.now())
			.param("r", UUID.randomUUID()).update();
		assertThat(page(get(course), coach).getElementById("stop-letter-draft")).as("another coach's draft").isNull();

		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Beste Sanne, wat vond je van de opdracht?")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "   ")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		assertThat(page(get(course), coach).getElementById("stop-letter-draft")).as("emptied").isNull();
		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Beste Sanne, wat vond je van de opdracht?")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		String savedOn = Today.date().format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));

		Document forms = page(get(course), coach);
		for (String form : List.of("complete", "stop")) {
			Element warning = forms.getElementById(form + "-letter-draft");
			assertThat(warning).as("on the " + form + " form").isNotNull();
			assertThat(warning.text()).contains("Je hebt nog een conceptbrief aan " + name + " klaarstaan die niet verstuurd is",
					"laatst bewaard op " + savedOn, "kun je hem niet meer versturen", "alleen nog voor jou, om te kopiëren");
			assertThat(warning.select("a").attr("href")).isEqualTo(write);
			assertThat(warning.select("a").text()).isEqualTo("Eerst de conceptbrief afmaken en versturen");
		}
		assertThat(forms.getElementById("complete-letter-draft").text()).contains("Rond je nu af");
		assertThat(forms.getElementById("stop-letter-draft").text()).contains("Stop je nu", "de mail over het stoppen");

		Document completing = page(post("/coach/trajectories/{id}/complete", running.id()).param("reason", "QUESTION_ANSWERED")
			.with(csrf()), coach);
		assertThat(completing.getElementById("complete-letter-draft")).as("on the confirmation, where the coach decides").isNotNull();
		assertThat(completing.getElementById("complete-letter-draft").select("a").attr("href")).isEqualTo(write);
		assertThat(completing.select("button[name=confirmed]").text()).as("a warning, not a refusal").isEqualTo("Ja, afronden");
		Document stopping = page(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE").with(csrf()), coach);
		assertThat(stopping.getElementById("stop-letter-draft").text()).contains("Stop je nu").doesNotContain("Rond je nu af");
		assertThat(stopping.getElementById("complete-letter-draft")).isNull();
		Document english = page(post("/coach/trajectories/{id}/stop", running.id()).param("lang", "en").param("reason", "NO_RESPONSE")
			.with(csrf()), coach);
		assertThat(english.getElementById("stop-letter-draft").text()).contains(
				"You still have a draft letter to " + name + " that has not been sent", "If you stop now, you can no longer send it",
				"Finish and send the draft letter first");

		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE").param("confirmed", "true")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		Element left = page(get("/coach/trajectories/{id}", running.id()), coach).getElementById("not-sent");
		assertThat(left.text()).as("kept after the end, to copy").contains("Je had hier nog een concept",
				"Beste Sanne, wat vond je van de opdracht?");
		assertThat(page(get("/coach/trajectories/{id}", running.id()), coach).getElementById("write-form")).isNull();
		erasure.erase(running.id(), null);
		assertThat(jdbc.sql("select count(*) from draft where trajectory_id = :t").param("t", running.id()).query(Integer.class)
			.single()).as("erased with the trajectory").isZero();
	}

	/** A draft sent as the letter is no draft left to warn of. */
	@Test
	void aDraftSentAsTheLetterIsNoWarning() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = coach(running);
		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Hoe gaat het met de opdracht?")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		assertThat(page(get("/coach/trajectories/{id}/course", running.id()), coach).getElementById("complete-letter-draft")).isNotNull();
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Hoe gaat het met de opdracht?")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		Document forms = page(get("/coach/trajectories/{id}/course", running.id()), coach);
		assertThat(forms.getElementById("complete-letter-draft")).isNull();
		assertThat(forms.getElementById("stop-letter-draft")).isNull();
	}

	/** Another coach's trajectory answers 404 before anything is said about the reason, confirmed or not. */
	@Test
	void anotherCoachLearnsNothingFromTheReasonsOrTheConfirmation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = user(users.loadUserByUsername("coach@briefwissel.test"));
		for (String reason : List.of("", "NO_RESPONSE")) {
			mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", reason).with(csrf()).with(other))
				.andExpect(status().isNotFound());
		}
		mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("reason", "NO_RESPONSE").with(other))
			.andExpect(status().isForbidden());
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
	}

	/** The service holds the same rules for every caller, and asks whose trajectory it is first. */
	@Test
	void theLifecycleRefusesAReasonThatDoesNotFitAndOtherWithoutWords() {
		var running = fixtures.runningTrajectory(true);
		UUID coach = running.coach().id();
		assertThatThrownBy(() -> lifecycle.stop(running.id(), coach, Reason.MORE_TIME_NEEDED, null))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.REASON_MISSING));
		assertThatThrownBy(() -> lifecycle.complete(running.id(), coach, Reason.NO_RESPONSE, null))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.REASON_MISSING));
		assertThatThrownBy(() -> lifecycle.pause(running.id(), coach, Today.date().plusWeeks(1), null, "Vakantie"))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.REASON_MISSING));
		assertThatThrownBy(() -> lifecycle.extend(running.id(), coach, 1, Reason.OTHER, " "))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.OTHER_WITHOUT_WHY));
		assertThatThrownBy(() -> lifecycle.stop(running.id(), UUID.randomUUID(), Reason.MORE_TIME_NEEDED, null))
			.isInstanceOf(TrajectoryLifecycle.NotYourTrajectoryException.class);
		TrajectoryOverview unchanged = trajectories.byId(running.id()).orElseThrow();
		assertThat(unchanged.status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(unchanged.totalWeeks()).isEqualTo(6);
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :id").param("id", running.id())
			.query(Integer.class).single()).isZero();

		lifecycle.stop(running.id(), coach, Reason.OTHER, "Verhuisd naar het buitenland");
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.STOPPED);
	}

	/** A stop stored before the lists were split, for a reason stopping no longer offers, still reads as it was. */
	@Test
	void anOldStopForAReasonNoLongerOfferedStillReads() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, null);
		jdbc.sql("update trajectory_transition set reason_code = 'MORE_TIME_NEEDED' where trajectory_id = :id and to_status = 'STOPPED'")
			.param("id", running.id())
			.update();
		assertThat(trajectories.courseSinceStart(running.id())).extracting(Trajectories.Change::reason)
			.contains(Reason.MORE_TIME_NEEDED);
		String report = mvc.perform(get("/participant/report/{id}", running.id())
			.with(user(users.loadUserByUsername(running.participant().email())))).andReturn().getResponse().getContentAsString();
		assertThat(report).contains("Meer tijd nodig");
	}

	private RequestPostProcessor coach(Fixtures.RunningTrajectory running) {
		return user(users.loadUserByUsername(running.coach().email()));
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, RequestPostProcessor as)
			throws Exception {
		return Jsoup.parse(mvc.perform(request.with(as)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	/** The course page a refused change answers with (422), the form again. */
	private static Document refused(MvcResult refused) throws Exception {
		return Jsoup.parse(refused.getResponse().getContentAsString());
	}

	/** The course page that a redirect leads to, in the session the redirect carried its flash attributes in. */
	private Document after(MvcResult redirect, UUID id, RequestPostProcessor coach, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", id).param("lang", language).with(coach)
			.cookie(redirect.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
	}

	private static List<String> values(Document page, String action) {
		return page.select("#" + action + "-reason option").eachAttr("value");
	}
}

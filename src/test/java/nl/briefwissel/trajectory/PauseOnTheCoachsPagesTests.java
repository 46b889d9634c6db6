package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A pause on the coach's pages: the day it ends is read as every date field reads it, one that is no day
 * comes back at its field with everything typed, and the coach sees until when it is paused, as the
 * participant's mail says.
 */
@BriefwisselTest
class PauseOnTheCoachsPagesTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Test
	void aPauseDayTypedTheDutchWayIsReadAndTheCoachSeesUntilWhen() throws Exception {
		var running = fixtures.runningTrajectory(true);
		LocalDate until = Today.date().plusWeeks(3);
		mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("until", until.format(DateTimeFormatter.ofPattern("d-M-uuuu"))).param("reason", "NO_TIME")
			.param("why", "Drukke maand op het werk."))
			.andExpect(flash().attribute("lifecycleDone", "trajectory.changed.paused"));
		TrajectoryOverview paused = trajectories.byId(running.id()).orElseThrow();
		assertThat(paused.status()).isEqualTo(TrajectoryStatus.PAUSED);
		assertThat(paused.pausedUntil()).isEqualTo(until);

		String day = until.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH));
		assertThat(page("/coach/trajectories/" + running.id(), running.coach(), null).select(".bw-facts dd").eachText())
			.contains("Gepauzeerd tot " + day);
		assertThat(page("/coach/trajectories/" + running.id() + "/course", running.coach(), null).select(".bw-facts dd").eachText())
			.containsExactly("Gepauzeerd tot " + day);
		assertThat(page("/coach", running.coach(), null).select(".bw-status").eachText())
			.contains("Gepauzeerd tot " + until.format(DateTimeFormatter.ofPattern("d MMMM", DUTCH)));
		String english = until.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
		assertThat(Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString()).select(".bw-facts dd").eachText())
			.containsExactly("Paused until " + english);
	}

	@Test
	void aPauseDayThatIsNoDayComesBackAtItsFieldWithEverythingTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MockHttpServletResponse refused = mvc.perform(post("/coach/trajectories/{id}/pause", running.id()).with(csrf())
			.with(fixtures.as(running.coach())).param("until", "31-13-2026").param("reason", "NO_TIME")
			.param("why", "Drukke maand op het werk, daarna verder."))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("pause-until", "trajectory.illegal.pauseDateUnreadable")))
			.andReturn().getResponse();
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		Document page = Jsoup.parse(refused.getContentAsString());
		Element until = page.getElementById("pause-until");
		assertThat(until.val()).isEqualTo("31-13-2026");
		assertThat(until.attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById("pause-until-error").text()).startsWith("Deze datum kunnen we niet lezen.");
		assertThat(page.getElementById("pause-why").text()).isEqualTo("Drukke maand op het werk, daarna verder.");
		assertThat(page.select("#pause-reason option[selected]")).extracting(Element::val).containsExactly("NO_TIME");

		// Weeks that are no number, likewise: at their field, the explanation kept.
		MockHttpServletResponse noWeeks = mvc.perform(post("/coach/trajectories/{id}/extend", running.id()).with(csrf())
			.with(fixtures.as(running.coach())).param("weeks", "twee").param("reason", "MORE_TIME_NEEDED")
			.param("why", "Nog een sollicitatie te bespreken."))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("lifecycleErrors", Map.of("extend-weeks", "trajectory.illegal.extendWeeksChoose")))
			.andReturn().getResponse();
		page = Jsoup.parse(noWeeks.getContentAsString());
		assertThat(page.getElementById("extend-weeks-error").text()).isEqualTo("Kies met hoeveel weken je het traject verlengt.");
		assertThat(page.getElementById("extend-why").text()).isEqualTo("Nog een sollicitatie te bespreken.");
	}

	private Document page(String path, Account who, MockHttpServletResponse after) throws Exception {
		var request = get(path).with(fixtures.as(who));
		if (after != null) {
			request = request.cookie(after.getCookies());
		}
		return Jsoup.parse(mvc.perform(request).andReturn().getResponse().getContentAsString());
	}
}

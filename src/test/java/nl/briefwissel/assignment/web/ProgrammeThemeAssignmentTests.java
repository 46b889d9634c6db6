package nl.briefwissel.assignment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.organisation.Themes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * An assignment can be about a theme a programme added itself: tagged with the pilot's seven only, a
 * programme's own themes never found "fits the theme of this trajectory".
 */
@BriefwisselTest
class ProgrammeThemeAssignmentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Themes themes;

	@Autowired
	Assignments assignments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAssignmentAboutAProgrammesOwnThemeFitsItsTrajectories() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String code = themes.add(running.programmeId(), "Mantelzorg en werk", "Caring and work").code();
		jdbc.sql("update trajectory set theme = :code where id = :id").param("code", code).param("id", running.id()).update();
		Account coach = running.coach();

		String library = mvc.perform(get("/coach/assignments").with(fixtures.as(coach))).andReturn().getResponse()
			.getContentAsString();
		assertThat(library).contains("value=\"" + code + "\"", "Mantelzorg en werk");

		String title = "Een week mantelzorg " + UUID.randomUUID();
		mvc.perform(post("/coach/assignments").with(csrf()).with(fixtures.as(coach))
			.param("title", title).param("type", "REFLECTION").param("minutes", "20").param("language", "nl")
			.param("themes", code).param("themes", "NOT_A_THEME")
			.param("instructions", "Houd een week bij wanneer zorg en werk botsen."))
			.andExpect(redirectedUrl("/coach/assignments"));
		Assignment saved = assignments.libraryOf(coach.id(), new Assignments.Search(title, null, null)).get(0);
		assertThat(saved.themes()).containsExactly(code);

		String choose = mvc.perform(get("/coach/trajectories/" + running.id() + "/assignments").with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString();
		int fitting = choose.indexOf("Past bij het thema van dit traject");
		int others = choose.indexOf("Andere opdrachten");
		assertThat(fitting).isPositive();
		assertThat(choose.indexOf(title)).isBetween(fitting, others < 0 ? Integer.MAX_VALUE : others);
	}

	/** An administrator of another organisation editing a shared assignment does not take off themes they do not know. */
	@Test
	void aThemeTheEditorDoesNotKnowStaysOnASharedAssignment() throws Exception {
		var elsewhere = fixtures.runningTrajectory(true);
		String theirs = themes.add(elsewhere.programmeId(), "Eigen thema " + UUID.randomUUID().toString().substring(0, 6), "Own").code();
		UUID shared = assignments.add(null, new Assignments.Draft("Gedeeld " + UUID.randomUUID(), "Doe iets.",
				AssignmentType.REFLECTION, List.of(theirs, "GRIP"), 15, Locale.forLanguageTag("nl")));
		Account admin = fixtures.person(fixtures.runningTrajectory(true).organisationId(),
				"beheer-" + UUID.randomUUID() + "@example.nl", "Beheer", Role.ADMINISTRATOR);

		mvc.perform(post("/admin/assignments/" + shared).with(csrf()).with(fixtures.as(admin))
			.param("title", "Gedeeld, anders").param("type", "REFLECTION").param("minutes", "15").param("language", "nl")
			.param("themes", "GROWTH").param("instructions", "Doe iets anders."))
			.andExpect(redirectedUrl("/admin/assignments"));
		assertThat(assignments.byId(shared).orElseThrow().themes()).containsExactlyInAnyOrder("GROWTH", theirs);
	}
}

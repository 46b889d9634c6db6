package nl.briefwissel.assignment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An assignment's text goes into the letter that gives it, where nothing fills in a placeholder: a shared
 * assignment saved with "{naam} {hobby}" blocked every coach who gave it, with an error that pointed at
 * saved replies. The library refuses one at the field that holds it; a letter refused for one that an
 * assignment saved before brought in names that assignment.
 */
@BriefwisselTest
class PlaceholdersInAssignmentsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Test
	void anAssignmentWithPlaceholdersIsNotSavedAndTheFormSaysWhichInEitherLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		String title = "Hobby's " + UUID.randomUUID();
		for (String[] language : new String[][] {
				{ "nl", "De opdracht bevat {naam}, {hobby}: die vult Briefwissel in een brief niet in" },
				{ "en", "The assignment has {naam}, {hobby}: Briefwissel does not fill those in in a letter" } }) {
			MvcResult refused = mvc.perform(form("/admin/assignments", title, "Beste {naam}, schrijf over {hobby}.")
					.param("lang", language[0]).with(fixtures.as(admin)))
				.andExpect(flash().attributeExists("formErrors"))
				.andReturn();
			@SuppressWarnings("unchecked")
			List<String> errors = (List<String>) refused.getFlashMap().get("formErrors");
			assertThat(errors).as(language[0]).singleElement().asString().startsWith(language[1]);
			assertThat(refused.getFlashMap().get("formErrorFields")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
				.containsExactly("instructions");
		}
		assertThat(assignments.shared(new Assignments.Search(title, null, null))).isEmpty();

		// In the title too, and in a coach's own library.
		mvc.perform(form("/coach/assignments", "Over {hobby}", "Schrijf op wat je graag doet.").with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("formErrorFields", java.util.Set.of("title")));
		mvc.perform(form("/coach/assignments", title, "Schrijf op wat je graag doet :-}").with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("saved", "assignments.saved"));
	}

	/** A link the page would drop is quoted as it was typed, and the sentence says the assignment was not saved and what to do. */
	@Test
	void aLinkWithoutHttpsIsQuotedAsTypedAndTheFormSaysNothingWasSaved() throws Exception {
		var running = fixtures.runningTrajectory(true);
		for (String[] language : new String[][] {
				{ "nl", "De opdracht is niet opgeslagen: deze link werkt niet op de pagina: [werk.nl](werk.nl).",
						"of haal de link weg en laat alleen de tekst staan." },
				{ "en", "The assignment has not been saved: this link does not work on the page: [werk.nl](werk.nl).",
						"or remove the link and keep only the text." } }) {
			MvcResult refused = mvc.perform(form("/coach/assignments", "Vacatures " + UUID.randomUUID(), "Kijk op [werk.nl](werk.nl).")
					.param("lang", language[0]).with(fixtures.as(running.coach())))
				.andExpect(flash().attributeExists("formErrors"))
				.andReturn();
			@SuppressWarnings("unchecked")
			List<String> errors = (List<String>) refused.getFlashMap().get("formErrors");
			assertThat(errors).as(language[0]).singleElement().asString().startsWith(language[1]).endsWith(language[2])
				.doesNotContain("<werk.nl>");
		}
	}

	@Test
	void aLetterRefusedForAPlaceholderFromAnAssignmentNamesThatAssignment() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Hobby's " + UUID.randomUUID();
		// Saved before the library refused it.
		UUID saved = assignments.addOnce(null, running.coach().id(), new Assignments.Draft(title, "Beste {naam}, schrijf over {hobby}.",
				AssignmentType.REFLECTION, List.of("GRIP"), 20, Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base).param("give", saved.toString()).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString()).getElementById("text").val();
		assertThat(letter).contains("{hobby}");
		for (String[] language : new String[][] {
				{ "nl", "Je brief bevat nog {naam}, {hobby} uit de opdracht \u2018" + title + "\u2019" },
				{ "en", "Your letter still has {naam}, {hobby} from the assignment \u2018" + title + "\u2019" } }) {
			Document refused = Jsoup.parse(mvc.perform(post(base + "/messages").param("lang", language[0]).with(csrf())
					.with(fixtures.as(running.coach())).param("text", letter).param("assignment", saved.toString())
					.param("submission", UUID.randomUUID().toString()))
				.andExpect(status().isUnprocessableContent())
				.andReturn().getResponse().getContentAsString());
			assertThat(refused.getElementById("text-error").text()).as(language[0]).startsWith(language[1])
				.doesNotContain("bewaard antwoord", "saved reply");
		}
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String path, String title,
			String instructions) {
		return post(path).with(csrf())
			.param("title", title)
			.param("type", "REFLECTION")
			.param("minutes", "20")
			.param("language", "nl")
			.param("themes", "GRIP")
			.param("instructions", instructions);
	}
}

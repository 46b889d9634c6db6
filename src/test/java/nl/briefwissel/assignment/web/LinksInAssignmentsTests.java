package nl.briefwissel.assignment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The links of an assignment's instructions on the library's page (decisions 0128 and 0130): a web address written out
 * is a link as in a letter, a link without a target is refused at the form, and an assignment saved before the form
 * refused a link says so when it is changed.
 */
@BriefwisselTest
class LinksInAssignmentsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	/**
	 * The library showed www.werk.nl and https://… written in the instructions as text, while the letter that gives the
	 * assignment links them: now a link on the page too, opening as the other links there.
	 */
	@Test
	void aWebAddressWrittenInTheInstructionsIsALinkInTheLibrary() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Vacatures " + UUID.randomUUID();
		mvc.perform(form("/coach/assignments", title, "Kijk op www.werk.nl/vacatures en lees https://example.nl/stuk.")
				.with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		Document library = page(get("/coach/assignments").param("q", title), fixtures.as(running.coach()));
		assertThat(library.select(".bw-assignment__instructions a")).extracting(a -> a.attr("href"), Element::text, a -> a.attr("rel"),
				a -> a.hasAttr("target"))
			.containsExactly(tuple("https://www.werk.nl/vacatures", "www.werk.nl/vacatures", "noopener noreferrer", false),
					tuple("https://example.nl/stuk", "https://example.nl/stuk", "noopener noreferrer", false));
	}

	/** [het stuk]() passed the form, and the page showed its text without a link: refused, named as typed. */
	@Test
	void aLinkWithoutATargetIsRefusedNamedAsTypedInEitherLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Stuk " + UUID.randomUUID();
		for (String[] language : new String[][] {
				{ "nl", "De opdracht is niet opgeslagen: deze link werkt niet op de pagina: [het stuk]()." },
				{ "en", "The assignment has not been saved: this link does not work on the page: [het stuk]()." } }) {
			MvcResult refused = mvc.perform(form("/coach/assignments", title, "Lees [het stuk]() eens.").param("lang", language[0])
					.with(fixtures.as(running.coach())))
				.andExpect(flash().attributeExists("formErrors"))
				.andReturn();
			@SuppressWarnings("unchecked")
			List<String> errors = (List<String>) refused.getFlashMap().get("formErrors");
			assertThat(errors).as(language[0]).singleElement().asString().startsWith(language[1]);
		}
		assertThat(assignments.forCoach(running.coach().id(), new Assignments.Search(title, null, null), Locale.forLanguageTag("nl")))
			.isEmpty();
	}

	/**
	 * An own assignment saved before decision 0128 with a link the page drops shows its text without the link. Its
	 * author, changing something else, is told which link and why, at the form that holds it, with what they typed
	 * kept: the link does not stay silently broken.
	 */
	@Test
	void anOwnAssignmentSavedWithALinkNowRefusedNamesItWhenChanged() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Oud " + UUID.randomUUID();
		String instructions = "Kijk op [de site](werk.nl) en ![het schema](schema.png).";
		UUID saved = assignments.addOnce(running.coach().id(), running.coach().id(), new Assignments.Draft(title, instructions,
				AssignmentType.REFLECTION, List.of("GRIP"), 20, Locale.forLanguageTag("nl"), null));
		Document before = page(get("/coach/assignments").param("q", title), fixtures.as(running.coach()));
		assertThat(before.select(".bw-assignment__instructions a[href]")).as("saved before: shown as text").isEmpty();

		MvcResult refused = mvc.perform(form("/coach/assignments/" + saved, title + " (nieuw)", instructions).param("q", title)
				.with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeExists("formErrors"))
			.andReturn();
		String back = refused.getResponse().getRedirectedUrl();
		assertThat(back).endsWith("#e-" + saved + "-errors");
		// Followed as a browser does: the flash message travels with the session, and is for the address with its search.
		// The form again: 422 and titled so after the redirect (decision 0139, amended).
		Document page = Jsoup.parse(mvc.perform(get(java.net.URI.create(back.substring(0, back.indexOf('#'))))
			.cookie(refused.getResponse().getCookies()).with(fixtures.as(running.coach())))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(page.title()).startsWith("Fout:");
		String prefix = "e-" + saved;
		Element summary = page.getElementById(prefix + "-errors");
		assertThat(summary).isNotNull();
		assertThat(summary.closest("details").hasAttr("open")).isTrue();
		assertThat(summary.select("a")).extracting(a -> a.attr("href")).containsExactly("#" + prefix + "-instructions");
		assertThat(page.getElementById(prefix + "-instructions-error").text())
			.startsWith("De opdracht is niet opgeslagen: deze links werken niet op de pagina: [de site](werk.nl), ![het schema](schema.png).");
		Element field = page.getElementById(prefix + "-instructions");
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.val()).isEqualTo(instructions);
		assertThat(assignments.byId(saved).orElseThrow().title()).isEqualTo(title);
	}

	private Document page(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private static MockHttpServletRequestBuilder form(String path, String title, String instructions) {
		return post(path).with(csrf())
			.param("title", title)
			.param("type", "REFLECTION")
			.param("minutes", "20")
			.param("language", "nl")
			.param("themes", "GRIP")
			.param("instructions", instructions);
	}
}

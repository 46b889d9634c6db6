package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Placeholders;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A saved reply with {naam}, {onbekend} and {coach} in it was saved without a word, inserted as it stood,
 * and the letter was refused for {naam} alone: the coach sent three times to find all three. The saved
 * reply says at saving, and in the list, which placeholders it holds and that nothing fills them in; the
 * refusal names all of them at once, in either language.
 */
@BriefwisselTest
class PlaceholdersInSavedRepliesTests {

	private static final String BODY = "Hoi {naam},\n\nZoals besproken stuur ik je {onbekend}.\n\nGroet,\n{coach}";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void everyPlaceholderIsFoundOnceInTheOrderWritten() {
		assertThat(Placeholders.in(BODY + " {naam}")).containsExactly("{naam}", "{onbekend}", "{coach}");
		assertThat(Placeholders.in("Kies: {lezen, schrijven of praten} :-}")).isEmpty();
	}

	@Test
	void aSavedReplySaysAtSavingAndInTheListWhichPlaceholdersItHolds() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		for (String[] language : new String[][] {
				{ "nl", "Het bevat {naam}, {onbekend}, {coach}: die vult Briefwissel in een latere brief niet in.",
						"Bevat {naam}, {onbekend}, {coach}: na het invoegen zelf invullen." },
				{ "en", "It has {naam}, {onbekend}, {coach}: Briefwissel does not fill those in in a later letter.",
						"Has {naam}, {onbekend}, {coach}: fill in yourself after inserting." } }) {
			MvcResult saved = mvc.perform(post("/coach/saved-replies").param("lang", language[0]).param("title", "Opvolging " + language[0])
					.param("body", BODY).param("form", UUID.randomUUID().toString()).with(csrf()).with(coach))
				.andExpect(redirectedUrl("/coach/saved-replies"))
				.andReturn();
			Document page = Jsoup.parse(mvc.perform(get("/coach/saved-replies").param("lang", language[0])
					.cookie(saved.getResponse().getCookies()).with(coach))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page.getElementById("saved-placeholders").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.select("article p").eachText()).as(language[0]).contains(language[2]);
		}

		MvcResult plain = mvc.perform(post("/coach/saved-replies").param("title", "Zonder").param("body", "Fijn dat je er bent :-}")
				.param("form", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andReturn();
		Document page = Jsoup.parse(mvc.perform(get("/coach/saved-replies").cookie(plain.getResponse().getCookies()).with(coach))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("saved-placeholders")).as("nothing to say for a reply without one").isNull();
		assertThat(page.select(".utrecht-alert--ok").text()).contains("Je antwoord is bewaard.");
	}

	@Test
	void aLetterWithSeveralPlaceholdersIsRefusedNamingThemAllAndComesBackAsTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		for (String[] language : List.of(
				new String[] { "nl", "Je brief bevat nog {naam}, {onbekend}, {coach}: die vult Briefwissel niet in, en de deelnemer zou ze zo lezen." },
				new String[] { "en", "Your letter still has {naam}, {onbekend}, {coach}: Briefwissel does not fill those in," })) {
			Document refused = Jsoup.parse(mvc.perform(post(base + "/messages").param("lang", language[0]).with(csrf()).with(coach)
					.param("text", BODY).param("submission", UUID.randomUUID().toString()))
				.andExpect(status().isUnprocessableContent())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(refused.getElementById("text").val()).isEqualTo(BODY);
			assertThat(refused.getElementById("text-error").text()).as(language[0]).startsWith(language[1]);
		}
		Document one = Jsoup.parse(mvc.perform(post(base + "/messages").with(csrf()).with(coach)
				.param("text", "Hoi {naam}, tot snel.").param("submission", UUID.randomUUID().toString()))
			.andReturn().getResponse().getContentAsString());
		assertThat(one.getElementById("text-error").text())
			.startsWith("Je brief bevat nog {naam}: dat vult Briefwissel niet in, en de deelnemer zou het zo lezen. Vervang het door");
	}
}

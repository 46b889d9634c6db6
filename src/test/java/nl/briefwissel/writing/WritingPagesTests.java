package nl.briefwissel.writing;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class WritingPagesTests {

	private static final String DRAFT = "Je moet gewoon altijd eerst nadenken. Wat wil je? Waarom? Wanneer? Met wie?";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Test
	void theCheckButtonWorksWithoutJavaScriptAndKeepsTheDraft() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String page = mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", DRAFT)
			.with(csrf())
			.with(user(users.loadUserByUsername(running.coach().email()))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<html", "Tweede lezer", "bw-mark--judging\"><span>moet</span>",
				"<span>Wat wil je?</span>", "4 vragen in één bericht", ">" + DRAFT + "</textarea>");
	}

	/**
	 * Every remark has its number in the draft once, where its stretch ends. Two remarks on one word ("MOET": a
	 * judging word and shouting) showed only the first number; a long sentence with marked words in it was cut into
	 * pieces that each carried its number. A screen reader hears which remarks a number stands for. The numbers go up
	 * as they stand in the text: the long sentence's came 3 after gewoon's 4 (a later walk), it is 4 now.
	 */
	@Test
	void everyRemarkIsNumberedOnceInTheDraftAlsoWhereRemarksOverlap() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String draft = "Je MOET dit lezen. Ik denk dat je gewoon eerst goed kunt nadenken over wat je wilt en wie je "
				+ "daarbij kan helpen voordat je een besluit neemt over je werk en je toekomst en je gezin en je vrienden.";
		String fragment = mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", draft)
			.header("HX-Request", "true")
			.with(csrf())
			.with(user(users.loadUserByUsername(running.coach().email()))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(fragment);
		int remarks = page.select(".bw-findings > li").size();
		assertThat(remarks).as("judging and shouting on MOET, judging on gewoon, a long sentence").isEqualTo(4);
		java.util.List<String> numbers = page.select(".bw-mark__number").stream()
			.map(sup -> {
				org.jsoup.nodes.Element shown = sup.clone();
				shown.select(".bw-visually-hidden").remove();
				return shown.text();
			})
			.flatMap(shown -> java.util.Arrays.stream(shown.split(",\\s*")))
			.toList();
		assertThat(numbers).as("each once, in the order their stretches end").containsExactly("1", "2", "3", "4");
		org.jsoup.nodes.Element moet = page.select("mark").stream().filter(m -> m.text().startsWith("MOET")).findFirst()
			.orElseThrow();
		assertThat(said(moet)).isEqualTo("(opmerkingen 1 en 2)");
		org.jsoup.nodes.Element gewoon = page.select("mark").stream().filter(m -> m.text().startsWith("gewoon"))
			.findFirst().orElseThrow();
		assertThat(said(gewoon)).isEqualTo("(opmerking 3)");
		assertThat(page.select("mark.bw-mark--long-sentence .bw-mark__number")).as("the sentence's number once, at its end")
			.singleElement()
			.satisfies(sup -> assertThat(sup.parent().text()).endsWith("vrienden.(opmerking 4)4"));
		assertThat(page.select("mark").stream().map(org.jsoup.nodes.Element::text).reduce("", String::concat))
			.as("nothing of the draft lost").contains("vrienden.");
	}

	/** What a screen reader hears for a marker: the numbers in words, the visible digits hidden from it. */
	private static String said(org.jsoup.nodes.Element mark) {
		org.jsoup.nodes.Element number = mark.selectFirst(".bw-mark__number");
		assertThat(number.select("[aria-hidden=true]")).hasSize(1);
		return number.select(".bw-visually-hidden").text();
	}

	@Test
	void whileTypingOnlyTheRemarksAreSwappedIn() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String fragment = mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text",
				"You must just always think first. What do you want? Why? When? With whom?")
			.header("HX-Request", "true")
			.with(csrf())
			.with(user(users.loadUserByUsername(running.coach().email()))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(fragment.strip()).startsWith("<section id=\"writing-help\"").doesNotContain("<html");
		assertThat(fragment).contains("<span>must</span>", "gecontroleerd in het Engels");
		// A screen reader hears one line in the page's own live region, not the draft read out again.
		assertThat(fragment).doesNotContain("aria-live")
			.containsPattern("<span id=\"writing-status\" hx-swap-oob=\"innerHTML\">Tweede lezer: \\d+ opmerkingen?\\.</span>");
		// The count travels with the next check; the same count again is not written (nor read out) again.
		String seen = org.jsoup.Jsoup.parse(fragment).getElementById("writing-seen").val();
		assertThat(seen).isNotBlank();
		String again = mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text",
				"You must just always think first. What do you want? Why? When? With whom? Tell me.")
			.param("writingSeen", seen)
			.header("HX-Request", "true")
			.with(csrf())
			.with(user(users.loadUserByUsername(running.coach().email()))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(again).contains("id=\"writing-help\"").doesNotContain("id=\"writing-status\"");
	}

	/**
	 * The words a remark suggests instead are in the letter's language, not the page's: a coach who
	 * reads Briefwissel in English and writes to a participant in Dutch is not helped by "often" for "moet".
	 */
	@Test
	void theWordsARemarkSuggestsAreInTheLettersLanguageWhateverThePagesLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String dutchLetterOnAnEnglishPage = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("lang", "en")
			.param("text", "Goed gedaan, maar je moet nog een doel kiezen.")
			.header("HX-Request", "true")
			.with(csrf())
			.with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(dutchLetterOnAnEnglishPage).contains("checked in Dutch",
				"for example “je kunt…” (you could…) or “wat als je…” (what if you…)?",
				"Try “en” (and), or start a new sentence.")
			.doesNotContain("for example “you could…”", "Try “and”");

		String englishLetterOnADutchPage = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("lang", "nl")
			.param("text", "Well done, but you must still choose a goal.")
			.header("HX-Request", "true")
			.with(csrf())
			.with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(englishLetterOnADutchPage).contains("gecontroleerd in het Engels",
				"bijvoorbeeld „you could…” (je kunt…) of „what if you…” (wat als je…)?",
				"Probeer „and” (en), of begin een nieuwe zin.")
			.doesNotContain("bijvoorbeeld „je kunt…”", "Probeer „en”");
	}

	/** "1 vragen" and "1 questions" read as a slip: one is singular, in both languages, and so is one remark. */
	@Test
	void oneQuestionAndOneRemarkAreSingularInBothLanguages() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		String dutch = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("lang", "nl")
			.param("text", "Je moet eerst nadenken. Wat wil je?")
			.header("HX-Request", "true")
			.with(csrf())
			.with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(dutch).contains(" · 1 vraag · ", "Tweede lezer: 1 opmerking.").doesNotContain("1 vragen", "opmerking(en)");

		String english = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("lang", "en")
			.param("text", "You must think first. What do you want?")
			.header("HX-Request", "true")
			.with(csrf())
			.with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(english).contains(" · 1 question · ", "Second reader: 1 remark.").doesNotContain("1 questions", "remark(s)");

		String two = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("lang", "en")
			.param("text", "What do you want? Why?")
			.header("HX-Request", "true")
			.with(csrf())
			.with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(two).contains(" · 2 questions · ");
	}

	@Test
	void theWriteFormCarriesTheLiveCheckAndTheCheckButton() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String page = mvc.perform(get("/coach/trajectories/{id}", running.id())
			.with(user(users.loadUserByUsername(running.coach().email())))).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("hx-post=\"/coach/trajectories/" + running.id() + "/check\"",
				"hx-trigger=\"input changed delay:800ms\"", "formaction=\"/coach/trajectories/" + running.id() + "/check\"",
				"<p id=\"writing-status\" class=\"bw-visually-hidden\" aria-live=\"polite\"></p>");
	}

	/** Without JavaScript the check shows the whole page again; its remarks take the focus, where they are read. */
	@Test
	void aCheckWithoutJavaScriptPutsTheFocusOnTheRemarks() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String page = mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", "Je moet gewoon beginnen.")
			.with(csrf())
			.with(user(users.loadUserByUsername(running.coach().email())))).andReturn().getResponse().getContentAsString();
		org.jsoup.nodes.Element heading = org.jsoup.Jsoup.parse(page).getElementById("writing-help-title");
		assertThat(heading.attr("tabindex")).isEqualTo("-1");
		assertThat(heading.hasAttr("autofocus")).isTrue();
		assertThat(org.jsoup.Jsoup.parse(page).select("[autofocus]")).hasSize(1);
	}

	@Test
	void theProgrammesOwnJargonListIsSetByItsManagerAndPointedOutToTheCoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "manager-" + running.id() + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes/{id}/jargon", running.programmeId()).param("jargon", "talentpool, mobiliteitsbank")
			.with(csrf())
			.with(user(users.loadUserByUsername(manager.email())))).andExpect(status().is3xxRedirection());

		String fragment = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("text", "Sta je al in de talentpool?")
			.header("HX-Request", "true")
			.with(csrf())
			.with(user(users.loadUserByUsername(running.coach().email())))).andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("bw-mark--jargon\"><span>talentpool</span>");

		// A manager of another organisation cannot touch this programme.
		mvc.perform(post("/programme/programmes/{id}/jargon", running.programmeId()).param("jargon", "x")
			.with(csrf())
			.with(user(users.loadUserByUsername("programma@briefwissel.test")))).andExpect(status().isNotFound());
	}

	@Test
	void remarksNeverBlockSendingAndTheTrendsAreTheCoachsOwn() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", DRAFT).with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection());

		String own = mvc.perform(get("/coach/writing").with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(own).contains("Week van").contains("<td class=\"utrecht-table__cell bw-number\">1</td>");
		// A score without its scale says nothing: 62 of what, and is higher better?
		assertThat(own).contains("Gemiddelde leesbaarheid van je Nederlandse berichten (Flesch-Douma, 0–100: hoe hoger, hoe makkelijker te lezen)")
			.doesNotContain("Engelse berichten");

		var other = fixtures.runningTrajectory(true);
		String others = mvc.perform(get("/coach/writing").with(user(users.loadUserByUsername(other.coach().email()))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(others).doesNotContain("Week van");
		mvc.perform(get("/coach/writing").with(user(users.loadUserByUsername("programma@briefwissel.test"))))
			.andExpect(status().isForbidden());
	}
}

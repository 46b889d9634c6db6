package nl.briefwissel.conversation;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.trajectory.Trajectories;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * A placeholder in the welcome letter that nothing fills in ({voornaam}) reached the participant in
 * braces, as typed: the settings refuse it at the field, and a template saved before says so on the
 * proposal, whose letter is not sent with it.
 */
@BriefwisselTest
class WelcomeTemplateTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	Trajectories trajectories;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void aTemplateWithAPlaceholderNothingFillsInIsRefusedAtTheFieldNamingItAndTheOnesThatWork() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		var coach = fixtures.as(proposal.coach());
		String typed = "Hoi {voornaam} {onbekend},\n\nIk ben {coach}.";

		MvcResult refused = mvc.perform(post("/coach/settings").with(csrf()).with(coach)
				.param("welcomeTemplate", typed).param("dailyDigest", "true"))
			.andExpect(redirectedUrl("/coach/settings"))
			.andExpect(flash().attribute("unknownPlaceholder", "{voornaam}"))
			.andReturn();
		assertThat(profiles.of(proposal.coach().id()).welcomeTemplate()).isNull();

		Document page = settings(refused, coach, "nl");
		Element field = page.getElementById("welcome");
		assertThat(field.val()).isEqualTo(typed);
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.attr("aria-describedby")).contains("welcome-error");
		assertThat(field.closest(".utrecht-form-field").hasClass("utrecht-form-field--invalid")).isTrue();
		assertThat(page.getElementById("welcome-error").text())
			.isEqualTo("Briefwissel vult {voornaam} niet in, dus de deelnemer zou het zo lezen. Je kunt deze invulvelden "
					+ "gebruiken: {naam}, {coach}, {weken}, {per_week}, {start}, {antwoorden}.");
		assertThat(page.select("#settings-problem a[href=#welcome]")).hasSize(1);
		assertThat(page.getElementById("digest").hasAttr("checked")).as("the digest as it was chosen").isTrue();
		// The English page names the English placeholders.
		MvcResult inEnglish = mvc.perform(post("/coach/settings").with(csrf()).with(coach).param("welcomeTemplate", typed)).andReturn();
		assertThat(settings(inEnglish, coach, "en").getElementById("welcome-error").text())
			.isEqualTo("Briefwissel does not fill in {voornaam}, so the participant would read it as it stands. You can use "
					+ "these placeholders: {name}, {coach}, {weeks}, {per_week}, {start}, {how_to_answer}.");

		MvcResult lone = mvc.perform(post("/coach/settings").with(csrf()).with(coach).param("welcomeTemplate", "Hoi {naam,\n"))
			.andExpect(flash().attribute("unbalancedBraces", true))
			.andReturn();
		assertThat(settings(lone, coach, "nl").getElementById("welcome-error").text()).startsWith("Er staat een accolade zonder");
		assertThat(profiles.of(proposal.coach().id()).welcomeTemplate()).isNull();

		// Either language's names work.
		mvc.perform(post("/coach/settings").with(csrf()).with(coach).param("welcomeTemplate", "Hi {name}, ik ben {coach}. {weken} weken."))
			.andExpect(flash().attribute("saved", true));
		assertThat(profiles.of(proposal.coach().id()).welcomeTemplate()).isEqualTo("Hi {name}, ik ben {coach}. {weken} weken.");
	}

	@Test
	void aTemplateSavedBeforeWithAnUnknownPlaceholderIsSaidOnTheProposalAndTheLetterIsNotSentWithIt() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		var coach = fixtures.as(proposal.coach());
		profiles.changeOwn(proposal.coach().id(), "Hoi {naam} {onbekend},\n\nIk ben {coach}.", false);
		String base = "/coach/proposals/" + proposal.trajectoryId();

		Document page = Jsoup.parse(mvc.perform(get(base).with(coach)).andReturn().getResponse().getContentAsString());
		String letter = page.getElementById("letter").val();
		assertThat(letter).startsWith("Hoi Aanmelder {onbekend},");
		Element warning = page.getElementById("template-braces");
		assertThat(warning.text()).contains("{onbekend}");
		assertThat(warning.select("a[href=/coach/settings]")).hasSize(1);

		String startOn = Today.date().plusDays(1).toString();
		MvcResult refused = mvc.perform(post(base + "/accept").with(csrf()).with(coach)
				.param("startOn", startOn).param("filledInFor", startOn).param("letter", letter))
			.andExpect(redirectedUrl(base))
			.andExpect(flash().attribute("problem", "proposal.error.letterBraces"))
			.andReturn();
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);

		Document again = Jsoup.parse(mvc.perform(get(base).with(coach).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString());
		Element field = again.getElementById("letter");
		assertThat(field.val()).as("the letter as it was typed").isEqualTo(letter);
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(again.getElementById("letter-error").text()).startsWith("De brief bevat nog {onbekend}:")
			.contains("instellingen");
		assertThat(again.select("#proposal-problem a[href=#letter]")).hasSize(1);

		mvc.perform(post(base + "/accept").with(csrf()).with(coach)
				.param("startOn", startOn).param("filledInFor", startOn).param("letter", letter.replace(" {onbekend}", "")))
			.andExpect(redirectedUrl("/coach/trajectories/" + proposal.trajectoryId()));
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
	}

	/**
	 * The settings say {naam} or {name} becomes the participant's first name, and the proposal page fills
	 * the template in so; a placeholder the coach typed into the letter on that page was refused as one
	 * Briefwissel does not fill in. The participant is known there: it is filled in as the template's are.
	 */
	@Test
	void aPlaceholderTypedIntoTheProposalsLetterIsFilledInAsTheTemplatesAre() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		var coach = fixtures.as(proposal.coach());
		String base = "/coach/proposals/" + proposal.trajectoryId();
		String startOn = Today.date().plusDays(1).toString();

		mvc.perform(post(base + "/accept").with(csrf()).with(coach).param("startOn", startOn).param("filledInFor", startOn)
				.param("letter", "Beste {naam},\n\nDear {name}, ik ben {coach}. We schrijven {weken} weken."))
			.andExpect(redirectedUrl("/coach/trajectories/" + proposal.trajectoryId()));
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);

		String conversation = Jsoup.parse(mvc.perform(get("/coach/trajectories/" + proposal.trajectoryId()).with(coach))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(conversation).contains("Beste Aanmelder,").contains("Dear Aanmelder, ik ben").doesNotContain("{naam}")
			.doesNotContain("{name}").doesNotContain("{coach}").doesNotContain("{weken}");
	}

	/**
	 * The 20,000 characters were counted on the letter as typed, but the letter stored is the filled one: a letter
	 * short enough as typed went out longer with the name filled in. Counted on the filled letter, with a
	 * sentence that says why.
	 */
	@Test
	void theWelcomeLettersLengthIsCountedFilledIn() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		var coach = fixtures.as(proposal.coach());
		String base = "/coach/proposals/" + proposal.trajectoryId();
		String startOn = Today.date().plusDays(1).toString();
		String letter = "Hoi {naam}, ".repeat(1_600);
		assertThat(letter.length()).isLessThanOrEqualTo(20_000);

		MvcResult refused = mvc.perform(post(base + "/accept").with(csrf()).with(coach)
				.param("startOn", startOn).param("filledInFor", startOn).param("letter", letter))
			.andExpect(redirectedUrl(base))
			.andExpect(flash().attribute("problem", "proposal.error.letterLengthFilled"))
			.andReturn();
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		Document again = Jsoup.parse(mvc.perform(get(base).with(coach).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString());
		assertThat(again.getElementById("letter-error").text()).isEqualTo("Met de naam, de data en de andere gegevens ingevuld"
				+ " wordt de welkomstbrief langer dan 20.000 tekens. Maak hem korter.");
		assertThat(again.getElementById("letter").attr("aria-invalid")).isEqualTo("true");
	}

	/**
	 * A template that is too long was refused in the box at the top of the page, not at the field: the
	 * field was not marked and its description did not name the sentence. A line break counts once, as
	 * the field's maxlength counts it (web.LineEnds), so a template the field allowed is not refused.
	 */
	@Test
	void aTemplateThatIsTooLongIsRefusedAtTheFieldAndALineBreakCountsOnce() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		var coach = fixtures.as(proposal.coach());
		String typed = "Hoi {naam},\n\n" + "Welkom. ".repeat(1000).strip();

		MvcResult refused = mvc.perform(post("/coach/settings").with(csrf()).with(coach)
				.param("welcomeTemplate", typed).param("dailyDigest", "true"))
			.andExpect(redirectedUrl("/coach/settings"))
			.andReturn();
		assertThat(profiles.of(proposal.coach().id()).welcomeTemplate()).isNull();

		Document page = settings(refused, coach, "nl");
		Element field = page.getElementById("welcome");
		assertThat(field.val()).isEqualTo(typed);
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.attr("aria-describedby")).isEqualTo("welcome-help welcome-language welcome-error");
		assertThat(field.closest(".utrecht-form-field").hasClass("utrecht-form-field--invalid")).isTrue();
		assertThat(page.getElementById("welcome-error").text()).isEqualTo("De welkomstbrief mag hoogstens 8000 tekens lang zijn.");
		// The box at the top leads to the field, as for a placeholder; it does not say the sentence a second time.
		assertThat(page.select("#settings-problem a[href=#welcome]")).hasSize(1);
		assertThat(page.select(".utrecht-alert--error").text()).doesNotContain("8000 tekens");
		assertThat(page.getElementById("digest").hasAttr("checked")).as("the digest as it was chosen").isTrue();
		MvcResult inEnglish = mvc.perform(post("/coach/settings").with(csrf()).with(coach).param("welcomeTemplate", typed)).andReturn();
		assertThat(settings(inEnglish, coach, "en").getElementById("welcome-error").text())
			.isEqualTo("The welcome letter can be at most 8,000 characters long.");

		// 8,000 characters as the field counts them: 20 lines, each line break sent as two characters.
		String withLineBreaks = ("Hoi {naam}, " + "x".repeat(387) + "\r\n").repeat(20);
		assertThat(withLineBreaks).hasSize(8020);
		mvc.perform(post("/coach/settings").with(csrf()).with(coach).param("welcomeTemplate", withLineBreaks))
			.andExpect(flash().attribute("saved", true));
		assertThat(profiles.of(proposal.coach().id()).welcomeTemplate()).isEqualTo(withLineBreaks.replace("\r\n", "\n").strip());
	}

	/**
	 * Decision 0066 checked the welcome letter only: a later letter made from a saved reply that was
	 * made from the welcome template (Hoi {naam}) was mailed with the placeholder in braces. Refused
	 * at the letter's field, which comes back as typed; a brace that is no placeholder still goes.
	 */
	@Test
	void aLaterLetterWithAPlaceholderInBracesIsRefusedAtTheFieldAndNotMailed() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		String typed = "Hoi {naam},\n\nHoe ging het gesprek met je leidinggevende?";
		long before = coachLetters(running.id());

		Document refused = Jsoup.parse(mvc.perform(post(base + "/messages").with(csrf()).with(coach)
				.param("text", typed).param("submission", java.util.UUID.randomUUID().toString()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString());
		Element field = refused.getElementById("text");
		assertThat(field.val()).as("the letter as it was typed").isEqualTo(typed);
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.attr("aria-describedby")).contains("text-error");
		assertThat(refused.getElementById("text-error").text()).startsWith("Je brief bevat nog {naam}:");
		assertThat(coachLetters(running.id())).isEqualTo(before);

		for (String goes : List.of("Hoi Sanne,\n\nDat was een mooie stap :-}", "Kies wat bij je past: {lezen, schrijven of praten}.")) {
			mvc.perform(post(base + "/messages").with(csrf()).with(coach)
					.param("text", goes).param("submission", java.util.UUID.randomUUID().toString()))
				.andExpect(redirectedUrl(base + "#sent"));
		}
		assertThat(coachLetters(running.id())).isEqualTo(before + 2);
	}

	private long coachLetters(java.util.UUID trajectoryId) {
		return jdbc.sql("select count(*) from message where trajectory_id = '" + trajectoryId
				+ "' and kind = 'MESSAGE' and author_role = 'COACH'")
			.query(Long.class)
			.single();
	}

	/**
	 * The field says the language of the letter it holds: on the English page the Dutch standard letter was
	 * marked as English, and read aloud with an English voice. A letter of the coach's own says its own.
	 */
	@Test
	void theWelcomeLetterFieldSaysTheLanguageOfTheLetterItHolds() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Element standard = page(coach, "en").getElementById("welcome");
		assertThat(standard.val()).contains("{naam}");
		assertThat(standard.attr("lang")).isEqualTo("nl");
		assertThat(page(coach, "nl").getElementById("welcome").attr("lang")).isEqualTo("nl");

		String own = "Dear {name},\n\nI am {coach}, and I look forward to our letters. We will write for {weeks} weeks, "
				+ "starting on {start}.\n\n{how_to_answer}";
		mvc.perform(post("/coach/settings").with(csrf()).with(coach).param("welcomeTemplate", own))
			.andExpect(redirectedUrl("/coach/settings"));
		assertThat(page(coach, "nl").getElementById("welcome").attr("lang")).isEqualTo("en");
		MvcResult refused = mvc.perform(post("/coach/settings").with(csrf()).with(coach)
				.param("welcomeTemplate", own + " {voornaam}")).andReturn();
		assertThat(settings(refused, coach, "nl").getElementById("welcome").attr("lang")).as("as typed, refused").isEqualTo("en");
	}

	private Document page(org.springframework.test.web.servlet.request.RequestPostProcessor coach, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/settings").param("lang", language).with(coach)).andReturn().getResponse()
			.getContentAsString());
	}

	private Document settings(MvcResult refused, org.springframework.test.web.servlet.request.RequestPostProcessor coach,
			String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/settings").param("lang", language).with(coach).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString());
	}
}

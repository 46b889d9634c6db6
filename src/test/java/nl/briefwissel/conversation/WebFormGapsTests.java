package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Gaps a product walk found in the web forms: a letter of nothing but a refused file, a draft cut short
 * without a word, a too-long note told it was empty, a letter's dropped link, field errors hidden behind a
 * number that was not one, and two letters of one minute that read the same in the answer's choice.
 */
@BriefwisselTest
class WebFormGapsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	CoachDesk desk;

	@Test
	void aLetterOfOnlyARefusedFileIsRefusedAndAnswersNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		var participant = fixtures.as(running.participant());
		Assignment video = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.VIDEO))
			.stream().filter(a -> a.title().equals("Kijk de video die je coach meestuurt")).findFirst().orElseThrow();
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base + "?give=" + video.id()).with(coach)).andReturn().getResponse()
			.getContentAsString()).selectFirst("textarea[name=text]").wholeText().strip();
		mvc.perform(post(base + "/messages").param("text", "Kijk: https://www.youtube.com/watch?v=abc\n\n" + letter)
			.param("assignment", video.id().toString()).param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));

		MockMultipartFile program = new MockMultipartFile("files", "evil.exe", "application/octet-stream", new byte[] { 'M', 'Z', 1 });
		for (String language : List.of("nl", "en")) {
			Document refused = Jsoup.parse(mvc.perform(multipart("/participant/conversation").file(program).param("text", "")
					.param("lang", language).param("trajectory", running.id().toString())
					.param("submission", UUID.randomUUID().toString()).with(csrf()).with(participant))
				.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
			assertThat(refused.getElementById("files-error").text()).as("said why, in " + language)
				.contains(language.equals("nl") ? "evil.exe: niet bewaard, een programma (.exe)" : "evil.exe: not kept");
			assertThat(refused.getElementById("text-error")).as("the message's own field, in " + language).isNotNull();
			assertThat(refused.getElementById("sent")).isNull();
		}
		assertThat(jdbc.sql("select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT'")
			.param("t", running.id()).query(Long.class).single()).as("nothing kept").isZero();
		assertThat(given.of(running.id()).get(0).answered()).as("nothing linked").isFalse();

		mvc.perform(multipart("/participant/conversation").file(program).param("text", "Gezien, dit vond ik ervan.")
				.param("trajectory", running.id().toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(participant))
			.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id() + "#sent"));
		assertThat(given.of(running.id()).get(0).answered()).as("the real answer is").isTrue();
	}

	@Test
	void twoLettersOfOneMinuteAreToldApartInTheAnswersChoice() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment reflection = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.REFLECTION))
			.get(0);
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base + "?give=" + reflection.id()).with(coach)).andReturn().getResponse()
			.getContentAsString()).selectFirst("textarea[name=text]").wholeText().strip();
		mvc.perform(post(base + "/messages").param("text", "Hier een opdracht.\n\n" + letter)
			.param("assignment", reflection.id().toString()).param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		var participant = fixtures.as(running.participant());
		for (String text : List.of("Eerste brief over iets anders", "Tweede brief: mijn antwoord")) {
			mvc.perform(multipart("/participant/conversation").param("text", text).param("trajectory", running.id().toString())
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(participant));
		}
		// The first became the answer; the coach says it is not, and chooses among the two.
		jdbc.sql("update given_assignment set answer_message_id = null, answered_at = null, answered_by = null where trajectory_id = :t").param("t", running.id()).update();
		Document page = Jsoup.parse(mvc.perform(get(base).with(coach)).andReturn().getResponse().getContentAsString());
		List<String> options = page.select("select[name=letter] option").eachText();
		assertThat(options).hasSize(2);
		assertThat(options.get(0)).isNotEqualTo(options.get(1));
		assertThat(String.join(" | ", options)).contains("Eerste brief over").contains("Tweede brief");
	}

	@Test
	void aDraftOverTheLimitIsRefusedNotCutShort() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		String huge = "woord ".repeat(20_000); // 120,000 characters
		for (String language : List.of("nl", "en")) {
			MvcResult saved = mvc.perform(post(base + "/draft").param("text", huge).param("lang", language)
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach)).andReturn();
			assertThat(saved.getResponse().getStatus()).as("refused, not redirected to 'saved'").isEqualTo(422);
			Document page = Jsoup.parse(saved.getResponse().getContentAsString());
			assertThat(page.getElementById("text-error").text()).as(language)
				.contains(language.equals("nl") ? "niet bewaard" : "not saved").contains("100")
				// How much too long, in the page's own number format: "not saved" alone left the coach to count.
				.startsWith(language.equals("nl") ? "Je concept is niet bewaard: het is 20.000 tekens te lang. Een concept mag hoogstens 100.000 tekens hebben"
						: "Your draft was not saved: it is 20,000 characters too long. A draft can have at most 100,000 characters")
				.contains(language.equals("nl") ? "en dit heeft er 120.000" : "and this one has 120,000");
			assertThat(page.selectFirst("textarea[name=text]").wholeText()).as("kept in the form").hasSize(huge.length());
			assertThat(desk.of(running.id(), running.coach().id()).draft()).as("nothing cut short kept").isEmpty();
		}
		// "Controleer mijn tekst" without a script asked for a check, not a save: the refusal says it was not checked.
		for (String language : List.of("nl", "en")) {
			MvcResult checked = mvc.perform(post(base + "/check").param("text", huge).param("lang", language)
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach)).andReturn();
			assertThat(checked.getResponse().getStatus()).isEqualTo(422);
			Document page = Jsoup.parse(checked.getResponse().getContentAsString());
			assertThat(page.getElementById("text-error").text()).as(language)
				.startsWith(language.equals("nl") ? "Je tekst is niet gecontroleerd" : "Your text was not checked").contains("100")
				.doesNotContain(language.equals("nl") ? "bewaar opnieuw" : "save again");
			assertThat(page.selectFirst("textarea[name=text]").wholeText()).as("kept in the form").hasSize(huge.length());
			assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
		}
		// While typing: not kept, and said.
		String answer = mvc.perform(post(base + "/check").param("text", huge).header("HX-Request", "true")
			.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("niet bewaard");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
	}

	/**
	 * A saved reply that would take the draft over its limit is not inserted, and the page says so with how much too
	 * long, in both languages; the text typed stays in the field without it, and nothing is kept. It said only that the
	 * draft was not saved, and the reply was simply missing.
	 */
	@Test
	void aSavedReplyThatMakesTheDraftTooLongIsNotInsertedAndSaysByHowMuch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		desk.addSavedReply(running.coach().id(), "Lang", "b".repeat(310));
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		String typed = "a".repeat(CoachDesk.MAX_DRAFT); // with "\n\n" and the reply: 312 too long
		for (String[] language : new String[][] {
				{ "nl", "Het opgeslagen antwoord is niet ingevoegd: je concept zou dan 312 tekens te lang zijn. Een concept mag hoogstens 100.000 tekens hebben (een brief hoogstens 50.000), en met het antwoord erbij had het er 100.312. Je concept is niet bewaard." },
				{ "en", "The saved reply was not inserted: your draft would then be 312 characters too long. A draft can have at most 100,000 characters (a letter at most 50,000), and with the reply it would have 100,312. Your draft was not saved." } }) {
			MvcResult inserted = mvc.perform(post(base + "/draft").param("text", typed).param("lang", language[0])
				.param("next", "reply").param("use", reply.toString())
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach)).andReturn();
			assertThat(inserted.getResponse().getStatus()).as("refused, not redirected to 'inserted'").isEqualTo(422);
			Document page = Jsoup.parse(inserted.getResponse().getContentAsString());
			assertThat(page.getElementById("text-error").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.selectFirst("textarea[name=text]").wholeText()).as("kept as typed, without the reply").isEqualTo(typed);
			assertThat(desk.of(running.id(), running.coach().id()).draft()).as("nothing kept").isEmpty();
		}
	}

	@Test
	void aNoteTooLongIsToldSo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		MvcResult tooLong = mvc.perform(post(base + "/notes").param("note", "a".repeat(20_001)).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#notes")).andReturn();
		Document page = Jsoup.parse(mvc.perform(get(base).cookie(tooLong.getResponse().getCookies()).with(coach)).andReturn()
			.getResponse().getContentAsString());
		assertThat(page.getElementById("note-error").text()).contains("te lang").doesNotContain("Schrijf eerst");
		assertThat(page.getElementById("note").wholeText()).hasSize(20_001);
		MvcResult empty = mvc.perform(post(base + "/notes").param("note", " ").with(csrf()).with(coach)).andReturn();
		assertThat(Jsoup.parse(mvc.perform(get(base).cookie(empty.getResponse().getCookies()).with(coach)).andReturn().getResponse()
			.getContentAsString()).getElementById("note-error").text()).contains("Schrijf eerst je notitie");
	}

	@Test
	void aLinkThatWouldNotWorkInALetterIsRefusedAtTheLetter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		String typed = "Beste, lees [dit stuk](javascript:alert(1)) eens.";
		Document refused = Jsoup.parse(mvc.perform(post(base + "/messages").param("text", typed)
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(refused.getElementById("text-error").text()).contains("javascript:");
		assertThat(refused.selectFirst("textarea[name=text]").wholeText().strip()).isEqualTo(typed);
		mvc.perform(post(base + "/messages").param("text", "Beste, lees https://example.nl/stuk eens.")
			.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach)).andExpect(redirectedUrl(base + "#sent"));
	}

	/**
	 * A reference link (full, collapsed or shortcut, its definition on a line of its own) to javascript: is
	 * refused at the letter and at an own assignment with the very message an inline one gets; one whose
	 * definition goes to a web page is not.
	 */
	@Test
	void aReferenceLinkThatWouldNotWorkIsRefusedAsAnInlineOne() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		String inline = letterRefused(base, coach, "Beste, lees [dit stuk](javascript:alert(1)) eens.");
		assertThat(inline).contains("[dit stuk](javascript:…)");
		for (String typed : List.of("Beste, lees [dit stuk][1] eens.\n\n[1]: javascript:alert(1)",
				"Beste, lees [dit stuk][] eens.\n\n[dit stuk]: javascript:alert(1)",
				"Beste, lees [dit stuk] eens.\n\n[Dit stuk]: JavaScript:alert(1)")) {
			assertThat(letterRefused(base, coach, typed)).as(typed).isEqualTo(inline);
		}
		mvc.perform(post(base + "/messages").param("text", "Beste, lees [dit stuk][1] eens.\n\n[1]: https://example.nl/stuk")
			.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach)).andExpect(redirectedUrl(base + "#sent"));

		List<String> inlineErrors = assignmentErrors(coach, "Doe [dit](javascript:alert(1)).");
		assertThat(String.join(" ", inlineErrors)).contains("[dit](javascript:…)");
		assertThat(assignmentErrors(coach, "Doe [dit].\n\n[dit]: javascript:alert(1)")).isEqualTo(inlineErrors);
		assertThat(assignmentErrors(coach, "Doe [dit][web].\n\n[web]: https://example.nl/dit")).isEqualTo(
				assignmentErrors(coach, "Doe [dit](https://example.nl/dit)."))
			.noneMatch(error -> error.contains("javascript:") || error.contains("example.nl"));
	}

	/**
	 * A link whose target lacks https:// lost its link on the assignment's page without a word: it is refused at
	 * an own assignment and at a letter, named as written and with what to write instead. One written as www.
	 * goes to https:// as in a letter (decision 0123), and is not refused.
	 */
	@Test
	void aLinkWithoutHttpsIsRefusedNamedAsWrittenAndOneWrittenAsWwwIsNot() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		assertThat(String.join(" ", assignmentErrors(coach, "Stuur [je cv](example.nl/cv.pdf) mee.")))
			.contains("[je cv](example.nl/cv.pdf)", "Begin het webadres met https://");
		assertThat(String.join(" ", assignmentErrors(coach, "Kijk ![het schema](schema.png).")))
			.contains("![het schema](schema.png)", "https://");
		assertThat(assignmentErrors(coach, "Zie [de vacatures](www.werk.nl/vacatures).")).noneMatch(error -> error.contains("werk.nl"));
		assertThat(letterRefused(base, coach, "Beste, stuur [je cv](example.nl/cv.pdf) mee."))
			.contains("[je cv](example.nl/cv.pdf)", "met https:// ervoor");
		mvc.perform(post(base + "/messages").param("text", "Beste, zie [de vacatures](www.werk.nl/vacatures).")
			.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach)).andExpect(redirectedUrl(base + "#sent"));
	}

	/**
	 * A link without a target ([het stuk]()) read as Markdown code in the letter and as text without a link on the
	 * assignment's page, and passed both forms: refused at a letter too, named as typed (decision 0130).
	 */
	@Test
	void aLinkWithoutATargetIsRefusedAtALetterNamedAsTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		assertThat(letterRefused(base, coach, "Beste, lees [het stuk]() eens.")).contains("[het stuk]()", "met https:// ervoor");
	}

	/** The sentence at a letter that is refused, which comes back as typed. */
	private String letterRefused(String base, org.springframework.test.web.servlet.request.RequestPostProcessor coach, String typed)
			throws Exception {
		Document refused = Jsoup.parse(mvc.perform(post(base + "/messages").param("text", typed)
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(refused.selectFirst("textarea[name=text]").wholeText().strip()).isEqualTo(typed);
		return refused.getElementById("text-error").text();
	}

	/** The sentences at an own assignment refused for its too long title, with these instructions. */
	@SuppressWarnings("unchecked")
	private List<String> assignmentErrors(org.springframework.test.web.servlet.request.RequestPostProcessor coach,
			String instructions) throws Exception {
		MvcResult refused = mvc.perform(post("/coach/assignments").with(csrf()).with(coach).param("title", "t".repeat(201))
			.param("type", "REFLECTION").param("minutes", "10").param("language", "nl").param("instructions", instructions))
			.andReturn();
		return (List<String>) refused.getFlashMap().get("formErrors");
	}

	@Test
	void anOwnAssignmentShowsEveryFieldsErrorAtOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MvcResult refused = mvc.perform(post("/coach/assignments").with(csrf()).with(fixtures.as(running.coach()))
			.param("title", "t".repeat(201)).param("type", "REFLECTION").param("minutes", "abc").param("language", "nl")
			.param("instructions", "Doe [dit](javascript:alert(1))."))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<String> errors = (List<String>) refused.getFlashMap().get("formErrors");
		assertThat(errors).contains("Geef de opdracht een titel van hoogstens 200 tekens.",
				"Vul een aantal minuten in van 1 tot en met 600.");
		assertThat(String.join(" ", errors)).contains("javascript:");
	}
}

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
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The coach's write form without JavaScript, pressed as a browser presses it: the assignment chosen
 * stays with the letter through the check and the draft, is in it once, and inserting a saved reply
 * or choosing an assignment keeps what was typed.
 */
@BriefwisselTest
class WritingWithAnAssignmentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	CoachDesk desk;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void anAssignmentChosenIsGivenWhenTheLetterIsSentAfterTheCheck() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment cards = dutch(running, AssignmentType.COACH_CARDS);

		String chosen = page(get("/coach/trajectories/{id}", running.id()).param("give", cards.id().toString()), coach);
		String checked = mvc.perform(press(chosen, "button[name=check]", null).with(coach))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(field(checked, "assignment")).as("the assignment after the check").isEqualTo(cards.id().toString());
		assertThat(checked).contains("de deelnemer beantwoordt haar door de kaarten te leggen");

		mvc.perform(press(checked, "button.utrecht-button--primary-action", null).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#sent"));
		GivenAssignments.Given sent = given.of(running.id()).stream().filter(g -> g.assignmentId().equals(cards.id()))
			.findFirst().orElseThrow(() -> new AssertionError("the coach cards were sent in the letter, but not given"));
		assertThat(page(get("/participant/conversation"), fixtures.as(running.participant())))
			.contains("/participant/cards/" + sent.id());
	}

	/**
	 * The assignment's text in the letter is not the coach's writing: the second reader leaves its
	 * questions and words alone. And archived after it was chosen, it is still given with the letter
	 * that carries its instructions.
	 */
	@Test
	void anAssignmentsTextIsNotRemarkedOnAndArchivedAfterChoosingItIsStillGiven() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID own = assignments.add(running.coach().id(), new Assignments.Draft("Eigen vragen " + UUID.randomUUID(),
				"Je moet dit gewoon doen. Wat geeft je energie? Wat kost je energie? Wie wil je zijn? Wat doe je graag? "
						+ "Wat laat je liever? Wanneer ben je trots?",
				AssignmentType.REFLECTION, List.of(), 20, java.util.Locale.forLanguageTag("nl")));

		String chosen = page(get("/coach/trajectories/{id}", running.id()).param("give", own.toString()), coach);
		String checked = mvc.perform(press(chosen, "button[name=check]", null).with(coach))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(checked).contains("Je moet dit gewoon doen.").doesNotContain("class=\"bw-mark");

		assignments.archive(own, true);
		mvc.perform(press(checked, "button.utrecht-button--primary-action", null).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#sent"));
		assertThat(given.of(running.id())).extracting(GivenAssignments.Given::assignmentId).contains(own);
	}

	@Test
	void theDraftButtonKeepsTheAssignmentWithTheLetterAndAReloadDoesNotPutItInTwice() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment reflection = dutch(running, AssignmentType.REFLECTION);
		String heading = "Opdracht: " + reflection.title();
		String give = "/coach/trajectories/" + running.id() + "?give=" + reflection.id();

		// With htmx the check while typing keeps the draft, the assignment in it; then the page is loaded again.
		String chosen = page(get(give), coach);
		String typed = text(chosen) + "\n\nIk ben benieuwd.";
		mvc.perform(press(chosen, "button[name=check]", typed).header("HX-Request", "true").with(coach))
			.andExpect(status().isOk());
		String again = page(get(give), coach);
		assertThat(occurrences(text(again), heading)).as("the assignment in the letter").isEqualTo(1);
		assertThat(text(again)).contains("Ik ben benieuwd.");

		// Without JavaScript "Concept bewaren" comes back to the letter with the assignment still going along.
		mvc.perform(press(again, "button[name=draft]", text(again) + "\nTot snel!").with(coach))
			.andExpect(redirectedUrl(give + "#draft-status"));
		String saved = page(get(give), coach);
		assertThat(field(saved, "assignment")).isEqualTo(reflection.id().toString());
		assertThat(occurrences(text(saved), heading)).isEqualTo(1);
		assertThat(text(saved)).contains("Tot snel!");
	}

	@Test
	void insertingASavedReplyOrChoosingAnAssignmentKeepsTheLetterTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		String base = "/coach/trajectories/" + running.id();

		String page = page(get(base), coach);
		mvc.perform(press(page, "button[name=next][value=reply]", "Beste, dank voor je brief.").with(coach))
			.andExpect(redirectedUrl(base + "#draft-status"));
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Beste, dank voor je brief.\n\nFijn dat je er bent.");
		String inserted = page(get(base), coach);
		assertThat(text(inserted)).isEqualTo("Beste, dank voor je brief.\n\nFijn dat je er bent.");
		// Reloading the page (or coming back to it from the history) does not insert the reply again.
		assertThat(text(page(get(base), coach))).isEqualTo("Beste, dank voor je brief.\n\nFijn dat je er bent.");

		mvc.perform(press(inserted, "button[name=next][value=assignments]", "Beste, dank voor je brief. Een opdracht:").with(coach))
			.andExpect(redirectedUrl(base + "/assignments"));
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Beste, dank voor je brief. Een opdracht:");
		Assignment photo = dutch(running, AssignmentType.PHOTO);
		String chosen = page(get(base).param("give", photo.id().toString()), coach);
		assertThat(text(chosen)).startsWith("Beste, dank voor je brief. Een opdracht:\n\nOpdracht: " + photo.title());

		// A saved reply inserted in a letter with an assignment: the assignment goes along, in the letter once.
		mvc.perform(press(chosen, "button[name=next][value=reply]", null).with(coach))
			.andExpect(redirectedUrl(base + "?give=" + photo.id() + "#draft-status"));
		String both = page(get(base).param("give", photo.id().toString()), coach);
		assertThat(field(both, "assignment")).isEqualTo(photo.id().toString());
		assertThat(occurrences(text(both), "Opdracht: " + photo.title())).isEqualTo(1);
		assertThat(text(both)).endsWith("Fijn dat je er bent.");

		// Choosing again with one in the letter, then back to the letter: the one in it stays given.
		mvc.perform(press(both, "button[name=next][value=assignments]", null).with(coach))
			.andExpect(redirectedUrl(base + "/assignments?giving=" + photo.id()));
		String choosing = page(get(base + "/assignments").param("giving", photo.id().toString()), coach);
		String back = org.jsoup.Jsoup.parse(choosing).select("a:contains(Terug naar het gesprek)").attr("href");
		assertThat(back).isEqualTo(base + "?give=" + photo.id() + "#write");

		// Nowhere else: an unknown next page is the letter itself.
		mvc.perform(post(base + "/draft").param("text", "Elders?").param("next", "https://elders.example/").with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#draft-status"));
		mvc.perform(post(base + "/draft").param("text", "Elders?").param("next", "//elders.example").with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#draft-status"));
	}

	/**
	 * The coach comes back to the letter later (from the workspace, after a note): the assignment
	 * chosen for it is still given when it goes, and "niet meesturen" takes it out of the letter.
	 */
	@Test
	void theAssignmentStaysWithTheDraftUntilTheLetterGoesOrTheCoachTakesItOut() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment photo = dutch(running, AssignmentType.PHOTO);
		String base = "/coach/trajectories/" + running.id();
		String chosen = page(get(base).param("give", photo.id().toString()), coach);
		mvc.perform(press(chosen, "button[name=check]", text(chosen) + "\n\nGroet, Anja").header("HX-Request", "true").with(coach))
			.andExpect(status().isOk());

		String later = page(get(base), coach);
		assertThat(field(later, "assignment")).as("the assignment, kept with the draft").isEqualTo(photo.id().toString());
		assertThat(occurrences(text(later), "Opdracht: " + photo.title())).isEqualTo(1);
		mvc.perform(press(later, "button.utrecht-button--primary-action", null).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		assertThat(given.of(running.id())).extracting(GivenAssignments.Given::assignmentId).contains(photo.id());
		assertThat(field(page(get(base), coach), "assignment")).as("the next letter starts without it").isNull();

		// Chosen for the next letter, then not sent after all: out of the letter, and not given.
		Assignment reflection = dutch(running, AssignmentType.REFLECTION);
		String again = page(get(base).param("give", reflection.id().toString()), coach);
		mvc.perform(press(again, "button[name=next][value=without-assignment]", "Hoe ging het?\n\n" + text(again)).with(coach))
			.andExpect(redirectedUrl(base + "#draft-status"));
		String without = page(get(base), coach);
		assertThat(field(without, "assignment")).isNull();
		assertThat(text(without)).isEqualTo("Hoe ging het?");
	}

	/**
	 * "Opdracht niet meesturen" says the assignment no longer goes with the letter, in either language;
	 * it said only that the draft was saved.
	 */
	@Test
	void takingTheAssignmentOutSaysItNoLongerGoesWithTheLetter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment reflection = dutch(running, AssignmentType.REFLECTION);
		String base = "/coach/trajectories/" + running.id();
		for (String language : List.of("nl", "en")) {
			String chosen = page(get(base).param("give", reflection.id().toString()), coach);
			var without = mvc.perform(press(chosen, "button[name=next][value=without-assignment]", "Hoe ging het?\n\n" + text(chosen))
					.with(coach))
				.andExpect(redirectedUrl(base + "#draft-status")).andReturn();
			Element status = Jsoup.parse(page(get(base).param("lang", language).cookie(without.getResponse().getCookies()), coach))
				.getElementById("draft-status");
			assertThat(status.attr("role")).isEqualTo("status");
			assertThat(status.text()).isEqualTo(language.equals("nl")
					? "De opdracht gaat niet meer mee met je brief: de tekst ervan is uit je concept gehaald, en je concept is bewaard."
					: "The assignment no longer goes with your letter: its text was taken out of your draft, and your draft was saved.");
		}
	}

	/**
	 * The coach deleted the assignment's block from the letter and pressed "Versturen": the mail went
	 * without it while the assignment was recorded as given, so the participant's next letter was linked
	 * as its answer and the record listed an assignment she never received. The letter is refused at its
	 * text, in the coach's language, with what was typed kept and a way on without the assignment or with
	 * it put back.
	 */
	@Test
	void aLetterWhoseAssignmentWasDeletedFromItsTextIsRefusedNotSentAsGivingIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment reflection = dutch(running, AssignmentType.REFLECTION);
		String base = "/coach/trajectories/" + running.id();
		String chosen = page(get(base).param("give", reflection.id().toString()), coach);
		for (String language : List.of("nl", "en")) {
			String refused = mvc.perform(press(chosen, "button.utrecht-button--primary-action", "Hoe ging het?\r\n\r\nGroet, Anja")
					.param("lang", language).with(coach))
				.andExpect(status().isUnprocessableContent())
				.andReturn().getResponse().getContentAsString();
			assertThat(given.of(running.id())).as("given without being in the letter").isEmpty();
			assertThat(Jsoup.parse(refused).getElementById("text-error").text()).as(language).isEqualTo(language.equals("nl")
					? "Je brief geeft de opdracht ‘" + reflection.title() + "’, maar de opdracht staat er niet meer in. Zet hem terug, of verstuur je brief zonder opdracht."
					: "Your letter gives the assignment ‘" + reflection.title() + "’, but the assignment is no longer in it. Put it back, or send your letter without the assignment.");
			assertThat(text(refused)).isEqualTo("Hoe ging het?\n\nGroet, Anja");
			assertThat(field(refused, "assignment")).isEqualTo(reflection.id().toString());
			assertThat(writeForm(refused).select("#text-error + .bw-inline-actions button").eachText()).as(language)
				.containsExactly(language.equals("nl") ? "Opdracht terugzetten" : "Put the assignment back",
						language.equals("nl") ? "Zonder opdracht verder" : "Go on without the assignment");
		}

		String refused = mvc.perform(press(chosen, "button.utrecht-button--primary-action", "Hoe ging het?").with(coach))
			.andReturn().getResponse().getContentAsString();
		// Put back: the letter as typed, with the assignment under it once, still given with it.
		mvc.perform(press(refused, "#text-error + .bw-inline-actions button[value=with-assignment]", null).with(coach))
			.andExpect(redirectedUrl(base + "?give=" + reflection.id() + "#draft-status"));
		String back = page(get(base).param("give", reflection.id().toString()), coach);
		assertThat(text(back)).startsWith("Hoe ging het?\n\nOpdracht: " + reflection.title());
		assertThat(occurrences(text(back), "Opdracht: " + reflection.title())).isEqualTo(1);

		// Or on without it: the letter as typed, no assignment with it; sent, nothing is given.
		refused = mvc.perform(press(back, "button.utrecht-button--primary-action", "Hoe ging het?").with(coach))
			.andReturn().getResponse().getContentAsString();
		mvc.perform(press(refused, "#text-error + .bw-inline-actions button[value=without-assignment]", null).with(coach))
			.andExpect(redirectedUrl(base + "#draft-status"));
		String without = page(get(base), coach);
		assertThat(field(without, "assignment")).isNull();
		assertThat(text(without)).isEqualTo("Hoe ging het?");
		mvc.perform(press(without, "button.utrecht-button--primary-action", null).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		assertThat(given.of(running.id())).isEmpty();
	}

	/**
	 * "Opdracht niet meesturen" took the text out only where it stood word for word: a worksheet the coach had changed
	 * one word of stayed in the letter, brackets and all, while sending and the check took it for the assignment's. It
	 * is found as they find it; the line the coach changed is the coach's own and stays. Choosing another assignment
	 * takes such a text out the same way.
	 */
	@Test
	void takingOutAWorksheetTheCoachChangedAWordOfLeavesOnlyTheChangedLine() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID worksheet = assignments.add(running.coach().id(), new Assignments.Draft("Gesprek voorbereiden",
				"Bereid het gesprek voor met deze vragen.\nMet wie: [naam leidinggevende]\nWanneer: [datum gesprek]",
				AssignmentType.REFLECTION, List.of(), 15, java.util.Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String chosen = page(get(base).param("give", worksheet.toString()), coach);
		String worksheetText = text(chosen).replace("met deze vragen", "met de vragen hieronder");
		String changed = "Hoe ging het?\n\n" + worksheetText + "\n\nGroet, Anja";
		mvc.perform(press(chosen, "button[name=next][value=without-assignment]", changed).with(coach))
			.andExpect(redirectedUrl(base + "#draft-status"));
		assertThat(text(page(get(base), coach)))
			.isEqualTo("Hoe ging het?\n\nBereid het gesprek voor met de vragen hieronder.\n\nGroet, Anja");

		Assignment reflection = dutch(running, AssignmentType.REFLECTION);
		chosen = page(get(base).param("give", worksheet.toString()), coach);
		changed = "Hoe ging het?\n\n" + worksheetText;
		mvc.perform(press(chosen, "button[name=next][value=assignments]", changed).with(coach))
			.andExpect(redirectedUrl(base + "/assignments?giving=" + worksheet));
		String instead = page(get(base).param("give", reflection.id().toString()), coach);
		assertThat(text(instead)).startsWith("Hoe ging het?\n\nBereid het gesprek voor met de vragen hieronder.\n\nOpdracht: "
				+ reflection.title()).doesNotContain("[naam leidinggevende]", "Gesprek voorbereiden");
	}

	/** Another assignment chosen instead of the one in the letter: the first one's text leaves the letter. */
	@Test
	void choosingAnotherAssignmentTakesTheFirstOnesTextOut() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment photo = dutch(running, AssignmentType.PHOTO);
		Assignment reflection = dutch(running, AssignmentType.REFLECTION);
		String base = "/coach/trajectories/" + running.id();
		String chosen = page(get(base).param("give", photo.id().toString()), coach);
		mvc.perform(press(chosen, "button[name=next][value=assignments]", "Hoe ging het?\n\n" + text(chosen)).with(coach))
			.andExpect(redirectedUrl(base + "/assignments?giving=" + photo.id()));

		String instead = page(get(base).param("give", reflection.id().toString()), coach);
		assertThat(field(instead, "assignment")).isEqualTo(reflection.id().toString());
		assertThat(text(instead)).startsWith("Hoe ging het?\n\nOpdracht: " + reflection.title())
			.doesNotContain("Opdracht: " + photo.title());
	}

	/** The assignment in the letter is headed and explained in the participant's language, whatever the coach's. */
	@Test
	void theAssignmentInTheLetterIsInTheParticipantsLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		var coach = fixtures.as(running.coach());
		Assignment photo = dutch(running, AssignmentType.PHOTO);
		String chosen = page(get("/coach/trajectories/{id}", running.id()).param("give", photo.id().toString()), coach);
		assertThat(text(chosen)).startsWith("Assignment: " + photo.title()).contains("This takes you about")
			.doesNotContain("Dit kost je");
	}

	private Assignment dutch(Fixtures.RunningTrajectory running, AssignmentType type) {
		return assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, type))
			.stream()
			.filter(a -> a.language().getLanguage().equals("nl"))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The write form of the page as a browser sends it with this button pressed: its hidden fields,
	 * its select, the text (as typed, or as it stands) and the button's own name and value, to the
	 * button's formaction. The CSRF token is MockMvc's.
	 */
	private static MockHttpServletRequestBuilder press(String page, String button, String typed) {
		Element form = writeForm(page);
		Element pressed = form.selectFirst(button);
		assertThat(pressed).as(button + " in the write form").isNotNull();
		MockHttpServletRequestBuilder request = post(pressed.hasAttr("formaction") ? pressed.attr("formaction") : form.attr("action"))
			.with(csrf());
		for (Element hidden : form.select("input[type=hidden]")) {
			if (!hidden.attr("name").equals("_csrf")) {
				request.param(hidden.attr("name"), hidden.val());
			}
		}
		for (Element select : form.select("select")) {
			Element option = select.selectFirst("option[selected]");
			request.param(select.attr("name"), (option == null ? select.selectFirst("option") : option).val());
		}
		request.param("text", typed == null ? text(page) : typed);
		if (pressed.hasAttr("name")) {
			request.param(pressed.attr("name"), pressed.val());
		}
		return request;
	}

	private static Element writeForm(String page) {
		Element form = Jsoup.parse(page).selectFirst("form[action$='/messages']");
		assertThat(form).as("the write form").isNotNull();
		return form;
	}

	/** The letter in the write form, as the browser reads it (a first line break after the tag is not part of it). */
	private static String text(String page) {
		String text = writeForm(page).selectFirst("textarea[name=text]").wholeText();
		return text.startsWith("\n") ? text.substring(1) : text;
	}

	/** A hidden field's value in the write form, or null when the form has none. */
	private static String field(String page, String name) {
		Element field = writeForm(page).selectFirst("input[type=hidden][name=" + name + "]");
		return field == null ? null : field.val();
	}

	private static int occurrences(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	@Test
	void aDraftSavedEmptySaysItIsEmptyNotSaved() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		var saved = mvc.perform(post(base + "/draft").param("text", "Beste Sanne,").with(csrf()).with(coach)).andReturn();
		assertThat(page(get(base).cookie(saved.getResponse().getCookies()), coach)).contains("Je concept is bewaard.");
		var emptied = mvc.perform(post(base + "/draft").param("text", "  ").with(csrf()).with(coach)).andReturn();
		assertThat(page(get(base).cookie(emptied.getResponse().getCookies()), coach)).contains("Je concept is nu leeg.")
			.doesNotContain("Je concept is bewaard.");
	}

	private String page(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		return mvc.perform(request.with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}

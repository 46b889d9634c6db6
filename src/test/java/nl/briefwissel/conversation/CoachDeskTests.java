package nl.briefwissel.conversation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class CoachDeskTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	CoachDesk desk;

	@Test
	void privateNotesAreTheCoachsOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "Let op: twijfelt over haar contract.")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());

		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains("Let op: twijfelt over haar contract.");
		assertThat(page("/participant/conversation", as(running.participant().email()))).doesNotContain("twijfelt over haar contract");
		mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "x").with(csrf())
			.with(as("coach@briefwissel.test"))).andExpect(status().isNotFound());
	}

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Test
	void theCoachReadsTheParticipantsGoalsNextToTheConversation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		assertThat(page("/coach/trajectories/" + running.id(), coach)).doesNotContain("Vraag en doelen")
			.doesNotContain("Doelen van de deelnemer");
		trajectories.changeGoals(running.id(), running.participant().id(), "Over een jaar werk ik in de zorg.");
		// No question in this trajectory: the disclosure is named after the goals it opens.
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains("<summary>Doelen van de deelnemer</summary>")
			.contains("Over een jaar werk ik in de zorg.");
		assertThat(page("/participant", as(running.participant().email())))
			.contains(">Over een jaar werk ik in de zorg.</textarea>");
	}

	@Test
	void theCoachReadsTheThemeInTheirLanguageAndAnUnknownThemeByItsCode() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains("<dd>Een volgende stap die past bij mijn kwaliteiten</dd>");
		assertThat(mvc.perform(get("/coach/trajectories/" + running.id()).param("lang", "en").with(coach))
			.andReturn().getResponse().getContentAsString()).contains("<dd>A next step that fits my qualities</dd>");
		jdbc.sql("update trajectory set theme = 'GONE_THEME' where id = :id").param("id", running.id()).update();
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains("<dd>GONE_THEME</dd>");
	}

	@Autowired
	Conversations conversations;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/**
	 * A letter keeps every character its writer typed (Arabic, Hebrew, and a direction override too), but its text
	 * runs in its own direction and an override in it stays inside the letter instead of turning the page around.
	 */
	@Test
	void aLettersTextIsIsolatedFromThePageAroundIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var letter = conversations.participantWrites(running.id(), running.participant().id(),
				"\u202Eshalom \u05E9\u05DC\u05D5\u05DD", java.util.List.of());
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(page("/coach/trajectories/" + running.id(), as(running.coach().email())));
		org.jsoup.nodes.Element body = page.selectFirst("#m-" + letter + " .bw-message__body");
		assertThat(body).isNotNull();
		assertThat(body.attr("dir")).isEqualTo("auto");
		assertThat(body.text()).isEqualTo("\u202Eshalom \u05E9\u05DC\u05D5\u05DD");
	}

	/**
	 * The letters are written in Java (LettersDialect, decision 0019): each with its heading, time,
	 * channel, files, delivery and highlight form, the page's CSRF field in every form, what people
	 * wrote escaped, and the same list without coach-only parts on the participant's page.
	 */
	@Test
	void eachLetterCarriesItsPartsOnBothSidesOfTheConversation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var photo = new nl.briefwissel.mail.MailAttachment("foto <1>.jpg", "image/jpeg", 3 * 1024, new byte[3 * 1024], null);
		var refused = new nl.briefwissel.mail.MailAttachment("virus.exe", "application/octet-stream", 10, new byte[10], "geen toegestaan bestand");
		var answer = conversations.participantWrites(running.id(), running.participant().id(), "Ik twijfel <b>echt</b> & zo'n beetje",
				java.util.List.of(photo, refused));
		var question = conversations.coachWrites(running.id(), running.coach().id(), "Wat zou je doen als je niet kon falen?");

		String coachPage = page("/coach/trajectories/" + running.id(), as(running.coach().email()));
		assertThat(coachPage)
			.contains("<li class=\"bw-message bw-message--participant\" id=\"m-" + answer + "\">")
			.contains("<article aria-labelledby=\"h-" + answer + "\">")
			.contains("id=\"h-" + answer + "\">" + running.participant().displayName() + "</h3>")
			.contains("Ik twijfel &lt;b&gt;echt&lt;/b&gt; &amp; zo&#39;n beetje")
			.contains("/coach/trajectories/" + running.id() + "/attachments/")
			.contains("foto &lt;1&gt;.jpg (3 kB)")
			.contains("virus.exe").contains("geen toegestaan bestand")
			.contains("<li class=\"bw-message bw-message--coach\" id=\"m-" + question + "\">")
			.contains("<p class=\"bw-delivery")
			.contains("<span id=\"latest\"></span>")
			.contains("for=\"passage-" + question + "\"").contains("aria-describedby=\"passage-help-" + question + "\"");
		assertThat(coachPage.split("action=\"/coach/trajectories/" + running.id() + "/highlights\"", -1)).hasSize(3);
		assertThat(coachPage.split("<input type=\"hidden\" name=\"_csrf\" value=\"", -1).length)
			.as("every form of the page, the two highlight forms included, carries the CSRF field")
			.isEqualTo(coachPage.split("method=\"post\"", -1).length);
		assertThat(coachPage.indexOf("m-" + answer)).isLessThan(coachPage.indexOf("m-" + question));

		String participantPage = page("/participant/conversation", fixtures.as(running.participant()));
		assertThat(participantPage)
			.contains("id=\"m-" + question + "\"")
			.contains("/participant/attachments/" + running.id() + "/")
			.contains("action=\"/participant/highlights\"")
			.doesNotContain("bw-delivery").doesNotContain("/original\"");
	}

	/** Whatever zone the server runs in (CI's is UTC), a letter shows the time it was in Amsterdam. */
	@Test
	void aLettersTimeIsTheTimeInTheNetherlands() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var letter = conversations.participantWrites(running.id(), running.participant().id(), "Een brief van vanmiddag");
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.parse("2026-11-03T14:05:00Z"))
			.param("id", letter)
			.update();
		assertThat(page("/coach/trajectories/" + running.id(), as(running.coach().email()))).contains("3 november 2026, 15:05");
	}

	@Test
	void aDraftSurvivesAClosedBrowserAndIsGoneOnceSent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", "Half geschreven gedachte")
			.header("HX-Request", "true").with(csrf()).with(coach));
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains(">Half geschreven gedachte</textarea>");

		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Zonder JavaScript bewaard")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains(">Zonder JavaScript bewaard</textarea>");

		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Zonder JavaScript bewaard")
			.with(csrf()).with(coach));
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
	}

	/** A note that is too long comes back in its field to shorten, with the message tied to it and the focus on it. */
	@Test
	void aNoteTooLongIsGivenBack() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		String note = "Lange gedachte " + "z".repeat(20_000);
		var refused = mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", note).with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection()).andReturn();
		String page = mvc.perform(get("/coach/trajectories/{id}", running.id()).with(coach).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("aria-describedby=\"note-error\" autofocus=\"autofocus\">" + note + "</textarea>");
	}

	/** A note saved is confirmed where the page opens (#notes), as goals and lifecycle actions are, in either language. */
	@Test
	void aNoteSavedIsConfirmed() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		for (String language : java.util.List.of("nl", "en")) {
			var saved = mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "Vraagt naar omscholing.")
					.with(csrf()).with(coach))
				.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#notes")).andReturn();
			var page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language).with(coach)
				.cookie(saved.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
			var confirmation = page.getElementById("note-saved");
			assertThat(confirmation.attr("role")).isEqualTo("status");
			assertThat(confirmation.text()).isEqualTo(language.equals("nl") ? "Je notitie is bewaard." : "Your note was saved.");
			assertThat(confirmation.closest("section").selectFirst("#notes")).as("in the notes' section").isNotNull();
		}
		String again = page("/coach/trajectories/" + running.id(), coach);
		assertThat(again).as("said once, after saving").doesNotContain("id=\"note-saved\"");
	}

	/** The browser counts a line break as one character and sends two: a note it took within its limit is kept. */
	@Test
	void aNoteWithinTheFieldsLimitIsKeptWhateverItsLineBreaks() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		String note = ("Een regel van de notitie.\r\n").repeat(19_990 / 26);
		assertThat(note.replace("\r\n", "\n").length()).isLessThanOrEqualTo(20_000);
		assertThat(note.length()).isGreaterThan(20_000);
		mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", note).with(csrf()).with(coach))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("noteSaved", true))
			.andExpect(flash().attribute("noteError", org.hamcrest.Matchers.nullValue()));
		assertThat(desk.of(running.id(), running.coach().id()).notes()).hasSize(1);
	}

	/** The check while typing that ends after "Versturen" does not bring the sent letter back as a draft. */
	@Test
	void aCheckThatEndsAfterTheLetterWasSentKeepsNoDraft() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		String submission = UUID.randomUUID().toString();
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Verstuurde brief")
			.param("submission", submission).with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		// Its draft went as the letter: the state is in the way, not the text (409, decision 0139 amended).
		mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", "Verstuurde brief")
			.param("submission", submission).header("HX-Request", "true").with(csrf()).with(coach)).andExpect(status().isConflict());
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
	}

	/** After "Versturen" the page opens at the confirmation, which stands under the letter that went. */
	@Test
	void theConfirmationIsWhereThePageOpensUnderTheLetterThatWent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		var sent = mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Tot donderdag!")
				.with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#sent")).andReturn();
		String page = mvc.perform(get("/coach/trajectories/{id}", running.id()).with(coach).cookie(sent.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"sent\"");
		assertThat(page.indexOf("id=\"sent\"")).isGreaterThan(page.indexOf("Tot donderdag!"));
	}

	/** A check of the sent form that arrives late leaves the next form's draft as it is. */
	@Test
	void aLateCheckOfTheSentFormLeavesTheNextDraftAlone() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		String sent = UUID.randomUUID().toString();
		String next = UUID.randomUUID().toString();
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Verstuurde brief")
			.param("submission", sent).with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", "De volgende brief")
			.param("submission", next).header("HX-Request", "true").with(csrf()).with(coach)).andExpect(status().isOk());
		for (String late : new String[] { "Verstuurde brief", "" }) {
			// Overtaken by the letter that went: not kept, and answered 409 (decision 0139, amended).
			mvc.perform(post("/coach/trajectories/{id}/check", running.id()).param("text", late)
				.param("submission", sent).header("HX-Request", "true").with(csrf()).with(coach)).andExpect(status().isConflict());
		}
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("De volgende brief");
	}

	/** The draft of a form that was not sent yet is the coach's draft, with or without JavaScript. */
	@Test
	void aDraftOfAFormNotSentIsShown() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		String submission = UUID.randomUUID().toString();
		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Nog niet verstuurd")
			.param("submission", submission).with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Nog niet verstuurd");
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Nog niet verstuurd")
			.param("submission", submission).with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		// The button without JavaScript, pressed in a tab of the form that was sent: no draft either, the page again
		// saying so (409, decision 0139, amended).
		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Nog niet verstuurd")
			.param("submission", submission).with(csrf()).with(coach)).andExpect(status().isConflict());
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
	}

	/** Two saves at once (the check while typing and the button) keep one draft, without an error. */
	@Test
	void twoSavesAtOnceKeepOneDraft() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID coach = running.coach().id();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<?>> saves = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String text = "Versie " + i;
				saves.add(pool.submit(() -> desk.saveDraft(running.id(), coach, text)));
			}
			for (var save : saves) {
				save.get(20, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(desk.of(running.id(), coach).draft()).hasValueSatisfying(draft -> assertThat(draft).startsWith("Versie "));
	}

	/**
	 * Sending from a form based on an older draft keeps the draft saved since from another tab: the
	 * letter that went is not that one (decision 0060). The draft the form was based on, or the form's
	 * own last save, is emptied as before.
	 */
	@Test
	void aLetterSentFromAnOlderFormKeepsTheDraftSavedSinceInAnother() {
		var running = fixtures.runningTrajectory(true);
		UUID trajectory = running.id();
		UUID coach = running.coach().id();
		UUID older = UUID.randomUUID();
		// The older form was opened with no draft; the other saved one since.
		CoachDesk.DraftSave saved = desk.saveDraft(trajectory, coach, "Het nieuwere concept", UUID.randomUUID(), null, "");
		assertThat(desk.letterSent(trajectory, coach, older, "")).as("a newer draft kept").isTrue();
		assertThat(desk.of(trajectory, coach).draft()).contains("Het nieuwere concept");

		// Based on the draft as it is: emptied.
		String revision = ((CoachDesk.DraftSave.Kept) saved).revision().toString();
		assertThat(desk.letterSent(trajectory, coach, UUID.randomUUID(), revision)).isFalse();
		assertThat(desk.of(trajectory, coach).draft()).isEmpty();

		// The form's own last save, whatever base it sends (its check and the button cross): emptied.
		UUID form = UUID.randomUUID();
		desk.saveDraft(trajectory, coach, "Mijn eigen concept", form, null,
				desk.of(trajectory, coach).draftRevision().orElseThrow().toString());
		assertThat(desk.letterSent(trajectory, coach, form, revision)).isFalse();
		assertThat(desk.of(trajectory, coach).draft()).isEmpty();

		// A draft emptied in the other tab is nothing to keep, and without a base the draft goes whatever it is.
		desk.saveDraft(trajectory, coach, "", UUID.randomUUID(), null, null);
		assertThat(desk.letterSent(trajectory, coach, UUID.randomUUID(), revision)).isFalse();
		desk.saveDraft(trajectory, coach, "Nog een concept", UUID.randomUUID(), null, null);
		desk.letterSent(trajectory, coach, UUID.randomUUID(), null);
		assertThat(desk.of(trajectory, coach).draft()).isEmpty();
	}

	@Test
	void theDeskIsReadInOneGoWithNotesNewestFirstRepliesByTitleAndOnlyTheCoachsOwn() {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		UUID coach = running.coach().id();
		desk.addNote(running.id(), coach, "Eerste indruk");
		desk.addNote(running.id(), coach, "Na het tweede gesprek");
		// Written a moment apart in the test's clock; one made a day older, so their order is known.
		UUID older = jdbc.sql("select id from coach_note where trajectory_id = :t").param("t", running.id()).query(UUID.class).list().get(0);
		jdbc.sql("update coach_note set created_at = created_at - interval '1' day where id = :id").param("id", older).update();
		desk.addSavedReply(coach, "Welkom", "Fijn dat je er bent.");
		desk.addSavedReply(coach, "Afsluiting", "Dank voor de gesprekken.");
		desk.saveDraft(running.id(), coach, "Half geschreven");
		desk.addNote(other.id(), other.coach().id(), "Van een andere coach");
		desk.addSavedReply(other.coach().id(), "Andermans antwoord", "Niet van jou.");

		CoachDesk.Desk mine = desk.of(running.id(), coach);

		assertThat(mine.draft()).contains("Half geschreven");
		var notes = jdbc.sql("select id from coach_note where trajectory_id = :t order by created_at desc")
			.param("t", running.id()).query(UUID.class).list();
		assertThat(mine.notes()).extracting(CoachDesk.Note::id).containsExactlyElementsOf(notes);
		assertThat(mine.notes()).extracting(CoachDesk.Note::body).containsExactlyInAnyOrder("Eerste indruk", "Na het tweede gesprek");
		assertThat(mine.savedReplies()).extracting(CoachDesk.SavedReply::title).containsExactly("Afsluiting", "Welkom");
		assertThat(mine.savedReplies()).extracting(CoachDesk.SavedReply::body).containsExactly("Dank voor de gesprekken.", "Fijn dat je er bent.");
		assertThat(desk.of(other.id(), coach)).isEqualTo(new CoachDesk.Desk(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), mine.savedReplies(), false));
	}

	@Test
	void savedRepliesAreInsertedWhileWritingAndAreTheCoachsOwn() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		mvc.perform(post("/coach/saved-replies").param("title", "Welkom").param("body", "Fijn dat je er bent.")
			.with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		var reply = desk.savedReplies(running.coach().id()).get(0);

		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "").param("next", "reply")
			.param("use", reply.id().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#draft-status"));
		assertThat(page("/coach/trajectories/" + running.id(), coach)).contains(">Fijn dat je er bent.</textarea>");
		var other = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/draft", other.id()).param("text", "Mijn brief").param("next", "reply")
			.param("use", reply.id().toString()).with(csrf()).with(as(other.coach().email())));
		assertThat(page("/coach/trajectories/" + other.id(), as(other.coach().email())))
			.contains(">Mijn brief</textarea>")
			.doesNotContain("Fijn dat je er bent.");
		assertThat(page("/coach/saved-replies", as(other.coach().email()))).doesNotContain("Welkom");

		mvc.perform(post("/coach/saved-replies/{id}/delete", reply.id()).param("base", reply.revision().toString()).with(csrf()).with(coach));
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	/**
	 * The coach's own reply is deleted (asked first, decision 0103); another coach's is not found, with the
	 * revision it has, and is left alone.
	 */
	@Test
	void deletingASavedReplyLeavesAnotherCoachsAlone() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		desk.addSavedReply(other.coach().id(), "Andermans antwoord", "Niet van jou.");
		UUID mine = desk.savedReplies(running.coach().id()).get(0).id();
		UUID theirs = desk.savedReplies(other.coach().id()).get(0).id();

		mvc.perform(post("/coach/saved-replies/{id}/delete", mine).param("base", mine.toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted"))
			.andExpect(flash().attribute("replyDeleted", true));
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();

		mvc.perform(post("/coach/saved-replies/{id}/delete", theirs).param("base", theirs.toString()).with(csrf()).with(coach))
			.andExpect(status().isNotFound());
		assertThat(desk.savedReplies(other.coach().id())).extracting(CoachDesk.SavedReply::id).containsExactly(theirs);
	}

	/** A double click on "Bewaren" under the notes or a new saved reply: the form's id keeps one. */
	@Test
	void aDoubleClickKeepsOneNoteAndOneSavedReply() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		String page = page("/coach/trajectories/" + running.id(), coach);
		String noteForm = org.jsoup.Jsoup.parse(page).selectFirst("form[action$=/notes] input[name=form]").val();
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "Let op haar energie.")
				.param("form", noteForm).with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		}
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body)
			.containsExactly("Let op haar energie.");

		String replies = page("/coach/saved-replies", coach);
		String replyForm = org.jsoup.Jsoup.parse(replies).selectFirst("form[action=/coach/saved-replies] input[name=form]").val();
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/coach/saved-replies").param("title", "Afsluiting").param("body", "Dank voor de gesprekken.")
				.param("form", replyForm).with(csrf()).with(coach)).andExpect(status().is3xxRedirection());
		}
		assertThat(desk.savedReplies(running.coach().id())).extracting(CoachDesk.SavedReply::title).containsExactly("Afsluiting");
		// A new form is a new note, with the same words.
		mvc.perform(post("/coach/trajectories/{id}/notes", running.id()).param("note", "Let op haar energie.")
			.param("form", UUID.randomUUID().toString()).with(csrf()).with(coach));
		assertThat(desk.of(running.id(), running.coach().id()).notes()).hasSize(2);
	}

	/** A saved reply that is too long says so at its field, with what was typed, and nothing is kept. */
	@Test
	void aSavedReplyTooLongIsExplainedAtItsField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = as(running.coach().email());
		var sent = mvc.perform(post("/coach/saved-replies").param("title", "Lang").param("body", "x".repeat(20_001))
			.with(csrf()).with(coach)).andExpect(redirectedUrl("/coach/saved-replies#body")).andReturn();
		String page = mvc.perform(get("/coach/saved-replies").with(coach).cookie(sent.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		var form = org.jsoup.Jsoup.parse(page).selectFirst("form[action=/coach/saved-replies]");
		assertThat(form.selectFirst("#body-error").text()).contains("hoogstens 20.000 tekens");
		assertThat(form.selectFirst("textarea#body").attr("aria-describedby")).isEqualTo("body-error body-hint");
		assertThat(form.selectFirst("input#title").val()).isEqualTo("Lang");
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	private RequestPostProcessor as(String email) {
		return user(users.loadUserByUsername(email));
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andReturn().getResponse().getContentAsString();
	}
}

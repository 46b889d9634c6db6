package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.trajectory.Handovers;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coach edits and deletes their own private notes (decision 0092): only the author, only while the
 * trajectory is theirs to see; an edit is sealed as a new note is, says when it was made, and one from a
 * tab that is behind is refused with its text given back; deleting asks first and says the note is gone.
 */
@BriefwisselTest
class NoteEditingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachDesk desk;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Encryption encryption;

	@Autowired
	Conversations conversations;

	@Autowired
	Handovers handovers;

	@Autowired
	TrajectoryErasure erasure;

	/**
	 * The edit page holds the note in a labelled field; saved, the page opens at the note (a focusable
	 * target of the address, so the focus lands there without a script), says it was changed and when, in
	 * Dutch and in English, and the new text is sealed with the key of the day.
	 */
	@Test
	void aCoachEditsTheirNoteAndThePageSaysWhen() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Twijfelt over haar contrcat.");
		UUID note = onlyNote(running);
		String trajectoryPage = page(get("/coach/trajectories/{id}", running.id()), coach);
		Element listed = Jsoup.parse(trajectoryPage).getElementById("note-" + note);
		assertThat(listed.attr("tabindex")).isEqualTo("-1");
		assertThat(listed.selectFirst("a[href=/coach/trajectories/" + running.id() + "/notes/" + note + "/edit]").attr("aria-label"))
			.startsWith("Bewerken");
		assertThat(listed.selectFirst("a[href=/coach/trajectories/" + running.id() + "/notes/" + note + "/delete]")).isNotNull();
		assertThat(listed.text()).doesNotContain("bewerkt op");

		Document edit = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		Element field = edit.selectFirst("form textarea[name=note]");
		assertThat(field.text()).isEqualTo("Twijfelt over haar contrcat.");
		assertThat(edit.selectFirst("label[for=" + field.id() + "]")).isNotNull();
		String base = edit.selectFirst("form input[name=base]").val();
		String form = edit.selectFirst("form input[name=form]").val();

		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).param("note", "Twijfelt over haar contract.")
			.param("base", base).param("form", form).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-" + note));
		var sealed = jdbc.sql("select body, body_key_id, edited_at from coach_note where id = :id").param("id", note)
			.query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getObject(3)))).single();
		assertThat(sealed.get(0)).doesNotContain("contract");
		assertThat(sealed.get(1)).isEqualTo(encryption.keyId());
		assertThat(sealed.get(2)).isNotEqualTo("null");

		for (String language : List.of("nl", "en")) {
			MvcResult saved = mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note)
				.param("note", "Twijfelt over haar contract (" + language + ").").param("base", currentBase(running, note))
				.param("form", UUID.randomUUID().toString()).with(csrf()).with(coach)).andReturn();
			Element again = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language).with(coach)
				.cookie(saved.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).getElementById("note-" + note);
			assertThat(again.text()).contains("Twijfelt over haar contract (" + language + ").")
				.contains(language.equals("nl") ? "bewerkt op" : "edited on")
				.contains(language.equals("nl") ? "Je notitie is gewijzigd." : "Your note was changed.");
			assertThat(again.selectFirst("[role=status]")).isNotNull();
			assertThat(again.select("time")).hasSize(2);
		}
		assertThat(desk.of(running.id(), running.coach().id()).notes()).singleElement()
			.satisfies(n -> assertThat(n.editedAt()).isNotNull());
	}

	/** Empty or too long: said at the field, the text typed kept, the note as it was. */
	@Test
	void anEditRefusedIsSaidAtTheFieldWithTheTextKept() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Eerste indruk");
		UUID note = onlyNote(running);
		String tooLong = "Lang " + "z".repeat(20_000);
		for (String[] typedAndSaid : new String[][] { { " ", "leeg bewaren kan niet" }, { tooLong, "hoogstens 20.000 tekens" } }) {
			String typed = typedAndSaid[0];
			MvcResult refused = mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).param("note", typed)
				.param("base", currentBase(running, note)).param("form", UUID.randomUUID().toString()).with(csrf()).with(coach))
				.andExpect(status().isUnprocessableContent()).andReturn();
			// The form again (decision 0139), not a redirect to it that answered 200: its title says so first.
			Document page = Jsoup.parse(refused.getResponse().getContentAsString());
			assertThat(page.title()).startsWith("Fout: ");
			Element field = page.selectFirst("textarea[name=note]");
			assertThat(field.attr("aria-invalid")).isEqualTo("true");
			assertThat(describedBy(page, field)).anySatisfy(error -> assertThat(error.text()).contains(typedAndSaid[1]));
			assertThat(field.text()).isEqualTo(typed.strip().isEmpty() ? "" : typed);
			assertThat(field.hasAttr("autofocus")).isTrue();
			assertThat(page.selectFirst("input[name=base]").val()).as("still tested against the note this tab opened")
				.isEqualTo(currentBase(running, note));
		}
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body).containsExactly("Eerste indruk");
	}

	/**
	 * Two tabs on one note: the save of the tab opened before the other's is refused, the newer text
	 * stays in the field and the text typed in that tab is given back to copy; saved from there it is
	 * kept. A note deleted in the other tab gives the text back in the field for a new note.
	 */
	@Test
	void anEditFromATabThatIsBehindIsRefusedWithTheTextKept() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Eerste versie");
		UUID note = onlyNote(running);
		Document first = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		Document second = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		edit(running, note, second, "Uit het tweede tabblad", coach).andExpect(status().is3xxRedirection());

		MvcResult refused = edit(running, note, first, "Uit het eerste tabblad", coach)
			.andExpect(status().isConflict()).andReturn();
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body)
			.containsExactly("Uit het tweede tabblad");
		// The form again with the newest version (the state in the way, decision 0139), not a redirect to it.
		Document told = Jsoup.parse(refused.getResponse().getContentAsString());
		assertThat(told.title()).startsWith("Fout: ");
		Element notice = told.getElementById("note-changed-since");
		assertThat(notice.attr("role")).isEqualTo("alert");
		assertThat(notice.attr("tabindex")).isEqualTo("-1");
		assertThat(notice.hasAttr("autofocus")).as("no #note-changed-since to open the page at: it takes the focus").isTrue();
		assertThat(notice.text()).contains("in een ander venster gewijzigd").contains("Uit het eerste tabblad");
		assertThat(told.selectFirst("textarea[name=note]").text()).isEqualTo("Uit het tweede tabblad");

		edit(running, note, told, "Uit het eerste tabblad, opnieuw", coach)
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-" + note));
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body)
			.containsExactly("Uit het eerste tabblad, opnieuw");

		Document behind = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		desk.deleteNote(running.id(), running.coach().id(), note, null);
		MvcResult gone = edit(running, note, behind, "Nog een gedachte", coach)
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-gone")).andReturn();
		Document trajectory = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(coach)
			.cookie(gone.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
		assertThat(trajectory.getElementById("note-gone").text()).contains("verwijderd");
		assertThat(trajectory.selectFirst("form[action$=/notes] textarea[name=note]").text()).isEqualTo("Nog een gedachte");
		assertThat(desk.of(running.id(), running.coach().id()).notes()).isEmpty();
	}

	/** A double click on "Wijziging bewaren": the second save finds its own and writes nothing. */
	@Test
	void aDoubleSubmitOfAnEditChangesTheNoteOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Eerste versie");
		UUID note = onlyNote(running);
		Document page = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		edit(running, note, page, "Tweede versie", coach).andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-" + note));
		List<Object> afterFirst = row(note);
		edit(running, note, page, "Tweede versie", coach).andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-" + note));
		assertThat(row(note)).as("sealed text, revision and time of the first save").isEqualTo(afterFirst);
	}

	/**
	 * Deleting asks first, on a page of its own that works without a script, naming the note; the
	 * answer says it is gone, where the page opens. A second click does nothing more and says the same.
	 */
	@Test
	void deletingANoteAsksFirstAndSaysItIsGone() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Bel haar werkgever niet.");
		desk.addNote(running.id(), running.coach().id(), "Een andere notitie");
		UUID note = desk.of(running.id(), running.coach().id()).notes().stream().filter(n -> n.body().startsWith("Bel")).findFirst()
			.orElseThrow().id();
		Document ask = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note), coach));
		assertThat(ask.text()).contains("Bel haar werkgever niet.");
		Element confirm = ask.selectFirst("form[action=/coach/trajectories/" + running.id() + "/notes/" + note + "/delete]");
		assertThat(confirm.attr("method")).isEqualTo("post");
		assertThat(ask.selectFirst("a[href=/coach/trajectories/" + running.id() + "#note-" + note + "]")).as("back, keeping it").isNotNull();
		assertThat(desk.of(running.id(), running.coach().id()).notes()).hasSize(2);

		for (String language : List.of("nl", "en")) {
			MvcResult deleted = mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note)
				.param("base", confirm.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
				.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-deleted")).andReturn();
			Element said = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language).with(coach)
				.cookie(deleted.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).getElementById("note-deleted");
			assertThat(said.attr("role")).isEqualTo("status");
			assertThat(said.attr("tabindex")).isEqualTo("-1");
			assertThat(said.text()).isEqualTo(language.equals("nl") ? "Je notitie is verwijderd." : "Your note was deleted.");
		}
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body)
			.containsExactly("Een andere notitie");
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).with(coach)).andExpect(status().isNotFound());
	}

	/**
	 * A note changed in another tab after the question was asked is not deleted unseen: the question
	 * comes again with the newer text.
	 */
	@Test
	void aNoteChangedSinceTheQuestionIsAskedAboutAgain() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Eerste versie");
		UUID note = onlyNote(running);
		Document ask = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note), coach));
		Document edit = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		edit(running, note, edit, "Belangrijke aanvulling", coach).andExpect(status().is3xxRedirection());

		MvcResult asked = mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note)
			.param("base", ask.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "/notes/" + note + "/delete#note-changed-since")).andReturn();
		assertThat(desk.of(running.id(), running.coach().id()).notes()).hasSize(1);
		Document again = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).with(coach)
			.cookie(asked.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
		assertThat(again.getElementById("note-changed-since").text()).contains("gewijzigd");
		assertThat(again.text()).contains("Belangrijke aanvulling");
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note)
			.param("base", again.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-deleted"));
		assertThat(desk.of(running.id(), running.coach().id()).notes()).isEmpty();
	}

	/**
	 * Another coach, on the note's trajectory or through their own, finds no note; a programme manager
	 * and the participant are refused the coach's area. The note stays as it was.
	 */
	@Test
	void onlyItsAuthorEditsOrDeletesANote() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		desk.addNote(running.id(), running.coach().id(), "Van mij");
		UUID note = onlyNote(running);
		String base = currentBase(running, note);
		var otherCoach = fixtures.as(other.coach());
		for (UUID trajectory : List.of(running.id())) {
			mvc.perform(get("/coach/trajectories/{id}/notes/{note}/edit", trajectory, note).with(otherCoach)).andExpect(status().isNotFound());
			mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", trajectory, note).with(otherCoach)).andExpect(status().isNotFound());
			mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", trajectory, note).param("note", "Overschreven").param("base", base)
				.with(csrf()).with(otherCoach)).andExpect(status().isNotFound());
			mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", trajectory, note).param("base", base).with(csrf())
				.with(otherCoach)).andExpect(status().isNotFound());
		}
		// Through a trajectory of their own: no such note there, and not "deleted in the meantime" either,
		// which is said only of the coach's own note (decision 0092: another coach finds nothing).
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/edit", other.id(), note).with(otherCoach)).andExpect(status().isNotFound());
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", other.id(), note).with(otherCoach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", other.id(), note).param("note", "Overschreven").param("base", base)
			.with(csrf()).with(otherCoach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", other.id(), note).param("base", base).with(csrf()).with(otherCoach))
			.andExpect(status().isNotFound());
		for (var refused : List.of(fixtures.as(fixtures.managerOf(running)), fixtures.as(running.participant()))) {
			mvc.perform(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).with(refused)).andExpect(status().isForbidden());
			mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).with(refused)).andExpect(status().isForbidden());
			mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).param("note", "Overschreven").param("base", base)
				.with(csrf()).with(refused)).andExpect(status().isForbidden());
			mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).param("base", base).with(csrf())
				.with(refused)).andExpect(status().isForbidden());
		}
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body).containsExactly("Van mij");
		assertThat(desk.of(other.id(), other.coach().id()).notes()).isEmpty();
	}

	/**
	 * Handed over, the trajectory is not the previous coach's to see, and their notes stay theirs, out of
	 * sight (decision 0027): not edited, not deleted, the text of an edit under way given back to copy;
	 * the new coach finds none of them. Handed back, the notes are theirs to change again.
	 */
	@Test
	void notesOfAHandedOverTrajectoryStayTheirAuthorsUnchangedUntilItComesBack() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		conversations.coachWrites(running.id(), running.coach().id(), "Welkom!");
		desk.addNote(running.id(), running.coach().id(), "Voor mezelf");
		UUID note = onlyNote(running);
		Document open = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
		var second = fixtures.secondCoachInPool(running);
		var manager = fixtures.managerOf(running);
		handovers.handOver(running.id(), second.id(), Reason.COACH_UNAVAILABLE, manager.id());

		// The handover is in the way, not the note: 409 (decision 0139, amended).
		String handedOver = edit(running, note, open, "Voor mezelf, aangevuld", coach).andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(handedOver).contains("Niet bewaard").contains("Voor mezelf, aangevuld");
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).with(coach)).andExpect(status().isNotFound());
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).with(coach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).param("base", note.toString()).with(csrf())
			.with(coach)).andExpect(status().isNotFound());
		var newCoach = fixtures.as(second);
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).with(newCoach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).param("note", "Overschreven")
			.param("base", note.toString()).with(csrf()).with(newCoach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).param("base", note.toString()).with(csrf())
			.with(newCoach)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from coach_note where id = :id").param("id", note).query(Integer.class).single()).isOne();

		handovers.handOver(running.id(), running.coach().id(), Reason.COACH_UNAVAILABLE, manager.id());
		edit(running, note, Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach)),
				"Voor mezelf, weer terug", coach)
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-" + note));
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body)
			.containsExactly("Voor mezelf, weer terug");
	}

	/**
	 * A handover between the page's check and the write: the edit or delete takes the trajectory's row and
	 * finds it is no longer the coach's, and the note, meant to be out of sight, stays as it was.
	 */
	@Test
	void anEditOrDeleteThatReachesTheNoteAfterAHandoverChangesNothing() {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Welkom!");
		desk.addNote(running.id(), running.coach().id(), "Voor mezelf");
		UUID note = onlyNote(running);
		String base = currentBase(running, note);
		List<Object> before = row(note);
		handovers.handOver(running.id(), fixtures.secondCoachInPool(running).id(), Reason.COACH_UNAVAILABLE,
				fixtures.managerOf(running).id());

		assertThat(desk.editNote(running.id(), running.coach().id(), note, "Aangevuld", UUID.fromString(base), UUID.randomUUID()))
			.isEqualTo(CoachDesk.Change.HANDED_OVER);
		assertThat(desk.deleteNote(running.id(), running.coach().id(), note, UUID.fromString(base)))
			.isEqualTo(CoachDesk.Change.HANDED_OVER);
		assertThat(row(note)).isEqualTo(before);
	}

	/**
	 * Saved with the text it had: nothing is written, and the page says nothing changed instead of that the
	 * note was changed, in Dutch and English; no "bewerkt op" appears.
	 */
	@Test
	void savingTheSameTextSaysNothingChanged() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Zoals het was");
		UUID note = onlyNote(running);
		List<Object> before = row(note);
		for (String language : List.of("nl", "en")) {
			Document form = Jsoup.parse(page(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note), coach));
			MvcResult saved = edit(running, note, form, "Zoals het was", coach)
				.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#note-" + note)).andReturn();
			Element listed = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language).with(coach)
				.cookie(saved.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).getElementById("note-" + note);
			assertThat(listed.text()).contains(language.equals("nl") ? "Niets gewijzigd" : "Nothing changed")
				.doesNotContain("Je notitie is gewijzigd.").doesNotContain("Your note was changed.")
				.doesNotContain(language.equals("nl") ? "bewerkt op" : "edited on");
		}
		assertThat(row(note)).isEqualTo(before);
	}

	/**
	 * A walk found it: the hint said the notes never go to the participant, while My data tells the participant
	 * to ask the organisation for them (decision 0032). It says where they are not, and that an access request
	 * may reach them; on the trajectory's page and the edit page, in Dutch and English.
	 */
	@Test
	void theNotesHintSaysAnAccessRequestMayReachThem() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Een werkaantekening");
		UUID note = onlyNote(running);
		String dutch = "Alleen jij ziet deze notities hier. Ze staan niet in het gesprek en niet in de download van de deelnemer;"
				+ " vraagt de deelnemer de organisatie om inzage, dan kan die ze bij je opvragen.";
		String english = "Only you see these notes here. They are not part of the conversation or of the participant's download;"
				+ " if the participant asks the organisation for access to their data, it may ask you for them.";
		for (String path : List.of("/coach/trajectories/" + running.id(), "/coach/trajectories/" + running.id() + "/notes/" + note + "/edit")) {
			assertThat(Jsoup.parse(page(get(path).param("lang", "nl"), coach)).text()).contains(dutch).doesNotContain("nooit naar de deelnemer");
			assertThat(Jsoup.parse(page(get(path).param("lang", "en"), coach)).text()).contains(english)
				.doesNotContain("never go to the participant");
		}
	}

	/** An erased trajectory's notes are gone, and its note pages are not found. */
	@Test
	void anErasedTrajectorysNotesAreGone() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addNote(running.id(), running.coach().id(), "Wordt gewist");
		UUID note = onlyNote(running);
		String base = currentBase(running, note);
		erasure.erase(running.id(), null);

		assertThat(jdbc.sql("select count(*) from coach_note where trajectory_id = :t").param("t", running.id()).query(Integer.class)
			.single()).isZero();
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).with(coach)).andExpect(status().isNotFound());
		mvc.perform(get("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).with(coach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).param("note", "Terug?").param("base", base)
			.with(csrf()).with(coach)).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/notes/{note}/delete", running.id(), note).param("base", base).with(csrf())
			.with(coach)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from coach_note where trajectory_id = :t").param("t", running.id()).query(Integer.class)
			.single()).isZero();
	}

	private org.springframework.test.web.servlet.ResultActions edit(Fixtures.RunningTrajectory running, UUID note, Document form,
			String text, RequestPostProcessor who) throws Exception {
		return mvc.perform(post("/coach/trajectories/{id}/notes/{note}/edit", running.id(), note).param("note", text)
			.param("base", form.selectFirst("form input[name=base]").val()).param("form", form.selectFirst("form input[name=form]").val())
			.with(csrf()).with(who));
	}

	private UUID onlyNote(Fixtures.RunningTrajectory running) {
		return desk.of(running.id(), running.coach().id()).notes().get(0).id();
	}

	private String currentBase(Fixtures.RunningTrajectory running, UUID note) {
		return desk.note(running.id(), running.coach().id(), note).orElseThrow().revision().toString();
	}

	private List<Object> row(UUID note) {
		return jdbc.sql("select body, revision, edited_at from coach_note where id = :id").param("id", note)
			.query((rs, n) -> java.util.Arrays.<Object>asList(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, java.time.OffsetDateTime.class)))
			.single();
	}

	private String page(org.springframework.test.web.servlet.RequestBuilder request, RequestPostProcessor who) throws Exception {
		return mvc.perform(((org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder) request).with(who))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}

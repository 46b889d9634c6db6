package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.KeysGone;
import nl.briefwissel.encryption.Encryption;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Deleting a saved reply asks first, on a page that names it, as deleting a note does (decision 0103):
 * one button on the list deleted it at once, and a slip of the mouse lost a text the coach had polished.
 */
@BriefwisselTest
class SavedReplyDeletingTests {

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

	private KeysGone keys;

	/** The database is shared by the tests: a row no key opens stops the key rotation's tests. */
	@AfterEach
	void keysBack() {
		if (keys != null) {
			keys.putBack();
		}
	}

	/**
	 * The list offers a link, not a button that deletes; it leads to a page that names the reply by its
	 * title, shows its text and asks, in Dutch and English, with a way back that keeps it. Only its "yes"
	 * deletes; the list then says so where it opens (focusable), and the question is not found again.
	 */
	@Test
	void deletingASavedReplyAsksFirstOnAPageThatNamesIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		desk.addSavedReply(running.coach().id(), "Afsluiting", "Dank je wel.");
		UUID reply = idOf(running.coach().id(), "Welkom");

		Element listed = Jsoup.parse(page(get("/coach/saved-replies"), coach)).getElementById("reply-" + reply);
		assertThat(listed.select("form[action$=/delete]")).as("no button that deletes at once").isEmpty();
		Element link = listed.selectFirst("a[href=/coach/saved-replies/" + reply + "/delete]");
		assertThat(link.text()).isEqualTo("Verwijderen");
		assertThat(link.attr("aria-label")).isEqualTo("Verwijderen: Welkom");

		Document ask = Jsoup.parse(page(get("/coach/saved-replies/{id}/delete", reply), coach));
		assertThat(ask.select("h1").text()).isEqualTo("Opgeslagen antwoord ‘Welkom’ verwijderen?");
		assertThat(ask.title()).startsWith("Opgeslagen antwoord ‘Welkom’ verwijderen?");
		assertThat(ask.select("main").text()).contains("Fijn dat je er bent.", "Een verwijderd antwoord is weg")
			.doesNotContain("Dank je wel.");
		Element confirm = ask.selectFirst("form[action=/coach/saved-replies/" + reply + "/delete]");
		assertThat(confirm.attr("method")).isEqualTo("post");
		assertThat(confirm.select("input[name=_csrf]")).hasSize(1);
		assertThat(confirm.select("button[type=submit]").text()).isEqualTo("Ja, antwoord verwijderen");
		assertThat(confirm.selectFirst("a[href=/coach/saved-replies#reply-" + reply + "]").text()).as("back, keeping it")
			.isEqualTo("Nee, antwoord houden");
		Document english = Jsoup.parse(page(get("/coach/saved-replies/{id}/delete", reply).param("lang", "en"), coach));
		assertThat(english.select("h1").text()).isEqualTo("Delete the saved reply ‘Welkom’?");
		assertThat(english.select("main").text()).contains("A deleted reply is gone", "Yes, delete reply", "No, keep reply");
		assertThat(desk.savedReplies(running.coach().id())).as("asking deletes nothing").hasSize(2);

		MvcResult deleted = mvc.perform(post("/coach/saved-replies/{id}/delete", reply)
			.param("base", confirm.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted")).andReturn();
		assertThat(deletedSaid(deleted, coach, "nl")).isEqualTo("Het antwoord is verwijderd.");
		assertThat(desk.savedReplies(running.coach().id())).extracting(CoachDesk.SavedReply::title).containsExactly("Afsluiting");
		// A second "yes" (a double click, another tab) opens the list saying it was deleted already, as for a note.
		MvcResult again = mvc.perform(post("/coach/saved-replies/{id}/delete", reply)
			.param("base", confirm.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted")).andReturn();
		assertThat(deletedSaid(again, coach, "nl")).isEqualTo("Dit antwoord was al verwijderd.");
		MvcResult againInEnglish = mvc.perform(post("/coach/saved-replies/{id}/delete", reply)
			.param("base", confirm.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted")).andReturn();
		assertThat(deletedSaid(againInEnglish, coach, "en")).isEqualTo("This reply had already been deleted.");
		mvc.perform(get("/coach/saved-replies/{id}/delete", reply).with(coach)).andExpect(status().isNotFound());

		UUID farewell = idOf(running.coach().id(), "Afsluiting");
		String farewellBase = Jsoup.parse(page(get("/coach/saved-replies/{id}/delete", farewell), coach)).selectFirst("input[name=base]").val();
		MvcResult inEnglish = mvc.perform(post("/coach/saved-replies/{id}/delete", farewell).param("base", farewellBase).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted")).andReturn();
		assertThat(deletedSaid(inEnglish, coach, "en")).isEqualTo("The reply has been deleted.");
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	/** What the list says where it opens after a deletion: a status the focus lands on without a script. */
	private String deletedSaid(MvcResult deleted, RequestPostProcessor coach, String language) throws Exception {
		Element said = Jsoup.parse(mvc.perform(get("/coach/saved-replies").param("lang", language).with(coach)
			.cookie(deleted.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).getElementById("reply-deleted");
		assertThat(said.attr("role")).isEqualTo("status");
		assertThat(said.attr("tabindex")).isEqualTo("-1");
		return said.text();
	}

	/**
	 * A list page from before the question (decision 0103) still open in a tab posts without {@code base}: it was
	 * refused with 400. Now it is asked about first, as the list's link does; another coach's, or one gone, is not
	 * found (without the question's base nothing shows this coach ever had it).
	 */
	@Test
	void aDeleteFromAListOfBeforeTheQuestionAsksFirst() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		UUID reply = idOf(running.coach().id(), "Welkom");
		mvc.perform(post("/coach/saved-replies/{id}/delete", reply).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies/" + reply + "/delete"));
		assertThat(desk.savedReplies(running.coach().id())).as("nothing deleted unasked").hasSize(1);
		var otherCoach = fixtures.as(fixtures.runningTrajectory(true).coach());
		mvc.perform(post("/coach/saved-replies/{id}/delete", reply).with(csrf()).with(otherCoach)).andExpect(status().isNotFound());

		desk.deleteSavedReply(running.coach().id(), reply);
		mvc.perform(post("/coach/saved-replies/{id}/delete", reply).with(csrf()).with(coach)).andExpect(status().isNotFound());
	}

	/** A reply changed in another tab after the question was asked is not deleted unseen: asked again, with the newer text. */
	@Test
	void aReplyChangedSinceTheQuestionIsAskedAboutAgain() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Eerste versie");
		UUID reply = idOf(running.coach().id(), "Welkom");
		Document ask = Jsoup.parse(page(get("/coach/saved-replies/{id}/delete", reply), coach));
		UUID before = desk.savedReply(running.coach().id(), reply).orElseThrow().revision();
		assertThat(desk.editSavedReply(running.coach().id(), reply, "Welkom terug", "Tweede versie", before, null))
			.isEqualTo(CoachDesk.Change.DONE);

		MvcResult asked = mvc.perform(post("/coach/saved-replies/{id}/delete", reply)
			.param("base", ask.selectFirst("input[name=base]").val()).with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies/" + reply + "/delete#reply-changed-since")).andReturn();
		assertThat(desk.savedReplies(running.coach().id())).hasSize(1);
		Document again = Jsoup.parse(mvc.perform(get("/coach/saved-replies/{id}/delete", reply).with(coach)
			.cookie(asked.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
		assertThat(again.getElementById("reply-changed-since").text()).contains("gewijzigd");
		assertThat(again.select("h1").text()).contains("Welkom terug");
		assertThat(again.select("main").text()).contains("Tweede versie");
		mvc.perform(post("/coach/saved-replies/{id}/delete", reply).param("base", again.selectFirst("input[name=base]").val())
			.with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted"));
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	/**
	 * Another coach finds no such reply, neither the question nor the deleting (404, which says nothing of
	 * it); a programme manager and a participant are refused the coach's area. The reply stays.
	 */
	@Test
	void onlyItsCoachIsAskedAndDeletesASavedReply() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		UUID reply = idOf(running.coach().id(), "Welkom");
		String base = desk.savedReply(running.coach().id(), reply).orElseThrow().revision().toString();
		var otherCoach = fixtures.as(other.coach());
		String question = mvc.perform(get("/coach/saved-replies/{id}/delete", reply).with(otherCoach)).andExpect(status().isNotFound())
			.andReturn().getResponse().getContentAsString();
		assertThat(question).doesNotContain("Welkom").doesNotContain("Fijn dat je er bent.");
		mvc.perform(post("/coach/saved-replies/{id}/delete", reply).param("base", base).with(csrf()).with(otherCoach))
			.andExpect(status().isNotFound());
		for (RequestPostProcessor refused : List.of(fixtures.as(fixtures.managerOf(running)), fixtures.as(running.participant()))) {
			mvc.perform(get("/coach/saved-replies/{id}/delete", reply).with(refused)).andExpect(status().isForbidden());
			mvc.perform(post("/coach/saved-replies/{id}/delete", reply).param("base", base).with(csrf()).with(refused))
				.andExpect(status().isForbidden());
		}
		assertThat(desk.savedReplies(running.coach().id())).extracting(CoachDesk.SavedReply::title).containsExactly("Welkom");
	}

	/** One that does not open is asked about by its title with a marked line for its text, and can still be deleted (decision 0057). */
	@Test
	void aReplyThatDoesNotOpenIsAskedAboutByItsTitleAndDeleted() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Afsluiting", "Een geheim standaardantwoord");
		UUID reply = idOf(running.coach().id(), "Afsluiting");
		keys = new KeysGone(jdbc, encryption);
		keys.take("saved_reply", "body_key_id", "id", reply);

		Document ask = Jsoup.parse(page(get("/coach/saved-replies/{id}/delete", reply), coach));
		assertThat(ask.select("h1").text()).contains("Afsluiting");
		assertThat(ask.select(".bw-message__body--unreadable").text()).startsWith("Dit antwoord kunnen we niet lezen");
		mvc.perform(post("/coach/saved-replies/{id}/delete", reply).param("base", ask.selectFirst("input[name=base]").val())
			.with(csrf()).with(coach))
			.andExpect(redirectedUrl("/coach/saved-replies#reply-deleted"));
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	private UUID idOf(UUID coach, String title) {
		return desk.savedReplies(coach).stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow().id();
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, RequestPostProcessor who)
			throws Exception {
		return mvc.perform(request.with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}

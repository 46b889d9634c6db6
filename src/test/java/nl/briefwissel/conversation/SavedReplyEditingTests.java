package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.encryption.Encryption;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coach edits a saved reply of their own (decision 0092): title and text checked as when adding, its
 * placeholders named as when adding (decision 0066), a save from a tab that is behind refused with the
 * words typed given back.
 */
@BriefwisselTest
class SavedReplyEditingTests {

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

	/**
	 * The edit page holds both fields, labelled, with the placeholder hint; saved, the list opens at the
	 * reply (focusable), says it was changed and names the placeholder it holds, in Dutch and in English.
	 */
	@Test
	void aCoachEditsTheTitleAndTextOfTheirSavedReply() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkon", "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		Element listed = Jsoup.parse(page("/coach/saved-replies", coach)).getElementById("reply-" + reply);
		assertThat(listed.attr("tabindex")).isEqualTo("-1");
		assertThat(listed.selectFirst("a[href=/coach/saved-replies/" + reply + "/edit]").attr("aria-label")).isEqualTo("Bewerken: Welkon");

		Document edit = Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach));
		assertThat(edit.selectFirst("input#title").val()).isEqualTo("Welkon");
		assertThat(edit.selectFirst("textarea#body").text()).isEqualTo("Fijn dat je er bent.");
		assertThat(edit.selectFirst("label[for=title]")).isNotNull();
		assertThat(edit.selectFirst("label[for=body]")).isNotNull();
		assertThat(describedBy(edit, edit.selectFirst("textarea#body"))).extracting(Element::id).containsExactly("body-hint");

		for (String language : List.of("nl", "en")) {
			MvcResult saved = save(reply, Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach)), "Welkom",
					"Hoi {naam}, fijn dat je er bent (" + language + ").", coach, language)
				.andExpect(redirectedUrl("/coach/saved-replies#reply-" + reply)).andReturn();
			Element changed = Jsoup.parse(mvc.perform(get("/coach/saved-replies").param("lang", language).with(coach)
				.cookie(saved.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).getElementById("reply-" + reply);
			assertThat(changed.selectFirst("[role=status]").text())
				.startsWith(language.equals("nl") ? "Je antwoord is gewijzigd." : "Your reply has been changed.")
				.contains(language.equals("nl") ? "Het bevat {naam}" : "It has {naam}");
		}
		CoachDesk.SavedReply now = desk.savedReplies(running.coach().id()).get(0);
		assertThat(now.title()).isEqualTo("Welkom");
		assertThat(now.body()).isEqualTo("Hoi {naam}, fijn dat je er bent (en).");
		assertThat(jdbc.sql("select body_key_id from saved_reply where id = :id").param("id", reply).query(String.class).single())
			.isEqualTo(encryption.keyId());
		assertThat(jdbc.sql("select body from saved_reply where id = :id").param("id", reply).query(String.class).single())
			.doesNotContain("fijn dat je er bent");
	}

	/** As when adding: each field says what is wrong with it, the words typed come back, the reply is as it was. */
	@Test
	void anEditRefusedIsSaidAtItsFieldWithTheWordsTypedKept() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		Document form = Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach));

		MvcResult noTitle = save(reply, form, " ", "Nieuwe tekst", coach, "nl")
			.andExpect(redirectedUrl("/coach/saved-replies/" + reply + "/edit#title")).andReturn();
		Document told = Jsoup.parse(mvc.perform(get("/coach/saved-replies/{id}/edit", reply).with(coach)
			.cookie(noTitle.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
		assertThat(told.selectFirst("input#title").attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(told, told.selectFirst("input#title"))).singleElement()
			.satisfies(error -> assertThat(error.text()).isEqualTo("Geef je antwoord een titel."));
		assertThat(told.selectFirst("input#title").hasAttr("autofocus")).isTrue();
		assertThat(told.selectFirst("textarea#body").text()).isEqualTo("Nieuwe tekst");

		MvcResult tooLong = save(reply, told, "Welkom", "x".repeat(20_001), coach, "nl")
			.andExpect(redirectedUrl("/coach/saved-replies/" + reply + "/edit#body")).andReturn();
		told = Jsoup.parse(mvc.perform(get("/coach/saved-replies/{id}/edit", reply).with(coach)
			.cookie(tooLong.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
		assertThat(told.selectFirst("textarea#body").attr("aria-describedby")).isEqualTo("body-error body-hint");
		assertThat(told.getElementById("body-error").text()).contains("hoogstens 20.000 tekens");
		assertThat(told.selectFirst("input[name=base]").val()).as("still the base the tab opened with")
			.isEqualTo(form.selectFirst("input[name=base]").val());
		assertThat(desk.savedReplies(running.coach().id())).singleElement()
			.satisfies(r -> assertThat(r.body()).isEqualTo("Fijn dat je er bent."));
	}

	/**
	 * A saved reply's title stands in the list and in the insert menu as a name does: one with a direction override is
	 * refused at its field in the page's language, the words typed kept, and an invisible mark is removed when saved,
	 * when adding and when editing (TypedName).
	 */
	@Test
	void aTitleWithAnOverrideIsRefusedAtItsFieldAndAMarkIsRemoved() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		for (String[] language : new String[][] { { "nl", "De titel bevat een onzichtbaar teken dat tekst verbergt of omdraait"
				+ " (zoals een teken voor de schrijfrichting), vaak meegekomen bij kopi\u00ebren en plakken. Typ de titel opnieuw in." },
				{ "en", "The title contains an invisible character that hides or reverses text (such as a writing-direction mark),"
						+ " often brought along by copy and paste. Type the title again." } }) {
			MvcResult refused = mvc.perform(post("/coach/saved-replies").param("lang", language[0]).param("title", "Wel\u202Ekom")
				.param("body", "Fijn dat je er bent.").with(csrf()).with(coach))
				.andExpect(redirectedUrl("/coach/saved-replies#title")).andReturn();
			Document told = Jsoup.parse(mvc.perform(get("/coach/saved-replies").param("lang", language[0]).with(coach)
				.cookie(refused.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
			assertThat(describedBy(told, told.selectFirst("input#title"))).singleElement()
				.satisfies(error -> assertThat(error.text()).isEqualTo(language[1]));
			assertThat(told.selectFirst("textarea#body").text()).isEqualTo("Fijn dat je er bent.");
		}
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();

		mvc.perform(post("/coach/saved-replies").param("title", "\u200FWelkom\u200B").param("body", "Fijn dat je er bent.")
			.with(csrf()).with(coach)).andExpect(redirectedUrl("/coach/saved-replies"));
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		assertThat(desk.savedReplies(running.coach().id()).get(0).title()).isEqualTo("Welkom");

		Document form = Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach));
		save(reply, form, "Wel\u2066kom", "Fijn dat je er bent.", coach, "en")
			.andExpect(redirectedUrl("/coach/saved-replies/" + reply + "/edit#title"));
		save(reply, form, "Tot\u00ADziens", "Fijn dat je er bent.", coach, "nl")
			.andExpect(redirectedUrl("/coach/saved-replies#reply-" + reply));
		assertThat(desk.savedReplies(running.coach().id())).singleElement()
			.satisfies(r -> assertThat(r.title()).isEqualTo("Totziens"));
	}

	/**
	 * A tab behind the other: its save is refused, the newer reply stays in the fields and what was typed
	 * is given back to copy. A reply deleted in the other tab gives the words back in a form for a new one.
	 * A double click saves once.
	 */
	@Test
	void anEditFromATabThatIsBehindIsRefusedWithTheWordsKept() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Eerste versie");
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		Document first = Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach));
		Document second = Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach));
		save(reply, second, "Welkom", "Uit het tweede tabblad", coach, "nl").andExpect(status().is3xxRedirection());
		Object afterSecond = row(reply);
		save(reply, second, "Welkom", "Uit het tweede tabblad", coach, "nl").andExpect(redirectedUrl("/coach/saved-replies#reply-" + reply));
		assertThat(row(reply)).as("a double click writes once").isEqualTo(afterSecond);

		MvcResult refused = save(reply, first, "Welkom terug", "Uit het eerste tabblad", coach, "nl")
			.andExpect(redirectedUrl("/coach/saved-replies/" + reply + "/edit#reply-changed-since")).andReturn();
		Document told = Jsoup.parse(mvc.perform(get("/coach/saved-replies/{id}/edit", reply).with(coach)
			.cookie(refused.getResponse().getCookies())).andReturn().getResponse().getContentAsString());
		Element notice = told.getElementById("reply-changed-since");
		assertThat(notice.attr("role")).isEqualTo("alert");
		assertThat(notice.text()).contains("in een ander venster gewijzigd").contains("Welkom terug").contains("Uit het eerste tabblad");
		assertThat(told.selectFirst("textarea#body").text()).isEqualTo("Uit het tweede tabblad");
		assertThat(desk.savedReplies(running.coach().id())).singleElement()
			.satisfies(r -> assertThat(r.body()).isEqualTo("Uit het tweede tabblad"));
		save(reply, told, "Welkom terug", "Uit het eerste tabblad", coach, "nl").andExpect(redirectedUrl("/coach/saved-replies#reply-" + reply));
		assertThat(desk.savedReplies(running.coach().id())).singleElement()
			.satisfies(r -> assertThat(r.title()).isEqualTo("Welkom terug"));

		Document behind = Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach));
		desk.deleteSavedReply(running.coach().id(), reply);
		Document gone = Jsoup.parse(save(reply, behind, "Tot ziens", "Dank voor de gesprekken.", coach, "nl")
			.andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString());
		assertThat(gone.text()).contains("verwijderd");
		Element again = gone.selectFirst("form[action=/coach/saved-replies]");
		assertThat(again.selectFirst("input#title").val()).isEqualTo("Tot ziens");
		assertThat(again.selectFirst("textarea#body").text()).isEqualTo("Dank voor de gesprekken.");
		assertThat(again.selectFirst("input[name=form]").val()).isNotBlank();
		assertThat(desk.savedReplies(running.coach().id())).isEmpty();
	}

	/** Saved as it was: nothing written, and the list does not say the reply was changed. */
	@Test
	void savingTheSameWordsDoesNotSayTheReplyChanged() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		Object before = row(reply);
		MvcResult saved = save(reply, Jsoup.parse(page("/coach/saved-replies/" + reply + "/edit", coach)), "Welkom", "Fijn dat je er bent.",
				coach, "nl")
			.andExpect(redirectedUrl("/coach/saved-replies#reply-" + reply)).andReturn();
		String list = mvc.perform(get("/coach/saved-replies").with(coach).cookie(saved.getResponse().getCookies())).andReturn()
			.getResponse().getContentAsString();
		assertThat(Jsoup.parse(list).getElementById("reply-" + reply).text()).doesNotContain("gewijzigd");
		assertThat(row(reply)).isEqualTo(before);
	}

	/** Another coach finds no such reply, and a programme manager and a participant are refused; the reply is as it was. */
	@Test
	void onlyItsCoachEditsASavedReply() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		desk.addSavedReply(running.coach().id(), "Welkom", "Fijn dat je er bent.");
		UUID reply = desk.savedReplies(running.coach().id()).get(0).id();
		String base = desk.savedReply(running.coach().id(), reply).orElseThrow().revision().toString();
		var otherCoach = fixtures.as(other.coach());
		mvc.perform(get("/coach/saved-replies/{id}/edit", reply).with(otherCoach)).andExpect(status().isNotFound());
		String answer = mvc.perform(post("/coach/saved-replies/{id}/edit", reply).param("title", "Van mij").param("body", "Overgenomen")
			.param("base", base).with(csrf()).with(otherCoach)).andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
		assertThat(answer).doesNotContain("Fijn dat je er bent.");
		for (RequestPostProcessor refused : List.of(fixtures.as(fixtures.managerOf(running)), fixtures.as(running.participant()))) {
			mvc.perform(get("/coach/saved-replies/{id}/edit", reply).with(refused)).andExpect(status().isForbidden());
			mvc.perform(post("/coach/saved-replies/{id}/edit", reply).param("title", "Van mij").param("body", "Overgenomen")
				.param("base", base).with(csrf()).with(refused)).andExpect(status().isForbidden());
		}
		assertThat(desk.savedReplies(running.coach().id())).singleElement().satisfies(r -> {
			assertThat(r.title()).isEqualTo("Welkom");
			assertThat(r.body()).isEqualTo("Fijn dat je er bent.");
		});
		assertThat(desk.savedReplies(other.coach().id())).isEmpty();
	}

	private ResultActions save(UUID reply, Document form, String title, String body, RequestPostProcessor who, String language)
			throws Exception {
		return mvc.perform(post("/coach/saved-replies/{id}/edit", reply).param("lang", language).param("title", title).param("body", body)
			.param("base", form.selectFirst("form input[name=base]").val()).param("form", form.selectFirst("form input[name=form]").val())
			.with(csrf()).with(who));
	}

	private Object row(UUID reply) {
		return jdbc.sql("select title, body, revision from saved_reply where id = :id").param("id", reply)
			.query((rs, n) -> java.util.Arrays.<Object>asList(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class))).single();
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}

package nl.briefwissel.conversation;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditTrail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coach with one conversation open in two tabs: each save carries the draft its tab was based on,
 * and a save based on a draft that was sent or changed in the other tab since does not win. The
 * person is told so in their language, with what they typed given back to copy (decision 0060).
 */
@BriefwisselTest
class DraftsInTwoTabsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachDesk desk;

	@Autowired
	Conversations conversations;

	@Autowired
	AuditTrail trail;

	@Test
	void aTabWhoseDraftWasSentInTheOtherDoesNotBringItBack() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Tab first = new Tab(running.id(), fixtures.as(running.coach())).open();
		first.autosave("Beste Sanne, dank voor je brief.");

		Tab second = new Tab(running.id(), fixtures.as(running.coach())).open();
		assertThat(second.text()).isEqualTo("Beste Sanne, dank voor je brief.");
		second.send("Beste Sanne, dank voor je brief. Tot donderdag!");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();

		// The first tab's check while typing goes on: it keeps nothing and says why, in the field's place.
		String told = first.autosaveOvertaken("Beste Sanne, dank voor je brief. En nog iets.");
		assertThat(told).contains("vanuit een ander venster verstuurd").contains("wordt niet bewaard");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();

		// "Concept bewaren" in that tab: the page again, 409 (the draft's state is in the way, not the text; decision
		// 0139), which says so where the focus goes, the typed text to copy, the field empty. It was a redirect to #draft-status.
		Document page = first.saveOvertaken("Beste Sanne, dank voor je brief. En nog iets.");
		assertThat(page.title()).startsWith("Fout: ");
		assertThat(page.selectFirst("#draft-status").text()).contains("vanuit een ander venster verstuurd")
			.contains("Beste Sanne, dank voor je brief. En nog iets.");
		assertThat(page.selectFirst("#draft-status").hasAttr("autofocus")).as("no #draft-status to open the page at").isTrue();
		assertThat(page.select("[autofocus]")).as("one focus").hasSize(1);
		assertThat(page.selectFirst("textarea#text").text()).isEmpty();
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
		// The page shows the conversation: a read on the trail, as a refused letter is (decision 0139, amended).
		assertThat(trail.ofTrajectory(running.id())).filteredOn(entry -> entry.action() == AuditAction.READ
				&& entry.route().equals("POST /coach/trajectories/{id}/draft")).hasSize(1);
	}

	@Test
	void anOlderTabDoesNotOverwriteTheNewerDraftOfTheOther() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Tab first = new Tab(running.id(), fixtures.as(running.coach())).open();
		Tab second = new Tab(running.id(), fixtures.as(running.coach())).open();
		first.autosave("Versie uit het eerste venster");
		first.autosave("Versie uit het eerste venster, langer");

		second.english = true;
		String told = second.autosaveOvertaken("Versie uit het tweede venster");
		assertThat(told).contains("changed in another window");
		Document page = second.saveOvertaken("Versie uit het tweede venster");
		assertThat(page.selectFirst("#draft-status").hasAttr("autofocus")).isTrue();
		assertThat(page.selectFirst("#draft-status").text()).contains("changed in another window")
			.contains("Versie uit het tweede venster");
		assertThat(page.selectFirst("textarea#text").text()).isEqualTo("Versie uit het eerste venster, langer");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Versie uit het eerste venster, langer");

		// Opened again, the second tab is based on the newest draft and saves as any other.
		second.open();
		assertThat(second.save("Versie uit het tweede venster").selectFirst("#draft-status").text()).isEqualTo(
				"Your draft has been saved. It is waiting here, even if you close the browser.");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Versie uit het tweede venster");
	}

	/**
	 * A letter sent from a tab opened before the other tab saved its draft goes out as written there,
	 * and the other tab's newer draft stays: the sending emptied it, silently. The page after sending
	 * says so, with that draft in the write form, and the other tab goes on saving it.
	 */
	@Test
	void sendingFromAnOlderTabKeepsTheNewerDraftOfTheOtherAndSaysSo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Tab first = new Tab(running.id(), fixtures.as(running.coach())).open();
		Tab second = new Tab(running.id(), fixtures.as(running.coach())).open();
		second.autosave("Het concept uit het tweede venster");

		Document page = first.sendAndShow("De brief uit het eerste venster");
		assertThat(conversations.of(running.id())).extracting(Message::body).containsExactly("De brief uit het eerste venster");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Het concept uit het tweede venster");
		assertThat(page.selectFirst("#newer-draft-kept").text()).startsWith("In een ander venster is intussen een nieuwer concept bewaard.");
		assertThat(page.selectFirst("textarea#text").text()).isEqualTo("Het concept uit het tweede venster");

		assertThat(second.autosave("Het concept uit het tweede venster, langer")).doesNotContain("ander venster");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Het concept uit het tweede venster, langer");

		// Sent from the tab whose draft it is, the draft goes, and nothing is said of another.
		second.english = true;
		page = second.sendAndShow("Het concept uit het tweede venster, langer");
		assertThat(page.selectFirst("#newer-draft-kept")).isNull();
		assertThat(page.selectFirst("#sent").text()).isNotBlank();
		assertThat(desk.of(running.id(), running.coach().id()).draft()).isEmpty();
	}

	/**
	 * One tab's own saves follow each other whatever base they carry: the button pressed while the
	 * check of the last words is still under way sends the base from before that check.
	 */
	@Test
	void oneTabsOwnSavesNeverStandInEachOthersWay() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Tab tab = new Tab(running.id(), fixtures.as(running.coach())).open();
		tab.autosave("Eerste zin.");
		String before = tab.base;
		tab.autosave("Eerste zin. Tweede zin.");
		tab.autosave("");
		tab.base = before;
		assertThat(tab.save("Eerste zin. Tweede zin. Derde zin.").selectFirst("#draft-status").text())
			.startsWith("Je concept is bewaard.");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Eerste zin. Tweede zin. Derde zin.");
	}

	/** One browser tab with the conversation page: its form's id and the draft it was based on. */
	private final class Tab {

		final UUID trajectory;

		final RequestPostProcessor coach;

		String submission;

		String base;

		Document page;

		boolean english;

		Tab(UUID trajectory, RequestPostProcessor coach) {
			this.trajectory = trajectory;
			this.coach = coach;
		}

		Tab open() throws Exception {
			return show(get("/coach/trajectories/{id}", trajectory));
		}

		String text() {
			return page.selectFirst("textarea#text").text();
		}

		/** The check while typing, as htmx sends it: the form's fields, and the base the last answer gave. */
		String autosave(String text) throws Exception {
			return check(text, status().isOk());
		}

		/**
		 * The check while typing in a tab whose draft was sent or changed in the other since: nothing is kept,
		 * answered 409 as the draft's state is in the way, not the text (decision 0139, amended).
		 */
		String autosaveOvertaken(String text) throws Exception {
			return check(text, status().isConflict());
		}

		private String check(String text, ResultMatcher answered) throws Exception {
			String answer = mvc.perform(form(post("/coach/trajectories/{id}/check", trajectory), text).header("HX-Request", "true"))
				.andExpect(answered)
				.andReturn()
				.getResponse()
				.getContentAsString();
			Element next = Jsoup.parse(answer).selectFirst("#draft-base");
			if (next != null) {
				base = next.val();
			}
			return answer;
		}

		/** "Concept bewaren" without JavaScript, and the page it leads to. */
		Document save(String text) throws Exception {
			MvcResult saved = mvc.perform(form(post("/coach/trajectories/{id}/draft", trajectory), text))
				.andExpect(redirectedUrl("/coach/trajectories/" + trajectory + "#draft-status"))
				.andReturn();
			show(get("/coach/trajectories/{id}", trajectory).cookie(saved.getResponse().getCookies()));
			return page;
		}

		/** "Concept bewaren" in a tab the other overtook: not kept, the page answered again with 409, no redirect. */
		Document saveOvertaken(String text) throws Exception {
			return show(form(post("/coach/trajectories/{id}/draft", trajectory), text), status().isConflict()).page;
		}

		void send(String text) throws Exception {
			mvc.perform(form(post("/coach/trajectories/{id}/messages", trajectory), text)).andExpect(status().is3xxRedirection());
		}

		/** "Versturen", and the page it leads to. */
		Document sendAndShow(String text) throws Exception {
			MvcResult sent = mvc.perform(form(post("/coach/trajectories/{id}/messages", trajectory), text))
				.andExpect(redirectedUrl("/coach/trajectories/" + trajectory + "#sent"))
				.andReturn();
			show(get("/coach/trajectories/{id}", trajectory).cookie(sent.getResponse().getCookies()));
			return page;
		}

		private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String text) {
			request.param("text", text).param("submission", submission).with(csrf()).with(coach);
			if (base != null) {
				request.param("draftBase", base);
			}
			return language(request);
		}

		private MockHttpServletRequestBuilder language(MockHttpServletRequestBuilder request) {
			return english ? request.cookie(new Cookie("briefwissel-language", "en")) : request;
		}

		private Tab show(MockHttpServletRequestBuilder request) throws Exception {
			return show(request, status().isOk());
		}

		private Tab show(MockHttpServletRequestBuilder request, ResultMatcher answered) throws Exception {
			page = Jsoup.parse(mvc.perform(language(request).with(coach))
				.andExpect(answered)
				.andReturn()
				.getResponse()
				.getContentAsString());
			submission = page.selectFirst("form[action$=/messages] input[name=submission]").val();
			Element field = page.selectFirst("form[action$=/messages] input[name=draftBase]");
			base = field == null ? null : field.val();
			return this;
		}
	}
}

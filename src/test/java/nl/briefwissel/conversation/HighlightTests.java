package nl.briefwissel.conversation;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Key moments marked by either side, quoted exactly, kept in the record, removable by who marked them. */
@BriefwisselTest
class HighlightTests {

	@Autowired
	MockMvc mvc;


	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Highlights highlights;

	@Test
	void onBothPagesTheLettersStandUnderTheConversationsHeadingNotUnderTheHighlights() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Welkom. Wat wil je hier bereiken?");
		for (var page : java.util.List.of(
				get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())),
				get("/participant/conversation").with(fixtures.as(running.participant())))) {
			String html = mvc.perform(page).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			int highlightsHeading = html.indexOf("id=\"highlights\"");
			int conversationHeading = html.indexOf(">Gesprek</h2>");
			int letters = html.indexOf("class=\"bw-conversation\"");
			assertThat(highlightsHeading).isPositive();
			assertThat(conversationHeading).isGreaterThan(highlightsHeading);
			assertThat(letters).isGreaterThan(conversationHeading);
			// No other section heading between the conversation's heading and its letters.
			assertThat(html.substring(conversationHeading + 1, letters)).doesNotContain("<h2");
		}
	}

	/**
	 * A passage that is not in the letter comes back in the letter's form, open, with what was typed and
	 * why, and the page opens there; a kept one opens the page at the status that says so.
	 */
	@Test
	void aRefusedPassageComesBackAtItsLetterAndAKeptOneIsSaidWhereThePageOpens() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Wat zou je doen als je niet kon falen?");
		var refused = mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("message", letter.toString())
			.param("passage", "Iets wat er niet staat"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
					"/participant/conversation?trajectory=" + running.id() + "#passage-" + letter))
			.andReturn();
		// With the query string the redirect had, as a browser follows it: a flash message is kept for that address.
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/conversation?trajectory=" + running.id())
			.cookie(refused.getResponse().getCookies()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element field = page.getElementById("passage-" + letter);
		assertThat(field.val()).as(field.outerHtml()).isEqualTo("Iets wat er niet staat");
		assertThat(field.hasAttr("autofocus")).isTrue();
		assertThat(field.attr("aria-describedby")).contains("passage-error-" + letter);
		assertThat(page.getElementById("passage-error-" + letter).text()).contains("staat niet in het bericht");
		assertThat(field.closest("details").hasAttr("open")).isTrue();
		assertThat(page.select(".bw-highlights .utrecht-alert--error")).as("said at the letter, not twice").isEmpty();

		// A letter that is not on the page (a tab kept open on an earlier trajectory): said at the highlights.
		var elsewhere = mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("message", UUID.randomUUID().toString())
			.param("passage", "Iets")).andReturn();
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/participant/conversation?trajectory=" + running.id())
			.cookie(elsewhere.getResponse().getCookies()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString()).select(".bw-highlights .utrecht-alert--error").text())
			.contains("staat niet in het bericht");

		var kept = mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("message", letter.toString()).param("passage", "niet kon falen"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
					"/participant/conversation?trajectory=" + running.id() + "#highlight-status"))
			.andReturn();
		org.jsoup.nodes.Document after = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/conversation?trajectory=" + running.id())
			.cookie(kept.getResponse().getCookies()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(after.getElementById("highlight-status").attr("tabindex")).isEqualTo("-1");
		assertThat(after.select("[autofocus]")).isEmpty();
	}

	@Test
	void bothSidesMarkKeyMomentsThatGatherInTheRecord() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID coachMessage = conversations.coachWrites(running.id(), running.coach().id(),
				"Wat zou je doen als je niet kon falen?\n\nDenk daar rustig over na.");
		UUID answer = conversations.participantWrites(running.id(), running.participant().id(),
				"Dan zou ik lesgeven op een mbo. Dat durf ik nu pas op te schrijven.");

		mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("message", coachMessage.toString())
			.param("passage", "Wat zou je doen als je   niet kon falen?"))
			.andExpect(flash().attribute("highlighted", true));
		mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("message", coachMessage.toString())
			.param("passage", "Iets wat er niet staat"))
			.andExpect(flash().attribute("highlightProblem", "highlight.error.notInMessage"));
		mvc.perform(post("/coach/trajectories/{id}/highlights", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("message", answer.toString()).param("passage", ""))
			.andExpect(flash().attribute("highlighted", true));
		assertThat(highlights.of(running.id())).extracting(Highlights.Highlight::passage)
			.containsExactly("Wat zou je doen als je niet kon falen?",
					"Dan zou ik lesgeven op een mbo. Dat durf ik nu pas op te schrijven.");

		mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant())))
			.andExpect(content().string(containsString("Dan zou ik lesgeven op een mbo.")))
			.andExpect(content().string(containsString("Markeer als hoogtepunt")));
		mvc.perform(get("/participant/report/{id}", running.id()).with(fixtures.as(running.participant())))
			.andExpect(content().string(containsString("Hoogtepunten")))
			.andExpect(content().string(containsString("door " + running.coach().displayName())));

		UUID participantsOwn = highlights.of(running.id()).get(0).id();
		mvc.perform(post("/coach/trajectories/{id}/highlights/{h}/remove", running.id(), participantsOwn).with(csrf())
			.with(fixtures.as(running.coach())));
		assertThat(highlights.of(running.id())).as("only who marked it can take it away").hasSize(2);
		mvc.perform(post("/participant/highlights/{h}/remove", participantsOwn).with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()));
		assertThat(highlights.of(running.id())).hasSize(1);

		Account stranger = fixtures.runningTrajectory(true).participant();
		mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(stranger))
			.param("trajectory", running.id().toString()).param("message", coachMessage.toString()))
			.andExpect(status().isNotFound());
	}

	/** A double click on "Bewaren" posts the highlight twice: it is kept, and in the report, once. */
	@Test
	void markingTheSamePassageTwiceKeepsOneHighlight() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID coachMessage = conversations.coachWrites(running.id(), running.coach().id(),
				"Wat zou je doen als je niet kon falen?\n\nDenk daar rustig over na.");
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/participant/highlights").with(csrf()).with(fixtures.as(running.participant()))
				.param("trajectory", running.id().toString()).param("message", coachMessage.toString())
				.param("passage", "Wat zou je doen als je niet kon falen?"))
				.andExpect(flash().attribute("highlighted", true));
		}
		assertThat(highlights.of(running.id())).singleElement()
			.satisfies(h -> assertThat(h.markedBy()).isEqualTo(running.participant().id()));

		// The same passage marked by the coach is theirs, and another passage is another highlight.
		UUID coachs = highlights.mark(running.id(), coachMessage, "Wat zou je doen als je niet kon falen?", running.coach().id())
			.orElseThrow();
		UUID other = highlights.mark(running.id(), coachMessage, "Denk daar rustig over na.", running.participant().id())
			.orElseThrow();
		assertThat(highlights.mark(running.id(), coachMessage, "Wat zou je doen als je niet kon falen?", running.coach().id()))
			.contains(coachs);
		assertThat(highlights.of(running.id())).hasSize(3).extracting(Highlights.Highlight::id).contains(coachs, other);
	}

	/**
	 * Two requests at once: the second waits for the first on the message's row and then answers with
	 * its highlight, instead of both finding none yet and both storing one.
	 */
	@Test
	void twoMarksAtOnceKeepOneHighlight(@Autowired TransactionTemplate transactions) throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID answer = conversations.participantWrites(running.id(), running.participant().id(),
				"Dan zou ik lesgeven op een mbo.");
		UUID by = running.participant().id();
		var marked = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		var executor = Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				UUID id = highlights.mark(running.id(), answer, "", by).orElseThrow();
				marked.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return id;
			}));
			marked.await();
			var second = executor.submit(() -> highlights.mark(running.id(), answer, "", by).orElseThrow());
			Thread.sleep(300);
			release.countDown();
			assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(first.get(20, TimeUnit.SECONDS));
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(highlights.of(running.id())).hasSize(1);
	}

}

package nl.briefwissel.conversation;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The participant lays a top five of coach cards without JavaScript; it goes to the coach as the answer. */
@BriefwisselTest
class CoachCardsTests {

	@Autowired
	MockMvc mvc;


	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Test
	void aTopFiveOfCoachCardsAnswersTheAssignment() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment cards = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Jouw top vijf waarden")).findFirst().orElseThrow();
		var letter = conversations.coachWrites(running.id(), running.coach().id(), "Leg de kaarten.");
		given.give(running.id(), cards.id(), letter);
		var open = given.of(running.id()).get(0);

		mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant())))
			.andExpect(content().string(containsString("/participant/cards/" + open.id())));
		mvc.perform(get("/participant/cards/{id}", open.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Vrijheid")))
			.andExpect(content().string(containsString("Plaats 5")));

		mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "AUTONOMY", "GROWTH", "BALANCE", "BALANCE", "MEANING"))
			.andExpect(flash().attribute("problem", "cards.error.five"));
		mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "AUTONOMY", "GROWTH", "BALANCE", "MEANING", "LEARNING")
			.param("explanation", "Vrijheid staat bovenaan omdat ik zelf mijn dag wil indelen."))
			.andExpect(status().is3xxRedirection());

		assertThat(given.of(running.id()).get(0).answered()).isTrue();
		Message answer = conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT).findFirst().orElseThrow();
		assertThat(answer.body()).contains("1. Vrijheid").contains("5. Blijven leren").contains("zelf mijn dag wil indelen");
		// Laid: the page says so and leads to the letter (it was "Pagina niet gevonden"), not to the five places again.
		mvc.perform(get("/participant/cards/{id}", open.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Je hebt je kaarten al gelegd")))
			.andExpect(content().string(containsString("#m-" + answer.id())))
			.andExpect(content().string(not(containsString("Plaats 5"))));

		Account stranger = fixtures.runningTrajectory(true).participant();
		mvc.perform(get("/participant/cards/{id}", open.id()).with(fixtures.as(stranger))).andExpect(status().isNotFound());
	}

	/**
	 * Cards laid while the trajectory ended are not lost: they come back to copy, as a letter refused
	 * at the end does. A wrong choice is said at the group of places, each place tied to it.
	 */
	@Test
	void cardsLaidWhileTheTrajectoryEndedComeBackToCopy() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment cards = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Jouw top vijf waarden")).findFirst().orElseThrow();
		given.give(running.id(), cards.id(), conversations.coachWrites(running.id(), running.coach().id(), "Leg de kaarten."));
		var open = given.of(running.id()).get(0);

		var wrong = mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "AUTONOMY", "AUTONOMY", "BALANCE", "MEANING", "LEARNING")).andReturn();
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/cards/{id}", open.id())
			.with(fixtures.as(running.participant())).cookie(wrong.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("fieldset > legend").text()).isEqualTo("Je top 5, de belangrijkste bovenaan");
		assertThat(page.select("fieldset select[aria-invalid=true][aria-describedby=cards-problem]")).hasSize(5);
		assertThat(page.getElementById("cards-problem").text()).contains("Kies vijf verschillende kaarten");

		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id())
			.update();
		var refused = mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "AUTONOMY", "GROWTH", "BALANCE", "MEANING", "LEARNING")
			.param("explanation", "Vrijheid eerst, want ik deel mijn dag graag zelf in."))
			.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id()))
			.andExpect(flash().attribute("notSent", true))
			.andReturn();
		// The form given back (a record of the web package): its text, as the page shows it to copy.
		assertThat(String.valueOf(refused.getFlashMap().get("form"))).contains("1. Vrijheid", "ik deel mijn dag graag zelf in");
		assertThat(conversations.of(running.id())).noneMatch(m -> m.author() == Author.PARTICIPANT);
		assertThat(given.of(running.id()).get(0).answered()).isFalse();
	}

	/**
	 * A participant in two programmes lays the cards of the one that is not their newest: "sent" is said
	 * under that conversation, also after a second click, not under the other coach's letters.
	 */
	@Test
	void theCardsOfOneOfTwoConversationsAreSaidSentInThatOne() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var otherProgramme = programmes.create(running.organisationId(), "Tweede programma", null, null);
		var otherCoach = fixtures.person(running.organisationId(), "tweede-" + running.id() + "@example.nl", "Tweede Coach",
				Role.COACH);
		UUID newest = trajectories.record(otherProgramme.id(), running.participant().id(), otherCoach.id(),
				TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
		Assignment cards = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Jouw top vijf waarden")).findFirst().orElseThrow();
		given.give(running.id(), cards.id(), conversations.coachWrites(running.id(), running.coach().id(), "Leg de kaarten."));
		var open = given.of(running.id()).get(0);
		String submission = UUID.randomUUID().toString();

		for (int click = 0; click < 2; click++) {
			var sent = mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
					.param("place", "AUTONOMY", "GROWTH", "BALANCE", "MEANING", "LEARNING").param("submission", submission))
				.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id() + "#sent"))
				.andReturn();
			// The flash message is matched to the address's query string, as the browser follows the redirect.
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get(sent.getResponse().getRedirectedUrl().replace("#sent", ""))
				.cookie(sent.getResponse().getCookies())
				.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString());
			assertThat(page.getElementById("sent")).isNotNull();
			assertThat(page.select("input[name=trajectory]").attr("value")).isEqualTo(running.id().toString());
		}
		assertThat(conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT)).hasSize(1);
		assertThat(conversations.of(newest)).isEmpty();
	}

	/** "Naar mijn coach sturen" pressed twice (at once, or after the first went) sends one letter. */
	@Test
	void aDoubleClickSendsTheTopFiveOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment cards = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Jouw top vijf waarden")).findFirst().orElseThrow();
		given.give(running.id(), cards.id(), conversations.coachWrites(running.id(), running.coach().id(), "Leg de kaarten."));
		var open = given.of(running.id()).get(0);
		String page = mvc.perform(get("/participant/cards/{id}", open.id()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString();
		var field = java.util.regex.Pattern.compile("name=\"submission\" value=\"([0-9a-f-]{36})\"").matcher(page);
		assertThat(field.find()).isTrue();

		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var start = new java.util.concurrent.CountDownLatch(1);
			java.util.List<java.util.concurrent.Future<Integer>> clicks = new java.util.ArrayList<>();
			for (int i = 0; i < 2; i++) {
				clicks.add(pool.submit(() -> {
					start.await();
					return mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
						.param("place", "AUTONOMY", "GROWTH", "BALANCE", "MEANING", "LEARNING")
						.param("submission", field.group(1))).andReturn().getResponse().getStatus();
				}));
			}
			start.countDown();
			for (var click : clicks) {
				assertThat(click.get()).isEqualTo(302);
			}
		}
		finally {
			testsupport.Threads.finish(pool);
		}
		// The browser sending it once more, after both went: the letter is there, no error page.
		mvc.perform(post("/participant/cards/{id}", open.id()).with(csrf()).with(fixtures.as(running.participant()))
				.param("place", "AUTONOMY", "GROWTH", "BALANCE", "MEANING", "LEARNING").param("submission", field.group(1)))
			.andExpect(status().is3xxRedirection());
		assertThat(conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT)).hasSize(1);
	}
}

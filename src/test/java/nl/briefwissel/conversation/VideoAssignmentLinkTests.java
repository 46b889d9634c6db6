package nl.briefwissel.conversation;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A video assignment is watched from a link. The shipped "Kijk de video die je coach meestuurt" went out
 * without any: the participant asked where the video was, and that reply became the assignment's answer.
 * A letter giving a video assignment now carries a link, from the assignment's own text or added by the
 * coach, or it is refused at the letter, which stays as typed with the assignment (decision 0087).
 */
@BriefwisselTest
class VideoAssignmentLinkTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	org.springframework.context.MessageSource texts;

	@Test
	void aVideoAssignmentWithoutALinkIsRefusedAtTheLetterInThePagesLanguageAndGoesWithOne() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment video = shipped(running, "Kijk de video die je coach meestuurt");
		String base = "/coach/trajectories/" + running.id();
		Document chosen = Jsoup.parse(page(base + "?give=" + video.id(), coach));
		String letter = chosen.selectFirst("textarea[name=text]").wholeText().strip();
		assertThat(chosen.text()).as("the write form says a link is wanted")
			.contains("Zet de link naar de video in je brief (beginnend met https://, http:// of www.)");

		for (String language : new String[] { "nl", "en" }) {
			String typed = "Beste, kijk deze video eens.\n\n" + letter;
			Document refused = Jsoup.parse(mvc.perform(post(base + "/messages").param("lang", language)
					.param("text", typed).param("assignment", video.id().toString())
					.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
				.andExpect(status().isUnprocessableContent())
				.andReturn().getResponse().getContentAsString());
			assertThat(refused.select(".utrecht-form-field--invalid").text()).as("at the letter's field, in " + language)
				.contains(language.equals("nl") ? "Deze opdracht gaat over een video, maar je brief bevat geen link."
						: "This assignment is about a video, but your letter has no link.")
				.as("the check takes http and www. too (decision 0087), and the text says so")
				.contains(language.equals("nl") ? "(beginnend met https://, http:// of www.)" : "(starting with https://, http:// or www.)");
			assertThat(refused.selectFirst("textarea[name=text]").wholeText().strip()).as("the letter kept").isEqualTo(typed);
			assertThat(refused.selectFirst("form[action$='/messages'] input[type=hidden][name=assignment]").val())
				.as("the assignment kept").isEqualTo(video.id().toString());
			assertThat(given.of(running.id())).as("nothing given").isEmpty();
		}

		mvc.perform(post(base + "/messages").param("text", "Kijk deze: https://www.youtube.com/watch?v=abc123\n\n" + letter)
				.param("assignment", video.id().toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		assertThat(given.of(running.id())).extracting(GivenAssignments.Given::assignmentId).containsExactly(video.id());
	}

	/**
	 * The letter's refusal of a link that does not work said only https:// and http:// addresses become links, while
	 * the page links an address written as www. too (decisions 0123 and 0130).
	 */
	@Test
	void theDroppedLinkSentenceNamesEveryAddressThatBecomesALink() {
		Object[] args = { "[video](werk.nl)", 1 };
		assertThat(texts.getMessage("validation.message.droppedLink", args, java.util.Locale.forLanguageTag("nl")))
			.contains("alleen een adres dat begint met https://, http:// of www. wordt een link");
		assertThat(texts.getMessage("validation.message.droppedLink", args, java.util.Locale.ENGLISH))
			.contains("only an address starting with https://, http:// or www. becomes a link");
	}

	/** The library form says where the link to a video goes, so that a coach's own video assignment carries it. */
	@Test
	void theLibraryFormSaysWhereAVideosLinkGoes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		assertThat(Jsoup.parse(page("/coach/assignments", fixtures.as(running.coach()))).select("#new-instructions-help").text())
			.contains("Bij een video: zet de link naar de video hier, dan gaat hij met elke brief mee");
	}

	/**
	 * Not every word with a colon is a link: a bare "https://" or "www." is no video to watch. An address written as
	 * www. and a host is a link on the page and in the mail (decisions 0123 and 0087), so it is one here too.
	 */
	@Test
	void onlyAnHttpOrHttpsAddressWithAHostCounts() {
		Assignment video = new Assignment(UUID.randomUUID(), null, "Video", "Kijk de video.", AssignmentType.VIDEO,
				java.util.List.of(), 20, java.util.Locale.forLanguageTag("nl"), false);
		assertThat(video.videoLinkMissingFrom("Kijk de video op www.example.nl")).isFalse();
		assertThat(video.videoLinkMissingFrom("Kijk de video op WWW.npo.nl/start.")).isFalse();
		assertThat(video.videoLinkMissingFrom("Kijk op www. of op nowww.example.nl")).isTrue();
		assertThat(video.videoLinkMissingFrom("Mail naar anja@www.example.nl")).isTrue();
		assertThat(video.videoLinkMissingFrom("De link volgt: https://")).isTrue();
		assertThat(video.videoLinkMissingFrom("ftp://video.example.nl/film.mp4")).isTrue();
		assertThat(video.videoLinkMissingFrom("Hier: HTTPS://video.example.nl/film")).isFalse();
		assertThat(video.videoLinkMissingFrom("Hier: http://npo.nl/x")).isFalse();
		// What the letter shows as text is no link for the check either (review): no space before it, or too long.
		assertThat(video.videoLinkMissingFrom("Bekijk de video.https://youtu.be/x")).isTrue();
		assertThat(video.videoLinkMissingFrom("https://video.example.nl/" + "a".repeat(2100))).isTrue();
		Assignment reflection = new Assignment(UUID.randomUUID(), null, "Reflectie", "Schrijf.", AssignmentType.REFLECTION,
				java.util.List.of(), 20, java.util.Locale.forLanguageTag("nl"), false);
		assertThat(reflection.videoLinkMissingFrom("Geen link")).isFalse();
	}

	/**
	 * A video assignment whose text carries its links (where to search, for an interview the participant
	 * finds) goes as it comes: the letter holds them.
	 */
	@Test
	void aVideoAssignmentCarryingItsLinkGoesWithoutOneAdded() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment interview = shipped(running, "Kijk een interview met iemand uit een ander vak");
		assertThat(interview.carriesALink()).isTrue();
		String base = "/coach/trajectories/" + running.id();
		Document chosen = Jsoup.parse(page(base + "?give=" + interview.id(), coach));
		assertThat(chosen.text()).doesNotContain("Zet de link naar de video in je brief");
		mvc.perform(post(base + "/messages").param("text", chosen.selectFirst("textarea[name=text]").wholeText().strip())
				.param("assignment", interview.id().toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		assertThat(given.of(running.id())).extracting(GivenAssignments.Given::assignmentId).containsExactly(interview.id());
	}

	private Assignment shipped(Fixtures.RunningTrajectory running, String title) {
		return assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.VIDEO))
			.stream()
			.filter(a -> a.title().equals(title))
			.findFirst()
			.orElseThrow();
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}
}

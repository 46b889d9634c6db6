package nl.briefwissel.assignment;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The shipped assignments ended in "Stuur terug: beantwoord deze mail" also where the programme sends no letters
 * by mail: the participant reads the letter in Briefwissel and answers there, and the line under it said so too.
 * The texts say what to send back; the line under them says how, by the programme's mail mode, as the coach
 * cards' texts did already.
 */
@BriefwisselTest
class ShippedAssignmentAnswerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aShippedAssignmentInAWebOnlyProgrammeSaysNothingAboutAnsweringTheMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", running.programmeId()).update();
		var coach = fixtures.as(running.coach());

		for (Assignment assignment : shipped(running)) {
			assertThat(letter(running, assignment, coach)).as(assignment.title() + " " + assignment.language())
				.doesNotContainIgnoringCase("deze mail")
				.doesNotContainIgnoringCase("this mail")
				.contains(assignment.type() == AssignmentType.COACH_CARDS ? "Je legt de kaarten in Briefwissel"
						: "Je antwoord schrijf je in Briefwissel");
		}

		// As sent, and read by the participant in Briefwissel.
		Assignment photo = shipped(running).stream().filter(a -> a.title().equals("De plek waar jij het best nadenkt")).findFirst()
			.orElseThrow();
		String base = "/coach/trajectories/" + running.id();
		mvc.perform(post(base + "/messages").param("text", letter(running, photo, coach))
				.param("assignment", photo.id().toString()).param("submission", UUID.randomUUID().toString()).with(csrf())
				.with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		Document read = Jsoup.parse(mvc.perform(get("/participant/conversation").param("trajectory", running.id().toString())
				.with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(read.text()).contains("Wat je terugstuurt: de foto als bijlage en je antwoorden op de vragen.")
			.doesNotContain("beantwoord deze mail");
	}

	@Test
	void inAProgrammeThatSendsLettersByMailItStillSaysToAnswerTheMail() throws Exception {
		var dutch = fixtures.runningTrajectory(true);
		var english = fixtures.runningTrajectory(true);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", english.participant().id()).update();

		for (Assignment assignment : shipped(dutch)) {
			if (assignment.type() == AssignmentType.COACH_CARDS) {
				continue; // CoachCardsLinkTests: laid in Briefwissel, mail once as the other way
			}
			assertThat(letter(dutch, assignment, fixtures.as(dutch.coach()))).as(assignment.title())
				.contains("Je antwoord stuur je gewoon als antwoord op deze mail");
			assertThat(letter(english, assignment, fixtures.as(english.coach()))).as(assignment.title())
				.contains("Simply send your answer as a reply to this mail");
		}
	}

	/**
	 * A participant who chose a notification only, in a programme that sends letters by mail, reads the letter in
	 * Briefwissel: "antwoord op deze mail" there named a mail they never had. The line points to Briefwissel first,
	 * with the link, and names the mail about the letter as the one to answer by mail.
	 */
	@Test
	void aParticipantWhoChoseANotificationOnlyIsPointedToBriefwisselFirst() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set mail_preference = 'NOTIFICATION' where id = :id").param("id", running.id()).update();
		var coach = fixtures.as(running.coach());

		for (Assignment assignment : shipped(running)) {
			if (!assignment.language().getLanguage().equals("nl")) {
				continue;
			}
			String letter = letter(running, assignment, coach);
			assertThat(letter).as(assignment.title())
				.doesNotContainIgnoringCase("deze mail")
				.contains(assignment.type() == AssignmentType.COACH_CARDS
						? "Je legt de kaarten in Briefwissel, na inloggen: http"
						: "Je antwoord schrijf je in Briefwissel, met een foto of bestand erbij als dat past: http",
						"Liever per mail? Beantwoord dan de mail die je over dit bericht kreeg.")
				.contains(assignment.type() == AssignmentType.COACH_CARDS ? "/participant/cards" : "/participant/conversation")
				.contains("trajectory=" + running.id());
		}
		Assignment english = shipped(running).stream()
			.filter(a -> a.language().getLanguage().equals("en") && a.type() != AssignmentType.COACH_CARDS).findFirst().orElseThrow();
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		assertThat(letter(running, english, coach)).doesNotContainIgnoringCase("this mail")
			.contains("Write your answer in Briefwissel, with a photo or file added where it fits: http",
					"Prefer mail? Then reply to the mail you got about this letter.");
	}

	/** The shared library's shipped assignments, in both languages, as the coach of this trajectory finds them. */
	private List<Assignment> shipped(Fixtures.RunningTrajectory running) {
		List<Assignment> open = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, null));
		List<Assignment> shipped = LibrarySeed.read()
			.stream()
			.map(entry -> open.stream()
				.filter(a -> a.shared() && a.title().equals(entry.draft().title()) && a.language().equals(entry.draft().language()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("not in the library: " + entry.key() + " " + entry.draft().language())))
			.toList();
		assertThat(shipped).hasSizeGreaterThan(30);
		return shipped;
	}

	/** The letter as the write form gives it with the assignment chosen. */
	private String letter(Fixtures.RunningTrajectory running, Assignment assignment, RequestPostProcessor coach) throws Exception {
		Document page = Jsoup.parse(mvc.perform(get("/coach/trajectories/" + running.id()).param("give", assignment.id().toString())
				.with(coach)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		return page.selectFirst("form[action$='/messages'] textarea[name=text]").wholeText().strip();
	}
}

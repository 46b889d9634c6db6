package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.trajectory.Trajectories;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The coach-cards mail and the card page agree. The mail said "Mis je een waarde? Voeg die dan toe" while the page
 * lays only the deck, and did not say where the cards were: now the letter links to the cards (in text and as a
 * link in the HTML mail) for a participant who can sign in, says how to answer by mail where the programme takes
 * mail, and asks to name a missing value in the explanation.
 */
@BriefwisselTest
class CoachCardsLinkTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	MessageMail mails;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theLetterLinksToTheCardsWhichOpenTheOpenAssignmentAndTheHtmlMailMakesItALink() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		Assignment values = values(running);
		String base = "/coach/trajectories/" + running.id();
		String letter = letter(base + "?give=" + values.id(), coach);
		String link = "/participant/cards?lang=nl&trajectory=" + running.id();
		assertThat(letter).contains("Je legt de kaarten in Briefwissel, na inloggen: http")
			.contains(link)
			.contains("Liever per mail? Beantwoord dan deze mail.")
			.contains("Wat je terugstuurt: je top vijf op volgorde en je uitleg.")
			.as("one way to answer, the web first and mail once as the other")
			.doesNotContain("Stuur terug")
			.doesNotContain("beantwoord deze mail met")
			.doesNotContain("Voeg die dan toe");

		var mail = mails.coachMessage(trajectories.byId(running.id()).orElseThrow(),
				accounts.byId(running.participant().id()).orElseThrow(), letter, "reply@example.nl", null, List.of());
		assertThat(mail.text()).contains(link);
		assertThat(Jsoup.parse(mail.html()).select("a[href*=/participant/cards?]").attr("href")).endsWith(link);

		mvc.perform(post(base + "/messages").param("text", letter).param("assignment", values.id().toString())
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		GivenAssignments.Given cards = given.of(running.id()).get(0);
		var participant = fixtures.as(running.participant());
		mvc.perform(get("/participant/cards").param("trajectory", running.id().toString()).with(participant))
			.andExpect(redirectedUrl("/participant/cards/" + cards.id()));
		mvc.perform(get("/participant/cards").param("trajectory", running.id().toString())
				.with(fixtures.as(fixtures.runningTrajectory(true).participant())))
			.andExpect(status().isNotFound());

		given.answerOne(cards.id(), cards.messageId());
		mvc.perform(get("/participant/cards").param("trajectory", running.id().toString()).with(participant))
			.andExpect(redirectedUrl("/participant/cards/" + cards.id()));
	}

	/**
	 * A walk found it: the address without its trajectory gave the general "we could not use this" page and logged a
	 * missing parameter. With one trajectory under way it opens that one's cards; with none, the start page.
	 */
	@Test
	void theCardsWithoutATrajectoryOpenTheOneUnderWayOrTheStartPage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String base = "/coach/trajectories/" + running.id();
		Assignment values = values(running);
		mvc.perform(post(base + "/messages").param("text", letter(base + "?give=" + values.id(), fixtures.as(running.coach())))
				.param("assignment", values.id().toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl(base + "#sent"));
		GivenAssignments.Given cards = given.of(running.id()).get(0);
		var participant = fixtures.as(running.participant());
		mvc.perform(get("/participant/cards").with(participant)).andExpect(redirectedUrl("/participant/cards/" + cards.id()));

		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id()).update();
		mvc.perform(get("/participant/cards").with(participant)).andExpect(redirectedUrl("/participant"));
	}

	/**
	 * The mail's link after the cards were laid: it went silently to the conversation, and the cards' own page
	 * said "Pagina niet gevonden". Now that page says they were laid, in both languages, with a link to the
	 * letter that holds them. Someone else's cards stay not found.
	 */
	@Test
	void cardsAlreadyLaidSaySoWithALinkToTheirLetter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String base = "/coach/trajectories/" + running.id();
		Assignment values = values(running);
		mvc.perform(post(base + "/messages").param("text", letter(base + "?give=" + values.id(), fixtures.as(running.coach())))
				.param("assignment", values.id().toString()).param("submission", UUID.randomUUID().toString()).with(csrf())
				.with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl(base + "#sent"));
		GivenAssignments.Given cards = given.of(running.id()).get(0);
		given.answerOne(cards.id(), cards.messageId());
		var participant = fixtures.as(running.participant());

		Document dutch = Jsoup.parse(mvc.perform(get("/participant/cards/" + cards.id()).with(participant))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(dutch.text()).contains("Je hebt je kaarten al gelegd; je vindt ze in je gesprek").doesNotContain("niet gevonden");
		assertThat(dutch.select("a#cards-letter").attr("href"))
			.isEqualTo("/participant/conversation?trajectory=" + running.id() + "#m-" + cards.messageId());
		Document english = Jsoup.parse(mvc.perform(get("/participant/cards/" + cards.id()).param("lang", "en").with(participant))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.text()).contains("You already laid your cards; you find them in your conversation");

		mvc.perform(get("/participant/cards/" + cards.id()).with(fixtures.as(fixtures.runningTrajectory(true).participant())))
			.andExpect(status().isNotFound());
	}

	/**
	 * Coach cards answered by a letter (a mail "ik leg ze dit weekend", or the letter the coach linked) were not
	 * laid: the cards' link said "Je hebt je kaarten al gelegd". It goes to the letter in the conversation now.
	 */
	@Test
	void cardsAnsweredByALetterAreNotSaidToBeLaid(@Autowired Conversations conversations) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String base = "/coach/trajectories/" + running.id();
		Assignment values = values(running);
		mvc.perform(post(base + "/messages").param("text", letter(base + "?give=" + values.id(), fixtures.as(running.coach())))
				.param("assignment", values.id().toString()).param("submission", UUID.randomUUID().toString()).with(csrf())
				.with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl(base + "#sent"));
		GivenAssignments.Given cards = given.of(running.id()).get(0);
		UUID reply = conversations.participantWrites(running.id(), running.participant().id(), "Ik leg ze dit weekend.");
		given.answerByMail(running.id(), reply, GivenAssignments.Arrival.BEFORE_THE_SUMMARY);
		assertThat(given.of(running.id()).get(0).answeredBy()).isEqualTo(GivenAssignments.AnsweredBy.LETTER);
		var participant = fixtures.as(running.participant());

		mvc.perform(get("/participant/cards/" + cards.id()).with(participant))
			.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id() + "#m-" + reply));
		mvc.perform(get("/participant/cards").param("trajectory", running.id().toString()).with(participant))
			.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id()));
	}

	/**
	 * A programme that sends no letters by mail: the cards are laid signed in, and the letter does not ask for a
	 * reply by mail. A participant who cannot sign in, where letters go by mail, is told to answer by mail only.
	 */
	@Test
	void howToAnswerFollowsTheProgrammeAndWhetherTheParticipantCanSignIn() throws Exception {
		var secure = fixtures.runningTrajectory(true);
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", secure.programmeId()).update();
		String inSecure = letter("/coach/trajectories/" + secure.id() + "?give=" + values(secure).id(), fixtures.as(secure.coach()));
		assertThat(inSecure).contains("/participant/cards?lang=nl&trajectory=" + secure.id()).doesNotContain("per mail");

		var byMail = fixtures.runningTrajectory(true);
		jdbc.sql("update account set enabled = false where id = :id").param("id", byMail.participant().id()).update();
		String inMail = letter("/coach/trajectories/" + byMail.id() + "?give=" + values(byMail).id(), fixtures.as(byMail.coach()));
		assertThat(inMail).contains("Wat je terugstuurt: je top vijf op volgorde", "Je stuurt het terug als antwoord op deze mail.")
			.doesNotContain("/participant/cards");
	}

	@Test
	void anAddressInTheLetterIsALinkInTheHtmlMailWithoutTheFullStopAfterIt() {
		assertThat(MessageMail.linked("Kijk: https://video.example.nl/a?b=1. Of niet.\nTweede regel"))
			.containsExactly(List.of(List.of("Kijk: ", "https://video.example.nl/a?b=1", ". Of niet."), List.of("Tweede regel")));
	}

	/**
	 * An address written as www. is a link on the page, to https:// (decision 0123): the HTML mail makes it the same
	 * link, so a video given as www.youtube.com is clicked in the mail too (decision 0087, amended).
	 */
	@Test
	void anAddressWrittenAsWwwIsAnHttpsLinkInTheHtmlMailAsOnThePage() {
		assertThat(MessageMail.linked("Kijk www.youtube.com/watch?v=abc. Of (WWW.npo.nl)\nnowww.example.nl"))
			.containsExactly(List.of(List.of("Kijk ", "www.youtube.com/watch?v=abc", ". Of (", "WWW.npo.nl", ")"),
					List.of("nowww.example.nl")));
		var running = fixtures.runningTrajectory(true);
		var mail = mails.coachMessage(trajectories.byId(running.id()).orElseThrow(),
				accounts.byId(running.participant().id()).orElseThrow(), "Kijk www.youtube.com/watch?v=abc. Dag!",
				"reply@example.nl", null, List.of());
		var link = Jsoup.parse(mail.html()).selectFirst("a[href=https://www.youtube.com/watch?v=abc]");
		assertThat(link).isNotNull();
		assertThat(link.text()).isEqualTo("www.youtube.com/watch?v=abc");
	}

	private Assignment values(Fixtures.RunningTrajectory running) {
		return assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream()
			.filter(a -> a.title().equals("Jouw top vijf waarden"))
			.findFirst()
			.orElseThrow();
	}

	private String letter(String path, org.springframework.test.web.servlet.request.RequestPostProcessor who) throws Exception {
		Document page = Jsoup.parse(mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
		return page.selectFirst("form[action$='/messages'] textarea[name=text]").wholeText().strip();
	}
}

package nl.briefwissel.conversation;

import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant in two programmes at once has two conversations: each coach's mail links to its own,
 * each is reached from the other, and a letter goes to the one it was written in. Only the newest
 * running one could be reached, and a notification of the other coach opened the wrong one.
 */
@BriefwisselTest
class TwoConversationsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void eachConversationIsReachedAndWrittenInOnItsOwn() throws Exception {
		var first = fixtures.runningTrajectory(true);
		var otherProgramme = programmes.create(first.organisationId(), "Tweede programma", null, null);
		var otherCoach = fixtures.person(first.organisationId(), "tweede-" + first.id() + "@example.nl", "Tweede Coach", Role.COACH);
		UUID second = trajectories.record(otherProgramme.id(), first.participant().id(), otherCoach.id(), TrajectoryStatus.RUNNING,
				"GROWTH", Today.date(), null);

		conversations.coachWrites(first.id(), first.coach().id(), "Een vraag van de eerste coach.");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, first.participant().email(), m -> true);
		assertThat(Mailboxes.text(mail)).contains("/participant/conversation?lang=nl&trajectory=" + first.id());

		for (UUID shown : new UUID[] { first.id(), second }) {
			UUID other = shown.equals(second) ? first.id() : second;
			Document page = Jsoup.parse(mvc.perform(get("/participant/conversation").param("trajectory", shown.toString())
				.with(fixtures.as(first.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
			assertThat(page.select("input[name=trajectory]").attr("value")).isEqualTo(shown.toString());
			assertThat(page.select("nav[aria-labelledby=other-conversations] a").eachAttr("href")).containsExactly("/participant/conversation?trajectory=" + other);
		}
		assertThat(Jsoup.parse(mvc.perform(get("/participant/conversation").param("trajectory", second.toString())
			.with(fixtures.as(first.participant()))).andReturn().getResponse().getContentAsString()).text())
			.doesNotContain("Een vraag van de eerste coach.");

		mvc.perform(post("/participant/conversation").param("text", "Mijn antwoord aan de eerste coach.")
			.param("trajectory", first.id().toString()).with(csrf()).with(fixtures.as(first.participant())))
			.andExpect(redirectedUrl("/participant/conversation?trajectory=" + first.id() + "#sent"));
		assertThat(conversations.of(first.id())).extracting(Message::body)
			.contains("Mijn antwoord aan de eerste coach.");
		assertThat(conversations.of(second)).isEmpty();

		// Someone else's conversation is not found.
		var stranger = fixtures.runningTrajectory(true);
		mvc.perform(get("/participant/conversation").param("trajectory", stranger.id().toString())
			.with(fixtures.as(first.participant()))).andExpect(status().isNotFound());
	}
}

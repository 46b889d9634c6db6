package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Trajectories;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * A participant who chose 'only a notification with a link' gets no letter by mail: the coach's page says a
 * notification went, after sending and next to the letter, and keeps saying so for that letter when the
 * participant later asks for letters in full. Said per mail, as it went.
 */
@BriefwisselTest
class DeliveryWordingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Test
	void aLetterToAParticipantWhoChoseANotificationIsSaidToHaveGoneAsANotification() throws Exception {
		var running = fixtures.runningTrajectory(true);
		trajectories.chooseMailPreference(running.id(), running.participant().id(), false);

		MvcResult sent = mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Hoe ging het gesprek?")
			.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("sent", "chosenNotice")).andReturn();
		String page = mvc.perform(get("/coach/trajectories/{id}", running.id()).cookie(sent.getResponse().getCookies())
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(page).select("#sent").text()).contains("Melding verstuurd; de deelnemer leest het na inloggen")
			.doesNotContain("per mail naar de deelnemer");
		// Waiting or already sent, as the outbox was quick or not: a notification either way, never 'by mail'.
		assertThat(Jsoup.parse(page).select(".bw-delivery").text()).matches("Melding wordt zo verstuurd|Melding verstuurd op .*");

		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		awaitSent(running);
		assertThat(deliveryLines(running, "nl")).singleElement().asString().startsWith("Melding verstuurd op ")
			.endsWith("; de deelnemer leest het na inloggen");
		assertThat(deliveryLines(running, "en")).singleElement().asString().startsWith("Notification sent on ")
			.endsWith("; the participant reads it after signing in");

		// The participant asks for letters in full from now on: the letter before went as a notification all the same.
		trajectories.chooseMailPreference(running.id(), running.participant().id(), true);
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "En nu in zijn geheel.")
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(flash().attribute("sent", "mail"));
		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.text(m).contains("En nu in zijn geheel."));
		awaitSent(running);
		assertThat(deliveryLines(running, "nl")).hasSize(2)
			.satisfiesExactly(first -> assertThat(first).startsWith("Melding verstuurd op "),
					second -> assertThat(second).startsWith("Per mail verstuurd op "));
	}

	/**
	 * The write form says what went from the mail as it was made, not from the preference read once more
	 * (the page is benchmarked): the letter says whether its mail went as a notification.
	 */
	@Test
	void aWrittenLetterSaysWhetherItsMailWentAsANotification() {
		var running = fixtures.runningTrajectory(true);
		var trajectory = trajectories.withContent(running.id()).orElseThrow();
		trajectories.chooseMailPreference(running.id(), running.participant().id(), false);
		assertThat(conversations.coachWritesOnce(trajectory, running.coach().id(), "Een melding.", null))
			.isInstanceOfSatisfying(Conversations.FormLetter.Written.class, written -> assertThat(written.asNotification()).isTrue());
		trajectories.chooseMailPreference(running.id(), running.participant().id(), true);
		assertThat(conversations.coachWritesOnce(trajectory, running.coach().id(), "In zijn geheel.", null))
			.isInstanceOfSatisfying(Conversations.FormLetter.Written.class, written -> assertThat(written.asNotification()).isFalse());
	}

	private void awaitSent(Fixtures.RunningTrajectory running) {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> jdbc.sql("""
					select count(*) from outbound_mail where status <> 'SENT'
					  and message_id in (select mail_message_id from message where trajectory_id = :t)""")
				.param("t", running.id()).query(Integer.class).single() == 0);
	}

	private java.util.List<String> deliveryLines(Fixtures.RunningTrajectory running, String language) throws Exception {
		String page = mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		return Jsoup.parse(page).select(".bw-delivery").eachText();
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@BriefwisselTest
class LettersTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Trajectories trajectories;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyLetterCarriesItsAuthorsNameAFormerCoachsTooAndItsFiles() {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Welkom!");
		byte[] photo = "foto".getBytes(StandardCharsets.UTF_8);
		conversations.participantWrites(running.id(), running.participant().id(), "Hier is mijn foto.",
				List.of(new MailAttachment("plek.jpg", "image/jpeg", photo.length, photo, null)));
		Account next = fixtures.person(running.organisationId(), "tweede-" + running.id() + "@example.nl", "Tweede Coach",
				Role.COACH);
		jdbc.sql("update trajectory set coach_id = :coach where id = :id").param("coach", next.id()).param("id", running.id()).update();
		conversations.coachWrites(running.id(), next.id(), "Ik neem het gesprek over.");
		TrajectoryOverview trajectory = trajectories.byId(running.id()).orElseThrow();

		List<Message> letters = conversations.toRead(trajectory);

		// The participant's and the new coach's names come from the trajectory, the former coach's is read.
		assertThat(letters).extracting(Message::authorName)
			.containsExactly(running.coach().displayName(), running.participant().displayName(), "Tweede Coach");
		assertThat(letters.get(1).attachments()).extracting(Attachment::fileName).containsExactly("plek.jpg");
		assertThat(letters.get(0).attachments()).isEmpty();
		assertThat(conversations.of(running.id())).usingRecursiveFieldByFieldElementComparator().isEqualTo(letters);
	}

	/**
	 * A Dutch coach reads an English participant's conversation: the letters and the question say they
	 * are English, so a screen reader reads them with an English voice (WCAG 3.1.2). Nothing is said
	 * where the page and the conversation share their language.
	 */
	@Test
	void lettersInAnotherLanguageThanThePageSayWhichOne(@Autowired org.springframework.test.web.servlet.MockMvc mvc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		conversations.coachWrites(running.id(), running.coach().id(), "Welcome!");
		conversations.participantWrites(running.id(), running.participant().id(), "Thank you, here is my question.");

		String dutchPage = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString();
		var bodies = org.jsoup.Jsoup.parse(dutchPage).select("ol.bw-conversation .bw-message__body");
		assertThat(bodies).hasSize(2).allMatch(body -> body.attr("lang").equals("en"));

		String englishPage = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/coach/trajectories/{id}", running.id()).param("lang", "en").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(englishPage).select("ol.bw-conversation .bw-message__body"))
			.hasSize(2).noneMatch(body -> body.hasAttr("lang"));
	}
}

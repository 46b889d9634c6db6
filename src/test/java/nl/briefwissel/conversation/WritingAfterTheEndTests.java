package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.privacy.Erasures;
import nl.briefwissel.trajectory.Handovers;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A page kept open while the trajectory ended, was erased or went to another coach: what is typed
 * in it is not written into the trajectory nor mailed, and comes back to copy where it may be seen.
 */
@BriefwisselTest
class WritingAfterTheEndTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Conversations conversations;

	@Autowired
	Erasures erasures;

	@Autowired
	Accounts accounts;

	@Autowired
	Handovers handovers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	nl.briefwissel.encryption.Encryption encryption;

	@Autowired
	CoachDesk desk;

	@Test
	void aLetterFromAPageOpenedBeforeTheEndComesBackToCopyAndIsNotMailed() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		String open = page(base, running.coach());
		String submission = Jsoup.parse(open).selectFirst("form input[name=submission]").val();
		long mails = count("select count(*) from outbound_mail");

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		// The end is in the way, not the letter: 409 (decision 0139, amended).
		String answer = mvc.perform(post(base + "/messages").param("text", "Nog een laatste gedachte.").param("submission", submission)
			.with(csrf()).with(coach)).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("het is niet verstuurd").contains("Nog een laatste gedachte.");
		assertThat(letters(running.id())).isZero();
		// Only the evaluation and the notices of the end go to the participant, none with the letter's words.
		// Read in one query from their opened bodies: two counts of the whole table raced the end's own mails.
		assertThat(jdbc.sql("select text_body, body_key_id from outbound_mail where recipient = :to")
			.param("to", running.participant().email())
			.query((rs, n) -> encryption.openText(rs.getString("body_key_id"), rs.getString("text_body")))
			.list()).noneMatch(body -> body != null && body.contains("Nog een laatste gedachte."));
		assertThat(count("select count(*) from outbound_mail")).isGreaterThanOrEqualTo(mails);

		// The ended conversation stays to re-read, without a write form.
		Document ended = Jsoup.parse(page(base, running.coach()));
		assertThat(ended.select("textarea#text")).isEmpty();
		assertThat(ended.text()).contains("Dit traject is afgesloten");

		// A draft left when it ended is still the coach's, to copy.
		desk.saveDraft(running.id(), running.coach().id(), "Mijn laatste gedachten, half af.");
		assertThat(Jsoup.parse(page(base, running.coach())).text()).contains("Je had hier nog een concept")
			.contains("Mijn laatste gedachten, half af.");

		// The participant's letter that meets the end on the locked row is refused the same way.
		assertThat(conversations.participantWritesOnce(running.id(), running.participant().id(), "Te laat", List.of(), UUID.randomUUID()))
			.isInstanceOf(Conversations.FormLetter.Refused.class);
		assertThat(letters(running.id())).isZero();
	}

	@Test
	void anErasedTrajectoryTakesNoWordsFromAPageKeptOpen() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		String submission = Jsoup.parse(page(base, running.coach())).selectFirst("form input[name=submission]").val();

		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		erasures.confirm(erasures.request(running.participant().id()).id(), admin);

		mvc.perform(get(base).with(coach)).andExpect(status().isNotFound());
		mvc.perform(post(base + "/check").param("text", "Concept na het wissen").with(csrf()).with(coach))
			.andExpect(status().isNotFound());
		mvc.perform(post(base + "/draft").param("text", "Concept na het wissen").with(csrf()).with(coach))
			.andExpect(status().isNotFound());
		mvc.perform(post(base + "/notes").param("note", "Notitie na het wissen").with(csrf()).with(coach))
			.andExpect(status().isNotFound());
		mvc.perform(post(base + "/messages").param("text", "Brief na het wissen").param("submission", submission)
			.with(csrf()).with(coach)).andExpect(status().isNotFound());
		assertThat(count("select count(*) from draft where trajectory_id = '" + running.id() + "'")).isZero();
		assertThat(count("select count(*) from coach_note where trajectory_id = '" + running.id() + "'")).isZero();
		assertThat(count("select count(*) from message where trajectory_id = '" + running.id() + "' and author_role = 'COACH'"))
			.isZero();
		// Nor a letter written by the service for a page read before the erasure.
		assertThat(conversations.participantWritesOnce(running.id(), running.participant().id(), "Nog iets", List.of(),
				UUID.randomUUID())).isInstanceOf(Conversations.FormLetter.Refused.class);
	}

	@Test
	void aLetterOfTheCoachTheTrajectoryWentAwayFromComesBackToCopyWithoutTheConversation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account manager = fixtures.managerOf(running);
		Account next = fixtures.secondCoachInPool(running);
		conversations.coachWrites(running.id(), running.coach().id(), "Welkom, fijn dat je er bent.");
		String base = "/coach/trajectories/" + running.id();
		String submission = Jsoup.parse(page(base, running.coach())).selectFirst("form input[name=submission]").val();

		assertThat(handovers.handOver(running.id(), next.id(), Reason.COACH_UNAVAILABLE, manager.id()))
			.isEqualTo(Handovers.Outcome.HANDED_OVER);
		// The handover is in the way, not the letter: 409 (decision 0139, amended).
		String answer = mvc.perform(post(base + "/messages").param("text", "Wat ik nog wilde zeggen.").param("submission", submission)
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("Niet verstuurd").contains("andere e-coach").contains("Wat ik nog wilde zeggen.")
			.doesNotContain(running.participant().displayName()).doesNotContain("fijn dat je er bent");
		assertThat(letters(running.id())).as("the welcome letter only").isEqualTo(1);
		// Someone who never had it still finds nothing.
		Account stranger = fixtures.person(running.organisationId(), "vreemd-" + suffix + "@example.nl", "Vreemde", Role.COACH);
		mvc.perform(post(base + "/messages").param("text", "Hallo").with(csrf()).with(fixtures.as(stranger)))
			.andExpect(status().isNotFound());

		// The other buttons keep what was typed too: "Concept bewaren", the check without JavaScript, a note. Each
		// answers 409: the handover is in the way, not what was typed (decision 0139, amended).
		for (String route : List.of("/draft", "/check")) {
			String kept = mvc.perform(post(base + route).param("text", "Een concept voor later.").with(csrf())
				.with(fixtures.as(running.coach()))).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
			assertThat(kept).as(route).contains("Niet bewaard").contains("andere e-coach").contains("Een concept voor later.")
				.doesNotContain("fijn dat je er bent");
		}
		assertThat(mvc.perform(post(base + "/notes").param("note", "Belde over de vacature.").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString())
			.contains("Niet bewaard").contains("Belde over de vacature.");
		// While typing (htmx) nothing is swapped in: the text stays in the coach's field.
		mvc.perform(post(base + "/check").header("HX-Request", "true").param("text", "Verder").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(status().isNotFound());
		mvc.perform(post(base + "/draft").param("text", "Hallo").with(csrf()).with(fixtures.as(stranger)))
			.andExpect(status().isNotFound());
	}

	private String page(String path, Account who) throws Exception {
		return mvc.perform(get(path).with(fixtures.as(who))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private long letters(UUID trajectoryId) {
		return count("select count(*) from message where trajectory_id = '" + trajectoryId + "' and kind = 'MESSAGE'");
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}
}

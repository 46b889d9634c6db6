package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.KeysGone;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeForm;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What stands around the conversation on the coach's trajectory page and the participant's own page
 * (the participant's question and goals, the closing summary and the reaction to it), sealed under a key
 * that is no longer configured: each is a marked line in its place, in the reader's language, with
 * nothing of what is stored, said in the log once; one of them made the whole page an error page
 * (decision 0057). A form for one of them is empty, and what is saved in it takes its place.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class UnopenedAroundTheConversationTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Intakes intakes;

	@Autowired
	ClosingDesk closings;

	@Autowired
	Encryption encryption;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource texts;

	private KeysGone keys;

	@BeforeEach
	void keys() {
		keys = new KeysGone(jdbc, encryption);
	}

	/** The database is shared by the tests: a row no key opens stops the key rotation's tests. */
	@AfterEach
	void keysBack() {
		keys.putBack();
	}

	@Test
	void theQuestionTheGoalsAndTheClosingThatDoNotOpenAreMarkedLinesOnTheCoachsAndTheParticipantsPage(CapturedOutput log)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		var participant = running.participant();
		intakes.record(running.programmeId(), participant, running.id(), new IntakeForm(participant.displayName(),
				participant.email(), "Een vraag die straks niet meer opent", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, true),
				Intake.Source.INVITATION);
		assertThat(trajectories.changeGoals(running.id(), participant.id(), "Doelen die straks niet meer openen")).isTrue();
		conversations.coachWrites(running.id(), running.coach().id(), "Een brief die gewoon leesbaar blijft.");
		var trajectory = trajectories.withContent(running.id()).orElseThrow();
		assertThat(closings.write(trajectory, running.coach().id(), "Een samenvatting die straks niet meer opent", true))
			.isEqualTo(ClosingDesk.Written.SENT);
		assertThat(closings.react(trajectory, participant.id(), "Een reactie die straks niet meer opent"))
			.isEqualTo(ClosingDesk.Reacted.KEPT);
		UUID intake = jdbc.sql("select id from intake where trajectory_id = :t").param("t", running.id()).query(UUID.class).single();
		keys.take("intake", "question_key_id", "id", intake);
		keys.take("trajectory", "goals_key_id", "id", running.id());
		keys.take("closing", "summary_key_id", "trajectory_id", running.id());
		keys.take("closing", "reaction_key_id", "trajectory_id", running.id());

		for (Locale language : List.of(DUTCH, Locale.ENGLISH, DUTCH)) {
			String html = mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language.getLanguage())
				.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertNothingOfIt(html);
			Document page = Jsoup.parse(html);
			assertThat(page.getElementById("question-unreadable").text()).isEqualTo(text("record.question.unreadable", language));
			assertThat(page.getElementById("goals-unreadable").text()).isEqualTo(text("record.goals.unreadable", language));
			assertThat(page.getElementById("summary-unreadable").text()).isEqualTo(text("closing.summary.unreadable", language));
			assertThat(page.getElementById("reaction-unreadable").text()).isEqualTo(text("closing.reaction.unreadable", language));
			assertThat(page.selectFirst("textarea#summary").text()).as("the form empty, for a new summary").isEmpty();
			assertThat(page.select(".bw-message__body").eachText()).contains("Een brief die gewoon leesbaar blijft.");

			html = mvc.perform(get("/participant").param("lang", language.getLanguage()).with(fixtures.as(participant)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertNothingOfIt(html);
			page = Jsoup.parse(html);
			assertThat(page.getElementById("question-unreadable-" + running.id()).text())
				.isEqualTo(text("participant.question.unreadable", language));
			assertThat(page.getElementById("goals-unreadable-" + running.id()).text())
				.isEqualTo(text("participant.goals.unreadable.edit", language));
			assertThat(page.getElementById("goals-" + running.id()).text()).isEmpty();
			assertThat(page.getElementById("summary-unreadable-" + running.id()).text())
				.isEqualTo(text("closing.summary.unreadable", language));
			assertThat(page.getElementById("reaction-unreadable-" + running.id()).text())
				.isEqualTo(text("closing.participant.reaction.unreadable", language));
			assertThat(page.getElementById("reaction-" + running.id()).text()).isEmpty();
		}
		for (String record : List.of("intake question " + intake, "goals of trajectory " + running.id(),
				"closing summary of trajectory " + running.id(), "closing reaction of trajectory " + running.id())) {
			assertThat(log.getOut().split(record + " does not open", -1)).as(record + " said once, for every view").hasSize(2);
		}
		assertThat(log.getOut()).contains("k-weg").doesNotContain("straks niet meer");

		// What the participant saves takes the place of what did not open; so does the coach's summary.
		mvc.perform(post("/participant/goals").param("trajectory", running.id().toString()).param("goals", "Nieuwe doelen")
			.with(csrf()).with(fixtures.as(participant))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/participant/closing").param("trajectory", running.id().toString()).param("reaction", "Nieuwe reactie")
			.with(csrf()).with(fixtures.as(participant))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("summary", "Nieuwe samenvatting").param("send", "true")
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection());
		Document page = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.getElementById("goals-unreadable")).isNull();
		assertThat(page.getElementById("summary-unreadable")).isNull();
		assertThat(page.getElementById("reaction-unreadable")).isNull();
		assertThat(page.getElementById("question-unreadable")).as("the question is not theirs to write again").isNotNull();
		// Readable again and reacted to, the summary stands: text, no field (decision 0146).
		assertThat(page.selectFirst("textarea#summary")).isNull();
		assertThat(page.select(".bw-details .bw-message__body").eachText()).contains("Nieuwe doelen");
		assertThat(page.select(".bw-closing .bw-message__body").eachText()).contains("Nieuwe samenvatting", "Nieuwe reactie");
	}

	private String text(String code, Locale language) {
		return texts.getMessage(code, null, language);
	}

	private static void assertNothingOfIt(String html) {
		assertThat(html).doesNotContain("straks niet meer").doesNotContain("k-weg").doesNotContain("Exception")
			.doesNotContain("Er ging iets mis");
	}
}

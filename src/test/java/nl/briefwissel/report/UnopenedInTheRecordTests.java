package nl.briefwissel.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.KeysGone;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeForm;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The record (its page and its PDF) and the participant's export, with a highlight, the question, the
 * goals, a change of course's explanation and the closing's summary and reaction sealed under a key that is no longer configured: each is
 * in its place, marked in the reader's language (in the export's data as a *Unreadable field), with
 * nothing of what is stored, and the rest of the record is there; one of them made the whole record and
 * the whole export an error (decision 0057).
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class UnopenedInTheRecordTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Highlights highlights;

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

	@Autowired
	nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle;

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
	void aHighlightTheQuestionTheGoalsAndTheClosingThatDoNotOpenAreMarkedPlacesInTheRecordAndTheExport(CapturedOutput log)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		var participant = running.participant();
		intakes.record(running.programmeId(), participant, running.id(), new IntakeForm(participant.displayName(),
				participant.email(), "Een vraag die straks niet meer opent", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, true),
				Intake.Source.INVITATION);
		assertThat(trajectories.changeGoals(running.id(), participant.id(), "Doelen die straks niet meer openen")).isTrue();
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie? En wat kost je energie?");
		UUID kept = highlights.mark(running.id(), letter, "Wat geeft je energie?", participant.id()).orElseThrow();
		UUID lost = highlights.mark(running.id(), letter, "En wat kost je energie?", running.coach().id()).orElseThrow();
		var trajectory = trajectories.withContent(running.id()).orElseThrow();
		assertThat(closings.write(trajectory, running.coach().id(), "Een samenvatting die straks niet meer opent", true))
			.isEqualTo(ClosingDesk.Written.SENT);
		assertThat(closings.react(trajectory, participant.id(), "Een reactie die straks niet meer opent"))
			.isEqualTo(ClosingDesk.Reacted.KEPT);
		UUID intake = jdbc.sql("select id from intake where trajectory_id = :t").param("t", running.id()).query(UUID.class).single();
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED,
				"Twee weken extra, een toelichting die straks niet meer opent");
		UUID extension = jdbc.sql("select id from trajectory_transition where trajectory_id = :t and reason is not null")
			.param("t", running.id()).query(UUID.class).single();
		keys.take("trajectory_transition", "reason_key_id", "id", extension);
		keys.take("highlight", "passage_key_id", "id", lost);
		keys.take("intake", "question_key_id", "id", intake);
		keys.take("trajectory", "goals_key_id", "id", running.id());
		keys.take("closing", "summary_key_id", "trajectory_id", running.id());
		keys.take("closing", "reaction_key_id", "trajectory_id", running.id());

		// The participant's export, in Dutch: the data say each, and the PDF marks each in its place, to
		// the participant as their own (your question, not the participant's).
		byte[] zip = mvc.perform(get("/participant/export").with(fixtures.as(participant))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		Map<String, byte[]> entries = unzipped(zip);
		String json = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(json).doesNotContain("straks niet meer").doesNotContain("k-weg");
		JsonNode data = JsonMapper.builder().build().readTree(json).get("trajectories").get(0);
		assertThat(data.has("question")).isFalse();
		assertThat(data.get("questionUnreadable").asString()).isEqualTo(text("report.own.question.unreadable", DUTCH));
		assertThat(data.has("goals")).isFalse();
		assertThat(data.get("goalsUnreadable").asString()).isEqualTo(text("report.own.goals.unreadable", DUTCH));
		assertThat(data.get("intake").has("question")).isFalse();
		assertThat(data.get("intake").get("questionUnreadable").asString()).isEqualTo(text("report.own.question.unreadable", DUTCH));
		assertThat(data.get("intake").get("selfCheck").get("writesComfortably").asString()).isEqualTo("YES");
		JsonNode marked = data.get("highlights");
		assertThat(marked.size()).isEqualTo(2);
		assertThat(marked.get(0).get("passage").asString()).isEqualTo("Wat geeft je energie?");
		assertThat(marked.get(1).has("passage")).isFalse();
		assertThat(marked.get(1).get("passageUnreadable").asString()).isEqualTo(text("highlight.unreadable", DUTCH));
		assertThat(marked.get(1).get("markedAt").isNull()).isFalse();
		JsonNode closing = data.get("closing");
		assertThat(closing.has("summary")).isFalse();
		assertThat(closing.get("summaryUnreadable").asString()).isEqualTo(text("closing.summary.unreadable", DUTCH));
		assertThat(closing.has("reaction")).isFalse();
		assertThat(closing.get("reactionUnreadable").asString()).isEqualTo(text("closing.reaction.unreadable", DUTCH));
		assertThat(closing.get("writtenAt").isNull()).isFalse();
		JsonNode change = data.get("changes").get(0);
		assertThat(change.get("kind").asString()).isEqualTo("EXTENSION");
		assertThat(change.get("reason").asString()).isEqualTo("MORE_TIME_NEEDED");
		assertThat(change.has("why")).isFalse();
		assertThat(change.get("whyUnreadable").asString()).isEqualTo(text("report.why.unreadable", DUTCH));
		assertThat(data.get("messages").get(0).get("text").asString()).isEqualTo("Wat geeft je energie? En wat kost je energie?");
		assertThat(pdfText(entries.get("traject-1/verslag.pdf"))).contains(text("report.own.question.unreadable", DUTCH),
				text("report.own.goals.unreadable", DUTCH), "„Wat geeft je energie?”", text("highlight.unreadable", DUTCH),
				text("closing.summary.unreadable", DUTCH), text("closing.reaction.unreadable", DUTCH),
				text("report.why.unreadable", DUTCH), "Wat geeft je energie? En wat kost je energie?")
			.doesNotContain("straks niet meer");

		// The coach's PDF and page, in English, say it in English.
		byte[] coachs = mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(pdfText(coachs)).contains(text("record.question.unreadable", Locale.ENGLISH),
				text("record.goals.unreadable", Locale.ENGLISH), text("highlight.unreadable", Locale.ENGLISH),
				text("closing.summary.unreadable", Locale.ENGLISH), text("closing.reaction.unreadable", Locale.ENGLISH),
				text("report.why.unreadable", Locale.ENGLISH))
			.doesNotContain("straks niet meer");
		String html = mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).doesNotContain("straks niet meer").doesNotContain("k-weg").doesNotContain("Exception");
		Document page = Jsoup.parse(html);
		assertThat(page.getElementById("question-unreadable").text()).isEqualTo(text("record.question.unreadable", Locale.ENGLISH));
		assertThat(page.getElementById("goals-unreadable").text()).isEqualTo(text("record.goals.unreadable", Locale.ENGLISH));
		assertThat(page.select(".bw-record__text--unreadable").eachText()).contains(text("highlight.unreadable", Locale.ENGLISH),
				text("closing.summary.unreadable", Locale.ENGLISH), text("closing.reaction.unreadable", Locale.ENGLISH));

		// Said in the log once for every reading, naming the record and the key, never what it says.
		for (String record : List.of("highlight " + lost, "intake question " + intake, "goals of trajectory " + running.id(),
				"closing summary of trajectory " + running.id(), "closing reaction of trajectory " + running.id(),
				"trajectory_transition " + extension)) {
			assertThat(log.getOut().split(record + " does not open", -1)).as(record + " said once").hasSize(2);
		}
		assertThat(log.getOut()).contains("k-weg").doesNotContain("straks niet meer");
	}

	private String text(String code, Locale language) {
		return texts.getMessage(code, null, language);
	}

	private static Map<String, byte[]> unzipped(byte[] exported) throws Exception {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(exported))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}

	private static String pdfText(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}
}

package nl.briefwissel.conversation;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A holding reply ("Dank je, ik ga er dit weekend mee aan de slag") linked itself as the answer, and the
 * real answer after it stood nowhere (decision 0098): its coach says it is not the answer, the next letter
 * answers as before, or the coach chooses the letter that does; laid cards stay; only the trajectory's
 * coach, and only while it runs.
 */
@BriefwisselTest
class NotTheAnswerTests {

	private static final String HOLDING = "Dank je, ik ga er dit weekend mee aan de slag.";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	Conversations conversations;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Test
	void notTheAnswerOpensTheAssignmentAgainAndTheNextLetterAnswersIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given photo = give(running, AssignmentType.PHOTO);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		assertThat(now(photo).answerMessageId()).isEqualTo(holding);
		Element linked = entry(coachPage(running), photo);
		assertThat(linked.select("form[action$=/not-the-answer] button").text()).isEqualTo("Dit is niet het antwoord");
		assertThat(linked.select("form[action$=/not-the-answer] button").attr("aria-label")).startsWith("Dit is niet het antwoord");

		var unlinked = notTheAnswer(running, photo, holding)
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#given-" + photo.id()))
			.andExpect(flash().attribute("answerChange", "unlinked"))
			.andReturn();

		assertThat(now(photo).answered()).isFalse();
		// Where the redirect opens the page: the entry, open again, says what happened as a status.
		Element entry = entry(Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach()))
			.cookie(unlinked.getResponse().getCookies())).andReturn().getResponse().getContentAsString()), photo);
		assertThat(entry.text()).contains("nog open");
		assertThat(entry.selectFirst("[role=status]").text()).startsWith("Die brief is niet meer het antwoord");
		UUID answer = conversations.participantWrites(running.id(), running.participant().id(), "Hier zijn mijn foto's.");
		assertThat(now(photo).answerMessageId()).isEqualTo(answer);
		assertThat(now(photo).answeredBy()).isEqualTo(GivenAssignments.AnsweredBy.LETTER);
	}

	/**
	 * The real answer came after the holding reply and linked nowhere: the coach unlinks the holding reply and
	 * chooses it. The assignment is answered when it was written, and the record (web and PDF read the same
	 * report) shows it as the answer.
	 */
	@Test
	void theCoachChoosesTheLetterThatAnswersAndTheRecordShowsIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given name = give(running, AssignmentType.NAME_MEANING);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		UUID real = conversations.participantWrites(running.id(), running.participant().id(), "Mijn naam betekent 'de sterke'.");
		notTheAnswer(running, name, holding);
		Element entry = entry(coachPage(running), name);
		Element select = entry.selectFirst("select[name=letter]");
		assertThat(entry.select("label[for=" + select.id() + "]").text()).contains("Welke brief is het antwoord");
		assertThat(select.select("option").eachAttr("value")).containsExactly(holding.toString(), real.toString());

		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/answer", running.id(), name.id()).param("letter", real.toString())
			.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#given-" + name.id()))
			.andExpect(flash().attribute("answerChange", "linked"));

		GivenAssignments.Given answered = now(name);
		assertThat(answered.answerMessageId()).isEqualTo(real);
		assertThat(answered.answeredBy()).isEqualTo(GivenAssignments.AnsweredBy.COACH);
		assertThat(answered.answeredAt()).isAtSameInstantAs(letter(running, real).createdAt());
		Document record = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		String answers = record.select(".bw-record__assignment").text();
		assertThat(answers).contains("de sterke").doesNotContain(HOLDING);
		// Chosen by the coach, it can be undone too, and the page offers that.
		assertThat(entry(coachPage(running), name).select("form[action$=/not-the-answer]")).hasSize(1);
	}

	/**
	 * The letter unlinked is not linked again by itself: not when the participant lays cards for another
	 * assignment, not when they write again (that letter answers); a letter written before the assignment was
	 * given cannot be chosen at all.
	 */
	@Test
	void aLetterTheCoachUnlinkedIsNotLinkedAgainByItself() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID before = conversations.participantWrites(running.id(), running.participant().id(), "Een brief van voor de opdracht.");
		GivenAssignments.Given video = give(running, AssignmentType.VIDEO);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		notTheAnswer(running, video, holding);
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);
		mvc.perform(post("/participant/cards/{id}", cards.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "LISTENING", "ORGANISING", "HUMOUR", "EMPATHY", "PRECISION"))
			.andExpect(status().is3xxRedirection());
		assertThat(now(video).answered()).as("after the cards were laid").isFalse();

		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/answer", running.id(), video.id()).param("letter", before.toString())
			.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().isNotFound());
		UUID next = conversations.participantWrites(running.id(), running.participant().id(), "Mijn video staat online.");
		assertThat(now(video).answerMessageId()).isEqualTo(next).isNotEqualTo(holding);
	}

	/** A tab opened before the answer changed, and a second click, change nothing unseen. */
	@Test
	void aStaleTabOrASecondClickChangesNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given photo = give(running, AssignmentType.PHOTO);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		notTheAnswer(running, photo, holding);
		var again = notTheAnswer(running, photo, holding).andExpect(flash().attribute("answerChange", "unlinked")).andReturn();
		assertThat(now(photo).answered()).isFalse();
		// What the coach wanted is the case: no refusal, the page after it is the page, 200 (decision 0139).
		assertThat(after(again, running, 200).title()).doesNotStartWith("Fout:");

		// The page shows it open; the participant's next letter links itself before the coach chooses.
		UUID next = conversations.participantWrites(running.id(), running.participant().id(), "Mijn foto's.");
		var changed = mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/answer", running.id(), photo.id()).param("letter", holding.toString())
			.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("answerChange", "changedSince"))
			.andReturn();
		assertThat(now(photo).answerMessageId()).isEqualTo(next);
		// The state in the way, nothing chosen was wrong: the page after the redirect answers 409 (decision 0139, amended).
		assertStateInTheWay(after(changed, running, 409), photo, "Het antwoord was intussen al veranderd.");
		// A tab that still shows the holding reply linked leaves the letter that answers now.
		var stale = notTheAnswer(running, photo, holding).andExpect(flash().attribute("answerChange", "changedSince")).andReturn();
		assertThat(now(photo).answerMessageId()).isEqualTo(next);
		assertStateInTheWay(after(stale, running, 409), photo, "Het antwoord was intussen al veranderd.");
		coachPage(running); // reloaded, the page is itself again: 200
	}

	@Test
	void anotherCoachTheProgrammeManagerAndTheParticipantAreRefused() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given photo = give(running, AssignmentType.PHOTO);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		var other = fixtures.runningTrajectory(true);

		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/not-the-answer", running.id(), photo.id())
			.param("answer", holding.toString()).with(csrf()).with(fixtures.as(other.coach())))
			.andExpect(status().isNotFound());
		// Their own trajectory's id with this assignment: not found there either.
		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/not-the-answer", other.id(), photo.id())
			.param("answer", holding.toString()).with(csrf()).with(fixtures.as(other.coach())))
			.andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/not-the-answer", running.id(), photo.id())
			.param("answer", holding.toString()).with(csrf()).with(fixtures.as(fixtures.managerOf(running))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/not-the-answer", running.id(), photo.id())
			.param("answer", holding.toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().isForbidden());
		mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/not-the-answer", running.id(), photo.id())
			.param("answer", holding.toString()).with(fixtures.as(running.coach())))
			.andExpect(status().isForbidden());
		assertThat(now(photo).answerMessageId()).isEqualTo(holding);
	}

	/** After the end the record is final: a tab opened before it is refused, and the page offers nothing. */
	@Test
	void afterTheEndTheAnswerStays() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given photo = give(running, AssignmentType.PHOTO);
		GivenAssignments.Given video = give(running, AssignmentType.VIDEO);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		given.unlink(running.id(), video.id(), holding);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		var unlinked = notTheAnswer(running, photo, holding).andExpect(flash().attribute("answerChange", "ended")).andReturn();
		assertStateInTheWay(after(unlinked, running, 409), photo, "Dit traject is afgesloten");
		var linked = mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/answer", running.id(), video.id()).param("letter", holding.toString())
			.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("answerChange", "ended"))
			.andReturn();
		assertStateInTheWay(after(linked, running, 409), video, "Dit traject is afgesloten");
		assertThat(now(photo).answerMessageId()).isEqualTo(holding);
		assertThat(now(video).answered()).isFalse();
		Document page = coachPage(running);
		assertThat(page.select("form[action*=/assignments/]")).isEmpty();
	}

	/** The cards laid on their page were meant as the answer: they stay; cards answered by mail may be undone. */
	@Test
	void laidCardsStayAndCardsAnsweredByALetterMayBeUndone() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given laid = give(running, AssignmentType.COACH_CARDS);
		mvc.perform(post("/participant/cards/{id}", laid.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "LISTENING", "ORGANISING", "HUMOUR", "EMPATHY", "PRECISION"))
			.andExpect(status().is3xxRedirection());
		UUID topFive = now(laid).answerMessageId();
		assertThat(now(laid).answeredBy()).isEqualTo(GivenAssignments.AnsweredBy.CARDS);
		assertThat(entry(coachPage(running), laid).select("form")).isEmpty();
		notTheAnswer(running, laid, topFive).andExpect(status().isNotFound());
		assertThat(now(laid).answerMessageId()).isEqualTo(topFive);

		GivenAssignments.Given byMail = give(running, AssignmentType.COACH_CARDS);
		UUID letter = conversations.participantWrites(running.id(), running.participant().id(), "Ik leg ze dit weekend.");
		given.answerByMail(running.id(), letter, GivenAssignments.Arrival.BEFORE_THE_SUMMARY); // as a reply by mail answers the cards
		notTheAnswer(running, byMail, letter).andExpect(flash().attribute("answerChange", "unlinked"));
		assertThat(now(byMail).answered()).isFalse();
		mvc.perform(get("/participant/cards/{id}", byMail.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk());
	}

	/**
	 * An answer linked by a node of before V88, still running during the deploy, says not how it came (null): it
	 * is a letter, and the page offers to undo it. The update asked {@code answered_by <> 'CARDS'}, never true of
	 * null in SQL: every click said the answer had changed meanwhile, and nothing was undone.
	 */
	@Test
	void anAnswerThatSaysNotHowItCameIsALetterAndCanBeUndone(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given photo = give(running, AssignmentType.PHOTO);
		UUID holding = conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		jdbc.sql("update given_assignment set answered_by = null where id = :id").param("id", photo.id()).update();
		assertThat(now(photo).answerUndoable()).isTrue();
		assertThat(entry(coachPage(running), photo).select("form[action$=/not-the-answer] button")).hasSize(1);

		notTheAnswer(running, photo, holding).andExpect(flash().attribute("answerChange", "unlinked"));
		assertThat(now(photo).answered()).isFalse();
	}

	@Test
	void theCorrectionIsSaidInEnglish() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given photo = give(running, AssignmentType.PHOTO);
		conversations.participantWrites(running.id(), running.participant().id(), HOLDING);
		Document page = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach()))
			.header("Accept-Language", "en").param("lang", "en")).andReturn().getResponse().getContentAsString());
		assertThat(entry(page, photo).select("form[action$=/not-the-answer] button").text()).isEqualTo("This is not the answer");
	}

	private org.springframework.test.web.servlet.ResultActions notTheAnswer(Fixtures.RunningTrajectory running,
			GivenAssignments.Given assignment, UUID shown) throws Exception {
		return mvc.perform(post("/coach/trajectories/{id}/assignments/{given}/not-the-answer", running.id(), assignment.id())
			.param("answer", shown.toString()).with(csrf()).with(fixtures.as(running.coach())));
	}

	/** The coach's page the redirect leads to, the flash carried by the session's cookie as in a browser. */
	private Document after(org.springframework.test.web.servlet.MvcResult redirect, Fixtures.RunningTrajectory running, int status)
			throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).cookie(redirect.getResponse().getCookies())
			.with(fixtures.as(running.coach())))
			.andExpect(status().is(status))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/** Refused by the state: titled so, and said at the assignment's entry, where the page opens and the focus goes. */
	private static void assertStateInTheWay(Document page, GivenAssignments.Given assignment, String said) {
		assertThat(page.title()).startsWith("Fout:");
		assertThat(entry(page, assignment).select("[role=status]").text()).startsWith(said);
	}

	private Document coachPage(Fixtures.RunningTrajectory running) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private static Element entry(Document page, GivenAssignments.Given assignment) {
		Element entry = page.getElementById("given-" + assignment.id());
		assertThat(entry).as("the assignment's entry").isNotNull();
		assertThat(entry.attr("tabindex")).isEqualTo("-1");
		return entry;
	}

	private Message letter(Fixtures.RunningTrajectory running, UUID id) {
		return conversations.of(running.id()).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
	}

	/** A Dutch assignment of this type from the shared library, given in a letter of the coach. */
	private GivenAssignments.Given give(Fixtures.RunningTrajectory running, AssignmentType type) {
		Assignment assignment = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, type))
			.stream()
			.filter(a -> a.language().getLanguage().equals("nl"))
			.findFirst()
			.orElseThrow();
		given.give(running.id(), assignment.id(),
				conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht: " + assignment.title()));
		List<GivenAssignments.Given> all = given.of(running.id());
		return all.get(all.size() - 1);
	}

	private GivenAssignments.Given now(GivenAssignments.Given assignment) {
		return given.of(assignment.trajectoryId()).stream().filter(g -> g.id().equals(assignment.id())).findFirst().orElseThrow();
	}
}

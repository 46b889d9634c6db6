package nl.briefwissel.closing.web;

import java.time.OffsetDateTime;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.closing.Evaluations;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * After completion the participant's page offers the evaluation signed in, while the mailed link would
 * work: for a mail gone astray or a link someone would rather not follow. Once, their own, anonymous as by
 * the link.
 */
@BriefwisselTest
class OwnEvaluationPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Evaluations evaluations;

	@Test
	void theParticipantPageOffersTheEvaluationAndItIsAnsweredOnceSignedIn() throws Exception {
		Fixtures.RunningTrajectory t = completed();
		String path = "/participant/evaluation/" + t.id();

		Document start = page(get("/participant").with(fixtures.as(t.participant())));
		assertThat(start.select("a[href=" + path + "]").text()).isEqualTo("Evaluatie invullen");
		assertThat(page(get("/participant").param("lang", "en").with(fixtures.as(t.participant()))).select("a[href=" + path + "]")
			.text()).isEqualTo("Fill in the evaluation");

		Document form = page(get(path).with(fixtures.as(t.participant())));
		assertThat(form.select("form[action=" + path + "]")).hasSize(1);
		assertThat(form.text()).contains(t.coach().displayName());

		Document refused = page(post(path).with(csrf()).with(fixtures.as(t.participant())).param("satisfaction", "8"));
		assertThat(refused.getElementById("error-summary")).isNotNull();
		assertThat(waiting()).isZero();

		String submission = refused.select("input[name=submission]").val();
		Document thanks = page(complete(post(path)).param("submission", submission).with(csrf()).with(fixtures.as(t.participant())));
		assertThat(thanks.text()).contains("Dank je wel");
		assertThat(thanks.select("main a[href=/participant]").text()).isEqualTo("Terug naar je traject");
		assertThat(waiting()).as("stored once, without identity").isEqualTo(1);
		// A double click is thanked again and stored once; the form from another page finds it answered.
		assertThat(page(complete(post(path)).param("submission", submission).with(csrf()).with(fixtures.as(t.participant())))
			.text()).contains("Dank je wel");
		assertThat(waiting()).isEqualTo(1);
		var again = mvc.perform(get(path).with(fixtures.as(t.participant()))).andReturn().getResponse();
		assertThat(again.getStatus()).isEqualTo(404);
		assertThat(Jsoup.parse(again.getContentAsString()).text()).contains("Je hebt de evaluatie al ingevuld")
			.doesNotContain("twee maanden");
		assertThat(page(get("/participant").with(fixtures.as(t.participant()))).select("a[href=" + path + "]"))
			.as("no longer offered").isEmpty();
	}

	/**
	 * The box said "until two months after our mail about it": a participant cannot know when that mail came. It
	 * then named the day the link stops working, at the hour the mail went, read as a day still included: it names
	 * the last whole day, said to include it.
	 */
	@Test
	void theParticipantPageSaysTheLastDayTheEvaluationCanBeFilledIn() throws Exception {
		Fixtures.RunningTrajectory t = completed();
		OffsetDateTime sent = OffsetDateTime.now().minusDays(10);
		jdbc.sql("update evaluation_request set requested_at = :at where trajectory_id = :t").param("at", sent).param("t", t.id()).update();
		java.time.LocalDate until = sent.atZoneSameInstant(java.time.ZoneId.of("Europe/Amsterdam")).toLocalDate().plusDays(60);

		assertThat(page(get("/participant").with(fixtures.as(t.participant()))).text())
			.contains("Dat kan tot en met " + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")).format(until) + ".")
			.doesNotContain("twee maanden");
		assertThat(page(get("/participant").param("lang", "en").with(fixtures.as(t.participant()))).text())
			.contains("You can do so up to and including " + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH).format(until) + ".")
			.doesNotContain("two months");
	}

	/**
	 * The day the page names is open whole: a mail sent sixty days ago, a minute earlier in the day than now, still
	 * lets the participant answer today, the last day the box named (it closed at the hour the mail went).
	 */
	@Test
	void theLastDayNamedIsOpenAllDay() throws Exception {
		Fixtures.RunningTrajectory t = completed();
		java.time.ZoneId amsterdam = java.time.ZoneId.of("Europe/Amsterdam");
		java.time.ZonedDateTime now = java.time.ZonedDateTime.now(amsterdam);
		// Early on the day sixty days ago, so that the moment is on that day whatever the hour now.
		OffsetDateTime sent = now.toLocalDate().minusDays(60).atStartOfDay(amsterdam).plusMinutes(1).toOffsetDateTime();
		jdbc.sql("update evaluation_request set requested_at = :at where trajectory_id = :t").param("at", sent).param("t", t.id()).update();

		assertThat(evaluations.openFor(t.id())).as("open on the last day named").isPresent();
		assertThat(page(get("/participant").with(fixtures.as(t.participant()))).text())
			.contains("Dat kan tot en met " + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")).format(now.toLocalDate()) + ".");

		jdbc.sql("update evaluation_request set requested_at = :at where trajectory_id = :t").param("at", sent.minusMinutes(2)).param("t", t.id()).update();
		assertThat(evaluations.openFor(t.id())).as("a mail of the day before: its last day was yesterday").isEmpty();
	}

	@Test
	void anotherParticipantsEvaluationIsNotOpenedNorAnswered() throws Exception {
		Fixtures.RunningTrajectory t = completed();
		Fixtures.RunningTrajectory other = fixtures.runningTrajectory(true);
		String path = "/participant/evaluation/" + t.id();

		assertThat(mvc.perform(get(path).with(fixtures.as(other.participant()))).andReturn().getResponse().getStatus()).isEqualTo(404);
		var response = mvc.perform(complete(post(path)).with(csrf()).with(fixtures.as(other.participant()))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(waiting()).isZero();
		assertThat(evaluations.openFor(t.id())).isPresent();
		assertThat(mvc.perform(get(path).with(fixtures.as(t.coach()))).andReturn().getResponse().getStatus())
			.as("a coach is no participant").isEqualTo(403);
	}

	@Test
	void afterTwoMonthsTheEvaluationIsNoLongerOfferedAndARemarkComesBack() throws Exception {
		Fixtures.RunningTrajectory t = completed();
		String path = "/participant/evaluation/" + t.id();
		jdbc.sql("update evaluation_request set requested_at = :at where trajectory_id = :t")
			.param("at", OffsetDateTime.now().minusDays(62)) // past the 60th day after its day at any hour, summer time or not
			.param("t", t.id())
			.update();

		assertThat(page(get("/participant").with(fixtures.as(t.participant()))).select("a[href=" + path + "]")).isEmpty();
		var response = mvc.perform(complete(post(path)).param("remarks", "Veel gehad aan de vragen").param("lang", "en").with(csrf())
			.with(fixtures.as(t.participant()))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(404);
		Document page = Jsoup.parse(response.getContentAsString());
		assertThat(page.text()).contains("The evaluation can no longer be filled in").contains("Your remark below was not saved")
			.contains("or the time for it is over: it could be done up to and including 60 days after our latest mail about it.")
			.doesNotContain("link").doesNotContain("two months");
		Document dutch = Jsoup.parse(mvc.perform(get(path).param("lang", "nl").with(fixtures.as(t.participant()))).andReturn()
			.getResponse().getContentAsString());
		assertThat(dutch.text()).contains("of de tijd daarvoor is voorbij: dat kon tot en met 60 dagen na onze laatste mail erover.")
			.doesNotContain("twee maanden");
		assertThat(page.getElementById("unsaved-remarks").val()).isEqualTo("Veel gehad aan de vragen");
		assertThat(waiting()).isZero();
	}

	private Fixtures.RunningTrajectory completed() {
		Fixtures.RunningTrajectory t = fixtures.runningTrajectory(true);
		lifecycle.complete(t.id(), t.coach().id(), Reason.QUESTION_ANSWERED, null);
		evaluations.request(t.id()); // as the completion's listener does, a moment later; asked once
		waitingBefore = jdbc.sql("select count(*) from evaluation_answer_waiting").query(Long.class).single();
		return t;
	}

	private long waitingBefore;

	/** Answers waiting for their month since this test's trajectory was completed (other tests leave theirs). */
	private long waiting() {
		return jdbc.sql("select count(*) from evaluation_answer_waiting").query(Long.class).single() - waitingBefore;
	}

	private static MockHttpServletRequestBuilder complete(MockHttpServletRequestBuilder request) {
		return request.param("satisfaction", "8")
			.param("answeredBefore", "3")
			.param("answeredAfter", "7")
			.param("recommend", "true")
			.param("helpedMost", "REREADING");
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andReturn().getResponse().getContentAsString());
	}
}

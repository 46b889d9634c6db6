package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The participant's page says how they write while they can (paused too, decision 0077), and after a
 * completion or a stop what is true instead: writing has ended, the conversation can be re-read and
 * downloaded until the day it is erased. It no longer tells them to answer their coach's mail.
 */
@BriefwisselTest
class ParticipantPageAfterTheEndTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	TrajectoryErasure erasure;

	@Test
	void pausedTheyWriteAsBeforeAndAreToldUntilWhen() throws Exception {
		var running = fixtures.runningTrajectory(true);
		LocalDate until = Today.date().plusWeeks(2);
		lifecycle.pause(running.id(), running.coach().id(), until, Reason.forPausing().get(0), null);
		Document page = page(running.participant(), "nl");
		assertThat(page.text()).contains("Je schrijft met je e-coach gewoon per e-mail",
				"Gepauzeerd tot " + until.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH)));
		assertThat(page.select("form[action=/participant/mail-preference]")).hasSize(1);
	}

	@Test
	void completedTheyReadWhatIsLeftAndUntilWhenInBothLanguages() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		aboutTheEnd(running.id(), running.participant());
	}

	@Test
	void stoppedLikewise() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.stop(running.id(), running.coach().id(), Reason.forStopping().get(0), null);
		aboutTheEnd(running.id(), running.participant());
	}

	/** A stopped trajectory read "Afgerond <date>" under "Fase Gestopt": the day it ended is said by how it ended. */
	@Test
	void aStoppedTrajectoryIsSaidStoppedOnItsDayNotCompleted() throws Exception {
		var stopped = fixtures.runningTrajectory(true);
		lifecycle.stop(stopped.id(), stopped.coach().id(), Reason.forStopping().get(0), null);
		LocalDate today = Today.date();
		assertThat(page(stopped.participant(), "nl").text()).contains("Gestopt op " + today.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH)))
			.doesNotContain("Afgerond");
		assertThat(page(stopped.participant(), "en").text())
			.contains("Stopped on " + today.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))).doesNotContain("Completed");

		var completed = fixtures.anotherFor(stopped, today.minusWeeks(2));
		lifecycle.complete(completed.id(), completed.coach().id(), Reason.QUESTION_ANSWERED, null);
		assertThat(page(completed.participant(), "nl").text()).contains("Afgerond op " + today.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH)))
			.doesNotContain("Gestopt op");
	}

	/**
	 * Signed up again through the programme's link: the ended conversation no longer asks them to apply again (they
	 * did), and the new application's card does not tell them to answer a coach's mail while no coach is theirs yet.
	 */
	@Test
	void afterApplyingAgainTheTextsFollowTheNewApplication(@Autowired Trajectories trajectories) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		assertThat(conversation(running, "nl").select("#where-next").text()).startsWith("Heb je een nieuwe vraag? Meld je dan opnieuw aan");

		trajectories.record(running.programmeId(), running.participant().id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP", null, null);

		Document dutch = conversation(running, "nl");
		assertThat(dutch.select("#where-next").text()).isEqualTo("Je hebt je opnieuw aangemeld. Hoe het daarmee staat, lees je bij Mijn traject.")
			.doesNotContain("Meld je dan opnieuw aan");
		assertThat(dutch.select("#where-next a").attr("href")).isEqualTo("/participant");
		assertThat(conversation(running, "en").select("#where-next").text())
			.isEqualTo("You have applied again. How that stands, you read under My trajectory.");

		Document start = page(running.participant(), "nl");
		assertThat(start.text()).doesNotContain("Antwoord op de mail van je coach")
			.contains("Er is nog geen e-coach aan je gekoppeld.");
		assertThat(page(running.participant(), "en").text()).doesNotContain("Reply to your e-coach's mail")
			.contains("No e-coach has been assigned to you yet.");
	}

	/**
	 * While their request to erase their data waits for a decision, their pages do not invite them to ask for it or say
	 * their data is simply kept until the end of its retention: they say it was asked and what happens next.
	 */
	@Test
	void whileAnErasureIsAskedThePagesSaySoAndWhatHappensNext(@Autowired nl.briefwissel.privacy.Erasures erasures) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		var asked = erasures.request(running.participant().id());
		String answerBy = asked.answerBy().format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH));

		String privacy = Jsoup.parse(mvc.perform(get("/participant/privacy").param("lang", "nl").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(privacy).doesNotContain("vraag dat dan hieronder aan")
			.contains("Je hebt gevraagd om je gegevens te verwijderen. Bevestigt een beheerder je verzoek, dan verwijdert Briefwissel ze "
					+ "eerder; wijst de beheerder het af, dan blijven ze zo lang bewaard als hierboven staat.");
		assertThat(Jsoup.parse(mvc.perform(get("/participant/privacy").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString()).text()).doesNotContain("ask for it below")
			.contains("You have asked for your data to be erased.");

		Document dutch = page(running.participant(), "nl");
		assertThat(dutch.getElementById("ended-" + running.id()).text()).doesNotContain("blijft bewaard tot")
			.contains("Je hebt gevraagd om je gegevens te verwijderen: je krijgt uiterlijk op " + answerBy + " een mail met het besluit. "
					+ "Tot dan kun je je gesprek teruglezen en downloaden.");
		assertThat(page(running.participant(), "en").getElementById("ended-" + running.id()).text()).doesNotContain("is kept until")
			.contains("You have asked for your data to be erased: you will get a mail with the decision by "
					+ asked.answerBy().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)) + ".");
	}

	/**
	 * A request still waiting past the day it had to be answered by: the start page does not promise a mail by a day
	 * that has passed, but says it is late and where to turn, as the privacy page does.
	 */
	@Test
	void anOverdueErasureIsNotPromisedForADayThatHasPassed(@Autowired nl.briefwissel.privacy.Erasures erasures,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		var asked = erasures.request(running.participant().id());
		java.time.OffsetDateTime at = java.time.OffsetDateTime.now().minusDays(40);
		jdbc.sql("update erasure_request set requested_at = :at where id = :id").param("at", at).param("id", asked.id()).update();
		LocalDate late = at.atZoneSameInstant(java.time.ZoneId.of("Europe/Amsterdam")).toLocalDate().plusMonths(1);

		assertThat(page(running.participant(), "nl").getElementById("ended-" + running.id()).text()).doesNotContain("je krijgt uiterlijk op")
			.contains("Je verzoek is nog in behandeling, terwijl je uiterlijk op " + late.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH))
					+ " een besluit had moeten krijgen. Neem contact op met de functionaris gegevensbescherming van je organisatie.");
		assertThat(page(running.participant(), "en").getElementById("ended-" + running.id()).text()).doesNotContain("you will get a mail")
			.contains("although you should have had a decision by " + late.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))
					+ ". Please contact your organisation's data protection officer.");
	}

	/** A new application in another programme is not this one applied for again: the ended conversation still invites it. */
	@Test
	void anApplicationInAnotherProgrammeIsNotApplyingAgain(@Autowired Trajectories trajectories) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		var elsewhere = fixtures.runningTrajectory(true);
		trajectories.record(elsewhere.programmeId(), running.participant().id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP", null, null);

		assertThat(conversation(running, "nl").select("#where-next").text()).startsWith("Heb je een nieuwe vraag? Meld je dan opnieuw aan")
			.doesNotContain("Je hebt je opnieuw aangemeld");
	}

	private Document conversation(Fixtures.RunningTrajectory running, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/participant/conversation").param("trajectory", running.id().toString()).param("lang", language)
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString());
	}

	private void aboutTheEnd(java.util.UUID trajectory, Account participant) throws Exception {
		LocalDate keptUntil = erasure.keepingOf(participant.id()).get(0).until();
		Document dutch = page(participant, "nl");
		assertThat(dutch.getElementById("ended-" + trajectory).text()).isEqualTo("Je traject is afgelopen: schrijven met je e-coach kan niet meer. "
				+ "Je gesprek blijft bewaard tot " + keptUntil.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH))
				+ "; tot dan kun je het teruglezen en downloaden. Daarna verwijdert Briefwissel het. Je gesprek teruglezen en downloaden");
		assertThat(dutch.select("#ended-" + trajectory + " a").attr("href")).isEqualTo("/participant/report/" + trajectory);
		assertThat(dutch.text()).doesNotContain("Je schrijft met je e-coach", "Antwoord op de mail van je coach");
		assertThat(dutch.select("form[action=/participant/mail-preference]")).isEmpty();

		Document english = page(participant, "en");
		assertThat(english.getElementById("ended-" + trajectory).text()).startsWith("Your trajectory has ended: writing with your e-coach "
				+ "is no longer possible. Your conversation is kept until " + keptUntil.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)));
		assertThat(english.text()).doesNotContain("You write with your e-coach");
	}

	private Document page(Account participant, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/participant").param("lang", language).with(fixtures.as(participant)))
			.andReturn().getResponse().getContentAsString());
	}
}

package nl.briefwissel.conversation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.trajectory.DutchHolidays;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coach's daily digest: once a day per coach on working days, whichever of two nodes on one
 * database runs the job, after seven and before the end of the working day, never for a coach
 * who switched it off, and with names and dates only.
 */
@BriefwisselTest
class CoachDigestTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	CoachDigest digest;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Encryption encryption;

	@Autowired
	nl.briefwissel.privacy.Erasures erasures;

	@Autowired
	nl.briefwissel.account.Accounts accounts;

	@Test
	void twoNodesOnOneDatabaseSendOneDigestWithNamesAndNoContent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "Geheime inhoud over mijn werk");
		ZonedDateTime morning = workingDayAt(LocalTime.of(7, 30));

		CyclicBarrier together = new CyclicBarrier(2);
		var first = CompletableFuture.supplyAsync(() -> runAfter(together, morning));
		var second = CompletableFuture.supplyAsync(() -> runAfter(together, morning));
		first.get();
		second.get();
		digest.sendDue(morning.plusHours(2)); // a node back after downtime: nothing twice

		List<String> bodies = digestsTo(running.coach().email());
		assertThat(bodies).hasSize(1);
		assertThat(bodies.get(0)).contains(running.participant().displayName()).contains("Wacht op je antwoord")
			.doesNotContain("Geheime inhoud");
	}

	@Test
	void noDigestBeforeSevenAfterTheWorkingDayOnHolidaysOrWhenSwitchedOff() {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "Hallo");
		digest.sendDue(workingDayAt(LocalTime.of(6, 59)));
		digest.sendDue(workingDayAt(LocalTime.of(17, 0)));
		digest.sendDue(LocalDate.of(2026, 12, 25).atTime(9, 0).atZone(AMSTERDAM));
		assertThat(digestsTo(running.coach().email())).isEmpty();

		profiles.changeOwn(running.coach().id(), null, false);
		digest.sendDue(workingDayAt(LocalTime.of(9, 0)));
		assertThat(digestsTo(running.coach().email())).isEmpty();

		profiles.changeOwn(running.coach().id(), null, true);
		digest.sendDue(workingDayAt(LocalTime.of(9, 0)));
		assertThat(digestsTo(running.coach().email())).hasSize(1);
	}

	@Test
	void aTrajectoryWhoseMomentsAllPassedIsInTheDigestWithItsLastMoment() {
		var running = fixtures.runningTrajectory(false);
		var coach = fixtures.person(running.organisationId(), "einde-" + running.id() + "@example.nl", "Coach Einde",
				nl.briefwissel.account.Role.COACH);
		var over = fixtures.anotherFor(new Fixtures.RunningTrajectory(running.id(), running.participant(), coach,
				running.organisationId(), running.programmeId()), Today.date().minusWeeks(9));
		digest.sendDue(workingDayAt(LocalTime.of(8, 0)));
		List<String> bodies = digestsTo(coach.email());
		assertThat(bodies).hasSize(1);
		assertThat(bodies.get(0)).contains("Afronden of verlengen (1)")
			.contains(over.participant().displayName() + " — het laatste contactmoment was ");
	}

	@Test
	void aCoachWithNothingWaitingGetsNoMail() {
		var running = fixtures.runningTrajectory(false);
		var idle = fixtures.person(running.organisationId(), "rustig-" + running.id() + "@example.nl", "Rustige Coach",
				nl.briefwissel.account.Role.COACH);
		digest.sendDue(workingDayAt(LocalTime.of(8, 0)));
		assertThat(digestsTo(idle.email())).isEmpty();
	}

	/**
	 * The digest is the morning's: decided at the first run of the day, also when there is nothing to
	 * tell. Something that comes up later waits for the next morning instead of sending the
	 * "morning" mail at four in the afternoon.
	 */
	@Test
	void aDayWithNothingAtItsFirstRunStaysWithoutDigest() {
		var running = fixtures.runningTrajectory(false);
		var idle = fixtures.person(running.organisationId(), "later-" + running.id() + "@example.nl", "Latere Coach",
				nl.briefwissel.account.Role.COACH);
		ZonedDateTime morning = workingDayAt(LocalTime.of(7, 0));
		digest.sendDue(morning);
		assertThat(jdbc.sql("select count(*) from coach_digest where coach_id = :coach and digest_day = :day")
			.param("coach", idle.id()).param("day", morning.toLocalDate()).query(Integer.class).single())
			.as("the day is decided").isEqualTo(1);

		// A trajectory for the coach in the course of the day: from now on something to tell.
		fixtures.anotherFor(new Fixtures.RunningTrajectory(running.id(), running.participant(), idle, running.organisationId(),
				running.programmeId()), Today.date());
		digest.sendDue(morning.withHour(16));
		assertThat(digestsTo(idle.email())).isEmpty();

		digest.sendDue(DutchHolidays.onOrAfter(morning.toLocalDate().plusDays(1)).atTime(7, 0).atZone(AMSTERDAM));
		assertThat(digestsTo(idle.email())).as("the next morning").hasSize(1);
	}

	/**
	 * The digest names the participants who wait: one of them erased, the digest goes along, queued or
	 * sent, as the notices about their trajectory do; it named them for the outbox's thirty days.
	 */
	@Test
	void aDigestGoesWithTheErasureOfAParticipantItNames() {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "Hallo");
		digest.sendDue(workingDayAt(LocalTime.of(8, 0)));
		assertThat(digestsTo(running.coach().email())).hasSize(1);
		java.util.UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();

		assertThat(erasures.confirm(erasures.request(running.participant().id()).id(), admin)).isTrue();

		assertThat(digestsTo(running.coach().email())).isEmpty();
	}

	/**
	 * A walk found it: "Je dag in Briefwissel: Maandag 7 december", where Dutch writes the day after a colon in
	 * lower case (English keeps its capital). The greeting went by the whole name for a while, as the other mails to
	 * staff did; a later walk found those greeting "Beste Anja de Vries," where every participant's mail says "Beste
	 * Sanne,": every mail greets by the first name now ("Goedemorgen Anja,").
	 */
	@Test
	void theSubjectWritesTheDayAsItsLanguageDoesAndTheGreetingTheFirstName() {
		var dutch = fixtures.runningTrajectory(true);
		conversations.participantWrites(dutch.id(), dutch.participant().id(), "Hallo");
		var english = fixtures.runningTrajectory(true);
		conversations.participantWrites(english.id(), english.participant().id(), "Hello");
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", english.coach().id()).update();
		ZonedDateTime morning = workingDayAt(LocalTime.of(8, 0));
		digest.sendDue(morning);

		String dutchDay = java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", java.util.Locale.forLanguageTag("nl"))
			.format(morning);
		assertThat(dutchDay).matches("[a-z]+dag \\d+ [a-z]+");
		assertThat(subjectTo(dutch.coach().email())).isEqualTo("Je dag in Briefwissel: " + dutchDay);
		assertThat(digestsTo(dutch.coach().email())).singleElement()
			.satisfies(text -> assertThat(text).startsWith("Goedemorgen " + dutch.coach().firstName() + ",\n"));
		String englishDay = java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", java.util.Locale.ENGLISH).format(morning);
		assertThat(subjectTo(english.coach().email())).isEqualTo("Your day in Briefwissel: " + englishDay)
			.matches("Your day in Briefwissel: [A-Z][a-z]+day \\d+ [A-Z][a-z]+");
	}

	/**
	 * A walk found it: a node back after a restart sent the digest at 15:59, and it said "Goedemorgen". It greets
	 * by the hour it goes out.
	 */
	@Test
	void aDigestSentInTheAfternoonGreetsTheAfternoon() {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "Hallo");

		digest.sendDue(workingDayAt(LocalTime.of(15, 59)));

		assertThat(digestsTo(running.coach().email())).singleElement()
			.satisfies(text -> assertThat(text).startsWith("Goedemiddag " + running.coach().firstName() + ",\n"));
	}

	private String subjectTo(String email) {
		return jdbc.sql("""
				select subject from outbound_mail
				where recipient = :to and (subject like 'Je dag in Briefwissel%' or subject like 'Your day in Briefwissel%')""")
			.param("to", email)
			.query(String.class)
			.single();
	}

	private int runAfter(CyclicBarrier barrier, ZonedDateTime now) {
		try {
			barrier.await();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		return digest.sendDue(now);
	}

	private List<String> digestsTo(String email) {
		return jdbc.sql("""
				select text_body, body_key_id from outbound_mail
				where recipient = :to and subject like 'Je dag in Briefwissel%'""")
			.param("to", email)
			.query((rs, n) -> encryption.openText(rs.getString("body_key_id"), rs.getString("text_body")))
			.list();
	}

	private static ZonedDateTime workingDayAt(LocalTime time) {
		return DutchHolidays.onOrAfter(LocalDate.now(AMSTERDAM).plusDays(1)).atTime(time).atZone(AMSTERDAM);
	}
}

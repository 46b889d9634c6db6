package nl.briefwissel.privacy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.briefwissel.ApplicationClock;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.trajectory.DutchHolidays;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request must be answered within a month (AVG article 12(3)): a week before that day, the administrators
 * of the person's organisation are reminded of one still open, once, whichever node runs the job.
 */
@BriefwisselTest
class ErasureReminderTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	ErasureReminders reminders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationClock clock;

	@Autowired
	nl.briefwissel.mail.EmbeddedMailServer mailServer;

	@Test
	void theOrganisationsAdministratorsAreRemindedOnceAWeekBeforeTheDeadlineInTheirLanguage() {
		var trajectory = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account dutch = fixtures.person(trajectory.organisationId(), "beheer-nl-" + suffix + "@example.nl", "Beheerder " + suffix,
				Role.ADMINISTRATOR);
		Account english = fixtures.person(trajectory.organisationId(), "beheer-en-" + suffix + "@example.nl", "Admin " + suffix,
				Role.ADMINISTRATOR);
		accounts.changeLanguage(english.id(), Locale.ENGLISH);
		ErasureRequest request = erasures.request(trajectory.participant().id());
		othersRemindedAlready(request);
		LocalDate answerBy = request.answerBy();

		assertThat(reminders.remindDue(answerBy.minusDays(8))).as("more than a week left").isZero();
		assertThat(reminders(dutch)).isEmpty();

		reminders.remindDue(answerBy.minusDays(7));

		assertThat(reminders(dutch)).singleElement().isEqualTo(
				"Herinnering: verzoek tot verwijdering nog open, beslis uiterlijk op " + day(answerBy, "nl"));
		assertThat(reminders(english)).singleElement().isEqualTo(
				"Reminder: erasure request still open, decide by " + day(answerBy, "en"));
		var mail = nl.briefwissel.Mailboxes.awaitMail(mailServer, dutch.email(),
				m -> nl.briefwissel.Mailboxes.subject(m).startsWith("Herinnering"));
		assertThat(nl.briefwissel.Mailboxes.text(mail)).contains("Beste Beheerder,", "/admin/erasure")
			.doesNotContain(trajectory.participant().displayName(), trajectory.participant().email());

		reminders.remindDue(answerBy.minusDays(6));
		reminders.remindDue(answerBy.plusDays(3));
		assertThat(reminders(dutch)).as("once per request").hasSize(1);
		assertThat(reminders(english)).hasSize(1);
	}

	/**
	 * The job runs every hour, day and night; its mails wait for the sending hours of a working day, as the
	 * participants' reminders do. Run at moments that have passed, for a request made a month before them.
	 */
	@Test
	void theReminderWaitsForTheSendingHoursOfAWorkingDay() {
		var trajectory = fixtures.runningTrajectory(true);
		Account administrator = fixtures.person(trajectory.organisationId(),
				"beheer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl", "Beheerder", Role.ADMINISTRATOR);
		ErasureRequest request = erasures.request(trajectory.participant().id());
		othersRemindedAlready(request);
		LocalDate saturday = LocalDate.now(clock).minusWeeks(3).with(TemporalAdjusters.previous(DayOfWeek.SATURDAY));
		LocalDate workingDay = DutchHolidays.onOrAfter(saturday.plusDays(1));
		jdbc.sql("update erasure_request set requested_at = :at where id = :id")
			.param("at", saturday.minusDays(25).atTime(LocalTime.NOON).atZone(clock.getZone()).toOffsetDateTime())
			.param("id", request.id())
			.update();

		for (ZonedDateTime closed : List.of(at(saturday, LocalTime.of(10, 0)), at(workingDay, LocalTime.of(3, 0)),
				at(workingDay, LocalTime.of(7, 59)), at(workingDay, LocalTime.of(20, 0)))) {
			clock.atPastMoment(closed.toInstant(), () -> {
				reminders.scheduled();
				return null;
			});
			assertThat(reminders(administrator)).as(closed.toString()).isEmpty();
		}

		clock.atPastMoment(at(workingDay, LocalTime.of(8, 0)).toInstant(), () -> {
			reminders.scheduled();
			return null;
		});
		assertThat(reminders(administrator)).hasSize(1);
	}

	private ZonedDateTime at(LocalDate day, LocalTime time) {
		return day.atTime(time).atZone(clock.getZone());
	}

	/** A request decided before the week began is not reminded of. */
	@Test
	void aDecidedRequestIsNotRemindedOf() {
		var trajectory = fixtures.runningTrajectory(true);
		Account administrator = fixtures.person(trajectory.organisationId(),
				"beheer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl", "Beheerder", Role.ADMINISTRATOR);
		ErasureRequest request = erasures.request(trajectory.participant().id());
		othersRemindedAlready(request);
		assertThat(erasures.decline(request.id(), administrator.id(), "Er loopt een klachtprocedure.")).isTrue();

		reminders.remindDue(request.answerBy().minusDays(2));

		assertThat(reminders(administrator)).isEmpty();
	}

	/** Two nodes run the job at the same moment: the request's row lets one of them send it. */
	@Test
	void twoNodesAtOnceSendOneReminder() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account administrator = fixtures.person(trajectory.organisationId(),
				"beheer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl", "Beheerder", Role.ADMINISTRATOR);
		ErasureRequest request = erasures.request(trajectory.participant().id());
		LocalDate today = request.answerBy().minusDays(5);
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			List<Future<Boolean>> sent = new ArrayList<>();
			for (int node = 0; node < 2; node++) {
				sent.add(nodes.submit(() -> {
					together.await();
					return erasures.remindIfDue(request.id(), today);
				}));
			}
			int reminded = 0;
			for (Future<Boolean> one : sent) {
				reminded += one.get() ? 1 : 0;
			}
			assertThat(reminded).isEqualTo(1);
		}
		finally {
			testsupport.Threads.finish(nodes);
		}
		assertThat(reminders(administrator)).hasSize(1);
	}

	/**
	 * The other tests' requests, in the same organisation as this one's, are left out of the job: its
	 * administrators would be reminded of those too, in the same words (the mail names nobody).
	 */
	private void othersRemindedAlready(ErasureRequest request) {
		jdbc.sql("update erasure_request set reminded_at = coalesce(reminded_at, current_timestamp) where id <> :id")
			.param("id", request.id())
			.update();
	}

	private List<String> reminders(Account administrator) {
		return jdbc.sql("""
				select subject from outbound_mail where recipient = :to
				and (subject like 'Herinnering: verzoek tot verwijdering%' or subject like 'Reminder: erasure request%')""")
			.param("to", administrator.email())
			.query(String.class)
			.list();
	}

	private static String day(LocalDate day, String language) {
		return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag(language)).format(day);
	}
}

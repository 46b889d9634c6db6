package nl.briefwissel.conversation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.DutchHolidays;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reminder job. The tests run it for today with {@link Reminders#remindOn}, as it runs in its
 * sending hours; {@code remindersWaitForTheSendingHoursOfAWorkingDay} covers the hours themselves.
 */
@BriefwisselTest
class ReminderTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	Fixtures fixtures;

	@Autowired
	Reminders reminders;

	@Autowired
	Conversations conversations;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Trajectories trajectories;

	@Test
	void aPassedMomentWithoutAnswerGivesExactlyOneReminderEvenWhenTwoNodesRunTheJob() throws Exception {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));

		CompletableFuture<Void> node1 = CompletableFuture.runAsync(this::run);
		CompletableFuture<Void> node2 = CompletableFuture.runAsync(this::run);
		CompletableFuture.allOf(node1, node2).get();
		run();

		MimeMessage reminder = Mailboxes.awaitMail(mailServer, late.participant().email(),
				m -> subject(m).startsWith("Even een herinnering"));
		assertThat(reminder.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		assertThat(reminder.getReplyTo()[0].toString()).startsWith("reply+");
		Thread.sleep(1000);
		assertThat(Mailboxes.read(mailServer, late.participant().email(), Mailboxes.PASSWORD)).hasSize(1);
		assertThat(reminderCount(late.id())).isEqualTo(1);
	}

	/** The reminder's link opens the conversation in the participant's language, before they sign in. */
	/** A programme that keeps letters out of ordinary mail (NTA 7516): the reminder asks for the answer in Briefwissel. */
	@Test
	void aProgrammeThatKeepsLettersOutOfMailIsRemindedToAnswerSignedIn() throws Exception {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", late.programmeId()).update();

		run();

		MimeMessage reminder = Mailboxes.awaitMail(mailServer, late.participant().email(),
				m -> subject(m).startsWith("Even een herinnering"));
		assertThat(Mailboxes.text(reminder)).doesNotContain("gewoon op deze mail antwoorden")
			.contains("log in en schrijf", "antwoord niet op deze mail");
	}

	@Test
	void anEnglishParticipantsReminderLinksToTheConversationInEnglish(@Autowired nl.briefwissel.account.Accounts accounts) {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		accounts.changeLanguage(late.participant().id(), java.util.Locale.ENGLISH);

		run();

		MimeMessage reminder = Mailboxes.awaitMail(mailServer, late.participant().email(),
				m -> subject(m).startsWith("A gentle reminder"));
		assertThat(Mailboxes.text(reminder)).contains("/participant/conversation?lang=en");
		// Its HTML part, made from the text, says its language and has the subject as its title (WCAG 3.1.1).
		org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(uncheckedHtml(reminder));
		assertThat(html.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(html.title()).startsWith("A gentle reminder");
	}

	private static String uncheckedHtml(MimeMessage mail) {
		try {
			return Mailboxes.html(mail);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void aMomentRemindedBeforeIsNotTriedAgainSoTheNextRunOpensNoTransaction() {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));

		Reminders.Run first = run();
		assertThat(first.due()).isPositive();
		assertThat(first.queued()).isEqualTo(first.due());
		Reminders.Run second = run();

		assertThat(second.running()).isEqualTo(first.running());
		assertThat(second.due()).isZero();
		assertThat(second.queued()).isZero();
		assertThat(reminderCount(late.id())).isEqualTo(1);
	}

	@Test
	void afterDowntimeOnlyTheLatestPassedMomentIsReminded() {
		var base = fixtures.runningTrajectory(true);
		var longAgo = fixtures.anotherFor(base, Today.date().minusWeeks(4));
		run();
		assertThat(reminderCount(longAgo.id())).isEqualTo(1);
	}

	@Test
	void noReminderWhenTheParticipantWroteDuringAPauseOrForANewTrajectory() {
		var fresh = fixtures.runningTrajectory(true); // started today: no moment has passed
		var wrote = fixtures.anotherFor(fresh, Today.date().minusWeeks(2));
		conversations.participantWrites(wrote.id(), wrote.participant().id(), "Ik ben er nog!");
		var paused = fixtures.anotherFor(fresh, Today.date().minusWeeks(2));
		lifecycle.pause(paused.id(), paused.coach().id(), Today.date().plusWeeks(1), Reason.NO_TIME, null);

		run();

		assertThat(reminderCount(fresh.id())).isZero();
		assertThat(reminderCount(wrote.id())).isZero();
		assertThat(reminderCount(paused.id())).isZero();
	}

	/**
	 * A moment passed unanswered, then a week's pause (it moved only the moments after it): back from the
	 * break, the participant is not reminded of the moment from before it; one without a pause still is.
	 */
	@Test
	void noReminderOfAMomentFromBeforeAPauseThatEnded() {
		var base = fixtures.runningTrajectory(true);
		var pausedAndBack = fixtures.anotherFor(base, Today.date().minusWeeks(3));
		jdbc.sql("insert into trajectory_pause (trajectory_id, from_date, until_date) values (:id, :from, :until)")
			.param("id", pausedAndBack.id())
			.param("from", Today.date().minusDays(8))
			.param("until", Today.date()) // over today: the moments it moved fall from today on
			.update();
		var notPaused = fixtures.anotherFor(base, Today.date().minusWeeks(3));

		run();

		assertThat(reminderCount(pausedAndBack.id())).isZero();
		assertThat(reminderCount(notPaused.id())).isEqualTo(1);
	}

	/** The participant wrote last and the coach has not answered: the moments passed since are the coach's to answer. */
	@Test
	void noReminderWhileTheParticipantWaitsForTheCoach() {
		var base = fixtures.runningTrajectory(true);
		var waiting = fixtures.anotherFor(base, Today.date().minusWeeks(3));
		conversations.coachWrites(waiting.id(), waiting.coach().id(), "Wat geeft je energie?");
		conversations.participantWrites(waiting.id(), waiting.participant().id(), "Lesgeven, en puzzelen met roosters.");
		var answered = fixtures.anotherFor(base, Today.date().minusWeeks(3));
		conversations.participantWrites(answered.id(), answered.participant().id(), "Lesgeven.");
		conversations.coachWrites(answered.id(), answered.coach().id(), "Vertel eens meer over het lesgeven?");
		var answeredLate = fixtures.anotherFor(base, Today.date().minusWeeks(3));
		conversations.participantWrites(answeredLate.id(), answeredLate.participant().id(), "Lesgeven.");
		for (var trajectory : java.util.List.of(waiting, answered, answeredLate)) {
			jdbc.sql("update message set created_at = created_at - interval '12' day where trajectory_id = :id")
				.param("id", trajectory.id()).update();
		}
		// The coach answers only now, days after the participant wrote and after the moment since passed.
		conversations.coachWrites(answeredLate.id(), answeredLate.coach().id(), "Sorry voor het wachten: vertel eens meer?");

		run();

		assertThat(reminderCount(waiting.id())).isZero();
		assertThat(reminderCount(answeredLate.id())).as("the participant's turn began with the late answer").isZero();
		assertThat(reminderCount(answered.id())).as("the coach answered; the participant's turn passed").isEqualTo(1);
	}

	/**
	 * Not at night, at the weekend or on a holiday: a moment passes at midnight, and a Friday's was
	 * reminded at a quarter past twelve on Saturday. Held back, it goes out the next working morning, once.
	 */
	@Test
	void remindersWaitForTheSendingHoursOfAWorkingDay() {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		LocalDate saturday = Today.date().with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
		LocalDate workingDay = DutchHolidays.onOrAfter(Today.date().plusDays(1));

		for (ZonedDateTime closed : List.of(at(saturday, LocalTime.of(0, 5)), at(saturday, LocalTime.of(10, 0)),
				at(LocalDate.of(2026, 12, 25), LocalTime.of(0, 10)), at(LocalDate.of(2026, 12, 25), LocalTime.of(10, 0)),
				at(workingDay, LocalTime.of(7, 59)), at(workingDay, LocalTime.of(20, 0)), at(workingDay, LocalTime.of(23, 50)))) {
			assertThat(reminders.remindDue(closed)).as(closed.toString()).isEqualTo(new Reminders.Run(0, 0, 0));
		}
		assertThat(reminderCount(late.id())).isZero();

		assertThat(reminders.remindDue(at(workingDay, LocalTime.of(8, 0))).running()).isPositive();
		reminders.remindDue(at(workingDay, LocalTime.of(19, 59)));
		assertThat(reminderCount(late.id())).isEqualTo(1);
	}

	/**
	 * The run reads every running trajectory first; by the time a reminder is sent the coach may have
	 * paused or stopped it, it may have been erased, or the participant's mail came in. Each reminder
	 * looks again, on the locked row, and goes only for what still holds.
	 */
	@Test
	void aReminderIsCheckedAgainWhenItIsSent() {
		var base = fixtures.runningTrajectory(true);
		var paused = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		var stopped = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		var erased = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		var wrote = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		var unchanged = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		List<TrajectoryOverview> read = List.of(paused, stopped, erased, wrote, unchanged).stream()
			.map(t -> trajectories.byId(t.id()).orElseThrow())
			.toList();

		lifecycle.pause(paused.id(), base.coach().id(), Today.date().plusWeeks(1), Reason.NO_TIME, null);
		lifecycle.stop(stopped.id(), base.coach().id(), Reason.NO_RESPONSE, null);
		jdbc.sql("update trajectory set erased_at = :now where id = :id")
			.param("now", OffsetDateTime.now())
			.param("id", erased.id())
			.update();
		conversations.participantWrites(wrote.id(), wrote.participant().id(), "Sorry, ik was ziek.");

		assertThat(read).extracting(t -> reminders.remind(t, Today.date()))
			.containsExactly(false, false, false, false, true);
		assertThat(List.of(paused, stopped, erased, wrote)).allSatisfy(t -> assertThat(reminderCount(t.id())).isZero());
		assertThat(reminderCount(unchanged.id())).isEqualTo(1);
		// Stopped, as an erasure leaves it: still "running", the other tests' runs would find it due every time.
		jdbc.sql("update trajectory set status = 'STOPPED' where id = :id").param("id", erased.id()).update();
	}

	/**
	 * The participant's mail came but was held back (too big, or from another address) and they were told
	 * what to do in a held-back notice: a reminder that they have not written, on top of it, is wrong. None
	 * while the mail is held; once the coach discards it, the moment is reminded as any other. Held mail the
	 * participant was not told of (the coach's own, too big) holds back no reminder (decision 0081).
	 */
	@Test
	void noReminderWhileTheParticipantsMailIsHeldBackAndTheyWereToldSo(@Autowired InboundMails inbound,
			@Autowired ReplyTokens tokens, @Autowired ReplyAddress replyAddress, @Autowired Quarantine quarantine) {
		var base = fixtures.runningTrajectory(true);
		var tooBig = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		var otherAddress = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		var coachsOwn = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		hold(inbound, tokens, replyAddress, tooBig, tooBig.participant().email(), "X-Briefwissel-Too-Big: 41943040\r\n", run);
		hold(inbound, tokens, replyAddress, otherAddress, "prive-" + run + "@example.nl", "", run);
		hold(inbound, tokens, replyAddress, coachsOwn, coachsOwn.coach().email(), "X-Briefwissel-Too-Big: 41943040\r\n", run);
		for (var trajectory : List.of(tooBig, otherAddress, coachsOwn)) {
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
				.until(() -> !quarantine.heldFor(trajectory.id()).isEmpty());
		}

		run();

		assertThat(reminderCount(tooBig.id())).isZero();
		assertThat(reminderCount(otherAddress.id())).isZero();
		assertThat(reminderCount(coachsOwn.id())).as("no notice went: the participant did not write").isEqualTo(1);

		// The coach discards it (not theirs after all, or they were asked to write again): the participant has not written.
		quarantine.heldFor(tooBig.id()).forEach(held -> quarantine.discard(held.inboundMailId(), tooBig.coach().id()));
		run();
		assertThat(reminderCount(tooBig.id())).isEqualTo(1);
		assertThat(reminderCount(otherAddress.id())).isZero();

		// Discarded too, and reminded: none of these stays due for the other tests' runs.
		quarantine.heldFor(otherAddress.id()).forEach(held -> quarantine.discard(held.inboundMailId(), otherAddress.coach().id()));
		run();
		assertThat(reminderCount(otherAddress.id())).isEqualTo(1);
	}

	/**
	 * A held-back notice the outbox did not send (the loop brake kept it as not sent, or it failed) told the
	 * participant nothing: their moment is reminded as any other (decision 0081).
	 */
	@Test
	void aHeldBackNoticeThatWasNotSentHoldsBackNoReminder(@Autowired InboundMails inbound, @Autowired ReplyTokens tokens,
			@Autowired ReplyAddress replyAddress, @Autowired Quarantine quarantine, @Autowired nl.briefwissel.mail.Outbox outbox,
			@Autowired nl.briefwissel.mail.MailProperties properties) {
		var base = fixtures.runningTrajectory(true);
		var braked = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		// An auto-responder's round of automatic mail to the participant's address fills the loop brake.
		for (int i = 0; i < properties.outbox().automaticPerRecipient(); i++) {
			outbox.enqueue(nl.briefwissel.mail.OutgoingMail.notice(braked.participant().email(), "Melding " + i, "Tekst", null));
		}
		hold(inbound, tokens, replyAddress, braked, braked.participant().email(), "X-Briefwissel-Too-Big: 41943040\r\n", run);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !quarantine.heldFor(braked.id()).isEmpty());
		assertThat(jdbc.sql("""
				select m.status from outbound_mail m join outbound_mail_about a on a.mail_id = m.id
				where a.about_id = :id and m.last_error like '%loop brake%'""")
			.param("id", braked.id())
			.query(String.class)
			.list()).as("the held-back notice was kept as not sent").containsExactly("FAILED");

		try {
			run();

			assertThat(reminderCount(braked.id())).as("the participant was never told").isEqualTo(1);
		}
		finally {
			// Held and not reminded, it would stay due for the other tests' runs.
			quarantine.heldFor(braked.id()).forEach(held -> quarantine.discard(held.inboundMailId(), braked.coach().id()));
		}
	}

	/**
	 * A held-back notice is known by its kind, not by its subject (decision 0093): one sent under an earlier
	 * wording of its subject (the message bundles change; sent mail is kept thirty days) still told the
	 * participant, and holds back their reminder as before.
	 */
	@Test
	void aHeldBackNoticeSentUnderAnotherSubjectStillHoldsBackTheReminder(@Autowired InboundMails inbound,
			@Autowired ReplyTokens tokens, @Autowired ReplyAddress replyAddress, @Autowired Quarantine quarantine) {
		var base = fixtures.runningTrajectory(true);
		var reworded = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		hold(inbound, tokens, replyAddress, reworded, reworded.participant().email(), "X-Briefwissel-Too-Big: 41943040\r\n", run);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !quarantine.heldFor(reworded.id()).isEmpty());
		assertThat(jdbc.sql("""
				update outbound_mail set subject = 'Je bericht was groter dan we bewaren'
				where id in (select mail_id from outbound_mail_about where about_id = :id)
				  and (subject like 'Je mail was te groot%' or subject like 'Your mail was too large%')""")
			.param("id", reworded.id())
			.update()).as("the held-back notice, worded otherwise").isEqualTo(1);
		try {
			run();
			assertThat(reminderCount(reworded.id())).isZero();

			quarantine.heldFor(reworded.id()).forEach(held -> quarantine.discard(held.inboundMailId(), reworded.coach().id()));
			run();
			assertThat(reminderCount(reworded.id())).as("discarded: the participant has not written").isEqualTo(1);
		}
		finally {
			// Held and not reminded, it would stay due for the other tests' runs.
			quarantine.heldFor(reworded.id()).forEach(held -> quarantine.discard(held.inboundMailId(), reworded.coach().id()));
		}
	}

	/**
	 * Held mail that is not the participant's holds back no reminder once theirs is discarded: the coach's own
	 * mail too big. The participant was told of none of it; the notice they had was about their own mail, and the
	 * coach discarded that (decision 0081).
	 */
	@Test
	void heldMailOfTheCoachHoldsBackNoReminderOnceTheParticipantsIsDiscarded(@Autowired InboundMails inbound,
			@Autowired ReplyTokens tokens, @Autowired ReplyAddress replyAddress, @Autowired Quarantine quarantine) {
		var base = fixtures.runningTrajectory(true);
		var both = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		String tooBig = "X-Briefwissel-Too-Big: 41943040\r\n";
		hold(inbound, tokens, replyAddress, both, both.participant().email(), tooBig, run + "-participant");
		hold(inbound, tokens, replyAddress, both, both.coach().email(), tooBig, run + "-coach");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> quarantine.heldFor(both.id()).size() == 2);
		try {
			run();
			assertThat(reminderCount(both.id())).as("told of their own mail, held").isZero();

			quarantine.heldFor(both.id()).stream()
				.filter(held -> held.why() instanceof QuarantineReason.TooBig big
						&& big.sender().equalsIgnoreCase(both.participant().email()))
				.forEach(held -> quarantine.discard(held.inboundMailId(), both.coach().id()));
			run();
			assertThat(reminderCount(both.id())).as("the held mail left is the coach's").isEqualTo(1);
		}
		finally {
			// Held and not reminded, it would stay due for the other tests' runs.
			quarantine.heldFor(both.id()).forEach(held -> quarantine.discard(held.inboundMailId(), both.coach().id()));
		}
	}

	/**
	 * A new mail of the participant's, without their conversation's reply address, waits for the coach and they were
	 * told so (decision 0106): they wrote, and are not reminded that they did not; once the coach discards it, they are.
	 */
	@Test
	void noReminderWhileTheParticipantsNewMailWaitsForTheCoach(@Autowired InboundMails inbound, @Autowired Quarantine quarantine) {
		var base = fixtures.runningTrajectory(true);
		var wrote = fixtures.anotherFor(base, Today.date().minusWeeks(2));
		String from = wrote.participant().email();
		byte[] raw = ("From: " + from + "\r\nTo: reply@briefwissel.test\r\nSubject: Nieuwe vraag\r\nMessage-ID: <nieuw-" + wrote.id()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIk schrijf je los van ons gesprek.\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of("reply@briefwissel.test"));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !quarantine.heldFor(wrote.id()).isEmpty());
		try {
			run();
			assertThat(reminderCount(wrote.id())).isZero();

			quarantine.heldFor(wrote.id()).forEach(held -> quarantine.discard(held.inboundMailId(), wrote.coach().id()));
			run();
			assertThat(reminderCount(wrote.id())).as("discarded: the participant has not written").isEqualTo(1);
		}
		finally {
			// Held and not reminded, it would stay due for the other tests' runs.
			quarantine.heldFor(wrote.id()).forEach(held -> quarantine.discard(held.inboundMailId(), wrote.coach().id()));
		}
	}

	private static void hold(InboundMails inbound, ReplyTokens tokens, ReplyAddress replyAddress, Fixtures.RunningTrajectory to,
			String from, String header, String run) {
		String reply = replyAddress.of(tokens.tokenFor(to.id(), to.participant().id()));
		String headers = header + "From: " + from + "\r\nTo: " + reply + "\r\nSubject: Re: Opdracht 3\r\nMessage-ID: <held-" + to.id()
				+ "-" + run + "@example.nl>\r\n";
		// A mail too big is kept as the IMAP adapter keeps it: its headers only.
		byte[] raw = (header.isEmpty() ? headers + "Content-Type: text/plain; charset=utf-8\r\n\r\nMijn antwoord.\r\n"
				: headers + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of(reply));
	}

	/** The job's run for today, as it runs in its sending hours. */
	private Reminders.Run run() {
		return reminders.remindOn(Today.date());
	}

	private static ZonedDateTime at(LocalDate day, LocalTime time) {
		return day.atTime(time).atZone(AMSTERDAM);
	}

	private long reminderCount(java.util.UUID trajectory) {
		return jdbc.sql("select count(*) from reminder where trajectory_id = :id").param("id", trajectory).query(Long.class).single();
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}

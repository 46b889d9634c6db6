package nl.briefwissel.conversation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@BriefwisselTest
class ReminderTests {

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

	@Test
	void aPassedMomentWithoutAnswerGivesExactlyOneReminderEvenWhenTwoNodesRunTheJob() throws Exception {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));

		CompletableFuture<Void> node1 = CompletableFuture.runAsync(reminders::sendDue);
		CompletableFuture<Void> node2 = CompletableFuture.runAsync(reminders::sendDue);
		CompletableFuture.allOf(node1, node2).get();
		reminders.sendDue();

		MimeMessage reminder = Mailboxes.awaitMail(mailServer, late.participant().email(),
				m -> subject(m).startsWith("Even een herinnering"));
		assertThat(reminder.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		assertThat(reminder.getReplyTo()[0].toString()).startsWith("reply+");
		Thread.sleep(1000);
		assertThat(Mailboxes.read(mailServer, late.participant().email(), Mailboxes.PASSWORD)).hasSize(1);
		assertThat(reminderCount(late.id())).isEqualTo(1);
	}

	@Test
	void aMomentRemindedBeforeIsNotTriedAgainSoTheNextRunOpensNoTransaction() {
		var base = fixtures.runningTrajectory(true);
		var late = fixtures.anotherFor(base, Today.date().minusWeeks(2));

		Reminders.Run first = reminders.remindDue();
		assertThat(first.due()).isPositive();
		assertThat(first.queued()).isEqualTo(first.due());
		Reminders.Run second = reminders.remindDue();

		assertThat(second.running()).isEqualTo(first.running());
		assertThat(second.due()).isZero();
		assertThat(second.queued()).isZero();
		assertThat(reminderCount(late.id())).isEqualTo(1);
	}

	@Test
	void afterDowntimeOnlyTheLatestPassedMomentIsReminded() {
		var base = fixtures.runningTrajectory(true);
		var longAgo = fixtures.anotherFor(base, Today.date().minusWeeks(4));
		reminders.sendDue();
		assertThat(reminderCount(longAgo.id())).isEqualTo(1);
	}

	@Test
	void noReminderWhenTheParticipantWroteDuringAPauseOrForANewTrajectory() {
		var fresh = fixtures.runningTrajectory(true); // started today: no moment has passed
		var wrote = fixtures.anotherFor(fresh, Today.date().minusWeeks(2));
		conversations.participantWrites(wrote.id(), wrote.participant().id(), "Ik ben er nog!");
		var paused = fixtures.anotherFor(fresh, Today.date().minusWeeks(2));
		lifecycle.pause(paused.id(), paused.coach().id(), Today.date().plusWeeks(1), Reason.NO_TIME, null);

		reminders.sendDue();

		assertThat(reminderCount(fresh.id())).isZero();
		assertThat(reminderCount(wrote.id())).isZero();
		assertThat(reminderCount(paused.id())).isZero();
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

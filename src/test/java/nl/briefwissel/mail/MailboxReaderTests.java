package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Turns at reading one mailbox, between two nodes on the run's database (H2 or PostgreSQL). */
@BriefwisselTest
class MailboxReaderTests {

	private static final Duration LEASE = Duration.ofMinutes(1);

	@Autowired
	JdbcClient jdbc;

	private final Moving clock = new Moving(Instant.parse("2026-12-03T10:00:00Z"));

	@Test
	void oneNodeReadsAtATimeAndKeepsItsTurnWhileItRenews() {
		String mailbox = mailbox();
		MailboxReader first = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-a");
		MailboxReader second = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-b");

		assertThat(first.turn()).isTrue();
		assertThat(second.turn()).isFalse();
		for (int round = 0; round < 5; round++) {
			clock.pass(Duration.ofSeconds(50));
			assertThat(first.turn()).isTrue();
			assertThat(second.turn()).isFalse();
		}
	}

	@Test
	void aTurnIsRenewedOnlyOnceHalfOfItIsGoneSoMostRoundsWriteNothing() {
		String mailbox = mailbox();
		MailboxReader reader = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-a");
		assertThat(reader.turn()).isTrue();
		java.time.OffsetDateTime taken = until(mailbox);

		clock.pass(Duration.ofSeconds(29));
		assertThat(reader.turn()).isTrue();
		assertThat(until(mailbox)).isEqualTo(taken);

		clock.pass(Duration.ofSeconds(2));
		assertThat(reader.turn()).isTrue();
		assertThat(until(mailbox)).isEqualTo(taken.plusSeconds(31));
	}

	@Test
	void aNodeThatStopsRenewingIsReplacedOnceItsTurnRunsOut() {
		String mailbox = mailbox();
		MailboxReader stalled = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-a");
		MailboxReader standBy = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-b");
		assertThat(stalled.turn()).isTrue();

		clock.pass(Duration.ofSeconds(59));
		assertThat(standBy.turn()).isFalse();
		clock.pass(Duration.ofSeconds(2));
		assertThat(standBy.turn()).isTrue();

		assertThat(stalled.turn()).as("back after its pause, it stands by").isFalse();
	}

	@Test
	void aTurnGivenBackIsTakenAtTheNextRound() {
		String mailbox = mailbox();
		MailboxReader stopping = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-a");
		MailboxReader standBy = new MailboxReader(jdbc, clock, mailbox, LEASE, "node-b");
		assertThat(stopping.turn()).isTrue();

		stopping.giveBack();

		assertThat(standBy.turn()).isTrue();
		assertThat(stopping.turn()).isFalse();
	}

	@Test
	void aNodeThatCrashedWhileReadingTakesItsTurnBackWhenItStartsAgain() {
		String mailbox = mailbox();
		MailboxReader crashed = new MailboxReader(jdbc, clock, mailbox, LEASE, "host-a:8080");
		MailboxReader standBy = new MailboxReader(jdbc, clock, mailbox, LEASE, "host-b:8080");
		assertThat(crashed.turn()).isTrue();

		MailboxReader restarted = new MailboxReader(jdbc, clock, mailbox, LEASE, "host-a:8080");

		assertThat(restarted.turn()).isTrue();
		assertThat(standBy.turn()).isFalse();
	}

	@Test
	void eachMailboxHasItsOwnReader() {
		MailboxReader one = new MailboxReader(jdbc, clock, mailbox(), LEASE, "node-a");
		MailboxReader other = new MailboxReader(jdbc, clock, mailbox(), LEASE, "node-b");

		assertThat(one.turn()).isTrue();
		assertThat(other.turn()).isTrue();
	}

	private java.time.OffsetDateTime until(String mailbox) {
		return jdbc.sql("select until from mailbox_reader where mailbox = :mailbox").param("mailbox", mailbox)
			.query(java.time.OffsetDateTime.class).single().withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static String mailbox() {
		return "reply@elders.test@127.0.0.1:" + System.nanoTime() + "/INBOX";
	}

	/** A clock the test moves on. */
	private static final class Moving extends Clock {

		private Instant now;

		Moving(Instant start) {
			this.now = start;
		}

		void pass(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}

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
		MailboxReader first = node(mailbox, "node-a");
		MailboxReader second = node(mailbox, "node-b");

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
		MailboxReader reader = node(mailbox, "node-a");
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
		MailboxReader stalled = node(mailbox, "node-a");
		MailboxReader standBy = node(mailbox, "node-b");
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
		MailboxReader stopping = node(mailbox, "node-a");
		MailboxReader standBy = node(mailbox, "node-b");
		assertThat(stopping.turn()).isTrue();

		stopping.giveBack();

		assertThat(standBy.turn()).isTrue();
		assertThat(stopping.turn()).isFalse();
	}

	@Test
	void aNodeThatCrashedWhileReadingTakesItsTurnBackWhenItStartsAgain() {
		String mailbox = mailbox();
		MailboxReader crashed = node(mailbox, "host-a:8080");
		MailboxReader standBy = node(mailbox, "host-b:8080");
		assertThat(crashed.turn()).isTrue();

		MailboxReader restarted = node(mailbox, "host-a:8080");

		assertThat(restarted.turn()).isTrue();
		assertThat(standBy.turn()).isFalse();
	}

	@Test
	void aNodeIsNamedByAFullyQualifiedHostNameAndItsPort() {
		String mailbox = mailbox();
		MailboxReader cloud = node(mailbox, "ip-10-20-130-245.eu-central-1.compute.internal.example.org:8080");

		assertThat(cloud.turn()).isTrue();
	}

	@Test
	void eachMailboxHasItsOwnReader() {
		MailboxReader one = node(mailbox(), "node-a");
		MailboxReader other = node(mailbox(), "node-b");

		assertThat(one.turn()).isTrue();
		assertThat(other.turn()).isTrue();
	}

	/** A node by its name, as the poller names one: host and port. */
	private MailboxReader node(String mailbox, String name) {
		return new MailboxReader(jdbc, clock, mailbox, LEASE, name);
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

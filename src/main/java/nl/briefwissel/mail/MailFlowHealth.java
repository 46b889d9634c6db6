package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether mail flows. When the relay refuses or is gone, the mailbox cannot be read, or received
 * mail waits unprocessed or could not be processed at all, Briefwissel keeps working (mail waits in the outbox, the SMTP receiver
 * keeps accepting) and reports {@code DEGRADED}: still serving, but someone should look. A short
 * hiccup is not worth a report, hence the grace period.
 */
@Component("mailFlow")
class MailFlowHealth implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "Mail is not flowing; it waits and is not lost");

	private final JdbcClient jdbc;

	private final ImapPoller imap;

	private final Clock clock;

	private final Duration grace;

	MailFlowHealth(JdbcClient jdbc, ImapPoller imap, Clock clock,
			@Value("${briefwissel.mail.health.grace:2m}") Duration grace) {
		this.jdbc = jdbc;
		this.imap = imap;
		this.clock = clock;
		this.grace = grace;
	}

	@Override
	public Health health() {
		OffsetDateTime before = OffsetDateTime.now(clock).minus(grace);
		// One read, so with the database gone the check waits for a connection once, not twice; and
		// then it answers DOWN (nothing flows without the database) instead of failing the endpoint.
		Stuck stuck;
		try {
			stuck = jdbc.sql("""
					select (select count(*) from outbound_mail where status = 'PENDING' and attempts > 0 and created_at < :before) as retrying,
					       (select count(*) from outbound_mail where status = 'PENDING' and next_attempt_at < :before) as overdue,
					       (select count(*) from inbound_mail where status = 'RECEIVED' and received_at < :before) as waiting,
					       (select count(*) from inbound_mail where status = 'FAILED' and size_bytes > 0) as failed""")
				.param("before", before)
				.query((rs, n) -> new Stuck(rs.getInt("retrying"), rs.getInt("overdue"), rs.getInt("waiting"), rs.getInt("failed")))
				.single();
		}
		catch (DataAccessException e) {
			return Health.down().withDetail("database", "not reachable").build();
		}
		boolean mailboxGone = imap.unavailableSince().filter(since -> since.isBefore(before.toInstant())).isPresent();
		Health.Builder health = stuck.retrying() > 0 || stuck.overdue() > 0 || stuck.waiting() > 0 || stuck.failed() > 0
				|| mailboxGone ? Health.status(DEGRADED) : Health.up();
		return health.withDetail("outboxRetrying", stuck.retrying())
			.withDetail("outboxOverdue", stuck.overdue())
			.withDetail("inboundWaiting", stuck.waiting())
			.withDetail("inboundFailed", stuck.failed())
			.withDetail("mailboxReadable", !mailboxGone)
			.build();
	}

	/**
	 * Mails past the grace period: outbound still being retried; outbound due for longer than that and not
	 * sent, tried or not (no worker gets to it: a relay that hangs, a scheduler thread held up), which
	 * would otherwise look as healthy as an empty outbox; inbound not yet processed; and inbound mail the
	 * pipeline gave up on, which reaches no conversation and no quarantine until an administrator puts it
	 * back in the queue (retention empties it thirty days after its last attempt).
	 */
	private record Stuck(int retrying, int overdue, int waiting, int failed) {
	}
}

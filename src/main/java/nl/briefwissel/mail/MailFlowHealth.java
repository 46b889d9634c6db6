package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether mail flows. When the relay refuses or is gone, the mailbox cannot be read, or received
 * mail waits unprocessed, Briefwissel keeps working (mail waits in the outbox, the SMTP receiver
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
		int retrying = count("select count(*) from outbound_mail where status = 'PENDING' and attempts > 0 and created_at < :before",
				before);
		int waiting = count("select count(*) from inbound_mail where status = 'RECEIVED' and received_at < :before", before);
		boolean mailboxGone = imap.unavailableSince().filter(since -> since.isBefore(before.toInstant())).isPresent();
		Health.Builder health = retrying > 0 || waiting > 0 || mailboxGone ? Health.status(DEGRADED) : Health.up();
		return health.withDetail("outboxRetrying", retrying)
			.withDetail("inboundWaiting", waiting)
			.withDetail("mailboxReadable", !mailboxGone)
			.build();
	}

	private int count(String sql, OffsetDateTime before) {
		return jdbc.sql(sql).param("before", before).query(Integer.class).single();
	}
}

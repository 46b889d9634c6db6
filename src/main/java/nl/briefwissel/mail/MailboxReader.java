package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This node's turn at reading one IMAP mailbox, by a lease row in the database: one node at a time
 * fetches, the others stay connected and take over when the lease runs out. A round that finds the
 * lease held by another node leaves the mailbox alone; nothing is lost either way, since a mail stays
 * unseen until a reader has stored it.
 */
class MailboxReader {

	private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String mailbox;

	private final Duration lease;

	private final String node;

	private volatile boolean reading;

	/**
	 * {@code node} names this node among those on the database, the same after a restart: a node that
	 * crashed while it read takes its own turn back at once instead of waiting for the lease.
	 */
	MailboxReader(JdbcClient jdbc, Clock clock, String mailbox, Duration lease, String node) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.mailbox = mailbox;
		this.lease = lease;
		this.node = node;
	}

	/**
	 * Takes or renews the lease. True when this node may fetch until {@code lease} from now: it held the
	 * lease already, or the node before it let it run out or gave it back. A lease with more than half
	 * of it left is not renewed, so most rounds only read the row.
	 */
	boolean turn() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		Optional<Lease> held = jdbc.sql("select node, until from mailbox_reader where mailbox = :mailbox")
			.param("mailbox", mailbox)
			.query((rs, row) -> new Lease(rs.getString("node"), rs.getObject("until", OffsetDateTime.class)))
			.optional();
		if (held.isPresent() && held.get().until().isAfter(now)) {
			boolean mine = held.get().node().equals(node);
			if (!mine || held.get().until().isAfter(now.plus(lease.dividedBy(2)))) {
				return noted(mine);
			}
		}
		if (held.isEmpty() && jdbc.sql("""
				insert into mailbox_reader (mailbox, node, until) values (:mailbox, :node, :until)
				on conflict do nothing""")
			.param("mailbox", mailbox)
			.param("node", node)
			.param("until", now.plus(lease))
			.update() == 1) {
			return noted(true);
		}
		// Conditional, so that of two nodes finding the lease run out at the same moment one takes it.
		return noted(jdbc.sql("""
				update mailbox_reader set node = :node, until = :until
				where mailbox = :mailbox and (node = :node or until < :now)""")
			.param("mailbox", mailbox)
			.param("node", node)
			.param("until", now.plus(lease))
			.param("now", now)
			.update() == 1);
	}

	private boolean noted(boolean mine) {
		if (mine != reading) {
			log.info(mine ? "This node now reads the mailbox {}" : "Another node reads the mailbox {}; this one stands by",
					mailbox);
			reading = mine;
		}
		return mine;
	}

	private record Lease(String node, OffsetDateTime until) {
	}

	/** Gives the lease back, so that another node takes over at its next round instead of after the lease. */
	void giveBack() {
		jdbc.sql("update mailbox_reader set until = :now where mailbox = :mailbox and node = :node")
			.param("mailbox", mailbox)
			.param("node", node)
			.param("now", OffsetDateTime.now(clock).minusSeconds(1))
			.update();
		reading = false;
	}
}

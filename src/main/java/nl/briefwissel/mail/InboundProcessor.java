package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored inbound mail: reads it and hands it to the {@link InboundMailHandler}, in one
 * transaction per mail claimed with {@code FOR UPDATE SKIP LOCKED}, so every node can help and no
 * mail is handled twice. A mail whose handling fails is retried with back-off; after the last
 * attempt it is marked failed and stays visible to administrators: nothing is dropped.
 */
@Component
class InboundProcessor {

	private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

	static final int MAX_ATTEMPTS = 5;

	private static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InboundMailHandler handler;

	private final Clock clock;

	InboundProcessor(JdbcClient jdbc, TransactionTemplate transactions, InboundMailHandler handler, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.handler = handler;
		this.clock = clock;
	}

	private record Claimed(UUID id, byte[] raw, String envelopeTo, OffsetDateTime receivedAt, int attempts) {
	}

	@Scheduled(fixedDelayString = "${briefwissel.mail.inbound.poll-interval:500ms}")
	void processDue() {
		for (int i = 0; i < BATCH; i++) {
			if (!processNext()) {
				return;
			}
		}
	}

	/** Processes one due mail; false when there was none. */
	boolean processNext() {
		UUID[] failed = new UUID[1];
		int[] attempts = new int[1];
		try {
			Boolean processed = transactions.execute(status -> {
				Optional<Claimed> claimed = claimNext();
				if (claimed.isEmpty()) {
					return false;
				}
				failed[0] = claimed.get().id();
				attempts[0] = claimed.get().attempts();
				handle(claimed.get());
				return true;
			});
			return Boolean.TRUE.equals(processed);
		}
		catch (RuntimeException e) {
			if (failed[0] == null) {
				throw e;
			}
			recordFailure(failed[0], attempts[0] + 1, e);
			return true;
		}
	}

	private Optional<Claimed> claimNext() {
		return jdbc.sql("""
				select id, raw_mail, envelope_to, received_at, attempts from inbound_mail
				where status = 'RECEIVED' and next_attempt_at <= :now
				order by received_at
				limit 1
				for update skip locked""")
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getBytes("raw_mail"),
					rs.getString("envelope_to"), rs.getObject("received_at", OffsetDateTime.class), rs.getInt("attempts")))
			.optional();
	}

	private void handle(Claimed mail) {
		List<String> envelopeTo = mail.envelopeTo() == null ? List.of() : Arrays.asList(mail.envelopeTo().split(","));
		ReadMail content = MailReader.read(mail.raw(), envelopeTo);
		InboundResult result = handler.handle(new InboundMail(mail.id(), mail.receivedAt(), content));
		jdbc.sql("""
				update inbound_mail set status = 'PROCESSED', kind = :kind, outcome = :outcome, processed_at = :now,
				    attempts = attempts + 1, last_error = null
				where id = :id""")
			.param("kind", content.kind().name())
			.param("outcome", truncate(result.describe(), 1000))
			.param("now", OffsetDateTime.now(clock))
			.param("id", mail.id())
			.update();
		log.info("Inbound mail {} ({}): {}", mail.id(), content.kind().code(), result.describe());
	}

	private void recordFailure(UUID id, int attempt, RuntimeException e) {
		String error = truncate(e.getClass().getSimpleName() + ": " + e.getMessage(), 2000);
		boolean giveUp = attempt >= MAX_ATTEMPTS;
		log.warn("Processing inbound mail {} failed (attempt {}{}): {}", id, attempt, giveUp ? ", giving up" : "", error, e);
		transactions.executeWithoutResult(status -> jdbc.sql("""
				update inbound_mail set attempts = :attempt, last_error = :error, next_attempt_at = :next,
				    status = :status
				where id = :id""")
			.param("attempt", attempt)
			.param("error", error)
			.param("next", OffsetDateTime.now(clock).plus(Duration.ofSeconds(5L << Math.min(attempt, 10))))
			.param("status", giveUp ? "FAILED" : "RECEIVED")
			.param("id", id)
			.update());
	}

	private static String truncate(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}
}

package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.encryption.Encryption;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbound worker's own faults: what one mail does to it, it does to that mail only. */
@BriefwisselTest
class InboundWorkerTests {

	@Autowired
	InboundMails inbound;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate batch;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Encryption encryption;

	@Autowired
	InboundMailHandler handler;

	/**
	 * A mail that makes processing overflow the stack: an Error, not an exception. The worker counts it
	 * as that mail's failed attempt and goes on; before, the Error ended the worker thread for good.
	 */
	@Test
	void aMailThatThrowsAnErrorIsAFailedAttemptAndTheWorkerGoesOn() {
		// Due only on this test's clock, a year ahead: the application's own workers leave it alone.
		UUID id = transactions.execute(status -> {
			UUID stored = inbound.store(("From: a@example.nl\r\nMessage-ID: <error-" + UUID.randomUUID()
					+ "@example.nl>\r\nSubject: x\r\n\r\nTekst\r\n").getBytes(StandardCharsets.US_ASCII), InboundMails.Source.SMTP,
					"a@example.nl", List.of("reply@briefwissel.test")).id();
			jdbc.sql("update inbound_mail set next_attempt_at = :later where id = :id")
				.param("later", OffsetDateTime.now().plusDays(200)).param("id", stored).update();
			return stored;
		});
		InboundProcessor worker = new InboundProcessor(jdbc, batch, transactions, mail -> {
			if (mail.id().equals(id)) {
				throw new StackOverflowError("deeply nested");
			}
			return handler.handle(mail); // any other mail due by then, as the application's workers would
		}, Clock.offset(Clock.systemUTC(), Duration.ofDays(365)), encryption, 1, Duration.ofMillis(100));

		worker.processBatch();

		assertThat(jdbc.sql("select status || ' ' || attempts || ' ' || last_error from inbound_mail where id = :id")
			.param("id", id).query(String.class).single()).startsWith("RECEIVED 1 StackOverflowError");
	}
}

package nl.briefwissel.mail;

import java.time.OffsetDateTime;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A relay that keeps refusing makes the application DEGRADED, still answering, and UP again once mail flows. */
@BriefwisselTest
class MailFlowHealthTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HttpCodeStatusMapper statusCodes;

	@Test
	void aNodeThatIsDownOrStartingAnswers503SoNoLoadBalancerSendsPeopleThere() {
		assertThat(statusCodes.getStatusCode(Status.DOWN)).isEqualTo(503);
		assertThat(statusCodes.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(statusCodes.getStatusCode(new Status("DEGRADED"))).isEqualTo(200);
		assertThat(statusCodes.getStatusCode(Status.UP)).isEqualTo(200);
	}

	@Test
	void withTheDatabaseGoneTheMailFlowAnswersDownInsteadOfFailingTheHealthEndpoint() {
		// Nothing listens on port 1: the connection is refused at once. No mailbox: with the database
		// gone it is not asked.
		JdbcClient unreachable = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nothing", "sa", ""));
		MailFlowHealth health = new MailFlowHealth(unreachable, null, java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(2));
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void mailThatKeepsWaitingForTheRelayMakesTheApplicationDegradedButServing() throws Exception {
		UUID id = UUID.randomUUID();
		OffsetDateTime tenMinutesAgo = OffsetDateTime.now().minusMinutes(10);
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, status, attempts,
				    next_attempt_at, created_at, last_error)
				values (:id, :messageId, 'iemand@example.nl', 'Wacht', 'Tekst', false, 'PENDING', 3, :later, :created,
				    'Connection refused')""")
			.param("id", id)
			.param("messageId", "<" + id + "@briefwissel.test>")
			.param("later", OffsetDateTime.now().plusDays(1))
			.param("created", tenMinutesAgo)
			.update();
		try {
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("\"DEGRADED\"")));
			jdbc.sql("update outbound_mail set status = 'SENT', sent_at = :now where id = :id")
				.param("now", OffsetDateTime.now())
				.param("id", id)
				.update();
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("\"UP\"")));
		}
		finally {
			jdbc.sql("delete from outbound_mail where id = :id").param("id", id).update();
		}
	}

	/**
	 * An outbox that sends nothing (a relay that hangs, the scheduler's thread held up) leaves its mail
	 * untried: due for longer than the grace period, it makes the mail flow DEGRADED as retried mail does.
	 * Seen from tomorrow, so that the scheduled worker leaves the mail alone.
	 */
	@Test
	void mailDueForLongerThanTheGracePeriodAndNeverTriedMakesTheMailFlowDegraded(@Autowired ImapPoller imap) {
		OffsetDateTime due = OffsetDateTime.now().plusDays(1);
		MailFlowHealth tomorrow = new MailFlowHealth(jdbc, imap,
				java.time.Clock.fixed(due.plusMinutes(10).toInstant(), java.time.ZoneOffset.UTC), java.time.Duration.ofMinutes(2));
		int before = (Integer) tomorrow.health().getDetails().get("outboxOverdue");
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, status, attempts,
				    next_attempt_at, created_at)
				values (:id, :messageId, 'iemand@example.nl', 'Wacht', 'Tekst', false, 'PENDING', 0, :due, :due)""")
			.param("id", id)
			.param("messageId", "<" + id + "@briefwissel.test>")
			.param("due", due)
			.update();
		try {
			assertThat(tomorrow.health().getDetails().get("outboxOverdue")).isEqualTo(before + 1);
			assertThat(tomorrow.health().getStatus()).isEqualTo(MailFlowHealth.DEGRADED);
		}
		finally {
			jdbc.sql("delete from outbound_mail where id = :id").param("id", id).update();
		}
	}

	/**
	 * A mail to an address no message can be written to (“jan..jansen@example.nl”, read leniently from
	 * an inbound mail) fails at once instead of waiting in the outbox for two days, so the mail flow
	 * does not report DEGRADED all that time for a mail no retry can send.
	 */
	@Test
	void aMailToAnAddressNoMessageCanBeWrittenToDoesNotKeepTheApplicationDegraded(@Autowired OutboxWorker worker,
			@Autowired MailTransport transport, @Autowired TransactionTemplate transactions) throws Exception {
		UUID id = UUID.randomUUID();
		String messageId = "<" + id + "@briefwissel.test>";
		String recipient = "jan..jansen-" + id + "@example.nl";
		// Queued ten minutes ago, past the grace period; due only next year, so the scheduled worker
		// leaves it to this test's own attempt.
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, status, attempts,
				    next_attempt_at, created_at)
				values (:id, :messageId, :recipient, 'Aanmelding', 'Tekst', false, 'PENDING', 0, :later, :created)""")
			.param("id", id)
			.param("messageId", messageId)
			.param("recipient", recipient)
			.param("later", OffsetDateTime.now().plusYears(1))
			.param("created", OffsetDateTime.now().minusMinutes(10))
			.update();
		try {
			QueuedMail mail = new QueuedMail(id, messageId, recipient, "Aanmelding", "Tekst", null, null, null, null, null,
					false, 0);
			try (MailTransport.Connection connection = transport.connection()) {
				transactions.execute(status -> worker.attempt(mail, connection));
			}
			assertThat(jdbc.sql("select status from outbound_mail where id = :id").param("id", id).query(String.class).single())
				.isEqualTo("FAILED");
			mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("\"UP\"")));
		}
		finally {
			jdbc.sql("delete from outbound_mail_attempt where outbound_mail_id = :id").param("id", id).update();
			jdbc.sql("delete from outbound_mail where id = :id").param("id", id).update();
		}
	}

	/**
	 * Inbound mail the pipeline gave up on reaches no conversation and no quarantine: the mail flow says
	 * so until an administrator puts it back in the queue.
	 */
	@Test
	void inboundMailGivenUpOnMakesTheMailFlowDegraded(@Autowired MailFlowHealth health, @Autowired InboundMails inbound) {
		UUID id = inbound.store(("From: a@example.nl\r\nMessage-ID: <opgegeven-" + UUID.randomUUID()
				+ "@example.nl>\r\nSubject: x\r\n\r\nTekst\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
				InboundMails.Source.SMTP, "a@example.nl", java.util.List.of("reply@briefwissel.test")).id();
		int before = (Integer) health.health().getDetails().get("inboundFailed");
		try {
			jdbc.sql("update inbound_mail set status = 'FAILED', attempts = 10, next_attempt_at = :now where id = :id")
				.param("now", OffsetDateTime.now()).param("id", id).update();
			assertThat(health.health().getDetails().get("inboundFailed")).isEqualTo(before + 1);
			assertThat(health.health().getStatus()).isEqualTo(MailFlowHealth.DEGRADED);
			assertThat(inbound.retry(id)).isEqualTo(InboundMails.Retry.QUEUED);
			assertThat(health.health().getDetails().get("inboundFailed")).isEqualTo(before);
		}
		finally {
			jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", id).update();
		}
	}
}

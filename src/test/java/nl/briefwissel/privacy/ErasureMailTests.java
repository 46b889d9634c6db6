package nl.briefwissel.privacy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.MailProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mails that answer a request for erasure: they always go, and the confirmation leaves nothing behind. */
@BriefwisselTest
class ErasureMailTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	MailProperties mail;

	/**
	 * The confirmation goes to an address whose mail was forgotten a moment before; kept as sent mail, it
	 * held the person's address and name for the outbox's thirty days. Once sent, it is gone too.
	 */
	@Test
	void theConfirmationOfAnErasureIsForgottenOnceSent() {
		var trajectory = fixtures.runningTrajectory(true);
		String email = trajectory.participant().email();

		assertThat(erasures.confirm(erasures.request(trajectory.participant().id()).id(), administrator())).isTrue();

		Mailboxes.awaitMail(mailServer, email, sent -> Mailboxes.subject(sent).contains("verwijderd"));
		await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(email) == 0);
	}

	/**
	 * The answers to a request are an administrator's decision, not answers to a mail: a busy hour of
	 * automatic mail to the address (the loop brake's limit) held them back, and the person never heard.
	 * Someone who also coaches keeps their address and its recent mail, so the brake still counts it.
	 */
	@Test
	void theAnswersToARequestGoPastTheLoopBrake() {
		var confirmed = fixtures.runningTrajectory(true).participant();
		accounts.addRole(confirmed.id(), Role.COACH);
		var declined = fixtures.runningTrajectory(true).participant();
		busyHourOfAutomaticMailTo(confirmed.email());
		busyHourOfAutomaticMailTo(declined.email());

		assertThat(erasures.confirm(erasures.request(confirmed.id()).id(), administrator())).isTrue();
		assertThat(erasures.decline(erasures.request(declined.id()).id(), administrator(), "Er loopt een klachtprocedure."))
			.isTrue();

		Mailboxes.awaitMail(mailServer, confirmed.email(), sent -> Mailboxes.subject(sent).contains("als deelnemer"));
		Mailboxes.awaitMail(mailServer, declined.email(), sent -> Mailboxes.subject(sent).contains("verzoek tot verwijdering"));
	}

	private void busyHourOfAutomaticMailTo(String address) {
		for (int i = 0; i < mail.outbox().automaticPerRecipient(); i++) {
			UUID id = UUID.randomUUID();
			jdbc.sql("""
					insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, loop_brake, status,
					    attempts, next_attempt_at, created_at, sent_at)
					values (:id, :messageId, :to, 'Herinnering', 'Tekst', true, true, 'SENT', 1, :now, :now, :now)""")
				.param("id", id)
				.param("messageId", "<" + id + "@briefwissel.test>")
				.param("to", address)
				.param("now", OffsetDateTime.now())
				.update();
		}
	}

	private long mailTo(String address) {
		return jdbc.sql("select count(*) from outbound_mail where lower(recipient) = lower(:to)")
			.param("to", address)
			.query(Long.class)
			.single();
	}

	private UUID administrator() {
		return accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
	}
}

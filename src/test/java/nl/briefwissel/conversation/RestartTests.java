package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.Delivery;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a crash leaves behind is finished after the restart, once: the state a crash leaves is
 * recreated directly (a committed but unprocessed mail, a send whose transaction never committed).
 */
@BriefwisselTest
class RestartTests {

	@Autowired
	InboundMails inbound;

	@Autowired
	Outbox outbox;

	@Autowired
	Conversations conversations;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aMailStoredBeforeACrashIsProcessedAfterwardsAndARedeliveryIsStoredOnce() {
		Account participant = participant();
		UUID trajectory = trajectoryOf(participant);
		String token = tokens.tokenFor(trajectory, participant.id());
		byte[] raw = ("From: " + participant.email() + "\r\nTo: reply+" + token + "@briefwissel.test\r\n"
				+ "Subject: Re: test\r\nMessage-ID: <" + UUID.randomUUID() + "@client.example.nl>\r\n"
				+ "Content-Type: text/plain; charset=UTF-8\r\n\r\nNa de herstart gewoon verwerkt.\r\n")
			.getBytes(StandardCharsets.UTF_8);

		InboundMails.Stored first = inbound.store(raw, InboundMails.Source.SMTP, participant.email(), List.of());
		InboundMails.Stored again = inbound.store(raw, InboundMails.Source.IMAP, null, List.of());

		assertThat(first.duplicate()).isFalse();
		assertThat(again.duplicate()).isTrue();
		assertThat(again.id()).isEqualTo(first.id());
		await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(trajectory).stream().anyMatch(m -> m.body().equals("Na de herstart gewoon verwerkt.")));
		assertThat(conversations.of(trajectory)).hasSize(1);
	}

	@Test
	void aMailWithoutMessageIdIsRecognisedByItsContent() {
		byte[] raw = "From: iemand@example.nl\r\nSubject: zonder id\r\n\r\nTekst\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] unique = ("From: iemand@example.nl\r\nSubject: zonder id " + UUID.randomUUID() + "\r\n\r\nTekst\r\n")
			.getBytes(StandardCharsets.UTF_8);
		InboundMails.Stored first = inbound.store(unique, InboundMails.Source.SMTP, null, List.of());
		assertThat(inbound.store(unique, InboundMails.Source.SMTP, null, List.of()).id()).isEqualTo(first.id());
		assertThat(inbound.store(raw, InboundMails.Source.SMTP, null, List.of()).id()).isNotEqualTo(first.id());
	}

	@Test
	void aSendWhoseTransactionDidNotCommitIsSentAgainUnderTheSameMessageIdOnce() throws Exception {
		String recipient = "herstart-" + UUID.randomUUID() + "@example.nl";
		String messageId = transactions.execute(status -> {
			String id = outbox.enqueue(OutgoingMail.notice(recipient, "Na een crash", "Tekst", null));
			return id;
		});
		// A node claims the row and dies before committing: the lock goes, the row stays pending.
		transactions.executeWithoutResult(status -> {
			jdbc.sql("select id from outbound_mail where message_id = :id for update").param("id", messageId).query(UUID.class).single();
			status.setRollbackOnly();
		});

		await().atMost(Duration.ofSeconds(15))
			.until(() -> outbox.deliveries(List.of(messageId)).get(messageId).status() == Delivery.Status.SENT);
		Thread.sleep(500);
		var received = Mailboxes.read(mailServer, recipient, Mailboxes.PASSWORD);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).getMessageID()).isEqualTo(messageId);
	}

	private Account participant() {
		return accounts.register(new NewAccount(null, "herstart-" + UUID.randomUUID() + "@example.nl", "Herstart",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
	}

	private UUID trajectoryOf(Account participant) {
		var organisation = organisations.create("Herstart " + UUID.randomUUID());
		var programme = programmes.create(organisation.id(), "Programma", null);
		return trajectories.record(programme.id(), participant.id(), null, TrajectoryStatus.RUNNING, null,
				LocalDate.now(), null);
	}
}

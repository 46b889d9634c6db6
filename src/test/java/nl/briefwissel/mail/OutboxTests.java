package nl.briefwissel.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@BriefwisselTest
class OutboxTests {

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxWorker worker;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void workersOnSeveralThreadsSendEveryMailExactlyOnceWithItsOwnMessageId() throws Exception {
		String recipient = "veel-" + UUID.randomUUID() + "@example.nl";
		Set<String> queued = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			// Letters a person wrote: twenty automatic notices to one address would meet the loop brake.
			queued.add(outbox.enqueue(new OutgoingMail(recipient, "Bericht " + i, "Tekst " + i, null, null, null, List.of(),
					false)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			runs.add(pool.submit(worker::sendDue));
		}
		for (Future<?> run : runs) {
			run.get();
		}
		pool.shutdown();

		await().atMost(Duration.ofSeconds(15)).until(() -> Mailboxes.read(mailServer, recipient, Mailboxes.PASSWORD).size() >= 20);
		Thread.sleep(500);
		List<MimeMessage> received = Mailboxes.read(mailServer, recipient, Mailboxes.PASSWORD);
		List<String> ids = new ArrayList<>();
		for (MimeMessage message : received) {
			ids.add(message.getMessageID());
		}
		assertThat(ids).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
	}

	@Test
	void aMailThatCannotBeSentIsRetriedWithBackOffAndThenMarkedFailedWithTheReason() {
		String messageId = outbox.enqueue(OutgoingMail.notice("geen geldig adres", "Onderwerp", "Tekst", null));

		await().atMost(Duration.ofSeconds(15))
			.until(() -> outbox.deliveries(List.of(messageId)).get(messageId).status() == Delivery.Status.FAILED);
		Delivery delivery = outbox.deliveries(List.of(messageId)).get(messageId);
		assertThat(delivery.attempts()).isEqualTo(3);
		assertThat(delivery.lastError()).isNotBlank();
		long attempts = jdbc.sql("""
				select count(*) from outbound_mail_attempt a join outbound_mail m on m.id = a.outbound_mail_id
				where m.message_id = :id and a.succeeded = false""")
			.param("id", messageId)
			.query(Long.class)
			.single();
		assertThat(attempts).isEqualTo(3);
	}

	@Test
	void backOffDoublesUpToTheLimit() {
		assertThat(worker.backOff(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(worker.backOff(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(worker.backOff(3)).isEqualTo(Duration.ofMillis(300));
		assertThat(worker.backOff(30)).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aSentMailIsNeverSentAgain() throws Exception {
		String recipient = "eenmaal-" + UUID.randomUUID() + "@example.nl";
		String messageId = outbox.enqueue(OutgoingMail.notice(recipient, "Eén keer", "Tekst", "<p>Tekst</p>"));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> outbox.deliveries(List.of(messageId)).get(messageId).status() == Delivery.Status.SENT);
		worker.sendDue();
		worker.sendDue();
		Thread.sleep(300);
		assertThat(Mailboxes.read(mailServer, recipient, Mailboxes.PASSWORD)).hasSize(1);
	}
}

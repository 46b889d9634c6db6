package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.mail.Delivery;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
	Fixtures fixtures;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService users;

	@Test
	void aMailStoredBeforeACrashIsProcessedAfterwardsAndARedeliveryIsStoredOnce() {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(false);
		Account participant = running.participant();
		UUID trajectory = running.id();
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

	/**
	 * The same Message-ID on another letter (a mailer that reuses its IDs) is another mail: both letters
	 * arrive. The same letter again with other headers (a relay's Received line) is still a redelivery.
	 */
	@Test
	void aMessageIdOnAnotherBodyIsAnotherMailTheSameBodyARedelivery() {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(false);
		String token = tokens.tokenFor(running.id(), running.participant().id());
		String headers = "From: " + running.participant().email() + "\r\nTo: reply+" + token + "@briefwissel.test\r\n"
				+ "Subject: Re: week 2\r\nMessage-ID: <hergebruikt-" + UUID.randomUUID() + "@client.example.nl>\r\n"
				+ "Content-Type: text/plain; charset=UTF-8\r\n\r\n";
		byte[] monday = (headers + "Maandag: het gesprek met mijn leidinggevende.\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] thursday = (headers + "Donderdag: ik heb de opdracht gedaan.\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] mondayRelayed = ("Received: from relay.example.nl by briefwissel.test\r\n" + headers
				+ "Maandag: het gesprek met mijn leidinggevende.\r\n").getBytes(StandardCharsets.UTF_8);

		InboundMails.Stored first = inbound.store(monday, InboundMails.Source.SMTP, null, List.of());
		InboundMails.Stored other = inbound.store(thursday, InboundMails.Source.SMTP, null, List.of());
		InboundMails.Stored again = inbound.store(mondayRelayed, InboundMails.Source.SMTP, null, List.of());
		InboundMails.Stored otherAgain = inbound.store(thursday, InboundMails.Source.IMAP, null, List.of());

		assertThat(other.duplicate()).isFalse();
		assertThat(other.id()).isNotEqualTo(first.id());
		assertThat(again).isEqualTo(new InboundMails.Stored(first.id(), true));
		assertThat(otherAgain).isEqualTo(new InboundMails.Stored(other.id(), true));
		await().atMost(Duration.ofSeconds(15)).until(() -> conversations.of(running.id()).size() == 2);
		assertThat(conversations.of(running.id())).extracting(m -> m.body()).containsExactlyInAnyOrder(
				"Maandag: het gesprek met mijn leidinggevende.", "Donderdag: ik heb de opdracht gedaan.");
	}

	@Test
	void aMailThePipelineGaveUpOnIsShownToAdministratorsAndCanBeProcessedAgain() throws Exception {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(false);
		String token = tokens.tokenFor(running.id(), running.participant().id());
		byte[] raw = ("From: " + running.participant().email() + "\r\nTo: reply+" + token + "@briefwissel.test\r\n"
				+ "Subject: Re: opgegeven\r\nMessage-ID: <" + UUID.randomUUID() + "@client.example.nl>\r\n\r\nTweede kans.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		UUID id = UUID.randomUUID();
		// The state after the last failed attempt: stored, never processed, given up on.
		jdbc.sql("""
				insert into inbound_mail (id, dedup_key, content_hash, raw_mail, size_bytes, source, received_at, status,
				    attempts, next_attempt_at, last_error)
				values (:id, :key, 'x', :raw, :size, 'SMTP', current_timestamp, 'FAILED', 5, current_timestamp, 'database was down')""")
			.param("id", id)
			.param("key", "test:" + id)
			.param("raw", raw)
			.param("size", raw.length)
			.update();
		var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(users.loadUserByUsername("beheer@briefwissel.test"));

		String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/admin/quarantine").with(admin))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("database was down");
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/admin/quarantine/failed/{id}/retry", id)
			.with(admin)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));

		await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).stream().anyMatch(m -> m.body().equals("Tweede kans.")));
		assertThat(inbound.failed()).noneMatch(failed -> failed.id().equals(id));
	}

	/**
	 * “Process again” clicked twice, or by two administrators: the second click finds the mail back in
	 * the queue, or processed already, and the list says so, as for attaching and discarding; it was a
	 * page saying the mail is not there. A mail that is unknown is still not found.
	 */
	@Test
	void aSecondClickOnProcessAgainIsToldWhereTheMailIs() throws Exception {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(false);
		String token = tokens.tokenFor(running.id(), running.participant().id());
		byte[] raw = ("From: " + running.participant().email() + "\r\nTo: reply+" + token + "@briefwissel.test\r\n"
				+ "Subject: Re: dubbel\r\nMessage-ID: <" + UUID.randomUUID() + "@client.example.nl>\r\n\r\nTwee keer geklikt.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		UUID failed = UUID.randomUUID();
		insertInbound(failed, raw, "FAILED", java.time.OffsetDateTime.now());
		// Put back by another click a moment ago; the pipeline has not come to it yet (due next year).
		UUID waiting = UUID.randomUUID();
		insertInbound(waiting, raw, "RECEIVED", java.time.OffsetDateTime.now().plusYears(1));
		var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(users.loadUserByUsername("beheer@briefwissel.test"));
		try {
			retry(failed, admin).andExpect(flash().attribute("resolved", "retried"));
			retry(failed, admin).andExpect(flash().attribute("resolved", org.hamcrest.Matchers.oneOf("retrying", "already")));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> conversations.of(running.id()).stream().anyMatch(m -> m.body().equals("Twee keer geklikt.")));
			retry(failed, admin).andExpect(flash().attribute("resolved", "already"));
			retry(waiting, admin).andExpect(flash().attribute("resolved", "retrying"));
			mvc.perform(post("/admin/quarantine/failed/{id}/retry", UUID.randomUUID()).with(admin).with(csrf()))
				.andExpect(status().isNotFound());
		}
		finally {
			jdbc.sql("delete from inbound_mail where id = :id").param("id", waiting).update();
		}
		assertThat(conversations.of(running.id())).as("processed once").hasSize(1);
		// On the audit trail once as a retry: the clicks that found it queued or processed are already done.
		assertThat(retries(failed)).containsExactly("id=" + failed, "id=" + failed + ", outcome=already",
				"id=" + failed + ", outcome=already");
		assertThat(retries(waiting)).containsExactly("id=" + waiting + ", outcome=already");
	}

	private List<String> retries(UUID id) {
		return jdbc.sql("""
				select details from audit_entry where action = 'ADMINISTRATION' and route = 'POST /admin/quarantine/failed/{id}/retry'
				and details like :id order by at""")
			.param("id", "%id=" + id + "%")
			.query(String.class)
			.list();
	}

	private org.springframework.test.web.servlet.ResultActions retry(UUID id,
			org.springframework.test.web.servlet.request.RequestPostProcessor admin) throws Exception {
		return mvc.perform(post("/admin/quarantine/failed/{id}/retry", id).with(admin).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/quarantine#resolved"));
	}

	private void insertInbound(UUID id, byte[] raw, String status, java.time.OffsetDateTime due) {
		jdbc.sql("""
				insert into inbound_mail (id, dedup_key, content_hash, raw_mail, size_bytes, source, received_at, status,
				    attempts, next_attempt_at, last_error)
				values (:id, :key, 'x', :raw, :size, 'SMTP', current_timestamp, :status, 5, :due, 'database was down')""")
			.param("id", id)
			.param("key", "test:" + id)
			.param("raw", raw)
			.param("size", raw.length)
			.param("status", status)
			.param("due", due)
			.update();
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
}

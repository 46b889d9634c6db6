package nl.briefwissel.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@BriefwisselTest
@org.springframework.test.context.event.RecordApplicationEvents
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class OutboxTests {

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxWorker worker;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailProperties properties;

	@Autowired
	ObjectProvider<EmbeddedMailServer> embedded;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	org.springframework.test.context.event.ApplicationEvents events;

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

	/**
	 * A failure that says nothing about the address is tried again. Not an address no message can be
	 * written to: that fails at once (see below). Here the mail's body no longer opens, changed in the
	 * transaction that queued it, so no worker sees the good one first.
	 */
	@Test
	void aMailThatCannotBeSentIsRetriedWithBackOffAndThenMarkedFailedWithTheReason() {
		String messageId = transactions.execute(status -> {
			String queued = outbox.enqueue(
					OutgoingMail.notice("opnieuw-" + UUID.randomUUID() + "@example.nl", "Onderwerp", "Tekst", null));
			// Five bytes, base64: too short to be anything sealed.
			jdbc.sql("update outbound_mail set text_body = 'dGVrc3Q=' where message_id = :id").param("id", queued).update();
			return queued;
		});

		await().atMost(Duration.ofSeconds(15))
			.until(() -> outbox.deliveries(List.of(messageId)).get(messageId).status() == Delivery.Status.FAILED);
		Delivery delivery = outbox.deliveries(List.of(messageId)).get(messageId);
		assertThat(delivery.attempts()).isEqualTo(3);
		assertThat(delivery.failure()).isEqualTo(new SendFailure(SendFailure.Kind.UNREADABLE, "UnreadableRecordException"));
		long attempts = jdbc.sql("""
				select count(*) from outbound_mail_attempt a join outbound_mail m on m.id = a.outbound_mail_id
				where m.message_id = :id and a.succeeded = false""")
			.param("id", messageId)
			.query(Long.class)
			.single();
		assertThat(attempts).isEqualTo(3);
	}

	/** With the defaults a mail is tried for two days before it counts as failed, not for an hour. */
	@Test
	void theDefaultPolicyKeepsTryingForTwoDays() {
		MailProperties.Outbox defaults = new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
			.bindOrCreate("outbox", MailProperties.Outbox.class);
		Duration tried = Duration.ZERO;
		for (int attempt = 1; attempt < defaults.maxAttempts(); attempt++) {
			tried = tried.plus(OutboxWorker.backOff(defaults, attempt));
		}
		assertThat(tried).isBetween(Duration.ofHours(47), Duration.ofHours(50));
	}

	@Test
	void backOffDoublesUpToTheLimit() {
		assertThat(worker.backOff(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(worker.backOff(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(worker.backOff(3)).isEqualTo(Duration.ofMillis(300));
		assertThat(worker.backOff(30)).isEqualTo(Duration.ofMillis(300));
	}

	/**
	 * A relay that says the address does not exist (RFC 3463 5.1.x) is not asked again for two days:
	 * the mail fails at once and its conversation is told. A temporary refusal, and a refusal that may
	 * be the relay's own configuration (5.7.1 relaying denied), are retried as before.
	 */
	@Test
	void anAddressTheRelaySaysDoesNotExistFailsAtOnceAndOtherRefusalsAreRetried(
			org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		try (RefusingRelay relay = new RefusingRelay(java.util.Map.of(
				"onbekend", "550 5.1.1 <onbekend@example.nl>: Recipient address rejected: User unknown in virtual mailbox table",
				"vol", "452 4.2.2 Mailbox full, try again later",
				"relay", "550 5.7.1 <relay@example.nl>: Relay access denied",
				"afzend", "553 5.1.8 <reply+abc@briefwissel.test>: Sender address rejected: Domain not found",
				"zender", "550 5.1.1 <reply+abc@briefwissel.test>: Sender address rejected: User unknown in local recipient table"))) {
			MailTransport transport = viaRelay(relay.port());
			QueuedMail unknown = waiting("onbekend-" + UUID.randomUUID() + "@example.nl", "reply+abcdefghijklmnop@" + properties.domain());
			QueuedMail full = waiting("vol-" + UUID.randomUUID() + "@example.nl", null);
			QueuedMail denied = waiting("relay-" + UUID.randomUUID() + "@example.nl", null);
			// Our own sender refused (a new mail domain without DNS yet): every mail would fail, so all wait.
			QueuedMail sender = waiting("afzend-" + UUID.randomUUID() + "@example.nl", null);
			QueuedMail senderUnknown = waiting("zender-" + UUID.randomUUID() + "@example.nl", null);
			try (MailTransport.Connection connection = transport.connection()) {
				for (QueuedMail mail : List.of(unknown, full, denied, sender, senderUnknown)) {
					transactions.execute(status -> worker.attempt(mail, connection));
				}
			}

			Delivery refused = outbox.deliveries(List.of(unknown.messageId())).get(unknown.messageId());
			assertThat(refused.status()).isEqualTo(Delivery.Status.FAILED);
			assertThat(refused.attempts()).isEqualTo(1);
			assertThat(refused.failure().stored()).isEqualTo("recipient refused: 550 5.1.1");
			assertThat(events.stream(MailRefused.class)).singleElement().satisfies(event -> {
				assertThat(event.messageId()).isEqualTo(unknown.messageId());
				assertThat(event.recipient()).isEqualTo(unknown.recipient());
				assertThat(event.replyToken()).isEqualTo("abcdefghijklmnop");
				assertThat(event.reason()).isEqualTo("recipient refused: 550 5.1.1");
			});
			for (QueuedMail retried : List.of(full, denied, sender, senderUnknown)) {
				Delivery delivery = outbox.deliveries(List.of(retried.messageId())).get(retried.messageId());
				assertThat(delivery.status()).as(retried.recipient()).isEqualTo(Delivery.Status.PENDING);
				assertThat(delivery.attempts()).as(retried.recipient()).isEqualTo(1);
			}
			// The relay's refusals quote the addresses; the log says what happened without them.
			assertThat(output.getAll()).contains("Giving up on mail " + unknown.messageId()).contains("5.1.1")
				.doesNotContain("onbekend@example.nl").doesNotContain("relay@example.nl").doesNotContain("reply+abc@");
		}
	}

	/**
	 * What the outbox keeps of a failed attempt, in the mail's row and in its attempts, and says in the log: the kind of
	 * failure and the relay's code, which is what an administrator acts on. Not the relay's words, which quote the
	 * recipient's address (and may add their name); they were kept for thirty days and shown beside the letter.
	 */
	@Test
	void whatIsKeptOfAFailureIsItsKindAndTheRelaysCodeNeverTheRelaysWords(
			org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String unknown = "onbekend-" + run + "@example.nl";
		String full = "vol-" + run + "@example.nl";
		String denied = "relay-" + run + "@example.nl";
		String greylisted = "later-" + run + "@example.nl";
		String big = "groot-" + run + "@example.nl";
		String bare = "kaal-" + run + "@example.nl";
		try (RefusingRelay relay = new RefusingRelay(java.util.Map.of(
				"onbekend-", "550 5.1.1 <" + unknown + ">: Recipient address rejected: User unknown in virtual mailbox table",
				"vol-", "452 4.2.2 <" + full + ">: Mailbox of Jan Jansen is full",
				"relay-", "554 5.7.1 <" + denied + ">: Relay access denied",
				"later-", "450 4.7.1 <" + greylisted + ">: Recipient address rejected: Greylisted, try again",
				"kaal-", "550 No such user " + bare))
			.answeringData("groot-", "552 5.3.4 Message for <" + big + "> exceeds the size limit")) {
			MailTransport transport = viaRelay(relay.port());
			java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
			expected.put(unknown, "recipient refused: 550 5.1.1");
			expected.put(full, "mailbox full: 452 4.2.2");
			expected.put(denied, "relay refused us: 554 5.7.1");
			expected.put(greylisted, "try again later: 450 4.7.1");
			expected.put(big, "mail refused: 552 5.3.4");
			expected.put(bare, "recipient refused: 550");
			java.util.Map<String, QueuedMail> mails = new java.util.LinkedHashMap<>();
			expected.keySet().forEach(address -> mails.put(address, waiting(address, null)));
			try (MailTransport.Connection connection = transport.connection()) {
				for (QueuedMail mail : mails.values()) {
					transactions.execute(status -> worker.attempt(mail, connection));
				}
			}

			for (var each : mails.entrySet()) {
				String kept = expected.get(each.getKey());
				assertThat(jdbc.sql("select last_error from outbound_mail where id = :id").param("id", each.getValue().id())
					.query(String.class).single()).as(each.getKey()).isEqualTo(kept);
				assertThat(jdbc.sql("select error from outbound_mail_attempt where outbound_mail_id = :id")
					.param("id", each.getValue().id()).query(String.class).single()).as(each.getKey()).isEqualTo(kept);
				assertThat(outbox.deliveries(List.of(each.getValue().messageId())).get(each.getValue().messageId()).failure())
					.isEqualTo(SendFailure.parse(kept));
				assertThat(output.getAll()).contains(each.getValue().messageId()).contains(kept).doesNotContain(each.getKey());
			}
			assertThat(output.getAll()).doesNotContain("Recipient address rejected").doesNotContain("Jan Jansen")
				.doesNotContain("No such user");
		}
	}

	/**
	 * Failures without a reply of the relay say their kind and their type: a relay nobody answers at, and
	 * a mail whose body does not open.
	 */
	@Test
	void aFailureWithoutAReplySaysItsKindAndItsType() throws Exception {
		int nothingListens;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			nothingListens = closed.getLocalPort();
		}
		QueuedMail mail = waiting("niemand-" + UUID.randomUUID() + "@example.nl", null);
		try (MailTransport.Connection connection = viaRelay(nothingListens).connection()) {
			transactions.execute(status -> worker.attempt(mail, connection));
		}
		assertThat(outbox.deliveries(List.of(mail.messageId())).get(mail.messageId()).failure())
			.isEqualTo(new SendFailure(SendFailure.Kind.RELAY_OUT_OF_REACH, "MailConnectException"));
	}

	/**
	 * A relay that refuses the mail itself (too large, its content) or the address without an enhanced
	 * code gives the same answer tomorrow: the mail fails at once and its conversation is told, as for
	 * an address that does not exist. A refusal of us fails every mail until the operator mends it
	 * (sign-in, our sender, our domain's DMARC, our relay's address on a block list): retried.
	 */
	@Test
	void aRefusalOfTheMailFailsAtOnceAndARefusalOfUsIsRetried() throws Exception {
		try (RefusingRelay relay = new RefusingRelay(java.util.Map.of(
				"kaal", "550 User unknown",
				"aanmelden", "530 5.7.57 Client not authenticated to send mail",
				"wachtwoord", "535 5.7.8 Error: authentication failed: bad credentials",
				"vol", "552 5.2.2 Mailbox full"))
			.answeringData("microsoft", "550 5.7.509 Access denied, sending domain briefwissel.test does not pass DMARC verification and"
					+ " has a DMARC policy of reject")
			.answeringData("groot", "552 5.3.4 Message size exceeds fixed maximum message size")
			.answeringData("inhoud", "554 5.7.1 Message rejected because of its content")
			.answeringData("dmarc", "550 5.7.26 Unauthenticated email from briefwissel.test is not accepted due to domain's DMARC policy")
			.answeringData("lijst", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org")
			.answeringSender("geweigerd", "550 5.7.1 Not allowed")) {
			MailTransport transport = viaRelay(relay.port());
			List<QueuedMail> refused = List.of(waiting("kaal-" + UUID.randomUUID() + "@example.nl", null),
					waiting("groot-" + UUID.randomUUID() + "@example.nl", "reply+grootgrootgrootgr@" + properties.domain()),
					waiting("inhoud-" + UUID.randomUUID() + "@example.nl", null));
			List<QueuedMail> retried = List.of(waiting("aanmelden-" + UUID.randomUUID() + "@example.nl", null),
					waiting("wachtwoord-" + UUID.randomUUID() + "@example.nl", null),
					waiting("dmarc-" + UUID.randomUUID() + "@example.nl", null),
					waiting("lijst-" + UUID.randomUUID() + "@example.nl", null),
					waiting("vol-" + UUID.randomUUID() + "@example.nl", null),
					waiting("microsoft-" + UUID.randomUUID() + "@example.nl", null),
					waiting("iemand-" + UUID.randomUUID() + "@example.nl", "geweigerd@" + properties.domain()));
			try (MailTransport.Connection connection = transport.connection()) {
				for (QueuedMail mail : java.util.stream.Stream.concat(refused.stream(), retried.stream()).toList()) {
					transactions.execute(status -> worker.attempt(mail, connection));
				}
			}

			for (QueuedMail mail : refused) {
				Delivery delivery = outbox.deliveries(List.of(mail.messageId())).get(mail.messageId());
				assertThat(delivery.status()).as(mail.recipient()).isEqualTo(Delivery.Status.FAILED);
				assertThat(delivery.attempts()).as(mail.recipient()).isEqualTo(1);
			}
			assertThat(events.stream(MailRefused.class)).extracting(MailRefused::messageId)
				.containsExactlyInAnyOrderElementsOf(refused.stream().map(QueuedMail::messageId).toList());
			assertThat(events.stream(MailRefused.class)).filteredOn(event -> event.recipient().startsWith("groot-"))
				.singleElement().satisfies(event -> {
					assertThat(event.replyToken()).isEqualTo("grootgrootgrootgr");
					assertThat(event.reason()).contains("552 5.3.4");
				});
			for (QueuedMail mail : retried) {
				Delivery delivery = outbox.deliveries(List.of(mail.messageId())).get(mail.messageId());
				assertThat(delivery.status()).as(mail.recipient()).isEqualTo(Delivery.Status.PENDING);
				assertThat(delivery.attempts()).as(mail.recipient()).isEqualTo(1);
			}
		}
	}

	/**
	 * A relay that cannot be reached, or that takes the connection and never answers, ends the round at
	 * its first mail: each of the others would wait as long, and hold up the outbox; the next round tries
	 * again.
	 */
	@Test
	void aRoundEndsAtTheFirstMailTheRelayCannotBeReachedFor(@Autowired nl.briefwissel.encryption.Encryption encryption,
			@Autowired org.springframework.context.ApplicationEventPublisher publisher) throws Exception {
		int nothingListens;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			nothingListens = closed.getLocalPort();
		}
		assertThat(attemptsInOneRound(viaRelay(nothingListens), encryption, publisher)).isEqualTo(1);
		try (RefusingRelay hangs = RefusingRelay.silent()) {
			assertThat(attemptsInOneRound(viaRelay(hangs.port(), Duration.ofSeconds(1)), encryption, publisher)).isEqualTo(1);
		}
	}

	/**
	 * The attempts one round of a worker makes on three mails due tomorrow, with the clock at tomorrow:
	 * the scheduled worker, on today's clock, leaves them alone.
	 */
	private long attemptsInOneRound(MailTransport transport, nl.briefwissel.encryption.Encryption encryption,
			org.springframework.context.ApplicationEventPublisher publisher) {
		java.time.OffsetDateTime due = java.time.OffsetDateTime.now().plusDays(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		java.time.Instant roundAt = due.plusMinutes(1).toInstant();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			UUID id = UUID.randomUUID();
			ids.add(id);
			jdbc.sql("""
					insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at,
					    created_at, auto_submitted, loop_brake)
					values (:id, :messageId, :to, 'Onderwerp', 'Tekst', 'PENDING', 0, :due, :due, false, false)""")
				.param("id", id)
				.param("messageId", "<" + id + "@" + properties.domain() + ">")
				.param("to", "ronde-" + id + "@example.nl")
				.param("due", due)
				.update();
		}
		try {
			// Mail of other tests still due now goes first, to the embedded server, so the round takes only these.
			await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
					select count(*) from outbound_mail where status = 'PENDING' and next_attempt_at <= :at and id not in (:ids)""")
				.param("at", roundAt.atOffset(java.time.ZoneOffset.UTC))
				.param("ids", ids)
				.query(Long.class)
				.single() == 0);
			new OutboxWorker(jdbc, transactions, transport, properties, java.time.Clock.fixed(roundAt, java.time.ZoneOffset.UTC),
					encryption, publisher).sendDue();
			return jdbc.sql("select count(*) from outbound_mail_attempt where outbound_mail_id in (:ids)")
				.param("ids", ids)
				.query(Long.class)
				.single();
		}
		finally {
			jdbc.sql("delete from outbound_mail where id in (:ids)").param("ids", ids).update();
		}
	}

	/**
	 * The outbox has threads to share with the other scheduled jobs: on Spring's one thread, a relay that
	 * hung held up the reminders, the digests and the retention, and they the outbox.
	 */
	@Test
	void aScheduledJobThatHangsLeavesTheOthersToRun(@Autowired org.springframework.scheduling.TaskScheduler scheduler)
			throws Exception {
		java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch otherRan = new java.util.concurrent.CountDownLatch(1);
		scheduler.schedule(() -> {
			try {
				released.await(20, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, java.time.Instant.now());
		try {
			scheduler.schedule(otherRan::countDown, java.time.Instant.now().plusMillis(100));
			assertThat(otherRan.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		}
		finally {
			released.countDown();
		}
	}

	/** A transport that sends through a relay of the test's own on loopback, in clear text. */
	private MailTransport viaRelay(int port) {
		return viaRelay(port, properties.smtp().readTimeout());
	}

	private MailTransport viaRelay(int port, Duration readTimeout) {
		MailProperties viaRelay = new MailProperties(properties.domain(), properties.from(), properties.fromName(),
				new MailProperties.Smtp("127.0.0.1", port, null, null, false, readTimeout), properties.imap(),
				properties.embedded(), properties.outbox(), properties.receiver());
		return new MailTransport(viaRelay, new DefaultListableBeanFactory().getBeanProvider(EmbeddedMailServer.class),
				java.time.Clock.systemUTC());
	}

	/**
	 * A mail whose data went may be with the relay although the session ended before its answer (a
	 * gateway that scans slower than our timeout): it is not sent again on a new session at once, as a
	 * mail refused before its data is, but waits for its next attempt.
	 */
	@Test
	void aMailWhoseDataWentIsNotSentAgainAtOnceWhenTheRelayEndsTheSessionBeforeItsAnswer() throws Exception {
		try (RefusingRelay relay = new RefusingRelay(java.util.Map.of()).answeringData("traag", RefusingRelay.HANG_UP)) {
			MailTransport transport = viaRelay(relay.port());
			try (MailTransport.Connection connection = transport.connection()) {
				connection.send(queued("eerst-" + UUID.randomUUID() + "@example.nl", "Eerst"));
				org.assertj.core.api.Assertions.assertThatThrownBy(
						() -> connection.send(queued("traag-" + UUID.randomUUID() + "@example.nl", "Traag")))
					.isInstanceOf(jakarta.mail.MessagingException.class);
			}
			assertThat(relay.taken).filteredOn(recipient -> recipient.contains("traag-")).hasSize(1);
		}
	}

	/**
	 * RFC 5321 gives the reply to the end of a mail's data ten minutes, for a gateway that scans it
	 * first; a relay's replies are waited for as long as the setting says, and by default that long.
	 */
	@Test
	void theRelayHasTheReadTimeoutToAnswerAndByDefaultTenMinutes() throws Exception {
		MailProperties.Smtp defaults = new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
			.bindOrCreate("smtp", MailProperties.Smtp.class);
		assertThat(defaults.readTimeout()).isEqualTo(Duration.ofMinutes(10));
		try (RefusingRelay relay = new RefusingRelay(java.util.Map.of()).answeringData("stil", RefusingRelay.SILENCE)) {
			MailTransport transport = viaRelay(relay.port(), Duration.ofSeconds(1));
			long started = System.nanoTime();
			org.assertj.core.api.Assertions.assertThatThrownBy(
					() -> transport.send(queued("stil-" + UUID.randomUUID() + "@example.nl", "Stil")))
				.isInstanceOf(jakarta.mail.MessagingException.class)
				.satisfies(failure -> assertThat(OutboxWorker.relayOutOfReach((Exception) failure)).isTrue());
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
	}

	/**
	 * An address read leniently from an inbound mail, such as “jan..jansen@example.nl”, is one that
	 * Jakarta Mail will not write into a message: every attempt fails the same way, so the mail fails
	 * at once with the reason, and its conversation is told, as when the relay says the address does
	 * not exist. It was tried for two days, and kept the mail flow DEGRADED all that time.
	 */
	@Test
	void anAddressNoMessageCanBeWrittenToFailsAtOnceWithTheReason(@Autowired MailTransport transport) {
		String recipient = "jan..jansen-" + UUID.randomUUID() + "@example.nl";
		QueuedMail mail = waiting(recipient, "reply+qrstuvwxyzabcdef@" + properties.domain());
		try (MailTransport.Connection connection = transport.connection()) {
			transactions.execute(status -> worker.attempt(mail, connection));
		}

		Delivery delivery = outbox.deliveries(List.of(mail.messageId())).get(mail.messageId());
		assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(delivery.failure()).isEqualTo(new SendFailure(SendFailure.Kind.ADDRESS_NOT_WRITABLE, "AddressException"));
		assertThat(events.stream(MailRefused.class)).singleElement().satisfies(event -> {
			assertThat(event.messageId()).isEqualTo(mail.messageId());
			assertThat(event.recipient()).isEqualTo(recipient);
			assertThat(event.replyToken()).isEqualTo("qrstuvwxyzabcdef");
			assertThat(event.reason()).isEqualTo("address not writable: AddressException").doesNotContain("jan..jansen");
		});
	}

	/**
	 * An address of ours that does not parse (a reply address from a mail domain set with a typo) fails every mail
	 * until the operator mends it: the mail is retried, its kind is no fault of the recipient's, and no coach is told
	 * that their participant's address is not valid. It said so, while the mail was retried 55 times.
	 */
	@Test
	void anAddressOfOursThatDoesNotParseIsRetriedAndNotTheRecipientsFault(@Autowired MailTransport transport) {
		QueuedMail mail = waiting("goed-" + UUID.randomUUID() + "@example.nl", "reply+qrstuvwxyzabcdef@briefwissel..test");
		try (MailTransport.Connection connection = transport.connection()) {
			transactions.execute(status -> worker.attempt(mail, connection));
		}

		Delivery delivery = outbox.deliveries(List.of(mail.messageId())).get(mail.messageId());
		assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
		assertThat(delivery.failure()).isEqualTo(new SendFailure(SendFailure.Kind.OTHER, "AddressException"));
		assertThat(events.stream(MailRefused.class)).isEmpty();
	}

	/**
	 * A mail queued to be forgotten once done with (an erasure's confirmation) leaves nothing behind, sent
	 * or given up on: not its row, not its attempts, and no event that would keep its address.
	 */
	@Test
	void aMailToBeForgottenIsGoneOnceSentOrGivenUpOn(@Autowired MailTransport transport) {
		QueuedMail sent = waiting("vergeten-" + UUID.randomUUID() + "@example.nl", null, true);
		QueuedMail refused = waiting("jan..vergeten-" + UUID.randomUUID() + "@example.nl", "reply+vergetenvergetenv@" + properties.domain(), true);
		QueuedMail kept = waiting("bewaard-" + UUID.randomUUID() + "@example.nl", null);
		try (MailTransport.Connection connection = transport.connection()) {
			for (QueuedMail mail : List.of(sent, refused, kept)) {
				transactions.execute(status -> worker.attempt(mail, connection));
			}
		}

		Mailboxes.awaitMail(mailServer, sent.recipient(), m -> true);
		for (QueuedMail mail : List.of(sent, refused)) {
			assertThat(jdbc.sql("select count(*) from outbound_mail where id = :id").param("id", mail.id()).query(Long.class).single())
				.as(mail.recipient()).isZero();
			assertThat(jdbc.sql("select count(*) from outbound_mail_attempt where outbound_mail_id = :id").param("id", mail.id())
				.query(Long.class).single()).as(mail.recipient()).isZero();
		}
		assertThat(events.stream(MailRefused.class)).isEmpty();
		assertThat(outbox.deliveries(List.of(kept.messageId())).get(kept.messageId()).status()).isEqualTo(Delivery.Status.SENT);
	}

	/** A queued mail the scheduled worker leaves alone (due in ten years), for a test's own attempt. */
	private QueuedMail waiting(String recipient, String replyTo) {
		return waiting(recipient, replyTo, false);
	}

	private QueuedMail waiting(String recipient, String replyTo, boolean forgottenOnceDone) {
		QueuedMail mail = new QueuedMail(UUID.randomUUID(), "<" + UUID.randomUUID() + "@" + properties.domain() + ">",
				recipient, "Onderwerp", "Tekst", null, null, replyTo, null, null, false, 0);
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at,
				    created_at, reply_to, auto_submitted, loop_brake, forget_once_done)
				values (:id, :messageId, :to, 'Onderwerp', 'Tekst', 'PENDING', 0, :later, :now, :replyTo, false, false, :forget)""")
			.param("id", mail.id())
			.param("messageId", mail.messageId())
			.param("to", recipient)
			.param("later", java.time.OffsetDateTime.now().plusYears(10))
			.param("now", java.time.OffsetDateTime.now())
			.param("replyTo", replyTo)
			.param("forget", forgottenOnceDone)
			.update();
		return mail;
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

	/**
	 * Jakarta Mail looks up its stream provider for every MIME part, and Spring's helper reads
	 * {@code mime.types} for every message: in the executable jar both were classpath scans, half of
	 * the outbox's CPU. A mail sent must look up neither, even when no mail has been read before.
	 */
	@Test
	void sendingAMailScansTheClasspathForNothing() throws Exception {
		String named = System.clearProperty(MailProvider.PROPERTY);
		ClassLoader original = Thread.currentThread().getContextClassLoader();
		LookupCounting lookups = new LookupCounting(original);
		try {
			MailTransport transport = new MailTransport(properties, embedded, java.time.Clock.systemUTC());
			String recipient = "zonder-zoeken-" + UUID.randomUUID() + "@example.nl";
			Thread.currentThread().setContextClassLoader(lookups);
			// Jakarta Activation keeps its command map per context class loader: the first mail makes it.
			transport.send(queued(recipient, "Eerste"));
			lookups.resources.clear();
			transport.send(queued(recipient, "Tweede"));
		}
		finally {
			Thread.currentThread().setContextClassLoader(original);
			System.setProperty(MailProvider.PROPERTY, named == null ? MailProvider.ANGUS : named);
		}
		assertThat(lookups.resources).noneMatch(name -> name.contains("META-INF/services/") || name.contains("mime.types"));
	}

	/**
	 * Thirty of Outlook's long Message-IDs on one line pass RFC 5322's limit of 998 characters; folded
	 * between the IDs, every line fits and every ID stays whole.
	 */
	@Test
	void aLongReferencesHeaderIsFoldedIntoLinesThatKeepEveryId() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 10; i < 40; i++) {
			ids.add("<AM9PR07MB7" + i + "C1F0E2A3B4C5D6E7F8A9B0C1D2E3F4@AM9PR07MB7" + i + ".eurprd07.prod.outlook.com>");
		}
		String recipient = "lange-draad-" + UUID.randomUUID() + "@example.nl";
		MailTransport transport = new MailTransport(properties, embedded, java.time.Clock.systemUTC());
		transport.send(new QueuedMail(UUID.randomUUID(), "<" + UUID.randomUUID() + "@briefwissel.test>", recipient,
				"Lange draad", "Tekst", "<p>Tekst</p>", null, null, ids.get(ids.size() - 1), String.join(" ", ids), false, 0));

		MimeMessage received = Mailboxes.awaitMail(mailServer, recipient, m -> true);
		String header = Collections.list(received.getMatchingHeaderLines(new String[] { "References" })).get(0);
		String[] lines = header.split("\r\n");
		assertThat(lines).hasSizeGreaterThan(1);
		for (String line : lines) {
			assertThat(line.length()).as(line).isLessThanOrEqualTo(998);
			if (line.length() > 78) {
				// only an ID longer than a line by itself may make a line longer
				assertThat(line.replaceFirst("^References:", "").strip()).as(line).doesNotContain(" ");
			}
		}
		assertThat(header).contains(ids.get(0), ids.get(ids.size() - 1));
		java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
		received.writeTo(raw);
		assertThat(MailReader.read(raw.toByteArray()).references()).containsExactlyElementsOf(ids);
	}

	/**
	 * A Message-ID read before the reader was strict may hold 8-bit or control characters; our answer
	 * leaves it out of In-Reply-To and References instead of writing it into a header a relay may refuse.
	 */
	@Test
	void anAnswerLeavesOutAMessageIdThatIsNotPrintableAscii() throws Exception {
		String recipient = "draad-" + UUID.randomUUID() + "@example.nl";
		MailTransport transport = new MailTransport(properties, embedded, java.time.Clock.systemUTC());
		transport.send(new QueuedMail(UUID.randomUUID(), "<" + UUID.randomUUID() + "@briefwissel.test>", recipient, "Draad",
				"Tekst", "<p>Tekst</p>", null, null, "<caf\u00e9-1@example.nl>",
				"<goed-0@briefwissel.test> <bel\u0007-2@example.nl> <caf\u00e9-1@example.nl> <goed-1@briefwissel.test>", false, 0));

		MimeMessage received = Mailboxes.awaitMail(mailServer, recipient, m -> true);
		assertThat(received.getHeader("In-Reply-To")).isNull();
		assertThat(received.getHeader("References", " ").replaceAll("\\s+", " "))
			.isEqualTo("<goed-0@briefwissel.test> <goed-1@briefwissel.test>");
	}

	@Test
	void theMailsOfOneRoundShareOneSmtpSessionAndASessionTheRelayEndedIsReplaced() throws Exception {
		try (CountingRelay relay = new CountingRelay(mailServer.smtpPort())) {
			MailTransport transport = viaRelay(relay.port());
			String recipient = "een-sessie-" + UUID.randomUUID() + "@example.nl";
			mailServer.ensureMailbox(recipient);
			try (MailTransport.Connection connection = transport.connection()) {
				connection.send(queued(recipient, "Een"));
				connection.send(queued(recipient, "Twee"));
				connection.send(queued(recipient, "Drie"));
				assertThat(relay.sessions.get()).isEqualTo(1);
				// Relays end sessions after some mails or some idle time; the next mail must still go.
				relay.endSessions();
				connection.send(queued(recipient, "Vier"));
			}
			assertThat(relay.sessions.get()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> Mailboxes.read(mailServer, recipient, Mailboxes.PASSWORD).size() >= 4);
			List<String> subjects = new ArrayList<>();
			for (MimeMessage message : Mailboxes.read(mailServer, recipient, Mailboxes.PASSWORD)) {
				subjects.add(message.getSubject());
			}
			assertThat(subjects).containsExactlyInAnyOrder("Een", "Twee", "Drie", "Vier");
		}
	}

	private static QueuedMail queued(String recipient, String subject) {
		return new QueuedMail(UUID.randomUUID(), "<" + UUID.randomUUID() + "@briefwissel.test>", recipient, subject,
				"Tekst", "<p>Tekst</p>", null, null, null, null, false, 0);
	}

	/** A context class loader that notes every resource looked up through it. */
	private static final class LookupCounting extends ClassLoader {

		final List<String> resources = Collections.synchronizedList(new ArrayList<>());

		LookupCounting(ClassLoader parent) {
			super(parent);
		}

		@Override
		public URL getResource(String name) {
			resources.add(name);
			return super.getResource(name);
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			resources.add(name);
			return super.getResources(name);
		}
	}

	/** A relay between the transport and the embedded server that counts SMTP sessions and can end them. */
	private static final class CountingRelay implements AutoCloseable {

		final AtomicInteger sessions = new AtomicInteger();

		private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

		private final List<Socket> open = new CopyOnWriteArrayList<>();

		CountingRelay(int serverPort) throws IOException {
			TestThreads.daemon("counting-relay", () -> {
				try {
					while (true) {
						Socket client = listener.accept();
						Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
						sessions.incrementAndGet();
						open.addAll(List.of(client, server));
						TestThreads.daemon("counting-relay", () -> copy(client, server));
						TestThreads.daemon("counting-relay", () -> copy(server, client));
					}
				}
				catch (IOException closed) {
					// the relay is closed
				}
			});
		}

		int port() {
			return listener.getLocalPort();
		}

		void endSessions() throws IOException {
			for (Socket socket : open) {
				socket.close();
			}
			open.clear();
		}

		private static void copy(Socket from, Socket to) {
			try {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ended) {
				// one side ended the session
			}
		}

		@Override
		public void close() throws IOException {
			listener.close();
			endSessions();
		}
	}
}

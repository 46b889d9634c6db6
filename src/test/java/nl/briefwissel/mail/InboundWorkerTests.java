package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.encryption.Encryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The inbound worker's own faults: what one mail does to it, it does to that mail only. */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class InboundWorkerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

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

	@Autowired
	MailProperties properties;

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
		}, Clock.offset(Clock.systemUTC(), Duration.ofDays(365)), encryption, properties, 1, Duration.ofMillis(100));

		worker.processBatch();

		assertThat(jdbc.sql("select status || ' ' || attempts || ' ' || last_error from inbound_mail where id = :id")
			.param("id", id).query(String.class).single()).startsWith("RECEIVED 1 StackOverflowError");
	}

	/**
	 * A parser's exception names what it read: the sender's address, a header. Kept as the failure's reason it
	 * stood on the administrators' quarantine page and in the operators' log, where no erasure reaches; now
	 * both say which exceptions broke on which mail, and the log has their stack without their words.
	 */
	@Test
	void aFailedMailLeavesNoneOfItsWordsOnTheQuarantinePageOrInTheLog(CapturedOutput output) throws Exception {
		String address = "jan.jansen." + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		UUID id = transactions.execute(status -> {
			UUID stored = inbound.store(("From: " + address + "\r\nMessage-ID: <fout-" + UUID.randomUUID()
					+ "@example.nl>\r\nSubject: x\r\n\r\nTekst\r\n").getBytes(StandardCharsets.US_ASCII),
					InboundMails.Source.SMTP, address, List.of("reply@briefwissel.test")).id();
			// Its last attempt, due only on this test's clock: the application's own workers leave it alone.
			jdbc.sql("update inbound_mail set next_attempt_at = :later, attempts = :attempts where id = :id")
				.param("later", OffsetDateTime.now().plusDays(200))
				.param("attempts", InboundProcessor.MAX_ATTEMPTS - 1)
				.param("id", stored)
				.update();
			return stored;
		});
		InboundProcessor worker = new InboundProcessor(jdbc, batch, transactions, mail -> {
			if (mail.id().equals(id)) {
				throw new IllegalStateException("Unparseable header From: Jan Jansen <" + address + ">",
						new IllegalArgumentException("Domain of " + address + " has no dot"));
			}
			return handler.handle(mail);
		}, Clock.offset(Clock.systemUTC(), Duration.ofDays(365)), encryption, properties, 1, Duration.ofMillis(100));
		try {
			worker.processBatch();

			assertThat(inbound.failed()).filteredOn(failed -> failed.id().equals(id)).singleElement()
				.satisfies(failed -> assertThat(failed.lastError())
					.isEqualTo("IllegalStateException, caused by IllegalArgumentException; see the log for inbound mail " + id));
			String page = mvc.perform(get("/admin/quarantine").with(user(users.loadUserByUsername("beheer@briefwissel.test"))))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(page).contains("IllegalStateException, caused by IllegalArgumentException").doesNotContain(address);
			assertThat(output.getAll()).contains("Processing inbound mail " + id + " failed (attempt 10, giving up)")
				.contains("java.lang.IllegalStateException", "java.lang.IllegalArgumentException", "InboundWorkerTests")
				.doesNotContain(address)
				.doesNotContain("Unparseable header");
		}
		finally {
			// Given up on, it would keep the shared context's mail flow degraded for the tests after this one.
			jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", id).update();
		}
	}

	/**
	 * A backlog of large mails: a batch reads the raw mail of the next ones only once those before them
	 * are handled, so it holds no more than its budget (or one larger mail) at once. It read all 25 when it
	 * claimed them, some 625 MB at the 25 MB limit. Handling each mail rewrites the mails after it in
	 * the database: a mail read at the claim still has its first subject.
	 */
	@Test
	void aBatchOfLargeMailsReadsThemAFewAtATimeNotAllAtOnce() {
		OffsetDateTime due = OffsetDateTime.now().plusDays(300);
		byte[] filling = largeText(InboundProcessor.LOAD_BUDGET_BYTES * 3 / 4);
		List<UUID> large = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int order = i;
			large.add(transactions.execute(status -> {
				UUID stored = inbound.store(mail("large " + order, filling), InboundMails.Source.SMTP, "a@example.nl",
						List.of("reply@briefwissel.test")).id();
				// Due only on this test's clock, in this order: the application's own workers leave them alone.
				jdbc.sql("update inbound_mail set next_attempt_at = :due where id = :id")
					.param("due", due.plusSeconds(order)).param("id", stored).update();
				return stored;
			}));
		}
		Map<UUID, String> subjects = new ConcurrentHashMap<>();
		InboundProcessor worker = new InboundProcessor(jdbc, batch, transactions, mail -> {
			int index = large.indexOf(mail.id());
			if (index < 0) {
				return handler.handle(mail); // any other mail due by then, as the application's workers would
			}
			subjects.put(mail.id(), mail.content().subject());
			for (UUID later : large.subList(index + 1, large.size())) {
				jdbc.sql("update inbound_mail set raw_mail = :raw, raw_mail_key_id = :keyId where id = :id")
					.param("raw", encryption.seal(mail("after large " + index, new byte[0])))
					.param("keyId", encryption.keyId())
					.param("id", later)
					.update();
			}
			return new InboundResult.Quarantined("test");
		}, Clock.offset(Clock.systemUTC(), Duration.ofDays(300).plusHours(1)), encryption, properties, 1, Duration.ofMillis(100));

		worker.processBatch();

		assertThat(large).extracting(subjects::get).containsExactly("large 0", "after large 0", "after large 1");
		assertThat(large).allSatisfy(id -> assertThat(jdbc.sql("select status from inbound_mail where id = :id")
			.param("id", id).query(String.class).single()).isEqualTo("PROCESSED"));
	}

	private static byte[] mail(String subject, byte[] body) {
		byte[] headers = ("From: a@example.nl\r\nMessage-ID: <large-" + UUID.randomUUID() + "@example.nl>\r\nSubject: "
				+ subject + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] mail = java.util.Arrays.copyOf(headers, headers.length + body.length);
		System.arraycopy(body, 0, mail, headers.length, body.length);
		return mail;
	}

	private static byte[] largeText(int size) {
		byte[] line = "Een lange brief, regel na regel, zoals een bijlage die in de tekst is geplakt.......\r\n"
			.getBytes(StandardCharsets.US_ASCII);
		byte[] text = new byte[size];
		for (int i = 0; i < size; i++) {
			text[i] = line[i % line.length];
		}
		return text;
	}
}

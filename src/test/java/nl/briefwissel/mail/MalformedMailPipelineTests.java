package nl.briefwissel.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.conversation.Quarantine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broken and hostile mail through the whole inbound pipeline: stored, processed, and put in the
 * quarantine with a reason — none lost, none stuck, no worker taken down. (Mail above the size
 * limits never gets this far: the SMTP receiver refuses it and the IMAP adapter keeps its headers.)
 */
@BriefwisselTest
class MalformedMailPipelineTests {

	@Autowired
	InboundMails inbound;

	@Autowired
	InboundProcessor processor;

	@Autowired
	Quarantine quarantine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyBrokenMailEndsInTheQuarantineWithAReason() {
		Map<String, UUID> stored = new LinkedHashMap<>();
		String run = UUID.randomUUID().toString();
		for (var entry : MalformedMail.cases(60).entrySet()) {
			if (entry.getKey().equals("fifty megabytes")) {
				continue;
			}
			// A fresh Message-ID per run, so that this test's mails are not taken for redeliveries of an earlier run.
			byte[] raw = new String(entry.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1)
				.replace("@client.example.nl>", "." + run + "@client.example.nl>")
				.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
			InboundMails.Stored mail = inbound.store(raw, InboundMails.Source.SMTP, "afzender@example.nl", List.of());
			if (!mail.duplicate()) {
				stored.put(entry.getKey(), mail.id());
			}
		}
		processor.wakeUp();
		await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
				"select count(*) from inbound_mail where id in (:ids) and status in ('PROCESSED', 'FAILED')")
			.param("ids", List.copyOf(stored.values()))
			.query(Integer.class)
			.single() == stored.size());

		List<String> wrong = new ArrayList<>();
		for (var entry : stored.entrySet()) {
			String status = jdbc.sql("select status from inbound_mail where id = :id").param("id", entry.getValue())
				.query(String.class).single();
			var held = quarantine.entry(entry.getValue());
			boolean threaded = jdbc.sql("select count(*) from message where inbound_mail_id = :id").param("id", entry.getValue())
				.query(Integer.class).single() > 0;
			if (!"PROCESSED".equals(status)) {
				wrong.add(entry.getKey() + ": " + status);
			}
			else if (held.isEmpty() && !threaded) {
				wrong.add(entry.getKey() + ": processed, but neither in a conversation nor in the quarantine");
			}
			else if (held.isPresent() && (held.get().reason() == null || held.get().reason().isBlank())) {
				wrong.add(entry.getKey() + ": quarantined without a reason");
			}
		}
		assertThat(wrong).isEmpty();
		// Mutations that broke the Message-ID share it and count as one redelivery: that is the deduplication working.
		assertThat(stored).hasSizeGreaterThan(40);
	}
}

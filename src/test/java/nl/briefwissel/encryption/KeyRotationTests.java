package nl.briefwissel.encryption;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotation in the shared test database: rows under a retired key ("old") and legacy plain rows
 * are moved to this node's active key, so every other test keeps reading what it wrote.
 */
@BriefwisselTest
class KeyRotationTests {

	private static final String OLD = "old-test";

	@Autowired
	Keyring node;

	@Autowired
	List<EncryptedTables> modules;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	CoachDesk desk;

	@Autowired
	InboundMails inbound;

	@Autowired
	Encryption encryption;

	private final SecretKey oldKey = randomKey();

	/** What the node sealed with before the active key changed. */
	private final Encryption old = new Encryption(new Keyring(Map.of(OLD, oldKey), OLD));

	@Test
	void rotationMovesOldKeyAndLegacyPlainRowsOfEveryTableToTheActiveKeyInBatches() {
		var running = fixtures.runningTrajectory(true);
		var second = fixtures.anotherFor(running, Today.date());
		UUID legacyMessage = message(running.id(), "legacy brief", null, UUID.randomUUID());
		UUID oldMessage = message(running.id(), "brief onder de oude sleutel", OLD, UUID.randomUUID());
		UUID anotherOldMessage = message(running.id(), "nog een brief onder de oude sleutel", OLD, UUID.randomUUID());
		UUID oldAttachment = attachment(oldMessage, "bijlage onder de oude sleutel", OLD);
		UUID legacyAttachment = attachment(legacyMessage, "legacy bijlage", null);
		note(running.id(), running.coach().id(), "legacy notitie", null);
		note(running.id(), running.coach().id(), "notitie onder de oude sleutel", OLD);
		draft(running.id(), running.coach().id(), "legacy concept", null);
		draft(second.id(), running.coach().id(), "concept onder de oude sleutel", OLD);
		UUID legacyMail = inboundMail("legacy ruwe mail", null);
		UUID oldMail = inboundMail("ruwe mail onder de oude sleutel", OLD);
		UUID legacyOutbound = outboundMail("legacy verzonden", null);
		UUID oldOutbound = outboundMail("verzonden onder de oude sleutel", OLD);

		assertThatThrownBy(() -> conversations.of(running.id())).as("this node does not have the old key")
			.isInstanceOf(UnreadableRecordException.class)
			.hasMessageContaining(OLD);

		KeyRotation rotation = rotationWithTheOldKey();
		EncryptedTable messages = table(rotation, "message");
		assertThat(rotation.rotateBatch(messages, 2)).as("a batch is at most the batch size").isEqualTo(2);
		int rest = 0;
		for (int batch; (batch = rotation.rotateBatch(messages, 2)) > 0;) {
			rest += batch;
		}
		assertThat(rest).isGreaterThanOrEqualTo(1);
		List<String> progress = new ArrayList<>();
		rotation.rotate(2, progress::add);

		assertThat(progress).anyMatch(line -> line.startsWith("inbound_mail.raw_mail: 2 re-encrypted"))
			.anyMatch(line -> line.startsWith("message.body: done"));
		assertThat(rotation.census()).allSatisfy((table, counts) -> assertThat(counts.keySet()).as(table)
			.isSubsetOf(node.activeId()));
		assertThat(rotation.rotateBatch(messages, 2)).as("nothing left: running it again does nothing").isZero();

		// The node reads everything again, without the old key.
		assertThat(conversations.of(running.id())).extracting(Message::body)
			.contains("legacy brief", "brief onder de oude sleutel", "nog een brief onder de oude sleutel");
		assertThat(text(conversations.attachmentContent(oldAttachment).orElseThrow())).isEqualTo("bijlage onder de oude sleutel");
		assertThat(text(conversations.attachmentContent(legacyAttachment).orElseThrow())).isEqualTo("legacy bijlage");
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body)
			.containsExactlyInAnyOrder("legacy notitie", "notitie onder de oude sleutel");
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("legacy concept");
		assertThat(desk.of(second.id(), running.coach().id()).draft()).contains("concept onder de oude sleutel");
		assertThat(text(inbound.raw(legacyMail).orElseThrow())).contains("legacy ruwe mail");
		assertThat(text(inbound.raw(oldMail).orElseThrow())).contains("ruwe mail onder de oude sleutel");
		assertThat(outboundText(legacyOutbound)).isEqualTo("legacy verzonden");
		assertThat(outboundText(oldOutbound)).isEqualTo("verzonden onder de oude sleutel");
		for (UUID id : List.of(legacyMessage, oldMessage, anotherOldMessage)) {
			String stored = jdbc.sql("select body from message where id = :id").param("id", id).query(String.class).single();
			assertThat(stored).doesNotContain("brief");
		}
	}

	/** Files are rotated in batches that fit a byte budget (at least one each), whatever the batch size. */
	@Test
	void filesAreRotatedInBatchesThatFitTheirBudget() {
		var running = fixtures.runningTrajectory(true);
		UUID oldMessage = message(running.id(), "brief met drie bijlagen", OLD, UUID.randomUUID());
		for (int i = 0; i < 3; i++) {
			attachment(oldMessage, "bijlage " + i + " onder de oude sleutel", OLD);
		}
		List<String> progress = new ArrayList<>();
		rotationWithTheOldKey().rotate(500, 1, progress::add);
		List<String> attachmentBatches = progress.stream()
			.filter(line -> line.startsWith("message_attachment.") && line.contains(" re-encrypted"))
			.toList();
		assertThat(attachmentBatches).as("one file per batch at a budget of one byte").hasSizeGreaterThanOrEqualTo(3);
		assertThat(attachmentBatches.get(attachmentBatches.size() - 1)).matches("message_attachment\\.[a-z_/]+: " + attachmentBatches.size()
				+ " re-encrypted");
	}

	@Test
	void eachBatchCommitsOnItsOwnAndAnUnreadableRecordStopsTheRotationLoudly() {
		var running = fixtures.runningTrajectory(true);
		long high = new SecureRandom().nextLong();
		UUID first = message(running.id(), "eerste", OLD, new UUID(high, 1));
		UUID second = message(running.id(), "tweede", OLD, new UUID(high, 2));
		UUID broken = message(running.id(), "kapot", OLD, new UUID(high, 3));
		String sealed = jdbc.sql("select body from message where id = :id").param("id", broken).query(String.class).single();
		jdbc.sql("update message set body = :body where id = :id")
			.param("body", sealed.substring(0, 20) + (sealed.charAt(20) == 'A' ? 'B' : 'A') + sealed.substring(21))
			.param("id", broken)
			.update();
		try {
			KeyRotation rotation = rotationWithTheOldKey();
			EncryptedTable messages = table(rotation, "message");
			assertThat(rotation.rotateBatch(messages, 2)).isEqualTo(2);
			assertThatThrownBy(() -> rotation.rotateBatch(messages, 2)).isInstanceOf(UnreadableRecordException.class)
				.hasMessageContaining("message.body")
				.hasMessageContaining(broken.toString());

			assertThat(keyIdOf(first)).as("the first batch stays done").isEqualTo(node.activeId());
			assertThat(keyIdOf(second)).isEqualTo(node.activeId());
			assertThat(keyIdOf(broken)).isEqualTo(OLD);
		}
		finally {
			jdbc.sql("delete from message where id = :id").param("id", broken).update();
		}
		assertThat(conversations.of(running.id())).extracting(Message::body).containsExactly("eerste", "tweede");
	}

	/**
	 * A table with a sealed column that no module lists is passed by rotation and by the status count: an operator
	 * who removes the old key after the count said nothing was left under it loses what it holds (the files of an
	 * application by mail went so). Every column named after a key in the schema must be a listed table's.
	 */
	@Test
	void everyKeyColumnOfTheSchemaIsOneRotationKnows() {
		List<String> inSchema = jdbc.sql("""
				select lower(table_name) || '.' || lower(column_name) from information_schema.columns
				where lower(table_schema) = 'public' and lower(column_name) like '%key_id'
				  and lower(table_name) <> 'flyway_schema_history'""")
			.query(String.class)
			.list();
		List<String> listed = rotationWithTheOldKey().tables().stream()
			.map(table -> table.name() + "." + table.keyIdColumn())
			.toList();
		assertThat(inSchema).as("the key columns in the schema").isNotEmpty();
		assertThat(listed).containsAll(inSchema);
	}

	@Test
	void theNodesOwnRotationSealsLegacyPlainRows() {
		var running = fixtures.runningTrajectory(true);
		UUID legacy = message(running.id(), "van voor de versleuteling", null, UUID.randomUUID());
		KeyRotation rotation = new KeyRotation(jdbc, transactions, encryption, modules);
		assertThat(rotation.rotateBatch(table(rotation, "message"), 10)).isGreaterThanOrEqualTo(1);
		assertThat(keyIdOf(legacy)).isEqualTo(node.activeId());
		assertThat(conversations.of(running.id())).extracting(Message::body).containsExactly("van voor de versleuteling");
	}

	/** This node's keys plus the old one: what a node has after the active key changed. */
	private KeyRotation rotationWithTheOldKey() {
		Keyring keys = new Keyring(Map.of(node.activeId(), node.key(node.activeId()), OLD, oldKey), node.activeId());
		return new KeyRotation(jdbc, transactions, new Encryption(keys), modules);
	}

	private static EncryptedTable table(KeyRotation rotation, String name) {
		return rotation.tables().stream().filter(table -> table.name().equals(name)).findFirst().orElseThrow();
	}

	private String keyIdOf(UUID message) {
		return jdbc.sql("select body_key_id from message where id = :id").param("id", message).query(String.class).single();
	}

	private UUID message(UUID trajectory, String body, String key, UUID id) {
		jdbc.sql("""
				insert into message (id, trajectory_id, author_role, kind, body, body_key_id, channel, created_at)
				values (:id, :trajectory, 'PARTICIPANT', 'MESSAGE', :body, :key, 'WEB', :now)""")
			.param("id", id)
			.param("trajectory", trajectory)
			.param("body", key == null ? body : old.sealText(body))
			.param("key", key)
			.param("now", OffsetDateTime.now())
			.update();
		return id;
	}

	private UUID attachment(UUID message, String content, String key) {
		UUID id = UUID.randomUUID();
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		jdbc.sql("""
				insert into message_attachment (id, message_id, file_name, content_type, size_bytes, content, content_key_id)
				values (:id, :message, 'bijlage.txt', 'text/plain', :size, :content, :key)""")
			.param("id", id)
			.param("message", message)
			.param("size", bytes.length)
			.param("content", key == null ? bytes : old.seal(bytes))
			.param("key", key)
			.update();
		return id;
	}

	private void note(UUID trajectory, UUID coach, String body, String key) {
		jdbc.sql("""
				insert into coach_note (id, trajectory_id, coach_id, body, body_key_id, created_at)
				values (:id, :trajectory, :coach, :body, :key, :now)""")
			.param("id", UUID.randomUUID())
			.param("trajectory", trajectory)
			.param("coach", coach)
			.param("body", key == null ? body : old.sealText(body))
			.param("key", key)
			.param("now", OffsetDateTime.now())
			.update();
	}

	private void draft(UUID trajectory, UUID coach, String body, String key) {
		jdbc.sql("""
				insert into draft (trajectory_id, coach_id, body, body_key_id, updated_at)
				values (:trajectory, :coach, :body, :key, :now)""")
			.param("trajectory", trajectory)
			.param("coach", coach)
			.param("body", key == null ? body : old.sealText(body))
			.param("key", key)
			.param("now", OffsetDateTime.now())
			.update();
	}

	private UUID inboundMail(String text, String key) {
		UUID id = UUID.randomUUID();
		byte[] raw = ("From: iemand@example.nl\r\nSubject: rotatie\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
		// Processed already, so no inbound worker of this node reads it while it is under the old key.
		jdbc.sql("""
				insert into inbound_mail (id, dedup_key, content_hash, raw_mail, raw_mail_key_id, size_bytes, source,
				    received_at, status, attempts, next_attempt_at)
				values (:id, :dedup, 'x', :raw, :key, :size, 'SMTP', :now, 'PROCESSED', 1, :now)""")
			.param("id", id)
			.param("dedup", "test:" + id)
			.param("raw", key == null ? raw : old.seal(raw))
			.param("key", key)
			.param("size", raw.length)
			.param("now", OffsetDateTime.now())
			.update();
		return id;
	}

	private UUID outboundMail(String text, String key) {
		UUID id = UUID.randomUUID();
		// Sent already, so the outbox worker of this node leaves it alone.
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, html_body, body_key_id, status,
				    attempts, next_attempt_at, created_at, sent_at)
				values (:id, :messageId, 'rotatie@example.nl', 'Rotatie', :text, :html, :key, 'SENT', 1, :now, :now, :now)""")
			.param("id", id)
			.param("messageId", "<" + id + "@briefwissel.test>")
			.param("text", key == null ? text : old.sealText(text))
			.param("html", key == null ? "<p>" + text + "</p>" : old.sealText("<p>" + text + "</p>"))
			.param("key", key)
			.param("now", OffsetDateTime.now())
			.update();
		return id;
	}

	private String outboundText(UUID id) {
		return jdbc.sql("select text_body, body_key_id from outbound_mail where id = :id")
			.param("id", id)
			.query((rs, n) -> encryption.openText(rs.getString("body_key_id"), rs.getString("text_body")))
			.single();
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static SecretKey randomKey() {
		byte[] material = new byte[32];
		new SecureRandom().nextBytes(material);
		return new SecretKeySpec(material, "AES");
	}
}

package nl.briefwissel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V94 rewrites why a mail was not sent, as the outbox kept it until now (the exception's text with the relay's words,
 * which quote the recipient's address), into its kind and the relay's code (decision 0104), on both databases: in the
 * mail's row, in each attempt, and in the coach's warning that a refusal wrote. A bounce's warning stays as it was.
 */
class FailedMailReasonMigrationTests {

	private static final String GREYLISTED = "SendFailedException: Invalid Addresses (SMTPAddressFailedException: 450 4.7.1"
			+ " <jan.jansen@example.nl>: Recipient address rejected: Greylisted, try again)";

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, FailedMailReasonMigrationTests::theRelaysWordsGoAndItsCodeStays);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_failed_reason_", FailedMailReasonMigrationTests::theRelaysWordsGoAndItsCodeStays);
	}

	private static void theRelaysWordsGoAndItsCodeStays(String url, String user) throws SQLException {
		// Up to the one before V94 ("?": whether or not a V93 is there yet).
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("93?").load().migrate();
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("SendFailedException: Invalid Addresses (SMTPAddressFailedException: 550 5.1.1 <jan.jansen@example.nl>:"
				+ " Recipient address rejected: User unknown in virtual mailbox table)", "recipient refused: 550 5.1.1");
		expected.put("SendFailedException: Invalid Addresses (SMTPAddressFailedException: 452 4.2.2 <jan.jansen@example.nl>:"
				+ " Mailbox full, try again later)", "mailbox full: 452 4.2.2");
		expected.put("SendFailedException: Invalid Addresses (SMTPAddressFailedException: 554 5.7.1 <jan.jansen@example.nl>:"
				+ " Relay access denied)", "relay refused us: 554 5.7.1");
		expected.put("SMTPSendFailedException: 553 5.1.8 <reply+abc@briefwissel.test>: Sender address rejected: Domain not found",
				"relay refused us: 553 5.1.8");
		expected.put("SMTPSendFailedException: 552 5.3.4 Message for <jan.jansen@example.nl> exceeds the size limit",
				"mail refused: 552 5.3.4");
		expected.put("SendFailedException: Invalid Addresses (SMTPAddressFailedException: 550 No such user jan.jansen@example.nl)",
				"recipient refused: 550");
		// The old text does not name the address that did not parse: the recipient's only when the recipient does not.
		expected.put("AddressException: Local address contains dot-dot", "address not writable: AddressException");
		expected.put("AddressException: Domain contains dot-dot", "other: AddressException");
		expected.put("MailConnectException: Couldn't connect to host, port: relay.example.nl, 587; timeout -1 (ConnectException:"
				+ " Connection refused)", "relay out of reach: MailConnectException");
		expected.put("UnreadableRecordException: A record sealed with key 'k1' does not open", "mail does not open: UnreadableRecordException");
		expected.put("Not sent: more than 10 automatic mails to this address within PT1H (loop brake)", "loop brake");
		expected.put("MessagingException: STARTTLS is required but host does not support STARTTLS", "secure connection failed: MessagingException");
		expected.put("IllegalStateException: something of jan.jansen@example.nl", "other: IllegalStateException");

		Map<String, String> recipients = Map.of("AddressException: Local address contains dot-dot", "jan..jansen@example.nl");
		Map<UUID, String> mails = new LinkedHashMap<>();
		UUID refusedTrajectory = UUID.randomUUID();
		UUID bouncedTrajectory = UUID.randomUUID();
		UUID unwritableTrajectory = UUID.randomUUID();
		// More attempts than the migration reads and writes at a time.
		UUID retried = UUID.randomUUID();
		int retries = 2_345;
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			for (String old : expected.keySet()) {
				UUID id = UUID.randomUUID();
				mails.put(id, old);
				MigrationDatabases.update(connection, """
						insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at,
						    created_at, last_error)
						values (?, ?, ?, 'Onderwerp', 'Tekst', 'FAILED', 2, ?, ?, ?)""", id, "<" + id + "@briefwissel.test>",
						recipients.getOrDefault(old, "jan.jansen@example.nl"), now, now, old);
				for (int attempt = 1; attempt <= 2; attempt++) {
					MigrationDatabases.update(connection, """
							insert into outbound_mail_attempt (outbound_mail_id, attempt, attempted_at, succeeded, error)
							values (?, ?, ?, false, ?)""", id, attempt, now, old);
				}
			}
			MigrationDatabases.update(connection, """
					insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at,
					    created_at, last_error)
					values (?, ?, 'jan.jansen@example.nl', 'Onderwerp', 'Tekst', 'PENDING', ?, ?, ?, ?)""", retried,
					"<" + retried + "@briefwissel.test>", retries, now, now, GREYLISTED);
			try (PreparedStatement attempt = connection.prepareStatement("""
					insert into outbound_mail_attempt (outbound_mail_id, attempt, attempted_at, succeeded, error)
					values (?, ?, ?, false, ?)""")) {
				for (int n = 1; n <= retries; n++) {
					attempt.setObject(1, retried);
					attempt.setInt(2, n);
					attempt.setObject(3, now);
					attempt.setString(4, GREYLISTED);
					attempt.addBatch();
				}
				attempt.executeBatch();
			}
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)",
					programme, organisation, now);
			Map<UUID, String> warnings = Map.of(refusedTrajectory,
					"jan.jansen@example.nl: SendFailedException: Invalid Addresses (SMTPAddressFailedException: 550 5.1.1"
							+ " <jan.jansen@example.nl>: Recipient address rejected: User unknown)",
					unwritableTrajectory, "jan..jansen@example.nl: AddressException: Local address contains dot-dot",
					bouncedTrajectory, "piet@example.nl: This is the mail system at host mail.example.nl.");
			for (Map.Entry<UUID, String> warning : warnings.entrySet()) {
				UUID participant = UUID.randomUUID();
				MigrationDatabases.update(connection,
						"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)", participant,
						organisation, participant + "@example.nl", now);
				MigrationDatabases.update(connection, """
						insert into trajectory (id, programme_id, participant_id, status, created_at)
						values (?, ?, ?, 'RUNNING', ?)""", warning.getKey(), programme, participant, now);
				MigrationDatabases.update(connection, """
						insert into reply_token (token, trajectory_id, participant_id, created_at, mail_failing_since, mail_failure)
						values (?, ?, ?, ?, ?, ?)""", UUID.randomUUID().toString().replace("-", ""), warning.getKey(), participant, now, now,
						warning.getValue());
			}
		}

		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();

		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			for (Map.Entry<UUID, String> mail : mails.entrySet()) {
				String now1 = expected.get(mail.getValue());
				assertThat(one(connection, "select last_error from outbound_mail where id = ?", mail.getKey())).as(mail.getValue())
					.isEqualTo(now1);
				try (PreparedStatement attempts = connection.prepareStatement("select error from outbound_mail_attempt where outbound_mail_id = ?")) {
					attempts.setObject(1, mail.getKey());
					try (ResultSet rs = attempts.executeQuery()) {
						int count = 0;
						while (rs.next()) {
							count++;
							assertThat(rs.getString(1)).as(mail.getValue()).isEqualTo(now1);
						}
						assertThat(count).isEqualTo(2);
					}
				}
			}
			assertThat(one(connection, "select mail_failure from reply_token where trajectory_id = ?", refusedTrajectory))
				.isEqualTo("jan.jansen@example.nl: 550 5.1.1");
			assertThat(one(connection, "select mail_failure from reply_token where trajectory_id = ?", unwritableTrajectory))
				.isEqualTo("jan..jansen@example.nl");
			assertThat(one(connection, "select last_error from outbound_mail where id = ?", retried)).isEqualTo("try again later: 450 4.7.1");
			assertThat(one(connection, """
					select count(*) from outbound_mail_attempt where outbound_mail_id = ? and error = 'try again later: 450 4.7.1'""",
					retried)).isEqualTo(String.valueOf(retries));
			assertThat(one(connection, "select mail_failure from reply_token where trajectory_id = ?", bouncedTrajectory))
				.isEqualTo("piet@example.nl: This is the mail system at host mail.example.nl.");
		}
	}

	/**
	 * After a relay was away for days, there may be a million failed attempts. Read whole, as PostgreSQL's driver reads
	 * a result unless told otherwise, they filled a small heap and the application did not start. Here 60,000 attempts
	 * of 2,000 characters each (some 120 MB as the driver holds them) are rewritten by Flyway in a JVM of its own with a
	 * heap of 48 MB.
	 */
	@Test
	void onPostgresManyAttemptsAreRewrittenInASmallHeap(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_failed_many_", (url, user) -> {
			Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("93?").load().migrate();
			UUID mail = UUID.randomUUID();
			OffsetDateTime now = OffsetDateTime.now();
			String old = "SendFailedException: Invalid Addresses (SMTPAddressFailedException: 550 5.1.1 <jan.jansen@example.nl>:"
					+ " Recipient address rejected: User unknown in virtual mailbox table)";
			try (Connection connection = DriverManager.getConnection(url, user, "")) {
				MigrationDatabases.update(connection, """
						insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at,
						    created_at, last_error)
						values (?, ?, 'jan.jansen@example.nl', 'Onderwerp', 'Tekst', 'PENDING', 60000, ?, ?, ?)""", mail,
						"<" + mail + "@briefwissel.test>", now, now, old);
				MigrationDatabases.update(connection, """
						insert into outbound_mail_attempt (outbound_mail_id, attempt, attempted_at, succeeded, error)
						select ?, n, ?, false, ? from generate_series(1, 60000) n""", mail, now,
						(old + " " + "x".repeat(2_000)).substring(0, 2_000));
			}

			Path log = folder.resolve("migration.log");
			try {
				Process migration = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
						"-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
						Migrate.class.getName(), url, user)
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				assertThat(migration.waitFor(5, TimeUnit.MINUTES)).as("the migration ends").isTrue();
				assertThat(migration.exitValue()).as(Files.readString(log)).isZero();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}

			try (Connection connection = DriverManager.getConnection(url, user, "")) {
				assertThat(one(connection, """
						select count(*) from outbound_mail_attempt where outbound_mail_id = ? and error = 'recipient refused: 550 5.1.1'""",
						mail)).isEqualTo("60000");
			}
		});
	}

	/** Flyway as the application runs it, in the JVM the test starts with a small heap. */
	static final class Migrate {

		public static void main(String[] args) {
			Flyway.configure().dataSource(args[0], args[1], "").locations("classpath:db/migration").load().migrate();
		}
	}

	private static String one(Connection connection, String sql, UUID id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}
}

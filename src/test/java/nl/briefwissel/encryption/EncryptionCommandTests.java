package nl.briefwissel.encryption;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command as an administrator runs it, on a database of its own. */
class EncryptionCommandTests {

	@TempDir
	Path folder;

	private String url;

	private Path developmentKey;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void rotateReEncryptsLegacyRowsInBatchesAndPrintsProgressAndTheCountPerKey() throws Exception {
		evaluationDefaultStarted();
		assertThat(run("encryption", "status")).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(output()).contains("Records per key:", "inbound_mail.raw_mail: none", "message.body: none");
		for (int i = 0; i < 3; i++) {
			legacyInboundMail("Ruwe mail " + i + " van voor de versleuteling");
		}
		out.reset();

		int exit = run("encryption", "rotate", "--batch-size=2");

		assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(output()).contains("in batches of 2", "inbound_mail.raw_mail: 2 re-encrypted",
				"inbound_mail.raw_mail: 3 re-encrypted", "Done: 3 record(s) re-encrypted.")
			.containsPattern("inbound_mail.raw_mail: \\{development-[0-9a-f]{8}=3}");
		assertThat(keyIds()).hasSize(3).allMatch(id -> id != null && id.startsWith("development-"));
		out.reset();
		assertThat(run("encryption", "rotate")).isZero();
		assertThat(output()).as("run again, nothing is left").contains("Done: 0 record(s) re-encrypted.");
	}

	/**
	 * Run without the application's keys (another folder, a forgotten variable), the command made a key
	 * of its own and sealed the rows from before encryption with it, where no node could open them.
	 */
	@Test
	void withoutTheApplicationsKeysTheCommandChangesNothingAndSaysWhatIsMissing() throws Exception {
		evaluationDefaultStarted();
		assertThat(run("encryption", "status")).as(err.toString(StandardCharsets.UTF_8)).isZero();
		legacyInboundMail("Ruwe mail van voor de versleuteling");
		developmentKey = folder.resolve("elders").resolve("development.key");

		assertThat(run("encryption", "rotate")).isEqualTo(2);

		assertThat(err.toString(StandardCharsets.UTF_8)).contains("No encryption key is configured",
				"BRIEFWISSEL_ENCRYPTION_ACTIVE_KEY");
		assertThat(keyIds()).containsExactly((String) null);
		assertThat(developmentKey).doesNotExist();
	}

	@Test
	void statusNamesAKeyThatRecordsNeedButTheConfigurationNoLongerHas() throws Exception {
		evaluationDefaultStarted();
		assertThat(run("encryption", "status")).as(err.toString(StandardCharsets.UTF_8)).isZero();
		legacyInboundMail("Ruwe mail onder een sleutel die weg is");
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			connection.createStatement().executeUpdate("update inbound_mail set raw_mail_key_id = 'k2025'");
		}

		assertThat(run("encryption", "status")).isEqualTo(2);

		assertThat(output()).contains("inbound_mail.raw_mail: {k2025=1}");
		assertThat(err.toString(StandardCharsets.UTF_8))
			.contains("Records are under key(s) that are not configured: k2025. They cannot be read until the key is configured again.");
	}

	@Test
	void wrongUsageExplainsItself() {
		assertThat(run("encryption", "draai")).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar briefwissel.jar encryption rotate");
		assertThat(run("encryption", "rotate", "--batch-size=nul")).isEqualTo(1);
		assertThat(run("encryption", "rotate", "now")).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not understood: 'now'.");
		assertThat(run("encryption", "status", "--batch-size=10")).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not understood: '--batch-size=10'.");
	}

	@Test
	void aConfigurationThatCannotBeReadGivesExitCodeTwo() {
		assertThat(run("encryption", "status", "--briefwissel.encryption.keys.k1=te-kort")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot run the encryption command: Encryption key 'k1' is not valid base64");
	}

	@BeforeEach
	void database() {
		// A file, as in the evaluation default: the command's context closes its database on exit.
		url = "jdbc:h2:file:" + folder.resolve("briefwissel").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		developmentKey = folder.resolve("development.key");
	}

	/** The evaluation default made its development key when it first started; the command uses it. */
	private void evaluationDefaultStarted() {
		Keyring.from(new EncryptionProperties(java.util.Map.of(), null, null, null, developmentKey, 500));
	}

	private int run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--briefwissel.db.url=" + url);
		all.add("--briefwissel.db.user=sa");
		all.add("--briefwissel.encryption.development-key-file=" + developmentKey);
		return EncryptionCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private String output() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private void legacyInboundMail(String text) throws SQLException {
		UUID id = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				PreparedStatement insert = connection.prepareStatement("""
						insert into inbound_mail (id, dedup_key, content_hash, raw_mail, size_bytes, source, received_at,
						    status, attempts, next_attempt_at)
						values (?, ?, 'x', ?, 10, 'SMTP', current_timestamp, 'PROCESSED', 1, current_timestamp)""")) {
			insert.setObject(1, id);
			insert.setString(2, "test:" + id);
			insert.setBytes(3, text.getBytes(StandardCharsets.UTF_8));
			insert.executeUpdate();
		}
	}

	private List<String> keyIds() throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet rs = connection.createStatement().executeQuery("select raw_mail_key_id from inbound_mail")) {
			List<String> ids = new ArrayList<>();
			while (rs.next()) {
				ids.add(rs.getString(1));
			}
			return ids;
		}
	}
}

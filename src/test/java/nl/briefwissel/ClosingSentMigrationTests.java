package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V83 makes a closing summary a draft until it is sent (decision 0086), on both databases: a summary
 * written before was mailed and shown when it was saved, so it stays sent, at the time it was written.
 */
class ClosingSentMigrationTests {

	/** In a file, as OneOpenInvitationMigrationTests explains: H2 in memory closes under Flyway's feet. */
	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		String url = "jdbc:h2:file:" + folder.resolve("briefwissel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		aSummaryWrittenBeforeStaysSent(url, "sa");
	}

	@Test
	void onPostgres() throws SQLException {
		String server = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
		String user = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES_USER", "postgres");
		Assumptions.assumeTrue(reachable(server + "postgres", user) || System.getenv("CI") != null,
				"no PostgreSQL at " + server + " (CI always has one)");
		String database = "briefwissel_closing_sent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(server + "postgres", user, "create database " + database);
		try {
			aSummaryWrittenBeforeStaysSent(server + database, user);
		}
		finally {
			execute(server + "postgres", user, "drop database if exists " + database + " with (force)");
		}
	}

	private static void aSummaryWrittenBeforeStaysSent(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("82").load().migrate();
		OffsetDateTime writtenAt = OffsetDateTime.parse("2026-11-20T10:15:00+01:00");
		UUID trajectory = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID coach = UUID.randomUUID();
			UUID participant = UUID.randomUUID();
			OffsetDateTime now = OffsetDateTime.now();
			update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", programme,
					organisation, now);
			for (UUID account : new UUID[] { coach, participant }) {
				update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						account, organisation, account + "@example.nl", now);
			}
			update(connection, """
					insert into trajectory (id, programme_id, participant_id, coach_id, status, created_at)
					values (?, ?, ?, ?, 'RUNNING', ?)""", trajectory, programme, participant, coach, now);
			update(connection, "insert into closing (trajectory_id, summary, written_at, written_by) values (?, 'Samenvatting', ?, ?)",
					trajectory, writtenAt, coach);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "");
				PreparedStatement statement = connection.prepareStatement("select sent_at from closing where trajectory_id = ?")) {
			statement.setObject(1, trajectory);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(writtenAt.toInstant());
			}
		}
	}

	/** A null is bound untyped: PostgreSQL takes it for a uuid column and a text one alike. */
	private static void update(Connection connection, String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				if (values[i] == null) {
					statement.setNull(i + 1, java.sql.Types.OTHER);
				}
				else {
					statement.setObject(i + 1, values[i]);
				}
			}
			statement.executeUpdate();
		}
	}

	private static boolean reachable(String url, String user) {
		try (Connection ignored = DriverManager.getConnection(url, user, "")) {
			return true;
		}
		catch (SQLException e) {
			return false;
		}
	}

	private static void execute(String url, String user, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}

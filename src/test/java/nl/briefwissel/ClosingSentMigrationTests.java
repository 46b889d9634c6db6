package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V83 makes a closing summary a draft until it is sent (decision 0086), on both databases: a summary
 * written before was mailed and shown when it was saved, so it stays sent, at the time it was written.
 */
class ClosingSentMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, ClosingSentMigrationTests::aSummaryWrittenBeforeStaysSent);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_closing_sent_", ClosingSentMigrationTests::aSummaryWrittenBeforeStaysSent);
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
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", programme,
					organisation, now);
			for (UUID account : new UUID[] { coach, participant }) {
				MigrationDatabases.update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						account, organisation, account + "@example.nl", now);
			}
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, coach_id, status, created_at)
					values (?, ?, ?, ?, 'RUNNING', ?)""", trajectory, programme, participant, coach, now);
			MigrationDatabases.update(connection, "insert into closing (trajectory_id, summary, written_at, written_by) values (?, 'Samenvatting', ?, ?)",
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
}

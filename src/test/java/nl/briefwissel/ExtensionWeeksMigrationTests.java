package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V111 keeps the weeks of each extension. A trajectory extended once before it gets its extra weeks as that
 * extension's weeks; one extended twice gets none for either (their own weeks were never kept), and no other change
 * gets any, a handover (which also leaves the status as it was) neither. On both databases.
 */
class ExtensionWeeksMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, ExtensionWeeksMigrationTests::aSingleExtensionGetsTheSum);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_extension_weeks_", ExtensionWeeksMigrationTests::aSingleExtensionGetsTheSum);
	}

	private static void aSingleExtensionGetsTheSum(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("110").load().migrate();
		OffsetDateTime now = OffsetDateTime.now();
		UUID once = UUID.randomUUID();
		UUID twice = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID coach = UUID.randomUUID();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)",
					programme, organisation, now);
			MigrationDatabases.update(connection,
					"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Coach', ?)", coach,
					organisation, coach + "@example.nl", now);
			String change = """
					insert into trajectory_transition (id, trajectory_id, at, from_status, to_status, reason_code, to_coach_id)
					values (?, ?, ?, ?, ?, ?, ?)""";
			for (UUID trajectory : List.of(once, twice)) {
				UUID participant = UUID.randomUUID();
				MigrationDatabases.update(connection,
						"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						participant, organisation, participant + "@example.nl", now);
				MigrationDatabases.update(connection, """
						insert into trajectory (id, programme_id, participant_id, status, created_at, extra_weeks, retention_months)
						values (?, ?, ?, 'RUNNING', ?, ?, 24)""", trajectory, programme, participant, now, trajectory == once ? 3 : 4);
				MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(9), "MATCHING", "RUNNING",
						"MATCHED", null);
				MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(8), "RUNNING", "RUNNING",
						"COACH_UNAVAILABLE", coach);
				MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(7), "RUNNING", "RUNNING",
						"MORE_TIME_NEEDED", null);
			}
			MigrationDatabases.update(connection, change, UUID.randomUUID(), twice, now.minusDays(6), "RUNNING", "PAUSED", "NO_TIME", null);
			MigrationDatabases.update(connection, change, UUID.randomUUID(), twice, now.minusDays(5), "PAUSED", "PAUSED", "OTHER", null);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("111").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(weeks(connection, once)).as("matched, handed over, extended once").containsExactly("-", "-", "3");
			assertThat(weeks(connection, twice)).as("extended twice: neither's own weeks are known").containsExactly("-", "-", "-", "-", "-");
			assertThatThrownBy(() -> MigrationDatabases.update(connection, "update trajectory_transition set weeks = 0 where trajectory_id = ?",
					once)).isInstanceOf(SQLException.class);
		}
	}

	private static List<String> weeks(Connection connection, UUID trajectory) throws SQLException {
		List<String> weeks = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select weeks from trajectory_transition where trajectory_id = '" + trajectory
						+ "' order by at")) {
			while (rs.next()) {
				int value = rs.getInt(1);
				weeks.add(rs.wasNull() ? "-" : String.valueOf(value));
			}
		}
		return weeks;
	}
}

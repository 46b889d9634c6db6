package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V115 fills an audit line's trajectory column from its details where the column is empty, on both databases: the
 * address's id on a trajectory's route (a refused handover), a form's trajectoryId (in capitals too); a column
 * already filled stays, an id on another route (an account's) and a value that does not parse are no trajectory.
 */
class AuditTrajectoryColumnMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, AuditTrajectoryColumnMigrationTests::aLineAboutATrajectoryGetsItInItsColumn);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_audit_column_", AuditTrajectoryColumnMigrationTests::aLineAboutATrajectoryGetsItInItsColumn);
	}

	private static void aLineAboutATrajectoryGetsItInItsColumn(String url, String user) throws SQLException {
		// Up to the one before V115 ("?": whether or not a V114 is there yet).
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("114?").load().migrate();
		UUID trajectory = UUID.randomUUID();
		UUID kept = UUID.randomUUID();
		UUID account = UUID.randomUUID();
		UUID handover = UUID.randomUUID();
		UUID capitals = UUID.randomUUID();
		UUID filled = UUID.randomUUID();
		UUID accountLine = UUID.randomUUID();
		UUID garbled = UUID.randomUUID();
		UUID none = UUID.randomUUID();
		UUID cut = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			line(connection, handover, "POST /programme/trajectories/{id}/handover", null,
					"coach=" + UUID.randomUUID() + ", id=" + trajectory + ", outcome=refused");
			line(connection, capitals, "POST /admin/quarantine/{id}/attach", null,
					"id=" + UUID.randomUUID() + ", trajectoryId=" + trajectory.toString().toUpperCase(Locale.ROOT));
			line(connection, filled, "POST /admin/quarantine/{id}/attach", kept, "trajectoryId=" + trajectory);
			line(connection, accountLine, "POST /admin/accounts/{id}/roles", null, "grant=true, id=" + account);
			line(connection, garbled, "POST /admin/quarantine/{id}/attach", null, "trajectoryId=" + trajectory + "x");
			line(connection, none, "GET /admin/audit", null, null);
			// Cut at the column's length: the identifier is not whole.
			line(connection, cut, "POST /programme/programmes/{id}/coaches", null,
					"trajectoryId=" + trajectory.toString().substring(0, 30) + "...");
			// More than the migration reads and writes at a time.
			try (PreparedStatement many = connection.prepareStatement("""
					insert into audit_entry (id, at, action, route, trajectory_id, details)
					values (?, ?, 'ADMINISTRATION', 'POST /programme/trajectories/{id}/propose', null, ?)""")) {
				for (int n = 0; n < 2_345; n++) {
					many.setObject(1, UUID.randomUUID());
					many.setObject(2, OffsetDateTime.now());
					many.setString(3, "coach=" + account + ", id=" + kept);
					many.addBatch();
				}
				many.executeBatch();
			}
		}

		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();

		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(column(connection, handover)).isEqualTo(trajectory);
			assertThat(column(connection, capitals)).isEqualTo(trajectory);
			assertThat(column(connection, filled)).isEqualTo(kept);
			assertThat(column(connection, accountLine)).isNull();
			assertThat(column(connection, garbled)).isNull();
			assertThat(column(connection, none)).isNull();
			assertThat(column(connection, cut)).isNull();
			try (PreparedStatement count = connection.prepareStatement("""
					select count(*) from audit_entry where route = 'POST /programme/trajectories/{id}/propose' and trajectory_id = ?""")) {
				count.setObject(1, kept);
				try (ResultSet rs = count.executeQuery()) {
					rs.next();
					assertThat(rs.getLong(1)).isEqualTo(2_345);
				}
			}
		}
	}

	private static void line(Connection connection, UUID id, String route, UUID trajectory, String details) throws SQLException {
		MigrationDatabases.update(connection, """
				insert into audit_entry (id, at, actor_id, actor_name, action, route, trajectory_id, details)
				values (?, ?, ?, 'Iemand', 'ADMINISTRATION', ?, ?, ?)""", id, OffsetDateTime.now(), UUID.randomUUID(), route, trajectory,
				details);
	}

	private static UUID column(Connection connection, UUID id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select trajectory_id from audit_entry where id = ?")) {
			statement.setObject(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				assertThat(rs.next()).isTrue();
				return rs.getObject(1, UUID.class);
			}
		}
	}
}

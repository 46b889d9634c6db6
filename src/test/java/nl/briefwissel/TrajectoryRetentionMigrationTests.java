package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V104 gives every trajectory its own retention period (decision 0134), on both databases: one from before gets its
 * programme's period of now, the only one known, and a new one cannot be stored without a period of its own.
 */
class TrajectoryRetentionMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, TrajectoryRetentionMigrationTests::aTrajectoryFromBeforeGetsItsProgrammesPeriod);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_trajectory_retention_",
				TrajectoryRetentionMigrationTests::aTrajectoryFromBeforeGetsItsProgrammesPeriod);
	}

	private static void aTrajectoryFromBeforeGetsItsProgrammesPeriod(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("103?").load().migrate();
		UUID organisation = UUID.randomUUID();
		UUID shortProgramme = UUID.randomUUID();
		UUID defaultProgramme = UUID.randomUUID();
		UUID participant = UUID.randomUUID();
		UUID kept18 = UUID.randomUUID();
		UUID kept24 = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, """
					insert into programme (id, organisation_id, name, retention_months, created_at) values (?, ?, 'Kort', 18, ?)""",
					shortProgramme, organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Gewoon', ?)",
					defaultProgramme, organisation, now);
			MigrationDatabases.update(connection,
					"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)", participant,
					organisation, participant + "@example.nl", now);
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, status, created_at) values (?, ?, ?, 'COMPLETED', ?)""",
					kept18, shortProgramme, participant, now);
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, status, created_at) values (?, ?, ?, 'RUNNING', ?)""",
					kept24, defaultProgramme, participant, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("104").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection, "update programme set retention_months = 6");
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select id, retention_months from trajectory order by retention_months")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(kept18);
				assertThat(rs.getInt(2)).isEqualTo(18);
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(kept24);
				assertThat(rs.getInt(2)).as("the default of before").isEqualTo(24);
				assertThat(rs.next()).isFalse();
			}
			assertThatThrownBy(() -> MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, status, created_at) values (?, ?, ?, 'INTAKE', ?)""",
					UUID.randomUUID(), defaultProgramme, participant, now))
				.as("a trajectory without a period of its own").isInstanceOf(SQLException.class);
		}
	}
}

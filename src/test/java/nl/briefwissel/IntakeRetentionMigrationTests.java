package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V105 gives an application consented to before it, whose trajectory is not made yet, its programme's period of now:
 * the nearest known to the one its form named (decision 0134). One not consented to, or already a trajectory, keeps
 * none. On both databases.
 */
class IntakeRetentionMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, IntakeRetentionMigrationTests::aConsentedApplicationGetsItsProgrammesPeriod);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_intake_retention_",
				IntakeRetentionMigrationTests::aConsentedApplicationGetsItsProgrammesPeriod);
	}

	private static void aConsentedApplicationGetsItsProgrammesPeriod(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("104").load().migrate();
		UUID organisation = UUID.randomUUID();
		UUID programme = UUID.randomUUID();
		UUID participant = UUID.randomUUID();
		UUID trajectory = UUID.randomUUID();
		UUID consented = UUID.randomUUID();
		UUID notConsented = UUID.randomUUID();
		UUID madeTrajectory = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, """
					insert into programme (id, organisation_id, name, retention_months, created_at) values (?, ?, 'Kort', 18, ?)""",
					programme, organisation, now);
			MigrationDatabases.update(connection,
					"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)", participant,
					organisation, participant + "@example.nl", now);
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, status, retention_months, created_at)
					values (?, ?, ?, 'INTAKE', 30, ?)""", trajectory, programme, participant, now);
			MigrationDatabases.update(connection, """
					insert into intake (id, programme_id, email, source, status, consent_at, created_at)
					values (?, ?, 'a@example.nl', 'LINK', 'AWAITING_CONFIRMATION', ?, ?)""", consented, programme, now, now);
			MigrationDatabases.update(connection, """
					insert into intake (id, programme_id, email, source, status, created_at)
					values (?, ?, 'b@example.nl', 'INVITATION', 'INVITED', ?)""", notConsented, programme, now);
			MigrationDatabases.update(connection, """
					insert into intake (id, programme_id, email, source, status, consent_at, trajectory_id, created_at)
					values (?, ?, 'c@example.nl', 'LINK', 'SUBMITTED', ?, ?, ?)""", madeTrajectory, programme, now, trajectory, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("105").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection, "update programme set retention_months = 6");
			Map<UUID, Object> periods = new HashMap<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select id, retention_months from intake")) {
				while (rs.next()) {
					periods.put(rs.getObject(1, UUID.class), rs.getObject(2));
				}
			}
			assertThat(((Number) periods.get(consented)).intValue()).as("consented, no trajectory yet").isEqualTo(18);
			assertThat(periods.get(notConsented)).as("not consented to").isNull();
			assertThat(periods.get(madeTrajectory)).as("its trajectory keeps its own").isNull();
		}
	}
}

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

/**
 * V96 lets a change of course be stored without a reason, on both databases: a resume stored before with OTHER (the
 * column wanted a code) has none after it, and every other change keeps its reason, a pause for 'other' too.
 */
class ResumeWithoutReasonMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, ResumeWithoutReasonMigrationTests::aResumeLosesItsOther);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_resume_reason_", ResumeWithoutReasonMigrationTests::aResumeLosesItsOther);
	}

	private static void aResumeLosesItsOther(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("95").load().migrate();
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID participant = UUID.randomUUID();
			UUID trajectory = UUID.randomUUID();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)",
					programme, organisation, now);
			MigrationDatabases.update(connection,
					"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)", participant,
					organisation, participant + "@example.nl", now);
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, status, created_at) values (?, ?, ?, 'RUNNING', ?)""",
					trajectory, programme, participant, now);
			String change = """
					insert into trajectory_transition (id, trajectory_id, at, from_status, to_status, reason_code)
					values (?, ?, ?, ?, ?, ?)""";
			MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(5), "INTAKE", "MATCHING", "OTHER");
			MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(4), "MATCHING", "RUNNING", "MATCHED");
			MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(3), "RUNNING", "PAUSED", "OTHER");
			MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(2), "PAUSED", "RUNNING", "OTHER");
			MigrationDatabases.update(connection, change, UUID.randomUUID(), trajectory, now.minusDays(1), "RUNNING", "RUNNING", "MORE_TIME_NEEDED");
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("96").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select from_status, to_status, reason_code from trajectory_transition order by at")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1) + ">" + rs.getString(2)).isEqualTo("INTAKE>MATCHING");
			assertThat(rs.getString(3)).as("a proposal gave no reason").isNull();
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(3)).isEqualTo("MATCHED");
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(3)).as("a pause for 'other' keeps it").isEqualTo("OTHER");
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1) + ">" + rs.getString(2)).isEqualTo("PAUSED>RUNNING");
			assertThat(rs.getString(3)).as("a resume gave no reason").isNull();
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(3)).isEqualTo("MORE_TIME_NEEDED");
			assertThat(rs.next()).isFalse();
		}
	}
}

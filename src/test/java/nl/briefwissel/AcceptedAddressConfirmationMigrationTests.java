package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V90 makes an accepted address wait for the participant's confirmation (decision 0091), on both databases: an
 * address accepted before was in effect and stays confirmed. An address accepted twice on open trajectories (the
 * race V90 closes) keeps working on both, and the first accepted holds its one claim; a second claim is refused.
 */
class AcceptedAddressConfirmationMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, AcceptedAddressConfirmationMigrationTests::addressesAcceptedBeforeStayConfirmed);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_accepted_confirm_",
				AcceptedAddressConfirmationMigrationTests::addressesAcceptedBeforeStayConfirmed);
	}

	private static void addressesAcceptedBeforeStayConfirmed(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("89").load().migrate();
		OffsetDateTime first = OffsetDateTime.parse("2026-11-20T10:15:00+01:00");
		UUID one = UUID.randomUUID();
		UUID two = UUID.randomUUID();
		UUID ended = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID coach = UUID.randomUUID();
			OffsetDateTime now = OffsetDateTime.now();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)",
					programme, organisation, now);
			MigrationDatabases.update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Coach', ?)",
					coach, organisation, coach + "@example.nl", now);
			Map<UUID, String> statuses = Map.of(one, "RUNNING", two, "PAUSED", ended, "COMPLETED");
			for (Map.Entry<UUID, String> trajectory : statuses.entrySet()) {
				UUID participant = UUID.randomUUID();
				MigrationDatabases.update(connection,
						"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)", participant,
						organisation, participant + "@example.nl", now);
				MigrationDatabases.update(connection, """
						insert into trajectory (id, programme_id, participant_id, coach_id, status, created_at)
						values (?, ?, ?, ?, ?, ?)""", trajectory.getKey(), programme, participant, coach, trajectory.getValue(), now);
			}
			// The race: one address accepted for two participants in open trajectories; and the ended one has it too.
			MigrationDatabases.update(connection,
					"insert into accepted_address (trajectory_id, address, accepted_by, accepted_at) values (?, 'werk@example.nl', ?, ?)", one, coach,
					first);
			MigrationDatabases.update(connection,
					"insert into accepted_address (trajectory_id, address, accepted_by, accepted_at) values (?, 'werk@example.nl', ?, ?)", two, coach,
					first.plusSeconds(1));
			MigrationDatabases.update(connection,
					"insert into accepted_address (trajectory_id, address, accepted_by, accepted_at) values (?, 'werk@example.nl', ?, ?)", ended,
					coach, first.minusDays(30));
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "");
				PreparedStatement statement = connection
					.prepareStatement("select trajectory_id, state, live_address, token_hash, accepted_at from accepted_address")) {
			Map<UUID, String> states = new HashMap<>();
			Map<UUID, String> claims = new HashMap<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					UUID trajectory = rs.getObject(1, UUID.class);
					states.put(trajectory, rs.getString(2));
					claims.put(trajectory, rs.getString(3));
					assertThat(rs.getString(4)).as("no link for what was in effect").isNull();
				}
			}
			assertThat(states).containsOnly(Map.entry(one, "CONFIRMED"), Map.entry(two, "CONFIRMED"), Map.entry(ended, "CONFIRMED"));
			assertThat(claims.get(one)).isEqualTo("werk@example.nl");
			assertThat(claims.get(two)).isNull();
			assertThat(claims.get(ended)).isNull();
			// A second claim of the address is refused by the database.
			assertThatThrownBy(() -> MigrationDatabases.update(connection,
					"update accepted_address set live_address = 'werk@example.nl' where trajectory_id = ?", two))
				.isInstanceOf(SQLException.class);
		}
	}
}

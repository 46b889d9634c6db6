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
 * V92 lets an accepted address be withdrawn by the participant (decision 0102), on both databases: the rows there
 * were keep their state, a confirmed one may become WITHDRAWN, and a state that is none of the five is still refused.
 */
class AddressWithdrawnByParticipantMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, AddressWithdrawnByParticipantMigrationTests::aConfirmedAddressMayBeWithdrawn);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_address_withdrawn_",
				AddressWithdrawnByParticipantMigrationTests::aConfirmedAddressMayBeWithdrawn);
	}

	private static void aConfirmedAddressMayBeWithdrawn(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("91").load().migrate();
		UUID trajectory = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID participant = UUID.randomUUID();
			OffsetDateTime now = OffsetDateTime.now();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)",
					programme, organisation, now);
			MigrationDatabases.update(connection,
					"insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)", participant,
					organisation, participant + "@example.nl", now);
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, status, created_at) values (?, ?, ?, 'RUNNING', ?)""",
					trajectory, programme, participant, now);
			MigrationDatabases.update(connection, """
					insert into accepted_address (trajectory_id, address, accepted_at, state, live_address)
					values (?, 'werk@example.nl', ?, 'CONFIRMED', 'werk@example.nl')""", trajectory, now);
			assertThatThrownBy(() -> MigrationDatabases.update(connection,
					"update accepted_address set state = 'WITHDRAWN' where trajectory_id = ?", trajectory))
				.as("before V92").isInstanceOf(SQLException.class);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("92").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select state, live_address from accepted_address")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("CONFIRMED");
				assertThat(rs.getString(2)).isEqualTo("werk@example.nl");
			}
			MigrationDatabases.update(connection,
					"update accepted_address set state = 'WITHDRAWN', live_address = null where trajectory_id = ?", trajectory);
			assertThatThrownBy(() -> MigrationDatabases.update(connection,
					"update accepted_address set state = 'GONE' where trajectory_id = ?", trajectory))
				.isInstanceOf(SQLException.class);
		}
	}
}

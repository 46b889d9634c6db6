package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V95 gives the participant's withdrawal of an address a column of its own (decision 0110), on both databases: a row
 * withdrawn before keeps the moment it was withdrawn there (its confirmation's moment had been written over), and a
 * confirmed or declined one keeps its answer and has no withdrawal.
 */
class AddressWithdrawnKeepsItsConfirmationMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, AddressWithdrawnKeepsItsConfirmationMigrationTests::theWithdrawalMovesToItsColumn);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_address_withdrawn_at_",
				AddressWithdrawnKeepsItsConfirmationMigrationTests::theWithdrawalMovesToItsColumn);
	}

	private static void theWithdrawalMovesToItsColumn(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("93").load().migrate();
		OffsetDateTime withdrawnOn = OffsetDateTime.now().minusDays(2).truncatedTo(ChronoUnit.SECONDS);
		OffsetDateTime confirmedOn = OffsetDateTime.now().minusDays(5).truncatedTo(ChronoUnit.SECONDS);
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID participant = UUID.randomUUID();
			UUID trajectory = UUID.randomUUID();
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
					insert into accepted_address (trajectory_id, address, accepted_at, state, answered_at)
					values (?, 'ingetrokken@example.nl', ?, 'WITHDRAWN', ?)""", trajectory, now.minusDays(9), withdrawnOn);
			MigrationDatabases.update(connection, """
					insert into accepted_address (trajectory_id, address, accepted_at, state, answered_at, live_address)
					values (?, 'werk@example.nl', ?, 'CONFIRMED', ?, 'werk@example.nl')""", trajectory, now.minusDays(9), confirmedOn);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("95").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select address, answered_at, withdrawn_at from accepted_address order by address")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("ingetrokken@example.nl");
			assertThat(rs.getObject(2, OffsetDateTime.class)).as("not known any more").isNull();
			assertThat(rs.getObject(3, OffsetDateTime.class)).isAtSameInstantAs(withdrawnOn);
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("werk@example.nl");
			assertThat(rs.getObject(2, OffsetDateTime.class)).isAtSameInstantAs(confirmedOn);
			assertThat(rs.getObject(3, OffsetDateTime.class)).isNull();
		}
	}
}

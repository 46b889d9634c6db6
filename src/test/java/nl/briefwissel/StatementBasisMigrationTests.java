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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V109 keeps what an application's statement box meant: every box ticked before it read "akkoord" (consent), so those
 * get CONSENT; one not ticked gets none; only the three bases are taken (decision 0138, amended). On both databases.
 */
class StatementBasisMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, StatementBasisMigrationTests::aTickFromBeforeWasConsent);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_statement_basis_", StatementBasisMigrationTests::aTickFromBeforeWasConsent);
	}

	private static void aTickFromBeforeWasConsent(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("108").load().migrate();
		UUID organisation = UUID.randomUUID();
		UUID programme = UUID.randomUUID();
		UUID ticked = UUID.randomUUID();
		UUID notTicked = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, """
					insert into programme (id, organisation_id, name, retention_months, created_at) values (?, ?, 'Loopbaan', 24, ?)""",
					programme, organisation, now);
			MigrationDatabases.update(connection, """
					insert into intake (id, programme_id, email, source, status, consent_at, created_at)
					values (?, ?, 'a@example.nl', 'LINK', 'AWAITING_CONFIRMATION', ?, ?)""", ticked, programme, now, now);
			MigrationDatabases.update(connection, """
					insert into intake (id, programme_id, email, source, status, created_at)
					values (?, ?, 'b@example.nl', 'INVITATION', 'INVITED', ?)""", notTicked, programme, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("109").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			Map<UUID, String> meant = new HashMap<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select id, statement_basis from intake")) {
				while (rs.next()) {
					meant.put(rs.getObject(1, UUID.class), rs.getString(2));
				}
			}
			assertThat(meant.get(ticked)).as("ticked before: the box read akkoord").isEqualTo("CONSENT");
			assertThat(meant).as("not ticked").containsEntry(notTicked, null);
			MigrationDatabases.update(connection, "update intake set statement_basis = 'PUBLIC_TASK'");
			assertThatThrownBy(() -> MigrationDatabases.update(connection, "update intake set statement_basis = 'CONTRACT'"))
				.isInstanceOf(SQLException.class);
		}
	}
}

package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V75 keeps one open invitation per address and programme (decision 0071), on both databases, each in its own words:
 * where two were open already, the newest sending stays and the other is withdrawn; after it a second is refused,
 * while used or withdrawn ones, other programmes and other addresses stand beside it as before.
 */
class OneOpenInvitationMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, OneOpenInvitationMigrationTests::oneOpenInvitationPerAddressAndProgramme);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_invitation_", OneOpenInvitationMigrationTests::oneOpenInvitationPerAddressAndProgramme);
	}

	private static void oneOpenInvitationPerAddressAndProgramme(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("74").load().migrate();
		UUID programme = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		UUID older;
		UUID newer;
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			for (UUID id : List.of(programme, other)) {
				MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", id,
						organisation, now);
			}
			// Two open invitations for one address, from the race or from before decision 0058.
			older = invitation(connection, programme, "dubbel@example.nl", "INVITED", now.plusDays(10));
			newer = invitation(connection, programme, "dubbel@example.nl", "INVITED", now.plusDays(20));
			invitation(connection, programme, "dubbel@example.nl", "SUBMITTED", now.plusDays(5));
			invitation(connection, other, "dubbel@example.nl", "INVITED", now.plusDays(5));
			// Two open ones without an expiry (rows from before links ran out): one stays, or the index cannot be made.
			for (int i = 0; i < 2; i++) {
				MigrationDatabases.update(connection, """
						insert into intake (id, programme_id, email, source, status, token_hash, token_expires_at, created_at)
						values (?, ?, 'zonder@example.nl', 'INVITATION', 'INVITED', ?, null, ?)""", UUID.randomUUID(), programme,
						UUID.randomUUID().toString(), now.minusDays(i));
			}
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(status(connection, newer)).isEqualTo("INVITED");
			assertThat(status(connection, older)).isEqualTo("WITHDRAWN");
			try (PreparedStatement open = connection.prepareStatement(
					"select count(*) from intake where email = 'zonder@example.nl' and status = 'INVITED'")) {
				var rs = open.executeQuery();
				rs.next();
				assertThat(rs.getInt(1)).isEqualTo(1);
			}
			assertThatThrownBy(() -> invitation(connection, programme, "dubbel@example.nl", "INVITED", now.plusDays(30)))
				.isInstanceOf(SQLException.class)
				.satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
			// Beside it as before: one used or withdrawn, another address, and the address's application by link.
			invitation(connection, programme, "dubbel@example.nl", "WITHDRAWN", now.plusDays(30));
			invitation(connection, programme, "ander@example.nl", "INVITED", now.plusDays(30));
			MigrationDatabases.update(connection, """
					insert into intake (id, programme_id, email, source, status, token_hash, token_expires_at, created_at)
					values (?, ?, 'dubbel@example.nl', 'LINK', 'AWAITING_CONFIRMATION', ?, ?, ?)""", UUID.randomUUID(), programme,
					UUID.randomUUID().toString(), now.plusDays(7), now);
			// Once the open one is used, the address can be invited again.
			MigrationDatabases.update(connection, "update intake set status = 'SUBMITTED' where id = ?", newer);
			invitation(connection, programme, "dubbel@example.nl", "INVITED", now.plusDays(30));
		}
	}

	private static UUID invitation(Connection connection, UUID programme, String email, String status, OffsetDateTime until)
			throws SQLException {
		UUID id = UUID.randomUUID();
		MigrationDatabases.update(connection, """
				insert into intake (id, programme_id, email, source, status, token_hash, token_expires_at, created_at)
				values (?, ?, ?, 'INVITATION', ?, ?, ?, ?)""", id, programme, email, status, UUID.randomUUID().toString(), until,
				OffsetDateTime.now());
		return id;
	}

	private static String status(Connection connection, UUID id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select status from intake where id = ?")) {
			statement.setObject(1, id);
			var rs = statement.executeQuery();
			rs.next();
			return rs.getString(1);
		}
	}
}

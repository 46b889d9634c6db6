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
 * V108 gives every organisation's privacy details the basis the statement named for all before it, consent, and
 * takes only the three bases there are (decision 0138). On both databases.
 */
class LegalBasisMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, LegalBasisMigrationTests::detailsFromBeforeKeepConsent);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_legal_basis_", LegalBasisMigrationTests::detailsFromBeforeKeepConsent);
	}

	private static void detailsFromBeforeKeepConsent(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("106").load().migrate();
		UUID organisation = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, """
					insert into organisation_privacy (organisation_id, contact_email, changed_at) values (?, 'privacy@gemeente.nl', ?)""",
					organisation, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("108").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select legal_basis from organisation_privacy")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("CONSENT");
			}
			MigrationDatabases.update(connection, "update organisation_privacy set legal_basis = 'PUBLIC_TASK'");
			assertThatThrownBy(() -> MigrationDatabases.update(connection, "update organisation_privacy set legal_basis = 'CONTRACT'"))
				.isInstanceOf(SQLException.class);
		}
	}
}

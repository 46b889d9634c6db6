package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V97 gives an account the moment its password last changed, on both databases: a row from before has none (its
 * sessions were signed in with the password it still holds), and the column keeps a moment to the microsecond, which
 * a session compares with what its sign-in read.
 */
class PasswordChangedAtMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, PasswordChangedAtMigrationTests::anAccountFromBeforeHasNone);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_password_changed_", PasswordChangedAtMigrationTests::anAccountFromBeforeHasNone);
	}

	private static void anAccountFromBeforeHasNone(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("96").load().migrate();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		UUID before = UUID.randomUUID();
		UUID after = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection,
					"insert into account (id, email, display_name, created_at) values (?, ?, 'Van voor', ?)", before,
					before + "@example.nl", now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("97").load().migrate();
		OffsetDateTime changed = now.truncatedTo(ChronoUnit.MICROS).plusNanos(123_000);
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			MigrationDatabases.update(connection,
					"insert into account (id, email, display_name, created_at, password_changed_at) values (?, ?, 'Van na', ?, ?)",
					after, after + "@example.nl", now, changed);
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select id, password_changed_at from account order by display_name")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(after);
				assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(changed.toInstant());
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(before);
				assertThat(rs.getObject(2)).as("no moment for a password from before").isNull();
				assertThat(rs.next()).isFalse();
			}
		}
	}
}

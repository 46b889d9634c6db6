package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for a test of one migration on existing rows, on each of the two databases the
 * application runs on: the migrations up to the one before it, rows as they stood, then the rest.
 */
final class MigrationDatabases {

	/** What a migration test does with its database: the JDBC address and the user, password empty. */
	interface Check {

		void run(String url, String user) throws SQLException;
	}

	private MigrationDatabases() {
	}

	/**
	 * H2 in a file, as the application keeps it: an in-memory database kept open between Flyway's connection and
	 * the test's checks its constraints with the closed session that made them (H2 2.4 fails "The database has
	 * been closed").
	 */
	static void onH2(Path folder, Check check) throws SQLException {
		check.run("jdbc:h2:file:" + folder.resolve("briefwissel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"sa");
	}

	/** A fresh PostgreSQL database, dropped afterwards; skipped where none runs, except in CI, which always has one. */
	static void onPostgres(String prefix, Check check) throws SQLException {
		String server = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
		String user = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES_USER", "postgres");
		Assumptions.assumeTrue(reachable(server + "postgres", user) || System.getenv("CI") != null,
				"no PostgreSQL at " + server + " (CI always has one)");
		String database = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(server + "postgres", user, "create database " + database);
		try {
			check.run(server + database, user);
		}
		finally {
			execute(server + "postgres", user, "drop database if exists " + database + " with (force)");
		}
	}

	/** A null is bound untyped: PostgreSQL takes it for a uuid column and a text one alike. */
	static void update(Connection connection, String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				if (values[i] == null) {
					statement.setNull(i + 1, Types.OTHER);
				}
				else {
					statement.setObject(i + 1, values[i]);
				}
			}
			statement.executeUpdate();
		}
	}

	private static boolean reachable(String url, String user) {
		try (Connection ignored = DriverManager.getConnection(url, user, "")) {
			return true;
		}
		catch (SQLException e) {
			return false;
		}
	}

	private static void execute(String url, String user, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}

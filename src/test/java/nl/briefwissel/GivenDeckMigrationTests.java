package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V80 keeps the deck with each given coach-cards assignment (decision 0080), on both databases: one given
 * before gets the deck its library assignment names now, as it was laid from until then; one whose library
 * assignment names none, or is no coach-cards assignment any more, gets none (the whole deck); another type none.
 */
class GivenDeckMigrationTests {

	/** In a file, as OneOpenInvitationMigrationTests explains: H2 in memory closes under Flyway's feet. */
	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		String url = "jdbc:h2:file:" + folder.resolve("briefwissel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		aGivenAssignmentGetsTheDeckItsLibraryAssignmentNamesNow(url, "sa");
	}

	@Test
	void onPostgres() throws SQLException {
		String server = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
		String user = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES_USER", "postgres");
		Assumptions.assumeTrue(reachable(server + "postgres", user) || System.getenv("CI") != null,
				"no PostgreSQL at " + server + " (CI always has one)");
		String database = "briefwissel_given_deck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(server + "postgres", user, "create database " + database);
		try {
			aGivenAssignmentGetsTheDeckItsLibraryAssignmentNamesNow(server + database, user);
		}
		finally {
			execute(server + "postgres", user, "drop database if exists " + database + " with (force)");
		}
	}

	private static void aGivenAssignmentGetsTheDeckItsLibraryAssignmentNamesNow(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("79").load().migrate();
		OffsetDateTime now = OffsetDateTime.now();
		UUID trajectory = UUID.randomUUID();
		UUID values;
		UUID qualities;
		UUID whole;
		UUID madeAReflection;
		UUID reflection;
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID coach = UUID.randomUUID();
			UUID participant = UUID.randomUUID();
			update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", programme,
					organisation, now);
			for (UUID account : new UUID[] { coach, participant }) {
				update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						account, organisation, account + "@example.nl", now);
			}
			update(connection, """
					insert into trajectory (id, programme_id, participant_id, coach_id, status, created_at)
					values (?, ?, ?, ?, 'RUNNING', ?)""", trajectory, programme, participant, coach, now);
			values = given(connection, trajectory, assignment(connection, coach, "COACH_CARDS", "VALUE"), "COACH_CARDS", now);
			qualities = given(connection, trajectory, assignment(connection, null, "COACH_CARDS", "QUALITY"), "COACH_CARDS", now);
			whole = given(connection, trajectory, assignment(connection, coach, "COACH_CARDS", null), "COACH_CARDS", now);
			// Given as coach cards, and made a reflection in the library since: laid from the whole deck until now.
			madeAReflection = given(connection, trajectory, assignment(connection, coach, "REFLECTION", null), "COACH_CARDS", now);
			reflection = given(connection, trajectory, assignment(connection, coach, "REFLECTION", null), "REFLECTION", now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(deck(connection, values)).isEqualTo("VALUE");
			assertThat(deck(connection, qualities)).isEqualTo("QUALITY");
			assertThat(deck(connection, whole)).isNull();
			assertThat(deck(connection, madeAReflection)).isNull();
			assertThat(deck(connection, reflection)).isNull();
		}
	}

	private static UUID assignment(Connection connection, UUID owner, String type, String deck) throws SQLException {
		UUID id = UUID.randomUUID();
		update(connection, """
				insert into assignment (id, owner_id, title, instructions, type, minutes, language, deck, created_at)
				values (?, ?, 'Kaarten', 'Leg de kaarten.', ?, 20, 'nl', ?, ?)""", id, owner, type, deck, OffsetDateTime.now());
		return id;
	}

	private static UUID given(Connection connection, UUID trajectory, UUID assignment, String type, OffsetDateTime at)
			throws SQLException {
		UUID id = UUID.randomUUID();
		update(connection, """
				insert into given_assignment (id, trajectory_id, assignment_id, message_id, given_at, title, type)
				values (?, ?, ?, ?, ?, 'Kaarten', ?)""", id, trajectory, assignment, UUID.randomUUID(), at, type);
		return id;
	}

	private static String deck(Connection connection, UUID given) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select deck from given_assignment where id = ?")) {
			statement.setObject(1, given);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	/** A null is bound untyped: PostgreSQL takes it for a uuid column and a text one alike. */
	private static void update(Connection connection, String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				if (values[i] == null) {
					statement.setNull(i + 1, java.sql.Types.OTHER);
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

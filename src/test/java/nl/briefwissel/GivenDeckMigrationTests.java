package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V80 keeps the deck with each given coach-cards assignment (decision 0080), on both databases: one given
 * before gets the deck its library assignment names now, as it was laid from until then; one whose library
 * assignment names none, or is no coach-cards assignment any more, gets none (the whole deck); another type none.
 */
class GivenDeckMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, GivenDeckMigrationTests::aGivenAssignmentGetsTheDeckItsLibraryAssignmentNamesNow);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_given_deck_", GivenDeckMigrationTests::aGivenAssignmentGetsTheDeckItsLibraryAssignmentNamesNow);
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
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", programme,
					organisation, now);
			for (UUID account : new UUID[] { coach, participant }) {
				MigrationDatabases.update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						account, organisation, account + "@example.nl", now);
			}
			MigrationDatabases.update(connection, """
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
		MigrationDatabases.update(connection, """
				insert into assignment (id, owner_id, title, instructions, type, minutes, language, deck, created_at)
				values (?, ?, 'Kaarten', 'Leg de kaarten.', ?, 20, 'nl', ?, ?)""", id, owner, type, deck, OffsetDateTime.now());
		return id;
	}

	private static UUID given(Connection connection, UUID trajectory, UUID assignment, String type, OffsetDateTime at)
			throws SQLException {
		UUID id = UUID.randomUUID();
		MigrationDatabases.update(connection, """
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
}

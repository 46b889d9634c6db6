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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V88 says how each answer already linked came to be (decision 0098), on both databases: coach cards
 * answered by a letter from the web were laid on their page and stay (CARDS); coach cards answered by mail
 * and every other answer came as the next letter (LETTER), which the coach may undo; an open one has none, and
 * the database refuses one (an answer without one stays possible: a node of before V88 writes it).
 */
class AnsweredByMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, AnsweredByMigrationTests::laidCardsStayAndEveryOtherAnswerCameAsALetter);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_answered_by_", AnsweredByMigrationTests::laidCardsStayAndEveryOtherAnswerCameAsALetter);
	}

	private static void laidCardsStayAndEveryOtherAnswerCameAsALetter(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("87").load().migrate();
		OffsetDateTime now = OffsetDateTime.now();
		UUID trajectory = UUID.randomUUID();
		UUID laid;
		UUID cardsByMail;
		UUID reflection;
		UUID open;
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
			UUID cards = assignment(connection, coach, "COACH_CARDS");
			UUID reflect = assignment(connection, coach, "REFLECTION");
			UUID topFive = letter(connection, trajectory, participant, "WEB", now);
			UUID mail = letter(connection, trajectory, participant, "MAIL", now);
			laid = given(connection, trajectory, cards, "COACH_CARDS", topFive, now);
			cardsByMail = given(connection, trajectory, cards, "COACH_CARDS", mail, now);
			reflection = given(connection, trajectory, reflect, "REFLECTION", topFive, now);
			open = given(connection, trajectory, reflect, "REFLECTION", null, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(answeredBy(connection, laid)).isEqualTo("CARDS");
			assertThat(answeredBy(connection, cardsByMail)).isEqualTo("LETTER");
			assertThat(answeredBy(connection, reflection)).isEqualTo("LETTER");
			assertThat(answeredBy(connection, open)).isNull();
			// An open assignment says no way it was answered; an answer without one (a node of before V88) may be.
			assertThatThrownBy(() -> MigrationDatabases.update(connection,
					"update given_assignment set answered_by = 'COACH' where id = ?", open))
				.isInstanceOf(SQLException.class);
			MigrationDatabases.update(connection, "update given_assignment set answered_by = null where id = ?", reflection);
			assertThat(answeredBy(connection, reflection)).isNull();
		}
	}

	private static UUID assignment(Connection connection, UUID owner, String type) throws SQLException {
		UUID id = UUID.randomUUID();
		MigrationDatabases.update(connection, """
				insert into assignment (id, owner_id, title, instructions, type, minutes, language, created_at)
				values (?, ?, 'Opdracht', 'Doe het.', ?, 20, 'nl', ?)""", id, owner, type, OffsetDateTime.now());
		return id;
	}

	private static UUID letter(Connection connection, UUID trajectory, UUID participant, String channel, OffsetDateTime at)
			throws SQLException {
		UUID id = UUID.randomUUID();
		MigrationDatabases.update(connection, """
				insert into message (id, trajectory_id, author_id, author_role, kind, body, channel, created_at)
				values (?, ?, ?, 'PARTICIPANT', 'MESSAGE', 'Mijn antwoord.', ?, ?)""", id, trajectory, participant, channel, at);
		return id;
	}

	private static UUID given(Connection connection, UUID trajectory, UUID assignment, String type, UUID answer, OffsetDateTime at)
			throws SQLException {
		UUID id = UUID.randomUUID();
		MigrationDatabases.update(connection, """
				insert into given_assignment (id, trajectory_id, assignment_id, message_id, given_at, title, type, answer_message_id, answered_at)
				values (?, ?, ?, ?, ?, 'Opdracht', ?, ?, ?)""", id, trajectory, assignment, UUID.randomUUID(), at, type, answer,
				answer == null ? null : at);
		return id;
	}

	private static String answeredBy(Connection connection, UUID given) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select answered_by from given_assignment where id = ?")) {
			statement.setObject(1, given);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}
}

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
 * V87 gives the letters of before their language and each mail thread its language (decision 0097), on both
 * databases: a coach's letter the language its mail's subject was in, a participant's letter the
 * participant's language of today, a note none; the thread the language of its first mailed coach's letter.
 */
class LetterLanguageMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, LetterLanguageMigrationTests::lettersOfBeforeGetTheirLanguage);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_letter_language_", LetterLanguageMigrationTests::lettersOfBeforeGetTheirLanguage);
	}

	private static void lettersOfBeforeGetTheirLanguage(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("86").load().migrate();
		UUID trajectory = UUID.randomUUID();
		UUID coachLetter = UUID.randomUUID();
		UUID participantLetter = UUID.randomUUID();
		UUID note = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID coach = UUID.randomUUID();
			UUID participant = UUID.randomUUID();
			OffsetDateTime now = OffsetDateTime.now();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", programme,
					organisation, now);
			for (UUID account : new UUID[] { coach, participant }) {
				MigrationDatabases.update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						account, organisation, account + "@example.nl", now);
			}
			// The participant chose English since; the first letters were Dutch.
			MigrationDatabases.update(connection, "update account set preferred_language = 'en' where id = ?", participant);
			MigrationDatabases.update(connection, """
					insert into trajectory (id, programme_id, participant_id, coach_id, status, created_at)
					values (?, ?, ?, ?, 'RUNNING', ?)""", trajectory, programme, participant, coach, now);
			String mailId = "<" + coachLetter + "@example.nl>";
			MigrationDatabases.update(connection, """
					insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, status, attempts,
					    next_attempt_at, created_at)
					values (?, ?, 'deelnemer@example.nl', 'Je e-coaching met Iemand', 'Tekst', false, 'SENT', 1, ?, ?)""",
					UUID.randomUUID(), mailId, now, now);
			letter(connection, coachLetter, trajectory, coach, "COACH", "MESSAGE", mailId, now.minusDays(2));
			letter(connection, participantLetter, trajectory, participant, "PARTICIPANT", "MESSAGE", null, now.minusDays(1));
			letter(connection, note, trajectory, null, "SYSTEM", "BOUNCE_NOTE", null, now);
			MigrationDatabases.update(connection, """
					insert into reply_token (token, trajectory_id, participant_id, created_at) values ('token', ?, ?, ?)""",
					trajectory, participant, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(read(connection, "select language from message where id = ?", coachLetter)).isEqualTo("nl");
			assertThat(read(connection, "select language from message where id = ?", participantLetter)).isEqualTo("en");
			assertThat(read(connection, "select language from message where id = ?", note)).isNull();
			assertThat(read(connection, "select thread_language from reply_token where trajectory_id = ?", trajectory)).isEqualTo("nl");
		}
	}

	private static void letter(Connection connection, UUID id, UUID trajectory, UUID author, String role, String kind,
			String mailId, OffsetDateTime at) throws SQLException {
		MigrationDatabases.update(connection, """
				insert into message (id, trajectory_id, author_id, author_role, kind, body, channel, mail_message_id, created_at)
				values (?, ?, ?, ?, ?, 'Tekst', 'WEB', ?, ?)""", id, trajectory, author, role, kind, mailId, at);
	}

	private static String read(Connection connection, String sql, UUID id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}
}

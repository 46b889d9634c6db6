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
 * V87 gives the letters of before their language where it is known for sure, and each mail thread its language
 * (decision 0097), on both databases: a coach's letter the language its mail's subject was in where that mail is
 * kept; a participant's letter, a coach's letter whose mail is gone and a note none (no lang rather than a wrong
 * one: the participant's language of today is not that of a letter of before); the thread the language of its
 * latest coach's letter whose mail tells, under whose subject the participant's mail program threads it. A node
 * of before V87 still makes reply addresses during a rolling deploy: its insert, naming no language, works.
 */
class LetterLanguageMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, LetterLanguageMigrationTests::lettersOfBeforeGetTheirLanguageWhereItIsKnown);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_letter_language_",
				LetterLanguageMigrationTests::lettersOfBeforeGetTheirLanguageWhereItIsKnown);
	}

	private static void lettersOfBeforeGetTheirLanguageWhereItIsKnown(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("86").load().migrate();
		UUID trajectory = UUID.randomUUID();
		UUID later = UUID.randomUUID();
		UUID participant = UUID.randomUUID();
		UUID coachLetter = UUID.randomUUID();
		UUID englishCoachLetter = UUID.randomUUID();
		UUID mailGone = UUID.randomUUID();
		UUID participantLetter = UUID.randomUUID();
		UUID note = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			UUID coach = UUID.randomUUID();
			MigrationDatabases.update(connection, "insert into organisation (id, name, created_at) values (?, 'Gemeente', ?)", organisation, now);
			MigrationDatabases.update(connection, "insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', ?)", programme,
					organisation, now);
			for (UUID account : new UUID[] { coach, participant }) {
				MigrationDatabases.update(connection, "insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, 'Iemand', ?)",
						account, organisation, account + "@example.nl", now);
			}
			// The participant chose English since; the first letters were Dutch, the coach's latest English.
			MigrationDatabases.update(connection, "update account set preferred_language = 'en' where id = ?", participant);
			for (UUID each : new UUID[] { trajectory, later }) {
				MigrationDatabases.update(connection, """
						insert into trajectory (id, programme_id, participant_id, coach_id, status, created_at)
						values (?, ?, ?, ?, 'RUNNING', ?)""", each, programme, participant, coach, now);
			}
			mailed(connection, coachLetter, "Je e-coaching met Iemand", now);
			mailed(connection, englishCoachLetter, "Your e-coaching with Iemand", now);
			letter(connection, coachLetter, trajectory, coach, "COACH", "MESSAGE", mailIdOf(coachLetter), now.minusDays(3));
			letter(connection, participantLetter, trajectory, participant, "PARTICIPANT", "MESSAGE", null, now.minusDays(2));
			letter(connection, englishCoachLetter, trajectory, coach, "COACH", "MESSAGE", mailIdOf(englishCoachLetter),
					now.minusDays(1));
			// Its mail no longer kept (the outbox's retention): nothing tells its language.
			letter(connection, mailGone, trajectory, coach, "COACH", "MESSAGE", mailIdOf(mailGone), now.minusHours(1));
			letter(connection, note, trajectory, null, "SYSTEM", "BOUNCE_NOTE", null, now);
			MigrationDatabases.update(connection, """
					insert into reply_token (token, trajectory_id, participant_id, created_at) values ('token', ?, ?, ?)""",
					trajectory, participant, now);
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(read(connection, "select language from message where id = ?", coachLetter)).isEqualTo("nl");
			assertThat(read(connection, "select language from message where id = ?", englishCoachLetter)).isEqualTo("en");
			assertThat(read(connection, "select language from message where id = ?", participantLetter)).isNull();
			assertThat(read(connection, "select language from message where id = ?", mailGone)).isNull();
			assertThat(read(connection, "select language from message where id = ?", note)).isNull();
			assertThat(read(connection, "select thread_language from reply_token where trajectory_id = ?", trajectory)).isEqualTo("en");
			// An old node's insert, as it was before V87.
			MigrationDatabases.update(connection, """
					insert into reply_token (token, trajectory_id, participant_id, created_at) values ('old-node', ?, ?, ?)""",
					later, participant, now);
			assertThat(read(connection, "select thread_language from reply_token where trajectory_id = ?", later)).isEqualTo("nl");
		}
	}

	private static String mailIdOf(UUID letter) {
		return "<" + letter + "@example.nl>";
	}

	private static void mailed(Connection connection, UUID letter, String subject, OffsetDateTime at) throws SQLException {
		MigrationDatabases.update(connection, """
				insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, status, attempts,
				    next_attempt_at, created_at)
				values (?, ?, 'deelnemer@example.nl', ?, 'Tekst', false, 'SENT', 1, ?, ?)""",
				UUID.randomUUID(), mailIdOf(letter), subject, at, at);
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

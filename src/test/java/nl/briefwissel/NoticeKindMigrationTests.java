package nl.briefwissel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V85 gives every notice to a participant its kind (decision 0093), on both databases: a held-back notice
 * sent before, in Dutch or in English, is known by its kind from then on, as its subject told it until then;
 * other mail with another subject, or one a person wrote, gets none.
 */
class NoticeKindMigrationTests {

	@Test
	void onH2(@TempDir Path folder) throws SQLException {
		MigrationDatabases.onH2(folder, NoticeKindMigrationTests::aHeldBackNoticeSentBeforeHasItsKind);
	}

	@Test
	void onPostgres() throws SQLException {
		MigrationDatabases.onPostgres("briefwissel_notice_kind_", NoticeKindMigrationTests::aHeldBackNoticeSentBeforeHasItsKind);
	}

	private static void aHeldBackNoticeSentBeforeHasItsKind(String url, String user) throws SQLException {
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("84").load().migrate();
		Map<String, UUID> mails = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			UUID trajectory = UUID.randomUUID();
			mails.put("tooBigNl", mail(connection, trajectory, "Je mail was te groot en is niet aangekomen", true));
			mails.put("tooBigEn", mail(connection, trajectory, "Your mail was too large and did not arrive", true));
			mails.put("otherAddressNl", mail(connection, trajectory, "Je mail vanaf een ander adres is niet in je gesprek gezet", true));
			mails.put("otherAddressEn",
					mail(connection, trajectory, "Your mail from another address was not added to your conversation", true));
			mails.put("paused", mail(connection, trajectory, "Je traject is gepauzeerd", true));
			mails.put("written", mail(connection, trajectory, "Je mail was te groot en is niet aangekomen", false));
		}
		Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			assertThat(kind(connection, mails.get("tooBigNl"))).isEqualTo("MAIL_TOO_BIG");
			assertThat(kind(connection, mails.get("tooBigEn"))).isEqualTo("MAIL_TOO_BIG");
			assertThat(kind(connection, mails.get("otherAddressNl"))).isEqualTo("MAIL_FROM_ANOTHER_ADDRESS");
			assertThat(kind(connection, mails.get("otherAddressEn"))).isEqualTo("MAIL_FROM_ANOTHER_ADDRESS");
			assertThat(kind(connection, mails.get("paused"))).as("no one reads a pause's notice by its kind").isNull();
			assertThat(kind(connection, mails.get("written"))).as("a person wrote it").isNull();
		}
	}

	private static UUID mail(Connection connection, UUID about, String subject, boolean automatic) throws SQLException {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		MigrationDatabases.update(connection, """
				insert into outbound_mail (id, message_id, recipient, subject, text_body, auto_submitted, status, attempts,
				    next_attempt_at, created_at)
				values (?, ?, 'deelnemer@example.nl', ?, 'Tekst', ?, 'SENT', 1, ?, ?)""", id, "<" + id + "@example.nl>", subject,
				automatic, now, now);
		MigrationDatabases.update(connection, "insert into outbound_mail_about (mail_id, about_id) values (?, ?)", id, about);
		return id;
	}

	private static String kind(Connection connection, UUID mail) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select notice_kind from outbound_mail where id = ?")) {
			statement.setObject(1, mail);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}
}

package nl.briefwissel;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations run unchanged on both databases. Each test starts from an empty database of
 * its own, so it says nothing about the state other tests leave behind.
 */
class MigrationTests {

	private static final List<String> TABLES = List.of("organisation", "programme", "account", "account_role",
			"password_reset", "event_publication", "outbound_mail", "outbound_mail_attempt", "trajectory");

	@Test
	void migrationsRunOnAnEmptyH2InPostgresMode() throws SQLException {
		String url = "jdbc:h2:mem:migration-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		MigrateResult result = migrate(url, "sa", "");
		assertThat(result.success).isTrue();
		assertThat(tables(url, "sa", "")).containsAll(TABLES);
		assertThat(migrate(url, "sa", "").migrationsExecuted).as("a second run changes nothing").isZero();
	}

	@Test
	void migrationsRunOnAnEmptyPostgresDatabase() throws SQLException {
		String server = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
		String user = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES_USER", "postgres");
		Assumptions.assumeTrue(reachable(server + "postgres", user) || System.getenv("CI") != null,
				"no PostgreSQL at " + server + " (CI always has one)");
		String database = "briefwissel_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(server + "postgres", user, "create database " + database);
		try {
			MigrateResult result = migrate(server + database, user, "");
			assertThat(result.success).isTrue();
			assertThat(tables(server + database, user, "")).containsAll(TABLES);
			assertThat(migrate(server + database, user, "").migrationsExecuted).isZero();
		}
		finally {
			execute(server + "postgres", user, "drop database if exists " + database + " with (force)");
		}
	}

	/**
	 * Names stored before names were cleaned at storage still held direction overrides and isolates, which turned
	 * the address shown after a name around: V101 removes them, and leaves every other character of the name.
	 */
	@Test
	void namesStoredBeforeLoseTheirDirectionOverrides() {
		// One connection throughout: an in-memory H2 fails the check constraints of a table (Check constraint
		// invalid) once the session that made it has closed.
		var database = new org.springframework.jdbc.datasource.SingleConnectionDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", true);
		try {
			Flyway.configure().dataSource(database).locations("classpath:db/migration").target("100").load().migrate();
			var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(database);
			UUID organisation = UUID.randomUUID();
			UUID programme = UUID.randomUUID();
			jdbc.sql("insert into organisation (id, name, created_at) values (?, ?, current_timestamp)")
				.params(organisation, "Gemeente \u202ERichting\u202C").update();
			jdbc.sql("insert into programme (id, organisation_id, name, created_at) values (?, ?, ?, current_timestamp)")
				.params(programme, organisation, "\u2067Loopbaan\u2069 \u200F\u0645\u062D").update();
			jdbc.sql("insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, ?, ?, current_timestamp)")
				.params(UUID.randomUUID(), organisation, "a@example.nl", "John \u202AO\u202BBr\u202Dien\u2066\u2068").update();
			jdbc.sql("insert into intake (id, programme_id, email, display_name, source, status, created_at)"
					+ " values (?, ?, ?, ?, 'MAIL', 'RECEIVED_BY_MAIL', current_timestamp)")
				.params(UUID.randomUUID(), programme, "b@example.nl", "Sam \u202EJansen \u200C").update();

			assertThat(Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate().success).isTrue();
			assertThat(jdbc.sql("select name from organisation").query(String.class).single()).isEqualTo("Gemeente Richting");
			assertThat(jdbc.sql("select name from programme").query(String.class).single()).isEqualTo("Loopbaan \u200F\u0645\u062D");
			assertThat(jdbc.sql("select display_name from account").query(String.class).single()).isEqualTo("John OBrien");
			assertThat(jdbc.sql("select display_name from intake").query(String.class).single()).isEqualTo("Sam Jansen \u200C");
		}
		finally {
			database.destroy();
		}
	}

	/**
	 * What V101 left: the name a provider gave that a binding link keeps, theme labels and assignment titles (the
	 * library's and a given one's) lose their direction overrides and isolates to V103, on H2 and on PostgreSQL.
	 */
	@Test
	void providerNamesThemeLabelsAndAssignmentTitlesStoredBeforeLoseTheirDirectionOverridesOnH2() {
		var database = new org.springframework.jdbc.datasource.SingleConnectionDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", true);
		try {
			shortNamesLoseTheirDirectionOverrides(database);
		}
		finally {
			database.destroy();
		}
	}

	@Test
	void providerNamesThemeLabelsAndAssignmentTitlesStoredBeforeLoseTheirDirectionOverridesOnPostgres() throws SQLException {
		String server = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
		String user = System.getenv().getOrDefault("BRIEFWISSEL_TEST_POSTGRES_USER", "postgres");
		Assumptions.assumeTrue(reachable(server + "postgres", user) || System.getenv("CI") != null,
				"no PostgreSQL at " + server + " (CI always has one)");
		String name = "briefwissel_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(server + "postgres", user, "create database " + name);
		var database = new org.springframework.jdbc.datasource.SingleConnectionDataSource(server + name, user, "", true);
		try {
			shortNamesLoseTheirDirectionOverrides(database);
		}
		finally {
			database.destroy();
			execute(server + "postgres", user, "drop database if exists " + name + " with (force)");
		}
	}

	private static void shortNamesLoseTheirDirectionOverrides(javax.sql.DataSource database) {
		Flyway.configure().dataSource(database).locations("classpath:db/migration").target("101").load().migrate();
		var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(database);
		UUID organisation = UUID.randomUUID();
		UUID programme = UUID.randomUUID();
		UUID participant = UUID.randomUUID();
		UUID trajectory = UUID.randomUUID();
		UUID assignment = UUID.randomUUID();
		jdbc.sql("insert into organisation (id, name, created_at) values (?, 'Gemeente', current_timestamp)").params(organisation).update();
		jdbc.sql("insert into programme (id, organisation_id, name, created_at) values (?, ?, 'Loopbaan', current_timestamp)")
			.params(programme, organisation).update();
		jdbc.sql("insert into account (id, organisation_id, email, display_name, created_at) values (?, ?, 'a@example.nl', 'Sam', current_timestamp)")
			.params(participant, organisation).update();
		jdbc.sql("insert into single_sign_on_link (token_hash, organisation_id, external_subject, provider, created_at, expires_at, email, display_name)"
				+ " values ('hash', ?, 'subject', 'provider', current_timestamp, current_timestamp, 'b@example.nl', ?)")
			.params(organisation, "Anna \u202ESmit\u2069 \u200F\u05E9").update();
		jdbc.sql("insert into programme_theme (programme_id, code, label_nl, label_en, position, active) values (?, 'OWN', ?, ?, 8, true)")
			.params(programme, "\u2067Zorg\u2069 en welzijn", "Care \u202Band\u202C welfare").update();
		jdbc.sql("insert into assignment (id, title, instructions, type, minutes, language, created_at)"
				+ " values (?, ?, 'Schrijf.', 'REFLECTION', 30, 'nl', current_timestamp)")
			.params(assignment, "Mijn \u202Dnaam\u202C").update();
		jdbc.sql("insert into trajectory (id, programme_id, participant_id, status, created_at) values (?, ?, ?, 'RUNNING', current_timestamp)")
			.params(trajectory, programme, participant).update();
		jdbc.sql("insert into given_assignment (id, trajectory_id, assignment_id, message_id, given_at, title, type)"
				+ " values (?, ?, ?, ?, current_timestamp, ?, 'REFLECTION')")
			.params(UUID.randomUUID(), trajectory, assignment, UUID.randomUUID(), "Mijn \u202Enaam").update();

		assertThat(Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate().success).isTrue();
		assertThat(jdbc.sql("select display_name from single_sign_on_link").query(String.class).single()).isEqualTo("Anna Smit \u200F\u05E9");
		assertThat(jdbc.sql("select label_nl from programme_theme where code = 'OWN'").query(String.class).single()).isEqualTo("Zorg en welzijn");
		assertThat(jdbc.sql("select label_en from programme_theme where code = 'OWN'").query(String.class).single()).isEqualTo("Care and welfare");
		assertThat(jdbc.sql("select title from assignment").query(String.class).single()).isEqualTo("Mijn naam");
		assertThat(jdbc.sql("select title from given_assignment").query(String.class).single()).isEqualTo("Mijn naam");
	}

	private static MigrateResult migrate(String url, String user, String password) {
		return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
	}

	private static List<String> tables(String url, String user, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
			List<String> names = new ArrayList<>();
			while (rs.next()) {
				names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
			}
			return names;
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

package nl.briefwissel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows whose key is taken away in a test (a key id no keyring has, as a key removed from the
 * configuration would leave them), and put back after it: the database is shared by the tests, and a
 * row no key opens stops the key rotation's tests (decision 0057's tests).
 */
public final class KeysGone {

	private final JdbcClient jdbc;

	private final Encryption encryption;

	/** As "table, key column, id column, id". */
	private final List<String[]> taken = new ArrayList<>();

	public KeysGone(JdbcClient jdbc, Encryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/** Takes the key of the one row of {@code table} whose {@code idColumn} is {@code id}. */
	public void take(String table, String keyColumn, String idColumn, UUID id) {
		assertThat(jdbc.sql("update " + table + " set " + keyColumn + " = 'k-weg' where " + idColumn + " = :id")
			.param("id", id).update()).as(table + " " + id).isEqualTo(1);
		taken.add(new String[] { table, keyColumn, idColumn, id.toString() });
	}

	/** Every key taken, back: call after each test. */
	public void putBack() {
		for (String[] row : taken) {
			jdbc.sql("update " + row[0] + " set " + row[1] + " = :key where " + row[2] + " = :id")
				.param("key", encryption.keyId())
				.param("id", UUID.fromString(row[3]))
				.update();
		}
		taken.clear();
	}
}

package nl.briefwissel.encryption;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every record that is not under the active key, legacy plain rows included, in
 * batches that each commit on their own: stopping halfway loses nothing, and running it again goes
 * on where it stopped, because what is done is already under the active key.
 */
@Component
class KeyRotation {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Encryption encryption;

	private final List<EncryptedTable> tables;

	KeyRotation(JdbcClient jdbc, TransactionTemplate transactions, Encryption encryption, List<EncryptedTables> modules) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.encryption = encryption;
		this.tables = modules.stream()
			.flatMap(module -> module.encryptedTables().stream())
			.sorted(Comparator.comparing(EncryptedTable::name).thenComparing(EncryptedTable::keyIdColumn))
			.toList();
	}

	List<EncryptedTable> tables() {
		return tables;
	}

	/**
	 * What one batch of files (attachments, raw mail) may hold: 500 photos of 15 MB were read at once,
	 * several times the heap, and the command stopped on the same batch each time it was run.
	 */
	static final long BYTES_PER_BATCH = 32L * 1024 * 1024;

	/** Re-encrypts every table; returns how many records changed key. */
	long rotate(int batchSize, Consumer<String> progress) {
		return rotate(batchSize, BYTES_PER_BATCH, progress);
	}

	long rotate(int batchSize, long bytesPerBatch, Consumer<String> progress) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("The batch size must be at least 1");
		}
		long total = 0;
		for (EncryptedTable table : tables) {
			long done = 0;
			while (true) {
				int size = table.kind() == EncryptedTable.Kind.BYTES ? withinBudget(table, batchSize, bytesPerBatch) : batchSize;
				if (size == 0) {
					break;
				}
				int batch = rotateBatch(table, size);
				done += batch;
				if (batch > 0) {
					progress.accept(label(table) + ": " + done + " re-encrypted");
				}
				if (batch < size) {
					break;
				}
			}
			progress.accept(label(table) + ": done, " + done + " record(s) moved to key '" + encryption.keyId() + "'");
			total += done;
		}
		return total;
	}

	/**
	 * How many of the next records to rotate (in the order {@link #rotateBatch} takes them) fit in the
	 * byte budget, at least one; zero when none is left. Only their lengths are read here.
	 */
	private int withinBudget(EncryptedTable table, int batchSize, long bytesPerBatch) {
		String length = table.columns().stream().map(column -> "coalesce(octet_length(" + column + "), 0)")
			.collect(Collectors.joining(" + "));
		List<Long> lengths = jdbc.sql("select " + length + " as bytes from " + table.name() + " where " + table.keyIdColumn()
				+ " is null or " + table.keyIdColumn() + " <> :active order by " + String.join(", ", table.keyColumns())
				+ " limit :size")
			.param("active", encryption.keyId())
			.param("size", batchSize)
			.query((rs, n) -> rs.getLong("bytes"))
			.list();
		int fit = 0;
		long sum = 0;
		for (long bytes : lengths) {
			sum += bytes;
			if (fit > 0 && sum > bytesPerBatch) {
				break;
			}
			fit++;
		}
		return fit;
	}

	/**
	 * Re-encrypts at most {@code size} records of one table under the active key, in one
	 * transaction; returns how many. Rows are locked while they change, so a node writing the same
	 * row waits instead of overwriting the new value with the old.
	 */
	int rotateBatch(EncryptedTable table, int size) {
		Integer rotated = transactions.execute(status -> {
			List<Row> rows = jdbc.sql("select " + String.join(", ", table.keyColumns()) + ", " + String.join(", ", table.columns())
					+ ", " + table.keyIdColumn() + " from " + table.name() + " where " + table.keyIdColumn() + " is null or "
					+ table.keyIdColumn() + " <> :active order by " + String.join(", ", table.keyColumns())
					+ " limit :size for update")
				.param("active", encryption.keyId())
				.param("size", size)
				.query((rs, n) -> row(table, rs))
				.list();
			String update = "update " + table.name() + " set " + assignments(table) + ", " + table.keyIdColumn()
					+ " = :active where " + conditions(table);
			for (Row row : rows) {
				JdbcClient.StatementSpec statement = jdbc.sql(update).param("active", encryption.keyId());
				for (int i = 0; i < table.columns().size(); i++) {
					try {
						statement = statement.param("value" + i, reseal(table, row.keyId(), row.values().get(i)));
					}
					catch (UnreadableRecordException e) {
						// Stops here, loudly: the batches before stay done; this row needs a person.
						throw new UnreadableRecordException(label(table) + " " + row.key() + ": " + e.getMessage(), e);
					}
				}
				for (int i = 0; i < table.keyColumns().size(); i++) {
					statement = statement.param("key" + i, row.key().get(i));
				}
				statement.update();
			}
			return rows.size();
		});
		return rotated == null ? 0 : rotated;
	}

	/** Records per key id for every encrypted table; "plain" counts rows written before encryption. */
	Map<String, Map<String, Long>> census() {
		Map<String, Map<String, Long>> census = new LinkedHashMap<>();
		for (EncryptedTable table : tables) {
			Map<String, Long> counts = new TreeMap<>();
			jdbc.sql("select " + table.keyIdColumn() + " as key_id, count(*) as records from " + table.name() + " group by "
					+ table.keyIdColumn())
				.query((rs, n) -> counts.put(rs.getString("key_id") == null ? "plain" : rs.getString("key_id"),
						rs.getLong("records")))
				.list();
			census.put(label(table), counts);
		}
		return census;
	}

	static String label(EncryptedTable table) {
		return table.name() + "." + String.join("/", table.columns());
	}

	private record Row(List<Object> key, List<Object> values, String keyId) {
	}

	private static Row row(EncryptedTable table, ResultSet rs) throws SQLException {
		List<Object> key = new ArrayList<>();
		for (String column : table.keyColumns()) {
			key.add(rs.getObject(column));
		}
		List<Object> values = new ArrayList<>();
		for (String column : table.columns()) {
			values.add(table.kind() == EncryptedTable.Kind.TEXT ? rs.getString(column) : rs.getBytes(column));
		}
		return new Row(key, values, rs.getString(table.keyIdColumn()));
	}

	private Object reseal(EncryptedTable table, String keyId, Object value) {
		return table.kind() == EncryptedTable.Kind.TEXT ? encryption.sealText(encryption.openText(keyId, (String) value))
				: encryption.seal(encryption.open(keyId, (byte[]) value));
	}

	private static String assignments(EncryptedTable table) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < table.columns().size(); i++) {
			parts.add(table.columns().get(i) + " = :value" + i);
		}
		return String.join(", ", parts);
	}

	private static String conditions(EncryptedTable table) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < table.keyColumns().size(); i++) {
			parts.add(table.keyColumns().get(i) + " = :key" + i);
		}
		return String.join(" and ", parts);
	}
}

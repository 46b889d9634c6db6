package nl.briefwissel.encryption;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Columns of one table that hold sealed values, all under the key named in {@code keyIdColumn}; a
 * row is found again by its {@code keyColumns}. Only what key rotation needs to know.
 */
public record EncryptedTable(String name, List<String> keyColumns, List<String> columns, String keyIdColumn,
		Kind kind) {

	/** Text columns hold base64; binary columns hold the sealed bytes themselves. */
	public enum Kind {
		TEXT, BYTES
	}

	// The names end up in SQL; they come from code, and this keeps it that way.
	private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	public EncryptedTable {
		keyColumns = List.copyOf(keyColumns);
		columns = List.copyOf(columns);
		if (keyColumns.isEmpty() || columns.isEmpty()) {
			throw new IllegalArgumentException("An encrypted table needs key columns and value columns: " + name);
		}
		for (String identifier : concat(List.of(name, keyIdColumn), keyColumns, columns)) {
			if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
				throw new IllegalArgumentException("Not a plain SQL identifier: " + identifier);
			}
		}
	}

	public static EncryptedTable text(String name, String keyColumn, String keyIdColumn, String... columns) {
		return new EncryptedTable(name, List.of(keyColumn), List.of(columns), keyIdColumn, Kind.TEXT);
	}

	public static EncryptedTable bytes(String name, String keyColumn, String keyIdColumn, String... columns) {
		return new EncryptedTable(name, List.of(keyColumn), List.of(columns), keyIdColumn, Kind.BYTES);
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
	}
}

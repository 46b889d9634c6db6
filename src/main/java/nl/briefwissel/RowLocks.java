package nl.briefwissel;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The row-lock clauses a repository appends to its {@code select}, as the database in use writes them.
 * PostgreSQL has weaker locks than {@code for update}; H2 (the evaluation default) knows only that one.
 */
public record RowLocks(boolean postgreSql) {

	/** Asks the database once which it is; a repository keeps the answer. */
	public static RowLocks of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return new RowLocks("PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()));
		}
		catch (SQLException e) {
			throw new IllegalStateException("The database cannot be reached to ask what it is", e);
		}
	}

	/**
	 * Writers of one row take turns, while rows that refer to it can still be written: on PostgreSQL
	 * {@code for update} also holds up every foreign-key check on the row, so a programme locked to
	 * change its themes or pool held up (and could deadlock with) an application inserting a trajectory
	 * of that programme.
	 */
	public String exclusive() {
		return postgreSql ? "for no key update" : "for update";
	}

	/** Writers share the row and only one that takes {@link #exclusive()} or {@code for update} waits for them. */
	public String shared() {
		return postgreSql ? "for share" : "for update";
	}
}

package db.migration;

import java.sql.PreparedStatement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Names stored before names were cleaned at storage (TypedName) may still hold a direction override, embedding or
 * isolate (U+202A to U+202E and U+2066 to U+2069): one such character turned the address shown after a name around
 * (moc.elpmaxe@neirbo). This removes them from the names TypedName now cleans: accounts', applications', organisations'
 * and programmes'. None of these columns is sealed, so the database can change them.
 *
 * <p>In Java, not SQL, so that the characters are named by their numbers and passed as parameters: typed into a SQL
 * file they are invisible, and would turn the file's own text around in an editor. The same statements run on
 * PostgreSQL and H2. Only the characters go; the spaces around them stay as they were (a name is shown as it stood).
 */
public class V101__names_stored_before_keep_no_direction_overrides extends BaseJavaMigration {

	private static final String[][] COLUMNS = { { "account", "display_name" }, { "intake", "display_name" },
			{ "organisation", "name" }, { "programme", "name" } };

	@Override
	public void migrate(Context context) throws Exception {
		for (String[] column : COLUMNS) {
			String sql = "update %1$s set %2$s = replace(%2$s, ?, '') where %2$s like ?".formatted(column[0], column[1]);
			try (PreparedStatement update = context.getConnection().prepareStatement(sql)) {
				for (int c = 0x202A; c <= 0x2069; c = c == 0x202E ? 0x2066 : c + 1) {
					String character = Character.toString(c);
					update.setString(1, character);
					update.setString(2, "%" + character + "%");
					update.addBatch();
				}
				update.executeBatch();
			}
		}
	}
}

package db.migration;

import java.sql.PreparedStatement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * As V101, for what V101 left: the name a provider gave that a link to bind an account keeps (and shows whoever is
 * asked to confirm it), a programme's theme labels, and assignment titles, the library's and those kept with a given
 * assignment. They were stored as typed or given, and may hold a direction override, embedding or isolate (U+202A to
 * U+202E and U+2066 to U+2069); TypedName now cleans them when they are stored. None of these columns is sealed.
 *
 * <p>In Java for the reason V101 gives: the characters are named by their numbers, never typed into a SQL file. Only
 * the characters go; the spaces around them stay as they were.
 */
public class V103__names_from_a_provider_theme_labels_and_assignment_titles_keep_no_direction_overrides extends BaseJavaMigration {

	private static final String[][] COLUMNS = { { "single_sign_on_link", "display_name" }, { "programme_theme", "label_nl" },
			{ "programme_theme", "label_en" }, { "assignment", "title" }, { "given_assignment", "title" } };

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

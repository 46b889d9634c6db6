package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An audit line about a trajectory has it in its column, so the administrator's search by trajectory reads the
 * indexed column alone instead of every line's details. Lines written until now with the column empty and the
 * trajectory only in their details (a programme manager's handover or proposal, refused or not, as the address's
 * {@code id=}; a form's {@code trajectoryId=}) get it here; a line whose column is filled keeps it, and a value that
 * is not one whole identifier is left alone. The index on the column (V19's {@code audit_entry_by_trajectory}) is
 * there already.
 *
 * <p>In Java, not SQL, because the two databases match patterns in their own words. From now on the trail's
 * interceptor fills the column from the request itself (the form's trajectoryId, the address's {id}); for lines
 * written before, the details are all there is, read back here by the same two rules. Read and written a thousand
 * lines at a time: the trail may hold millions.
 */
public class V115__an_audit_line_about_a_trajectory_has_it_in_its_column extends BaseJavaMigration {

	/** A trajectory's address, in any area: its {id} is the trajectory's. */
	private static final Pattern TRAJECTORY_ROUTE = Pattern.compile("[A-Z]+ /[a-z-]+/trajectories/\\{id}(/.*)?");

	private static final String ONE_ID = "=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:,|$)";

	private static final Pattern ADDRESS_ID = Pattern.compile("(?:^|, )id" + ONE_ID);

	private static final Pattern FORM_TRAJECTORY = Pattern.compile("(?:^|, )trajectoryId" + ONE_ID);

	private static final int BATCH = 1_000;

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		// Only lines that can name one: the LIKE narrows what is read, the pattern decides.
		try (PreparedStatement rows = connection.prepareStatement("""
				select id, route, details from audit_entry
				where trajectory_id is null and details like '%id=%'""", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
				PreparedStatement update = connection
					.prepareStatement("update audit_entry set trajectory_id = ? where id = ? and trajectory_id is null")) {
			rows.setFetchSize(BATCH);
			try (ResultSet row = rows.executeQuery()) {
				int waiting = 0;
				while (row.next()) {
					UUID trajectory = concerned(row.getString("route"), row.getString("details"));
					if (trajectory == null) {
						continue;
					}
					update.setObject(1, trajectory);
					update.setObject(2, row.getObject("id"));
					update.addBatch();
					if (++waiting == BATCH) {
						update.executeBatch();
						waiting = 0;
					}
				}
				if (waiting > 0) {
					update.executeBatch();
				}
			}
		}
	}

	/** The address's id on a trajectory's route, else the one trajectoryId in the details; null when none parses. */
	static UUID concerned(String route, String details) {
		if (details == null) {
			return null;
		}
		Matcher id = (route != null && TRAJECTORY_ROUTE.matcher(route).matches() ? ADDRESS_ID : FORM_TRAJECTORY).matcher(details);
		if (!id.find()) {
			return null;
		}
		try {
			return UUID.fromString(id.group(1));
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
	}
}

package db.migration;

import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * One open invitation per address and programme (decision 0071). The code looked for one before it wrote one, but a
 * first invitation to an address has no row to lock: two forms sent in the same second each found none and each
 * wrote one, and two mails with two working links went out. Now the database refuses the second, and the code
 * answers it with the first.
 *
 * <p>In Java, not SQL, because the two databases say "unique among the open invitations" differently: PostgreSQL with
 * a partial index; H2 (the development database) has none, so there a computed column holds the address only while
 * the invitation is open, and a unique index over it ignores the others (its nulls never clash).
 */
public class V75__one_open_invitation_per_address_and_programme extends BaseJavaMigration {

	/** Open: invited and not used (applied) or withdrawn; the link may have run out, and is then sent again. */
	private static final String OPEN = "status = 'INVITED' and token_hash is not null";

	@Override
	public void migrate(Context context) throws Exception {
		String database = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		try (Statement statement = context.getConnection().createStatement()) {
			// Where the race (or an invitation from before decision 0058) left two, the newest sending stays, as the
			// manager's page showed it; the others are withdrawn and their links stop working, as a link sent again does.
			// A row without an expiry counts from its making: a null compared is no answer, and both would stay.
			statement.executeUpdate("""
					update intake set status = 'WITHDRAWN', token_hash = null
					where %1$s
					  and exists (select 1 from intake newer
					              where newer.programme_id = intake.programme_id and newer.email = intake.email
					                and newer.status = 'INVITED' and newer.token_hash is not null
					                and (coalesce(newer.token_expires_at, newer.created_at) > coalesce(intake.token_expires_at, intake.created_at)
					                     or (coalesce(newer.token_expires_at, newer.created_at) = coalesce(intake.token_expires_at, intake.created_at)
					                         and newer.id > intake.id)))"""
				.formatted(OPEN));
			if (database.contains("postgres")) {
				statement.execute("create unique index intake_one_open_invitation on intake (programme_id, email) where " + OPEN);
			}
			else {
				statement.execute("alter table intake add column open_invitation_email varchar(320) generated always as "
						+ "(case when " + OPEN + " then email end)");
				statement.execute("create unique index intake_one_open_invitation on intake (programme_id, open_invitation_email)");
			}
		}
	}
}

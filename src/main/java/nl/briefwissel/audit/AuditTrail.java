package nl.briefwissel.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.TypedSearch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The audit trail, written once per access and searched by administrators. */
@Repository
public class AuditTrail {

	static final int PAGE = 200;

	/** What an administrator searches for; empty fields do not filter. */
	public record Search(String person, AuditAction action, UUID trajectoryId, LocalDate from, LocalDate to) {

		public static Search everything() {
			return new Search(null, null, null, null, null);
		}
	}

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Written outside any transaction of the caller's: a read is on the trail even when what follows
	 * fails. One insert commits on its own, so it needs no transaction of its own either: that would
	 * be a begin and a commit more per page read, on the pages read most.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void record(AuditEntry entry) {
		jdbc.sql("""
				insert into audit_entry (id, at, actor_id, actor_name, actor_email, actor_roles, action, route,
				                         trajectory_id, details, reason)
				values (:id, :at, :actor, :name, :email, :roles, :action, :route, :trajectory, :details, :reason)""")
			.param("id", entry.id() == null ? UUID.randomUUID() : entry.id())
			.param("at", entry.at() == null ? OffsetDateTime.now(clock) : entry.at())
			.param("actor", entry.actorId())
			.param("name", cut(entry.actorName(), 200))
			.param("email", cut(entry.actorEmail(), 320))
			.param("roles", cut(entry.actorRoles(), 200))
			.param("action", entry.action().name())
			.param("route", cut(entry.route(), 300))
			.param("trajectory", entry.trajectoryId())
			.param("details", cut(entry.details(), 1000))
			.param("reason", cut(entry.reason(), Audited.REASON_AT_MOST))
			.update();
	}

	/**
	 * What the coach's and the participant's pages of who looked leave out: a programme manager's placing of a
	 * trajectory (a handover, a proposal, refused or not) is on its trail since the column is filled for it, but it is
	 * the programme's business, not an access to the participant's content; these pages showed it never.
	 */
	private static final String NOT_PLACING = " and route not like '% /programme/trajectories/%'";

	/** The trail is kept for a set time (BIO: long enough to investigate an incident), then removed. */
	@Transactional
	public int forgetBefore(OffsetDateTime cutoff) {
		return jdbc.sql("delete from audit_entry where at < :cutoff").param("cutoff", cutoff).update();
	}

	/** An erased person stays on the trail as an identifier only, without name or address. */
	@Transactional
	public void forgetActor(UUID accountId) {
		jdbc.sql("update audit_entry set actor_name = null, actor_email = null where actor_id = :id")
			.param("id", accountId)
			.update();
	}

	/** Everyone who accessed one trajectory, newest first, at most one page. */
	public List<AuditEntry> ofTrajectory(UUID trajectoryId) {
		return ofTrajectory(trajectoryId, null).entries();
	}

	/**
	 * One page of everyone who accessed one trajectory, newest first, after {@code after} (null: from
	 * the newest): what its coach sees, paged as the administrator's search is.
	 */
	public Page ofTrajectory(UUID trajectoryId, Position after) {
		// By the column alone, as it was: what the coach's page shows is the accesses recorded for the trajectory.
		var statement = new java.util.LinkedHashMap<String, Object>();
		statement.put("trajectory", trajectoryId);
		return page(new StringBuilder(" where trajectory_id = :trajectory" + NOT_PLACING), statement, after);
	}

	/**
	 * What others did with a person's trajectories, newest first, a page at a time: the participant's own
	 * view of who read or exported their record (AVG article 15), without their own reading of it.
	 */
	public Page aboutTrajectoriesByOthers(java.util.Collection<UUID> trajectoryIds, UUID person, Position after) {
		if (trajectoryIds.isEmpty()) {
			return new Page(List.of(), null);
		}
		StringBuilder where = new StringBuilder(" where trajectory_id in (:trajectories) and (actor_id is null or actor_id <> :person)" + NOT_PLACING);
		var statement = new java.util.LinkedHashMap<String, Object>();
		statement.put("trajectories", List.copyOf(trajectoryIds));
		statement.put("person", person);
		return page(where, statement, after);
	}

	/**
	 * One page of what people other than {@code own} did with one trajectory, newest first: its coach's
	 * page, where the coach's and participant's own reads (a line every page view) buried the one line of
	 * an administrator's among a hundred. An entry without an actor is somebody else's.
	 */
	public Page ofTrajectoryByOthers(UUID trajectoryId, java.util.Collection<UUID> own, Position after) {
		StringBuilder where = new StringBuilder(" where trajectory_id = :trajectory" + NOT_PLACING);
		var statement = new java.util.LinkedHashMap<String, Object>();
		statement.put("trajectory", trajectoryId);
		if (!own.isEmpty()) {
			where.append(" and (actor_id is null or actor_id not in (:own))");
			statement.put("own", List.copyOf(own));
		}
		return page(where, statement, after);
	}

	/** How often one person opened or exported a trajectory, and when last (null: never). */
	public record Reads(long times, OffsetDateTime last) {
	}

	/** How often {@code actor} is on one trajectory's trail, and when last: the summary of their own reads. */
	public Reads readsOf(UUID trajectoryId, UUID actor) {
		return jdbc.sql("select count(*) as times, max(at) as last from audit_entry where trajectory_id = :trajectory and actor_id = :actor"
				+ NOT_PLACING)
			.param("trajectory", trajectoryId)
			.param("actor", actor)
			.query((rs, row) -> new Reads(rs.getLong("times"), rs.getObject("last", OffsetDateTime.class)))
			.single();
	}

	/** The newest entries that match, at most one page. */
	public List<AuditEntry> search(Search search) {
		return search(search, null).entries();
	}

	/** Where a page of the trail ended: the next page goes on with the entries after this one, newest first. */
	public record Position(OffsetDateTime at, UUID id) {

		/**
		 * Where the page before ended, from its link's {@code olderAt} and {@code olderId}; anything else
		 * (an edited address) is null, which starts at the newest.
		 */
		public static Position fromLink(String at, String id) {
			try {
				if (at == null || id == null || at.isBlank() || id.isBlank()) {
					return null;
				}
				OffsetDateTime moment = OffsetDateTime.parse(at.strip());
				return moment.getYear() < 2000 || moment.getYear() > 2099 ? null : new Position(moment, UUID.fromString(id.strip()));
			}
			catch (IllegalArgumentException | DateTimeParseException e) {
				return null;
			}
		}
	}

	/** One page of what a search found, and where the next (older) page starts, if there is one. */
	public record Page(List<AuditEntry> entries, Position older) {
	}

	/**
	 * One page of the entries that match, newest first, after {@code after} (null: from the newest).
	 * Counted from an entry rather than by page number: an investigation looks at a trail that grows
	 * while it reads, and a line written meanwhile must not push another from one page onto the next.
	 */
	public Page search(Search search, Position after) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		var statement = new java.util.LinkedHashMap<String, Object>();
		if (!TypedSearch.isBlank(search.person())) {
			where.append(" and (" + TypedSearch.contains("actor_name", "person") + " or " + TypedSearch.contains("actor_email", "person")
					+ ")");
			statement.put("person", TypedSearch.containing(search.person()));
		}
		if (search.action() != null) {
			where.append(" and action = :action");
			statement.put("action", search.action().name());
		}
		if (search.trajectoryId() != null) {
			// Every line that concerns the trajectory has it in its column (indexed): one written with it only in its
			// details (a handover's address, a form's trajectoryId) is filled as it is written (concerned), and those
			// written before by V115. A search no longer walks the whole trail reading the details.
			where.append(" and trajectory_id = :trajectory");
			statement.put("trajectory", search.trajectoryId());
		}
		if (search.from() != null) {
			where.append(" and at >= :from");
			statement.put("from", search.from().atStartOfDay(AMSTERDAM).toOffsetDateTime());
		}
		if (search.to() != null) {
			where.append(" and at < :to");
			statement.put("to", search.to().plusDays(1).atStartOfDay(AMSTERDAM).toOffsetDateTime());
		}
		return page(where, statement, after);
	}

	private Page page(StringBuilder where, java.util.Map<String, Object> statement, Position after) {
		if (after != null) {
			where.append(" and (at < :afterAt or at = :afterAt and id > :afterId)");
			statement.put("afterAt", after.at());
			statement.put("afterId", after.id());
		}
		List<AuditEntry> found = jdbc.sql(SELECT + where + " order by at desc, id limit " + (PAGE + 1))
			.params(statement)
			.query(AuditTrail::entry)
			.list();
		if (found.size() <= PAGE) {
			return new Page(found, null);
		}
		AuditEntry last = found.get(PAGE - 1);
		return new Page(found.subList(0, PAGE), new Position(last.at(), last.id()));
	}

	private static final String SELECT = """
			select id, at, actor_id, actor_name, actor_email, actor_roles, action, route, trajectory_id, details, reason
			from audit_entry""";

	private static AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("at", OffsetDateTime.class),
				rs.getObject("actor_id", UUID.class), rs.getString("actor_name"), rs.getString("actor_email"),
				rs.getString("actor_roles"), AuditAction.valueOf(rs.getString("action")), rs.getString("route"),
				rs.getObject("trajectory_id", UUID.class), rs.getString("details"), rs.getString("reason"));
	}

	private static String cut(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}
}

package nl.briefwissel.organisation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.TypedName;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisations whose employees take part: a municipality, or each employer of a fund's programme.
 * Names are unique whatever their capitals, so an administrator never has to tell two apart by id. An
 * organisation whose contract ended is left out of everything here: its row stays, with its name, for the
 * anonymous figures of its programmes and the audit trail (decision 0073).
 */
@Repository
public class Organisations {

	/** An organisation with how many people and programmes it has, for the administrator's list. */
	public record Summary(UUID id, String name, long accounts, long programmes) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Organisations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public Organisation create(String name) {
		Organisation organisation = new Organisation(UUID.randomUUID(), TypedName.cleaned(name.strip()));
		jdbc.sql("insert into organisation (id, name, created_at) values (:id, :name, :now)")
			.param("id", organisation.id())
			.param("name", organisation.name())
			.param("now", OffsetDateTime.now(clock))
			.update();
		return organisation;
	}

	public Optional<Organisation> byId(UUID id) {
		return jdbc.sql("select id, name from organisation where id = :id and ended_at is null")
			.param("id", id)
			.query(Organisation.class)
			.optional();
	}

	public List<Organisation> all() {
		return jdbc.sql("select id, name from organisation where ended_at is null order by name").query(Organisation.class).list();
	}

	/** The organisation of this name, whatever its capitals and the spaces around it. */
	public Optional<Organisation> byName(String name) {
		return jdbc.sql("""
				select id, name from organisation where lower(name) = lower(:name) and ended_at is null order by created_at limit 1""")
			.param("name", name.strip())
			.query(Organisation.class)
			.optional();
	}

	/** Renames it; false when it does not exist. */
	@Transactional
	public boolean rename(UUID id, String name) {
		return jdbc.sql("update organisation set name = :name where id = :id").param("name", TypedName.cleaned(name.strip())).param("id", id).update() == 1;
	}

	/**
	 * Locks the organisation's row for ending it, so that two administrators ending it at once take turns
	 * and the second finds it ended; empty when it is (or never was).
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public Optional<Organisation> lockedToEnd(UUID id) {
		return jdbc.sql("select id, name from organisation where id = :id and ended_at is null for update")
			.param("id", id)
			.query(Organisation.class)
			.optional();
	}

	/** Marks it ended: from now on it is in no list and no page finds it. */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void ended(UUID id) {
		jdbc.sql("update organisation set ended_at = :now where id = :id and ended_at is null")
			.param("now", OffsetDateTime.now(clock))
			.param("id", id)
			.update();
	}

	/** An organisation with the counts an administrator checks a set-up by; a where or an order follows. */
	private static final String SUMMARIES = """
			select o.id, o.name,
			       (select count(*) from account a where a.organisation_id = o.id) as accounts,
			       (select count(*) from programme p where p.organisation_id = o.id) as programmes
			from organisation o
			where o.ended_at is null""";

	/** A page of the organisations by name, with their counts. */
	public List<Summary> summaries(int offset, int size) {
		return jdbc.sql(SUMMARIES + " order by lower(o.name), o.id limit :size offset :offset")
			.param("size", size)
			.param("offset", offset)
			.query(Organisations::summary)
			.list();
	}

	/** One organisation with its counts. */
	public Optional<Summary> summary(UUID id) {
		return jdbc.sql(SUMMARIES + " and o.id = :id").param("id", id).query(Organisations::summary).optional();
	}

	private static Summary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Summary(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("accounts"), rs.getLong("programmes"));
	}

	public long count() {
		return jdbc.sql("select count(*) from organisation where ended_at is null").query(Long.class).single();
	}
}

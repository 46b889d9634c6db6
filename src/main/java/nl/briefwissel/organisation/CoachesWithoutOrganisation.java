package nl.briefwissel.organisation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.account.CoachWork;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coaches who belong to no organisation, or to one that ended: a coach of an ended organisation who coaches
 * for several others is moved to none (decision 0073), and one who kept the link to an ended organisation
 * before that rule counts alike. They coach on through the pools they are in, but no organisation lists them
 * among its own coaches, so nobody keeps their capacity and specialisms and no programme manager can add them
 * to another pool: an administrator assigns them one (decision 0085). Only what they coach is counted here,
 * never what anyone wrote.
 */
@Repository
public class CoachesWithoutOrganisation {

	/**
	 * A coach without an organisation: the organisations (not ended) they coach for, through a pool or a
	 * trajectory under way; in how many programmes' pools; and how many trajectories are under way with them.
	 */
	public record Coach(UUID id, String name, String email, List<Organisation> coachingFor, long pools, int underway) {

		public Coach {
			coachingFor = List.copyOf(coachingFor);
		}
	}

	/** Whose organisation is none or ended, with the coach role, not removed (decision 0073's removed accounts). */
	private static final String WITHOUT = """
			a.id in (select r.account_id from account_role r where r.role = 'COACH')
			and (a.organisation_id is null or a.organisation_id in (select o.id from organisation o where o.ended_at is not null))
			and a.email not like '%@briefwissel.invalid'""";

	private final JdbcClient jdbc;

	private final CoachWork work;

	CoachesWithoutOrganisation(JdbcClient jdbc, CoachWork work) {
		this.jdbc = jdbc;
		this.work = work;
	}

	/** All of them, by name: a few at most, after an ending of an organisation whose coaches worked for several. */
	public List<Coach> all() {
		return jdbc.sql("select a.id, a.display_name, a.email from account a where " + WITHOUT + " order by a.display_name, a.id")
			.query((rs, n) -> new Named(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.list()
			.stream()
			.map(this::counted)
			.toList();
	}

	/** How many there are, for a page that only points to the list. */
	public long count() {
		return jdbc.sql("select count(*) from account a where " + WITHOUT).query(Long.class).single();
	}

	/** This coach, while they are without an organisation. */
	public Optional<Coach> byId(UUID coachId) {
		return jdbc.sql("select a.id, a.display_name, a.email from account a where a.id = :id and " + WITHOUT)
			.param("id", coachId)
			.query((rs, n) -> new Named(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.optional()
			.map(this::counted);
	}

	/**
	 * Makes the coach one of this organisation's own, in one statement that asks again whether they are still
	 * without one: of two administrators assigning the same coach at once, the second changes nothing and is
	 * told so (false). Pools and trajectories are not touched: a running trajectory keeps its coach. The
	 * organisation must not have ended; one ending in this very moment leaves the coach with an ended
	 * organisation, which this list counts as none again.
	 */
	@Transactional
	public boolean assign(UUID coachId, UUID organisationId) {
		return jdbc.sql("update account set organisation_id = :organisation where id = :id and id in (select a.id from account a where "
				+ WITHOUT + ")")
			.param("organisation", organisationId)
			.param("id", coachId)
			.update() == 1;
	}

	private Coach counted(Named coach) {
		List<Organisation> coachingFor = jdbc.sql("""
				select distinct o.id, o.name from organisation o join programme p on p.organisation_id = o.id
				where o.ended_at is null
				  and (p.id in (select c.programme_id from programme_coach c where c.coach_id = :coach)
				       or p.id in (select t.programme_id from trajectory t where t.coach_id = :coach and t.erased_at is null
				                   and t.status in ('RUNNING', 'PAUSED', 'MATCHING')))
				order by o.name""")
			.param("coach", coach.id())
			.query(Organisation.class)
			.list();
		long pools = jdbc.sql("""
				select count(*) from programme_coach c join programme p on p.id = c.programme_id
				join organisation o on o.id = p.organisation_id
				where c.coach_id = :coach and o.ended_at is null""")
			.param("coach", coach.id())
			.query(Long.class)
			.single();
		return new Coach(coach.id(), coach.name(), coach.email(), coachingFor, pools, work.underway(coach.id()));
	}

	private record Named(UUID id, String name, String email) {
	}
}

package nl.briefwissel.organisation;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The coaches a programme may match its participants to. */
@Repository
public class CoachPool {

	private final JdbcClient jdbc;

	CoachPool(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Set<UUID> of(UUID programmeId) {
		return jdbc.sql("select coach_id from programme_coach where programme_id = :programme")
			.param("programme", programmeId)
			.query(UUID.class)
			.list()
			.stream()
			.collect(Collectors.toSet());
	}

	/**
	 * Whether someone of the programme waits for a coach, or for the answer of the coach proposed: emptying the pool
	 * then leaves nobody to propose them to. Read from the trajectories' table, as matching reads it: this module
	 * cannot ask the trajectory module, which depends on it.
	 */
	public boolean anyoneWaiting(UUID programmeId) {
		return jdbc.sql("select count(*) from trajectory where programme_id = :programme and status in ('INTAKE', 'MATCHING')")
			.param("programme", programmeId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * The places a coach's trajectories take, for the administrator who changes the coach's capacity or
	 * certification: as {@link #placesTaken(Collection)} counts them for matching.
	 */
	public int placesTaken(UUID coachId) {
		return placesTaken(List.of(coachId)).getOrDefault(coachId, 0);
	}

	/**
	 * The places each coach's trajectories take, as a new proposal weighs them: running, paused, and proposed but not
	 * yet answered. Counted here once, for matching and for the administrator's page alike (taking back a coach's role
	 * counts through {@code Trajectories.countOfCoach}, its own question); a coach with none is not
	 * in the map. Read from the trajectories' table, as {@link #anyoneWaiting} is.
	 */
	public Map<UUID, Integer> placesTaken(Collection<UUID> coachIds) {
		if (coachIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Integer> taken = new HashMap<>();
		jdbc.sql("""
				select coach_id, count(*) as n from trajectory
				where coach_id in (:coaches) and status in ('MATCHING', 'RUNNING', 'PAUSED') group by coach_id""")
			.param("coaches", List.copyOf(coachIds))
			.query(rs -> {
				taken.put(rs.getObject("coach_id", UUID.class), rs.getInt("n"));
			});
		return taken;
	}

	/**
	 * Replaces the pool; trajectories already matched keep their coach. Of two saves at once (a double
	 * click) the second does not see the first's rows to delete: it leaves a coach the first inserted
	 * (it failed on inserting it again, and the browser showed its error page). Without a lock on the
	 * programme, which held up (and could deadlock with) an application of a coach of the pool.
	 */
	@Transactional
	public void set(UUID programmeId, Collection<UUID> coaches) {
		jdbc.sql("delete from programme_coach where programme_id = :programme").param("programme", programmeId).update();
		for (UUID coach : Set.copyOf(coaches)) {
			jdbc.sql("insert into programme_coach (programme_id, coach_id) values (:programme, :coach) on conflict do nothing")
				.param("programme", programmeId)
				.param("coach", coach)
				.update();
		}
	}
}

package nl.briefwissel.organisation;

import java.util.Collection;
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
	 * Replaces the pool; trajectories already matched keep their coach. The programme's row is locked
	 * first: of two saves at once (a double click) the second waited for nothing, did not see the first's
	 * rows to delete and failed on inserting them again, and the browser showed its error page.
	 */
	@Transactional
	public void set(UUID programmeId, Collection<UUID> coaches) {
		jdbc.sql("select id from programme where id = :programme for update").param("programme", programmeId).query(UUID.class).optional();
		jdbc.sql("delete from programme_coach where programme_id = :programme").param("programme", programmeId).update();
		for (UUID coach : Set.copyOf(coaches)) {
			jdbc.sql("insert into programme_coach (programme_id, coach_id) values (:programme, :coach)")
				.param("programme", programmeId)
				.param("coach", coach)
				.update();
		}
	}
}

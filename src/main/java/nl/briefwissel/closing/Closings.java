package nl.briefwissel.closing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Closing summaries: one per trajectory, rewritten until the trajectory ends. */
@Repository
public class Closings {

	private final JdbcClient jdbc;

	private final Clock clock;

	Closings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Closing> of(UUID trajectoryId) {
		return jdbc.sql("""
				select c.summary, c.written_at, c.reaction, c.reacted_at,
				       (select a.display_name from account a where a.id = c.written_by) as written_by_name
				from closing c where c.trajectory_id = :id""")
			.param("id", trajectoryId)
			.query((rs, n) -> new Closing(rs.getString("summary"), rs.getObject("written_at", OffsetDateTime.class),
					rs.getString("reaction"), rs.getObject("reacted_at", OffsetDateTime.class), rs.getString("written_by_name")))
			.optional();
	}

	/**
	 * Writes or rewrites the summary as {@code coachId}; true when it is the first version. The writer
	 * is kept with it: after a handover the trajectory's coach is no longer the one who wrote it.
	 */
	@Transactional
	boolean write(UUID trajectoryId, UUID coachId, String summary) {
		int inserted = jdbc.sql("""
				insert into closing (trajectory_id, summary, written_at, written_by) values (:id, :summary, :now, :by)
				on conflict do nothing""")
			.param("id", trajectoryId)
			.param("summary", summary.strip())
			.param("now", OffsetDateTime.now(clock))
			.param("by", coachId)
			.update();
		if (inserted == 0) {
			jdbc.sql("update closing set summary = :summary, written_at = :now, written_by = :by where trajectory_id = :id")
				.param("summary", summary.strip())
				.param("now", OffsetDateTime.now(clock))
				.param("by", coachId)
				.param("id", trajectoryId)
				.update();
		}
		return inserted == 1;
	}

	@Transactional
	void react(UUID trajectoryId, String reaction) {
		jdbc.sql("update closing set reaction = :reaction, reacted_at = :now where trajectory_id = :id")
			.param("reaction", reaction == null || reaction.isBlank() ? null : reaction.strip())
			.param("now", OffsetDateTime.now(clock))
			.param("id", trajectoryId)
			.update();
	}
}

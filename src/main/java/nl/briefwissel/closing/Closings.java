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
		return jdbc.sql("select summary, written_at, reaction, reacted_at from closing where trajectory_id = :id")
			.param("id", trajectoryId)
			.query((rs, n) -> new Closing(rs.getString("summary"), rs.getObject("written_at", OffsetDateTime.class),
					rs.getString("reaction"), rs.getObject("reacted_at", OffsetDateTime.class)))
			.optional();
	}

	/** Writes or rewrites the summary; true when it is the first version. */
	@Transactional
	boolean write(UUID trajectoryId, String summary) {
		int inserted = jdbc.sql("""
				insert into closing (trajectory_id, summary, written_at) values (:id, :summary, :now)
				on conflict do nothing""")
			.param("id", trajectoryId)
			.param("summary", summary.strip())
			.param("now", OffsetDateTime.now(clock))
			.update();
		if (inserted == 0) {
			jdbc.sql("update closing set summary = :summary, written_at = :now where trajectory_id = :id")
				.param("summary", summary.strip())
				.param("now", OffsetDateTime.now(clock))
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

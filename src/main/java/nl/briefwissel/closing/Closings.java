package nl.briefwissel.closing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.OpenedText;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closing summaries: one per trajectory, rewritten until the trajectory ends. The summary and the
 * reaction are sealed at rest each under its own key id (decision 0009): they are written at
 * different moments, by different people.
 */
@Repository
public class Closings {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	Closings(JdbcClient jdbc, Clock clock, Encryption encryption) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
	}

	/**
	 * The closing of a trajectory, if there is one. It is always one part of a page or a record that
	 * holds more (the coach's trajectory page, the participant's, the record): a summary or reaction that
	 * does not open (its key removed, its record changed) is said in the log once and comes back not
	 * readable, for a marked line in its place, not an error that took the whole page with it (decision 0057).
	 */
	public Optional<Closing> of(UUID trajectoryId) {
		return jdbc.sql("""
				select c.summary, c.summary_key_id, c.written_at, c.reaction, c.reaction_key_id, c.reacted_at,
				       (select a.display_name from account a where a.id = c.written_by) as written_by_name
				from closing c where c.trajectory_id = :id""")
			.param("id", trajectoryId)
			.query((rs, n) -> {
				OpenedText summary = encryption.openListed("closing summary of trajectory " + trajectoryId,
						rs.getString("summary_key_id"), rs.getString("summary"));
				OpenedText reaction = encryption.openListed("closing reaction of trajectory " + trajectoryId,
						rs.getString("reaction_key_id"), rs.getString("reaction"));
				return new Closing(summary.text(), rs.getObject("written_at", OffsetDateTime.class), reaction.text(),
						rs.getObject("reacted_at", OffsetDateTime.class), rs.getString("written_by_name"), summary.readable(),
						reaction.readable());
			})
			.optional();
	}

	/**
	 * Writes or rewrites the summary as {@code coachId}; true when it is the first version. The writer
	 * is kept with it: after a handover the trajectory's coach is no longer the one who wrote it.
	 */
	@Transactional
	boolean write(UUID trajectoryId, UUID coachId, String summary) {
		String sealed = encryption.sealText(summary.strip());
		int inserted = jdbc.sql("""
				insert into closing (trajectory_id, summary, summary_key_id, written_at, written_by)
				values (:id, :summary, :keyId, :now, :by)
				on conflict do nothing""")
			.param("id", trajectoryId)
			.param("summary", sealed)
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("by", coachId)
			.update();
		if (inserted == 0) {
			jdbc.sql("""
					update closing set summary = :summary, summary_key_id = :keyId, written_at = :now, written_by = :by
					where trajectory_id = :id""")
				.param("summary", sealed)
				.param("keyId", encryption.keyId())
				.param("now", OffsetDateTime.now(clock))
				.param("by", coachId)
				.param("id", trajectoryId)
				.update();
		}
		return inserted == 1;
	}

	@Transactional
	void react(UUID trajectoryId, String reaction) {
		String kept = reaction == null || reaction.isBlank() ? null : reaction.strip();
		jdbc.sql("update closing set reaction = :reaction, reaction_key_id = :keyId, reacted_at = :now where trajectory_id = :id")
			.param("reaction", encryption.sealText(kept))
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("id", trajectoryId)
			.update();
	}
}

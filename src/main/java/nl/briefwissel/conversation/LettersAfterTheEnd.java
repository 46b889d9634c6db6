package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A participant's letter after their trajectory was completed or stopped, until its coach has seen it
 * (decision 0090). No list of the coach shows an ended trajectory, and the mail that tells them of it
 * is easily lost among others: the workspace names who wrote and since when, never what, until the
 * coach opens the conversation or answers it by mail.
 */
@Service
public class LettersAfterTheEnd {

	/** Who wrote after the end, and since when their letters wait to be seen. */
	public record Letter(UUID trajectoryId, String participantName, OffsetDateTime since) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	LettersAfterTheEnd(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The participant's letter just kept in the ended trajectory waits for its coach: since that letter,
	 * or since an earlier one not seen yet (a second letter does not move it on, as in "waiting"). Its
	 * newest letter moves on with every one, so that a page opened before this letter came does not
	 * take it for seen (see {@link #seen}). Two statements: H2 knows no {@code on conflict do update}.
	 */
	void wrote(UUID trajectoryId) {
		jdbc.sql("""
				insert into letter_after_the_end (trajectory_id, since, last_at)
				select :t, max(m.created_at), max(m.created_at) from message m
				where m.trajectory_id = :t and m.author_role = 'PARTICIPANT' and m.kind = 'MESSAGE'
				having max(m.created_at) is not null
				on conflict do nothing""")
			.param("t", trajectoryId)
			.update();
		jdbc.sql("""
				update letter_after_the_end set last_at = (select max(m.created_at) from message m
				    where m.trajectory_id = :t and m.author_role = 'PARTICIPANT' and m.kind = 'MESSAGE')
				where trajectory_id = :t""")
			.param("t", trajectoryId)
			.update();
	}

	/**
	 * The newest letter after the end waiting in the trajectory, read with the coach's page before it
	 * reads the letters: what the page shows is at least up to it. Empty when none waits.
	 */
	public Optional<OffsetDateTime> waitingUpTo(UUID trajectoryId) {
		return jdbc.sql("select last_at from letter_after_the_end where trajectory_id = :t")
			.param("t", trajectoryId)
			.query((rs, n) -> rs.getObject("last_at", OffsetDateTime.class))
			.optional();
	}

	/**
	 * The coach's letters after the end not yet seen, longest waiting first: one small read for the
	 * workspace, from the few rows waiting, not from the coach's years of ended trajectories. Only of
	 * trajectories still ended and still theirs.
	 */
	public List<Letter> ofCoach(UUID coachId) {
		return jdbc.sql("""
				select l.trajectory_id, l.since,
				       (select a.display_name from account a where a.id = t.participant_id) as participant_name
				from letter_after_the_end l join trajectory t on t.id = l.trajectory_id
				where t.coach_id = :coach and t.erased_at is null and t.status in ('COMPLETED', 'STOPPED')
				order by l.since, l.trajectory_id""")
			.param("coach", coachId)
			.query((rs, n) -> new Letter(rs.getObject("trajectory_id", UUID.class), rs.getString("participant_name"),
					rs.getObject("since", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toOffsetDateTime()))
			.list();
	}

	/**
	 * The coach opened the conversation: what waited there up to {@code shownUpTo} (read with the page,
	 * {@link #waitingUpTo}) is seen. A letter that came while the page was drawn moved the row's newest
	 * letter past it and keeps it named. Only by the trajectory's own coach, in a transaction of its own
	 * after the page (whose reads are a read-only transaction, decision 0017).
	 */
	@Transactional
	public void seen(UUID trajectoryId, UUID coachId, OffsetDateTime shownUpTo) {
		jdbc.sql("""
				delete from letter_after_the_end
				where trajectory_id = :t and last_at <= :shown
				  and trajectory_id in (select id from trajectory where coach_id = :coach)""")
			.param("t", trajectoryId)
			.param("shown", shownUpTo)
			.param("coach", coachId)
			.update();
	}

	/** The coach answered by mail after the end: they read what waited, as a letter ends "waiting for you". */
	void answered(TrajectoryOverview trajectory) {
		if (ended(trajectory)) {
			jdbc.sql("delete from letter_after_the_end where trajectory_id = :t").param("t", trajectory.id()).update();
		}
	}

	/** Completed or stopped: what is written now comes after the end. */
	public static boolean ended(TrajectoryOverview trajectory) {
		return trajectory.status().ended();
	}
}

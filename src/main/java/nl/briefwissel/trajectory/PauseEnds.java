package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A pause ends on the day the coach chose: the trajectory runs again by itself, and its reminders and
 * the coach's workspace with it. Left to the coach, it stayed paused until they thought of it, and
 * the contact moments of the days in between then counted as missed at once. Any node may run it;
 * the row's lock and the status make a trajectory resume once.
 */
@Component
class PauseEnds {

	private static final Logger log = LoggerFactory.getLogger(PauseEnds.class);

	private final JdbcClient jdbc;

	private final TrajectoryLifecycle lifecycle;

	private final Clock clock;

	PauseEnds(JdbcClient jdbc, TrajectoryLifecycle lifecycle, Clock clock) {
		this.jdbc = jdbc;
		this.lifecycle = lifecycle;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${briefwissel.trajectory.pause-end-interval:15m}",
			initialDelayString = "${briefwissel.trajectory.pause-end-initial-delay:1m}")
	void scheduled() {
		int resumed = resumeOn(LocalDate.now(clock));
		if (resumed > 0) {
			log.info("{} paused trajectory(ies) resumed at the end of their pause", resumed);
		}
	}

	/** Resumes every paused trajectory whose pause ends on or before this day; returns how many. */
	int resumeOn(LocalDate today) {
		List<UUID> due = jdbc.sql("""
				select t.id from trajectory t
				where t.status = 'PAUSED'
				  and (select max(p.until_date) from trajectory_pause p where p.trajectory_id = t.id) <= :today""")
			.param("today", today)
			.query(UUID.class)
			.list();
		return (int) due.stream().filter(id -> lifecycle.endPause(id, today)).count();
	}
}

package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A trajectory that nobody ends (the coach left, the participant vanished) ran on for good, and a programme's
 * retention period counts only from an end: its letters were kept for ever, against what the participant was
 * promised (AVG article 5(1)(e)). So one that runs on past its last contact moment shows its coach when it will
 * stop by itself, and its programme manager how many are silent; once nobody has written for
 * {@code briefwissel.trajectory.stop-when-silent-after} (183 days by default) after the last contact moment, the
 * last letter or the last change a person made, the retention job stops it, on nobody's behalf, with its own
 * reason code. Stopped, not erased: participant and coach are told by mail as after any stop, the record stays to
 * read and download, and the retention period counts from that day (decision 0108).
 */
@Service
public class SilentTrajectories {

	private static final Logger log = LoggerFactory.getLogger(SilentTrajectories.class);

	/** What the audit trail calls the stop; the details name the reason code and the dates, never a person. */
	public static final String AUDIT_ROUTE = "trajectory stopped automatically";

	/** Under a month a trajectory whose coach is on holiday would stop: refused at the start. */
	static final Duration SHORTEST = Duration.ofDays(30);

	/**
	 * Where a trajectory past its last contact moment stands: that moment's day, the last day anyone wrote or a person
	 * changed its course (the moment itself when that was earlier), and the day it stops by itself if nobody writes.
	 */
	public record Silence(LocalDate lastMoment, LocalDate lastActivity, LocalDate stopsOn) {

		/** Nobody wrote, and no person changed its course, since its last contact moment. */
		public boolean sinceLastMoment() {
			return !lastActivity.isAfter(lastMoment);
		}
	}

	private final Trajectories trajectories;

	private final TrajectoryLifecycle lifecycle;

	private final LastLetters letters;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final Duration after;

	SilentTrajectories(Trajectories trajectories, TrajectoryLifecycle lifecycle, LastLetters letters, JdbcClient jdbc,
			AuditTrail audit, Clock clock, @Value("${briefwissel.trajectory.stop-when-silent-after:183d}") Duration after) {
		if (after.compareTo(SHORTEST) < 0) {
			throw new IllegalArgumentException("briefwissel.trajectory.stop-when-silent-after must be 30 days or more");
		}
		this.trajectories = trajectories;
		this.lifecycle = lifecycle;
		this.letters = letters;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.after = after;
	}

	/** How many days of silence stop a trajectory, as the pages say it. */
	public long days() {
		return after.toDays();
	}

	/** Where this trajectory stands today, when it runs past its last contact moment; empty otherwise. */
	public Optional<Silence> of(TrajectoryOverview trajectory) {
		return Optional.ofNullable(of(List.of(trajectory), LocalDate.now(clock)).get(trajectory.id()));
	}

	/** Of these trajectories, how many run past their last contact moment with nobody writing since (programme page). */
	public long silentSinceLastMoment(List<TrajectoryOverview> among) {
		return of(among, LocalDate.now(clock)).values().stream().filter(Silence::sinceLastMoment).count();
	}

	/** The running trajectories that are to stop by themselves on this day; each is asked again when it is stopped. */
	public List<UUID> due(LocalDate today) {
		return of(trajectories.running(), today).entrySet()
			.stream()
			.filter(entry -> !entry.getValue().stopsOn().isAfter(today))
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * Stops the trajectory if it is still silent on its locked row: whatever writes into a conversation takes that
	 * lock first, so a letter that came since the list was read keeps it running. Told as a stop is (the participant
	 * by mail, and here the coach as well, who did not stop it); on the audit trail once the stop is committed.
	 */
	@Transactional
	public boolean stop(UUID trajectoryId, LocalDate today) {
		Trajectory locked = trajectories.load(trajectoryId).orElse(null);
		if (locked == null || locked.status() != TrajectoryStatus.RUNNING) {
			return false;
		}
		Silence silence = trajectories.byId(trajectoryId).map(now -> of(List.of(now), today).get(trajectoryId)).orElse(null);
		if (silence == null || silence.stopsOn().isAfter(today)) {
			return false;
		}
		lifecycle.stopSilent(locked, today);
		String details = "reason=" + Reason.NO_LETTERS_AFTER_PLANNED_END + ", last contact moment=" + silence.lastMoment()
				+ ", last letter or change=" + silence.lastActivity() + ", silent for=" + days() + "d";
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				audit.record(new AuditEntry(null, null, null, "Briefwissel", null, null, AuditAction.ADMINISTRATION, AUDIT_ROUTE,
						trajectoryId, details, null));
			}
		});
		log.info("Trajectory {} stopped: nobody wrote for {} days after its last contact moment", trajectoryId, days());
		return true;
	}

	/** Those of these that run past their last contact moment on this day, each with where it stands. */
	private Map<UUID, Silence> of(List<TrajectoryOverview> among, LocalDate today) {
		Map<UUID, LocalDate> lastMoments = new HashMap<>();
		for (TrajectoryOverview trajectory : among) {
			trajectory.lastMomentPassedOn(today).ifPresent(last -> lastMoments.put(trajectory.id(), last));
		}
		if (lastMoments.isEmpty()) {
			return Map.of();
		}
		List<UUID> ids = List.copyOf(lastMoments.keySet());
		Map<UUID, OffsetDateTime> newestLetters = letters.newest(ids);
		Map<UUID, OffsetDateTime> lastChanges = changesByPeople(ids);
		Map<UUID, Silence> silences = new HashMap<>();
		lastMoments.forEach((id, lastMoment) -> {
			LocalDate last = latest(latest(lastMoment, day(newestLetters.get(id))), day(lastChanges.get(id)));
			silences.put(id, new Silence(lastMoment, last, last.plusDays(days())));
		});
		return silences;
	}

	/**
	 * The last change of course a person made (an extension, a handover), per trajectory: a programme manager who hands
	 * a silent trajectory to a new coach gives that coach the whole period. A pause that ended by itself is nobody's.
	 */
	private Map<UUID, OffsetDateTime> changesByPeople(List<UUID> ids) {
		Map<UUID, OffsetDateTime> changes = new HashMap<>();
		jdbc.sql("""
				select trajectory_id, max(at) as at from trajectory_transition
				where trajectory_id = any(:ids) and by_account is not null group by trajectory_id""")
			.param("ids", new SqlArrayValue("uuid", ids.toArray()))
			.query(rs -> {
				changes.put(rs.getObject("trajectory_id", UUID.class), rs.getObject("at", OffsetDateTime.class));
			});
		return changes;
	}

	private LocalDate day(OffsetDateTime at) {
		return at == null ? null : at.atZoneSameInstant(clock.getZone()).toLocalDate();
	}

	private static LocalDate latest(LocalDate a, LocalDate b) {
		return b == null || !b.isAfter(a) ? a : b;
	}
}

package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.mail.MailErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes a trajectory's content and keeps what statistics count: the row with its programme,
 * theme, status and dates, the transitions' reason codes, the message dates. A trajectory still
 * under way is stopped first, without the mails a stop normally sends: the person asked to be forgotten.
 */
@Service
public class TrajectoryErasure {

	private static final Logger log = LoggerFactory.getLogger(TrajectoryErasure.class);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MailErasure mail;

	TrajectoryErasure(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, MailErasure mail) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.mail = mail;
	}

	/** A participant's trajectories, erased or not, for the erasure of everything about them. */
	public List<UUID> trajectoriesOf(UUID participantId) {
		return jdbc.sql("select id from trajectory where participant_id = :participant")
			.param("participant", participantId)
			.query(UUID.class)
			.list();
	}

	/**
	 * How long one of a participant's trajectories is kept, as {@link #pastRetention} counts it:
	 * {@code until} is the day its content goes (null while it runs: {@code months} after an end still
	 * to come); {@code waiting} when it has not started, so it is counted from its last change. The months are
	 * the trajectory's own, those it was told when it applied (decision 0134).
	 */
	public record Keeping(UUID trajectoryId, String programmeName, LocalDate until, int months, boolean waiting) {
	}

	/** What the participant is told of how long their trajectories are kept (AVG article 13(2)(a)). */
	public List<Keeping> keepingOf(UUID participantId) {
		return jdbc.sql("""
				select t.id, t.status, t.ended_on, p.name, t.retention_months,
				       coalesce((select max(tr.at) from trajectory_transition tr where tr.trajectory_id = t.id), t.created_at) as last_change
				from trajectory t join programme p on p.id = t.programme_id
				where t.participant_id = :participant and t.erased_at is null
				order by t.created_at""")
			.param("participant", participantId)
			.query((rs, n) -> {
				TrajectoryStatus status = TrajectoryStatus.valueOf(rs.getString("status"));
				int months = rs.getInt("retention_months");
				boolean waiting = status == TrajectoryStatus.INTAKE || status == TrajectoryStatus.MATCHING;
				LocalDate since = rs.getObject("ended_on", LocalDate.class) != null ? rs.getObject("ended_on", LocalDate.class)
						: waiting ? rs.getObject("last_change", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate()
						: null;
				return new Keeping(rs.getObject("id", UUID.class), rs.getString("name"), since == null ? null : since.plusMonths(months),
						months, waiting);
			})
			.list();
	}

	/**
	 * The retention periods besides {@code months} that trajectories of this programme still holding content keep:
	 * those of people who applied before the programme's period changed (decision 0134), for the register.
	 */
	public List<Integer> otherPeriodsKept(UUID programmeId, int months) {
		return jdbc.sql("""
				select distinct retention_months from trajectory
				where programme_id = :programme and erased_at is null and retention_months <> :months
				order by retention_months""")
			.param("programme", programmeId)
			.param("months", months)
			.query(Integer.class)
			.list();
	}

	/**
	 * Trajectories that still hold content and whose retention period has passed: each its own, the programme's
	 * when the person applied (decision 0134), not the programme's of today; counted from the
	 * day an ended one ended, and for one that still waits for a coach (an intake nobody matched, a
	 * proposal nobody answered) from its last change, so that a forgotten application does not keep
	 * a person's question and goals for good. One that runs or is paused is never here: a conversation is
	 * not erased as it stands. One that nobody ends is stopped first, once nobody wrote in it for long after
	 * its last contact moment ({@link SilentTrajectories}, decision 0108), and counts from that day.
	 */
	public List<UUID> pastRetention(LocalDate today) {
		record Kept(UUID id, LocalDate since, int months) {
		}
		return jdbc.sql("""
				select t.id, t.status, t.ended_on, t.retention_months,
				       coalesce((select max(tr.at) from trajectory_transition tr where tr.trajectory_id = t.id), t.created_at) as last_change
				from trajectory t join programme p on p.id = t.programme_id
				where t.erased_at is null
				  and (t.status in ('COMPLETED', 'STOPPED') and t.ended_on is not null or t.status in ('INTAKE', 'MATCHING'))""")
			.query((rs, n) -> new Kept(rs.getObject("id", UUID.class),
					rs.getObject("ended_on", LocalDate.class) != null ? rs.getObject("ended_on", LocalDate.class)
							: rs.getObject("last_change", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate(),
					rs.getInt("retention_months")))
			.list()
			.stream()
			.filter(kept -> !kept.since().plusMonths(kept.months()).isAfter(today))
			.map(Kept::id)
			.toList();
	}

	/** Erases one trajectory; doing it twice is harmless. */
	@Transactional
	public void erase(UUID trajectoryId, UUID by) {
		record Row(UUID participantId, String email, String status, OffsetDateTime erasedAt) {
		}
		// Whatever writes into the conversation locks this row first (Trajectories.lockedWithContent): it
		// comes before the erasure, which then takes it too, or after it, and is refused.
		jdbc.sql("select id from trajectory where id = :id for update").param("id", trajectoryId).query(UUID.class).optional();
		Row row = jdbc.sql("""
				select t.participant_id, a.email, t.status, t.erased_at
				from trajectory t join account a on a.id = t.participant_id where t.id = :id""")
			.param("id", trajectoryId)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class)))
			.optional()
			.orElseThrow(() -> new IllegalArgumentException("No trajectory " + trajectoryId));
		if (row.erasedAt() != null) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		TrajectoryStatus status = TrajectoryStatus.valueOf(row.status());
		if (status != TrajectoryStatus.COMPLETED && status != TrajectoryStatus.STOPPED) {
			jdbc.sql("update trajectory set status = 'STOPPED', ended_on = :today where id = :id")
				.param("today", LocalDate.now(clock))
				.param("id", trajectoryId)
				.update();
			jdbc.sql("""
					insert into trajectory_transition (id, trajectory_id, at, from_status, to_status, reason_code, reason, by_account)
					values (:id, :trajectory, :at, :from, 'STOPPED', :code, null, :by)""")
				.param("id", UUID.randomUUID())
				.param("trajectory", trajectoryId)
				.param("at", now)
				.param("from", status.name())
				.param("code", Reason.OTHER.name())
				.param("by", by)
				.update();
		}
		jdbc.sql("update trajectory set goals = null, goals_key_id = null, erased_at = :now where id = :id")
			.param("now", now)
			.param("id", trajectoryId)
			.update();
		jdbc.sql("update trajectory_transition set reason = null, reason_key_id = null where trajectory_id = :id").param("id", trajectoryId).update();
		jdbc.sql("update coach_proposal set decline_reason = null, decline_reason_key_id = null where trajectory_id = :id").param("id", trajectoryId).update();
		forgetApplications("trajectory_id = :key", trajectoryId);
		events.publishEvent(new TrajectoryEvents.TrajectoryErased(trajectoryId, row.participantId(), row.email()));
		log.info("Trajectory {} erased", trajectoryId);
	}

	/** Applications of this address that never became a trajectory (withdrawn, never completed). */
	@Transactional
	public void eraseApplicationsOf(String email) {
		forgetApplications("lower(email) = lower(:key)", email);
	}

	/**
	 * The applications and invitations of a programme whose organisation ended, and the employer contact each
	 * trajectory and application was to confirm to (decision 0073); its trajectories are erased one by one.
	 */
	@Transactional
	public void eraseApplicationsOfProgramme(UUID programmeId) {
		forgetApplications("programme_id = :key", programmeId);
		jdbc.sql("update intake set employer_contact = null where programme_id = :id").param("id", programmeId).update();
		jdbc.sql("update trajectory set employer_contact = null where programme_id = :id").param("id", programmeId).update();
	}

	/** Applications that never became a trajectory and were left longer than this. */
	@Transactional
	public int eraseUnfinishedApplicationsBefore(OffsetDateTime cutoff) {
		return forgetApplications("trajectory_id is null and created_at < :key and email <> :erased", cutoff);
	}

	/**
	 * Clears the words and the person of the applications that match; the rest stays for the figures.
	 * One still open is closed as well: without its address and link nobody can complete it, and kept
	 * open it stood on the programme manager's list for good as an erased address. The mails the application
	 * caused (the invitation, the confirmation) go too, queued or sent: they name the person, and a queued
	 * one would still go out with a link that no longer works. So do the mails an application by mail was
	 * made of (decision 0105): they held the same name, address and words; and the files those mails came with.
	 */
	private int forgetApplications(String where, Object key) {
		List<UUID> applications = jdbc.sql("select id from intake where email <> :erased and " + where)
			.param("erased", ERASED_ADDRESS)
			.param("key", key)
			.query(UUID.class)
			.list();
		applications.forEach(mail::forgetMailAbout);
		// The files its mails came with (a CV) are the person's as its words are: gone with them, not kept for figures.
		applications.forEach(application -> jdbc.sql("delete from intake_attachment where intake_id = :id")
			.param("id", application)
			.update());
		mail.forgetInbound(jdbc.sql("""
				select inbound_mail_id from intake_mail
				where intake_id in (select id from intake where email <> :erased and %s)""".formatted(where))
			.param("erased", ERASED_ADDRESS)
			.param("key", key)
			.query(UUID.class)
			.list());
		return jdbc.sql("""
				update intake set question = null, question_key_id = null, display_name = null, email = :erased, token_hash = null,
				    status = case when status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION') then 'WITHDRAWN'
				                  else status end
				where %s""".formatted(where))
			.param("erased", ERASED_ADDRESS)
			.param("key", key)
			.update();
	}

	/** What remains of an address that was erased; the reserved .invalid domain never receives mail (RFC 2606). */
	static final String ERASED_ADDRESS = "verwijderd@briefwissel.invalid";
}

package nl.briefwissel.trajectory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class Trajectories {

	// A read model over the tables of three modules; a join is cheaper and clearer than three
	// look-ups per row, and it returns names and dates only.
	private static final String OVERVIEW = """
			select t.id, t.programme_id, p.name as programme_name, t.participant_id, pa.display_name as participant_name,
			       pa.email as participant_email, t.coach_id, c.display_name as coach_name, c.email as coach_email,
			       t.status, t.theme, t.started_on, t.ended_on, p.weeks, p.moments_per_week
			from trajectory t
			join programme p on p.id = t.programme_id
			join account pa on pa.id = t.participant_id
			left join account c on c.id = t.coach_id""";

	private final JdbcClient jdbc;

	private final Clock clock;

	Trajectories(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records a trajectory in a given stage, as demo data and imports need. */
	@Transactional
	public UUID record(UUID programmeId, UUID participantId, UUID coachId, TrajectoryStatus status, String theme,
			LocalDate startedOn, LocalDate endedOn) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into trajectory (id, programme_id, participant_id, coach_id, status, theme, created_at, started_on, ended_on)
				values (:id, :programme, :participant, :coach, :status, :theme, :now, :started, :ended)""")
			.param("id", id)
			.param("programme", programmeId)
			.param("participant", participantId)
			.param("coach", coachId)
			.param("status", status.name())
			.param("theme", theme)
			.param("now", OffsetDateTime.now(clock))
			.param("started", startedOn)
			.param("ended", endedOn)
			.update();
		return id;
	}

	public java.util.Optional<TrajectoryOverview> byId(UUID id) {
		return jdbc.sql(OVERVIEW + " where t.id = :id").param("id", id).query(Trajectories::map).optional();
	}

	/** Every trajectory, for administrators choosing where a quarantined mail belongs. */
	public List<TrajectoryOverview> all() {
		return jdbc.sql(OVERVIEW + " order by pa.display_name, t.created_at").query(Trajectories::map).list();
	}

	public List<TrajectoryOverview> ofCoach(UUID coachId) {
		return jdbc.sql(OVERVIEW + " where t.coach_id = :coach order by t.status, pa.display_name")
			.param("coach", coachId)
			.query(Trajectories::map)
			.list();
	}

	public List<TrajectoryOverview> ofParticipant(UUID participantId) {
		return jdbc.sql(OVERVIEW + " where t.participant_id = :participant order by t.created_at desc")
			.param("participant", participantId)
			.query(Trajectories::map)
			.list();
	}

	/** How many trajectories of a programme are in each stage. */
	public Map<TrajectoryStatus, Long> countByStatus(UUID programmeId) {
		Map<TrajectoryStatus, Long> counts = new EnumMap<>(TrajectoryStatus.class);
		for (TrajectoryStatus status : TrajectoryStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("select status, count(*) as n from trajectory where programme_id = :programme group by status")
			.param("programme", programmeId)
			.query((rs, n) -> counts.put(TrajectoryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		return counts;
	}

	private static TrajectoryOverview map(ResultSet rs, int row) throws SQLException {
		return new TrajectoryOverview(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
				rs.getString("programme_name"), rs.getObject("participant_id", UUID.class),
				rs.getString("participant_name"), rs.getString("participant_email"), rs.getObject("coach_id", UUID.class),
				rs.getString("coach_name"), rs.getString("coach_email"),
				TrajectoryStatus.valueOf(rs.getString("status")), rs.getString("theme"),
				rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class), rs.getInt("weeks"),
				rs.getInt("moments_per_week"));
	}
}

package nl.briefwissel.trajectory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.encryption.OpenedText;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class Trajectories {

	/**
	 * A read model over the tables of three modules; a join is cheaper and clearer than three look-ups
	 * per row, and it returns names and dates only. The pauses come in the same statement, a row per
	 * pause (one without), folded into one overview each by {@link #overviews}: a second query for
	 * them was a round trip on every page that reads a trajectory.
	 */
	private static final String OVERVIEW = overview(
			"pa.display_name as participant_name, pa.email as participant_email, pa.preferred_language as participant_language",
			"join account pa on pa.id = t.participant_id");

	/**
	 * {@link #OVERVIEW} for the few dozen trajectories of one coach: each participant looked up by primary
	 * key. For the join PostgreSQL hashed the whole account table on every workspace view (a coach's 23
	 * rows against 2,021 accounts at 2,000 trajectories, more with every participant), costing index
	 * look-ups as if they were read from disk (docs/performance.md, tenth round).
	 */
	private static final String OVERVIEW_OF_FEW = overview("""
			(select a.display_name from account a where a.id = t.participant_id) as participant_name,
			       (select a.email from account a where a.id = t.participant_id) as participant_email,
			       (select a.preferred_language from account a where a.id = t.participant_id) as participant_language""", "");

	private static String overview(String participantColumns, String participantJoin) {
		return """
				select t.id, t.programme_id, p.name as programme_name, t.participant_id, %s,
				       t.coach_id, c.display_name as coach_name, c.email as coach_email,
				       t.status, t.theme, t.started_on, t.ended_on, coalesce(t.weeks, p.weeks) as weeks,
				       coalesce(t.moments_per_week, p.moments_per_week) as moments_per_week, t.extra_weeks,
				       p.reply_within_days, p.mail_mode, tp.from_date as pause_from, tp.until_date as pause_until
				from trajectory t
				join programme p on p.id = t.programme_id
				%s
				left join account c on c.id = t.coach_id
				left join trajectory_pause tp on tp.trajectory_id = t.id""".formatted(participantColumns, participantJoin);
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * How a write into a conversation locks the trajectory's row: shared on PostgreSQL, so writers of one
	 * trajectory (the inbound workers' batches, a coach's draft) never wait for each other and only an
	 * erasure waits for them; H2 knows only {@code for update}.
	 */
	private final String writersLock;

	private final nl.briefwissel.encryption.Encryption encryption;

	Trajectories(JdbcClient jdbc, Clock clock, javax.sql.DataSource dataSource, nl.briefwissel.encryption.Encryption encryption) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
		this.writersLock = nl.briefwissel.RowLocks.of(dataSource).shared();
	}

	/** Records a trajectory in a given stage, as demo data and imports need. */
	@Transactional
	public UUID record(UUID programmeId, UUID participantId, UUID coachId, TrajectoryStatus status, String theme,
			LocalDate startedOn, LocalDate endedOn) {
		return record(programmeId, participantId, coachId, status, theme, startedOn, endedOn, null);
	}

	/**
	 * As {@link #record(UUID, UUID, UUID, TrajectoryStatus, String, LocalDate, LocalDate)}, keeping {@code retentionMonths}:
	 * the period the application's form named when the person consented, which may be days before the trajectory is
	 * made (the address confirmed); null for the programme's period now.
	 */
	@Transactional
	public UUID record(UUID programmeId, UUID participantId, UUID coachId, TrajectoryStatus status, String theme,
			LocalDate startedOn, LocalDate endedOn, Integer retentionMonths) {
		UUID id = UUID.randomUUID();
		// The retention period is fixed here: the one the application's form named when the person consented (kept on the
		// intake, as the trajectory may be made days later when the address is confirmed), else the programme's now. A
		// later change to the programme's does not shorten it (decision 0134).
		jdbc.sql("""
				insert into trajectory (id, programme_id, participant_id, coach_id, status, theme, created_at, started_on, ended_on,
				    weeks, moments_per_week, retention_months)
				values (:id, :programme, :participant, :coach, :status, :theme, :now, :started, :ended,
				    (select weeks from programme where id = :programme),
				    (select moments_per_week from programme where id = :programme),
				    (select retention_months from programme where id = :programme))""")
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
		if (retentionMonths != null) {
			jdbc.sql("update trajectory set retention_months = :months where id = :id").param("months", retentionMonths).param("id", id).update();
		}
		return id;
	}

	public java.util.Optional<TrajectoryOverview> byId(UUID id) {
		return jdbc.sql(OVERVIEW + " where t.id = :id").param("id", id).query(Trajectories::overviews).stream().findFirst();
	}

	/**
	 * A trajectory whose content has not been erased: the only kind mail may still join. After an
	 * erasure a late reply, or a coach answering an old mail, must not bring words back into it.
	 */
	public java.util.Optional<TrajectoryOverview> withContent(UUID id) {
		return jdbc.sql(OVERVIEW + " where t.id = :id and t.erased_at is null").param("id", id).query(Trajectories::overviews)
			.stream().findFirst();
	}

	/** Whether the participant wants coach messages in full by mail (true) or as a notification (false). */
	public boolean wantsFullText(UUID trajectoryId) {
		return jdbc.sql("select mail_preference from trajectory where id = :id")
			.param("id", trajectoryId)
			.query(String.class)
			.optional()
			.map("FULL_TEXT"::equals)
			.orElse(true);
	}

	/** Whether the participant agreed (and still agrees) that the employer is told of start and completion. */
	public boolean employerMayConfirm(UUID trajectoryId) {
		return jdbc.sql("select employer_may_confirm from trajectory where id = :id")
			.param("id", trajectoryId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Whether a completion now would be confirmed to the employer, by the rule {@code EmployerConfirmations} sends by. */
	public EmployerTold employerToldOnCompletion(UUID trajectoryId) {
		if (!employerMayConfirm(trajectoryId)) {
			return EmployerTold.NOT_AGREED;
		}
		java.util.Optional<String> agreedTo = employerContactConsentedTo(trajectoryId);
		if (agreedTo.isEmpty()) {
			// The intake stores no contact when the programme had none: there is no address "they agreed to" to speak of.
			return EmployerTold.NO_CONTACT_AGREED;
		}
		boolean sameContact = jdbc.sql("""
				select p.employer_contact from trajectory t join programme p on p.id = t.programme_id where t.id = :id""")
			.param("id", trajectoryId)
			.query(String.class)
			.optional()
			.filter(contact -> contact.equalsIgnoreCase(agreedTo.get()))
			.isPresent();
		return sameContact ? EmployerTold.TOLD : EmployerTold.CONTACT_CHANGED;
	}

	/** The employer contact the participant agreed to tell of their start and completion, if they did. */
	public java.util.Optional<String> employerContactConsentedTo(UUID trajectoryId) {
		return jdbc.sql("select employer_contact from trajectory where id = :id and employer_may_confirm = true")
			.param("id", trajectoryId)
			.query(String.class)
			.optional()
			.filter(address -> address != null && !address.isBlank());
	}

	/**
	 * The confirmations that went to the employer: which, when, and to the address the participant agreed
	 * to (the only one they go to, decision 0036). The person's export names them as recipients.
	 */
	public List<EmployerConfirmationSent> employerConfirmationsSent(UUID trajectoryId) {
		return jdbc.sql("""
				select c.kind, c.confirmed_at, t.employer_contact from employer_confirmation c
				join trajectory t on t.id = c.trajectory_id
				where c.trajectory_id = :id order by c.confirmed_at""")
			.param("id", trajectoryId)
			.query((rs, n) -> new EmployerConfirmationSent(rs.getString("kind"), rs.getObject("confirmed_at", OffsetDateTime.class),
					rs.getString("employer_contact")))
			.list();
	}

	/** A confirmation of the start or the completion ({@code STARTED}, {@code COMPLETED}) sent to the employer. */
	public record EmployerConfirmationSent(String kind, OffsetDateTime at, String to) {
	}

	/** The participant takes their consent back; only their own trajectory. */
	@Transactional
	public boolean withdrawEmployerConfirmation(UUID trajectoryId, UUID participantId) {
		return jdbc.sql("update trajectory set employer_may_confirm = false where id = :id and participant_id = :participant")
			.param("id", trajectoryId)
			.param("participant", participantId)
			.update() == 1;
	}

	/**
	 * What the participant asked at intake and their goals since (empty when none), both in their own
	 * words; {@code questionReadable} or {@code goalsReadable} false (and that one null) when it does not
	 * open, for a marked line in its place (decision 0057). {@code questionLanguage} is the language the
	 * application was made in, the question's (null without one): not the participant's setting of today,
	 * which a switch to English would make the language of a Dutch question (WCAG 3.1.2).
	 * {@code withFiles}: an application of the trajectory came by mail with files ({@link Intakes#filesOfTrajectory}),
	 * known from this read so that a conversation page without them asks nothing more (docs/performance.md); false
	 * when not asked ({@link #inOwnWords} rather than {@link #inOwnWordsWithFiles}).
	 */
	public record InOwnWords(String question, String goals, boolean questionReadable, boolean goalsReadable,
			Locale questionLanguage, boolean withFiles) {

		public InOwnWords(String question, String goals, boolean questionReadable, boolean goalsReadable) {
			this(question, goals, questionReadable, goalsReadable, null, false);
		}

		/**
		 * The goals' {@code lang} on a page in {@code page}'s language: no language is kept with them, so that of
		 * their own words where it differs, none where they do not tell ({@link nl.briefwissel.LetterLanguage#langOn}).
		 * Not the participant's setting of today: Dutch goals were marked English after a switch.
		 */
		public String goalsLangOn(Locale page) {
			return nl.briefwissel.LetterLanguage.langOn(goals, page);
		}

		/** The question's {@code lang} on a page in {@code page}'s language: where it differs, as a letter's. */
		public String questionLangOn(Locale page) {
			return questionLanguage == null || page != null && questionLanguage.getLanguage().equals(page.getLanguage()) ? null
					: questionLanguage.getLanguage();
		}
	}

	/**
	 * The question and the goals in one read: the coach's page, the participant's start page and the
	 * report show both, and the coach's page is opened many times a day (docs/performance.md). The latest application counts, as in
	 * {@link Intakes#ofTrajectory}. Each is one part of a page or a record that holds more: one that does
	 * not open (its key removed, its record changed) is said in the log once and comes back not readable,
	 * not an error that took the whole page with it (decision 0057).
	 */
	public InOwnWords inOwnWords(UUID trajectoryId) {
		return inOwnWords(trajectoryId, "false");
	}

	/**
	 * As {@link #inOwnWords}, and whether its application came with files ({@link InOwnWords#withFiles}), in the
	 * same statement: for the conversation page, which lists them. The start page and the report do not ask, and
	 * do not pay for the search through the application's files.
	 */
	public InOwnWords inOwnWordsWithFiles(UUID trajectoryId) {
		return inOwnWords(trajectoryId, """
				exists (select 1 from intake_attachment f join intake of_trajectory on of_trajectory.id = f.intake_id
				               where of_trajectory.trajectory_id = t.id)""");
	}

	private InOwnWords inOwnWords(UUID trajectoryId, String withFiles) {
		return jdbc.sql("""
				select t.goals, t.goals_key_id, i.id as intake_id, i.question, i.question_key_id, i.language,
				       %s as with_files
				from trajectory t
				left join intake i on i.id = (select latest.id from intake latest where latest.trajectory_id = t.id
				                              order by latest.submitted_at desc limit 1)
				where t.id = :id""".formatted(withFiles))
			.param("id", trajectoryId)
			.query((rs, n) -> {
				OpenedText question = rs.getString("question") == null ? new OpenedText(null, true)
						: encryption.openListed("intake question " + rs.getObject("intake_id", UUID.class),
								rs.getString("question_key_id"), rs.getString("question"));
				OpenedText goals = rs.getString("goals") == null ? new OpenedText("", true)
						: encryption.openListed("goals of trajectory " + trajectoryId, rs.getString("goals_key_id"), rs.getString("goals"));
				// Tagged by its own words as a letter is (decision 0097): an application by mail is taken to be
				// Dutch (intake.language), and an English question was read out with a Dutch voice.
				return new InOwnWords(question.text(), goals.text(), question.readable(), goals.readable(),
						rs.getString("question") == null || rs.getString("language") == null ? null
								: nl.briefwissel.LetterLanguage.of(question.text(), Locale.forLanguageTag(rs.getString("language"))),
						rs.getBoolean("with_files"));
			})
			.optional()
			.orElse(new InOwnWords(null, "", true, true));
	}

	/** The participant writes down their goals; only their own trajectory changes, and never one erased (its words are gone for good). */
	@Transactional
	public boolean changeGoals(UUID trajectoryId, UUID participantId, String goals) {
		// Not after the end: the goals are part of the record as the trajectory ended with them.
		return jdbc.sql("""
				update trajectory set goals = :goals, goals_key_id = :keyId
				where id = :id and participant_id = :participant and erased_at is null and status not in ('COMPLETED', 'STOPPED')""")
			.param("goals", goals == null || goals.isBlank() ? null : encryption.sealText(goals.strip()))
			.param("keyId", encryption.keyId())
			.param("id", trajectoryId)
			.param("participant", participantId)
			.update() == 1;
	}

	/**
	 * The participant's own choice; the programme's mail mode still decides what is allowed. False when
	 * the trajectory is not theirs, or has ended: their page no longer offers the choice then, and a form
	 * sent from a page opened before the end changes nothing either.
	 */
	@Transactional
	public boolean chooseMailPreference(UUID trajectoryId, UUID participantId, boolean fullText) {
		return jdbc.sql("""
				update trajectory set mail_preference = :preference
				where id = :id and participant_id = :participant and status not in ('COMPLETED', 'STOPPED')""")
			.param("preference", fullText ? "FULL_TEXT" : "NOTIFICATION")
			.param("id", trajectoryId)
			.param("participant", participantId)
			.update() == 1;
	}

	/** Trajectories that are running now, for the reminder job. */
	public List<TrajectoryOverview> running() {
		return jdbc.sql(OVERVIEW + " where t.status = 'RUNNING' and t.started_on is not null").query(Trajectories::overviews);
	}

	/** Every trajectory of a programme, newest first: for the manager's statuses and dates. */
	public List<TrajectoryOverview> ofProgramme(UUID programmeId) {
		return jdbc.sql(OVERVIEW + " where t.programme_id = :programme order by t.created_at desc")
			.param("programme", programmeId)
			.query(Trajectories::overviews);
	}

	/**
	 * One page of a programme's trajectories, newest first, in one stage or all: the manager's page
	 * listed every trajectory a programme ever had (a thousand rows and more after a year). The page is
	 * chosen among the trajectories, not among the rows the pauses multiply them into. Never an erased one:
	 * of those only numbers without a name stay ({@link StageCounts#erased}).
	 */
	public List<TrajectoryOverview> pageOfProgramme(UUID programmeId, Optional<TrajectoryStatus> status, LocalDate day, int offset,
			int size) {
		// Running and paused are those begun by the day: the ones to start after it are a stage of their own (countByStage).
		String stage = status.map(s -> s == TrajectoryStatus.RUNNING || s == TrajectoryStatus.PAUSED
				? " and status = :status and " + BEGUN_BY_DAY : " and status = :status").orElse("");
		return pageOfProgramme(programmeId, stage, status.map(TrajectoryStatus::name).orElse(null), day, offset, size);
	}

	/** One page of a programme's trajectories accepted with their first day after {@code day}, newest first. */
	public List<TrajectoryOverview> pageOfProgrammeStartingAfter(UUID programmeId, LocalDate day, int offset, int size) {
		return pageOfProgramme(programmeId, " and " + STARTING_AFTER_DAY, null, day, offset, size);
	}

	private List<TrajectoryOverview> pageOfProgramme(UUID programmeId, String stage, String status, LocalDate day, int offset,
			int size) {
		return jdbc.sql(OVERVIEW_OF_FEW + """
				 where t.id in (select id from trajectory where programme_id = :programme and erased_at is null%s
				               order by created_at desc, id limit :size offset :offset)
				order by t.created_at desc, t.id""".formatted(stage))
			.param("programme", programmeId)
			.param("status", status)
			.param("day", day)
			.param("size", size)
			.param("offset", offset)
			.query(Trajectories::overviews);
	}

	/**
	 * {@link TrajectoryOverview#startsAfter} in SQL, as the programme's figures count it: running or paused, with the
	 * first day after {@code :day}.
	 */
	static final String STARTING_AFTER_DAY = "status in ('RUNNING', 'PAUSED') and started_on > :day";

	/** A running or paused trajectory that is not {@link #STARTING_AFTER_DAY}. */
	private static final String BEGUN_BY_DAY = "(started_on is null or started_on <= :day)";

	/**
	 * One page of a programme's trajectories in one stage, those in it longest first: the intakes that
	 * have waited longest for a coach come first, not last (behind hundreds that came in since).
	 */
	public List<TrajectoryOverview> pageOfProgrammeLongestFirst(UUID programmeId, TrajectoryStatus status, int offset,
			int size) {
		return jdbc.sql(OVERVIEW_OF_FEW + """
				 where t.id in (select id from trajectory where programme_id = :programme and status = :status and erased_at is null
				               order by created_at, id limit :size offset :offset)
				order by t.created_at, t.id""")
			.param("programme", programmeId)
			.param("status", status.name())
			.param("size", size)
			.param("offset", offset)
			.query(Trajectories::overviews);
	}

	/** The programme's trajectories in these stages: the intakes page wants only those still waiting. */
	public List<TrajectoryOverview> ofProgramme(UUID programmeId, Set<TrajectoryStatus> statuses) {
		return jdbc.sql(OVERVIEW + " where t.programme_id = :programme and t.erased_at is null and t.status in " + inList(statuses)
				+ " order by t.created_at desc")
			.param("programme", programmeId)
			.query(Trajectories::overviews);
	}

	public List<TrajectoryOverview> ofCoach(UUID coachId) {
		return ofCoach(coachId, EnumSet.allOf(TrajectoryStatus.class));
	}

	/** The coach's trajectories in these stages: a workspace reads the open ones, not years of ended ones. */
	public List<TrajectoryOverview> ofCoach(UUID coachId, Set<TrajectoryStatus> statuses) {
		return jdbc.sql(OVERVIEW_OF_FEW + """
				 where t.erased_at is null and t.coach_id = :coach and t.status in %s
				order by t.status, participant_name""".formatted(inList(statuses)))
			.param("coach", coachId)
			.query(Trajectories::overviews);
	}

	/** How many of the coach's trajectories are in these stages. */
	public int countOfCoach(UUID coachId, Set<TrajectoryStatus> statuses) {
		return jdbc.sql("select count(*) from trajectory t where t.erased_at is null and t.coach_id = :coach and t.status in "
				+ inList(statuses))
			.param("coach", coachId)
			.query(Integer.class)
			.single();
	}

	/**
	 * The statuses written into the statement, not bound. They are the enum's own names, never input.
	 * Bound, they made PostgreSQL plan a coach's trajectories anew on every workspace view, 0.3 ms each
	 * time: it never settles on a generic plan for a list of parameters, and does for the coach alone
	 * (docs/performance.md, tenth round). In the enum's order, so one set is always one statement.
	 */
	private static String inList(Set<TrajectoryStatus> statuses) {
		if (statuses.isEmpty()) {
			throw new IllegalArgumentException("no status asked for");
		}
		return statuses.stream().sorted().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));
	}

	public List<TrajectoryOverview> ofParticipant(UUID participantId) {
		return jdbc.sql(OVERVIEW + " where t.erased_at is null and t.participant_id = :participant order by t.created_at desc")
			.param("participant", participantId)
			.query(Trajectories::overviews);
	}

	/**
	 * The trajectory while it is running or paused, with its row locked until the caller's
	 * transaction ends: something written into it (a closing summary, a reaction) then either comes
	 * before a coach's "complete" or "stop", or finds it ended, never after it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<TrajectoryOverview> underwayLocked(UUID id) {
		jdbc.sql("select id from trajectory where id = :id for update").param("id", id).query(UUID.class).optional();
		// Not an erased one either: its words were taken out once, and nothing takes them out again.
		return withContent(id).filter(TrajectoryOverview::underway);
	}

	/**
	 * Locks the trajectory's row until the caller's transaction ends and says whether its words are still
	 * there. Whatever is written into a conversation asks this first: a write and the trajectory's erasure
	 * then take turns, and a letter, note or draft read as allowed before the erasure but stored after
	 * it is refused, where it stayed for good (the erasure runs once).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean lockedWithContent(UUID id) {
		return jdbc.sql("select erased_at from trajectory where id = :id " + writersLock)
			.param("id", id)
			.query((rs, n) -> rs.getObject("erased_at") == null)
			.optional()
			.orElse(false);
	}

	/**
	 * Whether the account with this address coached the trajectory before it was handed over: it went
	 * from them to another coach (the history names every coach it went to, and the first coach wrote
	 * or accepted it).
	 */
	public boolean coachedBefore(UUID id, String email) {
		return jdbc.sql("""
				select count(*) from account a
				where a.email = :email
				  and (exists (select 1 from trajectory_transition tr where tr.trajectory_id = :id and tr.to_coach_id = a.id)
				       or exists (select 1 from coach_proposal p where p.trajectory_id = :id and p.coach_id = a.id and p.accepted = true)
				       or exists (select 1 from message m where m.trajectory_id = :id and m.author_id = a.id and m.author_role = 'COACH'))
				  and exists (select 1 from trajectory_transition h where h.trajectory_id = :id and h.to_coach_id is not null)""")
			.param("id", id)
			.param("email", email)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Whether the coach saved a closing summary that is still a draft, not sent (decision 0086): the
	 * complete and stop forms say so, as ending the trajectory either way leaves the participant without
	 * it and it can no longer be sent then. Read here, on the table, not from the closing module's {@code Closings}: that module
	 * depends on this one, and the course page asking it would close a cycle between the two.
	 */
	public boolean closingSummaryUnsent(UUID id) {
		return jdbc.sql("select count(*) from closing where trajectory_id = :id and sent_at is null")
			.param("id", id)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * When the closing summary was first sent, while the participant has not reacted to it on their page: the
	 * complete and stop forms warn while they have not answered it at all, as its mail tells them they can
	 * react while the trajectory runs. Read on the table, as {@link #closingSummaryUnsent} is, for the same reason.
	 */
	public Optional<OffsetDateTime> closingSummarySentWithoutReaction(UUID id) {
		return jdbc.sql("select sent_at from closing where trajectory_id = :id and sent_at is not null and reacted_at is null")
			.param("id", id)
			.query(OffsetDateTime.class)
			.optional();
	}

	/**
	 * Whether this coach coaches the trajectory, asked on its row, locked until the caller's
	 * transaction ends: a letter written while a manager hands the trajectory over either comes before
	 * the handover or is refused, never stored and mailed for a trajectory the coach no longer has.
	 */
	public boolean coachedByLocked(UUID id, UUID coachId) {
		return coachedByLocked(id, coachId, false);
	}

	/**
	 * As {@link #coachedByLocked(UUID, UUID)}, for a letter from the write form: only while the
	 * trajectory runs or is paused. A page opened before "Afronden" or "Stoppen" in another tab no
	 * longer mails the participant, as the participant's own form does not after the end.
	 */
	public boolean underwayForCoachLocked(UUID id, UUID coachId) {
		return coachedByLocked(id, coachId, true);
	}

	/** Never an erased trajectory: its words were taken out once, and nothing takes them out again. */
	private boolean coachedByLocked(UUID id, UUID coachId, boolean underway) {
		return jdbc.sql("select coach_id, status, erased_at from trajectory where id = :id for update")
			.param("id", id)
			.query((rs, n) -> {
				TrajectoryStatus status = TrajectoryStatus.valueOf(rs.getString("status"));
				return coachId.equals(rs.getObject("coach_id", UUID.class)) && rs.getObject("erased_at") == null
						&& status != TrajectoryStatus.MATCHING
						&& (!underway || status == TrajectoryStatus.RUNNING || status == TrajectoryStatus.PAUSED);
			})
			.optional()
			.orElse(false);
	}

	/**
	 * The aggregate, to change its lifecycle, with its row locked until the caller's transaction ends:
	 * two clicks on "accept", or two managers proposing at once, take turns, and the second finds the
	 * state the first left (and is refused) instead of writing over it.
	 */
	Optional<Trajectory> load(UUID id) {
		jdbc.sql("select id from trajectory where id = :id for update").param("id", id).query(UUID.class).optional();
		return jdbc.sql("""
				select t.id, t.status, t.coach_id, t.started_on, t.ended_on, coalesce(t.weeks, p.weeks) as weeks,
				       coalesce(t.moments_per_week, p.moments_per_week) as moments_per_week, t.extra_weeks
				from trajectory t join programme p on p.id = t.programme_id where t.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Trajectory(rs.getObject("id", UUID.class), TrajectoryStatus.valueOf(rs.getString("status")),
					rs.getObject("coach_id", UUID.class), rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class), rs.getInt("weeks"),
					rs.getInt("moments_per_week"), rs.getInt("extra_weeks"), pausesOf(List.of(id)).getOrDefault(id, List.of())))
			.optional();
	}

	/** Stores the aggregate's state and the transitions it went through since it was loaded. */
	@Transactional
	void save(Trajectory trajectory, UUID by) {
		jdbc.sql("""
				update trajectory set status = :status, coach_id = :coach, started_on = :started, ended_on = :ended,
				    weeks = :weeks, moments_per_week = :moments, extra_weeks = :extra
				where id = :id""")
			.param("status", trajectory.status().name())
			.param("coach", trajectory.coachId())
			.param("started", trajectory.startedOn())
			.param("weeks", trajectory.weeks())
			.param("moments", trajectory.momentsPerWeek())
			.param("ended", trajectory.endedOn())
			.param("extra", trajectory.extraWeeks())
			.param("id", trajectory.id())
			.update();
		jdbc.sql("delete from trajectory_pause where trajectory_id = :id").param("id", trajectory.id()).update();
		for (Trajectory.Pause pause : trajectory.pauses()) {
			jdbc.sql("insert into trajectory_pause (trajectory_id, from_date, until_date) values (:id, :from, :until)")
				.param("id", trajectory.id())
				.param("from", pause.from())
				.param("until", pause.until())
				.update();
		}
		for (Trajectory.Transition transition : trajectory.transitions()) {
			jdbc.sql("""
					insert into trajectory_transition (id, trajectory_id, at, from_status, to_status, reason_code, reason, reason_key_id,
					    by_account, to_coach_id, weeks, last_moment_told)
					values (:id, :trajectory, :at, :from, :to, :code, :reason, :keyId, :by, :toCoach, :weeks, :lastMoment)""")
				.param("id", UUID.randomUUID())
				.param("trajectory", trajectory.id())
				.param("at", OffsetDateTime.now(clock))
				.param("from", transition.from().name())
				.param("to", transition.to().name())
				.param("code", transition.code() == null ? null : transition.code().name())
				// In the coach's words ("helps his mother move house"): sealed as the letters are (decision 0009).
				.param("reason", encryption.sealText(transition.reason()))
				.param("keyId", encryption.keyId())
				.param("by", by)
				.param("toCoach", transition.toCoach())
				.param("weeks", transition.weeks())
				.param("lastMoment", transition.lastMoment())
				.update();
		}
	}

	private Map<UUID, List<Trajectory.Pause>> pausesOf(List<UUID> ids) {
		Map<UUID, List<Trajectory.Pause>> pauses = new java.util.HashMap<>();
		jdbc.sql("select trajectory_id, from_date, until_date from trajectory_pause where trajectory_id in (:ids) order by from_date")
			.param("ids", ids)
			.query((rs, n) -> pauses.computeIfAbsent(rs.getObject("trajectory_id", UUID.class), k -> new java.util.ArrayList<>())
				.add(new Trajectory.Pause(rs.getObject("from_date", LocalDate.class), rs.getObject("until_date", LocalDate.class))))
			.list();
		return pauses;
	}

	/**
	 * The moment the trajectory ended, for whatever asks what came after it (the record's letters, the question
	 * before a held mail is thrown away): one rule, so that they agree. Empty while it runs, is paused or is still
	 * being matched, and for an ended one whose moment and day are both unknown. The moment is its change of course
	 * to completed or stopped as recorded (the latest, should there be more). Timestamps only: no coach's words are
	 * opened for it, so no missing key is logged where only a time was wanted. Something came after the end when it
	 * came at or after this moment ({@link #cameAfterTheEnd}).
	 */
	public Optional<OffsetDateTime> endedAt(UUID id) {
		return Optional.ofNullable(endedAt(List.of(id)).get(id));
	}

	/**
	 * As {@link #endedAt(UUID)} for each of these trajectories, in one query: a list of held mail asked it once per
	 * trajectory, and an administrator's list names many. Only those that ended (by the rule above) are in it.
	 */
	public Map<UUID, OffsetDateTime> endedAt(java.util.Collection<UUID> ids) {
		Map<UUID, OffsetDateTime> ends = new HashMap<>();
		if (ids.isEmpty()) {
			return ends;
		}
		jdbc.sql("""
				select t.id, t.status, t.ended_on,
				       (select max(tr.at) from trajectory_transition tr
				        where tr.trajectory_id = t.id and tr.to_status in ('COMPLETED', 'STOPPED')) as ended_at
				from trajectory t where t.id in (:ids) and t.status in ('COMPLETED', 'STOPPED')""")
			.param("ids", List.copyOf(new java.util.HashSet<>(ids)))
			.query(rs -> {
				OffsetDateTime recorded = rs.getObject("ended_at", OffsetDateTime.class);
				LocalDate endedOn = rs.getObject("ended_on", LocalDate.class);
				// Ended without its change of course kept: only the day is known. The whole day still counts as the
				// trajectory's, as the record's plan counts what was written on it: the end is the first moment of the
				// next day, in the zone of the application's clock on that day (not today's offset: a July end read in
				// December was an hour off). A participant's last letter on the day the coach completed is seldom after it.
				OffsetDateTime end = recorded != null ? recorded
						: endedOn == null ? null : endedOn.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
				if (end != null) {
					ends.put(rs.getObject("id", UUID.class), end);
				}
			});
		return ends;
	}

	/** Whether something that came at {@code moment} came after a trajectory that ended at {@code endedAt} ({@link #endedAt}). */
	public static boolean cameAfterTheEnd(OffsetDateTime moment, OffsetDateTime endedAt) {
		return !moment.isBefore(endedAt);
	}

	/**
	 * A change of course as the trajectory's history keeps it: when, from where to where, and why;
	 * for a handover, the name of the coach it went to ({@code null} otherwise). {@code whyReadable} false
	 * (and no {@code why}) when the coach's words do not open, for a marked place (decision 0057). No
	 * {@code reason} for a change nobody gave one for: a resume asks for none. {@code weeks}: the weeks an extension
	 * added; null for any other change, and for an extension of a trajectory extended more than once before they were
	 * kept per extension (V111), whose weeks only their sum, the trajectory's extra weeks, still knows. {@code byNobody}:
	 * made by no account but by the application itself ({@link PauseEnds} resuming a pause on its day, a silent
	 * trajectory stopped); a resume by nobody left the pause as it was chosen, which a coach's early one shortened.
	 * {@code lastMomentTold}: for an extension, the last contact moment its mail named, as kept when it was made (V112);
	 * null for one made before, which {@link Extensions#lastMomentsTold} works out where it can.
	 */
	public record Change(OffsetDateTime at, TrajectoryStatus from, TrajectoryStatus to, Reason reason, String why,
			String toCoachName, boolean whyReadable, Integer weeks, boolean byNobody, LocalDate lastMomentTold) {

		public boolean handover() {
			return toCoachName != null;
		}

		/** The coach's own words' {@code lang} on a page in {@code page}'s language, as {@link nl.briefwissel.LetterLanguage#langOn}. */
		public String whyLangOn(java.util.Locale page) {
			return nl.briefwissel.LetterLanguage.langOn(why, page);
		}

		/** Weeks added: the only change that leaves the trajectory as it stood (it read "from running to running"). */
		public boolean extension() {
			return !handover() && from == to && (from == TrajectoryStatus.RUNNING || from == TrajectoryStatus.PAUSED);
		}
	}

	/**
	 * Every change of a trajectory, matching included, oldest first. Read for the record and the export,
	 * which hold more: the coach's words of one that do not open are said in the log once and come back
	 * not readable, not an error that took the whole record with them (decision 0057).
	 */
	public List<Change> history(UUID trajectoryId) {
		return history(trajectoryId, "");
	}

	/**
	 * The changes of course since the trajectory started, oldest first, for its record. How it was
	 * matched is no part of that: a coach who declined wrote their reason and note for the programme
	 * manager, and a proposal taken back or a return to the waiting list says nothing about the coaching.
	 */
	public List<Change> courseSinceStart(UUID trajectoryId) {
		return history(trajectoryId, " and tr.from_status not in ('INTAKE', 'MATCHING')");
	}

	/**
	 * As {@link #courseSinceStart}, without the coaches' reasons (no {@code why}): the extensions a conversation page
	 * lists on every view need the course's days and weeks, not every change's words opened.
	 */
	List<Change> courseSinceStartWithoutReasons(UUID trajectoryId) {
		return history(trajectoryId, " and tr.from_status not in ('INTAKE', 'MATCHING')", false);
	}

	/**
	 * The participant's own stop of this trajectory (decision 0141), if it stands stopped by them: when, and their
	 * words if they gave any. For its coach and for the participant, never for a programme manager, whose pages
	 * count stops by their code alone.
	 */
	public Optional<Change> stoppedByParticipant(UUID trajectoryId) {
		List<Change> stops = history(trajectoryId,
				" and tr.to_status = 'STOPPED' and tr.reason_code = 'PARTICIPANT_STOPPED'"
						+ " and tr.by_account = (select participant_id from trajectory where id = tr.trajectory_id)"
						+ " and exists (select 1 from trajectory s where s.id = tr.trajectory_id and s.status = 'STOPPED')");
		return stops.isEmpty() ? Optional.empty() : Optional.of(stops.get(stops.size() - 1));
	}

	private List<Change> history(UUID trajectoryId, String alsoWhere) {
		return history(trajectoryId, alsoWhere, true);
	}

	private List<Change> history(UUID trajectoryId, String alsoWhere, boolean withReasons) {
		return jdbc.sql("""
				select tr.id, tr.at, tr.from_status, tr.to_status, tr.reason_code, %s,
				       c.display_name as to_coach_name, tr.weeks, tr.by_account is null as by_nobody, tr.last_moment_told
				from trajectory_transition tr left join account c on c.id = tr.to_coach_id
				where tr.trajectory_id = :id""".formatted(withReasons ? "tr.reason, tr.reason_key_id" : "null as reason, null as reason_key_id")
				+ alsoWhere + " order by tr.at")
			.param("id", trajectoryId)
			.query((rs, n) -> {
				OpenedText why = withReasons ? encryption.openListed("trajectory_transition " + rs.getObject("id", UUID.class),
						rs.getString("reason_key_id"), rs.getString("reason")) : null;
				String code = rs.getString("reason_code");
				return new Change(rs.getObject("at", OffsetDateTime.class), TrajectoryStatus.valueOf(rs.getString("from_status")),
						TrajectoryStatus.valueOf(rs.getString("to_status")), code == null ? null : Reason.valueOf(code),
						why == null ? null : why.text(), rs.getString("to_coach_name"), why == null || why.readable(),
						rs.getObject("weeks", Integer.class), rs.getBoolean("by_nobody"), rs.getObject("last_moment_told", LocalDate.class));
			})
			.list();
	}

	/**
	 * The pauses coaches took in the trajectories of a programme that ended in a period, by trajectory:
	 * the stored pauses that began on a day the trajectory went to PAUSED. Not the days before an
	 * extension that {@link Trajectory#extend} stores as a pause to move the plan: the trajectory ran
	 * in them, it only had no moment due. Dates only, for figures that leave the paused weeks out.
	 */
	public Map<UUID, List<Trajectory.Pause>> pausesTaken(UUID programmeId, LocalDate endedFrom, LocalDate endedUntil) {
		Map<UUID, Set<LocalDate>> pausedOn = new HashMap<>();
		jdbc.sql("""
				select tr.trajectory_id, tr.at from trajectory_transition tr join trajectory t on t.id = tr.trajectory_id
				where t.programme_id = :p and t.ended_on >= :from and t.ended_on <= :until and tr.to_status = 'PAUSED'""")
			.param("p", programmeId)
			.param("from", endedFrom)
			.param("until", endedUntil)
			.query((rs, n) -> pausedOn.computeIfAbsent(rs.getObject("trajectory_id", UUID.class), k -> new java.util.HashSet<>())
				.add(rs.getObject("at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate()))
			.list();
		Map<UUID, List<Trajectory.Pause>> taken = new HashMap<>();
		if (pausedOn.isEmpty()) {
			return taken;
		}
		jdbc.sql("""
				select tp.trajectory_id, tp.from_date, tp.until_date from trajectory_pause tp join trajectory t on t.id = tp.trajectory_id
				where t.programme_id = :p and t.ended_on >= :from and t.ended_on <= :until order by tp.from_date""")
			.param("p", programmeId)
			.param("from", endedFrom)
			.param("until", endedUntil)
			.query((rs, n) -> {
				UUID trajectory = rs.getObject("trajectory_id", UUID.class);
				Trajectory.Pause pause = new Trajectory.Pause(rs.getObject("from_date", LocalDate.class),
						rs.getObject("until_date", LocalDate.class));
				// A pause begins on the day the coach pauses (TrajectoryLifecycle#pause), in the clock's zone as its transition.
				if (pausedOn.getOrDefault(trajectory, Set.of()).contains(pause.from())) {
					taken.computeIfAbsent(trajectory, k -> new ArrayList<>()).add(pause);
				}
				return pause;
			})
			.list();
		return taken;
	}

	/**
	 * How many trajectories of a programme are in each stage on {@code day}, with those accepted to start after it
	 * ({@link TrajectoryOverview#startsAfter}) apart from the running and paused ones: the programme page counted
	 * them as running while the programme's figures counted them as starting soon.
	 */
	public StageCounts countByStage(UUID programmeId, LocalDate day) {
		Map<TrajectoryStatus, Long> counts = new EnumMap<>(TrajectoryStatus.class);
		for (TrajectoryStatus status : TrajectoryStatus.values()) {
			counts.put(status, 0L);
		}
		Map<TrajectoryStatus, Long> erased = new EnumMap<>(TrajectoryStatus.class);
		long[] startingLater = { 0 };
		jdbc.sql("""
				select status, count(*) as n, sum(case when %s then 1 else 0 end) as later,
				       sum(case when erased_at is not null then 1 else 0 end) as erased
				from trajectory where programme_id = :programme group by status""".formatted(STARTING_AFTER_DAY))
			.param("programme", programmeId)
			.param("day", day)
			.query((rs, n) -> {
				long later = rs.getLong("later");
				startingLater[0] += later;
				TrajectoryStatus status = TrajectoryStatus.valueOf(rs.getString("status"));
				erased.put(status, rs.getLong("erased"));
				return counts.put(status, rs.getLong("n") - later);
			})
			.list();
		return new StageCounts(counts, startingLater[0], erased);
	}

	/**
	 * A programme's trajectories per status, the running and paused ones begun; and apart, those accepted with their
	 * first day still ahead. {@code erasedByStatus}: of each status, how many were erased. They count in their stage
	 * and are listed by no one: only numbers without a name stay of them (the participant is told so).
	 */
	public record StageCounts(Map<TrajectoryStatus, Long> byStatus, long startingLater, Map<TrajectoryStatus, Long> erasedByStatus) {

		public StageCounts {
			byStatus = java.util.Collections.unmodifiableMap(new EnumMap<>(byStatus));
			erasedByStatus = erasedByStatus.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(erasedByStatus));
		}

		public long total() {
			return startingLater + byStatus.values().stream().mapToLong(Long::longValue).sum();
		}

		/** How many of a status were erased; an erased trajectory is always ended, never starting later. */
		public long erased(TrajectoryStatus status) {
			return erasedByStatus.getOrDefault(status, 0L);
		}

		public long erased() {
			return erasedByStatus.values().stream().mapToLong(Long::longValue).sum();
		}
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

	/** The rows of {@link #OVERVIEW}, one overview per trajectory, in the order of their first row. */
	private static List<TrajectoryOverview> overviews(ResultSet rs) throws SQLException {
		Map<UUID, TrajectoryOverview> overviews = new LinkedHashMap<>();
		Map<UUID, List<Trajectory.Pause>> pauses = new HashMap<>();
		while (rs.next()) {
			UUID id = rs.getObject("id", UUID.class);
			if (!overviews.containsKey(id)) {
				overviews.put(id, map(rs));
			}
			LocalDate pausedFrom = rs.getObject("pause_from", LocalDate.class);
			if (pausedFrom != null) {
				pauses.computeIfAbsent(id, k -> new ArrayList<>())
					.add(new Trajectory.Pause(pausedFrom, rs.getObject("pause_until", LocalDate.class)));
			}
		}
		if (pauses.isEmpty()) {
			return List.copyOf(overviews.values());
		}
		return overviews.values().stream().map(t -> {
			List<Trajectory.Pause> own = pauses.getOrDefault(t.id(), List.of());
			return own.isEmpty() ? t : new TrajectoryOverview(t.id(), t.programmeId(), t.programmeName(), t.participantId(),
					t.participantName(), t.participantEmail(), t.coachId(), t.coachName(), t.coachEmail(), t.status(),
					t.theme(), t.startedOn(), t.endedOn(), t.weeks(), t.momentsPerWeek(), t.extraWeeks(),
					own.stream().sorted(Comparator.comparing(Trajectory.Pause::from)).toList(), t.replyWithinDays(),
					t.participantLanguage(), t.lettersByMail());
		}).toList();
	}

	private static TrajectoryOverview map(ResultSet rs) throws SQLException {
		return new TrajectoryOverview(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
				rs.getString("programme_name"), rs.getObject("participant_id", UUID.class),
				rs.getString("participant_name"), rs.getString("participant_email"), rs.getObject("coach_id", UUID.class),
				rs.getString("coach_name"), rs.getString("coach_email"),
				TrajectoryStatus.valueOf(rs.getString("status")), rs.getString("theme"),
				rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class), rs.getInt("weeks"),
				rs.getInt("moments_per_week"), rs.getInt("extra_weeks"), List.of(), rs.getInt("reply_within_days"),
				rs.getString("participant_language") == null ? null : Locale.forLanguageTag(rs.getString("participant_language")), "FULL_TEXT".equals(rs.getString("mail_mode")));
	}
}

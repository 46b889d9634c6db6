package nl.briefwissel.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nl.briefwissel.organisation.Programme;
import nl.briefwissel.trajectory.ContactMomentPlan;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.Trajectory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures of a programme over a period. Every query here selects identifiers, dates, codes,
 * roles and scores only; {@code StatisticsTests} reads this file and fails on any text column.
 *
 * <p>Figures are kept for {@code briefwissel.statistics.fresh-for} (5 minutes) per programme and
 * period, and the page says when they were calculated: they describe months of a programme, a
 * minute's news does not change them, and calculating them reads every letter's date in the period
 * (about 25,000 rows for a programme of 1,000 trajectories), the most expensive page by far
 * (docs/performance.md). Each node keeps its own.
 */
@Service
public class Statistics {

	/** Enough for every programme and the periods people ask for; above it, expired figures go first. */
	private static final int KEPT_AT_MOST = 1_000;

	private final JdbcClient jdbc;

	private final Trajectories trajectories;

	private final Clock clock;

	private final Duration freshFor;

	private final Map<Key, ProgrammeFigures> recent = new ConcurrentHashMap<>();

	private record Key(UUID programme, LocalDate from, LocalDate until) {
	}

	Statistics(JdbcClient jdbc, Trajectories trajectories, Clock clock,
			@Value("${briefwissel.statistics.fresh-for:5m}") Duration freshFor) {
		this.jdbc = jdbc;
		this.trajectories = trajectories;
		this.clock = clock;
		this.freshFor = freshFor;
	}

	public ProgrammeFigures of(Programme programme, LocalDate from, LocalDate until) {
		Instant now = clock.instant();
		Key key = new Key(programme.id(), from, until);
		ProgrammeFigures kept = recent.get(key);
		if (kept != null && kept.calculatedAt().toInstant().plus(freshFor).isAfter(now)
				&& kept.programmeName().equals(programme.name())) {
			return kept;
		}
		ProgrammeFigures figures = calculate(programme, from, until);
		if (!freshFor.isZero() && !freshFor.isNegative()) {
			if (recent.size() >= KEPT_AT_MOST) {
				recent.values().removeIf(old -> !old.calculatedAt().toInstant().plus(freshFor).isAfter(now));
			}
			if (recent.size() < KEPT_AT_MOST) {
				recent.put(key, figures);
			}
		}
		return figures;
	}

	private ProgrammeFigures calculate(Programme programme, LocalDate from, LocalDate until) {
		UUID id = programme.id();
		OffsetDateTime start = from.atStartOfDay(clock.getZone()).toOffsetDateTime();
		OffsetDateTime end = until.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();

		LocalDate today = LocalDate.now(clock);
		// Accepting starts a trajectory at once, its first day possibly weeks ahead: until that day it has not
		// started, in a period reaching into the future neither.
		LocalDate startedBy = until.isAfter(today) ? today : until;
		int intakes = count("select count(*) from trajectory where programme_id = :p and created_at >= :start and created_at < :end",
				id, from, until, start, end);
		// Stopped before its first day, a trajectory keeps that day: it never started, also once the day has passed.
		String startedHere = """
				programme_id = :p and started_on >= :from and started_on <= :until and status not in ('INTAKE', 'MATCHING')
				and (ended_on is null or ended_on >= started_on)""";
		int started = count("select count(*) from trajectory where " + startedHere, id, from, startedBy, start, end);
		int running = count("""
				select count(*) from trajectory where programme_id = :p and status in ('RUNNING', 'PAUSED')
				and (started_on is null or started_on <= :until)""", id, from, today, start, end);
		// TrajectoryOverview.startsAfter, counted in the database: the pages name these by their first day.
		int startingSoon = count("""
				select count(*) from trajectory where programme_id = :p and status in ('RUNNING', 'PAUSED')
				and started_on > :until""", id, from, today, start, end);

		// Coaching time: the days from start to end without the pauses the coach took, which a manager
		// read as weeks of coaching.
		Map<UUID, List<Trajectory.Pause>> paused = pausesTaken(id, from, until);
		List<long[]> completedDays = jdbc.sql("""
				select id, started_on, ended_on from trajectory
				where programme_id = :p and status = 'COMPLETED' and ended_on >= :from and ended_on <= :until""")
			.param("p", id)
			.param("from", from)
			.param("until", until)
			.query((rs, n) -> new long[] { coachingDays(rs.getObject("started_on", LocalDate.class),
					rs.getObject("ended_on", LocalDate.class), paused.getOrDefault(rs.getObject("id", UUID.class), List.of())) })
			.list();
		Double averageDays = completedDays.isEmpty() ? null
				: completedDays.stream().mapToLong(days -> days[0]).average().orElse(0);

		List<Map<String, Integer>> stopped = stoppedByReason(id, from, until);

		Map<String, Integer> themes = new LinkedHashMap<>();
		jdbc.sql("select theme, count(*) as n from trajectory where " + startedHere + " group by theme")
			.param("p", id)
			.param("from", from)
			.param("until", startedBy)
			.query((rs, n) -> themes.put(rs.getString("theme") == null ? "" : rs.getString("theme"), rs.getInt("n")))
			.list();

		// Both per whole month that is over, with five trajectories or more in it: the manager knows who had a
		// moment due on which day, so periods a day apart told whether one named person wrote (decision 0008).
		Months months = Months.of(from, until, LocalDate.now(clock));
		ResponseTimes response = responseTimes(id, months);
		MomentsKept kept = contactMomentsKept(id, months);

		record Scores(int n, Double satisfaction, Double before, Double after, Double recommend) {
		}
		Scores scores = EvaluationMonths.bind(jdbc.sql("""
				select count(*) as n, avg(cast(satisfaction as double precision)) as satisfaction,
				       avg(cast(answered_before as double precision)) as before_score,
				       avg(cast(answered_after as double precision)) as after_score,
				       avg(case when recommend then 100.0 else 0.0 end) as recommend
				from evaluation_answer
				where\s""" + EvaluationMonths.CONDITION), id, from, until, clock)
			.query((rs, n) -> new Scores(rs.getInt("n"), number(rs.getObject("satisfaction")), number(rs.getObject("before_score")),
					number(rs.getObject("after_score")), number(rs.getObject("recommend"))))
			.single();

		// A count under five alone was hidden; one worked out by subtraction from three figures shown is too.
		return Sums.protect(new ProgrammeFigures(id, programme.name(), from, until, Figure.count(intakes), Figure.count(started),
				Figure.count(running), Figure.count(startingSoon), Figure.count(completedDays.size()), Distribution.ofMonths(stopped),
				Figure.average(averageDays, completedDays.size()), Distribution.of(themes),
				Figure.average(response.averageHours(), response.trajectories()),
				Figure.average(kept.percent(), kept.trajectories()), Figure.count(scores.n()),
				Figure.average(scores.satisfaction(), scores.n()), Figure.average(scores.before(), scores.n()),
				Figure.average(scores.after(), scores.n()), Figure.average(scores.recommend(), scores.n()),
				months.isEmpty() ? null : months.first(), months.isEmpty() ? null : months.last().withDayOfMonth(1),
				OffsetDateTime.now(clock)));
	}

	/**
	 * The pauses coaches took in the trajectories of a programme completed in a period, by trajectory:
	 * from each change to paused up to the change out of it (resumed by the coach or at the pause's end,
	 * or completed while paused), and no later than the end of the pause stored from that day, if there
	 * is one. The stored pauses alone were not enough: an extension folds a pause taken after the last
	 * contact moment into the idle days before it, stored as one pause from the day after that moment
	 * (Trajectory#extend), so the pause's days counted as coaching and, when it began on that very day,
	 * the idle days after it as a pause.
	 */
	private Map<UUID, List<Trajectory.Pause>> pausesTaken(UUID programmeId, LocalDate from, LocalDate until) {
		Map<UUID, Map<LocalDate, LocalDate>> stored = new HashMap<>();
		trajectories.pausesTaken(programmeId, from, until)
			.forEach((trajectory, pauses) -> pauses.forEach(pause -> stored.computeIfAbsent(trajectory, k -> new HashMap<>())
				.put(pause.from(), pause.until())));
		record Change(UUID trajectory, LocalDate on, boolean paused) {
		}
		List<Change> changes = jdbc.sql("""
				select tr.trajectory_id, tr.at, tr.to_status from trajectory_transition tr join trajectory t on t.id = tr.trajectory_id
				where t.programme_id = :p and t.status = 'COMPLETED' and t.ended_on >= :from and t.ended_on <= :until
				  and tr.from_status <> tr.to_status and (tr.to_status = 'PAUSED' or tr.from_status = 'PAUSED')
				order by tr.trajectory_id, tr.at""")
			.param("p", programmeId)
			.param("from", from)
			.param("until", until)
			.query((rs, n) -> new Change(rs.getObject("trajectory_id", UUID.class),
					rs.getObject("at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate(),
					"PAUSED".equals(rs.getString("to_status"))))
			.list();
		Map<UUID, List<Trajectory.Pause>> taken = new HashMap<>();
		Map<UUID, LocalDate> pausedSince = new HashMap<>();
		for (Change change : changes) {
			if (change.paused()) {
				pausedSince.putIfAbsent(change.trajectory(), change.on());
			}
			else if (pausedSince.containsKey(change.trajectory())) {
				LocalDate began = pausedSince.remove(change.trajectory());
				pause(taken, change.trajectory(), began, change.on(), stored.getOrDefault(change.trajectory(), Map.of()).get(began));
			}
		}
		// Still paused with no change after it (rows written by hand): up to the stored end, else to the trajectory's.
		pausedSince.forEach((trajectory, began) -> pause(taken, trajectory, began, LocalDate.MAX,
				stored.getOrDefault(trajectory, Map.of()).get(began)));
		return taken;
	}

	/** A pause from the day it began to the day it was left, or the stored pause's end when that came first. */
	private static void pause(Map<UUID, List<Trajectory.Pause>> taken, UUID trajectory, LocalDate began, LocalDate left,
			LocalDate storedUntil) {
		LocalDate end = storedUntil != null && storedUntil.isBefore(left) ? storedUntil : left;
		if (end.isAfter(began)) {
			taken.computeIfAbsent(trajectory, k -> new ArrayList<>()).add(new Trajectory.Pause(began, end));
		}
	}

	/**
	 * The days from a trajectory's start to its end without the days it was paused: each pause counts
	 * from the start on (one can pause before the first day) and up to the end (completed while paused).
	 */
	static long coachingDays(LocalDate startedOn, LocalDate endedOn, List<Trajectory.Pause> pauses) {
		long days = ChronoUnit.DAYS.between(startedOn, endedOn);
		LocalDate counted = startedOn; // pauses in order of their first day; none counts a day twice
		for (Trajectory.Pause pause : pauses.stream().sorted(java.util.Comparator.comparing(Trajectory.Pause::from)).toList()) {
			LocalDate pauseFrom = pause.from().isBefore(counted) ? counted : pause.from();
			LocalDate pauseUntil = pause.until().isAfter(endedOn) ? endedOn : pause.until();
			if (pauseUntil.isAfter(pauseFrom)) {
				days -= ChronoUnit.DAYS.between(pauseFrom, pauseUntil);
				counted = pauseUntil;
			}
		}
		return Math.max(0, days);
	}

	/**
	 * Why trajectories stopped, per whole month that is over and had five stops or more (decision
	 * 0008, as the evaluation figures): the manager sees each trajectory's status and end date, so
	 * two periods a day apart named the reason of one known person's stop. Per month, so that each
	 * month's small groups are hidden in that month (Distribution.ofMonths).
	 */
	private List<Map<String, Integer>> stoppedByReason(UUID programmeId, LocalDate from, LocalDate until) {
		record Stop(String reason, YearMonth month) {
		}
		LocalDate firstMonth = from.withDayOfMonth(1);
		LocalDate thisMonth = LocalDate.now(clock).withDayOfMonth(1);
		LocalDate endMonth = until.withDayOfMonth(1).plusMonths(1).isAfter(thisMonth) ? thisMonth : until.withDayOfMonth(1).plusMonths(1);
		if (!endMonth.isAfter(firstMonth)) {
			return List.of();
		}
		List<Stop> stops = jdbc.sql("""
				select tr.reason_code, tr.at from trajectory_transition tr join trajectory t on t.id = tr.trajectory_id
				where t.programme_id = :p and tr.to_status = 'STOPPED' and tr.at >= :start and tr.at < :end
				  and t.started_on is not null""")
			.param("p", programmeId)
			.param("start", firstMonth.atStartOfDay(clock.getZone()).toOffsetDateTime())
			.param("end", endMonth.atStartOfDay(clock.getZone()).toOffsetDateTime())
			.query((rs, n) -> new Stop(rs.getString("reason_code"), YearMonth.from(
					rs.getObject("at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()))))
			.list();
		// Each month's reasons on their own; Distribution.ofMonths leaves out months with fewer than five stops.
		Map<YearMonth, Map<String, Integer>> perMonth = new java.util.TreeMap<>();
		stops.forEach(stop -> perMonth.computeIfAbsent(stop.month(), month -> new LinkedHashMap<>())
			.merge(stop.reason(), 1, Integer::sum));
		return List.copyOf(perMonth.values()); // months under five count for nothing there
	}

	/**
	 * How long participants waited for their coach's answer, over the trajectories where that happened.
	 * The letters' dates come from the index on (trajectory, date, kind, author) alone and are paired
	 * here: pairing them in the database with a window function cost PostgreSQL twice the time of
	 * reading them (docs/performance.md), and with several nodes the database is the part that is shared.
	 */
	record ResponseTimes(Double averageHours, int trajectories) {
	}

	/**
	 * The whole months a period takes in that are over: from the first day of the month it starts in
	 * up to the last day of the last month it reaches that has ended. Empty when there is none.
	 */
	record Months(LocalDate first, LocalDate last) {

		static Months of(LocalDate from, LocalDate until, LocalDate today) {
			LocalDate first = from.withDayOfMonth(1);
			LocalDate thisMonth = today.withDayOfMonth(1);
			LocalDate after = until.withDayOfMonth(1).plusMonths(1);
			return new Months(first, (after.isAfter(thisMonth) ? thisMonth : after).minusDays(1));
		}

		boolean isEmpty() {
			return last.isBefore(first);
		}
	}

	/** Of the months that had something, those with five trajectories or more in them. */
	private static java.util.Set<YearMonth> withFiveOrMore(Map<YearMonth, java.util.Set<UUID>> trajectoriesPerMonth) {
		java.util.Set<YearMonth> months = new java.util.HashSet<>();
		trajectoriesPerMonth.forEach((month, ids) -> {
			if (ids.size() >= Figure.MINIMUM) {
				months.add(month);
			}
		});
		return months;
	}

	private ResponseTimes responseTimes(UUID programmeId, Months months) {
		if (months.isEmpty()) {
			return new ResponseTimes(null, 0);
		}
		OffsetDateTime start = months.first().atStartOfDay(clock.getZone()).toOffsetDateTime();
		OffsetDateTime end = months.last().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
		record Written(UUID trajectory, String role, OffsetDateTime at) {
		}
		// The letters of every trajectory the coach answered in these months, from its first: a wait that
		// began before the period's first month is paired too, so a month's figure is the same in every
		// period that takes it in (read from the first month only, March counted a February letter's wait
		// for February–March and not for March).
		List<Written> written = jdbc.sql("""
				select m.trajectory_id, m.author_role, m.created_at from message m join trajectory t on t.id = m.trajectory_id
				where t.programme_id = :p and m.kind = 'MESSAGE' and m.created_at < :end
				  and m.trajectory_id in (select a.trajectory_id from message a join trajectory ta on ta.id = a.trajectory_id
				                          where ta.programme_id = :p and a.kind = 'MESSAGE' and a.author_role = 'COACH'
				                            and a.created_at >= :start and a.created_at < :end)
				order by m.trajectory_id, m.created_at""")
			.param("p", programmeId)
			.param("start", start)
			.param("end", end)
			.query((rs, n) -> new Written(rs.getObject("trajectory_id", UUID.class), rs.getString("author_role"),
					rs.getObject("created_at", OffsetDateTime.class)))
			.list();
		// Each wait in the month of the coach's answer.
		record Wait(UUID trajectory, YearMonth month, double hours) {
		}
		Map<UUID, OffsetDateTime> waitingSince = new HashMap<>();
		List<Wait> waits = new ArrayList<>();
		Map<YearMonth, java.util.Set<UUID>> perMonth = new HashMap<>();
		for (Written message : written) {
			if ("PARTICIPANT".equals(message.role())) {
				waitingSince.putIfAbsent(message.trajectory(), message.at());
			}
			else if ("COACH".equals(message.role()) && waitingSince.containsKey(message.trajectory())) {
				OffsetDateTime began = waitingSince.remove(message.trajectory());
				if (message.at().isBefore(start)) {
					continue; // answered before the period's months: not theirs
				}
				YearMonth month = YearMonth.from(message.at().atZoneSameInstant(clock.getZone()));
				waits.add(new Wait(message.trajectory(), month, Duration.between(began, message.at()).toMinutes() / 60.0));
				perMonth.computeIfAbsent(month, m -> new java.util.HashSet<>()).add(message.trajectory());
			}
		}
		java.util.Set<YearMonth> shown = withFiveOrMore(perMonth);
		List<Wait> counted = waits.stream().filter(wait -> shown.contains(wait.month())).toList();
		return new ResponseTimes(counted.isEmpty() ? null : counted.stream().mapToDouble(Wait::hours).average().orElse(0),
				(int) counted.stream().map(Wait::trajectory).distinct().count());
	}

	/** The share of contact moments due in the period at which the participant wrote, over the trajectories that had one. */
	record MomentsKept(Double percent, int trajectories) {
	}

	/**
	 * A contact moment is kept when the participant wrote in its window: after the moment before
	 * it and up to its own due date, the window the reminders use too. Only moments whose day is over
	 * count. Pauses and extensions move the plan as they do for the participant.
	 * <p>
	 * A moment without their letter is left out, neither kept nor missed, when it was not the
	 * participant's to keep by the rule of the reminders and the coach's workspace
	 * (conversation.MissedMoments): as the moment's day ended the e-coach still owed them an answer, or
	 * had answered only on that day, or the trajectory was paused after it and before the next moment.
	 * Counted as missed, a slow e-coach made the participants' figure fall while nobody was reminded
	 * and no coach saw a moment overdue. Each of these is read as it stood in the moment's own month
	 * (a pause counts when it began in that month): a pause taken after a month is over would change
	 * that month's figure, and tell the manager, who sees who was paused, whether that person wrote.
	 */
	private MomentsKept contactMomentsKept(UUID programmeId, Months months) {
		if (months.isEmpty()) {
			return new MomentsKept(null, 0);
		}
		// Months that are over only: every moment in them is past its day.
		LocalDate from = months.first();
		LocalDate last = months.last();
		record Planned(UUID id, LocalDate startedOn, LocalDate endedOn, int weeks, int perWeek, int extraWeeks) {
		}
		String plannedHere = """
				t.programme_id = :p and t.started_on is not null and t.started_on <= :last
				  and (t.ended_on is null or t.ended_on >= :from) and t.status not in ('INTAKE', 'MATCHING')""";
		List<Planned> planned = jdbc.sql("""
				select t.id, t.started_on, t.ended_on, coalesce(t.weeks, p.weeks) as weeks,
				       coalesce(t.moments_per_week, p.moments_per_week) as per_week, t.extra_weeks
				from trajectory t join programme p on p.id = t.programme_id
				where\s""" + plannedHere)
			.param("p", programmeId)
			.param("from", from)
			.param("last", last)
			.query((rs, n) -> new Planned(rs.getObject("id", UUID.class), rs.getObject("started_on", LocalDate.class),
					rs.getObject("ended_on", LocalDate.class), rs.getInt("weeks"), rs.getInt("per_week"), rs.getInt("extra_weeks")))
			.list();
		if (planned.isEmpty()) {
			return new MomentsKept(null, 0);
		}
		Map<UUID, List<Trajectory.Pause>> pauses = new HashMap<>();
		jdbc.sql("""
				select tp.trajectory_id, tp.from_date, tp.until_date from trajectory_pause tp
				join trajectory t on t.id = tp.trajectory_id where t.programme_id = :p order by tp.from_date""")
			.param("p", programmeId)
			.query((rs, n) -> pauses.computeIfAbsent(rs.getObject("trajectory_id", UUID.class), k -> new ArrayList<>())
				.add(new Trajectory.Pause(rs.getObject("from_date", LocalDate.class), rs.getObject("until_date", LocalDate.class))))
			.list();
		// The days the coach paused a trajectory, from its history: a stored pause may also be the days
		// before an extension, recorded later with a first day in the past (Trajectory#extend).
		Map<UUID, List<LocalDate>> pausedOn = new HashMap<>();
		jdbc.sql("""
				select tr.trajectory_id, tr.at from trajectory_transition tr join trajectory t on t.id = tr.trajectory_id
				where t.programme_id = :p and tr.to_status = 'PAUSED' and tr.at < :end""")
			.param("p", programmeId)
			.param("end", last.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime())
			.query((rs, n) -> pausedOn.computeIfAbsent(rs.getObject("trajectory_id", UUID.class), k -> new ArrayList<>())
				.add(rs.getObject("at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate()))
			.list();
		// The moments due in the period, each with the day its window opens (the day after the moment
		// before) and the next moment's day (null after the last).
		record Window(UUID trajectory, LocalDate opens, LocalDate due, LocalDate next) {
		}
		List<Window> windows = new ArrayList<>();
		for (Planned trajectory : planned) {
			// The trajectory's own plan, as the coach and the participant see it.
			ContactMomentPlan plan = Trajectory.plan(trajectory.startedOn(), trajectory.weeks() + trajectory.extraWeeks(),
					trajectory.perWeek(), pauses.getOrDefault(trajectory.id(), List.of()));
			LocalDate end = trajectory.endedOn() != null && trajectory.endedOn().isBefore(last) ? trajectory.endedOn() : last;
			LocalDate opens = trajectory.startedOn();
			List<LocalDate> dueDates = plan.dueDates();
			for (int i = 0; i < dueDates.size(); i++) {
				LocalDate dueDate = dueDates.get(i);
				if (!dueDate.isBefore(from) && !dueDate.isAfter(end)) {
					windows.add(new Window(trajectory.id(), opens, dueDate, i + 1 < dueDates.size() ? dueDates.get(i + 1) : null));
				}
				opens = dueDate.plusDays(1);
			}
		}
		if (windows.isEmpty()) {
			return new MomentsKept(null, 0);
		}
		// Every letter of these trajectories up to the months' end, both sides: whose turn it was depends on
		// the letters before a moment's window as well. Briefwissel's own letters count as the coach's side,
		// as in the workspace.
		record Letter(boolean participant, OffsetDateTime at) {
		}
		Map<UUID, List<Letter>> letters = new HashMap<>();
		jdbc.sql("""
				select m.trajectory_id, m.author_role, m.created_at from message m join trajectory t on t.id = m.trajectory_id
				where m.kind = 'MESSAGE' and m.created_at < :until and\s""" + plannedHere)
			.param("p", programmeId)
			.param("from", from)
			.param("last", last)
			.param("until", last.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime())
			.query((rs, n) -> letters.computeIfAbsent(rs.getObject("trajectory_id", UUID.class), k -> new ArrayList<>())
				.add(new Letter("PARTICIPANT".equals(rs.getString("author_role")),
						rs.getObject("created_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toOffsetDateTime())))
			.list();
		List<Window> kept = new ArrayList<>();
		List<Window> counted = new ArrayList<>();
		for (Window window : windows) {
			List<Letter> written = letters.getOrDefault(window.trajectory(), List.of());
			boolean wrote = written.stream()
				.filter(Letter::participant)
				.map(letter -> letter.at().toLocalDate())
				.anyMatch(day -> !day.isBefore(window.opens()) && !day.isAfter(window.due()));
			if (wrote) {
				kept.add(window);
				counted.add(window);
				continue;
			}
			OffsetDateTime dayOver = window.due().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
			OffsetDateTime lastParticipant = written.stream().filter(letter -> letter.participant() && letter.at().isBefore(dayOver))
				.map(Letter::at).max(OffsetDateTime::compareTo).orElse(null);
			OffsetDateTime lastCoach = written.stream().filter(letter -> !letter.participant() && letter.at().isBefore(dayOver))
				.map(Letter::at).max(OffsetDateTime::compareTo).orElse(null);
			// At the same instant the participant counts as having written last, as in the workspace.
			boolean coachOwed = lastParticipant != null && (lastCoach == null || !lastCoach.isAfter(lastParticipant));
			boolean answeredOnTheDay = lastCoach != null && !lastCoach.toLocalDate().isBefore(window.due());
			boolean pausedAfter = pausedOn.getOrDefault(window.trajectory(), List.of())
				.stream()
				.anyMatch(day -> day.isAfter(window.due()) && (window.next() == null || !day.isAfter(window.next()))
						&& YearMonth.from(day).equals(YearMonth.from(window.due())));
			if (!coachOwed && !answeredOnTheDay && !pausedAfter) {
				counted.add(window);
			}
		}
		// Each moment in the month of its due date, and only months with five trajectories or more.
		Map<YearMonth, java.util.Set<UUID>> perMonth = new HashMap<>();
		counted.forEach(window -> perMonth.computeIfAbsent(YearMonth.from(window.due()), m -> new java.util.HashSet<>())
			.add(window.trajectory()));
		java.util.Set<YearMonth> shown = withFiveOrMore(perMonth);
		List<Window> inShownMonths = counted.stream().filter(window -> shown.contains(YearMonth.from(window.due()))).toList();
		if (inShownMonths.isEmpty()) {
			return new MomentsKept(null, 0);
		}
		long keptMoments = kept.stream().filter(window -> shown.contains(YearMonth.from(window.due()))).count();
		int trajectories = (int) inShownMonths.stream().map(Window::trajectory).distinct().count();
		return new MomentsKept(100.0 * keptMoments / inShownMonths.size(), trajectories);
	}

	/** Binds every period parameter; a query uses those it names and the rest are ignored. */
	private int count(String sql, UUID programme, LocalDate from, LocalDate until, OffsetDateTime start, OffsetDateTime end) {
		return jdbc.sql(sql)
			.param("p", programme)
			.param("from", from)
			.param("until", until)
			.param("start", start)
			.param("end", end)
			.query(Integer.class)
			.single();
	}

	private static Double number(Object value) {
		return value == null ? null : ((Number) value).doubleValue();
	}
}

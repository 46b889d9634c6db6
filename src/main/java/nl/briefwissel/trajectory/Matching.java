package nl.briefwissel.trajectory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfile;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Matching a completed intake to a coach of the programme's pool. The system proposes the
 * certified coach with room whose specialisms include the theme, least loaded first, and says
 * why; the programme manager decides; the coach accepts (the trajectory starts) or declines with
 * a reason (the intake waits for another coach).
 */
@Service
public class Matching {

	/** A coach of the pool as the manager weighs them: load against capacity, certification, specialisms. */
	public record Candidate(Account coach, CoachProfile profile, int load, boolean specialist) {

		public boolean hasRoom() {
			return load < profile.capacity();
		}

		/** Certified, able to sign in, and still a coach: a coach whose role was taken back stays in pools. */
		public boolean eligible() {
			// A programme manager is no coach to choose, whatever roles an account was given (decision 0145).
			return profile.certified() && coach.enabled() && coach.roles().contains(Role.COACH) && !coach.managesAndCoaches();
		}
	}

	/** The coach the system proposes, with the reasons as message keys and their arguments. */
	public record Proposal(Candidate candidate, List<Why> why) {
	}

	public record Why(String key, Object first, Object second) {
	}

	/**
	 * An open or answered proposal, as the coach and the manager see it. One the programme manager took
	 * back is closed without an answer: {@code answeredAt} set, {@code accepted} null.
	 */
	public record CoachProposal(UUID trajectoryId, UUID coachId, LocalDate startOn, OffsetDateTime proposedAt,
			OffsetDateTime answeredAt, Boolean accepted, String declineReason, Reason declineCode) {

		public boolean withdrawn() {
			return answeredAt != null && accepted == null;
		}
	}

	private static final String PROPOSALS = """
			select trajectory_id, coach_id, start_on, proposed_at, answered_at, accepted, decline_reason, decline_reason_key_id,
			       decline_code
			from coach_proposal""";

	private final JdbcClient jdbc;

	private final Trajectories trajectories;

	private final Programmes programmes;

	private final CoachPool pool;

	private final Accounts accounts;

	private final CoachProfiles profiles;

	private final Outbox outbox;

	private final NoticeMails mails;

	private final PublicAddress address;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final nl.briefwissel.encryption.Encryption encryption;

	Matching(JdbcClient jdbc, Trajectories trajectories, Programmes programmes, CoachPool pool, Accounts accounts,
			CoachProfiles profiles, Outbox outbox, NoticeMails mails, PublicAddress address, ApplicationEventPublisher events,
			Clock clock, nl.briefwissel.encryption.Encryption encryption) {
		this.encryption = encryption;
		this.jdbc = jdbc;
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.pool = pool;
		this.accounts = accounts;
		this.profiles = profiles;
		this.outbox = outbox;
		this.mails = mails;
		this.address = address;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The coaches of the trajectory's pool, with their load and whether its theme is one of their
	 * specialisms. A coach who applied as a participant is not among them for their own trajectory.
	 */
	public List<Candidate> candidates(TrajectoryOverview trajectory) {
		return forTrajectory(pool(trajectory.programmeId()), trajectory);
	}

	/** The pool with load, capacity and certification, read once; {@link #forTrajectory} weighs it for each intake. */
	public List<Candidate> pool(UUID programmeId) {
		List<Account> coaches = accounts.byIds(pool.of(programmeId));
		Map<UUID, CoachProfile> profileOf = profiles.of(coaches.stream().map(Account::id).toList());
		Map<UUID, Integer> loads = pool.placesTaken(coaches.stream().map(Account::id).toList());
		return coaches.stream()
			.map(coach -> new Candidate(coach, profileOf.get(coach.id()), loads.getOrDefault(coach.id(), 0), false))
			.sorted(Comparator.comparing((Candidate c) -> c.coach().displayName()))
			.toList();
	}

	/**
	 * The pool as it stands for one trajectory: without its own participant (an intake adds the participant
	 * role to any account, a coach's too, and nobody coaches their own question), weighed by its theme.
	 */
	public static List<Candidate> forTrajectory(List<Candidate> pool, TrajectoryOverview trajectory) {
		String theme = trajectory.theme();
		return pool.stream()
			.filter(c -> !c.coach().id().equals(trajectory.participantId()))
			.map(c -> new Candidate(c.coach(), c.profile(), c.load(), theme != null && c.profile().specialisms().contains(theme)))
			.toList();
	}

	/** Refused before anything else is asked: the pool's lists leave the participant out, a posted form need not. */
	static void refuseOwnTrajectory(TrajectoryOverview trajectory, UUID coachId, String messageKey) {
		if (coachId.equals(trajectory.participantId())) {
			throw new IllegalTransitionException(messageKey, "a coach cannot coach their own trajectory");
		}
	}

	/**
	 * Refused before certification or room is asked (decision 0145): an account that also manages programmes would
	 * read the letters as this trajectory's coach, so it is not proposed, does not accept and is not handed it.
	 */
	static void refuseProgrammeManager(Account coach, String messageKey) {
		if (coach.managesAndCoaches()) {
			throw new IllegalTransitionException(messageKey, "a programme manager cannot coach a trajectory");
		}
	}

	/**
	 * The best fit for a theme: certified and with room; a specialist before a generalist; then the
	 * lowest share of capacity in use, so work spreads evenly. Empty when nobody has room.
	 */
	public Optional<Proposal> propose(List<Candidate> candidates) {
		return candidates.stream()
			.filter(Candidate::eligible)
			.filter(Candidate::hasRoom)
			.min(Comparator.comparing((Candidate c) -> !c.specialist())
				.thenComparingDouble(c -> (double) c.load() / Math.max(1, c.profile().capacity()))
				.thenComparing(c -> c.coach().displayName()))
			.map(best -> new Proposal(best, why(best)));
	}

	private static List<Why> why(Candidate best) {
		List<Why> why = new java.util.ArrayList<>();
		why.add(new Why(best.specialist() ? "matching.why.specialist" : "matching.why.noSpecialist", null, null));
		why.add(new Why("matching.why.room", best.load(), best.profile().capacity()));
		// The certification is the administrator's own words ("NOLOC-gecertificeerd loopbaanprofessional"): named
		// after a label, not after "Certified", which doubled the word.
		String certification = best.profile().certification();
		why.add(certification == null ? new Why("matching.why.certified", null, null)
				: new Why("matching.why.certification", certification.replaceAll("[.\\s]+$", ""), null));
		return why;
	}

	/**
	 * The coach's account row, which an administrator taking the coach role back locks too (RoleRemovals):
	 * either the role goes first and the coach is no longer eligible when asked after this, or the
	 * proposal or handover does and the role stays while the coach has work.
	 */
	void lockCoach(UUID coachId) {
		jdbc.sql("select id from account where id = :id for update").param("id", coachId).query(UUID.class).optional();
	}

	/**
	 * The manager proposes a coach of the pool; the coach is asked by mail and on their workspace. False,
	 * and nothing changed, when it is proposed to this coach already: a second click waits for the first
	 * (the trajectory's row lock, taken first as a handover does) and then finds it done.
	 */
	@Transactional
	public boolean proposeCoach(UUID trajectoryId, UUID coachId, LocalDate startOn, UUID by) {
		Trajectory current = trajectories.load(trajectoryId).orElseThrow();
		if (current.status() == TrajectoryStatus.MATCHING && coachId.equals(current.coachId())) {
			return false;
		}
		TrajectoryOverview overview = trajectories.byId(trajectoryId).orElseThrow();
		refuseOwnTrajectory(overview, coachId, "matching.illegal.ownTrajectory");
		lockCoach(coachId);
		Candidate candidate = candidates(overview).stream()
			.filter(c -> c.coach().id().equals(coachId))
			.findFirst()
			.orElseThrow(() -> new IllegalTransitionException("matching.illegal.notInPool", "the coach is not in the programme's pool"));
		refuseProgrammeManager(candidate.coach(), "matching.illegal.programmeManager");
		if (!candidate.eligible()) {
			throw new IllegalTransitionException("matching.illegal.notCertified", "only a certified coach can be matched");
		}
		// The load counts the proposals still waiting for this coach's answer: each is a place they may fill by
		// accepting, and a coach proposed past their capacity could only decline. Read under the coach's lock,
		// so that two managers proposing the last place at once do not both get it.
		if (!candidate.hasRoom()) {
			throw new IllegalTransitionException("matching.illegal.full", "the coach has no room");
		}
		apply(current, by, trajectory -> trajectory.propose(coachId));
		jdbc.sql("""
				insert into coach_proposal (id, trajectory_id, coach_id, proposed_by, proposed_at, start_on)
				values (:id, :trajectory, :coach, :by, :now, :start)""")
			.param("id", UUID.randomUUID())
			.param("trajectory", trajectoryId)
			.param("coach", coachId)
			.param("by", by)
			.param("now", OffsetDateTime.now(clock))
			.param("start", startOn)
			.update();
		Account coach = candidate.coach();
		// Written out in the coach's language: MessageFormat would print a LocalDate as ISO (2026-03-10).
		Object[] args = { new NoticeMails.Name(coach.firstName()), overview.programmeName(),
				java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", coach.language()).format(startOn) };
		outbox.enqueueAskedFor(mails.compose(coach.email(), coach.language(), "mail.proposal", args,
				address.link("/coach/proposals/{id}", coach.language()).buildAndExpand(trajectoryId).toUriString()));
		return true;
	}

	/**
	 * How many proposals wait for an answer from these coaches: for the accounts holding both separated roles (decision
	 * 0145), who cannot open a proposal to answer it, the startup says how many wait in vain.
	 */
	public int proposalsWaitingOnSeparatedRoles(Collection<UUID> coaches) {
		if (coaches.isEmpty()) {
			return 0;
		}
		return jdbc.sql("select count(*) from trajectory where status = 'MATCHING' and coach_id in (:coaches)")
			.param("coaches", coaches)
			.query(Integer.class)
			.single();
	}

	/** The proposed coach accepts; the trajectory starts on the day they chose, in the programme's rhythm of today. */
	@Transactional
	public TrajectoryOverview accept(UUID trajectoryId, UUID coachId, LocalDate startOn) {
		TrajectoryOverview overview = openProposalFor(trajectoryId, coachId);
		// The trajectory's row first, then the coach's, in the order a proposal and a handover take them.
		Trajectory current = trajectories.load(trajectoryId).orElseThrow();
		// Asked again now, as at the proposal: a certification the administrator took back since would
		// otherwise start a trajectory with a coach nobody may match any more. (Leaving a pool is not asked:
		// it stops new proposals, and one made before it stands, as a running trajectory does.)
		lockCoach(coachId);
		refuseProgrammeManager(accounts.byId(coachId).orElseThrow(), "matching.illegal.programmeManager");
		CoachProfile profile = profiles.of(coachId);
		if (!profile.certified()) {
			throw new IllegalTransitionException("matching.illegal.acceptNotEligible", "only a certified coach can accept");
		}
		// Only the trajectories under way count here, not the other proposals waiting: the coach chooses which
		// of those to take. Within capacity at the proposal, this refuses only when the capacity was lowered,
		// or the coach's work grew otherwise (a handover), since.
		if (underWay(coachId) >= profile.capacity()) {
			throw new IllegalTransitionException("matching.illegal.acceptFull", "the coach's capacity is taken");
		}
		Programme programme = programmes.byId(overview.programmeId()).orElseThrow();
		apply(current, coachId, trajectory -> trajectory.accept(coachId, startOn, programme.weeks(), programme.momentsPerWeek()));
		answer(trajectoryId, coachId, true, null);
		return trajectories.byId(trajectoryId).orElseThrow();
	}

	/**
	 * The proposed coach declines with a reason; the manager sees it and matches again. False, and
	 * nothing changed, when this coach declined it already: a second click waits for the first (the
	 * trajectory's row lock) and then finds it declined. A reason for declining only, and 'other' with
	 * words (decision 0068), asked after the proposal is found to be this coach's.
	 */
	@Transactional
	public boolean decline(UUID trajectoryId, UUID coachId, Reason reason, String why) {
		trajectories.load(trajectoryId);
		if (declinedBy(trajectoryId, coachId)) {
			return false;
		}
		openProposalFor(trajectoryId, coachId);
		TrajectoryLifecycle.fitting(reason, Reason.forDeclining(), why);
		change(trajectoryId, coachId, trajectory -> trajectory.decline(coachId, reason, why));
		answer(trajectoryId, coachId, false, why == null || why.isBlank() ? null : why.strip(), reason);
		return true;
	}

	/**
	 * The programme manager takes back the proposal to this coach while it is unanswered: the intake
	 * goes back to the waiting list, the proposal is closed and the coach hears by mail that it is no
	 * longer theirs (without the participant's name or question). False, and nothing changed, when this
	 * proposal was withdrawn already: a second click waits for the first (the trajectory's row lock) and
	 * finds it done. Refused when the coach answered it meanwhile, or when the trajectory was proposed
	 * to someone else since; {@code coachId} is the coach the manager's page showed, so that a page
	 * opened before a new proposal does not take that one back.
	 */
	@Transactional
	public boolean withdrawProposal(UUID trajectoryId, UUID coachId, UUID by) {
		Trajectory trajectory = trajectories.load(trajectoryId).orElseThrow();
		if (coachId == null || trajectory.status() != TrajectoryStatus.MATCHING || !coachId.equals(trajectory.coachId())) {
			if (coachId != null && withdrawnFrom(trajectoryId, coachId)) {
				return false;
			}
			throw new IllegalTransitionException("matching.illegal.withdraw", "the proposal to this coach is not open");
		}
		TrajectoryOverview overview = trajectories.byId(trajectoryId).orElseThrow();
		apply(trajectory, by, Trajectory::withdrawProposal);
		answer(trajectoryId, coachId, null, null);
		accounts.byId(coachId).ifPresent(coach -> {
			Object[] args = { new NoticeMails.Name(coach.firstName()), overview.programmeName() };
			outbox.enqueueAskedFor(mails.compose(coach.email(), coach.language(), "mail.proposalWithdrawn", args,
					address.link("/coach", coach.language()).toUriString()));
		});
		return true;
	}

	/** Whether this coach's latest proposal for the trajectory was taken back by the programme manager. */
	public boolean withdrawnFrom(UUID trajectoryId, UUID coachId) {
		return latestTo(trajectoryId, coachId).filter(CoachProposal::withdrawn).isPresent();
	}

	private Optional<CoachProposal> latestTo(UUID trajectoryId, UUID coachId) {
		return jdbc.sql(PROPOSALS + " where trajectory_id = :trajectory and coach_id = :coach order by proposed_at desc limit 1")
			.param("trajectory", trajectoryId)
			.param("coach", coachId)
			.query(this::proposal)
			.optional();
	}

	/** Whether this coach's latest proposal for the trajectory was declined by them: a second click on "decline". */
	public boolean declinedBy(UUID trajectoryId, UUID coachId) {
		return jdbc.sql("""
				select accepted from coach_proposal where trajectory_id = :trajectory and coach_id = :coach
				order by proposed_at desc limit 1""")
			.param("trajectory", trajectoryId)
			.param("coach", coachId)
			.query((rs, n) -> Boolean.FALSE.equals(rs.getObject("accepted")))
			.optional()
			.orElse(false);
	}

	/** Whether this coach has accepted the trajectory already: a second click on "accept" goes to it. */
	public boolean acceptedBy(UUID trajectoryId, UUID coachId) {
		return trajectories.byId(trajectoryId).filter(t -> t.coachedBy(coachId)).isPresent();
	}

	/** The open proposal of a trajectory to this coach, or a refusal that reads as "not found". */
	public TrajectoryOverview openProposalFor(UUID trajectoryId, UUID coachId) {
		return trajectories.byId(trajectoryId)
			.filter(t -> t.status() == TrajectoryStatus.MATCHING && coachId.equals(t.coachId()))
			.orElseThrow(() -> new TrajectoryLifecycle.NotYourTrajectoryException(trajectoryId));
	}

	/** Every proposal of a trajectory, newest first. */
	public List<CoachProposal> history(UUID trajectoryId) {
		return jdbc.sql(PROPOSALS + " where trajectory_id = :trajectory order by proposed_at desc")
			.param("trajectory", trajectoryId)
			.query(this::proposal)
			.list();
	}

	/**
	 * {@link #history} of several trajectories in one read, for a page that lists them: each
	 * trajectory with proposals maps to them, newest first; one without is left out.
	 */
	public Map<UUID, List<CoachProposal>> histories(Collection<UUID> trajectoryIds) {
		if (trajectoryIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, List<CoachProposal>> histories = new HashMap<>();
		jdbc.sql(PROPOSALS + " where trajectory_id in (:trajectories) order by proposed_at desc")
			.param("trajectories", List.copyOf(new HashSet<>(trajectoryIds)))
			.query(this::proposal)
			.list()
			.forEach(proposal -> histories.computeIfAbsent(proposal.trajectoryId(), id -> new ArrayList<>()).add(proposal));
		return histories;
	}

	private CoachProposal proposal(ResultSet rs, int row) throws SQLException {
		return new CoachProposal(rs.getObject("trajectory_id", UUID.class), rs.getObject("coach_id", UUID.class),
				rs.getObject("start_on", LocalDate.class), rs.getObject("proposed_at", OffsetDateTime.class),
				rs.getObject("answered_at", OffsetDateTime.class), (Boolean) rs.getObject("accepted"),
				encryption.openText(rs.getString("decline_reason_key_id"), rs.getString("decline_reason")),
				rs.getString("decline_code") == null ? null : Reason.valueOf(rs.getString("decline_code")));
	}

	/** Closes the open proposal to this coach; {@code accepted} is null when the manager took it back. */
	private void answer(UUID trajectoryId, UUID coachId, Boolean accepted, String declineReason) {
		answer(trajectoryId, coachId, accepted, declineReason, null);
	}

	/** {@code declineCode}: the reason a declining coach chose, kept with only this (the open) proposal. */
	private void answer(UUID trajectoryId, UUID coachId, Boolean accepted, String declineReason, Reason declineCode) {
		jdbc.sql("""
				update coach_proposal set answered_at = :now, accepted = :accepted, decline_reason = :reason,
				    decline_reason_key_id = :keyId, decline_code = :code
				where trajectory_id = :trajectory and coach_id = :coach and answered_at is null""")
			.param("now", OffsetDateTime.now(clock))
			.param("accepted", accepted)
			// The coach's words about why not ("I know her from my own team"): sealed as letters are (decision 0009).
			.param("reason", encryption.sealText(declineReason))
			.param("keyId", encryption.keyId())
			.param("code", declineCode == null ? null : declineCode.name())
			.param("trajectory", trajectoryId)
			.param("coach", coachId)
			.update();
	}

	private void change(UUID trajectoryId, UUID by, Consumer<Trajectory> change) {
		apply(trajectories.load(trajectoryId).orElseThrow(), by, change);
	}

	/** Changes an aggregate loaded (and locked) in this transaction, stores it and publishes what happened. */
	private void apply(Trajectory trajectory, UUID by, Consumer<Trajectory> change) {
		change.accept(trajectory);
		trajectories.save(trajectory, by);
		trajectory.events().forEach(events::publishEvent);
	}

	/** The coach's trajectories that started or will start (a start date ahead), paused ones included. */
	private int underWay(UUID coachId) {
		return jdbc.sql("select count(*) from trajectory where coach_id = :coach and status in ('RUNNING', 'PAUSED')")
			.param("coach", coachId)
			.query(Integer.class)
			.single();
	}
}

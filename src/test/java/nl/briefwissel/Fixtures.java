package nl.briefwissel;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.stereotype.Component;

/**
 * People and trajectories of a test's own, in an organisation of its own, so tests sharing one
 * database and one mail server never see each other's data.
 */
@Component
public class Fixtures {

	/** A running trajectory with its participant and (unless asked otherwise) its coach. */
	public record RunningTrajectory(UUID id, Account participant, Account coach, UUID organisationId, UUID programmeId) {
	}

	private final Accounts accounts;

	private final Organisations organisations;

	private final Programmes programmes;

	private final Trajectories trajectories;

	/** A participant waiting in a programme, with a coach proposed to them who has not answered yet. */
	public record Proposal(UUID trajectoryId, Account participant, Account coach, Account manager) {
	}

	private final org.springframework.security.core.userdetails.UserDetailsService users;

	private final CoachProfiles profiles;

	private final CoachPool pool;

	private final Matching matching;

	Fixtures(Accounts accounts, Organisations organisations, Programmes programmes, Trajectories trajectories,
			org.springframework.security.core.userdetails.UserDetailsService users, CoachProfiles profiles, CoachPool pool,
			Matching matching) {
		this.users = users;
		this.profiles = profiles;
		this.pool = pool;
		this.matching = matching;
		this.accounts = accounts;
		this.organisations = organisations;
		this.programmes = programmes;
		this.trajectories = trajectories;
	}

	public RunningTrajectory runningTrajectory(boolean withCoach) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Test " + suffix);
		// The pilot's way, chosen: the tests on this trajectory read the coach's letters in the participant's mail.
		var programme = programmes.create(organisation.id(), "Programma", null, MailMode.FULL_TEXT);
		Account participant = person(organisation.id(), "deelnemer-" + suffix + "@example.nl", "Deelnemer " + suffix,
				Role.PARTICIPANT);
		Account coach = withCoach
				? person(organisation.id(), "coach-" + suffix + "@example.nl", "Coach " + suffix, Role.COACH) : null;
		UUID id = trajectories.record(programme.id(), participant.id(), coach == null ? null : coach.id(),
				TrajectoryStatus.RUNNING, "NEXT_STEP", Today.date(), null);
		return new RunningTrajectory(id, participant, coach, organisation.id(), programme.id());
	}

	/** One more running trajectory with the same coach, programme and organisation. */
	public RunningTrajectory anotherFor(RunningTrajectory existing, LocalDate startedOn) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account participant = person(existing.organisationId(), "deelnemer-" + suffix + "@example.nl", "Deelnemer " + suffix,
				Role.PARTICIPANT);
		UUID id = trajectories.record(existing.programmeId(), participant.id(), existing.coach().id(), TrajectoryStatus.RUNNING,
				"GROWTH", startedOn, null);
		return new RunningTrajectory(id, participant, existing.coach(), existing.organisationId(), existing.programmeId());
	}

	/** A programme manager of the trajectory's organisation. */
	public Account managerOf(RunningTrajectory trajectory) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return person(trajectory.organisationId(), "pm-" + suffix + "@example.nl", "Manager " + suffix, Role.PROGRAMME_MANAGER);
	}

	/**
	 * A second coach for the trajectory's programme: both coaches in its pool, certified and with room
	 * for its theme, so the trajectory can be handed over to this one.
	 */
	public Account secondCoachInPool(RunningTrajectory trajectory) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account second = person(trajectory.organisationId(), "nieuw-" + suffix + "@example.nl", "Nieuwe Coach " + suffix, Role.COACH);
		profiles.changeMatching(trajectory.coach().id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		profiles.changeMatching(second.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(trajectory.programmeId(), List.of(trajectory.coach().id(), second.id()));
		return second;
	}

	/** In the programme of {@code base}: a new participant waiting, and a coach of its pool proposed to them. */
	public Proposal proposal(RunningTrajectory base) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account manager = managerOf(base);
		Account proposed = person(base.organisationId(), "voorstel-" + suffix + "@example.nl", "Voorgestelde Coach " + suffix,
				Role.COACH);
		profiles.changeMatching(proposed.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(base.programmeId(), List.of(proposed.id()));
		Account participant = person(base.organisationId(), "aanmelder-" + suffix + "@example.nl", "Aanmelder " + suffix,
				Role.PARTICIPANT);
		UUID waiting = trajectories.record(base.programmeId(), participant.id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP",
				null, null);
		matching.proposeCoach(waiting, proposed.id(), Today.date().plusDays(1), manager.id());
		return new Proposal(waiting, participant, proposed, manager);
	}

	public Account person(UUID organisationId, String email, String name, Role role) {
		return accounts.register(new NewAccount(organisationId, email, name, Locale.forLanguageTag("nl"), Set.of(role), null));
	}

	/** Signs a MockMvc request in as this person, with their real roles. */
	public org.springframework.test.web.servlet.request.RequestPostProcessor as(Account account) {
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(users.loadUserByUsername(account.email()));
	}
}

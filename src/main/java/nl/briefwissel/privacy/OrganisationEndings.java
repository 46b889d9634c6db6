package nl.briefwissel.privacy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SingleSignOn;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.OrganisationEnded;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Ending an organisation whose contract ended: the platform, as processor, deletes the personal data it
 * processed for it (AVG article 28(3)(g)). Every trajectory of it is erased as on a request, so the
 * anonymous skeleton of decision 0010 stays for the figures; who took part nowhere else is forgotten, and
 * staff who work for it only lose their account; who also works or takes part elsewhere keeps an account
 * without its roles. The organisation is marked ended and its name stays on the audit trail. Refused while
 * anything of it is still under way (decision 0073).
 */
@Service
public class OrganisationEndings {

	private static final Logger log = LoggerFactory.getLogger(OrganisationEndings.class);

	/** What became of an administrator's ending, or why it did not happen. */
	public sealed interface Ending permits Ended, Unfinished, Gone {
	}

	/**
	 * Ended: how many participants were erased, how many kept their account as they also take part or work
	 * elsewhere (only their part here went), staff accounts removed, and staff accounts kept for their other work;
	 * and the coaches (name and address) who coach on for several other organisations and so belong to none now,
	 * listed by no organisation's coaches until an administrator assigns them one (decision 0085).
	 */
	public record Ended(String name, int participants, int participantsKept, int staffRemoved, int staffKept,
			List<String> coachesWithoutOrganisation) implements Ending {

		public Ended {
			coachesWithoutOrganisation = List.copyOf(coachesWithoutOrganisation);
		}
	}

	/** Refused: trajectories running or paused, and proposals a coach has not answered, to complete or stop first. */
	public record Unfinished(long running, long paused, long proposals) implements Ending {

		public boolean any() {
			return running + paused + proposals > 0;
		}
	}

	/** No such organisation, or ended already (by another administrator a moment ago). */
	public record Gone() implements Ending {
	}

	/**
	 * What ending it would do, for the page that asks first; and how many of the coaches kept will belong to no
	 * organisation afterwards, to be assigned one (decision 0085).
	 */
	public record Preview(String name, Unfinished unfinished, long participants, long participantsKept, long staffRemoved, long staffKept,
			long programmes, long coachesWithoutOrganisation) {
	}

	/** What the erase loop found on a trajectory's locked row: matched or accepted after the first count. */
	private static final class StillUnderway extends RuntimeException {

		private final String status;

		StillUnderway(String status) {
			super("trajectory " + status + " while the organisation ended", null, false, false);
			this.status = status;
		}

		Unfinished asUnfinished() {
			return new Unfinished(status.equals("RUNNING") ? 1 : 0, status.equals("PAUSED") ? 1 : 0, status.equals("MATCHING") ? 1 : 0);
		}
	}

	private static final Set<String> UNDERWAY = Set.of("RUNNING", "PAUSED", "MATCHING");

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final Programmes programmes;

	private final CoachPool pool;

	private final Accounts accounts;

	private final Erasures erasures;

	private final TrajectoryErasure trajectories;

	private final MailErasure mail;

	private final AuditTrail audit;

	private final SingleSignOn singleSignOn;

	private final CoachDesk desk;

	private final ApplicationEventPublisher events;

	OrganisationEndings(JdbcClient jdbc, Organisations organisations, Programmes programmes, CoachPool pool, Accounts accounts,
			Erasures erasures, TrajectoryErasure trajectories, MailErasure mail, AuditTrail audit, SingleSignOn singleSignOn,
			CoachDesk desk, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.programmes = programmes;
		this.pool = pool;
		this.accounts = accounts;
		this.erasures = erasures;
		this.trajectories = trajectories;
		this.mail = mail;
		this.audit = audit;
		this.singleSignOn = singleSignOn;
		this.desk = desk;
		this.events = events;
	}

	/** Empty when there is no such organisation (or it ended). */
	public Optional<Preview> preview(UUID organisationId) {
		return organisations.byId(organisationId).map(organisation -> {
			List<Account> participants = accounts.byIds(participantsOf(organisationId));
			Set<UUID> participantIds = participants.stream().map(Account::id).collect(Collectors.toSet());
			long participantsKept = participants.stream().filter(person -> keeps(person, organisationId)).count();
			// Who only takes part here is erased as a participant, and who is kept as a participant is counted
			// as one: neither again as staff. Who also works here, and nowhere else, is counted once: as staff.
			List<Account> staff = staffOf(organisationId);
			Set<UUID> staffIds = staff.stream().map(Account::id).collect(Collectors.toSet());
			long erased = participants.stream()
				.filter(person -> !keeps(person, organisationId) && countedAsParticipant(person, staffIds))
				.count();
			long removed = staff.stream()
				.filter(person -> !keeps(person, organisationId) && !person.roles().equals(Set.of(Role.PARTICIPANT)))
				.count();
			long kept = staff.stream().filter(person -> keeps(person, organisationId) && !participantIds.contains(person.id())).count();
			long withoutOrganisation = staff.stream()
				.filter(person -> keeps(person, organisationId) && coachesOnWithoutOrganisation(person, organisationId))
				.count();
			return new Preview(organisation.name(), unfinished(organisationId), erased, participantsKept,
					removed, kept, programmes.ofOrganisation(organisationId).size(), withoutOrganisation);
		});
	}

	/**
	 * Ends the organisation, all at once or not at all. Its row is locked first: a second administrator's
	 * ending waits, then finds it ended ({@link Gone}). Participants are not mailed: the organisation, whose
	 * data it is, tells its people (it chose to end the contract).
	 */
	@Transactional
	public Ending end(UUID organisationId, UUID by) {
		Optional<Organisation> locked = organisations.lockedToEnd(organisationId);
		if (locked.isEmpty()) {
			return new Gone();
		}
		Unfinished unfinished = unfinished(organisationId);
		if (unfinished.any()) {
			return unfinished;
		}
		List<UUID> programmeIds = programmes.ofOrganisation(organisationId).stream().map(Programme::id).toList();
		List<UUID> participants = participantsOf(organisationId);
		Set<UUID> staffIds = staffOf(organisationId).stream().map(Account::id).collect(Collectors.toSet());
		int erased = 0;
		int participantsKept = 0;
		try {
			for (Account person : accounts.byIds(participants)) {
				List<UUID> here = trajectoriesHere(person.id(), organisationId);
				// Their other addresses go with the trajectories' erasure: read first, for their stray mail.
				List<String> addresses = erasures.addressesOf(person, here);
				here.forEach(trajectory -> eraseFinished(trajectory, by));
				if (keeps(person, organisationId)) {
					participantsKept++;
				}
				else {
					erasures.forgetParticipantOfEndedOrganisation(person, addresses, by);
					if (countedAsParticipant(person, staffIds)) {
						erased++;
					}
				}
			}
		}
		catch (StillUnderway underway) {
			// Matched or accepted after the count above: nothing of the ending stays.
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			Unfinished now = unfinished(organisationId);
			return now.any() ? now : underway.asUnfinished();
		}
		for (UUID programme : programmeIds) {
			trajectories.eraseApplicationsOfProgramme(programme);
			programmes.forgetSettingsOf(programme);
			pool.set(programme, List.of());
		}
		int removed = 0;
		int kept = 0;
		List<String> withoutOrganisation = new ArrayList<>();
		for (Account person : staffOf(organisationId)) {
			if (keeps(person, organisationId)) {
				if (release(person, organisationId)) {
					withoutOrganisation.add(person.displayName() + " (" + person.email() + ")");
				}
				if (!participants.contains(person.id())) {
					kept++;
				}
				continue;
			}
			desk.savedReplies(person.id()).forEach(reply -> desk.deleteSavedReply(person.id(), reply.id()));
			mail.forgetMailTo(person.email());
			audit.forgetActor(person.id());
			accounts.removeStaff(person.id());
			removed++;
		}
		singleSignOn.remove(organisationId);
		organisations.ended(organisationId);
		events.publishEvent(new OrganisationEnded(organisationId));
		Ended ended = new Ended(locked.get().name(), erased, participantsKept, removed, kept, withoutOrganisation);
		record(ended, organisationId, by);
		log.info("Organisation {} ended: {} participant(s) erased, {} kept for elsewhere, {} staff account(s) removed, {} kept",
				organisationId, erased, participantsKept, removed, kept);
		return ended;
	}

	/**
	 * Whether a person who goes is counted among the participants erased: who only takes part, or is none of
	 * its own people; one of its own people with another role is counted once, as staff removed.
	 */
	private static boolean countedAsParticipant(Account person, Set<UUID> staffIds) {
		return person.roles().equals(Set.of(Role.PARTICIPANT)) || !staffIds.contains(person.id());
	}

	/** Its trajectories of this person. */
	private List<UUID> trajectoriesHere(UUID personId, UUID organisationId) {
		return jdbc.sql("""
				select t.id from trajectory t join programme p on p.id = t.programme_id
				where t.participant_id = :person and p.organisation_id = :organisation and t.erased_at is null
				order by t.id""")
			.param("person", personId)
			.param("organisation", organisationId)
			.query(UUID.class)
			.list();
	}

	/**
	 * Matching and accepting lock the trajectory's row, not the organisation's: the count before the loop may
	 * be old by now, so each row is asked again once it is held (after a matching or an acceptance that held it).
	 */
	private void eraseFinished(UUID trajectory, UUID by) {
		jdbc.sql("select status from trajectory where id = :id and erased_at is null for update")
			.param("id", trajectory)
			.query(String.class)
			.optional()
			.filter(UNDERWAY::contains)
			.ifPresent(status -> {
				throw new StillUnderway(status);
			});
		trajectories.erase(trajectory, by);
	}

	/**
	 * A kept account of the ended organisation keeps nothing of its power over it: no manager role, no coach
	 * or participant role it has no work for any more, and signed out everywhere, as the roles and organisation
	 * of a session are those of its sign-in. Its organisation becomes none, unless it is a coach or participant
	 * with work at exactly one other organisation: an administrator is the platform's, and the organisation
	 * of an account is whose single sign-on page it edits, whose identity provider may sign it in and whose
	 * administrators get its erasure request, so it is never picked from several (decision 0073). True for a
	 * coach who coaches on and now belongs to no organisation.
	 */
	private boolean release(Account person, UUID organisationId) {
		Set<UUID> coaching = person.roles().contains(Role.COACH) ? coachingElsewhere(person.id(), organisationId) : Set.of();
		Set<UUID> takingPart = takingPartElsewhere(person, organisationId);
		accounts.removeRole(person.id(), Role.PROGRAMME_MANAGER);
		if (coaching.isEmpty()) {
			accounts.removeRole(person.id(), Role.COACH);
		}
		if (takingPart.isEmpty()) {
			accounts.removeRole(person.id(), Role.PARTICIPANT);
		}
		Set<UUID> elsewhere = new HashSet<>(coaching);
		elsewhere.addAll(takingPart);
		boolean one = !person.roles().contains(Role.ADMINISTRATOR) && elsewhere.size() == 1;
		accounts.moveTo(person.id(), one ? elsewhere.iterator().next() : null);
		accounts.endSessions(person.id());
		return !one && !coaching.isEmpty();
	}

	/**
	 * Whether a kept person goes on coaching without an organisation after the ending: a coach with coaching
	 * elsewhere whom {@link #release} moves to none (an administrator, or work at more than one organisation).
	 */
	private boolean coachesOnWithoutOrganisation(Account person, UUID organisationId) {
		if (!person.roles().contains(Role.COACH)) {
			return false;
		}
		Set<UUID> coaching = coachingElsewhere(person.id(), organisationId);
		if (coaching.isEmpty()) {
			return false;
		}
		Set<UUID> elsewhere = new HashSet<>(coaching);
		elsewhere.addAll(takingPartElsewhere(person, organisationId));
		return person.roles().contains(Role.ADMINISTRATOR) || elsewhere.size() != 1;
	}

	/** Who did it, which organisation by id and name, when, and how many: no one's name or address but the administrator's. */
	private void record(Ended ended, UUID organisationId, UUID by) {
		Account administrator = accounts.byId(by).orElse(null);
		audit.record(new AuditEntry(null, null, by, administrator == null ? null : administrator.displayName(),
				administrator == null ? null : administrator.email(),
				administrator == null ? null : administrator.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
				AuditAction.ADMINISTRATION, "organisation ended", null,
				"organisation=" + organisationId + ", name=" + ended.name() + ", participants erased=" + ended.participants() + ", participants kept=" + ended.participantsKept()
						+ ", accounts removed=" + ended.staffRemoved() + ", accounts kept=" + ended.staffKept(),
				null));
	}

	/** A proposal a coach has not answered keeps its trajectory waiting in MATCHING. */
	Unfinished unfinished(UUID organisationId) {
		record Counted(String status, long count) {
		}
		List<Counted> counted = jdbc.sql("""
				select t.status, count(*) from trajectory t join programme p on p.id = t.programme_id
				where p.organisation_id = :organisation and t.erased_at is null and t.status in ('RUNNING', 'PAUSED', 'MATCHING')
				group by t.status""")
			.param("organisation", organisationId)
			.query((rs, n) -> new Counted(rs.getString(1), rs.getLong(2)))
			.list();
		long running = counted.stream().filter(c -> c.status().equals("RUNNING")).mapToLong(Counted::count).sum();
		long paused = counted.stream().filter(c -> c.status().equals("PAUSED")).mapToLong(Counted::count).sum();
		long proposals = counted.stream().filter(c -> c.status().equals("MATCHING")).mapToLong(Counted::count).sum();
		return new Unfinished(running, paused, proposals);
	}

	/** Who took part in one of its programmes, and its own people who only take part, not erased before. */
	private List<UUID> participantsOf(UUID organisationId) {
		return jdbc.sql("""
				select a.id from account a
				where a.email not like '%@briefwissel.invalid'
				  and (a.id in (select t.participant_id from trajectory t join programme p on p.id = t.programme_id
				                where p.organisation_id = :organisation)
				       or a.organisation_id = :organisation
				          and a.id in (select r.account_id from account_role r where r.role = 'PARTICIPANT'))
				order by a.id""")
			.param("organisation", organisationId)
			.query(UUID.class)
			.list();
	}

	/**
	 * Its own people still with an address after the participants went: staff, people who only take part
	 * elsewhere, and people without a role yet (a first sign-in by single sign-on).
	 */
	private List<Account> staffOf(UUID organisationId) {
		return accounts.byIds(jdbc.sql("""
				select id from account where organisation_id = :organisation and email not like '%@briefwissel.invalid'""")
			.param("organisation", organisationId)
			.query(UUID.class)
			.list());
	}

	/**
	 * Administrators are the platform's, not the organisation's; a coach in a pool of another organisation's
	 * programme, or coaching a trajectory there, works for it too (the pool is how a coach is linked to an
	 * organisation's programmes); a programme manager of another organisation works there; someone with a
	 * trajectory, or an invitation or application still open, at another organisation takes part there.
	 * They keep their account.
	 */
	private boolean keeps(Account person, UUID organisationId) {
		if (person.roles().contains(Role.ADMINISTRATOR)) {
			return true;
		}
		if (person.roles().contains(Role.COACH) && !coachingElsewhere(person.id(), organisationId).isEmpty()) {
			return true;
		}
		if (person.roles().contains(Role.PROGRAMME_MANAGER) && person.organisationId() != null
				&& !person.organisationId().equals(organisationId) && organisations.byId(person.organisationId()).isPresent()) {
			return true;
		}
		return !takingPartElsewhere(person, organisationId).isEmpty();
	}

	/** The other organisations, not ended, with this coach in a programme's pool or on a trajectory. */
	private Set<UUID> coachingElsewhere(UUID coachId, UUID organisationId) {
		return jdbc.sql("""
				select distinct p.organisation_id from programme p join organisation o on o.id = p.organisation_id
				where p.organisation_id <> :organisation and o.ended_at is null
				  and (p.id in (select c.programme_id from programme_coach c where c.coach_id = :coach)
				       or p.id in (select t.programme_id from trajectory t where t.coach_id = :coach and t.erased_at is null))
""")
			.param("organisation", organisationId)
			.param("coach", coachId)
			.query(UUID.class)
			.set();
	}

	/**
	 * The other organisations, not ended, where this person has a trajectory, or an invitation or application
	 * that is no trajectory yet: that organisation's data, which stays with the account it belongs to.
	 */
	private Set<UUID> takingPartElsewhere(Account person, UUID organisationId) {
		return jdbc.sql("""
				select distinct p.organisation_id from programme p join organisation o on o.id = p.organisation_id
				where p.organisation_id <> :organisation and o.ended_at is null
				  and (p.id in (select t.programme_id from trajectory t where t.participant_id = :person and t.erased_at is null)
				       or p.id in (select i.programme_id from intake i where lower(i.email) = lower(:email) and i.trajectory_id is null
				                   and i.status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION', 'SUBMITTED')))
""")
			.param("organisation", organisationId)
			.param("person", person.id())
			.param("email", person.email())
			.query(UUID.class)
			.set();
	}
}

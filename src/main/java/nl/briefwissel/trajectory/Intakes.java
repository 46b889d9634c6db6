package nl.briefwissel.trajectory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.TypedName;
import nl.briefwissel.PendingInvitation;
import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.LinkTokens;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.organisation.LegalBasis;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applications to a programme. Three ways in: the public programme link (the address is then
 * confirmed by a link in a mail), an invitation from a programme manager and a mail to the intake
 * address (both carry a link that proves the address already). A complete application becomes a
 * trajectory waiting for a coach.
 */
@Service
public class Intakes {

	private static final Logger log = LoggerFactory.getLogger(Intakes.class);

	static final Duration INVITATION_VALIDITY = Duration.ofDays(30);

	static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(7);

	/**
	 * How long a form's id stands for the application it sent: a double click or a browser sending the
	 * form again comes within seconds; the same page used again much later is a new application.
	 */
	static final Duration RESUBMISSION_WINDOW = Duration.ofHours(1);

	/** A sender gets at most one answer a day from the intake address: a brake on mail loops. */
	static final Duration MAIL_ANSWER_INTERVAL = Duration.ofHours(24);

	private static final Set<TrajectoryStatus> ONGOING = EnumSet.of(TrajectoryStatus.INTAKE, TrajectoryStatus.MATCHING,
			TrajectoryStatus.RUNNING, TrajectoryStatus.PAUSED);

	private static final String COLUMNS = """
			select id, programme_id, email, display_name, language, source, status, question, question_key_id, theme,
			       writes_comfortably, motivated, has_time, trajectory_id, created_at, submitted_at
			from intake
			""";

	/** What became of a completed or confirmed application. */
	public sealed interface Submission {

		UUID trajectoryId();

		/** A trajectory now waits for a coach. */
		record Submitted(UUID trajectoryId) implements Submission {
		}

		/** The person already has a trajectory in this programme that has not ended. */
		record AlreadyEnrolled(UUID trajectoryId) implements Submission {
		}
	}

	private final JdbcClient jdbc;

	private final Programmes programmes;

	private final Themes themes;

	private final Accounts accounts;

	private final Trajectories trajectories;

	private final Outbox outbox;

	/** For the confirmation mail of an application an invitation supersedes: it names what a stranger typed. */
	private final MailErasure mailErasure;

	private final NoticeMails mails;

	private final PublicAddress address;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** The question is the person's own words about their work: sealed at rest as letters are (decision 0009). */
	private final nl.briefwissel.encryption.Encryption encryption;

	/**
	 * Invitation mails one address gets per hour at most when they are sent again: the limit a staff invitation
	 * sent again has (the mails with a link per address per hour), so that both read the same (decision 0067).
	 */
	private final int invitationsPerAddressPerHour;

	/** A part of a transaction that can fail alone (a savepoint): an invitation refused by the database, the rest kept. */
	private final TransactionTemplate savepoint;

	Intakes(JdbcClient jdbc, Programmes programmes, Themes themes, Accounts accounts, Trajectories trajectories,
			Outbox outbox, MailErasure mailErasure, NoticeMails mails, PublicAddress address, ApplicationEventPublisher events,
			Clock clock,
			nl.briefwissel.encryption.Encryption encryption,
			@org.springframework.beans.factory.annotation.Value("${briefwissel.sign-in.mails-per-address-per-hour:3}") int invitationsPerAddressPerHour,
			PlatformTransactionManager transactionManager) {
		this.invitationsPerAddressPerHour = invitationsPerAddressPerHour;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.encryption = encryption;
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.themes = themes;
		this.accounts = accounts;
		this.trajectories = trajectories;
		this.outbox = outbox;
		this.mailErasure = mailErasure;
		this.mails = mails;
		this.address = address;
		this.events = events;
		this.clock = clock;
	}

	/** What became of an invitation from the programme manager's form. */
	public sealed interface Invited {

		/**
		 * Mailed now, or by the first request of the same form (a double click: {@code byAnEarlierPress}, when this
		 * request sent nothing).
		 */
		record Sent(Intake intake, boolean byAnEarlierPress) implements Invited {

			public Sent(Intake intake) {
				this(intake, false);
			}
		}

		/**
		 * The address's invitation had run out unused: it was sent again, a new link for the same application, now or
		 * by the first request of the same form ({@code byAnEarlierPress}).
		 */
		record SentAgain(Intake intake, boolean byAnEarlierPress) implements Invited {

			public SentAgain(Intake intake) {
				this(intake, false);
			}
		}

		/** The address has an invitation to this programme that is not used yet and still works: no second one went out. */
		record AlreadyPending(PendingInvitation invitation) implements Invited {
		}

		/**
		 * The address mailed this programme's intake address itself, and the link of our answer still works: no
		 * invitation went out beside it (decision 0062). An application by the public link, never confirmed, does
		 * not stop one: the invitation supersedes it (decision 0082). Nor does one by a mail whose sender was not
		 * confirmed (decision 0137).
		 */
		record AlreadyApplied(Intake application) implements Invited {
		}

		/**
		 * The address's application to this programme is complete and waits for a coach, or it has a trajectory in the
		 * programme that has not ended: no invitation went out (decision 0067).
		 */
		record AlreadyEnrolled(TrajectoryOverview trajectory) implements Invited {
		}

		/**
		 * The address's invitation had run out, and it had as many invitation mails this hour as it may get: nothing
		 * went out (decision 0067).
		 */
		record TooMany(PendingInvitation invitation) implements Invited {
		}

		/**
		 * The programme's organisation has ended, or its ending was under way and finished first: nothing was
		 * written or mailed (decision 0082).
		 */
		record OrganisationEnded() implements Invited {
		}
	}

	/**
	 * A programme manager invites a person; the mail's link opens the form with name and address filled in.
	 * Refused ({@link IllegalStateException}) when none went out: an address with an invitation to the programme not
	 * used yet, for one, or a programme of an organisation that ended.
	 */
	@Transactional
	public Intake invite(Programme programme, String email, String name, Locale language, UUID by) {
		Invited invited = invite(programme, email, name, language, by, null);
		if (invited instanceof Invited.Sent sent) {
			return sent.intake();
		}
		if (invited instanceof Invited.SentAgain again) {
			return again.intake();
		}
		throw new IllegalStateException("no invitation to programme " + programme.id() + " went out: "
				+ invited.getClass().getSimpleName());
	}

	/**
	 * An invitation from a form, once per form ({@code submission} is the form's id, may be null): a
	 * second request with the same id writes and mails nothing and returns the first one's application.
	 * An address invited to the programme before, and not applied by that invitation yet, gets no second
	 * invitation beside it: the answer is that one, which the manager can send again ({@link #inviteAgain};
	 * decision 0058). Two invitations made two applications, and two mails whose links both worked. One whose
	 * link ran out is sent again: a new link for the same application (decision 0062), unless the address had its
	 * invitation mails of this hour. An address with an application by mail that is not complete yet and whose
	 * link works gets no invitation either: the answer is that application; nor does one with a trajectory in the
	 * programme that has not ended (decision 0067). Its own applications whose link ran out are withdrawn when the
	 * invitation goes out. An application by the public link whose address was never confirmed stops nothing: the
	 * invitation supersedes it (decision 0082). None is made for a programme of an organisation that ended.
	 */
	@Transactional
	public Invited invite(Programme programme, String email, String name, Locale language, UUID by, UUID submission) {
		if (!programmes.holdOrganisationOpen(programme.id())) {
			return new Invited.OrganisationEnded();
		}
		String address = email.strip().toLowerCase(Locale.ROOT);
		// The applications this invitation may supersede before the address's oldest: confirming one holds its own
		// row first and then the oldest, and must not wait for an invitation that waits for it.
		lockUnconfirmed(programme.id(), address);
		// The address's oldest application next, as "invite instead" does: the form and the list's button for
		// one address take turns there, instead of each holding the row the other waits for.
		lockApplicationsOf(address);
		UUID id = UUID.randomUUID();
		Optional<Intake> earlier = sentBefore(submission, id, programme.id(), email);
		if (earlier.isPresent()) {
			log.info("An invitation form was sent again; application {} was made by the first request", earlier.get().id());
			// One made before the form was sent: its invitation had run out, and the first request sent it again.
			OffsetDateTime formSent = jdbc.sql("select submitted_at from intake_submission where submission_id = :submission")
				.param("submission", submission)
				.query(OffsetDateTime.class)
				.single();
			return earlier.get().createdAt().isBefore(formSent) ? new Invited.SentAgain(earlier.get(), true)
					: new Invited.Sent(earlier.get(), true);
		}
		// In the programme already (waiting for a coach, or coached): an invitation led only to "you are in already".
		Optional<TrajectoryOverview> enrolled = accounts.byEmail(email)
			.flatMap(person -> ongoing(person.id(), programme.id()));
		if (enrolled.isPresent()) {
			return new Invited.AlreadyEnrolled(enrolled.get());
		}
		Optional<PendingInvitation> pending = pendingInvitation(programme.id(), email);
		if (pending.isPresent() && !pending.get().expired()) {
			return new Invited.AlreadyPending(pending.get());
		}
		if (pending.isPresent()) {
			// Ran out unused: nobody can apply by it, so what the manager asks for is a working link. The same
			// application gets it, as by "send again": a second one beside it listed the person twice.
			UUID expired = pending.get().id();
			PendingInvitation.Again again = inviteAgain(expired, programme, pending.get().sent());
			if (again == PendingInvitation.Again.TOO_MANY) {
				return new Invited.TooMany(pending.get());
			}
			if (again.isSent()) {
				supersedeUnconfirmed(programme.id(), email);
				withdrawRunOut(programme.id(), email);
				// The form's id now stands for this application: a second click is answered as this one was.
				jdbc.sql("update intake_submission set intake_id = :intake where submission_id = :submission")
					.param("intake", expired)
					.param("submission", submission)
					.update();
				return new Invited.SentAgain(byId(expired).orElseThrow());
			}
			// Used or withdrawn in between (GONE): nothing went out; on as if there had been none.
		}
		Optional<Intake> applied = openApplication(programme.id(), email);
		if (applied.isPresent()) {
			return new Invited.AlreadyApplied(applied.get());
		}
		String token = LinkTokens.create();
		Intake intake;
		try {
			intake = savepoint.execute(status -> insert(id, programme.id(), email, name, language, Intake.Source.INVITATION,
					Intake.Status.INVITED, null, token, INVITATION_VALIDITY, by));
		}
		catch (DuplicateKeyException e) {
			// A first invitation to the address has nothing to lock: a form sent in the same second wrote one while
			// this one looked. The database keeps one open invitation per address and programme (V75, decision
			// 0071), waiting for the other to commit; this form is answered as one sent a moment later would be.
			Optional<PendingInvitation> theOther = pendingInvitation(programme.id(), email);
			if (theOther.isEmpty()) {
				throw e;
			}
			log.info("An invitation to an address was written by another request at the same time; none was added");
			return new Invited.AlreadyPending(theOther.get());
		}
		mailInvitation(programme, intake, token);
		supersedeUnconfirmed(programme.id(), email);
		withdrawRunOut(programme.id(), email);
		return new Invited.Sent(intake);
	}

	/** Locks the address's applications to the programme by the public link never confirmed, in one order. */
	private void lockUnconfirmed(UUID programmeId, String email) {
		jdbc.sql("""
				select id from intake
				where programme_id = :programme and email = :email and source = 'LINK' and status = 'AWAITING_CONFIRMATION'
				order by id for update""")
			.param("programme", programmeId)
			.param("email", email)
			.query(UUID.class)
			.list();
	}

	/**
	 * The address's applications to the programme by the public link whose address was never confirmed give way to
	 * the invitation that went out (decision 0082). Anyone can type any address into the public form: one waiting for
	 * a confirmation stopped the programme's own invitation of the person for a week, while its link kept working.
	 * What was typed into it (a name, a question, the self-check, the agreements) was never the person's for certain
	 * and is not kept, nor the confirmation mail, which the invitation replaces: only the link's hash stays, so that
	 * the link can say it no longer applies until the retention job clears it with the address.
	 */
	private void supersedeUnconfirmed(UUID programmeId, String email) {
		List<UUID> unconfirmed = jdbc.sql("""
				select id from intake
				where programme_id = :programme and email = :email and source = 'LINK' and status = 'AWAITING_CONFIRMATION'""")
			.param("programme", programmeId)
			.param("email", email.strip().toLowerCase(Locale.ROOT))
			.query(UUID.class)
			.list();
		if (unconfirmed.isEmpty()) {
			return;
		}
		unconfirmed.forEach(mailErasure::forgetMailAbout);
		jdbc.sql("""
				update intake set status = 'SUPERSEDED', display_name = null, question = null, question_key_id = null, theme = null,
				    writes_comfortably = null, motivated = null, has_time = null, expectations_agreed_at = null, consent_at = null,
				    statement_basis = null, employer_may_confirm = false, employer_contact = null
				where id in (:ids)""")
			.param("ids", unconfirmed)
			.update();
		log.info("An invitation superseded {} application(s) by the public link whose address was not confirmed", unconfirmed.size());
	}

	/**
	 * The address's own applications to the programme by mail whose link ran out are withdrawn when it is invited:
	 * they cannot be completed, and the invitation's link is the way on. Left, the person stood on the list twice.
	 * (Those by the public link, never confirmed, the invitation supersedes: {@link #supersedeUnconfirmed}.)
	 */
	private void withdrawRunOut(UUID programmeId, String email) {
		jdbc.sql("""
				update intake set status = 'WITHDRAWN', token_hash = null
				where programme_id = :programme and email = :email and source = 'MAIL'
				  and status = 'RECEIVED_BY_MAIL' and token_expires_at <= :now""")
			.param("programme", programmeId)
			.param("email", email.strip().toLowerCase(Locale.ROOT))
			.param("now", OffsetDateTime.now(clock))
			.update();
	}

	/**
	 * An application of the programme's own (by its link or by mail) whose link ran out, invited instead: the
	 * invitation goes to its address, in its language, and the application is withdrawn or superseded (see
	 * {@link #invite}). In the name a mail came with; not in one typed into the public form, whose address was never
	 * confirmed: a stranger's words do not go out in our invitation (decision 0082). Empty when the application is not
	 * one of those (any more): completed, withdrawn, or its link works.
	 */
	@Transactional
	public Optional<Invited> inviteInstead(UUID intakeId, Programme programme, UUID by) {
		// The organisation first, as invite takes it (see there).
		if (!programmes.holdOrganisationOpen(programme.id())) {
			return Optional.of(new Invited.OrganisationEnded());
		}
		// Then in invite's order (see there): the address's applications by the public link never confirmed, among
		// them this one when it is one of those, before the address's oldest. Taken the other way round, this held
		// the oldest and waited for its own row while an invitation form for the address held that row and waited
		// for the oldest: PostgreSQL broke it off with an error, H2 waited until its lock timeout.
		Optional<String> email = jdbc.sql("select email from intake where id = :id and programme_id = :programme")
			.param("id", intakeId)
			.param("programme", programme.id())
			.query(String.class)
			.optional();
		email.ifPresent(address -> lockUnconfirmed(programme.id(), address));
		email.ifPresent(this::lockApplicationsOf);
		// Its own row last: one by mail is taken after the oldest, as invite's withdrawal of run-out ones takes it.
		jdbc.sql("select id from intake where id = :id and programme_id = :programme for update")
			.param("id", intakeId)
			.param("programme", programme.id())
			.query(UUID.class)
			.optional();
		Optional<Intake> runOut = of(intakeId, programme.id())
			.filter(i -> linksRunOut(programme.id(), List.of(intakeId)).containsKey(intakeId));
		return runOut.map(i -> invite(programme, i.email(), i.source() == Intake.Source.LINK ? null : i.displayName(), i.language(),
				by, null));
	}

	/**
	 * Of these applications, those by the programme's link or by mail, not complete yet, whose link ran out, with
	 * when it did: they cannot be completed, and the list says so instead of "not complete yet".
	 */
	public Map<UUID, OffsetDateTime> linksRunOut(UUID programmeId, Collection<UUID> intakeIds) {
		if (intakeIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, OffsetDateTime> runOut = new HashMap<>();
		jdbc.sql("""
				select id, token_expires_at from intake
				where id in (:ids) and programme_id = :programme and source in ('LINK', 'MAIL')
				  and status in ('AWAITING_CONFIRMATION', 'RECEIVED_BY_MAIL') and token_hash is not null and token_expires_at <= :now""")
			.param("ids", List.copyOf(new HashSet<>(intakeIds)))
			.param("programme", programmeId)
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> runOut.put(rs.getObject("id", UUID.class), rs.getObject("token_expires_at", OffsetDateTime.class)))
			.list();
		return runOut;
	}

	/**
	 * Sends an invitation not used yet again, as the programme manager asked: a new link, valid as long as a
	 * first one, and the earlier link no longer works. {@code shownSent}: the sending the manager's page showed
	 * ({@link PendingInvitation#sent()}); sent again since (a second click), nothing more goes out. The
	 * application's row is locked, so that two clicks at once send once.
	 */
	@Transactional
	public PendingInvitation.Again inviteAgain(UUID intakeId, Programme programme, long shownSent) {
		// An ending erases the invitation: as one withdrawn meanwhile, nothing goes out (decision 0082).
		if (!programmes.holdOrganisationOpen(programme.id())) {
			return PendingInvitation.Again.GONE;
		}
		jdbc.sql("select id from intake where id = :id and programme_id = :programme for update")
			.param("id", intakeId)
			.param("programme", programme.id())
			.query(UUID.class)
			.optional();
		Optional<PendingInvitation> pending = pendingInvitations(" where id = :id and programme_id = :programme", intakeId,
				programme.id());
		if (pending.isEmpty()) {
			return PendingInvitation.Again.GONE;
		}
		if (!pending.get().isTheOneSent(shownSent)) {
			return PendingInvitation.Again.SENT_ALREADY;
		}
		if (!withinHourlyLimit(pending.get().email())) {
			// As a staff invitation sent again: each click of the button was one more mail in someone's box.
			return PendingInvitation.Again.TOO_MANY;
		}
		String token = LinkTokens.create();
		jdbc.sql("update intake set token_hash = :hash, token_expires_at = :expires where id = :id")
			.param("hash", LinkTokens.hash(token))
			.param("expires", OffsetDateTime.now(clock).plus(INVITATION_VALIDITY))
			.param("id", intakeId)
			.update();
		mailInvitation(programme, byId(intakeId).orElseThrow(), token);
		return PendingInvitation.Again.SENT;
	}

	/** Whether the address had fewer invitation mails (to any programme) in the last hour than it may get. */
	private boolean withinHourlyLimit(String email) {
		List<UUID> invitations = jdbc.sql("select id from intake where email = :email and source = 'INVITATION'")
			.param("email", email.strip().toLowerCase(Locale.ROOT))
			.query(UUID.class)
			.list();
		int lastHour = outbox.queuedAbout(invitations, OffsetDateTime.now(clock).minusHours(1));
		if (lastHour >= invitationsPerAddressPerHour) {
			log.warn("An invitation was not sent again: {} invitation mails to the address in the last hour", lastHour);
			return false;
		}
		return true;
	}

	/** The address's invitation to the programme not used yet (it may have run out), the newest if there were more. */
	public Optional<PendingInvitation> pendingInvitation(UUID programmeId, String email) {
		return pendingInvitations(" where programme_id = :programme and email = :email", email.strip().toLowerCase(Locale.ROOT),
				programmeId);
	}

	/**
	 * The invitations not used yet (open or run out) among these applications of the programme, by application: for
	 * the list of applications not complete yet, which says of each whether its link still works and offers to send
	 * it again. Read once for the page.
	 */
	public Map<UUID, PendingInvitation> pendingInvitations(UUID programmeId, Collection<UUID> intakeIds) {
		if (intakeIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, PendingInvitation> byApplication = new HashMap<>();
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("select id, display_name, email, token_expires_at from intake where id in (:ids) and programme_id = :programme"
				+ " and source = 'INVITATION' and status = 'INVITED' and token_hash is not null")
			.param("ids", List.copyOf(new HashSet<>(intakeIds)))
			.param("programme", programmeId)
			.query((rs, n) -> pendingInvitation(rs, now))
			.list()
			.forEach(invitation -> byApplication.put(invitation.id(), invitation));
		return byApplication;
	}

	private Optional<PendingInvitation> pendingInvitations(String where, Object first, UUID programmeId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("select id, display_name, email, token_expires_at from intake" + where
				+ " and source = 'INVITATION' and status = 'INVITED' and token_hash is not null order by token_expires_at desc limit 1")
			.param(where.contains(":id") ? "id" : "email", first)
			.param("programme", programmeId)
			.query((rs, n) -> pendingInvitation(rs, now))
			.optional();
	}

	private static PendingInvitation pendingInvitation(ResultSet rs, OffsetDateTime now) throws SQLException {
		OffsetDateTime until = rs.getObject("token_expires_at", OffsetDateTime.class);
		// Each sending sets the link's end a fixed time ahead: when it was sent follows from it.
		return new PendingInvitation(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("email"),
				until.minus(INVITATION_VALIDITY), until, !until.isAfter(now));
	}

	/**
	 * The address's own application to the programme by mail that is not complete yet and whose link still works,
	 * the newest if there are more: an invitation does not go out beside it (decision 0062). One whose link ran out
	 * cannot be completed any more. One by the public link, its address not confirmed, is not weighed: the invitation
	 * supersedes it (decision 0082). Nor is one marked as started by a sender the receiving server did not confirm
	 * (decision 0129): nobody at the address confirmed anything, so it stops no invitation; it stays as it is until its
	 * link runs out, and whichever link the person uses, the other finds them in already (decision 0137).
	 */
	private Optional<Intake> openApplication(UUID programmeId, String email) {
		return jdbc.sql(COLUMNS + """
				 where programme_id = :programme and email = :email and source = 'MAIL' and not sender_unconfirmed
				   and status = 'RECEIVED_BY_MAIL' and token_hash is not null and token_expires_at > :now
				 order by created_at desc limit 1""")
			.param("programme", programmeId)
			.param("email", email.strip().toLowerCase(Locale.ROOT))
			.param("now", OffsetDateTime.now(clock))
			.query(this::map)
			.optional();
	}

	/** How many applications not complete yet come before this one in {@link #open}'s order: the page it is on follows. */
	public int openBefore(UUID programmeId, Intake intake) {
		return jdbc.sql("""
				select count(*) from intake
				where programme_id = :programme and status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION')
				  and (created_at < :created or created_at = :created and id < :id)""")
			.param("programme", programmeId)
			.param("created", intake.createdAt())
			.param("id", intake.id())
			.query(Integer.class)
			.single();
	}

	/** How many intakes waiting for a coach come before this one on the manager's list (longest first): its page follows. */
	public int waitingBefore(UUID trajectoryId) {
		return jdbc.sql("""
				select count(*) from trajectory t join trajectory me on me.id = :id
				where t.programme_id = me.programme_id and t.status = 'INTAKE'
				  and (t.created_at < me.created_at or t.created_at = me.created_at and t.id < me.id)""")
			.param("id", trajectoryId)
			.query(Integer.class)
			.single();
	}

	/**
	 * How many of the programme's trajectories in the same stage come before this one on the programme's list of that
	 * stage on {@code day} (newest first, as {@link Trajectories#pageOfProgramme} orders it): the page it is on follows.
	 * One accepted with its first day after {@code day} is among those starting later, not the running ones.
	 */
	public int inStageBefore(UUID trajectoryId, LocalDate day) {
		// Trajectories.STARTING_AFTER_DAY, of either row.
		String stage = "case when %1$s.status in ('RUNNING', 'PAUSED') and %1$s.started_on > :day then 'STARTING_LATER' else %1$s.status end";
		return jdbc.sql("""
				select count(*) from trajectory t join trajectory me on me.id = :id
				where t.programme_id = me.programme_id and %s = %s
				  and (t.created_at > me.created_at or t.created_at = me.created_at and t.id < me.id)""".formatted(
						stage.formatted("t"), stage.formatted("me")))
			.param("id", trajectoryId)
			.param("day", day)
			.query(Integer.class)
			.single();
	}

	private void mailInvitation(Programme programme, Intake intake, String token) {
		Object[] args = { new NoticeMails.Name(Account.firstNameOf(intake.displayName())), programme.name(),
				INVITATION_VALIDITY.toDays() };
		outbox.enqueue(mails.compose(intake.email(), intake.language(), "mail.intakeInvitation", args,
				completeLink(token, intake.language())).about(intake.id()));
	}

	/**
	 * An application from the public link. The caller always shows the same answer ("check your
	 * mail"), whether or not the address is known: the confirmation link decides the rest. Once per
	 * form ({@code submission} is the form's id, may be null): a second request with the same id (a
	 * double click) writes and mails nothing. False, with nothing written or mailed, when the programme's
	 * organisation has ended (decision 0082).
	 */
	@Transactional
	public boolean applyByLink(Programme programme, IntakeForm form, Locale language, UUID submission) {
		if (!programme.publicIntake()) {
			throw new IllegalStateException("the public intake of programme " + programme.id() + " is closed");
		}
		requireKnownTheme(programme, form.theme());
		// Held as completing an application holds it: one written while the organisation was ended, after its
		// applications were erased, stayed for the retention job's 90 days.
		if (!programmes.holdOrganisationOpen(programme.id())) {
			log.info("An application by the public link of programme {} was refused: its organisation has ended", programme.id());
			return false;
		}
		UUID id = UUID.randomUUID();
		Optional<Intake> earlier = sentBefore(submission, id, programme.id(), form.email());
		if (earlier.isPresent()) {
			log.info("A public intake form was sent again; application {} was made by the first request", earlier.get().id());
			return true;
		}
		String token = LinkTokens.create();
		Intake intake = insert(id, programme.id(), form.email(), form.displayName(), language, Intake.Source.LINK,
				Intake.Status.AWAITING_CONFIRMATION, form.question(), token, CONFIRMATION_VALIDITY, null);
		fill(intake.id(), form);
		Object[] args = { new NoticeMails.Name(form.displayName()), programme.name(), CONFIRMATION_VALIDITY.toDays() };
		// Asked for on a page, not an answer to a mail: it cannot loop, and does not count towards the loop
		// brake, which the form could otherwise fill to silence the address's reminders and notices.
		outbox.enqueueAskedFor(mails.compose(intake.email(), language, "mail.confirmIntake", args,
				address.link("/intake/confirm/{token}", language).buildAndExpand(token).toUriString()).about(intake.id()));
		return true;
	}

	/**
	 * A mail to the programme's intake address: kept as an application with the mail's words as
	 * the question, and answered with a link to complete it. A sender answered in the last day gets
	 * no second answer: the words are added to their open application instead. A sender no answer
	 * can be written to (see {@link #answerable}) is refused with an {@link IllegalArgumentException},
	 * before anything is kept or queued: the caller keeps the mail aside instead. Empty, with nothing kept or
	 * queued, when the programme's organisation has ended (decision 0082): the caller keeps that mail aside too.
	 * The application keeps which stored mail ({@code inboundMailId}, null for none) it was made of, so that its
	 * erasure empties that mail too (decision 0105).
	 */
	@Transactional
	public Optional<Intake> receiveByMail(Programme programme, String from, String fromName, String text, UUID inboundMailId) {
		return receiveByMail(programme, from, fromName, text, inboundMailId, List.of());
	}

	/**
	 * As {@link #receiveByMail(Programme, String, String, String, UUID)}, keeping the mail's files with the application
	 * as a letter keeps its files (the same rules, the same sealing): a CV sent with it is the applicant's, and its
	 * coach reads it beside the question. A file not kept (too big, a program, damaged) is kept by name and why, and
	 * the answer to the applicant says so, as a letter's notice does; a later mail of the same day, answered with
	 * nothing else, is answered with that alone.
	 */
	@Transactional
	public Optional<Intake> receiveByMail(Programme programme, String from, String fromName, String text, UUID inboundMailId,
			List<MailAttachment> files) {
		return receiveByMail(programme, from, fromName, text, inboundMailId, files, false);
	}

	/**
	 * As {@link #receiveByMail(Programme, String, String, String, UUID, List)}; {@code senderUnconfirmed}: the receiving
	 * mail server did not confirm the sender (decision 0037), so anyone may have written that From. An application it
	 * starts is marked so, and stays out of the address's export (its words, files and mail) until the link of our
	 * answer is used: only the address's owner gets that mail, and completing the form with it confirms the address
	 * (decision 0129). Nothing of it is lost meanwhile: it is listed as an application not complete yet, and retention
	 * clears it as one when the link is never used.
	 */
	@Transactional
	public Optional<Intake> receiveByMail(Programme programme, String from, String fromName, String text, UUID inboundMailId,
			List<MailAttachment> files, boolean senderUnconfirmed) {
		String unanswerable = unanswerable(from);
		if (unanswerable != null) {
			// The reason names no address: it goes into the operator's log, where no erasure reaches.
			throw new IllegalArgumentException("the sender of a mail to an intake address cannot be answered: " + unanswerable);
		}
		// Found by its address before an ending cleared it, and taken in after: held as the public link holds it.
		if (!programmes.holdOrganisationOpen(programme.id())) {
			return Optional.empty();
		}
		// A confirmed sender is not added to an application marked unconfirmed: that one may be a stranger's in their
		// name, and what they add would go with the stranger's question and files, still marked (decision 0129). They
		// start their own, answered with its own link; the marked one stays as it was, not theirs.
		Optional<Intake> recent = recentByMail(programme, from, !senderUnconfirmed);
		if (recent.isPresent()) {
			// One more mail from the same sender the same day: add its words, answer nothing. The words there are
			// read strictly: one that does not open (its key missing on this node, say) is not written over,
			// the mail fails and is tried again, kept, instead (decision 0057).
			String before = jdbc.sql("select question, question_key_id from intake where id = :id")
				.param("id", recent.get().id())
				.query((rs, n) -> rs.getString("question") == null ? null
						: encryption.openText(rs.getString("question_key_id"), rs.getString("question")))
				.optional()
				.orElse(null);
			String question = join(before, text);
			jdbc.sql("update intake set question = :question, question_key_id = :keyId where id = :id")
				.param("question", encryption.sealText(question))
				.param("keyId", encryption.keyId())
				.param("id", recent.get().id())
				.update();
			madeOf(recent.get().id(), inboundMailId);
			List<MailAttachment> kept = keep(recent.get().id(), files);
			log.info("Another mail to the intake address from an open application {}; not answered again", recent.get().id());
			List<MailAttachment> notKept = kept.stream().filter(file -> !file.accepted()).toList();
			if (!notKept.isEmpty()) {
				// Not the link again, once a day is enough: only what became of the files, in both languages.
				outbox.enqueue(mails.composeInTwoLanguages(recent.get().email(), recent.get().language(), Locale.ENGLISH,
						"mail.intakeByMail.filesNotKept", each -> new Object[] { "", programme.name(), mails.filesNotKept(notKept, each) })
					.about(recent.get().id()));
			}
			return recent;
		}
		// A mail's display name has no limit of its own; the application keeps a name of at most 200.
		// Its direction marks and overrides go: a mail cannot be refused with a sentence at a field, and the
		// application must not be lost for its sender's name.
		String shown = TypedName.cleaned(fromName);
		String name = shown == null || shown.isBlank() ? null
				: shown.strip().length() > 200 ? shown.strip().substring(0, 200).strip() : shown.strip();
		Locale language = Locale.forLanguageTag("nl");
		String token = LinkTokens.create();
		Intake intake = insert(UUID.randomUUID(), programme.id(), from, name, language, Intake.Source.MAIL,
				Intake.Status.RECEIVED_BY_MAIL, limit(text), token, INVITATION_VALIDITY, null);
		if (senderUnconfirmed) {
			jdbc.sql("update intake set sender_unconfirmed = true where id = :id").param("id", intake.id()).update();
		}
		madeOf(intake.id(), inboundMailId);
		List<MailAttachment> kept = keep(intake.id(), files);
		List<MailAttachment> notKept = kept.stream().filter(file -> !file.accepted()).toList();
		// Who wrote is not known to us yet, nor their language: the answer is in Dutch and in English.
		outbox.enqueue(mails.composeInTwoLanguages(intake.email(), language, Locale.ENGLISH, "mail.intakeByMail",
				each -> new Object[] { new NoticeMails.Name(name == null ? "" : name), programme.name(), INVITATION_VALIDITY.toDays(),
						notKept.isEmpty() ? "" : "\n\n" + mails.filesNotKept(notKept, each) },
				each -> completeLink(token, each)).about(intake.id()));
		return Optional.of(intake);
	}

	/**
	 * The application by mail from this address to the programme that was answered in the last day, which a next mail
	 * of the same sender adds to: its words, its files, its mail (in the person's export). {@code onlyConfirmed}: not
	 * one marked unconfirmed, for a mail whose sender was confirmed (decision 0129).
	 */
	private Optional<Intake> recentByMail(Programme programme, String from, boolean onlyConfirmed) {
		return jdbc.sql(COLUMNS + """
				 where programme_id = :programme and email = :email and status = 'RECEIVED_BY_MAIL'
				   and (sender_unconfirmed = false or :any) and created_at > :since order by created_at desc""")
			.param("programme", programme.id())
			.param("any", !onlyConfirmed)
			.param("email", from.toLowerCase(Locale.ROOT))
			.param("since", OffsetDateTime.now(clock).minus(MAIL_ANSWER_INTERVAL))
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * Whether a mail from this address to the programme's intake address would be added to an application of the
	 * last day ({@link #receiveByMail}): a mail whose sender the receiving server did not confirm must not be, as
	 * anyone can write that From, and what is added goes into that person's application and export.
	 */
	@Transactional(readOnly = true)
	public boolean addsToAnApplication(Programme programme, String from) {
		return from != null && recentByMail(programme, from, false).isPresent();
	}

	/**
	 * How many files one application by mail keeps, and how much of them: the intake address is public and each
	 * mail may bring 30 MB, so without a cap the same sender could fill the database with repeat mails in a day.
	 * Ten files and 30 MB hold a CV, letters and certificates; a file beyond them is kept by name and why only.
	 */
	static final int MAX_FILES_PER_APPLICATION = 10;

	static final long MAX_FILE_BYTES_PER_APPLICATION = 30L * 1024 * 1024;

	/** Stored as the refusal of a file beyond the cap (English, for the logs; its text says it in the reader's language). */
	static final String TOO_MANY_FILES = "too many files: more than " + MAX_FILES_PER_APPLICATION + " files or "
			+ MAX_FILE_BYTES_PER_APPLICATION / (1024 * 1024) + " MB with one application";

	/**
	 * The files of a mail to the intake address, sealed as a letter's are; a refused one by name and why only. Within
	 * the cap of the application with what it kept before; the files as kept, a file beyond the cap refused.
	 */
	private List<MailAttachment> keep(UUID intakeId, List<MailAttachment> received) {
		record Kept(long count, long bytes) {
		}
		Kept before = jdbc.sql("select count(*), coalesce(sum(size_bytes), 0) from intake_attachment where intake_id = :intake and content is not null")
			.param("intake", intakeId)
			.query((rs, n) -> new Kept(rs.getLong(1), rs.getLong(2)))
			.single();
		long count = before.count();
		long bytes = before.bytes();
		List<MailAttachment> files = new java.util.ArrayList<>();
		for (MailAttachment file : received) {
			if (file.accepted() && (count >= MAX_FILES_PER_APPLICATION || bytes + file.size() > MAX_FILE_BYTES_PER_APPLICATION)) {
				files.add(new MailAttachment(file.name(), file.contentType(), file.size(), null, TOO_MANY_FILES));
			}
			else {
				if (file.accepted()) {
					count++;
					bytes += file.size();
				}
				files.add(file);
			}
		}
		for (MailAttachment file : files) {
			jdbc.sql("""
					insert into intake_attachment (id, intake_id, file_name, content_type, size_bytes, content, content_key_id,
					    refusal, created_at)
					values (:id, :intake, :name, :type, :size, :content, :keyId, :refusal, :now)""")
				.param("id", UUID.randomUUID())
				.param("intake", intakeId)
				.param("name", file.name())
				.param("type", file.contentType())
				.param("size", file.size())
				.param("content", file.content() == null ? null : encryption.seal(file.content()))
				.param("keyId", file.content() == null ? null : encryption.keyId())
				.param("refusal", file.refusal())
				.param("now", OffsetDateTime.now(clock))
				.update();
		}
		return files;
	}

	private static final String FILES = "select f.id, f.intake_id, f.file_name, f.content_type, f.size_bytes, f.refusal from intake_attachment f";

	/** The files an application by mail came with, kept or not, in the order they came; none for another application. */
	public List<IntakeFile> filesOf(UUID intakeId) {
		return jdbc.sql(FILES + " where f.intake_id = :intake order by f.created_at, f.id")
			.param("intake", intakeId)
			.query(Intakes::mapFile)
			.list();
	}

	/**
	 * The files of the applications a trajectory came from (a CV sent with the mail), for its coach: beside the
	 * question on the proposal and on the trajectory's page.
	 */
	public List<IntakeFile> filesOfTrajectory(UUID trajectoryId) {
		return jdbc.sql(FILES + " join intake i on i.id = f.intake_id where i.trajectory_id = :trajectory order by f.created_at, f.id")
			.param("trajectory", trajectoryId)
			.query(Intakes::mapFile)
			.list();
	}

	/**
	 * What a kept file of an application of the trajectory holds; empty when it is no file of it (another's id must
	 * not open here), or was not kept.
	 */
	public Optional<IntakeFile> fileOfTrajectory(UUID trajectoryId, UUID fileId) {
		return filesOfTrajectory(trajectoryId).stream().filter(file -> file.id().equals(fileId)).findFirst();
	}

	/** What a kept file holds, opened; empty for a file not kept. */
	public Optional<byte[]> fileContent(UUID fileId) {
		return jdbc.sql("select content, content_key_id from intake_attachment where id = :id and content is not null")
			.param("id", fileId)
			.query((rs, n) -> encryption.open(rs.getString("content_key_id"), rs.getBytes("content")))
			.optional();
	}

	private static IntakeFile mapFile(ResultSet rs, int row) throws SQLException {
		return new IntakeFile(rs.getObject("id", UUID.class), rs.getObject("intake_id", UUID.class), rs.getString("file_name"),
				rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("refusal"));
	}

	/**
	 * Whether the application was started by a mail whose sender the receiving server did not confirm and was not
	 * completed with its link since (decision 0129): its form says so, beside the files it holds.
	 */
	public boolean startedByUnconfirmedSender(UUID intakeId) {
		return jdbc.sql("select sender_unconfirmed from intake where id = :id")
			.param("id", intakeId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** The mails an application by mail was made of, oldest first: for the person's export, as they sent them. */
	public List<UUID> mailsOf(UUID intakeId) {
		return jdbc.sql("""
				select m.inbound_mail_id from intake_mail m join inbound_mail i on i.id = m.inbound_mail_id
				where m.intake_id = :intake order by i.received_at, i.id""")
			.param("intake", intakeId)
			.query(UUID.class)
			.list();
	}

	private void madeOf(UUID intakeId, UUID inboundMailId) {
		if (inboundMailId != null) {
			jdbc.sql("insert into intake_mail (intake_id, inbound_mail_id) values (:intake, :mail)")
				.param("intake", intakeId)
				.param("mail", inboundMailId)
				.update();
		}
	}

	/**
	 * Whether mail can be written to this sender of an intake mail. Inbound mail is read as leniently
	 * as mail clients read it, so “jan..jansen@example.nl” gets in; the answer is written strictly, and
	 * to such an address it fails on every attempt. An application from it could never be completed
	 * (its link never arrives), so none is made.
	 */
	public static boolean answerable(String from) {
		return unanswerable(from) == null;
	}

	/** Why no mail can be written to this address, or null when it can. */
	private static String unanswerable(String from) {
		return nl.briefwissel.mail.MailAddresses.whyNot(from).orElse(null);
	}

	/**
	 * Whether the link is the confirmation of an application the programme's invitation of its address superseded
	 * (decision 0082): its page says so instead of "apply again", until the link would have run out.
	 */
	public boolean superseded(String token) {
		return byToken(token).filter(i -> i.status() == Intake.Status.SUPERSEDED).isPresent();
	}

	/** Whether the link opens an application that waits for its address to be confirmed (and has not expired). */
	public boolean awaitingConfirmation(String token) {
		return byToken(token).filter(i -> i.status() == Intake.Status.AWAITING_CONFIRMATION).isPresent();
	}

	/** The application an invitation or intake-mail link opens, while it can still be completed. */
	public Optional<Intake> toComplete(String token) {
		return byToken(token).filter(i -> i.status() == Intake.Status.INVITED || i.status() == Intake.Status.RECEIVED_BY_MAIL);
	}

	/**
	 * What the application of a link became when it was sent already: the same form sent twice (a
	 * double click), or the link opened again later, is answered as the first time. Empty when the
	 * link is unknown, expired, withdrawn by the programme manager, or not sent yet.
	 */
	public Optional<Submission> submittedBy(String token) {
		return byToken(token).flatMap(this::outcome);
	}

	private Optional<Submission> outcome(Intake intake) {
		if (intake.status() == Intake.Status.SUBMITTED) {
			return Optional.of(new Submission.Submitted(intake.trajectoryId()));
		}
		if (intake.status() == Intake.Status.WITHDRAWN) {
			// Withdrawn with its link kept: the person was in this programme already (see submit). A
			// manager's withdrawal clears the link, so such an application is never found here.
			Optional<TrajectoryOverview> ongoing = accounts.byEmail(intake.email())
				.flatMap(person -> ongoing(person.id(), intake.programmeId()));
			return ongoing.<Submission>map(trajectory -> new Submission.AlreadyEnrolled(trajectory.id()));
		}
		return Optional.empty();
	}

	/**
	 * Completes an application from an invitation or a mail; the link proved the address. Empty when
	 * the link no longer works; the same form sent a moment before is answered with what that became.
	 */
	@Transactional
	public Optional<Submission> complete(String token, IntakeForm form, Locale language) {
		if (!organisationHeldOpen(token)) {
			return Optional.empty();
		}
		lockByToken(token);
		Optional<Intake> open = toComplete(token);
		if (open.isEmpty()) {
			return submittedBy(token);
		}
		Intake intake = open.get();
		Programme programme = programmes.byId(intake.programmeId()).orElseThrow();
		requireKnownTheme(programme, form.theme());
		fill(intake.id(), form);
		// The link came to the address's own mailbox: who sends the form with it is its owner, and what the application
		// holds is theirs from now on, also when the mail that started it came from a sender not confirmed (decision 0129).
		jdbc.sql("update intake set display_name = :name, language = :language, sender_unconfirmed = false where id = :id")
			.param("name", TypedName.cleaned(form.displayName()))
			.param("language", language.getLanguage())
			.param("id", intake.id())
			.update();
		return Optional.of(submit(intake.id()));
	}

	/**
	 * Confirms the address of an application from the public link. Empty when the link is unknown,
	 * expired or withdrawn; a second click, after the first confirmed it, is answered with what the
	 * first one's application became.
	 */
	@Transactional
	public Optional<Submission> confirm(String token) {
		if (!organisationHeldOpen(token)) {
			return Optional.empty();
		}
		lockByToken(token);
		Optional<Intake> waiting = byToken(token).filter(i -> i.status() == Intake.Status.AWAITING_CONFIRMATION);
		if (waiting.isEmpty()) {
			return submittedBy(token);
		}
		return Optional.of(submit(waiting.get().id()));
	}

	/** Applications of a programme that are not complete yet: invited, by mail, awaiting confirmation. */
	public List<Intake> open(UUID programmeId) {
		return jdbc.sql(COLUMNS + """
				 where programme_id = :programme and status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION')
				 order by created_at""")
			.param("programme", programmeId)
			.query(this::map)
			.list();
	}

	/**
	 * One page of {@link #open}, oldest first: a national programme has thousands of invitations and
	 * applications not complete yet, and the manager's page listed every one of them on every view.
	 */
	public List<Intake> open(UUID programmeId, int offset, int size) {
		return jdbc.sql(COLUMNS + """
				 where programme_id = :programme and status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION')
				 order by created_at, id limit :size offset :offset""")
			.param("programme", programmeId)
			.param("size", size)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	/** How many applications of a programme are not complete yet. */
	public int countOpen(UUID programmeId) {
		return jdbc.sql("""
				select count(*) from intake
				where programme_id = :programme and status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION')""")
			.param("programme", programmeId)
			.query(Integer.class)
			.single();
	}

	public Optional<Intake> ofTrajectory(UUID trajectoryId) {
		return jdbc.sql(COLUMNS + " where trajectory_id = :trajectory order by submitted_at desc")
			.param("trajectory", trajectoryId)
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * {@link #ofTrajectory} of several trajectories in one read, for a page that lists them; a
	 * trajectory without an application (one recorded by hand) is left out.
	 */
	public Map<UUID, Intake> ofTrajectories(Collection<UUID> trajectoryIds) {
		if (trajectoryIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Intake> ofTrajectory = new HashMap<>();
		// The same order as one trajectory's read, so that each keeps the application that read would give.
		jdbc.sql(COLUMNS + " where trajectory_id in (:trajectories) order by submitted_at desc")
			.param("trajectories", List.copyOf(new HashSet<>(trajectoryIds)))
			.query(this::map)
			.list()
			.forEach(intake -> ofTrajectory.putIfAbsent(intake.trajectoryId(), intake));
		return ofTrajectory;
	}

	/**
	 * An application with everything it keeps of the person, for their own export (AVG articles 15
	 * and 20): also the agreements and the employer consent, which {@link Intake} leaves out.
	 * {@code selfCheck} is null while the form was not filled in; {@code questionReadable} false (and no
	 * question) when the question does not open (decision 0057).
	 */
	public record Application(UUID id, UUID programmeId, String programmeName, Intake.Source source, Intake.Status status,
			String email, String displayName, Locale language, String question, String theme, Intake.SelfCheck selfCheck,
			OffsetDateTime expectationsAgreedAt, OffsetDateTime consentAt, LegalBasis statementBasis, boolean employerMayConfirm,
			UUID trajectoryId, OffsetDateTime createdAt, OffsetDateTime submittedAt, boolean questionReadable) {

		/**
		 * Whether the ticked box was consent: under another basis it said the statement was read (decision 0138,
		 * amended). A box not ticked is none.
		 */
		public boolean consented() {
			return consentAt != null && statementBasis == LegalBasis.CONSENT;
		}
	}

	/**
	 * Every application of a person, oldest first: those that became one of their trajectories, and
	 * those from their address that never did (waiting, withdrawn) until retention clears them. An
	 * application keeps no account, only the address it came from, compared as the erasure compares it.
	 * <p>
	 * Left out: applications from the public link whose address was never confirmed, waiting, superseded by an
	 * invitation or withdrawn before the link was clicked. Anyone can type any address in the public form, so such a
	 * row holds a stranger’s name and question, not this person’s. So are applications by mail whose first mail’s
	 * sender the receiving server did not confirm, until the link of our answer completed them (decision 0129): anyone
	 * can write a From. A confirmed one that was withdrawn (the person
	 * was in the programme already, see submit) keeps its link’s hash, which a manager’s withdrawal and
	 * the erasure clear; that is how the two are told apart.
	 */
	public List<Application> applicationsOf(UUID accountId, String email) {
		return jdbc.sql("""
				select i.id, i.programme_id, p.name as programme_name, i.source, i.status, i.email, i.display_name, i.language,
				       i.question, i.question_key_id, i.theme, i.writes_comfortably, i.motivated, i.has_time, i.expectations_agreed_at,
				       i.consent_at, i.statement_basis, i.employer_may_confirm, i.trajectory_id, i.created_at, i.submitted_at
				from intake i join programme p on p.id = i.programme_id
				where (lower(i.email) = lower(:email)
				       and not (i.source = 'LINK' and (i.status in ('AWAITING_CONFIRMATION', 'SUPERSEDED')
				                                       or i.status = 'WITHDRAWN' and i.token_hash is null))
				       and not i.sender_unconfirmed)
				   or i.trajectory_id in (select t.id from trajectory t where t.participant_id = :account)
				order by i.created_at""")
			.param("email", email)
			.param("account", accountId)
			.query((rs, n) -> {
				String writes = rs.getString("writes_comfortably");
				Intake.SelfCheck check = writes == null ? null
						: new Intake.SelfCheck(Intake.Answer.valueOf(writes), Intake.Answer.valueOf(rs.getString("motivated")),
								Intake.Answer.valueOf(rs.getString("has_time")));
				// The person's export reads them: a question that does not open is said there, not the whole export refused (decision 0057).
				UUID id = rs.getObject("id", UUID.class);
				nl.briefwissel.encryption.OpenedText question = encryption.openListed("intake question " + id,
						rs.getString("question_key_id"), rs.getString("question"));
				return new Application(id, rs.getObject("programme_id", UUID.class),
						rs.getString("programme_name"), Intake.Source.valueOf(rs.getString("source")),
						Intake.Status.valueOf(rs.getString("status")), rs.getString("email"), rs.getString("display_name"),
						Locale.forLanguageTag(rs.getString("language")),
						question.text(), rs.getString("theme"), check,
						rs.getObject("expectations_agreed_at", OffsetDateTime.class), rs.getObject("consent_at", OffsetDateTime.class),
						LegalBasis.named(rs.getString("statement_basis")).orElse(null),
						rs.getBoolean("employer_may_confirm"), rs.getObject("trajectory_id", UUID.class),
						rs.getObject("created_at", OffsetDateTime.class), rs.getObject("submitted_at", OffsetDateTime.class),
						question.readable());
			})
			.list();
	}

	/**
	 * The stage of an application of this programme; empty for one of another programme or none. For
	 * a withdrawal that changed nothing: a second click finds it withdrawn, a page left open may find
	 * it completed meanwhile.
	 */
	public Optional<Intake.Status> statusOf(UUID intakeId, UUID programmeId) {
		return of(intakeId, programmeId).map(Intake::status);
	}

	/** An application of this programme; empty for one of another programme or none. */
	public Optional<Intake> of(UUID intakeId, UUID programmeId) {
		return byId(intakeId).filter(intake -> intake.programmeId().equals(programmeId));
	}

	/** Withdraws an application that is not complete; its link stops working. */
	@Transactional
	public boolean withdraw(UUID intakeId, UUID programmeId) {
		return jdbc.sql("""
				update intake set status = 'WITHDRAWN', token_hash = null
				where id = :id and programme_id = :programme and status in ('INVITED', 'RECEIVED_BY_MAIL', 'AWAITING_CONFIRMATION')""")
			.param("id", intakeId)
			.param("programme", programmeId)
			.update() == 1;
	}

	/** Records a complete intake as demo data and imports need, with its trajectory already made. */
	@Transactional
	public void record(UUID programmeId, Account participant, UUID trajectoryId, IntakeForm form, Intake.Source source) {
		Intake intake = insert(UUID.randomUUID(), programmeId, participant.email(), participant.displayName(),
				participant.language(), source, Intake.Status.SUBMITTED, form.question(), null, Duration.ZERO, null);
		fill(intake.id(), form);
		jdbc.sql("update intake set trajectory_id = :trajectory, submitted_at = :now where id = :id")
			.param("trajectory", trajectoryId)
			.param("now", OffsetDateTime.now(clock))
			.param("id", intake.id())
			.update();
		jdbc.sql("update trajectory set employer_may_confirm = :employer, employer_contact = :contact where id = :id")
			.param("employer", form.employerMayConfirm())
			.param("contact", form.employerMayConfirm() ? programmes.employerContact(programmeId).orElse(null) : null)
			.param("id", trajectoryId)
			.update();
	}

	private Submission submit(UUID intakeId) {
		Intake intake = byId(intakeId).orElseThrow();
		Programme programme = programmes.byId(intake.programmeId()).orElseThrow();
		lockApplicationsOf(intake.email());
		// Locked: the retention job or an erasure forgetting this person now would otherwise anonymise the
		// account under the application being made (a trajectory of nobody who can be reached).
		Account participant = accounts.byEmailLocked(intake.email())
			.orElseGet(() -> accounts.register(new NewAccount(programme.organisationId(), intake.email(),
					intake.displayName() == null ? intake.email() : intake.displayName(), intake.language(),
					Set.of(Role.PARTICIPANT), null)));
		if (!participant.has(Role.PARTICIPANT)) {
			accounts.addRole(participant.id(), Role.PARTICIPANT);
		}
		Optional<TrajectoryOverview> ongoing = ongoing(participant.id(), programme.id());
		// The link's hash stays for an hour (or less, as it expires), so that a second click on "confirm"
		// or "send" is answered with what the first did, not with "apply again"; not for the link's whole
		// life, when "we are looking for a coach" could be long untrue.
		shortenLink(intakeId);
		if (ongoing.isPresent()) {
			jdbc.sql("update intake set status = 'WITHDRAWN' where id = :id").param("id", intakeId).update();
			return new Submission.AlreadyEnrolled(ongoing.get().id());
		}
		// Someone known who applies in the other language keeps their account's language (decision 0113): the form's
		// language is the application's (its own mails went in it), not the account's. Changing it here switched a
		// coach's workspace and every mail of theirs to the language of a link they followed, ?lang=en and all.
		UUID trajectory = trajectories.record(programme.id(), participant.id(), null, TrajectoryStatus.INTAKE, intake.theme(),
				null, null, retentionTold(intakeId));
		jdbc.sql("""
				update intake set status = 'SUBMITTED', trajectory_id = :trajectory, submitted_at = :now
				where id = :id""")
			.param("trajectory", trajectory)
			.param("now", OffsetDateTime.now(clock))
			.param("id", intakeId)
			.update();
		jdbc.sql("""
				update trajectory set employer_may_confirm = (select employer_may_confirm from intake where id = :intake),
				    employer_contact = (select employer_contact from intake where id = :intake)
				where id = :id""")
			.param("intake", intakeId)
			.param("id", trajectory)
			.update();
		events.publishEvent(new TrajectoryEvents.IntakeSubmitted(trajectory, programme.id(), intake.theme(),
				intake.source().name()));
		return new Submission.Submitted(trajectory);
	}

	/**
	 * The retention period the application's form named when it was filled; null for one filled before the intake kept
	 * it (V105), whose trajectory then gets the programme's period of now.
	 */
	private Integer retentionTold(UUID intakeId) {
		return jdbc.sql("select retention_months from intake where id = :id")
			.param("id", intakeId)
			.query((rs, n) -> (Integer) rs.getObject("retention_months", Integer.class))
			.optional()
			.orElse(null);
	}

	/**
	 * Two applications of one person sent at once (two tabs, two links) take turns here: without an account
	 * yet there is no account row to lock, and both made one, the second failing on the address's key. All
	 * lock the same row, the person's oldest application, after their own (their link's lock): whoever holds
	 * the oldest needs no other application's row, so none wait for each other. The second then finds the
	 * first's account, and its trajectory when it is for the same programme.
	 */
	private void lockApplicationsOf(String email) {
		jdbc.sql("select id from intake where email = :email order by created_at, id limit 1")
			.param("email", email)
			.query(UUID.class)
			.optional()
			.ifPresent(oldest -> jdbc.sql("select id from intake where id = :id for update").param("id", oldest).query(UUID.class).list());
	}

	private Optional<TrajectoryOverview> ongoing(UUID participantId, UUID programmeId) {
		return trajectories.ofParticipant(participantId)
			.stream()
			.filter(t -> t.programmeId().equals(programmeId) && ONGOING.contains(t.status()))
			.findFirst();
	}

	/**
	 * Takes a form's id for the application {@code intakeId} about to be written (decision 0006): a
	 * request with an id already taken waits for the one that took it, and gets back that one's
	 * application when it was for the same programme and address and the id was taken a moment ago (the
	 * application may be older: an invitation that ran out, sent again). An id taken for another address or
	 * long ago (a page kept open and used again) does not stop a new one.
	 */
	private Optional<Intake> sentBefore(UUID submission, UUID intakeId, UUID programmeId, String email) {
		if (submission == null) {
			return Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		boolean first = jdbc.sql("""
				insert into intake_submission (submission_id, intake_id, submitted_at) values (:submission, :intake, :now)
				on conflict do nothing""")
			.param("submission", submission)
			.param("intake", intakeId)
			.param("now", now)
			.update() == 1;
		if (first) {
			return Optional.empty();
		}
		return jdbc.sql(COLUMNS + """
				 where id = (select intake_id from intake_submission where submission_id = :submission and submitted_at > :since)""")
			.param("submission", submission)
			.param("since", now.minus(RESUBMISSION_WINDOW))
			.query(this::map)
			.optional()
			.filter(earlier -> earlier.programmeId().equals(programmeId)
					&& earlier.email().equals(email.strip().toLowerCase(Locale.ROOT)));
	}

	private void requireKnownTheme(Programme programme, String theme) {
		if (themes.active(programme.id()).stream().noneMatch(t -> t.code().equals(theme))) {
			throw new IllegalArgumentException("theme " + theme + " is not one of the programme's themes");
		}
	}

	/**
	 * Whether the organisation of this link's programme has not ended, its row held shared until the
	 * application's transaction ends: an ending (which locks that row for update) and an application made into
	 * an account and a trajectory take turns, so none is left behind by an ending that read its people before.
	 * Ended, the link no longer works, as after the ending erased its applications. Taken before the
	 * application's own row, in the order the ending takes them. True for an unknown link: that answers itself.
	 */
	private boolean organisationHeldOpen(String token) {
		return byToken(token).map(intake -> programmes.holdOrganisationOpen(intake.programmeId())).orElse(true);
	}

	/**
	 * Locks the application of a link until the transaction ends: a second click on "confirm" or
	 * "send" waits for the first and then finds the application sent, instead of making a second trajectory.
	 */
	private void lockByToken(String token) {
		if (LinkTokens.plausible(token)) {
			jdbc.sql("select id from intake where token_hash = :hash for update").param("hash", LinkTokens.hash(token))
				.query(UUID.class)
				.list();
		}
	}

	private Optional<Intake> byToken(String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql(COLUMNS + " where token_hash = :hash and token_expires_at > :now")
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now(clock))
			.query(this::map)
			.optional();
	}

	private Optional<Intake> byId(UUID id) {
		return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(this::map).optional();
	}

	private Intake insert(UUID id, UUID programmeId, String email, String name, Locale language, Intake.Source source,
			Intake.Status status, String question, String token, Duration validity, UUID invitedBy) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("""
				insert into intake (id, programme_id, email, display_name, language, source, status, token_hash,
				    token_expires_at, question, question_key_id, invited_by, created_at)
				values (:id, :programme, :email, :name, :language, :source, :status, :hash, :expires, :question, :keyId, :by, :now)""")
			.param("id", id)
			.param("programme", programmeId)
			.param("email", email.strip().toLowerCase(Locale.ROOT))
			.param("name", TypedName.cleaned(name))
			.param("language", language.getLanguage())
			.param("source", source.name())
			.param("status", status.name())
			.param("hash", token == null ? null : LinkTokens.hash(token))
			.param("expires", token == null ? null : now.plus(validity))
			.param("question", encryption.sealText(question))
			.param("keyId", encryption.keyId())
			.param("by", invitedBy)
			.param("now", now)
			.update();
		return byId(id).orElseThrow();
	}

	private void fill(UUID intakeId, IntakeForm form) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("""
				update intake set question = :question, question_key_id = :keyId, theme = :theme, writes_comfortably = :writes, motivated = :motivated,
				    has_time = :time, expectations_agreed_at = :agreed, consent_at = :consent, employer_may_confirm = :employer,
				    employer_contact = case when :employer
				        then (select p.employer_contact from programme p where p.id = intake.programme_id) end,
				    retention_months = coalesce(cast(:months as integer),
				        (select p.retention_months from programme p where p.id = intake.programme_id)),
				    statement_basis = case when :ticked then coalesce(cast(:shown as varchar(20)),
				        (select o.legal_basis from organisation_privacy o join programme p on p.organisation_id = o.organisation_id
				         where p.id = intake.programme_id), 'CONSENT') end
				where id = :id""")
			// The address the form named when the participant agreed: the confirmations go there or nowhere. So the
			// retention period its consent box named: the trajectory, made when the address is confirmed (up to a week
			// later), keeps it, whatever the programme's is by then (decision 0134). And what its statement box meant: it
			// read "akkoord" under consent and "gelezen" under another basis, the one chosen now; a tick under another
			// basis stays no consent when the organisation chooses consent later (decision 0138, amended). The basis the
			// form showed, when it says: the page sends back a form shown under another basis than the current one, and
			// one switched after that check is kept as what the applicant read. An organisation without privacy details
			// reads as consent, as the form did. The period the form named, when it says, likewise: the page sends back a
			// form that named another than the programme's now, and one changed after that check is kept as told.
			.param("employer", form.employerMayConfirm())
			.param("question", encryption.sealText(limit(form.question())))
			.param("keyId", encryption.keyId())
			.param("theme", form.theme())
			.param("writes", form.selfCheck().writesComfortably().name())
			.param("motivated", form.selfCheck().motivated().name())
			.param("time", form.selfCheck().hasTime().name())
			.param("agreed", form.expectationsAgreed() ? now : null)
			.param("consent", form.consent() ? now : null)
			.param("ticked", form.consent())
			.param("shown", form.statementBasis() == null ? null : form.statementBasis().name())
			.param("months", form.retentionMonths())
			.param("id", intakeId)
			.update();
	}

	private void shortenLink(UUID intakeId) {
		jdbc.sql("update intake set token_expires_at = least(token_expires_at, :until) where id = :id")
			.param("until", OffsetDateTime.now(clock).plus(RESUBMISSION_WINDOW))
			.param("id", intakeId)
			.update();
	}

	/**
	 * Form ids are needed only while a second click can come (an hour); older ones are removed, so
	 * the table does not grow with every application for good.
	 */
	@Scheduled(fixedDelayString = "${briefwissel.privacy.retention-interval:1h}",
			initialDelayString = "${briefwissel.privacy.retention-initial-delay:5m}")
	void forgetOldSubmissions() {
		forgetSubmissionsBefore(OffsetDateTime.now(clock).minus(RESUBMISSION_WINDOW));
	}

	int forgetSubmissionsBefore(OffsetDateTime before) {
		return jdbc.sql("delete from intake_submission where submitted_at < :before").param("before", before).update();
	}

	private String completeLink(String token, Locale language) {
		return address.link("/intake/complete/{token}", language).buildAndExpand(token).toUriString();
	}

	private static String join(String first, String more) {
		return limit((first == null ? "" : first.strip() + "\n\n") + (more == null ? "" : more.strip()));
	}

	private static String limit(String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.length() > 8000 ? stripped.substring(0, 8000) : stripped;
	}

	private Intake map(ResultSet rs, int row) throws SQLException {
		String writes = rs.getString("writes_comfortably");
		Intake.SelfCheck check = writes == null ? null
				: new Intake.SelfCheck(Intake.Answer.valueOf(writes), Intake.Answer.valueOf(rs.getString("motivated")),
						Intake.Answer.valueOf(rs.getString("has_time")));
		UUID id = rs.getObject("id", UUID.class);
		// A question that does not open is none here (decision 0057): the lists of applications read every
		// question without showing one, and one such question made the manager's whole list an error page.
		// Where it is shown, completed or added to, it is empty, and what is written next takes its place.
		nl.briefwissel.encryption.OpenedText question = encryption.openListed("intake " + id, rs.getString("question_key_id"),
				rs.getString("question"));
		return new Intake(id, rs.getObject("programme_id", UUID.class), rs.getString("email"),
				rs.getString("display_name"), Locale.forLanguageTag(rs.getString("language")),
				Intake.Source.valueOf(rs.getString("source")), Intake.Status.valueOf(rs.getString("status")),
				question.text(), rs.getString("theme"), check,
				rs.getObject("trajectory_id", UUID.class), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("submitted_at", OffsetDateTime.class), question.readable());
	}
}

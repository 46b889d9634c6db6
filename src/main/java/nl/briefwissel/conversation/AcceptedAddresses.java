package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.TypedSearch;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.LinkTokens;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Other addresses of a participant's that their coach accepted for the trajectory, when adding a mail
 * held back from one to the conversation (decision 0089): mail from such an address afterwards joins
 * the conversation as mail from the participant's own address does, once the participant confirmed
 * it (decision 0091) by the link mailed to their own address or on their conversation page. Until then,
 * and when they decline or let the link run out, mail from it is held back as any other sender's is.
 * Of the trajectory, not the person: the next trajectory's coach decides again, and the trajectory's
 * erasure takes them with their links. Only a plain address, compared in lower case; never one that is
 * an account's own address (another participant's or anyone of the staff's), which would let mail in
 * another person's name into the conversation: not when accepting, and not afterwards either, when an
 * accepted address became someone's account's since. One address waits or counts for one open trajectory
 * at a time, which the database holds (V90), and never for two participants.
 */
@Service
public class AcceptedAddresses {

	private static final Logger log = LoggerFactory.getLogger(AcceptedAddresses.class);

	/** A coach asks the participant again at most this often: a mailbox flooded with questions is no answer. */
	public static final Duration ASK_AGAIN_AFTER = Duration.ofDays(1);

	/** Where an accepted address stands. */
	public enum State {

		/** Asked; the participant has not answered and the link still works: mail from it is held back. */
		PENDING,

		/** The participant confirmed it (or it was accepted before confirmation was asked): mail from it counts. */
		CONFIRMED,

		/** The participant said it is not theirs, or not for this conversation. */
		DECLINED,

		/** Asked, not answered, and the link ran out. */
		EXPIRED,

		/**
		 * The participant confirmed it, then stopped it counting on their conversation page (decision 0102): mail from
		 * it is held back again. Kept, unlike the coach's withdrawal, so that the coach's page says who withdrew it.
		 */
		WITHDRAWN
	}

	/**
	 * One accepted address: when the coach accepted it, when the participant was last asked and until when
	 * the link works (both null for one accepted before confirmation was asked), when they answered (confirmed
	 * or declined; for one they withdrew since: when they confirmed it, null for one withdrawn before V95), when
	 * they withdrew it (decision 0110), and whether the coach may ask again now (not confirmed, and not asked,
	 * nor withdrawn by the participant, within the last day).
	 */
	public record Accepted(String address, State state, OffsetDateTime acceptedAt, OffsetDateTime askedAt,
			OffsetDateTime expiresAt, OffsetDateTime answeredAt, OffsetDateTime withdrawnAt, boolean mayAskAgain) {

		/** From when the coach may ask again; null for a confirmed address, which needs no asking. */
		public OffsetDateTime askAgainFrom() {
			return from(state, acceptedAt, askedAt, withdrawnAt);
		}

		/**
		 * A participant who has just stopped an address counting is not asked about it again the same day either:
		 * that would be the flood the day's wait keeps from them.
		 */
		private static OffsetDateTime from(State state, OffsetDateTime acceptedAt, OffsetDateTime askedAt,
				OffsetDateTime withdrawnAt) {
			if (state == State.CONFIRMED) {
				return null;
			}
			if (state == State.WITHDRAWN && withdrawnAt != null) {
				return withdrawnAt.plus(ASK_AGAIN_AFTER);
			}
			return askedAt == null ? acceptedAt : askedAt.plus(ASK_AGAIN_AFTER);
		}
	}

	/** An address the participant is asked about by a link: for which trajectory, and where it stands. */
	public record Asked(TrajectoryOverview trajectory, Accepted accepted) {
	}

	/** What came of an answer. */
	public enum Answer {

		CONFIRMED, DECLINED,

		/** Answered already (by this link, or on the page), withdrawn, asked again with a new link, or run out. */
		NOT_OPEN
	}

	/** What came of the participant's stopping an address counting. */
	public enum Withdrawal {

		/** It counted, and counts no more: mail from it is held back. */
		WITHDRAWN,

		/** The trajectory ended: nothing changes, as nothing else the participant does changes it then. */
		ENDED,

		/**
		 * They withdrew it already (a second click on "yes", another tab): it counts no more, as they asked. Said so,
		 * not as an address that never counted, which read as though their first "yes" had not been heard.
		 */
		ALREADY_WITHDRAWN,

		/** It does not count (removed by the coach, or never confirmed): nothing to withdraw. */
		NOT_COUNTING
	}

	/** What came of asking again. */
	public sealed interface AskedAgain {

		/** A new link went to the participant's own address; the earlier one no longer works. */
		record Sent(OffsetDateTime until) implements AskedAgain {
		}

		/** Asked within the last day: not again before then. */
		record TooSoon(OffsetDateTime from) implements AskedAgain {
		}

		/** Confirmed already: nothing to ask. */
		record Confirmed() implements AskedAgain {
		}

		/** It may no longer be accepted (it has become someone else's): nothing went. */
		record Refused(Refusal refusal) implements AskedAgain {
		}

		/** Not accepted for this trajectory (withdrawn meanwhile). */
		record Unknown() implements AskedAgain {
		}
	}

	/** Why an address cannot be accepted for this trajectory. */
	public enum Refusal {

		/** Not a plain address (a display name, quotes, a link): nothing to compare safely. */
		NOT_PLAIN,

		/**
		 * Someone else's: an account's address (another participant's or anyone of the staff's), or one
		 * waiting or accepted already for another participant, or for another open trajectory (one address
		 * speaks for one person, in one conversation at a time). One refusal for all, told alike: which of
		 * them would tell the coach whether an address has an account here, or whose trajectory has it.
		 */
		SOMEONE_ELSES
	}

	/** Waiting and not run out, or confirmed: the address is claimed for its trajectory. */
	private static final String LIVE = "(a.state = 'CONFIRMED' or (a.state = 'PENDING' and a.expires_at > :now))";

	private static final String ENDED = "('COMPLETED', 'STOPPED')";

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Clock clock;

	private final HeldBackNotices notices;

	private final Conversations conversations;

	private final Messages messages;

	private final Trajectories trajectories;

	private final Duration validity;

	/** A part of a transaction that can fail alone (a savepoint): a claim refused by the database, the rest kept. */
	private final TransactionTemplate savepoint;

	AcceptedAddresses(JdbcClient jdbc, Accounts accounts, Clock clock, HeldBackNotices notices,
			Conversations conversations, Messages messages, Trajectories trajectories, PlatformTransactionManager transactionManager,
			@Value("${briefwissel.conversation.address-confirmation-validity:14d}") Duration validity) {
		this.messages = messages;
		this.trajectories = trajectories;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
		this.notices = notices;
		this.conversations = conversations;
		if (validity.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("briefwissel.conversation.address-confirmation-validity must be a day or more");
		}
		this.validity = validity;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** How long a link to confirm an address works, in whole days, as the mail and the pages say it. */
	public long validityInDays() {
		return validity.toDays();
	}

	/** The addresses accepted for this trajectory, in every state, in the order they were. */
	public List<Accepted> of(UUID trajectoryId) {
		return jdbc.sql("""
				select address, state, accepted_at, asked_at, expires_at, answered_at, withdrawn_at from accepted_address
				where trajectory_id = :t order by accepted_at, address""")
			.param("t", trajectoryId)
			.query((rs, n) -> accepted(rs))
			.list();
	}

	/** The addresses of this trajectory the participant is asked about and can still confirm. */
	public List<Accepted> waiting(UUID trajectoryId) {
		return of(trajectoryId).stream().filter(accepted -> accepted.state() == State.PENDING).toList();
	}

	private Accepted accepted(java.sql.ResultSet rs) throws java.sql.SQLException {
		OffsetDateTime now = OffsetDateTime.now(clock);
		OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
		OffsetDateTime asked = rs.getObject("asked_at", OffsetDateTime.class);
		State state = State.valueOf(rs.getString("state"));
		if (state == State.PENDING && !expires.isAfter(now)) {
			state = State.EXPIRED;
		}
		OffsetDateTime acceptedAt = rs.getObject("accepted_at", OffsetDateTime.class);
		OffsetDateTime answered = rs.getObject("answered_at", OffsetDateTime.class);
		OffsetDateTime withdrawn = rs.getObject("withdrawn_at", OffsetDateTime.class);
		OffsetDateTime from = Accepted.from(state, acceptedAt, asked, withdrawn);
		return new Accepted(rs.getString("address"), state, acceptedAt, asked, expires, answered, withdrawn,
				from != null && !from.isAfter(now));
	}

	/**
	 * Whether mail from this sender counts as the trajectory's participant's: confirmed only. An accepted
	 * address that has become an account's own address since no longer does: it is that person's now (the
	 * participant's own address is compared before this, so the account is looked up only for a stored one).
	 */
	boolean accepted(UUID trajectoryId, String sender) {
		String address = normal(sender);
		return !address.isEmpty() && jdbc.sql("""
				select count(*) from accepted_address where trajectory_id = :t and address = :a and state = 'CONFIRMED'""")
			.param("t", trajectoryId)
			.param("a", address)
			.query(Long.class)
			.single() > 0 && accounts.byEmail(address).isEmpty();
	}

	/**
	 * The question about this sender that the participant can still answer for this trajectory: asked, not answered,
	 * the link not run out, the address still held by the question, the trajectory not ended (as {@link #answer} reads
	 * it). Mail from it is held back meanwhile; the notice of that says where to confirm it (decision 0102).
	 */
	Optional<Accepted> waitingFor(UUID trajectoryId, String sender) {
		String address = normal(sender);
		if (address.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select address, state, accepted_at, asked_at, expires_at, answered_at, withdrawn_at from accepted_address
				where trajectory_id = :t and address = :a and state = 'PENDING' and expires_at > :now and live_address = address
				    and trajectory_id not in (select id from trajectory where status in %s)""".formatted(ENDED))
			.param("t", trajectoryId)
			.param("a", address)
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> accepted(rs))
			.optional();
	}

	/**
	 * Whether mail from this sender counts as the trajectory's participant's: their own address, or one confirmed
	 * for this trajectory, as a letter to its reply address is let in by (decision 0106).
	 */
	public boolean fromParticipant(TrajectoryOverview trajectory, String sender) {
		String address = normal(sender);
		return !address.isEmpty() && (address.equalsIgnoreCase(trajectory.participantEmail()) || accepted(trajectory.id(), address));
	}

	/**
	 * The running or paused trajectories (not erased) whose participant this address is: their own, or one
	 * confirmed for the trajectory that is no account's own address (as {@link #accepted} counts it). Mail from
	 * the participant of exactly one of them that reached no conversation waits for that coach (decision 0106).
	 */
	public List<UUID> underwayOf(String sender) {
		String address = normal(sender);
		if (address.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select t.id from trajectory t join account a on a.id = t.participant_id
				where a.email = :a and t.status in ('RUNNING', 'PAUSED') and t.erased_at is null
				union
				select t.id from accepted_address x join trajectory t on t.id = x.trajectory_id
				where x.address = :a and x.state = 'CONFIRMED' and t.status in ('RUNNING', 'PAUSED') and t.erased_at is null
				  and not exists (select 1 from account o where o.email = :a)""")
			.param("a", address)
			.query(UUID.class)
			.list();
	}

	/**
	 * The trajectories (not erased) whose participant this address is, as {@link #underwayOf} finds them, that may take
	 * a held mail: with a coach who reads the conversation, so neither an application's nor one only proposed to a coach
	 * (decision 0106). Running or paused first, then the newest; at most {@code max}: what the administrator's choice of
	 * a trajectory for a held mail lists, instead of every trajectory of the platform (a select of twenty thousand).
	 * Counted after those that take none are left out, and in that order: cut first, of someone with many, the one
	 * that runs could be missing.
	 */
	public List<UUID> ofAddress(String address, int max) {
		String normal = normal(address);
		if (normal.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select t.id from trajectory t
				where t.erased_at is null and t.coach_id is not null and t.status not in ('INTAKE', 'MATCHING')
				  and (t.participant_id in (select a.id from account a where a.email = :a)
				       or (t.id in (select x.trajectory_id from accepted_address x where x.address = :a and x.state = 'CONFIRMED')
				           and not exists (select 1 from account o where o.email = :a)))
				order by case when t.status in ('RUNNING', 'PAUSED') then 0 else 1 end, t.created_at desc, t.id
				limit :max""")
			.param("a", normal)
			.param("max", max)
			.query(UUID.class)
			.list();
	}

	/**
	 * The trajectories that may take a held mail, as {@link #ofAddress} finds them, whose participant's name holds what
	 * was typed (any case, anywhere in it): what an administrator knows of someone, where the address and the number
	 * are what a coach or the trail knows. Names only, never anything they wrote; at most {@code max}.
	 */
	public List<UUID> ofParticipantName(String typed, int max) {
		if (TypedSearch.isBlank(typed)) {
			return List.of();
		}
		return jdbc.sql("""
				select t.id from trajectory t join account a on a.id = t.participant_id
				where t.erased_at is null and t.coach_id is not null and t.status not in ('INTAKE', 'MATCHING')
				  and %s
				order by case when t.status in ('RUNNING', 'PAUSED') then 0 else 1 end, t.created_at desc, t.id
				limit :max""".formatted(TypedSearch.contains("a.display_name", "pattern")))
			.param("pattern", TypedSearch.containing(typed))
			.param("max", max)
			.query(UUID.class)
			.list();
	}

	/**
	 * The trajectories (not erased) of the participant whose own address this is whose application is complete and
	 * that wait for a coach: none proposed yet, or one proposed who has not accepted. By their own address only: an
	 * address is confirmed for a trajectory by its coach, and these have none yet.
	 */
	List<UUID> waitingForACoach(String sender) {
		String address = normal(sender);
		if (address.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select t.id from trajectory t join account a on a.id = t.participant_id
				where a.email = :a and t.status in ('INTAKE', 'MATCHING') and t.erased_at is null""")
			.param("a", address)
			.query(UUID.class)
			.list();
	}

	/**
	 * The completed or stopped trajectory (not erased) of the participant whose own address this is, the one that
	 * ended last: a new mail of theirs when none of theirs runs any more belongs there, not with administrators who do
	 * not know them (decision 0106, session 44). By their own address only: an address confirmed for a trajectory
	 * counted for its time (decision 0091), and one that ended asks for nothing any more. Empty for an address that
	 * is no participant's, and for one with a trajectory not ended (an intake or a match under way, a new question
	 * of theirs): the after-the-end notice would tell them to ask anew, which they did; such a mail stays with the
	 * administrators as before.
	 */
	Optional<UUID> lastEndedOf(String sender) {
		String address = normal(sender);
		if (address.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select t.id from trajectory t join account a on a.id = t.participant_id
				where a.email = :a and t.status in %s and t.erased_at is null
				  and not exists (select 1 from trajectory o where o.participant_id = t.participant_id
				                  and o.status not in %s and o.erased_at is null)
				order by t.ended_on desc nulls last, t.created_at desc, t.id""".formatted(ENDED, ENDED))
			.param("a", address)
			.query(UUID.class)
			.list()
			.stream()
			.findFirst();
	}

	private Optional<Accepted> stored(UUID trajectoryId, String address) {
		return jdbc.sql("""
				select address, state, accepted_at, asked_at, expires_at, answered_at, withdrawn_at from accepted_address
				where trajectory_id = :t and address = :a""")
			.param("t", trajectoryId)
			.param("a", address)
			.query((rs, n) -> accepted(rs))
			.optional();
	}

	/** Why this address may not be accepted for this trajectory; empty when it may. */
	public Optional<Refusal> refusal(UUID trajectoryId, String address) {
		String plain = normal(address);
		if (!HeldBackNotices.nameable(plain)) {
			return Optional.of(Refusal.NOT_PLAIN);
		}
		TrajectoryOverview trajectory = conversations.trajectory(trajectoryId);
		if (accounts.byEmail(plain).filter(account -> !account.id().equals(trajectory.participantId())).isPresent()
				|| plain.equalsIgnoreCase(trajectory.coachEmail())) {
			return Optional.of(Refusal.SOMEONE_ELSES);
		}
		// Another participant's, whatever became of their trajectory; or this participant's other open one.
		boolean elsewhere = jdbc.sql("""
				select count(*) from accepted_address a join trajectory t on t.id = a.trajectory_id
				where a.address = :a and a.trajectory_id <> :t and %s
				  and (t.participant_id <> :participant or t.status not in %s)""".formatted(LIVE, ENDED))
			.param("a", plain)
			.param("t", trajectoryId)
			.param("participant", trajectory.participantId())
			.param("now", OffsetDateTime.now(clock))
			.query(Long.class)
			.single() > 0;
		return elsewhere ? Optional.of(Refusal.SOMEONE_ELSES) : Optional.empty();
	}

	/**
	 * The participant's "no" to this address for this trajectory while the coach may not ask again ({@link
	 * Accepted#askAgainFrom}): ticking the box in the quarantine then asks nothing, so it is refused (decision 0110).
	 */
	public Optional<Accepted> declinedLately(UUID trajectoryId, String address) {
		return stored(trajectoryId, normal(address))
			.filter(stored -> stored.state() == State.DECLINED && !stored.mayAskAgain());
	}

	/**
	 * Accepts the address for the trajectory, waiting for the participant: they are mailed a link at their
	 * own address to confirm or decline it. The refusal when it may not be, also when another coach claimed
	 * the address in the same moment. An address accepted already (waiting or confirmed) tells nobody twice;
	 * one declined or run out is asked again, if it was not asked within the day.
	 */
	@Transactional
	public Optional<Refusal> accept(UUID trajectoryId, String address, UUID by) {
		messages.lockForWriting(trajectoryId); // as every change of the conversation: its erasure takes turns with it
		Optional<Refusal> refused = refusal(trajectoryId, address);
		if (refused.isPresent()) {
			return refused;
		}
		String plain = normal(address);
		Optional<Accepted> stored = stored(trajectoryId, plain);
		if (stored.isPresent()) {
			if (stored.get().state() == State.PENDING || stored.get().state() == State.CONFIRMED) {
				return Optional.empty(); // asked or confirmed already: nobody is told twice
			}
			return askAgainLocked(trajectoryId, plain) instanceof AskedAgain.Refused again ? Optional.of(again.refusal())
					: Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		String token = LinkTokens.create();
		letGoOfStaleClaims(plain, now);
		try {
			savepoint.executeWithoutResult(status -> jdbc.sql("""
					insert into accepted_address (trajectory_id, address, accepted_by, accepted_at, state, token_hash, asked_at,
					    expires_at, live_address)
					values (:t, :a, :by, :now, 'PENDING', :hash, :now, :expires, :a)""")
				.param("t", trajectoryId)
				.param("a", plain)
				.param("by", by)
				.param("now", now)
				.param("hash", LinkTokens.hash(token))
				.param("expires", now.plus(validity))
				.update());
		}
		catch (DuplicateKeyException | QueryTimeoutException | PessimisticLockingFailureException sameMoment) {
			return claimedElsewhere(trajectoryId);
		}
		notices.confirmAddress(conversations.trajectory(trajectoryId), plain, now, token, now.plus(validity), validityInDays());
		return Optional.empty();
	}

	/**
	 * The coach asks the participant again (declined, run out, or the mail lost): a new link to their own
	 * address, the earlier one stops working. Once a day at most.
	 */
	@Transactional
	public AskedAgain askAgain(UUID trajectoryId, String address) {
		messages.lockForWriting(trajectoryId);
		return askAgainLocked(trajectoryId, normal(address));
	}

	private AskedAgain askAgainLocked(UUID trajectoryId, String plain) {
		Optional<Accepted> stored = stored(trajectoryId, plain);
		if (stored.isEmpty()) {
			return new AskedAgain.Unknown();
		}
		if (stored.get().state() == State.CONFIRMED) {
			return new AskedAgain.Confirmed();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		OffsetDateTime from = stored.get().askAgainFrom();
		if (from.isAfter(now)) {
			return new AskedAgain.TooSoon(from);
		}
		Optional<Refusal> refused = refusal(trajectoryId, plain);
		if (refused.isPresent()) {
			return new AskedAgain.Refused(refused.get());
		}
		String token = LinkTokens.create();
		letGoOfStaleClaims(plain, now);
		try {
			savepoint.executeWithoutResult(status -> jdbc.sql("""
					update accepted_address set state = 'PENDING', token_hash = :hash, asked_at = :now, expires_at = :expires,
					    answered_at = null, withdrawn_at = null, live_address = address
					where trajectory_id = :t and address = :a""")
				.param("t", trajectoryId)
				.param("a", plain)
				.param("now", now)
				.param("hash", LinkTokens.hash(token))
				.param("expires", now.plus(validity))
				.update());
		}
		catch (DuplicateKeyException | QueryTimeoutException | PessimisticLockingFailureException sameMoment) {
			return new AskedAgain.Refused(claimedElsewhere(trajectoryId).orElseThrow());
		}
		notices.confirmAddress(conversations.trajectory(trajectoryId), plain, now, token, now.plus(validity), validityInDays());
		return new AskedAgain.Sent(now.plus(validity));
	}

	/**
	 * Another request claimed the address for another trajectory while this one looked: V90's index waited for
	 * it to commit and refused this claim (or, on H2, gave up waiting after its lock timeout while the other was
	 * still writing). Refused as any address that is someone else's is, naming no one.
	 */
	private static Optional<Refusal> claimedElsewhere(UUID trajectoryId) {
		log.info("An address was accepted for another trajectory at the same time as for trajectory {}; not accepted here", trajectoryId);
		return Optional.of(Refusal.SOMEONE_ELSES);
	}

	/**
	 * Claims that no longer stand let go of the address, so that the index does not refuse a claim the rules
	 * allow: a question that ran out or was declined, and an address of a trajectory that ended (it keeps
	 * counting there, for a letter after the end, but claims nothing).
	 */
	private void letGoOfStaleClaims(String address, OffsetDateTime now) {
		jdbc.sql("""
				update accepted_address set live_address = null
				where live_address = :a and ((state = 'PENDING' and expires_at <= :now) or state = 'DECLINED'
				    or trajectory_id in (select id from trajectory where status in %s))""".formatted(ENDED))
			.param("a", address)
			.param("now", now)
			.update();
	}

	/**
	 * The address a link asks about, while the link is the address's newest: also once answered, or run out,
	 * so that the page can say so. Empty for a link that is not (or no longer) one: asked again with a new
	 * link, withdrawn, or erased with the trajectory.
	 */
	public Optional<Asked> byToken(String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select trajectory_id, address, state, accepted_at, asked_at, expires_at, answered_at, withdrawn_at from accepted_address
				where token_hash = :hash""")
			.param("hash", LinkTokens.hash(token))
			.query((rs, n) -> new AskedRow(rs.getObject("trajectory_id", UUID.class), accepted(rs)))
			.optional()
			.flatMap(row -> trajectories.withContent(row.trajectoryId()).map(t -> new Asked(t, row.accepted())));
	}

	private record AskedRow(UUID trajectoryId, Accepted accepted) {
	}

	/**
	 * The participant's answer by the link: only the link counts, whoever is signed in. Once: the first answer
	 * stands, and a link that ran out, was replaced or withdrawn answers nothing.
	 */
	@Transactional
	public Answer answerByToken(String token, boolean confirm) {
		Optional<Asked> asked = byToken(token);
		if (asked.isEmpty()) {
			return Answer.NOT_OPEN;
		}
		messages.lockForWriting(asked.get().trajectory().id());
		return answer("token_hash = :hash", java.util.Map.of("hash", LinkTokens.hash(token)), confirm);
	}

	/** The participant's answer on their conversation page, signed in: the caller checked the trajectory is theirs. */
	@Transactional
	public Answer answer(UUID trajectoryId, String address, boolean confirm) {
		messages.lockForWriting(trajectoryId);
		return answer("trajectory_id = :t and address = :a", java.util.Map.of("t", trajectoryId, "a", normal(address)), confirm);
	}

	/**
	 * Claimed in one statement, only while waiting and not run out: two answers at once (a double click, the
	 * link and the page) give one between them. Confirming keeps the claim the question made; declining lets
	 * go of it. Not once the trajectory ended, nor when the question no longer holds the address (another
	 * trajectory's claim took it after this one let go): a late answer would join mail to a conversation that is
	 * over, or to one that is no longer the address's.
	 */
	private Answer answer(String which, java.util.Map<String, Object> row, boolean confirm) {
		int answered = jdbc.sql("""
				update accepted_address set state = :state, answered_at = :now,
				    live_address = case when :confirm then live_address else null end
				where %s and state = 'PENDING' and expires_at > :now and live_address = address
				    and trajectory_id not in (select id from trajectory where status in %s)""".formatted(which, ENDED))
			.param("state", confirm ? "CONFIRMED" : "DECLINED")
			.param("now", OffsetDateTime.now(clock))
			.param("confirm", confirm)
			.params(row)
			.update();
		if (answered != 1) {
			return Answer.NOT_OPEN;
		}
		return confirm ? Answer.CONFIRMED : Answer.DECLINED;
	}

	/** The addresses of this trajectory that count as the participant's: confirmed ones. */
	public List<Accepted> counting(UUID trajectoryId) {
		return of(trajectoryId).stream().filter(accepted -> accepted.state() == State.CONFIRMED).toList();
	}

	/**
	 * The participant stops a confirmed address counting, on their conversation page (decision 0102); the caller
	 * checked the trajectory is theirs. Kept as withdrawn, with when, for the coach's page; it claims the address no
	 * more, and its link stops working. Not once the trajectory ended, as their answers are not: in one statement
	 * with that check, on the trajectory's lock, so an ending in the same moment comes before or after, not between.
	 */
	@Transactional
	public Withdrawal withdrawByParticipant(UUID trajectoryId, String address) {
		messages.lockForWriting(trajectoryId);
		int withdrawn = jdbc.sql("""
				update accepted_address set state = 'WITHDRAWN', withdrawn_at = :now, live_address = null, token_hash = null
				where trajectory_id = :t and address = :a and state = 'CONFIRMED'
				    and trajectory_id not in (select id from trajectory where status in %s)""".formatted(ENDED))
			.param("t", trajectoryId)
			.param("a", normal(address))
			.param("now", OffsetDateTime.now(clock))
			.update();
		if (withdrawn == 1) {
			return Withdrawal.WITHDRAWN;
		}
		if (withdrawnBefore(trajectoryId, address)) {
			return Withdrawal.ALREADY_WITHDRAWN;
		}
		boolean ended = jdbc.sql("select count(*) from trajectory where id = :t and status in %s".formatted(ENDED))
			.param("t", trajectoryId)
			.query(Long.class)
			.single() > 0;
		return ended ? Withdrawal.ENDED : Withdrawal.NOT_COUNTING;
	}

	/** Whether the participant withdrew this address for this trajectory (and the coach neither removed it nor asked again since). */
	public boolean withdrawnBefore(UUID trajectoryId, String address) {
		return stored(trajectoryId, normal(address)).filter(stored -> stored.state() == State.WITHDRAWN).isPresent();
	}

	/** Withdraws an accepted address, in any state, with its link: mail from it is held back. False when it was not accepted. */
	@Transactional
	public boolean withdraw(UUID trajectoryId, String address) {
		return jdbc.sql("delete from accepted_address where trajectory_id = :t and address = :a")
			.param("t", trajectoryId)
			.param("a", normal(address))
			.update() > 0;
	}

	/**
	 * Deletes the addresses the participant declined before this moment, and those they were asked about and never
	 * answered whose link ran out before it, with their links (decision 0105): an address not confirmed is not known
	 * to be theirs and may be someone else's, which the trajectory does not need. It is kept a while for the coach,
	 * whose page says it was declined or not confirmed in time and may ask again once a day (a wrong click, a mail
	 * overlooked), as long as the mail held back from it is kept; then it goes, and the link says it no longer works.
	 */
	@Transactional
	public int forgetDeclinedAndRunOutBefore(OffsetDateTime cutoff) {
		return jdbc.sql("""
				delete from accepted_address
				where (state = 'DECLINED' and answered_at < :cutoff) or (state = 'PENDING' and expires_at < :cutoff)""")
			.param("cutoff", cutoff)
			.update();
	}

	/**
	 * The addresses the participant confirmed for these trajectories of theirs (decision 0091), also one they
	 * stopped counting since (decision 0102), that are theirs still: not one that has become an account's own
	 * address, nor one claimed since for another participant's trajectory (waiting for their answer or confirmed
	 * by them), which a withdrawn or an ended trajectory's address may be. For an erasure, which takes the mail of
	 * the person's addresses and must not take another person's.
	 */
	public List<String> confirmedAndTheirsStill(UUID participantId, java.util.Collection<UUID> trajectoryIds) {
		if (trajectoryIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select distinct a.address from accepted_address a
				where a.trajectory_id in (:trajectories) and a.state in ('CONFIRMED', 'WITHDRAWN')
				  and not exists (select 1 from accepted_address o join trajectory t on t.id = o.trajectory_id
				                  where o.address = a.address and t.participant_id <> :participant
				                    and (o.state = 'CONFIRMED' or (o.state = 'PENDING' and o.expires_at > :now)))
				order by a.address""")
			.param("trajectories", trajectoryIds)
			.param("participant", participantId)
			.param("now", OffsetDateTime.now(clock))
			.query(String.class)
			.list()
			.stream()
			.filter(address -> accounts.byEmail(address).filter(account -> !account.id().equals(participantId)).isEmpty())
			.toList();
	}

	static String normal(String address) {
		return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
	}
}

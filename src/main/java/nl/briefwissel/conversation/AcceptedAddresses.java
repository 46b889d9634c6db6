package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.account.Accounts;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Other addresses of a participant's that their coach accepted for the trajectory, when adding a mail
 * held back from one to the conversation (decision 0089): mail from such an address afterwards joins
 * the conversation as mail from the participant's own address does. Of the trajectory, not the person:
 * the next trajectory's coach decides again, and the trajectory's erasure takes them. Only a plain
 * address, compared in lower case; never one that is an account's own address (another participant's
 * or anyone of the staff's), which would let mail in another person's name into the conversation: not
 * when accepting, and not afterwards either, when an accepted address became someone's account's since.
 */
@Service
public class AcceptedAddresses {

	/** One accepted address, with when. */
	public record Accepted(String address, OffsetDateTime acceptedAt) {
	}

	/** Why an address cannot be accepted for this trajectory. */
	public enum Refusal {

		/** Not a plain address (a display name, quotes, a link): nothing to compare safely. */
		NOT_PLAIN,

		/**
		 * Someone else's: an account's address (another participant's or anyone of the staff's) or one
		 * accepted already for another participant (one address speaks for one person). One refusal for
		 * both, told alike: which of them would tell the coach whether an address has an account here.
		 */
		SOMEONE_ELSES
	}

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Clock clock;

	private final HeldBackNotices notices;

	private final Conversations conversations;

	private final Messages messages;

	AcceptedAddresses(JdbcClient jdbc, Accounts accounts, Clock clock, HeldBackNotices notices,
			Conversations conversations, Messages messages) {
		this.messages = messages;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
		this.notices = notices;
		this.conversations = conversations;
	}

	/** The addresses accepted for this trajectory, in the order they were. */
	public List<Accepted> of(UUID trajectoryId) {
		return jdbc.sql("select address, accepted_at from accepted_address where trajectory_id = :t order by accepted_at, address")
			.param("t", trajectoryId)
			.query((rs, n) -> new Accepted(rs.getString("address"), rs.getObject("accepted_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * Whether mail from this sender counts as the trajectory's participant's. An accepted address that has
	 * become an account's own address since no longer does: it is that person's now (the participant's
	 * own address is compared before this, so the account is looked up only for a stored one).
	 */
	boolean accepted(UUID trajectoryId, String sender) {
		String address = normal(sender);
		return stored(trajectoryId, address) && accounts.byEmail(address).isEmpty();
	}

	private boolean stored(UUID trajectoryId, String address) {
		return !address.isEmpty() && jdbc.sql("select count(*) from accepted_address where trajectory_id = :t and address = :a")
			.param("t", trajectoryId)
			.param("a", address)
			.query(Long.class)
			.single() > 0;
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
		boolean elsewhere = jdbc.sql("""
				select count(*) from accepted_address a join trajectory t on t.id = a.trajectory_id
				where a.address = :a and t.participant_id <> :participant""")
			.param("a", plain)
			.param("participant", trajectory.participantId())
			.query(Long.class)
			.single() > 0;
		return elsewhere ? Optional.of(Refusal.SOMEONE_ELSES) : Optional.empty();
	}

	/**
	 * Accepts the address for the trajectory and tells the participant at their own address, with how to
	 * undo it; the refusal when it may not be. Accepting one that is accepted already tells nobody twice.
	 */
	@Transactional
	public Optional<Refusal> accept(UUID trajectoryId, String address, UUID by) {
		messages.lockForWriting(trajectoryId); // as every change of the conversation: its erasure takes turns with it
		Optional<Refusal> refused = refusal(trajectoryId, address);
		if (refused.isPresent()) {
			return refused;
		}
		String plain = normal(address);
		if (stored(trajectoryId, plain)) {
			return Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		jdbc.sql("insert into accepted_address (trajectory_id, address, accepted_by, accepted_at) values (:t, :a, :by, :now)")
			.param("t", trajectoryId)
			.param("a", plain)
			.param("by", by)
			.param("now", now)
			.update();
		notices.addressAccepted(conversations.trajectory(trajectoryId), plain, now);
		return Optional.empty();
	}

	/** Withdraws an accepted address: mail from it is held back again. False when it was not accepted. */
	@Transactional
	public boolean withdraw(UUID trajectoryId, String address) {
		return jdbc.sql("delete from accepted_address where trajectory_id = :t and address = :a")
			.param("t", trajectoryId)
			.param("a", normal(address))
			.update() > 0;
	}

	static String normal(String address) {
		return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
	}
}

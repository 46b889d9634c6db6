package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.InboundResult;
import nl.briefwissel.mail.ReadMail;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mail that could not safely join a conversation, with the reason. Coaches see the entries of
 * their own trajectories, administrators all of them and the mail the pipeline gave up on.
 * Resolving means attaching the mail to a trajectory or discarding it; nothing leaves silently.
 */
@Service
public class Quarantine {

	/**
	 * One quarantined mail as a list shows it: {@code why} for the pages, in the reader's language;
	 * {@code reason} the English sentence stored with it, for administrators.
	 */
	public record Entry(UUID inboundMailId, String reason, QuarantineReason why, UUID trajectoryId,
			String participantName, OffsetDateTime quarantinedAt, String from, String subject) {
	}

	private final JdbcClient jdbc;

	private final InboundMails inbound;

	private final Messages messages;

	private final Conversations conversations;

	private final Clock clock;

	private final GivenAssignments given;

	Quarantine(JdbcClient jdbc, InboundMails inbound, Messages messages, Conversations conversations, Clock clock,
			GivenAssignments given) {
		this.given = given;
		this.jdbc = jdbc;
		this.inbound = inbound;
		this.messages = messages;
		this.conversations = conversations;
		this.clock = clock;
	}

	InboundResult put(UUID inboundMailId, QuarantineReason reason, UUID trajectoryId) {
		jdbc.sql("""
				insert into quarantined_mail (inbound_mail_id, reason, reason_code, reason_argument, trajectory_id, quarantined_at)
				values (:id, :reason, :code, :argument, :trajectory, :now)""")
			.param("id", inboundMailId)
			.param("reason", shorten(reason.english()))
			.param("code", reason.code())
			.param("argument", reason.argument() == null ? null : shorten(reason.argument()))
			.param("trajectory", trajectoryId)
			.param("now", OffsetDateTime.now(clock))
			.update();
		// The log and the inbound table get the reason without the sender's address.
		return new InboundResult.Quarantined(shorten(reason.forLog()));
	}

	private static String shorten(String text) {
		return text.length() > 1000 ? text.substring(0, 1000) : text;
	}

	/** Open entries of the trajectories this coach coaches. */
	public List<Entry> ofCoach(UUID coachId) {
		return entries("and t.coach_id = :coach", coachId);
	}

	/** Every open entry. */
	public List<Entry> all() {
		return entries("", null);
	}

	public Optional<Entry> entry(UUID inboundMailId) {
		return entries("and q.inbound_mail_id = :key", inboundMailId).stream().findFirst();
	}

	public Optional<ReadMail> mail(UUID inboundMailId) {
		return inbound.read(inboundMailId);
	}

	/**
	 * Adds the mail to the trajectory as the participant's message, and closes the entry; empty when
	 * someone closed it first (a double click: the entry is claimed before the letter is written, so
	 * the second click waits for the first and then writes nothing). Added, it answers the open
	 * assignments as a mail from the participant's own address does.
	 */
	@Transactional
	public Optional<UUID> attach(UUID inboundMailId, UUID trajectoryId, UUID resolvedBy) {
		if (!resolve(inboundMailId, "ATTACHED", resolvedBy)) {
			return Optional.empty();
		}
		TrajectoryOverview trajectory = conversations.trajectory(trajectoryId);
		ReadMail mail = inbound.read(inboundMailId).orElseThrow();
		UUID id = messages.add(trajectory.id(), trajectory.participantId(), Author.PARTICIPANT, MessageKind.MESSAGE,
				mail.text(), Channel.MAIL, inboundMailId, mail.messageId(), mail.attachments());
		given.answerByMail(trajectory.id(), id);
		return Optional.of(id);
	}

	/** Closes the entry without a letter; false when someone closed it first. */
	@Transactional
	public boolean discard(UUID inboundMailId, UUID resolvedBy) {
		return resolve(inboundMailId, "DISCARDED", resolvedBy);
	}

	/** A closed entry: which trajectory it was held for (null: none), to say it was dealt with already. */
	public record Handled(UUID trajectoryId) {
	}

	public Optional<Handled> handled(UUID inboundMailId) {
		return jdbc.sql("select trajectory_id from quarantined_mail where inbound_mail_id = :id and resolved_at is not null")
			.param("id", inboundMailId)
			.query((rs, n) -> new Handled(rs.getObject("trajectory_id", UUID.class)))
			.optional();
	}

	/**
	 * Discards the mail that belongs to no conversation and that nobody claimed since before this
	 * moment: the register keeps such mail a set time, and an entry left open would keep it forever.
	 * Mail held for a conversation waits for its coach, as long as the conversation is kept.
	 */
	@Transactional
	public int discardUnclaimedBefore(OffsetDateTime cutoff) {
		return jdbc.sql("""
				update quarantined_mail set resolved_at = :now, resolution = 'DISCARDED'
				where resolved_at is null and trajectory_id is null and quarantined_at < :cutoff""")
			.param("now", OffsetDateTime.now(clock))
			.param("cutoff", cutoff)
			.update();
	}

	private boolean resolve(UUID inboundMailId, String resolution, UUID resolvedBy) {
		return jdbc.sql("""
				update quarantined_mail set resolved_at = :now, resolution = :resolution, resolved_by = :by
				where inbound_mail_id = :id and resolved_at is null""")
			.param("now", OffsetDateTime.now(clock))
			.param("resolution", resolution)
			.param("by", resolvedBy)
			.param("id", inboundMailId)
			.update() == 1;
	}

	private List<Entry> entries(String condition, Object key) {
		var statement = jdbc.sql("""
				select q.inbound_mail_id, q.reason, q.reason_code, q.reason_argument, q.trajectory_id,
				       pa.display_name as participant_name, q.quarantined_at
				from quarantined_mail q
				left join trajectory t on t.id = q.trajectory_id
				left join account pa on pa.id = t.participant_id
				where q.resolved_at is null %s
				order by q.quarantined_at desc""".formatted(condition));
		if (key != null) {
			statement = statement.param(condition.contains(":coach") ? "coach" : "key", key);
		}
		return statement.query((rs, n) -> {
			UUID id = rs.getObject("inbound_mail_id", UUID.class);
			Optional<ReadMail> mail = inbound.read(id);
			String reason = rs.getString("reason");
			QuarantineReason why = QuarantineReason.of(rs.getString("reason_code"), rs.getString("reason_argument"), reason);
			return new Entry(id, reason, why, rs.getObject("trajectory_id", UUID.class), rs.getString("participant_name"),
					rs.getObject("quarantined_at", OffsetDateTime.class), mail.map(ReadMail::from).orElse(null),
					mail.map(ReadMail::subject).orElse(""));
		}).list();
	}
}

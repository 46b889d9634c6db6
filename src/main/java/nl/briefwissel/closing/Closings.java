package nl.briefwissel.closing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.encryption.OpenedText;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closing summaries: one per trajectory, rewritten until the trajectory ends, a draft of its coach's
 * until they send it (decision 0086). The summary and the
 * reaction are sealed at rest each under its own key id (decision 0009): they are written at
 * different moments, by different people.
 */
@Repository
public class Closings {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Encryption encryption;

	Closings(JdbcClient jdbc, Clock clock, Encryption encryption) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.encryption = encryption;
	}

	/**
	 * The closing of a trajectory as its participant was sent it, if it was: what their page, their
	 * record and their reaction go by. A draft the coach has not sent is not there (decision 0086). It
	 * is always one part of a page or a record that holds more (the coach's trajectory page, the
	 * participant's, the record): a summary or reaction that does not open (its key removed, its record
	 * changed) is said in the log once and comes back not readable, for a marked line in its place, not
	 * an error that took the whole page with it (decision 0057).
	 */
	public Optional<Closing> of(UUID trajectoryId) {
		return asWritten(trajectoryId).filter(Closing::sent);
	}

	/** The closing as its coach sees it: a draft not sent too, which says so ({@link Closing#sent}). */
	public Optional<Closing> asWritten(UUID trajectoryId) {
		return jdbc.sql("""
				select c.summary, c.summary_key_id, c.written_at, c.reaction, c.reaction_key_id, c.reacted_at, c.sent_at,
				       c.reaction_message_id, c.reply_not_reaction_id,
				       c.summary_revision, c.reaction_revision, c.summary_changed_at, (select a.display_name from account a where a.id = c.written_by) as written_by_name
				from closing c where c.trajectory_id = :id""")
			.param("id", trajectoryId)
			.query((rs, n) -> {
				OpenedText summary = encryption.openListed("closing summary of trajectory " + trajectoryId,
						rs.getString("summary_key_id"), rs.getString("summary"));
				OpenedText reaction = encryption.openListed("closing reaction of trajectory " + trajectoryId,
						rs.getString("reaction_key_id"), rs.getString("reaction"));
				return new Closing(summary.text(), rs.getObject("written_at", OffsetDateTime.class), reaction.text(),
						rs.getObject("reacted_at", OffsetDateTime.class), rs.getString("written_by_name"), summary.readable(),
						reaction.readable(), rs.getObject("sent_at", OffsetDateTime.class),
						rs.getObject("reaction_message_id", UUID.class), rs.getObject("reply_not_reaction_id", UUID.class),
						rs.getObject("summary_revision", UUID.class), rs.getObject("reaction_revision", UUID.class),
						rs.getObject("summary_changed_at", OffsetDateTime.class));
			})
			.optional();
	}

	/**
	 * Writes or rewrites the summary as {@code coachId}, sending it when {@code send}; true when this
	 * sends it for the first time (the participant is mailed then, not for a change after). A summary
	 * once sent stays sent: a rewrite of it is read by the participant at once. The writer is kept with
	 * it: after a handover the trajectory's coach is no longer the one who wrote it. The caller holds
	 * the trajectory's lock, so whether it was sent before is still so when it is written.
	 */
	@Transactional
	boolean write(UUID trajectoryId, UUID coachId, String summary, boolean send) {
		boolean sentBefore = sent(trajectoryId);
		String sealed = encryption.sealText(summary.strip());
		OffsetDateTime now = OffsetDateTime.now(clock);
		UUID revision = UUID.randomUUID();
		int inserted = jdbc.sql("""
				insert into closing (trajectory_id, summary, summary_key_id, written_at, written_by, sent_at, summary_revision)
				values (:id, :summary, :keyId, :now, :by, :sentAt, :revision)
				on conflict do nothing""")
			.param("revision", revision)
			.param("id", trajectoryId)
			.param("summary", sealed)
			.param("keyId", encryption.keyId())
			.param("now", now)
			.param("by", coachId)
			.param("sentAt", send ? now : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
		if (inserted == 0) {
			jdbc.sql("""
					update closing set summary = :summary, summary_key_id = :keyId, written_at = :now, written_by = :by,
					       sent_at = coalesce(sent_at, :sentAt), summary_revision = :revision,
					       summary_changed_at = case when sent_at is null then summary_changed_at else :now end
					where trajectory_id = :id""")
				.param("revision", revision)
				.param("summary", sealed)
				.param("keyId", encryption.keyId())
				.param("now", now)
				.param("by", coachId)
				.param("sentAt", send ? now : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
				.param("id", trajectoryId)
				.update();
		}
		return send && !sentBefore;
	}

	/**
	 * When the trajectory's summary was first sent to its participant, if it was: a letter of theirs after it
	 * is mostly a reaction to it, not an assignment's answer (decision 0126). Read without opening the summary.
	 */
	public Optional<OffsetDateTime> sentAt(UUID trajectoryId) {
		return jdbc.sql("select sent_at from closing where trajectory_id = :id and sent_at is not null")
			.param("id", trajectoryId)
			.query(OffsetDateTime.class)
			.optional();
	}

	/** Whether the trajectory's summary was sent to its participant. */
	boolean sent(UUID trajectoryId) {
		return jdbc.sql("select count(*) from closing where trajectory_id = :id and sent_at is not null")
			.param("id", trajectoryId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Whether the form based on {@code base} (a revision, empty for none; null for a form that carries none, which
	 * is not checked) was shown with the summary as it is now: false when another tab saved it since (decision 0146).
	 */
	boolean summaryStill(UUID trajectoryId, String base) {
		return base == null || base.equals(jdbc.sql("select summary_revision from closing where trajectory_id = :id")
			.param("id", trajectoryId)
			.query(UUID.class)
			.optional()
			.map(UUID::toString)
			.orElse(""));
	}

	/**
	 * Keeps the Message-ID the summary's mail went out with: a reply to that mail is the reaction (decision 0136); that
	 * of the newest mail about a change apart ({@code change}), so a reply to either is (decision 0146).
	 */
	@Transactional
	void mailedAs(UUID trajectoryId, String mailMessageId, boolean change) {
		jdbc.sql("update closing set %s = :mailId where trajectory_id = :id".formatted(change ? "changed_mail_message_id" : "mail_message_id"))
			.param("mailId", mailMessageId)
			.param("id", trajectoryId)
			.update();
	}

	/**
	 * A reply to the mail that says what the participant reads now: the first one only until a change was mailed. A reply
	 * to it after that answered words no longer there, and would make the changed ones stand: it stays a letter, as any
	 * reply after a reaction does (decision 0146, amended).
	 */
	private static final String REPLY_TO_THE_NEWEST =
			"(:inReplyTo = changed_mail_message_id or (:inReplyTo = mail_message_id and changed_mail_message_id is null))";

	/**
	 * Keeps a letter that replied to the summary's mail as the reaction, when the summary was sent in the mail
	 * {@code inReplyTo} names and no reaction was given yet; true when it did. In one statement: a reaction
	 * given on the web at the same moment is not written over.
	 */
	@Transactional
	boolean reactByMail(UUID trajectoryId, String inReplyTo, UUID letterId, String reaction) {
		return jdbc.sql("""
				update closing set reaction = :reaction, reaction_key_id = :keyId, reacted_at = :now, reaction_message_id = :letter,
				       reply_not_reaction_id = null, reaction_revision = :revision
				where trajectory_id = :id and sent_at is not null and %s and reaction is null""".formatted(REPLY_TO_THE_NEWEST))
			.param("reaction", encryption.sealText(reaction.strip()))
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("letter", letterId)
			.param("revision", UUID.randomUUID())
			.param("id", trajectoryId)
			.param("inReplyTo", inReplyTo)
			.update() > 0;
	}

	/**
	 * Keeps a letter that replied to the summary's mail but cannot be the reaction (no words, more than a reaction
	 * holds), when no reaction was given yet: the participant's closing says it is none (decision 0136, amended). The
	 * same conditions as {@link #reactByMail}, in one statement: no row is read for update first.
	 */
	@Transactional
	void repliedWithALetterOnly(UUID trajectoryId, String inReplyTo, UUID letterId) {
		jdbc.sql("""
				update closing set reply_not_reaction_id = :letter
				where trajectory_id = :id and sent_at is not null and %s and reaction is null""".formatted(REPLY_TO_THE_NEWEST))
			.param("letter", letterId)
			.param("id", trajectoryId)
			.param("inReplyTo", inReplyTo)
			.update();
	}

	/**
	 * The participant's letter that is their reaction to the summary, when they reacted by replying to its mail:
	 * it stays in the conversation, but answers the summary, and waits for no answer of the coach (decision 0136).
	 */
	public Optional<UUID> reactionLetter(UUID trajectoryId) {
		return jdbc.sql("select reaction_message_id from closing where trajectory_id = :id and reaction_message_id is not null")
			.param("id", trajectoryId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * The participant's reaction given, changed or emptied on the web. Their letter that was the reaction by mail is
	 * no longer: its words are not the reaction now, so it is a letter as any other, which waits for the coach's answer
	 * (decision 0136). A reply that stayed a letter is not said any more either once they reacted where it said to;
	 * saved empty, there is still no reaction, and it is still said. False, nothing written, when the form was based on
	 * {@code base} and the reaction was saved since (another tab, a reply by mail): in the update itself, so two saves at
	 * once cannot both pass a check made before (decision 0146). A null {@code base} (a form that carries none) is not
	 * checked; an empty one is a form shown with no reaction saved since V114. False too when the form showed the
	 * summary's revision {@code summaryBase} and a change was sent since: the reaction answered words no longer there
	 * (decision 0146, amended). A null {@code summaryBase} (a page from before) is not checked either.
	 */
	@Transactional
	boolean react(UUID trajectoryId, String reaction, String base, String summaryBase) {
		String kept = reaction == null || reaction.isBlank() ? null : reaction.strip();
		return jdbc.sql("""
				update closing set reaction = :reaction, reaction_key_id = :keyId, reacted_at = :now, reaction_message_id = null,
				       reaction_revision = :revision%s
				where trajectory_id = :id%s%s""".formatted(kept == null ? "" : ", reply_not_reaction_id = null",
						base == null ? "" : " and coalesce(cast(reaction_revision as varchar(36)), '') = :base",
						summaryBase == null ? "" : " and coalesce(cast(summary_revision as varchar(36)), '') = :summaryBase"))
			.param("reaction", encryption.sealText(kept))
			.param("keyId", encryption.keyId())
			.param("now", OffsetDateTime.now(clock))
			.param("revision", UUID.randomUUID())
			.param("id", trajectoryId)
			.param("base", base == null ? "" : base)
			.param("summaryBase", summaryBase == null ? "" : summaryBase)
			.update() > 0;
	}
}

package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.InboundResult;
import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.mail.ReadMail;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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

	private final MailErasure erasure;

	private final Trajectories trajectories;

	private final AcceptedAddresses accepted;

	private final ReplyTokens tokens;

	private final LetterArrivals arrivals;

	Quarantine(JdbcClient jdbc, InboundMails inbound, Messages messages, Conversations conversations, Clock clock,
			GivenAssignments given, MailErasure erasure, Trajectories trajectories, AcceptedAddresses accepted,
			ReplyTokens tokens, LetterArrivals arrivals) {
		this.arrivals = arrivals;
		this.tokens = tokens;
		this.accepted = accepted;
		this.trajectories = trajectories;
		this.given = given;
		this.erasure = erasure;
		this.jdbc = jdbc;
		this.inbound = inbound;
		this.messages = messages;
		this.conversations = conversations;
		this.clock = clock;
	}

	InboundResult put(UUID inboundMailId, QuarantineReason reason, UUID trajectoryId) {
		if (trajectoryId != null) {
			// Held for a trajectory, the entry goes with its erasure: not one made after it (tried again,
			// the mail then finds no conversation and waits outside any).
			messages.lockForWriting(trajectoryId);
		}
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

	/**
	 * Whose the coach's list is, as {@link nl.briefwissel.trajectory.TrajectoryOverview#coachedBy} says for the
	 * mail's own page: a trajectory only proposed to the coach is not theirs yet, nor what was held for it.
	 */
	private static final String OF_COACH = "and t.coach_id = :coach and t.status <> 'MATCHING'";

	/** Open entries of the trajectories this coach coaches. */
	public List<Entry> ofCoach(UUID coachId) {
		return entries(OF_COACH, coachId, true);
	}

	/**
	 * As {@link #ofCoach}, one page of them: {@code max} from the {@code skip}-th newest on, as {@link #newest} pages
	 * the administrator's list (a mail server that sent a coach's participant thousands made a page of thousands).
	 */
	public List<Entry> ofCoach(UUID coachId, int skip, int max) {
		return entries(OF_COACH, coachId, true, max, skip);
	}

	/**
	 * Open entries held for this trajectory: mail meant for its conversation that did not go in (too big
	 * to keep, from another address), for its page to say so (decision 0075). The page says when and why
	 * only, so the mails are not opened: every view of the conversation asks, and a held mail may be 30 MB;
	 * {@link Entry#from()} and {@link Entry#subject()} are empty.
	 */
	public List<Entry> heldFor(UUID trajectoryId) {
		return entries("and q.trajectory_id = :key", trajectoryId, false);
	}

	/** How many entries wait for this coach, as {@link #ofCoach} lists them, without reading their mail. */
	public int countOfCoach(UUID coachId) {
		return jdbc.sql("""
				select count(*) from quarantined_mail q join trajectory t on t.id = q.trajectory_id
				where q.resolved_at is null %s""".formatted(OF_COACH))
			.param("coach", coachId)
			.query(Integer.class)
			.single();
	}

	/** Every open entry. */
	public List<Entry> all() {
		return entries("", null, true);
	}

	/**
	 * As {@link #all}, one page of them: {@code max} from the {@code skip}-th newest on, for a list that shows a
	 * bounded number and pages to the rest (the oldest are the ones the retention job discards first).
	 */
	public List<Entry> newest(int skip, int max) {
		return entries("", null, true, max, skip);
	}

	/** How many entries are open: the pages of {@link #newest}. */
	public long openCount() {
		return jdbc.sql("select count(*) from quarantined_mail where resolved_at is null").query(Long.class).single();
	}

	public Optional<Entry> entry(UUID inboundMailId) {
		return entries("and q.inbound_mail_id = :key", inboundMailId, true).stream().findFirst();
	}

	/**
	 * The address a mail held back for coming from another address came from, when the coach may accept it
	 * for the trajectory (decision 0089): a plain address, not a former coach's or a mail server's reason.
	 */
	public Optional<String> otherAddress(Entry entry) {
		return entry.trajectoryId() != null && entry.why() instanceof QuarantineReason.UnknownSender unknown
				&& HeldBackNotices.nameable(unknown.sender()) ? Optional.of(unknown.sender()) : Optional.empty();
	}

	public Optional<ReadMail> mail(UUID inboundMailId) {
		return inbound.read(inboundMailId);
	}

	/**
	 * Adds the mail to the trajectory as the participant's message, and closes the entry; empty when
	 * someone closed it first (a double click: the entry is claimed before the letter is written, so
	 * the second click waits for the first and then writes nothing). Added, it answers the open
	 * assignments as a mail from the participant's own address does, but only those given before it
	 * came into the quarantine: the participant wrote it before whatever the coach gave in the days it
	 * waited. It is dated when it is added, as the newest letter: the coach sees it waiting for an
	 * answer (back-dated under the coach's later letters, it never showed as waiting).
	 */
	@Transactional
	public Optional<UUID> attach(UUID inboundMailId, UUID trajectoryId, UUID resolvedBy) {
		// The trajectory before the entry, in the order its erasure takes them: never each waiting for the other.
		messages.lockForWriting(trajectoryId);
		Optional<OffsetDateTime> written = resolve(inboundMailId, "ATTACHED", resolvedBy);
		if (written.isEmpty()) {
			return Optional.empty();
		}
		TrajectoryOverview trajectory = conversations.trajectory(trajectoryId);
		ReadMail mail = inbound.read(inboundMailId).orElseThrow();
		String letter = messages.withInlineAnswers(trajectory.id(), mail);
		UUID id = messages.add(trajectory.id(), trajectory.participantId(), Author.PARTICIPANT, MessageKind.MESSAGE,
				letter, Channel.MAIL, inboundMailId, mail.messageId(), mail.attachments());
		given.answerByMail(trajectory.id(), id, written.get(), arrivals.byMail(trajectory.id(), mail, written.get()));
		arrivals.reactionToTheSummary(trajectory, mail, id, letter);
		if (trajectory.status().ended()
				&& !java.util.Objects.equals(resolvedBy, trajectory.coachId())) {
			// Added by an administrator to an ended trajectory: no list of the coach shows it, so they are
			// told, as for a mail after the end that found its way by itself.
			conversations.participantWroteAfterTheEnd(trajectory);
		}
		return Optional.of(id);
	}

	/** Closes the entry without a letter; false when someone closed it first. */
	@Transactional
	public boolean discard(UUID inboundMailId, UUID resolvedBy) {
		return resolve(inboundMailId, "DISCARDED", resolvedBy).isPresent();
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
	 * The open entries that nobody claimed since before this moment, oldest first, for the retention job to
	 * discard each in a transaction of its own ({@link #discardIfUnclaimed}). The participant's own mail held for
	 * their conversation is left out here already, read without a lock: it stays as long as the conversation, and
	 * asking again under the trajectory's lock every hour for years would only cost (the check under the lock stays).
	 */
	public List<UUID> unclaimedBefore(OffsetDateTime cutoff) {
		record Open(UUID inboundMailId, UUID trajectoryId, QuarantineReason why) {
		}
		return jdbc.sql("""
				select inbound_mail_id, trajectory_id, reason, reason_code, reason_argument from quarantined_mail
				where resolved_at is null and quarantined_at < :cutoff order by quarantined_at, inbound_mail_id""")
			.param("cutoff", cutoff)
			.query((rs, n) -> new Open(rs.getObject("inbound_mail_id", UUID.class), rs.getObject("trajectory_id", UUID.class),
					QuarantineReason.of(rs.getString("reason_code"), rs.getString("reason_argument"), rs.getString("reason"))))
			.list()
			.stream()
			.filter(open -> open.trajectoryId() == null || !fromItsParticipant(open.trajectoryId(), open.why()))
			.map(Open::inboundMailId)
			.toList();
	}

	/**
	 * Discards the entry when nobody claimed it since before this moment: the register keeps such mail a set
	 * time, and an entry left open would keep it forever. Mail that belongs to no conversation, and mail held
	 * for a conversation that did not come from its participant (someone else who has the reply address, a
	 * former coach, the coach's own address unconfirmed, a mail too big without a sender): it keeps someone
	 * else's address and words, which the conversation does not need once its coach let them wait this long
	 * (decision 0105). The participant's own mail held for their conversation (too big, from their address
	 * unconfirmed by the receiving server, or a new mail of theirs, decision 0106) waits for its coach as long as
	 * the conversation is kept, and is in their export. Returns whether it was discarded.
	 * <p>
	 * One entry per transaction, and one held for a trajectory after that trajectory's lock, in the order its
	 * erasure and {@link #attach} take them: the whole run in one transaction held the entries it had closed
	 * while an erasure that held the trajectory waited for them, and waited in turn for entries that erasure
	 * had deleted, and PostgreSQL ended one of the two.
	 */
	@Transactional
	public boolean discardIfUnclaimed(UUID inboundMailId, OffsetDateTime cutoff) {
		record Row(UUID trajectoryId) {
		}
		Optional<Row> row = jdbc.sql("select trajectory_id from quarantined_mail where inbound_mail_id = :id")
			.param("id", inboundMailId)
			.query((rs, n) -> new Row(rs.getObject("trajectory_id", UUID.class)))
			.optional();
		if (row.isEmpty()) {
			return false; // gone with its trajectory's erasure meanwhile
		}
		UUID heldFor = row.get().trajectoryId();
		if (heldFor != null && !trajectories.lockedWithContent(heldFor)) {
			return false; // erased meanwhile: the entry goes, or went, with it
		}
		Optional<QuarantineReason> open = jdbc.sql("""
				select reason, reason_code, reason_argument from quarantined_mail
				where inbound_mail_id = :id and resolved_at is null and quarantined_at < :cutoff""")
			.param("id", inboundMailId)
			.param("cutoff", cutoff)
			.query((rs, n) -> QuarantineReason.of(rs.getString("reason_code"), rs.getString("reason_argument"), rs.getString("reason")))
			.optional();
		if (open.isEmpty() || heldFor != null && fromItsParticipant(heldFor, open.get())) {
			return false;
		}
		return resolve(inboundMailId, "DISCARDED", null).isPresent();
	}

	/**
	 * Per trajectory among these, when the newest mail of its participant that waits for the coach came (open
	 * entries held for it that {@link #fromItsParticipant} counts as theirs): a participant who keeps writing,
	 * held back, has not fallen silent (decision 0108). Dates only.
	 */
	public Map<UUID, OffsetDateTime> newestOfItsParticipant(List<UUID> trajectoryIds) {
		Map<UUID, OffsetDateTime> newest = new HashMap<>();
		if (trajectoryIds.isEmpty()) {
			return newest;
		}
		record Open(UUID trajectoryId, QuarantineReason why, OffsetDateTime at) {
		}
		jdbc.sql("""
				select trajectory_id, reason, reason_code, reason_argument, quarantined_at from quarantined_mail
				where resolved_at is null and trajectory_id = any(:ids)""")
			.param("ids", new SqlArrayValue("uuid", trajectoryIds.toArray()))
			.query((rs, n) -> new Open(rs.getObject("trajectory_id", UUID.class),
					QuarantineReason.of(rs.getString("reason_code"), rs.getString("reason_argument"), rs.getString("reason")),
					rs.getObject("quarantined_at", OffsetDateTime.class)))
			.list()
			.stream()
			.filter(open -> fromItsParticipant(open.trajectoryId(), open.why()))
			.forEach(open -> newest.merge(open.trajectoryId(), open.at(), (a, b) -> a.isAfter(b) ? a : b));
		return newest;
	}

	/**
	 * Whether a mail held for a trajectory came from its participant: the sender its reason stored is their
	 * own address or another of theirs they confirmed for this trajectory (decision 0091). A mail from the
	 * coach's or a former coach's address, or without a sender, is not theirs.
	 */
	public boolean fromItsParticipant(Entry entry) {
		return entry.trajectoryId() != null && fromItsParticipant(entry.trajectoryId(), entry.why());
	}

	private boolean fromItsParticipant(UUID trajectoryId, QuarantineReason why) {
		String sender = why.heldFrom();
		if (sender == null) {
			return false;
		}
		return trajectories.withContent(trajectoryId)
			.filter(trajectory -> sender.strip().equalsIgnoreCase(trajectory.participantEmail())
					|| accepted.accepted(trajectoryId, sender))
			.isPresent();
	}

	/**
	 * On a person's erasure: discards the open entries of no conversation that came from one of their
	 * addresses or that bounced at it, and empties those mails now, with those of closed entries and those the
	 * pipeline gave up on or has still to process. Entries held for a conversation go with its erasure; these
	 * would otherwise stay readable to the administrators for the rest of their period. {@code addresses} are
	 * their own and the others they confirmed for their trajectories (decision 0091), read before those
	 * trajectories' erasure took them. Someone who also works here ({@code worksHere}: a coach) keeps the mail of
	 * their work: what still finds a conversation, by a reply address or a reference, stays, such as a letter they
	 * mailed as a coach that waits for the next round, or one to two of their participants' reply addresses that
	 * waits for an administrator. Their own conversations are erased by now, so what finds one is not of their
	 * participation. Returns how many went.
	 */
	@Transactional
	public int discardMailOf(Collection<String> addresses, boolean worksHere, UUID by) {
		Set<String> person = addresses.stream()
			.map(Quarantine::lower)
			.filter(address -> address != null && !address.isEmpty())
			.collect(Collectors.toSet());
		if (person.isEmpty()) {
			return 0;
		}
		// Open entries, and closed ones whose mail is still kept (an administrator discarded it: it waits
		// out its period all the same).
		List<Stray> open = jdbc.sql("""
				select q.inbound_mail_id, q.reason_argument, i.envelope_from
				from quarantined_mail q join inbound_mail i on i.id = q.inbound_mail_id
				where q.trajectory_id is null and (q.resolved_at is null or i.size_bytes > 0)""")
			.query((rs, n) -> new Stray(rs.getObject("inbound_mail_id", UUID.class), rs.getString("reason_argument"),
					rs.getString("envelope_from")))
			.list();
		// The stored columns first; the sender in the mail's own header only when they do not tell.
		List<UUID> theirs = open.stream()
			.filter(entry -> person.contains(lower(entry.argument())) || person.contains(lower(entry.envelopeFrom()))
					|| inbound.read(entry.inboundMailId()).map(ReadMail::from).map(Quarantine::lower).filter(person::contains)
						.isPresent())
			.map(Stray::inboundMailId)
			.filter(id -> !worksHere || !findsAConversation(id))
			.toList();
		theirs.forEach(id -> resolve(id, "DISCARDED", by));
		// And mail of theirs the pipeline gave up on or has not processed yet: "process again", or the next
		// round, would have made it an application or a letter again, with their name and words.
		List<UUID> gone = new ArrayList<>(theirs);
		inbound.unprocessedFrom(person).stream().filter(id -> !worksHere || !findsAConversation(id)).forEach(gone::add);
		erasure.forgetInbound(gone);
		return gone.size();
	}

	/**
	 * Whether the mail goes to a conversation still there, as {@link InboundReplies} threads it: a reply address
	 * of one, or else a reference to one of its mails.
	 */
	private boolean findsAConversation(UUID inboundMailId) {
		return inbound.read(inboundMailId)
			.filter(mail -> mail.replyTokens().stream()
				.map(tokens::byToken)
				.flatMap(Optional::stream)
				.anyMatch(binding -> trajectories.withContent(binding.trajectoryId()).isPresent())
					|| messages.trajectoryOfMailIds(mail.references()).flatMap(trajectories::withContent).isPresent())
			.isPresent();
	}

	/** An open entry of no conversation, with what its row says of who it concerns. */
	private record Stray(UUID inboundMailId, String argument, String envelopeFrom) {
	}

	private static String lower(String address) {
		return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * Closes the entry; empty when someone closed it first, else when the mail came into the quarantine.
	 * A closed entry keeps its reason without the address in it: nobody reads it again, and the address
	 * would outlive the mail it came with, which is emptied at the end of its period.
	 */
	private Optional<OffsetDateTime> resolve(UUID inboundMailId, String resolution, UUID resolvedBy) {
		Optional<Held> held = jdbc.sql("""
				select reason, reason_code, reason_argument, quarantined_at from quarantined_mail
				where inbound_mail_id = :id and resolved_at is null""")
			.param("id", inboundMailId)
			.query((rs, n) -> new Held(
					QuarantineReason.of(rs.getString("reason_code"), rs.getString("reason_argument"), rs.getString("reason")),
					rs.getObject("quarantined_at", OffsetDateTime.class)))
			.optional();
		if (held.isEmpty()) {
			return Optional.empty();
		}
		// Guarded by the open state again: a second click that read the entry open waits here, then closes nothing.
		boolean closed = jdbc.sql("""
				update quarantined_mail set resolved_at = :now, resolution = :resolution, resolved_by = :by,
				    reason = :reason, reason_argument = null
				where inbound_mail_id = :id and resolved_at is null""")
			.param("now", OffsetDateTime.now(clock))
			.param("resolution", resolution)
			.param("by", resolvedBy)
			.param("reason", shorten(held.get().reason().forLog()))
			.param("id", inboundMailId)
			.update() == 1;
		return closed ? Optional.of(held.get().quarantinedAt()) : Optional.empty();
	}

	/**
	 * Each conversation still there, by its participant and coach as they are now; an erased one is left out
	 * (its row stays, its people's names are not to be shown with it, and no mail may join it).
	 */
	private List<String> named(List<UUID> ids) {
		return ids.stream()
			.map(trajectories::withContent)
			.flatMap(Optional::stream)
			.map(t -> t.participantName() + (t.coachName() == null ? "" : ", e-coach " + t.coachName()))
			.toList();
	}

	private record Held(QuarantineReason reason, OffsetDateTime quarantinedAt) {
	}

	private List<Entry> entries(String condition, Object key, boolean withMail) {
		return entries(condition, key, withMail, 0, 0);
	}

	/** {@code max} 0: all of them; {@code skip} the newest to pass over first. */
	private List<Entry> entries(String condition, Object key, boolean withMail, int max, int skip) {
		var statement = jdbc.sql("""
				select q.inbound_mail_id, q.reason, q.reason_code, q.reason_argument, q.trajectory_id,
				       pa.display_name as participant_name, q.quarantined_at, t.status as trajectory_status
				from quarantined_mail q
				left join trajectory t on t.id = q.trajectory_id
				left join account pa on pa.id = t.participant_id
				where q.resolved_at is null %s
				order by q.quarantined_at desc, q.inbound_mail_id%s""".formatted(condition,
						max > 0 ? " limit " + max + (skip > 0 ? " offset " + skip : "") : ""));
		if (key != null) {
			statement = statement.param(condition.contains(":coach") ? "coach" : "key", key);
		}
		return statement.query((rs, n) -> {
			UUID id = rs.getObject("inbound_mail_id", UUID.class);
			Optional<ReadMail> mail = withMail ? inbound.read(id) : Optional.empty();
			String reason = rs.getString("reason");
			QuarantineReason why = QuarantineReason.of(rs.getString("reason_code"), rs.getString("reason_argument"), reason);
			if (why instanceof QuarantineReason.SeveralConversations several) {
				why = several.named(named(several.ids()));
			}
			// Its application still waits for a coach: no e-coach sees the mail yet, which the page must not say they do.
			String status = rs.getString("trajectory_status");
			boolean waiting = "INTAKE".equals(status) || "MATCHING".equals(status);
			if (why instanceof QuarantineReason.NewMail newMail && waiting) {
				why = newMail.waiting();
			}
			// Nor can it be added then: the administrators' sentence says to leave it for the coach who accepts.
			if (why instanceof QuarantineReason.UnconfirmedSender unconfirmed && waiting) {
				why = unconfirmed.waiting();
			}
			return new Entry(id, reason, why, rs.getObject("trajectory_id", UUID.class), rs.getString("participant_name"),
					rs.getObject("quarantined_at", OffsetDateTime.class), mail.map(ReadMail::from).orElse(null),
					mail.map(ReadMail::subject).orElse(""));
		}).list();
	}
}

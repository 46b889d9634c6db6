package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.ContactMomentPlan;
import nl.briefwissel.trajectory.SendingHours;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One friendly reminder when a contact moment passed without a message from the participant:
 * at most one per moment, never during a pause or after the end, nor while mail of theirs is held
 * back that they were told of (decision 0081). After downtime only the latest
 * passed moment is reminded, so nobody gets a pile of reminders at once. The {@code reminder}
 * table's key makes a second reminder impossible, whichever node runs the job. Reminders go out on
 * working days between eight in the morning and eight in the evening only (configurable).
 */
@Component
class Reminders {

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	/** When reminders go out (the latest passed moment only, and its key, keep a held-back one to one). */
	private final SendingHours hours;

	private final Trajectories trajectories;

	private final Messages messages;

	private final ReplyTokens tokens;

	private final Accounts accounts;

	private final Outbox outbox;

	private final ReplyAddress replyAddress;

	private final MessageSource texts;

	private final PublicAddress address;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Quarantine quarantine;

	private final HeldBackNotices heldBack;

	Reminders(Trajectories trajectories, Messages messages, ReplyTokens tokens, Accounts accounts, Outbox outbox,
			ReplyAddress replyAddress, MessageSource texts, PublicAddress address, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock, SendingHours hours, Quarantine quarantine,
			HeldBackNotices heldBack) {
		this.quarantine = quarantine;
		this.heldBack = heldBack;
		this.hours = hours;
		this.trajectories = trajectories;
		this.messages = messages;
		this.tokens = tokens;
		this.accounts = accounts;
		this.outbox = outbox;
		this.replyAddress = replyAddress;
		this.texts = texts;
		this.address = address;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${briefwissel.reminders.interval:15m}",
			initialDelayString = "${briefwissel.reminders.initial-delay:1m}")
	void sendDue() {
		Run run = remindDue(ZonedDateTime.now(clock));
		if (run.queued() > 0) {
			log.info("{} reminder(s) queued", run.queued());
		}
	}

	/** The run at this moment in the programme's zone: none outside a working day's sending hours. */
	Run remindDue(ZonedDateTime now) {
		ZonedDateTime here = now.withZoneSameInstant(clock.getZone());
		if (!hours.includes(here)) {
			return new Run(0, 0, 0);
		}
		return remindOn(here.toLocalDate());
	}

	/** What one run of the job did: running trajectories looked at, moments to remind, reminders queued. */
	record Run(int running, int due, int queued) {
	}

	/**
	 * The letters' activity and the moments already reminded are read for every running trajectory at
	 * once; only a trajectory with a moment still to remind gets a transaction of its own. One query
	 * and one transaction per trajectory was 4,400 of each every fifteen minutes at 20,000
	 * trajectories (docs/performance.md, tenth round). What was read here is checked again in each
	 * reminder's transaction ({@link #remind(TrajectoryOverview, LocalDate)}).
	 */
	Run remindOn(LocalDate today) {
		List<TrajectoryOverview> running = trajectories.running();
		List<UUID> ids = running.stream().map(TrajectoryOverview::id).toList();
		Map<UUID, Messages.Activity> activity = messages.activity(ids);
		List<Due> passed = running.stream()
			.flatMap(trajectory -> readMomentToRemind(trajectory, activity.getOrDefault(trajectory.id(), Messages.Activity.NONE), today)
				.stream()
				.mapToObj(moment -> new Due(trajectory, moment)))
			.toList();
		Set<Reminded> reminded = reminded(passed.stream().map(due -> due.trajectory().id()).toList());
		List<Due> toRemind = passed.stream().filter(due -> !reminded.contains(due.reminded())).toList();
		int queued = 0;
		for (Due due : toRemind) {
			try {
				queued += remind(due.trajectory(), today) ? 1 : 0;
			}
			catch (RuntimeException e) {
				log.warn("Reminder for trajectory {} not sent; the next run tries again", due.trajectory().id(), e);
			}
		}
		return new Run(running.size(), toRemind.size(), queued);
	}

	/**
	 * One trajectory whose plan cannot be read (a value no form should have let in) is logged and
	 * passed over: it held back every other participant's reminder, every run.
	 */
	private OptionalInt readMomentToRemind(TrajectoryOverview trajectory, Messages.Activity activity, LocalDate today) {
		try {
			return momentToRemind(trajectory, activity, today);
		}
		catch (RuntimeException e) {
			log.warn("Trajectory {} skipped for reminders: its contact-moment plan cannot be read", trajectory.id(), e);
			return OptionalInt.empty();
		}
	}

	/** A trajectory's latest passed moment its participant did not write for. */
	private record Due(TrajectoryOverview trajectory, int moment) {

		Reminded reminded() {
			return new Reminded(trajectory.id(), moment);
		}
	}

	private record Reminded(UUID trajectoryId, int moment) {
	}

	/** Every moment these trajectories were reminded of. */
	private Set<Reminded> reminded(List<UUID> trajectoryIds) {
		if (trajectoryIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select trajectory_id, moment from reminder where trajectory_id = any(:ids)")
			.param("ids", new SqlArrayValue("uuid", trajectoryIds.toArray()))
			.query((rs, n) -> new Reminded(rs.getObject("trajectory_id", UUID.class), rs.getInt("moment")))
			.list());
	}

	/**
	 * The latest passed moment, when the participant did not write for it. Only the latest: after
	 * downtime nobody gets a pile of reminders at once. Never while the coach owes the answer: a participant
	 * who wrote on a moment's day and waited for the coach was told two moments later that they had not written.
	 */
	private static OptionalInt momentToRemind(TrajectoryOverview trajectory, Messages.Activity activity, LocalDate today) {
		Optional<ContactMomentPlan> plan = trajectory.plan();
		if (plan.isEmpty()) {
			return OptionalInt.empty();
		}
		int passed = plan.get().currentOn(today) - 1; // moments whose due date is before today
		if (passed < 1) {
			return OptionalInt.empty();
		}
		if (activity.lastAuthor() == Author.PARTICIPANT) {
			return OptionalInt.empty(); // the participant waits for the coach: nothing of theirs is missing
		}
		LocalDate due = plan.get().dueDates().get(passed - 1);
		if (MissedMoments.excused(trajectory, activity, due, today)) {
			// The coach answered on or after it, or a pause came after it: after two weeks off for illness,
			// "the moment is past" about one from before the break came out of nowhere on the first morning.
			return OptionalInt.empty();
		}
		if (activity.lastParticipant() != null && activity.lastParticipant().toLocalDate().isAfter(windowStart(trajectory, passed))) {
			return OptionalInt.empty(); // the participant wrote for this moment
		}
		return OptionalInt.of(passed);
	}

	/** The day after which what the participant writes counts for this moment: the moment before it, or the start. */
	private static LocalDate windowStart(TrajectoryOverview trajectory, int moment) {
		return moment >= 2 ? trajectory.plan().orElseThrow().dueDates().get(moment - 2) : trajectory.startedOn().minusDays(1);
	}

	/**
	 * Whether the participant wrote for this moment but their mail was held back (too big to keep, from another
	 * address), they were told so and what to do in a held-back notice, and it is held still (decision 0081). A
	 * reminder that they have not written, on top of that notice, is wrong and confusing. Once the coach attaches
	 * the mail it is their letter; once the coach discards it they have not written after all, and the moment is
	 * reminded as any other. Asked only for a trajectory with a moment to remind, in its reminder's transaction:
	 * such a trajectory is asked again at each run while its mail is held (no reminder row is written for it).
	 */
	private boolean heldBackAndTold(TrajectoryOverview trajectory, int moment) {
		OffsetDateTime since = windowStart(trajectory, moment).plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
		return quarantine.heldFor(trajectory.id()).stream()
			.anyMatch(held -> !held.quarantinedAt().isBefore(since) && toldOfKind(trajectory, held.why()))
				&& heldBack.toldSince(trajectory, since);
	}

	/**
	 * Whether held mail is of a kind a held-back notice tells the participant of: too big to keep, from an
	 * address that is not the conversation's, sent by the participant or by someone unknown, or a new mail of the
	 * participant's that waits for the coach (decision 0106). Not the coach's
	 * own mail too big, nor a former coach's: the participant hears of neither, and with theirs discarded such
	 * a mail would keep the reminder off for good. A mail without a sender is told to nobody either.
	 */
	private boolean toldOfKind(TrajectoryOverview trajectory, QuarantineReason why) {
		// Of the participant's own mail the server doubted, they are told nothing (decision 0037).
		String sender = why instanceof QuarantineReason.UnconfirmedSender ? null : why.heldFrom();
		return sender != null && !sender.equalsIgnoreCase(trajectory.coachEmail())
				&& !trajectories.coachedBefore(trajectory.id(), sender);
	}

	/**
	 * Queues the reminder for one trajectory's latest moment passed on this day, if it is still due;
	 * true when queued. The run read the trajectories and their letters a while before: meanwhile the
	 * coach may have paused or stopped it, it may have been erased, or the participant's mail came in.
	 * So the row is locked and everything read again in the reminder's own transaction; a pause, stop
	 * or erasure waits for it (or comes first and is seen).
	 */
	boolean remind(TrajectoryOverview trajectory, LocalDate day) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			boolean running = jdbc.sql("select status, erased_at from trajectory where id = :id for update")
				.param("id", trajectory.id())
				.query((rs, n) -> TrajectoryStatus.RUNNING.name().equals(rs.getString("status"))
						&& rs.getObject("erased_at") == null)
				.optional()
				.orElse(false);
			if (!running) {
				return false;
			}
			TrajectoryOverview current = trajectories.byId(trajectory.id()).orElseThrow();
			Messages.Activity activity = messages.activity(List.of(current.id()))
				.getOrDefault(current.id(), Messages.Activity.NONE);
			OptionalInt moment = momentToRemind(current, activity, day);
			return moment.isPresent() && !heldBackAndTold(current, moment.getAsInt()) && remind(current, moment.getAsInt());
		}));
	}

	/**
	 * Queues the reminder for this moment, in the caller's transaction; false when it was queued
	 * already, here or by another node (the {@code reminder} table's key decides).
	 */
	private boolean remind(TrajectoryOverview trajectory, int moment) {
		int inserted = jdbc.sql("""
				insert into reminder (trajectory_id, moment, sent_at) values (:trajectory, :moment, :now)
				on conflict do nothing""")
			.param("trajectory", trajectory.id())
			.param("moment", moment)
			.param("now", OffsetDateTime.now(clock))
			.update();
		if (inserted == 0) {
			return false;
		}
		Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
		String token = tokens.tokenFor(trajectory.id(), participant.id());
		outbox.enqueue(mail(trajectory, participant, moment, trajectory.plan().orElseThrow().size(), replyAddress.of(token)));
		return true;
	}

	private OutgoingMail mail(TrajectoryOverview trajectory, Account participant, int moment, int total, String replyTo) {
		Locale language = participant.language();
		String firstName = participant.firstName();
		Object[] args = { firstName, trajectory.coachName(), moment, total,
				address.link("/participant/conversation", language).queryParam("trajectory", trajectory.id()).toUriString() };
		// A name that opens a sentence opens it with a capital (decision 0143): a coach called "van Dijk" as written inside it.
		String subject = Account.sentencesCapitalised(
				texts.getMessage("mail.reminder.subject", new Object[] { trajectory.coachName() }, language), trajectory.coachName());
		// A programme that keeps letters out of ordinary mail (NTA 7516) does not ask for an answer by it.
		String text = Account.sentencesCapitalised(texts.getMessage(trajectory.lettersByMail() ? "mail.reminder.text"
				: "mail.reminder.text.secure", args, language), args);
		// A reminder is automatic (RFC 3834): out-of-office replies to it are not sent or not counted.
		return new OutgoingMail(participant.email(), subject, text, null, replyTo, null, List.of(), true).inLanguage(language, address.base());
	}
}

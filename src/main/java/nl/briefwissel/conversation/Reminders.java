package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.ContactMomentPlan;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One friendly reminder when a contact moment passed without a message from the participant:
 * at most one per moment, never during a pause or after the end. After downtime only the latest
 * passed moment is reminded, so nobody gets a pile of reminders at once. The {@code reminder}
 * table's key makes a second reminder impossible, whichever node runs the job.
 */
@Component
class Reminders {

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

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

	Reminders(Trajectories trajectories, Messages messages, ReplyTokens tokens, Accounts accounts, Outbox outbox,
			ReplyAddress replyAddress, MessageSource texts, PublicAddress address, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock) {
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
		LocalDate today = LocalDate.now(clock);
		int sent = 0;
		for (TrajectoryOverview trajectory : trajectories.running()) {
			try {
				Boolean reminded = transactions.execute(status -> remind(trajectory, today));
				sent += Boolean.TRUE.equals(reminded) ? 1 : 0;
			}
			catch (RuntimeException e) {
				log.warn("Reminder for trajectory {} not sent; the next run tries again", trajectory.id(), e);
			}
		}
		if (sent > 0) {
			log.info("{} reminder(s) queued", sent);
		}
	}

	/** Queues the reminder for the latest passed moment if it is due; true when one was queued. */
	boolean remind(TrajectoryOverview trajectory, LocalDate today) {
		Optional<ContactMomentPlan> plan = trajectory.plan();
		if (plan.isEmpty()) {
			return false;
		}
		int current = plan.get().currentOn(today);
		int passed = current - 1; // moments whose due date is before today
		if (passed < 1) {
			return false;
		}
		LocalDate windowStart = passed >= 2 ? plan.get().dueDates().get(passed - 2) : trajectory.startedOn().minusDays(1);
		Messages.Activity activity = messages.activity(List.of(trajectory.id())).getOrDefault(trajectory.id(),
				Messages.Activity.NONE);
		if (activity.lastParticipant() != null && activity.lastParticipant().toLocalDate().isAfter(windowStart)) {
			return false; // the participant wrote for this moment
		}
		int inserted = jdbc.sql("""
				insert into reminder (trajectory_id, moment, sent_at) values (:trajectory, :moment, :now)
				on conflict do nothing""")
			.param("trajectory", trajectory.id())
			.param("moment", passed)
			.param("now", OffsetDateTime.now(clock))
			.update();
		if (inserted == 0) {
			return false;
		}
		Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
		String token = tokens.tokenFor(trajectory.id(), participant.id());
		outbox.enqueue(mail(trajectory, participant, passed, plan.get().size(), replyAddress.of(token)));
		return true;
	}

	private OutgoingMail mail(TrajectoryOverview trajectory, Account participant, int moment, int total, String replyTo) {
		Locale language = participant.language();
		String firstName = participant.displayName().split(" ")[0];
		Object[] args = { firstName, trajectory.coachName(), moment, total,
				address.link("/participant/conversation").toUriString() };
		String subject = texts.getMessage("mail.reminder.subject", new Object[] { trajectory.coachName() }, language);
		String text = texts.getMessage("mail.reminder.text", args, language);
		// A reminder is automatic (RFC 3834): out-of-office replies to it are not sent or not counted.
		return new OutgoingMail(participant.email(), subject, text, null, replyTo, null, List.of(), true);
	}
}

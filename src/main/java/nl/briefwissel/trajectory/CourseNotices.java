package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.Outbox;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The participant hears by mail when the coach pauses, resumes early, extends or stops their trajectory: someone who
 * writes only by mail saw their contact moments move, or end, without a word in their mailbox. Each
 * notice says what changes for them (until when, the next contact moment, the new end, how long the
 * record can still be read and downloaded), in their language, and not why: the reason and the
 * coach's words stand in the record behind the sign-in, not in a mailbox others may read (decision 0077).
 * <p>
 * Handled in the transaction that changes the course, as a handover's mails are: the mail is queued in
 * the outbox with the change or not at all, so it goes once, on whichever node made the change, and a
 * change refused (a second click) queues nothing. Not an event publication of its own: one delivered
 * again after a restart would need a key to send nothing twice (decision 0006).
 */
@Component
class CourseNotices {

	/** The day with its month by name, as the other mails write a date. */
	private static final String DATE = "d MMMM yyyy";

	private final Trajectories trajectories;

	private final TrajectoryErasure keeping;

	private final Accounts accounts;

	private final Outbox outbox;

	private final NoticeMails mails;

	private final MessageSource texts;

	private final PublicAddress address;

	private final ConversationAddress conversation;

	private final Clock clock;

	CourseNotices(Trajectories trajectories, TrajectoryErasure keeping, Accounts accounts, Outbox outbox, NoticeMails mails,
			MessageSource texts, PublicAddress address, ConversationAddress conversation, Clock clock) {
		this.clock = clock;
		this.trajectories = trajectories;
		this.keeping = keeping;
		this.accounts = accounts;
		this.outbox = outbox;
		this.mails = mails;
		this.texts = texts;
		this.address = address;
		this.conversation = conversation;
	}

	@EventListener
	void on(TrajectoryEvents.TrajectoryPaused paused) {
		tell(paused.trajectoryId(), NoticeKind.PAUSED, "paused", (trajectory, language) -> new Notice(paused.until(),
				nextMoment(trajectory, paused.from(), language), 0));
	}

	/**
	 * Resumed before the day the pause notice named: the contact moments come sooner than the participant was
	 * told, so they hear the next one, and the last one: the end moved with them, and the extension's mail named the
	 * end as it stood then. A pause that ran its course mails nothing: its notice said until when.
	 */
	@EventListener
	void on(TrajectoryEvents.TrajectoryResumed resumed) {
		if (resumed.early()) {
			tell(resumed.trajectoryId(), NoticeKind.RESUMED, "resumed",
					(trajectory, language) -> new Notice(resumed.on(),
							nextMoment(trajectory, resumed.on(), language) + lastMoment(trajectory, resumed.on(), language), 0));
		}
	}

	@EventListener
	void on(TrajectoryEvents.TrajectoryExtended extended) {
		tell(extended.trajectoryId(), NoticeKind.EXTENDED, "extended", (trajectory, language) -> {
			List<LocalDate> moments = trajectory.plan().map(ContactMomentPlan::dueDates).orElse(List.of());
			return new Notice(moments.isEmpty() ? null : moments.get(moments.size() - 1),
					nextMoment(trajectory, LocalDate.now(clock), language), extended.totalWeeks());
		});
	}

	/**
	 * A stop Briefwissel made because nobody wrote any more (decision 0108) says so, not that the coach stopped it; and
	 * the coach, who did not stop it either, is told too. So is a stop the participant made themselves (decision 0141):
	 * their mail says they did it and until when the record is kept, the coach's that they did, without their reason.
	 */
	@EventListener
	void on(TrajectoryEvents.TrajectoryStopped stopped) {
		boolean silent = stopped.reason() == Reason.NO_LETTERS_AFTER_PLANNED_END;
		boolean byParticipant = stopped.reason() == Reason.PARTICIPANT_STOPPED;
		tell(stopped.trajectoryId(), NoticeKind.STOPPED, silent ? "stoppedSilent" : byParticipant ? "stoppedByParticipant" : "stopped",
				(trajectory, language) -> kept(trajectory));
		if (silent || byParticipant) {
			tellCoachOfStop(stopped.trajectoryId(), silent ? "mail.course.stoppedSilent.coach" : "mail.course.stoppedByParticipant.coach");
		}
	}

	/** Until when the stopped trajectory's record is kept, and for how many months after its end. */
	private Notice kept(TrajectoryOverview trajectory) {
		return keeping.keepingOf(trajectory.participantId())
			.stream()
			.filter(kept -> kept.trajectoryId().equals(trajectory.id()))
			.findFirst()
			.map(kept -> new Notice(kept.until(), "", kept.months()))
			.orElseGet(() -> new Notice(null, "", 0));
	}

	/**
	 * In the coach's language, marked as about the trajectory (it names the participant), with no word of the
	 * conversation: that it stopped by itself or that the participant stopped it, and until when the record is kept.
	 * A participant's reason is content: it stands on the trajectory's page behind the sign-in, not in a mailbox.
	 */
	private void tellCoachOfStop(UUID trajectoryId, String key) {
		TrajectoryOverview trajectory = trajectories.byId(trajectoryId).orElse(null);
		if (trajectory == null || trajectory.coachId() == null) {
			return;
		}
		accounts.byId(trajectory.coachId()).filter(Account::enabled).ifPresent(coach -> {
			Locale language = coach.language();
			Notice notice = kept(trajectory);
			// Greeted by first name as every mail is; the participant named in full once, then by first name.
			Object[] args = { new NoticeMails.Name(trajectory.participantName()), trajectory.programmeName(),
					new NoticeMails.Name(coach.firstName()),
					notice.date() == null ? "" : DateTimeFormatter.ofPattern(DATE, language).format(notice.date()),
					new NoticeMails.Name(Account.firstNameOf(trajectory.participantName())) };
			outbox.enqueueAskedFor(mails.compose(coach.email(), language, key, args,
					address.link("/coach/trajectories/{id}", language).buildAndExpand(trajectory.id()).toUriString())
				.about(trajectory.id()));
		});
	}

	/** What a notice says besides the names: a date, the sentence on the next contact moment, and a number. */
	private record Notice(LocalDate date, String nextMoment, int number) {
	}

	private interface Content {

		Notice of(TrajectoryOverview trajectory, Locale language);
	}

	/**
	 * To the participant's address, answered in the conversation as every mail of it is; marked as about the
	 * trajectory, so its erasure takes it along. A programme that keeps letters out of ordinary mail (NTA 7516)
	 * still tells of the course, for there is no letter in it, but does not ask for answers by mail. {@code change}
	 * names its texts, {@code mail.course.<change>}.
	 */
	private void tell(UUID trajectoryId, NoticeKind kind, String change, Content content) {
		TrajectoryOverview trajectory = trajectories.byId(trajectoryId).orElse(null);
		if (trajectory == null) {
			return;
		}
		accounts.byId(trajectory.participantId()).ifPresent(participant -> {
			Locale language = participant.language();
			Notice notice = content.of(trajectory, language);
			String key = "mail.course." + change + (trajectory.lettersByMail() || change.startsWith("stopped") ? "" : "Secure");
			Object[] args = { new NoticeMails.Name(trajectory.coachName() == null ? "" : trajectory.coachName()),
					trajectory.programmeName(),
					notice.date() == null ? "" : DateTimeFormatter.ofPattern(DATE, language).format(notice.date()),
					notice.nextMoment(), notice.number() };
			outbox.enqueueAskedFor(mails
				.toParticipant(participant.email(), language, trajectory.participantName(), kind, key, args,
						link(trajectory, participant, change))
				.replyingTo(conversation.replyTo(trajectory.id(), participant.id()))
				.about(trajectory.id()));
		});
	}

	/** The conversation; after a stop the record, which is read and downloaded there. */
	private String link(TrajectoryOverview trajectory, Account participant, String change) {
		return change.startsWith("stopped") ? address.link("/participant/report", participant.language()).toUriString()
				: address.link("/participant/conversation", participant.language())
					.queryParam("trajectory", trajectory.id())
					.toUriString();
	}

	/**
	 * The sentence on the last contact moment, with its leading space, as the plan has it now; empty when every moment
	 * has passed (a pause taken after the last one moved no moment, nor the end), and when the next one is the last: the
	 * mail named that day the sentence before.
	 */
	private String lastMoment(TrajectoryOverview trajectory, LocalDate today, Locale language) {
		return trajectory.progressOn(today)
			.map(TrajectoryOverview.Progress::nextDue)
			.flatMap(next -> trajectory.plan()
				.map(plan -> plan.dueDates().get(plan.size() - 1))
				.filter(last -> !last.equals(next)))
			.map(last -> " " + texts.getMessage("mail.course.lastMoment",
					new Object[] { DateTimeFormatter.ofPattern(DATE, language).format(last) }, language))
			.orElse("");
	}

	/**
	 * The sentence on the next contact moment, with its leading space, as the trajectory's plan has it now; empty
	 * when every moment has passed (the trajectory waits to be closed).
	 */
	private String nextMoment(TrajectoryOverview trajectory, LocalDate today, Locale language) {
		return trajectory.progressOn(today)
			.map(TrajectoryOverview.Progress::nextDue)
			.map(next -> " " + texts.getMessage("mail.course.nextMoment",
					new Object[] { DateTimeFormatter.ofPattern(DATE, language).format(next) }, language))
			.orElse("");
	}
}

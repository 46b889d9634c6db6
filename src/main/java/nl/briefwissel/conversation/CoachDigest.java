package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.trajectory.DutchHolidays;
import nl.briefwissel.trajectory.TrajectoryOverview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A short mail each working morning for coaches who want it: who waits for an answer, which
 * contact moments passed or are due, which conversations went quiet, which proposals wait. Names
 * and dates only, never what anyone wrote. The {@code coach_digest} key allows one a day per coach
 * whichever node runs the job, and is written at the first run of the day even when there is nothing
 * to tell; a node that was down at seven sends it when it is back, until the end of the working day,
 * and never yesterday's.
 */
@Component
class CoachDigest {

	private static final Logger log = LoggerFactory.getLogger(CoachDigest.class);

	static final LocalTime FROM = LocalTime.of(7, 0);

	static final LocalTime UNTIL = LocalTime.of(17, 0);

	private static final LocalTime NOON = LocalTime.of(12, 0);

	private static final Set<Workspace.Need> WORTH_A_LINE = EnumSet.of(Workspace.Need.WAITING_FOR_REPLY,
			Workspace.Need.MOMENT_OVERDUE, Workspace.Need.MOMENT_DUE_SOON, Workspace.Need.TO_CLOSE, Workspace.Need.QUIET);

	private final Accounts accounts;

	private final CoachProfiles profiles;

	private final Workspace workspace;

	private final Outbox outbox;

	private final MessageSource texts;

	private final PublicAddress address;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CoachDigest(Accounts accounts, CoachProfiles profiles, Workspace workspace, Outbox outbox,
			MessageSource texts, PublicAddress address, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.profiles = profiles;
		this.workspace = workspace;
		this.outbox = outbox;
		this.texts = texts;
		this.address = address;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${briefwissel.digest.interval:10m}",
			initialDelayString = "${briefwissel.digest.initial-delay:2m}")
	void sendDue() {
		int sent = sendDue(ZonedDateTime.now(clock));
		if (sent > 0) {
			log.info("{} coach digest(s) queued", sent);
		}
	}

	/** Queues today's digest for every coach who wants one and has not had it; the number queued. */
	int sendDue(ZonedDateTime now) {
		LocalDate today = now.toLocalDate();
		if (!DutchHolidays.isWorkingDay(today) || now.toLocalTime().isBefore(FROM) || !now.toLocalTime().isBefore(UNTIL)) {
			return 0;
		}
		List<Account> coaches = accounts.all().stream().filter(a -> a.enabled() && a.has(Role.COACH)).toList();
		var profileOf = profiles.of(coaches.stream().map(Account::id).toList());
		int sent = 0;
		for (Account coach : coaches) {
			if (!profileOf.get(coach.id()).dailyDigest()) {
				continue;
			}
			try {
				Boolean queued = transactions.execute(status -> send(coach, today, now.toOffsetDateTime()));
				sent += Boolean.TRUE.equals(queued) ? 1 : 0;
			}
			catch (RuntimeException e) {
				log.warn("Digest for coach {} not sent; the next run tries again", coach.id(), e);
			}
		}
		return sent;
	}

	/**
	 * The day's digest is decided once, at the coach's first run of the day: the key is written
	 * whether or not there is something to tell. Written only with a mail, every run until five
	 * looked again, and the first thing to come up sent the "morning" digest at four in the afternoon.
	 */
	private boolean send(Account coach, LocalDate today, OffsetDateTime now) {
		int inserted = jdbc.sql("insert into coach_digest (coach_id, digest_day, sent_at) values (:coach, :day, :now) on conflict do nothing")
			.param("coach", coach.id())
			.param("day", today)
			.param("now", now)
			.update();
		if (inserted == 0) {
			return false;
		}
		Workspace.View view = workspace.view(coach.id());
		List<Workspace.Entry> entries = view.entries().stream().filter(e -> WORTH_A_LINE.contains(e.need())).toList();
		List<TrajectoryOverview> proposals = view.proposals();
		if (entries.isEmpty() && proposals.isEmpty()) {
			return false; // nothing needs them: no mail is the calm answer, and the day is decided
		}
		outbox.enqueue(mail(coach, entries, proposals, today, now.toLocalTime()));
		return true;
	}

	private OutgoingMail mail(Account coach, List<Workspace.Entry> entries, List<TrajectoryOverview> proposals, LocalDate today,
			LocalTime sentAt) {
		Locale language = coach.language();
		DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM", language);
		// By the first name, as every mail greets its reader ("Beste Anja,"): a walk found the staff's mails greeting by
		// the whole name where the participants' greet by the first, and the sign-in link mail differing by who asked it.
		// By the hour it goes out: a node that was down at seven sends it later the same day, and a walk got
		// "Goedemorgen" at 15:59. The clock is the product's zone, Amsterdam, the coaches' own.
		String greeting = sentAt.isBefore(NOON) ? "mail.digest.greeting" : "mail.digest.greeting.afternoon";
		StringBuilder text = new StringBuilder(texts.getMessage(greeting,
				new Object[] { coach.firstName() }, language)).append("\n\n");
		if (!proposals.isEmpty()) {
			text.append(texts.getMessage("mail.digest.proposals", new Object[] { proposals.size() }, language)).append('\n');
			proposals.forEach(p -> text.append("- ").append(p.participantName()).append('\n'));
			text.append('\n');
		}
		for (Workspace.Need need : WORTH_A_LINE) {
			List<Workspace.Entry> ofNeed = entries.stream().filter(e -> e.need() == need).toList();
			if (ofNeed.isEmpty()) {
				continue;
			}
			text.append(texts.getMessage("workspace.need." + need.name(), null, language))
				.append(" (").append(ofNeed.size()).append(")\n");
			for (Workspace.Entry entry : ofNeed) {
				text.append("- ").append(entry.trajectory().participantName());
				if (entry.dueBy() != null) {
					// Of a trajectory to close, the date is the moment that was its last, not one missed.
					String key = need == Workspace.Need.TO_CLOSE ? "mail.digest.lastMoment" : entry.late(today) ? "mail.digest.late"
							: entry.dueBy().equals(today) ? "mail.digest.today" : "mail.digest.due";
					text.append(" — ").append(texts.getMessage(key, new Object[] { entry.dueBy().format(day) }, language));
				}
				text.append('\n');
			}
			text.append('\n');
		}
		// In the coach's language: the link may open in a browser that has not been here before.
		text.append(texts.getMessage("mail.digest.open", new Object[] { address.link("/coach", language).toUriString() }, language))
			.append("\n\n")
			.append(texts.getMessage("mail.digest.switchOff",
					new Object[] { address.link("/coach/settings", language).toUriString() }, language))
			.append("\n\n")
			.append(texts.getMessage("mail.signature", null, language))
			.append('\n');
		// The day as the language writes it after the colon: "maandag" in Dutch, "Monday" in English.
		String subject = texts.getMessage("mail.digest.subject", new Object[] { today.format(day) }, language);
		// About every trajectory it names: an erasure of one takes the digest along, queued or sent.
		List<UUID> named = java.util.stream.Stream.concat(proposals.stream(), entries.stream().map(Workspace.Entry::trajectory))
			.map(TrajectoryOverview::id)
			.toList();
		return OutgoingMail.notice(coach.email(), subject, text.toString(), null).inLanguage(language, address.base()).about(named);
	}
}

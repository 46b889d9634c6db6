package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.mail.Outbox;
import nl.briefwissel.organisation.Programmes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The employer pays and may know that someone started and completed, when that person agreed at
 * intake (and has not taken it back since): the name, the programme and the date. Nothing about
 * the question, the conversation, a pause or a stop. The contact has no account or language
 * setting, so the mail speaks Dutch and, under it, English.
 */
@Component
class EmployerConfirmations {

	private static final Logger log = LoggerFactory.getLogger(EmployerConfirmations.class);

	/** The day with its month by name in each half's language, as the other mails write a date. */
	private static final String DATE = "d MMMM yyyy";

	private final Trajectories trajectories;

	private final Programmes programmes;

	private final NoticeMails mails;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	EmployerConfirmations(Trajectories trajectories, Programmes programmes, NoticeMails mails, Outbox outbox, JdbcClient jdbc,
			Clock clock, TransactionTemplate transactions) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.mails = mails;
		this.outbox = outbox;
	}

	/**
	 * Accepted with a start date ahead (up to half a year), the employer hears of it on that day: told at
	 * the acceptance, they read that someone "started" months before, and kept it when the participant
	 * withdrew before the day came.
	 */
	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryStarted started) {
		if (!started.on().isAfter(LocalDate.now(clock))) {
			confirm(started.trajectoryId(), Kind.STARTED, started.on());
		}
	}

	@Scheduled(fixedDelayString = "${briefwissel.trajectory.employer-start-interval:15m}",
			initialDelayString = "${briefwissel.trajectory.employer-start-initial-delay:2m}")
	void scheduled() {
		confirmStartsOn(LocalDate.now(clock));
	}

	/**
	 * Confirms the start of every trajectory under way that started on this day or in the week before and
	 * whose start was not confirmed yet (a later acceptance was confirmed by its event). Any node may run
	 * it: the confirmation's key lets one of them send.
	 */
	int confirmStartsOn(LocalDate today) {
		var due = jdbc.sql("""
				select t.id, t.started_on from trajectory t join programme p on p.id = t.programme_id
				where t.status in ('RUNNING', 'PAUSED') and t.employer_may_confirm = true
				  and lower(t.employer_contact) = lower(p.employer_contact)
				  and t.started_on <= :today and t.started_on > :weekBefore
				  and not exists (select 1 from employer_confirmation c where c.trajectory_id = t.id and c.kind = 'STARTED')""")
			.param("today", today)
			.param("weekBefore", today.minusWeeks(1))
			.query((rs, n) -> java.util.Map.entry(rs.getObject("id", UUID.class), rs.getObject("started_on", LocalDate.class)))
			.list();
		due.forEach(start -> transactions.executeWithoutResult(status -> confirm(start.getKey(), Kind.STARTED, start.getValue())));
		return due.size();
	}

	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryCompleted completed) {
		confirm(completed.trajectoryId(), Kind.COMPLETED, completed.on());
	}

	/**
	 * Runs in the listener's own transaction: the key row and the mail in the outbox commit together,
	 * so an event delivered again (after a restart, or by a second node) finds the key and sends nothing.
	 * It takes the trajectory's lock as an erasure does: an event handled again after the erasure (or
	 * while it runs) would send the participant's name to the employer of a record that is gone.
	 */
	private void confirm(UUID trajectoryId, Kind kind, LocalDate on) {
		if (!trajectories.lockedWithContent(trajectoryId)) {
			log.info("Employer confirmation ({}) for trajectory {} not sent: the trajectory was erased", kind, trajectoryId);
			return;
		}
		if (!trajectories.employerMayConfirm(trajectoryId)) {
			return;
		}
		trajectories.byId(trajectoryId).ifPresent(trajectory -> programmes.employerContact(trajectory.programmeId())
			.filter(contact -> consentedTo(trajectoryId, contact))
			.ifPresent(contact -> {
				if (!firstTime(trajectoryId, kind)) {
					log.info("Employer confirmation ({}) for trajectory {} was sent before; not again", kind, trajectoryId);
					return;
				}
				// About the trajectory: the mail names the participant, and goes with the trajectory's erasure.
				outbox.enqueueAskedFor(mails.composeInTwoLanguages(contact, Locale.forLanguageTag("nl"), Locale.ENGLISH,
						kind.mailKey, language -> new Object[] { new NoticeMails.Name(trajectory.participantName()), trajectory.programmeName(),
								DateTimeFormatter.ofPattern(DATE, language).format(on) })
					.about(trajectoryId));
				log.info("Employer confirmation ({}) sent for trajectory {}", kind, trajectoryId);
			}));
	}

	/**
	 * Only to the address the participant agreed to: a contact the manager changed since is not the one
	 * the form named, and the participant's name does not go there (decision 0036). Logged, without either address.
	 */
	private boolean consentedTo(UUID trajectoryId, String contact) {
		boolean same = trajectories.employerContactConsentedTo(trajectoryId).filter(contact::equalsIgnoreCase).isPresent();
		if (!same) {
			log.info("Employer confirmation for trajectory {} not sent: the contact is not the one the participant agreed to",
					trajectoryId);
		}
		return same;
	}

	private boolean firstTime(UUID trajectoryId, Kind kind) {
		return jdbc.sql("""
				insert into employer_confirmation (trajectory_id, kind, confirmed_at) values (:trajectory, :kind, :now)
				on conflict do nothing""")
			.param("trajectory", trajectoryId)
			.param("kind", kind.name())
			.param("now", OffsetDateTime.now(clock))
			.update() == 1;
	}

	private enum Kind {

		STARTED("mail.employer.started"), COMPLETED("mail.employer.completed");

		private final String mailKey;

		Kind(String mailKey) {
			this.mailKey = mailKey;
		}
	}
}

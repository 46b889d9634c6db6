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
import org.springframework.stereotype.Component;

/**
 * The employer pays and may know that someone started and completed, when that person agreed at
 * intake (and has not taken it back since): the name, the programme and the date. Nothing about
 * the question, the conversation, a pause or a stop. The contact has no account or language
 * setting, so the mail speaks Dutch and, under it, English.
 */
@Component
class EmployerConfirmations {

	private static final Logger log = LoggerFactory.getLogger(EmployerConfirmations.class);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-M-yyyy");

	private final Trajectories trajectories;

	private final Programmes programmes;

	private final NoticeMails mails;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final Clock clock;

	EmployerConfirmations(Trajectories trajectories, Programmes programmes, NoticeMails mails, Outbox outbox, JdbcClient jdbc,
			Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.mails = mails;
		this.outbox = outbox;
	}

	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryStarted started) {
		confirm(started.trajectoryId(), Kind.STARTED, started.on());
	}

	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryCompleted completed) {
		confirm(completed.trajectoryId(), Kind.COMPLETED, completed.on());
	}

	/**
	 * Runs in the listener's own transaction: the key row and the mail in the outbox commit together,
	 * so an event delivered again (after a restart, or by a second node) finds the key and sends nothing.
	 */
	private void confirm(UUID trajectoryId, Kind kind, LocalDate on) {
		if (!trajectories.employerMayConfirm(trajectoryId)) {
			return;
		}
		trajectories.byId(trajectoryId).ifPresent(trajectory -> programmes.employerContact(trajectory.programmeId())
			.ifPresent(contact -> {
				if (!firstTime(trajectoryId, kind)) {
					log.info("Employer confirmation ({}) for trajectory {} was sent before; not again", kind, trajectoryId);
					return;
				}
				Object[] args = { trajectory.participantName(), trajectory.programmeName(), DATE.format(on) };
				// About the trajectory: the mail names the participant, and goes with the trajectory's erasure.
				outbox.enqueueAskedFor(mails.composeInTwoLanguages(contact, Locale.forLanguageTag("nl"), Locale.ENGLISH,
						kind.mailKey, args, null).about(trajectoryId));
				log.info("Employer confirmation ({}) sent for trajectory {}", kind, trajectoryId);
			}));
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

package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.mail.Outbox;
import nl.briefwissel.organisation.Programmes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The employer pays and may know that someone started and completed, when that person agreed at
 * intake (and has not taken it back since): the name, the programme and the date. Nothing about
 * the question, the conversation, a pause or a stop. The contact has no account or language
 * setting, so the mail speaks Dutch and English.
 */
@Component
class EmployerConfirmations {

	private static final Logger log = LoggerFactory.getLogger(EmployerConfirmations.class);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-M-yyyy");

	private final Trajectories trajectories;

	private final Programmes programmes;

	private final NoticeMails mails;

	private final Outbox outbox;

	EmployerConfirmations(Trajectories trajectories, Programmes programmes, NoticeMails mails, Outbox outbox) {
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.mails = mails;
		this.outbox = outbox;
	}

	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryStarted started) {
		confirm(started.trajectoryId(), "mail.employer.started", started.on());
	}

	@ApplicationModuleListener
	void on(TrajectoryEvents.TrajectoryCompleted completed) {
		confirm(completed.trajectoryId(), "mail.employer.completed", completed.on());
	}

	private void confirm(UUID trajectoryId, String key, LocalDate on) {
		if (!trajectories.employerMayConfirm(trajectoryId)) {
			return;
		}
		trajectories.byId(trajectoryId).ifPresent(trajectory -> programmes.employerContact(trajectory.programmeId())
			.ifPresent(contact -> {
				Object[] args = { trajectory.participantName(), trajectory.programmeName(), DATE.format(on) };
				outbox.enqueue(mails.compose(contact, Locale.forLanguageTag("nl"), key, args, null));
				log.info("Employer confirmation ({}) sent for trajectory {}", key, trajectoryId);
			}));
	}
}

package nl.briefwissel.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;

import nl.briefwissel.trajectory.SendingHours;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The administrators of the person's organisation are reminded once of an erasure request still open a
 * week before the month to answer it ends (AVG article 12(3); docs/decisions/0053). Every node runs the
 * job; the request's row decides which node's reminder goes ({@link Erasures#remindIfDue}). Like the
 * participants' reminders it waits for the sending hours of a working day: a week's notice loses nothing by
 * waiting for the morning, and a mail at three at night or on a Sunday is the one read last.
 */
@Component
class ErasureReminders {

	private static final Logger log = LoggerFactory.getLogger(ErasureReminders.class);

	private final Erasures erasures;

	private final Clock clock;

	private final SendingHours hours;

	ErasureReminders(Erasures erasures, Clock clock, SendingHours hours) {
		this.erasures = erasures;
		this.clock = clock;
		this.hours = hours;
	}

	@Scheduled(fixedDelayString = "${briefwissel.privacy.erasure-reminder-interval:1h}",
			initialDelayString = "${briefwissel.privacy.retention-initial-delay:5m}")
	void scheduled() {
		if (!hours.includes(ZonedDateTime.now(clock))) {
			return;
		}
		int sent = remindDue(LocalDate.now(clock));
		if (sent > 0) {
			log.info("{} erasure request reminder(s) queued", sent);
		}
	}

	/** Reminds of each open request due on this day, in the programme's zone; returns how many were reminded. */
	int remindDue(LocalDate today) {
		int sent = 0;
		for (UUID request : erasures.openNotReminded()) {
			try {
				sent += erasures.remindIfDue(request, today) ? 1 : 0;
			}
			catch (RuntimeException e) {
				// One request that fails (a lock that timed out) holds back no other; the next run tries again. Without
				// the exception's message: a database quotes the row it refused, an administrator's address in it.
				log.warn("Reminder of erasure request {} not sent ({}); the next run tries again", request, e.getClass().getSimpleName());
			}
		}
		return sent;
	}
}

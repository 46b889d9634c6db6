package nl.briefwissel.conversation;

import nl.briefwissel.Today;

import org.springframework.stereotype.Component;

/**
 * Lets a test outside this module run the reminder job now, as the scheduler would in its sending
 * hours: the job itself sends nothing at night or at the weekend, when a test may well run.
 */
@Component
public class ReminderRun {

	private final Reminders reminders;

	ReminderRun(Reminders reminders) {
		this.reminders = reminders;
	}

	public void now() {
		reminders.remindOn(Today.date());
	}
}

package nl.briefwissel.conversation;

import org.springframework.stereotype.Component;

/** Lets a test outside this module run the reminder job now, as the scheduler would. */
@Component
public class ReminderRun {

	private final Reminders reminders;

	ReminderRun(Reminders reminders) {
		this.reminders = reminders;
	}

	public void now() {
		reminders.sendDue();
	}
}

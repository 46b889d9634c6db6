package nl.briefwissel.trajectory;

import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When automatic mail that waits for working hours may go out: to participants, the contact moments'
 * reminders and the evaluation's; to administrators, the reminder of an erasure request still open a
 * week before its day to answer (privacy's ErasureReminders). Their jobs run every quarter or every
 * hour, day and night; without these hours a Friday's moment was reminded at a quarter past midnight
 * on Saturday, and an evaluation asked for on a Sunday night. One held back goes at the next opening.
 * Configurable for load tests, which run at any hour.
 */
@Component
public class SendingHours {

	private final LocalTime from;

	private final LocalTime until;

	private final boolean workingDaysOnly;

	SendingHours(@Value("${briefwissel.reminders.from:08:00}") String from,
			@Value("${briefwissel.reminders.until:20:00}") String until,
			@Value("${briefwissel.reminders.working-days-only:true}") boolean workingDaysOnly) {
		this.from = LocalTime.parse(from);
		// "24:00" for until the end of the day, as a person would write it.
		this.until = "24:00".equals(until) ? LocalTime.MAX : LocalTime.parse(until);
		this.workingDaysOnly = workingDaysOnly;
	}

	/** The usual hours: from eight until eight on working days. */
	public static SendingHours usual() {
		return new SendingHours("08:00", "20:00", true);
	}

	/** Whether mail may go at this moment, read in the zone it is given in. */
	public boolean includes(ZonedDateTime here) {
		LocalTime time = here.toLocalTime();
		return !(workingDaysOnly && !DutchHolidays.isWorkingDay(here.toLocalDate())) && !time.isBefore(from)
				&& time.isBefore(until);
	}
}

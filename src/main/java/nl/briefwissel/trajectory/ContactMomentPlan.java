package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The due dates of a trajectory's contact moments: {@code weeks} × {@code perWeek} moments on
 * working days, spread over each week of five working days (two a week fall on the 3rd and 5th
 * working day, as the pilot's Tuesday/Friday rhythm did). A holiday moves a moment to the next
 * working day, because holidays are simply not counted as working days.
 */
public record ContactMomentPlan(List<LocalDate> dueDates) {

	public ContactMomentPlan {
		dueDates = List.copyOf(dueDates);
	}

	public static ContactMomentPlan of(LocalDate start, int weeks, int perWeek) {
		if (weeks < 1 || perWeek < 1 || perWeek > 5) {
			throw new IllegalArgumentException("A plan needs at least one week and one to five moments a week");
		}
		List<LocalDate> workingDays = workingDays(start, weeks * 5);
		List<LocalDate> due = new ArrayList<>();
		for (int week = 0; week < weeks; week++) {
			for (int moment = 1; moment <= perWeek; moment++) {
				int index = (int) Math.ceil(5.0 * moment / perWeek); // 1..5 within the week
				due.add(workingDays.get(week * 5 + index - 1));
			}
		}
		return new ContactMomentPlan(due);
	}

	public int size() {
		return dueDates.size();
	}

	/** Adds {@code weeks} more weeks after the last moment, in the same rhythm. */
	public ContactMomentPlan extendedBy(int weeks, int perWeek) {
		LocalDate after = DutchHolidays.onOrAfter(dueDates.get(dueDates.size() - 1).plusDays(1));
		List<LocalDate> due = new ArrayList<>(dueDates);
		due.addAll(of(after, weeks, perWeek).dueDates());
		return new ContactMomentPlan(due);
	}

	/**
	 * A pause from {@code from} until {@code until} (exclusive): moments due in or after the pause
	 * move by the working days the pause took, so the participant keeps every moment.
	 */
	public ContactMomentPlan pausedBetween(LocalDate from, LocalDate until) {
		int pausedWorkingDays = workingDaysBetween(from, until);
		List<LocalDate> due = new ArrayList<>();
		for (LocalDate date : dueDates) {
			due.add(date.isBefore(from) ? date : DutchHolidays.plusWorkingDays(date, pausedWorkingDays));
		}
		return new ContactMomentPlan(due);
	}

	/** The last moment's day, when on {@code day} every moment has passed; empty while one is still to come. */
	public Optional<LocalDate> allPassedOn(LocalDate day) {
		return currentOn(day) > size() ? Optional.of(dueDates.get(size() - 1)) : Optional.empty();
	}

	/** The number (1-based) of the moment that is current on a day: the first not yet past; size() + 1 when all are past. */
	public int currentOn(LocalDate day) {
		for (int i = 0; i < dueDates.size(); i++) {
			if (!dueDates.get(i).isBefore(day)) {
				return i + 1;
			}
		}
		return dueDates.size() + 1;
	}

	private static List<LocalDate> workingDays(LocalDate start, int count) {
		List<LocalDate> days = new ArrayList<>(count);
		LocalDate day = start;
		while (days.size() < count) {
			if (DutchHolidays.isWorkingDay(day)) {
				days.add(day);
			}
			day = day.plusDays(1);
		}
		return days;
	}

	private static int workingDaysBetween(LocalDate from, LocalDate until) {
		int count = 0;
		for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
			if (DutchHolidays.isWorkingDay(day)) {
				count++;
			}
		}
		return count;
	}
}

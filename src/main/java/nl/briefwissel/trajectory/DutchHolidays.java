package nl.briefwissel.trajectory;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days in the Netherlands for contact moments: weekends and the public holidays of the
 * municipal collective agreement (Cao Gemeenten), which include Liberation Day every year.
 */
public final class DutchHolidays {

	private DutchHolidays() {
	}

	public static boolean isWorkingDay(LocalDate date) {
		DayOfWeek day = date.getDayOfWeek();
		return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
	}

	public static boolean isHoliday(LocalDate date) {
		return HOLIDAYS.computeIfAbsent(date.getYear(), DutchHolidays::of).contains(date);
	}

	// Every workspace row plans its contact moments day by day; working out Easter for each of those
	// days was a quarter of the workspace's own time (bench/pages). A year's holidays never change.
	private static final Map<Integer, Set<LocalDate>> HOLIDAYS = new ConcurrentHashMap<>();

	private static Set<LocalDate> of(int year) {
		LocalDate easter = easterSunday(year);
		// A copy, not Set.of: Ascension Day can fall on Liberation Day (5 May 2016).
		return Set.copyOf(List.of(LocalDate.of(year, Month.JANUARY, 1), kingsDay(year), LocalDate.of(year, Month.MAY, 5),
				easter.plusDays(1), easter.plusDays(39), easter.plusDays(50), LocalDate.of(year, Month.DECEMBER, 25),
				LocalDate.of(year, Month.DECEMBER, 26)));
	}

	/** The next working day on or after the date. */
	public static LocalDate onOrAfter(LocalDate date) {
		LocalDate day = date;
		while (!isWorkingDay(day)) {
			day = day.plusDays(1);
		}
		return day;
	}

	/** The working day {@code workingDays} working days after the date (on or after it for zero). */
	public static LocalDate plusWorkingDays(LocalDate date, int workingDays) {
		LocalDate day = date;
		int added = 0;
		while (added < workingDays) {
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				added++;
			}
		}
		return onOrAfter(day);
	}

	/** King's Day is 27 April, or the 26th when the 27th is a Sunday. */
	static LocalDate kingsDay(int year) {
		LocalDate day = LocalDate.of(year, Month.APRIL, 27);
		return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.minusDays(1) : day;
	}

	/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
	static LocalDate easterSunday(int year) {
		int a = year % 19;
		int b = year / 100;
		int c = year % 100;
		int d = b / 4;
		int e = b % 4;
		int f = (b + 8) / 25;
		int g = (b - f + 1) / 3;
		int h = (19 * a + b - d - g + 15) % 30;
		int i = c / 4;
		int k = c % 4;
		int l = (32 + 2 * e + 2 * i - h - k) % 7;
		int m = (a + 11 * h + 22 * l) / 451;
		int month = (h + l - 7 * m + 114) / 31;
		int day = ((h + l - 7 * m + 114) % 31) + 1;
		return LocalDate.of(year, month, day);
	}
}

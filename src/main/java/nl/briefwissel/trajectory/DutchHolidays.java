package nl.briefwissel.trajectory;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

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
		int year = date.getYear();
		LocalDate easter = easterSunday(year);
		return date.equals(LocalDate.of(year, Month.JANUARY, 1)) || date.equals(kingsDay(year))
				|| date.equals(LocalDate.of(year, Month.MAY, 5)) || date.equals(easter.plusDays(1))
				|| date.equals(easter.plusDays(39)) || date.equals(easter.plusDays(50))
				|| date.equals(LocalDate.of(year, Month.DECEMBER, 25)) || date.equals(LocalDate.of(year, Month.DECEMBER, 26));
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

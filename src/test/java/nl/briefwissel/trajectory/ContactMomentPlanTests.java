package nl.briefwissel.trajectory;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactMomentPlanTests {

	@Test
	void dutchPublicHolidaysAreNoWorkingDays() {
		assertThat(DutchHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
		assertThat(DutchHolidays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 4, 6))).as("Easter Monday").isTrue();
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 4, 27))).as("King's Day").isTrue();
		assertThat(DutchHolidays.kingsDay(2025)).as("27 April 2025 is a Sunday").isEqualTo(LocalDate.of(2025, 4, 26));
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 5, 5))).as("Liberation Day, every year for municipalities").isTrue();
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 5, 14))).as("Ascension Day").isTrue();
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 5, 25))).as("Whit Monday").isTrue();
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 12, 26))).isTrue();
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2027, 1, 1))).isTrue();
		assertThat(DutchHolidays.isWorkingDay(LocalDate.of(2026, 11, 27))).as("an ordinary Friday").isTrue();
		assertThat(DutchHolidays.isWorkingDay(LocalDate.of(2026, 11, 28))).as("a Saturday").isFalse();
	}

	@Test
	void twoHolidaysOnOneDayAreOneHoliday() {
		assertThat(DutchHolidays.isHoliday(LocalDate.of(2016, 5, 5))).as("Ascension and Liberation Day, 2016").isTrue();
		assertThat(DutchHolidays.isWorkingDay(LocalDate.of(2016, 5, 6))).isTrue();
	}

	@Test
	void sixWeeksOfTwoMomentsAreTwelveWorkingDaysOnTheThirdAndFifthWorkingDayOfEachWeek() {
		ContactMomentPlan plan = ContactMomentPlan.of(LocalDate.of(2026, 11, 2), 6, 2); // a Monday
		assertThat(plan.size()).isEqualTo(12);
		assertThat(plan.dueDates()).startsWith(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 6),
				LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 13));
		assertThat(plan.dueDates()).allSatisfy(date -> assertThat(DutchHolidays.isWorkingDay(date)).isTrue());
	}

	@Test
	void aHolidayMovesTheMomentToTheNextWorkingDay() {
		// Week of Christmas 2026: Friday 25 and Saturday 26 December are not working days.
		ContactMomentPlan plan = ContactMomentPlan.of(LocalDate.of(2026, 12, 21), 1, 2);
		assertThat(plan.dueDates()).containsExactly(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 28));
	}

	@Test
	void aPauseMovesEveryLaterMomentByTheWorkingDaysItTook() {
		ContactMomentPlan plan = ContactMomentPlan.of(LocalDate.of(2026, 11, 2), 2, 2);
		ContactMomentPlan paused = plan.pausedBetween(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16));
		assertThat(paused.dueDates()).containsExactly(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 6),
				LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 20));
	}

	@Test
	void anExtensionAddsWeeksInTheSameRhythm() {
		ContactMomentPlan plan = ContactMomentPlan.of(LocalDate.of(2026, 11, 2), 6, 2).extendedBy(2, 2);
		assertThat(plan.size()).isEqualTo(16);
		assertThat(plan.dueDates()).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void theCurrentMomentIsTheFirstNotYetPast() {
		ContactMomentPlan plan = ContactMomentPlan.of(LocalDate.of(2026, 11, 2), 6, 2);
		assertThat(plan.currentOn(LocalDate.of(2026, 11, 2))).isEqualTo(1);
		assertThat(plan.currentOn(LocalDate.of(2026, 11, 5))).isEqualTo(2);
		assertThat(plan.currentOn(LocalDate.of(2027, 1, 1))).isEqualTo(13);
	}

	@Test
	void aPlanNeedsWeeksAndMoments() {
		assertThatThrownBy(() -> ContactMomentPlan.of(LocalDate.of(2026, 11, 2), 0, 2))
			.isInstanceOf(IllegalArgumentException.class);
	}
}

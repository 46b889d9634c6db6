package nl.briefwissel;

import java.time.LocalDate;

/**
 * Today as the application sees it: in Amsterdam, whatever zone the machine running the tests is in.
 * {@code LocalDate.now()} in a test is yesterday for the application between 23:00 and 24:00 UTC in
 * winter, and a start date of "today" is then refused as in the past.
 */
public final class Today {

	private Today() {
	}

	public static LocalDate date() {
		return LocalDate.now(TimeConfiguration.AMSTERDAM);
	}
}

package nl.briefwissel.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in page says how long the lock lasts as it is configured: "15 minuten" was written into the sentence. */
class LockedMinutesTests {

	@Test
	void theLocksLengthIsTheConfiguredOneInWholeMinutes() {
		assertThat(attemptsLockingFor(Duration.ofMinutes(30)).lockedMinutes()).isEqualTo(30);
		assertThat(attemptsLockingFor(Duration.ofSeconds(90)).lockedMinutes()).isEqualTo(2);
		assertThat(attemptsLockingFor(Duration.ofSeconds(20)).lockedMinutes()).isEqualTo(1);
	}

	@Test
	void theSentenceSaysOneMinuteOrSoManyMinutesInBothLanguages() {
		ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
		texts.setBasename("messages");
		texts.setDefaultEncoding("UTF-8");
		Locale dutch = Locale.forLanguageTag("nl");
		assertThat(texts.getMessage("login.locked", new Object[] { 30L }, dutch)).contains("Het account is 30 minuten op slot.");
		assertThat(texts.getMessage("login.locked", new Object[] { 1L }, dutch)).contains("Het account is 1 minuut op slot.");
		assertThat(texts.getMessage("login.locked", new Object[] { 30L }, Locale.ENGLISH)).contains("locked for 30 minutes.");
		assertThat(texts.getMessage("login.locked", new Object[] { 1L }, Locale.ENGLISH)).contains("locked for 1 minute.");
	}

	/** A lock of wrong codes grows to hours, and at the end waits for an administrator: said so in both languages. */
	@Test
	void theSentenceSaysHoursOrTheAdministratorInBothLanguages() {
		ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
		texts.setBasename("messages");
		texts.setDefaultEncoding("UTF-8");
		Locale dutch = Locale.forLanguageTag("nl");
		assertThat(texts.getMessage("login.lockedHours", new Object[] { 1L }, dutch)).contains("Het account is 1 uur op slot.");
		assertThat(texts.getMessage("login.lockedHours", new Object[] { 8L }, dutch)).contains("Het account is 8 uur op slot.");
		assertThat(texts.getMessage("login.lockedHours", new Object[] { 1L }, Locale.ENGLISH)).contains("locked for 1 hour.");
		assertThat(texts.getMessage("login.lockedHours", new Object[] { 8L }, Locale.ENGLISH)).contains("locked for 8 hours.");
		assertThat(texts.getMessage("login.lockedUntilAdministrator", null, dutch)).contains("tot een beheerder het ontgrendelt",
				"beheerder");
		assertThat(texts.getMessage("login.lockedUntilAdministrator", null, Locale.ENGLISH))
			.contains("until an administrator unlocks it", "administrator");
	}

	private static SignInAttempts attemptsLockingFor(Duration lock) {
		return new SignInAttempts(null, Clock.systemUTC(),
				new SignInProperties(5, lock, 30, Duration.ofMinutes(5), Duration.ofMinutes(30), 3, null, 100, Duration.ofMinutes(30)), null, null);
	}
}

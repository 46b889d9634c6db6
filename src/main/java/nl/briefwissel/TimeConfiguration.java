package nl.briefwissel;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for every module, so tests can move time instead of waiting for it. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	/** Contact moments, reminders and due dates are Dutch working days. */
	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Bean
	ApplicationClock clock() {
		return new ApplicationClock(Clock.system(AMSTERDAM));
	}
}

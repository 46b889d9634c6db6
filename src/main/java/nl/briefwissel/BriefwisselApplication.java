package nl.briefwissel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Briefwissel: written career coaching by e-mail. A modular monolith; each top-level package
 * under {@code nl.briefwissel} is one feature module (see ARCHITECTURE.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BriefwisselApplication {

	public static void main(String[] args) {
		SpringApplication.run(BriefwisselApplication.class, args);
	}
}

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
		// Before any mail class loads: Jakarta Mail reads its leniency once, from the system properties.
		nl.briefwissel.mail.MimeLeniency.apply();
		if (args.length > 0 && "mail".equals(args[0])) {
			// A command, not the application: no Spring context, no database.
			System.exit(nl.briefwissel.mail.MailCommand.run(args, System.out, System.err));
		}
		if (args.length > 0 && "encryption".equals(args[0])) {
			// A command with a small context of its own: the database and the keys, no web or mail.
			System.exit(nl.briefwissel.encryption.EncryptionCommand.run(args, System.out, System.err));
		}
		if (args.length > 0 && "dataset".equals(args[0])) {
			// A benchmark dataset for an empty PostgreSQL database: the database and the keys, nothing else.
			System.exit(nl.briefwissel.dataset.DatasetCommand.run(args, System.out, System.err));
		}
		SpringApplication.run(BriefwisselApplication.class, args);
	}
}

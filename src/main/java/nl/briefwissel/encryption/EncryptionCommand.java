package nl.briefwissel.encryption;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar briefwissel.jar encryption rotate [--batch-size=N]} re-encrypts every record
 * that is not under the active key; {@code encryption status} counts records per key. Runs on
 * the database and keys of the configuration (the same environment as the application), in a
 * context of its own without web server, mail or jobs, so it can run next to running nodes.
 * Exit code 0 when done, 1 for wrong usage, 2 when a record or the configuration is unreadable (also
 * when records are under a key that is no longer configured).
 */
public final class EncryptionCommand {

	private static final String USAGE = "Usage: java -jar briefwissel.jar encryption rotate [--batch-size=N] | encryption status";

	private EncryptionCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length < 2 || !"encryption".equals(args[0]) || !List.of("rotate", "status").contains(args[1])) {
			err.println(USAGE);
			return 1;
		}
		Integer batchSize = null;
		List<String> springArgs = new ArrayList<>();
		for (String arg : List.of(args).subList(2, args.length)) {
			// A word the command does not know ("rotate now", "status k1") was passed over, and the command
			// ran as if it had not been given: an administrator who meant something else learnt nothing.
			if (!arg.startsWith("--") || arg.startsWith("--batch-size=") && "status".equals(args[1])) {
				err.println("Not understood: '" + arg + "'. " + USAGE);
				return 1;
			}
			if (arg.startsWith("--batch-size=")) {
				try {
					batchSize = Integer.parseInt(arg.substring("--batch-size=".length()));
				}
				catch (NumberFormatException e) {
					batchSize = 0;
				}
				if (batchSize < 1) {
					err.println("The batch size must be a number of at least 1. " + USAGE);
					return 1;
				}
			}
			else if (arg.startsWith("--")) {
				springArgs.add(arg);
			}
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandContext.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(springArgs.toArray(String[]::new))) {
			KeyRotation rotation = context.getBean(KeyRotation.class);
			if ("rotate".equals(args[1])) {
				int size = batchSize != null ? batchSize : context.getBean(EncryptionProperties.class).rotationBatchSize();
				out.println("Re-encrypting under key '" + context.getBean(Encryption.class).keyId() + "' in batches of " + size);
				long total = rotation.rotate(size, out::println);
				out.println("Done: " + total + " record(s) re-encrypted.");
			}
			Map<String, Map<String, Long>> census = rotation.census();
			print(census, out);
			// A key taken out of the configuration while records still need it: they no longer open, and
			// "status" is where an administrator looks before removing the next one.
			java.util.Set<String> missing = new java.util.TreeSet<>();
			census.values().forEach(counts -> missing.addAll(counts.keySet()));
			missing.remove("plain");
			missing.removeAll(context.getBean(Keyring.class).ids());
			if (!missing.isEmpty()) {
				err.println("Records are under key(s) that are not configured: " + String.join(", ", missing)
						+ ". They cannot be read until the key is configured again.");
				return 2;
			}
			return 0;
		}
		catch (UnreadableRecordException e) {
			err.println("Stopped: " + e.getMessage());
			err.println("Batches before this one are done; run the command again once the key is configured or the record restored.");
			return 2;
		}
		catch (RuntimeException e) {
			err.println("Cannot run the encryption command: " + reason(e));
			return 2;
		}
	}

	/** Our own sentence (a key that cannot be read, a missing setting) rather than the bean that failed. */
	private static String reason(Throwable e) {
		String reason = e.getMessage();
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof IllegalStateException) {
				reason = cause.getMessage();
			}
		}
		return reason;
	}

	private static void print(Map<String, Map<String, Long>> census, PrintStream out) {
		out.println("Records per key:");
		census.forEach((table, counts) -> out.println("  " + table + ": " + (counts.isEmpty() ? "none" : counts)));
	}

	/**
	 * The database, the keys and every module's {@link EncryptedTables}; nothing that sends mail,
	 * listens on a port or runs jobs. Deliberately not a {@code @Configuration}: the application's
	 * own component scan and {@code @SpringBootTest} must never pick it up.
	 */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, TransactionAutoConfiguration.class,
			FlywayAutoConfiguration.class })
	@ComponentScan(basePackages = "nl.briefwissel", useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = EncryptedTables.class))
	@EnableConfigurationProperties(EncryptionProperties.class)
	@Import(KeyRotation.class)
	static class CommandContext {

		/** The application's keys, never a new development key (see {@link Keyring#existing}). */
		@Bean
		Keyring keyring(EncryptionProperties properties) {
			return Keyring.existing(properties);
		}

		@Bean
		Encryption encryption(Keyring keyring) {
			return new Encryption(keyring);
		}
	}
}

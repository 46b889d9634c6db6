package nl.briefwissel.dataset;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import nl.briefwissel.encryption.Encryption;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * {@code java -jar briefwissel.jar dataset --trajectories=20000 --briefwissel.db.url=...}: migrates
 * an empty PostgreSQL database and fills it with a realistic programme for the page benchmarks
 * ({@code bench/pages}). Refuses H2 and any database that already holds people or trajectories:
 * every generated account shares one known password and authenticator secret, which must never end
 * up next to real people.
 *
 * <p>Coaches and organisations scale with the trajectories: 20,000 trajectories come with 200
 * coaches and 10 organisations, 2,000 with 20 coaches and one. A coach's caseload (about a hundred
 * trajectories, a fifth running, some 25 letters each) and an organisation's size (two thousand
 * trajectories in two programmes) are therefore the same at both sizes, so a coach's workspace, a
 * conversation and a manager's statistics show the same amount of data; only the tables they are
 * read from are ten times larger. A page whose cost stays flat from 2,000 to 20,000 then shows what it should:
 * whether reading stays proportional to what a page shows (indexes, no scans of whole tables), not
 * whether a coach with ten times the participants takes ten times longer.
 *
 * <p>Exit code 0 when written, 1 for wrong usage, 2 when the database is refused or writing fails.
 */
public final class DatasetCommand {

	private static final String USAGE = "Usage: java -jar briefwissel.jar dataset --trajectories=N "
			+ "--briefwissel.db.url=jdbc:postgresql://HOST:5432/EMPTY_DATABASE --briefwissel.db.user=USER "
			+ "[--briefwissel.encryption.keys.ID=... --briefwissel.encryption.active-key=ID]";

	private DatasetCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length < 1 || !"dataset".equals(args[0])) {
			err.println(USAGE);
			return 1;
		}
		Integer trajectories = null;
		List<String> springArgs = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			String value = null;
			if (arg.startsWith("--trajectories=")) {
				value = arg.substring("--trajectories=".length());
			}
			else if (arg.equals("--trajectories") && i + 1 < args.length) {
				value = args[++i];
			}
			else if (arg.startsWith("--")) {
				springArgs.add(arg);
				continue;
			}
			else {
				err.println(USAGE);
				return 1;
			}
			try {
				trajectories = Integer.parseInt(value.replace("_", ""));
			}
			catch (NumberFormatException e) {
				trajectories = 0;
			}
			if (trajectories < 1 || trajectories > 1_000_000) {
				err.println("The number of trajectories must be between 1 and 1,000,000. " + USAGE);
				return 1;
			}
		}
		if (trajectories == null) {
			err.println(USAGE);
			return 1;
		}
		// Look before Flyway touches anything: H2 is refused without creating files or tables.
		String url = springArgs.stream()
			.filter(a -> a.startsWith("--briefwissel.db.url=") || a.startsWith("--spring.datasource.url="))
			.map(a -> a.substring(a.indexOf('=') + 1))
			.reduce((first, second) -> second)
			.orElse(System.getenv().getOrDefault("BRIEFWISSEL_DB_URL", ""));
		if (!url.startsWith("jdbc:postgresql:")) {
			err.println("The dataset is for PostgreSQL only" + (url.isEmpty() ? " and no database was given" : ", not " + url)
					+ ". " + USAGE);
			return 2;
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandContext.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(springArgs.toArray(String[]::new))) {
			DataSource dataSource = context.getBean(DataSource.class);
			Optional<String> refusal;
			try (Connection connection = dataSource.getConnection()) {
				refusal = DatasetGenerator.refusal(connection);
			}
			if (refusal.isPresent()) {
				err.println(refusal.get());
				return 2;
			}
			DatasetGenerator.Size size = DatasetGenerator.Size.of(trajectories);
			out.println("Writing " + size.trajectories() + " trajectories with " + size.coaches() + " coaches in "
					+ size.organisations() + " organisation(s) into " + url);
			DatasetGenerator.Summary summary = new DatasetGenerator(dataSource, context.getBean(Encryption.class),
					"bench.briefwissel.test", Clock.systemUTC())
				.generate(trajectories, out::println);
			out.println("Rows per table: " + summary.rows());
			out.printf("Done in %.1f s. Every account: password '%s'; coaches and managers: authenticator secret %s.%n",
					summary.took().toMillis() / 1000.0, DatasetGenerator.PASSWORD, DatasetGenerator.TOTP_SECRET);
			return 0;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			err.println("Interrupted; the database is half filled: drop it and start again.");
			return 2;
		}
		catch (Exception e) {
			err.println("Cannot write the dataset: " + e.getMessage());
			return 2;
		}
	}

	/**
	 * The database, its migrations and the keys; nothing that sends mail, listens or runs jobs. Not
	 * a {@code @Configuration}, so the application's own scan never picks it up.
	 */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
	@ComponentScan(basePackages = "nl.briefwissel.encryption", useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*EncryptionConfiguration"))
	static class CommandContext {
	}
}

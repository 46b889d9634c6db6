package nl.briefwissel.dataset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import nl.briefwissel.encryption.Encryption;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Writes a programme of a given number of trajectories into a database, the way the application
 * would have written it: letters, notes, attachments and authenticator secrets sealed under the
 * active key, passwords hashed with Argon2id. Every account gets {@link #PASSWORD} and every coach
 * and programme manager the authenticator secret {@link #TOTP_SECRET}, so a load tool signs in as
 * a person does, code included.
 *
 * <p>Coaches and organisations grow with the trajectories ({@link Size}): a coach always has about
 * a hundred trajectories (a fifth of them running) and an organisation two thousand, so what one
 * page shows stays the same at every size and only the tables around it grow.
 */
final class DatasetGenerator {

	/** The password of every generated account. Only ever for a benchmark database. */
	static final String PASSWORD = "briefwissel-bench";

	/** 160 bits in base32, as an authenticator app is given them. */
	static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	static final int TRAJECTORIES_PER_COACH = 100;

	static final int TRAJECTORIES_PER_ORGANISATION = 2_000;

	private static final int CHUNK = 200;

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final List<String> THEMES = List.of("NEXT_STEP", "RETRAINING", "GROWTH", "GRIP", "SURPLUS",
			"MOVE_WITHIN", "NOT_SURE");

	private static final String[][] THEME_LABELS = {
			{ "Een volgende stap die past bij mijn kwaliteiten", "A next step that fits my qualities" },
			{ "Omscholen naar een ander vakgebied", "Retraining towards another field" },
			{ "Me blijven ontwikkelen en de uitdaging houden", "Growing and keeping the challenge" },
			{ "Meer grip op mijn huidige functie", "More grip on my current role" },
			{ "Boventallig of ontslag", "Surplus staff or dismissal" },
			{ "Doorstromen binnen de organisatie", "Moving within the organisation" },
			{ "Ik weet nog niet of ik met mijn loopbaan aan de slag wil", "Not sure yet whether to work on my career at all" } };

	private static final List<String> FIRST_NAMES = List.of("Sanne", "Daan", "Fatima", "Jeroen", "Anouk", "Mohammed",
			"Lotte", "Bram", "Yara", "Thijs", "Eva", "Kees", "Noor", "Ruben", "Ingrid", "Sem", "Emma", "Hatice", "Pieter",
			"Julia", "Wouter", "Marieke", "Sven", "Aisha", "Joost", "Lieke", "Stefan", "Naomi");

	private static final List<String> LAST_NAMES = List.of("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer",
			"de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
			"de Wit", "Dijkstra", "Yilmaz", "El Amrani", "van den Berg", "Kok", "Jacobs", "Vermeulen");

	/**
	 * As {@code closing.Evaluations.REMIND_AFTER}: when an unanswered evaluation request is reminded. A copy,
	 * because this module may not depend on closing (the application's root starts the dataset command).
	 */
	private static final Duration EVALUATION_REMINDED_AFTER = Duration.ofDays(5);

	private static final List<String> STOP_REASONS = List.of("NO_TIME", "JOB_CHANGE", "NO_RESPONSE",
			"PERSONAL_CIRCUMSTANCES", "OTHER_FORM_OF_COACHING");

	/**
	 * As {@code trajectory.Reason.forExtending()}, most often more time; a copy, as this module may not depend on trajectory.
	 * Not OTHER: the rows carry no explanation, and the application refuses another reason without one.
	 */
	private static final List<String> EXTENSION_REASONS = List.of("MORE_TIME_NEEDED", "MORE_TIME_NEEDED", "MORE_TIME_NEEDED",
			"PERSONAL_CIRCUMSTANCES", "JOB_CHANGE");

	/** As {@code trajectory.Trajectory.MAX_WEEKS}: a trajectory runs twelve weeks at most, extensions included. */
	private static final int MAX_WEEKS = 12;

	private static final List<String> HELPED_MOST = List.of("WRITING", "COACH_QUESTIONS", "ASSIGNMENTS", "RHYTHM",
			"REREADING", "OTHER");

	private static final String[][] ATTACHMENTS = { { "cv.pdf", "application/pdf" },
			{ "opdracht-waarden.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
			{ "foto-werkplek.jpg", "image/jpeg" } };

	/** How many coaches, organisations and programmes a number of trajectories comes with. */
	record Size(int trajectories, int coaches, int organisations) {

		static Size of(int trajectories) {
			if (trajectories < 1) {
				throw new IllegalArgumentException("At least one trajectory");
			}
			return new Size(trajectories, Math.max(1, ceilDiv(trajectories, TRAJECTORIES_PER_COACH)),
					Math.max(1, ceilDiv(trajectories, TRAJECTORIES_PER_ORGANISATION)));
		}
	}

	/** What was written, per table, and how long it took. */
	record Summary(Map<String, Long> rows, Duration took) {
	}

	private final DataSource dataSource;

	private final Encryption encryption;

	private final String domain;

	private final Clock clock;

	private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

	DatasetGenerator(DataSource dataSource, Encryption encryption, String domain, Clock clock) {
		this.dataSource = dataSource;
		this.encryption = encryption;
		this.domain = domain;
		this.clock = clock;
	}

	/** Why this database must not get a dataset, if it must not: not PostgreSQL, or not empty. */
	static Optional<String> refusal(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if (!"PostgreSQL".equalsIgnoreCase(product)) {
			return Optional.of("The dataset is for PostgreSQL only, and this database is " + product
					+ ". Give a PostgreSQL database with --briefwissel.db.url=jdbc:postgresql://HOST:5432/NAME.");
		}
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						select (select count(*) from organisation) + (select count(*) from account)
						     + (select count(*) from trajectory) + (select count(*) from message)""")) {
			rs.next();
			if (rs.getLong(1) > 0) {
				return Optional.of("This database is not empty (it has organisations, accounts, trajectories or messages)."
						+ " The dataset only goes into a new, empty database: create one and run the command again.");
			}
		}
		return Optional.empty();
	}

	Summary generate(int trajectories, Consumer<String> progress) throws SQLException, InterruptedException {
		long start = System.nanoTime();
		Size size = Size.of(trajectories);
		OffsetDateTime now = OffsetDateTime.now(clock.withZone(AMSTERDAM));
		String passwordHash = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
		People people = people(size, now, passwordHash);
		progress.accept("Written " + size.organisations() + " organisation(s), " + people.programmes().size()
				+ " programmes and " + size.coaches() + " coaches; now " + trajectories + " trajectories in chunks of " + CHUNK);
		// Two workers: while one seals and builds letters, PostgreSQL takes in the other's chunk.
		ExecutorService workers = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> chunks = new ArrayList<>();
			AtomicLong done = new AtomicLong();
			for (int first = 0; first < trajectories; first += CHUNK) {
				int from = first;
				int until = Math.min(trajectories, first + CHUNK);
				chunks.add(workers.submit(() -> {
					write(chunk(people, size, from, until, now, passwordHash));
					long finished = done.addAndGet(until - from);
					if (finished % 2_000 == 0 || finished == trajectories) {
						progress.accept("  " + finished + " trajectories, " + count("message") + " messages");
					}
					return null;
				}));
			}
			for (Future<?> chunk : chunks) {
				chunk.get();
			}
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof SQLException sql) {
				throw sql;
			}
			throw new IllegalStateException(e.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			if ("PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
				// The planner chooses as it would on a database that grew over years, not on empty statistics,
				// and index-only scans work as they do once autovacuum has marked the pages all-visible.
				connection.setAutoCommit(true);
				statement.execute("vacuum analyze");
			}
		}
		Map<String, Long> rows = new LinkedHashMap<>();
		synchronized (counts) {
			counts.forEach((table, n) -> rows.put(table, n.get()));
		}
		return new Summary(rows, Duration.ofNanos(System.nanoTime() - start));
	}

	private long count(String table) {
		synchronized (counts) {
			AtomicLong n = counts.get(table);
			return n == null ? 0 : n.get();
		}
	}

	/** The organisations, programmes, coaches and managers; every trajectory refers to them. */
	private record People(List<UUID> organisations, List<UUID> programmes, List<UUID> coaches, List<UUID> managers,
			List<String> coachNames) {
	}

	private People people(Size size, OffsetDateTime now, String passwordHash) throws SQLException {
		SplittableRandom random = new SplittableRandom(1);
		Tables tables = new Tables();
		List<UUID> organisations = new ArrayList<>();
		List<UUID> programmes = new ArrayList<>();
		List<UUID> managers = new ArrayList<>();
		OffsetDateTime founded = now.minusYears(3);
		for (int o = 0; o < size.organisations(); o++) {
			UUID organisation = UUID.randomUUID();
			organisations.add(organisation);
			tables.organisation.add(organisation, "Organisatie " + (o + 1), founded);
			for (int p = 0; p < 2; p++) {
				UUID programme = UUID.randomUUID();
				programmes.add(programme);
				tables.programme.add(programme, organisation, p == 0 ? "Loopbaan schriftelijk " + (o + 1) : "Verdieping " + (o + 1),
						weeks(p), 2, 2, 24, "FULL_TEXT", founded);
				for (int t = 0; t < THEMES.size(); t++) {
					tables.programmeTheme.add(programme, THEMES.get(t), THEME_LABELS[t][0], THEME_LABELS[t][1], t + 1, true);
				}
			}
			UUID manager = UUID.randomUUID();
			managers.add(manager);
			staff(tables, manager, organisation, String.format("manager-%02d", o + 1), name(random), "PROGRAMME_MANAGER",
					passwordHash, founded);
		}
		List<UUID> coaches = new ArrayList<>();
		List<String> coachNames = new ArrayList<>();
		for (int c = 0; c < size.coaches(); c++) {
			UUID coach = UUID.randomUUID();
			int organisation = organisationOfCoach(c, size);
			String name = name(random);
			coaches.add(coach);
			coachNames.add(name);
			staff(tables, coach, organisations.get(organisation), String.format("coach-%03d", c + 1), name, "COACH",
					passwordHash, founded);
			tables.coachProfile.add(coach, 40, true, "NOBCO", "GROWTH,GRIP", true);
			tables.programmeCoach.add(programmes.get(2 * organisation), coach);
			tables.programmeCoach.add(programmes.get(2 * organisation + 1), coach);
		}
		write(tables);
		return new People(organisations, programmes, coaches, managers, coachNames);
	}

	private void staff(Tables tables, UUID id, UUID organisation, String local, String name, String role,
			String passwordHash, OffsetDateTime at) {
		tables.account.add(id, organisation, local + "@" + domain, name, passwordHash, "nl", true, at,
				encryption.sealText(TOTP_SECRET), encryption.keyId(), at);
		tables.accountRole.add(id, role);
	}

	/** Math.ceilDiv arrived in Java 18. */
	private static int ceilDiv(int x, int y) {
		return -Math.floorDiv(-x, y);
	}

	private static int weeks(int programme) {
		return programme == 0 ? 6 : 8;
	}

	/**
	 * An extension as the trajectory's history keeps it: when, by how many weeks, the reason's code, and the last contact
	 * moment its mail named (V112).
	 */
	private record Extension(OffsetDateTime at, int weeks, String reason, LocalDate lastMoment) {
	}

	/**
	 * The weeks of each extension a trajectory of {@code weeks} gets: one in seven is extended, by one to four weeks,
	 * and one in four of those a second time, as far as the twelve weeks allow.
	 */
	private static List<Integer> extensions(int weeks, SplittableRandom random) {
		if (random.nextInt(100) >= 15) {
			return List.of();
		}
		int first = 1 + random.nextInt(4);
		int room = Math.min(4, MAX_WEEKS - weeks - first);
		return random.nextInt(4) == 0 && room > 0 ? List.of(first, 1 + random.nextInt(room)) : List.of(first);
	}

	private static int organisationOfCoach(int coach, Size size) {
		return (int) ((long) coach * size.organisations() / size.coaches());
	}

	private static int organisationOfTrajectory(int trajectory, Size size) {
		return (int) ((long) trajectory * size.organisations() / size.trajectories());
	}

	private static String name(SplittableRandom random) {
		return FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " " + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
	}

	private Tables chunk(People people, Size size, int from, int until, OffsetDateTime now, String passwordHash) {
		SplittableRandom random = new SplittableRandom(from + 7919L);
		Tables tables = new Tables();
		LocalDate today = now.toLocalDate();
		for (int t = from; t < until; t++) {
			int organisation = organisationOfTrajectory(t, size);
			// The coaches of the trajectory's own organisation, in turn.
			int firstCoach = ceilDiv(organisation * size.coaches(), size.organisations());
			int lastCoach = ceilDiv((organisation + 1) * size.coaches(), size.organisations());
			int coachIndex = firstCoach + t % Math.max(1, lastCoach - firstCoach);
			UUID coach = people.coaches().get(coachIndex);
			String coachName = people.coachNames().get(coachIndex);
			UUID manager = people.managers().get(organisation);
			int programmeIndex = t % 2;
			UUID programme = people.programmes().get(2 * organisation + programmeIndex);
			int weeks = weeks(programmeIndex);
			boolean dutch = random.nextInt(10) < 8;
			String name = name(random);
			String firstName = name.substring(0, name.indexOf(' '));
			String coachFirstName = coachName.substring(0, coachName.indexOf(' '));
			String theme = THEMES.get(random.nextInt(THEMES.size()));

			double roll = random.nextDouble();
			String status = roll < 0.22 ? "RUNNING" : roll < 0.95 ? "COMPLETED" : "STOPPED";
			List<Integer> extensions = extensions(weeks, random);
			int planned = weeks + extensions.stream().mapToInt(Integer::intValue).sum();
			// An ended one ended before today with every extension it had.
			LocalDate startedOn = "RUNNING".equals(status) ? today.minusDays(random.nextInt(weeks * 7))
					: today.minusDays(planned * 7 + 14 + random.nextInt(660));
			List<LocalDate> due = dueDates(startedOn, planned);
			int moments = "STOPPED".equals(status) ? 1 + random.nextInt(due.size() - 1) : due.size();
			LocalDate endedOn = switch (status) {
				case "COMPLETED" -> due.get(due.size() - 1).plusDays(1 + random.nextInt(4));
				case "STOPPED" -> due.get(moments - 1).plusDays(3 + random.nextInt(10));
				default -> null;
			};
			// A coach extends in the last week of the plan as it stands. One that would fall after the stop, or after
			// today for a trajectory still running, did not happen, nor any after it: a shorter plan's contact moments
			// are the first of the longer one's, and no letter was written after the end or after today.
			LocalDate extendedUntil = endedOn == null ? today : endedOn;
			List<Extension> extended = new ArrayList<>();
			int extraWeeks = 0;
			for (int more : extensions) {
				LocalDate on = due.get(2 * (weeks + extraWeeks) - 2 - random.nextInt(2));
				OffsetDateTime at = at(on, 9 + random.nextInt(8), random);
				if (!on.isBefore(extendedUntil) || !at.isBefore(now)) {
					break;
				}
				// Made before the plan's last moment, without a pause: the plan right after it is the first of the
				// longer one's moments (two a week), and its last is the day its mail named.
				extended.add(new Extension(at, more, EXTENSION_REASONS.get(random.nextInt(EXTENSION_REASONS.size())),
						due.get(2 * (weeks + extraWeeks + more) - 1)));
				extraWeeks += more;
			}
			OffsetDateTime created = at(startedOn.minusDays(7 + random.nextInt(14)), 8 + random.nextInt(12), random);

			UUID participant = UUID.randomUUID();
			UUID trajectory = UUID.randomUUID();
			tables.account.add(participant, people.organisations().get(organisation),
					String.format("participant-%05d@%s", t + 1, domain), name, passwordHash, dutch ? "nl" : "en", true,
					created, null, null, null);
			tables.accountRole.add(participant, "PARTICIPANT");
			String goals = random.nextBoolean() ? (dutch ? "Helder krijgen wat mij energie geeft." : "Find out what gives me energy.") : null;
			tables.trajectory.add(trajectory, programme, participant, coach, status, theme, created, startedOn, endedOn,
					weeks, 2, extraWeeks, 24, encryption.sealText(goals), encryption.keyId());
			tables.intake.add(UUID.randomUUID(), programme, String.format("participant-%05d@%s", t + 1, domain), name,
					dutch ? "nl" : "en", "LINK", "SUBMITTED",
					encryption.sealText(dutch ? "Ik twijfel of ik in mijn huidige functie wil blijven." : "I am not sure whether to stay in my role."),
					encryption.keyId(), theme, "YES", "YES", random.nextBoolean() ? "YES" : "PARTLY", created, created, "CONSENT", trajectory,
					created, created);
			OffsetDateTime proposed = created.plusDays(1);
			OffsetDateTime accepted = created.plusDays(2);
			tables.coachProposal.add(UUID.randomUUID(), trajectory, coach, manager, proposed, startedOn, accepted, true);
			tables.transition.add(UUID.randomUUID(), trajectory, proposed, "INTAKE", "MATCHING", null, manager, null, null); // a proposal gives no reason
			tables.transition.add(UUID.randomUUID(), trajectory, accepted, "MATCHING", "RUNNING", "MATCHED", coach, null, null);
			for (Extension extension : extended) {
				tables.transition.add(UUID.randomUUID(), trajectory, extension.at(), "RUNNING", "RUNNING", extension.reason(), coach,
						extension.weeks(), extension.lastMoment());
			}
			tables.replyToken.add(token(random), trajectory, participant, accepted, dutch ? "nl" : "en");

			OffsetDateTime welcome = at(startedOn, 9 + random.nextInt(3), random);
			if (welcome.isBefore(now)) {
				message(tables, trajectory, coach, "COACH", "WEB",
						Letters.letter(true, dutch, firstName, coachFirstName, Letters.length(random), random), welcome, dutch,
						random);
			}
			for (int k = 0; k < moments; k++) {
				OffsetDateTime wrote = at(due.get(k), 8 + random.nextInt(14), random);
				if (!wrote.isBefore(now)) {
					break;
				}
				if (random.nextInt(100) < 3) {
					continue; // a moment passes without a letter, as some do
				}
				boolean byMail = random.nextInt(10) < 7;
				message(tables, trajectory, participant, "PARTICIPANT", byMail ? "MAIL" : "WEB",
						Letters.letter(false, dutch, coachFirstName, firstName, Letters.length(random), random), wrote, dutch,
						random);
				OffsetDateTime answered = at(due.get(k).plusDays(1 + random.nextInt(2)), 9 + random.nextInt(8), random);
				if (answered.isBefore(now)) {
					message(tables, trajectory, coach, "COACH", "WEB",
							Letters.letter(true, dutch, firstName, coachFirstName, Letters.length(random), random), answered,
							dutch, random);
				}
			}
			if (random.nextInt(10) < 3) {
				tables.coachNote.add(UUID.randomUUID(), trajectory, coach, encryption.sealText(Letters.note(dutch, random)),
						encryption.keyId(), at(startedOn.plusDays(3), 17, random));
			}
			if (endedOn != null) {
				OffsetDateTime ended = at(endedOn, 10, random);
				boolean completed = "COMPLETED".equals(status);
				tables.transition.add(UUID.randomUUID(), trajectory, ended, "RUNNING", status,
						completed ? "QUESTION_ANSWERED" : STOP_REASONS.get(random.nextInt(STOP_REASONS.size())), coach, null, null);
				if (completed) {
					boolean reacted = random.nextBoolean();
					tables.closing.add(trajectory, encryption.sealText(Letters.summary(dutch, firstName, random)), encryption.keyId(),
							ended, ended, reacted ? encryption.sealText(dutch ? "Dank je wel, dit klopt precies." : "Thank you, this is exactly right.") : null,
							reacted ? encryption.keyId() : null, reacted ? ended.plusDays(1) : null);
					boolean answeredEvaluation = random.nextInt(10) < 6;
					// An unanswered request was reminded once, days after it went out, as the programme's
					// hourly run does; left unreminded, an instance started on the dataset would mail
					// thousands of reminders at once in the middle of a benchmark (docs/performance.md).
					OffsetDateTime reminded = ended.plus(EVALUATION_REMINDED_AFTER);
					tables.evaluationRequest.add(trajectory, HexFormat.of().formatHex(bytes(random, 32)), ended,
							answeredEvaluation ? ended.plusDays(2) : null,
							!answeredEvaluation && reminded.isBefore(now) ? reminded : null);
					if (answeredEvaluation) {
						tables.evaluationAnswer.add(UUID.randomUUID(), programme, theme, endedOn.plusDays(2).withDayOfMonth(1),
								6 + random.nextInt(5), 2 + random.nextInt(5), 5 + random.nextInt(5), random.nextInt(100) < 85,
								HELPED_MOST.get(random.nextInt(HELPED_MOST.size())), null);
					}
				}
			}
		}
		return tables;
	}

	private void message(Tables tables, UUID trajectory, UUID author, String role, String channel, String body,
			OffsetDateTime at, boolean dutch, SplittableRandom random) {
		UUID id = UUID.randomUUID();
		tables.message.add(id, trajectory, author, role, "MESSAGE", encryption.sealText(body), encryption.keyId(), channel,
				"MAIL".equals(channel) ? "<" + UUID.randomUUID() + "@mail.example.org>" : null, at, dutch ? "nl" : "en");
		if ("PARTICIPANT".equals(role) && random.nextInt(100) < 4) {
			String[] file = ATTACHMENTS[random.nextInt(ATTACHMENTS.length)];
			byte[] content = bytes(random, 2_000 + random.nextInt(18_000));
			tables.attachment.add(UUID.randomUUID(), id, file[0], file[1], (long) content.length, encryption.seal(content),
					encryption.keyId(), null);
		}
		if ("COACH".equals(role)) {
			int words = body.length() / 6;
			tables.writingSample.add(UUID.randomUUID(), author, id, at, dutch ? "nl" : "en", words,
					55 + random.nextDouble() * 20, 1 + random.nextInt(4), random.nextInt(4));
		}
	}

	/**
	 * Two contact moments a week on the third and fifth working day, as the trajectory module plans
	 * them; public holidays aside, which moves a few letters by a day and changes no page's work.
	 * (Not the trajectory module's own plan: this module must not depend on the modules it fills.)
	 */
	static List<LocalDate> dueDates(LocalDate start, int weeks) {
		List<LocalDate> workingDays = new ArrayList<>();
		for (LocalDate day = start; workingDays.size() < weeks * 5; day = day.plusDays(1)) {
			if (day.getDayOfWeek().getValue() <= 5) {
				workingDays.add(day);
			}
		}
		List<LocalDate> due = new ArrayList<>();
		for (int week = 0; week < weeks; week++) {
			due.add(workingDays.get(week * 5 + 2));
			due.add(workingDays.get(week * 5 + 4));
		}
		return due;
	}

	private static OffsetDateTime at(LocalDate day, int hour, SplittableRandom random) {
		return day.atTime(hour, random.nextInt(60), random.nextInt(60)).atZone(AMSTERDAM).toOffsetDateTime();
	}

	private static byte[] bytes(SplittableRandom random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	/** The 26 base32 characters of a reply address, as {@code ReplyAddress} makes them. */
	private static String token(SplittableRandom random) {
		String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
		char[] token = new char[26];
		for (int i = 0; i < token.length; i++) {
			token[i] = alphabet.charAt(random.nextInt(32));
		}
		return new String(token);
	}

	private void write(Tables tables) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				for (Rows rows : tables.inOrder()) {
					synchronized (counts) {
						counts.computeIfAbsent(rows.table(), k -> new AtomicLong()).addAndGet(rows.size());
					}
					rows.writeTo(connection);
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			}
		}
	}

	/** One chunk's rows per table, in an order that satisfies the foreign keys. */
	private static final class Tables {

		final Rows organisation = new Rows("organisation", "id", "name", "created_at");

		final Rows programme = new Rows("programme", "id", "organisation_id", "name", "weeks", "moments_per_week",
				"reply_within_days", "retention_months", "mail_mode", "created_at");

		final Rows programmeTheme = new Rows("programme_theme", "programme_id", "code", "label_nl", "label_en", "position",
				"active");

		final Rows account = new Rows("account", "id", "organisation_id", "email", "display_name", "password_hash",
				"preferred_language", "enabled", "created_at", "totp_secret", "totp_secret_key_id", "totp_confirmed_at");

		final Rows accountRole = new Rows("account_role", "account_id", "role");

		final Rows coachProfile = new Rows("coach_profile", "account_id", "capacity", "certified", "certification",
				"specialisms", "daily_digest");

		final Rows programmeCoach = new Rows("programme_coach", "programme_id", "coach_id");

		final Rows trajectory = new Rows("trajectory", "id", "programme_id", "participant_id", "coach_id", "status",
				"theme", "created_at", "started_on", "ended_on", "weeks", "moments_per_week", "extra_weeks", "retention_months", "goals",
				"goals_key_id");

		final Rows intake = new Rows("intake", "id", "programme_id", "email", "display_name", "language", "source",
				"status", "question", "question_key_id", "theme", "writes_comfortably", "motivated", "has_time", "expectations_agreed_at",
				"consent_at", "statement_basis", "trajectory_id", "created_at", "submitted_at");

		final Rows coachProposal = new Rows("coach_proposal", "id", "trajectory_id", "coach_id", "proposed_by",
				"proposed_at", "start_on", "answered_at", "accepted");

		final Rows transition = new Rows("trajectory_transition", "id", "trajectory_id", "at", "from_status", "to_status",
				"reason_code", "by_account", "weeks", "last_moment_told");

		final Rows replyToken = new Rows("reply_token", "token", "trajectory_id", "participant_id", "created_at",
				"thread_language");

		final Rows message = new Rows("message", "id", "trajectory_id", "author_id", "author_role", "kind", "body",
				"body_key_id", "channel", "mail_message_id", "created_at", "language");

		final Rows attachment = new Rows("message_attachment", "id", "message_id", "file_name", "content_type",
				"size_bytes", "content", "content_key_id", "refusal");

		final Rows writingSample = new Rows("writing_sample", "id", "coach_id", "message_id", "written_at", "language",
				"words", "readability", "questions", "findings");

		final Rows coachNote = new Rows("coach_note", "id", "trajectory_id", "coach_id", "body", "body_key_id",
				"created_at");

		// Sent when written: a completed trajectory's summary reached its participant (decision 0086).
		final Rows closing = new Rows("closing", "trajectory_id", "summary", "summary_key_id", "written_at", "sent_at",
				"reaction", "reaction_key_id", "reacted_at");

		final Rows evaluationRequest = new Rows("evaluation_request", "trajectory_id", "token_hash", "requested_at",
				"answered_at", "reminded_at");

		final Rows evaluationAnswer = new Rows("evaluation_answer", "id", "programme_id", "theme", "answered_month",
				"satisfaction", "answered_before", "answered_after", "recommend", "helped_most", "remarks");

		List<Rows> inOrder() {
			return List.of(organisation, programme, programmeTheme, account, accountRole, coachProfile, programmeCoach,
					trajectory, intake, coachProposal, transition, replyToken, message, attachment, writingSample,
					coachNote, closing, evaluationRequest, evaluationAnswer);
		}
	}
}

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page load at a fixed number of concurrent clients against a Briefwissel instance on loopback,
 * signed in as the benchmark accounts of {@code java -jar briefwissel.jar dataset} (password and
 * authenticator code, the code computed here with RFC 6238 as an app would).
 *
 * Usage: java -cp CLASSPATH PageLoad.java BASE_URL JDBC_URL DB_USER CLIENTS WARMUP_S MEASURE_S MAX_REQUESTS [ONLY]
 * (ONLY: a comma-separated choice of floor, reference, workspace, conversation, participant,
 * programme, statistics, statistics-first, write; all of them without it. The floor always runs, for the ratios.)
 *
 * First the JVM is warmed up: all chosen pages, mixed, for {@code -DjvmWarmup} seconds (60 unless
 * given; 0 skips it), by {@code -DjvmWarmupClients} clients (CLIENTS unless given: with fifty on two
 * cores the optimising compiler starves and is still compiling minutes later). With {@code -DthinkMs=N} every client pauses about N ms after each answer, as
 * a person reading the page does; without it the clients run in a closed loop. Then one page at a
 * time, in {@code -Dslices} slices (3 unless given) that alternate with slices of the floor, each
 * slice CLIENTS threads: WARMUP_S/slices seconds not counted, then MEASURE_S/slices seconds or
 * MAX_REQUESTS/slices requests, whichever comes first; each page is compared with the floor
 * measured in the slices between its own. A response counts only with
 * the expected status (200, or 302 to the trajectory after sending) and, for pages, a marker that
 * shows it is the page and not the sign-in form. Prints throughput, p50/p90/p99 and each page's
 * throughput as a share of the floor's: /accessibility, signed in, which passes the same filters, session
 * store and layout as every page but reads no data of its own.
 */
public class PageLoad {

	private static final String PASSWORD = "briefwissel-bench";

	/** Letters sent while the JVM warms up, at most: enough for the optimising compiler, few for the dataset. */
	private static final int WARMUP_LETTERS = 1_500;

	private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("BRIEFWISSEL_SESSION=([^;]+)");

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static String base;

	/** A signed-in browser: its session cookie and the CSRF token of that session. */
	record Session(String email, String cookie, String csrf) {
	}

	record Result(String name, long requests, long failures, double seconds, long[] sortedNanos, Cpu cpu) {

		double throughput() {
			return requests / seconds;
		}

		/** Slices of one scenario as one result: their requests, times and processor time added, their latencies pooled. */
		static Result merged(List<Result> slices) {
			long[] all = slices.stream().flatMapToLong(r -> Arrays.stream(r.sortedNanos())).sorted().toArray();
			return new Result(slices.get(0).name(), slices.stream().mapToLong(Result::requests).sum(),
					slices.stream().mapToLong(Result::failures).sum(), slices.stream().mapToDouble(Result::seconds).sum(), all,
					slices.stream().map(Result::cpu).reduce(Cpu.NONE, Cpu::plus));
		}

		/** Processor milliseconds per answer of one process group, or NaN where /proc could not be read. */
		double cpuMsPerRequest(java.util.function.ToLongFunction<Cpu> group) {
			return cpu.ticks() < 0 || requests == 0 ? Double.NaN : group.applyAsLong(cpu) * 1000.0 / Cpu.TICKS_PER_SECOND / requests;
		}

		double percentileMs(double p) {
			if (sortedNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
			return sortedNanos[Math.max(0, index)] / 1e6;
		}
	}

	/**
	 * Processor time, in clock ticks, of the instance, of PostgreSQL's processes, of this load tool and of
	 * the whole machine (busy and idle, both cores): read from /proc at the start and end of a slice's
	 * measured part, it says per answer where the machine's time went, which throughput alone does not
	 * (on two cores the instance, the database and the load tool share them).
	 */
	record Cpu(long app, long database, long load, long busy, long ticks) {

		static final Cpu NONE = new Cpu(0, 0, 0, 0, 0);

		/** Linux's USER_HZ, the unit of /proc's times: 100 on every architecture Linux runs on now. */
		static final long TICKS_PER_SECOND = 100;

		static final Cpu UNKNOWN = new Cpu(0, 0, 0, 0, -1);

		Cpu plus(Cpu other) {
			if (ticks < 0 || other.ticks < 0) {
				return UNKNOWN;
			}
			return new Cpu(app + other.app, database + other.database, load + other.load, busy + other.busy,
					ticks + other.ticks);
		}

		Cpu minus(Cpu earlier) {
			if (ticks < 0 || earlier.ticks < 0) {
				return UNKNOWN;
			}
			return new Cpu(app - earlier.app, database - earlier.database, load - earlier.load, busy - earlier.busy,
					ticks - earlier.ticks);
		}

		/** Now; UNKNOWN where there is no /proc (not Linux) or no instance's pid was given. */
		static Cpu now() {
			long appPid = Long.getLong("appPid", -1);
			java.nio.file.Path proc = java.nio.file.Path.of("/proc");
			if (appPid < 0 || !java.nio.file.Files.isDirectory(proc)) {
				return UNKNOWN;
			}
			try (var entries = java.nio.file.Files.list(proc)) {
				long app = 0;
				long database = 0;
				for (java.nio.file.Path entry : (Iterable<java.nio.file.Path>) entries::iterator) {
					String name = entry.getFileName().toString();
					if (!name.chars().allMatch(Character::isDigit)) {
						continue;
					}
					String stat;
					try {
						stat = java.nio.file.Files.readString(entry.resolve("stat"));
					}
					catch (java.io.IOException gone) {
						continue;
					}
					// comm is in parentheses and may hold spaces; the fields after it are space-separated.
					String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					if (Long.parseLong(name) == appPid) {
						app = used;
					}
					else if (command.equals("postgres")) {
						database += used;
					}
				}
				String[] self = java.nio.file.Files.readString(proc.resolve("self/stat")).replaceFirst("^.*\\) ", "").split(" ");
				long load = Long.parseLong(self[11]) + Long.parseLong(self[12]);
				String[] machine = java.nio.file.Files.readAllLines(proc.resolve("stat")).get(0).trim().split("\\s+");
				long total = 0;
				for (int i = 1; i < machine.length; i++) {
					total += Long.parseLong(machine[i]);
				}
				long idle = Long.parseLong(machine[4]) + Long.parseLong(machine[5]);
				return new Cpu(app, database, load, total - idle, total);
			}
			catch (java.io.IOException | RuntimeException e) {
				return UNKNOWN;
			}
		}
	}

	/** A page and the floor measured in the slices between its own. */
	record Paired(Result floor, Result page) {
	}

	/** What one client does once; returns whether the answer was the right one. */
	interface Step {
		boolean run(int client, long iteration) throws Exception;
	}

	private record Scenario(String name, int maxRequests, Step step) {
	}


	public static void main(String[] args) throws Exception {
		base = args[0];
		String url = args[1];
		String user = args[2];
		int clients = Integer.parseInt(args[3]);
		int warmup = Integer.parseInt(args[4]);
		int measure = Integer.parseInt(args[5]);
		int maxRequests = Integer.parseInt(args[6]);
		List<String> only = args.length > 7 && !args[7].isBlank() ? List.of(args[7].split(",")) : List.of();
		int jvmWarmup = Integer.parseInt(System.getProperty("jvmWarmup", "60"));
		int jvmWarmupClients = Integer.parseInt(System.getProperty("jvmWarmupClients", String.valueOf(clients)));
		// Pause of each client after each answer: 0 is a closed loop; people reading a page pause for seconds.
		long thinkMillis = Long.parseLong(System.getProperty("thinkMs", "0"));
		java.util.function.Predicate<String> chosen = key -> only.isEmpty() || only.contains(key);

		List<String> coachEmails = new ArrayList<>();
		Map<String, List<UUID>> running = new LinkedHashMap<>();
		List<String> participantEmails = new ArrayList<>();
		String managerEmail;
		try (Connection db = DriverManager.getConnection(url, user, "")) {
			// The first twenty coaches: one organisation's, at every size of the dataset.
			try (ResultSet rs = db.createStatement().executeQuery("""
					select a.email, t.id from account a join trajectory t on t.coach_id = a.id and t.status = 'RUNNING'
					where a.email in (select email from account where email like 'coach-%' order by email limit 20)
					order by a.email, t.id""")) {
				while (rs.next()) {
					running.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
				}
			}
			coachEmails.addAll(running.keySet());
			try (PreparedStatement statement = db.prepareStatement("""
					select p.email from trajectory t join account p on p.id = t.participant_id
					join account c on c.id = t.coach_id
					where t.status = 'RUNNING' and c.email in (select email from account where email like 'coach-%' order by email limit 20)
					order by p.email limit ?""")) {
				statement.setInt(1, clients);
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						participantEmails.add(rs.getString(1));
					}
				}
			}
			try (ResultSet rs = db.createStatement().executeQuery("select min(email) from account where email like 'manager-%'")) {
				rs.next();
				managerEmail = rs.getString(1);
			}
		}
		if (coachEmails.isEmpty() || participantEmails.isEmpty() || managerEmail == null) {
			throw new IllegalStateException("no benchmark accounts in " + url + ": run `java -jar target/briefwissel.jar dataset` first");
		}
		System.out.printf(Locale.ROOT, "Signing in %d coaches, %d participants and 1 programme manager%n", coachEmails.size(),
				participantEmails.size());
		List<Session> coaches = new ArrayList<>();
		for (String email : coachEmails) {
			coaches.add(signIn(email, true));
		}
		List<Session> participants = new ArrayList<>();
		for (String email : participantEmails) {
			participants.add(signIn(email, false));
		}
		Session manager = signIn(managerEmail, true);

		// CSRF: a POST without the session's token must be refused before anything is written.
		Session first = coaches.get(0);
		UUID someTrajectory = running.get(first.email()).get(0);
		HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/coach/trajectories/" + someTrajectory + "/messages"))
			.header("Cookie", "BRIEFWISSEL_SESSION=" + first.cookie())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("text=" + enc("Zonder token")))
			.build());
		System.out.println("POST without CSRF token: HTTP " + forged.statusCode() + (forged.statusCode() == 403 ? " (refused, as it should)" : " (NOT REFUSED)"));

		IntFunction<Session> coachOf = client -> coaches.get(client % coaches.size());
		String letter = "Dank je wel voor je brief. Wat me opvalt, is hoe vaak je schrijft over de momenten waarop je iemand"
				+ " inwerkt. Wil je deze week bijhouden wanneer je energie krijgt, en wanneer je die verliest? "
				+ "Het hoeft geen lang verslag te zijn: een paar woorden per dag is genoeg.\n\nHartelijke groet,\nje coach";

		// Every scenario, in the order they run; the floor always, for the ratios.
		Map<String, Scenario> scenarios = new LinkedHashMap<>();
		scenarios.put("floor", new Scenario("floor: /accessibility (signed in)", maxRequests,
				(c, i) -> page(coachOf.apply(c), "/accessibility", "<h1")));
		scenarios.put("reference", new Scenario("reference: /.well-known/security.txt (signed in)", maxRequests,
				(c, i) -> page(coachOf.apply(c), "/.well-known/security.txt", "Contact:")));
		scenarios.put("workspace", new Scenario("coach workspace: /coach", maxRequests,
				(c, i) -> page(coachOf.apply(c), "/coach", "/coach/trajectories/")));
		scenarios.put("conversation", new Scenario("conversation: /coach/trajectories/{id}", maxRequests, (c, i) -> {
			Session coach = coachOf.apply(c);
			List<UUID> own = running.get(coach.email());
			return page(coach, "/coach/trajectories/" + own.get((int) ((c / coaches.size() + i) % own.size())), "name=\"text\"");
		}));
		scenarios.put("participant", new Scenario("participant: /participant/conversation", maxRequests,
				(c, i) -> page(participants.get(c % participants.size()), "/participant/conversation", "name=\"text\"")));
		// The manager's start page: every programme of the organisation with its trajectories (2,000 here).
		scenarios.put("programme", new Scenario("programme manager's start page: /programme", maxRequests,
				(c, i) -> page(manager, "/programme", "</table>")));
		scenarios.put("statistics", new Scenario("statistics: /programme/statistics", maxRequests,
				(c, i) -> page(manager, "/programme/statistics", "<table")));
		// A period not asked for before, every time: the full calculation, as the first manager to open
		// a period pays it (decision 0013 keeps figures five minutes; this measures what it keeps).
		AtomicLong periods = new AtomicLong();
		String yearAgo = java.time.LocalDate.now().minusMonths(12).plusDays(1).toString();
		scenarios.put("statistics-first", new Scenario("statistics, a new period each time: /programme/statistics?from&until",
				maxRequests, (c, i) -> page(manager, "/programme/statistics?from=" + yearAgo + "&until="
						+ java.time.LocalDate.now().plusDays(periods.getAndIncrement()), "<table")));
		scenarios.put("write", new Scenario("write and send: POST /coach/trajectories/{id}/messages", Math.min(maxRequests, 2_000),
				(c, i) -> {
					Session coach = coachOf.apply(c);
					List<UUID> own = running.get(coach.email());
					UUID trajectory = own.get((int) ((c / coaches.size() + i) % own.size()));
					HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/coach/trajectories/" + trajectory + "/messages"))
						.header("Cookie", "BRIEFWISSEL_SESSION=" + coach.cookie())
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("text=" + enc(letter) + "&_csrf=" + enc(coach.csrf())))
						.build());
					return response.statusCode() == 302 && response.headers().firstValue("Location").orElse("")
						.contains("/coach/trajectories/" + trajectory);
				}));
		List<Scenario> run = scenarios.entrySet().stream()
			.filter(e -> e.getKey().equals("floor") || chosen.test(e.getKey()))
			.map(Map.Entry::getValue)
			.toList();

		// The JIT first: on two cores the optimising compiler shares the CPU with fifty clients, and a
		// page measured while its code (and the JDK's AES-GCM) still runs at a lower tier was reported
		// as several times slower than it is once warm. Every page chosen, mixed, before any is measured;
		// writing too, but at most WARMUP_LETTERS letters (each stays in the dataset), then the floor in
		// its turn. Runs before 2026-12-03 10:30 UTC warmed the reads only, so write and send was measured
		// while its own code (the writing check, the mail template, sealing) still ran at a lower tier.
		if (jvmWarmup > 0) {
			AtomicInteger lettersLeft = new AtomicInteger(WARMUP_LETTERS);
			Step floor = scenarios.get("floor").step();
			List<Step> steps = run.stream().map(r -> !r.name().startsWith("write") ? r.step()
					: (Step) (c, i) -> lettersLeft.getAndDecrement() > 0 ? r.step().run(c, i) : floor.run(c, i))
				.toList();
			// At full load, whatever the measurement's pauses.
			Result warm = scenario("JVM warm-up: the pages above, mixed (not counted)", jvmWarmupClients, 0, jvmWarmup, Integer.MAX_VALUE, 0,
					(c, i) -> steps.get((int) ((c + i) % steps.size())).run(c, i));
			if (warm.failures() > 0) {
				System.out.println("warm-up had failures: " + warm.failures());
			}
		}
		// Each page is measured in slices that alternate with slices of the floor, and compared with the
		// floor measured alongside it: on a shared machine the floor alone moved by half within an hour
		// (1,058 to 1,629 a second, docs/performance.md, fifth round) while the pages did not, so a floor
		// measured once at the start said more about the minute it ran in than about the page.
		Scenario floorScenario = scenarios.get("floor");
		int slices = Math.max(1, Integer.parseInt(System.getProperty("slices", "3")));
		int sliceWarmup = Math.max(1, warmup / slices);
		int sliceMeasure = Math.max(1, measure / slices);
		List<Paired> pairs = new ArrayList<>();
		for (Scenario scenario : run) {
			if (scenario == floorScenario && run.size() > 1) {
				continue;
			}
			List<Result> floors = new ArrayList<>();
			List<Result> pages = new ArrayList<>();
			for (int slice = 0; slice < slices; slice++) {
				floors.add(scenario(floorScenario.name(), clients, sliceWarmup, sliceMeasure,
						Math.max(1, floorScenario.maxRequests() / slices), thinkMillis, floorScenario.step()));
				if (scenario != floorScenario) {
					pages.add(scenario(scenario.name(), clients, sliceWarmup, sliceMeasure,
							Math.max(1, scenario.maxRequests() / slices), thinkMillis, scenario.step()));
				}
			}
			Result floor = Result.merged(floors);
			pairs.add(new Paired(floor, pages.isEmpty() ? floor : Result.merged(pages)));
		}

		System.out.println();
		System.out.printf(Locale.ROOT, "%-58s %9s %8s %9s %9s %9s %9s %11s %8s%n", "scenario (" + clients + " clients, "
				+ slices + " slices)", "requests", "failed", "req/s", "p50 ms", "p90 ms", "p99 ms", "floor req/s", "x floor");
		for (Paired pair : pairs) {
			Result floor = pair.floor();
			Result r = pair.page();
			System.out.printf(Locale.ROOT, "%-58s %9d %8d %9.1f %9.1f %9.1f %9.1f %11.1f %7.0f%%%n", r.name(), r.requests(),
					r.failures(), r.throughput(), r.percentileMs(50), r.percentileMs(90), r.percentileMs(99), floor.throughput(),
					100 * r.throughput() / floor.throughput());
		}
		if (pairs.get(0).floor().cpu().ticks() > 0) {
			// Where the machine's processor time went, per answer: the page next to the floor measured alongside.
			System.out.println();
			System.out.printf(Locale.ROOT, "%-58s %9s %9s %9s %9s %9s%n", "processor ms per answer (page / floor alongside)",
					"instance", "database", "load tool", "other", "idle %");
			for (Paired pair : pairs) {
				for (Result r : pair.page() == pair.floor() ? List.of(pair.page()) : List.of(pair.page(), pair.floor())) {
					double app = r.cpuMsPerRequest(Cpu::app);
					double database = r.cpuMsPerRequest(Cpu::database);
					double load = r.cpuMsPerRequest(Cpu::load);
					System.out.printf(Locale.ROOT, "%-58s %9.2f %9.2f %9.2f %9.2f %8.0f%%%n",
							(r == pair.floor() ? "  floor alongside" : r.name()), app, database, load,
							r.cpuMsPerRequest(Cpu::busy) - app - database - load,
							100.0 * (r.cpu().ticks() - r.cpu().busy()) / r.cpu().ticks());
				}
			}
		}
		Result allFloors = Result.merged(pairs.stream().map(Paired::floor).toList());
		System.out.printf(Locale.ROOT, "%-58s %9d %8d %9.1f %9.1f %9.1f %9.1f%n", "floor, all its slices: /accessibility (signed in)",
				allFloors.requests(), allFloors.failures(), allFloors.throughput(), allFloors.percentileMs(50),
				allFloors.percentileMs(90), allFloors.percentileMs(99));
	}

	private static boolean page(Session session, String path, String marker) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
			.header("Cookie", "BRIEFWISSEL_SESSION=" + session.cookie())
			.header("Accept", "text/html")
			.header("Accept-Language", "nl")
			.GET()
			.build());
		return response.statusCode() == 200 && response.body().contains(marker);
	}

	private static Result scenario(String name, int clients, int warmupSeconds, int measureSeconds, int maxRequests,
			long thinkMillis, Step step)
			throws InterruptedException {
		long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
		long end = warmupEnd + measureSeconds * 1_000_000_000L;
		AtomicInteger taken = new AtomicInteger();
		AtomicLong failures = new AtomicLong();
		AtomicLong lastFinish = new AtomicLong(warmupEnd);
		long[][] latencies = new long[clients][];
		int[] counts = new int[clients];
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			int client = c;
			new Thread(() -> {
				long[] mine = new long[1024];
				int n = 0;
				long iteration = 0;
				try {
					while (true) {
						long started = System.nanoTime();
						if (started >= end) {
							break;
						}
						boolean measured = started >= warmupEnd;
						if (measured && taken.incrementAndGet() > maxRequests) {
							break;
						}
						boolean ok;
						try {
							ok = step.run(client, iteration++);
						}
						catch (Exception e) {
							ok = false;
						}
						long finished = System.nanoTime();
						if (thinkMillis > 0) {
							// A random pause around the mean, so that the clients do not march in step.
							try {
								Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(thinkMillis / 2, thinkMillis * 3 / 2 + 1));
							}
							catch (InterruptedException e) {
								Thread.currentThread().interrupt();
								break;
							}
						}
						if (measured) {
							if (!ok) {
								failures.incrementAndGet();
							}
							if (n == mine.length) {
								mine = Arrays.copyOf(mine, n * 2);
							}
							mine[n++] = finished - started;
							lastFinish.accumulateAndGet(finished, Math::max);
						}
					}
				}
				finally {
					latencies[client] = mine;
					counts[client] = n;
					done.countDown();
				}
			}).start();
		}
		// The processor's time from the end of the slice's warm-up to its end (the clients stop together).
		long untilMeasured = warmupEnd - System.nanoTime();
		if (untilMeasured > 0) {
			Thread.sleep(untilMeasured / 1_000_000, (int) (untilMeasured % 1_000_000));
		}
		Cpu before = Cpu.now();
		done.await();
		Cpu used = Cpu.now().minus(before);
		int total = 0;
		for (int n : counts) {
			total += n;
		}
		long[] all = new long[total];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(latencies[c], 0, all, at, counts[c]);
			at += counts[c];
		}
		Arrays.sort(all);
		double seconds = (lastFinish.get() - warmupEnd) / 1e9;
		Result result = new Result(name, total, failures.get(), seconds, all, used);
		System.out.printf(Locale.ROOT, "%-58s %7d requests in %5.1f s, %7.1f/s, p50 %6.1f ms, p99 %6.1f ms, %d failed%n", name,
				total, seconds, result.throughput(), result.percentileMs(50), result.percentileMs(99), failures.get());
		return result;
	}

	/** Password, then (for coaches and managers) the code of the current 30-second step. */
	private static Session signIn(String email, boolean withCode) throws Exception {
		HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login")).GET().build());
		String cookie = cookie(login, null);
		HttpResponse<String> afterPassword = send(HttpRequest.newBuilder(uri("/login"))
			.header("Cookie", "BRIEFWISSEL_SESSION=" + cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("email=" + enc(email) + "&password=" + enc(PASSWORD) + "&_csrf="
					+ enc(csrf(login.body()))))
			.build());
		cookie = cookie(afterPassword, cookie);
		String next = afterPassword.headers().firstValue("Location").orElse("");
		if (afterPassword.statusCode() != 302 || next.contains("error") || next.contains("throttled") || next.contains("locked")) {
			throw new IllegalStateException("password refused for " + email + ": " + afterPassword.statusCode() + " " + next);
		}
		if (withCode) {
			if (!next.endsWith("/login/code")) {
				throw new IllegalStateException(email + " was not asked for a code but sent to " + next);
			}
			for (int attempt = 0;; attempt++) {
				HttpResponse<String> codePage = send(HttpRequest.newBuilder(uri("/login/code"))
					.header("Cookie", "BRIEFWISSEL_SESSION=" + cookie)
					.GET()
					.build());
				cookie = cookie(codePage, cookie);
				HttpResponse<String> afterCode = send(HttpRequest.newBuilder(uri("/login/code"))
					.header("Cookie", "BRIEFWISSEL_SESSION=" + cookie)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("code=" + totp(Instant.now()) + "&_csrf=" + enc(csrf(codePage.body()))))
					.build());
				cookie = cookie(afterCode, cookie);
				if (afterCode.statusCode() == 302) {
					break;
				}
				if (attempt == 2) {
					throw new IllegalStateException("code refused three times for " + email);
				}
				// A code is accepted once: after an earlier run in the same 30 seconds, wait for the next one.
				long step = Instant.now().getEpochSecond() / 30;
				Thread.sleep((step + 1) * 30_000 - System.currentTimeMillis() + 200);
			}
		}
		HttpResponse<String> home = send(HttpRequest.newBuilder(uri("/accessibility"))
			.header("Cookie", "BRIEFWISSEL_SESSION=" + cookie)
			.GET()
			.build());
		cookie = cookie(home, cookie);
		if (home.statusCode() != 200) {
			throw new IllegalStateException("not signed in as " + email + ": /accessibility answered " + home.statusCode());
		}
		return new Session(email, cookie, csrf(home.body()));
	}

	private static String cookie(HttpResponse<?> response, String current) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			Matcher m = SESSION.matcher(header);
			if (m.find() && !m.group(1).isEmpty()) {
				return m.group(1);
			}
		}
		if (current == null) {
			throw new IllegalStateException("no session cookie from " + response.uri());
		}
		return current;
	}

	private static String csrf(String page) {
		Matcher m = CSRF.matcher(page);
		if (!m.find()) {
			throw new IllegalStateException("no CSRF token on the page");
		}
		return m.group(1);
	}

	static String totp(Instant now) throws Exception {
		byte[] key = base32(TOTP_SECRET);
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key, "HmacSHA1"));
		byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(now.getEpochSecond() / 30).array());
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
				| (hash[offset + 3] & 0xff);
		return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
	}

	private static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		byte[] out = new byte[text.length() * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int at = 0;
		for (char c : text.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out[at++] = (byte) (buffer >> (bits - 8));
				bits -= 8;
			}
		}
		return out;
	}

	/**
	 * Bodies read as ISO-8859-1: byte for byte, so the ASCII markers, tokens and addresses looked for are
	 * found as they are, without decoding UTF-8 into two-byte characters. The load tool shares the
	 * processor with the instance, and decoding a 57 KB page with accents took its slow path every time.
	 */
	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
	}

	private static URI uri(String path) {
		return URI.create(base + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

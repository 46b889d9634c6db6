package nl.briefwissel.dataset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.TestCodes;
import nl.briefwissel.encryption.Encryption;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A small generated programme in the suite's own database (rows through JDBC batches on H2, COPY on
 * PostgreSQL): it opens on the pages the benchmark measures, and its accounts sign in with the
 * known password and authenticator code.
 */
@BriefwisselTest
class DatasetTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	Encryption encryption;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	SecondFactors secondFactors;

	/** Enough that some dozens are extended, each reason among them; one chunk, one organisation, two coaches. */
	private static final int TRAJECTORIES = 200;

	@Test
	void aGeneratedProgrammeOpensOnTheCoachParticipantAndStatisticsPages() throws Exception {
		String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".bench.test";

		DatasetGenerator.Summary summary = new DatasetGenerator(dataSource, encryption, domain, Clock.systemUTC())
			.generate(TRAJECTORIES, line -> {
			});

		assertThat(summary.rows()).containsEntry("trajectory", (long) TRAJECTORIES).containsEntry("organisation", 1L);
		assertThat(summary.rows().get("message")).as("some 25 letters per trajectory").isGreaterThan(TRAJECTORIES * 10);
		Account coach = accounts.byEmail("coach-001@" + domain).orElseThrow();
		Account manager = accounts.byEmail("manager-01@" + domain).orElseThrow();
		assertThat(jdbc.sql("""
				select count(*) from message m join trajectory t on t.id = m.trajectory_id
				where t.coach_id = :coach and m.body_key_id is null""").param("coach", coach.id()).query(Long.class).single())
			.as("every letter sealed, as the application seals them").isZero();
		assertThat(jdbc.sql("""
				select count(*) filter (where c.sent_at is null), count(*) from closing c
				join trajectory t on t.id = c.trajectory_id where t.coach_id = :coach""").param("coach", coach.id())
			.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
			.as("every completed trajectory's summary sent, as a coach sends it (decision 0086), none a draft")
			.satisfies(counts -> assertThat(counts.get(0)).isZero());

		assertThat(jdbc.sql("""
				select t.extra_weeks, coalesce(sum(tr.weeks), 0), count(tr.id), count(tr.weeks), min(tr.weeks), max(tr.weeks)
				from trajectory t join account a on a.id = t.participant_id
				left join trajectory_transition tr on tr.trajectory_id = t.id and tr.from_status = tr.to_status
				where a.email like :domain group by t.id, t.extra_weeks""")
			.param("domain", "%@" + domain)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) })
			.list())
			.as("some trajectories extended, each extension with its weeks, one to four, adding up to the extra weeks")
			.hasSize(TRAJECTORIES)
			.allSatisfy(row -> {
				assertThat(row[0]).as("extra weeks as their extensions add up").isEqualTo(row[1]);
				assertThat(row[3]).as("every extension with its weeks").isEqualTo(row[2]);
				if (row[2] > 0) {
					assertThat(row[4]).isBetween(1L, 4L);
					assertThat(row[5]).isBetween(1L, 4L);
				}
			})
			.anySatisfy(row -> assertThat(row[2]).isPositive());
		// Each extension keeps the last contact moment its mail named (V112), as the application writes it: without it the
		// record works one out from the plan, and the coach's pages list it as the record does.
		assertThat(jdbc.sql("""
				select count(*) from trajectory_transition tr join trajectory t on t.id = tr.trajectory_id
				join account a on a.id = t.participant_id
				where a.email like :domain and tr.from_status = tr.to_status and tr.last_moment_told is null""")
			.param("domain", "%@" + domain)
			.query(Long.class)
			.single())
			.as("every extension with the last contact moment its mail named")
			.isZero();
		// Another reason without its why is a change the application refuses (Reason.refusalWith): generated for an
		// extension, the pages and records read one it could never have made.
		assertThat(jdbc.sql("""
				select count(*) from trajectory_transition tr join trajectory t on t.id = tr.trajectory_id
				join account a on a.id = t.participant_id
				where a.email like :domain and tr.reason_code = 'OTHER' and tr.reason is null""")
			.param("domain", "%@" + domain)
			.query(Long.class)
			.single())
			.as("no change for another reason without its why")
			.isZero();

		UUID trajectory = jdbc.sql("""
				select id from trajectory where coach_id = :coach
				order by case status when 'RUNNING' then 0 else 1 end, id limit 1""")
			.param("coach", coach.id())
			.query(UUID.class)
			.single();
		String latest = jdbc.sql("select body, body_key_id from message where trajectory_id = :t order by created_at desc limit 1")
			.param("t", trajectory)
			.query((rs, n) -> encryption.openText(rs.getString(2), rs.getString(1)))
			.single();
		String greeting = HtmlUtils.htmlEscape(latest.substring(0, latest.indexOf(',')));
		Account participant = accounts.byId(jdbc.sql("select participant_id from trajectory where id = :t")
			.param("t", trajectory)
			.query(UUID.class)
			.single()).orElseThrow();

		assertThat(mvc.perform(get("/coach").with(fixtures.as(coach))).andReturn().getResponse().getContentAsString())
			.contains("/coach/trajectories/" + trajectory, HtmlUtils.htmlEscape(participant.displayName()));
		assertThat(mvc.perform(get("/coach/trajectories/{id}", trajectory).with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString()).contains(greeting);
		assertThat(mvc.perform(get("/participant/conversation").with(fixtures.as(participant)))
			.andReturn().getResponse().getContentAsString()).contains(greeting);
		assertThat(mvc.perform(get("/programme/statistics").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).contains("Loopbaan schriftelijk 1", "Verdieping 1");

		assertThat(jdbc.sql("""
				select count(*) filter (where e.reminded_at is null and e.requested_at < :before),
				       count(*) filter (where e.reminded_at is not null)
				from evaluation_request e join trajectory t on t.id = e.trajectory_id join account a on a.id = t.coach_id
				where e.answered_at is null and a.email like :domain""")
			.param("before", OffsetDateTime.now().minusDays(5))
			.param("domain", "%@" + domain)
			.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single())
			.as("unanswered evaluations past their reminder were reminded, as in a programme that ran with the hourly job")
			.satisfies(counts -> assertThat(counts.get(0)).isZero())
			.satisfies(counts -> assertThat(counts.get(1)).isPositive());

		String hash = jdbc.sql("select password_hash from account where id = :id").param("id", participant.id())
			.query(String.class).single();
		assertThat(passwords.matches(DatasetGenerator.PASSWORD, hash)).as("the known password").isTrue();
		assertThat(secondFactors.verify(coach.id(), TestCodes.current(DatasetGenerator.TOTP_SECRET)))
			.as("the known authenticator secret, sealed as the application seals it").isTrue();
	}

	@Test
	void refusesH2AndADatabaseThatIsNotEmpty() throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = DatasetCommand.run(new String[] { "dataset", "--trajectories=20", "--briefwissel.db.url=jdbc:h2:mem:dataset" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("The dataset is for PostgreSQL only");

		// The suite's database: H2, or PostgreSQL that holds the demo data and every test's people.
		Optional<String> refusal;
		try (Connection connection = dataSource.getConnection()) {
			refusal = DatasetGenerator.refusal(connection);
		}
		assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason).containsAnyOf(
				"The dataset is for PostgreSQL only, and this database is H2",
				"This database is not empty"));
	}

	@Test
	void wrongUsageExplainsItself() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
		assertThat(DatasetCommand.run(new String[] { "dataset" }, System.out, errors)).isEqualTo(1);
		assertThat(DatasetCommand.run(new String[] { "dataset", "--trajectories=nul" }, System.out, errors)).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar briefwissel.jar dataset --trajectories=N",
				"between 1 and 1,000,000");
	}
}

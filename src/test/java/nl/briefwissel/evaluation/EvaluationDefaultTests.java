package nl.briefwissel.evaluation;

import java.util.Map;
import java.util.stream.Collectors;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Workspace;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** With nothing configured, Briefwissel starts with demo data and its own mail server. */
@BriefwisselTest
class EvaluationDefaultTests {

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	EvaluationBanner banner;

	@Autowired
	MockMvc mvc;

	@Autowired
	Workspace workspace;

	@Autowired
	Conversations conversations;

	@Autowired
	GivenAssignments given;

	@Autowired
	nl.briefwissel.closing.Closings closings;

	@Autowired
	java.time.Clock clock;

	@Autowired
	org.springframework.security.crypto.password.PasswordEncoder passwords;

	@Test
	void startsWithOneOrganisationOneProgrammeThreeCoachesAndEightParticipantsInEveryStage() {
		var gemeente = organisations.all().stream().filter(o -> o.name().equals("Gemeente Voorbeeldstad")).findFirst();
		assertThat(gemeente).isPresent();
		assertThat(programmes.ofOrganisation(gemeente.get().id())).hasSize(1);
		var demo = accounts.all().stream().filter(a -> gemeente.get().id().equals(a.organisationId())).toList();
		assertThat(demo.stream().filter(a -> a.has(Role.COACH))).hasSize(3);
		assertThat(demo.stream().filter(a -> a.has(Role.PARTICIPANT))).hasSize(8);
		assertThat(demo).extracting(a -> a.email())
			.contains("deelnemer@briefwissel.test", "coach@briefwissel.test", "programma@briefwissel.test",
					"beheer@briefwissel.test");

		Map<String, Long> stages = jdbc.sql("""
				select t.status from trajectory t join programme p on p.id = t.programme_id
				where p.organisation_id = :organisation""")
			.param("organisation", gemeente.get().id())
			.query(String.class)
			.list()
			.stream()
			.collect(Collectors.groupingBy(s -> s, Collectors.counting()));
		assertThat(stages).containsKeys("INTAKE", "RUNNING", "PAUSED", "COMPLETED");
		assertThat(stages.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
	}

	@Test
	void everyDemoPersonsMailboxOpensOverImapWithTheEvaluationPassword() {
		for (String address : new String[] { "deelnemer@briefwissel.test", "coach@briefwissel.test",
				"programma@briefwissel.test", "beheer@briefwissel.test" }) {
			assertThatCode(() -> Mailboxes.read(mailServer, address, "briefwissel")).as(address).doesNotThrowAnyException();
		}
		assertThat(mailServer.host()).isEqualTo("127.0.0.1");
	}

	@Test
	void theDemoCoachsLetterIsInTheDemoParticipantsMailboxReadyToBeAnswered() {
		var letter = Mailboxes.awaitMail(mailServer, "deelnemer@briefwissel.test",
				mail -> subject(mail).equals("Je e-coaching met Anja de Vries"));
		assertThat(replyTo(letter)).matches("reply\\+[a-z2-7]{26}@briefwissel\\.test");
	}

	@Test
	void theDemoCoachsLettersInTheMailboxAreDatedWhenTheyWereWritten() throws Exception {
		Mailboxes.awaitMail(mailServer, "deelnemer@briefwissel.test", mail -> subject(mail).startsWith("Je e-coaching"));
		var days = new java.util.TreeSet<java.time.LocalDate>();
		for (var mail : Mailboxes.read(mailServer, "deelnemer@briefwissel.test", "briefwissel")) {
			days.add(mail.getSentDate().toInstant().atZone(clock.getZone()).toLocalDate());
		}
		var today = java.time.LocalDate.now(clock);
		assertThat(days).contains(today.minusDays(14), today.minusDays(11), today.minusDays(7));
	}

	private static String subject(jakarta.mail.internet.MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String replyTo(jakarta.mail.internet.MimeMessage mail) {
		try {
			return mail.getReplyTo()[0].toString();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void theDemoCoachFindsTheDemoParticipantWaitingAfterTwoWeeksOfLettersWithAnAssignmentAnswered() {
		var sanne = demoTrajectory("deelnemer@briefwissel.test", false);
		assertThat(sanne.need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY);

		var letters = conversations.of(sanne.trajectory().id());
		assertThat(letters).hasSizeGreaterThanOrEqualTo(8);
		var today = java.time.LocalDate.now(clock);
		// Written over the two weeks, each on its own day: not eight letters of this morning.
		assertThat(letters.get(0).createdAt().toLocalDate()).isEqualTo(today.minusDays(14));
		assertThat(letters.get(7).createdAt().toLocalDate()).isEqualTo(today.minusDays(1));
		assertThat(letters.stream().limit(8).map(m -> m.createdAt().toLocalDate()).distinct()).hasSize(8);

		var assignment = given.of(sanne.trajectory().id());
		assertThat(assignment).hasSize(1);
		assertThat(assignment.get(0).title()).isEqualTo("Je beste werkdag");
		assertThat(assignment.get(0).givenAt().toLocalDate()).isEqualTo(today.minusDays(11));
		assertThat(assignment.get(0).answeredAt().toLocalDate()).isEqualTo(today.minusDays(9));
		assertThat(letters.get(2).body()).contains("Opdracht: Je beste werkdag");
		// Her letters came by mail, through the inbound pipeline, the coach's quoted letter trimmed off.
		assertThat(letters.get(7).channel()).isEqualTo(nl.briefwissel.conversation.Channel.MAIL);
		assertThat(letters.get(7).inboundMailId()).isNotNull();
		assertThat(letters.get(7).body()).startsWith("Hoi Anja,").endsWith("Sanne").doesNotContain("schreef", "> ");
		// Mailed when written: "sent by mail on" under a letter of two weeks ago is not this morning.
		var sent = conversations.deliveries(letters).get(letters.get(0).mailMessageId());
		assertThat(sent.sentAt().toLocalDate()).isEqualTo(today.minusDays(14));
	}

	@Test
	void theDemoCoachPausedAhmedAfterHerLastLetterAndCompletedEvasTrajectoryWithASummary() {
		var today = java.time.LocalDate.now(clock);
		var ahmed = demoTrajectory("ahmed.yilmaz@briefwissel.test", false);
		assertThat(ahmed.need()).isEqualTo(Workspace.Need.PAUSED);
		assertThat(ahmed.trajectory().pauses()).extracting(p -> p.from()).containsExactly(today.minusDays(18));

		var eva = demoTrajectory("eva.visser@briefwissel.test", true);
		assertThat(eva.trajectory().status()).isEqualTo(nl.briefwissel.trajectory.TrajectoryStatus.COMPLETED);
		assertThat(eva.trajectory().endedOn()).isEqualTo(today.minusDays(28));
		assertThat(conversations.of(eva.trajectory().id())).hasSize(10);
		var closing = closings.of(eva.trajectory().id()).orElseThrow();
		assertThat(closing.writtenAt().toLocalDate()).isEqualTo(today.minusDays(30));
		assertThat(closing.reaction()).startsWith("Dank je wel, Anja.");
		// Asked for an evaluation when it was completed, not on the day the demo data was written.
		assertThat(evaluationRequestedOn(eva.trajectory().id())).isEqualTo(today.minusDays(28));
	}

	@Test
	void marcosTrajectoryWithKeesWasWrittenSummedUpAndCompletedSevenWeeksAgo() {
		var today = java.time.LocalDate.now(clock);
		var kees = accounts.byEmail("kees.hendriks@briefwissel.test").orElseThrow();
		var marco = accounts.byEmail("marco.jansen@briefwissel.test").orElseThrow();
		var trajectory = workspace.viewWithEnded(marco.id()).entries().stream()
			.map(Workspace.Entry::trajectory)
			.filter(t -> t.participantId().equals(kees.id()))
			.findFirst()
			.orElseThrow();
		assertThat(trajectory.status()).isEqualTo(nl.briefwissel.trajectory.TrajectoryStatus.COMPLETED);
		assertThat(trajectory.startedOn()).isEqualTo(today.minusWeeks(14));
		assertThat(trajectory.endedOn()).isEqualTo(today.minusWeeks(7));
		var letters = conversations.of(trajectory.id());
		assertThat(letters).hasSize(10);
		assertThat(letters.get(0).createdAt().atZoneSameInstant(clock.getZone()).toLocalDate()).isEqualTo(today.minusDays(98));
		assertThat(given.of(trajectory.id())).extracting(g -> g.title()).containsExactly("De lijn van je loopbaan");
		var closing = closings.of(trajectory.id()).orElseThrow();
		assertThat(closing.writtenAt().toLocalDate()).isEqualTo(today.minusDays(52));
		assertThat(closing.reaction()).isNull();
		assertThat(evaluationRequestedOn(trajectory.id())).isEqualTo(today.minusWeeks(7));
		// He applied days before it started: the programme's list, newest first, shows him last.
		assertThat(jdbc.sql("select created_at from trajectory where id = :id").param("id", trajectory.id())
			.query(java.time.OffsetDateTime.class).single().atZoneSameInstant(clock.getZone()).toLocalDate())
			.isEqualTo(today.minusWeeks(14).minusDays(3));
	}

	private java.time.LocalDate evaluationRequestedOn(java.util.UUID trajectory) {
		return jdbc.sql("select requested_at from evaluation_request where trajectory_id = :id")
			.param("id", trajectory)
			.query(java.time.OffsetDateTime.class)
			.single()
			.atZoneSameInstant(clock.getZone())
			.toLocalDate();
	}

	/** The demo coach's workspace row of a demo participant's trajectory. */
	private Workspace.Entry demoTrajectory(String participant, boolean ended) {
		var anja = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		var id = accounts.byEmail(participant).orElseThrow().id();
		var view = ended ? workspace.viewWithEnded(anja.id()) : workspace.view(anja.id());
		return view.entries().stream().filter(e -> e.trajectory().participantId().equals(id)).findFirst().orElseThrow();
	}

	@Test
	void theBannerNamesTheAccountsTheAddressAndTheMailPorts() {
		assertThat(banner.text()).contains("EVALUATION MODE", "deelnemer@briefwissel.test", "coach@briefwissel.test",
				"programma@briefwissel.test", "beheer@briefwissel.test", "http://localhost:",
				"SMTP " + mailServer.smtpPort(), "IMAP " + mailServer.imapPort());
	}

	@Test
	void theDemoPasswordHashedAheadOfTimeIsTheDemoPasswordWithTheCurrentParameters() {
		assertThat(passwords.matches(DemoPeople.PASSWORD, DemoPeople.PASSWORD_HASH)).isTrue();
		// Hashed with the parameters new hashes get: a sign-in would otherwise rehash it every time.
		assertThat(passwords.upgradeEncoding(DemoPeople.PASSWORD_HASH)).isFalse();
	}

	@Test
	void healthSaysUp() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string(containsString("\"UP\"")));
	}
}

package nl.briefwissel.trajectory;

import java.time.Duration;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.Today;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

@BriefwisselTest
class EmployerConfirmationTests {

	private static final String QUESTION = "Ik wil weg bij mijn afdeling maar weet niet waarheen";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Intakes intakes;

	@Autowired
	Matching matching;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void withConsentTheEmployerHearsOfStartAndCompletionAndNothingElse() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String hr = "hr-" + suffix + "@gemeente.example.nl";
		var organisation = organisations.create("Gemeente Werkgever " + suffix);
		Programme programme = programmes.create(organisation.id(), "Loopbaan " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes/{id}/employer-contact", programme.id()).param("employerContact", "geen adres")
			.with(fixtures.as(manager)).with(csrf()));
		assertThat(programmes.employerContact(programme.id())).isEmpty();
		mvc.perform(post("/programme/programmes/{id}/employer-contact", programme.id()).param("employerContact", hr)
			.with(fixtures.as(manager)).with(csrf()));
		assertThat(programmes.employerContact(programme.id())).contains(hr);
		programmes.openPublicIntake(programme.id(), true);
		mvc.perform(get("/intake/programme/{id}", programme.id()))
			.andExpect(content().string(containsString("Mijn werkgever mag een bevestiging krijgen")))
			.andExpect(content().string(containsString(hr)));

		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Carla Coach", Role.COACH);
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("SURPLUS"));
		pool.set(programme.id(), List.of(coach.id()));
		Account participant = fixtures.person(organisation.id(), "d-" + suffix + "@example.nl", "Dirk Deelnemer", Role.PARTICIPANT);
		UUID trajectory = trajectories.record(programme.id(), participant.id(), null, TrajectoryStatus.INTAKE, "SURPLUS", null,
				null);
		intakes.record(programme.id(), participant, trajectory, new IntakeForm("Dirk Deelnemer", participant.email(), QUESTION,
				"SURPLUS", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, true),
				Intake.Source.INVITATION);

		matching.proposeCoach(trajectory, coach.id(), Today.date(), manager.id());
		matching.accept(trajectory, coach.id(), Today.date());
		MimeMessage started = Mailboxes.awaitMail(mailServer, hr, mail -> Mailboxes.subject(mail).contains("gestart"));
		// Its subject is in both languages of itself: not said twice.
		assertThat(Mailboxes.subject(started)).isEqualTo("Bevestiging: gestart met loopbaancoaching / Confirmation: career coaching started");
		assertThat(Mailboxes.text(started)).contains("Dirk Deelnemer").contains("Loopbaan " + suffix)
			.doesNotContain(QUESTION).doesNotContain("SURPLUS");

		lifecycle.complete(trajectory, coach.id(), Reason.QUESTION_ANSWERED, "Vraag beantwoord: naar de buitendienst");
		MimeMessage completed = Mailboxes.awaitMail(mailServer, hr, mail -> Mailboxes.subject(mail).contains("afgerond"));
		assertThat(Mailboxes.text(completed)).contains("Dirk Deelnemer").doesNotContain("buitendienst");
	}

	/** Accepted to start in ten days: the employer is told on that day, not at the acceptance, and not after a withdrawal. */
	@Test
	void aStartAheadIsConfirmedOnItsDay() throws Exception {
		var base = fixtures.runningTrajectory(true);
		String hr = "hr-" + UUID.randomUUID() + "@gemeente.example.nl";
		programmes.changeEmployerContact(base.programmeId(), hr);
		var later = fixtures.proposal(base);
		var withdrawing = fixtures.proposal(base);
		LocalDate startOn = Today.date().plusDays(10);
		for (var proposal : List.of(later, withdrawing)) {
			jdbc.sql(CONSENT).param("id", proposal.trajectoryId()).update();
			matching.accept(proposal.trajectoryId(), proposal.coach().id(), startOn);
		}
		trajectories.withdrawEmployerConfirmation(withdrawing.trajectoryId(), withdrawing.participant().id());

		assertThat(confirmations.confirmStartsOn(Today.date())).isZero();
		assertThat(confirmations.confirmStartsOn(startOn.minusDays(1))).isZero();
		assertThat(mailsTo(hr)).isZero();

		assertThat(confirmations.confirmStartsOn(startOn)).isEqualTo(1);
		assertThat(confirmations.confirmStartsOn(startOn.plusDays(1))).as("once").isZero();
		MimeMessage started = Mailboxes.awaitMail(mailServer, hr, mail -> Mailboxes.subject(mail).contains("gestart"));
		// Each half writes the day as its reader does, with the month by name: "5-12-2026" in the English
		// half reads as 12 May to an English reader.
		assertThat(Mailboxes.text(started)).contains(later.participant().displayName())
			.contains("is op " + startOn.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))) + " gestart")
			.contains("on " + startOn.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)) + ".")
			.doesNotContain(startOn.format(java.time.format.DateTimeFormatter.ofPattern("d-M-yyyy")))
			.doesNotContain(withdrawing.participant().displayName());
		assertThat(mailsTo(hr)).isEqualTo(1);
	}

	private long mailsTo(String address) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", address).query(Long.class).single();
	}

	/** A participant's consent as the intake form records it: to the programme's contact at that moment. */
	private static final String CONSENT = """
			update trajectory set employer_may_confirm = true,
			    employer_contact = (select p.employer_contact from programme p where p.id = trajectory.programme_id)
			where id = :id""";

	/**
	 * The form named the address the participant agreed to: one the manager put in its place afterwards
	 * hears nothing of them (it heard every earlier participant's name).
	 */
	@Test
	void aContactChangedAfterTheConsentHearsNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String hr = "hr-" + UUID.randomUUID() + "@gemeente.example.nl";
		String other = "elders-" + UUID.randomUUID() + "@example.nl";
		programmes.changeEmployerContact(running.programmeId(), hr);
		jdbc.sql(CONSENT).param("id", running.id()).update();
		programmes.changeEmployerContact(running.programmeId(), other);

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		Thread.sleep(Duration.ofSeconds(2).toMillis());
		mailServer.ensureMailbox(other);
		assertThat(Mailboxes.read(mailServer, other, Mailboxes.PASSWORD)).isEmpty();
		assertThat(trajectories.employerContactConsentedTo(running.id())).contains(hr);
	}

	@Test
	void withoutConsentOrAfterWithdrawingItTheEmployerHearsNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String hr = "hr-" + UUID.randomUUID() + "@gemeente.example.nl";
		programmes.changeEmployerContact(running.programmeId(), hr);
		var consenting = fixtures.anotherFor(running, Today.date().minusWeeks(2));
		jdbc.sql(CONSENT).param("id", consenting.id()).update();

		mvc.perform(get("/participant").with(fixtures.as(consenting.participant())))
			.andExpect(content().string(containsString("Je werkgever krijgt een bevestiging")));
		mvc.perform(post("/participant/employer-confirmation/withdraw").param("trajectory", consenting.id().toString())
			.with(fixtures.as(consenting.participant())).with(csrf()));
		mvc.perform(get("/participant").with(fixtures.as(consenting.participant())))
			.andExpect(content().string(not(containsString("Je werkgever krijgt een bevestiging"))));
		assertThat(trajectories.employerMayConfirm(consenting.id())).isFalse();

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		lifecycle.complete(consenting.id(), consenting.coach().id(), Reason.QUESTION_ANSWERED, null);
		Thread.sleep(Duration.ofSeconds(2).toMillis());
		mailServer.ensureMailbox(hr);
		assertThat(Mailboxes.read(mailServer, hr, Mailboxes.PASSWORD)).isEmpty();
	}

	@Test
	void anEventDeliveredAgainSendsTheEmployerNothingMore() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String hr = "hr-" + UUID.randomUUID() + "@gemeente.example.nl";
		programmes.changeEmployerContact(running.programmeId(), hr);
		jdbc.sql(CONSENT).param("id", running.id()).update();

		// As Spring Modulith delivers an event that was not marked complete: again after a restart, and
		// by every node that starts, possibly while another node still handles it. Each call runs on its
		// own thread in its own transaction, as a listener does, so the deliveries overlap.
		var started = new TrajectoryEvents.TrajectoryStarted(running.id(), running.coach().id(), Today.date());
		var completed = new TrajectoryEvents.TrajectoryCompleted(running.id(), Today.date(), Reason.QUESTION_ANSWERED);
		for (int delivery = 0; delivery < 3; delivery++) {
			confirmations.on(started);
			confirmations.on(completed);
		}

		Mailboxes.awaitMail(mailServer, hr, mail -> Mailboxes.subject(mail).contains("gestart"));
		Mailboxes.awaitMail(mailServer, hr, mail -> Mailboxes.subject(mail).contains("afgerond"));
		Thread.sleep(Duration.ofSeconds(2).toMillis());
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :hr").param("hr", hr).query(Integer.class).single())
			.isEqualTo(2);
		assertThat(Mailboxes.read(mailServer, hr, Mailboxes.PASSWORD)).hasSize(2);
	}

	/** A completion handled again after the erasure (a node restarting) names nobody to the employer. */
	@Test
	void anErasedTrajectoryIsNotConfirmed(@Autowired TrajectoryErasure erasure) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String hr = "hr-" + UUID.randomUUID() + "@gemeente.example.nl";
		programmes.changeEmployerContact(running.programmeId(), hr);
		jdbc.sql(CONSENT).param("id", running.id()).update();
		erasure.erase(running.id(), null);

		confirmations.on(new TrajectoryEvents.TrajectoryCompleted(running.id(), Today.date(), Reason.QUESTION_ANSWERED));
		confirmations.on(new TrajectoryEvents.TrajectoryStarted(running.id(), running.coach().id(), Today.date()));

		Thread.sleep(Duration.ofSeconds(2).toMillis()); // each delivery runs on its own thread, as a listener's does
		assertThat(mailsTo(hr)).isZero();
	}

	/**
	 * The contact has no language setting, so the mail is in Dutch and in English. The HTML part says
	 * which text is English, so that a screen reader does not read it with a Dutch pronunciation; the
	 * plain-text part has both, the English under the Dutch.
	 */
	@Test
	void theEmployerMailMarksItsEnglishTextAsEnglish() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String hr = "hr-" + UUID.randomUUID() + "@gemeente.example.nl";
		programmes.changeEmployerContact(running.programmeId(), hr);
		jdbc.sql(CONSENT).param("id", running.id()).update();

		confirmations.on(new TrajectoryEvents.TrajectoryStarted(running.id(), running.coach().id(), Today.date()));

		MimeMessage started = Mailboxes.awaitMail(mailServer, hr, mail -> Mailboxes.subject(mail).contains("gestart"));
		Document html = Jsoup.parse(Mailboxes.html(started));
		assertThat(html.selectFirst("html").attr("lang")).isEqualTo("nl");
		Elements english = html.select("[lang=en]");
		assertThat(english).hasSize(1);
		assertThat(english.select("p")).hasSizeGreaterThanOrEqualTo(2);
		assertThat(english.text()).contains("Dear colleague,")
			.contains(running.participant().displayName() + " started a career trajectory")
			.doesNotContain("Beste collega")
			.doesNotContain("loopbaantraject");
		english.remove();
		assertThat(html.body().text()).contains("Beste collega,")
			.contains(running.participant().displayName() + " is op")
			.contains("gestart met een loopbaantraject")
			.doesNotContain("Dear colleague")
			.doesNotContain("career trajectory");

		String text = Mailboxes.text(started).replace("\r\n", "\n");
		assertThat(text).startsWith("Beste collega,\n\n")
			.contains("delen we niets.\n\nDear colleague,\n\n" + running.participant().displayName() + " started")
			.doesNotContain("/ Dear colleague");
	}

	@Autowired
	EmployerConfirmations confirmations;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;
}

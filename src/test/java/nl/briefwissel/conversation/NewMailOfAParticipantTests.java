package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant's new mail to the reply mailbox, without their conversation's reply address (none, or one
 * Briefwissel never issued), waits for their own coach when they are the participant of exactly one running or
 * paused trajectory, and they are told it waits (decision 0106). It went to the administrators alone: the coach
 * never saw it and the participant heard nothing. Anyone else's, or a participant's with two open trajectories,
 * stays with the administrators, as before.
 */
@BriefwisselTest
class NewMailOfAParticipantTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Trajectories trajectories;

	@Autowired
	AcceptedAddresses accepted;

	@Autowired
	MockMvc mvc;

	@Autowired
	nl.briefwissel.account.Accounts accounts;

	@Test
	void aNewMailOfTheParticipantWaitsForTheirCoachWhoAddsItAndTheParticipantIsTold() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String subject = "Nieuwe vraag " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", subject, "Ik wil je iets nieuws vertellen over mijn werk.");

		Quarantine.Entry held = awaitEntry(subject);
		assertThat(held.trajectoryId()).as("held for their trajectory, not for the administrators").isEqualTo(running.id());
		// The sender check is off (the evaluation default): nothing but its From says whose it is (decision 0105).
		assertThat(held.why()).isEqualTo(new QuarantineReason.NewMail(running.participant().email(), false));
		assertThat(held.why().senderDoubted()).isTrue();
		assertThat(quarantine.ofCoach(running.coach().id())).extracting(Quarantine.Entry::inboundMailId)
			.contains(held.inboundMailId());
		assertThat(conversations.of(running.id())).as("not let in by itself: a sender is anyone's to write").isEmpty();

		// Told at their own address, in their language, without a word of the mail.
		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je nieuwe mail wacht op je e-coach"));
		assertThat(Mailboxes.text(notice)).contains("zonder het antwoordadres van je gesprek").doesNotContain("iets nieuws");
		assertThat(jdbc.sql("select notice_kind from outbound_mail where recipient = :to and notice_kind is not null")
			.param("to", running.participant().email()).query(String.class).list()).containsExactly("NEW_MAIL_HELD");

		// The coach reads why in their quarantine and adds it as the participant's letter.
		String page = mvc.perform(get("/coach/quarantine/{id}", held.inboundMailId()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(page).text()).contains("Een nieuwe mail van de deelnemer (" + running.participant().email() + ")")
			// What they were told, true whether their trajectory runs or ended (the notice after the end says nobody
			// coaches them any more): that this mail was kept and waits, not that they themselves wait.
			.contains("De deelnemer kreeg per mail bericht dat deze mail bewaard is en niet vanzelf in het gesprek komt.")
			.doesNotContain("dat hij op de e-coach wacht");
		// Its kind as the reason says it: a new mail, not the reply the transport's kind (a person's mail) read as.
		assertThat(org.jsoup.Jsoup.parse(page).select("dt:containsOwn(Soort) + dd").text())
			.isEqualTo("Nieuwe mail, geen antwoord op een brief");
		String inEnglish = mvc.perform(get("/coach/quarantine/{id}", held.inboundMailId()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(inEnglish).select("dt:containsOwn(Kind) + dd").text())
			.isEqualTo("New mail, not an answer to a letter");
		assertThat(org.jsoup.Jsoup.parse(inEnglish).text())
			.contains("The participant was told by mail that this mail was kept and does not go into the conversation by itself.");
		// The administrators' list, which shows no conversation, says whose conversation it was meant for instead.
		String list = mvc.perform(get("/admin/quarantine").with(fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(list).select("tr:contains(" + running.participant().email() + ")").text())
			.contains("Een nieuwe mail van een deelnemer (" + running.participant().email() + ")")
			.contains("het gesprek van deze deelnemer")
			.contains("De deelnemer kreeg per mail bericht dat deze mail bewaard is en niet vanzelf in het gesprek komt; de e-coach ziet de mail ook.")
			.doesNotContain("dit gesprek");
		mvc.perform(post("/coach/quarantine/{id}/attach", held.inboundMailId()).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection());
		assertThat(conversations.of(running.id())).singleElement()
			.satisfies(letter -> assertThat(letter.body()).contains("Ik wil je iets nieuws vertellen"));
	}

	/**
	 * Held for their conversation, it is the participant's own mail (decision 0105): it waits for the coach past the
	 * register's period of unneeded mail, and their export holds it as theirs.
	 */
	@Test
	void aNewMailOfTheParticipantIsTheirsAndWaitsPastThePeriodOfUnneededMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String subject = "Blijft " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", subject, "Dit mag niet verdwijnen.");
		Quarantine.Entry held = awaitEntry(subject);
		assertThat(quarantine.fromItsParticipant(held)).isTrue();
		jdbc.sql("update quarantined_mail set quarantined_at = :then where inbound_mail_id = :id")
			.param("then", java.time.OffsetDateTime.now().minusDays(40))
			.param("id", held.inboundMailId())
			.update();

		var cutoff = java.time.OffsetDateTime.now().minusDays(30);
		assertThat(quarantine.unclaimedBefore(cutoff)).as("not even asked about again each hour").doesNotContain(held.inboundMailId());
		assertThat(quarantine.discardIfUnclaimed(held.inboundMailId(), cutoff)).as("and under the lock: theirs").isFalse();

		assertThat(quarantine.entry(held.inboundMailId())).as("still waiting for the coach").isPresent();
	}

	/** A reply address with a token Briefwissel never issued, from the participant: their coach's as well. */
	@Test
	void aMailToAnUnknownReplyAddressOfTheParticipantWaitsForTheirCoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String subject = "Oud adres " + UUID.randomUUID();
		store(running.participant().email(), "reply+zzzzzzzzzzzzzzzzzzzzzzzzzz@briefwissel.test", subject, "Via een oud adres.");

		assertThat(awaitEntry(subject).trajectoryId()).isEqualTo(running.id());
	}

	/** Another address of theirs that they confirmed for the trajectory (decision 0091) counts as theirs here too. */
	@Test
	void aNewMailFromAConfirmedAddressOfTheParticipantWaitsForTheirCoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String other = "werk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		assertThat(accepted.accept(running.id(), other, running.coach().id())).isEmpty();
		assertThat(accepted.answer(running.id(), other, true)).isEqualTo(AcceptedAddresses.Answer.CONFIRMED);
		String subject = "Vanaf werk " + UUID.randomUUID();
		store(other, "reply@briefwissel.test", subject, "Vanaf mijn werkadres.");

		assertThat(awaitEntry(subject).trajectoryId()).isEqualTo(running.id());
	}

	/**
	 * Which coach is not for Briefwissel to guess: a participant of two open trajectories and someone who is no
	 * participant stay with the administrators, told to no one. A participant whose one trajectory has ended did too,
	 * until session 44: theirs is now held for that trajectory ({@link HeldMailAfterTheEndTests}).
	 */
	@Test
	void aNewMailOfNoOneOpenTrajectoryStaysWithTheAdministrators(@Autowired nl.briefwissel.organisation.Programmes programmes)
			throws Exception {
		var twice = fixtures.runningTrajectory(true);
		var otherProgramme = programmes.create(twice.organisationId(), "Tweede programma " + UUID.randomUUID(), null, null);
		trajectories.record(otherProgramme.id(), twice.participant().id(), twice.coach().id(), TrajectoryStatus.RUNNING, "GROWTH",
				Today.date(), null);
		String run = UUID.randomUUID().toString();

		store(twice.participant().email(), "reply@briefwissel.test", "Twee " + run, "Voor welke coach?");
		store("vreemde-" + run + "@example.nl", "reply@briefwissel.test", "Vreemde " + run, "Wie leest dit?");

		for (String subject : List.of("Twee " + run, "Vreemde " + run)) {
			Quarantine.Entry entry = awaitEntry(subject);
			assertThat(entry.trajectoryId()).as(subject).isNull();
			assertThat(entry.why()).as(subject).isInstanceOf(QuarantineReason.NoReference.class);
		}
		assertThat(quarantine.ofCoach(twice.coach().id())).isEmpty();
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient in (:to) and notice_kind is not null")
			.param("to", List.of(twice.participant().email()))
			.query(Long.class).single()).isZero();
	}

	private void store(String from, String to, String subject, String words) {
		byte[] raw = ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of(to));
	}

	private Quarantine.Entry awaitEntry(String subject) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}
}

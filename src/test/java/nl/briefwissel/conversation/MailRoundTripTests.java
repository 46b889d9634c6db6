package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.SmtpReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole round trip over real mail: the coach writes on the web, the participant receives it in
 * their mailbox, answers from a mail client, and the trimmed answer appears in the conversation.
 * Each test has its own participant, so tests do not see each other's mail.
 */
@BriefwisselTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class MailRoundTripTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	SmtpReceiver receiver;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	RefusedAddresses refusedAddresses;

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Autowired
	org.springframework.context.ApplicationEventPublisher publisher;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService users;

	Account participant;

	Account coach;

	UUID trajectory;

	@BeforeEach
	void aTrajectoryOfItsOwn() {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(true);
		participant = running.participant();
		coach = running.coach();
		trajectory = running.id();
	}

	@Test
	void theCoachWritesTheParticipantRepliesByMailAndTheTrimmedReplyAppears() throws Exception {
		mvc.perform(post("/coach/trajectories/{id}/messages", trajectory).param("text", "Wat geeft je energie?")
			.with(csrf())
			.with(user(users.loadUserByUsername(coach.email())))).andExpect(status().is3xxRedirection());

		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		assertThat(received.getSubject()).isEqualTo("Je e-coaching met " + coach.displayName());
		String replyTo = received.getReplyTo()[0].toString();
		assertThat(replyTo).matches("reply\\+[a-z2-7]{26}@briefwissel\\.test");
		assertThat(received.getHeader("Auto-Submitted")).isNull();

		MimeMessage reply = replyFrom(participant.email(), received,
				"Mensen helpen die vastlopen geeft me energie.\n\nGroet\n\nOp 3 nov. 2026 om 10:12 heeft "
						+ coach.displayName() + " het volgende geschreven:\n\n> Wat geeft je energie?\n");
		Transport.send(reply);

		Message answer = awaitMessage(m -> m.author() == Author.PARTICIPANT);
		assertThat(answer.body()).isEqualTo("Mensen helpen die vastlopen geeft me energie.\n\nGroet");
		assertThat(answer.channel()).isEqualTo(Channel.MAIL);

		// The next message of the coach answers the participant's mail.
		conversations.coachWrites(trajectory, coach.id(), "Dank je. Vertel eens meer?");
		MimeMessage second = Mailboxes.awaitMail(mailServer, participant.email(),
				m -> header(m, "In-Reply-To") != null);
		assertThat(header(second, "In-Reply-To")).isEqualTo(reply.getMessageID());
		assertThat(header(second, "References")).contains(received.getMessageID()).contains(reply.getMessageID());
	}

	@Test
	void theSmtpReceiverStoresBeforeItAnswersAndARedeliveryIsStoredOnce() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Eerste vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage reply = replyFrom(participant.email(), received, "Antwoord via de ontvanger van de gemeente.");
		long before = inbound.count();

		sendTo(receiver.port(), reply);
		sendTo(receiver.port(), reply);

		awaitMessage(m -> m.author() == Author.PARTICIPANT);
		assertThat(inbound.count()).isEqualTo(before + 1);
		Thread.sleep(500);
		assertThat(conversations.of(trajectory).stream().filter(m -> m.author() == Author.PARTICIPANT)).hasSize(1);
	}

	@Test
	void theSmtpReceiverRefusesOtherDomainsAndOversizedMail() throws Exception {
		MimeMessage foreign = new MimeMessage(session(receiver.port()));
		foreign.setFrom("iemand@example.nl");
		foreign.setRecipients(RecipientType.TO, "iemand@elders.nl");
		foreign.setText("relay?");
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Transport.send(foreign)))
			.hasStackTraceContaining("550 5.7.1");

		MimeMessage big = new MimeMessage(session(receiver.port()));
		big.setFrom(participant.email());
		big.setRecipients(RecipientType.TO, "reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test");
		big.setText("x".repeat(3 * 1024 * 1024));
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Transport.send(big))).hasStackTraceContaining("552");
	}

	@Test
	void aReplyFromSomeoneElseIsQuarantinedWithTheReason() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		Transport.send(replyFrom("collega@example.nl", received, "Ik antwoord namens mijn collega."));

		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(coach.id()).isEmpty());
		Quarantine.Entry entry = quarantine.ofCoach(coach.id()).get(0);
		assertThat(entry.reason()).contains("collega@example.nl").contains("not the participant");
		assertThat(entry.trajectoryId()).isEqualTo(trajectory);
		assertThat(conversations.of(trajectory).stream().filter(m -> m.author() == Author.PARTICIPANT)).isEmpty();

		// The coach reads it and adds it to the conversation after all.
		mvc.perform(get("/coach/quarantine/{id}", entry.inboundMailId()).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().isOk());
		// A double click: both requests find the entry open; one adds the letter, the other is told it was done.
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var start = new java.util.concurrent.CountDownLatch(1);
			java.util.List<java.util.concurrent.Future<Object>> clicks = new java.util.ArrayList<>();
			for (int i = 0; i < 2; i++) {
				clicks.add(pool.submit(() -> {
					start.await();
					var result = mvc.perform(post("/coach/quarantine/{id}/attach", entry.inboundMailId()).with(csrf())
						.with(user(users.loadUserByUsername(coach.email())))).andReturn();
					assertThat(result.getResponse().getStatus()).isEqualTo(302);
					return result.getFlashMap().get("resolved");
				}));
			}
			start.countDown();
			java.util.List<Object> outcomes = new java.util.ArrayList<>();
			for (var click : clicks) {
				outcomes.add(click.get());
			}
			assertThat(outcomes).containsExactlyInAnyOrder("attached", "already");
		}
		finally {
			testsupport.Threads.finish(pool);
		}
		assertThat(conversations.of(trajectory).stream().filter(m -> m.author() == Author.PARTICIPANT)).hasSize(1);
		assertThat(quarantine.ofCoach(coach.id())).isEmpty();
		// Once more, from a page opened before: said, not an error page.
		mvc.perform(post("/coach/quarantine/{id}/discard", entry.inboundMailId()).with(csrf())
			.with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("resolved", "already"));
	}

	/**
	 * From someone who is no participant: the administrators decide. (The participant's own goes to their coach,
	 * decision 0106: {@code NewMailOfAParticipantTests}.)
	 */
	@Test
	void anUnknownReplyTokenIsQuarantinedForAdministrators() throws Exception {
		MimeMessage stray = new MimeMessage(session(mailServer.smtpPort()));
		stray.setFrom("iemand-" + UUID.randomUUID() + "@example.nl");
		stray.setRecipients(RecipientType.TO, "reply+zzzzzzzzzzzzzzzzzzzzzzzzzz@briefwissel.test");
		stray.setSubject("Verdwaald " + UUID.randomUUID());
		stray.setText("Waar hoort dit bij?");
		Transport.send(stray);
		String subject = stray.getSubject();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().anyMatch(e -> subject.equals(e.subject())));
		assertThat(quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst().orElseThrow().reason())
			.contains("unknown reply address");
	}

	@Test
	void anOutOfOfficeReplyIsANoteAndIsNeverAnswered() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage autoReply = replyFrom(participant.email(), received, "Ik ben afwezig tot en met 14 november.");
		autoReply.setSubject("Automatisch antwoord: " + received.getSubject());
		autoReply.setHeader("Auto-Submitted", "auto-replied");
		Transport.send(autoReply);

		Message note = awaitMessage(m -> m.kind() == MessageKind.AUTO_REPLY_NOTE);
		assertThat(note.author()).isEqualTo(Author.SYSTEM);
		assertThat(conversations.of(trajectory).stream().filter(m -> m.author() == Author.PARTICIPANT)).isEmpty();
		long outbound = jdbc.sql("select count(*) from outbound_mail where recipient = :to")
			.param("to", participant.email())
			.query(Long.class)
			.single();
		assertThat(outbound).as("only the coach's own message, no answer to the auto-reply").isEqualTo(1);
	}

	/** A mail program that writes long Message-IDs: the coach's answer to it is written and threaded all the same. */
	@Test
	void aLongMessageIdOfTheParticipantIsAnsweredInItsThread() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage reply = replyFrom(participant.email(), received, "Mijn antwoord uit een ander mailprogramma.");
		String longId = "<" + "a1b2c3d4".repeat(50) + "@mail.client.example.nl>";
		reply.setHeader("Message-ID", longId);
		sendTo(mailServer.smtpPort(), reply);
		awaitMessage(m -> m.author() == Author.PARTICIPANT);

		conversations.coachWrites(trajectory, coach.id(), "Dank je, een tweede vraag.");
		MimeMessage answer = Mailboxes.awaitMail(mailServer, participant.email(), m -> Mailboxes.text(m).contains("tweede vraag"));
		assertThat(header(answer, "In-Reply-To")).isEqualTo(longId);
	}

	/**
	 * An old autoresponder that marks nothing in its headers, but sends as every automatic mail does,
	 * with the null sender: through the SMTP receiver (the site's MTA relays without a Return-Path) it is
	 * a note, not a letter from the participant that asks the coach for an answer.
	 */
	@Test
	void aMailWithTheNullSenderIsAutomaticEvenWithoutItsHeaders() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage plain = replyFrom(participant.email(), received, "Dank voor uw bericht. Ik lees mijn mail weer vanaf maandag.");
		Properties envelope = new Properties();
		envelope.put("mail.smtp.from", "<>");
		Session nullSender = Session.getInstance(envelope);
		try (Transport transport = nullSender.getTransport("smtp")) {
			transport.connect("127.0.0.1", receiver.port(), null, null);
			transport.sendMessage(plain, plain.getAllRecipients());
		}

		Message note = awaitMessage(m -> m.kind() == MessageKind.AUTO_REPLY_NOTE);
		assertThat(note.body()).contains("vanaf maandag");
		assertThat(conversations.of(trajectory)).noneMatch(m -> m.author() == Author.PARTICIPANT);
	}

	/**
	 * A mail server's report that our mail is only delayed (Exchange, from the corpus) is a note in the
	 * conversation, not a failure and not a stranger's mail for the quarantine.
	 */
	@Test
	void aDelayReportOfAMailServerIsANote() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String token = received.getReplyTo()[0].toString().replaceAll("reply\\+([a-z2-7]+)@.*", "$1");
		String eml = new String(getClass().getResourceAsStream("/mail-corpus/dsn-delayed-exchange.eml").readAllBytes(),
				StandardCharsets.UTF_8).replace("li5ow2gibzd4bg5c7dbsom2wzw", token);
		MimeMessage report = new MimeMessage(session(mailServer.smtpPort()),
				new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
		report.setRecipients(RecipientType.TO, received.getReplyTo());
		sendTo(mailServer.smtpPort(), report);

		Message note = awaitMessage(m -> m.kind() == MessageKind.AUTO_REPLY_NOTE);
		assertThat(note.author()).isEqualTo(Author.SYSTEM);
		assertThat(jdbc.sql("select count(*) from quarantined_mail where trajectory_id = :t").param("t", trajectory)
			.query(Long.class).single()).isZero();
		assertThat(conversations.mailFailure(trajectory)).as("delayed is no failure").isEmpty();
	}

	/**
	 * The headers that make a mail automatic are anyone's to write: someone else with the reply
	 * address (a colleague with a forwarded letter) does not get their words into the conversation by
	 * sending them as an out-of-office. The participant's own out-of-office is still a note.
	 */
	@Test
	void anAutomaticMailFromSomeoneElseIsQuarantinedNotNoted() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String stranger = "collega-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		MimeMessage dressedUp = replyFrom(stranger, received, "Klik hier voor je beloning: https://elders.example/prijs");
		dressedUp.setSubject("Afwezig: " + received.getSubject());
		dressedUp.setHeader("Auto-Submitted", "auto-replied");
		Transport.send(dressedUp);

		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(coach.id()).isEmpty());
		Quarantine.Entry entry = quarantine.ofCoach(coach.id()).get(0);
		assertThat(entry.trajectoryId()).isEqualTo(trajectory);
		assertThat(entry.reason()).contains(stranger).contains("not the participant");
		assertThat(conversations.of(trajectory)).noneMatch(m -> m.kind() == MessageKind.AUTO_REPLY_NOTE)
			.noneMatch(m -> m.body() != null && m.body().contains("elders.example"));

		MimeMessage own = replyFrom(participant.email(), received, "Ik ben afwezig tot en met 14 november.");
		own.setSubject("Automatisch antwoord: " + received.getSubject());
		own.setHeader("Auto-Submitted", "auto-replied");
		Transport.send(own);
		Message note = awaitMessage(m -> m.kind() == MessageKind.AUTO_REPLY_NOTE);
		assertThat(note.body()).contains("afwezig tot en met 14 november");
		assertThat(quarantine.ofCoach(coach.id())).hasSize(1);
	}

	/**
	 * Outlook quotes the coach's letter without marks, and a participant who answers between its
	 * questions had only "my answers are below" in the conversation: the answers are found against the
	 * letter the mail answers and kept, the letter's lines marked as quoted.
	 */
	@Test
	void answersTypedBetweenTheQuotedQuestionsReachTheConversation() throws Exception {
		Transport.send(replyFrom(participant.email(), twoQuestions(), answeredInOutlook(
				"Hoi Anja, mijn antwoorden staan hieronder tussen je vragen.", "Werken met jongeren en iets opbouwen.",
				"Vergaderingen zonder besluit.")));

		Message letter = awaitMessage(m -> m.author() == Author.PARTICIPANT);
		assertThat(letter.body()).startsWith("Hoi Anja, mijn antwoorden staan hieronder tussen je vragen.")
			.contains("> 1. Wat geeft je energie?\nWerken met jongeren en iets opbouwen.")
			.contains("> 2. Wat kost je energie?\nVergaderingen zonder besluit.")
			.doesNotContain("Verzonden:");
	}

	/**
	 * The same answers from the participant's other address: quarantined, and added by the coach, they
	 * keep the answers between the questions (added, the letter was only "my answers are below").
	 */
	@Test
	void answersBetweenTheQuestionsAreKeptWhenTheMailIsAddedFromTheQuarantine() throws Exception {
		String otherAddress = "prive-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		Transport.send(replyFrom(otherAddress, twoQuestions(), answeredInOutlook(
				"Hoi Anja, vanaf mijn eigen adres. Mijn antwoorden staan tussen je vragen.", "Buiten zijn.", "Lang stilzitten.")));
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(coach.id()).isEmpty());

		quarantine.attach(quarantine.ofCoach(coach.id()).get(0).inboundMailId(), trajectory, coach.id());

		Message letter = awaitMessage(m -> m.author() == Author.PARTICIPANT);
		assertThat(letter.body()).startsWith("Hoi Anja, vanaf mijn eigen adres.")
			.contains("> 1. Wat geeft je energie?\nBuiten zijn.").contains("> 2. Wat kost je energie?\nLang stilzitten.");
	}

	/** The coach's letter with two questions, as the participant received it. */
	private MimeMessage twoQuestions() {
		conversations.coachWrites(trajectory, coach.id(), "Twee vragen deze week.\n1. Wat geeft je energie?\n2. Wat kost je energie?\n\nGroet, Anja");
		return Mailboxes.awaitMail(mailServer, participant.email(), m -> Mailboxes.text(m).contains("Twee vragen"));
	}

	/** An answer as Outlook writes it: the coach's letter quoted without marks, the answers typed between its questions. */
	private static String answeredInOutlook(String opening, String first, String second) {
		return opening + """


				Van: Anja via Briefwissel <noreply@briefwissel.test>
				Verzonden: maandag 2 november 2026 09:00
				Aan: Sanne <sanne@example.nl>
				Onderwerp: Je e-coaching

				Twee vragen deze week.
				1. Wat geeft je energie?
				%s
				2. Wat kost je energie?
				%s

				Groet, Anja
				""".formatted(first, second);
	}

	/** A delivery report is a form anyone can write: from someone's own address it is no note and no failure. */
	@Test
	void aBounceFromSomeonesOwnAddressIsQuarantinedNotNoted() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String stranger = "collega-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		MimeMessage report = new MimeMessage(session(mailServer.smtpPort()));
		report.setFrom(stranger);
		report.setRecipients(RecipientType.TO, received.getReplyTo()[0].toString());
		report.setSubject("Undelivered Mail Returned to Sender");
		jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart("report; report-type=delivery-status");
		jakarta.mail.internet.MimeBodyPart words = new jakarta.mail.internet.MimeBodyPart();
		words.setText("Beste coach, mail haar voortaan op prive@elders.example.", "UTF-8");
		jakarta.mail.internet.MimeBodyPart status = new jakarta.mail.internet.MimeBodyPart();
		status.setContent("Reporting-MTA: dns; mail.example.nl\n\nFinal-Recipient: rfc822; " + participant.email()
				+ "\nAction: failed\nStatus: 5.1.1\n", "message/delivery-status");
		parts.addBodyPart(words);
		parts.addBodyPart(status);
		report.setContent(parts);
		Transport.send(report);

		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(coach.id()).isEmpty());
		assertThat(quarantine.ofCoach(coach.id()).get(0).reason()).contains(stranger);
		assertThat(conversations.of(trajectory)).noneMatch(Message::isNote);
		assertThat(conversations.mailFailure(trajectory)).isEmpty();
	}

	@Test
	void aBounceTellsTheCoachThatMailDoesNotArrive(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String token = received.getReplyTo()[0].toString();
		MimeMessage bounce = new MimeMessage(session(mailServer.smtpPort()));
		bounce.setFrom("MAILER-DAEMON@mail.example.nl");
		bounce.setRecipients(RecipientType.TO, token);
		bounce.setSubject("Undelivered Mail Returned to Sender");
		bounce.setHeader("Return-Path", "<>");
		bounce.setText("This is the mail system at host mail.example.nl.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n<"
				+ participant.email() + ">: host mail.example.nl said: 550 5.1.1 User unknown");
		Transport.send(bounce);

		Message note = awaitMessage(m -> m.kind() == MessageKind.BOUNCE_NOTE);
		assertThat(note.body()).contains("could not be delivered");
		assertThat(conversations.mailFailure(trajectory)).isPresent();
		// The note and the failure keep the address; the operator's log and the inbound table do not.
		assertThat(output.getAll()).as("the log").contains(note.inboundMailId().toString())
			.doesNotContain(participant.email());
		assertThat(jdbc.sql("select outcome from inbound_mail where id = :id").param("id", note.inboundMailId())
			.query(String.class).single()).isEqualTo("bounce noted as " + note.id());
	}

	/** The relay refusing the address at once (the outbox gives up at the first try) tells as much as a bounce. */
	@Test
	void aRelayThatSaysTheParticipantsAddressDoesNotExistTellsTheCoach() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String replyTo = received.getReplyTo()[0].toString();
		String token = replyTo.substring("reply+".length(), replyTo.indexOf('@'));

		refusedAddresses.markFailing(new nl.briefwissel.mail.MailRefused("<a@briefwissel.test>", coach.email(), token,
				"recipient refused: 550 5.1.1"));
		assertThat(conversations.mailFailure(trajectory)).as("a coach's address says nothing about the participant's").isEmpty();
		refusedAddresses.markFailing(new nl.briefwissel.mail.MailRefused("<b@briefwissel.test>", "Iemand@Example.nl",
				"onbekendtoken1234567", "recipient refused: 550 5.1.1"));
		assertThat(conversations.mailFailure(trajectory)).isEmpty();

		// As the outbox publishes it: in the transaction that gives the mail up, heard after the commit.
		String messageId = received.getMessageID();
		transactions.executeWithoutResult(status -> publisher.publishEvent(new nl.briefwissel.mail.MailRefused(
				messageId, participant.email(), token, "recipient refused: 550 5.1.1")));
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> conversations.mailFailure(trajectory).isPresent());
		assertThat(conversations.mailFailure(trajectory)).hasValue(participant.email() + ": 550 5.1.1");

		// The participant put the address right and said so on the web: the coach takes the warning away.
		String page = mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername(coach.email()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("De mail komt weer aan: melding weghalen");
		var stranger = fixtures.runningTrajectory(true).coach();
		mvc.perform(post("/coach/trajectories/{id}/mail-failure/resolved", trajectory).with(csrf())
			.with(user(users.loadUserByUsername(stranger.email())))).andExpect(status().isNotFound());
		assertThat(conversations.mailFailure(trajectory)).isPresent();
		mvc.perform(post("/coach/trajectories/{id}/mail-failure/resolved", trajectory).with(csrf())
			.with(user(users.loadUserByUsername(coach.email())))).andExpect(status().is3xxRedirection());
		assertThat(conversations.mailFailure(trajectory)).isEmpty();
	}

	/**
	 * An address no message can be written to (jan..jansen@) fails without a reply of the relay: the coach's warning
	 * names the address alone, not the type of the failure ("AddressException"), which says nothing to a coach.
	 */
	@Test
	void aRefusalWithoutACodeWarnsOfTheAddressAlone() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String replyTo = received.getReplyTo()[0].toString();
		String token = replyTo.substring("reply+".length(), replyTo.indexOf('@'));

		refusedAddresses.markFailing(new nl.briefwissel.mail.MailRefused(received.getMessageID(), participant.email(), token,
				"address not writable: AddressException"));

		assertThat(conversations.mailFailure(trajectory)).hasValue(participant.email());
		String page = mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername(coach.email()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Mail aan de deelnemer komt niet aan: " + participant.email() + ".").doesNotContain("AddressException");
	}

	/** A letter the outbox gave up on goes again when its coach says so, once, and only theirs. */
	@Test
	void theCoachSendsALetterWhoseMailFailedAgain() throws Exception {
		UUID letter = conversations.coachWrites(trajectory, coach.id(), "Hoe gaat het met je?");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String messageId = received.getMessageID();
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "SENT".equals(outboundStatus(messageId)));
		// As the outbox leaves a mail after two days of a relay that was down.
		jdbc.sql("update outbound_mail set status = 'FAILED', attempts = 55, last_error = 'relay out of reach: MailConnectException' where message_id = :id")
			.param("id", messageId)
			.update();
		String again = "/coach/trajectories/" + trajectory + "/messages/" + letter + "/send-again";

		String page = mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Niet verstuurd na 55 pogingen. Reden: de mailserver was niet bereikbaar of antwoordde niet op tijd"
				+ " (MailConnectException)")
			.contains("action=\"" + again + "\"").contains("Opnieuw versturen");
		mvc.perform(post(again).with(csrf()).with(user(users.loadUserByUsername("coach@briefwissel.test"))))
			.andExpect(status().isNotFound());
		mvc.perform(post(again).with(csrf()).with(user(users.loadUserByUsername(participant.email()))))
			.andExpect(status().isForbidden());
		assertThat(outboundStatus(messageId)).isEqualTo("FAILED");

		// In the days it did not go, the participant asked for notices instead of full letters.
		assertThat(trajectories.chooseMailPreference(trajectory, participant.id(), false)).isTrue();
		mvc.perform(post(again).with(csrf()).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().is3xxRedirection())
			// the page says what goes now: the notification of the letter, not the letter by mail
			.andExpect(flash().attribute("sentAgain", "chosenNotice"));
		await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> Mailboxes.read(mailServer, participant.email(), Mailboxes.PASSWORD).size() == 2);
		var both = Mailboxes.read(mailServer, participant.email(), Mailboxes.PASSWORD);
		assertThat(both).allSatisfy(mail -> assertThat(mail.getMessageID()).isEqualTo(messageId));
		assertThat(Mailboxes.text(both.get(1))).as("made again, as the letter goes today")
			.doesNotContain("Hoe gaat het met je?").contains("heeft je een nieuw bericht gestuurd");
		assertThat(both.get(1).getHeader("In-Reply-To")).isEqualTo(received.getHeader("In-Reply-To"));
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "SENT".equals(outboundStatus(messageId)));
		assertThat(mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername(coach.email()))))
			.andReturn().getResponse().getContentAsString()).contains("Melding verstuurd op ").doesNotContain("Per mail verstuurd op ");

		// A second click, or a letter that went: nothing is sent twice.
		mvc.perform(post(again).with(csrf()).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("notSentAgain", true));
	}

	private String outboundStatus(String messageId) {
		return jdbc.sql("select status from outbound_mail where message_id = :id").param("id", messageId).query(String.class).single();
	}

	@Test
	void aPhotoSentByMailIsDownloadableByTheCoachAndTheParticipantOnly() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Maak een foto van de plek waar je het best nadenkt.");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage reply = replyFrom(participant.email(), received, "");
		jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
		jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
		text.setText("Hier is mijn foto.", "UTF-8");
		jakarta.mail.internet.MimeBodyPart photo = new jakarta.mail.internet.MimeBodyPart();
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1,
				0, 0, (byte) 0xFF, (byte) 0xD9 };
		photo.setDataHandler(new jakarta.activation.DataHandler(
				new jakarta.mail.util.ByteArrayDataSource(jpeg, "image/jpeg")));
		photo.setFileName("IMG_2041.jpeg");
		photo.setDisposition(jakarta.mail.Part.ATTACHMENT);
		parts.addBodyPart(text);
		parts.addBodyPart(photo);
		reply.setContent(parts);
		reply.saveChanges();
		Transport.send(reply);

		Message answer = awaitMessage(m -> m.author() == Author.PARTICIPANT);
		assertThat(answer.attachments()).singleElement().satisfies(a -> {
			assertThat(a.fileName()).isEqualTo("IMG_2041.jpeg");
			assertThat(a.contentType()).isEqualTo("image/jpeg");
		});
		UUID file = answer.attachments().get(0).id();
		byte[] downloaded = mvc.perform(get("/coach/trajectories/{t}/attachments/{a}", trajectory, file)
			.with(user(users.loadUserByUsername(coach.email())))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		assertThat(downloaded).isEqualTo(jpeg);
		mvc.perform(get("/participant/attachments/{t}/{a}", trajectory, file)
			.with(user(users.loadUserByUsername(participant.email())))).andExpect(status().isOk());
		mvc.perform(get("/coach/trajectories/{t}/attachments/{a}", trajectory, file)
			.with(user(users.loadUserByUsername("coach@briefwissel.test")))).andExpect(status().isNotFound());
		mvc.perform(get("/participant/attachments/{t}/{a}", trajectory, file)
			.with(user(users.loadUserByUsername("deelnemer@briefwissel.test")))).andExpect(status().isNotFound());
		mvc.perform(get("/participant/attachments/{t}/{a}", trajectory, file)
			.with(user(users.loadUserByUsername("programma@briefwissel.test")))).andExpect(status().isForbidden());
	}

	@Test
	void theLineBreaksOfALetterSurviveInAnHtmlPartOutlookReadsWithoutCss() throws Exception {
		conversations.coachWrites(trajectory, coach.id(),
				"Voor deze week:\n- maandag: gesprek met je leidinggevende\n- woensdag: je cv bijwerken\n\nSucces!");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(),
				m -> Mailboxes.text(m).contains("Voor deze week:"));
		// Outlook desktop ignores white-space:pre-wrap: only a <br> puts "woensdag" on a line of its own.
		assertThat(Mailboxes.html(received))
			.contains("Voor deze week:<br>- maandag: gesprek met je leidinggevende<br>- woensdag: je cv bijwerken")
			.contains("Succes!");
	}

	@Test
	void anotherCoachCannotOpenTheTrajectory() throws Exception {
		mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername("coach@briefwissel.test"))))
			.andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/messages", trajectory).param("text", "Hallo")
			.with(csrf())
			.with(user(users.loadUserByUsername("coach@briefwissel.test")))).andExpect(status().isNotFound());
	}

	@Test
	void theParticipantReadsTheConversationAndWritesFromTheWeb() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Hoe gaat het?");
		var me = user(users.loadUserByUsername(participant.email()));
		String page = mvc.perform(get("/participant/conversation").with(me)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Hoe gaat het?");
		mvc.perform(post("/participant/conversation").param("text", "Goed, dank je!").with(csrf()).with(me))
			.andExpect(status().is3xxRedirection());
		assertThat(conversations.of(trajectory)).extracting(Message::body).contains("Goed, dank je!");
	}

	/** A double click on "Versturen", also two requests at the same moment: one letter, one mail. */
	@Test
	void aDoubleClickWritesOneLetter() throws Exception {
		var asCoach = user(users.loadUserByUsername(coach.email()));
		String page = mvc.perform(get("/coach/trajectories/{id}", trajectory).with(asCoach)).andReturn().getResponse()
			.getContentAsString();
		java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"submission\" value=\"([0-9a-f-]{36})\"").matcher(page);
		assertThat(field.find()).as("the write form carries its own id").isTrue();
		String submission = field.group(1);
		java.util.concurrent.Callable<Integer> click = () -> mvc.perform(post("/coach/trajectories/{id}/messages", trajectory)
			.param("text", "Eén brief, hoe vaak je ook klikt.").param("submission", submission).with(csrf()).with(asCoach))
			.andReturn().getResponse().getStatus();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = pool.submit(click);
			var second = pool.submit(click);
			assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(302);
			assertThat(second.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(302);
		}
		finally {
			pool.shutdown();
		}
		assertThat(click.call()).as("a third, after both").isEqualTo(302);
		assertThat(conversations.of(trajectory)).filteredOn(m -> m.body().startsWith("Eén brief")).hasSize(1);
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", participant.email())
			.query(Long.class).single()).isEqualTo(1);

		var asParticipant = user(users.loadUserByUsername(participant.email()));
		String own = mvc.perform(get("/participant/conversation").with(asParticipant)).andReturn().getResponse().getContentAsString();
		java.util.regex.Matcher ownField = java.util.regex.Pattern.compile("name=\"submission\" value=\"([0-9a-f-]{36})\"").matcher(own);
		assertThat(ownField.find()).isTrue();
		for (int i = 0; i < 2; i++) {
			mvc.perform(post("/participant/conversation").param("text", "Mijn ene antwoord").param("submission", ownField.group(1))
				.with(csrf()).with(asParticipant)).andExpect(status().is3xxRedirection());
		}
		assertThat(conversations.of(trajectory)).filteredOn(m -> m.body().equals("Mijn ene antwoord")).hasSize(1);
	}

	/**
	 * After the end nobody reads the page's letters: the form is gone, and a letter sent anyway (an
	 * old tab) is not stored but shown back. A new trajectory that a coach has not accepted yet does
	 * not replace the conversation either: its coach cannot read it.
	 */
	@Test
	void theParticipantCannotWriteIntoAnEndedTrajectoryOrOneNotStarted() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Laatste brief");
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :t").param("t", trajectory).update();
		UUID proposed = trajectories.record(trajectories.byId(trajectory).orElseThrow().programmeId(), participant.id(), coach.id(),
				nl.briefwissel.trajectory.TrajectoryStatus.MATCHING, "GROWTH", null, null);
		var me = user(users.loadUserByUsername(participant.email()));

		String page = mvc.perform(get("/participant/conversation").with(me)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Laatste brief").contains("is afgesloten").doesNotContain("action=\"/participant/conversation\"");
		// The trajectory's state is in the way, not the letter: 409 (decision 0139, amended).
		String refused = mvc.perform(post("/participant/conversation").param("text", "Nog een vraag").with(csrf()).with(me))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("is niet verstuurd").contains("Nog een vraag");
		assertThat(conversations.of(trajectory)).extracting(Message::body).doesNotContain("Nog een vraag");
		assertThat(conversations.of(proposed)).isEmpty();

		// A new trajectory runs now; a letter from a tab of the old one does not land in it.
		UUID next = trajectories.record(trajectories.byId(trajectory).orElseThrow().programmeId(), participant.id(), coach.id(),
				nl.briefwissel.trajectory.TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
		String stale = mvc.perform(post("/participant/conversation").param("text", "Voor mijn oude coach")
			.param("trajectory", trajectory.toString()).with(csrf()).with(me))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(stale).contains("is niet verstuurd").contains("Voor mijn oude coach");
		assertThat(conversations.of(next)).isEmpty();
		assertThat(mvc.perform(get("/participant/conversation").with(me)).andReturn().getResponse().getContentAsString())
			.contains("name=\"trajectory\" value=\"" + next + "\"");
	}

	/**
	 * The participant mails after the trajectory ended: kept in the record, and the coach, whose lists
	 * no longer show the trajectory, is told by a mail without the letter that they can answer.
	 */
	@Test
	void aMailAfterTheEndIsKeptAndTheCoachIsToldByAMailTheyCanAnswer(
			@org.springframework.beans.factory.annotation.Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle)
			throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Dit was onze laatste brief.");
		MimeMessage last = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		lifecycle.complete(trajectory, coach.id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);

		Transport.send(replyFrom(participant.email(), last, "Nog een vraag: mag ik je later nog eens mailen?"));
		awaitMessage(m -> m.author() == Author.PARTICIPANT);
		MimeMessage told = Mailboxes.awaitMail(mailServer, coach.email(), m -> Mailboxes.subject(m).contains("na het einde"));
		assertThat(Mailboxes.text(told)).contains(participant.displayName()).contains("/coach/trajectories/" + trajectory)
			.doesNotContain("mag ik je later");
		assertThat(told.getReplyTo()[0].toString()).isEqualTo(last.getReplyTo()[0].toString());

		// The coach answers that mail: the answer goes to the participant and into the conversation.
		Transport.send(replyFrom(coach.email(), told, "Natuurlijk, mail gerust."));
		awaitMessage(m -> m.author() == Author.COACH && m.body().startsWith("Natuurlijk"));
		Mailboxes.awaitMail(mailServer, participant.email(), m -> Mailboxes.text(m).contains("Natuurlijk, mail gerust."));
	}

	/**
	 * The notice to the coach carries the conversation's reply address, so a bounce of it (the coach's
	 * mailbox is gone) comes back there: it says nothing about the participant's mail and stays out of
	 * the conversation.
	 */
	@Test
	void aBounceOfAMailToTheCoachStaysOutOfTheConversation() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		String eml = new String(getClass().getResourceAsStream("/mail-corpus/bounce-dsn-multipart-report.eml").readAllBytes(),
				StandardCharsets.UTF_8)
			.replace("To: noreply@briefwissel.test", "To: " + received.getReplyTo()[0])
			.replace("j.smit@gemeente-voorbeeld.nl", coach.email());
		MimeMessage bounce = new MimeMessage(session(mailServer.smtpPort()),
				new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
		sendTo(mailServer.smtpPort(), bounce);

		await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				select count(*) from quarantined_mail q join inbound_mail i on i.id = q.inbound_mail_id
				where q.reason_argument = :coach""").param("coach", coach.email()).query(Long.class).single() == 1);
		assertThat(conversations.of(trajectory)).noneMatch(m -> m.kind() == MessageKind.BOUNCE_NOTE);
		assertThat(conversations.mailFailure(trajectory)).isEmpty();
	}

	/**
	 * A coach who answers by mail with a worksheet attached: the participant's mail says there is a file
	 * and where to open it (it arrived saying "see the attachment", with none), the file itself stays here.
	 */
	@Test
	void aFileOfTheCoachsMailLetterIsAnnouncedToTheParticipant() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage first = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage withFile = replyFrom(coach.email(), first, "");
		jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
		jakarta.mail.internet.MimeBodyPart letter = new jakarta.mail.internet.MimeBodyPart();
		letter.setText("Zie het werkblad in de bijlage.", "UTF-8");
		jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
		file.setContent("%PDF-1.4 werkblad".getBytes(StandardCharsets.US_ASCII), "application/pdf");
		file.setFileName("werkblad-kwaliteiten.pdf");
		file.setDisposition(jakarta.mail.Part.ATTACHMENT);
		parts.addBodyPart(letter);
		parts.addBodyPart(file);
		withFile.setContent(parts);
		withFile.saveChanges();
		Transport.send(withFile);

		MimeMessage sent = Mailboxes.awaitMail(mailServer, participant.email(), m -> Mailboxes.text(m).contains("werkblad in de bijlage"));
		assertThat(Mailboxes.text(sent)).contains("Bij dit bericht hoort een bestand (werkblad-kwaliteiten.pdf); je kunt het openen in Briefwissel.");
	}

	/** A coach's letter written by mail shows its delivery and may be sent again, as one from the web. */
	@Test
	void aCoachsLetterByMailShowsThatItsMailFailedAndGoesAgain() throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage first = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		Transport.send(replyFrom(coach.email(), first, "Nog een vraag, per mail geschreven."));
		Message byMail = awaitMessage(m -> m.author() == Author.COACH && m.body().startsWith("Nog een vraag"));
		assertThat(byMail.cameByMail()).isTrue();
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "SENT".equals(outboundStatus(byMail.mailMessageId())));
		// As the outbox kept it before decision 0104, the relay's words with the address: the page never shows them.
		jdbc.sql("update outbound_mail set status = 'FAILED', attempts = 55, last_error = :old where message_id = :id")
			.param("old", "SendFailedException: Invalid Addresses (SMTPAddressFailedException: 550 5.1.1 <" + participant.email()
					+ ">: Recipient address rejected)")
			.param("id", byMail.mailMessageId())
			.update();
		String before = mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(before).select(".bw-delivery--failed").text())
			.isEqualTo("Niet verstuurd na 55 pogingen. Reden: een onverwachte fout");
		jdbc.sql("update outbound_mail set last_error = 'recipient refused: 550 5.1.1' where message_id = :id")
			.param("id", byMail.mailMessageId())
			.update();

		String again = "/coach/trajectories/" + trajectory + "/messages/" + byMail.id() + "/send-again";
		String page = mvc.perform(get("/coach/trajectories/{id}", trajectory).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Niet verstuurd na 55 pogingen. Reden: de mailserver weigert het adres van de ontvanger,"
				+ " meestal omdat het niet bestaat (550 5.1.1)").contains("action=\"" + again + "\"");
		mvc.perform(post(again).with(csrf()).with(user(users.loadUserByUsername(coach.email()))))
			.andExpect(flash().attribute("sentAgain", "mail"));
	}

	/** An administrator adds a quarantined mail to an ended trajectory: its coach is told, as for any mail after the end. */
	@Test
	void aMailAddedToAnEndedTrajectoryByAnAdministratorIsToldToTheCoach(
			@org.springframework.beans.factory.annotation.Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@org.springframework.beans.factory.annotation.Autowired Quarantine quarantine) throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Dit was onze laatste brief.");
		MimeMessage last = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		lifecycle.complete(trajectory, coach.id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		Transport.send(replyFrom("prive-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl", last, "Vanaf mijn eigen adres."));
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(coach.id()).isEmpty());
		UUID administrator = users.loadUserByUsername("beheer@briefwissel.test") instanceof nl.briefwissel.account.SignedInAccount admin
				? admin.id() : null;

		assertThat(quarantine.attach(quarantine.ofCoach(coach.id()).get(0).inboundMailId(), trajectory, administrator)).isPresent();
		MimeMessage told = Mailboxes.awaitMail(mailServer, coach.email(), m -> Mailboxes.subject(m).contains("na het einde"));
		assertThat(Mailboxes.text(told)).doesNotContain("Vanaf mijn eigen adres");
	}

	private Message awaitMessage(java.util.function.Predicate<Message> matching) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(trajectory).stream().filter(matching).findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private MimeMessage replyFrom(String from, MimeMessage original, String text) throws Exception {
		MimeMessage reply = new MimeMessage(session(mailServer.smtpPort())) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", "<" + UUID.randomUUID() + "@client.example.nl>");
			}
		};
		reply.setFrom(new InternetAddress(from));
		reply.setRecipients(RecipientType.TO, original.getReplyTo());
		reply.setSubject("Re: " + original.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", original.getMessageID());
		reply.setHeader("References", original.getMessageID());
		reply.setText(text, StandardCharsets.UTF_8.name());
		reply.saveChanges();
		return reply;
	}

	private void sendTo(int port, MimeMessage message) throws Exception {
		Session session = session(port);
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect("127.0.0.1", port, null, null);
			transport.sendMessage(message, message.getAllRecipients());
		}
	}

	private static Session session(int port) {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(port));
		return Session.getInstance(properties);
	}

	private static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, null);
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}

package nl.briefwissel.conversation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMail;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.InboundResult;
import nl.briefwissel.mail.MailReader;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.mail.SenderAuthentication;
import nl.briefwissel.mail.SenderCheckProperties;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With the sender check on (decision 0037), a letter in the coach's or the participant's name that the
 * receiving server did not confirm goes to the coach's quarantine, not into the conversation and not on
 * to the participant. The shared test context runs with the check off (the evaluation default), so the
 * same handler is made here with it on; the mail is stored as the pipeline stores it, already taken.
 */
@BriefwisselTest
class SenderCheckTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Quarantine quarantine;

	@Autowired
	Messages messages;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Programmes programmes;

	@Autowired
	Intakes intakes;

	@Autowired
	GivenAssignments given;

	@Autowired
	InboundMails inbound;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	HeldBackNotices notices;

	@Autowired
	AcceptedAddresses accepted;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	LetterArrivals arrivals;

	@Autowired
	nl.briefwissel.account.Accounts accounts;

	InboundReplies checking;

	Fixtures.RunningTrajectory running;

	MimeMessage letter;

	@BeforeEach
	void aLetterToAnswer() {
		checking = new InboundReplies(tokens, messages, trajectories, quarantine, conversations, programmes, intakes, given,
				new SenderAuthentication(new SenderCheckProperties(true, "mx.gemeente.test")), notices, accepted, replyAddress,
				arrivals, accounts);
		running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat gaf je vandaag energie?");
		letter = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
	}

	@Test
	void aLetterInTheCoachsNameTheServerDidNotConfirmReachesNobody() throws Exception {
		int before = messages.ofTrajectory(running.id()).size();
		long mailsBefore = mailsTo(running.participant().email());
		InboundResult result = handle(answer(running.coach().email(), "Dit is je coach: stuur je BSN naar mij.",
				"mx.gemeente.test; spf=fail smtp.mailfrom=" + domain(running.coach().email())
						+ "; dmarc=fail header.from=" + domain(running.coach().email()),
				"mx.gemeente.test; dmarc=pass header.from=" + domain(running.coach().email())));

		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		assertThat(messages.ofTrajectory(running.id())).hasSize(before);
		Quarantine.Entry entry = quarantine.ofCoach(running.coach().id()).get(0);
		assertThat(entry.why()).isEqualTo(new QuarantineReason.UnconfirmedSender(running.coach().email(), true, "spf=fail dmarc=fail"));
		assertThat(entry.why().attachable()).as("never the participant's letter").isFalse();
		assertThat(QuarantineReason.of(entry.why().code(), entry.why().argument(), entry.reason())).isEqualTo(entry.why());
		assertThat(mailsTo(running.participant().email())).as("nothing on to the participant").isEqualTo(mailsBefore);

		String page = mvc.perform(get("/coach/quarantine").with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("De mail komt van het adres van de e-coach (" + running.coach().email() + ")")
			.contains("spf=fail dmarc=fail");
	}

	@Test
	void theParticipantsLetterWithoutTheServersWordMayBeAddedByTheCoach() throws Exception {
		InboundResult result = handle(answer(running.participant().email(), "Mijn antwoord.", null, null));

		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		Quarantine.Entry entry = quarantine.ofCoach(running.coach().id()).get(0);
		assertThat(entry.why()).isEqualTo(
				new QuarantineReason.UnconfirmedSender(running.participant().email(), false, "no Authentication-Results from mx.gemeente.test"));
		assertThat(entry.why().attachable()).isTrue();
	}

	@Test
	void aConfirmedLetterGoesIntoTheConversation() throws Exception {
		InboundResult result = handle(answer(running.participant().email(), "Wandelen gaf me energie.",
				"mx.gemeente.test; dkim=pass header.d=" + domain(running.participant().email()), null));

		assertThat(result).isInstanceOf(InboundResult.Threaded.class);
		assertThat(messages.ofTrajectory(running.id())).extracting(Message::body).contains("Wandelen gaf me energie.");
	}

	/** An address the coach accepted for the trajectory and the participant confirmed (decisions 0089, 0091) is checked as their own is. */
	@Test
	void aLetterFromAnAcceptedAddressTheServerDidNotConfirmIsHeldAsTheParticipantsWouldBe() throws Exception {
		String work = "werk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		assertThat(accepted.accept(running.id(), work, running.coach().id())).isEmpty();
		assertThat(accepted.answer(running.id(), work, true)).isEqualTo(AcceptedAddresses.Answer.CONFIRMED);

		InboundResult result = handle(answer(work, "Vanaf mijn werk.", null, null));

		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		assertThat(quarantine.ofCoach(running.coach().id()).get(0).why())
			.isEqualTo(new QuarantineReason.UnconfirmedSender(work, false, "no Authentication-Results from mx.gemeente.test"));

		InboundResult confirmed = handle(answer(work, "Nu bevestigd.", "mx.gemeente.test; dkim=pass header.d=example.nl", null));
		assertThat(confirmed).isInstanceOf(InboundResult.Threaded.class);
	}

	/**
	 * A new mail of the participant, without a reply address, is held for their coach either way (decision 0106);
	 * stored as confirmed when the server confirmed it, which their export reads to give them the mail (decision 0105).
	 */
	@Test
	void aNewMailOfTheParticipantTheServerConfirmedIsHeldForTheCoachAsConfirmed() {
		String own = running.participant().email();
		byte[] raw = ("Authentication-Results: mx.gemeente.test; dkim=pass header.d=" + domain(own) + "\r\nFrom: " + own
				+ "\r\nTo: reply@briefwissel.test\r\nSubject: Een nieuwe vraag\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIk heb een nieuwe vraag.\r\n")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(handle(raw)).isInstanceOf(InboundResult.Quarantined.class);

		Quarantine.Entry entry = quarantine.ofCoach(running.coach().id()).get(0);
		assertThat(entry.why()).isEqualTo(new QuarantineReason.NewMail(own, true));
		assertThat(entry.why().senderDoubted()).isFalse();
		assertThat(QuarantineReason.of(entry.why().code(), entry.why().argument(), entry.reason())).isEqualTo(entry.why());
	}

	/**
	 * Anyone can write the From of someone who applied by mail today: unconfirmed, the mail is not added to their
	 * application (its words, files and mail would be in their export) but held for the administrators.
	 */
	@Test
	void anUnconfirmedMailInTheNameOfSomeoneWhoAppliedTodayIsNotAddedToTheirApplication() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(running.organisationId(), "Aanmelden " + suffix, "aanmelden-" + suffix + "@briefwissel.test", null);
		String applicant = "sanne-" + suffix + "@gemeente.test";
		var application = intakes.receiveByMail(programme, applicant, "Sanne", "Ik wil graag meedoen.", null).orElseThrow();

		String raw = "Authentication-Results: mx.gemeente.test; spf=fail smtp.mailfrom=gemeente.test; dmarc=fail header.from=gemeente.test\r\n"
				+ "From: " + applicant + "\r\nTo: " + programme.intakeAddress() + "\r\nSubject: Nog iets\r\n"
				+ "Message-ID: <" + UUID.randomUUID() + "@elders.test>\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ "Mijn BSN staat in de bijlage.\r\n--b\r\nContent-Type: application/pdf\r\n"
				+ "Content-Disposition: attachment; filename=nep.pdf\r\n\r\n%PDF-1.4 nep\r\n--b--\r\n";
		InboundResult result = handle(raw.getBytes(StandardCharsets.US_ASCII));

		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		assertThat(intakes.filesOf(application.id())).as("no file added to their application").isEmpty();
		assertThat(intakes.mailsOf(application.id())).as("no mail in their export").isEmpty();
		assertThat(jdbc.sql("select count(*) from intake where lower(email) = :e").param("e", applicant).query(Long.class).single())
			.as("no second application either").isEqualTo(1);

		// The administrators read that the sender was not confirmed, not only that no conversation was found.
		Quarantine.Entry entry = quarantine.all().stream().filter(e -> applicant.equals(e.why().argument())).findFirst()
			.orElseThrow();
		assertThat(entry.why().code()).isEqualTo("noReferenceUnconfirmed");
		assertThat(entry.why().senderDoubted()).isTrue();
		assertThat(QuarantineReason.of(entry.why().code(), entry.why().argument(), entry.reason())).isEqualTo(entry.why());
		assertThat(entry.why().forLog()).doesNotContain(applicant);
		var administrator = fixtures.person(running.organisationId(), "beheer-" + suffix + "@example.nl", "Beheer " + suffix,
				nl.briefwissel.account.Role.ADMINISTRATOR);
		String page = mvc.perform(get("/admin/quarantine").with(fixtures.as(administrator)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("en de afzender (" + applicant + ") is niet bevestigd").contains("spf=fail dmarc=fail");
		String english = mvc.perform(get("/admin/quarantine").param("lang", "en").with(fixtures.as(administrator)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(english).contains("and the sender (" + applicant + ") is not confirmed");
	}

	/**
	 * The first mail to the intake address in someone's name, its sender not confirmed by the receiving server: it
	 * still starts an application (a real applicant's domain may sign nothing), answered at that address, but what it
	 * holds (the words, the file, the mail) is not that person's export until they complete it with the answer's link,
	 * which only their mailbox got (decision 0129). Nothing of it is lost meanwhile.
	 */
	@Test
	void aFirstMailInSomeonesNameTheServerDidNotConfirmStaysOutOfTheirExportUntilTheyUseTheLink() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(running.organisationId(), "Eerste " + suffix, "eerste-" + suffix + "@briefwissel.test", null);
		String owner = "echt-" + suffix + "@gemeente.test";
		// The address's owner has an account here (an earlier trajectory, say): their export is what is at stake.
		var account = fixtures.person(running.organisationId(), owner, "Echt " + suffix, nl.briefwissel.account.Role.PARTICIPANT);

		String raw = "Authentication-Results: mx.gemeente.test; spf=fail smtp.mailfrom=gemeente.test; dmarc=fail header.from=gemeente.test\r\n"
				+ "From: " + owner + "\r\nTo: " + programme.intakeAddress() + "\r\nSubject: Aanmelding\r\n"
				+ "Message-ID: <" + UUID.randomUUID() + "@elders.test>\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ "Ik schaam me voor mijn werk, zie bijlage.\r\n--b\r\nContent-Type: application/pdf\r\n"
				+ "Content-Disposition: attachment; filename=vals-" + suffix + ".pdf\r\n\r\n%PDF-1.4 vals\r\n--b--\r\n";
		InboundResult result = handle(raw.getBytes(StandardCharsets.US_ASCII));

		assertThat(result).isInstanceOf(InboundResult.Application.class);
		UUID application = ((InboundResult.Application) result).applicationId();
		assertThat(intakes.applicationsOf(account.id(), owner)).as("not in the owner's export").isEmpty();
		String data = exportData(account);
		assertThat(data).doesNotContain("vals-" + suffix).doesNotContain("Ik schaam me");
		// Kept: listed with the programme's applications not complete yet, with its mail and file.
		assertThat(intakes.open(programme.id())).extracting(i -> i.id()).containsExactly(application);
		assertThat(intakes.mailsOf(application)).hasSize(1);
		assertThat(intakes.filesOf(application)).extracting(f -> f.fileName()).containsExactly("vals-" + suffix + ".pdf");

		// The owner completes it with the link that reached their mailbox: now it is theirs, in their export.
		MimeMessage answer = Mailboxes.awaitMail(mailServer, owner, m -> Mailboxes.subject(m).startsWith("Je aanmelding"));
		java.util.regex.Matcher link = java.util.regex.Pattern.compile("/intake/complete/([A-Za-z0-9_-]{43})")
			.matcher(Mailboxes.text(answer));
		assertThat(link.find()).isTrue();
		// The form the link opens shows what the application holds besides the question, and says its first mail's
		// sender could not be checked: completed, it is theirs.
		var form = org.jsoup.Jsoup.parse(mvc.perform(get("/intake/complete/" + link.group(1))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(form.select("#sender-unconfirmed").text()).contains("niet controleren");
		assertThat(form.select("#mailed-files + ul").text()).contains("vals-" + suffix + ".pdf");
		assertThat(intakes.complete(link.group(1), new nl.briefwissel.trajectory.IntakeForm("Echt " + suffix, owner,
				"Mijn eigen vraag.", "NEXT_STEP", new nl.briefwissel.trajectory.Intake.SelfCheck(
						nl.briefwissel.trajectory.Intake.Answer.YES, nl.briefwissel.trajectory.Intake.Answer.YES,
						nl.briefwissel.trajectory.Intake.Answer.YES), true, true),
				java.util.Locale.forLanguageTag("nl"))).isPresent();
		assertThat(intakes.applicationsOf(account.id(), owner)).extracting(a -> a.id()).containsExactly(application);
		assertThat(exportData(account)).contains("vals-" + suffix);
	}

	/**
	 * Someone writes an address's From, unconfirmed, and starts a marked application; the same day the address's owner
	 * mails the intake address themselves, confirmed. Their words and file went into the stranger's application, which
	 * stayed marked: they either left their own application unsent or sent it with the stranger's question and file. The
	 * owner's mail starts their own application instead; the stranger's is left as it was (decision 0129).
	 */
	@Test
	void theOwnersConfirmedMailIsNotAddedToAStrangersUnconfirmedApplication() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(running.organisationId(), "Echt " + suffix, "echt-" + suffix + "@briefwissel.test", null);
		String owner = "eigenaar-" + suffix + "@gemeente.test";
		InboundResult faked = handle(intakeMail(owner, programme.intakeAddress(), "spf=fail smtp.mailfrom=gemeente.test; dmarc=fail header.from=gemeente.test",
				"Vraag van een vreemde.", "vreemd-" + suffix + ".pdf"));
		UUID stranger = ((InboundResult.Application) faked).applicationId();

		InboundResult own = handle(intakeMail(owner, programme.intakeAddress(), "spf=pass smtp.mailfrom=gemeente.test; dmarc=pass header.from=gemeente.test",
				"Mijn eigen vraag.", "eigen-" + suffix + ".pdf"));

		assertThat(own).isInstanceOf(InboundResult.Application.class);
		UUID mine = ((InboundResult.Application) own).applicationId();
		assertThat(mine).as("an application of their own").isNotEqualTo(stranger);
		assertThat(intakes.filesOf(stranger)).extracting(f -> f.fileName()).as("nothing of theirs in the stranger's")
			.containsExactly("vreemd-" + suffix + ".pdf");
		assertThat(intakes.mailsOf(stranger)).hasSize(1);
		assertThat(intakes.filesOf(mine)).extracting(f -> f.fileName()).containsExactly("eigen-" + suffix + ".pdf");
		assertThat(jdbc.sql("select sender_unconfirmed from intake where id = :id").param("id", mine).query(Boolean.class).single())
			.as("their own is not marked").isFalse();
		assertThat(jdbc.sql("select sender_unconfirmed from intake where id = :id").param("id", stranger).query(Boolean.class).single())
			.as("the stranger's stays marked").isTrue();
		// Their own answer with its own link: a third mail of theirs that day goes to their own application.
		assertThat(mailsTo(owner)).isEqualTo(2);
		InboundResult again = handle(intakeMail(owner, programme.intakeAddress(), "spf=pass smtp.mailfrom=gemeente.test; dmarc=pass header.from=gemeente.test",
				"Nog iets van mij.", "cv-" + suffix + ".pdf"));
		assertThat(((InboundResult.Application) again).applicationId()).isEqualTo(mine);
		assertThat(intakes.filesOf(stranger)).hasSize(1);
	}

	/**
	 * A mail to the intake address in the name of the participant of a running trajectory of the programme, its sender
	 * not confirmed: no application is started in their name (whose answer, with a link to a form holding the writer's
	 * words, went to the address), and nobody is answered. Held for their trajectory as an unconfirmed letter in their
	 * name is, saying why: the sender was not confirmed, and the address is a participant's of a trajectory here.
	 */
	@Test
	void anUnconfirmedMailToTheIntakeAddressInARunningParticipantsNameStartsNoApplicationAndAnswersNobody() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String intakeAddress = "lopend-" + suffix + "@briefwissel.test";
		jdbc.sql("update programme set intake_address = :address where id = :id").param("address", intakeAddress)
			.param("id", running.programmeId()).update();
		String own = running.participant().email();
		long mailsBefore = mailsTo(own);

		InboundResult result = handle(intakeMail(own, intakeAddress, "spf=fail smtp.mailfrom=example.nl; dmarc=fail header.from=example.nl",
				"Stuur mijn gegevens naar dit adres.", "vals-" + suffix + ".pdf"));

		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		assertThat(jdbc.sql("select count(*) from intake where lower(email) = :e").param("e", own).query(Long.class).single())
			.as("no application in their name").isZero();
		assertThat(mailsTo(own)).as("nothing to the address: no link, no notice").isEqualTo(mailsBefore);
		Quarantine.Entry entry = quarantine.heldFor(running.id()).get(0);
		assertThat(entry.why().code()).isEqualTo("unconfirmedAtIntake");
		assertThat(entry.why().senderDoubted()).isTrue();
		assertThat(entry.why().answersNoLetter()).isTrue();
		assertThat(entry.why().forLog()).doesNotContain(own);
		assertThat(QuarantineReason.of(entry.why().code(), entry.why().argument(), entry.reason())).isEqualTo(entry.why());
		assertThat(quarantine.ofCoach(running.coach().id())).extracting(Quarantine.Entry::inboundMailId)
			.contains(entry.inboundMailId());

		String page = mvc.perform(get("/coach/quarantine").with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(page).text())
			.contains("Een mail aan het aanmeldadres, vanaf het adres van een deelnemer (" + own + ")")
			.contains("Daarom is er geen aanmelding van gemaakt en kreeg niemand antwoord.")
			.contains("spf=fail dmarc=fail");
		String english = mvc.perform(get("/coach/quarantine").param("lang", "en").with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(english).text())
			.contains("A mail to the intake address, from the address of a participant (" + own + ")")
			.contains("That is why no application was made of it and nobody was answered.");
	}

	/**
	 * The same for someone whose application is complete and waits for a coach: no second application, no "your
	 * application is in" to the address (a confirmed sender's mail gets that), held for their trajectory.
	 */
	@Test
	void anUnconfirmedMailToTheIntakeAddressInAWaitingApplicantsNameStartsNoApplicationAndAnswersNobody() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(running.organisationId(), "Wachtend " + suffix, "wachtend-" + suffix + "@briefwissel.test", null);
		String own = "wacht-" + suffix + "@example.nl";
		var applicant = fixtures.person(running.organisationId(), own, "Wacht " + suffix, nl.briefwissel.account.Role.PARTICIPANT);
		UUID waiting = trajectories.record(programme.id(), applicant.id(), null, nl.briefwissel.trajectory.TrajectoryStatus.INTAKE,
				"NEXT_STEP", null, null);
		long mailsBefore = mailsTo(own);

		InboundResult result = handle(intakeMail(own, programme.intakeAddress(),
				"spf=fail smtp.mailfrom=example.nl; dmarc=fail header.from=example.nl", "Is er al een coach?", "vals-" + suffix + ".pdf"));

		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		assertThat(jdbc.sql("select count(*) from intake where lower(email) = :e").param("e", own).query(Long.class).single())
			.as("no application in their name").isZero();
		assertThat(mailsTo(own)).as("nothing to the address").isEqualTo(mailsBefore);
		assertThat(quarantine.heldFor(waiting)).singleElement()
			.satisfies(entry -> assertThat(entry.why().code()).isEqualTo("unconfirmedAtIntake"));

		// The administrators read to add it as the participant's letter if sure: while it waits for a coach it cannot be
		// (no e-coach reads it, the choice leaves it out). They read to leave it for the e-coach who accepts.
		var administrator = fixtures.person(running.organisationId(), "beheer-" + suffix + "@example.nl", "Beheer " + suffix,
				nl.briefwissel.account.Role.ADMINISTRATOR);
		assertThat(adminRow(administrator, own, null))
			.contains("Een mail aan het aanmeldadres, vanaf het adres van een deelnemer (" + own + ")")
			.contains("Nog geen e-coach ziet de mail")
			.contains("Laat de mail staan voor de e-coach die het traject aanneemt")
			.doesNotContain("Voeg de mail alleen als brief van de deelnemer toe");
		assertThat(adminRow(administrator, own, "en"))
			.contains("No e-coach sees the mail yet")
			.contains("Leave it for the e-coach who accepts the trajectory")
			.doesNotContain("Only add it as the participant's letter");
		UUID held = quarantine.heldFor(waiting).get(0).inboundMailId();
		String discard = mvc.perform(get("/admin/quarantine/{id}/discard", held).with(fixtures.as(administrator)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(discard).select("#discard-told").text()).startsWith("De deelnemer heeft niet gehoord");

		// Once a coach coaches it, it can be added, by someone who knows it is theirs.
		jdbc.sql("update trajectory set status = 'RUNNING', coach_id = :coach where id = :id").param("coach", running.coach().id())
			.param("id", waiting).update();
		assertThat(adminRow(administrator, own, null)).contains("Voeg de mail alleen als brief van de deelnemer toe")
			.doesNotContain("Nog geen e-coach ziet de mail");
	}

	/**
	 * The administrators' sentence for a new mail held for a trajectory said its e-coach sees it too: untrue while the
	 * application waits for a coach (none yet, or one proposed who has not accepted), when no coach sees it and the
	 * participant heard that their application is in. It says so per case, and once a coach coaches it, that they see it.
	 */
	@Test
	void theAdministratorsReadWhetherAnECoachSeesANewMailOrTheApplicationStillWaitsForOne() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var programme = programmes.create(running.organisationId(), "Wacht " + suffix, "wacht-" + suffix + "@briefwissel.test", null);
		String own = "wachter-" + suffix + "@example.nl";
		var applicant = fixtures.person(running.organisationId(), own, "Wachter " + suffix, nl.briefwissel.account.Role.PARTICIPANT);
		UUID waiting = trajectories.record(programme.id(), applicant.id(), null, nl.briefwissel.trajectory.TrajectoryStatus.INTAKE,
				"NEXT_STEP", null, null);
		InboundResult result = handle(intakeMail(own, programme.intakeAddress(), "dkim=pass header.d=example.nl",
				"Is er al een coach?", "cv-" + suffix + ".pdf"));
		assertThat(result).isInstanceOf(InboundResult.Quarantined.class);
		Quarantine.Entry held = quarantine.heldFor(waiting).get(0);
		assertThat(held.why()).isInstanceOf(QuarantineReason.NewMail.class);
		var administrator = fixtures.person(running.organisationId(), "beheer-" + suffix + "@example.nl", "Beheer " + suffix,
				nl.briefwissel.account.Role.ADMINISTRATOR);

		assertThat(adminRow(administrator, own, null))
			.contains("Een nieuwe mail van een deelnemer (" + own + ")")
			.contains("De aanmelding van deze deelnemer is compleet en wacht op een e-coach: nog geen e-coach ziet de mail.")
			.contains("De deelnemer kreeg per mail bericht dat de aanmelding binnen is en dat de mail erbij bewaard is")
			.doesNotContain("de e-coach ziet de mail ook");
		assertThat(adminRow(administrator, own, "en"))
			.contains("This participant's application is complete and waits for an e-coach: no e-coach sees the mail yet.")
			.doesNotContain("their e-coach sees it too");
		String discard = mvc.perform(get("/admin/quarantine/{id}/discard", held.inboundMailId()).with(fixtures.as(administrator)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(discard).select("#discard-told").text())
			.contains("Je aanmelding is binnen en wacht op een e-coach").doesNotContain("Je nieuwe mail wacht op je e-coach");

		// A coach proposed who has not accepted yet does not see it either.
		var coach = fixtures.person(running.organisationId(), "voorgesteld-" + suffix + "@example.nl", "Voorgesteld " + suffix,
				nl.briefwissel.account.Role.COACH);
		jdbc.sql("update trajectory set status = 'MATCHING', coach_id = :coach where id = :id").param("coach", coach.id())
			.param("id", waiting).update();
		assertThat(quarantine.ofCoach(coach.id())).isEmpty();
		assertThat(adminRow(administrator, own, null)).contains("nog geen e-coach ziet de mail");

		// Once a coach coaches it, they see it, and the sentence says so.
		jdbc.sql("update trajectory set status = 'RUNNING' where id = :id").param("id", waiting).update();
		assertThat(quarantine.ofCoach(coach.id())).extracting(Quarantine.Entry::inboundMailId).contains(held.inboundMailId());
		assertThat(adminRow(administrator, own, null)).contains("de e-coach ziet de mail ook")
			.doesNotContain("nog geen e-coach ziet de mail");
		assertThat(adminRow(administrator, own, "en")).contains("their e-coach sees it too");
	}

	/** The row of the administrators' quarantine list with mail from this address, as text. */
	private String adminRow(nl.briefwissel.account.Account administrator, String from, String lang) throws Exception {
		var request = get("/admin/quarantine").with(fixtures.as(administrator));
		if (lang != null) {
			request = request.param("lang", lang);
		}
		String list = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		return org.jsoup.Jsoup.parse(list).select("tr:contains(" + from + ")").text();
	}

	private static byte[] intakeMail(String from, String to, String verdict, String text, String file) {
		return ("Authentication-Results: mx.gemeente.test; " + verdict + "\r\n"
				+ "From: " + from + "\r\nTo: " + to + "\r\nSubject: Aanmelding\r\n"
				+ "Message-ID: <" + UUID.randomUUID() + "@elders.test>\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ text + "\r\n--b\r\nContent-Type: application/pdf\r\n"
				+ "Content-Disposition: attachment; filename=" + file + "\r\n\r\n%PDF-1.4 " + file + "\r\n--b--\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private String exportData(nl.briefwissel.account.Account participant) throws Exception {
		var response = mvc.perform(get("/participant/export").with(fixtures.as(participant))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		StringBuilder all = new StringBuilder();
		try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(response.getContentAsByteArray()))) {
			for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				all.append(entry.getName()).append('\n').append(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
			}
		}
		return all.toString();
	}

	private long mailsTo(String address) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", address).query(Long.class).single();
	}

	private static String domain(String address) {
		return address.substring(address.indexOf('@') + 1);
	}

	/** An answer to the coach's letter from {@code from}, with the receiving server's header on top and one below it. */
	private byte[] answer(String from, String text, String serversHeader, String sendersHeader) throws Exception {
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		if (sendersHeader != null) {
			reply.addHeader("Authentication-Results", sendersHeader);
		}
		reply.setFrom(new InternetAddress(from));
		reply.setRecipients(RecipientType.TO, letter.getReplyTo());
		reply.setSubject("Re: " + letter.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", letter.getMessageID());
		reply.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain(from) + ">");
		reply.setText(text, "UTF-8");
		reply.saveChanges();
		reply.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain(from) + ">");
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		if (serversHeader != null) {
			raw.writeBytes(("Authentication-Results: " + serversHeader + "\r\n").getBytes(StandardCharsets.US_ASCII));
		}
		reply.writeTo(raw);
		return raw.toByteArray();
	}

	/** Stored and taken in one transaction, so the running pipeline (check off) never sees it; then handled with it on. */
	private InboundResult handle(byte[] raw) {
		UUID id = transactions.execute(status -> {
			UUID stored = inbound.store(raw, InboundMails.Source.SMTP, null, List.of()).id();
			jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", stored).update();
			return stored;
		});
		return transactions.execute(status -> checking.handle(new InboundMail(id, OffsetDateTime.now(), MailReader.read(raw))));
	}
}

package nl.briefwissel.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeForm;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The participant's export holds their whole record: the PDF, every attachment, and all data as JSON. */
@BriefwisselTest
class ExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle;

	@Autowired
	Intakes intakes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Programmes programmes;

	@Autowired
	Accounts accounts;

	@Test
	void theExportZipHoldsTheRecordTheAttachmentsAndTheData() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie in je werk?");
		byte[] photo = { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9 };
		conversations.participantWrites(running.id(), running.participant().id(), "Lesgeven geeft me energie, zie de foto.",
				List.of(MailAttachment.received("klas.jpg", "image/jpeg", new ByteArrayInputStream(photo)),
						MailAttachment.received("rooster.exe", "application/octet-stream", new ByteArrayInputStream(photo))));

		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED,
				"Twee weken extra voor het sollicitatiegesprek");
		java.time.OffsetDateTime written = java.time.OffsetDateTime.parse("2026-03-02T10:15:00+01:00");
		java.time.OffsetDateTime reacted = java.time.OffsetDateTime.parse("2026-03-04T20:45:00+01:00");
		jdbc.sql("""
				insert into closing (trajectory_id, summary, written_at, sent_at, reaction, reacted_at)
				values (:t, 'Je krijgt energie van lesgeven.', :written, :written, 'Dat klopt.', :reacted)""")
			.param("t", running.id())
			.param("written", written)
			.param("reacted", reacted)
			.update();

		var response = mvc.perform(get("/participant/export").with(fixtures.as(running.participant()))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/zip");
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		assertThat(entries).containsKeys("gegevens.json", "traject-1/verslag.pdf");
		String json = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(json).contains(running.participant().email()).contains("Lesgeven geeft me energie")
			.contains("Wat geeft je energie in je werk?").contains("klas.jpg")
			.contains("Twee weken extra voor het sollicitatiegesprek");
		assertThat(entries.entrySet()).filteredOn(e -> e.getKey().startsWith("traject-1/bijlagen/")).singleElement().satisfies(e -> {
			assertThat(e.getKey()).endsWith("-klas.jpg");
			assertThat(e.getValue()).isEqualTo(photo);
		});
		// Each file of a letter is found in the ZIP by its path; one not kept says why, as the record does.
		JsonNode trajectory = JsonMapper.builder().build().readTree(json).get("trajectories").get(0);
		JsonNode files = trajectory.get("messages").get(1).get("attachments");
		assertThat(files.size()).isEqualTo(2);
		JsonNode kept = files.get(0).get("name").asString().equals("klas.jpg") ? files.get(0) : files.get(1);
		JsonNode refused = kept == files.get(0) ? files.get(1) : files.get(0);
		assertThat(entries).containsKey(kept.get("file").asString());
		assertThat(entries.get(kept.get("file").asString())).isEqualTo(photo);
		assertThat(kept.has("notKept")).isFalse();
		assertThat(refused.get("name").asString()).isEqualTo("rooster.exe");
		assertThat(refused.get("file").isNull()).isTrue();
		assertThat(refused.get("notKept").asString()).isEqualTo("rooster.exe: niet bewaard, een programma (.exe)");
		JsonNode closing = trajectory.get("closing");
		assertThat(java.time.OffsetDateTime.parse(closing.get("writtenAt").asString())).isAtSameInstantAs(written);
		assertThat(java.time.OffsetDateTime.parse(closing.get("reactedAt").asString())).isAtSameInstantAs(reacted);
		try (PDDocument pdf = Loader.loadPDF(entries.get("traject-1/verslag.pdf"))) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Lesgeven geeft me energie");
		}
	}

	/**
	 * Each extension in the data says the weeks it added: only their sum was kept before V111, and the export named
	 * none. Those of a trajectory extended more than once before then are not known: null, and said in the person's
	 * language with their sum.
	 */
	@Test
	void eachExtensionInTheDataSaysItsWeeks() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		lifecycle.extend(running.id(), running.coach().id(), 1, nl.briefwissel.trajectory.Reason.PERSONAL_CIRCUMSTANCES, null);

		List<JsonNode> extensions = extensions(running.participant(), "nl");
		assertThat(extensions).hasSize(2);
		assertThat(extensions.get(0).get("weeks").asInt()).isEqualTo(2);
		assertThat(extensions.get(1).get("weeks").asInt()).isEqualTo(1);
		assertThat(extensions).allSatisfy(extension -> assertThat(extension.has("weeksNotKept")).isFalse());

		jdbc.sql("update trajectory_transition set weeks = null where trajectory_id = :t").param("t", running.id()).update();
		List<JsonNode> before = extensions(running.participant(), "en");
		assertThat(before).hasSize(2).allSatisfy(extension -> {
			assertThat(extension.get("weeks").isNull()).isTrue();
			assertThat(extension.get("weeksNotKept").asString()).startsWith("How many weeks this extension added was not kept")
				.endsWith("All extensions together make the trajectory 3 weeks longer.");
		});
	}

	private List<JsonNode> extensions(Account participant, String language) throws Exception {
		JsonNode changes = JsonMapper.builder().build()
			.readTree(new String(export(participant, language).get(language.equals("nl") ? "gegevens.json" : "data.json"),
					StandardCharsets.UTF_8))
			.get("trajectories").get(0).get("changes");
		List<JsonNode> extensions = new java.util.ArrayList<>();
		changes.forEach(change -> {
			if (change.get("kind").asString().equals("EXTENSION")) {
				extensions.add(change);
			}
		});
		return extensions;
	}

	/** Each highlight says who marked it, as each letter says who wrote it: a name and a role. */
	@Test
	void theDataSayWhoMarkedEachHighlight(@Autowired nl.briefwissel.conversation.Highlights highlights) throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie? En wat kost je energie?");
		highlights.mark(running.id(), letter, "Wat geeft je energie?", running.participant().id()).orElseThrow();
		highlights.mark(running.id(), letter, "En wat kost je energie?", running.coach().id()).orElseThrow();

		JsonNode marked = JsonMapper.builder().build()
			.readTree(new String(export(running.participant(), "nl").get("gegevens.json"), StandardCharsets.UTF_8))
			.get("trajectories").get(0).get("highlights");
		Map<String, JsonNode> byPassage = new HashMap<>();
		marked.forEach(highlight -> byPassage.put(highlight.get("passage").asString(), highlight));
		assertThat(byPassage.get("Wat geeft je energie?").get("markedBy").asString()).isEqualTo(running.participant().displayName());
		assertThat(byPassage.get("Wat geeft je energie?").get("markedByRole").asString()).isEqualTo("PARTICIPANT");
		assertThat(byPassage.get("En wat kost je energie?").get("markedBy").asString()).isEqualTo(running.coach().displayName());
		assertThat(byPassage.get("En wat kost je energie?").get("markedByRole").asString()).isEqualTo("COACH");
	}

	@Test
	void theDataHoldTheSelfCheckTheAgreementsAndApplicationsThatNeverBecameATrajectory() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account participant = running.participant();
		intakes.record(running.programmeId(), participant, running.id(), new IntakeForm(participant.displayName(),
				participant.email(), "Hoe kom ik van lesgeven naar opleiden?", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.PARTLY, Intake.Answer.NO), true, true, true),
				Intake.Source.INVITATION);
		trajectories.chooseMailPreference(running.id(), participant.id(), false);
		jdbc.sql("update trajectory set employer_contact = 'hr@werkgever.example.nl' where id = :id").param("id", running.id()).update();
		jdbc.sql("insert into employer_confirmation (trajectory_id, kind, confirmed_at) values (:id, 'STARTED', current_timestamp)")
			.param("id", running.id())
			.update();
		// A second application by mail, from the same address in capitals, withdrawn before it was completed.
		var programme = programmes.byId(running.programmeId()).orElseThrow();
		Intake second = intakes.receiveByMail(programme, participant.email().toUpperCase(Locale.ROOT), "D. Eelnemer",
				"Kan ik ook hulp krijgen bij mijn pensioenplanning?", null).orElseThrow();
		assertThat(intakes.withdraw(second.id(), programme.id())).isTrue();

		Map<String, byte[]> entries = export(participant, "nl");

		JsonNode data = JsonMapper.builder().build().readTree(new String(entries.get("gegevens.json"), StandardCharsets.UTF_8));
		JsonNode trajectory = data.get("trajectories").get(0);
		assertThat(trajectory.get("question").asString()).isEqualTo("Hoe kom ik van lesgeven naar opleiden?");
		assertThat(trajectory.get("mailPreference").asString()).isEqualTo("NOTIFICATION");
		assertThat(trajectory.get("employerMayConfirm").asBoolean()).isTrue();
		JsonNode told = trajectory.get("employerConfirmations");
		assertThat(told.size()).isEqualTo(1);
		assertThat(told.get(0).get("kind").asString()).isEqualTo("STARTED");
		assertThat(told.get(0).get("to").asString()).isEqualTo("hr@werkgever.example.nl");
		assertThat(told.get(0).get("sentAt").isNull()).isFalse();
		JsonNode intake = trajectory.get("intake");
		assertThat(intake.get("selfCheck").get("writesComfortably").asString()).isEqualTo("YES");
		assertThat(intake.get("selfCheck").get("motivated").asString()).isEqualTo("PARTLY");
		assertThat(intake.get("selfCheck").get("hasTime").asString()).isEqualTo("NO");
		assertThat(intake.get("consentAt").isNull()).isFalse();
		assertThat(intake.has("statementReadAt")).as("ticked under consent").isFalse();
		assertThat(intake.get("expectationsAgreedAt").isNull()).isFalse();
		JsonNode applications = data.get("applications");
		assertThat(applications.size()).isEqualTo(1);
		assertThat(applications.get(0).get("status").asString()).isEqualTo("WITHDRAWN");
		assertThat(applications.get(0).get("name").asString()).isEqualTo("D. Eelnemer");
		assertThat(applications.get(0).get("question").asString()).isEqualTo("Kan ik ook hulp krijgen bij mijn pensioenplanning?");
	}

	/**
	 * Under a public task or a legitimate interest the application's box said the statement was read, not that the
	 * person agreed (decision 0138, amended): their data say when they read it, not when they consented.
	 */
	@Test
	void anApplicationTickedUnderAnotherBasisThanConsentSaysTheStatementWasReadNotConsent(
			@Autowired nl.briefwissel.organisation.PrivacyContacts contacts) throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account participant = running.participant();
		var saved = contacts.of(running.organisationId());
		try {
			contacts.save(running.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK));
			intakes.record(running.programmeId(), participant, running.id(), new IntakeForm(participant.displayName(),
					participant.email(), "Hoe kom ik van lesgeven naar opleiden?", "NEXT_STEP",
					new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true), Intake.Source.INVITATION);
		}
		finally {
			contacts.save(running.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}

		JsonNode intake = JsonMapper.builder().build()
			.readTree(new String(export(participant, "nl").get("gegevens.json"), StandardCharsets.UTF_8))
			.get("trajectories").get(0).get("intake");
		assertThat(intake.has("consentAt")).as("no consent was given, also now the organisation chose consent").isFalse();
		assertThat(intake.get("statementReadAt").isNull()).isFalse();
		assertThat(intake.get("expectationsAgreedAt").isNull()).isFalse();
	}

	/**
	 * Someone else types the participant's address in the public form, by mistake: the address was never
	 * confirmed, so that stranger's name and question are not the participant's data, waiting or withdrawn.
	 */
	@Test
	void applicationsFromThePublicLinkThatNobodyConfirmedAreNotInTheExport() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account participant = running.participant();
		var programme = programmes.byId(running.programmeId()).orElseThrow();
		intakes.applyByLink(programme, new IntakeForm("Vreemde Vera", participant.email(), "Mag ik over mijn ontslag schrijven?",
				"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				Locale.forLanguageTag("nl"), null);
		intakes.applyByLink(programme, new IntakeForm("Andere Anton", participant.email().toUpperCase(Locale.ROOT),
				"Hoe vraag ik om minder uren?", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				Locale.forLanguageTag("nl"), null);
		Intake withdrawn = intakes.open(programme.id()).stream()
			.filter(intake -> "Andere Anton".equals(intake.displayName()))
			.findFirst()
			.orElseThrow();
		assertThat(intakes.withdraw(withdrawn.id(), programme.id())).isTrue();

		String json = new String(export(participant, "nl").get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(json).contains(participant.email())
			.doesNotContain("Vreemde Vera")
			.doesNotContain("ontslag")
			.doesNotContain("Andere Anton")
			.doesNotContain("minder uren");
		JsonNode data = JsonMapper.builder().build().readTree(json);
		assertThat(data.get("applications").size()).isZero();
	}

	@Test
	void anEnglishParticipantsExportHasEnglishNames() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String suffix = running.id().toString().substring(0, 8);
		Account english = accounts.register(new NewAccount(running.organisationId(), "participant-" + suffix + "@example.nl",
				"Participant " + suffix, Locale.ENGLISH, Set.of(Role.PARTICIPANT), null));
		var trajectory = trajectories.record(running.programmeId(), english.id(), running.coach().id(), TrajectoryStatus.RUNNING,
				"NEXT_STEP", Today.date(), null);
		conversations.participantWrites(trajectory, english.id(), "My CV, as promised.",
				List.of(MailAttachment.received("cv.txt", "text/plain", new ByteArrayInputStream(new byte[] { 'c', 'v' }))));

		Map<String, byte[]> entries = export(english, "en");

		assertThat(entries).containsKeys("data.json", "trajectory-1/report.pdf").doesNotContainKeys("gegevens.json",
				"traject-1/verslag.pdf");
		assertThat(entries.keySet()).anySatisfy(name -> assertThat(name).startsWith("trajectory-1/attachments/").endsWith("-cv.txt"));
		assertThat(entries.keySet()).noneMatch(name -> name.contains("bijlagen"));
	}

	/**
	 * The letter in the conversation is trimmed of the quoted history and signature; the participant's
	 * copy of their data holds the mail as they sent it, and the notes about their mail (an
	 * out-of-office answer) the conversation shows them.
	 */
	@Test
	void theExportHoldsTheMailsAsTheParticipantSentThemAndTheNotesAboutTheirMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		jakarta.mail.internet.MimeMessage received = answerByMail(running.participant(),
				"Lesgeven geeft me energie.\n\n-- \nSanne de Vries\n06 1234 5678\n");
		jakarta.mail.internet.MimeMessage away = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
		away.setFrom(new jakarta.mail.internet.InternetAddress(running.participant().email()));
		away.setRecipients(jakarta.mail.Message.RecipientType.TO, received.getReplyTo());
		away.setSubject("Afwezig: " + received.getSubject(), "UTF-8");
		away.setHeader("Auto-Submitted", "auto-replied");
		away.setText("Ik ben tot maandag met verlof.", StandardCharsets.UTF_8.name());
		jakarta.mail.Transport.send(away);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).size() == 3);

		Map<String, byte[]> entries = export(running.participant(), "nl");

		var original = entries.entrySet().stream().filter(e -> e.getKey().startsWith("traject-1/mails-zoals-verstuurd/")).toList();
		assertThat(original).hasSize(1);
		assertThat(original.get(0).getKey()).endsWith(".eml");
		assertThat(new String(original.get(0).getValue(), StandardCharsets.UTF_8)).contains("06 1234 5678")
			.contains(received.getMessageID());
		JsonNode trajectory = JsonMapper.builder().build()
			.readTree(new String(entries.get("gegevens.json"), StandardCharsets.UTF_8)).get("trajectories").get(0);
		JsonNode letter = trajectory.get("messages").get(1);
		assertThat(letter.get("text").asString()).isEqualTo("Lesgeven geeft me energie.");
		assertThat(letter.get("originalMail").asString()).isEqualTo(original.get(0).getKey());
		assertThat(trajectory.get("messages").get(0).has("originalMail")).as("the coach's letter, written on the web").isFalse();
		assertThat(trajectory.get("mailNotes")).hasSize(1);
		assertThat(trajectory.get("mailNotes").get(0).get("kind").asString()).isEqualTo("AUTO_REPLY_NOTE");
		assertThat(trajectory.get("mailNotes").get(0).get("text").asString()).contains("met verlof");
	}

	@Autowired
	nl.briefwissel.mail.EmbeddedMailServer mailServer;

	/** The participant answers the coach's letter from their mail program; the coach's letter as it came. */
	private jakarta.mail.internet.MimeMessage answerByMail(Account participant, String text) throws Exception {
		jakarta.mail.internet.MimeMessage received = nl.briefwissel.Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		jakarta.mail.internet.MimeMessage reply = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
		reply.setFrom(new jakarta.mail.internet.InternetAddress(participant.email()));
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setText(text, StandardCharsets.UTF_8.name());
		jakarta.mail.Transport.send(reply);
		return received;
	}

	/**
	 * A mail sent at half past midnight in the Netherlands is of that day in the ZIP too: its name and
	 * the time its files are stamped with are Amsterdam's (in UTC it was the evening before, and a ZIP
	 * stamped in the server's zone shows that time when unpacked).
	 */
	@Test
	void theFilesInTheZipAreDatedAsInTheNetherlands(@Autowired java.time.Clock clock) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		answerByMail(running.participant(), "Lesgeven geeft me energie.");
		conversations.participantWrites(running.id(), running.participant().id(), "En de foto.",
				List.of(MailAttachment.received("klas.jpg", "image/jpeg", new ByteArrayInputStream(new byte[] { 1, 2, 3 }))));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).size() == 3);
		java.time.LocalDateTime halfPastMidnight = Today.date().minusDays(1).atTime(0, 30);
		// In UTC, as PostgreSQL gives a time back (H2 keeps the offset it was given).
		jdbc.sql("update message set created_at = :at where trajectory_id = :id and author_role = 'PARTICIPANT'")
			.param("at", halfPastMidnight.atZone(clock.getZone()).toOffsetDateTime().withOffsetSameInstant(java.time.ZoneOffset.UTC))
			.param("id", running.id())
			.update();

		Map<String, java.time.LocalDateTime> stamped = new HashMap<>();
		byte[] exported = exported(running.participant(), "nl");
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(exported))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				stamped.put(entry.getName(), entry.getTimeLocal());
			}
		}
		// The data say the same moment as the record, in Dutch time with its offset: not 23:30Z the day before.
		JsonNode trajectory = JsonMapper.builder().build()
			.readTree(new String(unzipped(exported).get("gegevens.json"), StandardCharsets.UTF_8)).get("trajectories").get(0);
		String asInTheNetherlands = halfPastMidnight.atZone(clock.getZone()).toOffsetDateTime().toString();
		assertThat(java.util.stream.StreamSupport.stream(trajectory.get("messages").spliterator(), false).filter(m -> m.get("role").asString().equals("PARTICIPANT"))
			.map(m -> m.get("at").asString())).isNotEmpty().allMatch(asInTheNetherlands::equals);

		assertThat(stamped.entrySet()).filteredOn(e -> e.getKey().startsWith("traject-1/mails-zoals-verstuurd/"))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.getKey()).startsWith("traject-1/mails-zoals-verstuurd/" + halfPastMidnight.toLocalDate() + "-");
				assertThat(e.getValue()).isEqualTo(halfPastMidnight);
			});
		assertThat(stamped.entrySet()).filteredOn(e -> e.getKey().startsWith("traject-1/bijlagen/"))
			.singleElement()
			.satisfies(e -> assertThat(e.getValue()).isEqualTo(halfPastMidnight));
		assertThat(stamped).hasEntrySatisfying("gegevens.json",
				at -> assertThat(at).isCloseTo(java.time.LocalDateTime.now(clock), org.assertj.core.api.Assertions.within(2,
						java.time.temporal.ChronoUnit.MINUTES)));
	}

	/** A proposed coach may still decline: the data name them once they accepted, as the start page does. */
	@Test
	void aProposedCoachIsNotInTheDataBeforeAccepting() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		Account participant = proposal.participant();
		Account proposed = proposal.coach();

		String json = new String(export(participant, "nl").get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(json).doesNotContain(proposed.displayName());
		JsonNode trajectory = JsonMapper.builder().build().readTree(json).get("trajectories").get(0);
		assertThat(trajectory.get("status").asString()).isEqualTo("MATCHING");
		assertThat(trajectory.get("coach").isNull()).isTrue();
	}

	/**
	 * Another address of theirs the coach accepted for the trajectory (decision 0089) is data about them that we
	 * keep and act on once they confirmed it: the export lists it with the trajectory, with when and where it
	 * stands (AVG article 15), also when they stopped it counting since (decision 0102). One they declined, or never
	 * confirmed (waiting, or run out), is not known to be theirs and may be someone else's address: not in it
	 * (decision 0105); a waiting one is on their conversation page to answer. A withdrawn one is gone.
	 */
	@Test
	void theDataHoldTheAddressesTheCoachAcceptedForTheTrajectory(
			@Autowired nl.briefwissel.conversation.AcceptedAddresses accepted) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
		String work = "werk-" + suffix + "@example.nl";
		String stopped = "gestopt-" + suffix + "@example.nl";
		String old = "oud-" + suffix + "@example.nl";
		String waiting = "wacht-" + suffix + "@example.nl";
		String runOut = "verlopen-" + suffix + "@example.nl";
		String declined = "nee-" + suffix + "@example.nl";
		for (String address : List.of(work, stopped, old, waiting, runOut, declined)) {
			assertThat(accepted.accept(running.id(), address, running.coach().id())).isEmpty();
		}
		assertThat(accepted.answer(running.id(), work, true)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.CONFIRMED);
		assertThat(accepted.answer(running.id(), stopped, true)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.CONFIRMED);
		java.time.OffsetDateTime confirmedOn = java.time.OffsetDateTime.now().minusDays(3).withNano(0);
		jdbc.sql("update accepted_address set answered_at = :at where trajectory_id = :t and address = :a")
			.param("at", confirmedOn).param("t", running.id()).param("a", stopped).update();
		assertThat(accepted.withdrawByParticipant(running.id(), stopped))
			.isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Withdrawal.WITHDRAWN);
		assertThat(accepted.answer(running.id(), declined, false)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.DECLINED);
		assertThat(accepted.withdraw(running.id(), old)).isTrue();
		jdbc.sql("update accepted_address set expires_at = :past where trajectory_id = :t and address = :a")
			.param("past", java.time.OffsetDateTime.now().minusDays(1)).param("t", running.id()).param("a", runOut).update();

		JsonNode trajectory = JsonMapper.builder().build()
			.readTree(new String(export(running.participant(), "nl").get("gegevens.json"), StandardCharsets.UTF_8))
			.get("trajectories").get(0);
		JsonNode addresses = trajectory.get("acceptedAddresses");
		assertThat(addresses).hasSize(2);
		java.util.Map<String, JsonNode> byAddress = new java.util.HashMap<>();
		addresses.forEach(address -> byAddress.put(address.get("address").asString(), address));
		assertThat(byAddress.keySet()).containsExactlyInAnyOrder(work, stopped);
		assertThat(byAddress.get(work).get("state").asString()).isEqualTo("CONFIRMED");
		assertThat(byAddress.get(work).get("acceptedAt").asString()).isNotBlank();
		assertThat(byAddress.get(work).get("confirmedAt").asString()).isNotBlank();
		assertThat(byAddress.get(work).get("withdrawnAt").isNull()).isTrue();
		// Withdrawn: both days, each by its name; before, the withdrawal stood in the place of the confirmation.
		assertThat(byAddress.get(stopped).get("state").asString()).isEqualTo("WITHDRAWN");
		assertThat(java.time.OffsetDateTime.parse(byAddress.get(stopped).get("confirmedAt").asString()).toInstant()).isEqualTo(confirmedOn.toInstant());
		assertThat(java.time.OffsetDateTime.parse(byAddress.get(stopped).get("withdrawnAt").asString()).toInstant())
			.isAfter(java.time.Instant.now().minusSeconds(600));
		assertThat(byAddress.get(stopped).has("answeredAt")).as("no date whose meaning depends on the state").isFalse();
		assertThat(trajectory.toString()).doesNotContain(old).doesNotContain(declined).doesNotContain(waiting)
			.doesNotContain(runOut);
	}

	/**
	 * Mail held back for the trajectory is kept as long as the trajectory (decision 0075) and is data about it
	 * (AVG article 15): the data say when and why, and the ZIP holds the participant's own as they sent it
	 * (here its headers, as a mail too big to keep is stored), or from another address of theirs they confirmed.
	 * Someone else's mail, which did not go into the conversation, is not in it: only that it came, and from whom.
	 */
	@Test
	void theExportHoldsTheMailHeldBackForTheTrajectoryAndTheirOwnAsTheySentIt(
			@Autowired nl.briefwissel.mail.InboundMails inbound, @Autowired nl.briefwissel.mail.ReplyAddress replyAddress,
			@Autowired nl.briefwissel.conversation.Quarantine quarantine,
			@Autowired nl.briefwissel.conversation.AcceptedAddresses accepted) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Stuur je de video van je werkplek?");
		String reply = replyAddress.of(jdbc.sql("select token from reply_token where trajectory_id = :t")
			.param("t", running.id()).query(String.class).single());
		String run = UUID.randomUUID().toString().substring(0, 8);
		String own = running.participant().email();
		String confirmed = "thuis-" + run + "@example.nl";
		String stranger = "buurman-" + run + "@example.nl";
		assertThat(accepted.accept(running.id(), confirmed, running.coach().id())).isEmpty();
		assertThat(accepted.answer(running.id(), confirmed, true)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.CONFIRMED);
		inbound.store(tooBig(own, reply, "eigen-" + run), nl.briefwissel.mail.InboundMails.Source.SMTP, own, List.of(reply));
		inbound.store(tooBig(confirmed, reply, "thuis-" + run), nl.briefwissel.mail.InboundMails.Source.SMTP, confirmed, List.of(reply));
		inbound.store(("From: " + stranger + "\r\nTo: " + reply + "\r\nSubject: Re: de video\r\nMessage-ID: <buur-" + run
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIk ben de buurman van Sanne.\r\n")
			.getBytes(StandardCharsets.UTF_8), nl.briefwissel.mail.InboundMails.Source.SMTP, stranger, List.of(reply));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> quarantine.heldFor(running.id()).size() == 3);

		Map<String, byte[]> entries = export(running.participant(), "nl");

		var held = entries.entrySet().stream().filter(e -> e.getKey().startsWith("traject-1/tegengehouden-mails/")).toList();
		assertThat(held).hasSize(2).allSatisfy(e -> assertThat(e.getKey()).endsWith(".eml"));
		assertThat(held).anySatisfy(e -> assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).contains("<groot-eigen-" + run));
		assertThat(held).anySatisfy(e -> assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).contains("<groot-thuis-" + run));
		assertThat(entries.values()).as("the stranger's words are nowhere in the ZIP")
			.noneMatch(content -> new String(content, StandardCharsets.UTF_8).contains("buurman van Sanne"));
		JsonNode heldBack = JsonMapper.builder().build()
			.readTree(new String(entries.get("gegevens.json"), StandardCharsets.UTF_8)).get("trajectories").get(0).get("heldBackMail");
		assertThat(heldBack).hasSize(3);
		java.util.Map<String, JsonNode> byFrom = new java.util.HashMap<>();
		heldBack.forEach(mail -> byFrom.put(mail.get("from").asString(), mail));
		assertThat(byFrom.keySet()).containsExactlyInAnyOrder(own, confirmed, stranger);
		for (String theirs : List.of(own, confirmed)) {
			JsonNode mail = byFrom.get(theirs);
			assertThat(mail.get("reason").asString()).isEqualTo("tooBig");
			assertThat(mail.get("reasonText").asString()).startsWith("Te groot om te bewaren");
			assertThat(mail.get("fromParticipant").asBoolean()).isTrue();
			assertThat(entries).containsKey(mail.get("originalMail").asString());
			assertThat(mail.get("at").asString()).isNotBlank();
		}
		JsonNode strangers = byFrom.get(stranger);
		assertThat(strangers.get("reason").asString()).isEqualTo("unknownSender");
		assertThat(strangers.get("reasonText").asString()).contains("niet als het jouwe bekend");
		assertThat(strangers.get("fromParticipant").asBoolean()).isFalse();
		assertThat(strangers.has("originalMail")).isFalse();

		// In English, the folder and the sentences are English.
		Map<String, byte[]> english = export(running.participant(), "en");
		assertThat(english.keySet()).filteredOn(name -> name.startsWith("trajectory-1/mails-held-back/")).hasSize(2);
		assertThat(new String(english.get("data.json"), StandardCharsets.UTF_8)).contains("Too large to keep");
	}

	/**
	 * The export names the address a held mail came from only where the participant sent it or was told it: their
	 * own, or someone else's that wrote to their reply address. Never an e-coach's, current or former, which the
	 * participant sees nowhere else. Their own mail that the receiving server did not confirm came from their
	 * address is listed, but not given as a file: it may be someone else's words in their name (decision 0105).
	 */
	@Test
	void theHeldBackMailNamesNoCoachsAddressAndLeavesOutAMailItsServerDidNotConfirm(
			@Autowired nl.briefwissel.mail.InboundMails inbound,
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String own = running.participant().email();
		String coach = running.coach().email();
		String formerCoach = "vorige-coach-" + run + "@example.nl";
		record Held(String from, String code, String argument, String english) {
		}
		List<Held> held = List.of(
				new Held(own, "unconfirmedParticipant", own, "sender " + own + " (the participant) not confirmed by the receiving mail server; it found: dmarc=fail"),
				new Held(coach, "unconfirmedCoach", coach, "sender " + coach + " (the coach) not confirmed by the receiving mail server; it found: dmarc=fail"),
				new Held(formerCoach, "formerCoach", formerCoach, "sender " + formerCoach + " coached this trajectory before it was handed over"),
				new Held(coach, "tooBig", coach, "too big to keep: larger than 30 MB (from " + coach + ")"));
		for (Held mail : held) {
			transactions.executeWithoutResult(status -> {
				UUID id = inbound.store(("From: " + mail.from() + "\r\nTo: reply@example.nl\r\nSubject: Re: de video\r\n"
						+ "Message-ID: <" + mail.code() + "-" + run + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
						+ "Woorden van " + mail.code() + ".\r\n").getBytes(StandardCharsets.UTF_8),
						nl.briefwissel.mail.InboundMails.Source.SMTP, mail.from(), List.of("reply@example.nl")).id();
				// Held as the pipeline holds it, without the pipeline taking it first.
				jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", id).update();
				jdbc.sql("""
						insert into quarantined_mail (inbound_mail_id, reason, reason_code, reason_argument, trajectory_id, quarantined_at)
						values (:id, :english, :code, :argument, :t, :now)""")
					.param("id", id).param("english", mail.english()).param("code", mail.code()).param("argument", mail.argument())
					.param("t", running.id()).param("now", java.time.OffsetDateTime.now()).update();
			});
		}

		Map<String, byte[]> entries = export(running.participant(), "nl");

		assertThat(entries.keySet()).noneMatch(name -> name.contains("tegengehouden-mails/"));
		assertThat(entries.values()).noneMatch(content -> new String(content, StandardCharsets.UTF_8).contains("Woorden van"));
		String json = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(json).doesNotContain(coach).doesNotContain(formerCoach);
		JsonNode heldBack = JsonMapper.builder().build().readTree(json).get("trajectories").get(0).get("heldBackMail");
		assertThat(heldBack).hasSize(4);
		java.util.Map<String, JsonNode> byReason = new HashMap<>();
		heldBack.forEach(mail -> byReason.put(mail.get("reason").asString(), mail));
		JsonNode theirs = byReason.get("unconfirmedParticipant");
		assertThat(theirs.get("from").asString()).isEqualTo(own);
		assertThat(theirs.get("fromParticipant").asBoolean()).isTrue();
		assertThat(theirs.has("originalMail")).isFalse();
		assertThat(theirs.get("reasonText").asString()).contains("niet in deze download");
		for (String coachs : List.of("unconfirmedCoach", "formerCoach", "tooBig")) {
			assertThat(byReason.get(coachs).get("from").isNull()).as(coachs).isTrue();
			assertThat(byReason.get(coachs).get("fromParticipant").asBoolean()).isFalse();
		}
	}

	/**
	 * A new mail of the participant's own, held for their coach (decision 0106), is theirs in the export as it is on
	 * their page: from their address, with the mail itself when the receiving server confirmed it came from there.
	 * With the sender check off (the evaluation default) nothing but its From says so: anyone can write a
	 * participant's address there, so the mail itself is left out, as a mail the server doubted is.
	 */
	@Test
	void aNewMailOfTheirsHeldForTheCoachIsInTheExportFromTheirAddressWithTheMailOnlyWhenItsSenderWasConfirmed(
			@Autowired nl.briefwissel.mail.InboundMails inbound,
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String own = running.participant().email();
		held(inbound, transactions, running.id(), own, "newMailConfirmed", "Mijn eigen nieuwe woorden.");
		held(inbound, transactions, running.id(), own, "newMail", "Woorden van iemand die mijn adres invulde.");

		Map<String, byte[]> entries = export(running.participant(), "nl");

		String json = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
		Map<String, JsonNode> byReason = new HashMap<>();
		JsonMapper.builder().build().readTree(json).get("trajectories").get(0).get("heldBackMail")
			.forEach(held -> byReason.put(held.get("reason").asString(), held));
		JsonNode confirmed = byReason.get("newMailConfirmed");
		assertThat(confirmed.get("from").asString()).isEqualTo(own);
		assertThat(confirmed.get("fromParticipant").asBoolean()).isTrue();
		assertThat(confirmed.has("originalMail")).isTrue();
		JsonNode unchecked = byReason.get("newMail");
		assertThat(unchecked.get("from").asString()).isEqualTo(own);
		assertThat(unchecked.get("fromParticipant").asBoolean()).isTrue();
		assertThat(unchecked.has("originalMail")).isFalse();
		assertThat(unchecked.get("reasonText").asString()).contains("niet in deze download");
		assertThat(entries.values()).anyMatch(content -> new String(content, StandardCharsets.UTF_8).contains("Mijn eigen nieuwe woorden"));
		assertThat(entries.values()).noneMatch(content -> new String(content, StandardCharsets.UTF_8).contains("iemand die mijn adres"));
	}

	/**
	 * The record heads a letter that came after the trajectory ended "(na het einde van het traject)", for every reader
	 * (decision 0122); the data of the export said nothing of it. Each letter says {@code afterTheEnd}, true or false,
	 * as the record judges it: the participant's after the end and the coach's answer after it, none before.
	 */
	@Test
	void eachLetterInTheDataSaysWhetherItCameAfterTheEndAsTheRecordDoes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		conversations.participantWrites(running.id(), running.participant().id(), "Wandelen geeft me energie.");
		UUID coachAfter = conversations.coachWrites(running.id(), running.coach().id(), "Fijn dat je het laat weten.");
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		conversations.participantWrites(running.id(), running.participant().id(), "Ik heb een nieuwe baan gevonden!");
		// The coach answered by mail after the end: the letter as kept, a minute after the participant's.
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.now().plusMinutes(1)).param("id", coachAfter).update();

		for (String language : List.of("nl", "en")) {
			JsonNode messages = JsonMapper.builder().build().readTree(new String(export(running.participant(), language)
				.get("nl".equals(language) ? "gegevens.json" : "data.json"), StandardCharsets.UTF_8))
				.get("trajectories").get(0).get("messages");
			List<String> said = new java.util.ArrayList<>();
			messages.forEach(m -> said.add(m.get("text").asString() + " " + m.get("afterTheEnd")));
			assertThat(said).as(language).containsExactly("Wat geeft je energie? false", "Wandelen geeft me energie. false",
					"Ik heb een nieuwe baan gevonden! true", "Fijn dat je het laat weten. true");
		}
	}

	/**
	 * After a completion no coach adds a held mail of theirs to the conversation any more: the export no longer says it
	 * waits for that, but what holds then, as the notices of held mail after the end do (decision 0122).
	 */
	@Test
	void aMailOfTheirsHeldForAnEndedTrajectoryIsNotSaidToWaitForTheCoach(
			@Autowired nl.briefwissel.mail.InboundMails inbound,
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String own = running.participant().email();
		held(inbound, transactions, running.id(), own, "newMailConfirmed", "Mijn eigen nieuwe woorden.");
		held(inbound, transactions, running.id(), own, "newMail", "Woorden van iemand die mijn adres invulde.");
		held(inbound, transactions, running.id(), own, "unconfirmedParticipant", "Niet bevestigd.");
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);

		for (String language : List.of("nl", "en")) {
			String json = new String(export(running.participant(), language).get(
					"nl".equals(language) ? "gegevens.json" : "data.json"), StandardCharsets.UTF_8);
			Map<String, String> byReason = new HashMap<>();
			JsonMapper.builder().build().readTree(json).get("trajectories").get(0).get("heldBackMail")
				.forEach(held -> byReason.put(held.get("reason").asString(), held.get("reasonText").asString()));
			assertThat(byReason).containsOnlyKeys("newMailConfirmed", "newMail", "unconfirmedParticipant");
			assertThat(byReason.values()).as(language).allSatisfy(text -> assertThat(text)
				.doesNotContain("tot je e-coach hem aan het gesprek toevoegt")
				.doesNotContain("until your e-coach adds it")
				.containsAnyOf("bewaard bij je afgelopen traject", "kept with your ended trajectory")
				.containsAnyOf("begeleidt je niet meer", "no longer coaches you"));
			assertThat(byReason.get("newMail")).containsAnyOf("niet in deze download", "not in this download");
		}
	}

	private void held(nl.briefwissel.mail.InboundMails inbound,
			org.springframework.transaction.support.TransactionTemplate transactions, UUID trajectory, String own,
			String code, String words) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		transactions.executeWithoutResult(status -> {
			UUID id = inbound.store(("From: " + own + "\r\nTo: reply@example.nl\r\nSubject: Een nieuwe vraag\r\n"
					+ "Message-ID: <nieuw-" + run + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
					+ words + "\r\n").getBytes(StandardCharsets.UTF_8),
					nl.briefwissel.mail.InboundMails.Source.SMTP, own, List.of("reply@example.nl")).id();
			jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", id).update();
			jdbc.sql("""
					insert into quarantined_mail (inbound_mail_id, reason, reason_code, reason_argument, trajectory_id, quarantined_at)
					values (:id, :english, :code, :own, :t, :now)""")
				.param("id", id).param("english", "a new mail of the participant, without a reply address").param("code", code)
				.param("own", own).param("t", trajectory).param("now", java.time.OffsetDateTime.now()).update();
		});
	}

	/** As the IMAP adapter keeps a mail above the limit: its headers only, and its size. */
	private static byte[] tooBig(String from, String to, String id) {
		return ("X-Briefwissel-Too-Big: 41943040\r\nFrom: " + from + "\r\nTo: " + to
				+ "\r\nSubject: Re: de video\r\nMessage-ID: <groot-" + id + "@example.nl>\r\n\r\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A letter no key opens is in the record and the data in its place, with the marked sentence the
	 * conversation page shows and nothing of what is stored; the other letters are there. As an error
	 * it took the whole record with it; left out, the record would say less than it seems to (decision 0057).
	 */
	@Test
	void aLetterThatDoesNotOpenIsAMarkedPlaceInTheRecordAndTheData() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "De eerste brief blijft leesbaar");
		UUID damaged = conversations.coachWrites(running.id(), running.coach().id(), "Een brief die straks niet meer opent");
		conversations.participantWrites(running.id(), running.participant().id(), "Het antwoord blijft ook leesbaar");
		// A letter with a file, both sealed under a key that is gone: the file is said in the data, not the export refused.
		UUID withFile = conversations.participantWrites(running.id(), running.participant().id(), "Een foto die niet meer opent",
				List.of(new MailAttachment("plek.jpg", "image/jpeg", 3, new byte[] { 1, 2, 3 }, null)));
		jdbc.sql("update message set body_key_id = 'k-weg' where id = :id").param("id", withFile).update();
		jdbc.sql("update message_attachment set content_key_id = 'k-weg' where message_id = :id").param("id", withFile).update();
		String sealed = jdbc.sql("select body from message where id = :id").param("id", damaged).query(String.class).single();
		String tampered = sealed.substring(0, 20) + (sealed.charAt(20) == 'A' ? 'B' : 'A') + sealed.substring(21);
		jdbc.sql("update message set body = :body where id = :id").param("body", tampered).param("id", damaged).update();
		String dutch = "Deze brief kunnen we niet lezen: de versleuteling gaat niet open (er ontbreekt een sleutel, of de opgeslagen"
				+ " tekst is beschadigd). De andere brieven zijn gewoon te lezen. De beheerder van Briefwissel kan helpen: meld het daar.";
		String english = "This letter cannot be read: its encryption does not open (a key is missing, or the stored text was damaged)."
				+ " The other letters can be read as usual. The administrator of Briefwissel can help: tell them.";

		try {
			Map<String, byte[]> entries = export(running.participant(), "nl");
			assertThat(entries).containsKeys("gegevens.json", "traject-1/verslag.pdf");
			JsonNode letters = JsonMapper.builder().build().readTree(new String(entries.get("gegevens.json"), StandardCharsets.UTF_8))
				.get("trajectories").get(0).get("messages");
			assertThat(letters.size()).isEqualTo(4);
			assertThat(letters.get(3).has("text")).isFalse();
			assertThat(letters.get(3).get("attachments").get(0).get("name").asString()).isEqualTo("plek.jpg");
			assertThat(letters.get(3).get("attachments").get(0).get("fileUnreadable").asBoolean()).isTrue();
			JsonNode file = letters.get(3).get("attachments").get(0).path("file");
			assertThat(file.isNull() || file.isMissingNode()).as("no file in the export for it").isTrue();
			assertThat(entries.keySet()).noneMatch(name -> name.endsWith("plek.jpg"));
			assertThat(letters.get(0).get("text").asString()).isEqualTo("De eerste brief blijft leesbaar");
			assertThat(letters.get(1).has("text")).isFalse();
			assertThat(letters.get(1).get("textUnreadable").asString()).isEqualTo(dutch);
			assertThat(letters.get(1).get("from").asString()).isEqualTo(running.coach().displayName());
			assertThat(letters.get(2).get("text").asString()).isEqualTo("Het antwoord blijft ook leesbaar");
			String json = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
			assertThat(json).doesNotContain("straks niet meer opent").doesNotContain(tampered.substring(0, 16));
			assertThat(pdfText(entries.get("traject-1/verslag.pdf"))).contains("De eerste brief blijft leesbaar", dutch,
					"Het antwoord blijft ook leesbaar").doesNotContain("straks niet meer opent").doesNotContain(tampered.substring(0, 16));

			// The coach's PDF, in English, says it in English.
			byte[] coachs = mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", "en")
				.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsByteArray();
			assertThat(pdfText(coachs)).contains("De eerste brief blijft leesbaar", english, "Het antwoord blijft ook leesbaar")
				.doesNotContain("straks niet meer opent");
		}
		finally {
			// The database is shared by the tests: a row no key opens stops the key rotation's tests.
			jdbc.sql("update message set body = :body where id = :id").param("body", sealed).param("id", damaged).update();
			String key = jdbc.sql("select body_key_id from message where id = :id").param("id", damaged).query(String.class).single();
			jdbc.sql("update message set body_key_id = :key where id = :id").param("key", key).param("id", withFile).update();
			jdbc.sql("update message_attachment set content_key_id = :key where message_id = :id").param("key", key)
				.param("id", withFile).update();
		}
	}

	/**
	 * A letter that reads, whose mail as it came (or whose file) does not open: the export is whole, the
	 * letter with its text, and the data say the original or the file cannot be opened, as for a letter
	 * that does not open itself; one such mail refused the whole export (decision 0057).
	 */
	@Test
	void anOriginalMailOrAFileThatDoesNotOpenBesideALetterThatReadsIsSaidInTheData() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		answerByMail(running.participant(), "Lesgeven geeft me energie.\n");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).size() == 2);
		UUID byMail = conversations.of(running.id()).get(1).id();
		UUID mail = jdbc.sql("select inbound_mail_id from message where id = :id").param("id", byMail).query(UUID.class).single();
		UUID withFile = conversations.participantWrites(running.id(), running.participant().id(), "Een foto van mijn klas",
				List.of(new MailAttachment("klas.jpg", "image/jpeg", 3, new byte[] { 1, 2, 3 }, null)));
		String key = jdbc.sql("select body_key_id from message where id = :id").param("id", byMail).query(String.class).single();
		jdbc.sql("update inbound_mail set raw_mail_key_id = 'k-weg' where id = :id").param("id", mail).update();
		jdbc.sql("update message_attachment set content_key_id = 'k-weg' where message_id = :id").param("id", withFile).update();
		try {
			Map<String, byte[]> entries = export(running.participant(), "nl");
			JsonNode letters = JsonMapper.builder().build().readTree(new String(entries.get("gegevens.json"), StandardCharsets.UTF_8))
				.get("trajectories").get(0).get("messages");
			assertThat(letters.size()).isEqualTo(3);
			assertThat(letters.get(1).get("text").asString()).isEqualTo("Lesgeven geeft me energie.");
			assertThat(letters.get(1).has("originalMail")).isFalse();
			assertThat(letters.get(1).get("originalMailUnreadable").asBoolean()).isTrue();
			assertThat(entries.keySet()).noneMatch(name -> name.endsWith(".eml"));
			assertThat(letters.get(2).get("text").asString()).isEqualTo("Een foto van mijn klas");
			assertThat(letters.get(2).get("attachments").get(0).get("fileUnreadable").asBoolean()).isTrue();
			assertThat(entries.keySet()).noneMatch(name -> name.endsWith("klas.jpg"));
		}
		finally {
			// The database is shared by the tests: a row no key opens stops the key rotation's tests.
			jdbc.sql("update inbound_mail set raw_mail_key_id = :key where id = :id").param("key", key).param("id", mail).update();
			jdbc.sql("update message_attachment set content_key_id = :key where message_id = :id").param("key", key)
				.param("id", withFile).update();
		}
	}

	/** A PDF's text as one line, as a reader would read it across its line breaks. */
	private static String pdfText(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}

	/**
	 * An export that fails before its first byte (a change of course whose reason no version knows) shows the application's
	 * error page, not a download: the headers set for the ZIP go with the response that was not yet
	 * sent (a review feared a .zip holding the error page).
	 */
	@Test
	void anExportThatCannotBeGatheredShowsTheErrorPage(@org.springframework.boot.test.web.server.LocalServerPort int port)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		String suffix = running.id().toString().substring(0, 8);
		String email = "export-" + suffix + "@example.nl";
		String password = "een-lang-genoeg-wachtwoord-" + suffix;
		Account participant = accounts.register(new NewAccount(running.organisationId(), email, "Deelnemer " + suffix,
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), password));
		var trajectory = trajectories.record(running.programmeId(), participant.id(), running.coach().id(), TrajectoryStatus.RUNNING,
				"NEXT_STEP", Today.date(), null);
		conversations.participantWrites(trajectory, participant.id(), "Een brief.");
		// Not a record that does not open: a letter, a highlight, a closing that does not open is a marked
		// place in the record (decision 0057). A change of course that cannot be read at all stops it.
		jdbc.sql("""
				insert into trajectory_transition (id, trajectory_id, at, from_status, to_status, reason_code)
				values (:id, :t, :now, 'RUNNING', 'PAUSED', 'GEEN_BEKENDE_REDEN')""")
			.param("id", UUID.randomUUID())
			.param("t", trajectory)
			.param("now", java.time.OffsetDateTime.now())
			.update();
		try {
			var response = new nl.briefwissel.WebSession(port).logIn(email, password).get("/participant/export");

			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).contains("Er ging iets mis");
		}
		finally {
			// The database is shared by the tests: a change no version knows stops whoever reads every history.
			jdbc.sql("delete from trajectory_transition where trajectory_id = :t and reason_code = 'GEEN_BEKENDE_REDEN'")
				.param("t", trajectory).update();
		}
	}

	/** The download is written as it is made (chunked), not first built whole in memory. */
	@Test
	void theExportIsStreamedToTheBrowser(@org.springframework.boot.test.web.server.LocalServerPort int port) throws Exception {
		var response = new nl.briefwissel.WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel").get("/participant/export");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
		assertThat(response.headers().firstValue("Content-Length")).isEmpty();
		assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");
	}

	@Autowired
	nl.briefwissel.privacy.Erasures erasures;

	/**
	 * AVG article 15 gives the person the answers to their own requests, and who received their data: the
	 * export held neither their erasure requests nor who else opened their letters, which their pages show.
	 */
	@Test
	void theDataHoldTheirErasureRequestsAndWhoElseOpenedTheirTrajectory() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account participant = running.participant();
		conversations.participantWrites(running.id(), participant.id(), "Mijn eerste brief.");
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())));
		mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(running.coach())));
		mvc.perform(get("/participant/conversation").with(fixtures.as(participant)));
		java.util.UUID administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		var declined = erasures.request(participant.id());
		assertThat(erasures.decline(declined.id(), administrator, "Er loopt een klachtprocedure.")).isTrue();
		jdbc.sql("update erasure_request set requested_at = :at where id = :id")
			.param("at", declined.requestedAt().minusHours(1))
			.param("id", declined.id())
			.update();
		erasures.request(participant.id());

		JsonNode dutch = JsonMapper.builder().build().readTree(new String(export(participant, "nl").get("gegevens.json"),
				StandardCharsets.UTF_8));

		JsonNode requests = dutch.get("erasureRequests");
		assertThat(requests.size()).isEqualTo(2);
		assertThat(requests.get(0).get("status").asString()).isEqualTo("REQUESTED");
		assertThat(requests.get(0).get("statusLabel").asString()).isEqualTo("In behandeling");
		assertThat(requests.get(0).get("answerBy").asString()).isEqualTo(Today.date().plusMonths(1).toString());
		assertThat(requests.get(0).get("decidedAt").isNull()).isTrue();
		assertThat(requests.get(1).get("status").asString()).isEqualTo("DECLINED");
		assertThat(requests.get(1).get("statusLabel").asString()).isEqualTo("Afgewezen");
		assertThat(requests.get(1).get("declineReason").asString()).isEqualTo("Er loopt een klachtprocedure.");
		assertThat(requests.get(1).get("requestedAt").isNull()).isFalse();
		assertThat(requests.get(1).get("decidedAt").isNull()).isFalse();

		JsonNode access = dutch.get("accessByOthers");
		assertThat(access.size()).as("the coach's reading and download, not the participant's own").isEqualTo(2);
		List<String> actions = new java.util.ArrayList<>();
		for (JsonNode line : access) {
			assertThat(line.get("who").asString()).isEqualTo(running.coach().displayName());
			assertThat(line.get("roles").get(0).asString()).isEqualTo("E-coach");
			assertThat(line.get("trajectory").asString()).isEqualTo("traject-1");
			assertThat(line.get("at").isNull()).isFalse();
			actions.add(line.get("action").asString() + ": " + line.get("actionLabel").asString());
		}
		assertThat(actions).containsExactlyInAnyOrder("READ: Opende je brieven, bijlagen of verslag",
				"EXPORT: Downloadde je verslag of gegevens");

		JsonNode english = JsonMapper.builder().build().readTree(new String(export(participant, "en").get("data.json"),
				StandardCharsets.UTF_8));
		assertThat(english.get("erasureRequests").get(1).get("statusLabel").asString()).isEqualTo("Declined");
		List<String> labels = new java.util.ArrayList<>();
		english.get("accessByOthers").forEach(line -> labels.add(line.get("actionLabel").asString()));
		assertThat(labels).contains("Opened your letters, attachments or report");
		english.get("accessByOthers").forEach(line -> assertThat(line.get("who").asString()).isNotEqualTo(participant.displayName()));
	}

	/**
	 * A request whose month to answer was extended (AVG article 12(3)): the export holds the later day, the
	 * first day, when it was extended and the reason the person was mailed, as their privacy page shows; a
	 * request that was not extended claims no extension.
	 */
	@Test
	void theDataHoldAnExtendedErasureRequestsFirstDayAndWhyItWasExtended() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account participant = running.participant();
		java.util.UUID administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		var declined = erasures.request(participant.id());
		assertThat(erasures.decline(declined.id(), administrator, "Er loopt een klachtprocedure.")).isTrue();
		jdbc.sql("update erasure_request set requested_at = :at where id = :id")
			.param("at", declined.requestedAt().minusHours(1))
			.param("id", declined.id())
			.update();
		var extended = erasures.request(participant.id());
		assertThat(erasures.extend(extended.id(), administrator, 2, "Uw gegevens staan ook in het archief van de gemeente."))
			.isEqualTo(nl.briefwissel.privacy.Erasures.Extending.EXTENDED);

		JsonNode requests = JsonMapper.builder().build().readTree(new String(export(participant, "nl").get("gegevens.json"),
				StandardCharsets.UTF_8)).get("erasureRequests");

		assertThat(requests.size()).isEqualTo(2);
		JsonNode newest = requests.get(0);
		assertThat(newest.get("status").asString()).isEqualTo("REQUESTED");
		assertThat(newest.get("answerBy").asString()).isEqualTo(extended.firstAnswerBy().plusMonths(2).toString());
		assertThat(newest.get("firstAnswerBy").asString()).isEqualTo(extended.firstAnswerBy().toString());
		assertThat(java.time.OffsetDateTime.parse(newest.get("extendedAt").asString()).toLocalDate()).isEqualTo(Today.date());
		assertThat(newest.get("extensionReason").asString()).isEqualTo("Uw gegevens staan ook in het archief van de gemeente.");
		JsonNode notExtended = requests.get(1);
		assertThat(notExtended.get("status").asString()).isEqualTo("DECLINED");
		assertThat(notExtended.has("firstAnswerBy")).isFalse();
		assertThat(notExtended.has("extendedAt")).isFalse();
		assertThat(notExtended.has("extensionReason")).isFalse();
	}

	private byte[] exported(Account participant, String language) throws Exception {
		var response = mvc.perform(get("/participant/export").param("lang", language).with(fixtures.as(participant)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsByteArray();
	}

	private Map<String, byte[]> export(Account participant, String language) throws Exception {
		return unzipped(exported(participant, language));
	}

	private static Map<String, byte[]> unzipped(byte[] exported) throws Exception {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(exported))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}
}

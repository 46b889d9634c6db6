package nl.briefwissel.conversation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.IntakeForm;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Matching;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryErasure;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A mail to a programme's intake address, sent as a person's mail program sends it (HTML, with files): its files are
 * the applicant's as a letter's are, so the coach sees them with the question and the person's export holds them and
 * the mail as sent; a file not kept is said in the answer. And the participant of a running trajectory who writes to
 * the intake address is not sent into a new application: their mail waits for their coach.
 */
@BriefwisselTest
class ApplicationByMailTests {

	private static final Pattern LINK = Pattern.compile("/intake/complete/([A-Za-z0-9_-]{43})");

	private static final byte[] CV = "%PDF-1.4 het cv van Noor".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Intakes intakes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Matching matching;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	CoachPool pool;

	@Autowired
	Accounts accounts;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	TrajectoryErasure erasure;

	@Autowired
	Quarantine quarantine;

	@Test
	void theFilesOfAnApplicationByMailReachTheCoachAndTheExportAndGoWithTheErasure() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Bijlagen " + suffix);
		Programme programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "aanmelden-" + suffix + "@briefwissel.test", null);
		String sender = "noor-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Aanmelding", "<p>Mijn cv zit als bijlage.</p>",
				Map.of("cv Noor.pdf", CV, "installeer.exe", "MZ".getBytes(StandardCharsets.US_ASCII)));

		MimeMessage answer = Mailboxes.awaitMail(mailServer, sender, m -> true);
		String told = Mailboxes.text(answer);
		assertThat(told).contains("bewaard als begin van je aanmelding")
			// The program is refused as a letter's is, and said so in both languages; the CV is not named as refused.
			.contains("installeer.exe: niet bewaard, een programma (.exe)")
			.contains("installeer.exe: not kept, a program (.exe)")
			.doesNotContain("cv Noor.pdf: niet bewaard");

		Matcher link = LINK.matcher(told);
		assertThat(link.find()).isTrue();
		// The form the link opens names the files that come with the application; no doubt about a sender nobody checked.
		var form = org.jsoup.Jsoup.parse(mvc.perform(get("/intake/complete/" + link.group(1))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(form.select("#mailed-files + ul").text()).contains("cv Noor.pdf (24 bytes)")
			.contains("installeer.exe: niet bewaard, een programma (.exe)");
		assertThat(form.select("#sender-unconfirmed")).isEmpty();
		intakes.complete(link.group(1), new IntakeForm("Noor Bijlage", sender, "Mijn cv zit als bijlage.", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true), Locale.forLanguageTag("nl"));
		Account noor = accounts.byEmail(sender).orElseThrow();
		UUID trajectory = trajectories.ofParticipant(noor.id()).get(0).id();

		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Anja " + suffix, Role.COACH);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager " + suffix,
				Role.PROGRAMME_MANAGER);
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(programme.id(), List.of(coach.id()));
		assertThat(matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id())).isTrue();

		// The proposal shows the file beside the question; the refused one by name and why.
		String proposal = page("/coach/proposals/" + trajectory, coach);
		var files = org.jsoup.Jsoup.parse(proposal).select("#application-files + ul a");
		assertThat(files).extracting(org.jsoup.nodes.Element::text).containsExactly("cv Noor.pdf");
		assertThat(org.jsoup.Jsoup.parse(proposal).select("#application-files + ul").text())
			.contains("installeer.exe: niet bewaard, een programma (.exe)");
		assertThat(mvc.perform(get(files.attr("href")).with(fixtures.as(coach))).andReturn().getResponse().getContentAsByteArray())
			.isEqualTo(CV);
		// Another coach does not get it.
		Account other = fixtures.person(organisation.id(), "ander-" + suffix + "@example.nl", "Ander " + suffix, Role.COACH);
		assertThat(mvc.perform(get(files.attr("href")).with(fixtures.as(other))).andReturn().getResponse().getStatus())
			.isEqualTo(404);

		matching.accept(trajectory, coach.id(), Today.date());
		String page = page("/coach/trajectories/" + trajectory, coach);
		var onPage = org.jsoup.Jsoup.parse(page).select("#application-files + ul a");
		assertThat(onPage).extracting(org.jsoup.nodes.Element::text).containsExactly("cv Noor.pdf");
		assertThat(mvc.perform(get(onPage.attr("href")).with(fixtures.as(coach))).andReturn().getResponse().getContentAsByteArray())
			.isEqualTo(CV);

		// Her export: the CV and the mail as she sent it, beside the record and the data.
		Map<String, byte[]> entries = export(noor);
		assertThat(entries.entrySet()).anySatisfy(entry -> {
			assertThat(entry.getKey()).startsWith("traject-1/aanmelding/bijlagen/").endsWith("cv Noor.pdf");
			assertThat(entry.getValue()).isEqualTo(CV);
		});
		assertThat(entries.entrySet()).anySatisfy(entry -> {
			assertThat(entry.getKey()).startsWith("traject-1/aanmelding/mails-zoals-verstuurd/").endsWith(".eml");
			assertThat(new String(entry.getValue(), StandardCharsets.UTF_8)).contains("Mijn cv zit als bijlage.");
		});
		String data = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(data).contains("cv Noor.pdf").contains("installeer.exe: niet bewaard, een programma (.exe)");

		// Her own page lists them too, with their sizes, the kept one to download for her alone, on the trail.
		var own = org.jsoup.Jsoup.parse(page("/participant", noor)).select("#application-files-" + trajectory + " + ul");
		assertThat(own.select("a")).extracting(org.jsoup.nodes.Element::text).containsExactly("cv Noor.pdf (24 bytes)");
		assertThat(own.text()).contains("installeer.exe: niet bewaard, een programma (.exe)");
		var download = mvc.perform(get(own.select("a").attr("href")).with(fixtures.as(noor))).andReturn().getResponse();
		assertThat(download.getContentAsByteArray()).isEqualTo(CV);
		assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
		assertThat(jdbc.sql("select count(*) from audit_entry where actor_id = :me and trajectory_id = :t and route like '%application-files%'")
			.param("me", noor.id()).param("t", trajectory).query(Long.class).single()).isEqualTo(1);
		Account stranger = fixtures.person(organisation.id(), "vreemd-" + suffix + "@example.nl", "Vreemd " + suffix, Role.PARTICIPANT);
		assertThat(mvc.perform(get(own.select("a").attr("href")).with(fixtures.as(stranger))).andReturn().getResponse().getStatus())
			.isEqualTo(404);

		// Erased with the trajectory: the files go with the application's words.
		erasure.erase(trajectory, manager.id());
		assertThat(jdbc.sql("select count(*) from intake_attachment f join intake i on i.id = f.intake_id where i.trajectory_id = :t")
			.param("t", trajectory).query(Long.class).single()).isZero();
	}

	@Test
	void aFileRefusedInALaterMailOfTheDayIsSaidToo() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Later " + suffix);
		Programme programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "aanmelden-" + suffix + "@briefwissel.test", null);
		String sender = "later-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Aanmelding", "<p>Ik wil graag meedoen.</p>", Map.of());
		Mailboxes.awaitMail(mailServer, sender, m -> Mailboxes.subject(m).startsWith("Je aanmelding"));
		send(sender, programme.intakeAddress(), "Nog iets", "<p>Hier mijn cv.</p>",
				Map.of("cv.pdf", CV, "macro.js", "alert(1)".getBytes(StandardCharsets.US_ASCII)));
		MimeMessage said = Mailboxes.awaitMail(mailServer, sender, m -> Mailboxes.subject(m).startsWith("Niet alles uit je mail"));
		assertThat(Mailboxes.text(said)).contains("macro.js: niet bewaard, een programma (.js)").doesNotContain("/intake/complete/");
		UUID application = intakes.open(programme.id()).get(0).id();
		assertThat(intakes.filesOf(application)).extracting(f -> f.fileName(), f -> f.available())
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cv.pdf", true),
					org.assertj.core.groups.Tuple.tuple("macro.js", false));

		// Never completed, it goes by retention with its words, and its files with it.
		erasure.eraseUnfinishedApplicationsBefore(java.time.OffsetDateTime.now().plusDays(1));
		assertThat(intakes.filesOf(application)).isEmpty();
	}

	@Test
	void theParticipantOfARunningTrajectoryWhoMailsTheIntakeAddressWaitsForTheirCoachNotAForm() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String intakeAddress = "aanmelden-" + UUID.randomUUID().toString().substring(0, 8) + "@briefwissel.test";
		jdbc.sql("update programme set intake_address = :address where id = :id").param("address", intakeAddress)
			.param("id", running.programmeId()).update();
		mailServer.deliverToPlatform(intakeAddress);
		String subject = "Hoe verder " + UUID.randomUUID();
		send(running.participant().email(), intakeAddress, subject, "<p>Hoi Anja, hoe gaat het verder?</p>", Map.of());

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je nieuwe mail wacht op je e-coach"));
		assertThat(Mailboxes.text(notice)).doesNotContain("hoe gaat het verder");
		await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.heldFor(running.id()).size() == 1);
		Quarantine.Entry held = quarantine.heldFor(running.id()).get(0);
		assertThat(held.why()).isInstanceOf(QuarantineReason.NewMail.class);
		assertThat(quarantine.ofCoach(running.coach().id())).extracting(Quarantine.Entry::inboundMailId)
			.contains(held.inboundMailId());
		assertThat(jdbc.sql("select count(*) from intake where lower(email) = lower(:e)")
			.param("e", running.participant().email()).query(Long.class).single()).as("no application started").isZero();
		assertThat(Mailboxes.read(mailServer, running.participant().email(), Mailboxes.PASSWORD))
			.extracting(Mailboxes::subject).noneMatch(s -> s.startsWith("Je aanmelding"));
	}

	/**
	 * Someone whose application is complete and waits for a coach, who mails the intake address again, is not asked to
	 * complete an application ("Maak je aanmelding af"): they hear it is in and waits for a coach, and the mail is kept
	 * with the trajectory it became, for its coach once there is one (decision 0129). No second application.
	 */
	@Test
	void someoneWhoseApplicationWaitsForACoachAndMailsAgainHearsItIsInAndTheMailWaitsForTheCoach() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Wachten " + suffix);
		Programme programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "aanmelden-" + suffix + "@briefwissel.test", null);
		String sender = "wacht-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Aanmelding", "<p>Ik wil graag meedoen.</p>", Map.of());
		Matcher link = LINK.matcher(Mailboxes.text(Mailboxes.awaitMail(mailServer, sender,
				m -> Mailboxes.subject(m).startsWith("Je aanmelding"))));
		assertThat(link.find()).isTrue();
		intakes.complete(link.group(1), new IntakeForm("Wim Wacht", sender, "Ik wil graag meedoen.", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true), Locale.forLanguageTag("nl"));
		Account wim = accounts.byEmail(sender).orElseThrow();
		UUID trajectory = trajectories.ofParticipant(wim.id()).get(0).id();

		send(sender, programme.intakeAddress(), "Nog iets", "<p>Ik ben er nog, is er al een coach?</p>", Map.of());

		MimeMessage answer = Mailboxes.awaitMail(mailServer, sender, m -> Mailboxes.subject(m).startsWith("Je aanmelding is binnen"));
		assertThat(Mailboxes.text(answer)).contains("Je aanmelding wacht nu op een e-coach")
			.contains("We hebben je mail bewaard bij je aanmelding")
			.doesNotContain("Maak je aanmelding af").doesNotContain("/intake/complete/").doesNotContain("is er al een coach");
		await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.heldFor(trajectory).size() == 1);
		assertThat(quarantine.heldFor(trajectory).get(0).why()).isInstanceOf(QuarantineReason.NewMail.class);
		assertThat(jdbc.sql("select count(*) from intake where email = :e").param("e", sender).query(Long.class).single())
			.as("no second application").isEqualTo(1);

		// Proposed to a coach who has not accepted yet: still waiting, kept the same way.
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Anja " + suffix, Role.COACH);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager " + suffix,
				Role.PROGRAMME_MANAGER);
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(programme.id(), List.of(coach.id()));
		assertThat(matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id())).isTrue();
		send(sender, programme.intakeAddress(), "En nog", "<p>Nog een gedachte.</p>", Map.of());
		await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.heldFor(trajectory).size() == 2);
		assertThat(jdbc.sql("select count(*) from intake where email = :e").param("e", sender).query(Long.class).single())
			.isEqualTo(1);

		// Once the coach accepts, the mails are theirs to read.
		matching.accept(trajectory, coach.id(), Today.date());
		assertThat(quarantine.ofCoach(coach.id())).hasSize(2);
	}

	@Test
	void aMailFromAnAddressOfTwoRunningTrajectoriesOfTheProgrammeGoesToAnAdministratorNotToEitherCoach() throws Exception {
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set programme_id = :programme where id = :id").param("programme", first.programmeId())
			.param("id", second.id()).update();
		String intakeAddress = "aanmelden-" + UUID.randomUUID().toString().substring(0, 8) + "@briefwissel.test";
		jdbc.sql("update programme set intake_address = :address where id = :id").param("address", intakeAddress)
			.param("id", first.programmeId()).update();
		mailServer.deliverToPlatform(intakeAddress);
		// Two participants who share an address, confirmed for each of their trajectories.
		String shared = "gezin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		for (UUID trajectory : List.of(first.id(), second.id())) {
			jdbc.sql("""
					insert into accepted_address (trajectory_id, address, accepted_at, state)
					values (:trajectory, :address, current_timestamp, 'CONFIRMED')""")
				.param("trajectory", trajectory).param("address", shared).update();
		}
		String subject = "Hoe verder " + UUID.randomUUID();
		send(shared, intakeAddress, subject, "<p>Hoe gaat het verder?</p>", Map.of());

		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.heldFor(first.id()).isEmpty() || !quarantine.heldFor(second.id()).isEmpty()
				|| quarantine.all().stream().anyMatch(e -> e.why() instanceof QuarantineReason.SeveralConversations several
						&& several.ids().contains(first.id())));
		assertThat(quarantine.heldFor(first.id())).as("not for the first coach").isEmpty();
		assertThat(quarantine.heldFor(second.id())).as("not for the second coach").isEmpty();
		assertThat(quarantine.all()).anySatisfy(entry -> assertThat(entry.why())
			.isInstanceOfSatisfying(QuarantineReason.SeveralConversations.class,
					several -> assertThat(several.ids()).containsExactlyInAnyOrder(first.id(), second.id())));
	}

	@Test
	void anApplicationByMailKeepsTenFilesAndSaysTheRestWereTooMany() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Veel " + suffix);
		Programme programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "aanmelden-" + suffix + "@briefwissel.test", null);
		String sender = "veel-" + suffix + "@example.nl";
		Map<String, byte[]> eight = new java.util.LinkedHashMap<>();
		for (int i = 1; i <= 8; i++) {
			eight.put("diploma" + i + ".pdf", CV);
		}
		send(sender, programme.intakeAddress(), "Aanmelding", "<p>Mijn diploma's.</p>", eight);
		Mailboxes.awaitMail(mailServer, sender, m -> Mailboxes.subject(m).startsWith("Je aanmelding"));
		Map<String, byte[]> four = new java.util.LinkedHashMap<>();
		for (int i = 1; i <= 4; i++) {
			four.put("nog" + i + ".pdf", CV);
		}
		// The same day, again: two more are kept, the cap of ten reached, and the rest is said as a refused file is.
		send(sender, programme.intakeAddress(), "Nog meer", "<p>En nog wat.</p>", four);
		MimeMessage said = Mailboxes.awaitMail(mailServer, sender, m -> Mailboxes.subject(m).startsWith("Niet alles uit je mail"));
		UUID application = intakes.open(programme.id()).get(0).id();
		assertThat(intakes.filesOf(application)).filteredOn(f -> f.available()).hasSize(10);
		assertThat(intakes.filesOf(application)).filteredOn(f -> !f.available()).hasSize(2)
			.allSatisfy(f -> assertThat(f.refusalKind()).isEqualTo("tooMany"));
		assertThat(Mailboxes.text(said)).contains(": niet bewaard, te veel bestanden bij één aanmelding")
			.contains(": not kept, too many files with one application");
	}

	@Test
	void theParticipantOfAnEndedTrajectoryWhoMailsTheIntakeAddressAppliesAgain() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :d where id = :id").param("d", Today.date())
			.param("id", ended.id()).update();
		String intakeAddress = "aanmelden-" + UUID.randomUUID().toString().substring(0, 8) + "@briefwissel.test";
		jdbc.sql("update programme set intake_address = :address where id = :id").param("address", intakeAddress)
			.param("id", ended.programmeId()).update();
		mailServer.deliverToPlatform(intakeAddress); // as the programme's settings page does when the address is given
		send(ended.participant().email(), intakeAddress, "Opnieuw", "<p>Ik heb een nieuwe vraag.</p>", Map.of());
		MimeMessage answer = Mailboxes.awaitMail(mailServer, ended.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je aanmelding"));
		assertThat(Mailboxes.text(answer)).contains("bewaard als begin van je aanmelding");
	}

	@Test
	void theEndedConversationSaysWhereANewQuestionGoesAsTheMailDoes() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :d where id = :id").param("d", Today.date())
			.param("id", ended.id()).update();
		String intakeAddress = "aanmelden-" + UUID.randomUUID().toString().substring(0, 8) + "@briefwissel.test";
		jdbc.sql("update programme set intake_address = :address where id = :id").param("address", intakeAddress)
			.param("id", ended.programmeId()).update();
		var whereNext = org.jsoup.Jsoup.parse(page("/participant/conversation", ended.participant())).select("#where-next");
		assertThat(whereNext.text()).contains("Meld je dan opnieuw aan met een mail aan " + intakeAddress);
		assertThat(whereNext.select("a").attr("href")).isEqualTo("mailto:" + intakeAddress);

		// Without an intake address, the open form of the programme, linked.
		jdbc.sql("update programme set intake_address = null where id = :id").param("id", ended.programmeId()).update();
		programmes.openPublicIntake(ended.programmeId(), true);
		whereNext = org.jsoup.Jsoup.parse(page("/participant/conversation", ended.participant())).select("#where-next");
		assertThat(whereNext.select("a").attr("href")).contains("/intake/programme/" + ended.programmeId());

		// Neither: the organisation that offers it, by name.
		programmes.openPublicIntake(ended.programmeId(), false);
		String organisation = organisations.byId(ended.organisationId()).orElseThrow().name();
		whereNext = org.jsoup.Jsoup.parse(page("/participant/conversation", ended.participant())).select("#where-next");
		assertThat(whereNext.text()).contains("Neem dan contact op met " + organisation);
	}

	private String page(String path, Account as) throws Exception {
		var response = mvc.perform(get(path).with(fixtures.as(as))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private Map<String, byte[]> export(Account participant) throws Exception {
		var response = mvc.perform(get("/participant/export").with(fixtures.as(participant))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}

	/** An HTML mail with files, as a mail program sends it. */
	private void send(String from, String to, String subject, String html, Map<String, byte[]> files) throws Exception {
		MimeMessage mail = new MimeMessage(Mailboxes.smtp(mailServer));
		mail.setFrom(from);
		mail.setRecipients(RecipientType.TO, to);
		mail.setSubject(subject, "UTF-8");
		MimeMultipart mixed = new MimeMultipart("mixed");
		MimeBodyPart body = new MimeBodyPart();
		body.setContent("<html><body>" + html + "</body></html>", "text/html; charset=UTF-8");
		mixed.addBodyPart(body);
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.getValue(), "application/octet-stream")));
			part.setFileName(file.getKey());
			part.setDisposition(MimeBodyPart.ATTACHMENT);
			mixed.addBodyPart(part);
		}
		mail.setContent(mixed);
		Transport.send(mail);
	}
}

package nl.briefwissel.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class ErasureAndRetentionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	org.springframework.context.MessageSource texts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Retention retention;

	@Autowired
	nl.briefwissel.mail.ReplyAddress replyAddress;

	@Autowired
	nl.briefwissel.mail.InboundMails inboundMails;

	@Autowired
	nl.briefwissel.conversation.Quarantine quarantine;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryErasure trajectoryErasure;

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Autowired
	AuditTrail audit;

	@Autowired
	Erasures erasures;

	@Autowired
	nl.briefwissel.statistics.Statistics statistics;

	@Autowired
	nl.briefwissel.organisation.Programmes programmes;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	nl.briefwissel.trajectory.Handovers handovers;

	@Test
	void aConfirmedErasureRemovesEveryWordFileAndMailAndKeepsTheAnonymousTrajectory() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String email = trajectory.participant().email();
		RequestPostProcessor participant = fixtures.as(trajectory.participant());

		conversations.coachWrites(trajectory.id(), trajectory.coach().id(), "Wat wil je over vijf jaar doen?");
		MimeMessage letter = Mailboxes.awaitMail(mailServer, email, mail -> true);
		Transport.send(reply(email, letter, "Ik wil mensen begeleiden die vastlopen in hun werk."));
		await().atMost(Duration.ofSeconds(15)).until(() -> count("select count(*) from message where trajectory_id = :t "
				+ "and inbound_mail_id is not null", trajectory.id()) == 1);
		mvc.perform(multipart("/participant/conversation").file(new MockMultipartFile("files", "foto.jpg", "image/jpeg",
				new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3 }))
			.param("text", "Hierbij mijn foto.").with(participant).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/participant/report/{id}", trajectory.id()).with(participant)).andExpect(status().isOk());
		UUID inbound = jdbc.sql("select inbound_mail_id from message where trajectory_id = :t and inbound_mail_id is not null")
			.param("t", trajectory.id()).query(UUID.class).single();
		assertThat(count("select count(*) from message_attachment a join message m on m.id = a.message_id where m.trajectory_id = :t",
				trajectory.id())).isEqualTo(1);

		mvc.perform(post("/participant/privacy/erasure").with(participant).with(csrf()))
			.andExpect(content().string(containsString("Vink aan")));
		var requested = mvc.perform(post("/participant/privacy/erasure").param("sure", "true").with(participant).with(csrf()))
			.andExpect(redirectedUrl("/participant/privacy#erasure-requested"))
			.andExpect(flash().attribute("erasureRequested", true))
			.andReturn();
		// Said once, where the page opens and takes the focus; not again on a reload.
		org.jsoup.nodes.Element said = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/privacy").with(participant)
			.cookie(requested.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).getElementById("erasure-requested");
		assertThat(said).isNotNull();
		assertThat(said.attr("tabindex")).isEqualTo("-1");
		assertThat(said.text()).contains("We hebben je verzoek ontvangen");
		// Within a month, unless an administrator extends it once by at most two months (Erasures.extend, AVG article 12(3)).
		assertThat(said.text()).contains("binnen een maand", "één keer met ten hoogste twee maanden").doesNotContain("uiterlijk");
		assertThat(texts.getMessage("privacy.mine.erasure.requested", null, java.util.Locale.ENGLISH))
			.contains("within a month", "once by at most two months").doesNotContain("at the latest");
		mvc.perform(get("/participant/privacy").with(participant).cookie(requested.getResponse().getCookies()))
			.andExpect(content().string(containsString("in behandeling")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("We hebben je verzoek ontvangen"))));

		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String page = mvc.perform(get("/admin/erasure").with(admin)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(email);
		UUID request = jdbc.sql("select id from erasure_request where account_id = :a").param("a", trajectory.participant().id())
			.query(UUID.class).single();
		// One step more: the list leads to a page that names the person; a post without it erases nothing.
		mvc.perform(post("/admin/erasure/{id}/confirm", request).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure/" + request + "/confirm"));
		assertThat(accounts.byId(trajectory.participant().id()).orElseThrow().enabled()).isTrue();
		mvc.perform(get("/admin/erasure/{id}/confirm", request).with(admin))
			.andExpect(content().string(containsString("Alles verwijderen van " + trajectory.participant().displayName())))
			.andExpect(content().string(containsString("niet ongedaan")));
		mvc.perform(post("/admin/erasure/{id}/confirm", request).param("confirmed", "true").with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure"));

		assertThat(conversations.of(trajectory.id())).extracting(nl.briefwissel.conversation.Message::body)
			.hasSize(3)
			.allMatch(String::isEmpty);
		assertThat(count("select count(*) from message where trajectory_id = :t and body_key_id is not null", trajectory.id()))
			.isZero();
		assertThat(count("select count(*) from message_attachment a join message m on m.id = a.message_id where m.trajectory_id = :t",
				trajectory.id())).isZero();
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id = :id").param("id", inbound).query(Integer.class).single())
			.isZero();
		assertThat(jdbc.sql("select raw_mail from inbound_mail where id = :id").param("id", inbound).query(byte[].class).single())
			.isEmpty();
		assertThat(count("select count(*) from reply_token where trajectory_id = :t", trajectory.id())).isZero();
		assertThat(jdbc.sql("select status from trajectory where id = :t and erased_at is not null").param("t", trajectory.id())
			.query(String.class).single()).isEqualTo("STOPPED");
		var account = accounts.byId(trajectory.participant().id()).orElseThrow();
		assertThat(account.email()).endsWith("@briefwissel.invalid");
		assertThat(account.enabled()).isFalse();
		assertThat(account.displayName()).isEqualTo(Accounts.ERASED_NAME);
		assertThat(audit.search(new AuditTrail.Search(email, null, null, null, null))).isEmpty();
		assertThat(audit.ofTrajectory(trajectory.id()))
			.filteredOn(entry -> entry.actorId().equals(trajectory.participant().id()))
			.isNotEmpty()
			.allMatch(entry -> entry.actorName() == null && entry.actorEmail() == null);
		mvc.perform(get("/coach").with(fixtures.as(trajectory.coach())))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(trajectory.participant().displayName()))));

		MimeMessage confirmation = Mailboxes.awaitMail(mailServer, email,
				mail -> Mailboxes.subject(mail).contains("verwijderd"));
		assertThat(Mailboxes.text(confirmation)).contains("laatste mail");
		assertThat(count("select count(*) from outbound_mail where lower(recipient) = lower(:t)", email)).isLessThanOrEqualTo(1);
	}

	/** Two administrators deciding one request at the same moment: one decides, the other is told it is decided. */
	@Test
	void aRequestIsDecidedOnceWhenTwoAdministratorsDecideAtTheSameMoment() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		UUID request = erasures.request(trajectory.participant().id()).id();
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Boolean>> declining =
				new java.util.concurrent.atomic.AtomicReference<>();
		boolean first = Boolean.TRUE.equals(transactions.execute(status -> {
			boolean decided = erasures.confirm(request, admin);
			// The other administrator clicks "decline" while this confirmation has not committed yet.
			declining.set(java.util.concurrent.CompletableFuture.supplyAsync(() -> erasures.decline(request, admin, "Nee")));
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return decided;
		}));
		assertThat(first).isTrue();
		assertThat(declining.get().get(10, java.util.concurrent.TimeUnit.SECONDS)).as("the second decision finds it decided").isFalse();
		assertThat(erasures.latestOf(trajectory.participant().id()).orElseThrow().status())
			.isEqualTo(ErasureRequest.Status.CONFIRMED);
	}

	/** The request's date reads as the rest of the page does, month by name in the page's language: not 5-12-2026. */
	@Test
	void theRequestsDateIsWrittenOutInThePagesLanguage() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor participant = fixtures.as(trajectory.participant());
		mvc.perform(post("/participant/privacy/erasure").param("sure", "true").with(participant).with(csrf()));
		String month = "(January|February|March|April|May|June|July|August|September|October|November|December)";
		String mine = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/privacy").param("lang", "en").with(participant))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(mine).containsPattern("Your request of \\d{1,2} " + month + " \\d{4} is being handled");
		String dutch = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/privacy").param("lang", "nl").with(participant))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(dutch).containsPattern("Je verzoek van \\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \\d{4} is in behandeling");

		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String list = org.jsoup.Jsoup.parse(mvc.perform(get("/admin/erasure").param("lang", "en").with(admin))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(list).containsPattern(java.util.regex.Pattern.quote(trajectory.participant().email())
				+ ", requested on \\d{1,2} " + month + " \\d{4}, \\d{2}:\\d{2}")
			.doesNotContainPattern("\\d{1,2}-\\d{1,2}-\\d{4}");
	}

	@Test
	void anAdministratorDeclinesWithAReasonTheParticipantReads() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor participant = fixtures.as(trajectory.participant());
		mvc.perform(post("/participant/privacy/erasure").param("sure", "true").with(participant).with(csrf()));
		UUID request = jdbc.sql("select id from erasure_request where account_id = :a").param("a", trajectory.participant().id())
			.query(UUID.class).single();
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());

		mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", " ").with(admin).with(csrf()))
			.andExpect(content().string(containsString("Geef een reden")));
		mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", "Lang verhaal. ".repeat(200)).with(admin).with(csrf()))
			.andExpect(content().string(containsString("Lang verhaal. Lang verhaal.")));
		mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", "Er loopt een klachtprocedure.")
			.with(admin).with(csrf())).andExpect(redirectedUrl("/admin/erasure"));
		// Confirming in an old tab after the decline: told it was decided, nothing erased. The list after it answers
		// 409, titled so: the request's state was in the way (decision 0139, amended); declined again, it is the list.
		var late = mvc.perform(post("/admin/erasure/{id}/confirm", request).param("confirmed", "true").with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure"))
			.andExpect(flash().attribute("done", "erasure.admin.alreadyDecided"))
			.andReturn();
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/admin/erasure").cookie(late.getResponse().getCookies()).with(admin))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isConflict())
			.andReturn().getResponse().getContentAsString()).title()).startsWith("Fout:");
		var twice = mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", "Er loopt een klachtprocedure.")
			.with(admin).with(csrf())).andExpect(flash().attribute("done", "erasure.admin.alreadyDecided")).andReturn();
		mvc.perform(get("/admin/erasure").cookie(twice.getResponse().getCookies()).with(admin))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
		mvc.perform(get("/admin/erasure/{id}/confirm", request).with(admin))
			.andExpect(redirectedUrl("/admin/erasure"))
			.andExpect(flash().attribute("done", "erasure.admin.alreadyDecided"));

		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, trajectory.participant().email(),
				mail -> Mailboxes.subject(mail).contains("verzoek tot verwijdering")))).contains("Er loopt een klachtprocedure.");
		mvc.perform(get("/participant/privacy").with(participant))
			.andExpect(content().string(containsString("Er loopt een klachtprocedure.")));
		assertThat(accounts.byId(trajectory.participant().id()).orElseThrow().enabled()).isTrue();
	}

	/**
	 * The participant reads how long each of their trajectories is kept, by the rule the retention job
	 * follows: the page said only "until the retention period has passed" (AVG article 13(2)(a)).
	 */
	@Test
	void theParticipantReadsUntilWhenEachTrajectoryIsKept(@Autowired nl.briefwissel.trajectory.Trajectories trajectories) throws Exception {
		var running = fixtures.runningTrajectory(true);
		trajectories.record(running.programmeId(), running.participant().id(), running.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.COMPLETED, "NEXT_STEP", LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 14));
		var participant = fixtures.as(running.participant());

		var items = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/privacy").with(participant)).andReturn().getResponse()
			.getContentAsString()).select("li.utrecht-unordered-list__item").eachText();
		assertThat(items).anySatisfy(item -> assertThat(item).endsWith(": tot 14 maart 2028, 24 maanden na het einde van je traject."))
			.anySatisfy(item -> assertThat(item).endsWith(": tot 24 maanden na het einde van je traject."));
		String english = mvc.perform(get("/participant/privacy").param("lang", "en").with(participant)).andReturn().getResponse()
			.getContentAsString();
		assertThat(english).contains(": until 14 March 2028, 24 months after your trajectory ended.",
				": until 24 months after your trajectory ends.");
	}

	@Test
	void theRetentionJobErasesTrajectoriesPastTheirProgrammesPeriodAndThenThePerson() {
		var expired = fixtures.runningTrajectory(true);
		var kept = fixtures.anotherFor(expired, Today.date().minusMonths(30));
		conversations.coachWrites(expired.id(), expired.coach().id(), "Een brief die niet eeuwig blijft.");
		conversations.coachWrites(kept.id(), kept.coach().id(), "Een brief die nog even blijft.");
		end(expired.id(), Today.date().minusMonths(24).minusDays(1));
		end(kept.id(), Today.date().minusMonths(23));

		Retention.Result result = retention.run();

		assertThat(result.trajectories()).isGreaterThanOrEqualTo(1);
		assertThat(conversations.of(expired.id())).extracting(nl.briefwissel.conversation.Message::body).allMatch(String::isEmpty);
		assertThat(conversations.of(kept.id())).extracting(nl.briefwissel.conversation.Message::body)
			.containsExactly("Een brief die nog even blijft.");
		assertThat(accounts.byId(expired.participant().id()).orElseThrow().email()).endsWith("@briefwissel.invalid");
		assertThat(accounts.byId(kept.participant().id()).orElseThrow().email()).isEqualTo(kept.participant().email());
		assertThat(accounts.byId(expired.coach().id()).orElseThrow().enabled()).isTrue();

		assertThat(retention.run().trajectories()).isZero();
	}

	/**
	 * A programme manager lowers the programme's retention period from 24 to 6 months: a trajectory that ended ten
	 * months ago keeps the 24 months its participant was told when they applied (decision 0134), and their page
	 * still says so; one that began afterwards goes after the new 6. The job read the programme's period of now
	 * for every trajectory and erased the older one at its next run, without a word to anyone.
	 */
	@Test
	void aShorterRetentionPeriodAppliesOnlyToTrajectoriesThatBeganAfterwards() throws Exception {
		var before = fixtures.runningTrajectory(true);
		conversations.coachWrites(before.id(), before.coach().id(), "Een brief die zijn bewaartermijn houdt.");
		end(before.id(), Today.date().minusMonths(10));
		var programme = programmes.byId(before.programmeId()).orElseThrow();
		programmes.changeSettings(programme.id(), new nl.briefwissel.organisation.Programmes.Settings(programme.weeks(),
				programme.momentsPerWeek(), programme.replyWithinDays(), 6, programme.mailMode(), programme.intakeAddress()));
		var afterwards = fixtures.anotherFor(before, Today.date().minusMonths(9));
		conversations.coachWrites(afterwards.id(), afterwards.coach().id(), "Een brief onder de nieuwe termijn.");
		end(afterwards.id(), Today.date().minusMonths(7));

		retention.run();

		assertThat(conversations.of(before.id())).extracting(nl.briefwissel.conversation.Message::body)
			.containsExactly("Een brief die zijn bewaartermijn houdt.");
		assertThat(conversations.of(afterwards.id())).extracting(nl.briefwissel.conversation.Message::body).allMatch(String::isEmpty);
		String until = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))
			.format(Today.date().minusMonths(10).plusMonths(24));
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/participant/privacy").with(fixtures.as(before.participant())))
			.andReturn().getResponse().getContentAsString()).select("li.utrecht-unordered-list__item").eachText())
			.anySatisfy(item -> assertThat(item).endsWith(": tot " + until + ", 24 maanden na het einde van je traject."));
	}

	/**
	 * Listed by the retention job with every trajectory erased, the person applied again before the job
	 * came to them: they are not forgotten under their new application (it belonged to nobody reachable).
	 */
	@Test
	void someoneWhoAppliedAgainMeanwhileIsNotForgotten(@Autowired Erasures erasuresOfPeople) {
		var earlier = fixtures.runningTrajectory(true);
		end(earlier.id(), Today.date().minusMonths(30));
		trajectoryErasure.erase(earlier.id(), null);
		trajectories.record(earlier.programmeId(), earlier.participant().id(), null,
				nl.briefwissel.trajectory.TrajectoryStatus.INTAKE, null, null, null);

		assertThat(erasuresOfPeople.forgetIdentityIfAllErased(earlier.participant().id())).isFalse();
		assertThat(accounts.byId(earlier.participant().id()).orElseThrow().email()).isEqualTo(earlier.participant().email());
	}

	/**
	 * One person the retention job cannot forget (here an account that holds the address their erasure
	 * gives them already; in life a lock that timed out, a deadlock) is counted and tried again next run:
	 * it held back the other people, the old mail and the audit trail's pruning, every run.
	 */
	@Test
	void onePersonThatCannotBeForgottenDoesNotHoldBackTheRestOfTheRun() {
		var refusing = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		end(refusing.id(), Today.date().minusMonths(30));
		end(other.id(), Today.date().minusMonths(30));
		UUID inTheWay = UUID.randomUUID();
		jdbc.sql("insert into account (id, email, display_name, created_at) values (:id, :email, 'In de weg', :now)")
			.param("id", inTheWay)
			.param("email", "verwijderd-" + refusing.participant().id() + "@briefwissel.invalid")
			.param("now", java.time.OffsetDateTime.now())
			.update();
		UUID oldLine = UUID.randomUUID();
		audit.record(new nl.briefwissel.audit.AuditEntry(oldLine, java.time.OffsetDateTime.now().minusYears(4), null, null, null,
				null, nl.briefwissel.audit.AuditAction.READ, "GET /coach/trajectories/{id}", null, null, null));
		try {
			Retention.Result result = retention.run();

			assertThat(result.failures()).isGreaterThanOrEqualTo(1);
			assertThat(accounts.byId(refusing.participant().id()).orElseThrow().email()).isEqualTo(refusing.participant().email());
			assertThat(count("select count(*) from trajectory where id = :t and erased_at is not null", refusing.id())).isEqualTo(1);
			assertThat(accounts.byId(other.participant().id()).orElseThrow().email()).endsWith("@briefwissel.invalid");
			assertThat(count("select count(*) from audit_entry where id = :t", oldLine)).isZero();
		}
		finally {
			jdbc.sql("delete from account where id = :id").param("id", inTheWay).update();
		}

		retention.run();
		assertThat(accounts.byId(refusing.participant().id()).orElseThrow().email()).endsWith("@briefwissel.invalid");
	}

	/**
	 * An application nobody matched, or a proposal nobody answered, does not keep the person's goals
	 * for good: its retention period counts from its last change.
	 */
	@Test
	void aTrajectoryThatStillWaitsForACoachGoesAfterTheRetentionPeriodFromItsLastChange() {
		var first = fixtures.runningTrajectory(true);
		UUID forgotten = trajectories.record(first.programmeId(), first.participant().id(), null,
				nl.briefwissel.trajectory.TrajectoryStatus.INTAKE, "GROWTH", null, null);
		UUID proposedLongAgo = trajectories.record(first.programmeId(), first.participant().id(), first.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.MATCHING, "GROWTH", null, null);
		UUID touchedLately = trajectories.record(first.programmeId(), first.participant().id(), first.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.MATCHING, "GROWTH", null, null);
		java.time.OffsetDateTime longAgo = java.time.OffsetDateTime.now().minusMonths(24).minusDays(2);
		for (UUID waiting : List.of(forgotten, proposedLongAgo, touchedLately)) {
			jdbc.sql("update trajectory set created_at = :at, goals = 'Mijn doelen' where id = :t").param("at", longAgo.minusMonths(6))
				.param("t", waiting).update();
		}
		transition(proposedLongAgo, longAgo);
		transition(touchedLately, java.time.OffsetDateTime.now().minusMonths(23));
		var programme = programmes.byId(first.programmeId()).orElseThrow();
		int stoppedBefore = statistics.of(programme, Today.date(), Today.date()).stoppedByReason().total().people();

		retention.run();

		for (UUID gone : List.of(forgotten, proposedLongAgo)) {
			assertThat(count("select count(*) from trajectory where id = :t and erased_at is not null and goals is null and status = 'STOPPED'", gone))
				.as("erased").isEqualTo(1);
		}
		assertThat(count("select count(*) from trajectory where id = :t and erased_at is null and goals = 'Mijn doelen'", touchedLately))
			.as("kept").isEqualTo(1);
		// Erased while waiting is not "stopped" in the programme's figures: it never started.
		assertThat(statistics.of(programme, Today.date(), Today.date()).stoppedByReason().total().people()).isEqualTo(stoppedBefore);
	}

	/**
	 * An invitation nobody answered, cleared by retention, and the open application of a person whose
	 * data were erased leave the programme manager's list: without an address nobody can complete them,
	 * and they stood there for good as an erased address. Their invitations go with them.
	 */
	@Test
	void applicationsClearedByRetentionOrErasureNoLongerStandOpen(@Autowired nl.briefwissel.trajectory.Intakes intakes,
			@Autowired nl.briefwissel.trajectory.TrajectoryErasure erasure) {
		var running = fixtures.runningTrajectory(true);
		var programme = programmes.byId(running.programmeId()).orElseThrow();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var forgotten = intakes.invite(programme, "vergeten-" + suffix + "@example.nl", "Vera Vergeten",
				java.util.Locale.forLanguageTag("nl"), null);
		jdbc.sql("update intake set created_at = :long where id = :id")
			.param("long", java.time.OffsetDateTime.now().minusDays(200))
			.param("id", forgotten.id())
			.update();
		var erased = intakes.invite(programme, "wissen-" + suffix + "@example.nl", "Wim Wissen",
				java.util.Locale.forLanguageTag("nl"), null);
		assertThat(intakes.open(programme.id())).hasSize(2);

		retention.run();

		assertThat(intakes.open(programme.id())).extracting(nl.briefwissel.trajectory.Intake::id).containsExactly(erased.id());
		erasure.eraseApplicationsOf("Wissen-" + suffix + "@example.nl");
		assertThat(intakes.open(programme.id())).isEmpty();
		assertThat(jdbc.sql("select status from intake where id in (:ids)")
			.param("ids", List.of(forgotten.id(), erased.id()))
			.query(String.class)
			.list()).containsExactly("WITHDRAWN", "WITHDRAWN");
		assertThat(jdbc.sql("select count(*) from intake where id in (:ids) and email = 'verwijderd@briefwissel.invalid' and display_name is null")
			.param("ids", List.of(forgotten.id(), erased.id()))
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from outbound_mail where lower(recipient) in (:addresses)")
			.param("addresses", List.of("vergeten-" + suffix + "@example.nl", "wissen-" + suffix + "@example.nl"))
			.query(Integer.class)
			.single()).as("the invitations, which name them").isZero();
	}

	private void transition(UUID trajectory, java.time.OffsetDateTime at) {
		jdbc.sql("""
				insert into trajectory_transition (id, trajectory_id, at, from_status, to_status, reason_code)
				values (:id, :t, :at, 'INTAKE', 'MATCHING', 'OTHER')""")
			.param("id", UUID.randomUUID())
			.param("t", trajectory)
			.param("at", at)
			.update();
	}

	/**
	 * A participant back for a second trajectory: the first one's retention period ends while the second
	 * runs. The first one's mail goes; the letters of the second stay on their way. A late answer to a
	 * letter of the first one does not bring words back into it: it waits for the administrators.
	 */
	@Test
	void theRetentionOfAnEarlierTrajectoryLeavesTheMailOfTheRunningOneAloneAndALateReplyOutsideIt() throws Exception {
		var earlier = fixtures.runningTrajectory(true);
		UUID running = trajectories.record(earlier.programmeId(), earlier.participant().id(), earlier.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
		conversations.coachWrites(earlier.id(), earlier.coach().id(), "Een brief van lang geleden.");
		conversations.coachWrites(running, earlier.coach().id(), "Een brief van nu.");
		end(earlier.id(), Today.date().minusMonths(24).minusDays(1));
		String email = earlier.participant().email();
		assertThat(count("select count(*) from outbound_mail where lower(recipient) = lower(:t)", email)).isEqualTo(2);
		MimeMessage oldLetter = Mailboxes.awaitMail(mailServer, email, mail -> Mailboxes.text(mail).contains("lang geleden"));

		retention.run();

		assertThat(conversations.of(earlier.id())).extracting(nl.briefwissel.conversation.Message::body).allMatch(String::isEmpty);
		assertThat(jdbc.sql("select o.message_id from outbound_mail o where lower(o.recipient) = lower(:address)")
			.param("address", email).query(String.class).list())
			.as("the running trajectory's letter, and nothing of the erased one")
			.containsExactlyElementsOf(jdbc.sql("select mail_message_id from message where trajectory_id = :t and kind = 'MESSAGE'")
				.param("t", running).query(String.class).list());
		assertThat(accounts.byId(earlier.participant().id()).orElseThrow().email()).isEqualTo(email);

		String erasedConversation = "select count(*) from quarantined_mail where trajectory_id is null and reason = :t";
		int quarantined = count(erasedConversation, "reply to a conversation that was erased");
		Transport.send(reply(email, oldLetter, "Ik wilde nog iets vertellen over toen."));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> count(erasedConversation, "reply to a conversation that was erased") == quarantined + 1);
		assertThat(conversations.of(earlier.id())).extracting(nl.briefwissel.conversation.Message::body).allMatch(String::isEmpty);
		assertThat(conversations.of(running)).extracting(nl.briefwissel.conversation.Message::body)
			.containsExactly("Een brief van nu.");

		// The participant still signs in (the running trajectory): a form of theirs cannot write into the erased one.
		mvc.perform(post("/participant/goals").param("trajectory", earlier.id().toString()).param("goals", "Een nieuw doel")
			.with(fixtures.as(earlier.participant())).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select goals from trajectory where id = :t").param("t", earlier.id()).query(String.class).optional())
			.as("the erased trajectory's goals").satisfiesAnyOf(goals -> assertThat(goals).isEmpty(),
					goals -> assertThat(goals.get()).isNull());
	}

	/**
	 * Mail that belongs to no conversation is kept as the register says, also when nobody resolved it:
	 * an unclaimed quarantine entry is discarded and emptied after the period, and so is a mail the
	 * pipeline gave up on that nobody put back in the queue. A bounce keeps the address that failed
	 * no longer than the mail itself: the closed entry says why it was there without it.
	 */
	@Test
	void mailOfNoConversationThatNobodyClaimedGoesAfterItsPeriod() throws Exception {
		String run = UUID.randomUUID().toString();
		UUID strayId = stray("<stray-" + run + "@example.nl>");
		UUID failedId = stray("<failed-" + run + "@example.nl>");
		String failedAddress = "weg-" + run.substring(0, 8) + "@example.nl";
		UUID bounceId = strayBounce("<bounce-" + run + "@mail.example.nl>", failedAddress);
		assertThat(jdbc.sql("select reason_argument from quarantined_mail where inbound_mail_id = :id").param("id", bounceId)
			.query(String.class).single()).isEqualTo(failedAddress);
		// As the pipeline leaves a mail it gave up on: failed, in no quarantine.
		jdbc.sql("delete from quarantined_mail where inbound_mail_id = :id").param("id", failedId).update();
		jdbc.sql("update inbound_mail set status = 'FAILED' where id = :id").param("id", failedId).update();
		assertThat(inboundMails.failed()).anyMatch(failed -> failed.id().equals(failedId));
		jdbc.sql("update inbound_mail set received_at = :long, next_attempt_at = :long where id in (:ids)")
			.param("long", java.time.OffsetDateTime.now().minusDays(31))
			.param("ids", java.util.List.of(strayId, failedId, bounceId)).update();
		jdbc.sql("update quarantined_mail set quarantined_at = :long where inbound_mail_id in (:ids)")
			.param("long", java.time.OffsetDateTime.now().minusDays(31)).param("ids", java.util.List.of(strayId, bounceId)).update();

		retention.run();

		assertThat(jdbc.sql("select resolution from quarantined_mail where inbound_mail_id in (:ids)")
			.param("ids", java.util.List.of(strayId, bounceId)).query(String.class).list()).containsExactly("DISCARDED", "DISCARDED");
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)")
			.param("ids", java.util.List.of(strayId, failedId, bounceId)).query(Integer.class).list()).containsOnly(0);
		assertThat(inboundMails.failed()).noneMatch(failed -> failed.id().equals(failedId));
		assertThat(count("select count(*) from quarantined_mail where inbound_mail_id = :t and reason_argument is null", bounceId))
			.isEqualTo(1);
		assertThat(jdbc.sql("select * from quarantined_mail where inbound_mail_id = :id").param("id", bounceId).query().singleRow()
			.values()).as("the closed entry").noneMatch(value -> String.valueOf(value).toLowerCase().contains(failedAddress));
		assertThat(jdbc.sql("select * from inbound_mail where id = :id").param("id", bounceId).query().singleRow().values())
			.as("the emptied mail").noneMatch(value -> String.valueOf(value).toLowerCase().contains(failedAddress));
	}

	/** A letter whose mail was given up keeps showing so past the sent mail's period; other given-up mail goes. */
	@Test
	void aLetterWhoseMailFailedStaysMarkedAfterTheSentMailsPeriod() {
		var running = fixtures.runningTrajectory(true);
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Hoe gaat het met je?");
		String letterMail = jdbc.sql("select mail_message_id from message where id = :id").param("id", letter).query(String.class).single();
		String notice = "<notice-" + UUID.randomUUID() + "@briefwissel.test>";
		jdbc.sql("""
				insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at, created_at)
				values (:id, :messageId, 'iemand@example.nl', 'Melding', '', 'FAILED', 55, :long, :long)""")
			.param("id", UUID.randomUUID()).param("messageId", notice).param("long", java.time.OffsetDateTime.now().minusDays(40)).update();
		jdbc.sql("update outbound_mail set status = 'FAILED', attempts = 55, created_at = :long where message_id = :id")
			.param("long", java.time.OffsetDateTime.now().minusDays(40)).param("id", letterMail).update();

		retention.run();

		assertThat(count("select count(*) from outbound_mail where message_id = :t", letterMail)).isEqualTo(1);
		assertThat(count("select count(*) from outbound_mail where message_id = :t", notice)).isZero();
	}

	/**
	 * A refused address travels between modules in an event; the registry kept every event after its
	 * listener was done, and with it the address, for good. Done a day ago it goes; not done, it waits.
	 */
	@Test
	void eventsBetweenModulesGoADayAfterTheirListenersAreDone() {
		String address = "geweigerd-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		UUID done = UUID.randomUUID();
		UUID recent = UUID.randomUUID();
		UUID open = UUID.randomUUID();
		for (UUID id : java.util.List.of(done, recent, open)) {
			jdbc.sql("""
					insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date, status)
					values (:id, 'nl.briefwissel.conversation.RefusedAddresses.on', 'nl.briefwissel.mail.MailRefused', :event, :published,
					    :completed, :status)""")
				.param("id", id)
				.param("event", "{\"recipient\":\"" + address + "\"}")
				.param("published", java.time.OffsetDateTime.now().minusDays(3))
				.param("completed", id.equals(open) ? null
						: java.time.OffsetDateTime.now().minus(id.equals(done) ? java.time.Duration.ofDays(2) : java.time.Duration.ofHours(1)))
				.param("status", id.equals(open) ? "PUBLISHED" : "COMPLETED")
				.update();
		}

		retention.run();

		assertThat(jdbc.sql("select id from event_publication where id in (:ids)").param("ids", java.util.List.of(done, recent, open))
			.query(UUID.class).list()).containsExactlyInAnyOrder(recent, open);
	}

	/**
	 * A participant who wrote to the reply mailbox without a reply address (a new mail instead of an
	 * answer) and then asked to be forgotten: the mail waited for the administrators, outside any
	 * conversation, and goes with the confirmed erasure instead of staying readable for its period.
	 */
	@Test
	void mailOfNoConversationFromTheParticipantGoesWithTheirErasure() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		// Two open trajectories: which coach is not Briefwissel's to guess, so it waits for the administrators. A new
		// mail of the participant of one open trajectory waits for its coach instead, and after their last one ended
		// it is held for that one (decision 0106).
		var otherProgramme = programmes.create(trajectory.organisationId(), "Tweede programma " + UUID.randomUUID(), null, null);
		trajectories.record(otherProgramme.id(), trajectory.participant().id(), trajectory.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.RUNNING, "GROWTH", nl.briefwissel.Today.date(), null);
		String email = trajectory.participant().email();
		UUID stray = strayFrom(email, "<zonder-gesprek-" + UUID.randomUUID() + "@example.nl>");
		assertThat(jdbc.sql("select reason_code from quarantined_mail where inbound_mail_id = :id").param("id", stray)
			.query(String.class).single()).isEqualTo("noReference");
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		// One an administrator discarded already (its mail waits out its period), and one the pipeline gave up on.
		UUID discarded = strayFrom(email, "<weggezet-" + UUID.randomUUID() + "@example.nl>");
		assertThat(quarantine.discard(discarded, admin)).isTrue();
		UUID failed = strayFrom(email, "<opgegeven-" + UUID.randomUUID() + "@example.nl>");
		jdbc.sql("delete from quarantined_mail where inbound_mail_id = :id").param("id", failed).update();
		jdbc.sql("update inbound_mail set status = 'FAILED' where id = :id").param("id", failed).update();

		assertThat(erasures.confirm(erasures.request(trajectory.participant().id()).id(), admin)).isTrue();

		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)").param("ids", java.util.List.of(discarded, failed))
			.query(Integer.class).list()).containsOnly(0);
		assertThat(inboundMails.retry(failed)).as("nothing left to process again").isNotEqualTo(nl.briefwissel.mail.InboundMails.Retry.QUEUED);

		assertThat(jdbc.sql("select resolution from quarantined_mail where inbound_mail_id = :id and resolved_at is not null")
			.param("id", stray).query(String.class).single()).isEqualTo("DISCARDED");
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id = :id").param("id", stray).query(Integer.class).single())
			.isZero();
		assertThat(jdbc.sql("select raw_mail from inbound_mail where id = :id").param("id", stray).query(byte[].class).single())
			.isEmpty();
		assertThat(count("select count(*) from inbound_mail where id = :t and envelope_from is null", stray)).isEqualTo(1);
	}

	/**
	 * Mail held back for a conversation that did not come from its participant (someone else with the reply
	 * address) keeps that person's address and words: it goes after the period of unneeded mail when nobody
	 * added it, as the register says, not with the trajectory years later (decision 0105). The participant's
	 * own mail held for it (too big to keep) waits for the coach as long as the conversation, and so does
	 * someone else's that came within the period.
	 */
	@Test
	void mailHeldForAConversationFromSomeoneElseGoesAfterItsPeriodAndTheParticipantsOwnStays() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String reply = replyAddressOf(running);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String stranger = "buurman-" + run + "@example.nl";
		UUID old = storeHeld(letterTo(reply, stranger, "oud-" + run, "Ik ben de buurman."), stranger);
		UUID recent = storeHeld(letterTo(reply, stranger, "nieuw-" + run, "Nog een keer de buurman."), stranger);
		String own = running.participant().email();
		UUID ownTooBig = storeHeld(("X-Briefwissel-Too-Big: 41943040\r\nFrom: " + own + "\r\nTo: " + reply
				+ "\r\nSubject: Re: de video\r\nMessage-ID: <groot-" + run + "@example.nl>\r\n\r\n").getBytes(StandardCharsets.UTF_8), own);
		await().atMost(Duration.ofSeconds(30)).until(() -> quarantine.heldFor(running.id()).size() == 3);
		java.time.OffsetDateTime longAgo = java.time.OffsetDateTime.now().minusDays(31);
		jdbc.sql("update inbound_mail set received_at = :long where id in (:ids)").param("long", longAgo)
			.param("ids", List.of(old, ownTooBig)).update();
		jdbc.sql("update quarantined_mail set quarantined_at = :long where inbound_mail_id in (:ids)").param("long", longAgo)
			.param("ids", List.of(old, ownTooBig)).update();

		retention.run();

		assertThat(quarantine.heldFor(running.id())).extracting(nl.briefwissel.conversation.Quarantine.Entry::inboundMailId)
			.containsExactlyInAnyOrder(recent, ownTooBig);
		assertThat(jdbc.sql("select * from quarantined_mail where inbound_mail_id = :id").param("id", old).query().singleRow())
			.satisfies(row -> {
				assertThat(row.get("resolution")).isEqualTo("DISCARDED");
				assertThat(row.values()).noneMatch(value -> String.valueOf(value).toLowerCase().contains(stranger));
			});
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id = :id").param("id", old).query(Integer.class).single())
			.as("the stranger's mail, emptied in the same run").isZero();
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)").param("ids", List.of(recent, ownTooBig))
			.query(Integer.class).list()).allMatch(size -> size > 0);
	}

	/**
	 * An address the participant declined is most likely someone else's: it stays for the coach's page (declined
	 * on, ask again) as long as the mail held back from it, then goes (decision 0105). One declined within the
	 * period, and a confirmed one, stay.
	 */
	@Test
	void anAddressTheParticipantDeclinedGoesAfterThePeriodOfUnneededMail(
			@Autowired nl.briefwissel.conversation.AcceptedAddresses accepted) {
		var running = fixtures.runningTrajectory(true);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String declinedLongAgo = "nee-oud-" + run + "@example.nl";
		String declinedNow = "nee-nu-" + run + "@example.nl";
		String confirmed = "ja-" + run + "@example.nl";
		for (String address : List.of(declinedLongAgo, declinedNow, confirmed)) {
			assertThat(accepted.accept(running.id(), address, running.coach().id())).isEmpty();
		}
		accepted.answer(running.id(), declinedLongAgo, false);
		accepted.answer(running.id(), declinedNow, false);
		accepted.answer(running.id(), confirmed, true);
		jdbc.sql("update accepted_address set answered_at = :long where trajectory_id = :t and address in (:a)")
			.param("long", java.time.OffsetDateTime.now().minusDays(31)).param("t", running.id())
			.param("a", List.of(declinedLongAgo, confirmed)).update();

		retention.run();

		assertThat(accepted.of(running.id())).extracting(nl.briefwissel.conversation.AcceptedAddresses.Accepted::address)
			.containsExactlyInAnyOrder(declinedNow, confirmed);
		assertThat(count("select count(*) from accepted_address where address = :t", declinedLongAgo)).isZero();
	}

	/**
	 * Mail of theirs of no conversation from another address they confirmed for their trajectory (decision 0091),
	 * also one they stopped counting since (decision 0102), is theirs as their own address's is: it goes with their
	 * erasure, though the erasure of the trajectory deleted the confirmed address first. Stray, given up on, or still waiting to be processed (which would
	 * otherwise become a letter or an application with their words after the erasure).
	 */
	@Test
	void mailOfNoConversationFromAnotherAddressTheyConfirmedGoesWithTheirErasure(
			@Autowired nl.briefwissel.conversation.AcceptedAddresses accepted,
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String other = "thuis-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		assertThat(accepted.accept(trajectory.id(), other, trajectory.coach().id())).isEmpty();
		assertThat(accepted.answer(trajectory.id(), other, true)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.CONFIRMED);
		String stopped = "oud-werk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		assertThat(accepted.accept(trajectory.id(), stopped, trajectory.coach().id())).isEmpty();
		accepted.answer(trajectory.id(), stopped, true);
		assertThat(accepted.withdrawByParticipant(trajectory.id(), stopped))
			.isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Withdrawal.WITHDRAWN);
		// Ended: a new mail from a confirmed address of an open trajectory waits for its coach instead (decision 0106).
		lifecycle.complete(trajectory.id(), trajectory.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		UUID strayFromStopped = strayFrom(stopped, "<oud-werk-" + UUID.randomUUID() + "@example.nl>");
		UUID stray = strayFrom(other, "<thuis-" + UUID.randomUUID() + "@example.nl>");
		UUID failed = strayFrom(other, "<thuis-opgegeven-" + UUID.randomUUID() + "@example.nl>");
		jdbc.sql("delete from quarantined_mail where inbound_mail_id = :id").param("id", failed).update();
		jdbc.sql("update inbound_mail set status = 'FAILED' where id = :id").param("id", failed).update();
		UUID waiting = waitingFrom(trajectory.participant().email(), "Nog een brief die op verwerking wacht.");
		UUID waitingFromOther = waitingFrom(other, "En een vanaf thuis.");
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();

		assertThat(erasures.confirm(erasures.request(trajectory.participant().id()).id(), admin)).isTrue();

		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)")
			.param("ids", List.of(stray, strayFromStopped, failed, waiting, waitingFromOther)).query(Integer.class).list())
			.hasSize(5).containsOnly(0);
		assertThat(jdbc.sql("select resolution from quarantined_mail where inbound_mail_id = :id").param("id", stray)
			.query(String.class).single()).isEqualTo("DISCARDED");
		assertThat(jdbc.sql("select status from inbound_mail where id in (:ids)").param("ids", List.of(waiting, waitingFromOther))
			.query(String.class).list()).as("nothing left to process").containsOnly("PROCESSED");
		assertThat(count("select count(*) from quarantined_mail where inbound_mail_id = :t", waiting)).isZero();
	}

	/**
	 * Someone who takes part and also coaches is erased as a participant: the letter they mailed as a coach to a
	 * participant of theirs, still waiting to be processed, reaches that conversation afterwards, and their letter
	 * as a coach to two of their participants' reply addresses stays for an administrator. What they mailed to
	 * their own erased conversation goes, as for anyone (decision 0105).
	 */
	@Test
	void aCoachErasedAsAParticipantKeepsTheMailOfTheirWork() throws Exception {
		var own = fixtures.runningTrajectory(true);
		var person = own.participant();
		accounts.addRole(person.id(), Role.COACH);
		String run = UUID.randomUUID().toString().substring(0, 8);
		var theirs = fixtures.person(own.organisationId(), "coachee-" + run + "@example.nl", "Coachee " + run, Role.PARTICIPANT);
		var alsoTheirs = fixtures.person(own.organisationId(), "coachee2-" + run + "@example.nl", "Coachee2 " + run, Role.PARTICIPANT);
		UUID coached = trajectories.record(own.programmeId(), theirs.id(), person.id(), nl.briefwissel.trajectory.TrajectoryStatus.RUNNING,
				"NEXT_STEP", Today.date(), null);
		UUID alsoCoached = trajectories.record(own.programmeId(), alsoTheirs.id(), person.id(),
				nl.briefwissel.trajectory.TrajectoryStatus.RUNNING, "NEXT_STEP", Today.date(), null);
		String toCoached = replyAddressOf(coached, person.id());
		String toAlsoCoached = replyAddressOf(alsoCoached, person.id());
		String toOwn = replyAddressOf(own.id(), own.coach().id());
		UUID work = waitingFrom(person.email(), toCoached, "Dank voor je brief. Wat gaf je de meeste energie deze week?");
		UUID participation = waitingFrom(person.email(), toOwn, "Mijn eigen brief als deelnemer.");
		byte[] both = ("From: " + person.email() + "\r\nTo: " + toCoached + ", " + toAlsoCoached + "\r\nSubject: Beide\r\n"
				+ "Message-ID: <beide-" + run + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoor jullie allebei.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		UUID several = inboundMails.store(both, nl.briefwissel.mail.InboundMails.Source.SMTP, person.email(),
				List.of(toCoached, toAlsoCoached)).id();
		await().atMost(Duration.ofSeconds(15)).until(() -> count(
				"select count(*) from quarantined_mail where inbound_mail_id = :t and trajectory_id is null and resolved_at is null",
				several) == 1);
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();

		assertThat(erasures.confirm(erasures.request(person.id()).id(), admin)).isTrue();

		assertThat(jdbc.sql("select size_bytes from inbound_mail where id = :id").param("id", participation).query(Integer.class)
			.single()).as("their mail to their own erased conversation").isZero();
		assertThat(jdbc.sql("select status from inbound_mail where id = :id").param("id", work).query(String.class).single())
			.isEqualTo("RECEIVED");
		assertThat(count("select count(*) from quarantined_mail where inbound_mail_id = :t and resolved_at is null", several))
			.as("their letter to two of their participants, for an administrator").isEqualTo(1);
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id = :id").param("id", several).query(Integer.class)
			.single()).isPositive();
		jdbc.sql("update inbound_mail set next_attempt_at = :now where id = :id")
			.param("now", java.time.OffsetDateTime.now().minusMinutes(1)).param("id", work).update();
		await().atMost(Duration.ofSeconds(15)).until(() -> count(
				"select count(*) from message where inbound_mail_id = :t and author_role = 'COACH'", work) == 1);
		assertThat(count("select count(*) from message where inbound_mail_id = :t", work)).isEqualTo(1);
		assertThat(jdbc.sql("select trajectory_id from message where inbound_mail_id = :id").param("id", work).query(UUID.class)
			.single()).isEqualTo(coached);
	}

	/**
	 * An address the participant confirmed and then stopped counting is free for another participant's coach to
	 * accept, and for that participant to confirm; one confirmed may have become someone's account's address since.
	 * Either is another person's now: the erasure of the first participant leaves that person's mail alone.
	 */
	@Test
	void anErasureLeavesTheMailOfAnAddressThatIsAnotherPersonsNow(
			@Autowired nl.briefwissel.conversation.AcceptedAddresses accepted) throws Exception {
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String passedOn = "gedeeld-" + run + "@example.nl";
		String nowAnAccount = "account-" + run + "@example.nl";
		for (String address : List.of(passedOn, nowAnAccount)) {
			assertThat(accepted.accept(first.id(), address, first.coach().id())).isEmpty();
			assertThat(accepted.answer(first.id(), address, true)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.CONFIRMED);
		}
		assertThat(accepted.withdrawByParticipant(first.id(), passedOn))
			.isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Withdrawal.WITHDRAWN);
		assertThat(accepted.accept(second.id(), passedOn, second.coach().id())).isEmpty();
		assertThat(accepted.answer(second.id(), passedOn, true)).isEqualTo(nl.briefwissel.conversation.AcceptedAddresses.Answer.CONFIRMED);
		fixtures.person(second.organisationId(), nowAnAccount, "Nieuw Account " + run, Role.PARTICIPANT);
		// The second participant's new mail waits for their coach now (decision 0106): held for their trajectory.
		UUID strayOfSecond = strayFrom(passedOn, "<gedeeld-" + UUID.randomUUID() + "@example.nl>", false);
		UUID waitingOfSecond = waitingFrom(passedOn, "Een brief van de tweede deelnemer.");
		UUID strayOfAccount = strayFrom(nowAnAccount, "<account-" + UUID.randomUUID() + "@example.nl>");
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();

		assertThat(erasures.confirm(erasures.request(first.participant().id()).id(), admin)).isTrue();

		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)")
			.param("ids", List.of(strayOfSecond, waitingOfSecond, strayOfAccount)).query(Integer.class).list())
			.hasSize(3).allMatch(size -> size > 0);
		assertThat(jdbc.sql("select count(*) from quarantined_mail where inbound_mail_id in (:ids) and resolved_at is null")
			.param("ids", List.of(strayOfSecond, strayOfAccount)).query(Integer.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select status from inbound_mail where id = :id").param("id", waitingOfSecond).query(String.class)
			.single()).isEqualTo("RECEIVED");
	}

	/**
	 * An address the participant was asked about and never confirmed, whose link ran out, may be someone else's:
	 * it goes after the period of unneeded mail, counted from when the link ran out, as a declined one does
	 * (decision 0105). One run out within the period stays for the coach's page (ask again).
	 */
	@Test
	void anAddressNeverConfirmedGoesAfterThePeriodOfUnneededMailOnceItsLinkRanOut(
			@Autowired nl.briefwissel.conversation.AcceptedAddresses accepted) {
		var running = fixtures.runningTrajectory(true);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String longRunOut = "verlopen-oud-" + run + "@example.nl";
		String recentlyRunOut = "verlopen-nu-" + run + "@example.nl";
		String waiting = "wacht-" + run + "@example.nl";
		for (String address : List.of(longRunOut, recentlyRunOut, waiting)) {
			assertThat(accepted.accept(running.id(), address, running.coach().id())).isEmpty();
		}
		jdbc.sql("update accepted_address set expires_at = :at where trajectory_id = :t and address = :a")
			.param("at", java.time.OffsetDateTime.now().minusDays(31)).param("t", running.id()).param("a", longRunOut).update();
		jdbc.sql("update accepted_address set expires_at = :at where trajectory_id = :t and address = :a")
			.param("at", java.time.OffsetDateTime.now().minusDays(5)).param("t", running.id()).param("a", recentlyRunOut).update();

		retention.run();

		assertThat(accepted.of(running.id())).extracting(nl.briefwissel.conversation.AcceptedAddresses.Accepted::address)
			.containsExactlyInAnyOrder(recentlyRunOut, waiting);
	}

	/**
	 * The retention job discards each entry in a transaction of its own, and one held for a conversation only
	 * with the conversation's lock, as the conversation's erasure takes them: while an erasure holds the
	 * trajectory, the job waits for it at that entry, and the entries before it are discarded already. In one
	 * transaction for the whole run, without the lock, the job and an erasure each held what the other waited
	 * for (decision 0105).
	 */
	@Test
	void retentionDiscardsHeldMailEntryByEntryAfterTheTrajectorysLock() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String reply = replyAddressOf(running);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String stranger = "voorbijganger-" + run + "@example.nl";
		UUID held = storeHeld(letterTo(reply, stranger, "vast-" + run, "Ik ben een voorbijganger."), stranger);
		await().atMost(Duration.ofSeconds(30)).until(() -> quarantine.heldFor(running.id()).size() == 1);
		UUID stray = stray("<los-" + run + "@example.nl>");
		// A run first, so that the one below has nothing else to do before the quarantine.
		retention.run();
		jdbc.sql("update quarantined_mail set quarantined_at = :at where inbound_mail_id = :id")
			.param("at", java.time.OffsetDateTime.now().minusDays(40)).param("id", stray).update();
		jdbc.sql("update quarantined_mail set quarantined_at = :at where inbound_mail_id = :id")
			.param("at", java.time.OffsetDateTime.now().minusDays(31)).param("id", held).update();
		String open = "select count(*) from quarantined_mail where inbound_mail_id = :t and resolved_at is null";
		java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		var erasing = java.util.concurrent.CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			// As an erasure holds it, before it deletes the entries held for it.
			jdbc.sql("select id from trajectory where id = :id for update").param("id", running.id()).query(UUID.class).single();
			locked.countDown();
			try {
				release.await(10, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}));
		try {
			assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			var retaining = java.util.concurrent.CompletableFuture.supplyAsync(retention::run);

			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> count(open, stray) == 0);
			assertThat(count(open, held)).as("waits for the trajectory, the entry before it committed").isEqualTo(1);

			release.countDown();
			erasing.get(10, java.util.concurrent.TimeUnit.SECONDS);
			retaining.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(count(open, held)).isZero();
			assertThat(jdbc.sql("select resolution from quarantined_mail where inbound_mail_id = :id").param("id", held)
				.query(String.class).single()).isEqualTo("DISCARDED");
		}
		finally {
			release.countDown();
		}
	}

	private String replyAddressOf(UUID trajectory, UUID coach) {
		conversations.coachWrites(trajectory, coach, "Hoe gaat het met je opdracht?");
		return replyAddress.of(jdbc.sql("select token from reply_token where trajectory_id = :t")
			.param("t", trajectory).query(String.class).single());
	}

	/**
	 * A mail from this address stored and waiting for its next attempt (as after a failed one): committed so, a
	 * worker does not take it before the test wants it.
	 */
	private UUID waitingFrom(String from, String words) {
		return waitingFrom(from, replyAddress.mailbox(), words);
	}

	private UUID waitingFrom(String from, String reply, String words) {
		byte[] raw = ("From: " + from + "\r\nTo: " + reply + "\r\nSubject: Wacht\r\nMessage-ID: <wacht-" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n").getBytes(StandardCharsets.UTF_8);
		return transactions.execute(status -> {
			UUID id = inboundMails.store(raw, nl.briefwissel.mail.InboundMails.Source.SMTP, from, List.of(reply)).id();
			jdbc.sql("update inbound_mail set next_attempt_at = :later, attempts = 1 where id = :id")
				.param("later", java.time.OffsetDateTime.now().plusHours(1)).param("id", id).update();
			return id;
		});
	}

	private String replyAddressOf(Fixtures.RunningTrajectory running) {
		conversations.coachWrites(running.id(), running.coach().id(), "Stuur je de video van je werkplek?");
		return replyAddress.of(jdbc.sql("select token from reply_token where trajectory_id = :t")
			.param("t", running.id()).query(String.class).single());
	}

	private static byte[] letterTo(String reply, String from, String id, String words) {
		return ("From: " + from + "\r\nTo: " + reply + "\r\nSubject: Re: de video\r\nMessage-ID: <brief-" + id
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	private UUID storeHeld(byte[] raw, String from) {
		String to = new String(raw, StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("To: ")).findFirst()
			.orElseThrow().substring(4);
		return inboundMails.store(raw, nl.briefwissel.mail.InboundMails.Source.SMTP, from, List.of(to)).id();
	}

	/**
	 * A participant forgotten because their organisation ended (decision 0073) took part nowhere else: their
	 * stray mail and the mail of theirs the pipeline gave up on go as with an erasure they asked for,
	 * instead of staying readable and processable again into a letter or an application with their name.
	 */
	@Test
	void mailOfNoConversationFromAParticipantForgottenWithTheirOrganisationGoes(@Autowired OrganisationEndings endings,
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		// Of no conversation: it came while two trajectories of theirs were open, so which coach was not Briefwissel's
		// to guess. After their last one ended their mail is held for that one instead (decision 0106).
		var otherProgramme = programmes.create(trajectory.organisationId(), "Tweede programma " + UUID.randomUUID(), null, null);
		UUID second = trajectories.record(otherProgramme.id(), trajectory.participant().id(), trajectory.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.RUNNING, "GROWTH", nl.briefwissel.Today.date(), null);
		String email = trajectory.participant().email();
		UUID stray = strayFrom(email, "<einde-" + UUID.randomUUID() + "@example.nl>");
		UUID failed = strayFrom(email, "<einde-opgegeven-" + UUID.randomUUID() + "@example.nl>");
		jdbc.sql("delete from quarantined_mail where inbound_mail_id = :id").param("id", failed).update();
		jdbc.sql("update inbound_mail set status = 'FAILED' where id = :id").param("id", failed).update();
		for (UUID theirs : List.of(trajectory.id(), second)) {
			lifecycle.complete(theirs, trajectory.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		}

		assertThat(endings.end(trajectory.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id()))
			.isInstanceOf(OrganisationEndings.Ended.class);

		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)").param("ids", java.util.List.of(stray, failed))
			.query(Integer.class).list()).containsOnly(0);
		assertThat(jdbc.sql("select count(*) from quarantined_mail where inbound_mail_id = :id and resolved_at is null")
			.param("id", stray).query(Long.class).single()).isZero();
	}

	/**
	 * The mails that tell the coaches of a handover name the participant, and go to the coaches, not to
	 * the participant's address: a confirmed erasure takes them along, sent or not.
	 */
	@Test
	void noticesAboutTheTrajectoryToOthersGoWithTheErasure() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var manager = fixtures.managerOf(trajectory);
		var newCoach = fixtures.secondCoachInPool(trajectory);
		handovers.handOver(trajectory.id(), newCoach.id(), nl.briefwissel.trajectory.Reason.COACH_UNAVAILABLE, manager.id());
		String naming = """
				select count(*) from outbound_mail where lower(recipient) <> lower(:email)
				  and (subject like :name or text_body like :name or html_body like :name)""";
		String email = trajectory.participant().email();
		String name = "%" + trajectory.participant().displayName() + "%";
		assertThat(jdbc.sql(naming).param("email", email).param("name", name).query(Integer.class).single())
			.as("the notices to the new and the previous coach").isGreaterThanOrEqualTo(2);
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();

		assertThat(erasures.confirm(erasures.request(trajectory.participant().id()).id(), admin)).isTrue();

		assertThat(jdbc.sql(naming).param("email", email).param("name", name).query(Integer.class).single()).isZero();
		assertThat(count("select count(*) from outbound_mail_about where about_id = :t", trajectory.id())).isZero();
	}

	/** A double click on "Verzoek indienen": the second request waits for the first and finds it. */
	@Test
	void aDoubleClickOnTheRequestMakesOneRequest() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		UUID participant = trajectory.participant().id();
		java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<ErasureRequest>> second =
				new java.util.concurrent.atomic.AtomicReference<>();
		ErasureRequest first = transactions.execute(status -> {
			ErasureRequest made = erasures.request(participant);
			// The second click arrives while the first has not committed yet.
			second.set(java.util.concurrent.CompletableFuture.supplyAsync(() -> erasures.request(participant)));
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return made;
		});

		assertThat(second.get().get(10, java.util.concurrent.TimeUnit.SECONDS).id()).isEqualTo(first.id());
		assertThat(count("select count(*) from erasure_request where account_id = :t and status = 'REQUESTED'", participant))
			.isEqualTo(1);
	}

	/**
	 * A request still open for someone who is anonymised already (asked twice before requests took
	 * turns, and the other one confirmed): it is not decided again, nothing is mailed to the address
	 * that replaced theirs, and it leaves the list of open requests.
	 */
	@Test
	void aRequestOfSomeoneErasedAlreadyIsNotDecidedAgain() {
		var trajectory = fixtures.runningTrajectory(true);
		UUID request = erasures.request(trajectory.participant().id()).id();
		accounts.anonymise(trajectory.participant().id());
		String erasedAddress = accounts.byId(trajectory.participant().id()).orElseThrow().email();
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();

		assertThat(erasures.confirm(request, admin)).isFalse();
		assertThat(erasures.decline(request, admin, "Er loopt een klachtprocedure.")).isFalse();

		assertThat(erasures.open()).noneMatch(open -> open.id().equals(request));
		assertThat(count("select count(*) from outbound_mail where lower(recipient) = lower(:t)", erasedAddress)).isZero();
	}

	@Test
	void theRegisterOfProcessingIsWrittenFromTheConfigurationAndTheProgrammes() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		jdbc.sql("update programme set retention_months = 18 where id = :p").param("p", trajectory.programmeId()).update();
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Programma Programma: 18 maanden na het einde")))
			.andExpect(content().string(containsString("ingebouwde mailserver")))
			.andExpect(content().string(containsString("AVG artikel 6 lid 1 sub a")));
		mvc.perform(get("/admin/processing").param("lang", "en").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("18 months after the trajectory ends")));
	}

	/** A delivery report to the reply mailbox about a mail of no conversation, once it is quarantined. */
	private UUID strayBounce(String messageId, String failedAddress) throws Exception {
		String raw = String.join("\r\n",
				"Return-Path: <>",
				"From: MAILER-DAEMON@mail.example.nl (Mail Delivery System)",
				"To: " + replyAddress.mailbox(),
				"Subject: Undelivered Mail Returned to Sender",
				"Message-ID: " + messageId,
				"MIME-Version: 1.0",
				"Content-Type: multipart/report; report-type=delivery-status; boundary=\"grens\"",
				"",
				"--grens",
				"Content-Type: text/plain; charset=us-ascii",
				"",
				"Your message could not be delivered.",
				"",
				"--grens",
				"Content-Type: message/delivery-status",
				"",
				"Reporting-MTA: dns; mail.example.nl",
				"",
				"Final-Recipient: rfc822; " + failedAddress,
				"Action: failed",
				"Status: 5.1.1",
				"",
				"--grens--",
				"");
		UUID id = inboundMails.store(raw.getBytes(StandardCharsets.US_ASCII), nl.briefwissel.mail.InboundMails.Source.SMTP,
				null, List.of(replyAddress.mailbox())).id();
		await().atMost(Duration.ofSeconds(15)).until(() -> count(
				"select count(*) from quarantined_mail where inbound_mail_id = :t and trajectory_id is null and resolved_at is null",
				id) == 1);
		return id;
	}

	/** A mail from this address to the reply mailbox without a reply address or reference, once it is quarantined. */
	private UUID strayFrom(String from, String messageId) throws Exception {
		return strayFrom(from, messageId, true);
	}

	/** As above; {@code ofNoConversation}: held for no trajectory, not for the one whose participant sent it (decision 0106). */
	private UUID strayFrom(String from, String messageId, boolean ofNoConversation) throws Exception {
		MimeMessage stray = new MimeMessage(Mailboxes.smtp(mailServer)) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		stray.setFrom(new InternetAddress(from));
		stray.setRecipients(RecipientType.TO, replyAddress.mailbox());
		stray.setSubject("Nog een vraag", "UTF-8");
		stray.setText("Ik schrijf je los van ons gesprek.", "UTF-8");
		Transport.send(stray);
		String quarantined = "select count(*) from quarantined_mail q join inbound_mail i on i.id = q.inbound_mail_id "
				+ "where i.message_id = :t and q.resolved_at is null" + (ofNoConversation ? " and q.trajectory_id is null" : "");
		await().atMost(Duration.ofSeconds(15)).until(() -> count(quarantined, messageId) == 1);
		return jdbc.sql("select id from inbound_mail where message_id = :id").param("id", messageId).query(UUID.class).single();
	}

	/** A mail to the reply mailbox without a reply address or reference, once it is quarantined. */
	private UUID stray(String messageId) throws Exception {
		MimeMessage stray = new MimeMessage(Mailboxes.smtp(mailServer)) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		stray.setFrom(new InternetAddress("iemand@example.nl"));
		stray.setRecipients(RecipientType.TO, replyAddress.mailbox());
		stray.setSubject("Vraag", "UTF-8");
		stray.setText("Een mail zonder gesprek.", "UTF-8");
		Transport.send(stray);
		String quarantined = "select count(*) from quarantined_mail q join inbound_mail i on i.id = q.inbound_mail_id "
				+ "where i.message_id = :t and q.trajectory_id is null and q.resolved_at is null";
		await().atMost(Duration.ofSeconds(15)).until(() -> count(quarantined, messageId) == 1);
		return jdbc.sql("select id from inbound_mail where message_id = :id").param("id", messageId).query(UUID.class).single();
	}

	private void end(UUID trajectory, LocalDate on) {
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :on where id = :t")
			.param("on", on)
			.param("t", trajectory)
			.update();
	}

	private int count(String sql, Object parameter) {
		return jdbc.sql(sql).param("t", parameter).query(Integer.class).single();
	}

	private MimeMessage reply(String from, MimeMessage original, String text) throws Exception {
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress(from));
		reply.setRecipients(RecipientType.TO, original.getReplyTo());
		reply.setSubject("Re: " + original.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", original.getMessageID());
		reply.setText(text, StandardCharsets.UTF_8.name());
		return reply;
	}

	/**
	 * Someone who is a participant and also a coach asks for erasure: their participation goes, their
	 * account and the mail of their work stay, and the mail that confirms it says so.
	 */
	@Test
	void aParticipantWhoAlsoCoachesKeepsTheirAccountAndTheMailOfTheirWork(@Autowired nl.briefwissel.mail.Outbox outbox)
			throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var person = trajectory.participant();
		accounts.addRole(person.id(), Role.COACH);
		outbox.enqueue(nl.briefwissel.mail.OutgoingMail.notice(person.email(), "Nieuwe deelnemer voorgesteld", "Werk", null));
		UUID admin = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		UUID request = erasures.request(person.id()).id();
		// The administrator is told before confirming that the account stays.
		assertThat(mvc.perform(get("/admin/erasure/{id}/confirm", request).with(fixtures.as(accounts.byId(admin).orElseThrow())))
			.andReturn().getResponse().getContentAsString()).contains("Het account blijft");

		assertThat(erasures.confirm(request, admin)).isTrue();

		assertThat(accounts.byId(person.id()).orElseThrow().email()).isEqualTo(person.email());
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to and subject = 'Nieuwe deelnemer voorgesteld'")
			.param("to", person.email()).query(Long.class).single()).isEqualTo(1);
		MimeMessage confirmation = Mailboxes.awaitMail(mailServer, person.email(), mail -> Mailboxes.subject(mail).contains("als deelnemer"));
		assertThat(Mailboxes.text(confirmation)).contains("Je account blijft bestaan").doesNotContain("laatste mail");
		assertThat(trajectories.byId(trajectory.id()).orElseThrow().status()).isNotEqualTo(nl.briefwissel.trajectory.TrajectoryStatus.RUNNING);
	}
}

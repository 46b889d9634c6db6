package nl.briefwissel.privacy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A trajectory that runs on long after its planned end, because nobody ends it (the coach left, the participant
 * vanished), is not kept for good: retention counted only from an end. Its coach sees when it will stop by itself,
 * its programme manager how many are silent (a count, never content); after the period without a letter
 * ({@code briefwissel.trajectory.stop-when-silent-after}, 183 days by default) the retention job stops it with a
 * reason code, audited, participant and coach told by mail, and the programme's retention period counts from then
 * (decision 0108). A running conversation is never erased as it stands.
 */
@BriefwisselTest
class SilentTrajectoryTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Autowired
	Retention retention;

	@Autowired
	TrajectoryErasure erasure;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void aTrajectoryNobodyWroteInForHalfAYearAfterItsPlannedEndIsStoppedAndThenKeptAsAnyEndedOne() throws Exception {
		LocalDate longAgo = Today.date().minusMonths(12);
		var silent = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set started_on = :d where id = :t").param("d", longAgo).param("t", silent.id()).update();
		var lately = fixtures.anotherFor(silent, longAgo);
		var quietSinceTheEnd = fixtures.anotherFor(silent, Today.date().minusMonths(3));
		var underWay = fixtures.anotherFor(silent, Today.date().minusWeeks(2));
		letter(silent.id(), silent.coach().id(), OffsetDateTime.now().minusMonths(7));
		OffsetDateTime twoMonthsAgo = OffsetDateTime.now().minusMonths(2);
		letter(lately.id(), lately.coach().id(), twoMonthsAgo);

		retention.run();

		assertThat(status(silent.id())).isEqualTo("STOPPED");
		assertThat(jdbc.sql("select ended_on from trajectory where id = :t").param("t", silent.id()).query(LocalDate.class).single())
			.isEqualTo(Today.date());
		assertThat(jdbc.sql("""
				select reason_code || '/' || coalesce(cast(by_account as varchar(40)), 'nobody') from trajectory_transition
				where trajectory_id = :t and to_status = 'STOPPED'""").param("t", silent.id()).query(String.class).list())
			.containsExactly("NO_LETTERS_AFTER_PLANNED_END/nobody");
		assertThat(conversations.of(silent.id())).as("stopped, not erased: the record stays to read and download")
			.extracting(nl.briefwissel.conversation.Message::body).containsExactly("Een brief van lang geleden.");
		assertThat(jdbc.sql("""
				select count(*) from audit_entry where trajectory_id = :t and action = 'ADMINISTRATION'
				  and route = 'trajectory stopped automatically' and details like '%NO_LETTERS_AFTER_PLANNED_END%'""")
			.param("t", silent.id()).query(Integer.class).single()).as("on the trail").isEqualTo(1);
		for (var kept : java.util.List.of(lately, quietSinceTheEnd, underWay)) {
			assertThat(status(kept.id())).isEqualTo("RUNNING");
		}

		MimeMessage toParticipant = Mailboxes.awaitMail(mailServer, silent.participant().email(),
				m -> Mailboxes.subject(m).contains("gestopt"));
		assertThat(Mailboxes.text(toParticipant)).contains("vanzelf gestopt", "lange tijd niet meer geschreven",
				day(Today.date().plusMonths(24)), "/participant/report", "Wil je dat het eerder weg is? Vraag dan bij Mijn gegevens",
				"(al je gegevens, ook van een ander traject dat nog loopt)")
			.as("nobody stopped it: not said to be the coach").doesNotContain(silent.coach().displayName() + " heeft");
		MimeMessage toCoach = Mailboxes.awaitMail(mailServer, silent.coach().email(),
				m -> Mailboxes.subject(m).contains(silent.participant().displayName()));
		assertThat(Mailboxes.subject(toCoach)).contains("vanzelf gestopt");
		assertThat(Mailboxes.text(toCoach)).contains(silent.participant().displayName(), "vanzelf gestopt",
				day(Today.date().plusMonths(24)), "/coach/trajectories/" + silent.id())
			.doesNotContain("Een brief van lang geleden");

		retention.run();
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :t and to_status = 'STOPPED'")
			.param("t", silent.id()).query(Integer.class).single()).as("once").isEqualTo(1);
		// From now on the programme's retention period counts, as for any trajectory that ended.
		assertThat(erasure.pastRetention(Today.date().plusMonths(24).minusDays(1))).doesNotContain(silent.id());
		assertThat(erasure.pastRetention(Today.date().plusMonths(24))).contains(silent.id());

		// Its coach sees, where the last contact moment is said, when a silent one stops by itself.
		RequestPostProcessor coach = fixtures.as(lately.coach());
		LocalDate latelyStops = twoMonthsAgo.atZoneSameInstant(AMSTERDAM).toLocalDate().plusDays(183);
		Document page = page(get("/coach/trajectories/{id}", lately.id()), coach);
		// What counts as writing is said as the code counts it, on every page alike: a change a person made counts.
		String counted = "183 dagen na het laatste contactmoment, de laatste brief of de laatste keer dat iemand het traject wijzigde";
		assertThat(page.getElementById("stops-by-itself").text()).contains("Schrijft niemand meer",
				"vanzelf op " + day(latelyStops), counted);
		assertThat(page(get("/coach/trajectories/{id}/course", lately.id()), coach).getElementById("course-stops-by-itself").text())
			.contains(day(latelyStops));
		assertThat(page(get("/coach/trajectories/{id}", underWay.id()).param("lang", "en"), coach).getElementById("stops-by-itself"))
			.as("not before its last contact moment").isNull();
		assertThat(page(get("/coach/trajectories/{id}", lately.id()).param("lang", "en"), coach).getElementById("stops-by-itself").text())
			.contains("If nobody writes any more, Briefwissel stops this trajectory by itself on",
					"183 days after the last contact moment, the last letter or the last time someone changed the trajectory");

		// Its programme manager sees how many are silent since their last moment: a count, no letter's date.
		RequestPostProcessor manager = fixtures.as(fixtures.managerOf(silent));
		Document toClose = page(get("/programme").param("programme", silent.programmeId().toString()).param("status", "TO_CLOSE"),
				manager);
		assertThat(toClose.getElementById("silent-" + silent.programmeId()).text()).contains("Stil sinds het laatste contactmoment: 1.",
				"stopt Briefwissel het vanzelf", counted);
		assertThat(page(get("/programme").param("programme", silent.programmeId().toString()), manager)
			.getElementById("silent-" + silent.programmeId())).as("said with the list of those to close").isNull();

		// The register of processing says it where it says how long coaching is kept.
		var administrator = fixtures.person(silent.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				nl.briefwissel.account.Role.ADMINISTRATOR);
		assertThat(page(get("/admin/processing"), fixtures.as(administrator)).text())
			.contains("Een lopend traject waarin niemand meer schrijft, stopt Briefwissel vanzelf", counted);
	}

	/**
	 * A participant whose mail waits in the quarantine for the coach (a new mail without a reply address, decision
	 * 0106) has not fallen silent, however long ago the last letter in the conversation is: the trajectory runs on.
	 * Someone else's mail held for it does not count.
	 */
	@Test
	void mailOfTheParticipantWaitingForTheCoachKeepsItRunning(@Autowired nl.briefwissel.mail.InboundMails inbound,
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) {
		LocalDate longAgo = Today.date().minusMonths(12);
		var waiting = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set started_on = :d where id = :t").param("d", longAgo).param("t", waiting.id()).update();
		var strangers = fixtures.anotherFor(waiting, longAgo);
		letter(waiting.id(), waiting.coach().id(), OffsetDateTime.now().minusMonths(7));
		letter(strangers.id(), strangers.coach().id(), OffsetDateTime.now().minusMonths(7));
		held(inbound, transactions, waiting.id(), waiting.participant().email(), "newMail", waiting.participant().email());
		held(inbound, transactions, strangers.id(), "iemand-" + UUID.randomUUID() + "@example.nl", "unknownSender", null);

		retention.run();

		assertThat(status(waiting.id())).isEqualTo("RUNNING");
		assertThat(status(strangers.id())).as("a stranger's held mail is not the participant writing").isEqualTo("STOPPED");
	}

	private void held(nl.briefwissel.mail.InboundMails inbound, org.springframework.transaction.support.TransactionTemplate transactions,
			UUID trajectory, String from, String code, String argument) {
		transactions.executeWithoutResult(status -> {
			UUID id = inbound.store(("From: " + from + "\r\nTo: reply@example.nl\r\nSubject: Nog een vraag\r\nMessage-ID: <"
					+ UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBen je er nog?\r\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8), nl.briefwissel.mail.InboundMails.Source.SMTP, from,
					java.util.List.of("reply@example.nl")).id();
			jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", id).update();
			jdbc.sql("""
					insert into quarantined_mail (inbound_mail_id, reason, reason_code, reason_argument, trajectory_id, quarantined_at)
					values (:id, 'held', :code, :argument, :t, :at)""")
				.param("id", id).param("code", code).param("argument", argument == null ? from : argument).param("t", trajectory)
				.param("at", OffsetDateTime.now().minusDays(20)).update();
		});
	}

	private void letter(UUID trajectory, UUID coach, OffsetDateTime at) {
		conversations.coachWrites(trajectory, coach, "Een brief van lang geleden.");
		jdbc.sql("update message set created_at = :at where trajectory_id = :t").param("at", at).param("t", trajectory).update();
	}

	private String status(UUID trajectory) {
		return jdbc.sql("select status from trajectory where id = :t").param("t", trajectory).query(String.class).single();
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, RequestPostProcessor as)
			throws Exception {
		return Jsoup.parse(mvc.perform(request.with(as)).andReturn().getResponse().getContentAsString());
	}

	private static String day(LocalDate date) {
		return date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH));
	}
}

package nl.briefwissel.trajectory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A trajectory accepted with its first day still ahead has not started. The programme page, the coach's
 * pages and the quarantine's list of trajectories said "Lopend" (started on a day to come), while the
 * workspace said "Nog niet gestart" and the figures "Start gepland": they now say the day it starts.
 */
@BriefwisselTest
class StartAheadTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Quarantine quarantine;

	@Autowired
	UserDetailsService users;

	@Test
	void aTrajectoryAcceptedToStartTomorrowSaysWhenItStartsWhereItsStageIsShown() throws Exception {
		var started = fixtures.runningTrajectory(true);
		LocalDate tomorrow = Today.date().plusDays(1);
		var ahead = fixtures.anotherFor(started, tomorrow);
		var manager = fixtures.managerOf(started);

		Document programme = page(get("/programme"), fixtures.as(manager));
		assertThat(programme.getElementById("trajectory-" + ahead.id()).text()).contains("Start op " + day(tomorrow, "d MMM yyyy", DUTCH))
			.doesNotContain("Lopend");
		assertThat(programme.getElementById("trajectory-" + started.id()).text()).contains("Lopend");
		assertThat(page(get("/programme").param("lang", "en"), fixtures.as(manager)).getElementById("trajectory-" + ahead.id()).text())
			.contains("Starts on " + day(tomorrow, "d MMM yyyy", Locale.ENGLISH)).doesNotContain("Running");

		// The coach's page of the trajectory, and the workspace that already counted it as not started.
		assertThat(page(get("/coach/trajectories/{id}", ahead.id()), fixtures.as(ahead.coach())).selectFirst("dl.bw-facts dd").text())
			.isEqualTo("Start op " + day(tomorrow, "d MMMM yyyy", DUTCH));
		assertThat(page(get("/coach/trajectories/{id}", ahead.id()).param("lang", "en"), fixtures.as(ahead.coach()))
			.selectFirst("dl.bw-facts dd").text()).isEqualTo("Starts on " + day(tomorrow, "d MMMM yyyy", Locale.ENGLISH));
		assertThat(page(get("/coach/trajectories/{id}", started.id()), fixtures.as(started.coach())).selectFirst("dl.bw-facts dd").text())
			.isEqualTo("Lopend");
		assertThat(page(get("/coach"), fixtures.as(ahead.coach())).text()).contains("Start op " + day(tomorrow, "d MMMM", DUTCH));

		// The trajectories an administrator chooses from for a mail in the quarantine: found by their number (session 47).
		UUID held = strayMail();
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));
		assertThat(page(get("/admin/quarantine/{id}/attach", held).param("search", ahead.id().toString()), admin)
			.selectFirst("#trajectoryId option[value=" + ahead.id() + "]").text())
			.endsWith("(Start op " + day(tomorrow, "d MMM yyyy", DUTCH) + ")");
		assertThat(page(get("/admin/quarantine/{id}/attach", held).param("search", started.id().toString()), admin)
			.selectFirst("#trajectoryId option[value=" + started.id() + "]").text()).contains("(Lopend, gestart ");
		Document inEnglish = page(get("/admin/quarantine/{id}/attach", held).param("search", ahead.id().toString()).param("lang", "en"),
				admin);
		assertThat(inEnglish.selectFirst("#trajectoryId option[value=" + ahead.id() + "]").text())
			.endsWith("(Starts on " + day(tomorrow, "d MMM yyyy", Locale.ENGLISH) + ")");
	}

	/**
	 * A start still ahead, or one that never came (stopped before it), is planned: the handover page said
	 * "Gestart" with a day to come (and "Lopend"), the programme's list and the quarantine's choice put a
	 * trajectory stopped before its first day under "Gestart" and "gestart". They now say it as the
	 * participant page does.
	 */
	@Test
	void aStartStillAheadOrNeverReachedIsPlannedNotStarted(@Autowired TrajectoryLifecycle lifecycle) throws Exception {
		var started = fixtures.runningTrajectory(true);
		LocalDate tomorrow = Today.date().plusDays(1);
		var ahead = fixtures.anotherFor(started, tomorrow);
		var stopped = fixtures.anotherFor(started, tomorrow);
		lifecycle.stop(stopped.id(), stopped.coach().id(), Reason.NO_RESPONSE, null);
		var manager = fixtures.managerOf(started);

		for (var t : java.util.List.of(ahead, stopped)) {
			assertThat(page(get("/programme/trajectories/{id}/handover", t.id()), fixtures.as(manager)).selectFirst("dl.bw-facts").text())
				.contains("Geplande start " + day(tomorrow, "d MMMM yyyy", DUTCH))
				.doesNotContain("Gestart");
		}
		assertThat(page(get("/programme/trajectories/{id}/handover", ahead.id()), fixtures.as(manager)).selectFirst("dl.bw-facts").text())
			.contains("Start op " + day(tomorrow, "d MMMM yyyy", DUTCH)).doesNotContain("Lopend");
		assertThat(page(get("/programme/trajectories/{id}/handover", ahead.id()).param("lang", "en"), fixtures.as(manager))
			.selectFirst("dl.bw-facts").text()).contains("Planned start " + day(tomorrow, "d MMMM yyyy", Locale.ENGLISH))
			.doesNotContain("Started");
		assertThat(page(get("/programme/trajectories/{id}/handover", started.id()), fixtures.as(manager)).selectFirst("dl.bw-facts").text())
			.contains("Gestart ").doesNotContain("Geplande start");

		assertThat(page(get("/programme"), fixtures.as(manager)).getElementById("trajectory-" + stopped.id()).text())
			.contains("Geplande start " + day(tomorrow, "d MMM yyyy", DUTCH));
		assertThat(page(get("/programme").param("lang", "en"), fixtures.as(manager)).getElementById("trajectory-" + stopped.id()).text())
			.contains("Planned start " + day(tomorrow, "d MMM yyyy", Locale.ENGLISH));

		UUID held = strayMail();
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));
		Document mail = page(get("/admin/quarantine/{id}/attach", held).param("search", stopped.id().toString()), admin);
		assertThat(mail.selectFirst("#trajectoryId option[value=" + stopped.id() + "]").text())
			.endsWith("(Gestopt, geplande start " + day(tomorrow, "d MMM yyyy", DUTCH) + ")");
		assertThat(page(get("/admin/quarantine/{id}/attach", held).param("search", stopped.id().toString()).param("lang", "en"), admin)
			.selectFirst("#trajectoryId option[value=" + stopped.id() + "]").text())
			.endsWith("(Stopped, planned start " + day(tomorrow, "d MMM yyyy", Locale.ENGLISH) + ")");
	}

	/**
	 * The programme's counts per stage put a trajectory accepted to start later under "Lopend", while the
	 * figures counted it apart: it is now its own stage there too, with the figures' words, and the
	 * stage filter lists what its count says.
	 */
	@Test
	void theProgrammePageCountsTrajectoriesStartingLaterApartAsTheFiguresDo(
			@Autowired nl.briefwissel.statistics.Statistics statistics,
			@Autowired nl.briefwissel.organisation.Programmes programmes) throws Exception {
		var started = fixtures.runningTrajectory(true);
		var tomorrow = fixtures.anotherFor(started, Today.date().plusDays(1));
		var inTwoWeeks = fixtures.anotherFor(started, Today.date().plusDays(14));
		var manager = fixtures.managerOf(started);

		Map<String, String> dutch = stages(page(get("/programme"), fixtures.as(manager)), started.programmeId());
		assertThat(dutch).containsEntry("Lopend", "1")
			.containsEntry("Start gepland (geaccepteerd, eerste dag nog niet bereikt)", "2");
		Map<String, String> english = stages(page(get("/programme").param("lang", "en"), fixtures.as(manager)), started.programmeId());
		assertThat(english).containsEntry("Running", "1").containsEntry("Starting soon (accepted, first day still ahead)", "2");

		var figures = statistics.of(programmes.byId(started.programmeId()).orElseThrow(), Today.date().minusMonths(1), Today.date());
		assertThat(Integer.parseInt(dutch.get("Lopend")) + Integer.parseInt(dutch.get("Gepauzeerd")))
			.isEqualTo(figures.runningNow().people());
		assertThat(Integer.parseInt(dutch.get("Start gepland (geaccepteerd, eerste dag nog niet bereikt)")))
			.isEqualTo(figures.startingSoon().people());

		// The stage filter lists what each count says.
		Document soon = page(get("/programme").param("programme", started.programmeId().toString()).param("status", "STARTING_SOON"),
				fixtures.as(manager));
		assertThat(soon.select("#trajectory-" + tomorrow.id() + ", #trajectory-" + inTwoWeeks.id())).hasSize(2);
		assertThat(soon.getElementById("trajectory-" + started.id())).isNull();
		assertThat(soon.selectFirst("#stage-" + started.programmeId() + " option[selected]").text())
			.isEqualTo("Start gepland (geaccepteerd, eerste dag nog niet bereikt) (2)");
		Document running = page(get("/programme").param("programme", started.programmeId().toString()).param("status", "RUNNING"),
				fixtures.as(manager));
		assertThat(running.getElementById("trajectory-" + started.id())).isNotNull();
		assertThat(running.select("#trajectory-" + tomorrow.id() + ", #trajectory-" + inTwoWeeks.id())).isEmpty();
	}

	/** The programme's counts per stage: the stage's words and its number. */
	private static Map<String, String> stages(Document page, UUID programme) {
		Map<String, String> stages = new LinkedHashMap<>();
		Element table = page.getElementById("programme-" + programme).selectFirst("table"); // the first: its counts per stage
		for (Element row : table.select("tbody tr")) {
			stages.put(row.selectFirst("th").text(), row.selectFirst("td").text());
		}
		return stages;
	}

	private UUID strayMail() throws Exception {
		MimeMessage stray = new MimeMessage(Mailboxes.smtp(mailServer));
		stray.setFrom("iemand-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl");
		stray.setRecipients(RecipientType.TO, "reply+wwwwwwwwwwwwwwwwwwwwwwwwww@briefwissel.test");
		String subject = "Bij welk traject " + UUID.randomUUID();
		stray.setSubject(subject);
		stray.setText("Waar hoort dit bij?");
		Transport.send(stray);
		await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.all().stream().anyMatch(e -> subject.equals(e.subject())));
		return quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst().orElseThrow().inboundMailId();
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor as) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(as)).andReturn().getResponse().getContentAsString());
	}

	private static String day(LocalDate day, String pattern, Locale language) {
		return DateTimeFormatter.ofPattern(pattern, language).format(day);
	}
}

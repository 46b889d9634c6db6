package nl.briefwissel.report;

import java.util.List;

import java.util.HashSet;
import java.util.Set;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.conversation.Conversations;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The record as its two readers get it, as a page and as a PDF whose text is read back. */
@BriefwisselTest
class ReportTests {

	private static final String COACH_WRITES = "Hoe gaat het één keer per week met je coöperatieve houding? Ça va, café.";

	private static final String PARTICIPANT_WRITES = "Ik heb nagedacht over mijn vraag en ik wil naar het onderwijs.";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	nl.briefwissel.audit.AuditTrail audit;

	@Test
	void theParticipantReadsAndDownloadsTheWholeCorrespondence() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), COACH_WRITES);
		conversations.participantWrites(running.id(), running.participant().id(), PARTICIPANT_WRITES);

		mvc.perform(get("/participant/report").with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/participant/report/" + running.id() + "/pdf")));
		// Reading one's record is on the audit trail, also at the address without the trajectory's id.
		assertThat(audit.ofTrajectory(running.id())).anySatisfy(entry -> {
			assertThat(entry.route()).isEqualTo("GET /participant/report");
			assertThat(entry.actorId()).isEqualTo(running.participant().id());
		});
		mvc.perform(get("/participant/report/{id}", running.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Het plan zoals het liep")))
			.andExpect(content().string(containsString("De briefwisseling (2 berichten)")))
			.andExpect(content().string(containsString("één keer per week")));

		byte[] pdf = mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			// The date in the name is the programme's (Amsterdam), also in the hour it differs from UTC's.
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.matchesPattern(
					".*\"briefwissel-verslag-[a-z0-9-]+-" + Today.date() + "\\.pdf\".*")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Verslag van de e-coaching")
				.contains(running.participant().displayName())
				.contains("één keer per week met je coöperatieve houding? Ça va, café.")
				.contains(PARTICIPANT_WRITES)
				.contains("Het plan zoals het liep");
			assertThat(document.getDocumentCatalog().getStructureTreeRoot()).as("tagged for PDF/UA").isNotNull();
			assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("nl");
			assertThat(document.getDocumentInformation().getTitle()).contains(running.participant().displayName());
			Set<String> notEmbedded = new HashSet<>();
			for (PDPage page : document.getPages()) {
				for (COSName name : page.getResources().getFontNames()) {
					PDFont font = page.getResources().getFont(name);
					if (!font.isEmbedded()) {
						notEmbedded.add(font.getName());
					}
				}
			}
			assertThat(notEmbedded).as("every font is embedded").isEmpty();
		}
	}

	/**
	 * The English pages call it My report, yet its English PDF came as briefwissel-record-….pdf: named as the pages
	 * name it, the participant's download and the coach's alike (the Dutch one is …-verslag-….pdf).
	 */
	@Test
	void theEnglishPdfIsNamedAReportAsTheEnglishPagesCallIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		for (var download : List.of(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())),
				get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(running.coach())))) {
			mvc.perform(download.param("lang", "en"))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.matchesPattern(
						".*\"briefwissel-report-[a-z0-9-]+-" + Today.date() + "\\.pdf\".*")));
		}
	}

	/**
	 * A coach who declined wrote their reason and note for the programme manager; the participant's
	 * record (the page, and the data of the export) tells the course of the coaching, not how it was matched.
	 */
	@Test
	void howTheTrajectoryWasMatchedIsNotInTheRecord(@Autowired nl.briefwissel.trajectory.Matching matching) throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		matching.decline(proposal.trajectoryId(), proposal.coach().id(), nl.briefwissel.trajectory.Reason.COACH_KNOWS_PARTICIPANT,
				"Alleen voor de manager: wij zaten samen in het MT.");
		matching.proposeCoach(proposal.trajectoryId(), proposal.coach().id(), nl.briefwissel.Today.date(), proposal.manager().id());
		matching.accept(proposal.trajectoryId(), proposal.coach().id(), nl.briefwissel.Today.date());

		for (String page : List.of("/participant/report", "/participant/export")) {
			var response = mvc.perform(get(page).with(fixtures.as(proposal.participant()))).andExpect(status().isOk()).andReturn()
				.getResponse();
			String body = page.endsWith("export") ? zipText(response.getContentAsByteArray()) : response.getContentAsString();
			assertThat(body).as(page).doesNotContain("Alleen voor de manager").doesNotContain("Ik ken de deelnemer")
				.doesNotContain("COACH_KNOWS_PARTICIPANT");
		}
	}

	private static String zipText(byte[] zip) throws Exception {
		StringBuilder text = new StringBuilder();
		try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.getName().endsWith(".json")) {
					text.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
				}
			}
		}
		return text.toString();
	}

	/**
	 * A trajectory accepted with its first day ahead said "Lopend" in its record, page and PDF, where every
	 * other page says the day it starts (TrajectoryOverview.startsAfter): the record now says it too.
	 */
	@Test
	void aRecordOfATrajectoryStartingLaterSaysTheDayItStarts() throws Exception {
		var started = fixtures.runningTrajectory(true);
		java.time.LocalDate tomorrow = Today.date().plusDays(1);
		var ahead = fixtures.anotherFor(started, tomorrow);
		String dutch = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")).format(tomorrow);
		String english = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH).format(tomorrow);

		assertThat(pdfText(mvc.perform(get("/participant/report/{id}/pdf", ahead.id()).with(fixtures.as(ahead.participant())))
			.andReturn().getResponse().getContentAsByteArray())).contains("Start op " + dutch).doesNotContain("Lopend");
		assertThat(pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", ahead.id()).param("lang", "en")
			.with(fixtures.as(ahead.coach()))).andReturn().getResponse().getContentAsByteArray()))
			.contains("Starts on " + english).doesNotContain("Running");
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", ahead.id()).with(fixtures.as(ahead.participant())))
			.andReturn().getResponse().getContentAsString()).selectFirst(".bw-record dl").text()).contains("Start op " + dutch)
			.doesNotContain("Lopend");
		assertThat(pdfText(mvc.perform(get("/participant/report/{id}/pdf", started.id()).with(fixtures.as(started.participant())))
			.andReturn().getResponse().getContentAsByteArray())).contains("Lopend");
	}

	/**
	 * Resuming asks for no reason, yet the record said "reden: Anders" after every resume (the change
	 * is stored with OTHER, the column wants a code): a change without a reason now says none, on the
	 * page, in the PDF and in the export's data.
	 */
	@Test
	void aResumeSaysNoReasonInTheRecord(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2),
				nl.briefwissel.trajectory.Reason.PERSONAL_CIRCUMSTANCES, null);
		lifecycle.resume(running.id(), running.coach().id());

		String page = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(page).contains("van Lopend naar Gepauzeerd, reden: Persoonlijke omstandigheden.")
			.contains("van Gepauzeerd naar Lopend.").doesNotContain("reden: Anders");
		assertThat(pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsByteArray()))
			.contains("from Paused to Running.").doesNotContain("reason: Other");
		String export = zipText(mvc.perform(get("/participant/export").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
		assertThat(export).doesNotContain("\"OTHER\"");
	}

	/**
	 * A change of course read "reden: Persoonlijke omstandigheden. Mijn toelichting": the coach's words glued on
	 * without a label; and an extension said neither by how many weeks nor until when. Each extension says its own
	 * weeks (only their sum was stored before V111, and the second of two named none), and where it brought the plan.
	 * The participant's page, the coach's and the PDF say the same.
	 */
	@Test
	void aChangeOfCourseLabelsTheExplanationAndAnExtensionSaysItsWeeksAndEnd(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED,
				"Mijn toelichting die niet weg mag");
		String once = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(once).contains("het traject is met 2 weken verlengd, reden: Meer tijd nodig. Daarmee werd het laatste contactmoment ")
			.contains(". Toelichting: Mijn toelichting die niet weg mag");

		lifecycle.extend(running.id(), running.coach().id(), 1, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		var twice = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "nl")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString());
		var lines = twice.select("li:contains(verlengd)").eachText();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).contains("het traject is met 2 weken verlengd, reden: Meer tijd nodig.", "Daarmee werd het laatste contactmoment ")
			.doesNotContain("weken langer").endsWith("Toelichting: Mijn toelichting die niet weg mag");
		assertThat(lines.get(1)).contains("het traject is met 1 week verlengd, reden: Meer tijd nodig.", "Daarmee werd het laatste contactmoment ")
			.doesNotContain("Met alle verlengingen samen");
		assertThat(pdfText(mvc.perform(get("/participant/report/{id}/pdf", running.id()).param("lang", "en")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsByteArray()))
			.contains("the trajectory was extended by 2 weeks, reason: More time needed. With it, the last contact moment became ")
			.containsPattern("the last contact moment became [^.]+\\. Explanation: Mijn toelichting die niet weg mag")
			.contains("the trajectory was extended by 1 week, reason: More time needed.", "With it, the last contact moment became ")
			.doesNotContain("All extensions together");
	}

	/**
	 * A trajectory extended twice before each extension kept its weeks (V111 could give its sum to none of them): each
	 * says it extended the trajectory, the last one the sum and that not every extension's weeks were kept. One
	 * extended since says its own weeks.
	 */
	@Test
	void extensionsFromBeforeTheirWeeksWereKeptSayTheirSum(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		lifecycle.extend(running.id(), running.coach().id(), 1, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		jdbc.sql("update trajectory_transition set weeks = null where trajectory_id = :t").param("t", running.id()).update();
		lifecycle.extend(running.id(), running.coach().id(), 3, nl.briefwissel.trajectory.Reason.JOB_CHANGE, null);

		var record = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "nl")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString());
		var lines = record.select("li:contains(verlengd)").eachText();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).contains("het traject is verlengd, reden: Meer tijd nodig.").doesNotContain("week", "weken");
		assertThat(lines.get(1)).contains("het traject is verlengd, reden: Meer tijd nodig.").doesNotContain("week", "weken");
		assertThat(lines.get(2)).contains("het traject is met 3 weken verlengd, reden: Nieuwe baan of functie.",
				"Met alle verlengingen samen duurt het traject 6 weken langer; niet van elke verlenging is het aantal weken bewaard.");
	}

	/**
	 * A trajectory stopped before its first contact moment has no moment in its plan, and the record said "Het
	 * traject is nog niet gestart" for it: it says now that it was stopped before the first contact moment.
	 */
	@Test
	void aTrajectoryStoppedBeforeItsFirstMomentIsSaidStoppedNotNotYetStarted(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.stop(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.NO_RESPONSE, null);

		String page = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(page).contains("Het traject is gestopt vóór het eerste contactmoment.").doesNotContain("nog niet gestart");
		assertThat(pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsByteArray()))
			.contains("The trajectory was stopped before the first contact moment.").doesNotContain("not started yet");
	}

	/**
	 * Completed a few days before its last contact moment, the plan ended at the moment before it, and what the
	 * participant wrote on the last days counted for no moment: the moment the trajectory ended in is in the plan,
	 * with the letters up to and including the day it ended.
	 */
	@Test
	void aTrajectoryCompletedBeforeItsLastMomentCountsTheLettersOfItsLastDays(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle, @Autowired nl.briefwissel.trajectory.Trajectories trajectories,
			@Autowired Reports reports, @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.time.LocalDate today = Today.date();
		// Five weekly moments, the fourth behind and the fifth still ahead today.
		java.time.LocalDate start = today.minusDays(20);
		while (!fourthBehindFifthAhead(nl.briefwissel.trajectory.ContactMomentPlan.of(start, 5, 1).dueDates(), today)) {
			start = start.minusDays(1);
		}
		jdbc.sql("update trajectory set started_on = :start, weeks = 5, moments_per_week = 1 where id = :id")
			.param("start", start).param("id", running.id()).update();
		List<java.time.LocalDate> due = trajectories.byId(running.id()).orElseThrow().plan().orElseThrow().dueDates();
		for (java.time.LocalDate day : due.subList(0, 4)) {
			java.util.UUID letter = conversations.participantWrites(running.id(), running.participant().id(), PARTICIPANT_WRITES);
			jdbc.sql("update message set created_at = :at where id = :id")
				.param("at", day.atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Amsterdam")).toOffsetDateTime())
				.param("id", letter).update();
		}
		conversations.participantWrites(running.id(), running.participant().id(), "Mijn laatste brief, vandaag.");
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);

		var moments = reports.of(trajectories.byId(running.id()).orElseThrow(), java.util.Locale.forLanguageTag("nl")).moments();
		assertThat(moments).hasSize(5).allSatisfy(moment -> assertThat(moment.written()).isTrue());
		assertThat(moments.get(4).passed()).as("an ended trajectory has no moment still to come").isTrue();
		// Its day after the period's end, with a plain "Ja": a moment the record said was kept after the trajectory ended.
		String ended = today.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl")));
		var record = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		var last = record.select(".bw-record__table tbody tr").get(4).select("td");
		assertThat(last.get(1).text()).as("its day, never reached").endsWith(": niet bereikt, afgerond op " + ended);
		assertThat(last.get(2).text()).as("the letter, written before the end").isEqualTo("Ja, vóór de afronding");
		assertThat(record.select(".bw-record__table tbody tr").get(3).select("td").get(2).text()).isEqualTo("Ja");
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.select(".bw-record__table tbody tr").get(4).select("td").get(2).text()).isEqualTo("Yes, before the completion");
	}

	/** Completed before its last moment with nothing written since the moment before: not a moment missed ("Nee"). */
	@Test
	void aMomentAfterTheCompletionWithoutALetterIsNotAMomentMissed(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle, @Autowired nl.briefwissel.trajectory.Trajectories trajectories,
			@Autowired Reports reports, @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.time.LocalDate today = Today.date();
		java.time.LocalDate start = today.minusDays(20);
		while (!fourthBehindFifthAhead(nl.briefwissel.trajectory.ContactMomentPlan.of(start, 5, 1).dueDates(), today)) {
			start = start.minusDays(1);
		}
		jdbc.sql("update trajectory set started_on = :start, weeks = 5, moments_per_week = 1 where id = :id")
			.param("start", start).param("id", running.id()).update();
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);

		var moments = reports.of(trajectories.byId(running.id()).orElseThrow(), java.util.Locale.forLanguageTag("nl")).moments();
		assertThat(moments).hasSize(5);
		assertThat(moments.get(4).afterTheEnd()).isTrue();
		assertThat(moments.get(3).afterTheEnd()).isFalse();
		var record = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").with(fixtures.as(running.participant()))).andReturn().getResponse()
			.getContentAsString());
		var cells = record.select(".bw-record__table tbody tr");
		// What the column counts is the participant's letters: a moment where only the coach wrote is "Nee", so it says whose.
		// In their own record ("Mijn verslag") said to them, as its other own texts are; the coach's names the participant.
		assertThat(record.select(".bw-record__table caption").text()).isEqualTo("Contactmomenten en of je schreef");
		assertThat(record.select(".bw-table-scroll").attr("aria-label")).isEqualTo("Contactmomenten en of je schreef");
		assertThat(record.select(".bw-record__table thead th").eachText()).containsExactly("Moment", "Uiterlijk", "Je schreef");
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(english.select(".bw-record__table caption").text()).isEqualTo("Contact moments and whether you wrote");
		assertThat(english.select(".bw-record__table thead th").eachText()).containsExactly("Moment", "Due", "You wrote");
		var coaches = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(coaches.select(".bw-record__table caption").text()).isEqualTo("Contactmomenten en of de deelnemer schreef");
		assertThat(coaches.select(".bw-record__table thead th").eachText()).containsExactly("Moment", "Uiterlijk", "Brief van de deelnemer");
		var coachesInEnglish = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(coachesInEnglish.select(".bw-record__table caption").text()).isEqualTo("Contact moments and whether the participant wrote");
		assertThat(coachesInEnglish.select(".bw-record__table thead th").eachText())
			.containsExactly("Moment", "Due", "Letter from the participant");
		assertThat(cells.get(4).text()).contains("Afgerond vóór dit moment").doesNotContain("Nee");
		assertThat(cells.get(3).text()).contains("Nee");
	}

	/**
	 * A walk found it: a participant who wrote the day after a moment read "Nee" for it, the letter counted for the
	 * next moment (its window). The letter still counts once, for the next moment; the missed one says when it came
	 * and for which moment it counts.
	 */
	@Test
	void aMomentMissedByADaySaysWhenTheLetterCameAndWhichMomentItCountsFor(
			@Autowired nl.briefwissel.trajectory.Trajectories trajectories, @Autowired Reports reports,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.time.LocalDate today = Today.date();
		java.time.LocalDate start = today.minusDays(20);
		while (!fourthBehindFifthAhead(nl.briefwissel.trajectory.ContactMomentPlan.of(start, 5, 1).dueDates(), today)) {
			start = start.minusDays(1);
		}
		jdbc.sql("update trajectory set started_on = :start, weeks = 5, moments_per_week = 1 where id = :id")
			.param("start", start).param("id", running.id()).update();
		List<java.time.LocalDate> due = trajectories.byId(running.id()).orElseThrow().plan().orElseThrow().dueDates();
		for (java.time.LocalDate day : List.of(due.get(0), due.get(1).plusDays(1))) {
			java.util.UUID letter = conversations.participantWrites(running.id(), running.participant().id(), PARTICIPANT_WRITES);
			jdbc.sql("update message set created_at = :at where id = :id")
				.param("at", day.atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Amsterdam")).toOffsetDateTime())
				.param("id", letter).update();
		}

		var moments = reports.of(trajectories.byId(running.id()).orElseThrow(), java.util.Locale.forLanguageTag("nl")).moments();
		assertThat(moments).extracting(TrajectoryReport.Moment::written).containsExactly(true, false, true, false, false);
		assertThat(moments.get(1).laterOn()).isEqualTo(due.get(1).plusDays(1));
		assertThat(moments).filteredOn(m -> m.number() != 2).allSatisfy(m -> assertThat(m.laterOn()).isNull());
		String later = due.get(1).plusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM", java.util.Locale.forLanguageTag("nl")));
		var own = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(own.select(".bw-record__table tbody tr").eachText()).satisfiesExactly(
				first -> assertThat(first).endsWith("Ja"),
				second -> assertThat(second).endsWith("Later, op " + later + " (telt voor moment 3)"),
				third -> assertThat(third).endsWith("Ja"),
				fourth -> assertThat(fourth).endsWith("Nee"),
				fifth -> assertThat(fifth).endsWith("Nog niet aan de beurt"));
		String laterEnglish = due.get(1).plusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM", java.util.Locale.ENGLISH));
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.select(".bw-record__table tbody tr").get(1).select("td").get(2).text())
			.isEqualTo("Later, on " + laterEnglish + " (counts for moment 3)");
	}

	/**
	 * A walk found it: a participant wrote the days after their fourth moment, and the record said "Later, op … (telt
	 * voor moment 5)"; stopped before the fifth, the plan was cut at the fourth, which said "Nee", and the letters were
	 * in no row. The moment the trajectory stopped in stays, with the letters written up to the stop.
	 */
	@Test
	void aStoppedTrajectoryKeepsTheLettersWrittenAfterItsLastMomentInThePlan(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle, @Autowired nl.briefwissel.trajectory.Trajectories trajectories,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.time.LocalDate today = Today.date();
		java.time.LocalDate start = today.minusDays(20);
		while (!fourthBehindFifthAhead(nl.briefwissel.trajectory.ContactMomentPlan.of(start, 5, 1).dueDates(), today)) {
			start = start.minusDays(1);
		}
		jdbc.sql("update trajectory set started_on = :start, weeks = 5, moments_per_week = 1 where id = :id")
			.param("start", start).param("id", running.id()).update();
		List<java.time.LocalDate> due = trajectories.byId(running.id()).orElseThrow().plan().orElseThrow().dueDates();
		java.time.LocalDate late = due.get(3).plusDays(1);
		for (java.time.LocalDate day : List.of(due.get(0), due.get(1), due.get(2), late)) {
			writtenOn(jdbc, running, day);
		}
		conversations.participantWrites(running.id(), running.participant().id(), "Nog een brief, vandaag.");
		lifecycle.stop(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.NO_RESPONSE, null);

		java.util.Locale dutch = java.util.Locale.forLanguageTag("nl");
		var own = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		var rows = own.select(".bw-record__table tbody tr");
		assertThat(rows).hasSize(5);
		assertThat(rows.get(3).select("td").get(2).text())
			.isEqualTo("Later, op " + late.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM", dutch)) + " (telt voor moment 5)");
		assertThat(rows.get(4).select("td").get(1).text())
			.endsWith(": niet bereikt, gestopt op " + today.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", dutch)));
		assertThat(rows.get(4).select("td").get(2).text()).isEqualTo("Ja, vóór de stop");
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.select(".bw-record__table tbody tr").get(4).select("td").get(2).text()).isEqualTo("Yes, before the stop");
		assertThat(pdfText(mvc.perform(get("/participant/report/{id}/pdf", running.id()).param("lang", "nl")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsByteArray()).replaceAll("\\s+", " "))
			.contains("Ja, vóór de stop");
	}

	/**
	 * Completed (or stopped) after its last moment, which the participant missed and wrote for a day later: that letter
	 * counts for no moment, and the last row said "Nee". It says when the letter came.
	 */
	@Test
	void theLastMomentMissedSaysWhenALaterLetterCameBeforeTheEnd(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle, @Autowired nl.briefwissel.trajectory.Trajectories trajectories,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.time.LocalDate today = Today.date();
		jdbc.sql("update trajectory set started_on = :start, weeks = 5, moments_per_week = 1 where id = :id")
			.param("start", today.minusWeeks(7)).param("id", running.id()).update();
		List<java.time.LocalDate> due = trajectories.byId(running.id()).orElseThrow().plan().orElseThrow().dueDates();
		assertThat(due.get(4)).isBefore(today);
		java.time.LocalDate late = due.get(4).plusDays(1);
		for (java.time.LocalDate day : List.of(due.get(0), due.get(1), due.get(2), due.get(3), late)) {
			writtenOn(jdbc, running, day);
		}
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);

		var rows = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "nl")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.select(".bw-record__table tbody tr");
		assertThat(rows).hasSize(5);
		assertThat(rows.get(4).select("td").get(2).text())
			.isEqualTo("Later, op " + late.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM", java.util.Locale.forLanguageTag("nl"))));
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.select(".bw-record__table tbody tr").get(4).select("td").get(2).text())
			.isEqualTo("Later, on " + late.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM", java.util.Locale.ENGLISH)));
	}

	/**
	 * A walk found it: the extension's mail said "verlengd tot 2 februari", the record "Het laatste contactmoment is nu
	 * op 19 januari", read from the plan as it stood on the day the record was made; a pause since moved it and after
	 * the stop it was gone. The record names the day the mail named, made while running or during a pause.
	 */
	@Test
	void anExtensionSaysTheLastMomentItsMailNamedAfterAPauseAndAStop(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		String told = extendedUntil(jdbc, running.participant().email());
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2),
				nl.briefwissel.trajectory.Reason.PERSONAL_CIRCUMSTANCES, null);
		assertThat(ownRecord(running)).contains("Daarmee werd het laatste contactmoment " + told + ".");
		lifecycle.stop(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.NO_RESPONSE, null);
		assertThat(ownRecord(running)).contains("Daarmee werd het laatste contactmoment " + told + ".");

		var paused = fixtures.runningTrajectory(true);
		lifecycle.pause(paused.id(), paused.coach().id(), Today.date().plusWeeks(2),
				nl.briefwissel.trajectory.Reason.PERSONAL_CIRCUMSTANCES, null);
		lifecycle.extend(paused.id(), paused.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		String toldInThePause = extendedUntil(jdbc, paused.participant().email());
		lifecycle.stop(paused.id(), paused.coach().id(), nl.briefwissel.trajectory.Reason.NO_RESPONSE, null);
		assertThat(ownRecord(paused)).contains("Daarmee werd het laatste contactmoment " + toldInThePause + ".");
	}

	/**
	 * Only the last extension named the last contact moment its mail named, as only the sum of the extensions' weeks was
	 * stored; since V111 keeps each one's weeks, every extension names the day its own mail named.
	 */
	@Test
	void everyExtensionSaysTheLastMomentItsOwnMailNamed(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		String first = extendedUntil(jdbc, running.participant().email());
		lifecycle.extend(running.id(), running.coach().id(), 1, nl.briefwissel.trajectory.Reason.JOB_CHANGE, null);
		List<String> told = jdbc.sql("select subject from outbound_mail where recipient = :to and subject like '%verlengd tot%'")
			.param("to", running.participant().email()).query(String.class).list()
			.stream().map(subject -> subject.substring(subject.indexOf("verlengd tot ") + "verlengd tot ".length()).strip()).toList();
		assertThat(told).hasSize(2).contains(first);
		String second = told.stream().filter(day -> !day.equals(first)).findFirst().orElseThrow();

		var record = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl")
			.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		var lines = record.select("li:contains(verlengd)").eachText();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).contains("met 2 weken verlengd", "Daarmee werd het laatste contactmoment " + first + ".");
		assertThat(lines.get(1)).contains("met 1 week verlengd", "Daarmee werd het laatste contactmoment " + second + ".");
	}

	/**
	 * Extended during a pause that the coach then ended early, the record named no day: the resume shortened the stored
	 * pause, and the day the pause mail named, on which the extension's mail counted, was kept nowhere. The extension
	 * keeps the last contact moment its mail named (V112), and the record names it.
	 */
	@Test
	void anExtensionDuringAPauseTheCoachEndedEarlyKeepsTheLastMomentItsMailNamed(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var paused = fixtures.runningTrajectory(true);
		lifecycle.pause(paused.id(), paused.coach().id(), Today.date().plusWeeks(3),
				nl.briefwissel.trajectory.Reason.PERSONAL_CIRCUMSTANCES, null);
		lifecycle.extend(paused.id(), paused.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, null);
		String told = extendedUntil(jdbc, paused.participant().email());
		lifecycle.resume(paused.id(), paused.coach().id());

		java.time.LocalDate kept = jdbc.sql("select last_moment_told from trajectory_transition where trajectory_id = :t and weeks is not null")
			.param("t", paused.id()).query(java.time.LocalDate.class).single();
		assertThat(kept).isEqualTo(java.time.LocalDate.parse(told,
				java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))));
		assertThat(ownRecord(paused)).contains("met 2 weken verlengd", "Daarmee werd het laatste contactmoment " + told + ".");
	}

	/** The day in the subject of the extension's mail to this participant: "Je traject is verlengd tot …". */
	private static String extendedUntil(org.springframework.jdbc.core.simple.JdbcClient jdbc, String participant) {
		String subject = jdbc.sql("select subject from outbound_mail where recipient = :to and subject like '%verlengd tot%'")
			.param("to", participant).query(String.class).single();
		return subject.substring(subject.indexOf("verlengd tot ") + "verlengd tot ".length()).strip();
	}

	private String ownRecord(Fixtures.RunningTrajectory running) throws Exception {
		return org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).text();
	}

	/** A letter of the participant's, as written at noon that day. */
	private void writtenOn(org.springframework.jdbc.core.simple.JdbcClient jdbc, Fixtures.RunningTrajectory running, java.time.LocalDate day) {
		java.util.UUID letter = conversations.participantWrites(running.id(), running.participant().id(), PARTICIPANT_WRITES);
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", day.atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Amsterdam")).toOffsetDateTime())
			.param("id", letter).update();
	}

	/** A walk found it: the record of an ended trajectory said an open assignment was "not answered yet". */
	@Test
	void anOpenAssignmentOfAnEndedTrajectoryIsNotAnswered(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired nl.briefwissel.assignment.Assignments assignments, @Autowired nl.briefwissel.assignment.GivenAssignments given)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.util.UUID assignment = assignments.add(running.coach().id(), new nl.briefwissel.assignment.Assignments.Draft(
				"Een brief aan jezelf", "Schrijf een brief aan jezelf over vijf jaar.", nl.briefwissel.assignment.AssignmentType.REFLECTION,
				List.of("NEXT_STEP"), 20, java.util.Locale.forLanguageTag("nl")));
		given.give(running.id(), assignment, conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht voor je."));
		var before = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(before.select(".bw-record__assignment p").eachText()).contains("Nog niet beantwoord.");

		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		var after = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(after.select(".bw-record__assignment p").eachText()).contains("Niet beantwoord.").doesNotContain("Nog niet beantwoord.");
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(english.select(".bw-record__assignment p").eachText()).contains("Not answered.").doesNotContain("Not answered yet.");
	}

	/**
	 * A walk found it: the English record read the coach's Dutch reason and a Dutch assignment's title as English
	 * (WCAG 3.1.2). Each says its own language where it is known: the reason and the summary by their words
	 * (decision 0097), the title by the assignment's language; the programme's name is nobody's known language and
	 * says none.
	 */
	@Test
	void theEnglishRecordSaysTheDutchOfTheReasonTheTitleAndTheSummary(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired nl.briefwissel.assignment.Assignments assignments, @Autowired nl.briefwissel.assignment.GivenAssignments given,
			@Autowired nl.briefwissel.closing.ClosingDesk closingDesk, @Autowired nl.briefwissel.trajectory.Trajectories trajectories)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.util.UUID dutch = assignments.add(running.coach().id(), new nl.briefwissel.assignment.Assignments.Draft(
				"Een brief aan jezelf", "Schrijf een brief aan jezelf over vijf jaar.", nl.briefwissel.assignment.AssignmentType.REFLECTION,
				List.of("NEXT_STEP"), 20, java.util.Locale.forLanguageTag("nl")));
		java.util.UUID english = assignments.add(running.coach().id(), new nl.briefwissel.assignment.Assignments.Draft(
				"Letter to yourself", "Write a letter to yourself in five years.", nl.briefwissel.assignment.AssignmentType.REFLECTION,
				List.of("NEXT_STEP"), 20, java.util.Locale.ENGLISH));
		given.give(running.id(), dutch, conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht voor je."));
		given.give(running.id(), english, conversations.coachWrites(running.id(), running.coach().id(), "Nog een opdracht voor je."));
		closingDesk.write(trajectories.byId(running.id()).orElseThrow(), running.coach().id(),
				"Je wilde weten wat je volgende stap is. Je hebt een plan gemaakt en het gesprek met je leidinggevende gevoerd.", true);
		String why = "De vraag is beantwoord en de deelnemer heeft een plan voor de komende maanden.";
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, why);

		var record = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(record.select(".bw-record__assignment h3 [lang]").eachText()).containsExactly("Een brief aan jezelf");
		assertThat(record.select(".bw-record__assignment h3 [lang]").attr("lang")).isEqualTo("nl");
		assertThat(record.select(".bw-record__assignment h3").eachText()).allSatisfy(title -> assertThat(title).contains(", given on "));
		assertThat(record.select("li:contains(" + why + ") [lang=nl]").text()).isEqualTo(why);
		assertThat(record.select("li:contains(" + why + ")").text()).contains("reason: ").endsWith(". Explanation: " + why);
		assertThat(record.select(".bw-record__text:contains(Je wilde weten)").attr("lang")).isEqualTo("nl");
		var dutchRecord = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id()).param("lang", "nl")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(dutchRecord.select(".bw-record__assignment h3 [lang]").eachText()).containsExactly("Letter to yourself");
		assertThat(dutchRecord.select("li:contains(" + why + ") [lang]")).isEmpty();
		assertThat(dutchRecord.select("li:contains(" + why + ")").text()).contains("reden: ").endsWith(". Toelichting: " + why);
	}

	/** Stopped before the day it was to start: its period read "7 to 6 December" and the participant page "Gestart 7 December". */
	@Test
	void aTrajectoryStoppedBeforeItsStartSaysSoNotThatItRanBackwards(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.time.LocalDate start = Today.date().plusDays(1);
		jdbc.sql("update trajectory set started_on = :start where id = :id").param("start", start).param("id", running.id()).update();
		lifecycle.stop(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.NO_RESPONSE, null);
		java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"));

		String record = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(record).contains("Gestopt op " + day.format(Today.date()) + ", vóór de geplande start op " + day.format(start))
			.doesNotContain(day.format(start) + " tot en met");
		// Its change of course went from the state it had: it never ran.
		assertThat(record).contains(": van Nog niet gestart naar Gestopt, reden: ").doesNotContain("van Lopend naar Gestopt");
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString()).text()).contains(": from Not started yet to Stopped, reason: ")
			.doesNotContain("from Running to Stopped");
		String page = org.jsoup.Jsoup.parse(mvc.perform(get("/participant").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString()).text();
		assertThat(page).contains("Geplande start " + day.format(start)).doesNotContain("Gestart " + day.format(start));
	}

	private static boolean fourthBehindFifthAhead(List<java.time.LocalDate> due, java.time.LocalDate today) {
		return due.get(3).isBefore(today) && due.get(4).isAfter(today);
	}

	/**
	 * Each page says in its title what it is (WCAG 2.4.2): the record names whose it is, for the
	 * participant and for the coach; the list of several records has a title of its own.
	 */
	@Test
	void theRecordsTitleNamesTheParticipantAndTheListOfRecordsHasItsOwn() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		assertThat(title(get("/participant/report").with(fixtures.as(running.participant()))))
			.isEqualTo("Verslag van de e-coaching van " + name + " · Briefwissel");
		assertThat(title(get("/coach/trajectories/{id}/report", running.id()).with(fixtures.as(running.coach()))))
			.isEqualTo("Verslag van de e-coaching van " + name + " · Briefwissel");
		assertThat(title(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant()))))
			.isEqualTo("Report of the e-coaching of " + name + " · Briefwissel");

		trajectories.record(running.programmeId(), running.participant().id(), running.coach().id(),
				nl.briefwissel.trajectory.TrajectoryStatus.COMPLETED, "GROWTH", Today.date().minusMonths(6),
				Today.date().minusMonths(4));
		assertThat(title(get("/participant/report").with(fixtures.as(running.participant()))))
			.isEqualTo("Mijn verslag · Briefwissel");
		assertThat(title(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant()))))
			.isEqualTo("My report · Briefwissel");
	}

	/**
	 * The participant's own record, titled My report, speaks to them as their start page does (My
	 * question, My goals, Your reaction), on its page, in its PDF and in the export's PDF; the coach's
	 * page and PDF keep saying whose they are.
	 */
	@Test
	void theParticipantsOwnRecordSaysMyQuestionAndTheCoachsSaysTheParticipants(
			@Autowired nl.briefwissel.closing.ClosingDesk closings) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		var trajectory = trajectories.withContent(running.id()).orElseThrow();
		closings.write(trajectory, running.coach().id(), "Een samenvatting van het traject.", true);
		closings.react(trajectory, running.participant().id(), "Dank je wel voor alles.");
		record Words(String lang, String question, String goals, String reaction, String theirQuestion, String theirGoals,
				String theirReaction) {
		}
		for (Words w : List.of(
				new Words("nl", "Mijn vraag", "Mijn doelen", "Jouw reactie:", "Vraag van de deelnemer", "Doelen van de deelnemer",
						"Reactie van " + name),
				new Words("en", "My question", "My goals", "Your reaction:", "The participant's question",
						"The participant's goals", "Reaction of " + name))) {
			org.jsoup.nodes.Document own = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
				.param("lang", w.lang()).with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString());
			assertThat(own.select(".bw-record h3").eachText()).as(w.lang()).contains(w.question(), w.goals())
				.doesNotContain(w.theirQuestion(), w.theirGoals());
			assertThat(own.select(".bw-record p").eachText()).as(w.lang()).contains(w.reaction()).doesNotContain(w.theirReaction());
			String ownPdf = pdfText(mvc.perform(get("/participant/report/{id}/pdf", running.id()).param("lang", w.lang())
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
			String exportPdf = pdfText(pdfIn(mvc.perform(get("/participant/export").param("lang", w.lang())
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()));
			for (String pdf : List.of(ownPdf, exportPdf)) {
				assertThat(pdf).as(w.lang()).contains(w.question(), w.goals(), w.reaction())
					.doesNotContain(w.theirQuestion(), w.theirGoals(), w.theirReaction());
			}

			org.jsoup.nodes.Document coachs = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id())
				.param("lang", w.lang()).with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString());
			assertThat(coachs.select(".bw-record h3").eachText()).as(w.lang()).contains(w.theirQuestion(), w.theirGoals())
				.doesNotContain(w.question(), w.goals());
			assertThat(coachs.select(".bw-record p").eachText()).as(w.lang()).contains(w.theirReaction());
			String coachPdf = pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", w.lang())
				.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
			assertThat(coachPdf).as(w.lang()).contains(w.theirQuestion(), w.theirGoals(), w.theirReaction())
				.doesNotContain(w.question(), w.goals());
		}
	}

	/**
	 * In the participant's own record (its page, its PDF and the export's PDF) a highlight they marked
	 * is theirs, said to them as Your reaction is, and their name stands without the label Participant;
	 * the coach's highlight keeps the coach's name. The coach's page and PDF name both, as before.
	 */
	@Test
	void theParticipantsOwnRecordSaysTheHighlightsTheyMarkedAreTheirs(
			@Autowired nl.briefwissel.conversation.Highlights highlights) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		String coach = running.coach().displayName();
		java.util.UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie? En wat kost je energie?");
		highlights.mark(running.id(), letter, "Wat geeft je energie?", running.participant().id()).orElseThrow();
		highlights.mark(running.id(), letter, "En wat kost je energie?", running.coach().id()).orElseThrow();
		record Words(String lang, String markedOn, String byYou, String by, String label, String ownLabel) {

			/** A highlight's line: marked on a day, by {@code whom}. */
			java.util.regex.Pattern line(String whom) {
				return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(markedOn) + " \\d{1,2} \\p{L}+ \\d{4} "
						+ java.util.regex.Pattern.quote(whom) + "(?!\\p{L})");
			}

			/** A label as a word of its own, as the facts have it. */
			static java.util.regex.Pattern word(String label) {
				return java.util.regex.Pattern.compile("(?<!\\p{L})" + java.util.regex.Pattern.quote(label) + "(?!\\p{L})");
			}
		}
		for (Words w : List.of(new Words("nl", "Gemarkeerd op", "door jou", "door ", "Deelnemer", "Naam"),
				new Words("en", "Marked on", "by you", "by ", "Participant", "Name"))) {
			org.jsoup.nodes.Document own = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
				.param("lang", w.lang()).with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString());
			String ownPage = own.select(".bw-record").text();
			assertThat(ownPage).as(w.lang()).containsPattern(w.line(w.byYou())).containsPattern(w.line(w.by() + coach))
				.doesNotContainPattern(w.line(w.by() + name));
			assertThat(own.select(".bw-facts dt").eachText()).as(w.lang()).contains(w.ownLabel()).doesNotContain(w.label());
			// Quoted as the page's language quotes (MessagesTests' house style): it was “…” in Dutch too.
			assertThat(own.select(".bw-record__text").eachText()).as(w.lang())
				.contains("nl".equals(w.lang()) ? "„Wat geeft je energie?”" : "“Wat geeft je energie?”");
			String ownPdf = pdfText(mvc.perform(get("/participant/report/{id}/pdf", running.id()).param("lang", w.lang())
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
			String exportPdf = pdfText(pdfIn(mvc.perform(get("/participant/export").param("lang", w.lang())
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()));
			for (String pdf : List.of(ownPdf, exportPdf)) {
				assertThat(pdf).as(w.lang()).containsPattern(w.line(w.byYou())).containsPattern(w.line(w.by() + coach))
					.doesNotContainPattern(w.line(w.by() + name));
				// The PDF's text gives the facts' labels before their values: read as words, without the name.
				assertThat(pdf.replace(name, "")).as(w.lang()).containsPattern(Words.word(w.ownLabel()))
					.doesNotContainPattern(Words.word(w.label()));
			}

			org.jsoup.nodes.Document coachs = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id())
				.param("lang", w.lang()).with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString());
			assertThat(coachs.select(".bw-record").text()).as(w.lang()).containsPattern(w.line(w.by() + name))
				.containsPattern(w.line(w.by() + coach)).doesNotContainPattern(w.line(w.byYou()));
			assertThat(coachs.select(".bw-facts dt").eachText()).as(w.lang()).contains(w.label()).doesNotContain(w.ownLabel());
			String coachPdf = pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", w.lang())
				.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
			assertThat(coachPdf).as(w.lang()).containsPattern(w.line(w.by() + name)).containsPattern(w.line(w.by() + coach))
				.doesNotContainPattern(w.line(w.byYou()));
			assertThat(coachPdf.replace(name, "")).as(w.lang()).containsPattern(Words.word(w.label()))
				.doesNotContainPattern(Words.word(w.ownLabel()));
		}
	}

	/**
	 * In the participant's own record (its page, its PDF and the export's PDF) their letters were headed by their own
	 * full name, where the rest of it speaks to them (Your reaction, by you): they are headed You; the coach's keep the
	 * coach's name. The coach's page and PDF name both, as before. A letter after the trajectory ended (by mail, the
	 * one way then, decisions 0030 and 0122) says so to every reader; one before it does not.
	 */
	@Test
	void theParticipantsOwnLettersAreTheirsAndALetterAfterTheEndSaysSo(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		String coach = running.coach().displayName();
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		conversations.participantWrites(running.id(), running.participant().id(), "Wandelen geeft me energie.");
		java.util.UUID coachAfter = conversations.coachWrites(running.id(), running.coach().id(), "Fijn dat je het laat weten.");
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		conversations.participantWrites(running.id(), running.participant().id(), "Ik heb een nieuwe baan gevonden!");
		// The coach answered by mail after the end: the letter as kept, a minute after the participant's.
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.now().plusMinutes(1)).param("id", coachAfter).update();

		record Words(String lang, String you, String afterTheEnd) {

			/** A letter's heading: by {@code whom}, on a day at a time, and whether it came after the end. */
			java.util.regex.Pattern heading(String whom, boolean after) {
				return java.util.regex.Pattern.compile("(?<!\\p{L})" + java.util.regex.Pattern.quote(whom)
						+ ", \\p{L}+ \\d{1,2} \\p{L}+ \\d{4}, \\d{2}:\\d{2}" + (after ? java.util.regex.Pattern.quote(afterTheEnd) : "(?! \\()"));
			}
		}
		for (Words w : List.of(new Words("nl", "Jij", " (na het einde van het traject)"),
				new Words("en", "You", " (after the trajectory ended)"))) {
			org.jsoup.nodes.Document own = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
				.param("lang", w.lang()).with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString());
			List<String> headings = own.select(".bw-record__message h3").eachText();
			assertThat(headings).as(w.lang()).hasSize(4);
			assertThat(headings.get(0)).as(w.lang()).containsPattern(w.heading(coach, false));
			assertThat(headings.get(1)).as(w.lang()).containsPattern(w.heading(w.you(), false));
			assertThat(headings.get(2)).as(w.lang()).containsPattern(w.heading(w.you(), true));
			assertThat(headings.get(3)).as(w.lang()).containsPattern(w.heading(coach, true));
			assertThat(String.join(" ", headings)).as(w.lang()).doesNotContain(name);
			String ownPdf = pdfText(mvc.perform(get("/participant/report/{id}/pdf", running.id()).param("lang", w.lang())
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
			String exportPdf = pdfText(pdfIn(mvc.perform(get("/participant/export").param("lang", w.lang())
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()));
			for (String pdf : List.of(ownPdf, exportPdf)) {
				assertThat(pdf).as(w.lang()).containsPattern(w.heading(w.you(), false)).containsPattern(w.heading(w.you(), true))
					.containsPattern(w.heading(coach, false)).containsPattern(w.heading(coach, true))
					.doesNotContainPattern(w.heading(name, false)).doesNotContainPattern(w.heading(name, true));
			}

			org.jsoup.nodes.Document coachs = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id())
				.param("lang", w.lang()).with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString());
			List<String> theirs = coachs.select(".bw-record__message h3").eachText();
			assertThat(theirs).as(w.lang()).hasSize(4);
			assertThat(theirs.get(0)).as(w.lang()).containsPattern(w.heading(coach, false));
			assertThat(theirs.get(1)).as(w.lang()).containsPattern(w.heading(name, false));
			assertThat(theirs.get(2)).as(w.lang()).containsPattern(w.heading(name, true));
			assertThat(theirs.get(3)).as(w.lang()).containsPattern(w.heading(coach, true));
			String coachPdf = pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).param("lang", w.lang())
				.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
			assertThat(coachPdf).as(w.lang()).containsPattern(w.heading(name, false)).containsPattern(w.heading(name, true))
				.containsPattern(w.heading(coach, true)).doesNotContainPattern(w.heading(w.you(), false))
				.doesNotContainPattern(w.heading(w.you(), true));
		}
	}

	/**
	 * A trajectory ended without its change of course kept ends, as far as the record knows, when its end day is
	 * over in Amsterdam on that day: with an end in the other half of the year than the day the record is made,
	 * the offset of today made it an hour off (review, session 46). A letter late on the end day came before the
	 * end, one just after midnight after it; the question before a held mail is thrown away judges alike.
	 */
	@Test
	void aTrajectoryEndedWithoutItsChangeEndsWhenItsEndDayIsOverInAmsterdam(
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		var running = fixtures.runningTrajectory(true);
		java.util.UUID onTheDay = conversations.participantWrites(running.id(), running.participant().id(), "Op de laatste dag.");
		java.util.UUID justAfter = conversations.participantWrites(running.id(), running.participant().id(), "Net na middernacht.");
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		java.time.ZoneId amsterdam = java.time.ZoneId.of("Europe/Amsterdam");
		java.time.LocalDate today = java.time.LocalDate.now(amsterdam);
		// An end day whose offset is not today's: in winter one in July, in summer one in January.
		java.time.LocalDate endDay = amsterdam.getRules().isDaylightSavings(java.time.Instant.now())
				? java.time.LocalDate.of(today.getYear(), 1, 15) : java.time.LocalDate.of(today.getYear() - 1, 7, 15);
		jdbc.sql("delete from trajectory_transition where trajectory_id = :t and to_status in ('COMPLETED', 'STOPPED')")
			.param("t", running.id()).update();
		jdbc.sql("update trajectory set started_on = :start, ended_on = :end where id = :t")
			.param("start", endDay.minusWeeks(6)).param("end", endDay).param("t", running.id()).update();
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", endDay.atTime(23, 30).atZone(amsterdam).toOffsetDateTime()).param("id", onTheDay).update();
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", endDay.plusDays(1).atTime(0, 30).atZone(amsterdam).toOffsetDateTime()).param("id", justAfter).update();

		List<String> headings = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id())
			.param("lang", "nl").with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).select(".bw-record__message h3").eachText();
		assertThat(headings).hasSize(2);
		assertThat(headings.get(0)).as("23:30 on the end day").doesNotContain("(na het einde van het traject)");
		assertThat(headings.get(1)).as("00:30 the day after").contains("(na het einde van het traject)");
	}

	private String title(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return org.jsoup.Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.title();
	}

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	/**
	 * The record says its files can always be read back and downloaded: on the page each kept file is a link,
	 * named by its name and size, to the download of the reader's own conversation page, which serves it to
	 * the trajectory's participant and coach and to no other participant or coach. One not kept stays text
	 * with why; the PDF keeps every file as text.
	 */
	@Test
	void eachKeptFileOfTheRecordPageIsALinkToTheReadersOwnDownload() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		byte[] map = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 };
		conversations.participantWrites(running.id(), running.participant().id(), "Hier is mijn netwerkkaart.",
				List.of(nl.briefwissel.mail.MailAttachment.received("netwerkkaart.png", "image/png", new java.io.ByteArrayInputStream(map)),
						nl.briefwissel.mail.MailAttachment.received("rooster.exe", "application/octet-stream",
								new java.io.ByteArrayInputStream(map))));
		java.util.UUID file = conversations.of(running.id()).get(0).attachments().stream()
			.filter(nl.briefwissel.conversation.Attachment::available).findFirst().orElseThrow().id();

		record Reader(String page, String download, Account account, Account stranger) {
		}
		for (Reader reader : List.of(
				new Reader("/participant/report", "/participant/attachments/" + running.id() + "/" + file, running.participant(),
						other.participant()),
				new Reader("/coach/trajectories/" + running.id() + "/report", "/coach/trajectories/" + running.id() + "/attachments/" + file,
						running.coach(), other.coach()))) {
			for (String lang : List.of("nl", "en")) {
				org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get(reader.page()).param("lang", lang)
					.with(fixtures.as(reader.account()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
				var files = page.select(".bw-record__message li");
				assertThat(files).as(reader.page() + " " + lang).hasSize(2);
				org.jsoup.nodes.Element kept = files.select("li:contains(netwerkkaart.png)").first();
				org.jsoup.nodes.Element refused = files.select("li:contains(rooster.exe)").first();
				org.jsoup.nodes.Element link = kept.selectFirst("a");
				assertThat(link).as(reader.page() + " " + lang).isNotNull();
				assertThat(link.attr("href")).isEqualTo(reader.download());
				assertThat(link.text()).as("12 bytes, not 1 kB").isEqualTo("netwerkkaart.png (12 bytes)");
				assertThat(refused.select("a")).as("a file not kept is no link").isEmpty();
				assertThat(refused.text()).isEqualTo(lang.equals("nl") ? "rooster.exe: niet bewaard, een programma (.exe)"
						: "rooster.exe: not kept, a program (.exe)");
			}
			assertThat(mvc.perform(get(reader.download()).with(fixtures.as(reader.account()))).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsByteArray()).isEqualTo(map);
			mvc.perform(get(reader.download()).with(fixtures.as(reader.stranger()))).andExpect(status().isNotFound());
		}
		// Another participant's own trajectory in the address does not open this one's file either.
		mvc.perform(get("/participant/attachments/{t}/{a}", other.id(), file).with(fixtures.as(other.participant())))
			.andExpect(status().isNotFound());

		byte[] pdf = mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(document)).contains("netwerkkaart.png (12 bytes)");
			for (PDPage page : document.getPages()) {
				assertThat(page.getAnnotations()).as("the PDF links no file").noneMatch(
						annotation -> annotation instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink);
			}
		}
	}

	/**
	 * A letter with a link longer than a line (an Outlook safelink) and a greeting in Hebrew, a file
	 * with a name of 144 characters and a coach's reason that is one long link: the PDF keeps the whole
	 * of each on the page, wrapped, and the Hebrew in its reading order.
	 */
	@Test
	void longWordsStayOnThePageAndRightToLeftTextReadsInItsOrder(@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		String link = "https://eur01.safelinks.protection.outlook.com/?url=" + "a1b2c3d4e5".repeat(30);
		String file = "f0g1h2i3j4".repeat(14) + ".jpg";
		String reason = "https://intranet.gemeente.example.nl/" + "k5l6m7n8o9".repeat(12);
		conversations.participantWrites(running.id(), running.participant().id(), "Zie " + link + "\n\nשלום עולם",
				List.of(nl.briefwissel.mail.MailAttachment.received(file, "image/jpeg",
						new java.io.ByteArrayInputStream(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }))));
		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED, reason);
		byte[] pdf = mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			float pageWidth = document.getPage(0).getMediaBox().getWidth();
			float[] rightmost = { 0 };
			PDFTextStripper stripper = new PDFTextStripper() {
				@Override
				protected void writeString(String text, java.util.List<org.apache.pdfbox.text.TextPosition> positions)
						throws java.io.IOException {
					for (var position : positions) {
						rightmost[0] = Math.max(rightmost[0], position.getXDirAdj() + position.getWidthDirAdj());
					}
					super.writeString(text, positions);
				}
			};
			String text = stripper.getText(document);
			assertThat(rightmost[0]).as("no letter beyond the page's edge").isLessThanOrEqualTo(pageWidth);
			assertThat(text.replaceAll("\\s+", "")).contains(link).contains(file).contains(reason);
			assertThat(text).contains("שלום עולם");
		}
	}

	/**
	 * A walk found the plan's first column headed "Momen" with a "t" under it, in Dutch and in English: beside the
	 * long cells of a trajectory completed early, the column of single digits was made as narrow as a word may be broken. A column's heading is never split inside
	 * a word, in the participant's download or the coach's.
	 */
	@Test
	void theHeadingsOfThePlanAreNotSplitInsideAWord(@Autowired org.springframework.context.MessageSource texts,
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var running = fixtures.runningTrajectory(true);
		// Completed on its first day: every moment says its day was not reached, the longest cells the plan has.
		lifecycle.complete(running.id(), running.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		for (String language : List.of("nl", "en")) {
			java.util.Locale locale = java.util.Locale.forLanguageTag(language);
			for (boolean own : List.of(true, false)) {
				var download = own ? get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant()))
						: get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(running.coach()));
				byte[] pdf = mvc.perform(download.param("lang", language)).andExpect(status().isOk()).andReturn().getResponse()
					.getContentAsByteArray();
				try (PDDocument document = Loader.loadPDF(pdf)) {
					String text = new PDFTextStripper().getText(document);
					String where = language + (own ? ", the participant's" : ", the coach's") + ":\n" + text;
					// The heading row is a line of its own, its first column's heading whole.
					assertThat(text).as(where).containsPattern("(?m)^Moment\\b").doesNotContainPattern("\\bMomen\\b");
					for (String key : List.of("report.plan.due", own ? "report.own.plan.written" : "report.plan.written")) {
						for (String word : texts.getMessage(key, null, locale).split(" ")) {
							assertThat(text).as(where).containsPattern("\\b" + java.util.regex.Pattern.quote(word) + "\\b");
						}
					}
				}
			}
		}
	}

	/**
	 * A letter in Chinese, which no font of the PDF prints: the coach's download, the participant's and
	 * the one in the export each say so at the top and where the reader finds every character, and the
	 * characters are marked as missing, not turned into ones that read as written ('#').
	 */
	@Test
	void aLetterNoFontPrintsIsSaidInEveryPdfOfIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "我想换工作。Ik wil een andere baan.");
		String coach = pdfText(mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
		String participant = pdfText(mvc.perform(get("/participant/report/{id}/pdf", running.id()).param("lang", "en")
			.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
		byte[] export = mvc.perform(get("/participant/export").with(fixtures.as(running.participant()))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		String exported = pdfText(pdfIn(export));
		for (String text : List.of(coach, participant, exported)) {
			assertThat(text).contains("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDIk wil een andere baan.").doesNotContain("#");
		}
		assertThat(coach).contains("Niet elk teken van dit verslag staat in de lettertypen van deze PDF")
			.contains("Het verslag op zijn pagina in Briefwissel toont alle tekens.");
		assertThat(participant).contains("Not every character of this report is in the fonts of this PDF")
			.contains("the file data.json in ‘Download all your data’ has them too.");
		assertThat(exported).contains("Het bestand gegevens.json in deze download heeft alle tekens");
		// What the PDF could not print, the export's data holds and the page shows.
		assertThat(zipText(export)).contains("我想换工作。");
		mvc.perform(get("/participant/report/{id}", running.id()).with(fixtures.as(running.participant())))
			.andExpect(content().string(containsString("我想换工作。")));
	}

	private static String pdfText(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}

	private static byte[] pdfIn(byte[] zip) throws Exception {
		try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.getName().endsWith(".pdf")) {
					return in.readAllBytes();
				}
			}
		}
		throw new AssertionError("no PDF in the export");
	}

	@Test
	void theCoachDownloadsItAndNobodyElseReachesIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), COACH_WRITES);
		mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"));
		mvc.perform(get("/coach/trajectories/{id}/report", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk());

		Account otherCoach = fixtures.runningTrajectory(true).coach();
		Account otherParticipant = fixtures.runningTrajectory(true).participant();
		mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(otherCoach)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(otherParticipant)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/participant/report/{id}", running.id())
			.with(user(users.loadUserByUsername("programma@briefwissel.test")))).andExpect(status().isForbidden());
	}

	/**
	 * The participant's own reads of their conversation, their question and goals, and their export are on
	 * the trajectory's trail, as every other read of its content is (they were recorded without it).
	 */
	@Test
	void theParticipantsOwnReadsAndExportAreOnTheTrajectorysTrail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), COACH_WRITES);
		mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant()))).andExpect(status().isOk());
		mvc.perform(get("/participant").with(fixtures.as(running.participant()))).andExpect(status().isOk());
		mvc.perform(get("/participant/export").with(fixtures.as(running.participant()))).andExpect(status().isOk());

		assertThat(audit.ofTrajectory(running.id()))
			.filteredOn(entry -> running.participant().id().equals(entry.actorId()))
			.extracting(nl.briefwissel.audit.AuditEntry::route)
			.contains("GET /participant/conversation", "GET /participant", "GET /participant/export");
	}

	/** An erased trajectory has no record left: not an empty one ("0 letters") from an old bookmark. */
	@Test
	void anErasedTrajectorysRecordIsNotFound(@Autowired nl.briefwissel.trajectory.TrajectoryErasure erasure) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), COACH_WRITES);
		erasure.erase(running.id(), null);

		mvc.perform(get("/participant/report/{id}", running.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isNotFound());
		mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isNotFound());
		mvc.perform(get("/coach/trajectories/{id}/report", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isNotFound());
	}

	/**
	 * An erasure under way when the record is asked for: the record waits for it, as a write does, and is
	 * not found, with nothing on the trail (it read the letters the erasure was emptying, or once it had
	 * emptied them, a record of blank letters). Only this order can be held still in a test; that an
	 * erasure waits for a record being gathered follows from the same lock.
	 */
	@Test
	void aRecordAskedForDuringAnErasureWaitsForItAndIsNotFound(@Autowired nl.briefwissel.trajectory.TrajectoryErasure erasure,
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), COACH_WRITES);
		var erasing = new java.util.concurrent.CountDownLatch(1);
		var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			var erased = pool.submit(() -> transactions.executeWithoutResult(status -> {
				erasure.erase(running.id(), null);
				erasing.countDown();
				try {
					Thread.sleep(700); // still to commit when the record is asked for
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(erasing.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

			mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
				.andExpect(status().isNotFound());

			erased.get(10, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			testsupport.Threads.finish(pool);
		}
		assertThat(audit.ofTrajectory(running.id())).noneMatch(entry -> entry.route().startsWith("GET /participant/report"));
	}

}

package nl.briefwissel.privacy.web;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.conversation.Conversations;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant reads on their own pages who else opened their record (AVG article 15): only their
 * coach could see the trail of a trajectory, and the participant had to ask them.
 */
@BriefwisselTest
class AccessPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Test
	void theParticipantSeesWhoElseOpenedTheirLettersAndNotTheirOwnReading() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "Mijn eerste brief.");
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach()))).andExpect(status().isOk());
		mvc.perform(get("/coach/trajectories/{id}/report/pdf", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk());
		mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant()))).andExpect(status().isOk());

		Document page = page(fixtures.as(running.participant()), "nl");
		var rows = page.select("tbody tr");
		assertThat(rows.eachText()).hasSize(2)
			.allSatisfy(row -> assertThat(row).contains(running.coach().displayName() + " (E-coach)"))
			.anySatisfy(row -> assertThat(row).contains("Opende je brieven, bijlagen of verslag"))
			.anySatisfy(row -> assertThat(row).contains("Downloadde je verslag of gegevens"))
			.noneSatisfy(row -> assertThat(row).contains(running.participant().displayName()));
		assertThat(page(fixtures.as(running.participant()), "en").select("tbody tr").eachText())
			.anySatisfy(row -> assertThat(row).contains("Opened your letters, attachments or report"));

		// Someone else's trajectory is not on it.
		var other = fixtures.runningTrajectory(true);
		assertThat(page(fixtures.as(other.participant()), "nl").select("tbody tr").eachText())
			.containsExactly("Nog niemand anders heeft je gegevens geopend.");
		// The page is the participant's: a coach has the trajectory's own page for it.
		mvc.perform(get("/participant/privacy/access").with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
		// An edited address for older lines starts at the newest.
		assertThat(Jsoup.parse(mvc.perform(get("/participant/privacy/access").param("olderAt", "gisteren").param("olderId", "x")
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.select("tbody tr")).hasSize(2);
		// Found from the participant's data page.
		assertThat(mvc.perform(get("/participant/privacy").with(fixtures.as(running.participant()))).andReturn().getResponse()
			.getContentAsString()).contains("href=\"/participant/privacy/access\"");
	}

	/**
	 * A walk found it: fourteen rows "Anja de Vries, opened your letters or record" within a minute, one per page
	 * the coach opened. The same person doing the same on one day in a row is one row, with how many times and from
	 * when to when; another action, another person or another day starts a row of its own.
	 */
	@Test
	void theSameReadsInARowOnOneDayAreOneRowWithHowManyTimes(@Autowired nl.briefwissel.audit.AuditTrail trail) throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = running.coach();
		java.time.OffsetDateTime morning = java.time.OffsetDateTime.parse("2026-11-27T10:02:00+01:00");
		for (int i = 0; i < 14; i++) {
			trail.record(entry(running, coach.id(), coach.displayName(), "COACH", nl.briefwissel.audit.AuditAction.READ,
					morning.plusSeconds(4 * i), null));
		}
		trail.record(entry(running, coach.id(), coach.displayName(), "COACH", nl.briefwissel.audit.AuditAction.EXPORT,
				morning.plusMinutes(3), null));
		for (int i = 0; i < 3; i++) {
			trail.record(entry(running, coach.id(), coach.displayName(), "COACH", nl.briefwissel.audit.AuditAction.READ,
					morning.plusMinutes(4 + i), null));
		}
		trail.record(entry(running, coach.id(), coach.displayName(), "COACH", nl.briefwissel.audit.AuditAction.READ,
				morning.plusDays(1), null));
		trail.record(entry(running, java.util.UUID.randomUUID(), "Bea Beheer", "ADMINISTRATOR", nl.briefwissel.audit.AuditAction.READ,
				morning.plusDays(1).plusMinutes(1), "Vraag van de deelnemer"));
		String name = coach.displayName() + " (E-coach)";

		Document page = page(fixtures.as(running.participant()), "nl");
		assertThat(page.select("thead th").eachText()).containsExactly("Wanneer", "Wie", "Soort", "Reden");
		assertThat(page.select("tbody tr").eachText()).containsExactly(
				"28 november 2026 10:03 Bea Beheer (Beheerder) Opende je brieven, bijlagen of verslag Vraag van de deelnemer",
				"28 november 2026 10:02 " + name + " Opende je brieven, bijlagen of verslag —",
				"27 november 2026 10:06–10:08 " + name + " Opende je brieven, bijlagen of verslag, 3 keer —",
				"27 november 2026 10:05 " + name + " Downloadde je verslag of gegevens —",
				"27 november 2026 10:02 " + name + " Opende je brieven, bijlagen of verslag, 14 keer —");
		assertThat(page(fixtures.as(running.participant()), "en").select("tbody tr").eachText()).contains(
				"27 November 2026 10:06–10:08 " + coach.displayName() + " (E-coach) Opened your letters, attachments or report, 3 times —",
				"27 November 2026 10:02 " + coach.displayName() + " (E-coach) Opened your letters, attachments or report, 14 times —");
	}

	/**
	 * The page promises it keeps track of the attachments opened too, yet a coach's opening of an attachment read
	 * "Opened your letters or record": the row says attachments, in Dutch and in English, and names the report as the
	 * English pages name it.
	 */
	@Test
	void aCoachOpeningAnAttachmentIsSaidAsOpeningYourAttachments() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.participantWrites(running.id(), running.participant().id(), "Mijn cv.",
				java.util.List.of(nl.briefwissel.mail.MailAttachment.received("cv.pdf", "application/pdf",
						new java.io.ByteArrayInputStream("%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
		var attachment = conversations.of(running.id()).stream().flatMap(m -> m.attachments().stream()).findFirst().orElseThrow();
		mvc.perform(get("/coach/trajectories/{id}/attachments/{attachment}", running.id(), attachment.id())
			.with(fixtures.as(running.coach()))).andExpect(status().isOk());

		assertThat(page(fixtures.as(running.participant()), "nl").select("tbody tr").eachText())
			.hasSize(1)
			.allSatisfy(row -> assertThat(row).contains("Opende je brieven, bijlagen of verslag"));
		assertThat(page(fixtures.as(running.participant()), "en").select("tbody tr").eachText())
			.allSatisfy(row -> assertThat(row).contains("Opened your letters, attachments or report"));
		assertThat(page(fixtures.as(running.participant()), "en").text()).doesNotContain("record");
	}

	private static nl.briefwissel.audit.AuditEntry entry(nl.briefwissel.Fixtures.RunningTrajectory running, java.util.UUID actor,
			String name, String roles, nl.briefwissel.audit.AuditAction action, java.time.OffsetDateTime at, String reason) {
		return new nl.briefwissel.audit.AuditEntry(null, at, actor, name, null, roles, action, "GET /coach/trajectories/{id}",
				running.id(), null, reason);
	}

	private Document page(RequestPostProcessor who, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/participant/privacy/access").param("lang", language).with(who))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}
}

package nl.briefwissel.privacy;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Accounts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** The administrator's side of an erasure request: what the pages say and what a decision takes. */
@BriefwisselTest
class ErasureRequestsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
			java.util.Locale.ENGLISH);

	/**
	 * The month the AVG gives to answer is a date on both sides: the participant reads when they will
	 * hear, the administrator by when to decide; past it, the administrator sees it is late and the
	 * participant where to turn (their organisation's officer, the Autoriteit Persoonsgegevens).
	 */
	@Test
	void bothSidesSeeTheDayARequestMustBeAnsweredByAndWhenItIsLate() throws Exception {
		var participant = fixtures.runningTrajectory(true).participant();
		UUID request = erasures.request(participant.id()).id();
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String answerBy = DAY.format(nl.briefwissel.Today.date().plusMonths(1));

		assertThat(page(get("/participant/privacy").param("lang", "en"), fixtures.as(participant)).text())
			.contains("You will get a mail with the decision by " + answerBy + " at the latest.")
			.doesNotContain("data protection officer");
		assertThat(card(page(get("/admin/erasure").param("lang", "en"), admin), participant.email()))
			.contains("Decide by " + answerBy + ": a month after the request")
			.doesNotContain("Overdue");

		java.time.OffsetDateTime asked = java.time.OffsetDateTime.now().minusDays(40);
		jdbc.sql("update erasure_request set requested_at = :at where id = :id").param("at", asked).param("id", request).update();
		String late = DAY.format(asked.atZoneSameInstant(java.time.ZoneId.of("Europe/Amsterdam")).toLocalDate().plusMonths(1));

		assertThat(page(get("/participant/privacy").param("lang", "en"), fixtures.as(participant)).text())
			.contains("although you should have had a decision by " + late + ". Please contact your organisation's data protection officer.");
		assertThat(page(get("/participant/privacy").param("lang", "nl"), fixtures.as(participant)).text())
			.contains("Neem contact op met de functionaris gegevensbescherming van je organisatie.");
		assertThat(card(page(get("/admin/erasure").param("lang", "en"), admin), participant.email()))
			.contains("Overdue: the month to answer ended on " + late + ".")
			.doesNotContain("Decide by");
	}

	@Autowired
	nl.briefwissel.mail.EmbeddedMailServer mailServer;

	/**
	 * The month runs from the request, and nobody looks at the list every day: the administrators of the
	 * person's organisation get a mail, once for a double click, that names nobody.
	 */
	@Test
	void theOrganisationsAdministratorsAreMailedOnceAboutANewRequest() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var administrator = fixtures.person(trajectory.organisationId(), "beheerder-" + suffix + "@example.nl", "Beheerder " + suffix,
				nl.briefwissel.account.Role.ADMINISTRATOR);
		RequestPostProcessor participant = fixtures.as(trajectory.participant());

		mvc.perform(post("/participant/privacy/erasure").param("sure", "true").with(participant).with(csrf()));
		mvc.perform(post("/participant/privacy/erasure").param("sure", "true").with(participant).with(csrf()));

		var mail = nl.briefwissel.Mailboxes.awaitMail(mailServer, administrator.email(),
				m -> nl.briefwissel.Mailboxes.subject(m).startsWith("Nieuw verzoek tot verwijdering"));
		String answerBy = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))
			.format(nl.briefwissel.Today.date().plusMonths(1));
		assertThat(nl.briefwissel.Mailboxes.subject(mail)).isEqualTo("Nieuw verzoek tot verwijdering: beslis uiterlijk op " + answerBy);
		assertThat(nl.briefwissel.Mailboxes.text(mail)).contains("Beste Beheerder,", "/admin/erasure")
			.doesNotContain(trajectory.participant().displayName(), trajectory.participant().email());
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", administrator.email())
			.query(Integer.class).single()).as("one mail for a double click").isEqualTo(1);
	}

	/** An organisation without an administrator of its own: the request is not left for nobody to see. */
	@Test
	void withoutAnAdministratorOfItsOwnEveryAdministratorIsMailed() {
		var participant = fixtures.runningTrajectory(true).participant();
		String everyone = "beheer@briefwissel.test";
		int before = mailsTo(everyone);

		erasures.request(participant.id());

		assertThat(mailsTo(everyone)).isEqualTo(before + 1);
	}

	private int mailsTo(String address) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to and (subject like 'Nieuw verzoek tot verwijdering%' or subject like 'New erasure request%')")
			.param("to", address)
			.query(Integer.class)
			.single();
	}

	/** The card of one open request on the administrator's list. */
	private static String card(Document list, String email) {
		return list.select("article.bw-card").stream().filter(card -> card.text().contains(email)).findFirst().orElseThrow().text();
	}

	/**
	 * A reason too long is told as too long, not as missing; and one that fits the box is taken, also
	 * when the browser sends each line break as two characters (CR LF) while counting it as one.
	 */
	@Test
	void aDeclineReasonIsToldAsTooLongAndOneThatFitsTheBoxIsTaken() throws Exception {
		UUID request = erasures.request(fixtures.runningTrajectory(true).participant().id()).id();
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());

		Document tooLong = page(post("/admin/erasure/{id}/decline", request).param("lang", "en")
			.param("reason", "x".repeat(2001)), admin);
		assertThat(tooLong.getElementById("reason-error-" + request).text())
			.isEqualTo("Your reason is too long: 2,000 characters at most. Please shorten it; the participant reads it in a mail.");
		assertThat(tooLong.getElementById("reason-" + request).hasAttr("autofocus")).isTrue();
		Document dutch = page(post("/admin/erasure/{id}/decline", request).param("lang", "nl")
			.param("reason", "x".repeat(2001)), admin);
		assertThat(dutch.getElementById("reason-error-" + request).text()).startsWith("Je reden is te lang: hoogstens 2.000 tekens.");
		Document blank = page(post("/admin/erasure/{id}/decline", request).param("lang", "nl").param("reason", " \r\n "), admin);
		assertThat(blank.getElementById("reason-error-" + request).text()).startsWith("Geef een reden");

		// 1,980 characters on 20 lines: 1,999 in the box, 2,018 as the browser sends them.
		String reason = String.join("\r\n", java.util.Collections.nCopies(20, "y".repeat(99)));
		mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", reason).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure"));
		assertThat(erasures.byId(request).orElseThrow().declineReason())
			.isEqualTo(String.join("\n", java.util.Collections.nCopies(20, "y".repeat(99))));
	}

	/**
	 * A decision the page refused (a decline without a reason, a confirmation without its "yes", an extension of a
	 * request decided already) changed nothing, and the trail says so: it said an empty decline had declined.
	 */
	@Test
	void aDecisionThePageRefusedIsOnTheTrailAsRefused() throws Exception {
		UUID request = erasures.request(fixtures.runningTrajectory(true).participant().id()).id();
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());

		Document blank = page(post("/admin/erasure/{id}/decline", request).param("lang", "nl").param("reason", " "), admin);
		assertThat(blank.getElementById("reason-error-" + request).text()).startsWith("Geef een reden");
		mvc.perform(post("/admin/erasure/{id}/confirm", request).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure/" + request + "/confirm"));
		assertThat(trail("decline", request)).containsExactly("id=" + request + ", outcome=refused");
		assertThat(trail("confirm", request)).containsExactly("id=" + request + ", outcome=refused");
		assertThat(erasures.byId(request).orElseThrow().open()).isTrue();

		mvc.perform(post("/admin/erasure/{id}/decline", request).param("reason", "Een wettelijke plicht tot bewaren.")
			.with(admin).with(csrf())).andExpect(redirectedUrl("/admin/erasure"));
		mvc.perform(post("/admin/erasure/{id}/extend", request).param("months", "1").param("reason", "Het archief.")
			.with(admin).with(csrf())).andExpect(redirectedUrl("/admin/erasure"));
		assertThat(trail("decline", request)).containsExactlyInAnyOrder("id=" + request + ", outcome=refused", "id=" + request);
		assertThat(trail("extend", request)).containsExactly("id=" + request + ", months=1, outcome=refused");
	}

	/**
	 * A double click on a decision decides once: the second press finds it decided as it asked, and the trail says
	 * "already done" rather than a second erasure. A press for the other decision (an old tab) was refused.
	 */
	@Test
	void aSecondPressOfADecisionIsOnTheTrailAsAlreadyDone() throws Exception {
		UUID confirmed = erasures.request(fixtures.runningTrajectory(true).participant().id()).id();
		UUID declined = erasures.request(fixtures.runningTrajectory(true).participant().id()).id();
		RequestPostProcessor admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());

		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/admin/erasure/{id}/confirm", confirmed).param("confirmed", "true").with(admin).with(csrf()))
				.andExpect(redirectedUrl("/admin/erasure"));
			mvc.perform(post("/admin/erasure/{id}/decline", declined).param("reason", "Een wettelijke plicht tot bewaren.")
				.with(admin).with(csrf())).andExpect(redirectedUrl("/admin/erasure"));
		}
		mvc.perform(post("/admin/erasure/{id}/decline", confirmed).param("reason", "Toch niet.").with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure"));
		mvc.perform(post("/admin/erasure/{id}/confirm", declined).param("confirmed", "true").with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin/erasure"));

		assertThat(trail("confirm", confirmed)).containsExactlyInAnyOrder("id=" + confirmed, "id=" + confirmed + ", outcome=already");
		assertThat(trail("decline", declined)).containsExactlyInAnyOrder("id=" + declined, "id=" + declined + ", outcome=already");
		assertThat(trail("decline", confirmed)).containsExactly("id=" + confirmed + ", outcome=refused");
		assertThat(trail("confirm", declined)).containsExactly("id=" + declined + ", outcome=refused");
	}

	/** The details of the trail's lines for one request's route ({@code action}: confirm, decline, extend), oldest first. */
	private java.util.List<String> trail(String action, UUID request) {
		return jdbc.sql("select details from audit_entry where route = :route and details like :id order by at, id")
			.param("route", "POST /admin/erasure/{id}/" + action)
			.param("id", "id=" + request + "%")
			.query(String.class)
			.list();
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor as) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(as).with(csrf())).andReturn().getResponse().getContentAsString(
				java.nio.charset.StandardCharsets.UTF_8));
	}
}

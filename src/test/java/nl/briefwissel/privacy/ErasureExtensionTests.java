package nl.briefwissel.privacy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A complex request may take longer: the month to answer is extended once, by at most two months, and the
 * participant is told why and until when within that first month (AVG article 12(3)).
 */
@BriefwisselTest
class ErasureExtensionTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	ErasureReminders reminders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	private static final String REASON = "We need to check with the archive whether a legal duty to keep your records applies.";

	/**
	 * The participant reads the reason and the new day in their own language, and the new day is the one
	 * both pages give; the extension is on the audit trail with its reason. Once only.
	 */
	@Test
	void anAdministratorExtendsOnceAndTheParticipantIsToldWhyAndUntilWhenInTheirLanguage() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		accounts.changeLanguage(participant.id(), Locale.ENGLISH);
		UUID request = erasures.request(participant.id()).id();
		Account administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		LocalDate first = erasures.byId(request).orElseThrow().answerBy();
		String extended = day(first.plusMonths(2), Locale.ENGLISH);

		Document form = page(get("/admin/erasure/{id}/extend", request).param("lang", "en"), fixtures.as(administrator));
		assertThat(form.select("label[for=months-1]").text()).isEqualTo("One month: decide by " + day(first.plusMonths(1), Locale.ENGLISH));
		assertThat(form.select("label[for=months-2]").text()).isEqualTo("Two months: decide by " + extended);
		assertThat(form.getElementById("months-2").hasAttr("checked")).isTrue();
		mvc.perform(post("/admin/erasure/{id}/extend", request).param("months", "2").param("reason", REASON)
			.with(fixtures.as(participant)).with(csrf())).andExpect(status().isForbidden());

		mvc.perform(post("/admin/erasure/{id}/extend", request).param("months", "2").param("reason", REASON)
			.with(fixtures.as(administrator)).with(csrf())).andExpect(redirectedUrl("/admin/erasure"));

		var mail = Mailboxes.awaitMail(mailServer, participant.email(), m -> Mailboxes.subject(m).startsWith("Your erasure request"));
		assertThat(Mailboxes.subject(mail)).isEqualTo("Your erasure request: we are taking more time, until " + extended + " at the latest");
		assertThat(Mailboxes.text(mail)).contains(REASON, "You will get our decision by " + extended + " at the latest",
				"We were to answer you by " + day(first, Locale.ENGLISH));
		assertThat(erasures.byId(request).orElseThrow().answerBy()).isEqualTo(first.plusMonths(2));
		assertThat(card(page(get("/admin/erasure").param("lang", "en"), fixtures.as(administrator)), participant.email()))
			.contains("Decide by " + extended + ": the time to answer was extended (first " + day(first, Locale.ENGLISH) + ")", REASON)
			.doesNotContain("Extend the time to answer");
		assertThat(page(get("/admin/erasure/{id}/confirm", request).param("lang", "en"), fixtures.as(administrator)).text())
			.contains("Decide by " + extended + ": the time to answer was extended");
		assertThat(page(get("/participant/privacy").param("lang", "en"), fixtures.as(participant)).text())
			.contains("you will get a mail with the decision by " + extended + " at the latest.", REASON);
		// On the trail as the decisions are (who, which request, how long), and on the request's row with its reason.
		assertThat(jdbc.sql("select actor_id from audit_entry where route = 'POST /admin/erasure/{id}/extend' and details = :details")
			.param("details", "id=" + request + ", months=2")
			.query(UUID.class)
			.list()).containsExactly(administrator.id());
		assertThat(jdbc.sql("select extended_by from erasure_request where id = :id").param("id", request).query(UUID.class).single())
			.isEqualTo(administrator.id());

		// Once only: the second press of a double click, or a second extension asked for, is answered calmly on the list
		// with the day it was extended to (the form can no longer succeed); the trail has the one as already done, the
		// other as refused. The list after the refused one answers 409, titled so: the request's state was in the way
		// (decision 0139, amended); after the double click it is the list, 200.
		for (String[] press : new String[][] { { "2", REASON, "200" }, { "1", "Once more.", "409" } }) {
			MvcResult again = mvc.perform(post("/admin/erasure/{id}/extend", request).param("lang", "en").param("months", press[0])
				.param("reason", press[1]).with(fixtures.as(administrator)).with(csrf()))
				.andExpect(redirectedUrl("/admin/erasure"))
				.andReturn();
			MvcResult list = mvc.perform(get("/admin/erasure").param("lang", "en").with(fixtures.as(administrator))
				.cookie(again.getResponse().getCookies())).andReturn();
			assertThat(list.getResponse().getStatus()).as(press[1]).isEqualTo(Integer.parseInt(press[2]));
			Document shown = Jsoup.parse(list.getResponse().getContentAsString(StandardCharsets.UTF_8));
			assertThat(shown.title().startsWith("Error:")).as(press[1]).isEqualTo(press[2].equals("409"));
			assertThat(shown
				.select("div.utrecht-alert[role=status]").text())
				.isEqualTo("The time to answer this request is extended, until " + extended
						+ ". That was done already and can be done only once; nothing was changed now.");
		}
		assertThat(jdbc.sql("select details from audit_entry where route = 'POST /admin/erasure/{id}/extend' and details like :id")
			.param("id", "id=" + request + "%")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("id=" + request + ", months=2", "id=" + request + ", months=2, outcome=already",
					"id=" + request + ", months=1, outcome=refused");
		assertThat(erasures.byId(request).orElseThrow().answerBy()).isEqualTo(first.plusMonths(2));
		Thread.sleep(1000);
		assertThat(Mailboxes.read(mailServer, participant.email(), Mailboxes.PASSWORD))
			.filteredOn(m -> Mailboxes.subject(m).startsWith("Your erasure request"))
			.hasSize(1);
	}

	/**
	 * The participant must hear of an extension within the first month: after it, the form is refused with
	 * the reason at the months' field, the reason typed kept, and nothing changed or mailed.
	 */
	@Test
	void anExtensionAfterTheFirstMonthIsRefusedAtTheField() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		UUID request = erasures.request(participant.id()).id();
		OffsetDateTime asked = OffsetDateTime.now().minusDays(33);
		jdbc.sql("update erasure_request set requested_at = :at where id = :id").param("at", asked).param("id", request).update();
		RequestPostProcessor administrator = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		LocalDate first = asked.atZoneSameInstant(AMSTERDAM).toLocalDate().plusMonths(1);

		assertThat(card(page(get("/admin/erasure").param("lang", "nl"), administrator), participant.email()))
			.doesNotContain("Termijn verlengen");
		Document refused = page(post("/admin/erasure/{id}/extend", request).param("lang", "nl").param("months", "2")
			.param("reason", "Het archief moet nog kijken."), administrator);

		assertThat(refused.getElementById("months-error").text()).startsWith("Verlengen kan niet meer: de eerste maand liep af");
		assertThat(refused.getElementById("months-2").attr("aria-invalid")).isEqualTo("true");
		assertThat(refused.getElementById("months-2").hasAttr("checked")).isTrue();
		assertThat(refused.getElementById("reason").text()).isEqualTo("Het archief moet nog kijken.");
		assertThat(erasures.byId(request).orElseThrow().answerBy()).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", participant.email())
			.query(Integer.class).single()).isZero();
	}

	/** The week-before reminder goes for the day that counts now, and once more for the extended day. */
	@Test
	void theAdministratorsAreRemindedAgainBeforeTheExtendedDeadline() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account administrator = fixtures.person(trajectory.organisationId(),
				"beheer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl", "Beheerder", Role.ADMINISTRATOR);
		UUID request = erasures.request(trajectory.participant().id()).id();
		jdbc.sql("update erasure_request set reminded_at = coalesce(reminded_at, current_timestamp) where id <> :id")
			.param("id", request)
			.update();
		LocalDate first = erasures.byId(request).orElseThrow().answerBy();
		reminders.remindDue(first.minusDays(7));
		assertThat(reminders(administrator)).containsExactly(reminderFor(first));

		mvc.perform(post("/admin/erasure/{id}/extend", request).param("months", "1").param("reason", "Het archief moet nog kijken.")
			.with(fixtures.as(administrator)).with(csrf())).andExpect(redirectedUrl("/admin/erasure"));
		LocalDate extended = first.plusMonths(1);

		reminders.remindDue(first.minusDays(1));
		reminders.remindDue(extended.minusDays(8));
		assertThat(reminders(administrator)).as("not for the first day again, nor early").hasSize(1);
		reminders.remindDue(extended.minusDays(7));
		reminders.remindDue(extended.minusDays(2));
		assertThat(reminders(administrator)).containsExactlyInAnyOrder(reminderFor(first), reminderFor(extended));
	}

	private List<String> reminders(Account administrator) {
		return jdbc.sql("select subject from outbound_mail where recipient = :to and subject like 'Herinnering: verzoek tot verwijdering%'")
			.param("to", administrator.email())
			.query(String.class)
			.list();
	}

	private static String reminderFor(LocalDate day) {
		return "Herinnering: verzoek tot verwijdering nog open, beslis uiterlijk op " + day(day, Locale.forLanguageTag("nl"));
	}

	private static String day(LocalDate day, Locale language) {
		return DateTimeFormatter.ofPattern("d MMMM yyyy", language).format(day);
	}

	/** The card of one person's request on the administrator's list. */
	private static String card(Document page, String email) {
		return page.select("article.bw-card").stream()
			.filter(card -> card.text().contains(email))
			.findFirst()
			.orElseThrow()
			.text();
	}

	private Document page(MockHttpServletRequestBuilder request, RequestPostProcessor as) throws Exception {
		return Jsoup.parse(mvc.perform(request.with(as).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.InboundMails;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Throwing a held mail away asks first (decision 0115). "Weggooien" on the mail's page discarded at once, with one
 * click, also the participant's own new mail that they had been told waits for their e-coach.
 */
@BriefwisselTest
class QuarantineDiscardTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	Accounts accounts;

	@Autowired
	MockMvc mvc;

	@Test
	void theCoachIsAskedFirstOnAPageThatNamesTheMailAndWhatTheParticipantWasTold() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String subject = "Nieuwe vraag " + UUID.randomUUID();
		store(running.participant().email(), subject);
		Quarantine.Entry held = awaitEntry(subject);
		UUID id = held.inboundMailId();

		Document mail = page(mvc.perform(get("/coach/quarantine/{id}", id).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()));
		assertThat(mail.select("form[action$=/discard]")).as("no button that discards at once").isEmpty();
		Element ask = mail.selectFirst("a[href$=/coach/quarantine/" + id + "/discard]");
		assertThat(ask).isNotNull();
		assertThat(ask.text()).isEqualTo("Weggooien");

		Document question = page(mvc.perform(get("/coach/quarantine/{id}/discard", id).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()));
		assertThat(question.selectFirst("h1").text()).isEqualTo("Deze mail weggooien?");
		String facts = question.selectFirst("dl").text();
		assertThat(facts).contains(running.participant().email()).contains(subject)
			.contains(String.valueOf(held.quarantinedAt().getYear()));
		assertThat(question.text()).contains("Dit kun je niet ongedaan maken")
			.contains("De deelnemer kreeg per mail te horen dat deze mail op de e-coach wacht");
		assertThat(question.select("form[action$=/coach/quarantine/" + id + "/discard] button").text())
			.isEqualTo("Ja, weggooien");
		assertThat(question.select("input[name=confirmed]").attr("value")).isEqualTo("true");
		Element no = question.select("a").stream().filter(a -> a.text().equals("Nee, terug")).findFirst().orElseThrow();
		assertThat(no.attr("href")).endsWith("/coach/quarantine/" + id);
		assertThat(quarantine.entry(id)).as("asking changes nothing").isPresent();

		// A form of the old page, without the answer, discards nothing: it asks.
		mvc.perform(post("/coach/quarantine/{id}/discard", id).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl("/coach/quarantine/" + id + "/discard"));
		assertThat(quarantine.entry(id)).isPresent();

		mvc.perform(post("/coach/quarantine/{id}/discard", id).param("confirmed", "true").with(csrf())
			.with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl("/coach/quarantine#resolved"))
			.andExpect(flash().attribute("resolved", "discarded"));
		assertThat(quarantine.entry(id)).isEmpty();

		// A second yes (a double click, another tab), and the question asked again: said, not an error page.
		mvc.perform(post("/coach/quarantine/{id}/discard", id).param("confirmed", "true").with(csrf())
			.with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl("/coach/quarantine#resolved"))
			.andExpect(flash().attribute("resolved", "already"));
		mvc.perform(get("/coach/quarantine/{id}/discard", id).with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl("/coach/quarantine#resolved"))
			.andExpect(flash().attribute("resolved", "already"));
	}

	@Test
	void anotherCoachFindsNoQuestion() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		String subject = "Niet van jou " + UUID.randomUUID();
		store(running.participant().email(), subject);
		UUID id = awaitEntry(subject).inboundMailId();

		mvc.perform(get("/coach/quarantine/{id}/discard", id).with(fixtures.as(other.coach()))).andExpect(status().isNotFound());
		mvc.perform(post("/coach/quarantine/{id}/discard", id).param("confirmed", "true").with(csrf())
			.with(fixtures.as(other.coach()))).andExpect(status().isNotFound());
		assertThat(quarantine.entry(id)).isPresent();
	}

	/** The administrator's list names no participant; nor does the question before throwing one of their mails away. */
	@Test
	void theAdministratorsQuestionNamesNoParticipant() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String subject = "Van een deelnemer " + UUID.randomUUID();
		store(running.participant().email(), subject);
		UUID id = awaitEntry(subject).inboundMailId();

		Document question = page(mvc.perform(get("/admin/quarantine/{id}/discard", id).with(admin())).andExpect(status().isOk()));
		assertThat(question.text()).doesNotContain(running.participant().displayName()).doesNotContain(subject)
			.contains("Dit kun je niet ongedaan maken");
		Document coachs = page(mvc.perform(get("/coach/quarantine/{id}/discard", id).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()));
		assertThat(coachs.text()).as("the coach's own participant").contains(running.participant().displayName());
	}

	@Test
	void theAdministratorIsAskedInEnglishWithoutTheSubjectTheyReadOnlyForAReason() throws Exception {
		String from = "vreemde-" + UUID.randomUUID() + "@example.nl";
		String subject = "Los " + UUID.randomUUID();
		store(from, subject);
		UUID id = awaitEntry(subject).inboundMailId();

		Document question = page(mvc.perform(get("/admin/quarantine/{id}/discard", id).param("lang", "en").with(admin()))
			.andExpect(status().isOk()));
		assertThat(question.selectFirst("h1").text()).isEqualTo("Discard this mail?");
		assertThat(question.selectFirst("dl").text()).contains(from);
		assertThat(question.text()).doesNotContain(subject).contains("This cannot be undone");
		assertThat(question.select("form[action$=/admin/quarantine/" + id + "/discard] button").text())
			.isEqualTo("Yes, discard");
		assertThat(question.select("a").stream().map(Element::text)).contains("No, go back");

		mvc.perform(post("/admin/quarantine/{id}/discard", id).with(csrf()).with(admin()))
			.andExpect(redirectedUrl("/admin/quarantine/" + id + "/discard"));
		assertThat(quarantine.entry(id)).isPresent();
		mvc.perform(post("/admin/quarantine/{id}/discard", id).param("confirmed", "true").with(csrf()).with(admin()))
			.andExpect(redirectedUrl("/admin/quarantine#resolved"))
			.andExpect(flash().attribute("resolved", "discarded"));
		mvc.perform(post("/admin/quarantine/{id}/discard", id).param("confirmed", "true").with(csrf()).with(admin()))
			.andExpect(redirectedUrl("/admin/quarantine#resolved"))
			.andExpect(flash().attribute("resolved", "already"));
		mvc.perform(get("/admin/quarantine/{id}/discard", id).with(admin()))
			.andExpect(redirectedUrl("/admin/quarantine#resolved"))
			.andExpect(flash().attribute("resolved", "already"));

		// On the audit trail once as a change: the post without 'yes' discarded nothing, and the second 'yes' found it
		// discarded already.
		assertThat(jdbc.sql("""
				select details from audit_entry where action = 'ADMINISTRATION' and route = 'POST /admin/quarantine/{id}/discard'
				and details like :id order by at""")
			.param("id", "%id=" + id + "%").query(String.class).list())
			.containsExactly("id=" + id + ", outcome=refused", "id=" + id, "id=" + id + ", outcome=already");
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private void store(String from, String subject) {
		byte[] raw = ("From: " + from + "\r\nTo: reply@briefwissel.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
				+ UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIets nieuws.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of("reply@briefwissel.test"));
	}

	private Quarantine.Entry awaitEntry(String subject) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	private RequestPostProcessor admin() {
		Account administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		return fixtures.as(administrator);
	}

	private static Document page(ResultActions result) throws Exception {
		return Jsoup.parse(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}
}

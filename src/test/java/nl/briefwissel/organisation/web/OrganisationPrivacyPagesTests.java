package nl.briefwissel.organisation.web;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.PrivacyContacts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An administrator keeps what the privacy statement says about an organisation as controller, on a page of its own. */
@BriefwisselTest
class OrganisationPrivacyPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	Organisations organisations;

	@Autowired
	PrivacyContacts contacts;

	@Autowired
	AuditTrail trail;

	private RequestPostProcessor admin() {
		return user(users.loadUserByUsername("beheer@briefwissel.test"));
	}

	private static MockHttpServletRequestBuilder save(UUID organisation, String name, String email, String web, String dpo,
			String statement) {
		return post("/admin/organisations/" + organisation + "/privacy").param("controllerName", name)
			.param("email", email)
			.param("web", web)
			.param("dpoEmail", dpo)
			.param("statement", statement)
			.with(csrf());
	}

	private AuditEntry lastChangeOf(Organisation organisation) {
		return trail.search(AuditTrail.Search.everything())
			.stream()
			.filter(e -> e.route().equals("POST /admin/organisations/{id}/privacy") && e.details() != null
					&& e.details().contains(organisation.id().toString()))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void anAdministratorSavesThePrivacyDetailsTheStatementShowsAndTheTrailRecordsThem() throws Exception {
		Organisation organisation = organisations.create("Gemeente Privacy " + UUID.randomUUID().toString().substring(0, 8));
		Document empty = Jsoup.parse(mvc.perform(get("/admin/organisations/" + organisation.id() + "/privacy").with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(empty.select("input[name=dpoEmail]").attr("value")).isEmpty();
		assertThat(Jsoup.parse(mvc.perform(get("/admin/organisations/" + organisation.id()).with(admin())).andReturn().getResponse()
			.getContentAsString()).select("a[href=/admin/organisations/" + organisation.id() + "/privacy]")).hasSize(1);

		mvc.perform(save(organisation.id(), "  College van B en W  ", "privacy@gemeente.nl", "https://www.gemeente.nl/privacy",
				"fg@gemeente.nl", "").with(admin()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "/privacy"))
			.andExpect(flash().attribute("privacySaved", true));
		assertThat(contacts.of(organisation.id()))
			.isEqualTo(new PrivacyContacts.Details("College van B en W", "privacy@gemeente.nl", "https://www.gemeente.nl/privacy", "fg@gemeente.nl", ""));
		Document saved = Jsoup.parse(mvc.perform(get("/admin/organisations/" + organisation.id() + "/privacy").with(admin()))
			.andReturn().getResponse().getContentAsString());
		assertThat(saved.select("input[name=dpoEmail]").attr("value")).isEqualTo("fg@gemeente.nl");

		AuditEntry entry = lastChangeOf(organisation);
		assertThat(entry.action()).isEqualTo(AuditAction.ADMINISTRATION);
		// Which fields changed, never the addresses themselves: the trail keeps no content (its rule, decision of the audit module).
		assertThat(entry.details()).contains("changed=controllerName|email|web|dpoEmail").doesNotContain("outcome=refused")
			.doesNotContain("fg@gemeente.nl", "privacy@gemeente.nl", "https://www.gemeente.nl/privacy", "College van B en W");

		// Emptied again: the statement then says to ask the organisation, and its own name comes back.
		mvc.perform(save(organisation.id(), "", "", "", "", "").with(admin())).andExpect(status().is3xxRedirection());
		assertThat(contacts.of(organisation.id())).isEqualTo(PrivacyContacts.Details.NONE);
		assertThat(lastChangeOf(organisation).details()).contains("changed=controllerName|email|web|dpoEmail");
		mvc.perform(save(organisation.id(), "", "", "", "", "").with(admin())).andExpect(status().is3xxRedirection());
		assertThat(lastChangeOf(organisation).details()).contains("changed=nothing");
	}

	/** The controller's name stands before an address on the statement and in the register: an override would turn it. */
	@Test
	void aControllerNameThatWouldTurnTheAddressAfterItIsRefused() throws Exception {
		Organisation organisation = organisations.create("Gemeente Omdraai " + UUID.randomUUID().toString().substring(0, 8));
		String body = mvc.perform(save(organisation.id(), "Gemeente \u202EX", "privacy@gemeente.nl", "", "", "").with(admin()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(body).select(".utrecht-form-field-error-message").eachText())
			.containsExactly("De naam bevat een onzichtbaar teken dat tekst verbergt of omdraait (zoals een teken voor de schrijfrichting),"
					+ " vaak meegekomen bij kopiëren en plakken. Typ de naam opnieuw in.");
		assertThat(contacts.of(organisation.id()).email()).isEmpty();
		mvc.perform(save(organisation.id(), "Gemeente\u200B Omdraai", "privacy@gemeente.nl", "", "", "").with(admin()));
		assertThat(contacts.of(organisation.id()).controllerName()).isEqualTo("Gemeente Omdraai");
	}

	@Test
	void everyWrongFieldIsSaidAtItselfAtOnceInTheReadersLanguageAndNothingIsSaved() throws Exception {
		Organisation organisation = organisations.create("Gemeente Fout " + UUID.randomUUID().toString().substring(0, 8));
		contacts.save(organisation.id(), new PrivacyContacts.Details("", "oud@gemeente.nl", "", "", ""));
		String body = mvc.perform(save(organisation.id(), "x".repeat(201), "privacy@gemeente", "http://www.gemeente.nl/privacy",
				"geen adres", "javascript:alert(1)").with(admin()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		Document page = Jsoup.parse(body);
		assertThat(page.select(".utrecht-form-field-error-message").eachText()).containsExactly(
				"Gebruik hoogstens 200 tekens voor de naam.",
				"Vul een e-mailadres in waar mail aankomt, zoals privacy@gemeente.nl, of laat het leeg.",
				"Vul een volledig webadres in: met https:// en een domeinnaam, zoals https://www.gemeente.nl/privacy, of laat het leeg.",
				"Vul een e-mailadres in waar mail aankomt, zoals fg@gemeente.nl, of laat het leeg.",
				"Vul een volledig webadres in: met https:// en een domeinnaam, zoals https://www.gemeente.nl/privacyverklaring, of laat het leeg.");
		assertThat(page.select("input[aria-invalid=true]")).hasSize(5);
		// The summary takes the focus and leads to the first wrong field (the product's error pattern).
		assertThat(page.select("[autofocus]").eachAttr("id")).containsExactly("error-summary");
		assertThat(page.select("#error-summary a").first().attr("href")).isEqualTo("#privacy-controllerName");
		// What was typed comes back to correct.
		assertThat(page.select("input[name=web]").attr("value")).isEqualTo("http://www.gemeente.nl/privacy");
		assertThat(contacts.of(organisation.id()).email()).isEqualTo("oud@gemeente.nl");
		assertThat(lastChangeOf(organisation).details()).contains("outcome=refused", "changed=controllerName|email|web|dpoEmail|statement")
			.doesNotContain("privacy@gemeente", "geen adres", "javascript", "oud@gemeente.nl");

		String english = mvc.perform(save(organisation.id(), "", "", "https://intranet/privacy", "", "").param("lang", "en").with(admin()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(english).select(".utrecht-form-field-error-message").eachText())
			.containsExactly("Enter a full web address: with https:// and a domain name, such as https://www.gemeente.nl/privacy, or leave it empty.");
	}

	/**
	 * The administrator chooses the organisation's legal basis (decision 0138): consent until then, a public task or
	 * a legitimate interest. The trail names the field, not the choice; a value not in the list is said at the field
	 * and in the summary, in the reader's language, and changes nothing. A form that sends no basis keeps the one saved.
	 */
	@Test
	void anAdministratorChoosesTheLegalBasisAndTheTrailNamesTheField() throws Exception {
		Organisation organisation = organisations.create("Gemeente Grondslag " + UUID.randomUUID().toString().substring(0, 8));
		Document first = Jsoup.parse(mvc.perform(get("/admin/organisations/" + organisation.id() + "/privacy").with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(first.select("#privacy-basis option").eachAttr("value")).containsExactly("CONSENT", "PUBLIC_TASK", "LEGITIMATE_INTEREST");
		assertThat(first.select("#privacy-basis option[selected]").val()).isEqualTo("CONSENT");
		assertThat(first.getElementById("privacy-basis").attr("aria-describedby")).isEqualTo("privacy-basis-help");
		assertThat(first.getElementById("privacy-basis-help").text()).contains("bezwaar maken (AVG artikel 21)");

		mvc.perform(save(organisation.id(), "", "privacy@grondslag.nl", "", "", "").param("basis", "PUBLIC_TASK").with(admin()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "/privacy"));
		assertThat(contacts.of(organisation.id()).legalBasis()).isEqualTo(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK);
		assertThat(lastChangeOf(organisation).details()).contains("changed=email|basis").doesNotContain("PUBLIC_TASK");
		assertThat(Jsoup.parse(mvc.perform(get("/admin/organisations/" + organisation.id() + "/privacy").with(admin())).andReturn()
			.getResponse().getContentAsString()).select("#privacy-basis option[selected]").val()).isEqualTo("PUBLIC_TASK");

		// A form from before the choice existed sends none: the basis saved stays.
		mvc.perform(save(organisation.id(), "", "privacy@grondslag.nl", "", "fg@grondslag.nl", "").with(admin()))
			.andExpect(status().is3xxRedirection());
		assertThat(contacts.of(organisation.id()).legalBasis()).isEqualTo(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK);
		assertThat(lastChangeOf(organisation).details()).contains("changed=dpoEmail").doesNotContain("basis");

		Document refused = Jsoup.parse(mvc.perform(save(organisation.id(), "", "privacy@grondslag.nl", "", "fg@grondslag.nl", "")
			.param("basis", "WHATEVER").with(admin())).andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(refused.getElementById("privacy-basis-error").text())
			.isEqualTo("Kies een van de drie grondslagen: toestemming, taak van algemeen belang of gerechtvaardigd belang.");
		assertThat(refused.getElementById("privacy-basis").attr("aria-invalid")).isEqualTo("true");
		assertThat(refused.getElementById("privacy-basis").attr("aria-describedby")).isEqualTo("privacy-basis-help privacy-basis-error");
		assertThat(refused.select("#error-summary a").eachAttr("href")).containsExactly("#privacy-basis");
		assertThat(refused.select("[autofocus]").eachAttr("id")).containsExactly("error-summary");
		assertThat(contacts.of(organisation.id()).legalBasis()).isEqualTo(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK);
		assertThat(lastChangeOf(organisation).details()).contains("outcome=refused", "changed=basis");
		assertThat(Jsoup.parse(mvc.perform(save(organisation.id(), "", "", "", "", "").param("basis", "WHATEVER").param("lang", "en")
			.with(admin())).andReturn().getResponse().getContentAsString()).getElementById("privacy-basis-error").text())
			.isEqualTo("Choose one of the three bases: consent, task in the public interest or legitimate interest.");
		// The public statement lists every active organisation's basis: other tests read consent only.
		contacts.save(organisation.id(), contacts.of(organisation.id()).withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
	}

	/**
	 * Applications sent while another basis held had a box that said the statement was read (decision 0138, amended):
	 * switching to consent gives those people no consent. The administrator is told once, after the save, in their
	 * language; not when the basis stays, or goes from consent to another.
	 */
	@Test
	void switchingToConsentSaysThatEarlierApplicationsGaveNone() throws Exception {
		Organisation organisation = organisations.create("Gemeente Omzetten " + UUID.randomUUID().toString().substring(0, 8));
		try {
			String notice = "geen toestemming";
			assertThat(savedPage(organisation, "CONSENT", "nl").getElementById("privacy-to-consent")).as("consent kept").isNull();
			assertThat(savedPage(organisation, "PUBLIC_TASK", "nl").getElementById("privacy-to-consent")).as("away from consent").isNull();
			Document switched = savedPage(organisation, "CONSENT", "nl");
			assertThat(switched.getElementById("privacy-to-consent").text()).contains(notice, "Vraag die mensen om toestemming",
					"de eerdere grondslag");
			assertThat(savedPage(organisation, "CONSENT", "nl").getElementById("privacy-to-consent")).as("said once").isNull();

			savedPage(organisation, "LEGITIMATE_INTEREST", "en");
			assertThat(savedPage(organisation, "CONSENT", "en").getElementById("privacy-to-consent").text())
				.contains("gave no consent", "Ask them for consent", "the earlier basis");
		}
		finally {
			contacts.save(organisation.id(), contacts.of(organisation.id()).withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}
	}

	/** Saves the basis as the page does and reads the page it leads to, with the session that holds what it said. */
	private Document savedPage(Organisation organisation, String basis, String language) throws Exception {
		var saved = mvc.perform(save(organisation.id(), "", "privacy@omzetten.nl", "", "", "").param("basis", basis)
			.param("lang", language).with(admin()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "/privacy"))
			.andReturn();
		return Jsoup.parse(mvc.perform(get("/admin/organisations/" + organisation.id() + "/privacy").param("lang", language)
			.cookie(saved.getResponse().getCookies()).with(admin())).andReturn().getResponse().getContentAsString());
	}

	@Test
	void onlyAnAdministratorReachesThePrivacyDetails() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(get("/admin/organisations/" + running.organisationId() + "/privacy").with(fixtures.as(fixtures.managerOf(running))))
			.andExpect(status().isForbidden());
		mvc.perform(save(running.organisationId(), "", "a@b.nl", "", "", "").with(fixtures.as(running.coach())))
			.andExpect(status().isForbidden());
		mvc.perform(get("/admin/organisations/" + UUID.randomUUID() + "/privacy").with(admin())).andExpect(status().isNotFound());
	}
}

package nl.briefwissel.web;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.organisation.PrivacyContacts;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The accessibility statement promised an answer within five working days but gave a visitor without a coach
 * nowhere to ask, and no route when the answer does not come. It names the contact from the setting, or without one
 * each organisation's privacy contact (read at most once a minute: the page is the benchmark's floor, decision 0127),
 * says in words whom to tell, and names De Nationale ombudsman.
 */
@BriefwisselTest
class AccessibilityStatementTests {

	@Autowired
	MockMvc mvc;

	private Document page(String lang) throws Exception {
		return Jsoup.parse(mvc.perform(get("/accessibility").param("lang", lang)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	@Test
	void withoutAContactSettingTheStatementSaysWhomToTellAndNamesTheOmbudsman() throws Exception {
		Document dutch = page("nl");
		assertThat(dutch.text()).contains("Meld het dan bij een beheerder van Briefwissel in je organisatie",
				"Dan kun je een klacht indienen bij De Nationale ombudsman");
		assertThat(dutch.select("h2").eachText()).contains("Niet tevreden met het antwoord");
		assertThat(dutch.select("a[href=https://www.nationaleombudsman.nl/]")).hasSize(1);
		Document english = page("en");
		assertThat(english.text()).contains("report it to an administrator of Briefwissel in your organisation",
				"file a complaint with the National Ombudsman");
		assertThat(english.select("a[href=https://www.nationaleombudsman.nl/]")).hasSize(1);
	}

	/**
	 * The Dutch model statement names the day it was drawn up; this one had none. From the setting (read at the start,
	 * never from the database), written out in the page's language.
	 */
	@Test
	void theStatementSaysTheDayItWasDrawnUp() throws Exception {
		assertThat(page("nl").getElementById("statement-date").text()).isEqualTo("Deze verklaring is opgesteld op 7 december 2026.");
		assertThat(page("en").getElementById("statement-date").text()).isEqualTo("This statement was drawn up on 7 December 2026.");
		var model = new ExtendedModelMap();
		new HomeController("", " 2027-03-01 ").accessibility(model);
		assertThat(model.getAttribute("statementDate")).isEqualTo(java.time.LocalDate.of(2027, 3, 1));
		new HomeController("", "  ").accessibility(model);
		assertThat(model.getAttribute("statementDate")).as("left empty: the default").isEqualTo(java.time.LocalDate.parse(HomeController.STATEMENT_DATE));
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("", "1 maart 2027"))
			.withMessageContaining("briefwissel.accessibility.statement-date");
	}

	/** Without a contact setting the statement still names, for each reader, whom to tell, and who answers. */
	@Test
	void withoutAContactSettingEveryReaderIsToldWhereToGo() throws Exception {
		String dutch = page("nl").text();
		assertThat(dutch).contains("Vertel het je e-coach", "de organisatie die je de uitnodiging of de link gaf",
				"De organisatie die Briefwissel gebruikt, is verantwoordelijk voor het oplossen")
			.doesNotContain("Briefwissel-project", "Je kunt het ook direct melden bij");
		assertThat(page("en").text()).contains("The organisation that uses Briefwissel is responsible for fixing it")
			.doesNotContain("Briefwissel project");
	}

	/**
	 * Without the setting the statement named no address at all, only "Vertel het je e-coach", while an applicant has no
	 * coach yet (WCAG asks a statement for a way to give feedback). It names the privacy contact of each organisation
	 * offering a programme, read at most once a minute (the page is the benchmark's floor, decision 0127); the demo
	 * organisation has one. The setting, when given, goes first and alone.
	 */
	@Test
	void withoutTheSettingEachOrganisationsPrivacyContactIsNamed(@Autowired nl.briefwissel.organisation.Organisations organisations,
			@Autowired nl.briefwissel.organisation.Programmes programmes, @Autowired PrivacyContacts contacts,
			@Autowired HomeController home) throws Exception {
		String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
		var reachable = organisations.create("Gemeente Melden " + suffix);
		programmes.create(reachable.id(), "Programma", null, null);
		contacts.save(reachable.id(), new PrivacyContacts.Details("", "melden-" + suffix + "@gemeente.nl", "", "", ""));
		var byWeb = organisations.create("Gemeente Web " + suffix);
		programmes.create(byWeb.id(), "Programma", null, null);
		contacts.save(byWeb.id(), new PrivacyContacts.Details("", "", "https://www.gemeente.nl/melden-" + suffix, "", ""));
		var quiet = organisations.create("Gemeente Stil " + suffix);
		programmes.create(quiet.id(), "Programma", null, null);
		home.forgetOrganisationContacts();

		for (String[] words : new String[][] { { "nl", "Je kunt het ook melden bij de organisatie die het programma aanbiedt:" },
				{ "en", "You can also report it to the organisation offering the programme:" } }) {
			Document page = page(words[0]);
			assertThat(page.text()).as(words[0]).contains(words[1], "Gemeente Melden " + suffix, "Gemeente Web " + suffix)
				.doesNotContain("Gemeente Stil " + suffix);
			assertThat(page.select("a[href=mailto:melden-" + suffix + "@gemeente.nl]")).as(words[0]).hasSize(1);
			assertThat(page.select("a[href=https://www.gemeente.nl/melden-" + suffix + "]")).as(words[0]).hasSize(1);
			assertThat(page.select("a[href=mailto:privacy@briefwissel.test]")).as("the demo organisation's").hasSize(1);
		}

		var model = new ExtendedModelMap();
		new HomeController("toegankelijkheid@gemeente.nl", HomeController.STATEMENT_DATE, contacts).accessibility(model);
		assertThat(model.getAttribute("contact")).isEqualTo("mailto:toegankelijkheid@gemeente.nl");
		assertThat((java.util.List<?>) model.getAttribute("organisationContacts")).isEmpty();
	}

	/**
	 * The statement promised an answer within five working days, which nothing in Briefwissel sees to: it says what
	 * is true, that the organisation answers as soon as it can and within the time its own procedure sets.
	 */
	@Test
	void theStatementPromisesNoTermNothingKeeps() throws Exception {
		assertThat(page("nl").text()).contains("geeft je zo snel mogelijk antwoord, binnen de termijn die haar eigen procedure noemt")
			.doesNotContain("vijf werkdagen");
		assertThat(page("en").text()).contains("answers you as soon as it can, within the time its own procedure sets")
			.doesNotContain("five working days");
	}

	@Test
	void theContactSettingIsAnAddressOrAnHttpsLinkAndNothingElse() {
		var model = new ExtendedModelMap();
		new HomeController(" toegankelijkheid@gemeente.nl ", HomeController.STATEMENT_DATE).accessibility(model);
		assertThat(model.getAttribute("contact")).isEqualTo("mailto:toegankelijkheid@gemeente.nl");
		assertThat(model.getAttribute("contactText")).isEqualTo("toegankelijkheid@gemeente.nl");
		new HomeController("https://www.gemeente.nl/toegankelijkheid", HomeController.STATEMENT_DATE).accessibility(model);
		assertThat(model.getAttribute("contact")).isEqualTo("https://www.gemeente.nl/toegankelijkheid");
		new HomeController("", HomeController.STATEMENT_DATE).accessibility(model);
		assertThat(model.getAttribute("contact")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("http://www.gemeente.nl/toegankelijkheid", HomeController.STATEMENT_DATE));
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("javascript:alert(1)", HomeController.STATEMENT_DATE));
		assertThatIllegalArgumentException().isThrownBy(() -> new HomeController("toegankelijkheid@gemeente", HomeController.STATEMENT_DATE));
	}

	/**
	 * The setting had a check of its own that nearly repeated the privacy contacts' and let through what they refuse:
	 * a link with a name and password before its host, or longer than a statement shows. It has theirs now
	 * (PublicContact), and neither takes an address with a name beside it, which would have made the link
	 * mailto:Toegankelijkheid &lt;…&gt;.
	 */
	@Test
	void theContactSettingIsCheckedAsThePrivacyContactsAre() {
		for (String refused : new String[] { "https://iemand@www.gemeente.nl/toegankelijkheid",
				"https://www.gemeente.nl/" + "t".repeat(500), "https://www.gemeente.nl./toegankelijkheid",
				"Toegankelijkheid <toegankelijkheid@gemeente.nl>", "toegankelijkheid@gemeente.nl (Toegankelijkheid)" }) {
			assertThatIllegalArgumentException().as(refused).isThrownBy(() -> new HomeController(refused, HomeController.STATEMENT_DATE));
			assertThat(new PrivacyContacts.Details("", refused, refused, "", "").problems()).as(refused).containsKeys("email", "web");
		}
		var model = new ExtendedModelMap();
		new HomeController("HTTPS://www.gemeente.nl/toegankelijkheid", HomeController.STATEMENT_DATE).accessibility(model);
		assertThat(model.getAttribute("contact")).isEqualTo("HTTPS://www.gemeente.nl/toegankelijkheid");
	}
}

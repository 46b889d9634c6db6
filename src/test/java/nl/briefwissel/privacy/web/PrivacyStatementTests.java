package nl.briefwissel.privacy.web;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.organisation.LegalBasis;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.PrivacyContacts;
import nl.briefwissel.organisation.Programmes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The privacy statement names who is responsible and how to reach them (GDPR article 13): a participant or
 * applicant the organisations of their own programmes, anyone else every organisation offering one. Before, it
 * said only that the organisation offering the programme was responsible, with no name or address anywhere.
 */
@BriefwisselTest
class PrivacyStatementTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	PrivacyContacts contacts;

	@Autowired
	JdbcClient jdbc;

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private Organisation offering(String name) {
		Organisation organisation = organisations.create(name + " " + UUID.randomUUID().toString().substring(0, 8));
		programmes.create(organisation.id(), "Programma", null, null);
		return organisation;
	}

	@Test
	void aParticipantReadsTheControllerAndDataProtectionOfficerOfTheirOwnProgramme() throws Exception {
		var running = fixtures.runningTrajectory(true);
		contacts.save(running.organisationId(), new PrivacyContacts.Details("College van B en W " + running.id(),
				"privacy@gemeente-test.nl", "", "fg@gemeente-test.nl", "https://www.gemeente-test.nl/privacyverklaring"));
		Organisation other = offering("Gemeente Elders");
		contacts.save(other.id(), new PrivacyContacts.Details("", "privacy@elders.nl", "", "fg@elders.nl", ""));

		Document statement = page(get("/privacy").with(fixtures.as(running.participant())));
		assertThat(statement.select("h3").eachText()).containsExactly("College van B en W " + running.id());
		assertThat(statement.select("a[href=mailto:fg@gemeente-test.nl]").text()).isEqualTo("fg@gemeente-test.nl");
		assertThat(statement.select("a[href=mailto:privacy@gemeente-test.nl]")).hasSize(1);
		assertThat(statement.select("a[href=https://www.gemeente-test.nl/privacyverklaring]").text())
			.isEqualTo("De privacyverklaring van College van B en W " + running.id());
		// The self-check is read by the coach asked to take the applicant on, never by the programme manager.
		assertThat(statement.text()).contains("Een e-coach aan wie je wordt voorgesteld, leest je vraag en je antwoorden op de zelfcheck",
				"en ook niet je antwoorden op de zelfcheck");
		assertThat(statement.text()).contains("Voor jouw programma is deze organisatie verantwoordelijk")
			.contains("De organisatie kan in haar eigen privacyverklaring meer vertellen")
			.doesNotContain(other.name(), "fg@elders.nl", "Vraag het de organisatie zelf");

		// Someone who applied and waits for a coach is told the same about the programme they applied for.
		var applicant = fixtures.proposal(running).participant();
		assertThat(page(get("/privacy").with(fixtures.as(applicant))).select("a[href=mailto:fg@gemeente-test.nl]")).hasSize(1);
		assertThat(page(get("/privacy").param("lang", "en").with(fixtures.as(running.participant()))).text())
			.contains("For your programme, this organisation is responsible", "Data protection officer: fg@gemeente-test.nl");
	}

	@Test
	void anyoneElseReadsEveryOrganisationThatOffersAProgrammeButNotOneThatEnded() throws Exception {
		Organisation offering = offering("Gemeente Aanbod");
		contacts.save(offering.id(), new PrivacyContacts.Details("", "", "https://aanbod.example.nl/privacy", "fg@aanbod.example.nl", ""));
		Organisation withoutProgramme = organisations.create("Werkgever Zonder Programma " + UUID.randomUUID());
		Organisation ended = offering("Gemeente Gestopt");
		jdbc.sql("update organisation set ended_at = current_timestamp where id = :id").param("id", ended.id()).update();

		for (Document statement : new Document[] { page(get("/privacy")),
				page(get("/privacy").with(fixtures.as(fixtures.runningTrajectory(true).coach()))) }) {
			assertThat(statement.select("h3").eachText()).contains(offering.name()).doesNotContain(withoutProgramme.name(), ended.name());
			assertThat(statement.text()).contains("Deze organisaties bieden hier programma's aan");
			assertThat(statement.select("a[href=https://aanbod.example.nl/privacy]")).hasSize(1);
			assertThat(statement.select("a[href=mailto:fg@aanbod.example.nl]")).hasSize(1);
		}
	}

	@Test
	void whatTheOrganisationDidNotGiveIsSaidAsAQuestionForItNeverAsAnEmptyField() throws Exception {
		var nothing = fixtures.runningTrajectory(true);
		Document statement = page(get("/privacy").with(fixtures.as(nothing.participant())));
		assertThat(statement.select("h3").eachText()).hasSize(1).allMatch(name -> name.startsWith("Gemeente Test "));
		assertThat(statement.text()).contains("Deze organisatie heeft hier nog geen contactgegevens voor privacy ingevuld")
			.contains("Heb je een vraag over waarom de organisatie je gegevens mag gebruiken? Vraag het de organisatie.")
			.doesNotContain("null", "Functionaris gegevensbescherming (FG):");
		assertThat(statement.select("a[href^=mailto:]")).isEmpty();

		var onlyAnAddress = fixtures.runningTrajectory(true);
		contacts.save(onlyAnAddress.organisationId(), new PrivacyContacts.Details("", "privacy@alleen.example.nl", "", "", ""));
		Document partly = page(get("/privacy").with(fixtures.as(onlyAnAddress.participant())));
		assertThat(partly.text()).contains("Het adres van de functionaris gegevensbescherming staat hier nog niet. Vraag het de organisatie zelf.")
			.doesNotContain("nog geen contactgegevens", "Hoe je deze organisatie bereikt over privacy, staat hier nog niet");
		assertThat(page(get("/privacy").param("lang", "en").with(fixtures.as(nothing.participant()))).text())
			.contains("This organisation has not filled in its privacy contact details here yet.");
	}

	@Test
	void theStatementSaysTheBasisTheOtherProcessorsTransfersNoAutomatedDecisionsAndTheRightToComplain() throws Exception {
		Document dutch = page(get("/privacy"));
		assertThat(dutch.select("h2").eachText()).contains("Waarom de organisatie je gegevens mag gebruiken", "Wie je gegevens nog meer verwerkt",
				"Buiten de Europese Unie", "Geen automatische besluiten", "Klagen bij de Autoriteit Persoonsgegevens");
		assertThat(dutch.text()).contains("Je doet vrijwillig mee.", "hostingpartij", "mailprovider van deze installatie",
				"stuurt je gegevens zelf niet naar landen buiten de Europese Unie", "maakt geen profiel van je");
		assertThat(dutch.select("a[href=https://autoriteitpersoonsgegevens.nl/]")).hasSize(1);
		Document english = page(get("/privacy").param("lang", "en"));
		assertThat(english.select("h2").eachText()).contains("Why the organisation may use your data", "Who else processes your data",
				"Outside the European Union", "No automated decisions", "Complain to the Autoriteit Persoonsgegevens");
	}

	/**
	 * The register of processing says the participant's consent is the basis for coaching, intake and mail, and
	 * that it can be withdrawn; the statement said a public task or a legitimate interest the organisation would
	 * set down itself. Now it says what the register says, and how to withdraw. After withdrawal it said that what was
	 * written "blijft bewaard tot het eind van de bewaartermijn", as a rule, while after withdrawing consent the person
	 * has the right to have it erased (GDPR article 17(1)(b)): it says that right and how, with My data's request
	 * (decision 0138; this test pinned the old sentence and was changed with it).
	 */
	@Test
	void theBasisIsTheParticipantsConsentAsInTheRegisterAndSaysHowToWithdrawIt() throws Exception {
		String dutch = page(get("/privacy")).text();
		assertThat(dutch).contains("omdat jij daar toestemming voor geeft (AVG artikel 6 lid 1 sub a)", "Je doet vrijwillig mee.",
				"je kunt die altijd weer intrekken", "zeg tegen je e-coach dat je wilt stoppen",
				"Daar heb je na het intrekken recht op (AVG artikel 17): vraag bij Mijn gegevens (na inloggen) om al je gegevens te verwijderen",
				"Dat kan ook meteen, zonder eerst te stoppen", "Alleen als de wet de organisatie verplicht iets te bewaren",
				"wat er daarvoor met je gegevens is gebeurd, blijft toegestaan")
			.doesNotContain("blijft dan bewaard tot het eind van de bewaartermijn", "publieke taak", "gerechtvaardigd belang",
					"legt de organisatie zelf vast", "bezwaar maken tegen dit gebruik");
		assertThat(page(get("/privacy").param("lang", "en")).text()).contains(
				"because you give your consent to it (GDPR article 6(1)(a))", "you can withdraw it at any time",
				"tell your e-coach that you want to stop", "what was done with your data before stays allowed",
				"you have the right to that (GDPR article 17): ask for all your data to be erased under My data")
			.doesNotContain("is then kept until the end of the retention period", "public task", "legitimate interest");
	}

	/**
	 * An organisation that chose a public task (a municipality) or its legitimate interest (decision 0138): its
	 * participants read that ground and that they may object (article 21), not a consent they could withdraw. A
	 * reader of several organisations that differ reads each ground with the organisations that chose it.
	 */
	@Test
	void theStatementNamesTheBasisTheOrganisationChoseAndObjectionWhereItFits() throws Exception {
		var running = fixtures.runningTrajectory(true);
		contacts.save(running.organisationId(), new PrivacyContacts.Details("", "privacy@taak.example.nl", "", "", "")
			.withBasis(LegalBasis.PUBLIC_TASK));
		Organisation interest = null;
		try {
			String dutch = page(get("/privacy").with(fixtures.as(running.participant()))).text();
			assertThat(dutch).contains("taak van algemeen belang", "(AVG artikel 6 lid 1 sub e)",
					"Je mag bezwaar maken tegen dit gebruik van je gegevens (AVG artikel 21)",
					"Vraag dan bij Mijn gegevens (na inloggen) om al je gegevens te verwijderen",
					"Voor de mail aan de contactpersoon van je werkgever vragen we bij je aanmelding apart je toestemming")
				.doesNotContain("omdat jij daar toestemming voor geeft", "(AVG artikel 6 lid 1 sub a)", "Voor Gemeente");
			assertThat(page(get("/privacy").param("lang", "en").with(fixtures.as(running.participant()))).text())
				.contains("a task in the public interest", "(GDPR article 6(1)(e))", "You may object to this use of your data (GDPR article 21)")
				.doesNotContain("because you give your consent to it");

			interest = offering("Werkgever Belang");
			contacts.save(interest.id(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.LEGITIMATE_INTEREST));
			Document everyone = page(get("/privacy"));
			assertThat(everyone.text()).contains("Voor " + interest.name() + ":", "gerechtvaardigd belang", "(AVG artikel 6 lid 1 sub f)",
					"(AVG artikel 6 lid 1 sub e)", "omdat jij daar toestemming voor geeft");
			String runningName = organisations.byId(running.organisationId()).orElseThrow().name();
			assertThat(everyone.select("#basis ~ p strong").eachText())
				.anyMatch(line -> line.startsWith("Voor ") && line.contains(runningName))
				.contains("Voor " + interest.name() + ":");
		}
		finally {
			// The public statement lists every offering organisation's basis: other tests read consent only.
			contacts.save(running.organisationId(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.CONSENT));
			if (interest != null) {
				contacts.save(interest.id(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.CONSENT));
			}
		}
	}

	/**
	 * Review: the statement said an administrator confirms an erasure request within a month, while one may extend
	 * it once by up to two months (GDPR article 12(3)) and may refuse it; and that the trajectory stops when one
	 * asks, while it stops when the request is confirmed. The rights said withdrawing consent whatever the basis;
	 * under a public task or a legitimate interest it is objection.
	 */
	@Test
	void theStatementSaysWhenAnErasureIsDecidedWhenTheTrajectoryStopsAndWhichRightFitsTheBasis() throws Exception {
		assertThat(page(get("/privacy")).text()).contains("Een beheerder beslist binnen een maand over je verzoek.",
				"dan kan de beheerder dat één keer met ten hoogste twee maanden verlengen; dat hoor je dan binnen die eerste maand, met de reden.",
				"Bevestigt de beheerder je verzoek, dan stopt je traject en wordt alles verwijderd.",
				"Je mag je toestemming intrekken als de organisatie je gegevens gebruikt omdat jij die gaf.")
			.doesNotContain("bevestigt je verzoek binnen een maand", "je traject stopt dan ook", "hoe dat gaat, lees je hierboven");
		assertThat(page(get("/privacy").param("lang", "en")).text()).contains("An administrator decides on your request within a month.",
				"the administrator can extend that once by at most two months; you then hear so within that first month, with the reason.",
				"If the administrator confirms your request, your trajectory stops and everything is erased.",
				"Where it uses your data for another reason, you may object.")
			.doesNotContain("confirms your request within a month", "your trajectory then stops too", "You may object. And");

		var running = fixtures.runningTrajectory(true);
		contacts.save(running.organisationId(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.PUBLIC_TASK));
		try {
			assertThat(page(get("/privacy").with(fixtures.as(running.participant()))).text())
				.contains("Wil je dat het weg is? Vraag dan bij Mijn gegevens (na inloggen)",
						"Gebruikt ze je gegevens om een andere reden, dan mag je bezwaar maken.",
						"Bevestigt de beheerder je verzoek, dan stopt je traject")
				.doesNotContain("Dan vraag bij", "je traject stopt dan ook");
		}
		finally {
			// The public statement lists every offering organisation's basis: the other tests read consent only.
			contacts.save(running.organisationId(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.CONSENT));
		}
	}

	/**
	 * Under a public task the example was a municipality helping its residents, while the participants are the
	 * organisation's own employees; and the rights promised portability (AVG article 20), which applies under consent
	 * (and contract) only. The download at My data stays, said as what it is. Where organisations shown differ, the right
	 * is said for those that chose consent.
	 */
	@Test
	void underAPublicTaskTheExampleIsTheEmployerAndPortabilityIsPromisedOnlyUnderConsent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		contacts.save(running.organisationId(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.PUBLIC_TASK));
		try {
			assertThat(page(get("/privacy").with(fixtures.as(running.participant()))).text())
				.contains("een gemeente die haar medewerkers loopbaanbegeleiding biedt als onderdeel van haar taak als werkgever",
						"geldt alleen als de organisatie je gegevens gebruikt omdat jij toestemming gaf",
						"Je kunt je gegevens wel zelf downloaden bij Mijn gegevens")
				.doesNotContain("inwoners helpt", "(overdraagbaarheid)", "is precies dat");
			assertThat(page(get("/privacy").param("lang", "en").with(fixtures.as(running.participant()))).text())
				.contains("a municipality offering its employees career guidance as part of its task as an employer",
						"applies only where the organisation uses your data because you gave your consent",
						"You can still download your data yourself under My data")
				.doesNotContain("helping its residents", "(portability)", "is exactly that");

			contacts.save(running.organisationId(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.LEGITIMATE_INTEREST));
			assertThat(page(get("/privacy").with(fixtures.as(running.participant()))).text())
				.contains("geldt alleen als de organisatie je gegevens gebruikt omdat jij toestemming gaf")
				.doesNotContain("(overdraagbaarheid)");

			// Anyone else reads every organisation: the others chose consent, this one not.
			assertThat(page(get("/privacy")).text())
				.contains("Gebruikt de organisatie je gegevens omdat jij toestemming gaf (hierboven: ",
						"dan mag je je gegevens meenemen naar een ander (overdraagbaarheid, AVG artikel 20)")
				.doesNotContain("is precies dat");
		}
		finally {
			// The public statement lists every offering organisation's basis: the other tests read consent only.
			contacts.save(running.organisationId(), PrivacyContacts.Details.NONE.withBasis(LegalBasis.CONSENT));
		}
	}

	/**
	 * The rights left out restriction, portability and withdrawing consent; what is kept left out the coach's
	 * notes, the audit trail and sign-in data; and staff were told nothing about what is kept about them.
	 */
	@Test
	void theStatementNamesEveryRightWhatElseIsKeptAndWhatIsKeptAboutStaff() throws Exception {
		Document dutch = page(get("/privacy"));
		assertThat(dutch.text()).contains("de verwerking te beperken", "(overdraagbaarheid)",
				"het ZIP-bestand dat je bij Mijn gegevens downloadt, is precies dat", "je toestemming intrekken",
				"eigen werkaantekeningen", "ze staan niet in de download bij Mijn gegevens",
				"Het logboek bewaren we 1095 dagen", "wachtwoord als hash", "authenticator-app", "je sessies",
				"Ben je e-coach, programmamanager of beheerder?", "zolang je account bestaat");
		assertThat(dutch.select("h2").eachText()).contains("Als je met Briefwissel werkt");
		Document english = page(get("/privacy").param("lang", "en"));
		assertThat(english.text()).contains("restrict the processing", "(portability)", "is exactly that",
				"withdraw your consent", "working notes", "they are not in the download", "We keep the log for 1095 days",
				"password as a hash", "Are you an e-coach, programme manager or administrator?");
		assertThat(english.select("h2").eachText()).contains("If you work with Briefwissel");
	}
}

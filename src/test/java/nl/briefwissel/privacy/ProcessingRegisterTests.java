package nl.briefwissel.privacy;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The register of processing names every recipient this installation sends personal data to. */
@BriefwisselTest
class ProcessingRegisterTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Programmes programmes;

	@Autowired
	nl.briefwissel.organisation.PrivacyContacts contacts;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryErasure trajectoryErasure;

	/**
	 * A programme with an employer's contact sends that contact the name, programme and dates of
	 * participants who agreed: the register names the activity, its basis and the contact, as soon as
	 * one programme names one, and not before.
	 */
	@Test
	void theEmployersContactIsARecipientOnceAProgrammeNamesOne() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Bevestiging aan de werkgever"))));

		String contact = "hr-" + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.nl";
		programmes.changeEmployerContact(trajectory.programmeId(), contact);
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Bevestiging aan de werkgever")))
			.andExpect(content().string(containsString("de datum van start en van afronding")))
			.andExpect(content().string(containsString("apart gevraagd bij de aanmelding")))
			.andExpect(content().string(containsString("Programma Programma: " + contact)));
		mvc.perform(get("/admin/processing").param("lang", "en").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("Confirmation to the employer")))
			.andExpect(content().string(containsString("Programme Programma: " + contact)));
	}

	/**
	 * The purpose names how long this organisation's programmes run, as set: it said "six to eight weeks"
	 * for every installation while a programme may be set from 4 to 12, and a data protection officer
	 * reads this page as what is done.
	 */
	@Test
	void thePurposeNamesTheWeeksTheProgrammesAreSetTo() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		var second = programmes.create(trajectory.organisationId(), "Tweede programma", null, null);
		var first = programmes.ofOrganisation(trajectory.organisationId()).stream()
			.filter(programme -> programme.id().equals(trajectory.programmeId())).findFirst().orElseThrow();
		programmes.changeSettings(second.id(), new Programmes.Settings(10, first.momentsPerWeek(), first.replyWithinDays(),
				first.retentionMonths(), first.mailMode(), null));
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Een loopbaantraject van " + first.weeks() + " tot 10 weken")))
			.andExpect(content().string(not(containsString("zes tot acht"))));
		mvc.perform(get("/admin/processing").param("lang", "en").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("a career trajectory of " + first.weeks() + " to 10 weeks")));
	}

	/**
	 * The register said "Logboek: 1.095 dagen" (MessageFormat groups thousands) where the privacy statement says "1095
	 * dagen": a number of days reads alike on both, without a separator up to four digits, in Dutch and English.
	 * Five digits and more are grouped as the reader's language does.
	 */
	@Test
	void theRegisterSaysTheDaysTheLogIsKeptAsThePrivacyStatementDoes() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Dagen",
				Role.ADMINISTRATOR);
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("Logboek: 1095 dagen.")))
			.andExpect(content().string(not(containsString("1.095"))));
		mvc.perform(get("/admin/processing").param("lang", "en").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("Audit trail: 1095 days.")))
			.andExpect(content().string(not(containsString("1,095"))));
		mvc.perform(get("/privacy")).andExpect(content().string(containsString("Het logboek bewaren we 1095 dagen")));
		org.assertj.core.api.Assertions.assertThat(ProcessingRegister.days(java.time.Duration.ofDays(10950),
				java.util.Locale.forLanguageTag("nl"))).isEqualTo("10.950");
		org.assertj.core.api.Assertions.assertThat(ProcessingRegister.days(java.time.Duration.ofDays(10950), java.util.Locale.ENGLISH))
			.isEqualTo("10,950");
	}

	/**
	 * A programme's period lowered from 24 to 18 months: the register names the 18 for those who apply now and the
	 * 24 that the trajectories from before keep (decision 0134); it named the programme's period of today alone.
	 */
	@Test
	void theRegisterNamesThePeriodsTrajectoriesFromBeforeAChangeKeep() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		var programme = programmes.byId(trajectory.programmeId()).orElseThrow();
		programmes.changeSettings(programme.id(), new Programmes.Settings(programme.weeks(), programme.momentsPerWeek(),
				programme.replyWithinDays(), 18, programme.mailMode(), null));
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("Programma Programma: 18 maanden na het einde")))
			.andExpect(content().string(containsString("trajecten van vóór een wijziging houden nog 24 maanden na het einde")));
		mvc.perform(get("/admin/processing").param("lang", "en").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("trajectories from before a change still keep 24 months after the end")));
	}

	/** With a mailbox to read, the register says how long its copy of each mail stays there (decision 0034). */
	@Test
	void theMailboxsOwnCopyHasItsPeriodInTheRegister(@Autowired PrivacyProperties properties,
			@Autowired org.springframework.context.MessageSource texts) {
		var trajectory = fixtures.runningTrajectory(true);
		org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
		environment.setConversionService(new org.springframework.boot.convert.ApplicationConversionService());
		environment.setProperty("briefwissel.mail.imap.host", "outlook.office365.com");
		ProcessingRegister register = new ProcessingRegister(programmes, trajectoryErasure, contacts, properties, environment, texts);
		org.assertj.core.api.Assertions.assertThat(mailRetention(register, trajectory.organisationId()))
			.contains("De kopie in de mailbox outlook.office365.com: 35 dagen na aankomst, daarna verwijdert Briefwissel haar daar.");

		environment.setProperty("briefwissel.mail.imap.delete-stored-after", "0");
		org.assertj.core.api.Assertions.assertThat(mailRetention(register, trajectory.organisationId()))
			.anyMatch(line -> line.contains("Briefwissel laat haar staan"));
	}

	private static java.util.List<String> mailRetention(ProcessingRegister register, UUID organisationId) {
		return register.of(organisationId, java.util.Locale.forLanguageTag("nl")).activities().stream()
			.filter(activity -> activity.retention().stream().anyMatch(line -> line.startsWith("Verzonden mail")))
			.findFirst().orElseThrow().retention();
	}

	/**
	 * Without the setting the register said the controller was not set, while the organisation had filled in its
	 * privacy details: it now names the organisation from them, and its data protection officer likewise.
	 */
	@Test
	void withoutTheSettingTheRegisterNamesTheControllerAndOfficerFromThePrivacyDetails() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		String name = "College " + UUID.randomUUID().toString().substring(0, 8);
		contacts.save(trajectory.organisationId(), new nl.briefwissel.organisation.PrivacyContacts.Details(name,
				"privacy@register-test.nl", "", "fg@register-test.nl", ""));
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name + " (privacy@register-test.nl)")))
			.andExpect(content().string(containsString(name + ": fg@register-test.nl")))
			.andExpect(content().string(not(containsString("Nog niet ingesteld"))));
	}

	/**
	 * Two municipalities on one installation: the register of the one that gave no privacy details named the
	 * other's controller and officer as its own. It says they are not set.
	 */
	@Test
	void anOrganisationsRegisterNamesNoOtherOrganisationsController() throws Exception {
		var given = fixtures.runningTrajectory(true);
		String name = "College " + UUID.randomUUID().toString().substring(0, 8);
		contacts.save(given.organisationId(), new nl.briefwissel.organisation.PrivacyContacts.Details(name,
				"privacy@ander-register.nl", "", "fg@ander-register.nl", ""));
		var silent = fixtures.runningTrajectory(true);
		var admin = fixtures.person(silent.organisationId(), "stil-" + UUID.randomUUID() + "@example.nl", "Beheer Stil",
				Role.ADMINISTRATOR);
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(name))))
			.andExpect(content().string(not(containsString("fg@ander-register.nl"))))
			.andExpect(content().string(containsString("Nog niet ingesteld")));
	}

	/** The statement says consent is the basis: the register says so too (they disagreed before). */
	@Test
	void theBasisIsTheParticipantsConsent() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("Toestemming van de deelnemer (AVG artikel 6 lid 1 sub a)")));
	}

	/**
	 * After withdrawing consent the participant has the right to erasure (GDPR article 17(1)(b)): the register says
	 * so, and how. An organisation that chose a public task (decision 0138) is registered with that ground and with
	 * objection (article 21) for coaching, application and mail; the employer's confirmation stays on consent.
	 */
	@Test
	void theBasisIsTheOneTheOrganisationChoseWithWhatFitsIt() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var admin = fixtures.person(trajectory.organisationId(), "fg-" + UUID.randomUUID() + "@example.nl", "Beheer Register",
				Role.ADMINISTRATOR);
		org.jsoup.nodes.Document consent = org.jsoup.Jsoup.parse(mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
			.andReturn().getResponse().getContentAsString());
		assertThat(consent.text()).contains("(AVG artikel 17 lid 1 sub b)", "vraagt de deelnemer om verwijdering (bij Mijn gegevens)");

		contacts.save(trajectory.organisationId(), nl.briefwissel.organisation.PrivacyContacts.Details.NONE
			.withBasis(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK));
		try {
			programmes.changeEmployerContact(trajectory.programmeId(), "hr-" + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.nl");
			org.jsoup.nodes.Document task = org.jsoup.Jsoup.parse(mvc.perform(get("/admin/processing").with(fixtures.as(admin)))
				.andReturn().getResponse().getContentAsString());
			java.util.List<String> bases = task.select("dt:containsOwn(Grondslag) + dd").eachText();
			assertThat(bases.subList(0, 2)).as("coaching, application").allSatisfy(basis -> assertThat(basis)
				.startsWith("Taak van algemeen belang van de organisatie (AVG artikel 6 lid 1 sub e)").contains("bezwaar maken (AVG artikel 21)"));
			assertThat(task.select("article").eachText()).filteredOn(a -> a.startsWith("Mail ontvangen en versturen")).singleElement()
				.asString().contains("(AVG artikel 6 lid 1 sub e)");
			assertThat(task.select("article").eachText()).filteredOn(a -> a.startsWith("Bevestiging aan de werkgever")).singleElement()
				.asString().contains("Toestemming van de deelnemer (AVG artikel 6 lid 1 sub a), apart gevraagd");
			assertThat(mvc.perform(get("/admin/processing").param("lang", "en").with(fixtures.as(admin))).andReturn().getResponse()
				.getContentAsString()).contains("A task in the public interest of the organisation (GDPR article 6(1)(e))");
		}
		finally {
			// The public statement lists every active organisation's basis: other tests read consent only.
			contacts.save(trajectory.organisationId(), nl.briefwissel.organisation.PrivacyContacts.Details.NONE
				.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}
	}
}

package nl.briefwissel.trajectory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The three ways in, tried as a person does: the public programme link with a confirmation mail,
 * an invitation, and a mail to the programme's intake address; each over real HTTP and real mail.
 */
@BriefwisselTest
class IntakeTests {

	private static final Pattern LINK = Pattern.compile("(/intake/(?:complete|confirm)/[A-Za-z0-9_-]{43})");

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Intakes intakes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Accounts accounts;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	nl.briefwissel.organisation.PrivacyContacts privacyContacts;

	Programme programme;

	String suffix;

	@BeforeEach
	void aProgrammeOfItsOwn() {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Aanmelden " + suffix);
		programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "aanmelden-" + suffix + "@briefwissel.test", null);
	}

	/**
	 * Someone else's address typed into the public form again and again (within the network's limit): the
	 * confirmations do not count towards the loop brake, which ten would fill, silencing that person's
	 * reminders and notices. (No cap per address: a stranger would use up the applicant's own.)
	 */
	@Test
	void thePublicFormNeverFillsTheLoopBrakeOfTheAddressItMails() {
		programmes.openPublicIntake(programme.id(), true);
		Programme open = programmes.byId(programme.id()).orElseThrow();
		String victim = "doelwit-" + suffix + "@example.nl";
		for (int i = 0; i < 12; i++) {
			intakes.applyByLink(open, new IntakeForm("Iemand " + i, i % 2 == 0 ? victim : victim.toUpperCase(java.util.Locale.ROOT), "Vraag " + i,
					"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true,
					true), java.util.Locale.forLanguageTag("nl"), UUID.randomUUID());
		}
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to and status <> 'FAILED'").param("to", victim)
			.query(Integer.class).single()).isEqualTo(12);
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to and loop_brake = true").param("to", victim)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void anApplicationFromTheProgrammeLinkWaitsUntilTheAddressIsConfirmed() throws Exception {
		WebSession browser = new WebSession(port);
		String email = "sam-" + suffix + "@example.nl";
		assertThat(browser.get("/intake/programme/" + programme.id()).body()).contains("Aanmelden: Loopbaan " + suffix)
			.contains("Omscholen naar een ander vakgebied");

		HttpResponse<String> sent = browser.post("/intake/programme/" + programme.id(), form("Sam Jansen", email, "YES"));
		assertThat(sent.body()).contains("Kijk in je mailbox").contains(email);
		assertThat(accounts.byEmail(email)).as("no account before the address is confirmed").isEmpty();

		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		HttpResponse<String> page = browser.get(link);
		assertThat(page.body()).contains("Aanmelding bevestigen");
		assertThat(accounts.byEmail(email)).as("opening the link (as a mail scanner does) applies nothing").isEmpty();

		assertThat(browser.post(link, "").body()).contains("Je aanmelding is binnen");
		var participant = accounts.byEmail(email).orElseThrow();
		var trajectory = trajectories.ofParticipant(participant.id()).get(0);
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(trajectory.theme()).isEqualTo("RETRAINING");
		assertThat(intakes.ofTrajectory(trajectory.id()).orElseThrow().question()).contains("onderwijs");
		// The coach's page and the report read the question and the goals together.
		assertThat(trajectories.inOwnWords(trajectory.id())).extracting(Trajectories.InOwnWords::question, Trajectories.InOwnWords::goals)
			.containsExactly(intakes.ofTrajectory(trajectory.id()).orElseThrow().question(), "");
		trajectories.changeGoals(trajectory.id(), participant.id(), "Weten wat ik wil");
		assertThat(trajectories.inOwnWords(trajectory.id()).goals()).isEqualTo("Weten wat ik wil");
		assertThat(trajectories.inOwnWords(UUID.randomUUID())).isEqualTo(new Trajectories.InOwnWords(null, "", true, true));

		// A second click on "confirm" (the browser shows the last answer): the application went in, so
		// the person reads that, not "apply again", and it applied once.
		assertThat(browser.post(link, "").body()).as("a link applies once, and says so again")
			.contains("Je aanmelding is binnen")
			.doesNotContain("Deze link werkt niet meer");
		assertThat(trajectories.ofParticipant(participant.id())).hasSize(1);
	}

	@Test
	void missingAnswersAreExplainedInThePersonsLanguageAndNothingIsStored() throws Exception {
		WebSession browser = new WebSession(port);
		HttpResponse<String> page = browser.post("/intake/programme/" + programme.id(),
				"displayName=&email=geen-adres&question=kort&theme=ONBEKEND&writesComfortably=MISSCHIEN");
		assertThat(page.statusCode()).isEqualTo(422);
		assertThat(page.body()).contains("Nog niet alles is goed ingevuld")
			.contains("Vul je naam in.")
			.contains("Vul een geldig e-mailadres in")
			.contains("Kies bij elke vraag van de zelfcheck een antwoord.")
			.contains("Vink aan dat je akkoord gaat met de privacyverklaring.")
			.contains("aria-invalid=\"true\"");
		assertThat(intakes.open(programme.id())).isEmpty();

		WebSession english = new WebSession(port);
		english.get("/login?lang=en");
		assertThat(english.post("/intake/programme/" + programme.id(), "displayName=&email=x").body())
			.contains("Enter your name.");

		// An empty question is missing, not also too short; three unanswered self-check questions are one line.
		var summary = org.jsoup.Jsoup.parse(new WebSession(port).post("/intake/programme/" + programme.id(),
				"displayName=Sam&email=sam@example.nl&question=").body()).select("#error-summary a");
		assertThat(summary).extracting(org.jsoup.nodes.Element::text).doesNotHaveDuplicates()
			.contains("Kies bij elke vraag van de zelfcheck een antwoord.");
		assertThat(summary).extracting(a -> a.attr("href")).contains("#question", "#selfcheck-writesComfortably")
			.doesNotContain("#selfcheck-motivated");
	}

	@Test
	void aNoInTheSelfCheckIsAnsweredWithHonestAdviceBeforeTheApplicationGoesOut() throws Exception {
		WebSession browser = new WebSession(port);
		String email = "twijfel-" + suffix + "@example.nl";
		HttpResponse<String> advice = browser.post("/intake/programme/" + programme.id(), form("Twijfel", email, "NO"));
		assertThat(advice.body()).contains("Past schriftelijke coaching nu bij je?");
		assertThat(intakes.open(programme.id())).isEmpty();
		// Came back for the advice alone: it takes the focus, and describes the box it asks to tick.
		var page = org.jsoup.Jsoup.parse(advice.body());
		assertThat(page.select("[autofocus]")).extracting(e -> e.id()).containsExactly("advice");
		assertThat(page.getElementById("adviceRead").attr("aria-describedby")).isEqualTo("advice-body");

		HttpResponse<String> sent = browser.post("/intake/programme/" + programme.id(),
				form("Twijfel", email, "NO") + "&adviceRead=true");
		assertThat(sent.body()).contains("Kijk in je mailbox")
			.as("no account to sign in to before the address is confirmed").doesNotContain("Naar inloggen");
		assertThat(intakes.open(programme.id())).hasSize(1);
	}

	/**
	 * The self-check asks about doubts (writing, motivation, time): the form says who reads the answers, the e-coach
	 * the applicant is proposed to, and that the programme manager and the employer do not. It said nothing of it.
	 */
	@Test
	void theSelfCheckSaysWhoReadsTheAnswers() throws Exception {
		var dutch = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id()).body());
		assertThat(dutch.text()).contains("Je antwoorden leest alleen de e-coach aan wie je wordt voorgesteld;"
				+ " de programmamanager en je werkgever zien ze niet.");
		var english = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id() + "?lang=en").body());
		assertThat(english.text()).contains("Only the e-coach you are proposed to reads your answers;"
				+ " the programme manager and your employer do not see them.");
	}

	/**
	 * Under a public task or a legitimate interest the processing does not rest on the applicant's agreement
	 * (decision 0138): the box says the statement was read, and so does its error; under consent it stays agreement.
	 */
	@Test
	void theStatementBoxFollowsTheOrganisationsLegalBasis() throws Exception {
		String consent = "Ik ga akkoord met de privacyverklaring";
		var dutch = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id()).body());
		assertThat(dutch.select("label[for=consent]").text()).isEqualTo(consent);

		// The public statement lists every active organisation's basis: this one gets consent back with what it had
		// saved, whatever happens below (Details.NONE also wiped the contacts it had).
		var saved = privacyContacts.of(programme.organisationId());
		try {
			for (var basis : java.util.List.of(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK,
					nl.briefwissel.organisation.LegalBasis.LEGITIMATE_INTEREST)) {
				privacyContacts.save(programme.organisationId(), saved.withBasis(basis));
				var read = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id()).body());
				assertThat(read.select("label[for=consent]").text()).as(basis.name()).isEqualTo("Ik heb de privacyverklaring gelezen");
				var english = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id() + "?lang=en").body());
				assertThat(english.select("label[for=consent]").text()).isEqualTo("I have read the privacy statement");

				String unticked = new WebSession(port).post("/intake/programme/" + programme.id(), "displayName=Sam&email=x").body();
				assertThat(unticked).contains("Vink aan dat je de privacyverklaring hebt gelezen.").doesNotContain("akkoord gaat met de privacyverklaring");
			}
			WebSession englishSession = new WebSession(port);
			englishSession.get("/login?lang=en");
			assertThat(englishSession.post("/intake/programme/" + programme.id(), "displayName=Sam&email=x").body())
				.contains("Tick that you have read the privacy statement.").doesNotContain("agree to the privacy statement");

			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
			var again = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id()).body());
			assertThat(again.select("label[for=consent]").text()).isEqualTo(consent);
		}
		finally {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}
	}

	/**
	 * What a tick meant is kept with the application when it is sent (decision 0138, amended): under a public task or
	 * a legitimate interest the box said the statement was read, which is no consent, also when the organisation
	 * chooses consent later. By the public form and by a mailed link alike.
	 */
	@Test
	void anApplicationKeepsTheBasisItsStatementBoxWasTickedUnder() throws Exception {
		var saved = privacyContacts.of(programme.organisationId());
		try {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK));
			String read = "gelezen-" + suffix + "@example.nl";
			assertThat(new WebSession(port).post("/intake/programme/" + programme.id(), form("Rik Gelezen", read, "YES")).body())
				.contains("Kijk in je mailbox");
			assertThat(statementBasisOf(read)).isEqualTo("PUBLIC_TASK");

			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.LEGITIMATE_INTEREST));
			String invited = "belang-" + suffix + "@example.nl";
			intakes.invite(programme, invited, "Bo Belang", java.util.Locale.forLanguageTag("nl"), null);
			String link = linkIn(Mailboxes.awaitMail(mailServer, invited, m -> true));
			assertThat(new WebSession(port).post(link, form("Bo Belang", invited, "YES")).body()).contains("Je aanmelding is binnen");
			assertThat(statementBasisOf(invited)).isEqualTo("LEGITIMATE_INTEREST");

			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
			assertThat(statementBasisOf(read)).as("kept, whatever the organisation chooses later").isEqualTo("PUBLIC_TASK");
			String agreed = "akkoord-" + suffix + "@example.nl";
			new WebSession(port).post("/intake/programme/" + programme.id(), form("Ans Akkoord", agreed, "YES"));
			assertThat(statementBasisOf(agreed)).isEqualTo("CONSENT");
		}
		finally {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}
	}

	/**
	 * The box's words follow the basis the organisation has when the form is shown; what was kept was the basis when it
	 * was sent. An administrator who switched the basis in between had a tick kept as meaning words the applicant never
	 * read. The form carries the basis it showed: sent under another, it comes back with the new words, the box not
	 * ticked, all else as typed and a sentence asking to read and tick again (decision 0138, amended). Nothing is kept
	 * until it is sent under the basis it shows. By the public form and by a mailed link alike, in either language.
	 */
	@Test
	void aFormShownUnderAnotherBasisComesBackToBeReadAndTickedAgain() throws Exception {
		var saved = privacyContacts.of(programme.organisationId());
		try {
			WebSession browser = new WebSession(port);
			var shown = org.jsoup.Jsoup.parse(browser.get("/intake/programme/" + programme.id()).body());
			assertThat(shown.select("input[name=statementBasis]").val()).isEqualTo("CONSENT");
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK));

			String email = "tussendoor-" + suffix + "@example.nl";
			var again = org.jsoup.Jsoup.parse(browser.post("/intake/programme/" + programme.id(),
					form("Tim Tussendoor", email, "YES") + "&statementBasis=CONSENT").body());
			assertThat(again.getElementById("consent-error").text()).isEqualTo("De organisatie heeft de grondslag in haar"
					+ " privacyverklaring veranderd terwijl je dit formulier invulde. Lees de privacyverklaring en de tekst bij"
					+ " dit vakje opnieuw en vink het weer aan. Wat je hebt ingevuld, staat er nog.");
			assertThat(again.getElementById("error-summary").text()).contains("De organisatie heeft de grondslag");
			assertThat(again.select("label[for=consent]").text()).isEqualTo("Ik heb de privacyverklaring gelezen");
			assertThat(again.getElementById("consent").hasAttr("checked")).as("to be ticked again").isFalse();
			assertThat(again.getElementById("expectations").hasAttr("checked")).isTrue();
			assertThat(again.getElementById("displayName").val()).isEqualTo("Tim Tussendoor");
			assertThat(again.getElementById("question").text()).contains("naar het onderwijs");
			assertThat(again.select("input[name=statementBasis]").val()).isEqualTo("PUBLIC_TASK");
			assertThat(applicationsOf(email)).isZero();

			assertThat(browser.post("/intake/programme/" + programme.id(), form("Tim Tussendoor", email, "YES")
					+ "&statementBasis=PUBLIC_TASK").body()).contains("Kijk in je mailbox");
			assertThat(statementBasisOf(email)).isEqualTo("PUBLIC_TASK");

			String invited = "tussendoor-uitgenodigd-" + suffix + "@example.nl";
			intakes.invite(programme, invited, "Ina Intussen", java.util.Locale.forLanguageTag("en"), null);
			String link = linkIn(Mailboxes.awaitMail(mailServer, invited, m -> true));
			WebSession english = new WebSession(port);
			english.get("/login?lang=en");
			assertThat(org.jsoup.Jsoup.parse(english.get(link).body()).select("input[name=statementBasis]").val())
				.isEqualTo("PUBLIC_TASK");
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
			var back = org.jsoup.Jsoup.parse(english.post(link, form("Ina Intussen", invited, "YES") + "&statementBasis=PUBLIC_TASK").body());
			assertThat(back.getElementById("consent-error").text()).isEqualTo("The organisation changed the legal basis in its"
					+ " privacy statement while you were filling in this form. Read the privacy statement and the words by this"
					+ " box again, and tick it again. What you entered is still here.");
			assertThat(back.select("label[for=consent]").text()).isEqualTo("I agree to the privacy statement");
			assertThat(back.getElementById("consent").hasAttr("checked")).isFalse();
			assertThat(back.select("input[name=statementBasis]").val()).isEqualTo("CONSENT");
			assertThat(jdbc.sql("select status from intake where email = :email").param("email", invited).query(String.class).single())
				.isEqualTo("INVITED");

			assertThat(english.post(link, form("Ina Intussen", invited, "YES") + "&statementBasis=CONSENT").body())
				.contains("Your application is in");
			assertThat(statementBasisOf(invited)).isEqualTo("CONSENT");
		}
		finally {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}
	}

	/**
	 * What the box showed is what its tick meant: an application written a moment after the administrator switched the
	 * basis (past the page's check) keeps the basis its form showed, not the one switched to.
	 */
	@Test
	void anApplicationKeepsTheBasisItsFormShowedNotOneSwitchedToAsItWasSent() {
		var saved = privacyContacts.of(programme.organisationId());
		try {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
			String email = "gelijktijdig-" + suffix + "@example.nl";
			assertThat(intakes.applyByLink(programme, new IntakeForm("Iemand", email, "Mijn vraag.", "NEXT_STEP",
					new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, false,
					nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK), java.util.Locale.forLanguageTag("nl"), UUID.randomUUID()))
				.isTrue();
			assertThat(statementBasisOf(email)).isEqualTo("PUBLIC_TASK");
		}
		finally {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
		}
	}

	/**
	 * A code review: the check that keeps an application's basis as its form showed it was only tested on the
	 * service. Through the page, a form sent with a basis the organisation does not have now, one it never showed
	 * (forged by hand) or not one of the three, is shown again under the organisation's basis with the box not
	 * ticked, and nothing is kept; sent under the basis it shows, it goes in.
	 */
	@Test
	void anApplicationFormSentWithAnotherBasisThanTheOrganisationsIsShownAgainAndNotKept() throws Exception {
		var saved = privacyContacts.of(programme.organisationId());
		try {
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.CONSENT));
			String email = "vervalst-" + suffix + "@example.nl";
			WebSession browser = new WebSession(port);
			for (String sent : List.of("PUBLIC_TASK", "LEGITIMATE_INTEREST", "NONSENSE")) {
				var again = org.jsoup.Jsoup.parse(browser.post("/intake/programme/" + programme.id(),
						form("Vera Vervalst", email, "YES") + "&statementBasis=" + sent).body());
				assertThat(again.getElementById("consent-error").text()).as(sent).startsWith("De organisatie heeft de grondslag");
				assertThat(again.getElementById("consent").hasAttr("checked")).as(sent).isFalse();
				assertThat(again.select("input[name=statementBasis]").val()).as(sent).isEqualTo("CONSENT");
				assertThat(again.getElementById("displayName").val()).isEqualTo("Vera Vervalst");
				assertThat(applicationsOf(email)).as(sent).isZero();
			}
			assertThat(browser.post("/intake/programme/" + programme.id(), form("Vera Vervalst", email, "YES")
					+ "&statementBasis=CONSENT").body()).contains("Kijk in je mailbox");
			assertThat(statementBasisOf(email)).isEqualTo("CONSENT");
		}
		finally {
			privacyContacts.save(programme.organisationId(), saved);
		}
	}

	private int applicationsOf(String email) {
		return jdbc.sql("select count(*) from intake where email = :email").param("email", email).query(Integer.class).single();
	}

	private String statementBasisOf(String email) {
		return jdbc.sql("select statement_basis from intake where email = :email and consent_at is not null")
			.param("email", email)
			.query(String.class)
			.single();
	}

	/** A programme that keeps letters out of ordinary mail (NTA 7516) does not promise writing "by e-mail" on its form. */
	@Test
	void theFormOfAProgrammeThatKeepsLettersOutOfMailSaysSo() throws Exception {
		programmes.changeSettings(programme.id(), new Programmes.Settings(programme.weeks(), programme.momentsPerWeek(),
				programme.replyWithinDays(), programme.retentionMonths(), nl.briefwissel.organisation.MailMode.NOTIFICATION,
				programme.intakeAddress()));
		assertThat(new WebSession(port).get("/intake/programme/" + programme.id()).body())
			.doesNotContain("gewoon per e-mail").contains("leest en antwoordt na het inloggen");
	}

	/**
	 * Where the applicant consents, the form names how long the programme keeps their data and that the period stays
	 * theirs (decision 0134): it said only "read the privacy statement", which named the default of 24 months.
	 */
	@Test
	void theConsentNamesTheProgrammesRetentionPeriod() throws Exception {
		programmes.changeSettings(programme.id(), new Programmes.Settings(programme.weeks(), programme.momentsPerWeek(),
				programme.replyWithinDays(), 18, programme.mailMode(), programme.intakeAddress()));
		var page = org.jsoup.Jsoup.parse(new WebSession(port).get("/intake/programme/" + programme.id()).body());
		assertThat(nl.briefwissel.Accessible.describedBy(page, page.getElementById("consent")))
			.anySatisfy(help -> assertThat(help.text()).contains("We bewaren je gegevens tot 18 maanden na het einde van je traject",
					"ook als het programma hem later verandert"));
	}

	/**
	 * The consent box names the programme's period when the form is filled; with the public link the trajectory is made
	 * only when the confirmation link is clicked, up to a week later. A manager lowering the period in between gave the
	 * trajectory the shorter one, not the one the person consented to (decision 0134). An application filled before
	 * the intake kept its period (V105) gets the programme's of when it is confirmed, the only one known.
	 */
	@Test
	void theTrajectoryKeepsThePeriodTheFormNamedWhenItWasFilled() throws Exception {
		programmes.changeSettings(programme.id(), new Programmes.Settings(programme.weeks(), programme.momentsPerWeek(),
				programme.replyWithinDays(), 18, programme.mailMode(), programme.intakeAddress()));
		programmes.openPublicIntake(programme.id(), true);
		String told = "verteld-" + suffix + "@example.nl";
		String before = "van-voor-" + suffix + "@example.nl";
		for (String email : java.util.List.of(told, before)) {
			intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), new IntakeForm("Iemand", email, "Mijn vraag.", "NEXT_STEP",
					new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
					java.util.Locale.forLanguageTag("nl"), UUID.randomUUID());
		}
		jdbc.sql("update intake set retention_months = null where email = :e").param("e", before).update();
		programmes.changeSettings(programme.id(), new Programmes.Settings(programme.weeks(), programme.momentsPerWeek(),
				programme.replyWithinDays(), 6, programme.mailMode(), programme.intakeAddress()));

		for (String email : java.util.List.of(told, before)) {
			String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
			assertThat(intakes.confirm(link.substring(link.lastIndexOf('/') + 1))).containsInstanceOf(Intakes.Submission.Submitted.class);
		}
		assertThat(retentionOfTrajectoryOf(told)).as("the period the form named").isEqualTo(18);
		assertThat(retentionOfTrajectoryOf(before)).as("filled before the intake kept it").isEqualTo(6);
	}

	/**
	 * The consent box names the programme's retention period when the form is shown; what was kept was the period when
	 * it was sent. A manager who changed it in between held the applicant to a period they were never told. The form
	 * carries the period it named: sent with another, it comes back (422) naming the new one, the box not ticked, all else
	 * as typed and a sentence asking to read and tick again (decision 0134, amended). Nothing is kept until it is sent
	 * with the period it names. By the public form and by an invitation's link alike, in either language; a period
	 * forged or not a number is sent back too.
	 */
	@Test
	void aFormThatNamedAnotherRetentionPeriodComesBackToBeReadAndTickedAgain() throws Exception {
		programmes.changeSettings(programme.id(), settingsWithRetention(18));
		programmes.openPublicIntake(programme.id(), true);
		WebSession browser = new WebSession(port);
		var shown = org.jsoup.Jsoup.parse(browser.get("/intake/programme/" + programme.id()).body());
		assertThat(shown.select("input[name=statementRetention]").val()).isEqualTo("18");
		programmes.changeSettings(programme.id(), settingsWithRetention(12));

		String email = "termijn-" + suffix + "@example.nl";
		HttpResponse<String> refused = browser.post("/intake/programme/" + programme.id(),
				form("Tara Termijn", email, "YES") + "&statementBasis=CONSENT&statementRetention=18");
		assertThat(refused.statusCode()).isEqualTo(422);
		var again = org.jsoup.Jsoup.parse(refused.body());
		assertThat(again.getElementById("consent-error").text()).isEqualTo("Het programma heeft veranderd hoe lang het je"
				+ " gegevens bewaart terwijl je dit formulier invulde: nu tot 12 maanden na het einde van je traject. Lees de"
				+ " tekst bij dit vakje en de privacyverklaring opnieuw en vink het weer aan. Wat je hebt ingevuld, staat er nog.");
		assertThat(again.getElementById("error-summary").text()).contains("Het programma heeft veranderd hoe lang");
		assertThat(again.getElementById("consent-help").text()).contains("tot 12 maanden na het einde");
		assertThat(again.getElementById("consent").hasAttr("checked")).as("to be ticked again").isFalse();
		assertThat(again.getElementById("expectations").hasAttr("checked")).isTrue();
		assertThat(again.getElementById("displayName").val()).isEqualTo("Tara Termijn");
		assertThat(again.getElementById("question").text()).contains("naar het onderwijs");
		assertThat(again.select("input[name=statementRetention]").val()).isEqualTo("12");
		assertThat(applicationsOf(email)).isZero();
		for (String forged : List.of("6", "twaalf", "99999999999")) {
			var back = org.jsoup.Jsoup.parse(browser.post("/intake/programme/" + programme.id(),
					form("Tara Termijn", email, "YES") + "&statementRetention=" + forged).body());
			assertThat(back.getElementById("consent-error").text()).as(forged).startsWith("Het programma heeft veranderd");
			assertThat(applicationsOf(email)).as(forged).isZero();
		}

		assertThat(browser.post("/intake/programme/" + programme.id(), form("Tara Termijn", email, "YES")
				+ "&statementBasis=CONSENT&statementRetention=12").body()).contains("Kijk in je mailbox");
		assertThat(retentionOfIntakeOf(email)).isEqualTo(12);

		String invited = "termijn-uitgenodigd-" + suffix + "@example.nl";
		intakes.invite(programme, invited, "Ivo Intussen", java.util.Locale.forLanguageTag("en"), null);
		String link = linkIn(Mailboxes.awaitMail(mailServer, invited, m -> true));
		WebSession english = new WebSession(port);
		english.get("/login?lang=en");
		assertThat(org.jsoup.Jsoup.parse(english.get(link).body()).select("input[name=statementRetention]").val()).isEqualTo("12");
		programmes.changeSettings(programme.id(), settingsWithRetention(24));
		HttpResponse<String> refusedInvitation = english.post(link, form("Ivo Intussen", invited, "YES") + "&statementRetention=12");
		assertThat(refusedInvitation.statusCode()).isEqualTo(422);
		var invitedBack = org.jsoup.Jsoup.parse(refusedInvitation.body());
		assertThat(invitedBack.getElementById("consent-error").text()).isEqualTo("The programme changed how long it keeps your"
				+ " data while you were filling in this form: it is now until 24 months after your trajectory ends. Read the"
				+ " words by this box and the privacy statement again, and tick it again. What you entered is still here.");
		assertThat(invitedBack.getElementById("consent").hasAttr("checked")).isFalse();
		assertThat(invitedBack.select("input[name=statementRetention]").val()).isEqualTo("24");
		assertThat(jdbc.sql("select status from intake where email = :email").param("email", invited).query(String.class).single())
			.isEqualTo("INVITED");

		assertThat(english.post(link, form("Ivo Intussen", invited, "YES") + "&statementRetention=24").body())
			.contains("Your application is in");
		assertThat(retentionOfIntakeOf(invited)).isEqualTo(24);
		assertThat(retentionOfTrajectoryOf(invited)).isEqualTo(24);
	}

	/** Basis and period changed both while the form was open: each is said, the period's sentence not hidden by the basis's. */
	@Test
	void aFormShownUnderAnotherBasisAndPeriodSaysBoth() throws Exception {
		var saved = privacyContacts.of(programme.organisationId());
		try {
			programmes.changeSettings(programme.id(), settingsWithRetention(18));
			WebSession browser = new WebSession(port);
			browser.get("/intake/programme/" + programme.id());
			privacyContacts.save(programme.organisationId(), saved.withBasis(nl.briefwissel.organisation.LegalBasis.PUBLIC_TASK));
			programmes.changeSettings(programme.id(), settingsWithRetention(12));

			String email = "beide-" + suffix + "@example.nl";
			HttpResponse<String> refused = browser.post("/intake/programme/" + programme.id(),
					form("Bo Beide", email, "YES") + "&statementBasis=CONSENT&statementRetention=18");
			assertThat(refused.statusCode()).isEqualTo(422);
			String said = org.jsoup.Jsoup.parse(refused.body()).getElementById("consent-error").text();
			assertThat(said).contains("De organisatie heeft de grondslag").contains("nu tot 12 maanden na het einde");
			assertThat(applicationsOf(email)).isZero();
		}
		finally {
			privacyContacts.save(programme.organisationId(), saved);
		}
	}

	/**
	 * What the box named is what the applicant was told: an application written a moment after the manager changed the
	 * period (past the page's check) keeps the period its form named, not the one changed to (decision 0134, amended).
	 */
	@Test
	void anApplicationKeepsThePeriodItsFormNamedNotOneChangedToAsItWasSent() {
		programmes.changeSettings(programme.id(), settingsWithRetention(12));
		String email = "gelijktijdig-termijn-" + suffix + "@example.nl";
		assertThat(intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), new IntakeForm("Iemand", email, "Mijn vraag.",
				"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, false, null, 18),
				java.util.Locale.forLanguageTag("nl"), UUID.randomUUID())).isTrue();
		assertThat(retentionOfIntakeOf(email)).isEqualTo(18);
	}

	private Programmes.Settings settingsWithRetention(int months) {
		return new Programmes.Settings(programme.weeks(), programme.momentsPerWeek(), programme.replyWithinDays(), months,
				programme.mailMode(), programme.intakeAddress());
	}

	private int retentionOfIntakeOf(String email) {
		return jdbc.sql("select retention_months from intake where email = :e").param("e", email).query(Integer.class).single();
	}

	private int retentionOfTrajectoryOf(String email) {
		return jdbc.sql("select t.retention_months from trajectory t join intake i on i.trajectory_id = t.id where i.email = :e")
			.param("e", email)
			.query(Integer.class)
			.single();
	}

	/** A programme of eight weeks, once a week, one working day to answer: the form says so, not "twice a week for six weeks". */
	@Test
	void theFormAndItsAdviceNameTheProgrammesOwnRhythm() throws Exception {
		programmes.changeSettings(programme.id(), new Programmes.Settings(8, 1, 1, programme.retentionMonths(), programme.mailMode(),
				programme.intakeAddress()));
		WebSession browser = new WebSession(port);
		assertThat(browser.get("/intake/programme/" + programme.id()).body())
			.contains("8 weken lang één keer per week").contains("Heb je tijd om één keer per week een bericht te schrijven?")
			.contains("binnen één werkdag").doesNotContain("twee keer");
		String advice = browser.post("/intake/programme/" + programme.id(), form("Twijfel", "ritme-" + suffix + "@example.nl", "NO"))
			.body();
		assertThat(advice).contains("E-coaching vraagt dat je 8 weken lang één keer per week een bericht schrijft.")
			.doesNotContain("zes weken").doesNotContain("twee keer");
		WebSession english = new WebSession(port);
		assertThat(english.get("/intake/programme/" + programme.id() + "?lang=en").body())
			.contains("once a week for 8 weeks").contains("within one working day").doesNotContain("1 times");
	}

	@Test
	void anInvitationOpensTheFormWithTheAddressAlreadyProven() throws Exception {
		String email = "uitgenodigd-" + suffix + "@example.nl";
		intakes.invite(programme, email, "Ilse de Wit", java.util.Locale.forLanguageTag("nl"), null);
		MimeMessage invitation = Mailboxes.awaitMail(mailServer, email, m -> true);
		assertThat(invitation.getSubject()).contains("Uitnodiging voor e-coaching");
		String link = linkIn(invitation);

		WebSession browser = new WebSession(port);
		assertThat(browser.get(link).body()).contains("Ilse de Wit").contains("Je schrijft vanaf " + email);
		// The address in the form cannot replace the one the invitation went to.
		String posted = form("Ilse de Wit", "iemand-anders@example.nl", "PARTLY");
		assertThat(browser.post(link, posted).body()).contains("Je aanmelding is binnen");
		assertThat(accounts.byEmail("iemand-anders@example.nl")).isEmpty();
		var participant = accounts.byEmail(email).orElseThrow();
		assertThat(trajectories.ofParticipant(participant.id())).singleElement()
			.extracting(TrajectoryOverview::status).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(intakes.open(programme.id())).isEmpty();
	}

	@Test
	void aMailToTheIntakeAddressBecomesAnApplicationAnsweredOnceWithALink() throws Exception {
		String sender = "per-mail-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Aanmelding", "Ik wil graag meedoen. Mijn vraag gaat over doorgroeien.");
		MimeMessage answer = Mailboxes.awaitMail(mailServer, sender, m -> true);
		assertThat(answer.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
		// Whoever wrote may not read Dutch: the answer says it in English too.
		assertThat(Mailboxes.text(answer)).contains("Dank je voor je mail").contains("Thank you for your mail");
		String link = linkIn(answer);

		send(sender, programme.intakeAddress(), "Nog iets", "En ik werk parttime.");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> intakes.open(programme.id()).stream().anyMatch(i -> i.question().contains("parttime")));
		assertThat(Mailboxes.read(mailServer, sender, Mailboxes.PASSWORD)).as("a sender is answered once a day").hasSize(1);

		WebSession browser = new WebSession(port);
		assertThat(browser.get(link).body()).contains("doorgroeien").contains("parttime");
		assertThat(browser.post(link, form("Per Mail", sender, "YES")).body()).contains("Je aanmelding is binnen");
	}

	/**
	 * The mails an application by mail was made of hold the applicant's name, address and words as the
	 * application does: erasing the application empties them at once (decision 0105), also the second mail of
	 * the day that added its words to it, instead of leaving them for the period of unneeded mail.
	 */
	@Test
	void erasingAnApplicationByMailEmptiesTheMailsItWasMadeOf(@Autowired nl.briefwissel.mail.InboundMails inbound,
			@Autowired TrajectoryErasure erasure) {
		String sender = "gewist-" + suffix + "@example.nl";
		UUID first = inbound.store(intakeMail(sender, "Ik wil graag meedoen."), nl.briefwissel.mail.InboundMails.Source.SMTP,
				sender, java.util.List.of(programme.intakeAddress())).id();
		await().atMost(Duration.ofSeconds(15)).until(() -> intakes.open(programme.id()).size() == 1);
		UUID second = inbound.store(intakeMail(sender, "En ik werk parttime."), nl.briefwissel.mail.InboundMails.Source.SMTP,
				sender, java.util.List.of(programme.intakeAddress())).id();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> intakes.open(programme.id()).stream().anyMatch(i -> i.question().contains("parttime")));
		UUID otherSender = inbound.store(intakeMail("ander-" + suffix + "@example.nl", "Ik ook."),
				nl.briefwissel.mail.InboundMails.Source.SMTP, "ander-" + suffix + "@example.nl",
				java.util.List.of(programme.intakeAddress())).id();
		await().atMost(Duration.ofSeconds(15)).until(() -> intakes.open(programme.id()).size() == 2);

		erasure.eraseApplicationsOf(sender);

		assertThat(jdbc.sql("select size_bytes from inbound_mail where id in (:ids)").param("ids", java.util.List.of(first, second))
			.query(Integer.class).list()).hasSize(2).containsOnly(0);
		assertThat(jdbc.sql("select count(*) from inbound_mail where id in (:ids) and envelope_from is not null")
			.param("ids", java.util.List.of(first, second)).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select size_bytes from inbound_mail where id = :id").param("id", otherSender).query(Integer.class).single())
			.as("another applicant's mail").isPositive();
	}

	/**
	 * A programme given the platform's reply mailbox as its intake address before the form refused it: a mail there
	 * without a reply address (a mail program that dropped the +token) is no application, and nobody is asked to
	 * confirm one; it is held as any mail without a reference is.
	 */
	@Test
	void aMailToThePlatformsReplyMailboxIsNoApplicationEvenForAProgrammeGivenThatAddress(
			@Autowired nl.briefwissel.mail.InboundMails inbound, @Autowired nl.briefwissel.conversation.Quarantine quarantine,
			@Autowired nl.briefwissel.mail.ReplyAddress replies) {
		String platforms = "reply@" + replies.domain(); // the reply mailbox itself, without a token
		String before = programme.intakeAddress();
		jdbc.sql("update programme set intake_address = :address where id = :id").param("address", platforms)
			.param("id", programme.id()).update();
		try {
			String sender = "zonder-token-" + suffix + "@example.nl";
			String subject = "Re: je brief " + suffix;
			inbound.store(("From: " + sender + "\r\nTo: " + platforms + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
					+ UUID.randomUUID() + "@client.example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nMijn antwoord.\r\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8), nl.briefwissel.mail.InboundMails.Source.SMTP, sender,
					java.util.List.of(platforms));

			await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.all().stream().anyMatch(e -> subject.equals(e.subject())));
			assertThat(intakes.open(programme.id())).as("no application").isEmpty();
			assertThat(quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst().orElseThrow().why())
				.isInstanceOf(nl.briefwissel.conversation.QuarantineReason.NoReference.class);
		}
		finally {
			jdbc.sql("update programme set intake_address = :address where id = :id").param("address", before)
				.param("id", programme.id()).update();
		}
	}

	/**
	 * The answer to a mail to the intake address is in Dutch and in English, and so is its subject: an English
	 * applicant got a Dutch subject only, over a body they could read.
	 */
	@Test
	void theAnswerToAnIntakeMailHasItsSubjectInBothLanguages() throws Exception {
		String sender = "onderwerp-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Application", "I would like to take part. My question is about my next step.");
		MimeMessage answer = Mailboxes.awaitMail(mailServer, sender, m -> true);
		assertThat(Mailboxes.subject(answer))
			.isEqualTo("Je aanmelding voor " + programme.name() + " / Your application to " + programme.name());
	}

	private byte[] intakeMail(String from, String words) {
		return ("From: " + from + "\r\nTo: " + programme.intakeAddress() + "\r\nSubject: Aanmelding\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@client.example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + words + "\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * The answer to a mail to the intake address is in Dutch and in English, each half with its own link: the
	 * English half had only the Dutch label under both ("Aanmelding afmaken:") and the Dutch page behind it.
	 */
	@Test
	void theAnswerToAnIntakeMailHasALinkInEachLanguage() throws Exception {
		String sender = "twee-talen-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Aanmelding", "Ik wil graag meedoen.");
		MimeMessage answer = Mailboxes.awaitMail(mailServer, sender, m -> true);
		String token = linkIn(answer);
		String text = Mailboxes.text(answer).replace("\r\n", "\n");
		int dutchLink = text.indexOf("Aanmelding afmaken:\n");
		int english = text.indexOf("Thank you for your mail");
		int englishLink = text.indexOf("Complete application:\n");
		assertThat(dutchLink).as("the Dutch label").isPositive().isLessThan(english);
		assertThat(englishLink).as("the English label, under the English paragraphs").isGreaterThan(english);
		assertThat(text.substring(dutchLink, english)).contains(token + "?lang=nl").doesNotContain("lang=en");
		assertThat(text.substring(englishLink)).contains(token + "?lang=en").doesNotContain("lang=nl");

		org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(Mailboxes.html(answer));
		org.jsoup.nodes.Element inEnglish = html.selectFirst("[lang=en]");
		assertThat(inEnglish.select("a").eachText()).containsExactly("Complete application");
		assertThat(inEnglish.selectFirst("a").attr("href")).endsWith(token + "?lang=en");
		assertThat(html.select("a").eachText()).containsExactly("Aanmelding afmaken", "Complete application");
		assertThat(html.selectFirst("a").attr("href")).endsWith(token + "?lang=nl");
	}

	/**
	 * "Confirm" twice at once, by someone who has an account already: the second click waits for the
	 * first and finds the application sent, so there is one trajectory, not two, and the second click
	 * is answered with it (the browser shows that answer, not the first).
	 */
	@Test
	void twoConfirmationsAtOnceMakeOneTrajectoryAndBothAreAnsweredWithIt(@Autowired org.springframework.transaction.support.TransactionTemplate transactions)
			throws Exception {
		String email = "dubbel-" + suffix + "@example.nl";
		var existing = accounts.register(new nl.briefwissel.account.NewAccount(programme.organisationId(), email, "Dubbel",
				java.util.Locale.forLanguageTag("nl"), java.util.Set.of(nl.briefwissel.account.Role.PARTICIPANT), null));
		new WebSession(port).post("/intake/programme/" + programme.id(), form("Dubbel Klik", email, "YES"));
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		String token = link.substring(link.lastIndexOf('/') + 1);
		var confirmed = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				var submission = intakes.confirm(token);
				confirmed.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return submission;
			}));
			confirmed.await();
			var second = executor.submit(() -> intakes.confirm(token));
			Thread.sleep(300);
			release.countDown();
			assertThat(first.get()).isPresent().containsInstanceOf(Intakes.Submission.Submitted.class);
			assertThat(second.get()).as("the first click's application").isEqualTo(first.get());
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(trajectories.ofParticipant(existing.id())).hasSize(1);
	}

	/**
	 * The public form sent from two tabs by someone without an account, then both confirmation links
	 * clicked at once: the second waits for the first, which made the account, and is told the application
	 * is in already; one account and one trajectory, and no error page (it was a duplicate key).
	 */
	@Test
	void twoFirstApplicationsConfirmedAtOnceMakeOneAccountAndTheSecondIsToldItIsIn(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		String email = "twee-tabs-" + suffix + "@example.nl";
		programmes.openPublicIntake(programme.id(), true);
		Programme open = programmes.byId(programme.id()).orElseThrow();
		for (String tab : java.util.List.of("eerste", "tweede")) {
			intakes.applyByLink(open, new IntakeForm("Tabje " + tab, email, "Vraag uit het " + tab + " tabblad", "NEXT_STEP",
					new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
					java.util.Locale.forLanguageTag("nl"), UUID.randomUUID());
		}
		java.util.List<String> tokens = new java.util.ArrayList<>();
		mailServer.ensureMailbox(email);
		await().atMost(Duration.ofSeconds(15)).until(() -> Mailboxes.read(mailServer, email, Mailboxes.PASSWORD).size() == 2);
		for (MimeMessage mail : Mailboxes.read(mailServer, email, Mailboxes.PASSWORD)) {
			String link = linkIn(mail);
			tokens.add(link.substring(link.lastIndexOf('/') + 1));
		}
		var confirmed = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				var submission = intakes.confirm(tokens.get(0));
				confirmed.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return submission;
			}));
			confirmed.await();
			var second = executor.submit(() -> intakes.confirm(tokens.get(1)));
			Thread.sleep(300);
			release.countDown();
			assertThat(first.get()).isPresent().containsInstanceOf(Intakes.Submission.Submitted.class);
			assertThat(second.get()).as("the second tab is told the application is in")
				.isPresent()
				.containsInstanceOf(Intakes.Submission.AlreadyEnrolled.class);
			assertThat(second.get().orElseThrow().trajectoryId()).isEqualTo(first.get().orElseThrow().trajectoryId());
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		var participant = accounts.byEmail(email).orElseThrow();
		assertThat(trajectories.ofParticipant(participant.id())).hasSize(1);
	}

	/**
	 * The public form sent twice at once (a double click: the second request arrives while the first is
	 * still writing): one application and one mail, and the second is answered as the first, not with an error.
	 */
	@Test
	void thePublicFormSentTwiceAtOnceMakesOneApplication(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		String email = "dubbelklik-" + suffix + "@example.nl";
		programmes.openPublicIntake(programme.id(), true);
		Programme open = programmes.byId(programme.id()).orElseThrow();
		IntakeForm form = new IntakeForm("Dubbel Klikker", email, "Een vraag, twee keer verstuurd", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true);
		UUID submission = UUID.randomUUID();
		var written = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.executeWithoutResult(status -> {
				intakes.applyByLink(open, form, java.util.Locale.forLanguageTag("nl"), submission);
				written.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			written.await();
			var second = executor.submit(() -> intakes.applyByLink(open, form, java.util.Locale.forLanguageTag("nl"), submission));
			Thread.sleep(300);
			release.countDown();
			first.get();
			second.get();
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(intakes.open(programme.id())).hasSize(1);
		assertThat(mailsTo(email)).isEqualTo(1);
	}

	/**
	 * Someone with a Dutch account applies again, in English: the application's own mail (its confirmation) goes in
	 * English, the language they just used, but the account keeps its language: an application never changes an
	 * existing account's (decision 0113; before, it did, and a coach's workspace changed language). A form sent while
	 * they are still in the programme goes nowhere, and changes nothing either.
	 */
	@Test
	void someoneKnownWhoAppliesInTheOtherLanguageIsWrittenToInThatLanguage() throws Exception {
		String email = "andere-taal-" + suffix + "@example.nl";
		var known = accounts.register(new nl.briefwissel.account.NewAccount(programme.organisationId(), email, "Eerder Bekend",
				java.util.Locale.forLanguageTag("nl"), java.util.Set.of(nl.briefwissel.account.Role.PARTICIPANT), null));
		programmes.openPublicIntake(programme.id(), true);
		Programme open = programmes.byId(programme.id()).orElseThrow();
		IntakeForm form = new IntakeForm("Known Again", email, "A question written in English this time", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true);
		intakes.applyByLink(open, form, java.util.Locale.ENGLISH, UUID.randomUUID());
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		// The application's own mail speaks the language of the form; the account keeps its own (decision 0113).
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, email, m -> true))).contains("Confirm");
		assertThat(intakes.confirm(link.substring(link.lastIndexOf('/') + 1))).containsInstanceOf(Intakes.Submission.Submitted.class);
		assertThat(accounts.byId(known.id()).orElseThrow().language()).isEqualTo(java.util.Locale.forLanguageTag("nl"));

		intakes.applyByLink(open, form, java.util.Locale.forLanguageTag("nl"), UUID.randomUUID());
		await().atMost(Duration.ofSeconds(15)).until(() -> Mailboxes.read(mailServer, email, Mailboxes.PASSWORD).size() == 2);
		String again = Mailboxes.read(mailServer, email, Mailboxes.PASSWORD).stream().map(IntakeTests::linkIn)
			.filter(l -> !l.equals(link)).findFirst().orElseThrow();
		assertThat(intakes.confirm(again.substring(again.lastIndexOf('/') + 1)))
			.containsInstanceOf(Intakes.Submission.AlreadyEnrolled.class);
		assertThat(accounts.byId(known.id()).orElseThrow().language()).as("nothing new to write about")
			.isEqualTo(java.util.Locale.forLanguageTag("nl"));
	}

	/**
	 * A programme manager who invites the address of a staff account (here an e-coach's) is told whose account it is
	 * before anything is mailed, and invites it only by ticking that they mean it, for that address (a coach may be
	 * coached: decision 0101). Completed with the form in English, the application does not change the coach's
	 * language: their workspace and mails stay as they chose (decision 0113).
	 */
	@Test
	void aStaffAddressIsInvitedOnlyOnPurposeAndItsApplicationKeepsTheAccountsLanguage(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "coach-" + suffix + "@example.nl";
		var coach = fixtures.person(programme.organisationId(), email, "Carla Coach", nl.briefwissel.account.Role.COACH);
		assertThat(coach.language().getLanguage()).isEqualTo("nl");

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Carla Coach").param("email", email.toUpperCase(java.util.Locale.ROOT)).param("language", "en")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()));
		assertThat(mailsTo(email)).isZero();
		assertThat(intakes.open(programme.id())).isEmpty();
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element field = page.getElementById("invite-email-" + programme.id());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById(field.attr("aria-describedby")).text()).contains("e-coach", "deelnemer");
		org.jsoup.nodes.Element box = page.getElementById("invite-staff-" + programme.id());
		assertThat(box).isNotNull();
		assertThat(box.hasAttr("checked")).isFalse();

		// In English too; a box ticked for another address does not confirm this one.
		nl.briefwissel.Browser english = new nl.briefwissel.Browser(mvc);
		english.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Carla Coach").param("email", email).param("language", "en").param("staffAccount", "ander@example.nl")
				.param("submission", UUID.randomUUID().toString()));
		assertThat(org.jsoup.Jsoup.parse(english.perform(get("/programme/intakes?lang=en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("invite-email-error-" + programme.id()).text())
			.contains("e-coach", "participant");
		assertThat(mailsTo(email)).isZero();

		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Carla Coach").param("email", email).param("language", "en").param("staffAccount", box.val())
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("doneAt", "invite-" + programme.id()));
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));

		WebSession applicant = new WebSession(port);
		applicant.get(link + "?lang=en");
		assertThat(applicant.post(link, form("Carla Coach", email, "YES")).body()).contains("Your application is in");
		var after = accounts.byEmail(email).orElseThrow();
		assertThat(after.language().getLanguage()).as("the coach's own language").isEqualTo("nl");
		assertThat(after.has(nl.briefwissel.account.Role.PARTICIPANT)).as("a coach may be coached (decision 0101)").isTrue();
		assertThat(after.has(nl.briefwissel.account.Role.COACH)).isTrue();

		// Another organisation's e-coach is invited as anyone is: the manager learns nothing of who works elsewhere.
		var elsewhere = organisations.create("Elders " + suffix);
		String theirs = "elders-" + suffix + "@example.nl";
		fixtures.person(elsewhere.id(), theirs, "Elders Coach", nl.briefwissel.account.Role.COACH);
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Elders Coach").param("email", theirs).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("doneAt", "invite-" + programme.id()))
			.andExpect(flash().attribute("inviteStaff", org.hamcrest.Matchers.nullValue()));
		Mailboxes.awaitMail(mailServer, theirs, m -> true);
	}

	/**
	 * An account the employer's provider made (its operator signed in with someone's address, before decision 0101)
	 * stays bound to the operator's user; the application of the address's owner that gives it the participant's
	 * role clears that binding and every link that would bind it, in the same transaction (decision 0101).
	 */
	@Test
	void anApplicationThatMakesAnAccountAParticipantsClearsItsBindingToTheProvider() throws Exception {
		String email = "gekoppeld-" + suffix + "@example.nl";
		var made = accounts.register(new nl.briefwissel.account.NewAccount(programme.organisationId(), email, "Gemaakt",
				java.util.Locale.forLanguageTag("nl"), java.util.Set.of(), null));
		jdbc.sql("update account set external_subject = 'https://login.example app operator' where id = :id")
			.param("id", made.id()).update();
		jdbc.sql("""
				insert into single_sign_on_link (token_hash, account_id, organisation_id, external_subject, provider, created_at,
				    expires_at) values (:hash, :account, :organisation, 'https://login.example app other', 'https://login.example app ',
				    current_timestamp, current_timestamp + interval '1' hour)""")
			.param("hash", "b".repeat(64)).param("account", made.id()).param("organisation", programme.organisationId()).update();
		programmes.openPublicIntake(programme.id(), true);
		IntakeForm form = new IntakeForm("Gemaakt", email, "Een vraag over mijn loopbaan", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true);
		intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), form, java.util.Locale.forLanguageTag("nl"),
				UUID.randomUUID());
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		assertThat(intakes.confirm(link.substring(link.lastIndexOf('/') + 1))).containsInstanceOf(Intakes.Submission.Submitted.class);
		assertThat(jdbc.sql("select count(*) from account where id = :id and external_subject is null").param("id", made.id())
			.query(Integer.class).single()).isOne();
		assertThat(jdbc.sql("select count(*) from single_sign_on_link where account_id = :id").param("id", made.id())
			.query(Integer.class).single()).isZero();
	}

	/** A sender's display name longer than a name is kept short; the application is stored and answered all the same. */
	@Test
	void aMailWithAVeryLongSenderNameBecomesAnApplication() throws Exception {
		String sender = "lange-naam-" + suffix + "@example.nl";
		send("\"" + "Heel Lange Naam ".repeat(20).strip() + "\" <" + sender + ">", programme.intakeAddress(), "Aanmelding",
				"Ik wil graag meedoen.");
		Mailboxes.awaitMail(mailServer, sender, m -> true);
		assertThat(intakes.open(programme.id())).anySatisfy(intake -> assertThat(intake.displayName()).hasSize(200));
	}

	/**
	 * A mail to the intake address is trimmed as a letter is: the coach reads the question, not the sender's
	 * signature with their work phone or their employer's legal footer. The sign-off stays, as in a letter. The
	 * name comes from the sender's display name, not from the signature that was cut.
	 */
	@Test
	void aMailToTheIntakeAddressLeavesItsSignatureAndDisclaimerOutOfTheQuestion() throws Exception {
		String sender = "handtekening-" + suffix + "@example.nl";
		send("Anja de Vries <" + sender + ">", programme.intakeAddress(), "Aanmelding", """
				Beste mensen,

				Ik wil graag meedoen. Mijn vraag gaat over doorgroeien naar een leidinggevende functie.

				Met vriendelijke groet,

				--\s
				Anja de Vries
				Gemeente Utrecht
				Tel 06-12345678

				Dit bericht is uitsluitend bestemd voor de geadresseerde. Indien u niet de geadresseerde bent, \
				verzoeken wij u dit bericht te verwijderen. Aan dit bericht kunnen geen rechten worden ontleend.
				""");
		Mailboxes.awaitMail(mailServer, sender, m -> true);
		Intake application = intakes.open(programme.id()).stream().filter(i -> i.email().equals(sender)).findFirst()
			.orElseThrow();
		assertThat(application.question()).contains("doorgroeien naar een leidinggevende functie", "Met vriendelijke groet,")
			.doesNotContain("Gemeente Utrecht", "06-12345678", "geadresseerde", "rechten");
		assertThat(application.displayName()).isEqualTo("Anja de Vries");
	}

	/**
	 * A mail that is only a signature would leave no question once trimmed: it is kept as it came, after its
	 * subject, so nothing the person sent is lost (it becomes an application all the same, unlike an empty letter).
	 */
	@Test
	void aMailToTheIntakeAddressThatIsOnlyASignatureKeepsItsText() throws Exception {
		String sender = "alleen-handtekening-" + suffix + "@example.nl";
		send(sender, programme.intakeAddress(), "Aanmelding loopbaancoaching", """
				--\s
				Anja de Vries
				Gemeente Utrecht
				Tel 06-12345678
				""");
		Mailboxes.awaitMail(mailServer, sender, m -> true);
		Intake application = intakes.open(programme.id()).stream().filter(i -> i.email().equals(sender)).findFirst()
			.orElseThrow();
		assertThat(application.question()).startsWith("Aanmelding loopbaancoaching")
			.contains("Anja de Vries", "Gemeente Utrecht", "Tel 06-12345678");
	}

	@Test
	void aClosedProgrammeLinkIsNotFoundButInvitationsKeepWorking() throws Exception {
		programmes.openPublicIntake(programme.id(), false);
		WebSession browser = new WebSession(port);
		var closed = browser.get("/intake/programme/" + programme.id());
		assertThat(closed.statusCode()).isEqualTo(404);
		// Said as it is, not as "a typo in the address".
		assertThat(closed.body()).contains("Aanmelden via deze link is gesloten").doesNotContain("typefout");
		String email = "dicht-" + suffix + "@example.nl";
		intakes.invite(programme, email, "Dicht", java.util.Locale.forLanguageTag("nl"), null);
		assertThat(intakes.open(programme.id())).hasSize(1);

		// A withdrawn invitation's link stops working.
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		assertThat(browser.get(link).body()).contains("Je schrijft vanaf " + email);
		assertThat(intakes.withdraw(intakes.open(programme.id()).get(0).id(), programme.id())).isTrue();
		assertThat(browser.get(link).body()).contains("Deze link werkt niet meer");
		assertThat(intakes.open(programme.id())).isEmpty();
		// Withdrawn while the person was writing: the form they send gives their question back to keep.
		assertThat(browser.post(link, form("Dicht", email, "YES")).body()).contains("Deze link werkt niet meer")
			.contains("id=\"kept-question\"")
			.contains("Ik wil naar het onderwijs, maar durf de overstap nog niet.");
	}

	/**
	 * A completion link that no longer works (withdrawn, expired, used up) answers 410 with its page, as the
	 * evaluation and address-confirmation links do (decision 0008): with 200 a mail scanner or a monitor took a
	 * dead link for a working one. A link cut off by a mail program never was one: 404, the same page.
	 */
	@Test
	void aCompletionLinkThatNoLongerWorksIsGoneAndABrokenOneNotFound() throws Exception {
		String email = "weg-" + suffix + "@example.nl";
		intakes.invite(programme, email, "Wies Weg", java.util.Locale.forLanguageTag("nl"), null);
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		WebSession browser = new WebSession(port);
		assertThat(browser.get(link).statusCode()).isEqualTo(200);
		assertThat(intakes.withdraw(intakes.open(programme.id()).get(0).id(), programme.id())).isTrue();

		HttpResponse<String> gone = browser.get(link);
		assertThat(gone.statusCode()).isEqualTo(410);
		assertThat(gone.body()).contains("Deze link werkt niet meer");
		HttpResponse<String> sent = browser.post(link, form("Wies Weg", email, "YES"));
		assertThat(sent.statusCode()).isEqualTo(410);
		assertThat(sent.body()).contains("Deze link werkt niet meer").contains("id=\"kept-question\"");
		HttpResponse<String> broken = browser.get(link.substring(0, link.length() - 5));
		assertThat(broken.statusCode()).isEqualTo(404);
		assertThat(broken.body()).contains("Deze link werkt niet meer");

		// The confirmation link of the public form is answered the same way.
		HttpResponse<String> unknown = browser.post("/intake/confirm/" + nl.briefwissel.account.LinkTokens.create(), "");
		assertThat(unknown.statusCode()).isEqualTo(410);
		assertThat(unknown.body()).contains("Deze link werkt niet meer");
		assertThat(browser.post("/intake/confirm/afgebroken", "").statusCode()).isEqualTo(404);
	}

	/**
	 * Review: opening a confirmation link answered 200 with the confirm button whatever the link was, so a scanner or
	 * a monitor took a dead one for a working one. Opened, a working link shows its button; once confirmed, it shows
	 * what became of the application (a second look answers as the first); an unknown one is gone (410), a broken-off
	 * one not found (404). Opening it changes nothing.
	 */
	@Test
	void aConfirmationLinkOpenedSaysWhatItIsByItsStatusToo() throws Exception {
		String email = "bevestig-" + suffix + "@example.nl";
		WebSession browser = new WebSession(port);
		assertThat(browser.post("/intake/programme/" + programme.id(), form("Bea Bevestig", email, "YES")).body())
			.contains("Kijk in je mailbox");
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> Mailboxes.text(m).contains("/intake/confirm/")));
		HttpResponse<String> working = browser.get(link);
		assertThat(working.statusCode()).isEqualTo(200);
		assertThat(working.body()).contains("<form").doesNotContain("Deze link werkt niet meer");
		assertThat(browser.get(link).statusCode()).as("opening changes nothing").isEqualTo(200);

		assertThat(browser.post(link, "").body()).contains("Je aanmelding is binnen");
		HttpResponse<String> again = browser.get(link);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("Je aanmelding is binnen");

		HttpResponse<String> unknown = browser.get("/intake/confirm/" + nl.briefwissel.account.LinkTokens.create());
		assertThat(unknown.statusCode()).isEqualTo(410);
		assertThat(unknown.body()).contains("Deze link werkt niet meer");
		assertThat(browser.get(link.substring(0, link.length() - 5)).statusCode()).isEqualTo(404);
	}

	/**
	 * The public intake closes while someone is writing: sending the form says so, in their language, and
	 * gives their question back to keep, instead of "page not found". An unknown programme stays not found.
	 */
	@Test
	void aFormSentAfterThePublicIntakeClosedSaysSoAndGivesTheQuestionBack() throws Exception {
		WebSession browser = new WebSession(port);
		assertThat(browser.get("/intake/programme/" + programme.id()).statusCode()).isEqualTo(200);
		programmes.openPublicIntake(programme.id(), false);

		String email = "te-laat-" + suffix + "@example.nl";
		HttpResponse<String> sent = browser.post("/intake/programme/" + programme.id(), form("Tessa Telaat", email, "YES"));
		assertThat(sent.statusCode()).isEqualTo(200);
		assertThat(sent.body()).contains("Aanmelden via deze link is gesloten")
			.contains("Ik wil naar het onderwijs, maar durf de overstap nog niet.")
			.contains("id=\"kept-question\"");
		assertThat(intakes.open(programme.id())).isEmpty();
		assertThat(mailsTo(email)).isZero();

		WebSession english = new WebSession(port);
		english.get("/login?lang=en");
		assertThat(english.post("/intake/programme/" + programme.id(), form("Tessa Telaat", email, "YES")).body())
			.contains("Applying through this link is closed")
			.contains("Ik wil naar het onderwijs, maar durf de overstap nog niet.");

		assertThat(browser.post("/intake/programme/" + UUID.randomUUID(), form("Tessa Telaat", email, "YES")).statusCode())
			.isEqualTo(404);
	}

	/** A used confirmation link says the application is in while it is valid; expired, it says the link no longer works. */
	@Test
	void aUsedConfirmationLinkSaysTheApplicationIsInUntilItExpires() throws Exception {
		WebSession browser = new WebSession(port);
		String email = "verlopen-" + suffix + "@example.nl";
		browser.post("/intake/programme/" + programme.id(), form("Vera Verlopen", email, "YES"));
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		String token = link.substring(link.lastIndexOf('/') + 1);
		assertThat(intakes.confirm(token)).containsInstanceOf(Intakes.Submission.Submitted.class);
		assertThat(intakes.confirm(token)).containsInstanceOf(Intakes.Submission.Submitted.class);
		// For a second click, not for the link's whole week: "we are looking for a coach" may end.
		assertThat(jdbc.sql("select token_expires_at from intake where token_hash = :hash")
			.param("hash", nl.briefwissel.account.LinkTokens.hash(token)).query(java.time.OffsetDateTime.class).single())
			.isBefore(java.time.OffsetDateTime.now().plusHours(1).plusMinutes(1));
		assertThat(intakes.forgetSubmissionsBefore(java.time.OffsetDateTime.now().plusHours(2))).isGreaterThanOrEqualTo(1);

		jdbc.sql("update intake set token_expires_at = :past where token_hash = :hash")
			.param("past", java.time.OffsetDateTime.now().minusDays(1))
			.param("hash", nl.briefwissel.account.LinkTokens.hash(token))
			.update();
		assertThat(intakes.confirm(token)).isEmpty();
		assertThat(browser.post(link, "").body()).contains("Deze link werkt niet meer");
	}

	/**
	 * The invitation's form sent twice (a double click): both answers say the application is in, there
	 * is one trajectory, and the link opened later says the same.
	 */
	@Test
	void anInvitationFormSentTwiceMakesOneTrajectoryAndIsAnsweredAsTheFirst() throws Exception {
		String email = "twee-keer-" + suffix + "@example.nl";
		intakes.invite(programme, email, "Twan Tweemaal", java.util.Locale.forLanguageTag("nl"), null);
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));

		WebSession browser = new WebSession(port);
		assertThat(browser.post(link, form("Twan Tweemaal", email, "YES")).body()).contains("Je aanmelding is binnen");
		assertThat(browser.post(link, form("Twan Tweemaal", email, "YES")).body()).contains("Je aanmelding is binnen")
			.doesNotContain("Deze link werkt niet meer");
		assertThat(browser.get(link).body()).contains("Je aanmelding is binnen");
		var participant = accounts.byEmail(email).orElseThrow();
		assertThat(trajectories.ofParticipant(participant.id())).hasSize(1);
	}

	/**
	 * "Uitnodiging sturen" twice with one form (the same submission id): one application and one mail,
	 * and the second lands on the same answer. The same person invited again from a fresh form is
	 * invited again.
	 */
	@Test
	void twoIdenticalInvitationsMakeOneApplicationAndOneMail(@Autowired MockMvc mvc, @Autowired Fixtures fixtures)
			throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString())
			.as("the invitation form carries its id").contains("name=\"submission\"");
		String email = "eenmaal-" + suffix + "@example.nl";
		UUID submission = UUID.randomUUID();
		MvcResult second = null;
		for (int click = 0; click < 2; click++) {
			second = mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf())
					.with(fixtures.as(manager))
					.param("name", "Ina Eenmaal").param("email", email).param("language", "nl")
					.param("submission", submission.toString()))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()))
				.andReturn();
		}
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)).cookie(second.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString()).contains("De uitnodiging is gestuurd naar " + email);
		assertThat(intakes.open(programme.id())).singleElement().extracting(Intake::email).isEqualTo(email);
		assertThat(mailsTo(email)).isEqualTo(1);
		// On the trail as sent once, and the second press as already done: not two invitations sent.
		assertThat(jdbc.sql("select details from audit_entry where actor_id = :manager and route = :route")
			.param("manager", manager.id())
			.param("route", "POST /programme/programmes/{id}/invitations")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("id=" + programme.id(), "id=" + programme.id() + ", outcome=already");

		// Asked again from a fresh form (another day, another manager): the invitation open is said, none is added.
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("name", "Ina Eenmaal").param("email", email.toUpperCase(java.util.Locale.ROOT)).param("language", "nl")
			.param("submission", UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "invitation.pending")));
		assertThat(intakes.open(programme.id())).hasSize(1);
		assertThat(mailsTo(email)).as("asked again from a fresh form, no second invitation").isEqualTo(1);
	}

	/**
	 * A name longer than the form takes is refused in the manager's language, not with the validator's own
	 * sentence; an address pasted with a space around it is invited, as on the administrator's form.
	 */
	@Test
	void anInvitationFormSaysWhatIsWrongInTheManagersWordsAndTakesAnAddressWithSpacesAround(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-spatie-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "spatie-" + suffix + "@example.nl";
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("name", "N".repeat(300)).param("email", email).param("language", "nl")
			.param("submission", UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("name", "De naam mag hoogstens 200 tekens lang zijn.")));
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("name", "  Sam Spatie ").param("email", "  " + email + " ").param("language", "nl")
			.param("submission", UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeCount(2))
			.andExpect(flash().attribute("done", java.util.Map.of("key", "intakes.invite.sent", "arg", email)));
		assertThat(intakes.open(programme.id())).singleElement().satisfies(intake -> {
			assertThat(intake.email()).isEqualTo(email);
			assertThat(intake.displayName()).isEqualTo("Sam Spatie");
		});
	}

	/**
	 * Two invitation forms for one new address sent in the same second (two managers, or two tabs): each saw no
	 * application yet and each wrote one, so two mails with two working links went out. The first holds its
	 * transaction open while the second comes in: one application and one mail, and the second is answered with
	 * the invitation the first sent, as a later form would be, not with an error page. On the run's database
	 * (H2, or PostgreSQL with BRIEFWISSEL_DB_URL).
	 */
	@Test
	void twoInvitationFormsForOneAddressAtOnceMakeOneApplicationAndTheSecondIsToldOfIt(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		String email = "tegelijk-" + suffix + "@example.nl";
		var written = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		Intakes.Invited second;
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				Intakes.Invited invited = intakes.invite(programme, email, "Tessa Tegelijk", java.util.Locale.forLanguageTag("nl"),
						null, UUID.randomUUID());
				written.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return invited;
			}));
			written.await();
			var other = executor.submit(() -> intakes.invite(programme, email.toUpperCase(java.util.Locale.ROOT), "Tessa T.",
					java.util.Locale.forLanguageTag("en"), null, UUID.randomUUID()));
			Thread.sleep(300);
			release.countDown();
			assertThat(first.get()).isInstanceOf(Intakes.Invited.Sent.class);
			second = other.get();
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(second).isInstanceOfSatisfying(Intakes.Invited.AlreadyPending.class,
				pending -> assertThat(pending.invitation().name()).isEqualTo("Tessa Tegelijk"));
		assertThat(intakes.open(programme.id())).singleElement().extracting(Intake::email).isEqualTo(email);
		assertThat(mailsTo(email)).isEqualTo(1);
	}

	/**
	 * An address with an invitation not used yet is told with it (sent when, valid until when) and sent it
	 * again only on the button, which ends the earlier link; a second click of that button sends nothing more.
	 * The application stays one.
	 */
	@Test
	void anAddressInvitedBeforeIsToldItsInvitationAndIsSentItAgainOnlyOnRequest(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "nogmaals-" + suffix + "@example.nl";
		intakes.invite(programme, email, "Nico Nogmaals", java.util.Locale.forLanguageTag("nl"), manager.id());
		String first = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Nico N.").param("email", email).param("language", "en")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()));
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element field = page.getElementById("invite-email-" + programme.id());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById(field.attr("aria-describedby")).text())
			.startsWith("Nico Nogmaals (" + email + ") is al uitgenodigd: de uitnodiging is verstuurd op ")
			.contains(" en werkt tot ", "Er is geen tweede verstuurd.");
		assertThat(field.val()).isEqualTo(email);
		assertThat(page.getElementById("invite-name-" + programme.id()).val()).isEqualTo("Nico N.");
		assertThat(mailsTo(email)).isEqualTo(1);

		org.jsoup.nodes.Element again = page.selectFirst("#invite-" + programme.id() + " ~ form button[formaction]");
		assertThat(again.text()).isEqualTo("Uitnodiging opnieuw versturen");
		String action = again.attr("formaction");
		for (int click = 0; click < 2; click++) {
			browser.perform(post(action.substring(0, action.indexOf('?'))).with(csrf()).with(fixtures.as(manager))
					.param("sent", action.substring(action.indexOf("sent=") + 5)).param("name", "Nico N.").param("email", email))
				.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()));
		}
		assertThat(browser.perform(get("/programme/intakes").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString()).contains("De uitnodiging is opnieuw verstuurd aan Nico Nogmaals (" + email + ")");
		assertThat(mailsTo(email)).as("sent again once, for two clicks").isEqualTo(2);
		String second = linkIn(Mailboxes.awaitMail(mailServer, email, m -> !Mailboxes.text(m).contains(first)));
		assertThat(intakes.open(programme.id())).singleElement().extracting(Intake::email).isEqualTo(email);

		WebSession person = new WebSession(port);
		assertThat(person.get(first).body()).contains("Deze link werkt niet meer");
		assertThat(person.get(second).body()).contains("Je schrijft vanaf " + email);

		// Withdrawn meanwhile, there is nothing to send again, and the typed form comes back.
		intakes.withdraw(intakes.open(programme.id()).get(0).id(), programme.id());
		mvc.perform(post(action.substring(0, action.indexOf('?'))).with(csrf()).with(fixtures.as(manager)).param("sent", "0")
				.param("name", "Nico N.").param("email", email))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email",
					"Deze uitnodiging is intussen gebruikt of ingetrokken; er is niets verstuurd.")));
		assertThat(mailsTo(email)).isEqualTo(2);
		// Another programme's manager does not reach it.
		var elsewhere = organisations.create("Elders " + suffix);
		var stranger = fixtures.person(elsewhere.id(), "pm-elders-" + suffix + "@example.nl", "Elders",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post(action.substring(0, action.indexOf('?'))).with(csrf()).with(fixtures.as(stranger)).param("sent", "0"))
			.andExpect(status().isNotFound());
	}

	/**
	 * An invitation whose link ran out is listed as expired, not as an invitation that works, and inviting the
	 * address again sends it again: a new link for the same application (decision 0062). Before, the list said
	 * "invited" and the form refused with "ran out, no new one was sent", a second button away from a new link.
	 */
	@Test
	void anInvitationThatRanOutIsListedAsExpiredAndInvitingTheAddressAgainSendsANewLink(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "verlopen-" + suffix + "@example.nl";
		Intake invited = intakes.invite(programme, email, "Vera Verlopen", java.util.Locale.forLanguageTag("nl"), manager.id());
		String first = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		jdbc.sql("update intake set token_expires_at = :past where id = :id")
			.param("past", java.time.OffsetDateTime.now().minusDays(2)).param("id", invited.id()).update();

		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element row = page.getElementById("application-" + invited.id());
		assertThat(row.text()).contains("Uitnodiging verlopen op ").doesNotContain("Uitgenodigd, formulier nog niet ingevuld");
		assertThat(row.selectFirst("form[action$=/invitation] button").text()).isEqualTo("Uitnodiging opnieuw versturen");

		// Pressed twice (a double click): sent again once, and both are answered so.
		UUID submission = UUID.randomUUID();
		MvcResult sent = null;
		for (int click = 0; click < 2; click++) {
			sent = mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf())
					.with(fixtures.as(manager)).param("name", "Vera V.").param("email", email.toUpperCase(java.util.Locale.ROOT))
					.param("language", "nl").param("submission", submission.toString()))
				.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()))
				.andExpect(flash().attribute("doneAt", "invite-" + programme.id()))
				.andReturn();
		}
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)).cookie(sent.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString()).contains("De uitnodiging is opnieuw verstuurd aan Vera Verlopen (" + email + ")");
		assertThat(mailsTo(email)).isEqualTo(2);
		String second = linkIn(Mailboxes.awaitMail(mailServer, email, m -> !Mailboxes.text(m).contains(first)));
		assertThat(intakes.open(programme.id())).singleElement().extracting(Intake::id).isEqualTo(invited.id());
		assertThat(new WebSession(port).get(second).body()).contains("Je schrijft vanaf " + email);
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString()).getElementById("application-" + invited.id()).text()).contains("Uitgenodigd, formulier nog niet ingevuld");
	}

	/**
	 * The list of applications not complete yet sends an invitation again from its row, as the form's button does:
	 * once per sending it shows, answered at the list, with the form's protection against other sites. A manager of
	 * another organisation does not reach it, nor does a coach. Before, only the form offered it, after a refusal.
	 */
	@Test
	void theListSendsAnInvitationAgainOnlyForTheManagersOwnProgramme(@Autowired MockMvc mvc, @Autowired Fixtures fixtures)
			throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "lijst-" + suffix + "@example.nl";
		Intake invited = intakes.invite(programme, email, "Lies Lijst", java.util.Locale.forLanguageTag("nl"), manager.id());
		String first = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));

		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element form = page.getElementById("application-" + invited.id()).selectFirst("form[action$=/invitation]");
		org.jsoup.nodes.Element button = form.selectFirst("button");
		assertThat(button.text()).isEqualTo("Uitnodiging opnieuw versturen");
		assertThat(button.attr("aria-label")).as("the visible text is in the name (WCAG 2.5.3)").startsWith("Uitnodiging opnieuw versturen aan Lies Lijst (").endsWith(", uitgenodigd)");
		assertThat(page.getElementById(button.attr("aria-describedby")).text()).contains("de link in de eerdere mail werkt dan niet meer");
		assertThat(form.selectFirst("input[name=_csrf]")).isNotNull();
		String action = form.attr("action");
		String shown = form.selectFirst("input[name=sent]").val();

		String stranger = "pm-elders-" + suffix + "@example.nl";
		var elsewhere = fixtures.person(organisations.create("Elders " + suffix).id(), stranger, "Elders",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post(action).with(csrf()).with(fixtures.as(elsewhere)).param("sent", shown).param("openPage", "1"))
			.andExpect(status().isNotFound());
		var coach = fixtures.person(programme.organisationId(), "coach-" + suffix + "@example.nl", "Coach",
				nl.briefwissel.account.Role.COACH);
		mvc.perform(post(action).with(csrf()).with(fixtures.as(coach)).param("sent", shown).param("openPage", "1"))
			.andExpect(status().isForbidden());
		mvc.perform(post(action).with(fixtures.as(manager)).param("sent", shown).param("openPage", "1"))
			.andExpect(status().isForbidden());
		assertThat(mailsTo(email)).as("nobody but the manager sent it again").isEqualTo(1);

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		for (int click = 0; click < 2; click++) {
			browser.perform(post(action).with(csrf()).with(fixtures.as(manager)).param("sent", shown).param("openPage", "1"))
				.andExpect(redirectedUrl("/programme/intakes?programme=" + programme.id() + "&open=1#open-" + programme.id()))
				.andExpect(flash().attribute("doneAt", "open-" + programme.id()));
		}
		// The flash is for the page the answer redirected to, with its query.
		org.jsoup.nodes.Document after = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes?programme=" + programme.id()
				+ "&open=1").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(after.getElementById("open-" + programme.id()).parent().select("div[role=status]").eachText())
			.anySatisfy(said -> assertThat(said).contains("De uitnodiging is opnieuw verstuurd aan Lies Lijst.").doesNotContain(email));
		assertThat(mailsTo(email)).as("sent again once, for two clicks").isEqualTo(2);
		linkIn(Mailboxes.awaitMail(mailServer, email, m -> !Mailboxes.text(m).contains(first)));
		assertThat(new WebSession(port).get(first).body()).contains("Deze link werkt niet meer");

		// Withdrawn meanwhile: said at the list, nothing sent.
		intakes.withdraw(invited.id(), programme.id());
		mvc.perform(post(action).with(csrf()).with(fixtures.as(manager)).param("sent", "0").param("openPage", "1"))
			.andExpect(flash().attribute("problem", "invitation.again.gone"))
			.andExpect(flash().attribute("problemAt", "open-" + programme.id()));
		assertThat(mailsTo(email)).isEqualTo(2);
	}

	/**
	 * The list of applications not complete yet names each by its name, never its address: the statement and the
	 * register say a manager sees name, theme, status and dates, and no action on the list needs the address (each
	 * form names the application by its id). It showed the address of every application, by the link, by mail or
	 * invited. One by mail without a name says so, in the cell and in its buttons' names.
	 */
	@Test
	void theListOfApplicationsNamesEachApplicantWithoutTheirAddress(@Autowired MockMvc mvc, @Autowired Fixtures fixtures)
			throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		programmes.openPublicIntake(programme.id(), true);
		String linked = "link-" + suffix + "@example.nl";
		intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), new IntakeForm("Lies Link", linked, "Mijn vraag",
				"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				java.util.Locale.forLanguageTag("nl"), UUID.randomUUID());
		String mailed = "mail-" + suffix + "@example.nl";
		Intake named = intakes.receiveByMail(programme, mailed, "Mees Mail", "Ik wil graag meedoen.", null).orElseThrow();
		String nameless = "naamloos-" + suffix + "@example.nl";
		Intake withoutName = intakes.receiveByMail(programme, nameless, null, "Ik wil graag meedoen.", null).orElseThrow();
		String invitedAddress = "uitgenodigd-" + suffix + "@example.nl";
		intakes.invite(programme, invitedAddress, "Ivo Uitgenodigd", java.util.Locale.forLanguageTag("nl"), manager.id());

		for (String[] words : new String[][] { { "nl", "Iemand zonder naam (per mail)",
				"Aanmelding van iemand zonder naam \\(\\d{1,2} \\p{L}+ \\d{4} om \\d{2}:\\d{2}, per mail\\) intrekken" },
				{ "en", "Someone without a name (by mail)",
						"Withdraw the application of someone without a name \\(\\d{1,2} \\p{L}+ \\d{4} at \\d{2}:\\d{2}, by mail\\)" } }) {
			String html = mvc.perform(get("/programme/intakes").param("lang", words[0]).with(fixtures.as(manager))).andReturn()
				.getResponse().getContentAsString();
			assertThat(html).as(words[0]).doesNotContain(linked, mailed, nameless, invitedAddress);
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html);
			assertThat(page.select("#open-" + programme.id() + " ~ div table tbody tr td:first-child").eachText()).as(words[0])
				.containsExactlyInAnyOrder("Lies Link", "Mees Mail", words[1], "Ivo Uitgenodigd");
			assertThat(page.getElementById("application-" + named.id()).selectFirst("form[action$=/withdraw] button").attr("aria-label"))
				.as(words[0]).contains("Mees Mail");
			assertThat(page.getElementById("application-" + withoutName.id()).selectFirst("form[action$=/withdraw] button")
				.attr("aria-label")).matches(words[2]);
		}
	}

	/**
	 * A code review: with the addresses hidden from the manager, two applications of one name had identical rows and
	 * identical buttons (Aanmelding van Mees Mail intrekken), and so did every application by mail without a name: a
	 * screen reader user going by the buttons' names could withdraw the wrong one. Each row and its buttons say when
	 * and how it came in, and a number among those that still read alike.
	 */
	@Test
	void twoApplicationsOfOneNameHaveButtonsOfTheirOwnName(@Autowired MockMvc mvc, @Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		Intake first = intakes.receiveByMail(programme, "een-" + suffix + "@example.nl", "Mees Mail", "Ik wil graag meedoen.", null)
			.orElseThrow();
		Intake second = intakes.receiveByMail(programme, "twee-" + suffix + "@example.nl", "Mees Mail", "Ik wil graag meedoen.", null)
			.orElseThrow();
		Intake nameless = intakes.receiveByMail(programme, "drie-" + suffix + "@example.nl", null, "Ik wil graag meedoen.", null)
			.orElseThrow();
		Intake namelessToo = intakes.receiveByMail(programme, "vier-" + suffix + "@example.nl", null, "Ik wil graag meedoen.", null)
			.orElseThrow();
		for (String language : List.of("nl", "en")) {
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", language)
				.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
			for (Intake[] alike : new Intake[][] { { first, second }, { nameless, namelessToo } }) {
				org.jsoup.nodes.Element one = page.getElementById("application-" + alike[0].id());
				org.jsoup.nodes.Element other = page.getElementById("application-" + alike[1].id());
				String oneName = one.selectFirst("form[action$=/withdraw] button").attr("aria-label");
				String otherName = other.selectFirst("form[action$=/withdraw] button").attr("aria-label");
				assertThat(oneName).as(language).isNotEqualTo(otherName);
				assertThat(one.text()).as("the row shows what tells it apart").isNotEqualTo(other.text());
			}
			assertThat(page.getElementById("application-" + first.id()).selectFirst("form[action$=/withdraw] button").attr("aria-label"))
				.as(language).contains("Mees Mail");
		}
	}

	/**
	 * An address that applied itself by a mail to the intake address and has not completed it yet is not invited
	 * beside it: the form says so at the address, with a link to that application on the list, and nothing is
	 * mailed. Once its link ran out, the invitation goes out. Before, the person got the invitation too, and was on
	 * the list twice. (One by the public link, its address not confirmed, the invitation supersedes: decision 0082,
	 * {@code SupersededApplicationTests}.)
	 */
	@Test
	void anAddressThatMailedTheIntakeAddressIsToldOfThatApplicationInsteadOfInvited(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String mailed = "gemaild-" + suffix + "@example.nl";
		Intake applied = intakes.receiveByMail(programme, mailed, "Gijs Gemaild", "Ik wil graag meedoen.", null).orElseThrow();
		assertThat(mailsTo(mailed)).isEqualTo(1);

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Gijs Gemaild").param("email", mailed).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "intakes.invite.applied")));
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element field = page.getElementById("invite-email-" + programme.id());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.val()).isEqualTo(mailed);
		org.jsoup.nodes.Element said = page.getElementById(field.attr("aria-describedby"));
		assertThat(said.text()).startsWith("Gijs Gemaild (" + mailed + ") heeft op ")
			.contains("gemaild naar het aanmeldadres", "Er is geen uitnodiging verstuurd");
		assertThat(said.selectFirst("a").attr("href"))
			.isEqualTo("/programme/intakes?programme=" + programme.id() + "&open=1#application-" + applied.id());
		assertThat(page.getElementById("application-" + applied.id())).as("the link's target").isNotNull();
		assertThat(mailsTo(mailed)).as("no invitation beside the application").isEqualTo(1);
		assertThat(intakes.open(programme.id())).hasSize(1);

		// Said in English on an English page (a mail without a name: the address alone).
		String nameless = "naamloos-" + suffix + "@example.nl";
		intakes.receiveByMail(programme, nameless, null, "Ik wil graag meedoen.", null);
		nl.briefwissel.Browser english = new nl.briefwissel.Browser(mvc);
		english.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Gijs").param("email", nameless).param("language", "en")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "intakes.invite.applied")));
		org.jsoup.nodes.Document inEnglish = org.jsoup.Jsoup.parse(english.perform(get("/programme/intakes?lang=en")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(inEnglish.getElementById("invite-email-error-" + programme.id()).text())
			.startsWith(nameless + " mailed the intake address on ").contains("No invitation was sent", "Go to that application");
		assertThat(mailsTo(nameless)).isEqualTo(1);

		// The answer's link ran out: the application cannot be completed, and the invitation goes out.
		jdbc.sql("update intake set token_expires_at = :past where id = :id")
			.param("past", java.time.OffsetDateTime.now().minusMinutes(1)).param("id", applied.id()).update();
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Gijs Gemaild").param("email", mailed).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("doneAt", "invite-" + programme.id()));
		assertThat(mailsTo(mailed)).isEqualTo(2);
	}

	/**
	 * An address whose application is complete and waits for a coach, or whose trajectory in the programme runs, is
	 * not invited: the form says so at the address, with a link to where it is, and nothing is mailed (decision
	 * 0067). Before, the invitation went out, and completing it only said "you are in this programme already".
	 */
	@Test
	void anAddressInTheProgrammeAlreadyIsToldWhereInsteadOfInvited(@Autowired MockMvc mvc, @Autowired Fixtures fixtures)
			throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		programmes.openPublicIntake(programme.id(), true);
		String email = "binnen-" + suffix + "@example.nl";
		intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), new IntakeForm("Bram Binnen", email, "Mijn vraag",
				"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				java.util.Locale.forLanguageTag("nl"), UUID.randomUUID());
		String confirm = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		UUID trajectory = intakes.confirm(confirm.substring(confirm.lastIndexOf('/') + 1)).orElseThrow().trajectoryId();
		assertThat(mailsTo(email)).isEqualTo(1);

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Bram B.").param("email", email.toUpperCase(java.util.Locale.ROOT)).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "intakes.invite.enrolled")));
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element field = page.getElementById("invite-email-" + programme.id());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.val()).isEqualTo(email.toUpperCase(java.util.Locale.ROOT));
		org.jsoup.nodes.Element said = page.getElementById(field.attr("aria-describedby"));
		assertThat(said.text()).startsWith("Bram Binnen (" + email + ") heeft zich al aangemeld")
			.contains("wacht op een e-coach", "Er is geen uitnodiging verstuurd");
		assertThat(said.selectFirst("a").attr("href"))
			.isEqualTo("/programme/intakes?programme=" + programme.id() + "&waiting=1#intake-" + trajectory);
		assertThat(page.getElementById("intake-" + trajectory)).as("the link's target").isNotNull();
		assertThat(mailsTo(email)).as("no invitation").isEqualTo(1);
		assertThat(intakes.open(programme.id())).isEmpty();

		// A coach proposed: the link goes to the proposal.
		jdbc.sql("update trajectory set status = 'MATCHING' where id = :id").param("id", trajectory).update();
		nl.briefwissel.Browser proposed = new nl.briefwissel.Browser(mvc);
		proposed.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Bram").param("email", email).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "intakes.invite.enrolled")));
		org.jsoup.nodes.Document withProposal = org.jsoup.Jsoup.parse(proposed.perform(get("/programme/intakes")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element toProposal = withProposal.getElementById("invite-email-error-" + programme.id());
		assertThat(toProposal.text()).contains("doet al mee aan dit programma: er is een e-coach voorgesteld");
		assertThat(toProposal.selectFirst("a").attr("href"))
			.isEqualTo("/programme/intakes?programme=" + programme.id() + "#proposal-" + trajectory);
		assertThat(withProposal.getElementById("proposal-" + trajectory)).as("the link's target").isNotNull();

		// Coached already: the same, in English, with a link to the trajectory on the programme's running ones.
		jdbc.sql("update trajectory set status = 'RUNNING', started_on = current_date where id = :id").param("id", trajectory).update();
		nl.briefwissel.Browser english = new nl.briefwissel.Browser(mvc);
		english.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Bram").param("email", email).param("language", "en")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "intakes.invite.enrolled")));
		org.jsoup.nodes.Element inEnglish = org.jsoup.Jsoup.parse(english.perform(get("/programme/intakes?lang=en")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString())
			.getElementById("invite-email-error-" + programme.id());
		assertThat(inEnglish.text()).startsWith("Bram Binnen (" + email + ") is in this programme already: the trajectory is running.");
		String running = inEnglish.selectFirst("a").attr("href");
		assertThat(running).isEqualTo("/programme?programme=" + programme.id() + "&status=RUNNING&page=1#trajectory-" + trajectory);
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get(running.substring(0, running.indexOf('#'))).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("trajectory-" + trajectory)).as("the link's target").isNotNull();
		assertThat(mailsTo(email)).isEqualTo(1);

		// Accepted with its first day ahead: on the programme's list of those starting later, where its count is.
		jdbc.sql("update trajectory set started_on = :day where id = :id").param("day", nl.briefwissel.Today.date().plusDays(3))
			.param("id", trajectory).update();
		nl.briefwissel.Browser later = new nl.briefwissel.Browser(mvc);
		later.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Bram").param("email", email).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "intakes.invite.enrolled")));
		org.jsoup.nodes.Element notBegun = org.jsoup.Jsoup.parse(later.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("invite-email-error-" + programme.id());
		// Not begun: named by its first day, as the programme page and the coach's pages do (TrajectoryOverview.startsAfter).
		java.time.LocalDate firstDay = nl.briefwissel.Today.date().plusDays(3);
		assertThat(notBegun.text()).contains("doet al mee aan dit programma: het traject start op "
				+ firstDay.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))))
			.doesNotContain("het traject loopt");
		String startingSoon = notBegun.selectFirst("a").attr("href");
		assertThat(startingSoon).isEqualTo("/programme?programme=" + programme.id() + "&status=STARTING_SOON&page=1#trajectory-" + trajectory);
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get(startingSoon.substring(0, startingSoon.indexOf('#'))).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("trajectory-" + trajectory)).as("the link's target").isNotNull();
	}

	/**
	 * A participant's invitation is sent again at most as often an hour as a staff invitation (three mails with a link
	 * to one address, the first included): then nothing goes out and the list, or the form, says so (decision 0067).
	 * Before, every click sent one more mail.
	 */
	@Test
	void anInvitationIsSentAgainOnlyAsOftenAnHourAsAStaffInvitation(@Autowired MockMvc mvc, @Autowired Fixtures fixtures)
			throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "vaak-" + suffix + "@example.nl";
		Intake invited = intakes.invite(programme, email, "Vera Vaak", java.util.Locale.forLanguageTag("nl"), manager.id());
		for (int again = 1; again <= 3; again++) {
			org.jsoup.nodes.Element form = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
				.andReturn().getResponse().getContentAsString()).getElementById("application-" + invited.id())
				.selectFirst("form[action$=/invitation]");
			mvc.perform(post(form.attr("action")).with(csrf()).with(fixtures.as(manager))
					.param("sent", form.selectFirst("input[name=sent]").val()).param("openPage", "1"))
				.andExpect(flash().attribute(again < 3 ? "doneAt" : "problemAt", "open-" + programme.id()));
		}
		assertThat(mailsTo(email)).as("the invitation and two sent again").isEqualTo(3);
		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		org.jsoup.nodes.Element form = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("application-" + invited.id())
			.selectFirst("form[action$=/invitation]");
		browser.perform(post(form.attr("action")).with(csrf()).with(fixtures.as(manager))
				.param("sent", form.selectFirst("input[name=sent]").val()).param("openPage", "1"))
			.andExpect(flash().attribute("problem", "invitation.again.tooMany"));
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes?programme=" + programme.id()
				+ "&open=1").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("open-" + programme.id()).parent().select("div[role=alert]").eachText())
			.anySatisfy(said -> assertThat(said).contains("te veel mails met een link", "de eerdere link werkt nog"));
		assertThat(mailsTo(email)).isEqualTo(3);

		// Run out, and invited again by the form within the hour: nothing sent, said at the address in English.
		jdbc.sql("update intake set token_expires_at = :past where id = :id")
			.param("past", java.time.OffsetDateTime.now().minusMinutes(1)).param("id", invited.id()).update();
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Vera").param("email", email).param("language", "en").param("lang", "en")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email",
					"Too many mails with a link have gone to this address in the last hour; nothing was sent. Try again in an hour.")));
		assertThat(mailsTo(email)).isEqualTo(3);
	}

	/**
	 * An application by the programme's link or by mail whose own link ran out is listed as such, not as one the
	 * person can still finish, and its row invites the address instead: a new link, and the application that cannot
	 * be completed is withdrawn, so the person stands on the list once (decision 0067).
	 */
	@Test
	void anApplicationWhoseLinkRanOutIsListedSoAndItsAddressCanBeInvitedFromTheList(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		programmes.openPublicIntake(programme.id(), true);
		String email = "laat-" + suffix + "@example.nl";
		intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), new IntakeForm("Lot Laat", email, "Mijn vraag",
				"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				java.util.Locale.forLanguageTag("en"), UUID.randomUUID());
		Intake applied = intakes.open(programme.id()).get(0);
		String mailed = "mailde-" + suffix + "@example.nl";
		Intake byMail = intakes.receiveByMail(programme, mailed, null, "Ik wil graag meedoen.", null).orElseThrow();
		jdbc.sql("update intake set token_expires_at = :past where id in (:ids)")
			.param("past", java.time.OffsetDateTime.now().minusDays(1)).param("ids", java.util.List.of(applied.id(), byMail.id())).update();

		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element row = page.getElementById("application-" + applied.id());
		assertThat(row.text()).contains("Link verlopen op ", "e-mailadres niet bevestigd").doesNotContain("nog niet bevestigd");
		assertThat(page.getElementById("application-" + byMail.id()).text()).contains("Link verlopen op ", "formulier niet ingevuld");
		org.jsoup.nodes.Element button = row.selectFirst("form[action$=/invite-instead] button");
		assertThat(button.text()).isEqualTo("Uitnodigen");
		assertThat(button.attr("aria-label")).startsWith("Uitnodigen: Lot Laat (").endsWith(", via de link)");
		assertThat(page.getElementById(button.attr("aria-describedby")).text()).contains("wordt dan ingetrokken");
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes?lang=en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("application-" + applied.id()).text())
			.contains("Link expired on ");

		String action = button.parent().attr("action");
		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		for (int click = 0; click < 2; click++) {
			browser.perform(post(action).with(csrf()).with(fixtures.as(manager)).param("openPage", "1"))
				.andExpect(redirectedUrl("/programme/intakes?programme=" + programme.id() + "&open=1#open-" + programme.id()));
		}
		// The confirmation's record went with the application the invitation superseded (decision 0082).
		assertThat(mailsTo(email)).as("one invitation for two clicks").isEqualTo(1);
		String line = "id=" + programme.id() + ", intake=" + applied.id();
		assertThat(trail(manager, "POST /programme/programmes/{id}/intakes/{intake}/invite-instead"))
			.containsExactlyInAnyOrder(line, line + ", outcome=already");
		MimeMessage invitation = Mailboxes.awaitMail(mailServer, email, m -> Mailboxes.text(m).contains("/intake/complete/"));
		// The name was typed into the public form and never confirmed: it does not go out in our mail (decision 0082).
		assertThat(Mailboxes.text(invitation)).contains("Hello,").doesNotContain("Lot Laat");
		assertThat(intakes.open(programme.id())).extracting(Intake::email).containsExactlyInAnyOrder(email, mailed);
		assertThat(intakes.open(programme.id())).filteredOn(i -> i.email().equals(email)).singleElement()
			.extracting(Intake::source).isEqualTo(Intake.Source.INVITATION);
		assertThat(browser.perform(get("/programme/intakes?programme=" + programme.id() + "&open=1").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).contains("De uitnodiging is gestuurd naar Lot Laat.").doesNotContain(email);

		// Another organisation's manager does not reach the row.
		var stranger = fixtures.person(organisations.create("Elders " + suffix).id(), "pm-elders-" + suffix + "@example.nl",
				"Elders", nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post(page.getElementById("application-" + byMail.id()).selectFirst("form[action$=/invite-instead]").attr("action"))
				.with(csrf()).with(fixtures.as(stranger)).param("openPage", "1"))
			.andExpect(status().isNotFound());
		assertThat(mailsTo(mailed)).isEqualTo(1);
	}

	/**
	 * "Intrekken" twice (a double click, or a page left open): the second is answered as the first. An
	 * application completed meanwhile says so at the card, and is not withdrawn. Another programme's
	 * application, or none, is not found.
	 */
	@Test
	void aWithdrawalSentTwiceOrTooLateIsAnsweredWithWhatBecameOfTheApplication(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String withdraw = "/programme/programmes/{id}/intakes/{intake}/withdraw";
		Intake invited = intakes.invite(programme, "intrekken-" + suffix + "@example.nl", "Ivo Intrekken",
				java.util.Locale.forLanguageTag("nl"), null);
		MvcResult second = null;
		for (int click = 0; click < 2; click++) {
			second = mvc.perform(post(withdraw, programme.id(), invited.id()).with(csrf()).with(fixtures.as(manager)))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/programme/intakes#open-" + programme.id()))
				.andExpect(flash().attributeExists("done"))
				.andReturn();
		}
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)).cookie(second.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString()).contains("De aanmelding is ingetrokken");
		// On the trail as withdrawn once, and the second click as already done.
		String line = "id=" + programme.id() + ", intake=" + invited.id();
		assertThat(trail(manager, "POST " + withdraw)).containsExactlyInAnyOrder(line, line + ", outcome=already");
		assertThat(intakes.open(programme.id())).isEmpty();

		String email = "intussen-" + suffix + "@example.nl";
		Intake completed = intakes.invite(programme, email, "Anna Intussen", java.util.Locale.forLanguageTag("nl"), null);
		String link = linkIn(Mailboxes.awaitMail(mailServer, email, m -> true));
		assertThat(new WebSession(port).post(link, form("Anna Intussen", email, "YES")).body()).contains("Je aanmelding is binnen");
		MvcResult late = mvc.perform(post(withdraw, programme.id(), completed.id()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/programme/intakes#open-" + programme.id()))
			.andExpect(flash().attribute("problem", "intakes.withdraw.submitted"))
			.andExpect(flash().attribute("problemAt", "open-" + programme.id()))
			.andReturn();
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)).cookie(late.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString()).contains("Deze aanmelding is intussen afgerond");
		assertThat(intakes.statusOf(completed.id(), programme.id())).contains(Intake.Status.SUBMITTED);

		var other = programmes.create(programme.organisationId(), "Ander programma " + suffix, null, null);
		Intake elsewhere = intakes.invite(other, "elders-" + suffix + "@example.nl", "Eva Elders",
				java.util.Locale.forLanguageTag("nl"), null);
		mvc.perform(post(withdraw, programme.id(), elsewhere.id()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().isNotFound());
		mvc.perform(post(withdraw, programme.id(), UUID.randomUUID()).with(csrf()).with(fixtures.as(manager)))
			.andExpect(status().isNotFound());
		assertThat(intakes.open(other.id())).hasSize(1);
	}

	/** The public form sent twice (a double click): one application, one confirmation mail, the same answer twice. */
	@Test
	void thePublicFormSentTwiceMakesOneApplicationAndOneMail() throws Exception {
		WebSession browser = new WebSession(port);
		Matcher id = Pattern.compile("name=\"submission\" value=\"([0-9a-f-]{36})\"")
			.matcher(browser.get("/intake/programme/" + programme.id()).body());
		assertThat(id.find()).as("the form carries its id").isTrue();
		String email = "dubbel-formulier-" + suffix + "@example.nl";
		String posted = form("Dina Dubbel", email, "YES") + "&submission=" + id.group(1);
		assertThat(browser.post("/intake/programme/" + programme.id(), posted).body()).contains("Kijk in je mailbox");
		assertThat(browser.post("/intake/programme/" + programme.id(), posted).body()).contains("Kijk in je mailbox")
			.contains(email);
		assertThat(intakes.open(programme.id())).hasSize(1);
		assertThat(mailsTo(email)).isEqualTo(1);
	}

	/**
	 * An application by mail came without a name; invited instead once its link ran out, its invitation greets
	 * without one ("Beste ," before) and the list names it by its address ("null (…) is al uitgenodigd" before).
	 */
	@Test
	void anApplicationByMailWithoutANameInvitedInsteadIsGreetedAndNamedWithoutOne(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		String email = "naamloos-" + suffix + "@example.nl";
		Intake byMail = intakes.receiveByMail(programme, email, null, "Ik wil iets anders gaan doen.", null).orElseThrow();
		jdbc.sql("update intake set token_expires_at = :past where id = :id")
			.param("past", java.time.OffsetDateTime.now().minusDays(1))
			.param("id", byMail.id())
			.update();
		assertThat(intakes.inviteInstead(byMail.id(), programme, manager.id())).isPresent();
		MimeMessage invitation = Mailboxes.awaitMail(mailServer, email, m -> {
			try {
				return m.getSubject().contains("Uitnodiging voor e-coaching");
			}
			catch (jakarta.mail.MessagingException e) {
				return false;
			}
		});
		assertThat(Mailboxes.text(invitation)).contains("Hallo,").doesNotContain("Beste ,");

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Nina").param("email", email).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection());
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(browser.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		org.jsoup.nodes.Element field = page.getElementById("invite-email-" + programme.id());
		assertThat(page.getElementById(field.attr("aria-describedby")).text())
			.startsWith(email + " is al uitgenodigd: de uitnodiging is verstuurd op ")
			.doesNotContain("null");
	}

	/** The details of a person's lines on the audit trail for one route. */
	private java.util.List<String> trail(nl.briefwissel.account.Account actor, String route) {
		return jdbc.sql("select details from audit_entry where actor_id = :actor and route = :route")
			.param("actor", actor.id())
			.param("route", route)
			.query(String.class)
			.list();
	}

	private int mailsTo(String email) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :email")
			.param("email", email)
			.query(Integer.class)
			.single();
	}

	private static String form(String name, String email, String selfCheck) {
		return "displayName=" + enc(name) + "&email=" + enc(email)
				+ "&question=" + enc("Ik wil naar het onderwijs, maar durf de overstap nog niet.") + "&theme=RETRAINING"
				+ "&writesComfortably=" + selfCheck + "&motivated=YES&hasTime=YES&expectations=true&consent=true";
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	static String linkIn(MimeMessage mail) {
		Matcher link = LINK.matcher(Mailboxes.text(mail));
		assertThat(link.find()).as("a link in the mail").isTrue();
		return link.group(1);
	}

	private void send(String from, String to, String subject, String text) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(mailServer.smtpPort()));
		MimeMessage mail = new MimeMessage(Session.getInstance(properties));
		mail.setFrom(from);
		mail.setRecipients(RecipientType.TO, to);
		mail.setSubject(subject);
		mail.setText(text, "UTF-8");
		Transport.send(mail);
	}

	/**
	 * The mails to an address nobody has proven yet repeat nothing the sender typed: otherwise anyone
	 * could send their own words, under our name, to any address.
	 */
	@Test
	void theMailsToAnUnprovenAddressDoNotRepeatTheTypedName() throws Exception {
		String typed = "Win nu een prijs op prijs-" + suffix + ".example";
		String email = "onbewezen-" + suffix + "@example.nl";
		WebSession browser = new WebSession(port);
		assertThat(browser.post("/intake/programme/" + programme.id(), form(typed, email, "YES")).body())
			.contains("Kijk in je mailbox");
		MimeMessage confirmation = Mailboxes.awaitMail(mailServer, email, m -> true);
		assertThat(Mailboxes.text(confirmation)).contains("Hallo,").doesNotContain("prijs-" + suffix);
		assertThat(Mailboxes.html(confirmation)).contains("Hallo,").doesNotContain("prijs-" + suffix);

		String sender = "per-mail-naam-" + suffix + "@example.nl";
		send("\"" + typed + "\" <" + sender + ">", programme.intakeAddress(), "Aanmelding", "Ik wil graag meedoen.");
		MimeMessage answer = Mailboxes.awaitMail(mailServer, sender, m -> true);
		assertThat(Mailboxes.text(answer)).contains("Hallo,").doesNotContain("prijs-" + suffix);
	}

	/**
	 * Every public form sent mails an address, so one network address sends only so many in a while
	 * (30 in the tests, as by default); the next is refused with a page that says why and what to do.
	 */
	@Test
	void manyFormsFromOneNetworkAddressAreRefusedWithAPageThatSaysSo(@Autowired MockMvc mvc) throws Exception {
		org.springframework.test.web.servlet.request.RequestPostProcessor flood = from("198.51.100." + (1 + (int) (Math.random() * 250)));
		for (int i = 0; i < 30; i++) {
			// Incomplete forms: nothing is written or mailed, but each one counts.
			mvc.perform(post("/intake/programme/{id}", programme.id()).param("displayName", "Floor Vloed").with(flood).with(csrf()))
				.andExpect(status().isUnprocessableContent());
		}
		String email = "vloed-" + suffix + "@example.nl";
		mvc.perform(post("/intake/programme/{id}", programme.id())
			.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
			.content(form("Floor Vloed", email, "YES"))
			.with(flood)
			.with(csrf())).andExpect(status().isTooManyRequests());
		assertThat(intakes.open(programme.id())).isEmpty();
		assertThat(mailsTo(email)).isZero();

		String page = mvc.perform(get("/error").accept(org.springframework.http.MediaType.TEXT_HTML)
				.requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 429))
			.andExpect(status().isTooManyRequests())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Even te veel tegelijk").contains("terugknop");

		String other = "ander-netwerk-" + suffix + "@example.nl";
		mvc.perform(post("/intake/programme/{id}", programme.id())
			.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
			.content(form("Olga Anders", other, "YES"))
			.with(from("203.0.113." + (1 + (int) (Math.random() * 250))))
			.with(csrf())).andExpect(status().isOk());
		assertThat(mailsTo(other)).as("another network address is not held back").isEqualTo(1);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/**
	 * A mail to the intake address from a sender that is read leniently, as mail clients do, but that
	 * no answer can be written to (“jan..jansen@example.nl”) makes no application that could never be
	 * completed, and queues no answer that would fail on every attempt; the mail itself is kept.
	 */
	@Test
	void aMailFromAnAddressNoAnswerCanBeWrittenToMakesNoApplicationAndQueuesNoMail(
			@Autowired nl.briefwissel.mail.InboundMails inbound) {
		String sender = "jan..jansen-" + suffix + "@example.nl";
		byte[] raw = ("From: Jan Jansen <" + sender + ">\r\nTo: " + programme.intakeAddress() + "\r\nSubject: Aanmelding\r\n"
				+ "Message-ID: <" + UUID.randomUUID() + "@client.example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ "Ik wil graag meedoen. Mijn vraag gaat over doorgroeien.\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		UUID id = inbound.store(raw, nl.briefwissel.mail.InboundMails.Source.SMTP, "jan@example.nl",
				java.util.List.of(programme.intakeAddress())).id();
		try {
			// Held for the administrators with why, at the first attempt.
			await().atMost(Duration.ofSeconds(15))
				.until(() -> jdbc.sql("select count(*) from quarantined_mail where inbound_mail_id = :id and reason_code = 'unanswerableApplicant'")
					.param("id", id).query(Integer.class).single() == 1);
			assertThat(intakes.open(programme.id())).isEmpty();
			assertThat(mailsTo(sender)).isZero();
			assertThat(inbound.raw(id)).as("the mail is kept").isPresent();
		}
		finally {
			// Given up on now rather than after the pipeline's attempts, so no other test finds it waiting.
			jdbc.sql("update inbound_mail set status = 'FAILED' where id = :id and status = 'RECEIVED'").param("id", id).update();
		}
	}

	/**
	 * A name of 201 characters was told "Vul je naam in", as if it were missing; an address without a dot
	 * after the @ ("sam@gemeente", a typo) was taken, and its confirmation could never arrive. Each is told
	 * what is wrong with it, in the person's language, and nothing is made; the manager's invitation of such an
	 * address is refused too.
	 */
	@Test
	void aNameTooLongAndAnAddressWithoutADotInItsDomainAreToldWhatIsWrong(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		String dotless = "sam-" + suffix + "@gemeente";
		for (String[] language : new String[][] {
				{ "nl", "Je naam mag hoogstens 200 tekens lang zijn.", "Vul je naam in.",
						"Na de @ ontbreekt een punt: controleer of je e-mailadres helemaal klopt" },
				{ "en", "Your name can be at most 200 characters long.", "Enter your name.",
						"There is no dot after the @: check that your e-mail address is complete" } }) {
			WebSession browser = new WebSession(port);
			browser.get("/login?lang=" + language[0]);
			String tooLong = browser.post("/intake/programme/" + programme.id(), form("S".repeat(201), "sam-" + suffix + "@example.nl", "YES")).body();
			assertThat(tooLong).as(language[0]).contains(language[1]).doesNotContain(language[2]);
			String noDot = browser.post("/intake/programme/" + programme.id(), form("Sam Jansen", dotless, "YES")).body();
			assertThat(noDot).as(language[0]).contains(language[3]).contains(dotless);
		}
		// The programme manager's invitation too: no invitation would reach it.
		var manager = fixtures.person(programme.organisationId(), "pm-dot-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("name", "Sam Jansen").param("email", dotless).param("language", "nl")
			.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors",
					java.util.Map.of("email", "Na de @ ontbreekt een punt: controleer of het e-mailadres helemaal klopt.")));

		assertThat(intakes.open(programme.id())).isEmpty();
		assertThat(mailsTo(dotless)).isZero();
	}

	/**
	 * An address the validator lets through but no mail can be written to (an underscore in the
	 * domain, as a typo makes): the public form and the invitation say so at the field in the person's
	 * language, keep what was typed, and make nothing. Before, the page said "check your mail" (or
	 * "invitation sent") and the mail failed for good at its first attempt, unseen by anyone.
	 */
	@Test
	void anAddressNoMailCanBeWrittenToIsRefusedAtTheFormAndKeepsWhatWasTyped(@Autowired MockMvc mvc,
			@Autowired Fixtures fixtures) throws Exception {
		String unwritable = "sam-" + suffix + "@gemeente_west.nl";
		HttpResponse<String> page = new WebSession(port).post("/intake/programme/" + programme.id(),
				form("Sam Jansen", unwritable, "YES"));
		assertThat(page.statusCode()).isEqualTo(422);
		assertThat(page.body()).contains("Vul een geldig e-mailadres in").doesNotContain("Kijk in je mailbox")
			.contains("Sam Jansen").contains("durf de overstap nog niet");
		WebSession english = new WebSession(port);
		english.get("/login?lang=en");
		assertThat(english.post("/intake/programme/" + programme.id(), form("Sam Jansen", unwritable, "YES")).body())
			.contains("Enter a valid e-mail address");

		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("name", "Sam Jansen").param("email", unwritable).param("language", "nl")
			.param("submission", UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("inviteErrors", java.util.Map.of("email", "Vul een geldig e-mailadres in.")))
			.andExpect(flash().attributeExists("inviteTyped"));

		assertThat(intakes.open(programme.id())).isEmpty();
		assertThat(mailsTo(unwritable)).isZero();
	}


	/**
	 * An invitation's language that is neither Dutch nor English (a form changed by hand, an old page)
	 * is said at the field, with what was typed kept; a tag longer than the column failed with a 500
	 * and any other went out as a Dutch mail to an application of an unknown language.
	 */
	@Test
	void anInvitationInALanguageWeDoNotWriteIsRefusedAtItsField(@Autowired MockMvc mvc, @Autowired Fixtures fixtures)
			throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		for (String language : new String[] { "abcdefgh", "de" }) {
			mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Ina Taal").param("email", "taal-" + suffix + "@example.nl").param("language", language)
				.param("submission", UUID.randomUUID().toString()))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("inviteErrors", java.util.Map.of("language", "Kies Nederlands of Engels.")))
				.andExpect(flash().attributeExists("inviteTyped"));
		}
		assertThat(intakes.open(programme.id())).isEmpty();
	}


	/**
	 * The sentence about the new link stood alone above the list of applications not yet completed and read as if a
	 * mail was going out; it stands at the button that sends one, as the button's description, in both languages.
	 */
	@Test
	void theNewLinkSentenceStandsAtTheSendAgainButton(@Autowired MockMvc mvc, @Autowired Fixtures fixtures) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		Intake invited = intakes.invite(programme, "opnieuw-" + suffix + "@example.nl", "Ria Opnieuw", java.util.Locale.forLanguageTag("nl"),
				manager.id());
		for (String[] language : new String[][] { { "nl", "Uitnodiging opnieuw versturen stuurt een nieuwe mail met een nieuwe link" },
				{ "en", "Send the invitation again sends a new mail with a new link" } }) {
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", language[0])
				.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
			org.jsoup.nodes.Element row = page.getElementById("application-" + invited.id());
			assertThat(row).as(language[0]).isNotNull();
			org.jsoup.nodes.Element button = row.selectFirst("form[action$=/invitation] button");
			assertThat(button).as(language[0]).isNotNull();
			org.jsoup.nodes.Element help = page.getElementById(button.attr("aria-describedby"));
			assertThat(help).as(language[0]).isNotNull();
			assertThat(help.closest("form")).as("beside the button").isSameAs(button.closest("form"));
			assertThat(help.text()).as(language[0]).startsWith(language[1]);
			assertThat(page.select("p").stream().filter(p -> p.closest("table") == null)
				.filter(p -> p.text().contains(language[0].equals("nl") ? "eerdere mail" : "earlier mail")))
				.as("not alone outside the list").isEmpty();
		}
	}

}

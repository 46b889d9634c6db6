package nl.briefwissel.trajectory;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Anyone can type any address into a programme's public form. An application by it that was never confirmed
 * gives way to the programme's own invitation of that address (decision 0082): it no longer stops the invitation,
 * its link says it no longer applies, and nothing the stranger typed reaches the invited person, the manager or
 * the person's own export, nor is it kept.
 */
@BriefwisselTest
class SupersededApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Intakes intakes;

	@Autowired
	Accounts accounts;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	Programme programme;

	String suffix;

	@BeforeEach
	void aProgrammeWithAPublicLink() {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Voorrang " + suffix);
		programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "voorrang-" + suffix + "@briefwissel.test", null);
		programmes.openPublicIntake(programme.id(), true);
	}

	@Test
	void aStrangersUnconfirmedApplicationGivesWayToTheProgrammesInvitation() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String employee = "medewerker-" + suffix + "@example.nl";
		String secret = "Mijn geheime vraag " + suffix + " over mijn baas";
		WebSession stranger = new WebSession(port);
		assertThat(stranger.post("/intake/programme/" + programme.id(), "displayName=" + enc("Vreemde Vera " + suffix) + "&email="
				+ enc(employee) + "&question=" + enc(secret) + "&theme=RETRAINING&writesComfortably=YES&motivated=YES&hasTime=YES"
				+ "&expectations=true&consent=true").body()).contains("Kijk in je mailbox");
		String confirmation = IntakeTests.linkIn(Mailboxes.awaitMail(mailServer, employee, m -> Mailboxes.text(m).contains("/intake/confirm/")));
		UUID strangers = intakes.open(programme.id()).get(0).id();

		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Mila Medewerker").param("email", employee).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(redirectedUrl("/programme/intakes#invite-" + programme.id()))
			.andExpect(flash().attribute("done", Map.of("key", "intakes.invite.sent", "arg", employee)));

		// The invitation went out, in the manager's words only.
		MimeMessage invitation = Mailboxes.awaitMail(mailServer, employee, m -> Mailboxes.text(m).contains("/intake/complete/"));
		assertThat(Mailboxes.text(invitation)).contains("Beste Mila,").doesNotContain("Vreemde Vera").doesNotContain(secret);
		String complete = IntakeTests.linkIn(invitation);
		String form = new WebSession(port).get(complete).body();
		assertThat(form).contains("Mila Medewerker").doesNotContain("Vreemde Vera").doesNotContain(secret);

		// The manager's list has the invitation alone, and nothing of the stranger's.
		assertThat(intakes.open(programme.id())).singleElement().extracting(Intake::source).isEqualTo(Intake.Source.INVITATION);
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString())
			.doesNotContain("Vreemde Vera");

		// Nothing the stranger typed is kept, nor the mail it caused.
		Map<String, Object> row = jdbc.sql("""
				select status, display_name, question, theme, writes_comfortably, consent_at, expectations_agreed_at
				from intake where id = :id""").param("id", strangers).query().singleRow();
		assertThat(row.get("status")).isEqualTo("SUPERSEDED");
		assertThat(row.entrySet()).filteredOn(e -> !e.getKey().equalsIgnoreCase("status")).allMatch(e -> e.getValue() == null);
		assertThat(jdbc.sql("select count(*) from outbound_mail_about where about_id = :id").param("id", strangers).query(Integer.class)
			.single()).isZero();
		assertThat(intakes.applicationsOf(UUID.randomUUID(), employee)).singleElement()
			.extracting(Intakes.Application::source).isEqualTo(Intake.Source.INVITATION);

		// The confirmation link says it no longer applies, in Dutch and in English, and applies nothing. It no longer
		// works, so it answers 410 with that page (decisions 0008 and 0091): with 200 a mail scanner or a monitor
		// took it for a working one. Reading it changes nothing, so a scanner opening it consumes nothing.
		HttpResponse<String> dutch = new WebSession(port).post(confirmation, "");
		assertThat(dutch.statusCode()).isEqualTo(410);
		assertThat(dutch.body()).contains("Deze aanmelding geldt niet meer").contains("zelf uitgenodigd")
			.doesNotContain("Vreemde Vera");
		HttpResponse<String> english = new WebSession(port).get(confirmation + "?lang=en");
		assertThat(english.statusCode()).isEqualTo(410);
		assertThat(english.body()).contains("This application no longer applies")
			.contains("invited this e-mail address itself");
		assertThat(new WebSession(port).get(confirmation).statusCode()).as("opened again, still the same").isEqualTo(410);
		assertThat(jdbc.sql("select status from intake where id = :id").param("id", strangers).query(String.class).single())
			.isEqualTo("SUPERSEDED");
		assertThat(accounts.byEmail(employee)).isEmpty();

		// The invitation works.
		assertThat(new WebSession(port).post(complete, "displayName=" + enc("Mila Medewerker") + "&email=" + enc(employee)
				+ "&question=" + enc("Ik wil weten wat mijn volgende stap is.") + "&theme=RETRAINING&writesComfortably=YES"
				+ "&motivated=YES&hasTime=YES&expectations=true&consent=true").body()).contains("Je aanmelding is binnen");
		assertThat(accounts.byEmail(employee)).isPresent();
	}

	/** One that the person applied for themselves and has not confirmed either: the invitation is the way on. */
	@Test
	void anUnconfirmedApplicationWhoseLinkRanOutGoesAsWellAndAMailedOneStillHoldsTheInvitation() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String employee = "verlopen-" + suffix + "@example.nl";
		intakes.applyByLink(programmes.byId(programme.id()).orElseThrow(), new IntakeForm("Vreemde Vera", employee, secretQuestion(),
				"NEXT_STEP", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				Locale.forLanguageTag("nl"), UUID.randomUUID());
		UUID ranOut = intakes.open(programme.id()).get(0).id();
		jdbc.sql("update intake set token_expires_at = :past where id = :id")
			.param("past", java.time.OffsetDateTime.now().minusDays(1)).param("id", ranOut).update();

		intakes.invite(programmes.byId(programme.id()).orElseThrow(), employee, "Mila", Locale.forLanguageTag("nl"), manager.id());

		assertThat(jdbc.sql("select status from intake where id = :id").param("id", ranOut).query(String.class).single())
			.isEqualTo("SUPERSEDED");
		assertThat(jdbc.sql("select count(*) from intake where id = :id and question is null and display_name is null")
			.param("id", ranOut).query(Integer.class).single()).isOne();

		// A mail to the intake address came from the address itself: its link still holds the invitation (decision 0062).
		String mailed = "gemaild-" + suffix + "@example.nl";
		intakes.receiveByMail(programme, mailed, null, "Ik wil graag meedoen.", null);
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Gijs").param("email", mailed).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("inviteErrors", Map.of("email", "intakes.invite.applied")));
	}

	/**
	 * A mail to the intake address in an address's name whose sender was not confirmed started a marked application
	 * (decision 0129). Nobody at that address confirmed anything: it answered the programme's invitation "already
	 * applied" for its link's 30 days. It stops nothing now (decision 0137): the invitation goes out, the marked
	 * application stays as it was (its words and mail kept, out of the person's export, until its link runs out), and
	 * whichever link the person uses, they get one trajectory.
	 */
	@Test
	void aMarkedApplicationByMailDoesNotStopTheProgrammesInvitationAndLeadsToOneTrajectory() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String address = "gemerkt-" + suffix + "@example.nl";
		Intake marked = intakes.receiveByMail(programme, address, "Vreemde Vera", secretQuestion(), null, java.util.List.of(), true)
			.orElseThrow();
		String markedLink = IntakeTests.linkIn(Mailboxes.awaitMail(mailServer, address,
				m -> Mailboxes.subject(m).startsWith("Je aanmelding")));

		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "Mila Medewerker").param("email", address).param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attribute("done", Map.of("key", "intakes.invite.sent", "arg", address)));
		MimeMessage invitation = Mailboxes.awaitMail(mailServer, address, m -> Mailboxes.subject(m).startsWith("Uitnodiging"));
		assertThat(Mailboxes.text(invitation)).contains("Beste Mila,").doesNotContain("Vreemde Vera").doesNotContain(secretQuestion());
		String invited = IntakeTests.linkIn(invitation);

		// The marked application is left as it was: kept with its words, still marked, not the person's.
		Map<String, Object> row = jdbc.sql("select status, sender_unconfirmed, question from intake where id = :id")
			.param("id", marked.id()).query().singleRow();
		assertThat(row.get("status")).isEqualTo("RECEIVED_BY_MAIL");
		assertThat(row.get("sender_unconfirmed")).isEqualTo(true);
		assertThat(row.get("question")).isNotNull();
		assertThat(intakes.applicationsOf(UUID.randomUUID(), address)).singleElement()
			.extracting(Intakes.Application::source).isEqualTo(Intake.Source.INVITATION);

		// The invitation's link first, then the marked one's: in once, the second says so.
		IntakeForm form = new IntakeForm("Mila Medewerker", address, "Ik wil weten wat mijn volgende stap is.", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true);
		assertThat(intakes.complete(token(invited), form, Locale.forLanguageTag("nl")))
			.hasValueSatisfying(done -> assertThat(done).isInstanceOf(Intakes.Submission.Submitted.class));
		assertThat(intakes.complete(token(markedLink), form, Locale.forLanguageTag("nl")))
			.hasValueSatisfying(done -> assertThat(done).isInstanceOf(Intakes.Submission.AlreadyEnrolled.class));
		assertThat(jdbc.sql("select count(*) from trajectory t join account a on a.id = t.participant_id where a.email = :e")
			.param("e", address).query(Integer.class).single()).isOne();
	}

	private static String token(String link) {
		return link.substring(link.lastIndexOf('/') + 1);
	}

	/**
	 * An address with an older application (by mail, elsewhere) and one by the public link whose confirmation ran out:
	 * one manager invites instead from the list while another sends the invitation form for the address. Both take
	 * the same rows, in the same order, and take turns; "invite instead" held the oldest and waited for its own row
	 * while the form held that row and waited for the oldest (PostgreSQL broke one off, H2 waited for its lock
	 * timeout). The oldest is held meanwhile so that both are under way before either gets it; the list's button
	 * is pressed first, so that it is the first in line for the oldest.
	 */
	@Test
	void invitingInsteadWhileAnInvitationFormForTheAddressIsSentTakesTurns(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String email = "tegelijk-" + suffix + "@example.nl";
		Programme elsewhere = programmes.create(programme.organisationId(), "Elders " + suffix, "elders-" + suffix + "@briefwissel.test", null);
		Intake older = intakes.receiveByMail(elsewhere, email, "Olga Ouder", "Ik wil iets anders gaan doen.", null).orElseThrow();
		jdbc.sql("update intake set created_at = :before where id = :id")
			.param("before", java.time.OffsetDateTime.now().minusDays(3))
			.param("id", older.id())
			.update();
		assertThat(new WebSession(port).post("/intake/programme/" + programme.id(), "displayName=Vera&email=" + enc(email)
				+ "&question=" + enc(secretQuestion()) + "&theme=RETRAINING&writesComfortably=YES&motivated=YES&hasTime=YES"
				+ "&expectations=true&consent=true").body()).contains("Kijk in je mailbox");
		UUID byLink = intakes.open(programme.id()).get(0).id();
		jdbc.sql("update intake set token_expires_at = :past where id = :id")
			.param("past", java.time.OffsetDateTime.now().minusDays(1))
			.param("id", byLink)
			.update();

		var held = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(3);
		try {
			var holder = executor.submit(() -> transactions.executeWithoutResult(tx -> {
				jdbc.sql("select id from intake where id = :id for update").param("id", older.id()).query(UUID.class).list();
				held.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			held.await();
			var instead = executor.submit(() -> intakes.inviteInstead(byLink, programme, manager.id()));
			Thread.sleep(300);
			var form = executor.submit(() -> intakes.invite(programme, email, "Tessa Tegelijk", Locale.forLanguageTag("nl"),
					manager.id(), UUID.randomUUID()));
			Thread.sleep(300);
			release.countDown();
			holder.get(30, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(instead.get(30, java.util.concurrent.TimeUnit.SECONDS)).hasValueSatisfying(
					invited -> assertThat(invited).isInstanceOf(Intakes.Invited.Sent.class));
			assertThat(form.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(Intakes.Invited.AlreadyPending.class);
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(intakes.open(programme.id())).singleElement().extracting(Intake::source).isEqualTo(Intake.Source.INVITATION);
		assertThat(intakes.statusOf(byLink, programme.id())).hasValue(Intake.Status.SUPERSEDED);
	}

	private String secretQuestion() {
		return "Een vraag van iemand anders " + suffix;
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}

package nl.briefwissel.trajectory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * An application taken in while the programme's organisation is being ended waits for the ending, holding the
 * organisation's row as completing one does, and is then refused: by the public link with a page that says so
 * and gives the question back, by invitation at the manager's form, by mail to the quarantine with why. Nothing
 * of it is kept, and no mail goes out (decision 0073 note, decision 0082). Before, it was written beside the
 * ending and left for the retention job's 90 days.
 */
@BriefwisselTest
class ApplicationsDuringAnEndingTests {

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
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	Programme programme;

	String suffix;

	@BeforeEach
	void aProgrammeWithAPublicLink() {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Einde " + suffix);
		programme = programmes.create(organisation.id(), "Loopbaan " + suffix, "einde-" + suffix + "@briefwissel.test", null);
		programmes.openPublicIntake(programme.id(), true);
	}

	@Test
	void thePublicFormSentWhileTheOrganisationIsEndedIsRefusedWithItsQuestionBack() throws Exception {
		String email = "te-laat-" + suffix + "@example.nl";
		String question = "Ik wil naar het onderwijs " + suffix + ", maar durf de overstap nog niet.";
		WebSession browser = new WebSession(port);
		HttpResponse<String> page = duringTheEnding(() -> browser.post("/intake/programme/" + programme.id(), "displayName=Te+Laat&email="
				+ enc(email) + "&question=" + enc(question) + "&theme=RETRAINING&writesComfortably=YES&motivated=YES&hasTime=YES"
				+ "&expectations=true&consent=true"));

		assertThat(page.body()).contains("Dit programma neemt geen aanmeldingen meer aan").contains(question)
			.doesNotContain("Kijk in je mailbox");
		assertThat(applications()).isZero();
		assertThat(mailsTo(email)).isZero();
	}

	@Test
	void anInvitationSentWhileTheOrganisationIsEndedIsRefusedAtTheManagersForm() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String email = "uitgenodigd-" + suffix + "@example.nl";
		MvcResult result = duringTheEnding(() -> mvc.perform(post("/programme/programmes/{id}/invitations", programme.id())
				.with(csrf()).with(fixtures.as(manager)).param("name", "Uma Uitgenodigd").param("email", email).param("language", "nl")
				.param("submission", UUID.randomUUID().toString())).andReturn());

		assertThat(result.getFlashMap().get("inviteErrors")).isInstanceOf(Map.class);
		assertThat(((Map<?, ?>) result.getFlashMap().get("inviteErrors")).get("email").toString())
			.contains("De organisatie van dit programma is beëindigd");
		assertThat(result.getFlashMap().containsKey("done")).isFalse();
		assertThat(applications()).isZero();
		assertThat(mailsTo(email)).isZero();
	}

	/**
	 * A mail to the intake address the pipeline read while the ending ran (the programme found by its address
	 * before the ending cleared it): held for the administrators with why, no application and no answer.
	 */
	@Test
	void aMailToTheIntakeAddressOfAnEndedOrganisationIsHeldWithWhy(@Autowired InboundMails inbound) {
		jdbc.sql("update organisation set ended_at = :now where id = :id").param("now", OffsetDateTime.now())
			.param("id", programme.organisationId()).update();
		String sender = "per-mail-" + suffix + "@example.nl";
		byte[] raw = ("From: Piet Post <" + sender + ">\r\nTo: " + programme.intakeAddress() + "\r\nSubject: Aanmelding\r\n"
				+ "Message-ID: <" + UUID.randomUUID() + "@client.example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ "Ik wil graag meedoen.\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		UUID id = inbound.store(raw, InboundMails.Source.SMTP, sender, java.util.List.of(programme.intakeAddress())).id();
		try {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> jdbc.sql("select count(*) from quarantined_mail where inbound_mail_id = :id and reason_code = 'endedProgramme'")
					.param("id", id).query(Integer.class).single() == 1);
			assertThat(applications()).isZero();
			assertThat(mailsTo(sender)).isZero();
		}
		finally {
			jdbc.sql("update inbound_mail set status = 'FAILED' where id = :id and status = 'RECEIVED'").param("id", id).update();
		}
	}

	/** What {@code taking} does, done while another transaction holds the organisation's row, ending it. */
	private <T> T duringTheEnding(Attempt<T> taking) throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> ending = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			jdbc.sql("update organisation set ended_at = :now where id = :id").param("now", OffsetDateTime.now())
				.param("id", programme.organisationId()).update();
			held.countDown();
			try {
				commit.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<T> taken = CompletableFuture.supplyAsync(() -> {
			try {
				return taking.run();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		Thread.sleep(400);
		commit.countDown();
		ending.get(10, TimeUnit.SECONDS);
		return taken.get(10, TimeUnit.SECONDS);
	}

	@FunctionalInterface
	private interface Attempt<T> {

		T run() throws Exception;
	}

	private int applications() {
		return jdbc.sql("select count(*) from intake where programme_id = :id").param("id", programme.id()).query(Integer.class).single();
	}

	private int mailsTo(String email) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :email").param("email", email).query(Integer.class).single();
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An address the coach accepts takes effect only once the participant confirms it (decision 0091): by the link
 * mailed to their own address, without signing in (the token is the authority, whoever is signed in), or on their
 * conversation page. Until then mail from it is held back as before; declined or run out, it stays so; the link
 * works once and opening it changes nothing. The coach's page says where each stands and asks again once a day at
 * most. One address waits or counts for one open trajectory at a time, also when two coaches accept it at once.
 */
@BriefwisselTest
class AddressConfirmationTests {

	private static final Pattern LINK = Pattern.compile("/address-confirmation/([A-Za-z0-9_-]{43})");

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TrajectoryErasure erasure;

	@Autowired
	AcceptedAddresses accepted;

	@Autowired
	MockMvc mvc;

	@Autowired
	org.springframework.context.MessageSource texts;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	Fixtures.RunningTrajectory running;

	String run;

	String work;

	@BeforeEach
	void aConversation() {
		running = fixtures.runningTrajectory(true);
		run = UUID.randomUUID().toString().substring(0, 8);
		work = "werk-" + run + "@example.nl";
	}

	@Test
	void anAddressJoinsOnlyOnceTheParticipantConfirmsItByTheLink() throws Exception {
		String token = acceptWork();
		String mail = confirmationMail();
		assertThat(mail).contains(work).contains("14 dagen").contains("/address-confirmation/" + token);
		assertThat(mailsTo(work)).as("asked at their own address only").isZero();

		// Until they confirm, mail from it is held back as from any other sender.
		store(running, "2", "Nog niet bevestigd.");
		awaitHeld(running, 1);
		assertThat(letters()).isEqualTo(1);
		assertThat(coachState()).isEqualTo("PENDING");
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=PENDING]").text()).contains(work)
			.contains("wacht op bevestiging");

		// Opening the link (a mail scanner does too) says which address, for whom, and changes nothing.
		for (int i = 0; i < 2; i++) {
			Document page = Jsoup.parse(mvc.perform(get("/address-confirmation/{token}", token)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
			assertThat(page.select("#address-question").text()).contains(work).contains(running.coach().displayName())
				.contains("Programma");
			assertThat(page.select("button[name=answer][value=confirm]")).hasSize(1);
		}
		assertThat(state()).isEqualTo("PENDING");

		// Confirmed without signing in, by a browser that never was here (its CSRF token from the page): the next
		// mail from it joins, the one held before still waits for the coach.
		nl.briefwissel.WebSession browser = new nl.briefwissel.WebSession(port);
		String form = browser.token("/address-confirmation/" + token);
		var confirmed = browser.postAsIs("/address-confirmation/" + token,
				"answer=confirm&_csrf=" + java.net.URLEncoder.encode(form, StandardCharsets.UTF_8));
		assertThat(confirmed.statusCode()).isEqualTo(302);
		assertThat(confirmed.headers().firstValue("Location").orElse("")).endsWith("/address-confirmation/" + token);
		assertThat(state()).isEqualTo("CONFIRMED");
		assertThat(audited("accepted address confirmed")).isEqualTo(1);
		assertThat(jdbc.sql("select route from audit_entry where trajectory_id = :t and details = 'accepted address confirmed'")
			.param("t", running.id()).query(String.class).single()).doesNotContain(token);
		store(running, "3", "Nu wel.");
		await().atMost(Duration.ofSeconds(30)).until(() -> letters() == 2);
		assertThat(openHeld(running)).hasSize(1);
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=CONFIRMED]").text()).contains(work)
			.contains("bevestigd door de deelnemer");
		// Answered, the link's page says only how it stands: not the address, coach or programme (decision 0101).
		Document answered = Jsoup.parse(browser.get("/address-confirmation/" + token).body());
		assertThat(answered.select("#address-confirmed").text()).contains("bevestigd");
		assertThat(answered.text()).doesNotContain(work).doesNotContain(running.coach().displayName());
	}

	/**
	 * Mail from an address that waits for the participant's confirmation is held back, and the hourly notice at their
	 * own address says why (decision 0102): their coach accepted it, it counts once they confirm it, by the link of
	 * the earlier mail (named by its subject and date) or on their conversation page, where its button opens the
	 * question. It is the same kind of notice, and says nothing of what the mail said.
	 */
	@Test
	void aMailFromAnAddressWaitingForConfirmationIsToldWithWhereToConfirmIt() throws Exception {
		acceptWork();
		// The notice of the first mail, before the coach accepted the address, went more than an hour ago.
		jdbc.sql("update outbound_mail set created_at = :before where recipient = :to and notice_kind = 'MAIL_FROM_ANOTHER_ADDRESS'")
			.param("before", java.time.OffsetDateTime.now().minusHours(2))
			.param("to", running.participant().email())
			.update();
		store(running, "2", "Mijn geheime plannen voor de reorganisatie.");
		awaitHeld(running, 1);

		jakarta.mail.internet.MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail is tegengehouden tot je je andere adres bevestigt"));
		String text = Mailboxes.text(notice);
		assertThat(text).contains(work).contains("Je e-coach heeft " + work + " geaccepteerd")
			.contains("telt pas mee als jij bevestigt")
			.containsPattern("de link in de mail „Bevestig je andere adres voor je gesprek met je e-coach” die we je op \\d{1,2} \\p{L}+ \\d{4} stuurden")
			.contains("of bij je gesprek")
			.contains("/participant/conversation?lang=nl&trajectory=" + running.id() + "#address-to-confirm")
			.doesNotContain("geheime").doesNotContain("reorganisatie")
			.doesNotContain("Stuur je berichten dan vanaf het adres waarop je deze mail krijgt");
		assertThat(Mailboxes.html(notice)).doesNotContain("geheime");
		assertThat(jdbc.sql("select notice_kind from outbound_mail where recipient = :to and subject like 'Je mail is tegengehouden tot%'")
			.param("to", running.participant().email()).query(String.class).single()).isEqualTo("MAIL_FROM_ANOTHER_ADDRESS");
		assertThat(mailsTo(work)).as("told at their own address only").isZero();
		// Said in English to a participant who reads English.
		assertThat(texts.getMessage("mail.heldBack.otherAddressWaiting.body", new Object[] { "Sanne", "1 May 2026", work,
				"30 April 2026", "14 May 2026", "Confirm" }, java.util.Locale.ENGLISH))
			.contains("Your e-coach accepted " + work).contains("only counts once you confirm").contains("or go to your conversation");

		// Within the hour, a next mail from it is told to nobody again.
		store(running, "3", "Nog een keer.");
		awaitHeld(running, 2);
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :to and notice_kind = 'MAIL_FROM_ANOTHER_ADDRESS'")
			.param("to", running.participant().email()).query(Long.class).single()).isEqualTo(2);
	}

	/** After the trajectory ended, or once the question no longer holds the address, a link answers nothing. */
	@Test
	void anAnswerAfterTheEndOrForAnAddressLetGoOfIsRefused() throws Exception {
		String token = acceptWork();
		jdbc.sql("update accepted_address set live_address = null where trajectory_id = :t").param("t", running.id()).update();
		assertThat(accepted.answerByToken(token, true)).isEqualTo(AcceptedAddresses.Answer.NOT_OPEN);
		jdbc.sql("update accepted_address set live_address = address where trajectory_id = :t").param("t", running.id()).update();
		jdbc.sql("update trajectory set status = 'COMPLETED' where id = :t").param("t", running.id()).update();
		assertThat(accepted.answerByToken(token, true)).isEqualTo(AcceptedAddresses.Answer.NOT_OPEN);
		assertThat(accepted.answer(running.id(), work, true)).isEqualTo(AcceptedAddresses.Answer.NOT_OPEN);
		assertThat(state()).isEqualTo("PENDING");
	}

	@Test
	void aDeclinedAddressStaysHeldAndTheLinkAnswersOnce() throws Exception {
		String token = acceptWork();
		mvc.perform(post("/address-confirmation/{token}", token).param("answer", "decline").with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(state()).isEqualTo("DECLINED");
		assertThat(audited("accepted address declined")).isEqualTo(1);

		// The same link again, now to confirm: the first answer stands. The page after it says how it stands, answered
		// 409 and titled so, the state in the way (decision 0139, amended); the same answer again is answered as the first.
		MvcResult other = mvc.perform(post("/address-confirmation/{token}", token).param("answer", "confirm").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(state()).isEqualTo("DECLINED");
		assertThat(audited("accepted address confirmed")).isZero();
		Document told = Jsoup.parse(mvc.perform(get("/address-confirmation/{token}", token).cookie(other.getResponse().getCookies()))
			.andExpect(status().isConflict())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(told.title()).startsWith("Fout:");
		assertThat(told.getElementById("address-declined")).isNotNull();
		MvcResult same = mvc.perform(post("/address-confirmation/{token}", token).param("answer", "decline").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(same.getFlashMap().containsKey(nl.briefwissel.RefusedForm.AFTER_REDIRECT)).as("a second click, answered as the first").isFalse();

		store(running, "2", "Geweigerd adres.");
		awaitHeld(running, 1);
		assertThat(letters()).isEqualTo(1);
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=DECLINED]").text()).contains(work)
			.contains("geweigerd");

		// The coach ticks the box for it within the day: nothing can be asked, so nothing is added on the coach's word
		// against the participant's no; said at the box (decision 0110). Before, the mail went in all the same.
		UUID held = openHeld(running).get(0);
		String shown = mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(status().isUnprocessableContent()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(AcceptedAddressTests.refusalAtTheBox(Jsoup.parse(shown))).startsWith("De deelnemer heeft dit adres op ")
			.contains("geweigerd", "De mail is niet toegevoegd", "zonder het adres te accepteren", "Opnieuw vragen kan vanaf");
		String inEnglish = mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").param("lang", "en")
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().isUnprocessableContent()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(AcceptedAddressTests.refusalAtTheBox(Jsoup.parse(inEnglish))).startsWith("The participant declined this address on ")
			.contains("participant's", "The mail was not added");
		assertThat(openHeld(running)).containsExactly(held);
		assertThat(letters()).isEqualTo(1);
		assertThat(state()).isEqualTo("DECLINED");
		assertThat(confirmationMails()).isEqualTo(1);

		// A day after asking, the box asks again, as 0091 has it: the mail goes in and the question goes out.
		jdbc.sql("update accepted_address set asked_at = :before where trajectory_id = :t")
			.param("before", java.time.OffsetDateTime.now().minusDays(2))
			.param("t", running.id())
			.update();
		mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(redirectedUrl("/coach/quarantine#resolved"));
		assertThat(letters()).isEqualTo(2);
		assertThat(state()).isEqualTo("PENDING");
		assertThat(confirmationMails()).isEqualTo(2);
	}

	@Test
	void aLinkThatRanOutAnswersNothingAndTheCoachAsksAgainOnceADay() throws Exception {
		String token = acceptWork();
		jdbc.sql("update accepted_address set expires_at = :past where trajectory_id = :t")
			.param("past", java.time.OffsetDateTime.now().minusMinutes(1))
			.param("t", running.id())
			.update();
		String page = mvc.perform(get("/address-confirmation/{token}", token)).andExpect(status().isGone()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(page).select("#link-expired").text()).contains("verlopen");
		mvc.perform(post("/address-confirmation/{token}", token).param("answer", "confirm").with(csrf()));
		assertThat(state()).isEqualTo("PENDING");
		store(running, "2", "Te laat.");
		awaitHeld(running, 1);
		assertThat(letters()).isEqualTo(1);
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=EXPIRED]").text()).contains(work)
			.contains("verlopen");
		// Each row's button says which address it is for (WCAG 2.4.6), the visible words first (2.5.3).
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=EXPIRED] button").eachAttr("aria-label"))
			.containsExactly("Weghalen: " + work);

		// Asked within the day: not again yet, no second mail.
		MvcResult soon = mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/ask-again", running.id()).param("address", work)
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection()).andReturn();
		assertThat((java.util.Map<String, Object>) soon.getFlashMap()).containsKey("askAgainFrom");
		assertThat(confirmationMails()).isEqualTo(1);

		jdbc.sql("update accepted_address set asked_at = :before where trajectory_id = :t")
			.param("before", java.time.OffsetDateTime.now().minusDays(2))
			.param("t", running.id())
			.update();
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=EXPIRED] button").eachAttr("aria-label"))
			.containsExactly("Opnieuw vragen: " + work, "Weghalen: " + work);
		mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/ask-again", running.id()).param("address", work)
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection());
		assertThat(audited("accepted address asked again")).isEqualTo(1);
		assertThat(confirmationMails()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(15)).until(() -> confirmationsDelivered().size() == 2);
		String again = tokenIn(Mailboxes.text(confirmationsDelivered().get(1)));
		assertThat(again).isNotEqualTo(token);
		mvc.perform(get("/address-confirmation/{token}", token)).andExpect(status().isGone());
		mvc.perform(post("/address-confirmation/{token}", again).param("answer", "confirm").with(csrf()));
		assertThat(state()).isEqualTo("CONFIRMED");
	}

	@Test
	void aSignedInParticipantAnswersOnTheirConversationPage() throws Exception {
		acceptWork();
		String page = mvc.perform(get("/participant/conversation").param("trajectory", running.id().toString())
			.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(page).select("#address-to-confirm").text()).contains(work);

		// Someone else's trajectory: not found, nothing answered.
		var other = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/accepted-addresses/answer").param("trajectory", running.id().toString())
			.param("address", work).param("answer", "confirm").with(csrf()).with(fixtures.as(other.participant())))
			.andExpect(status().isNotFound());
		assertThat(state()).isEqualTo("PENDING");

		mvc.perform(post("/participant/accepted-addresses/answer").param("trajectory", running.id().toString())
			.param("address", work).param("answer", "confirm").with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		assertThat(state()).isEqualTo("CONFIRMED");
		assertThat(audited("accepted address confirmed")).isEqualTo(1);
		page = mvc.perform(get("/participant/conversation").param("trajectory", running.id().toString())
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(page).select("#address-to-confirm")).isEmpty();
	}

	/**
	 * The participant stops a confirmed address counting themselves, on their conversation page (decision 0102):
	 * the button's POST only asks, on a page of its own (no script needed), and that page's form withdraws it. Only
	 * the trajectory's own participant; mail from it is held back again, the link no longer works, the address claims
	 * nothing, the coach's page says the participant withdrew it, and the trail has it as it has the coach's.
	 */
	@Test
	void aParticipantStopsAConfirmedAddressCountingOnTheirConversationPage() throws Exception {
		String token = acceptWork();
		mvc.perform(post("/address-confirmation/{token}", token).param("answer", "confirm").with(csrf()));
		assertThat(state()).isEqualTo("CONFIRMED");

		Document page = participantPage();
		assertThat(page.select("#addresses-counting li").text()).contains(work);
		org.jsoup.nodes.Element button = page.selectFirst("#addresses-counting form[action=/participant/accepted-addresses/withdraw]");
		assertThat(button).isNotNull();
		assertThat(button.attr("method")).isEqualTo("post");
		assertThat(button.select("input[name=_csrf]")).hasSize(1);
		assertThat(button.select("input[name=address]").val()).isEqualTo(work);
		assertThat(button.select("input[name=confirmed]")).as("the button asks first").isEmpty();

		// Someone else's trajectory: not found, nothing changes. The coach has no participant's route; no CSRF, no change.
		var other = fixtures.runningTrajectory(true);
		for (String confirmed : List.of("false", "true")) {
			mvc.perform(withdrawal(confirmed).with(csrf()).with(fixtures.as(other.participant()))).andExpect(status().isNotFound());
		}
		mvc.perform(withdrawal("true").with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
		mvc.perform(withdrawal("true").with(fixtures.as(running.participant()))).andExpect(status().isForbidden());
		assertThat(state()).isEqualTo("CONFIRMED");

		// The button's POST asks, and changes nothing.
		Document asking = Jsoup.parse(mvc.perform(post("/participant/accepted-addresses/withdraw")
			.param("trajectory", running.id().toString()).param("address", work).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(asking.select("h1").text()).contains("niet meer laten meetellen");
		assertThat(asking.select("#withdrawal-question").text()).contains(work).contains(running.coach().displayName());
		org.jsoup.nodes.Element yes = asking.selectFirst("form[action=/participant/accepted-addresses/withdraw]");
		assertThat(yes.select("input[name=confirmed]").val()).isEqualTo("true");
		assertThat(yes.select("input[name=_csrf]")).hasSize(1);
		assertThat(asking.select("a[href^=/participant/conversation]").text()).contains("Nee, laten meetellen");
		assertThat(state()).isEqualTo("CONFIRMED");

		// Its form withdraws it.
		MvcResult done = mvc.perform(withdrawal("true").with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id() + "#address-withdrawal")).andReturn();
		assertThat(done.getFlashMap().get("addressWithdrawal")).isEqualTo("WITHDRAWN");
		assertThat(state()).isEqualTo("WITHDRAWN");
		assertThat(jdbc.sql("select live_address from accepted_address where trajectory_id = :t").param("t", running.id())
			.query(String.class).optional().orElse(null)).as("it claims the address no more").isNull();
		assertThat(audited("accepted address withdrawn by the participant")).isEqualTo(1);
		assertThat(jdbc.sql("""
				select actor_id, route from audit_entry where trajectory_id = :t and details = 'accepted address withdrawn by the participant'""")
			.param("t", running.id()).query((rs, n) -> rs.getObject(1, UUID.class) + " " + rs.getString(2)).single())
			.isEqualTo(running.participant().id() + " POST /participant/accepted-addresses/withdraw");
		mvc.perform(get("/address-confirmation/{token}", token)).andExpect(status().isGone());
		Document told = followed(done);
		assertThat(told.select("#address-withdrawal").text()).contains(work).contains("telt niet meer mee");
		assertThat(told.select("#addresses-counting")).isEmpty();
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses li[data-state=WITHDRAWN]").text()).contains(work)
			.contains("ingetrokken door de deelnemer");

		// Mail from it is held back again.
		store(running, "2", "Na het intrekken.");
		awaitHeld(running, 1);
		assertThat(letters()).isEqualTo(1);

		// Once more (a second "yes", another tab): withdrawn already, said as such, not as an address that never
		// counted; nothing on the trail. The button's question says the same.
		MvcResult again = mvc.perform(withdrawal("true").with(csrf()).with(fixtures.as(running.participant()))).andReturn();
		assertThat(again.getFlashMap().get("addressWithdrawal")).isEqualTo("ALREADY_WITHDRAWN");
		org.jsoup.nodes.Element saidAgain = followed(again).getElementById("address-withdrawal");
		assertThat(saidAgain.text()).isEqualTo("Je had " + work + " al ingetrokken: mail vanaf dat adres telt niet meer mee, en wordt tegengehouden. Er is niets veranderd.");
		assertThat(saidAgain.hasClass("utrecht-alert--ok")).isTrue();
		assertThat(mvc.perform(withdrawal("false").with(csrf()).with(fixtures.as(running.participant()))).andReturn()
			.getFlashMap().get("addressWithdrawal")).isEqualTo("ALREADY_WITHDRAWN");
		assertThat(audited("accepted address withdrawn by the participant")).isEqualTo(1);

		// The coach asks again a day after the withdrawal at the earliest, and still withdraws it their way.
		MvcResult soon = mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/ask-again", running.id()).param("address", work)
			.with(csrf()).with(fixtures.as(running.coach()))).andReturn();
		assertThat((java.util.Map<String, Object>) soon.getFlashMap()).containsKey("askAgainFrom");
		assertThat(Jsoup.parse(coachPage()).select("#accepted-addresses form[action$=ask-again]")).isEmpty();
		mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/withdraw", running.id()).param("address", work).with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection());
		assertThat(audited("accepted address withdrawn")).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from accepted_address where trajectory_id = :t").param("t", running.id())
			.query(Long.class).single()).isZero();

		// Removed by the coach since: it does not count, and nothing is withdrawn.
		MvcResult removed = mvc.perform(withdrawal("true").with(csrf()).with(fixtures.as(running.participant()))).andReturn();
		assertThat(removed.getFlashMap().get("addressWithdrawal")).isEqualTo("NOT_COUNTING");
		assertThat(followed(removed).getElementById("address-withdrawal").text()).startsWith(work + " telt niet mee in dit gesprek")
			.contains("niets om in te trekken");
	}

	/** Once the trajectory ended, the participant withdraws nothing, as they answer and write nothing: the page says so. */
	@Test
	void afterTheEndAParticipantIsToldToAskTheirCoach() throws Exception {
		String token = acceptWork();
		mvc.perform(post("/address-confirmation/{token}", token).param("answer", "confirm").with(csrf()));
		jdbc.sql("update trajectory set status = 'COMPLETED' where id = :t").param("t", running.id()).update();

		Document page = participantPage();
		assertThat(page.select("#addresses-counting li").text()).contains(work);
		assertThat(page.select("#addresses-counting form")).isEmpty();
		assertThat(page.select("#addresses-counting").text()).contains("afgesloten").contains("Vraag het je e-coach");

		for (String confirmed : List.of("false", "true")) {
			MvcResult refused = mvc.perform(withdrawal(confirmed).with(csrf()).with(fixtures.as(running.participant())))
				.andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id() + "#address-withdrawal")).andReturn();
			assertThat(refused.getFlashMap().get("addressWithdrawal")).isEqualTo("ENDED");
			Document told = followed(refused);
			assertThat(told.select("#address-withdrawal").text()).contains("afgesloten").contains(work).contains("Vraag het je e-coach");
		}
		assertThat(state()).isEqualTo("CONFIRMED");
		assertThat(audited("accepted address withdrawn by the participant")).isZero();
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder withdrawal(String confirmed) {
		return post("/participant/accepted-addresses/withdraw").param("trajectory", running.id().toString()).param("address", work)
			.param("confirmed", confirmed);
	}

	/** The page a redirect leads to, in the session (Spring Session's, by its cookie) that holds its flash. */
	private Document followed(MvcResult redirected) throws Exception {
		jakarta.servlet.http.Cookie session = redirected.getResponse().getCookie("BRIEFWISSEL_SESSION");
		assertThat(session).isNotNull();
		return Jsoup.parse(mvc.perform(get(redirected.getResponse().getRedirectedUrl()).cookie(session)
			.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private Document participantPage() throws Exception {
		return Jsoup.parse(mvc.perform(get("/participant/conversation").param("trajectory", running.id().toString())
			.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	/** Signed in as the coach (or anyone): the link counts, for the participant it was mailed to. */
	@Test
	void signedInAsSomeoneElseOnlyTheLinkCounts() throws Exception {
		String token = acceptWork();
		mvc.perform(post("/address-confirmation/{token}", token).param("answer", "confirm").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection());
		assertThat(state()).isEqualTo("CONFIRMED");
		assertThat(jdbc.sql("select actor_id from audit_entry where trajectory_id = :t and details = 'accepted address confirmed'")
			.param("t", running.id()).query(UUID.class).single()).isEqualTo(running.participant().id());
		mvc.perform(get("/address-confirmation/{token}", "kapot")).andExpect(status().isNotFound());
		mvc.perform(get("/address-confirmation/{token}", "x".repeat(43))).andExpect(status().isGone());
	}

	/**
	 * Two coaches accept one address for two participants in the same moment: the first one's question stands;
	 * the second coach's mail goes in, and they are told the address cannot be accepted, without whose it is.
	 */
	@Test
	void twoCoachesAcceptingOneAddressAtOnceGetOneBetweenThem(@Autowired TransactionTemplate transactions) throws Exception {
		var other = fixtures.runningTrajectory(true);
		store(other, "o", "Aan de andere coach.");
		UUID held = awaitHeld(other, 1).get(0);
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		var executor = Executors.newFixedThreadPool(2);
		MvcResult second;
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				Optional<AcceptedAddresses.Refusal> refused = accepted.accept(running.id(), work, running.coach().id());
				written.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return refused;
			}));
			written.await();
			var attach = executor.submit(() -> mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true")
				.with(csrf()).with(fixtures.as(other.coach()))).andReturn());
			// Held until the second request waits at the database for the first one's claim (or was answered).
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
				.until(() -> attach.isDone() || someoneWaitsToClaim());
			release.countDown();
			assertThat(first.get()).isEmpty();
			second = attach.get();
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(second.getFlashMap().get("addressNotAccepted")).isEqualTo(work);
		assertThat((java.util.Map<String, Object>) second.getFlashMap()).doesNotContainKey("acceptedAddress");
		// What was asked, adding the mail, was done: the list after the redirect answers 200 with the warning, never
		// "Fout: " over its confirmation, as a letter sent with files not kept (decision 0139, amended).
		Document list = Jsoup.parse(mvc.perform(get("/coach/quarantine").cookie(second.getResponse().getCookies()).with(fixtures.as(other.coach())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(list.title()).doesNotStartWith("Fout:");
		assertThat(list.getElementById("address-not-accepted")).isNotNull();
		// The list says it in the words of every refusal of someone else's address (MockMvc does not carry the flash).
		String told = texts.getMessage("quarantine.acceptAddress.notAccepted", new Object[] { work }, java.util.Locale.forLanguageTag("nl"));
		assertThat(told).contains("kunnen we niet accepteren voor deze deelnemer").doesNotContain(running.participant().displayName())
			.doesNotContain(running.coach().displayName());
		assertThat(jdbc.sql("select count(*) from accepted_address where address = :a").param("a", work).query(Long.class).single())
			.isEqualTo(1);
		// The mail itself went in: nothing lost.
		assertThat(openHeld(other)).isEmpty();
	}

	/**
	 * Whether another session is writing a row of accepted addresses and waits for it (the first one's claim):
	 * H2 and PostgreSQL each say it their way. H2 waits a second at most before it gives up.
	 */
	private boolean someoneWaitsToClaim() {
		try {
			return jdbc.sql("select count(*) from information_schema.sessions where executing_statement like 'insert into accepted_address%'")
				.query(Long.class)
				.single() > 0;
		}
		catch (org.springframework.dao.DataAccessException notH2) {
			return jdbc.sql("""
					select count(*) from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into accepted_address%'""")
				.query(Long.class)
				.single() > 0;
		}
	}

	/** The database holds it for any way a row is written, on H2 and on PostgreSQL alike. */
	@Test
	void theDatabaseKeepsOneClaimPerAddress() {
		var other = fixtures.runningTrajectory(true);
		String insert = """
				insert into accepted_address (trajectory_id, address, accepted_at, state, live_address)
				values (:t, :a, current_timestamp, 'CONFIRMED', :a)""";
		jdbc.sql(insert).param("t", running.id()).param("a", work).update();
		assertThatThrownBy(() -> jdbc.sql(insert).param("t", other.id()).param("a", work).update())
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void theErasureTakesAWaitingAddressAndItsLink() throws Exception {
		String token = acceptWork();
		erasure.erase(running.id(), null);
		assertThat(jdbc.sql("select count(*) from accepted_address where trajectory_id = :t").param("t", running.id())
			.query(Long.class).single()).isZero();
		mvc.perform(get("/address-confirmation/{token}", token)).andExpect(status().isGone());
		mvc.perform(post("/address-confirmation/{token}", token).param("answer", "confirm").with(csrf()))
			.andExpect(status().isGone());
	}

	/** Adds a mail from the work address with the address ticked, and gives the link's token from the mail. */
	private String acceptWork() throws Exception {
		store(running, "1", "Vanaf mijn werk.");
		UUID held = awaitHeld(running, 1).get(0);
		mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(redirectedUrl("/coach/quarantine#resolved"));
		assertThat(letters()).isEqualTo(1);
		return tokenIn(confirmationMail());
	}

	private String confirmationMail() {
		return Mailboxes.text(Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Bevestig je andere adres")));
	}

	private List<jakarta.mail.internet.MimeMessage> confirmationsDelivered() throws Exception {
		return Mailboxes.read(mailServer, running.participant().email(), Mailboxes.PASSWORD).stream()
			.filter(m -> Mailboxes.subject(m).startsWith("Bevestig je andere adres"))
			.toList();
	}

	private long confirmationMails() {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to and subject like 'Bevestig je andere adres%'")
			.param("to", running.participant().email())
			.query(Long.class)
			.single();
	}

	private static String tokenIn(String mail) {
		Matcher link = LINK.matcher(mail);
		assertThat(link.find()).as("a link in %s", mail).isTrue();
		return link.group(1);
	}

	private void store(Fixtures.RunningTrajectory trajectory, String n, String words) {
		String to = reply(trajectory);
		byte[] raw = ("From: Deelnemer <" + work + ">\r\nTo: " + to + "\r\nSubject: Re: Je gesprek\r\nMessage-ID: <bevestig-" + n
				+ "-" + run + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, work, List.of(to));
	}

	private String reply(Fixtures.RunningTrajectory trajectory) {
		return replyAddress.of(tokens.tokenFor(trajectory.id(), trajectory.participant().id()));
	}

	private List<UUID> awaitHeld(Fixtures.RunningTrajectory trajectory, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> openHeld(trajectory).size() == count);
		return openHeld(trajectory);
	}

	private List<UUID> openHeld(Fixtures.RunningTrajectory trajectory) {
		return quarantine.heldFor(trajectory.id()).stream().map(Quarantine.Entry::inboundMailId).toList();
	}

	private long letters() {
		return jdbc.sql("select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT'")
			.param("t", running.id())
			.query(Long.class)
			.single();
	}

	private String state() {
		return jdbc.sql("select state from accepted_address where trajectory_id = :t").param("t", running.id())
			.query(String.class)
			.single();
	}

	private String coachState() {
		return Jsoup.parse(coachPage()).select("#accepted-addresses li").attr("data-state");
	}

	private String coachPage() {
		try {
			return mvc.perform(get("/coach/trajectories/" + running.id()).with(fixtures.as(running.coach()))).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private long audited(String details) {
		return jdbc.sql("select count(*) from audit_entry where trajectory_id = :t and details = :d")
			.param("t", running.id())
			.param("d", details)
			.query(Long.class)
			.single();
	}

	private long mailsTo(String address) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", address)
			.query(Long.class)
			.single();
	}
}

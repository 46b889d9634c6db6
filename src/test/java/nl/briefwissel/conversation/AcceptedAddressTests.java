package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant who writes from a second address (their work address): their coach adds the held mail
 * to the conversation and may accept the address for the trajectory from then on (decision 0089). Once the
 * participant confirmed it, asked at their own address (decision 0091, AddressConfirmationTests), mail from
 * it joins the conversation as mail from their own address does; the coach sees and withdraws it on the
 * trajectory's page. An address that is another account's is refused, and the erasure takes what was accepted.
 */
@BriefwisselTest
class AcceptedAddressTests {

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
	MockMvc mvc;

	@Autowired
	AcceptedAddresses accepted;

	Fixtures.RunningTrajectory running;

	String reply;

	String run;

	String work;

	@BeforeEach
	void aConversation() {
		running = fixtures.runningTrajectory(true);
		reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		run = UUID.randomUUID().toString().substring(0, 8);
		work = "werk-" + run + "@example.nl";
	}

	@Test
	void anAcceptedAddressWritesInTheConversationUntilTheCoachWithdrawsIt() throws Exception {
		store(letter(work, "1", "Vanaf mijn werk."), work);
		UUID held = awaitHeld(1).get(0);

		// The coach's page offers it, labelled with the address, off unless ticked.
		Document page = Jsoup.parse(page("/coach/quarantine/" + held));
		assertThat(page.select("label[for=acceptAddress]").text()).contains(work).contains("voortaan");
		assertThat(page.select("input#acceptAddress").hasAttr("checked")).isFalse();

		mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(redirectedUrl("/coach/quarantine#resolved"))
			.andExpect(flash().attribute("acceptedAddress", work));
		assertThat(letters()).isEqualTo(1);

		// Asked at their own address to confirm it (decision 0091), or to decline it; nothing to the new one.
		String notice = Mailboxes.text(Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Bevestig je andere adres")));
		assertThat(notice).contains(work).contains("Weiger het dan").doesNotContain("Vanaf mijn werk");
		assertThat(mailsTo(work)).isZero();
		assertThat(accepted.answer(running.id(), work, true)).isEqualTo(AcceptedAddresses.Answer.CONFIRMED);

		// The next mail from it (however its letters are written) joins the conversation: no longer held.
		String shouted = "Werk-" + run + "@Example.NL";
		store(letter(shouted, "2", "Weer vanaf mijn werk."), shouted);
		await().atMost(Duration.ofSeconds(30)).until(() -> letters() == 2);
		assertThat(openHeld()).isEmpty();
		assertThat(audited("address accepted")).isEqualTo(1);

		// The coach sees it on the trajectory's page and withdraws it.
		Document trajectory = Jsoup.parse(page("/coach/trajectories/" + running.id()));
		assertThat(trajectory.select("#accepted-addresses").text()).contains(work);
		mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/withdraw", running.id()).param("address", work)
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection());
		assertThat(audited("accepted address withdrawn")).isEqualTo(1);
		assertThat(Jsoup.parse(page("/coach/trajectories/" + running.id())).select("#accepted-addresses li")).isEmpty();

		store(letter(work, "3", "En nog eens."), work);
		awaitHeld(1);
		assertThat(letters()).isEqualTo(2);
	}

	@Test
	void withoutTheTickTheAddressIsNotAccepted() throws Exception {
		store(letter(work, "1", "Vanaf mijn werk."), work);
		UUID held = awaitHeld(1).get(0);
		mvc.perform(post("/coach/quarantine/{id}/attach", held).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(redirectedUrl("/coach/quarantine#resolved"));
		store(letter(work, "2", "Weer."), work);
		awaitHeld(1);
		assertThat(letters()).isEqualTo(1);
	}

	@Test
	void anotherParticipantsOrAStaffAddressOrOneAcceptedForAnotherIsRefusedAlikeAndTheMailWaits() throws Exception {
		Fixtures.RunningTrajectory elsewhere = fixtures.anotherFor(running, nl.briefwissel.Today.date());
		Account manager = fixtures.managerOf(running);
		String acceptedElsewhere = "elders-" + run + "@example.nl";
		jdbc.sql("""
				insert into accepted_address (trajectory_id, address, accepted_by, accepted_at, state, live_address)
				values (:t, :a, :by, current_timestamp, 'CONFIRMED', :a)""")
			.param("t", elsewhere.id())
			.param("a", acceptedElsewhere)
			.param("by", elsewhere.coach().id())
			.update();
		List<String> refusals = new java.util.ArrayList<>();
		for (String address : List.of(elsewhere.participant().email(), manager.email(), acceptedElsewhere)) {
			store(letter(address, address.substring(0, 3), "Niet van de deelnemer."), address);
			UUID held = awaitHeld(1).get(0);
			String shown = mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").with(csrf())
				.with(fixtures.as(running.coach()))).andExpect(status().isUnprocessableContent()).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			refusals.add(refusalAtTheBox(Jsoup.parse(shown)));
			// Nothing lost: the mail still waits, not added, nothing accepted.
			assertThat(openHeld()).containsExactly(held);
			assertThat(letters()).isZero();
			assertThat(accepted()).isZero();
			mvc.perform(post("/coach/quarantine/{id}/discard", held).param("confirmed", "true").with(csrf())
				.with(fixtures.as(running.coach())));
		}
		// One text for all: which it was would tell the coach whether the address has an account here.
		assertThat(refusals.get(0)).contains("Dit adres kunnen we niet accepteren voor deze deelnemer")
			.doesNotContain("account").doesNotContain("andere deelnemer");
		assertThat(refusals).containsOnly(refusals.get(0));

		// In English too, at the box.
		String address = elsewhere.participant().email();
		store(letter(address, "en", "Not the participant's."), address);
		UUID held = awaitHeld(1).get(0);
		String shown = mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").param("lang", "en")
			.with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().isUnprocessableContent()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(refusalAtTheBox(Jsoup.parse(shown))).startsWith("This address cannot be accepted for this participant.");
	}

	/**
	 * The refusal is the box's own error (NL Design System form field, as the product's other forms say theirs): the
	 * message beside the box, the box invalid and described by it (and by its hint), and the field marked. Its text.
	 */
	static String refusalAtTheBox(Document page) {
		org.jsoup.nodes.Element box = page.selectFirst("input#acceptAddress");
		assertThat(box).isNotNull();
		assertThat(box.attr("aria-invalid")).isEqualTo("true");
		assertThat(box.attr("aria-describedby").split(" ")).contains("acceptAddress-error", "acceptAddress-hint");
		org.jsoup.nodes.Element error = page.getElementById("acceptAddress-error");
		assertThat(error).isNotNull();
		assertThat(error.hasClass("utrecht-form-field-error-message")).isTrue();
		assertThat(error.parent()).isSameAs(box.parent());
		assertThat(box.parent().hasClass("utrecht-form-field--invalid")).isTrue();
		assertThat(page.select("#address-refused")).as("not apart from its field").isEmpty();
		return error.text();
	}

	@Test
	void anAcceptedAddressThatBecomesSomeonesAccountsNoLongerCounts() throws Exception {
		acceptWork();
		Account other = fixtures.anotherFor(running, nl.briefwissel.Today.date()).participant();
		jdbc.sql("update account set email = :e where id = :id").param("e", work).param("id", other.id()).update();
		store(letter(work, "2", "Van iemand anders nu."), work);
		awaitHeld(1);
		assertThat(letters()).isEqualTo(1);
	}

	@Test
	void aProgrammeManagerNeverWithdrawsAndAnotherCoachFindsNothing() throws Exception {
		acceptWork();
		mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/withdraw", running.id()).param("address", work)
			.with(csrf()).with(fixtures.as(fixtures.managerOf(running)))).andExpect(status().isForbidden());
		Account stranger = fixtures.runningTrajectory(true).coach();
		mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/withdraw", running.id()).param("address", work)
			.with(csrf()).with(fixtures.as(stranger))).andExpect(status().isNotFound());
		mvc.perform(post("/coach/trajectories/{id}/accepted-addresses/withdraw", running.id()).param("address", work)
			.with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
		assertThat(accepted()).isEqualTo(1);
	}

	@Test
	void theErasureTakesTheAcceptedAddresses() throws Exception {
		acceptWork();
		erasure.erase(running.id(), null);
		assertThat(accepted()).isZero();
	}

	private void acceptWork() throws Exception {
		store(letter(work, "1", "Vanaf mijn werk."), work);
		UUID held = awaitHeld(1).get(0);
		mvc.perform(post("/coach/quarantine/{id}/attach", held).param("acceptAddress", "true").with(csrf())
			.with(fixtures.as(running.coach()))).andExpect(redirectedUrl("/coach/quarantine#resolved"));
		assertThat(accepted()).isEqualTo(1);
		assertThat(accepted.answer(running.id(), work, true)).isEqualTo(AcceptedAddresses.Answer.CONFIRMED);
	}

	private void store(byte[] raw, String from) {
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of(reply));
	}

	private byte[] letter(String from, String n, String words) {
		return ("From: Deelnemer <" + from + ">\r\nTo: " + reply + "\r\nSubject: Re: Je gesprek\r\nMessage-ID: <brief-" + n + "-"
				+ run + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private List<UUID> awaitHeld(int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> openHeld().size() == count);
		return openHeld();
	}

	private List<UUID> openHeld() {
		return quarantine.heldFor(running.id()).stream().map(Quarantine.Entry::inboundMailId).toList();
	}

	private long letters() {
		return jdbc.sql("select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT'")
			.param("t", running.id())
			.query(Long.class)
			.single();
	}

	private long accepted() {
		return jdbc.sql("select count(*) from accepted_address where trajectory_id = :t").param("t", running.id())
			.query(Long.class)
			.single();
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

	private String page(String path) throws Exception {
		return mvc.perform(get(path).with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static String subject(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject() == null ? "" : message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}

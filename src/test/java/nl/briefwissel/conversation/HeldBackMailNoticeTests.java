package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Mail of the participant's that does not reach the conversation is not lost in silence (decision 0075):
 * a mail too big to keep, or one from an address that is not theirs, is told to the participant at
 * their own address, in their language, at most once an hour, without a word of what it said; its coach
 * sees it held on the trajectory's page and in the workspace. A file of a letter that was not kept is
 * told to the participant too. Nothing goes to an address that is not the participant's.
 */
@BriefwisselTest
class HeldBackMailNoticeTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	Conversations conversations;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Autowired
	MockMvc mvc;

	Fixtures.RunningTrajectory running;

	String reply;

	String run;

	@BeforeEach
	void aConversation() {
		running = fixtures.runningTrajectory(true);
		reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		run = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void aMailTooBigToKeepIsToldToTheParticipantOnceAndShownToTheCoach() throws Exception {
		store(tooBig(running.participant().email(), "1"), running.participant().email());
		awaitHeld(1);

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Je mail was te groot"));
		String text = Mailboxes.text(notice);
		assertThat(text).contains("30 MB").contains("15 MB").contains("kleiner opnieuw")
			.doesNotContain("Opdracht 3, de video");
		assertThat(notice.getHeader("Auto-Submitted")[0]).startsWith("auto-");

		// A second one within the hour is held as well, and told to nobody a second time.
		store(tooBig(running.participant().email(), "2"), running.participant().email());
		awaitHeld(2);
		assertThat(mailsTo(running.participant().email(), "Je mail was te groot%")).isEqualTo(1);

		// The coach sees that mail came that could not be kept, on the trajectory's page and in the workspace.
		String page = page("/coach/trajectories/" + running.id());
		assertThat(Jsoup.parse(page).select("#held-back").text()).contains("te groot");
		assertThat(Jsoup.parse(page("/coach")).select("#held-back a[href=/coach/quarantine]").text()).contains("2");
		// Said from the entries alone: the page does not open a held mail (up to 30 MB) at every view.
		assertThat(quarantine.heldFor(running.id())).hasSize(2).allSatisfy(held -> assertThat(held.from()).isNull());
		assertThat(quarantine.ofCoach(running.coach().id())).allSatisfy(held -> assertThat(held.from()).isNotNull());
	}

	/**
	 * A notice is known again by its kind, not by its subject (decision 0093): one sent under an earlier
	 * wording of its subject (the message bundles change; sent mail is kept thirty days) still counts for the
	 * hour, and a second mail too big is told to nobody a second time.
	 */
	@Test
	void aNoticeSentUnderAnotherSubjectStillCountsForTheHour() throws Exception {
		store(tooBig(running.participant().email(), "1"), running.participant().email());
		awaitHeld(1);
		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> subject(m).startsWith("Je mail was te groot"));
		jdbc.sql("update outbound_mail set subject = 'Je bericht was groter dan we bewaren' where recipient = :to and subject like 'Je mail was te groot%'")
			.param("to", running.participant().email())
			.update();

		store(tooBig(running.participant().email(), "2"), running.participant().email());
		awaitHeld(2);
		assertThat(mailsTo(running.participant().email(), "Je mail was te groot%")).as("told once, under its earlier subject")
			.isZero();
	}

	@Test
	void aMailTooBigFromSomeoneElseIsNeverAnsweredToThem() throws Exception {
		String stranger = "onbekend-" + run + "@example.nl";
		store(tooBig(stranger, "1"), stranger);
		awaitHeld(1);
		Thread.sleep(1500); // the outbox would have had it by now
		assertThat(mailsTo(stranger, "%")).isZero();
	}

	@Test
	void aMailFromAnotherAddressIsToldToTheParticipantAtTheirOwnAddressInTheirLanguage() throws Exception {
		accounts.changeLanguage(running.participant().id(), Locale.ENGLISH);
		String own = "prive-" + run + "@example.nl";
		store(letter(own, "1", "Mijn geheime antwoord over mijn werk."), own);
		awaitHeld(1);

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Your mail from another address"));
		assertThat(Mailboxes.text(notice)).contains(own).contains("registered address")
			.doesNotContain("geheime").doesNotContain("Opdracht 3");

		store(letter(own, "2", "Nog een keer."), own);
		awaitHeld(2);
		assertThat(mailsTo(running.participant().email(), "Your mail from another address%")).isEqualTo(1);
		assertThat(mailsTo(own, "%")).as("nothing to the address that is not the participant's").isZero();

		String page = page("/coach/trajectories/" + running.id());
		assertThat(Jsoup.parse(page).select("#held-back").text()).contains(own);
	}

	/**
	 * The From header is read as leniently as mail programs read it: a quoted local part may hold a link. A
	 * stranger who has the reply address puts no link of theirs into a mail from Briefwissel: an address that
	 * is not a plain one is not named, in the text or in the HTML part (decision 0075, session 37).
	 */
	@Test
	void aSenderAddressThatCouldBeALinkIsNotNamed() throws Exception {
		store(letter("\"https://evil.example/login\"@x-" + run + ".nl", "1", "Klik hier."), "post@x-" + run + ".nl");
		awaitHeld(1);

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Je mail vanaf een ander adres"));
		assertThat(Mailboxes.text(notice)).contains("een mail van een ander adres binnen").doesNotContain("evil.example");
		assertThat(Mailboxes.html(notice)).contains("een ander adres").doesNotContain("evil.example");
	}

	/** Only a plain address of safe characters is named: nothing a mail program would show as a link. */
	@Test
	void onlyAPlainAddressIsNamed() {
		assertThat(List.of("prive@example.nl", "jan.de-vries+werk@mail.example.nl", "J_Jansen@Example.NL"))
			.allMatch(HeldBackNotices::nameable);
		assertThat(List.of("\"https://evil.example/login\"@x.nl", "evil.example/login@x.nl", "http:x@x.nl", "a b@x.nl",
				"www.evil.example@x.nl", "https.evil@x.nl", "jan@evil.example/login", "jan@localhost", "jan..x@x.nl",
				".jan@x.nl", "jan@-x.nl", "jan@x.nl\"", "", "jan"))
			.noneMatch(HeldBackNotices::nameable);
	}

	/**
	 * A name can come from a mail's header too (an application by mail takes the From's display name): the
	 * HTML part of a notice links only Briefwissel's own addresses, never one in a name or an address.
	 */
	@Test
	void theHtmlPartOfANoticeLinksOnlyBriefwisselsOwnAddresses() throws Exception {
		jdbc.sql("update account set display_name = :name where id = :id")
			.param("name", "https://evil.example/naam Jansen")
			.param("id", running.participant().id())
			.update();
		store(tooBig(running.participant().email(), "1"), running.participant().email());
		awaitHeld(1);

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Je mail was te groot"));
		org.jsoup.nodes.Document html = Jsoup.parse(Mailboxes.html(notice));
		assertThat(html.select("a[href*=evil.example]")).isEmpty();
		assertThat(html.select("a[href*=/participant/conversation]")).hasSize(1);
	}

	@Test
	void aFileThatWasNotKeptIsToldToTheParticipantAndTheLetterIsKept() throws Exception {
		storeALetterWithAFileTooBig();

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Niet alles uit je mail"));
		assertThat(Mailboxes.text(notice)).contains("werkplek.mp4").contains("15 MB")
			.doesNotContain("filmpje");
	}

	/**
	 * A participant who chose only a notification of each letter gets no file name by ordinary mail either:
	 * a name may say what the letter is about. As their letters do, whatever the programme allows.
	 */
	@Test
	void aParticipantWhoChoseNotificationsIsToldNoFileNameByMail() throws Exception {
		trajectories.chooseMailPreference(running.id(), running.participant().id(), false);
		storeALetterWithAFileTooBig();

		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> subject(m).startsWith("Niet alles uit je mail"));
		assertThat(Mailboxes.text(notice)).contains("In je gesprek zie je welke").doesNotContain("werkplek");
		assertThat(Mailboxes.html(notice)).doesNotContain("werkplek");
		assertThat(notice.getHeader("Reply-To")).as("no invitation to answer by mail").isNull();
	}

	private void storeALetterWithAFileTooBig() {
		byte[] video = new byte[16 * 1024 * 1024];
		String mail = """
				From: Deelnemer <%s>
				To: %s
				Subject: Re: Opdracht 3
				Message-ID: <bestand-%s@example.nl>
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="grens"

				--grens
				Content-Type: text/plain; charset=utf-8

				Hier is mijn filmpje van de werkplek.
				--grens
				Content-Type: video/mp4; name="werkplek.mp4"
				Content-Disposition: attachment; filename="werkplek.mp4"
				Content-Transfer-Encoding: base64

				%s
				--grens--
				""".formatted(running.participant().email(), reply, run, Base64.getMimeEncoder().encodeToString(video))
			.replace("\n", "\r\n");
		store(mail.getBytes(StandardCharsets.UTF_8), running.participant().email());
		await().atMost(Duration.ofSeconds(30)).until(() -> conversations.of(running.id()).stream()
			.anyMatch(m -> m.author() == Author.PARTICIPANT));
	}

	private void store(byte[] raw, String from) {
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of(reply));
	}

	/** As the IMAP adapter keeps a mail above the limit: its headers only, and its size. */
	private byte[] tooBig(String from, String n) {
		return ("X-Briefwissel-Too-Big: 41943040\r\nFrom: " + from + "\r\nTo: " + reply
				+ "\r\nSubject: Re: Opdracht 3, de video\r\nMessage-ID: <groot-" + n + "-" + run + "@example.nl>\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private byte[] letter(String from, String n, String words) {
		return ("From: " + from + "\r\nTo: " + reply + "\r\nSubject: Re: Opdracht 3\r\nMessage-ID: <brief-" + n + "-" + run
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private void awaitHeld(int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> quarantine.ofCoach(running.coach().id()).stream()
			.filter(e -> running.id().equals(e.trajectoryId())).count() == count);
		// The notice is queued in the same transaction as the entry.
	}

	private long mailsTo(String address, String subjectLike) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to and subject like :subject")
			.param("to", address)
			.param("subject", subjectLike)
			.query(Long.class)
			.single();
	}

	private String page(String path) throws Exception {
		return mvc.perform(get(path).with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject() == null ? "" : message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Coaches and administrators read why a mail is in the quarantine in their own language; a reason
 * stored as English text before the reasons had codes is shown as it is, marked as English.
 */
@BriefwisselTest
class QuarantineReasonTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Quarantine quarantine;

	@Autowired
	nl.briefwissel.mail.InboundMails inbound;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	Account coach;

	Account participant;

	UUID trajectory;

	@BeforeEach
	void aTrajectoryOfItsOwn() {
		Fixtures.RunningTrajectory running = fixtures.runningTrajectory(true);
		coach = running.coach();
		participant = running.participant();
		trajectory = running.id();
	}

	/** Nothing of an unreadable mail could be read: added as the participant's letter, it was an empty one. */
	@Test
	void anUnreadableMailIsNotOfferedAsALetter() {
		assertThat(QuarantineReason.of("unreadable", "cannot be parsed: ParseException", null).attachable()).isFalse();
		assertThat(QuarantineReason.of("noReference", null, null).attachable()).isTrue();
	}

	/**
	 * A mail server's report about a mail of no conversation is nobody's letter: added as the participant's,
	 * the mailer-daemon's words stood in the record in their name and answered their open assignments.
	 */
	@Test
	void aStrayBounceIsNotOfferedAsALetter() {
		assertThat(QuarantineReason.of("strayBounce", null, null).attachable()).isFalse();
		assertThat(QuarantineReason.of("strayBounceFor", "sanne@example.nl", null).attachable()).isFalse();
	}

	@Test
	void theCoachReadsWhyAReplyFromSomeoneElseIsQuarantinedInDutchAndInEnglish() throws Exception {
		String colleague = "collega-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		Quarantine.Entry entry = quarantinedReplyFrom(colleague);

		String dutch = page("/coach/quarantine", fixtures.as(coach), null);
		assertThat(dutch).contains("De afzender " + colleague + " is niet de deelnemer of de coach van dit traject.")
			.doesNotContain("is not the participant");
		String english = page("/coach/quarantine", fixtures.as(coach), "en");
		assertThat(english).contains("The sender " + colleague + " is not the participant or the coach of this trajectory.")
			.doesNotContain("is niet de deelnemer");

		String mail = page("/coach/quarantine/" + entry.inboundMailId(), fixtures.as(coach), null);
		assertThat(mail).contains("Reden:").contains("De afzender " + colleague + " is niet de deelnemer");
		String mailInEnglish = page("/coach/quarantine/" + entry.inboundMailId(), fixtures.as(coach), "en");
		assertThat(mailInEnglish).contains("Reason:").contains("The sender " + colleague + " is not the participant");

		// The English sentence stays with the entry for administrators, as before.
		assertThat(entry.reason()).isEqualTo("sender " + colleague + " is not the participant or the coach of this trajectory");
	}

	/**
	 * The administrator's pages show no conversation: a reason that said "this trajectory" there pointed at nothing.
	 * They read which conversation is meant; the coach, who reads it beside their own trajectory, as before.
	 */
	@Test
	void anAdministratorReadsAReasonThatPointsAtNoConversationOfThePage() throws Exception {
		String colleague = "namens-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		Quarantine.Entry entry = quarantinedReplyFrom(colleague);
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));

		assertThat(row(page("/admin/quarantine", admin, null), colleague))
			.contains("De afzender " + colleague + " is niet de deelnemer of de coach van het gesprek waaraan de mail gericht was.")
			.doesNotContain("dit traject");
		assertThat(row(page("/admin/quarantine", admin, "en"), colleague))
			.contains("The sender " + colleague + " is not the participant or the coach of the conversation it was addressed to.")
			.doesNotContain("this trajectory");
		String opened = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/admin/quarantine/{id}", entry.inboundMailId()).param("reason", "Afzender nagaan")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()).with(admin))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(opened).select("[role=status]").text())
			.contains("van het gesprek waaraan de mail gericht was").doesNotContain("dit traject");

		assertThat(row(page("/coach/quarantine", fixtures.as(coach), null), colleague))
			.as("the coach's own words stay").contains("is niet de deelnemer of de coach van dit traject.");
	}

	/**
	 * Every reason that points at the conversation of the page (this conversation, this trajectory) has the
	 * administrator's own sentence, in both languages, which does not.
	 */
	@Test
	void everyReasonThatPointsAtTheConversationOfThePageHasTheAdministratorsOwnSentence() throws Exception {
		java.util.regex.Pattern thisOne = java.util.regex.Pattern
			.compile("(?i)\\b(dit gesprek|dit traject|this conversation|this trajectory)");
		for (String language : java.util.List.of("nl", "en")) {
			java.util.Properties texts = new java.util.Properties();
			try (var in = getClass().getResourceAsStream("/messages_" + language + ".properties")) {
				texts.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
			}
			var pointing = texts.stringPropertyNames().stream()
				.filter(key -> key.startsWith("quarantine.reason.") && !key.startsWith("quarantine.reason.admin."))
				.filter(key -> thisOne.matcher(texts.getProperty(key)).find())
				.toList();
			assertThat(pointing).as(language).contains("quarantine.reason.newMail", "quarantine.reason.unknownSender");
			for (String key : pointing) {
				String administrators = texts.getProperty("quarantine.reason.admin." + key.substring("quarantine.reason.".length()));
				assertThat(administrators).as(language + " " + key).isNotNull();
				assertThat(thisOne.matcher(administrators).find()).as(language + " " + key + ": " + administrators).isFalse();
			}
		}
	}

	/** The text of the list's row of the mail from this sender. */
	private static String row(String page, String sender) {
		return org.jsoup.Jsoup.parse(page).select("tr:contains(" + sender + ")").text();
	}

	@Test
	void anAdministratorReadsWhyAStrayMailIsQuarantinedInDutchAndInEnglish() throws Exception {
		MimeMessage stray = new MimeMessage(Mailboxes.smtp(mailServer));
		// Someone who is no participant: a participant's own mail to an unknown reply address waits for their
		// coach instead (decision 0106, NewMailOfAParticipantTests), whose sentence this is not.
		stray.setFrom("iemand-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl");
		stray.setRecipients(RecipientType.TO, "reply+zzzzzzzzzzzzzzzzzzzzzzzzzz@briefwissel.test");
		String subject = "Verdwaald " + UUID.randomUUID();
		stray.setSubject(subject);
		stray.setText("Waar hoort dit bij?");
		Transport.send(stray);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().anyMatch(e -> subject.equals(e.subject())));
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));

		assertThat(page("/admin/quarantine", admin, null))
			.contains("Onbekend antwoordadres: de mail is gestuurd aan een antwoordadres van Briefwissel")
			// Someone else's mail: its subject is read on the page that asks for a reason, not in the list.
			.doesNotContain(subject).contains("Openen, met een reden");
		assertThat(page("/admin/quarantine", admin, "en"))
			.contains("Unknown reply address: the mail was sent to a Briefwissel reply address");
	}

	/**
	 * A reply address whose code is no token at all (too short, typed over wrong): it had a reply address, so the
	 * administrator reads that its code is unknown, not that it came without one.
	 */
	@Test
	void aMailToAReplyAddressWithACodeThatIsNoTokenIsQuarantinedAsAnUnknownReplyAddress() throws Exception {
		MimeMessage stray = new MimeMessage(Mailboxes.smtp(mailServer));
		String sender = "iemand-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		stray.setFrom(sender);
		stray.setRecipients(RecipientType.TO, "reply+ditbestaatniet@briefwissel.test");
		String subject = "Verdwaald " + UUID.randomUUID();
		stray.setSubject(subject);
		stray.setText("Waar hoort dit bij?");
		Transport.send(stray);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().anyMatch(e -> subject.equals(e.subject())));
		assertThat(quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst().orElseThrow().why())
			.isInstanceOf(QuarantineReason.UnknownReplyAddress.class);
	}

	@Test
	void aReasonStoredAsEnglishTextBeforeTheCodesIsShownAsItIsMarkedAsEnglish() throws Exception {
		String colleague = "oud-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		Quarantine.Entry entry = quarantinedReplyFrom(colleague);
		// As a row from before the codes: the English sentence only.
		jdbc.sql("update quarantined_mail set reason_code = null, reason_argument = null where inbound_mail_id = :id")
			.param("id", entry.inboundMailId())
			.update();

		String sentence = "<span lang=\"en\">sender " + colleague + " is not the participant or the coach of this trajectory</span>";
		assertThat(page("/coach/quarantine", fixtures.as(coach), null)).contains(sentence);
		assertThat(page("/coach/quarantine", fixtures.as(coach), "en")).contains(sentence);
		assertThat(page("/coach/quarantine/" + entry.inboundMailId(), fixtures.as(coach), null)).contains(sentence);
	}

	private Quarantine.Entry quarantinedReplyFrom(String sender) throws Exception {
		conversations.coachWrites(trajectory, coach.id(), "Vraag");
		MimeMessage received = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress(sender));
		reply.setRecipients(RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getMessageID());
		reply.setText("Ik antwoord namens mijn collega.", StandardCharsets.UTF_8.name());
		Transport.send(reply);
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(coach.id()).isEmpty());
		Quarantine.Entry entry = quarantine.ofCoach(coach.id()).get(0);
		assertThat(entry.trajectoryId()).isEqualTo(trajectory);
		return entry;
	}

	private String page(String path, RequestPostProcessor who, String lang) throws Exception {
		var request = get(path).with(who);
		if (lang != null) {
			request = request.param("lang", lang);
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/**
	 * An unreadable mail's reason says in plain words what happened and why it cannot be added, and marks the parser's
	 * complaint as the technical message on its own: it read as the end of the sentence.
	 */
	@Test
	void anUnreadableMailsReasonSaysWhatHappenedAndMarksTheTechnicalMessage() throws Exception {
		UUID id = inbound.store(("Dit is geen mail " + UUID.randomUUID() + "\r\n").getBytes(StandardCharsets.UTF_8),
				nl.briefwissel.mail.InboundMails.Source.SMTP, "iemand@example.nl", java.util.List.of("reply@briefwissel.test")).id();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().anyMatch(e -> id.equals(e.inboundMailId())));
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));
		for (String[] language : new String[][] { { "nl", "Briefwissel kan deze mail niet lezen: de mail is onderweg beschadigd",
				"Technische melding, in het Engels:" }, { "en", "Briefwissel cannot read this mail: it was damaged on the way",
						"Technical message:" } }) {
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(page("/admin/quarantine", admin, language[0]));
			assertThat(page.text()).as(language[0]).contains(language[1]).doesNotContain("De technische melding", "The technical message");
			org.jsoup.nodes.Element technical = page.select(".bw-technical").stream()
				.filter(e -> e.text().contains("not a mail"))
				.findFirst()
				.orElseThrow();
			assertThat(technical.text()).as(language[0]).startsWith(language[2]);
			assertThat(technical.selectFirst("code[lang=en]")).isNotNull();
		}
	}

	/** The log gets an unreadable mail's kind of problem, not the parser's quote of a file's name or header. */
	@Test
	void anUnreadableMailsLogLineLeavesOutWhatTheParserQuoted() {
		var reason = new QuarantineReason.Unreadable(
				"cannot be parsed: ParseException: In parameter list <; filename=\"burn-out verslag.pdf\">, expected ';'");
		assertThat(reason.forLog()).isEqualTo("unreadable: cannot be parsed: ParseException");
		assertThat(new QuarantineReason.Unreadable("not a mail: no header lines at the start").forLog())
			.isEqualTo("unreadable: not a mail: no header lines at the start");
		assertThat(reason.detail()).as("the administrator's page keeps it whole").contains("burn-out verslag.pdf");
	}

	/** Stored as code, argument and English sentence, the new reasons read back the same; neither is offered as a letter. */
	@Test
	void anUndecodableOrEmptyMailIsReadBackAsItWasStoredAndNotOfferedAsALetter() {
		var undecodable = new QuarantineReason.Undecodable("noel@example.nl", "base64 with characters that are no base64 (12%)");
		assertThat(QuarantineReason.of(undecodable.code(), undecodable.argument(), undecodable.english())).isEqualTo(undecodable);
		assertThat(undecodable.forLog()).doesNotContain("noel@");
		var empty = new QuarantineReason.EmptyMail("noel@example.nl");
		assertThat(QuarantineReason.of(empty.code(), empty.argument(), empty.english())).isEqualTo(empty);
		assertThat(empty.forLog()).doesNotContain("noel@");
		assertThat(undecodable.attachable()).isFalse();
		assertThat(empty.attachable()).isFalse();
		assertThat(empty.heldFrom()).isEqualTo("noel@example.nl");
	}
}

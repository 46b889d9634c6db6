package nl.briefwissel.conversation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Mail held back after a trajectory was completed or stopped (product walk, session 44). The notices of held mail
 * told the participant to write in their conversation, to send the mail again or that their coach would see it,
 * where the conversation page takes no letter any more and nobody coaches them: after the end they say what became
 * of the mail, the day it ended and where a new question goes, as the notice of a letter after the end does
 * (decision 0122). And a new mail of the participant without their conversation's reply address, after their last
 * trajectory ended, went to the administrators unseen and untold: it is held for that trajectory and is in their
 * export (decision 0106).
 */
@BriefwisselTest
class HeldMailAfterTheEndTests {

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
	TrajectoryLifecycle lifecycle;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Programmes programmes;

	@Autowired
	MockMvc mvc;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService users;

	/**
	 * A stranger's mail to the reply address of an ended conversation: still told to the participant, whose
	 * conversation's address it is, but without sending them to write in a conversation that takes no letter.
	 */
	@Test
	void aStrangersMailAfterTheEndIsToldWithoutSendingTheParticipantToWriteInTheirConversation() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String stranger = "vreemde-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		String subject = "Hallo " + UUID.randomUUID();

		store(stranger, reply, subject, "Wie leest dit nog?");

		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail vanaf een ander adres is niet in je gesprek gezet"));
		assertThat(Mailboxes.text(told)).contains(stranger)
			.contains("Je traject is op")
			.contains("afgelopen")
			.contains("Je gesprek kun je blijven teruglezen")
			.contains("opnieuw aan via")
			.doesNotContain("chrijven in je gesprek")
			.doesNotContain("Je e-coach ziet")
			.doesNotContain("Wie leest dit");
		// Not answering to the conversation's address: nobody reads it any more.
		assertThat(java.util.Arrays.stream(told.getReplyTo()).map(Object::toString)).noneMatch(to -> to.contains("reply+"));
		assertThat(noticeKinds(running.participant().email())).containsExactly("MAIL_FROM_ANOTHER_ADDRESS");
		// The coach who would throw it away is asked with what the participant heard after the end.
		assertThat(discardQuestion(awaitEntry(subject), running.coach(), "nl")).contains("na het einde van het traject")
			.doesNotContain("de e-coach hem ziet");
	}

	/** Their own mail too big to keep after a stop: no "send it again", in their language. */
	@Test
	void aMailTooBigAfterAStopDoesNotAskToSendItAgain() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		String reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, null);

		// Only its headers kept, as the receiver keeps a mail too big (decision 0075).
		byte[] big = ("X-Briefwissel-Too-Big: 41943040\r\nFrom: " + running.participant().email() + "\r\nTo: " + reply
				+ "\r\nSubject: Video\r\nMessage-ID: <" + UUID.randomUUID() + "@example.nl>\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		inbound.store(big, InboundMails.Source.SMTP, running.participant().email(), List.of(reply));

		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Your mail was too large and did not arrive"));
		assertThat(Mailboxes.text(told)).contains("Your trajectory ended on")
			.contains("apply again")
			.doesNotContain("send your message again")
			.doesNotContain("write in your conversation");
	}

	/** An empty mail after the end: no "send it again", no "your coach sees it". */
	@Test
	void anEmptyMailAfterTheEndDoesNotAskToSendItAgain() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		store(running.participant().email(), reply, "Re: Opdracht 3", "");

		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail was leeg en is niet aangekomen"));
		assertThat(Mailboxes.text(told)).contains("Je traject is op")
			.contains("Je gesprek kun je blijven teruglezen")
			.doesNotContain("opnieuw, of schrijf in je gesprek")
			.doesNotContain("Je e-coach ziet");
	}

	/** A trajectory ended without its day kept: "kort geleden afgelopen", not "op kort geleden" (review, session 44). */
	@Test
	void aTrajectoryEndedWithoutItsDayReadsRecently() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		jdbc.sql("update trajectory set ended_on = null where id = :t").param("t", running.id()).update();

		store(running.participant().email(), reply, "Re: Opdracht 4", "");

		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail was leeg en is niet aangekomen"));
		assertThat(Mailboxes.text(told)).contains("Je traject is kort geleden afgelopen").doesNotContain("op kort geleden");
	}

	/**
	 * A letter after the end with a file that was not kept: the letter is in the conversation, but the notice of the
	 * file no longer says the coach reads it, or to write in the conversation.
	 */
	@Test
	void aFileNotKeptOfALetterAfterTheEndIsToldWithoutTheCoachReadingIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
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

				Hier is toch nog mijn filmpje.
				--grens
				Content-Type: video/mp4; name="werkplek.mp4"
				Content-Disposition: attachment; filename="werkplek.mp4"
				Content-Transfer-Encoding: base64

				%s
				--grens--
				""".formatted(running.participant().email(), reply, UUID.randomUUID(),
				java.util.Base64.getMimeEncoder().encodeToString(video))
			.replace("\n", "\r\n");
		inbound.store(mail.getBytes(StandardCharsets.UTF_8), InboundMails.Source.SMTP, running.participant().email(),
				List.of(reply));

		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Niet alles uit je mail is bewaard"));
		assertThat(Mailboxes.text(told)).contains("werkplek.mp4")
			.contains("Je traject is op")
			.doesNotContain("je e-coach kan hem lezen")
			.doesNotContain("chrijven in je gesprek");
		assertThat(java.util.Arrays.stream(told.getReplyTo()).map(Object::toString)).noneMatch(to -> to.contains("reply+"));
	}

	@Test
	void aNewMailOfTheParticipantAfterTheEndIsHeldForTheirEndedTrajectoryToldOnceAnHourAndInTheirExport() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String subject = "Nog een vraag " + UUID.randomUUID();

		store(running.participant().email(), "reply@briefwissel.test", subject, "Ik heb toch nog een vraag over mijn werk.");

		Quarantine.Entry held = awaitEntry(subject);
		assertThat(held.trajectoryId()).as("held for their ended trajectory, not for the administrators").isEqualTo(running.id());
		assertThat(held.why()).isEqualTo(new QuarantineReason.NewMail(running.participant().email(), false));
		MimeMessage told = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je nieuwe mail is bewaard, maar je traject is afgelopen"));
		assertThat(Mailboxes.text(told)).contains("Je traject is op")
			.contains("je e-coach begeleidt je niet meer")
			.contains("opnieuw aan via")
			.doesNotContain("wacht op je e-coach")
			.doesNotContain("chrijven in je gesprek")
			.doesNotContain("vraag over mijn werk");
		assertThat(java.util.Arrays.stream(told.getReplyTo()).map(Object::toString)).noneMatch(to -> to.contains("reply+"));

		// A second one within the hour is held too, and told no second time.
		String again = "Nog eens " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", again, "En nog iets.");
		assertThat(awaitEntry(again).trajectoryId()).isEqualTo(running.id());
		assertThat(noticeKinds(running.participant().email())).containsExactly("NEW_MAIL_HELD");

		// Their own mail, in their own export.
		var response = mvc.perform(get("/participant/export").param("lang", "nl").with(fixtures.as(running.participant())))
			.andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		Map<String, byte[]> entries = unzipped(response.getContentAsByteArray());
		JsonNode heldBack = JsonMapper.builder().build()
			.readTree(new String(entries.get("gegevens.json"), StandardCharsets.UTF_8)).get("trajectories").get(0).get("heldBackMail");
		assertThat(heldBack).hasSize(2).allSatisfy(mail -> {
			assertThat(mail.get("from").asString()).isEqualTo(running.participant().email());
			assertThat(mail.get("fromParticipant").asBoolean()).isTrue();
		});
	}

	/**
	 * Throwing away a new mail that came after the end asks the coach with what the participant was told then, not with
	 * the notice of a running trajectory ("it waits for your e-coach"). A mail held while it ran was told so, and the
	 * question still says that after the end.
	 */
	@Test
	void theQuestionBeforeDiscardingANewMailSaysWhatTheParticipantWasToldAfterTheEnd() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String before = "Voor het einde " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", before, "Nog tijdens het traject.");
		Quarantine.Entry heldBefore = awaitEntry(before);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String after = "Na het einde " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", after, "Toch nog een vraag.");
		Quarantine.Entry heldAfter = awaitEntry(after);
		assertThat(heldAfter.trajectoryId()).isEqualTo(running.id());

		String told = discardQuestion(heldAfter, running.coach(), "nl");
		assertThat(told).contains("na het einde van het traject").contains("Je nieuwe mail is bewaard, maar je traject is afgelopen")
			.doesNotContain("wacht op je e-coach");
		assertThat(discardQuestion(heldAfter, running.coach(), "en")).contains("Your new mail was kept, but your trajectory has ended")
			.doesNotContain("is waiting for your e-coach");
		assertThat(discardQuestion(heldBefore, running.coach(), "nl")).contains("Je nieuwe mail wacht op je e-coach");
	}

	/**
	 * A new mail held while the trajectory ran and added by the coach after they completed it came before the end:
	 * the record said it came after (it is dated when it was added), where the question before throwing it away said
	 * it waited for the coach (review, session 46).
	 */
	@Test
	void aMailHeldWhileItRanAndAddedAfterTheEndCameBeforeTheEndInTheRecord() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String subject = "Tijdens " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", subject, "Dit schreef ik nog tijdens het traject.");
		Quarantine.Entry held = awaitEntry(subject);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		assertThat(discardQuestion(held, running.coach(), "nl")).contains("Je nieuwe mail wacht op je e-coach");

		assertThat(quarantine.attach(held.inboundMailId(), running.id(), running.coach().id())).isPresent();
		List<String> headings = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/report", running.id())
			.param("lang", "nl").with(fixtures.as(running.coach()))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).select(".bw-record__message h3").eachText();
		assertThat(headings).hasSize(1).noneMatch(heading -> heading.contains("(na het einde van het traject)"));
	}

	/**
	 * The coach may still add a mail of the participant's held after the end: it is theirs, and a letter after the end
	 * stays on the record (decision 0122). But the quarantine list and the mail's page said nothing of the end, where
	 * the record then heads it "(na het einde van het traject)". The list and the page say it came after the end, the
	 * page what adding it does; added, the record and the export's data say it came after the end, and the export
	 * lists only the mail still held as not added (decision 0122, 2026-12-07 afternoon).
	 */
	@Test
	void aMailHeldAfterTheEndIsSaidSoBeforeTheCoachAddsItAndOnTheRecordAfter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String before = "Tijdens " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", before, "Nog tijdens het traject.");
		Quarantine.Entry heldBefore = awaitEntry(before);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String after = "Erna " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", after, "Toch nog een vraag na het einde.");
		Quarantine.Entry heldAfter = awaitEntry(after);

		for (String[] words : new String[][] { { "nl", "(na het einde van het traject)" }, { "en", "(after the trajectory ended)" } }) {
			org.jsoup.nodes.Document list = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/quarantine").param("lang", words[0])
				.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
			assertThat(list.select("tr:contains(" + after + ")").text()).as(words[0]).contains(words[1]);
			assertThat(list.select("tr:contains(" + before + ")").text()).as(words[0]).doesNotContain(words[1]);
		}
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/quarantine/{id}", heldAfter.inboundMailId())
			.param("lang", "nl").with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.select("#after-the-end").text()).contains("na het einde van het traject").contains("verslag");
		assertThat(page.select("form[action$=/attach] button").attr("aria-describedby")).isEqualTo("after-the-end");
		assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/coach/quarantine/{id}", heldBefore.inboundMailId()).param("lang", "nl")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.select("#after-the-end")).as("held while it ran").isEmpty();

		assertThat(mvc.perform(post("/coach/quarantine/{id}/attach", heldAfter.inboundMailId()).with(csrf())
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getStatus()).isEqualTo(302);

		List<String> headings = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
			.param("lang", "nl").with(fixtures.as(running.participant()))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).select(".bw-record__message h3").eachText();
		assertThat(headings).singleElement().asString().contains("(na het einde van het traject)");
		JsonNode exported = JsonMapper.builder().build().readTree(new String(unzipped(mvc.perform(get("/participant/export")
			.param("lang", "nl").with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsByteArray())
			.get("gegevens.json"), StandardCharsets.UTF_8)).get("trajectories").get(0);
		assertThat(exported.get("messages")).singleElement().satisfies(letter -> {
			assertThat(letter.get("text").asString()).contains("Toch nog een vraag na het einde.");
			assertThat(letter.get("afterTheEnd").asBoolean()).isTrue();
		});
		assertThat(exported.get("heldBackMail")).singleElement()
			.satisfies(held -> assertThat(held.get("reasonText").asString()).contains("niet aan het gesprek toegevoegd"));
	}

	/**
	 * The coach's page of a mail held after the end says that, added, it is in the conversation as a letter from after
	 * the end: neither conversation page marked it (the letters are written in Java, decision 0019), the confirmation
	 * said only that it was in the conversation, and the administrator's page of the mail said nothing. Both
	 * conversations now head it as the record does, a mail held while it ran and added after the end not; the
	 * confirmation says it; the administrator's page says what the coach's says (decision 0122, afterend3).
	 */
	@Test
	void aMailAddedAfterTheEndIsMarkedSoInBothConversationsAsOnTheRecord() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String before = "Tijdens " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", before, "Nog tijdens het traject.");
		Quarantine.Entry heldBefore = awaitEntry(before);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String after = "Erna " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", after, "Een vraag na het einde.");
		Quarantine.Entry heldAfter = awaitEntry(after);

		for (String[] words : new String[][] { { "nl", "(na het einde van het traject)" }, { "en", "(after the trajectory ended)" } }) {
			org.jsoup.nodes.Document adminPage = org.jsoup.Jsoup.parse(mvc.perform(post("/admin/quarantine/{id}", heldAfter.inboundMailId())
				.param("reason", "Traject zoeken").param("lang", words[0]).with(csrf())
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
						users.loadUserByUsername("beheer@briefwissel.test"))))
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
			assertThat(adminPage.select("#after-the-end").text()).as(words[0])
				.contains(words[0].equals("nl") ? "als brief van na het einde van het traject" : "as a letter from after the trajectory ended");
			assertThat(adminPage.select("form[action$=/attach] button").attr("aria-describedby")).isEqualTo("after-the-end");
		}

		var addedBefore = mvc.perform(post("/coach/quarantine/{id}/attach", heldBefore.inboundMailId()).with(csrf())
			.with(fixtures.as(running.coach()))).andReturn();
		assertThat(addedBefore.getFlashMap().get("resolved")).as("held while it ran").isEqualTo("attached");
		// The confirmation's key (quarantine.resolved.attachedAfterTheEnd); its text on the list is not checked here yet.
		var session = new org.springframework.mock.web.MockHttpSession();
		var added = mvc.perform(post("/coach/quarantine/{id}/attach", heldAfter.inboundMailId()).with(csrf()).session(session)
			.with(fixtures.as(running.coach()))).andReturn();
		assertThat(added.getFlashMap().get("resolved")).isEqualTo("attachedAfterTheEnd");


		for (String[] words : new String[][] { { "nl", "(na het einde van het traject)" }, { "en", "(after the trajectory ended)" } }) {
			List<String> coach = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", words[0])
				.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
				.select(".bw-message h3").eachText();
			List<String> participant = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/conversation").param("trajectory",
					running.id().toString()).param("lang", words[0]).with(fixtures.as(running.participant()))).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8)).select(".bw-message h3").eachText();
			List<String> record = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report/{id}", running.id())
				.param("lang", words[0]).with(fixtures.as(running.participant()))).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8)).select(".bw-record__message h3").eachText();
			for (List<String> headings : List.of(coach, participant, record)) {
				// Oldest first: the one held while it ran, then the one that came after the end.
				assertThat(headings).as(words[0]).hasSize(2);
				assertThat(headings.get(0)).as(words[0]).doesNotContain(words[1]);
				assertThat(headings.get(1)).as(words[0]).endsWith(words[1]);
			}
		}
	}

	/**
	 * The question before throwing a held mail away reads only when the trajectory ended: the coach's words of its
	 * changes were opened for it, on the administrator's page too, and a key gone was logged on every view.
	 */
	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void theQuestionBeforeDiscardingOpensNoCoachsWordsOfTheEnd(org.springframework.boot.test.system.CapturedOutput log)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, "De vraag is beantwoord.");
		String subject = "Erna " + UUID.randomUUID();
		store(running.participant().email(), "reply@briefwissel.test", subject, "Nog een vraag.");
		Quarantine.Entry held = awaitEntry(subject);
		assertThat(jdbc.sql("update trajectory_transition set reason_key_id = 'verdwenen-sleutel' where trajectory_id = :t"
				+ " and to_status = 'COMPLETED' and reason is not null").param("t", running.id()).update()).isOne();

		assertThat(discardQuestion(held, running.coach(), "nl")).contains("na het einde van het traject");
		assertThat(log.getAll()).doesNotContain("does not open");
	}

	private String discardQuestion(Quarantine.Entry entry, nl.briefwissel.account.Account coach, String language) throws Exception {
		String page = mvc.perform(get("/coach/quarantine/{id}/discard", entry.inboundMailId()).param("lang", language)
				.with(fixtures.as(coach))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		return org.jsoup.Jsoup.parse(page).select("#discard-told").text();
	}

	/** One running and one ended trajectory: the running one's coach reads it, as before (decision 0106). */
	@Test
	void aNewMailOfAParticipantWithARunningAndAnEndedTrajectoryGoesToTheRunningOne() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		var otherProgramme = programmes.create(ended.organisationId(), "Tweede programma " + UUID.randomUUID(), null, null);
		UUID running = trajectories.record(otherProgramme.id(), ended.participant().id(), ended.coach().id(),
				TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
		String subject = "Lopend " + UUID.randomUUID();

		store(ended.participant().email(), "reply@briefwissel.test", subject, "Voor mijn nieuwe traject.");

		assertThat(awaitEntry(subject).trajectoryId()).isEqualTo(running);
		Mailboxes.awaitMail(mailServer, ended.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je nieuwe mail wacht op je e-coach"));
	}

	/**
	 * An ended trajectory and a new one still being matched: the notice after the end would tell them to ask anew,
	 * which they did, so the mail stays with the administrators as before (review, session 44).
	 */
	@Test
	void aNewMailOfAParticipantWhoseNewTrajectoryIsBeingMatchedIsNotHeldForTheEndedOne() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		var otherProgramme = programmes.create(ended.organisationId(), "Tweede programma " + UUID.randomUUID(), null, null);
		trajectories.record(otherProgramme.id(), ended.participant().id(), null, TrajectoryStatus.MATCHING, "GROWTH",
				null, null);
		String subject = "Nieuw " + UUID.randomUUID();

		store(ended.participant().email(), "reply@briefwissel.test", subject, "Wanneer begint het nieuwe traject?");

		assertThat(awaitEntry(subject).trajectoryId()).as("with the administrators, for no trajectory").isNull();
		assertThat(noticeKinds(ended.participant().email())).doesNotContain("NEW_MAIL_HELD");
	}

	/** Of two ended trajectories, the one that ended last holds it. */
	@Test
	void aNewMailAfterTwoEndedTrajectoriesIsHeldForTheOneThatEndedLast() throws Exception {
		var first = fixtures.runningTrajectory(true);
		lifecycle.complete(first.id(), first.coach().id(), Reason.QUESTION_ANSWERED, null);
		var otherProgramme = programmes.create(first.organisationId(), "Tweede programma " + UUID.randomUUID(), null, null);
		UUID later = trajectories.record(otherProgramme.id(), first.participant().id(), first.coach().id(),
				TrajectoryStatus.STOPPED, "GROWTH", Today.date().minusWeeks(3), Today.date().plusDays(1));
		jdbc.sql("update trajectory set ended_on = :day where id = :t").param("day", Today.date().minusWeeks(1))
			.param("t", first.id()).update();
		String subject = "Laatste " + UUID.randomUUID();

		store(first.participant().email(), "reply@briefwissel.test", subject, "Welke?");

		assertThat(awaitEntry(subject).trajectoryId()).isEqualTo(later);
	}

	private List<String> noticeKinds(String to) {
		return jdbc.sql("select notice_kind from outbound_mail where recipient = :to and notice_kind is not null")
			.param("to", to).query(String.class).list();
	}

	private void store(String from, String to, String subject, String words) {
		byte[] raw = ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + words + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of(to));
	}

	private Quarantine.Entry awaitEntry(String subject) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static Map<String, byte[]> unzipped(byte[] exported) throws Exception {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(exported))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}
}

package nl.briefwissel.encryption;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.Closings;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What reaches the database is sealed: read back with plain JDBC, the words are not there. */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class EncryptionAtRestTests {

	private static final String SECRET = "Ik overweeg ontslag te nemen bij de gemeente";

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	CoachDesk desk;

	@Autowired
	InboundMails inbound;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Encryption encryption;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Test
	void messagesAttachmentsNotesDraftsAndMailAreStoredSealedUnderTheActiveKey() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String participantText = SECRET + " (" + UUID.randomUUID() + ")";
		UUID fromParticipant = conversations.participantWrites(running.id(), running.participant().id(), participantText,
				List.of(MailAttachment.received("cv.txt", "text/plain",
						new ByteArrayInputStream(("Curriculum vitae: " + SECRET).getBytes(StandardCharsets.UTF_8)))));
		UUID fromCoach = conversations.coachWrites(running.id(), running.coach().id(), "Coach antwoordt: " + SECRET);
		desk.addNote(running.id(), running.coach().id(), "Notitie: " + SECRET);
		desk.saveDraft(running.id(), running.coach().id(), "Concept: " + SECRET);
		byte[] raw = ("From: iemand@example.nl\r\nTo: reply@briefwissel.test\r\nSubject: los\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\n\r\nRuwe mail: " + SECRET + "\r\n").getBytes(StandardCharsets.UTF_8);
		UUID mail = inbound.store(raw, InboundMails.Source.SMTP, "iemand@example.nl", List.of("reply@briefwissel.test")).id();
		UUID attachment = conversations.of(running.id()).stream().filter(m -> m.id().equals(fromParticipant)).findFirst()
			.orElseThrow().attachments().get(0).id();

		String key = encryption.keyId();
		assertSealed("select body, body_key_id from message where id = ?", fromParticipant, key);
		assertSealed("select body, body_key_id from message where id = ?", fromCoach, key);
		assertSealed("select content, content_key_id from message_attachment where id = ?", attachment, key);
		assertSealed("select raw_mail, raw_mail_key_id from inbound_mail where id = ?", mail, key);
		assertSealed("select text_body, body_key_id from outbound_mail where recipient = ?", running.participant().email(), key);
		assertSealed("select html_body, body_key_id from outbound_mail where recipient = ?", running.participant().email(), key);
		assertSealed("select body, body_key_id from coach_note where trajectory_id = ?", running.id(), key);
		assertSealed("select body, body_key_id from draft where trajectory_id = ?", running.id(), key);

		// ... and every way of reading gives the words back.
		assertThat(conversations.of(running.id())).extracting(Message::body)
			.contains(participantText, "Coach antwoordt: " + SECRET);
		assertThat(new String(conversations.attachmentContent(attachment).orElseThrow(), StandardCharsets.UTF_8))
			.isEqualTo("Curriculum vitae: " + SECRET);
		assertThat(desk.of(running.id(), running.coach().id()).notes()).extracting(CoachDesk.Note::body).containsExactly("Notitie: " + SECRET);
		assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Concept: " + SECRET);
		assertThat(inbound.raw(mail)).hasValue(raw);
	}

	/**
	 * The words around the letters are as private as the letters (decision 0009): the closing summary and
	 * the reaction, a marked passage, the participant's goals, a saved reply and the coach's words with a
	 * pause (an evaluation remark:
	 * EvaluationFeedbackTests).
	 */
	@Test
	void summariesReactionsPassagesGoalsSavedRepliesAndRemarksAreStoredSealedToo(@Autowired ClosingDesk closingDesk,
			@Autowired Closings closings, @Autowired Highlights highlights,
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID letter = conversations.participantWrites(running.id(), running.participant().id(), "Brief: " + SECRET + ".");
		assertThat(highlights.mark(running.id(), letter, SECRET, running.coach().id())).isPresent();
		assertThat(trajectories.changeGoals(running.id(), running.participant().id(), "Doel: " + SECRET)).isTrue();
		closingDesk.write(trajectories.byId(running.id()).orElseThrow(), running.coach().id(), "Samenvatting: " + SECRET, true);
		closingDesk.react(trajectories.byId(running.id()).orElseThrow(), running.participant().id(), "Reactie: " + SECRET);
		desk.addSavedReply(running.coach().id(), "Standaardantwoord", "Standaardtekst: " + SECRET);
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(1), nl.briefwissel.trajectory.Reason.PERSONAL_CIRCUMSTANCES,
				"Pauze: " + SECRET);

		String key = encryption.keyId();
		assertSealed("select summary, summary_key_id from closing where trajectory_id = ?", running.id(), key);
		assertSealed("select reaction, reaction_key_id from closing where trajectory_id = ?", running.id(), key);
		assertSealed("select passage, passage_key_id from highlight where trajectory_id = ?", running.id(), key);
		assertSealed("select goals, goals_key_id from trajectory where id = ?", running.id(), key);
		assertSealed("select body, body_key_id from saved_reply where coach_id = ?", running.coach().id(), key);
		assertSealed("select reason, reason_key_id from trajectory_transition where trajectory_id = ? and reason is not null", running.id(), key);

		// ... and every way of reading gives the words back.
		var closing = closings.of(running.id()).orElseThrow();
		assertThat(closing.summary()).isEqualTo("Samenvatting: " + SECRET);
		assertThat(closing.reaction()).isEqualTo("Reactie: " + SECRET);
		assertThat(highlights.of(running.id())).extracting(Highlights.Highlight::passage).containsExactly(SECRET);
		assertThat(highlights.mark(running.id(), letter, SECRET, running.coach().id()))
			.as("the same passage marked again is the highlight there is").isEqualTo(Optional.of(highlights.of(running.id()).get(0).id()));
		assertThat(trajectories.inOwnWords(running.id()).goals()).isEqualTo("Doel: " + SECRET);
		assertThat(trajectories.courseSinceStart(running.id())).extracting(nl.briefwissel.trajectory.Trajectories.Change::why)
			.contains("Pauze: " + SECRET);
		assertThat(desk.savedReplies(running.coach().id())).extracting(CoachDesk.SavedReply::body).containsExactly("Standaardtekst: " + SECRET);
		assertThat(desk.of(running.id(), running.coach().id()).savedReplies()).extracting(CoachDesk.SavedReply::body)
			.containsExactly("Standaardtekst: " + SECRET);
	}

	/**
	 * A letter no configured key opens (its record changed, its key removed) was an error page for the
	 * whole conversation: the coach and the participant could read none of the other letters and write
	 * none. On both conversation pages it is a marked line in its place, with its date and writer, in
	 * the reader's language, without the error or anything sealed, and without a form to mark a passage
	 * of it; the other letters read and the conversation goes on. The log says it once per record. The
	 * conversation read whole ({@code Conversations.of}) still fails loudly; the record and the export
	 * mark the letter's place too (ExportTests) (decisions 0009 and 0057).
	 */
	@Test
	void aTamperedLetterIsAMarkedLineOnTheConversationPagesAndNeverGarbage(CapturedOutput log, @Autowired Highlights highlights)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		// The demo coach signs in with a password alone (the evaluation default), as a browser would.
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		UUID trajectory = trajectories.record(running.programmeId(), running.participant().id(), coach.id(),
				TrajectoryStatus.RUNNING, "NEXT_STEP", Today.date(), null);
		UUID first = conversations.coachWrites(trajectory, coach.id(), "De eerste brief blijft leesbaar");
		UUID message = conversations.coachWrites(trajectory, coach.id(), "Een brief die straks niet meer opent");
		conversations.participantWrites(trajectory, running.participant().id(), "Het antwoord blijft ook leesbaar");
		WebSession browser = new WebSession(port).logIn(coach.email(), "briefwissel");
		assertThat(browser.get("/coach/trajectories/" + trajectory).body()).contains("Een brief die straks niet meer opent");

		String sealed = jdbc.sql("select body from message where id = :id").param("id", message).query(String.class).single();
		String tampered = sealed.substring(0, 20) + (sealed.charAt(20) == 'A' ? 'B' : 'A') + sealed.substring(21);
		jdbc.sql("update message set body = :body where id = :id").param("body", tampered).param("id", message).update();

		assertThatThrownBy(() -> conversations.of(trajectory)).isInstanceOf(UnreadableRecordException.class);
		for (int view = 0; view < 2; view++) {
			HttpResponse<String> page = browser.get("/coach/trajectories/" + trajectory);
			assertThat(page.statusCode()).isEqualTo(200);
			assertMarked(page.body(), message, tampered, coach.displayName(), "Deze brief kunnen we niet lezen", true);
		}
		assertThat(log.getOut().split("message " + message + " does not open", -1)).as("said once, for every view").hasSize(2);

		String participantPage = mvc.perform(get("/participant/conversation").param("trajectory", trajectory.toString())
			.param("lang", "en").with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString();
		assertMarked(participantPage, message, tampered, coach.displayName(), "This letter cannot be read", false);

		// The conversation goes on: the coach writes, and the letter is on the page with the others.
		String token = browser.token("/coach/trajectories/" + trajectory);
		assertThat(browser.postAsIs("/coach/trajectories/" + trajectory + "/messages",
				"text=" + java.net.URLEncoder.encode("Een nieuwe brief na de beschadigde", StandardCharsets.UTF_8)
						+ "&_csrf=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)).statusCode())
			.isEqualTo(302);
		assertThat(Jsoup.parse(browser.get("/coach/trajectories/" + trajectory).body()).select("li.bw-message .bw-message__body").eachText())
			.containsExactly("De eerste brief blijft leesbaar", "Deze brief kunnen we niet lezen: de versleuteling gaat niet open (er ontbreekt"
					+ " een sleutel, of de opgeslagen tekst is beschadigd). De andere brieven zijn gewoon te lezen. De beheerder van"
					+ " Briefwissel kan helpen: meld het daar.", "Het antwoord blijft ook leesbaar", "Een nieuwe brief na de beschadigde");

		// A passage of another letter is marked from its form: only the letter marked is read for it.
		assertThat(browser.postAsIs("/coach/trajectories/" + trajectory + "/highlights", "message=" + first
				+ "&passage=eerste+brief&_csrf=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)).statusCode()).isEqualTo(302);
		assertThat(highlights.of(trajectory)).extracting(Highlights.Highlight::passage).containsExactly("eerste brief");

		// The right ciphertext under another key id does not open either.
		jdbc.sql("update message set body = :body, body_key_id = 'k-onbekend' where id = :id")
			.param("body", sealed)
			.param("id", message)
			.update();
		assertThatThrownBy(() -> conversations.of(trajectory)).isInstanceOf(UnreadableRecordException.class)
			.hasMessageContaining("k-onbekend");
		HttpResponse<String> page = browser.get("/coach/trajectories/" + trajectory);
		assertThat(page.statusCode()).isEqualTo(200);
		assertMarked(page.body(), message, sealed, coach.displayName(), "Deze brief kunnen we niet lezen", true);
		assertThat(page.body()).doesNotContain("k-onbekend");
		assertThat(log.getOut()).contains("message " + message + " does not open").contains("k-onbekend")
			.doesNotContain("Een brief die straks niet meer opent");

		// Restored, it reads again: nothing else was lost.
		jdbc.sql("update message set body_key_id = :key where id = :id").param("key", encryption.keyId()).param("id", message).update();
		assertThat(conversations.of(trajectory)).extracting(Message::body).containsExactly("De eerste brief blijft leesbaar",
				"Een brief die straks niet meer opent", "Het antwoord blijft ook leesbaar", "Een nieuwe brief na de beschadigde");
	}

	/**
	 * A mail's original page reads only the letter asked for: another letter of the conversation that
	 * does not open no longer makes every "show original" an error page (decision 0057).
	 */
	@Test
	void aMailsOriginalOpensBesideATamperedLetter(@Autowired nl.briefwissel.mail.EmbeddedMailServer mailServer)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID damaged = conversations.coachWrites(running.id(), running.coach().id(), "Een brief die straks niet meer opent");
		jakarta.mail.internet.MimeMessage letter = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				mail -> true);
		String answer = "Per mail geantwoord " + UUID.randomUUID();
		byte[] raw = ("From: " + running.participant().email() + "\r\nTo: " + letter.getReplyTo()[0] + "\r\nSubject: Re: "
				+ letter.getSubject() + "\r\nIn-Reply-To: " + letter.getMessageID() + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + answer + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, running.participant().email(), List.of());
		UUID arrived = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).stream().filter(m -> answer.equals(m.body())).findFirst(),
					Optional::isPresent)
			.orElseThrow()
			.id();
		tamper(damaged);

		String page = mvc.perform(get("/coach/trajectories/" + running.id() + "/messages/" + arrived + "/original")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains(answer).doesNotContain("Een brief die straks niet meer opent");
	}

	/**
	 * The coach's search leaves a letter that does not open out (nobody can read its words, so none
	 * match) and finds the others; as an error it took the whole search with it (decision 0057).
	 */
	@Test
	void theCoachsSearchFindsTheOtherLettersBesideATamperedOne(CapturedOutput log) throws Exception {
		var running = fixtures.runningTrajectory(true);
		String word = "zoekwoord" + UUID.randomUUID().toString().substring(0, 8);
		conversations.coachWrites(running.id(), running.coach().id(), "De eerste brief met " + word);
		UUID damaged = conversations.coachWrites(running.id(), running.coach().id(), "Een brief die straks niet meer opent, " + word);
		conversations.participantWrites(running.id(), running.participant().id(), "Het antwoord met " + word);
		tamper(damaged);

		for (int search = 0; search < 2; search++) {
			String page = mvc.perform(get("/coach").param("q", word).with(fixtures.as(running.coach())))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(page).contains("De eerste brief met").contains("Het antwoord met")
				.doesNotContain("straks niet meer opent").doesNotContain("Unreadable");
		}
		assertThat(log.getOut().split("message " + damaged + " does not open", -1)).as("said once, for every search").hasSize(2);
	}

	/** Changes one character of a letter's sealed text in the database, as damage would. */
	private void tamper(UUID message) {
		String sealed = jdbc.sql("select body from message where id = :id").param("id", message).query(String.class).single();
		String tampered = sealed.substring(0, 20) + (sealed.charAt(20) == 'A' ? 'B' : 'A') + sealed.substring(21);
		jdbc.sql("update message set body = :body where id = :id").param("body", tampered).param("id", message).update();
	}

	/** The letter is a marked line in its place, with its writer and date; nothing of it or of the error shows. */
	private static void assertMarked(String html, UUID message, String stored, String writer, String line, boolean markable) {
		assertThat(html).doesNotContain(stored.substring(0, 16)).doesNotContain("Een brief die straks niet meer opent")
			.doesNotContain("Er ging iets mis").doesNotContain("sealed with").doesNotContain("Exception")
			.doesNotContain("Unreadable");
		Document page = Jsoup.parse(html);
		Element letter = page.getElementById("m-" + message);
		assertThat(letter).isNotNull();
		assertThat(letter.select(".bw-message__author").text()).isEqualTo(writer);
		assertThat(letter.select(".bw-message__meta time").attr("datetime")).isNotBlank();
		assertThat(letter.select(".bw-message__body--unreadable").text()).startsWith(line);
		assertThat(letter.select(".bw-highlight-form")).as("nothing of it can be marked").isEmpty();
		assertThat(page.select("li.bw-message .bw-message__body:not(.bw-message__body--unreadable)").eachText())
			.contains("De eerste brief blijft leesbaar", "Het antwoord blijft ook leesbaar");
		if (markable) {
			assertThat(page.select("li.bw-message .bw-highlight-form")).as("the other letters can be marked").isNotEmpty();
		}
	}

	private void assertSealed(String sql, Object id, String key) throws Exception {
		try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, id);
			try (ResultSet rs = statement.executeQuery()) {
				assertThat(rs.next()).as(sql).isTrue();
				byte[] stored = rs.getBytes(1);
				assertThat(stored).as(sql).isNotEmpty();
				assertThat(indexOf(stored, "ontslag".getBytes(StandardCharsets.UTF_8))).as(sql + " holds the plain text").isNegative();
				assertThat(rs.getString(2)).as(sql).isEqualTo(key);
			}
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.KeysGone;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What stands beside the letters on the conversation pages (a highlight, the coach's draft, a note, a
 * saved reply) and a mail's original, sealed under a key that is no longer configured: each is a
 * marked line in its place, in the reader's language, with nothing of what is stored, said in the log
 * once; it made the whole page an error page (decision 0057). A draft that does not open is not
 * written over by the check while typing, only by the coach saving or sending.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class UnopenedBesideTheLettersTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Highlights highlights;

	@Autowired
	CoachDesk desk;

	@Autowired
	Encryption encryption;

	@Autowired
	JdbcClient jdbc;

	private KeysGone keys;

	@BeforeEach
	void keys() {
		keys = new KeysGone(jdbc, encryption);
	}

	/** The database is shared by the tests: a row no key opens stops the key rotation's tests. */
	@AfterEach
	void keysBack() {
		keys.putBack();
	}

	@Test
	void aHighlightANoteASavedReplyAndTheDraftThatDoNotOpenAreMarkedLinesOnTheCoachsPage(CapturedOutput log)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID coach = running.coach().id();
		UUID letter = conversations.participantWrites(running.id(), running.participant().id(),
				"Ik wil graag weer voor de klas staan. Dat geeft me energie.");
		UUID kept = highlights.mark(running.id(), letter, "Dat geeft me energie.", coach).orElseThrow();
		UUID lost = highlights.mark(running.id(), letter, "Ik wil graag weer voor de klas staan.", coach).orElseThrow();
		desk.addNote(running.id(), coach, "Een notitie die leesbaar blijft");
		desk.addNote(running.id(), coach, "Een geheime notitie die straks niet meer opent");
		desk.addSavedReply(coach, "Welkom", "Welkom bij Briefwissel");
		desk.addSavedReply(coach, "Afsluiting", "Een geheim standaardantwoord dat straks niet meer opent");
		desk.saveDraft(running.id(), coach, "Een geheim concept dat straks niet meer opent");
		UUID note = jdbc.sql("select id from coach_note where trajectory_id = :t order by created_at desc limit 1")
			.param("t", running.id()).query(UUID.class).single();
		UUID reply = jdbc.sql("select id from saved_reply where coach_id = :c and title = 'Afsluiting'")
			.param("c", coach).query(UUID.class).single();
		keys.take("highlight", "passage_key_id", "id", lost);
		keys.take("coach_note", "body_key_id", "id", note);
		keys.take("saved_reply", "body_key_id", "id", reply);
		keys.take("draft", "body_key_id", "trajectory_id", running.id());
		String sealedDraft = storedDraft(running.id());

		for (int view = 0; view < 2; view++) {
			String html = mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertNothingOfIt(html, sealedDraft);
			Document page = Jsoup.parse(html);
			assertThat(page.getElementById("highlight-" + kept).text()).isEqualTo("Dat geeft me energie.");
			assertThat(page.getElementById("highlight-" + lost).text()).startsWith("Dit hoogtepunt kunnen we niet lezen");
			assertThat(page.select(".bw-highlights form button")).as("it can still be taken away").hasSize(2);
			assertThat(page.select(".bw-note-list li")).hasSize(2);
			assertThat(page.select(".bw-note-list .bw-message__body--unreadable").text()).startsWith("Deze notitie kunnen we niet lezen");
			assertThat(page.select(".bw-note-list .bw-message__body:not(.bw-message__body--unreadable)").text())
				.isEqualTo("Een notitie die leesbaar blijft");
			Element unreadableReply = page.selectFirst("select#use option[value=" + reply + "]");
			assertThat(unreadableReply.text()).isEqualTo("Afsluiting (niet te lezen, zie Opgeslagen antwoorden)");
			assertThat(unreadableReply.hasAttr("disabled")).isTrue();
			assertThat(page.selectFirst("select#use option:not([disabled])").text()).isEqualTo("Welkom");
			assertThat(page.selectFirst("textarea#text").text()).isEmpty();
			assertThat(page.selectFirst("#draft-unreadable").text()).startsWith("Je bewaarde concept kunnen we niet openen")
				.contains("blijft bewaard tot je zelf een concept bewaart of een brief verstuurt");
			assertThat(page.selectFirst("form#write-form input[name=unreadableDraft]").val()).isEqualTo("true");
		}
		for (String record : List.of("highlight " + lost, "coach_note " + note, "saved_reply " + reply,
				"draft of trajectory " + running.id() + " and coach " + coach)) {
			assertThat(log.getOut().split(record + " does not open", -1)).as(record + " said once, for every view").hasSize(2);
		}
		assertThat(log.getOut()).contains("k-weg").doesNotContain("straks niet meer opent");

		// In English, in English.
		Document english = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(english.getElementById("highlight-" + lost).text()).startsWith("This highlight cannot be read");
		assertThat(english.select(".bw-note-list .bw-message__body--unreadable").text()).startsWith("This note cannot be read");
		assertThat(english.selectFirst("select#use option[value=" + reply + "]").text())
			.isEqualTo("Afsluiting (cannot be read, see Saved replies)");
		assertThat(english.selectFirst("#draft-unreadable").text()).startsWith("Your saved draft cannot be opened");

		// The saved replies page marks it too; inserting it (a form sent anyway) inserts nothing.
		String replies = mvc.perform(get("/coach/saved-replies").with(fixtures.as(running.coach()))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(replies).contains("Welkom bij Briefwissel").doesNotContain("straks niet meer opent");
		assertThat(Jsoup.parse(replies).select(".bw-message__body--unreadable").text()).startsWith("Dit antwoord kunnen we niet lezen");
		mvc.perform(post("/coach/trajectories/{id}/draft", running.id()).param("text", "Beste deelnemer,").param("next", "reply")
			.param("use", reply.toString()).with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().is3xxRedirection());
		assertThat(desk.of(running.id(), coach).draft()).contains("Beste deelnemer,");
	}

	/**
	 * The check while typing does not write over a draft that does not open: its key may come back.
	 * The coach's own "Concept bewaren", or sending the letter, does: the page said so.
	 */
	@Test
	void aDraftThatDoesNotOpenIsKeptUntilTheCoachSavesOrSends() throws Exception {
		for (boolean send : new boolean[] { false, true }) {
			var running = fixtures.runningTrajectory(true);
			desk.saveDraft(running.id(), running.coach().id(), "Een geheim concept dat straks niet meer opent");
			keys.take("draft", "body_key_id", "trajectory_id", running.id());
			String sealed = storedDraft(running.id());
			RequestPostProcessor coach = fixtures.as(running.coach());
			Document page = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(coach))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));

			mvc.perform(form(page, post("/coach/trajectories/{id}/check", running.id()), "Beste deelnemer, opnieuw begonnen")
				.header("HX-Request", "true").with(coach)).andExpect(status().isOk());
			assertThat(storedDraft(running.id())).as("not written over while typing").isEqualTo(sealed);

			if (send) {
				mvc.perform(form(page, post("/coach/trajectories/{id}/messages", running.id()), "Beste deelnemer, opnieuw begonnen")
					.with(coach)).andExpect(status().is3xxRedirection());
				assertThat(storedDraft(running.id())).isNull();
				assertThat(conversations.of(running.id())).extracting(Message::body).containsExactly("Beste deelnemer, opnieuw begonnen");
			}
			else {
				mvc.perform(form(page, post("/coach/trajectories/{id}/draft", running.id()), "Beste deelnemer, opnieuw begonnen")
					.with(coach)).andExpect(status().is3xxRedirection());
				assertThat(desk.of(running.id(), running.coach().id()).draft()).contains("Beste deelnemer, opnieuw begonnen");
			}
			assertThat(desk.of(running.id(), running.coach().id()).draftUnreadable()).isFalse();
		}
	}

	@Test
	void aHighlightThatDoesNotOpenIsAMarkedLineOnTheParticipantsPage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie? En wat kost je energie?");
		UUID kept = highlights.mark(running.id(), letter, "Wat geeft je energie?", running.participant().id()).orElseThrow();
		UUID lost = highlights.mark(running.id(), letter, "En wat kost je energie?", running.coach().id()).orElseThrow();
		keys.take("highlight", "passage_key_id", "id", lost);
		String sealed = jdbc.sql("select passage from highlight where id = :id").param("id", lost).query(String.class).single();

		String html = mvc.perform(get("/participant/conversation").param("trajectory", running.id().toString()).param("lang", "en")
			.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		Document page = Jsoup.parse(html);
		assertThat(page.getElementById("highlight-" + kept).text()).isEqualTo("Wat geeft je energie?");
		assertThat(page.getElementById("highlight-" + lost).text()).startsWith("This highlight cannot be read");
		assertThat(page.select(".bw-highlights").text()).doesNotContain("En wat kost je energie?");
		assertThat(html).doesNotContain(sealed.substring(0, 16)).doesNotContain("Exception").doesNotContain("k-weg");
	}

	/**
	 * A mail's original page whose mail does not open (and its letter's text neither, sealed with the
	 * same key) is a page that says so, in the coach's language, not an error page.
	 */
	@Test
	void aMailsOriginalThatDoesNotOpenIsAPageThatSaysSo(@Autowired EmbeddedMailServer mailServer,
			@Autowired InboundMails inbound, CapturedOutput log) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		jakarta.mail.internet.MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(), mail -> true);
		String answer = "Per mail geantwoord, straks niet meer te openen " + UUID.randomUUID();
		byte[] raw = ("From: " + running.participant().email() + "\r\nTo: " + letter.getReplyTo()[0] + "\r\nSubject: Re: "
				+ letter.getSubject() + "\r\nIn-Reply-To: " + letter.getMessageID() + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + answer + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		UUID mail = inbound.store(raw, InboundMails.Source.SMTP, running.participant().email(), List.of()).id();
		UUID arrived = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).stream().filter(m -> answer.equals(m.body())).findFirst(),
					Optional::isPresent)
			.orElseThrow()
			.id();
		keys.take("inbound_mail", "raw_mail_key_id", "id", mail);

		for (boolean english : new boolean[] { false, true }) {
			MockHttpServletRequestBuilder request = get("/coach/trajectories/{id}/messages/{m}/original", running.id(), arrived);
			String html = mvc.perform((english ? request.param("lang", "en") : request).with(fixtures.as(running.coach())))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(Jsoup.parse(html).selectFirst("#original-unreadable").text()).startsWith(english
					? "The original e-mail of this letter cannot be opened" : "De originele mail van deze brief kunnen we niet openen");
			assertThat(html).doesNotContain("straks niet meer te openen").doesNotContain("k-weg").doesNotContain("Exception");
		}

		// Its letter's text gone with it: the page is the same.
		keys.take("message", "body_key_id", "id", arrived);
		String html = mvc.perform(get("/coach/trajectories/{id}/messages/{m}/original", running.id(), arrived)
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(html).selectFirst("#original-unreadable")).isNotNull();
		assertThat(html).doesNotContain("straks niet meer te openen");
		assertThat(log.getOut()).contains("inbound_mail " + mail + " of message " + arrived + " does not open")
			.doesNotContain("straks niet meer te openen");
	}

	private String storedDraft(UUID trajectory) {
		return jdbc.sql("select body from draft where trajectory_id = :t").param("t", trajectory).query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.single().orElse(null);
	}

	/** The write form's fields as the page gave them, with the text typed. */
	private static MockHttpServletRequestBuilder form(Document page, MockHttpServletRequestBuilder request, String text) {
		request.param("text", text).with(csrf());
		for (Element field : page.select("form#write-form input[type=hidden]:not([name=_csrf])")) {
			request.param(field.attr("name"), field.val());
		}
		return request;
	}

	private static void assertNothingOfIt(String html, String sealedDraft) {
		assertThat(html).doesNotContain("straks niet meer opent").doesNotContain(sealedDraft.substring(0, 16))
			.doesNotContain("k-weg").doesNotContain("Exception").doesNotContain("Er ging iets mis");
	}
}

package nl.briefwissel.conversation;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The participant writes from the conversation page: what comes back with it, and what is said. */
@BriefwisselTest
class ParticipantConversationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	/**
	 * On their conversation page the participant's own letters were headed by their own full name, where their own
	 * record heads them You (report.own.author): the page heads them so too; the coach's keep the coach's name, and
	 * the coach's page names both, as before.
	 */
	@Test
	void theParticipantsOwnLettersOnTheirConversationPageAreHeadedYou() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		String coach = running.coach().displayName();
		UUID theCoachs = conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		UUID theirs = conversations.participantWrites(running.id(), running.participant().id(), "Wandelen geeft me energie.");

		for (String[] words : new String[][] { { "nl", "Jij" }, { "en", "You" } }) {
			Document page = Jsoup.parse(mvc.perform(get("/participant/conversation").param("lang", words[0])
				.with(fixtures.as(running.participant()))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString());
			assertThat(page.select("#m-" + theirs + " .bw-message__author").text()).as(words[0]).isEqualTo(words[1]);
			assertThat(page.select("#m-" + theCoachs + " .bw-message__author").text()).as(words[0]).isEqualTo(coach);
			assertThat(page.select(".bw-message__author").eachText()).as(words[0]).doesNotContain(name);
		}
		Document coachs = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "nl")
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(coachs.select("#m-" + theirs + " .bw-message__author").text()).isEqualTo(name);
		assertThat(coachs.select("#m-" + theCoachs + " .bw-message__author").text()).isEqualTo(coach);
	}

	/** Weeks of letters are many screens on a phone: the page starts with the way to its newest letter and to writing. */
	@Test
	void thePageLeadsFromItsTopToTheNewestLetterAndToWriting() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Welkom, Sanne.");
		UUID newest = conversations.participantWrites(running.id(), running.participant().id(), "Dank je, Anja.");

		Document page = Jsoup.parse(mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());

		var jumps = page.selectFirst("nav.bw-jumps");
		assertThat(jumps).as("the links at the top").isNotNull();
		assertThat(jumps.attr("aria-label")).isEqualTo("Op deze pagina");
		assertThat(jumps.select("a").eachAttr("href")).containsExactly("#latest", "#write");
		assertThat(page.getElementById("latest").parent().id()).isEqualTo("m-" + newest);
		assertThat(page.getElementById("write").text()).isEqualTo("Schrijf je e-coach");
		assertThat(page.getElementById("write").elementSiblingIndex())
			.isGreaterThan(page.getElementById("latest").parent().parent().elementSiblingIndex());

		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id()).update();
		Document ended = Jsoup.parse(mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant())))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(ended.select("nav.bw-jumps a").eachAttr("href")).as("nothing to write any more").containsExactly("#latest");
	}

	/**
	 * A file too big and a program go with the letter as names only: the confirmation after sending names
	 * each and why, in either language. It said only that the letter was with the e-coach, and the
	 * refusal stood inside the letter sent.
	 */
	@Test
	void theConfirmationNamesEachFileThatWasNotKeptAndWhy() throws Exception {
		var running = fixtures.runningTrajectory(true);
		for (String language : java.util.List.of("nl", "en")) {
			var sent = mvc.perform(multipart("/participant/conversation")
					.file(new MockMultipartFile("files", "big.pdf", "application/pdf", new byte[15 * 1024 * 1024 + 1]))
					.file(new MockMultipartFile("files", "setup.exe", "application/octet-stream", new byte[] { 'M', 'Z' }))
					.file(new MockMultipartFile("files", "werkplek.jpg", "image/jpeg",
							new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }))
					.param("text", "Hier zijn mijn bestanden.").param("trajectory", running.id().toString())
					.with(csrf()).with(fixtures.as(running.participant())))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			Document page = Jsoup.parse(mvc.perform(get("/participant/conversation?trajectory=" + running.id()) // a flash goes by the query string
					.param("lang", language).cookie(sent.getResponse().getCookies()).with(fixtures.as(running.participant())))
				.andReturn().getResponse().getContentAsString());
			var confirmation = page.getElementById("sent");
			assertThat(confirmation.attr("role")).isEqualTo("status");
			assertThat(confirmation.select("#sent-not-kept li").eachText()).containsExactlyElementsOf(language.equals("nl")
					? java.util.List.of("big.pdf: niet bewaard, groter dan 15 MB", "setup.exe: niet bewaard, een programma (.exe)")
					: java.util.List.of("big.pdf: not kept, larger than 15 MB", "setup.exe: not kept, a program (.exe)"));
			assertThat(confirmation.text()).doesNotContain("werkplek.jpg");
		}

		// All kept: the confirmation as it was.
		var photo = mvc.perform(multipart("/participant/conversation")
				.file(new MockMultipartFile("files", "foto.jpg", "image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }))
				.param("text", "Nog een foto.").param("trajectory", running.id().toString())
				.with(csrf()).with(fixtures.as(running.participant())))
			.andReturn();
		Document page = Jsoup.parse(mvc.perform(get("/participant/conversation?trajectory=" + running.id())
				.cookie(photo.getResponse().getCookies())
				.with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("sent").text()).isEqualTo("Je bericht staat nu bij je e-coach.");
		assertThat(page.getElementById("sent").hasClass("utrecht-alert--ok")).isTrue();
	}

	/**
	 * The coach completes the trajectory while the participant's photo comes in: the letter comes back
	 * on the page of the ended trajectory, without the form to write again, and the page does not say it
	 * was written in an earlier trajectory.
	 */
	@Test
	void aLetterThatMeetsTheEndWhileItsFileComesInComesBackOnTheEndedPage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MockMultipartFile photo = new MockMultipartFile("files", "werkplek.jpg", "image/jpeg", new byte[0]) {

			@Override
			public InputStream getInputStream() {
				jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id())
					.update();
				return new ByteArrayInputStream(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 });
			}

			@Override
			public boolean isEmpty() {
				return false;
			}
		};

		Document page = Jsoup.parse(mvc.perform(multipart("/participant/conversation").file(photo)
				.param("text", "Hier is de foto van mijn werkplek.").param("trajectory", running.id().toString())
				.with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().isConflict()) // the end is in the way, not the letter (decision 0139, amended)
			.andReturn()
			.getResponse()
			.getContentAsString());

		assertThat(page.getElementById("text")).as("the write form").isNull();
		assertThat(page.getElementById("not-sent").text()).contains("Je traject met je e-coach is afgesloten",
				"Hier is de foto van mijn werkplek.").doesNotContain("vorige traject");
		assertThat(conversations.of(running.id())).noneMatch(m -> m.author() == Author.PARTICIPANT);
	}

	/**
	 * A letter that comes back (a mistake, or the trajectory ended) shows the whole conversation: a view
	 * of its content, on the trail as the page is. A letter that went shows nothing and is not on it.
	 */
	@Test
	void aLetterThatComesBackWithTheConversationIsOnTheTrail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat wil je over vijf jaar doen?");

		mvc.perform(post("/participant/conversation").param("text", " ").param("trajectory", running.id().toString())
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().isUnprocessableContent());
		mvc.perform(post("/participant/conversation").param("text", "Mensen begeleiden.").param("trajectory", running.id().toString())
			.param("submission", UUID.randomUUID().toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id()).update();
		// Ended: 409, the state in the way (decision 0139, amended), and still on the trail as the read it was.
		mvc.perform(post("/participant/conversation").param("text", "Nog een vraag.").param("trajectory", running.id().toString())
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().isConflict());

		assertThat(trail.ofTrajectory(running.id())).extracting(AuditEntry::action, AuditEntry::route, AuditEntry::actorId)
			.containsExactly(tuple(AuditAction.READ, "POST /participant/conversation", running.participant().id()),
					tuple(AuditAction.READ, "POST /participant/conversation", running.participant().id()));
	}
}

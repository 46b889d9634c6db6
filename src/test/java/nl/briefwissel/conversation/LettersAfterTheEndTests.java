package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant who mails after their trajectory was completed or stopped: the letter is kept in the
 * conversation and its coach, whose workspace lists no ended trajectory, sees who wrote and since when
 * (never what) until they open the conversation or answer it by mail (decision 0090). The programme
 * manager sees none of it.
 */
@BriefwisselTest
class LettersAfterTheEndTests {

	private static final String WORDS = "Ik heb de baan gekregen, dank je wel";

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	Conversations conversations;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	LettersAfterTheEnd letters;

	@Autowired
	MockMvc mvc;

	Fixtures.RunningTrajectory running;

	String run;

	@BeforeEach
	void anEndedTrajectory() {
		running = fixtures.runningTrajectory(true);
		run = UUID.randomUUID().toString().substring(0, 8);
		conversations.coachWrites(running.id(), running.coach().id(), "Dit was onze laatste brief.");
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
	}

	@Test
	void theWorkspaceNamesWhoWroteAfterTheEndUntilTheCoachOpensTheConversation() throws Exception {
		mailFromTheParticipant("1");

		Document workspace = page("/coach", running.coach());
		var signal = workspace.select("#after-the-end");
		assertThat(signal.select("a[href=/coach/trajectories/" + running.id() + "]").text())
			.isEqualTo(running.participant().displayName());
		assertThat(signal.select("time").attr("datetime")).isNotBlank();
		assertThat(signal.text()).contains("Een deelnemer schreef jou na het einde van het traject").contains("Antwoord dan op de mail")
			.doesNotContain(WORDS);
		// Nobody else's workspace: another coach of the programme sees nothing of it.
		assertThat(page("/coach", fixtures.secondCoachInPool(running)).select("#after-the-end")).isEmpty();
		// The programme manager's pages show nothing of the letter, nor that it came.
		var manager = fixtures.managerOf(running);
		for (String path : List.of("/programme", "/programme/statistics")) {
			String managers = page(path, manager).text();
			assertThat(managers).doesNotContain(WORDS).doesNotContain("schreef jou");
		}

		// The letter is in the conversation; opened there, it is seen and the workspace no longer names it.
		assertThat(page("/coach/trajectories/" + running.id(), running.coach()).text()).contains(WORDS);
		assertThat(page("/coach", running.coach()).select("#after-the-end")).isEmpty();

		// A next letter after the end is named again.
		mailFromTheParticipant("2");
		assertThat(page("/coach", running.coach()).select("#after-the-end a").text())
			.isEqualTo(running.participant().displayName());
	}

	@Test
	void aLetterAfterTheEndAnsweredByMailIsNoLongerNamed() throws Exception {
		mailFromTheParticipant("1");
		assertThat(page("/coach", running.coach()).select("#after-the-end")).isNotEmpty();

		// The coach answers the notice by mail: as a letter ends "waiting for you", it ends this.
		mail(running.coach().email(), "antwoord", "Wat fijn, gefeliciteerd!");
		assertThat(page("/coach", running.coach()).select("#after-the-end")).isEmpty();
	}

	@Test
	void aLetterThatCameWhileThePageWasDrawnIsNotTakenForSeen() throws Exception {
		mailFromTheParticipant("1");
		// The coach's page reads what waits, then the letters; meanwhile a second letter comes in.
		OffsetDateTime shown = letters.waitingUpTo(running.id()).orElseThrow();
		mailFromTheParticipant("2");
		letters.seen(running.id(), running.coach().id(), shown);
		assertThat(page("/coach", running.coach()).select("#after-the-end a").text())
			.isEqualTo(running.participant().displayName());

		// Opened again, the page shows the second letter too: now it is seen.
		assertThat(page("/coach/trajectories/" + running.id(), running.coach()).text()).contains(WORDS + " (2)");
		assertThat(page("/coach", running.coach()).select("#after-the-end")).isEmpty();
	}

	/**
	 * Decisions 0030 and 0122 keep mail the one way to write after the end, for both: a coach's answer by mail reaches the
	 * participant, whose letters are kept and who hears not to count on an answer. The pages and the coach's notice say
	 * that one story: the coach's page of the ended conversation takes no letter but says an answer by mail still goes to
	 * the participant; the participant's page says what their mail after the end becomes; the notice says that answering
	 * is the coach's choice, not a duty. Dutch and English.
	 */
	@Test
	void theEndedPagesAndTheCoachsNoticeSayWhatMailAfterTheEndDoes(@Autowired MessageMail mails,
			@Autowired nl.briefwissel.trajectory.Trajectories trajectories) throws Exception {
		String name = running.participant().displayName();
		String coachs = page("/coach/trajectories/" + running.id(), running.coach()).select("#not-sent").text();
		assertThat(coachs).contains("schrijven kan hier niet meer")
			.contains("Schrijft " + name + " je na het einde nog een mail, dan krijg je daarover een mail. Antwoord je daarop, "
					+ "dan gaat je antwoord naar " + name + " en komt het in het gesprek.");
		assertThat(page("/coach/trajectories/" + running.id() + "?lang=en", running.coach()).select("#not-sent").text())
			.contains("If " + name + " mails you after the end, you get a mail about it. If you reply to that mail, your answer goes to "
					+ name + " and into the conversation.");

		String participants = page("/participant/conversation?trajectory=" + running.id(), running.participant()).select("#not-sent").text();
		assertThat(participants).contains("schrijven kan hier niet meer")
			.contains("Mail je je e-coach toch, dan wordt je mail bewaard in je gesprek en krijgt je e-coach een melding, "
					+ "maar reken niet op een antwoord.");
		assertThat(page("/participant/conversation?trajectory=" + running.id() + "&lang=en", running.participant()).select("#not-sent").text())
			.contains("do not count on an answer");

		var trajectory = trajectories.byId(running.id()).orElseThrow();
		String notice = mails.afterTheEnd(trajectory, running.coach(), "reply@example.nl").text();
		assertThat(notice).contains("Jullie traject is afgelopen: antwoorden hoeft niet.")
			.contains("Wil je toch antwoorden? Antwoord dan op deze mail");
	}

	/**
	 * The coach's workspace listing ended trajectories says what their conversation page says: writing there is
	 * closed, and mail from the participant after the end still comes, with a mail about it (decision 0030, amended).
	 * It said nothing, and a coach looking there for how to reach a former participant found no word on mail.
	 */
	@Test
	void theWorkspaceListingEndedTrajectoriesSaysWhatMailAfterTheEndDoes() throws Exception {
		assertThat(page("/coach?need=ENDED", running.coach()).select("#ended-by-mail").text())
			.isEqualTo("Op een afgelopen traject kun je niet meer schrijven; het gesprek blijft te lezen. Schrijft de deelnemer je na "
					+ "het einde nog een mail, dan krijg je daarover een mail. Antwoord je daarop, dan gaat je antwoord naar de "
					+ "deelnemer en komt het in het gesprek.");
		assertThat(page("/coach?need=ENDED&lang=en", running.coach()).select("#ended-by-mail").text())
			.contains("You cannot write on an ended trajectory any more", "If the participant mails you after the end, you get a mail about it.",
					"your answer goes to the participant and into the conversation");
		assertThat(page("/coach", running.coach()).select("#ended-by-mail")).as("no ended trajectory listed").isEmpty();
	}

	private void mailFromTheParticipant(String n) {
		mail(running.participant().email(), n, WORDS + " (" + n + ")");
	}

	/** A mail to the conversation's reply address, as the participant's letters and the coach's notice carry it. */
	private void mail(String from, String n, String words) {
		String to = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
		byte[] raw = ("From: " + from + "\r\nTo: " + to + "\r\nSubject: Re: Onze laatste brief\r\n"
				+ "Message-ID: <na-het-einde-" + n + "-" + run + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
				+ words + "\r\n").getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of(to));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).stream().anyMatch(m -> m.body().startsWith(words)));
	}

	private Document page(String path, nl.briefwissel.account.Account account) throws Exception {
		RequestPostProcessor as = fixtures.as(account);
		return Jsoup.parse(mvc.perform(get(path).with(as)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.closing.Closing;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.Closings;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.UnansweredLetters;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A reply by mail to the closing summary's mail is the participant's reaction to it, while the trajectory
 * runs and they gave none yet; the letter stays in the conversation and is no letter the coach still has to
 * answer. A reaction given already leaves the reply a letter only (decision 0136).
 */
@BriefwisselTest
class ClosingReactionByMailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Closings closings;

	@Autowired
	UnansweredLetters unanswered;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Workspace workspace;

	@Autowired
	Quarantine quarantine;

	@Autowired
	TrajectoryLifecycle lifecycle;

	/**
	 * Two letters written at once into one conversation (a double click on adding a held mail, two mails taken in
	 * together) each hold the writers' shared lock on the trajectory when they ask whether they are the reaction.
	 * Asking took the row for update: each waited for the other's shared lock, and PostgreSQL ended one of them
	 * with "deadlock detected" (the stop CI of session 46). On H2 the writers' lock is exclusive: they take turns.
	 */
	@Test
	void twoLettersAtOnceAskingWhetherTheyAreTheReactionDoNotWaitForEachOther(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions,
			@Autowired nl.briefwissel.trajectory.Trajectories trajectories, @Autowired ClosingDesk desk) throws Exception {
		var running = fixtures.runningTrajectory(true);
		var trajectory = trajectories.withContent(running.id()).orElseThrow();
		var bothLocked = new java.util.concurrent.CountDownLatch(2);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.List<java.util.concurrent.Future<Boolean>> letters = new java.util.ArrayList<>();
			for (int i = 0; i < 2; i++) {
				letters.add(pool.submit(() -> transactions.execute(status -> {
					assertThat(trajectories.lockedWithContent(running.id())).isTrue();
					bothLocked.countDown();
					try {
						bothLocked.await(300, java.util.concurrent.TimeUnit.MILLISECONDS); // on H2 the second waits for the first, within its lock timeout
					}
					catch (InterruptedException stopped) {
						Thread.currentThread().interrupt();
					}
					return desk.reactedByMail(trajectory, "<another-mail@example.nl>", java.util.UUID.randomUUID(), "Dank je!");
				})));
			}
			for (var letter : letters) {
				assertThat(letter.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("no summary's mail: a letter only").isFalse();
			}
		}
		finally {
			testsupport.Threads.finish(pool);
		}
	}

	@Test
	void aReplyToTheSummarysMailIsTheReactionAndLeavesNoLetterUnanswered() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		assertThat(Mailboxes.text(closing)).as("the mail says a reply is a reaction")
			.contains("of door deze mail te beantwoorden");

		replyByMail(running, closing, "Dank je wel voor de mooie samenvatting!");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		Closing now = closings.of(running.id()).orElseThrow();
		assertThat(now.reaction()).as("their reaction, on both sides").isEqualTo("Dank je wel voor de mooie samenvatting!");
		assertThat(closings.reactionLetter(running.id())).as("the letter it came as, kept in the conversation")
			.contains(conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT).findFirst().orElseThrow().id());
		assertThat(unanswered.waitingSince(running.id())).as("the reaction waits for no answer").isEmpty();
		Document course = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/course", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(course.getElementById("complete-unanswered")).as("the coach's complete form").isNull();
		assertThat(course.getElementById("complete-summary-unanswered")).as("the summary was answered").isNull();

		conversations.participantWrites(running.id(), running.participant().id(), "En nog een vraag over mijn cv.");
		assertThat(unanswered.waitingSince(running.id())).as("a letter after it waits for an answer").isPresent();
	}

	@Test
	void aReplyAfterAReactionOnTheWebIsALetterOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		mvc.perform(post("/participant/closing").param("trajectory", running.id().toString()).param("reaction", "Mooi geschreven.")
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());
		assertThat(closings.of(running.id()).orElseThrow().reaction()).isEqualTo("Mooi geschreven.");

		replyByMail(running, closing, "Nog een vraag: mag ik je later nog mailen?");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).as("the reaction given before").isEqualTo("Mooi geschreven.");
		assertThat(closings.reactionLetter(running.id())).isEmpty();
		assertThat(unanswered.waitingSince(running.id())).as("a letter for the coach").isPresent();
	}

	/**
	 * A reaction by mail changed (or emptied) on the web is no longer that letter: the letter kept its link, and the
	 * complete form still did not warn that it waited for an answer.
	 */
	@Test
	void aReactionChangedOnTheWebLeavesItsLetterALetterToAnswer() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		replyByMail(running, closing, "Dank je, ik denk er nog over na.");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);
		assertThat(closings.reactionLetter(running.id())).isPresent();

		mvc.perform(post("/participant/closing").param("trajectory", running.id().toString()).param("reaction", "")
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isNull();
		assertThat(closings.reactionLetter(running.id())).as("the letter is not the reaction now").isEmpty();
		assertThat(unanswered.waitingSince(running.id())).as("a letter for the coach to answer").isPresent();
	}

	/**
	 * The workspace read the reaction by mail as a letter waiting for the coach's answer ("Wacht op je antwoord"), where
	 * the complete form did not: a reaction to the summary asks no answer, on either (decision 0136).
	 */
	@Test
	void theReactionByMailIsNotWaitingForAnAnswerInTheWorkspace() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		replyByMail(running, closing, "Dank je wel, het was waardevol.");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(workspace.of(running.coach().id())).filteredOn(e -> e.trajectory().id().equals(running.id()))
			.singleElement().satisfies(e -> assertThat(e.need()).isNotEqualTo(Workspace.Need.WAITING_FOR_REPLY));
		Document page = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("reply-due")).as("the conversation page names no reply due").isNull();

		conversations.participantWrites(running.id(), running.participant().id(), "Mag ik nog iets vragen?");
		assertThat(workspace.of(running.coach().id())).filteredOn(e -> e.trajectory().id().equals(running.id()))
			.singleElement().satisfies(e -> assertThat(e.need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY));
	}

	/**
	 * The coach rewrites the summary and sends the change: the participant is mailed about it (decision 0146). A reply
	 * to the summary's mail they got first answered the words before the change: kept as the reaction, it made the new
	 * words stand unread. It stays a letter, waiting for the coach's answer (decision 0146, amended).
	 */
	@Test
	void aReplyToTheFirstSummaryMailAfterAChangeWasSentIsALetterOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage first = sendTheSummary(running);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven, en van schrijven.").param("send", "true"))
			.andExpect(status().is3xxRedirection());

		replyByMail(running, first, "Dank je, ook voor de aanvulling!");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isNull();
		assertThat(closings.reactionLetter(running.id())).isEmpty();
		assertThat(unanswered.waitingSince(running.id())).as("a letter, waiting for an answer").isPresent();
		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.text(m).contains("heeft de samenvatting van jullie traject gewijzigd"));
		assertThat(Mailboxes.read(mailServer, running.participant().email(), Mailboxes.PASSWORD).stream()
			.filter(m -> Mailboxes.text(m).contains("samenvatting van jullie traject")))
			.as("the summary's mail and the change's (decision 0146)").hasSize(2);
	}

	/** A reply to the mail about the change answers the words they read now: it is the reaction (decision 0146). */
	@Test
	void aReplyToTheChangesMailIsTheReaction() throws Exception {
		var running = fixtures.runningTrajectory(true);
		sendTheSummary(running);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven, en van schrijven.").param("send", "true"))
			.andExpect(status().is3xxRedirection());
		MimeMessage changed = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("heeft de samenvatting van jullie traject gewijzigd"));

		replyByMail(running, changed, "Dank je, ook voor de aanvulling!");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isEqualTo("Dank je, ook voor de aanvulling!");
		assertThat(closings.reactionLetter(running.id())).isPresent();
		assertThat(unanswered.waitingSince(running.id())).as("the reaction waits for no answer").isEmpty();
	}

	/**
	 * A reply to the summary's mail that stays a letter (more words than a reaction holds, or only a photo) was not
	 * said to the participant: they thought they had reacted. Their closing under My trajectory now says so, above
	 * the form to react with, until they react.
	 */
	@Test
	void aReplyToTheSummaryThatStaysALetterIsSaidAboveTheReactionForm() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		assertThat(participantPage(running).getElementById("reaction-reply-" + running.id())).as("no reply yet").isNull();

		replyByMail(running, closing, "Veel te zeggen. ".repeat(ClosingDesk.MAX_REACTION / 16 + 10));
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(participantPage(running).getElementById("reaction-reply-" + running.id())).as("said where they react")
			.isNotNull().extracting(org.jsoup.nodes.Element::text).asString()
			.contains("staat als bericht in je gesprek", "niet je reactie", "hoogstens 8000 tekens");

		// Saving the form empty gives no reaction: the reply is still none, and still said.
		mvc.perform(post("/participant/closing").param("trajectory", running.id().toString()).param("reaction", "  ")
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());
		assertThat(participantPage(running).getElementById("reaction-reply-" + running.id())).as("still no reaction").isNotNull();

		mvc.perform(post("/participant/closing").param("trajectory", running.id().toString()).param("reaction", "Kort: dank je!")
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());
		assertThat(participantPage(running).getElementById("reaction-reply-" + running.id())).as("reacted now").isNull();
	}

	/** Only a photo in reply to the summary's mail: a letter for the coach, and said to the participant where they react. */
	@Test
	void aPhotoOnlyReplyToTheSummaryIsSaidAboveTheReactionFormToo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);

		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress(running.participant().email()));
		reply.setRecipients(RecipientType.TO, closing.getReplyTo());
		reply.setSubject("Re: " + closing.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", closing.getMessageID());
		jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
		jakarta.mail.internet.MimeBodyPart photo = new jakarta.mail.internet.MimeBodyPart();
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1,
				0, 0, (byte) 0xFF, (byte) 0xD9 };
		photo.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(jpeg, "image/jpeg")));
		photo.setFileName("bedankt.jpeg");
		photo.setDisposition(jakarta.mail.Part.ATTACHMENT);
		parts.addBodyPart(photo);
		reply.setContent(parts);
		reply.saveChanges();
		Transport.send(reply);
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isNull();
		assertThat(participantPage(running).getElementById("reaction-reply-" + running.id())).isNotNull()
			.extracting(org.jsoup.nodes.Element::text).asString().contains("je mail had geen tekst (alleen een bestand)");
	}

	/** A reply to another mail of the conversation (a coach's letter), after the summary went: a letter only. */
	@Test
	void aReplyToAnotherMailIsALetterOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Hoe kijk je terug op de zes weken?");
		MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("Hoe kijk je terug"));
		sendTheSummary(running);

		replyByMail(running, letter, "Met plezier, het hielp me echt.");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isNull();
		assertThat(closings.reactionLetter(running.id())).isEmpty();
		assertThat(unanswered.waitingSince(running.id())).isPresent();
		assertThat(participantPage(running).getElementById("reaction-reply-" + running.id())).as("it answered another mail").isNull();
	}

	/** A reply to the summary's mail after the trajectory ended: a letter only, as a reaction on the web is refused then. */
	@Test
	void aReplyAfterTheEndIsALetterOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		replyByMail(running, closing, "Bedankt voor alles!");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isNull();
		assertThat(closings.reactionLetter(running.id())).isEmpty();
	}

	/** More words than a reaction holds: the letter keeps them all, and it is a letter only. */
	@Test
	void aReplyLongerThanAReactionIsALetterOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);

		replyByMail(running, closing, "Veel te zeggen. ".repeat(ClosingDesk.MAX_REACTION / 16 + 10));
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isNull();
		assertThat(closings.reactionLetter(running.id())).isEmpty();
		assertThat(unanswered.waitingSince(running.id())).as("the coach reads it as a letter").isPresent();
	}

	/** Held (from another address of the participant) and added by the coach: it replied to the summary, so it is the reaction. */
	@Test
	void aHeldReplyToTheSummaryAddedByTheCoachIsTheReaction() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		String other = "thuis-" + java.util.UUID.randomUUID() + "@example.nl";

		replyByMail(running, closing, "Vanaf mijn andere adres: dank je wel!", other);
		Quarantine.Entry held = await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.heldFor(running.id()).stream().findFirst(), java.util.Optional::isPresent).orElseThrow();
		java.util.UUID letter = quarantine.attach(held.inboundMailId(), running.id(), running.coach().id()).orElseThrow();

		assertThat(closings.of(running.id()).orElseThrow().reaction()).isEqualTo("Vanaf mijn andere adres: dank je wel!");
		assertThat(closings.reactionLetter(running.id())).contains(letter);
		assertThat(unanswered.waitingSince(running.id())).isEmpty();
	}

	private MimeMessage sendTheSummary(Fixtures.RunningTrajectory running) throws Exception {
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"))
			.andExpect(status().is3xxRedirection());
		return Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("samenvatting van jullie traject"));
	}

	private void replyByMail(Fixtures.RunningTrajectory running, MimeMessage received, String text) throws Exception {
		replyByMail(running, received, text, running.participant().email());
	}

	private void replyByMail(Fixtures.RunningTrajectory running, MimeMessage received, String text, String from) throws Exception {
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress(from));
		reply.setRecipients(RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getHeader("References", " ") == null ? received.getMessageID()
				: received.getHeader("References", " ") + " " + received.getMessageID());
		reply.setText(text, StandardCharsets.UTF_8.name());
		Transport.send(reply);
	}

	private Document participantPage(Fixtures.RunningTrajectory running) throws Exception {
		return Jsoup.parse(mvc.perform(get("/participant").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private long participantLetters(Fixtures.RunningTrajectory running) {
		return conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT).count();
	}
}

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
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Which message answers which assignment: a letter answers the open assignments but coach cards,
 * which only the laid cards answer, and those answer nothing else; a mail the coach adds from the
 * quarantine answers as a mail from the participant's own address does; after the closing summary a letter
 * answers by itself only a reply to the assignment's own mail (decision 0126).
 */
@BriefwisselTest
class AnsweringAssignmentsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	Conversations conversations;

	@Autowired
	Quarantine quarantine;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void aLetterAnswersTheReflectionButLeavesTheCoachCardsToLay() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);

		mvc.perform(multipart("/participant/conversation").param("text", "Dank, ik doe het dit weekend.")
			.with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());

		UUID letter = onlyParticipantLetter(running);
		assertThat(now(reflection).answerMessageId()).isEqualTo(letter);
		assertThat(now(cards).answered()).as("the coach cards, answered by a letter").isFalse();
		mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant())))
			.andExpect(content().string(containsString("/participant/cards/" + cards.id())));
		mvc.perform(get("/participant/cards/{id}", cards.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk());
	}

	@Test
	void theLaidCardsAnswerTheCoachCardsAndLeaveTheReflectionOpen() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);

		mvc.perform(post("/participant/cards/{id}", cards.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "LISTENING", "ORGANISING", "HUMOUR", "EMPATHY", "PRECISION"))
			.andExpect(status().is3xxRedirection());

		UUID topFive = onlyParticipantLetter(running);
		assertThat(now(cards).answerMessageId()).isEqualTo(topFive);
		assertThat(now(reflection).answered()).as("the reflection, answered by the top five").isFalse();
		mvc.perform(get("/participant/conversation").with(fixtures.as(running.participant())))
			.andExpect(content().string(not(containsString("/participant/cards/" + cards.id()))));

		UUID letter = conversations.participantWrites(running.id(), running.participant().id(), "Mijn reflectie.");
		assertThat(now(reflection).answerMessageId()).isEqualTo(letter);
		assertThat(now(cards).answerMessageId()).isEqualTo(topFive);
	}

	/**
	 * The coach gives their own coach cards assignment, then makes it a reflection with another title
	 * in the library: the trajectory keeps what it was given, cards to lay that a letter leaves open.
	 */
	@Test
	void anAssignmentEditedAfterItWasGivenStaysAsItWasGiven() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID own = assignments.add(running.coach().id(), new Assignments.Draft("Mijn kernwaarden", "Leg de kaarten.",
				AssignmentType.COACH_CARDS, java.util.List.of(), 20, java.util.Locale.forLanguageTag("nl")));
		given.give(running.id(), own, conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht: de kaarten."));
		assignments.change(own, new Assignments.Draft("Terugblik op je week", "Schrijf terug.", AssignmentType.REFLECTION,
				java.util.List.of(), 20, java.util.Locale.forLanguageTag("nl")));

		mvc.perform(multipart("/participant/conversation").param("text", "Dank, ik leg ze dit weekend.")
			.with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());

		GivenAssignments.Given cards = given.of(running.id()).get(0);
		assertThat(cards.title()).isEqualTo("Mijn kernwaarden");
		assertThat(cards.type()).isEqualTo(AssignmentType.COACH_CARDS);
		assertThat(cards.answered()).as("coach cards, answered by a letter after the library's edit").isFalse();
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(content().string(containsString("Mijn kernwaarden")))
			.andExpect(content().string(not(containsString("Terugblik op je week"))));
		mvc.perform(get("/participant/cards/{id}", cards.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk());
	}

	@Test
	void aMailAddedFromTheQuarantineAnswersTheOpenAssignment() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		// By mail, the coach cards are answered as their instructions say: a reply with the top five.
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);

		// The participant answers from another address of theirs: the mail waits for the coach.
		MimeMessage received = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress("prive-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl"));
		reply.setRecipients(RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getMessageID());
		reply.setText("Mijn antwoord op de opdracht, van mijn eigen adres.", StandardCharsets.UTF_8.name());
		Transport.send(reply);
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(running.coach().id()).isEmpty());
		Quarantine.Entry entry = quarantine.ofCoach(running.coach().id()).get(0);
		assertThat(now(reflection).answered()).isFalse();

		mvc.perform(post("/coach/quarantine/{id}/attach", entry.inboundMailId()).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection());

		UUID letter = onlyParticipantLetter(running);
		assertThat(now(reflection).answerMessageId()).as("the assignment, answered by the mail added").isEqualTo(letter);
		assertThat(now(cards).answerMessageId()).as("the cards, answered by mail").isEqualTo(letter);
	}

	/**
	 * The participant writes on Monday, the mail waits in the quarantine, the coach gives an assignment
	 * on Wednesday and adds Monday's mail on Thursday: it leaves the assignment it was written before
	 * open, and stands as the newest letter, waiting for the coach's answer.
	 */
	@Test
	void aMailAddedFromTheQuarantineLaterAnswersNothingGivenAfterItAndWaitsForTheCoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Hoe kijk je terug op je eerste week?");
		MimeMessage received = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress("prive-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl"));
		reply.setRecipients(RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getMessageID());
		reply.setText("Een drukke week, met veel nieuwe gezichten.", StandardCharsets.UTF_8.name());
		Transport.send(reply);
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(running.coach().id()).isEmpty());
		Quarantine.Entry entry = quarantine.ofCoach(running.coach().id()).get(0);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);

		mvc.perform(post("/coach/quarantine/{id}/attach", entry.inboundMailId()).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection());

		var letters = conversations.of(running.id());
		Message added = letters.stream().filter(m -> m.author() == Author.PARTICIPANT).findFirst().orElseThrow();
		assertThat(now(reflection).answered()).as("written before the assignment was given").isFalse();
		// The newest letter: the coach sees it waiting for an answer.
		assertThat(letters.get(letters.size() - 1)).isEqualTo(added);
		assertThat(workspace.view(running.coach().id()).entries()).filteredOn(e -> e.trajectory().id().equals(running.id()))
			.extracting(Workspace.Entry::need).containsExactly(Workspace.Need.WAITING_FOR_REPLY);
	}

	/**
	 * The coach sends the closing summary while a reflection is still open, and the participant answers the
	 * closing mail from their mail program: a reaction to the summary, not the reflection's answer (decision
	 * 0126). Their letter on the web after it is no answer by itself either; the coach may still link either.
	 */
	@Test
	void aReactionToTheClosingSummaryAnswersNoAssignmentGivenBeforeIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);
		MimeMessage closing = sendTheSummary(running);

		replyByMail(running, closing, "Dank je wel voor de mooie samenvatting!");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);
		conversations.participantWrites(running.id(), running.participant().id(), "En nog een keer: dank je.");

		assertThat(now(reflection).answered()).as("the reflection, answered by a reaction to the summary").isFalse();
		assertThat(now(cards).answered()).as("the coach cards, answered by a reaction to the summary").isFalse();
		assertThat(AssignmentAnswers.choices(given.of(running.id()), conversations.of(running.id())).get(reflection.id()))
			.as("the letters its coach may still link").hasSize(2);
	}

	/**
	 * After the summary the participant still answers the assignment they were given: a reply to the mail of
	 * the letter it came in answers it, and leaves open the one given in another letter.
	 */
	@Test
	void aReplyToTheAssignmentsOwnMailAfterTheSummaryStillAnswersIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		MimeMessage assignmentMail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("Een opdracht: " + reflection.title()));
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);
		sendTheSummary(running);

		replyByMail(running, assignmentMail, "Mijn reflectie, toch nog.");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(now(reflection).answerMessageId()).as("the reflection, answered in reply to its own mail")
			.isEqualTo(onlyParticipantLetter(running));
		assertThat(now(cards).answered()).as("the coach cards, given in another letter").isFalse();
	}

	/**
	 * The participant answers the reflection from another address of theirs before the summary; the coach sends the
	 * summary and only then adds the mail: it came before the summary and answers the reflection as it would have
	 * (Quarantine#attach judges by when it was held, not when it was added).
	 */
	@Test
	void aMailHeldBeforeTheSummaryAndAddedAfterItStillAnswersTheAssignment() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		MimeMessage assignmentMail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("Een opdracht: " + reflection.title()));
		replyFromAnotherAddress(assignmentMail, "Mijn reflectie, van mijn eigen adres.");
		Quarantine.Entry entry = awaitHeld(running);
		sendTheSummary(running);

		mvc.perform(post("/coach/quarantine/{id}/attach", entry.inboundMailId()).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection());

		assertThat(now(reflection).answerMessageId()).as("held before the summary: the reflection's answer")
			.isEqualTo(onlyParticipantLetter(running));
	}

	/** A reaction to the summary from another address, added by the coach: no answer to the reflection given before it. */
	@Test
	void aMailHeldAfterTheSummaryAndAddedAnswersNoAssignmentGivenBeforeIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		MimeMessage closing = sendTheSummary(running);
		replyFromAnotherAddress(closing, "Dank je wel, van mijn eigen adres.");
		Quarantine.Entry entry = awaitHeld(running);

		mvc.perform(post("/coach/quarantine/{id}/attach", entry.inboundMailId()).with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection());

		onlyParticipantLetter(running);
		assertThat(now(reflection).answered()).as("held after the summary, in reply to it").isFalse();
	}

	/** An assignment given after the summary is answered by the next letter on the web, as before the summary. */
	@Test
	void aLetterOnTheWebAfterTheSummaryAnswersAnAssignmentGivenAfterIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		sendTheSummary(running);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);

		UUID letter = conversations.participantWrites(running.id(), running.participant().id(), "Mijn reflectie na de samenvatting.");

		assertThat(now(reflection).answerMessageId()).as("given after the summary").isEqualTo(letter);
	}

	/** And by mail: a reply to the closing mail answers an assignment given since the summary. */
	@Test
	void aMailAfterTheSummaryAnswersAnAssignmentGivenAfterIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MimeMessage closing = sendTheSummary(running);
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);

		replyByMail(running, closing, "Mijn reflectie, als antwoord op de samenvatting.");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(now(reflection).answerMessageId()).as("given after the summary").isEqualTo(onlyParticipantLetter(running));
	}

	/** Coach cards given before the summary are answered by mail by a reply to the cards letter's own mail. */
	@Test
	void theCoachCardsAreAnsweredAfterTheSummaryByAReplyToTheirOwnMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given cards = give(running, AssignmentType.COACH_CARDS);
		MimeMessage cardsMail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("Een opdracht: " + cards.title()));
		GivenAssignments.Given reflection = give(running, AssignmentType.REFLECTION);
		sendTheSummary(running);

		replyByMail(running, cardsMail, "Mijn vijf kaarten: rust, groei, samen, humor, vakmanschap.");
		await().atMost(Duration.ofSeconds(15)).until(() -> participantLetters(running) == 1);

		assertThat(now(cards).answerMessageId()).as("the cards, in reply to their own mail").isEqualTo(onlyParticipantLetter(running));
		assertThat(now(reflection).answered()).as("the reflection, given in another letter").isFalse();
	}

	/** A reply to this mail from another address of the participant's: held for the coach. */
	private void replyFromAnotherAddress(MimeMessage received, String text) throws Exception {
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress("prive-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl"));
		reply.setRecipients(RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getMessageID());
		reply.setText(text, StandardCharsets.UTF_8.name());
		Transport.send(reply);
	}

	private Quarantine.Entry awaitHeld(Fixtures.RunningTrajectory running) {
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(running.coach().id()).isEmpty());
		return quarantine.ofCoach(running.coach().id()).get(0);
	}

	/** The coach sends the closing summary from their page; the mail that says so, as the participant gets it. */
	private MimeMessage sendTheSummary(Fixtures.RunningTrajectory running) throws Exception {
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"))
			.andExpect(status().is3xxRedirection());
		return Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("samenvatting van jullie traject"));
	}

	/** The participant answers this mail from their own address, as their mail program does. */
	private void replyByMail(Fixtures.RunningTrajectory running, MimeMessage received, String text) throws Exception {
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(new InternetAddress(running.participant().email()));
		reply.setRecipients(RecipientType.TO, received.getReplyTo());
		reply.setSubject("Re: " + received.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", received.getMessageID());
		reply.setHeader("References", received.getHeader("References", " ") == null ? received.getMessageID()
				: received.getHeader("References", " ") + " " + received.getMessageID());
		reply.setText(text, StandardCharsets.UTF_8.name());
		Transport.send(reply);
	}

	private long participantLetters(Fixtures.RunningTrajectory running) {
		return conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT).count();
	}

	/** A Dutch assignment of this type from the shared library, given in a letter of the coach. */
	@Autowired
	Workspace workspace;

	private GivenAssignments.Given give(Fixtures.RunningTrajectory running, AssignmentType type) {
		Assignment assignment = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, type))
			.stream()
			.filter(a -> a.language().getLanguage().equals("nl"))
			.findFirst()
			.orElseThrow();
		given.give(running.id(), assignment.id(),
				conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht: " + assignment.title()));
		return given.of(running.id()).stream().filter(g -> g.assignmentId().equals(assignment.id())).findFirst().orElseThrow();
	}

	private GivenAssignments.Given now(GivenAssignments.Given assignment) {
		return given.of(assignment.trajectoryId()).stream().filter(g -> g.id().equals(assignment.id())).findFirst().orElseThrow();
	}

	private UUID onlyParticipantLetter(Fixtures.RunningTrajectory running) {
		var letters = conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT).toList();
		assertThat(letters).hasSize(1);
		return letters.get(0).id();
	}
}

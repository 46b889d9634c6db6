package nl.briefwissel.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Highlights;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.ConversationAddress;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Ownership within one organisation, where {@link AuthorisationMatrixTests} tries another organisation's
 * identifiers in the first path variable only: another coach's trajectory on every coach route about one,
 * another participant's on every participant route; the caller's own first identifier with someone else's
 * second; and identifiers passed as request parameters. Each is refused (404, or the answer the product
 * gives instead, named with the case) and changes nothing of anyone else's. The same requests with the
 * caller's own identifiers work, so a refusal here is about ownership, not a request that never could.
 */
@BriefwisselTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixOwnershipTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

	/** Rows about a trajectory that a request may change; reminders are left out, as a scheduler writes them. */
	private static final List<String> PER_TRAJECTORY = List.of("message", "highlight", "given_assignment", "draft", "coach_note",
			"closing", "accepted_address", "trajectory_transition", "trajectory_pause", "reply_token", "quarantined_mail",
			"letter_submission", "letter_after_the_end", "employer_confirmation");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Conversations conversations;

	@Autowired
	Highlights highlights;

	@Autowired
	CoachDesk desk;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	Quarantine quarantine;

	@Autowired
	InboundMails inbound;

	@Autowired
	ConversationAddress conversationAddress;

	@Autowired
	Intakes intakes;

	@Autowired
	Programmes programmes;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/** A trajectory with one of everything a route may name: its letters, a file, marked passages, held mail. */
	record Side(UUID trajectory, Account participant, Account coach, UUID letter, UUID attachment, UUID mailLetter,
			UUID coachLetter, String coachLetterMail, UUID coachHighlight, UUID participantHighlight, UUID heldMail,
			UUID givenCards) {
	}

	/** What a coach keeps of their own: a saved reply and an assignment nobody else may use. */
	record Own(UUID savedReply, String savedReplyBody, UUID assignment, String assignmentTitle) {
	}

	private Side mine;

	/** Another coach's trajectory, in the same organisation and programme. */
	private Side theirs;

	/** Another participant's trajectory, with the same coach as mine. */
	private Side sibling;

	private Own myDesk;

	private Own theirDesk;

	private Account manager;

	private UUID programme;

	private UUID ownIntake;

	private UUID foreignProgramme;

	private UUID foreignIntake;

	private String foreignParticipant;

	private UUID proposalToAnother;

	@BeforeAll
	void aProgrammeWithTwoCoachesAndThreeParticipants() throws Exception {
		var base = fixtures.runningTrajectory(true);
		programme = base.programmeId();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account otherCoach = fixtures.person(base.organisationId(), "andere-coach-" + suffix + "@example.nl", "Andere Coach " + suffix,
				Role.COACH);
		Account otherParticipant = fixtures.person(base.organisationId(), "andere-" + suffix + "@example.nl",
				"Andere Deelnemer " + suffix, Role.PARTICIPANT);
		UUID theirTrajectory = trajectories.record(programme, otherParticipant.id(), otherCoach.id(), TrajectoryStatus.RUNNING,
				"NEXT_STEP", Today.date(), null);
		var siblingTrajectory = fixtures.anotherFor(base, Today.date());
		myDesk = desk(base.coach());
		theirDesk = desk(otherCoach);
		List<UUID> mails = new ArrayList<>();
		mine = side(base.id(), base.participant(), base.coach(), mails);
		theirs = side(theirTrajectory, otherParticipant, otherCoach, mails);
		sibling = side(siblingTrajectory.id(), siblingTrajectory.participant(), base.coach(), mails);
		inbound.handleDueNow();
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
				"select count(*) from inbound_mail where status = 'PROCESSED' and id in (" + "?,".repeat(mails.size() - 1) + "?)",
				Integer.class, mails.toArray()) == mails.size());
		mine = withMail(mine);
		theirs = withMail(theirs);
		sibling = withMail(sibling);
		for (Side side : List.of(mine, sibling)) {
			jdbc.update("update trajectory set employer_may_confirm = true where id = ?", side.trajectory());
		}

		manager = fixtures.managerOf(base);
		ownIntake = intakes.invite(programmes.byId(programme).orElseThrow(), "eigen-" + suffix + "@example.nl", "Eigen Aanmelder",
				Locale.forLanguageTag("nl"), manager.id()).id();
		var foreign = fixtures.runningTrajectory(true);
		foreignProgramme = foreign.programmeId();
		foreignParticipant = foreign.participant().displayName();
		foreignIntake = intakes.invite(programmes.byId(foreignProgramme).orElseThrow(), "elders-" + suffix + "@example.nl",
				"Aanmelder Elders " + suffix, Locale.forLanguageTag("nl"), null).id();
		proposalToAnother = fixtures.proposal(base).trajectoryId();
	}

	private Own desk(Account coach) {
		String reply = "Eigen zin van " + coach.displayName();
		desk.addSavedReply(coach.id(), "Vaste zin", reply);
		desk.addSavedReply(coach.id(), "Nog een", "Te verwijderen");
		UUID reply0 = desk.savedReplies(coach.id()).stream().filter(r -> r.body().equals(reply)).findFirst().orElseThrow().id();
		String title = "Eigen opdracht van " + coach.displayName();
		UUID assignment = assignments.add(coach.id(), new Assignments.Draft(title, "Instructies alleen voor " + coach.displayName(),
				AssignmentType.REFLECTION, List.of(), 20, Locale.forLanguageTag("nl")));
		return new Own(reply0, reply, assignment, title);
	}

	/** Letters on the web and by mail, a file, a failed mail, two marked passages, a held mail and cards to lay. */
	private Side side(UUID trajectory, Account participant, Account coach, List<UUID> mails) throws Exception {
		UUID letter = conversations.participantWrites(trajectory, participant.id(), "Mijn brief met een bijlage.",
				List.of(MailAttachment.received("cv.pdf", "application/pdf",
						new ByteArrayInputStream("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))));
		UUID attachment = conversations.of(trajectory).stream().filter(m -> m.id().equals(letter)).findFirst().orElseThrow()
			.attachments().get(0).id();
		UUID coachLetter = conversations.coachWrites(trajectory, coach.id(), "Een brief van de coach.");
		String coachLetterMail = conversations.of(trajectory).stream().filter(m -> m.id().equals(coachLetter)).findFirst()
			.orElseThrow().mailMessageId();
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(
				jdbc.queryForObject("select status from outbound_mail where message_id = ?", String.class, coachLetterMail)));
		// As the outbox leaves a mail it gave up on: the coach may send it again.
		jdbc.update("update outbound_mail set status = 'FAILED', attempts = 55 where message_id = ?", coachLetterMail);
		UUID coachHighlight = highlights.mark(trajectory, letter, "", coach.id()).orElseThrow();
		UUID participantHighlight = highlights.mark(trajectory, letter, "", participant.id()).orElseThrow();

		String address = conversationAddress.replyTo(trajectory, participant.id());
		mails.add(mail(participant.email(), address, "Brief per mail"));
		UUID held = mail("vreemde-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl", address, "Van een ander");
		mails.add(held);
		return new Side(trajectory, participant, coach, letter, attachment, null, coachLetter, coachLetterMail, coachHighlight,
				participantHighlight, held, null);
	}

	private UUID mail(String from, String to, String subject) {
		byte[] raw = ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\n\r\nTekst van " + from + ".\r\n").getBytes(StandardCharsets.UTF_8);
		return inbound.store(raw, InboundMails.Source.SMTP, from, List.of(to)).id();
	}

	/**
	 * The side with its letter that came by mail, now that the pipeline has added it, and cards to lay given
	 * after it (that letter answered what was open).
	 */
	private Side withMail(Side side) {
		assertThat(quarantine.entry(side.heldMail())).as("held for its trajectory").isPresent()
			.hasValueSatisfying(entry -> assertThat(entry.trajectoryId()).isEqualTo(side.trajectory()));
		UUID mailLetter = conversations.of(side.trajectory()).stream().filter(m -> m.inboundMailId() != null)
			.map(Message::id).findFirst().orElseThrow();
		UUID cards = assignments.add(side.coach().id(), new Assignments.Draft("Kaarten", "Leg de kaarten.", AssignmentType.COACH_CARDS,
				List.of(), 20, Locale.forLanguageTag("nl")));
		given.give(side.trajectory(), cards, side.coachLetter());
		UUID givenCards = given.of(side.trajectory()).stream().filter(g -> g.assignmentId().equals(cards)).findFirst().orElseThrow().id();
		return new Side(side.trajectory(), side.participant(), side.coach(), side.letter(), side.attachment(), mailLetter,
				side.coachLetter(), side.coachLetterMail(), side.coachHighlight(), side.participantHighlight(), side.heldMail(),
				givenCards);
	}

	/** A request, who makes it, and what it must answer. */
	record Call(Account as, HttpMethod method, String path, Map<String, String> params, Set<Integer> answers, Check check) {

		Call(Account as, HttpMethod method, String path, Map<String, String> params) {
			this(as, method, path, params, Set.of(403, 404), result -> {
			});
		}

		Call answering(int answer, Check check) {
			return new Call(as, method, path, params, Set.of(answer), check);
		}
	}

	interface Check {

		void verify(MvcResult result) throws Exception;
	}

	private static Named<Call> named(Call call) {
		return Named.of(call.method() + " " + call.path() + (call.params().isEmpty() ? "" : " " + call.params().keySet()), call);
	}

	/** What the redirect carries to the next page (a FlashMap is a Map of two kinds to AssertJ). */
	private static Map<String, Object> flash(MvcResult result) {
		return new LinkedHashMap<>(result.getFlashMap());
	}

	private static Map<String, String> params(String... pairs) {
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			params.put(pairs[i], pairs[i + 1]);
		}
		return params;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("someoneElses")
	void someoneElsesIdentifierIsRefusedAndChangesNothing(Call call) throws Exception {
		List<String> before = othersState();
		MvcResult result = perform(call);
		assertThat(result.getResponse().getStatus()).as("answer to %s %s as %s", call.method(), call.path(), call.as().email())
			.isIn(call.answers());
		call.check().verify(result);
		assertThat(othersState()).as("what is someone else's, after %s %s", call.method(), call.path()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ownIdentifiers")
	void theSameRequestsWithOwnIdentifiersWork(Call call) throws Exception {
		MvcResult result = perform(call);
		assertThat(result.getResponse().getStatus()).as("answer to %s %s as %s", call.method(), call.path(), call.as().email())
			.isIn(call.answers());
		call.check().verify(result);
	}

	Stream<Named<Call>> someoneElses() {
		List<Call> calls = new ArrayList<>();
		// (a) Every coach route about a trajectory, with another coach's, and every participant route with an
		// identifier, with another participant's: all of its identifiers theirs.
		for (Route route : routes()) {
			if (route.pattern().startsWith("/coach/trajectories/{id}") || route.pattern().startsWith("/coach/proposals/{id}")) {
				Map<String, String> bag = bag(theirs);
				if (route.pattern().endsWith("/answer")) {
					bag.put("letter", theirs.letter().toString()); // an identifier here, the welcome letter's text elsewhere
				}
				calls.add(new Call(mine.coach(), route.method(), fill(route.pattern(), theirs, route.pattern().startsWith("/coach/proposals")
						? proposalToAnother : theirs.trajectory()), bag));
			}
			else if (route.pattern().startsWith("/participant/") && VARIABLE.matcher(route.pattern()).find()) {
				calls.add(new Call(mine.participant(), route.method(), fill(route.pattern(), sibling, sibling.trajectory()), bag(sibling)));
			}
		}
		Account coach = mine.coach();
		Account participant = mine.participant();
		String my = "/coach/trajectories/" + mine.trajectory();
		// (b) The caller's own trajectory, with someone else's second identifier.
		calls.add(new Call(coach, HttpMethod.GET, my + "/attachments/" + theirs.attachment(), params()));
		calls.add(new Call(coach, HttpMethod.GET, my + "/messages/" + theirs.mailLetter() + "/original", params()));
		calls.add(new Call(coach, HttpMethod.POST, my + "/messages/" + theirs.coachLetter() + "/send-again", params())
			.answering(302, result -> assertThat(flash(result)).containsKey("notSentAgain").doesNotContainKey("sentAgain")));
		calls.add(new Call(coach, HttpMethod.POST, my + "/highlights/" + theirs.coachHighlight() + "/remove", params())
			.answering(302, result -> {
			}));
		calls.add(new Call(coach, HttpMethod.POST, my + "/highlights", params("message", theirs.letter().toString(), "passage", ""))
			.answering(302, result -> assertThat(flash(result)).containsKey("highlightProblem")));
		calls.add(new Call(participant, HttpMethod.GET, "/participant/attachments/" + mine.trajectory() + "/" + sibling.attachment(),
				params()));
		calls.add(new Call(participant, HttpMethod.POST, "/participant/highlights/" + sibling.participantHighlight() + "/remove",
				params("trajectory", mine.trajectory().toString())).answering(302, result -> {
				}));
		calls.add(new Call(participant, HttpMethod.POST, "/participant/highlights",
				params("trajectory", mine.trajectory().toString(), "message", sibling.letter().toString(), "passage", ""))
			.answering(302, result -> assertThat(flash(result)).containsKey("highlightProblem")));
		for (String action : List.of("invitation", "invite-instead", "withdraw")) {
			calls.add(new Call(manager, HttpMethod.POST, "/programme/programmes/" + programme + "/intakes/" + foreignIntake + "/" + action,
					params("sent", "0", "fromList", "true", "openPage", "1")));
		}
		// (c) Identifiers passed as request parameters.
		String theirTrajectory = sibling.trajectory().toString();
		calls.add(new Call(participant, HttpMethod.GET, "/participant/conversation", params("trajectory", theirTrajectory)));
		calls.add(new Call(participant, HttpMethod.POST, "/participant/conversation",
				params("trajectory", theirTrajectory, "text", "In hun gesprek", "submission", UUID.randomUUID().toString())));
		calls.add(new Call(participant, HttpMethod.GET, "/participant/cards", params("trajectory", theirTrajectory)));
		calls.add(new Call(participant, HttpMethod.POST, "/participant/goals", params("trajectory", theirTrajectory, "goals", "Hun doelen")));
		calls.add(new Call(participant, HttpMethod.POST, "/participant/mail-preference",
				params("trajectory", theirTrajectory, "fullText", "false")));
		calls.add(new Call(participant, HttpMethod.POST, "/participant/closing", params("trajectory", theirTrajectory, "reaction", "x")));
		for (String confirmed : List.of("false", "true")) {
			calls.add(new Call(participant, HttpMethod.POST, "/participant/accepted-addresses/withdraw",
					params("trajectory", theirTrajectory, "address", "werk@example.nl", "confirmed", confirmed)));
		}
		// The product answers this one with its start page, whatever the identifier: nothing is said, nothing changes.
		calls.add(new Call(participant, HttpMethod.POST, "/participant/employer-confirmation/withdraw",
				params("trajectory", theirTrajectory)).answering(302, result -> assertThat(flash(result)).isEmpty()));
		calls.add(new Call(coach, HttpMethod.POST, my + "/draft",
				params("text", "Getypt", "next", "reply", "use", theirDesk.savedReply().toString(), "submission", UUID.randomUUID().toString()))
			.answering(302, result -> assertThat(desk.of(mine.trajectory(), coach.id()).draft()).hasValue("Getypt")));
		calls.add(new Call(coach, HttpMethod.POST, my + "/draft",
				params("text", "Getypt", "assignment", theirDesk.assignment().toString(), "submission", UUID.randomUUID().toString()))
			.answering(302, result -> assertThat(desk.of(mine.trajectory(), coach.id()).draftAssignment()).isEmpty()));
		calls.add(new Call(coach, HttpMethod.GET, my, params("give", theirDesk.assignment().toString()))
			.answering(200, result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain(theirDesk.assignmentTitle())));
		calls.add(new Call(coach, HttpMethod.GET, my + "/assignments", params("giving", theirDesk.assignment().toString()))
			.answering(200, result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain(theirDesk.assignmentTitle())));
		calls.add(new Call(coach, HttpMethod.GET, "/coach/saved-replies/" + theirDesk.savedReply() + "/delete", params()));
		// With the revision it has (never edited: its id), so only whose it is refuses it.
		calls.add(new Call(coach, HttpMethod.POST, "/coach/saved-replies/" + theirDesk.savedReply() + "/delete",
				params("base", theirDesk.savedReply().toString())));
		calls.add(new Call(coach, HttpMethod.POST, "/coach/assignments/" + theirDesk.assignment(),
				params("title", "Overgenomen", "instructions", "Overgenomen", "type", "REFLECTION", "minutes", "10", "language", "nl")));
		calls.add(new Call(coach, HttpMethod.POST, "/coach/assignments/" + theirDesk.assignment() + "/archive", params("archived", "true")));
		calls.add(new Call(coach, HttpMethod.GET, "/coach/quarantine/" + theirs.heldMail(), params()));
		calls.add(new Call(coach, HttpMethod.POST, "/coach/quarantine/" + theirs.heldMail() + "/attach", params()));
		calls.add(new Call(coach, HttpMethod.GET, "/coach/quarantine/" + theirs.heldMail() + "/discard", params()));
		calls.add(new Call(coach, HttpMethod.POST, "/coach/quarantine/" + theirs.heldMail() + "/discard",
				params("confirmed", "true")));
		calls.add(new Call(manager, HttpMethod.GET, "/programme", params("programme", foreignProgramme.toString()))
			.answering(200, result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain(foreignProgramme.toString()).doesNotContain(foreignParticipant)));
		calls.add(new Call(manager, HttpMethod.GET, "/programme/intakes", params("programme", foreignProgramme.toString()))
			.answering(200, result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain(foreignProgramme.toString()).doesNotContain("Aanmelder Elders")));
		return calls.stream().map(AuthorisationMatrixOwnershipTests::named);
	}

	Stream<Named<Call>> ownIdentifiers() {
		Account coach = mine.coach();
		Account participant = mine.participant();
		String my = "/coach/trajectories/" + mine.trajectory();
		Check page = result -> {
		};
		return Stream.of(
				new Call(coach, HttpMethod.GET, my + "/attachments/" + mine.attachment(), params()).answering(200, page),
				new Call(coach, HttpMethod.GET, my + "/messages/" + mine.mailLetter() + "/original", params()).answering(200, page),
				new Call(coach, HttpMethod.POST, my + "/messages/" + mine.coachLetter() + "/send-again", params())
					.answering(302, result -> assertThat(flash(result)).containsKey("sentAgain")),
				new Call(coach, HttpMethod.POST, my + "/highlights/" + mine.coachHighlight() + "/remove", params())
					.answering(302, result -> assertThat(highlights.toRead(mine.trajectory())).noneMatch(h -> h.id().equals(mine.coachHighlight()))),
				new Call(participant, HttpMethod.GET, "/participant/attachments/" + mine.trajectory() + "/" + mine.attachment(), params())
					.answering(200, page),
				new Call(participant, HttpMethod.POST, "/participant/highlights/" + mine.participantHighlight() + "/remove",
						params("trajectory", mine.trajectory().toString()))
					.answering(302, result -> assertThat(highlights.toRead(mine.trajectory()))
						.noneMatch(h -> h.id().equals(mine.participantHighlight()))),
				new Call(participant, HttpMethod.GET, "/participant/conversation", params("trajectory", mine.trajectory().toString()))
					.answering(200, page),
				new Call(participant, HttpMethod.GET, "/participant/cards/" + mine.givenCards(), params()).answering(200, page),
				new Call(participant, HttpMethod.POST, "/participant/goals", params("trajectory", mine.trajectory().toString(), "goals", "Mijn doelen"))
					.answering(302, result -> assertThat(flash(result)).containsKey("goalsSaved")),
				new Call(participant, HttpMethod.POST, "/participant/mail-preference",
						params("trajectory", mine.trajectory().toString(), "fullText", "false"))
					.answering(302, result -> assertThat(flash(result)).containsKey("preferenceSaved")),
				new Call(participant, HttpMethod.POST, "/participant/employer-confirmation/withdraw",
						params("trajectory", mine.trajectory().toString()))
					.answering(302, result -> assertThat(flash(result)).containsKey("employerWithdrawn")),
				new Call(coach, HttpMethod.POST, my + "/draft",
						params("text", "Getypt", "next", "reply", "use", myDesk.savedReply().toString(), "submission", UUID.randomUUID().toString()))
					.answering(302, result -> assertThat(desk.of(mine.trajectory(), coach.id()).draft()).hasValueSatisfying(
							draft -> assertThat(draft).contains(myDesk.savedReplyBody()))),
				new Call(coach, HttpMethod.GET, my, params("give", myDesk.assignment().toString()))
					.answering(200, result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
						.contains(myDesk.assignmentTitle())),
				new Call(coach, HttpMethod.GET, "/coach/quarantine/" + mine.heldMail(), params()).answering(200, page),
				new Call(manager, HttpMethod.GET, "/programme/intakes", params("programme", programme.toString()))
					.answering(200, result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
						.contains("Eigen Aanmelder")),
				new Call(manager, HttpMethod.POST, "/programme/programmes/" + programme + "/intakes/" + ownIntake + "/withdraw", params())
					.answering(302, result -> assertThat(intakes.of(ownIntake, programme).orElseThrow().status().name())
						.isEqualTo("WITHDRAWN")))
			.map(AuthorisationMatrixOwnershipTests::named);
	}

	/**
	 * Everything the requests could change that is not the caller's: the other two trajectories and what hangs
	 * on them, the other coach's saved replies and assignments, the other organisation's applications.
	 */
	private List<String> othersState() {
		List<String> rows = new ArrayList<>();
		for (Side side : List.of(theirs, sibling)) {
			UUID t = side.trajectory();
			rows.addAll(dump("trajectory", "select * from trajectory where id = ?", t));
			for (String table : PER_TRAJECTORY) {
				rows.addAll(dump(table, "select * from " + table + " where trajectory_id = ?", t));
			}
			rows.addAll(dump("message_attachment",
					"select a.* from message_attachment a join message m on m.id = a.message_id where m.trajectory_id = ?", t));
			// Which mails there are, not how far the outbox is with them; the failed letter's state in full.
			rows.addAll(dump("outbound", "select id from outbound_mail where recipient = ? or id in "
					+ "(select mail_id from outbound_mail_about where about_id = ?)", side.participant().email(), t));
			rows.addAll(dump("failed letter", "select status, attempts from outbound_mail where message_id = ?", side.coachLetterMail()));
		}
		rows.addAll(dump("saved_reply", "select * from saved_reply where coach_id = ?", theirs.coach().id()));
		rows.addAll(dump("assignment", "select * from assignment where owner_id = ?", theirs.coach().id()));
		rows.addAll(dump("intake", "select * from intake where programme_id = ?", foreignProgramme));
		rows.addAll(dump("proposal", "select * from trajectory where id = ?", proposalToAnother));
		rows.sort(null);
		return rows;
	}

	private List<String> dump(String what, String sql, Object... args) {
		return jdbc.queryForList(sql, args).stream().map(row -> {
			StringBuilder line = new StringBuilder(what).append(':');
			row.forEach((column, value) -> line.append(' ').append(column).append('=')
				.append(value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(value)));
			return line.toString();
		}).toList();
	}

	private MvcResult perform(Call call) throws Exception {
		MockHttpServletRequestBuilder request = request(call.method(), call.path()).with(fixtures.as(call.as()));
		if (call.method() != HttpMethod.GET) {
			request = request.with(csrf());
		}
		for (var param : call.params().entrySet()) {
			request = request.param(param.getKey(), param.getValue());
		}
		return mvc.perform(request).andReturn();
	}

	/**
	 * What the forms of these routes send, filled in so that each would do its work on a trajectory of the
	 * caller's: a refusal is then about whose it is, not about a missing field.
	 */
	private static Map<String, String> bag(Side side) {
		String later = Today.date().plusDays(14).toString();
		return params("text", "Een brief", "note", "Een notitie", "passage", "", "message", side.letter().toString(), "until", later,
				"weeks", "1", "reason", "OTHER", "why", "Omdat", "confirmed", "true", "summary", "Samenvatting", "send", "false",
				"address", "ander@example.nl", "startOn", Today.date().plusDays(1).toString(), "letter", "Welkom", "trajectory",
				side.trajectory().toString(), "goals", "Doelen", "fullText", "false", "reaction", "Reactie", "submission",
				UUID.randomUUID().toString(), "place", "GROWTH", "answer", side.letter().toString(), "base",
				UUID.randomUUID().toString());
	}

	record Route(HttpMethod method, String pattern) {
	}

	private List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> mapping : mappings.getHandlerMethods()
			.entrySet()) {
			Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
			for (String pattern : mapping.getKey().getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					routes.add(new Route(HttpMethod.valueOf(method.name()), pattern));
				}
			}
		}
		routes.sort(java.util.Comparator.comparing(Route::pattern).thenComparing(route -> route.method().name()));
		return routes;
	}

	/** Every variable with the side's own identifier of its kind; the first, when it names a trajectory, with {@code first}. */
	private static String fill(String pattern, Side side, UUID first) {
		Matcher variable = VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (variable.find()) {
			UUID value = switch (variable.group(1)) {
				case "attachmentId" -> side.attachment();
				case "messageId" -> pattern.endsWith("/original") ? side.mailLetter() : side.coachLetter();
				case "highlight" -> pattern.startsWith("/coach") ? side.coachHighlight() : side.participantHighlight();
				case "given" -> side.givenCards();
				default -> first;
			};
			variable.appendReplacement(path, value.toString());
		}
		variable.appendTail(path);
		return path.toString();
	}
}

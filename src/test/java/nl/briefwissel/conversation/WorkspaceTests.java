package nl.briefwissel.conversation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.trajectory.DutchHolidays;
import nl.briefwissel.trajectory.Handovers;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@BriefwisselTest
class WorkspaceTests {

	// Monday 2 November 2026; six weeks of two moments: due 4, 6, 11, 13, 18, 20 November, …
	private static final LocalDate START = LocalDate.of(2026, 11, 2);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	Workspace workspace;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Handovers handovers;

	@Autowired
	Accounts accounts;

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Autowired
	java.time.Clock clock;

	@Test
	void aParticipantWaitingForTheCoachComesFirstWithTheReplyPromise() throws Exception {
		var quiet = fixtures.runningTrajectory(true);
		var waiting = fixtures.anotherFor(quiet, Today.date().minusWeeks(1));
		conversations.coachWrites(waiting.id(), waiting.coach().id(), "Hoe gaat het?");
		conversations.participantWrites(waiting.id(), waiting.participant().id(), "Goed, en ik heb een vraag.");

		List<Workspace.Entry> entries = workspace.of(quiet.coach().id());
		assertThat(entries.get(0).trajectory().id()).isEqualTo(waiting.id());
		assertThat(entries.get(0).need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
		assertThat(entries.get(0).dueBy()).isAfter(Today.date().minusDays(1));

		String page = mvc.perform(get("/coach").with(user(users.loadUserByUsername(quiet.coach().email()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(page.indexOf(waiting.participant().displayName())).isLessThan(page.indexOf(quiet.participant().displayName()));
		assertThat(page).contains("Wacht op je antwoord", "beantwoord uiterlijk");
		// One date in the row: the reply promised. The next contact moment's "(uiterlijk …)" beside it read as a
		// second deadline for the same thing.
		var row = org.jsoup.Jsoup.parse(page).select("tr:has(a:containsOwn(" + waiting.participant().displayName() + "))").first();
		assertThat(row.text()).contains("beantwoord uiterlijk").containsOnlyOnce("uiterlijk");
	}

	/**
	 * The workspace said beantwoord uiterlijk 8 dec. for a participant waiting; the conversation page said only when
	 * the next contact moment was. It names the same day, from the same reading (TrajectoryOverview.replyDueBy); a
	 * conversation whose participant waits for nothing names none.
	 */
	@Test
	void theConversationPageNamesTheReplyPromiseTheWorkspaceNames() throws Exception {
		var quiet = fixtures.runningTrajectory(true);
		var waiting = fixtures.anotherFor(quiet, Today.date().minusWeeks(1));
		conversations.coachWrites(waiting.id(), waiting.coach().id(), "Hoe gaat het?");
		conversations.participantWrites(waiting.id(), waiting.participant().id(), "Goed, en ik heb een vraag.");
		var coach = user(users.loadUserByUsername(quiet.coach().email()));
		LocalDate promised = workspace.of(quiet.coach().id()).stream()
			.filter(e -> e.trajectory().id().equals(waiting.id()))
			.findFirst()
			.orElseThrow()
			.dueBy();

		var page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/" + waiting.id()).with(coach))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("reply-due").text()).isEqualTo("Beantwoord uiterlijk "
				+ promised.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.forLanguageTag("nl"))));
		var english = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/" + waiting.id()).param("lang", "en").with(coach))
			.andReturn().getResponse().getContentAsString());
		assertThat(english.getElementById("reply-due").text()).isEqualTo("Reply by "
				+ promised.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH)));

		var none = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/" + quiet.id()).with(coach))
			.andReturn().getResponse().getContentAsString());
		assertThat(none.getElementById("reply-due")).isNull();
	}

	/**
	 * The conversation page read the reply promise with one more grouped query per view; the page is measured
	 * against the floor and may not get dearer (docs/performance.md). It reads the day from the letters it
	 * shows, by the workspace's rule: here a workspace without any database names the same day and the same
	 * start of the wait (the first unanswered letter; a second one does not move it on).
	 */
	@Test
	void theConversationPageReadsTheReplyPromiseFromTheLettersItShows() {
		var quiet = fixtures.runningTrajectory(true);
		var waiting = fixtures.anotherFor(quiet, Today.date().minusWeeks(1));
		conversations.coachWrites(waiting.id(), waiting.coach().id(), "Hoe gaat het?");
		conversations.participantWrites(waiting.id(), waiting.participant().id(), "Goed, en ik heb een vraag.");
		conversations.participantWrites(waiting.id(), waiting.participant().id(), "Is mijn vraag aangekomen?");
		Workspace.Entry inWorkspace = workspace.of(quiet.coach().id()).stream()
			.filter(e -> e.trajectory().id().equals(waiting.id()))
			.findFirst()
			.orElseThrow();
		TrajectoryOverview trajectory = trajectories.byId(waiting.id()).orElseThrow();
		Workspace withoutDatabase = new Workspace(null, null, clock);

		Workspace.Entry onPage = withoutDatabase.waitingForReply(trajectory, conversations.toRead(trajectory), null).orElseThrow();
		assertThat(onPage.dueBy()).isEqualTo(inWorkspace.dueBy());
		assertThat(onPage.since().toInstant()).isEqualTo(inWorkspace.since().toInstant());

		TrajectoryOverview answered = trajectories.byId(quiet.id()).orElseThrow();
		assertThat(withoutDatabase.waitingForReply(answered, conversations.toRead(answered), null)).isEmpty();
	}

	@Test
	void theCoachSearchesTheirOwnConversationsAndFiltersByNeed() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.anotherFor(running, Today.date());
		conversations.participantWrites(running.id(), running.participant().id(), "Ik denk aan een overstap naar de jeugdzorg_100%.");
		var coach = user(users.loadUserByUsername(running.coach().email()));

		String found = mvc.perform(get("/coach").param("q", "JEUGDZORG_100%").with(coach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(found).contains("1 bericht gevonden", "overstap naar de jeugdzorg_100%");
		assertThat(workspace.search(running.coach().id(), "jeugdzorg_1")).hasSize(1);
		assertThat(mvc.perform(get("/coach").param("q", "j").with(coach)).andReturn().getResponse().getContentAsString())
			.contains("Typ ten minste twee tekens om te zoeken.").doesNotContain("gevonden met");
		assertThat(workspace.search(running.coach().id(), "jeugdzorgx")).isEmpty();
		var stranger = fixtures.runningTrajectory(true);
		assertThat(workspace.search(stranger.coach().id(), "jeugdzorg_100")).isEmpty();

		String waitingOnly = mvc.perform(get("/coach").param("need", "WAITING_FOR_REPLY").with(coach)).andReturn()
			.getResponse().getContentAsString();
		assertThat(waitingOnly).contains(running.participant().displayName()).doesNotContain(other.participant().displayName());
	}

	/**
	 * A hit names who wrote the letter: the coach's own letter said the participant's name, as if they had
	 * written it. And its piece of text starts and ends at a word, not in one ("…oi Anja").
	 */
	@Test
	void aHitNamesItsWriterAndItsTextIsCutAtWords() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String coachName = running.coach().displayName();
		String participantName = running.participant().displayName();
		String letter = "Hoi Sanne, wat fijn om te lezen dat de gesprekken met je leidinggevende goed verlopen zijn "
				+ "en dat je nu de meeloopdag bij het wijkteam gaat plannen voor volgende week, zodat je kunt proeven "
				+ "hoe het werk daar werkelijk is en of het bij je past.";
		conversations.coachWrites(running.id(), running.coach().id(), letter);
		conversations.participantWrites(running.id(), running.participant().id(), "De meeloopdag is donderdag.");
		var coach = user(users.loadUserByUsername(running.coach().email()));

		List<Workspace.SearchHit> hits = workspace.search(running.coach().id(), "meeloopdag");
		assertThat(hits).hasSize(2);
		// The same minute, perhaps: found by who wrote them, not by their order.
		Workspace.SearchHit byParticipant = hits.stream().filter(h -> !h.byYou()).findFirst().orElseThrow();
		Workspace.SearchHit byCoach = hits.stream().filter(Workspace.SearchHit::byYou).findFirst().orElseThrow();
		assertThat(byParticipant.author()).isEqualTo(Author.PARTICIPANT);
		assertThat(byParticipant.byYou()).isFalse();
		assertThat(byCoach.snippet()).startsWith("…").endsWith("…").contains("meeloopdag");
		List<String> words = List.of(letter.split("\\s+"));
		for (String word : byCoach.snippet().replace("…", "").strip().split("\\s+")) {
			assertThat(words).as("a whole word of the letter in %s", byCoach.snippet()).contains(word);
		}

		String dutch = mvc.perform(get("/coach").param("q", "meeloopdag").with(coach)).andReturn().getResponse()
			.getContentAsString();
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(dutch);
		assertThat(page.select("#hits-title + ul li a").eachText()).containsExactlyInAnyOrder(participantName, "Jij aan " + participantName);
		assertThat(dutch).doesNotContain(coachName + ",");
		String english = mvc.perform(get("/coach").param("q", "meeloopdag").param("lang", "en").with(coach)).andReturn()
			.getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(english).select("#hits-title + ul li a").eachText())
			.containsExactlyInAnyOrder(participantName, "You to " + participantName);
	}

	/**
	 * After a handover the previous coach's letter reads as an earlier e-coach's, in Dutch and English: it
	 * read as their name, and once their account was removed (renamed, not deleted) as "Verwijderd account".
	 */
	@Test
	void aLetterOfThePreviousCoachReadsAsAnEarlierCoachsAfterAHandover() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String participantName = running.participant().displayName();
		conversations.coachWrites(running.id(), running.coach().id(), "Zullen we de proefdag plannen?");
		conversations.participantWrites(running.id(), running.participant().id(), "Ja, de proefdag graag in maart.");
		var second = fixtures.secondCoachInPool(running);
		handovers.handOver(running.id(), second.id(), Reason.COACH_UNAVAILABLE, fixtures.managerOf(running).id());
		conversations.coachWrites(running.id(), second.id(), "Ik ben je nieuwe e-coach; de proefdag blijft staan.");
		var newCoach = fixtures.as(second);

		assertThat(hitNames(newCoach, "nl")).containsExactlyInAnyOrder("Jij aan " + participantName, participantName,
				"Een eerdere e-coach aan " + participantName);
		assertThat(hitNames(newCoach, "en")).containsExactlyInAnyOrder("You to " + participantName, participantName,
				"An earlier e-coach to " + participantName);
		accounts.removeStaff(running.coach().id());
		assertThat(hitNames(newCoach, "nl")).containsExactlyInAnyOrder("Jij aan " + participantName, participantName,
				"Een eerdere e-coach aan " + participantName);
	}

	/** A previous coach who shares the participant's name: their letter is not taken for the participant's. */
	@Test
	void aCoachSharingTheParticipantsNameIsNotTakenForThem() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String participantName = running.participant().displayName();
		jdbc.sql("update account set display_name = :name where id = :id").param("name", participantName)
			.param("id", running.coach().id()).update();
		conversations.coachWrites(running.id(), running.coach().id(), "Hoe ging de proefdag?");
		conversations.participantWrites(running.id(), running.participant().id(), "De proefdag ging goed.");
		var second = fixtures.secondCoachInPool(running);
		handovers.handOver(running.id(), second.id(), Reason.COACH_UNAVAILABLE, fixtures.managerOf(running).id());

		assertThat(hitNames(fixtures.as(second), "nl")).containsExactlyInAnyOrder(participantName,
				"Een eerdere e-coach aan " + participantName);
		assertThat(workspace.search(second.id(), "proefdag")).extracting(Workspace.SearchHit::author)
			.containsExactlyInAnyOrder(Author.COACH, Author.PARTICIPANT);
	}

	/**
	 * Lower-casing "İ" gives two characters: the match found in the lower-cased text pointed past it in the
	 * letter, and with enough of them before the match out of it, and the search answered 500.
	 */
	@Test
	void aMatchAfterTurkishCapitalsIsCutAroundTheMatch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String letter = "İstanbul en İzmir. ".repeat(60) + "De meeloopdag is donderdag.";
		conversations.participantWrites(running.id(), running.participant().id(), letter);

		assertThat(Messages.snippet(letter, "MEELOOPDAG")).startsWith("…").endsWith("De meeloopdag is donderdag.");
		assertThat(Messages.snippet("Naar İSTANBUL en terug", "istanbul")).isEqualTo("Naar İSTANBUL en terug");
		String page = mvc.perform(get("/coach").param("q", "meeloopdag").with(fixtures.as(running.coach())))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(page).select("#hits-title + ul li span").eachText())
			.containsExactly("…İstanbul en İzmir. İstanbul en İzmir. İstanbul en İzmir. De meeloopdag is donderdag.");
	}

	private List<String> hitNames(org.springframework.test.web.servlet.request.RequestPostProcessor coach, String language)
			throws Exception {
		String page = mvc.perform(get("/coach").param("q", "proefdag").param("lang", language).with(coach)).andReturn()
			.getResponse().getContentAsString();
		return org.jsoup.Jsoup.parse(page).select("#hits-title + ul li a").eachText();
	}

	@Test
	void endedTrajectoriesAreListedOnlyWhenTheCoachAsksForThem() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var ended = fixtures.anotherFor(running, Today.date().minusWeeks(8));
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :today where id = :id")
			.param("today", Today.date())
			.param("id", ended.id())
			.update();
		var coach = user(users.loadUserByUsername(running.coach().email()));

		String page = mvc.perform(get("/coach").with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(running.participant().displayName(), "Toon je afgeronde of gestopte traject", "need=ENDED")
			.doesNotContain(ended.participant().displayName());

		String endedOnly = mvc.perform(get("/coach").param("need", "ENDED").with(coach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(endedOnly).contains(ended.participant().displayName()).doesNotContain(running.participant().displayName());
	}

	@Test
	void oneReadGivesTheTrajectoriesGoingTheProposalsWaitingAndHowManyEnded() {
		var waiting = fixtures.runningTrajectory(true);
		var quiet = fixtures.anotherFor(waiting, Today.date().minusWeeks(2));
		var proposed = fixtures.anotherFor(waiting, Today.date());
		var ended = fixtures.anotherFor(waiting, Today.date().minusWeeks(8));
		jdbc.sql("update trajectory set status = 'MATCHING', started_on = null where id = :id").param("id", proposed.id()).update();
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :today where id = :id")
			.param("today", Today.date())
			.param("id", ended.id())
			.update();
		conversations.participantWrites(waiting.id(), waiting.participant().id(), "Ik heb een vraag.");
		UUID coach = waiting.coach().id();

		Workspace.View view = workspace.view(coach);
		assertThat(view.entries()).extracting(e -> e.trajectory().id()).containsExactly(waiting.id(), quiet.id());
		assertThat(view.entries().get(0).need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
		assertThat(view.proposals()).extracting(TrajectoryOverview::id).containsExactly(proposed.id());
		assertThat(view.endedHidden()).isEqualTo(1);

		Workspace.View withEnded = workspace.viewWithEnded(coach);
		assertThat(withEnded.entries()).extracting(e -> e.trajectory().id())
			.containsExactlyInAnyOrder(waiting.id(), quiet.id(), ended.id());
		assertThat(withEnded.proposals()).extracting(TrajectoryOverview::id).containsExactly(proposed.id());
		assertThat(withEnded.endedHidden()).isZero();
		assertThat(workspace.view(fixtures.runningTrajectory(true).coach().id()).proposals()).isEmpty();
	}

	@Test
	void theLettersActivityIsReadForAnyNumberOfTrajectories(@Autowired Messages messages) {
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.anotherFor(first, Today.date());
		var silent = fixtures.anotherFor(first, Today.date());
		conversations.participantWrites(first.id(), first.participant().id(), "Eerste brief.");
		conversations.coachWrites(second.id(), second.coach().id(), "Hoe gaat het?");

		assertThat(messages.activity(List.of())).isEmpty();
		assertThat(messages.activity(List.of(first.id())).get(first.id()).lastAuthor()).isEqualTo(Author.PARTICIPANT);
		var three = messages.activity(List.of(first.id(), second.id(), silent.id()));
		assertThat(three).containsOnlyKeys(first.id(), second.id());
		assertThat(three.get(second.id()).lastAuthor()).isEqualTo(Author.COACH);
	}

	/**
	 * A participant who writes again before the coach answered ("did my letter arrive?") keeps waiting
	 * from their first letter: the promise counts from it, and they stay above someone who waited less.
	 */
	@Test
	void theReplyPromiseCountsFromTheFirstUnansweredLetter(@Autowired Messages messages) {
		var twice = fixtures.runningTrajectory(true);
		var once = fixtures.anotherFor(twice, Today.date().minusWeeks(1));
		conversations.coachWrites(twice.id(), twice.coach().id(), "Hoe was je week?");
		UUID monday = conversations.participantWrites(twice.id(), twice.participant().id(), "Druk, maar goed.");
		UUID wednesday = conversations.participantWrites(twice.id(), twice.participant().id(), "Is mijn brief aangekomen?");
		UUID tuesday = conversations.participantWrites(once.id(), once.participant().id(), "Een vraag.");
		OffsetDateTime now = OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		for (var letter : List.of(java.util.Map.entry(monday, now.minusDays(9)), java.util.Map.entry(tuesday, now.minusDays(8)),
				java.util.Map.entry(wednesday, now.minusDays(7)))) {
			jdbc.sql("update message set created_at = :at where id = :id").param("at", letter.getValue())
				.param("id", letter.getKey()).update();
		}
		jdbc.sql("update message set created_at = :at where trajectory_id = :t and author_role = 'COACH'")
			.param("at", now.minusDays(10)).param("t", twice.id()).update();

		Messages.Activity activity = messages.activity(List.of(twice.id())).get(twice.id());
		assertThat(activity.waitingFrom().toInstant()).isEqualTo(now.minusDays(9).toInstant());
		List<Workspace.Entry> entries = workspace.of(twice.coach().id());
		assertThat(entries.get(0).trajectory().id()).isEqualTo(twice.id());
		assertThat(entries.get(0).since().toInstant()).isEqualTo(now.minusDays(9).toInstant());
		assertThat(entries.get(1).trajectory().id()).isEqualTo(once.id());

		// The coach answers: nobody waits; the participant writes again: from that letter on.
		jdbc.sql("update message set created_at = :at where trajectory_id = :t and author_role = 'COACH'")
			.param("at", now.minusDays(8)).param("t", twice.id()).update();
		assertThat(messages.activity(List.of(twice.id())).get(twice.id()).waitingFrom().toInstant())
			.isEqualTo(now.minusDays(7).toInstant());
	}

	/**
	 * A letter written at half past midnight in Amsterdam counts for that day, whatever zone the database
	 * gives its time in (PostgreSQL's driver gives UTC, where it is still the day before).
	 */
	@Test
	void aLettersDayIsItsDayInAmsterdam(@Autowired Messages messages, @Autowired JdbcClient jdbc) {
		var trajectory = fixtures.runningTrajectory(true);
		UUID letter = conversations.participantWrites(trajectory.id(), trajectory.participant().id(), "Net na middernacht.");
		jdbc.sql("update message set created_at = :at where id = :id")
			.param("at", java.time.OffsetDateTime.parse("2026-06-09T22:30:00Z"))
			.param("id", letter)
			.update();

		assertThat(messages.activity(List.of(trajectory.id())).get(trajectory.id()).lastParticipant().toLocalDate())
			.isEqualTo(java.time.LocalDate.parse("2026-06-10"));
	}

	@Test
	void theNeedFollowsTheRhythm() {
		TrajectoryOverview t = running(START);
		// Nothing written, moments of 4 and 6 November passed: overdue.
		assertThat(Workspace.entry(t, activity(null, null), LocalDate.of(2026, 11, 9)).need())
			.isEqualTo(Workspace.Need.MOMENT_OVERDUE);
		// The participant wrote on 5 November, after the first moment: the moment of the 6th is kept.
		assertThat(Workspace.entry(t, activity(Author.COACH, at(2026, 11, 6), at(2026, 11, 5)), LocalDate.of(2026, 11, 9))
			.need()).isEqualTo(Workspace.Need.MOMENT_DUE_SOON);
		// Two days before the first moment, nothing written yet: due soon.
		assertThat(Workspace.entry(t, activity(Author.COACH, at(2026, 11, 2), null), LocalDate.of(2026, 11, 3)).need())
			.isEqualTo(Workspace.Need.MOMENT_DUE_SOON);
		// Right after the coach wrote on the first day, the first moment is two days away: due soon.
		assertThat(Workspace.entry(t, activity(Author.COACH, at(2026, 11, 2), null), LocalDate.of(2026, 11, 2)).need())
			.isEqualTo(Workspace.Need.MOMENT_DUE_SOON);
		// The coach answered on the moment's day (late): the participant's turn starts there, as no reminder
		// goes out for it; the workspace said it was missed.
		assertThat(Workspace.entry(t, new Messages.Activity(Author.COACH, at(2026, 11, 6), null, at(2026, 11, 6), null),
				LocalDate.of(2026, 11, 9)).need()).isNotEqualTo(Workspace.Need.MOMENT_OVERDUE);
		// The participant wrote last: waiting, with the promise of two working days.
		Workspace.Entry waiting = Workspace.entry(t, activity(Author.PARTICIPANT, at(2026, 11, 13), at(2026, 11, 13)),
				LocalDate.of(2026, 11, 14));
		assertThat(waiting.need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
		assertThat(waiting.dueBy()).isEqualTo(LocalDate.of(2026, 11, 17));
	}

	/**
	 * Once every contact moment has passed the trajectory waits for its coach's decision: it was listed
	 * as on track or quiet, ran on unnoticed and, never ended, was never up for retention.
	 */
	@Test
	void aTrajectoryWhoseMomentsAllPassedIsToClose() {
		TrajectoryOverview t = running(START);
		LocalDate last = t.plan().orElseThrow().dueDates().get(11);
		// On the last moment's day it is still a moment; the day after, the trajectory is to close.
		assertThat(Workspace.entry(t, activity(Author.COACH, at(2026, 12, 10), at(2026, 12, 9)), last).need())
			.isNotEqualTo(Workspace.Need.TO_CLOSE);
		Workspace.Entry toClose = Workspace.entry(t, activity(Author.COACH, at(2026, 12, 10), at(2026, 12, 9)), last.plusDays(1));
		assertThat(toClose.need()).isEqualTo(Workspace.Need.TO_CLOSE);
		assertThat(toClose.dueBy()).isEqualTo(last);
		// Also when the participant did not write for the last moment, and weeks later: not "overdue", not "quiet".
		assertThat(Workspace.entry(t, Messages.Activity.NONE, last.plusWeeks(5)).need()).isEqualTo(Workspace.Need.TO_CLOSE);
		// A participant waiting for an answer still comes first.
		assertThat(Workspace.entry(t, activity(Author.PARTICIPANT, at(2026, 12, 14), at(2026, 12, 14)), last.plusDays(4)).need())
			.isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
	}

	/** Accepted with a start date ahead, the welcome letter sent: not started, not "quiet" after a week. */
	@Test
	void aTrajectoryThatStartsLaterIsNotStartedYet() {
		TrajectoryOverview t = running(START);
		assertThat(Workspace.entry(t, activity(Author.COACH, at(2026, 10, 20)), START.minusDays(3)).need())
			.isEqualTo(Workspace.Need.NOT_STARTED);
		assertThat(Workspace.entry(t, activity(Author.PARTICIPANT, at(2026, 10, 28), at(2026, 10, 28)), START.minusDays(3)).need())
			.as("a participant who writes before the start waits for an answer all the same")
			.isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
	}

	/**
	 * A coach whose trajectories all ended sees that none is running now, with the link to the ended
	 * ones; the page showed only the filters and the link. Asked for the ended ones, the list is there.
	 */
	@Test
	void onlyEndedTrajectoriesSayNoneIsRunningNowBesideTheLinkToThem() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :today where id = :id")
			.param("today", Today.date())
			.param("id", running.id())
			.update();
		var coach = user(users.loadUserByUsername(running.coach().email()));

		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(page.getElementById("none-running").text()).startsWith("Je begeleidt nu geen lopende trajecten.");
		assertThat(page.select("a[href='/coach?need=ENDED']").text()).isEqualTo("Toon je afgeronde of gestopte traject");
		assertThat(page.text()).doesNotContain("Je begeleidt nog geen trajecten");
		String english = mvc.perform(get("/coach").param("lang", "en").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(english).contains("You are not coaching any running trajectories right now.");

		String ended = mvc.perform(get("/coach").param("need", "ENDED").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(ended).contains(running.participant().displayName()).doesNotContain("id=\"none-running\"")
			.doesNotContain("Geen van je trajecten past bij dit filter.");
		String nothing = mvc.perform(get("/coach").param("need", "WAITING_FOR_REPLY").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(nothing).contains("Geen van je trajecten past bij dit filter.").doesNotContain("id=\"none-running\"");
	}

	/**
	 * A coach with proposals waiting and no trajectory read "you coach no trajectories yet; as soon as a
	 * manager proposes a participant, you will see them here" beside those very proposals: the sentence
	 * says none is running and that the proposals above wait for an answer. Without proposals it is as it was.
	 */
	@Test
	void proposalsWaitingAndNoTrajectorySayTheProposalsWaitForAnAnswer() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		var coach = user(users.loadUserByUsername(proposal.coach().email()));

		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(page.getElementById("none-yet").text())
			.isEqualTo("Je begeleidt nog geen lopend traject. Het voorstel hierboven wacht op je antwoord: open een voorstel om de vraag "
					+ "te lezen en te accepteren of af te wijzen.");
		assertThat(page.text()).doesNotContain("Je begeleidt nog geen trajecten").doesNotContain("Zodra een programmamanager");
		// "above": the proposals stand before the sentence on the page, as a screen reader reads it.
		assertThat(page.html().indexOf("id=\"proposals-title\"")).isLessThan(page.html().indexOf("id=\"none-yet\""));
		String english = mvc.perform(get("/coach").param("lang", "en").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(english).contains("You are not coaching a running trajectory yet. The proposal above waits for your answer")
			.doesNotContain("You do not coach any trajectories yet");

		// With an ended trajectory too: none running, the proposal waiting, the link to the ended one.
		var ended = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set coach_id = :coach, status = 'COMPLETED', ended_on = :today where id = :id")
			.param("coach", proposal.coach().id())
			.param("today", Today.date())
			.param("id", ended.id())
			.update();
		org.jsoup.nodes.Document withEnded = org.jsoup.Jsoup.parse(mvc.perform(get("/coach").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(withEnded.getElementById("none-running").text())
			.isEqualTo("Je begeleidt nu geen lopende trajecten. Het voorstel hierboven wacht op je antwoord. Je afgeronde en "
					+ "gestopte trajecten vind je via de link hieronder.");
		assertThat(withEnded.getElementById("none-yet")).isNull();

		// A coach without proposals or trajectories reads the sentence for them.
		var alone = fixtures.person(proposal.participant().organisationId(), "alleen-" + java.util.UUID.randomUUID() + "@example.nl",
				"Alleen Coach", nl.briefwissel.account.Role.COACH);
		String nothing = mvc.perform(get("/coach").with(user(users.loadUserByUsername(alone.email())))).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(nothing).contains("Je begeleidt nog geen trajecten. Zodra een programmamanager je een deelnemer voorstelt");
	}

	/** A filter that matches nothing says so; it said the coach coached nobody yet. */
	@Test
	void aFilterWithoutMatchesSaysSo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = user(users.loadUserByUsername(running.coach().email()));

		String page = mvc.perform(get("/coach").param("need", "PAUSED").with(coach)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("Geen van je trajecten past bij dit filter.").doesNotContain("Je begeleidt nog geen trajecten")
			.doesNotContain("value=\"INTAKE\"").doesNotContain("value=\"MATCHING\"").contains("value=\"STOPPED\"");
	}

	@Test
	void theWorkspaceAndTheConversationSayWhenATrajectoryIsToClose() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var over = fixtures.anotherFor(running, Today.date().minusWeeks(8));
		var coach = user(users.loadUserByUsername(running.coach().email()));

		String page = mvc.perform(get("/coach").with(coach)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Afronden of verlengen", "laatste contactmoment");
		String toClose = mvc.perform(get("/coach").param("need", "TO_CLOSE").with(coach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(toClose).contains(over.participant().displayName()).doesNotContain(running.participant().displayName());

		String conversation = mvc.perform(get("/coach/trajectories/" + over.id()).with(coach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(conversation).contains("Alle 12 contactmomenten zijn voorbij")
			.contains("href=\"/coach/trajectories/" + over.id() + "/course\">Afronden of verlengen</a>");
	}

	@Test
	void bothSidesLatestLettersMakeOneActivity() {
		Messages.Activity participant = Messages.Activity.of(Author.PARTICIPANT, at(2026, 11, 5));
		Messages.Activity coach = Messages.Activity.of(Author.COACH, at(2026, 11, 6));
		Messages.Activity system = Messages.Activity.of(Author.SYSTEM, at(2026, 11, 4));
		// In any order the rows come: the coach wrote last, each side's latest kept.
		for (Messages.Activity activity : List.of(participant.and(coach).and(system), system.and(coach).and(participant),
				coach.and(system).and(participant))) {
			assertThat(activity).isEqualTo(new Messages.Activity(Author.COACH, at(2026, 11, 6), at(2026, 11, 5), at(2026, 11, 6), null));
		}
		// The same instant in another offset: the participant counts as last, whichever row comes first.
		Messages.Activity sameInstant = Messages.Activity.of(Author.COACH, at(2026, 11, 5).withOffsetSameInstant(ZoneOffset.UTC));
		assertThat(sameInstant.and(participant).participantWroteLast()).isTrue();
		assertThat(participant.and(sameInstant).participantWroteLast()).isTrue();
	}

	@Test
	void endedAndNotStartedTrajectoriesNeedNothing() {
		TrajectoryOverview ended = new TrajectoryOverview(UUID.randomUUID(), null, "P", null, "D", "d@x.nl", null, "C",
				"c@x.nl", TrajectoryStatus.COMPLETED, null, START, START.plusWeeks(6), 6, 2, 0, List.of(), 2, null, true);
		assertThat(Workspace.entry(ended, Messages.Activity.NONE, START.plusWeeks(8)).need()).isEqualTo(Workspace.Need.ENDED);
		TrajectoryOverview intake = new TrajectoryOverview(UUID.randomUUID(), null, "P", null, "D", "d@x.nl", null, "C",
				"c@x.nl", TrajectoryStatus.INTAKE, null, null, null, 6, 2, 0, List.of(), 2, null, true);
		assertThat(Workspace.entry(intake, Messages.Activity.NONE, START).need()).isEqualTo(Workspace.Need.NOT_STARTED);
	}

	private static TrajectoryOverview running(LocalDate start) {
		return new TrajectoryOverview(UUID.randomUUID(), null, "P", null, "D", "d@x.nl", null, "C", "c@x.nl",
				TrajectoryStatus.RUNNING, null, start, null, 6, 2, 0, List.of(), 2, null, true);
	}

	/**
	 * Paused until 20 December, the conversation page said Beantwoord uiterlijk woensdag 9 december: a day inside
	 * the pause. A pause's working days hold the reply promise up as they hold up a contact moment, so the page and
	 * the workspace name the same day after the pause.
	 */
	@Test
	void aPauseHoldsTheReplyPromiseUpAsItHoldsUpAContactMoment(@Autowired TrajectoryLifecycle lifecycle) throws Exception {
		var paused = fixtures.runningTrajectory(true);
		conversations.coachWrites(paused.id(), paused.coach().id(), "Hoe gaat het?");
		conversations.participantWrites(paused.id(), paused.participant().id(), "Goed, en ik heb een vraag.");
		LocalDate until = Today.date().plusWeeks(2);
		lifecycle.pause(paused.id(), paused.coach().id(), until, Reason.PERSONAL_CIRCUMSTANCES, null);
		int replyDays = trajectories.byId(paused.id()).orElseThrow().replyWithinDays();
		LocalDate afterThePause = DutchHolidays.plusWorkingDays(until.minusDays(1), replyDays);

		Workspace.Entry entry = workspace.of(paused.coach().id()).get(0);
		assertThat(entry.need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
		assertThat(entry.dueBy()).as("the workspace's reply promise").isEqualTo(afterThePause);
		var page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/" + paused.id()).param("lang", "en")
				.with(user(users.loadUserByUsername(paused.coach().email()))))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("reply-due").text()).as("the conversation page's reply promise")
			.isEqualTo("Reply by " + afterThePause.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH)));
	}

	private static Messages.Activity activity(Author last, OffsetDateTime lastAt) {
		return new Messages.Activity(last, lastAt, null, null, null);
	}

	private static Messages.Activity activity(Author last, OffsetDateTime lastAt, OffsetDateTime participantAt) {
		return new Messages.Activity(last, lastAt, participantAt, null, null);
	}

	private static OffsetDateTime at(int year, int month, int day) {
		return OffsetDateTime.of(year, month, day, 10, 0, 0, 0, ZoneOffset.ofHours(1));
	}
}

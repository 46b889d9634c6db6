package nl.briefwissel.trajectory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** What the programme manager's page says of each trajectory: its course, never its content. */
@BriefwisselTest
class ProgrammeOverviewTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTrajectoryStillRunningAfterItsLastMomentIsMarked() throws Exception {
		var fresh = fixtures.runningTrajectory(true);
		var over = fixtures.anotherFor(fresh, Today.date().minusWeeks(8));
		var manager = fixtures.managerOf(fresh);

		String page = mvc.perform(get("/programme").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		String overRow = row(page, over.participant().displayName());
		String freshRow = row(page, fresh.participant().displayName());
		assertThat(overRow).contains("alle contactmomenten voorbij sinds").contains("nog niet afgerond");
		assertThat(freshRow).doesNotContain("contactmomenten voorbij");

		// The manager finds them among the programme's trajectories, to ask their coaches.
		String toClose = mvc.perform(get("/programme").param("programme", fresh.programmeId().toString())
			.param("status", "TO_CLOSE").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(toClose).contains("Trajecten 1–1 van 1", over.participant().displayName(),
				"selected=\"selected\">Lopend, alle contactmomenten voorbij</option>")
			.doesNotContain(fresh.participant().displayName());
	}

	/**
	 * A programme lists its trajectories a page at a time, newest first, in one stage or all: the page
	 * listed every trajectory the programme ever had.
	 */
	@Test
	void theTrajectoriesComeAPageAtATimeInAStageOrAll() throws Exception {
		var first = fixtures.runningTrajectory(true);
		var manager = fixtures.managerOf(first);
		List<String> names = new ArrayList<>();
		OffsetDateTime made = OffsetDateTime.now().minusDays(1);
		for (int i = 0; i < 55; i++) {
			var another = fixtures.anotherFor(first, Today.date().minusDays(i % 20));
			names.add(another.participant().displayName());
			// One a minute, the first made a day ago: an order that does not hang on the clock's resolution.
			jdbc.sql("update trajectory set created_at = :at where id = :id").param("at", made.plusMinutes(i + 1))
				.param("id", another.id()).update();
		}
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on, created_at = :at where id = :id")
			.param("at", made).param("id", first.id()).update();
		String programme = first.programmeId().toString();

		String page = mvc.perform(get("/programme").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Trajecten 1–50 van 56", "Pagina 1 van 2", "rel=\"next\"").doesNotContain("rel=\"prev\"");
		// Newest first: the last trajectory made is on the first page, the first made is not.
		assertThat(page).contains(names.get(54)).doesNotContain(first.participant().displayName());

		String second = mvc.perform(get("/programme").param("programme", programme).param("page", "2").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(second).contains("Trajecten 51–56 van 56", "Pagina 2 van 2", "rel=\"prev\"", first.participant().displayName())
			.doesNotContain(names.get(54));

		String completed = mvc.perform(get("/programme").param("programme", programme).param("status", "COMPLETED")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(completed).contains("Trajecten 1–1 van 1", first.participant().displayName(), "selected=\"selected\">Afgerond (1)</option>")
			.doesNotContain(names.get(0)).doesNotContain("Pagina 1 van");

		// What the address says wrongly is read as the nearest it can mean: all stages, the last page.
		String odd = mvc.perform(get("/programme").param("programme", programme).param("status", "NONSENSE").param("page", "99")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(odd).contains("Trajecten 51–56 van 56", "Pagina 2 van 2");
		String none = mvc.perform(get("/programme").param("programme", programme).param("status", "STOPPED")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(none).contains("Geen trajecten in deze fase.", "selected=\"selected\">Gestopt (0)</option>");
	}

	/**
	 * A trajectory proposed to a coach is one stage with one name on both of the manager's pages. It was
	 * "Wacht op e-coach" here, while the intakes page put the applications nobody was proposed for under
	 * "Wachten op een e-coach": the same words for two stages.
	 */
	@Test
	void aProposalIsNamedAsProposedOnTheProgrammePageAndTheIntakesPage() throws Exception {
		var base = fixtures.runningTrajectory(true);
		var proposal = fixtures.proposal(base);
		String name = proposal.participant().displayName();
		for (String[] words : new String[][] { { "nl", "Voorgesteld aan e-coach", "Wacht op e-coach", "Wachten op een e-coach" },
				{ "en", "Proposed to an e-coach", "Waiting for an e-coach", "Waiting for an e-coach" } }) {
			org.jsoup.nodes.Document programme = org.jsoup.Jsoup.parse(mvc.perform(get("/programme").param("lang", words[0])
				.with(fixtures.as(proposal.manager()))).andReturn().getResponse().getContentAsString());
			assertThat(programme.select("th[scope=row]").eachText()).as(words[0]).contains(words[1]);
			assertThat(programme.getElementById("trajectory-" + proposal.trajectoryId()).text()).as(words[0]).contains(words[1]);
			assertThat(programme.text()).as(words[0]).doesNotContain(words[2]);

			org.jsoup.nodes.Document intakes = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", words[0])
				.with(fixtures.as(proposal.manager()))).andReturn().getResponse().getContentAsString());
			assertThat(intakes.getElementById("asked-" + base.programmeId()).text()).as(words[0]).isEqualTo(words[1]);
			assertThat(intakes.getElementById("proposal-" + proposal.trajectoryId()).text()).contains(name);
			// The applications nobody was proposed for keep their own heading.
			assertThat(intakes.select("h3").eachText()).as(words[0]).contains(words[3]);
		}
	}

	/** The stop day of a stopped trajectory stood under "Afgerond": the column says how each one ended. */
	@Test
	void aStoppedTrajectoryIsListedAsStoppedOnItsDay(@Autowired TrajectoryLifecycle lifecycle) throws Exception {
		var stopped = fixtures.runningTrajectory(true);
		var completed = fixtures.anotherFor(stopped, Today.date().minusWeeks(2));
		lifecycle.stop(stopped.id(), stopped.coach().id(), Reason.forStopping().get(0), null);
		lifecycle.complete(completed.id(), completed.coach().id(), Reason.QUESTION_ANSWERED, null);
		String day = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.forLanguageTag("nl")).format(Today.date());

		String page = mvc.perform(get("/programme").with(fixtures.as(fixtures.managerOf(stopped)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(row(page, stopped.participant().displayName())).contains("Gestopt op " + day).doesNotContain("Afgerond");
		assertThat(row(page, completed.participant().displayName())).contains("Afgerond op " + day);
		assertThat(page).contains(">Einde</th>");
	}

	/**
	 * An erased trajectory is counted in its stage and listed by no one: its row stood on the list as the raw text
	 * "Verwijderde deelnemer / Erased participant" in both languages, with its coach and dates, while the
	 * participant was told that only numbers without a name stay. One erased at the end of its retention period
	 * (its participant's account still named) goes off the list too; the handover page of either is not found.
	 */
	@Test
	void anErasedTrajectoryIsCountedNotListed(@Autowired TrajectoryErasure erasure,
			@Autowired nl.briefwissel.account.Accounts accounts) throws Exception {
		var kept = fixtures.runningTrajectory(true);
		var forgotten = fixtures.anotherFor(kept, Today.date().minusWeeks(3));
		var pastRetention = fixtures.anotherFor(kept, Today.date().minusWeeks(4));
		erasure.erase(forgotten.id(), null);
		accounts.anonymise(forgotten.participant().id());
		erasure.erase(pastRetention.id(), null);
		var manager = fixtures.managerOf(kept);

		for (String[] words : new String[][] { { "nl", "Gestopt", "Trajecten 1–1 van 1", "2 gewiste trajecten tellen mee in de aantallen" },
				{ "en", "Stopped", "Trajectories 1–1 of 1", "2 erased trajectories are counted in the numbers" } }) {
			String page = mvc.perform(get("/programme").param("lang", words[0]).with(fixtures.as(manager))).andReturn().getResponse()
				.getContentAsString();
			org.jsoup.nodes.Document document = org.jsoup.Jsoup.parse(page);
			assertThat(document.getElementById("trajectory-" + kept.id())).as(words[0]).isNotNull();
			assertThat(document.getElementById("trajectory-" + forgotten.id())).as(words[0]).isNull();
			assertThat(document.getElementById("trajectory-" + pastRetention.id())).as(words[0]).isNull();
			assertThat(page).as(words[0]).doesNotContain("Erased participant", "Verwijderde deelnemer",
					pastRetention.participant().displayName());
			// Still counted: the stage says two stopped, the list one of one and why not three.
			assertThat(document.select("tr").eachText()).as(words[0]).contains(words[1] + " 2");
			assertThat(document.text()).as(words[0]).contains(words[2], words[3]);

			String stopped = mvc.perform(get("/programme").param("lang", words[0]).param("programme", kept.programmeId().toString())
				.param("status", "STOPPED").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
			assertThat(org.jsoup.Jsoup.parse(stopped).text()).as(words[0]).contains(words[3]).doesNotContain(words[2]);
		}
		for (var erased : List.of(forgotten, pastRetention)) {
			assertThat(mvc.perform(get("/programme/trajectories/{id}/handover", erased.id()).with(fixtures.as(manager)))
				.andReturn().getResponse().getStatus()).isEqualTo(404);
		}
	}

	private static String row(String page, String name) {
		int at = page.indexOf(name);
		assertThat(at).as(name + " on the page").isPositive();
		return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
	}
}

package nl.briefwissel.trajectory;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
	}

	private static String row(String page, String name) {
		int at = page.indexOf(name);
		assertThat(at).as(name + " on the page").isPositive();
		return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
	}
}

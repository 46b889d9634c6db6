package nl.briefwissel.assignment.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The library grows and is never emptied (archived assignments stay): its page shows it a page at a time. */
@BriefwisselTest
class LibraryPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Test
	void theLibraryIsShownAPageAtATimeAndARefusedChangeComesBackOnItsPage() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		String tag = "Bladzijde " + UUID.randomUUID();
		List<UUID> own = new ArrayList<>();
		for (int i = 0; i < LibraryController.PER_PAGE + 3; i++) {
			own.add(assignments.add(coach.id(), new Assignments.Draft(tag + String.format(" %02d", i), "Doe iets.",
					AssignmentType.REFLECTION, List.of(), 10, Locale.forLanguageTag("nl"))));
		}

		Document first = page(mvc.perform(get("/coach/assignments").param("q", tag).with(fixtures.as(coach))).andReturn());
		assertThat(first.select("main article")).hasSize(LibraryController.PER_PAGE);
		assertThat(first.text()).contains((LibraryController.PER_PAGE + 3) + " opdrachten");
		String next = first.selectFirst("nav.bw-pagination a[rel=next]").attr("href");
		assertThat(next).contains("page=2").contains("q=");
		Document second = page(mvc.perform(get("/coach/assignments").param("q", tag).param("page", "2").with(fixtures.as(coach)))
			.andReturn());
		assertThat(second.select("main article h2").eachText()).containsExactly(tag + " 20", tag + " 21", tag + " 22");
		assertThat(page(mvc.perform(get("/coach/assignments").param("page", "x").with(fixtures.as(coach))).andReturn())
			.select("main article")).hasSize(LibraryController.PER_PAGE);

		// A change refused for an assignment far down the library comes back in its card, as typed.
		UUID last = own.get(own.size() - 1);
		MvcResult refused = mvc.perform(post("/coach/assignments/{id}", last).with(csrf()).with(fixtures.as(coach))
			.param("title", "").param("type", "REFLECTION").param("minutes", "10").param("language", "nl")
			.param("instructions", "Wat ik typte " + tag))
			.andReturn();
		Document again = page(mvc.perform(get(refused.getResponse().getRedirectedUrl().replaceFirst("#.*", ""))
			.cookie(refused.getResponse().getCookies()).with(fixtures.as(coach))).andReturn());
		assertThat(again.getElementById("e-" + last + "-instructions").text()).isEqualTo("Wat ik typte " + tag);
		assertThat(again.getElementById("e-" + last + "-errors")).isNotNull();
	}

	private static Document page(MvcResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return Jsoup.parse(result.getResponse().getContentAsString());
	}
}

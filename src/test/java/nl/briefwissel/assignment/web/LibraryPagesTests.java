package nl.briefwissel.assignment.web;

import java.net.URI;
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
		Document again = refusedPage(mvc.perform(get(refused.getResponse().getRedirectedUrl().replaceFirst("#.*", ""))
			.cookie(refused.getResponse().getCookies()).with(fixtures.as(coach))).andReturn());
		assertThat(again.getElementById("e-" + last + "-instructions").text()).isEqualTo("Wat ik typte " + tag);
		assertThat(again.getElementById("e-" + last + "-errors")).isNotNull();
	}

	/** A coach who searched and paged, changes an assignment, and finds their search and page again, saved or refused. */
	@Test
	void aSavedOrRefusedChangeComesBackToTheSearchAndPageItWasMadeFrom() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		String tag = "Gezocht " + UUID.randomUUID();
		List<UUID> own = new ArrayList<>();
		for (int i = 0; i < LibraryController.PER_PAGE + 3; i++) {
			own.add(assignments.add(coach.id(), new Assignments.Draft(tag + String.format(" %02d", i), "Doe iets.",
					AssignmentType.REFLECTION, List.of("GRIP"), 10, Locale.forLanguageTag("nl"))));
		}
		// Another type, same words: the type searched for must travel, or these would come back too.
		assignments.add(coach.id(), new Assignments.Draft(tag + " ander", "Doe iets.", AssignmentType.VIDEO,
				List.of("GRIP"), 10, Locale.forLanguageTag("nl")));
		String list = "/coach/assignments?q=" + tag.replace(" ", "%20") + "&theme=GRIP&type=REFLECTION&page=2";

		Document second = page(mvc.perform(get("/coach/assignments").param("q", tag).param("theme", "GRIP").param("type", "REFLECTION")
			.param("page", "2").with(fixtures.as(coach))).andReturn());
		UUID last = own.get(own.size() - 1);
		var form = second.selectFirst("form[action=/coach/assignments/" + last + "]");
		assertThat(form.selectFirst("input[name=q]").attr("value")).isEqualTo(tag);
		assertThat(form.selectFirst("input[name=theme]").attr("value")).isEqualTo("GRIP");
		assertThat(form.selectFirst("input[name=searchType]").attr("value")).isEqualTo("REFLECTION");
		assertThat(form.selectFirst("input[name=page]").attr("value")).isEqualTo("2");
		assertThat(second.selectFirst("form[action=/coach/assignments/" + last + "/archive] input[name=page]").attr("value"))
			.isEqualTo("2");

		MvcResult refused = mvc.perform(post("/coach/assignments/{id}", last).with(csrf()).with(fixtures.as(coach))
			.param("title", "").param("type", "REFLECTION").param("minutes", "10").param("language", "nl")
			.param("instructions", "Wat ik typte").param("q", tag).param("theme", "GRIP").param("searchType", "REFLECTION")
			.param("page", "2"))
			.andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo(list + "#e-" + last + "-errors");
		// Followed as the browser does: the flash is kept for the address's query as sent, encoded.
		Document again = refusedPage(mvc.perform(get(URI.create(refused.getResponse().getRedirectedUrl().replaceFirst("#.*", "")))
			.cookie(refused.getResponse().getCookies()).with(fixtures.as(coach))).andReturn());
		assertThat(again.getElementById("q").attr("value")).isEqualTo(tag);
		assertThat(again.select("main article h2").eachText()).containsExactly(tag + " 20", tag + " 21", tag + " 22");
		assertThat(again.getElementById("e-" + last + "-errors")).isNotNull();
		assertThat(again.getElementById("e-" + last + "-instructions").text()).isEqualTo("Wat ik typte");

		MvcResult saved = mvc.perform(post("/coach/assignments/{id}", last).with(csrf()).with(fixtures.as(coach))
			.param("title", tag + " 22").param("type", "REFLECTION").param("minutes", "15").param("language", "nl")
			.param("themes", "GRIP").param("instructions", "Doe iets anders.").param("q", tag).param("theme", "GRIP")
			.param("searchType", "REFLECTION").param("page", "2"))
			.andReturn();
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(list);
		MvcResult archived = mvc.perform(post("/coach/assignments/{id}/archive", last).with(csrf()).with(fixtures.as(coach))
			.param("archived", "true").param("q", tag).param("theme", "GRIP").param("searchType", "REFLECTION").param("page", "2"))
			.andReturn();
		assertThat(archived.getResponse().getRedirectedUrl()).isEqualTo(list);

		// What the form carries is rebuilt, not followed: a type that is none and a page that is no number are left out.
		MvcResult odd = mvc.perform(post("/coach/assignments/{id}/archive", last).with(csrf()).with(fixtures.as(coach))
			.param("archived", "false").param("q", "{x} & y").param("searchType", "NONE").param("page", "x"))
			.andReturn();
		assertThat(odd.getResponse().getRedirectedUrl()).isEqualTo("/coach/assignments?q=%7Bx%7D%20%26%20y");
	}

	private static Document page(MvcResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	/** The page a refused change's redirect leads to: the form again, 422 and titled so (decision 0139, amended). */
	private static Document refusedPage(MvcResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(422);
		Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.title()).startsWith("Fout:");
		return page;
	}
}

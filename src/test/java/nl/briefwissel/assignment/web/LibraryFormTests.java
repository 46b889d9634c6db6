package nl.briefwissel.assignment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** A new assignment saved with a double click on "Opslaan" is in the library once. */
@BriefwisselTest
class LibraryFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	JdbcClient jdbc;

	/**
	 * WCAG 3.1.2: the fields that hold an assignment's own words are in its language, as its title and
	 * instructions on the card are: a Dutch assignment edited on the English page is read out in Dutch.
	 */
	@Test
	void theFieldsOfAnAssignmentAreInItsOwnLanguage() throws Exception {
		Account admin = fixtures.person(fixtures.runningTrajectory(true).organisationId(),
				"beheer-" + UUID.randomUUID() + "@example.nl", "Beheer", Role.ADMINISTRATOR);
		String dutch = "Taal van de velden " + UUID.randomUUID();
		String english = "Language of the fields " + UUID.randomUUID();
		mvc.perform(form("/admin/assignments", dutch, "15").with(fixtures.as(admin))).andExpect(flash().attribute("saved", "assignments.saved"));
		mvc.perform(post("/admin/assignments").with(csrf()).param("title", english).param("type", "REFLECTION")
			.param("minutes", "15").param("language", "en").param("instructions", "Write what you noticed this week.")
			.with(fixtures.as(admin))).andExpect(flash().attribute("saved", "assignments.saved"));

		for (String[] page : new String[][] { { "en", dutch, "nl" }, { "nl", english, "en" } }) {
			org.jsoup.nodes.Document library = org.jsoup.Jsoup.parse(mvc.perform(org.springframework.test.web.servlet.request
				.MockMvcRequestBuilders.get("/admin/assignments").param("q", page[1]).param("lang", page[0]).with(fixtures.as(admin)))
				.andReturn().getResponse().getContentAsString());
			org.jsoup.nodes.Element title = library.select("input[name=title]").stream()
				.filter(input -> input.val().equals(page[1])).findFirst().orElseThrow();
			assertThat(title.attr("lang")).as("the title field on the %s page", page[0]).isEqualTo(page[2]);
			assertThat(title.closest("form").selectFirst("textarea[name=instructions]").attr("lang"))
				.as("the instructions on the %s page", page[0]).isEqualTo(page[2]);
			// The new assignment's fields are empty until its language is chosen: the page's.
			assertThat(library.getElementById("new-title").hasAttr("lang")).isFalse();
		}
	}

	@Test
	void theSameNewAssignmentPostedTwiceIsAddedOnce() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		String title = "Twee keer geklikt " + UUID.randomUUID();
		for (int click = 0; click < 2; click++) {
			mvc.perform(form("/coach/assignments", title, "20").with(fixtures.as(coach)))
				.andExpect(redirectedUrl("/coach/assignments"))
				.andExpect(flash().attribute("saved", "assignments.saved"));
		}
		assertThat(ownNamed(coach, title)).hasSize(1);

		// Another coach's own is theirs; a form that differs is another assignment.
		Account otherCoach = fixtures.runningTrajectory(true).coach();
		mvc.perform(form("/coach/assignments", title, "20").with(fixtures.as(otherCoach)));
		assertThat(ownNamed(otherCoach, title)).hasSize(1);
		mvc.perform(form("/coach/assignments", title, "25").with(fixtures.as(coach)));
		assertThat(ownNamed(coach, title)).hasSize(2);

		// Only a second click counts as the first: the same assignment saved a while later is added.
		jdbc.sql("update assignment set created_at = created_at - interval '2' minute where owner_id = :owner")
			.param("owner", coach.id())
			.update();
		mvc.perform(form("/coach/assignments", title, "20").with(fixtures.as(coach)));
		assertThat(ownNamed(coach, title)).hasSize(3);

		Account admin = fixtures.person(fixtures.runningTrajectory(true).organisationId(),
				"beheer-" + UUID.randomUUID() + "@example.nl", "Beheer", Role.ADMINISTRATOR);
		String shared = "Gedeeld, twee keer geklikt " + UUID.randomUUID();
		for (int click = 0; click < 2; click++) {
			mvc.perform(form("/admin/assignments", shared, "15").with(fixtures.as(admin)))
				.andExpect(flash().attribute("saved", "assignments.saved"));
		}
		assertThat(assignments.shared(new Assignments.Search(shared, null, null))).hasSize(1);
	}

	/**
	 * Two posts at once would both find no assignment yet: the second waits on the row of who saves
	 * until the first is committed, then finds the first's and returns it.
	 */
	@Test
	void twoSavesAtOnceAddTheAssignmentOnce(@Autowired nl.briefwissel.assignment.Assignments library,
			@Autowired TransactionTemplate transactions) throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		String title = "Tegelijk bewaard " + UUID.randomUUID();
		var draft = new Assignments.Draft(title, "Schrijf op wat je opvalt.", AssignmentType.REFLECTION, List.of("GRIP"), 20,
				Locale.forLanguageTag("nl"));
		var added = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		var executor = Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				UUID id = library.addOnce(coach.id(), coach.id(), draft);
				added.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return id;
			}));
			added.await();
			var second = executor.submit(() -> library.addOnce(coach.id(), coach.id(), draft));
			Thread.sleep(300);
			release.countDown();
			assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(first.get(20, TimeUnit.SECONDS));
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(ownNamed(coach, title)).hasSize(1);
	}

	private List<UUID> ownNamed(Account coach, String title) {
		return assignments.libraryOf(coach.id(), new Assignments.Search(title, null, null))
			.stream()
			.filter(a -> coach.id().equals(a.ownerId()))
			.map(Assignment::id)
			.toList();
	}

	private static MockHttpServletRequestBuilder form(String path, String title, String minutes) {
		return post(path).with(csrf())
			.param("title", title)
			.param("type", "REFLECTION")
			.param("minutes", minutes)
			.param("language", "nl")
			.param("themes", "GRIP")
			.param("instructions", "Schrijf op wat je deze week opviel.\r\nWat gaf je energie?");
	}
}

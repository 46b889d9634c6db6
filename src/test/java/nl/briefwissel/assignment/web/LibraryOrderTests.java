package nl.briefwissel.assignment.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.Assignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The shared library for a Dutch administrator began with A letter to yourself, one year from now: the titles
 * were sorted as the database sorts them, whatever their language. The reader's language comes first, then the
 * others, each in alphabetical order as the reader's language has it.
 */
@BriefwisselTest
class LibraryOrderTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Test
	void theLibraryListsTheReadersLanguageFirstEachGroupInAlphabeticalOrder() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		for (String language : List.of("nl", "en")) {
			List<Element> titles = Jsoup.parse(mvc.perform(get("/admin/assignments").param("lang", language).with(fixtures.as(admin)))
				.andReturn().getResponse().getContentAsString()).select("h2[lang]");
			assertThat(titles).isNotEmpty();
			assertThat(titles.get(0).attr("lang")).as("the first title on the %s page", language).isEqualTo(language);
		}

		// Every list a reader chooses from: the administrator's, the coach's library page and the coach's choice in a letter.
		assertInReadingOrder(assignments.shared(null, DUTCH), DUTCH);
		assertInReadingOrder(assignments.shared(null, Locale.ENGLISH), Locale.ENGLISH);
		assertInReadingOrder(assignments.libraryOf(running.coach().id(), null, DUTCH), DUTCH);
		assertInReadingOrder(assignments.forCoach(running.coach().id(), null, DUTCH), DUTCH);
	}

	private static void assertInReadingOrder(List<Assignment> listed, Locale reader) {
		Collator collator = Collator.getInstance(reader);
		Comparator<Assignment> order = Comparator.comparing(Assignment::archived)
			.thenComparing(a -> !a.language().getLanguage().equals(reader.getLanguage()))
			.thenComparing(a -> a.language().getLanguage())
			.thenComparing(Assignment::title, collator);
		assertThat(listed).hasSizeGreaterThan(10);
		assertThat(listed.get(0).language().getLanguage()).isEqualTo(reader.getLanguage());
		assertThat(listed).isSortedAccordingTo(order);
	}
}

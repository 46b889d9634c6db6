package nl.briefwissel.writing;

import java.time.OffsetDateTime;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** A coach's readability per week, each language on its own scale. */
@BriefwisselTest
class WritingTrendsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	WritingTrends trends;

	@Autowired
	JdbcClient jdbc;

	/**
	 * Flesch–Douma and Flesch are two scales: a week of Dutch at 60 and 70 and English at 30 averaged
	 * together read 53, a figure of neither language, moving with the mix of languages alone.
	 */
	@Test
	void dutchAndEnglishReadabilityAreNeverAveragedTogether() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID coach = running.coach().id();
		sample(coach, "nl", 60);
		sample(coach, "nl", 70);
		sample(coach, "en", 30);

		var week = trends.of(coach, 12).get(0);
		assertThat(week.messages()).isEqualTo(3);
		assertThat(week.readabilityDutch()).isCloseTo(65, Offset.offset(0.001));
		assertThat(week.readabilityEnglish()).isCloseTo(30, Offset.offset(0.001));

		var asCoach = user(users.loadUserByUsername(running.coach().email()));
		String dutch = mvc.perform(get("/coach/writing").with(asCoach)).andReturn().getResponse().getContentAsString();
		assertThat(dutch).contains("Gemiddelde leesbaarheid van je Nederlandse berichten", "Gemiddelde leesbaarheid van je Engelse berichten",
				"Daarom staat de leesbaarheid per taal", "<td class=\"utrecht-table__cell bw-number\">65</td>",
				"<td class=\"utrecht-table__cell bw-number\">30</td>").doesNotContain(">53<");
		String english = mvc.perform(get("/coach/writing").param("lang", "en").with(asCoach)).andReturn().getResponse()
			.getContentAsString();
		assertThat(english).contains("Average readability of your Dutch messages", "Average readability of your English messages",
				"the languages are never averaged together");
	}

	/** A week in one language only shows a dash in the other's column, not a score of 0. */
	@Test
	void aWeekWithoutALanguageShowsNoScoreForIt() {
		var running = fixtures.runningTrajectory(true);
		sample(running.coach().id(), "en", 55);
		var week = trends.of(running.coach().id(), 12).get(0);
		assertThat(week.readabilityDutch()).isNull();
		assertThat(week.readabilityEnglish()).isCloseTo(55, Offset.offset(0.001));
	}

	private void sample(UUID coach, String language, double readability) {
		jdbc.sql("""
				insert into writing_sample (id, coach_id, message_id, written_at, language, words, readability, questions, findings)
				values (:id, :coach, :message, :at, :language, 40, :readability, 1, 0)""")
			.param("id", UUID.randomUUID())
			.param("coach", coach)
			.param("message", UUID.randomUUID())
			.param("at", OffsetDateTime.now())
			.param("language", language)
			.param("readability", readability)
			.update();
	}
}

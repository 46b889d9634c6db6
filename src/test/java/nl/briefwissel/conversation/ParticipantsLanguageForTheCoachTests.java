package nl.briefwissel.conversation;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A walk found it: a participant who set English had the coach's pages say so only in an invisible
 * {@code lang} on the text box. The coach reads it beside the name, where it differs from the language
 * their own pages are in; read from the trajectory the page reads already (no statement more per view).
 */
@BriefwisselTest
class ParticipantsLanguageForTheCoachTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCoachReadsWhichLanguageTheParticipantReadsWhereItDiffersFromTheirs() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		var coach = fixtures.as(running.coach());
		// Dutch, as the coach's page: nothing to say.
		assertThat(page(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(coach)).select("#reads-in")).isEmpty();

		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		assertThat(page(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(coach)).select("#reads-in").text())
			.isEqualTo(name + " leest Briefwissel in het Engels.");
		assertThat(page(get("/coach/trajectories/{id}", running.id()).param("lang", "en").with(coach)).select("#reads-in")).isEmpty();
		var row = page(get("/coach").param("lang", "nl").with(coach)).select("tbody th:has(a:containsOwn(" + name + "))");
		assertThat(row.select(".bw-reads-in").text()).isEqualTo("leest Engels");
		assertThat(page(get("/coach").param("lang", "en").with(coach)).select(".bw-reads-in")).isEmpty();

		jdbc.sql("update account set preferred_language = 'nl' where id = :id").param("id", running.participant().id()).update();
		assertThat(page(get("/coach/trajectories/{id}", running.id()).param("lang", "en").with(coach)).select("#reads-in").text())
			.isEqualTo(name + " reads Briefwissel in Dutch.");
		assertThat(page(get("/coach").param("lang", "en").with(coach)).select("tbody th:has(a:containsOwn(" + name + ")) .bw-reads-in")
			.text()).isEqualTo("reads Dutch");
	}

	/** „van Dijk leest Briefwissel in het Engels.”: a sentence that begins with the name begins with a capital (0143). */
	@Test
	void aNameThatBeginsWithAnInfixBeginsTheSentenceWithACapital() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String surname = "Dijk" + java.util.UUID.randomUUID().toString().substring(0, 6);
		jdbc.sql("update account set preferred_language = 'en', display_name = :name where id = :id")
			.param("name", "van " + surname).param("id", running.participant().id()).update();
		assertThat(page(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())))
			.select("#reads-in").text()).isEqualTo("Van " + surname + " leest Briefwissel in het Engels.");
	}

	private Document page(RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}
}

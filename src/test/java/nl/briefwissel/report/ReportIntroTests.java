package nl.briefwissel.report;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The record's page spoke to the participant whoever read it: the coach read about your question and goals
 * and the retention period of your programme. The coach's page is written for the coach, in either language. The
 * period is the trajectory's own, kept from when the participant applied (decision 0134), not the programme's of today.
 */
@BriefwisselTest
class ReportIntroTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void theCoachsRecordSpeaksToTheCoachAndTheParticipantsToTheParticipant() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String coachPage = "/coach/trajectories/" + running.id() + "/report";

		assertThat(intro(get(coachPage).with(fixtures.as(running.coach()))))
			.startsWith("Alles van dit traject zwart op wit: de vraag en doelen van de deelnemer,")
			.contains("tot de bewaartermijn van het traject voorbij is")
			.doesNotContain("je vraag", "je programma");
		assertThat(intro(get(coachPage).param("lang", "en").with(fixtures.as(running.coach()))))
			.startsWith("Everything about this trajectory in black and white: the participant's question and goals,")
			.contains("until the trajectory's retention period has passed")
			.doesNotContain("your question", "your programme");

		assertThat(intro(get("/participant/report/" + running.id()).with(fixtures.as(running.participant()))))
			.startsWith("Alles zwart op wit: je vraag en doelen,")
			.as("a trajectory keeps its own retention period (decision 0134)")
			.contains("tot de bewaartermijn van je traject voorbij is").doesNotContain("je programma");
		assertThat(intro(get("/participant/report/" + running.id()).param("lang", "en").with(fixtures.as(running.participant()))))
			.startsWith("Everything in black and white: your question and goals,")
			.contains("until your trajectory's retention period has passed").doesNotContain("programme");
	}

	/** The paragraph under the page's heading. */
	private String intro(RequestBuilder request) throws Exception {
		String page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return Jsoup.parse(page).selectFirst("h1 + p").text();
	}
}

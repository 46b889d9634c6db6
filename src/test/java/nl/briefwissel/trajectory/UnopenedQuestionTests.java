package nl.briefwissel.trajectory;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Role;
import nl.briefwissel.encryption.Encryption;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An application whose question is sealed under a key no longer configured: the manager's list of
 * applications, which reads every question without showing one, made the whole page an error page,
 * and a second mail from the same sender could not be added (decision 0057). The question is none now,
 * and what is written next takes its place.
 */
@BriefwisselTest
class UnopenedQuestionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Intakes intakes;

	@Autowired
	Programmes programmes;

	@Autowired
	Encryption encryption;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aQuestionThatDoesNotOpenLeavesTheListOfApplicationsAndANextMailWorking() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Programme programme = programmes.byId(running.programmeId()).orElseThrow();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String sender = "vraag-" + suffix + "@example.nl";
		Intake byMail = intakes.receiveByMail(programme, sender, "Vera Vraag", "Een vraag die straks niet meer opent");
		jdbc.sql("update intake set question_key_id = 'weg-" + suffix + "' where id = :id").param("id", byMail.id()).update();
		try {
			assertThat(intakes.open(programme.id())).filteredOn(intake -> intake.id().equals(byMail.id()))
				.singleElement()
				.satisfies(intake -> assertThat(intake.question()).isNull());

			var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
					Role.PROGRAMME_MANAGER);
			mvc.perform(get("/programme/intakes").with(fixtures.as(manager))).andExpect(status().isOk());

			// The same sender writes again the same day: their words are the question now.
			intakes.receiveByMail(programme, sender, "Vera Vraag", "Mijn vraag opnieuw, nu leesbaar.");
			assertThat(intakes.open(programme.id())).filteredOn(intake -> intake.id().equals(byMail.id()))
				.extracting(Intake::question)
				.containsExactly("Mijn vraag opnieuw, nu leesbaar.");
		}
		finally {
			// The database is shared by the tests: a row no key opens stops the key rotation's tests.
			jdbc.sql("update intake set question_key_id = :key where id = :id and question_key_id like 'weg-%'")
				.param("key", encryption.keyId())
				.param("id", byMail.id())
				.update();
		}
	}
}

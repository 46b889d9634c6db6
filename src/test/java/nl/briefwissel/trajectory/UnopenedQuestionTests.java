package nl.briefwissel.trajectory;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.KeysGone;
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
 * applications, which reads every question without showing one, made the whole page an error page
 * (decision 0057). The question is none there now; a second mail from the same sender is not added to
 * words that do not open: it fails and is kept, to be tried again.
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

	/** The coach's proposal page says the question does not open; it said the participant wrote none. */
	@Test
	void theProposalPageSaysTheQuestionDoesNotOpen(@Autowired org.springframework.context.MessageSource texts) throws Exception {
		var running = fixtures.runningTrajectory(true);
		var proposal = fixtures.proposal(running);
		var participant = proposal.participant();
		intakes.record(running.programmeId(), participant, proposal.trajectoryId(), new IntakeForm(participant.displayName(),
				participant.email(), "Een vraag die straks niet meer opent", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, true),
				Intake.Source.INVITATION);
		UUID intake = jdbc.sql("select id from intake where trajectory_id = :t").param("t", proposal.trajectoryId())
			.query(UUID.class).single();
		KeysGone keys = new KeysGone(jdbc, encryption);
		keys.take("intake", "question_key_id", "id", intake);
		try {
			String page = mvc.perform(get("/coach/proposals/{id}", proposal.trajectoryId()).with(fixtures.as(proposal.coach())))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			var document = org.jsoup.Jsoup.parse(page);
			assertThat(document.getElementById("question-unreadable")).isNotNull();
			assertThat(document.text())
				.doesNotContain(texts.getMessage("proposal.noQuestion", null, java.util.Locale.forLanguageTag("nl")))
				.doesNotContain("Een vraag die straks niet meer opent");
		}
		finally {
			keys.putBack();
		}
	}

	/**
	 * A walk found it: the coach's trajectory page offered "Vraag en doelen van de deelnemer", which opened on a
	 * heading "Vraag van de deelnemer" alone (no goals written). What opens it is named after what it holds.
	 */
	@Test
	void theQuestionAloneIsOpenedByItsOwnName() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var participant = running.participant();
		intakes.record(running.programmeId(), participant, running.id(), new IntakeForm(participant.displayName(),
				participant.email(), "Welk werk past bij mij?", "NEXT_STEP",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true, true),
				Intake.Source.INVITATION);
		for (String language : new String[] { "nl", "en" }) {
			var page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", language)
				.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
			var details = page.selectFirst("details:has(h2:containsOwn(" + ("nl".equals(language) ? "Vraag van de deelnemer" : "question") + "))");
			assertThat(details).isNotNull();
			assertThat(details.selectFirst("summary").text()).isEqualTo(details.selectFirst("h2").text());
		}
	}

	@Test
	void aQuestionThatDoesNotOpenLeavesTheListOfApplicationsWorkingAndIsNotWrittenOver() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Programme programme = programmes.byId(running.programmeId()).orElseThrow();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String sender = "vraag-" + suffix + "@example.nl";
		Intake byMail = intakes.receiveByMail(programme, sender, "Vera Vraag", "Een vraag die straks niet meer opent", null).orElseThrow();
		jdbc.sql("update intake set question_key_id = 'weg-" + suffix + "' where id = :id").param("id", byMail.id()).update();
		try {
			assertThat(intakes.open(programme.id())).filteredOn(intake -> intake.id().equals(byMail.id()))
				.singleElement()
				.satisfies(intake -> assertThat(intake.question()).isNull());

			var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager",
					Role.PROGRAMME_MANAGER);
			mvc.perform(get("/programme/intakes").with(fixtures.as(manager))).andExpect(status().isOk());

			// The same sender writes again the same day: the words that do not open are not written over (the
			// key may be back tomorrow); the mail fails, and the inbound pipeline keeps it and tries again.
			String sealed = jdbc.sql("select question from intake where id = :id").param("id", byMail.id()).query(String.class).single();
			org.assertj.core.api.Assertions.assertThatExceptionOfType(nl.briefwissel.encryption.UnreadableRecordException.class)
				.isThrownBy(() -> intakes.receiveByMail(programme, sender, "Vera Vraag", "Mijn vraag opnieuw, nu leesbaar.", null));
			assertThat(jdbc.sql("select question from intake where id = :id").param("id", byMail.id()).query(String.class).single())
				.isEqualTo(sealed);
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

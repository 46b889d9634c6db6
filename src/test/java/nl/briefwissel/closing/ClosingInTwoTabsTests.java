package nl.briefwissel.closing;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The closing written in two tabs, and a summary changed after it was sent (decision 0146). Each form carries the
 * version it was based on, as a letter's draft does: a save over a newer reaction or summary is refused, 409, with the
 * newest shown and this tab's words kept. A sent summary is changed only until the participant reacted; a change
 * before is mailed to them, and the record says it was changed and when.
 */
@BriefwisselTest
class ClosingInTwoTabsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Closings closings;

	@Autowired
	ClosingDesk desk;

	@Autowired
	nl.briefwissel.trajectory.Trajectories trajectories;

	@Test
	void aReactionFromAnOlderTabDoesNotOverwriteTheNewerOne() throws Exception {
		var running = fixtures.runningTrajectory(true);
		send(running, "Lesgeven geeft je energie.");
		String id = running.id().toString();

		Document first = page("/participant", running.participant());
		Document second = page("/participant", running.participant());
		String base = first.select("form[action=/participant/closing] input[name=reactionBase]").val();
		assertThat(second.select("form[action=/participant/closing] input[name=reactionBase]").val()).isEqualTo(base);

		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", id).param("reactionBase", base).param("reaction", "Dank je, het eerste tabblad."))
			.andExpect(flash().attribute("reactionSaved", running.id()));
		MockHttpServletResponse clash = mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", id).param("reactionBase", base).param("reaction", "Dank je, het tweede tabblad."))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.reactionOvertaken"))
			.andReturn().getResponse();
		Document refused = Jsoup.parse(clash.getContentAsString());
		var problem = refused.getElementById("reaction-problem-" + id);
		assertThat(problem.select("h4").text()).isEqualTo("Deze wijziging kan nu niet");
		assertThat(problem.hasAttr("autofocus")).isTrue();
		assertThat(problem.text()).contains("in een ander tabblad", "Dank je, het eerste tabblad.");
		assertThat(refused.getElementById("reaction-" + id).text()).isEqualTo("Dank je, het tweede tabblad.");
		assertThat(refused.getElementById("reaction-" + id + "-error")).as("nothing typed is wrong").isNull();
		String newest = refused.select("form[action=/participant/closing] input[name=reactionBase]").val();
		assertThat(newest).isNotEqualTo(base).isNotEmpty();
		assertThat(page("/participant", running.participant()).getElementById("reaction-" + id).text())
			.isEqualTo("Dank je, het eerste tabblad.");

		// Sent again from the refused page, it is based on the newest and saves.
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", id).param("reactionBase", newest).param("reaction", "Dank je, het tweede tabblad."))
			.andExpect(flash().attribute("reactionSaved", running.id()));
		assertThat(page("/participant", running.participant()).getElementById("reaction-" + id).text())
			.isEqualTo("Dank je, het tweede tabblad.");

		String english = Jsoup.parse(mvc.perform(post("/participant/closing").param("lang", "en").with(csrf())
			.with(fixtures.as(running.participant())).param("trajectory", id).param("reactionBase", base).param("reaction", "Old"))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString())
			.getElementById("reaction-problem-" + id).text();
		assertThat(english).contains("in another tab");
	}

	@Test
	void aSummaryDraftFromAnOlderTabDoesNotOverwriteTheNewerOne() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String path = "/coach/trajectories/" + running.id();
		mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach())).param("summary", "Eerste opzet."))
			.andExpect(flash().attribute("closingDone", "closing.saved"));
		String base = page(path, running.coach()).select(".bw-closing form input[name=summaryBase]").val();
		assertThat(base).isNotEmpty();

		mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summaryBase", base).param("summary", "Opzet uit tabblad een."))
			.andExpect(flash().attribute("closingDone", "closing.saved"));
		MockHttpServletResponse clash = mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summaryBase", base).param("summary", "Opzet uit tabblad twee.").param("send", "true"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("closingProblem", "closing.error.summaryOvertaken"))
			.andReturn().getResponse();
		Document refused = Jsoup.parse(clash.getContentAsString());
		assertThat(refused.getElementById("closing-problem").select("h3").text()).isEqualTo("Deze wijziging kan nu niet");
		assertThat(refused.getElementById("closing-problem").text()).contains("in een ander tabblad", "Opzet uit tabblad een.");
		assertThat(refused.getElementById("summary").text()).isEqualTo("Opzet uit tabblad twee.");
		assertThat(refused.getElementById("summary-error")).isNull();
		assertThat(mailsAbout(running.id())).as("not sent").isZero();
		assertThat(page(path, running.coach()).getElementById("summary").text()).isEqualTo("Opzet uit tabblad een.");

		String english = Jsoup.parse(mvc.perform(post(path + "/closing").param("lang", "en").with(csrf())
			.with(fixtures.as(running.coach())).param("summaryBase", base).param("summary", "Draft from tab two."))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString())
			.getElementById("closing-problem").text();
		assertThat(english).contains("in another tab", "Opzet uit tabblad een.");

		String newest = refused.select(".bw-closing form input[name=summaryBase]").val();
		mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summaryBase", newest).param("summary", "Opzet uit tabblad twee.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
	}

	@Test
	void aChangeBeforeTheReactionIsMailedAndRecordedAfterItTheSummaryStands() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String path = "/coach/trajectories/" + running.id();
		send(running, "Lesgeven geeft je energie. Volgende stap: een meeloopdag.");
		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.text(m).contains("samenvatting van jullie traject"));

		mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie. Volgende stap: twee meeloopdagen.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent.change"));
		MimeMessage changed = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("heeft de samenvatting van jullie traject gewijzigd"));
		assertThat(Mailboxes.text(changed)).doesNotContain("meeloopdag");
		assertThat(mailsAbout(running.id())).isEqualTo(2);
		assertThat(page("/participant", running.participant()).text()).contains("twee meeloopdagen", "Gewijzigd op ");
		assertThat(page("/participant/report/" + running.id(), running.participant()).text()).contains("Gewijzigd op ");
		assertThat(page("/participant/report/" + running.id() + "?lang=en", running.participant()).text()).contains("Changed on ");
		assertThat(page("/participant?lang=en", running.participant()).text()).contains("Changed on ");
		assertThat(page(path, running.coach()).getElementById("closing-state").text()).contains("gewijzigd op ");

		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Twee meeloopdagen, prima."))
			.andExpect(flash().attribute("reactionSaved", running.id()));

		Document coach = page(path, running.coach());
		assertThat(coach.select(".bw-closing form")).as("reacted: the summary stands").isEmpty();
		assertThat(coach.getElementById("closing-state").text()).contains("heeft gereageerd", "staat de samenvatting vast");
		assertThat(page(path + "?lang=en", running.coach()).getElementById("closing-state").text()).contains("has reacted");
		MockHttpServletResponse refused = mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie. Volgende stap: drie meeloopdagen.").param("send", "true"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("closingProblem", "closing.error.reacted"))
			.andReturn().getResponse();
		Document refusedPage = Jsoup.parse(refused.getContentAsString());
		assertThat(refusedPage.getElementById("closing-problem").select("h3").text()).isEqualTo("Deze wijziging kan nu niet");
		assertThat(refusedPage.getElementById("closing-problem").text()).contains("drie meeloopdagen");
		assertThat(page("/participant", running.participant()).text()).contains("twee meeloopdagen").doesNotContain("drie");
		assertThat(mailsAbout(running.id())).isEqualTo(2);
	}

	@Test
	void aReactionWrittenAgainstWordsChangedSinceIsNotKept() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String path = "/coach/trajectories/" + running.id();
		String id = running.id().toString();
		send(running, "Lesgeven geeft je energie. Volgende stap: een meeloopdag.");
		Document shown = page("/participant", running.participant());
		String reactionBase = shown.select("form[action=/participant/closing] input[name=reactionBase]").val();
		String summaryBase = shown.select("form[action=/participant/closing] input[name=summaryBase]").val();
		assertThat(summaryBase).isNotEmpty();

		mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie. Volgende stap: twee meeloopdagen.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent.change"));

		MockHttpServletResponse clash = mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", id).param("reactionBase", reactionBase).param("summaryBase", summaryBase)
			.param("reaction", "Een meeloopdag, prima."))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.summaryChanged"))
			.andReturn().getResponse();
		Document refused = Jsoup.parse(clash.getContentAsString());
		assertThat(refused.getElementById("reaction-problem-" + id).text()).contains("gewijzigd");
		assertThat(refused.text()).contains("twee meeloopdagen");
		assertThat(refused.getElementById("reaction-" + id).text()).isEqualTo("Een meeloopdag, prima.");
		assertThat(refused.getElementById("reaction-" + id + "-error")).as("nothing typed is wrong").isNull();
		assertThat(page(path, running.coach()).select(".bw-closing form")).as("no reaction: still to change").isNotEmpty();

		String newest = refused.select("form[action=/participant/closing] input[name=summaryBase]").val();
		assertThat(newest).isNotEqualTo(summaryBase).isNotEmpty();
		String english = Jsoup.parse(mvc.perform(post("/participant/closing").param("lang", "en").with(csrf())
			.with(fixtures.as(running.participant())).param("trajectory", id).param("summaryBase", summaryBase).param("reaction", "Old"))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString())
			.getElementById("reaction-problem-" + id).text();
		assertThat(english).contains("changed");
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", id).param("reactionBase", reactionBase).param("summaryBase", newest)
			.param("reaction", "Twee meeloopdagen, prima."))
			.andExpect(flash().attribute("reactionSaved", running.id()));
	}

	/**
	 * A tab opened before the participant reacted: what it posts is refused as reacted to, not measured against a field
	 * that is no longer on the page, and a draft is not told to be sent as a change that would be refused too.
	 */
	@Test
	void afterTheReactionAStaleTabIsToldTheSummaryStands() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String path = "/coach/trajectories/" + running.id();
		send(running, "Lesgeven geeft je energie.");
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Dank je."))
			.andExpect(flash().attribute("reactionSaved", running.id()));

		for (String typed : new String[] { "", "Lesgeven geeft [naam] energie." }) {
			Document refused = Jsoup.parse(mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
				.param("summary", typed).param("send", "true"))
				.andExpect(status().isConflict())
				.andExpect(model().attribute("closingProblem", "closing.error.reacted"))
				.andReturn().getResponse().getContentAsString());
			assertThat(refused.getElementById("summary-error")).as("no field to point to").isNull();
		}
		mvc.perform(post(path + "/closing").with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Een opzet na de reactie."))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("closingProblem", "closing.error.reacted"));
		Document english = Jsoup.parse(mvc.perform(post(path + "/closing").param("lang", "en").with(csrf())
			.with(fixtures.as(running.coach())).param("summary", "A draft after the reaction."))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString());
		assertThat(english.getElementById("closing-problem").text()).contains("has reacted to this summary");
		assertThat(closings.asWritten(running.id()).orElseThrow().summary()).isEqualTo("Lesgeven geeft je energie.");
	}

	/** The desk itself, past the page's check: a draft after the reaction is REACTED, not SENT_ALREADY. */
	@Test
	void aDraftAfterTheReactionIsRefusedAsReactedTo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		send(running, "Lesgeven geeft je energie.");
		var trajectory = trajectories.byId(running.id()).orElseThrow();
		assertThat(desk.react(trajectory, running.participant().id(), "Dank je.")).isEqualTo(ClosingDesk.Reacted.KEPT);
		assertThat(desk.write(trajectory, running.coach().id(), "Een opzet.", false)).isEqualTo(ClosingDesk.Written.REACTED);
	}

	/** The change's mail opens a sentence with the coach's name: „van Dijk” begins it with a capital (decision 0143). */
	@Test
	void theChangesMailBeginsItsSentenceWithACapitalForAVanCoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update account set display_name = 'van Dijk' where id = :id").param("id", running.coach().id()).update();
		send(running, "Lesgeven geeft je energie.");
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven en schrijven geven je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent.change"));
		MimeMessage changed = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("heeft de samenvatting van jullie traject gewijzigd"));
		assertThat(Mailboxes.text(changed)).contains("Van Dijk heeft de samenvatting van jullie traject gewijzigd")
			.doesNotContain("van Dijk heeft");
		MimeMessage firstMail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("een samenvatting van jullie traject geschreven"));
		assertThat(Mailboxes.text(firstMail)).as("inside a sentence, as written").contains("heeft van Dijk een samenvatting");
	}

	private void send(Fixtures.RunningTrajectory running, String summary) throws Exception {
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", summary).param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
	}

	private long mailsAbout(java.util.UUID trajectory) {
		return jdbc.sql("select count(*) from outbound_mail m join outbound_mail_about a on a.mail_id = m.id where a.about_id = :t and m.subject like 'Je e-coaching met %' and m.written_by is null")
			.param("t", trajectory)
			.query(Long.class)
			.single();
	}

	private Document page(String path, nl.briefwissel.account.Account who) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(fixtures.as(who))).andReturn().getResponse().getContentAsString());
	}
}

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
 * Saving the closing summary keeps a draft the participant neither sees nor hears of; sending it is a
 * button of its own, after which the page says it was sent (decision 0086). Before, saving mailed the
 * participant and showed them the text while the page only said "saved".
 */
@BriefwisselTest
class ClosingDraftTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	nl.briefwissel.audit.AuditTrail trail;

	/** The reads of the trajectory recorded for a route: a refused summary or reaction shows content (decision 0139). */
	private long reads(java.util.UUID trajectory, String route) {
		return trail.ofTrajectory(trajectory).stream()
			.filter(entry -> entry.action() == nl.briefwissel.audit.AuditAction.READ && entry.route().equals(route))
			.count();
	}

	@Test
	void aSavedSummaryIsADraftUntilTheCoachSendsIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String participant = running.participant().displayName();

		MockHttpServletResponse saved = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf())
			.with(fixtures.as(running.coach())).param("summary", "Eerste opzet: lesgeven geeft je energie."))
			.andExpect(flash().attribute("closingDone", "closing.saved"))
			.andReturn().getResponse();
		String route = "POST /coach/trajectories/{id}/closing";
		assertThat(reads(running.id(), route)).as("kept, a redirect: no page shown, nothing read").isZero();
		Document coachPage = page("/coach/trajectories/" + running.id(), running.coach(), saved);
		assertThat(coachPage.getElementById("closing-done").text()).contains("Het concept is opgeslagen.", participant + " ziet het nog niet");
		assertThat(coachPage.getElementById("summary").text()).isEqualTo("Eerste opzet: lesgeven geeft je energie.");
		assertThat(coachPage.getElementById("closing-state").text()).startsWith("Concept: " + participant + " ziet deze samenvatting nog niet");
		assertThat(coachPage.select(".bw-closing form button").eachText())
			.containsExactly("Concept opslaan", "Samenvatting versturen");

		// Not mailed, not shown, not in their record, nothing to react to.
		assertThat(mailsAbout(running.id())).isZero();
		assertThat(page("/participant", running.participant(), null).text()).doesNotContain("Eerste opzet", "schreef een samenvatting");
		assertThat(page("/participant/report/" + running.id(), running.participant(), null).text()).doesNotContain("Eerste opzet");
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Te vroeg"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.noSummary"));
		assertThat(reads(running.id(), "POST /participant/closing")).as("the refusal shows their page: a read").isOne();

		MockHttpServletResponse sent = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf())
			.with(fixtures.as(running.coach())).param("summary", "Lesgeven geeft je energie. Volgende stap: een meeloopdag.")
			.param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"))
			.andReturn().getResponse();
		assertThat(reads(running.id(), route)).isZero();
		coachPage = page("/coach/trajectories/" + running.id(), running.coach(), sent);
		assertThat(coachPage.getElementById("closing-done").text())
			.isEqualTo("De samenvatting is verstuurd: " + participant + " krijgt een mail en leest de samenvatting bij Mijn traject.");
		assertThat(coachPage.getElementById("closing-state").text()).startsWith("Verstuurd op ");
		// Once sent, a change is sent too: no draft that would in fact be read.
		assertThat(coachPage.select(".bw-closing form button").eachText()).containsExactly("Wijziging versturen");
		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.text(m).contains("samenvatting van jullie traject"));
		assertThat(Mailboxes.text(notice)).doesNotContain("meeloopdag");
		assertThat(page("/participant", running.participant(), null).text()).contains("Volgende stap: een meeloopdag.")
			.doesNotContain("Eerste opzet");

		// A draft from a tab opened before it was sent would change what they read: refused, the text kept.
		// The state is in the way, not the text: the page again, 409 (decision 0139), the text in its field to send.
		MockHttpServletResponse refused = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf())
			.with(fixtures.as(running.coach())).param("summary", "Oude opzet uit een ander tabblad."))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("closingProblem", "closing.error.sentAlready"))
			.andReturn().getResponse();
		Document refusedPage = Jsoup.parse(refused.getContentAsString());
		assertThat(refusedPage.getElementById("summary").text()).isEqualTo("Oude opzet uit een ander tabblad.");
		assertThat(refusedPage.getElementById("closing-problem").select("h3").text()).isEqualTo("Deze wijziging kan nu niet");
		assertThat(refusedPage.getElementById("closing-problem").text()).contains("al verstuurd");
		assertThat(refusedPage.getElementById("summary-error")).as("nothing typed is wrong").isNull();
		assertThat(reads(running.id(), route)).as("the refusal shows the conversation: a read (decision 0139)").isOne();
		assertThat(page("/participant", running.participant(), null).text()).contains("Volgende stap: een meeloopdag.")
			.doesNotContain("Oude opzet");

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie. Volgende stap: twee meeloopdagen.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent.change"));
		assertThat(page("/participant", running.participant(), null).text()).contains("twee meeloopdagen");
		// A change is mailed too, before the participant reacted (decision 0146): the notice and one about the change.
		assertThat(mailsAbout(running.id())).as("the notice and the change's").isEqualTo(2);
	}

	/**
	 * A change sent with the words the participant reads already, a line end around them more or less (the summary is
	 * stored stripped), is refused at the field in both languages: nothing mailed, nothing stored, the words kept. It
	 * mailed the participant that the summary changed while it had not (decision 0146, amended).
	 */
	@Test
	void anUnchangedChangeIsRefusedAndNotMailed() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.\nVolgende stap: een meeloopdag.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		String revision = jdbc.sql("select summary_revision::text from closing where trajectory_id = :t")
			.param("t", running.id()).query(String.class).single();

		for (String[] language : new String[][] {
				{ "nl", "Je hebt niets gewijzigd: dit is de samenvatting die de deelnemer al leest." },
				{ "en", "You have not changed anything: this is the summary the participant reads already." } }) {
			MockHttpServletResponse refused = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("lang", language[0])
				.with(csrf()).with(fixtures.as(running.coach())).param("send", "true").param("summaryBase", revision)
				.param("summary", "Lesgeven geeft je energie.\r\nVolgende stap: een meeloopdag.\r\n\r\n"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(model().attribute("closingProblem", "closing.error.unchanged"))
				.andReturn().getResponse();
			Document page = Jsoup.parse(refused.getContentAsString());
			assertThat(page.getElementById("summary-error").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.getElementById("closing-problem").select("li a").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.getElementById("summary").text()).contains("Volgende stap: een meeloopdag.");
		}
		assertThat(mailsAbout(running.id())).as("the notice only").isOne();
		assertThat(jdbc.sql("select summary_revision::text from closing where trajectory_id = :t").param("t", running.id())
			.query(String.class).single()).as("nothing stored").isEqualTo(revision);
		assertThat(jdbc.sql("select summary_changed_at is null from closing where trajectory_id = :t").param("t", running.id())
			.query(Boolean.class).single()).as("not said to be changed").isTrue();

		// A change that is one is still sent.
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.\nVolgende stap: twee meeloopdagen.").param("send", "true")
			.param("summaryBase", revision))
			.andExpect(flash().attribute("closingDone", "closing.sent.change"));
		assertThat(mailsAbout(running.id())).isEqualTo(2);
	}

	/**
	 * A sent summary's field emptied to write it anew, and sent: asked for, as an empty note is. It said
	 * "Schrijf een samenvatting van hoogstens 20.000 tekens", about a length nobody had come near.
	 */
	@Test
	void anEmptiedSummaryIsAskedForNotMeasured() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));

		for (String[] language : new String[][] { { "nl", "Schrijf eerst je samenvatting." }, { "en", "Write your summary first." } }) {
			MockHttpServletResponse emptied = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("lang", language[0])
				.with(csrf()).with(fixtures.as(running.coach())).param("summary", "  \n ").param("send", "true"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(model().attribute("closingProblem", "closing.error.summary.empty"))
				.andReturn().getResponse();
			Document page = Jsoup.parse(emptied.getContentAsString());
			assertThat(page.getElementById("summary-error").text()).as(language[0]).isEqualTo(language[1]);
			assertThat(page.getElementById("closing-problem").select("li").text()).as(language[0]).isEqualTo(language[1]);
		}
		assertThat(page("/participant", running.participant(), null).text()).contains("Lesgeven geeft je energie.");
	}

	/**
	 * Nothing fills in a placeholder in a summary: one left from a template reached the participant as
	 * Beste {naam} (decision 0066 checks letters, not the summary). Sending refuses it, naming every one,
	 * in the coach's language, with the text kept; so does sending a change. A draft may hold one: it is the
	 * coach's own reminder, and it reaches nobody.
	 */
	@Test
	void aSummaryWithPlaceholdersIsNotSentNorIsAChangeWithThem() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String withPlaceholders = "Beste {naam}, je ontdekte dat lesgeven je energie geeft. Volgende stap: {volgende_stap}.";
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", withPlaceholders))
			.andExpect(flash().attribute("closingDone", "closing.saved"));

		for (String[] language : new String[][] {
				{ "nl", "Je samenvatting bevat nog {naam}, {volgende_stap}: die vult Briefwissel niet in" },
				{ "en", "Your summary still has {naam}, {volgende_stap}: Briefwissel does not fill those in" } }) {
			MockHttpServletResponse refused = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).param("lang", language[0])
				.with(csrf()).with(fixtures.as(running.coach())).param("summary", withPlaceholders).param("send", "true"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(model().attribute("closingProblem", "closing.error.placeholder"))
				.andReturn().getResponse();
			Document page = Jsoup.parse(refused.getContentAsString());
			assertThat(page.getElementById("summary-error").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.getElementById("closing-problem").select("li a").text()).as(language[0]).startsWith(language[1]);
			assertThat(page.getElementById("summary").text()).isEqualTo(withPlaceholders);
		}
		assertThat(mailsAbout(running.id())).isZero();
		assertThat(page("/participant", running.participant(), null).text()).doesNotContain("{naam}", "lesgeven");

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Beste Sam, je ontdekte dat lesgeven je energie geeft.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Beste Sam, [Vul hier de volgende stap in] en {volgende_stap}.").param("send", "true"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("closingProblem", "closing.error.placeholder"));
		assertThat(page("/participant", running.participant(), null).text()).contains("Beste Sam, je ontdekte")
			.doesNotContain("{volgende_stap}");
	}

	/**
	 * A change to a sent summary is read at once and mailed about, and it stands once the participant reacts
	 * (decision 0146; decision 0086 sent no mail). The form says so before the coach sends one, in both languages.
	 */
	@Test
	void theFormSaysAChangeIsMailedBeforeItIsSent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String name = running.participant().displayName();
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		assertThat(page("/coach/trajectories/" + running.id(), running.coach(), null).getElementById("closing-state").text())
			.contains("die krijgt er een mail over", "Zodra de deelnemer reageert, staat de samenvatting vast.")
			// The name once, then "de deelnemer": a walk found it four times in three sentences.
			.satisfies(text -> assertThat(text.split(java.util.regex.Pattern.quote(name), -1)).hasSize(2));
		assertThat(page("/coach/trajectories/" + running.id() + "?lang=en", running.coach(), null).getElementById("closing-state").text())
			.contains("they get an e-mail about it", "Once the participant reacts, the summary stands.")
			.satisfies(text -> assertThat(text.split(java.util.regex.Pattern.quote(name), -1)).hasSize(2));
	}

	/**
	 * After the end there is no form and nothing can be sent: the sent summary's state said how a change reaches
	 * the participant and to write a letter about it, both closed. It says the summary stands; the course page says
	 * the conversation can still be read there.
	 */
	@Test
	void afterTheEndTheSentSummarySaysItStandsNotHowAChangeReachesTheParticipant() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("reason", "QUESTION_ANSWERED").param("confirmed", "true"));

		Document nl = page("/coach/trajectories/" + running.id(), running.coach(), null);
		assertThat(nl.select(".bw-closing form")).as("completed").isEmpty();
		assertThat(nl.getElementById("closing-state").text()).startsWith("Verstuurd op ")
			.contains("Het traject is afgelopen: de samenvatting staat vast en schrijven kan niet meer.")
			.doesNotContain("Een wijziging die je verstuurt", "schrijf het dan in een brief");
		assertThat(page("/coach/trajectories/" + running.id() + "?lang=en", running.coach(), null).getElementById("closing-state").text())
			.contains("The trajectory has ended: the summary stays as it is")
			.doesNotContain("A change you send");
		assertThat(page("/coach/trajectories/" + running.id() + "/course", running.coach(), null).text())
			.contains("Dit traject is afgerond en gaat niet meer open", "Het gesprek blijft te lezen op de gesprekspagina.");
	}

	@Test
	void theButtonsSayWhatTheyDoInEnglish() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String text = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "en")
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString()).select(".bw-closing").text();
		assertThat(text).contains("A draft you save is seen by you only.", "Save draft", "Send summary");
	}

	@Test
	void theCompleteFormSaysTheSummaryIsStillADraftUntilItIsSent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String course = "/coach/trajectories/" + running.id() + "/course";
		assertThat(page(course, running.coach(), null).getElementById("complete-summary-draft")).as("no summary yet").isNull();

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Eerste opzet: lesgeven geeft je energie."))
			.andExpect(flash().attribute("closingDone", "closing.saved"));
		var warning = page(course, running.coach(), null).getElementById("complete-summary-draft");
		assertThat(warning).isNotNull();
		assertThat(warning.text()).contains("nog een concept", running.participant().displayName() + " heeft de samenvatting niet gekregen");
		assertThat(warning.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#closing");
		// Completing is not refused: the form is still there.
		assertThat(page(course, running.coach(), null).select("form[action$=/complete]")).isNotEmpty();
		var english = Jsoup.parse(mvc.perform(get(course).param("lang", "en").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString()).getElementById("complete-summary-draft");
		assertThat(english.text()).contains("still a draft", "Send the summary first");

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		assertThat(page(course, running.coach(), null).getElementById("complete-summary-draft")).as("sent").isNull();
	}

	/**
	 * The complete form leads to a confirmation, and there the coach decides: the draft is said there
	 * too, in both languages; the confirmation still completes. Before, only the form said it.
	 */
	@Test
	void theConfirmationSaysTheSummaryIsStillADraftToo() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Eerste opzet: lesgeven geeft je energie."))
			.andExpect(flash().attribute("closingDone", "closing.saved"));

		Document confirm = confirmation(running, "nl");
		assertThat(confirm.select("button[name=confirmed]").text()).isEqualTo("Ja, afronden");
		var warning = confirm.getElementById("complete-summary-draft");
		assertThat(warning).as("on the confirmation").isNotNull();
		assertThat(warning.text()).contains("nog een concept", running.participant().displayName() + " heeft de samenvatting niet gekregen");
		assertThat(warning.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#closing");
		assertThat(confirmation(running, "en").getElementById("complete-summary-draft").text())
			.contains("still a draft", "Send the summary first");

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		assertThat(confirmation(running, "nl").getElementById("complete-summary-draft")).as("sent").isNull();
	}

	/**
	 * Stopping ends the trajectory as completing does: a draft summary is not sent by it and can no longer
	 * be sent after, and stays out of the participant's record (decision 0086). The stop form and its
	 * confirmation say so in both languages; stopping is not refused. Before, neither said anything.
	 */
	@Test
	void theStopFormAndItsConfirmationSayTheSummaryIsStillADraft() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String course = "/coach/trajectories/" + running.id() + "/course";
		String name = running.participant().displayName();
		assertThat(page(course, running.coach(), null).getElementById("stop-summary-draft")).as("no summary yet").isNull();
		assertThat(stopConfirmation(running, "nl").getElementById("stop-summary-draft")).as("no summary yet").isNull();

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Eerste opzet: lesgeven geeft je energie."))
			.andExpect(flash().attribute("closingDone", "closing.saved"));
		var onForm = page(course, running.coach(), null).getElementById("stop-summary-draft");
		assertThat(onForm).as("on the stop form").isNotNull();
		assertThat(onForm.text()).contains("nog een concept", name + " heeft de samenvatting niet gekregen", "Stop je nu",
				"niet in het verslag", "daarna niet meer versturen");
		assertThat(onForm.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#closing");

		Document confirm = stopConfirmation(running, "nl");
		var warning = confirm.getElementById("stop-summary-draft");
		assertThat(warning).as("on the confirmation").isNotNull();
		assertThat(warning.text()).contains("nog een concept", "Stop je nu").doesNotContain("Rond je nu af");
		assertThat(warning.select("a").attr("href")).isEqualTo("/coach/trajectories/" + running.id() + "#closing");
		assertThat(confirm.select("button[name=confirmed]").text()).as("a warning, not a refusal").isEqualTo("Ja, stoppen");
		assertThat(stopConfirmation(running, "en").getElementById("stop-summary-draft").text())
			.contains("still a draft", "If you stop now", "Send the summary first");

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		assertThat(page(course, running.coach(), null).getElementById("stop-summary-draft")).as("sent").isNull();
		assertThat(stopConfirmation(running, "nl").getElementById("stop-summary-draft")).as("sent").isNull();
	}

	/**
	 * Words given back after a refusal are marked with their own language, as saved ones are (decision 0097, amended):
	 * an English summary refused on a Dutch page beside a Dutch draft, an English reaction and English goals too long,
	 * each stands in its field as English; a screen reader read them with Dutch sounds (WCAG 3.1.2).
	 */
	@Test
	void wordsGivenBackAfterARefusalCarryTheirOwnLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Eerste opzet: je ontdekte dat lesgeven je energie geeft, en dat is wat je zocht."))
			.andExpect(flash().attribute("closingDone", "closing.saved"));
		MockHttpServletResponse refused = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf())
			.with(fixtures.as(running.coach())).param("send", "true")
			.param("summary", "Dear {name}, you found out that teaching gives you energy, and that is what you were looking for."))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("closingProblem", "closing.error.placeholder"))
			.andReturn().getResponse();
		Document coachPage = Jsoup.parse(refused.getContentAsString());
		assertThat(coachPage.getElementById("summary").text()).startsWith("Dear {name}");
		assertThat(coachPage.getElementById("summary").attr("lang")).isEqualTo("en");

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Je ontdekte dat lesgeven je energie geeft, en dat is wat je zocht.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		String english = "Thank you, I am looking forward to it and that is what I was going to do. ";
		MockHttpServletResponse tooLong = mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", english.repeat(120)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("reactionProblem", "closing.error.reaction"))
			.andReturn().getResponse();
		Document participantPage = Jsoup.parse(tooLong.getContentAsString());
		assertThat(participantPage.getElementById("reaction-" + running.id()).attr("lang")).isEqualTo("en");

		MockHttpServletResponse goals = mvc.perform(post("/participant/goals").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("goals", english.repeat(60)))
			.andExpect(flash().attribute("goalsProblem", running.id()))
			.andReturn().getResponse();
		participantPage = page("/participant?lang=nl", running.participant(), goals);
		assertThat(participantPage.getElementById("goals-" + running.id()).attr("lang")).isEqualTo("en");
	}

	private Document stopConfirmation(Fixtures.RunningTrajectory running, String language) throws Exception {
		return Jsoup.parse(mvc.perform(post("/coach/trajectories/{id}/stop", running.id()).param("lang", language).with(csrf())
			.with(fixtures.as(running.coach())).param("reason", "PERSONAL_CIRCUMSTANCES"))
			.andReturn().getResponse().getContentAsString());
	}

	private Document confirmation(Fixtures.RunningTrajectory running, String language) throws Exception {
		return Jsoup.parse(mvc.perform(post("/coach/trajectories/{id}/complete", running.id()).param("lang", language).with(csrf())
			.with(fixtures.as(running.coach())).param("reason", "QUESTION_ANSWERED"))
			.andReturn().getResponse().getContentAsString());
	}

	/** The closing notices: in the conversation's thread, under its letters' subject, but written by no coach (decision 0097). */
	private long mailsAbout(java.util.UUID trajectory) {
		return jdbc.sql("select count(*) from outbound_mail m join outbound_mail_about a on a.mail_id = m.id where a.about_id = :t and m.subject like 'Je e-coaching met %' and m.written_by is null")
			.param("t", trajectory)
			.query(Long.class)
			.single();
	}

	private Document page(String path, nl.briefwissel.account.Account who, MockHttpServletResponse after) throws Exception {
		var request = get(path).with(fixtures.as(who));
		if (after != null) {
			request = request.cookie(after.getCookies());
		}
		return Jsoup.parse(mvc.perform(request).andReturn().getResponse().getContentAsString());
	}
}

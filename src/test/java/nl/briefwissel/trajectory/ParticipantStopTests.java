package nl.briefwissel.trajectory;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A participant stops their own trajectory on the web (decision 0141): a page says what happens first, a reason is
 * theirs to give or not, and only its button stops anything. Their coach is told by mail in the coach's language and
 * reads on the trajectory's page that the participant stopped it, with the reason; a programme manager never reads the
 * reason. A double click stops once; one ended otherwise is said so, 409; nobody else may do it.
 */
@BriefwisselTest
class ParticipantStopTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Accounts accounts;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theParticipantReadsWhatHappensAndStopsTheirTrajectoryWithAReason() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String stopPage = "/participant/trajectories/" + running.id() + "/stop";

		Document start = page(get("/participant").param("lang", "nl").with(fixtures.as(running.participant())));
		assertThat(start.select("a[href=" + stopPage + "]").text()).isEqualTo("Mijn traject stoppen");

		Document ask = page(get(stopPage).param("lang", "nl").with(fixtures.as(running.participant())));
		String keptUntil = Today.date().plusMonths(24).format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH));
		assertThat(ask.text()).contains("Je traject stoppen", "geen brieven, contactmomenten en herinneringen meer",
				"teruglezen en als PDF downloaden tot " + keptUntil, running.coach().displayName() + " krijgt bericht",
				"De programmamanager ziet alleen dat je traject is gestopt, niet je reden", "Hoogstens 2.000 tekens");
		assertThat(ask.select("textarea#stop-why").attr("maxlength")).isEqualTo("2000");
		assertThat(ask.select("form[action=" + stopPage + "] button[type=submit]").text()).isEqualTo("Ja, stop mijn traject");
		assertThat(statusOf(running.id())).as("asking stops nothing").isEqualTo(TrajectoryStatus.RUNNING);

		MvcResult stopped = mvc.perform(post(stopPage).param("why", "Ik heb een nieuwe baan bij de bibliotheek gevonden.").with(csrf())
			.with(fixtures.as(running.participant())))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/participant#stopped-" + running.id()))
			.andExpect(flash().attribute("participantStopped", running.id()))
			.andReturn();

		assertThat(statusOf(running.id())).isEqualTo(TrajectoryStatus.STOPPED);
		// Who stopped it and why: the participant, by the code the figures count.
		var stop = jdbc.sql("select by_account, reason_code from trajectory_transition where trajectory_id = :id and to_status = 'STOPPED'")
			.param("id", running.id()).query((rs, n) -> List.of(rs.getString("by_account"), rs.getString("reason_code"))).single();
		assertThat(stop).containsExactly(running.participant().id().toString(), "PARTICIPANT_STOPPED");
		assertThat(trajectories.stoppedByParticipant(running.id())).hasValueSatisfying(
				change -> assertThat(change.why()).isEqualTo("Ik heb een nieuwe baan bij de bibliotheek gevonden."));
		// A coach's stop asks for no evaluation, and neither does theirs.
		assertThat(jdbc.sql("select count(*) from evaluation_request where trajectory_id = :id").param("id", running.id())
			.query(Integer.class).single()).isZero();

		// The page the redirect opens, with what the redirect carried.
		Document after = page(get("/participant").param("lang", "nl").cookie(stopped.getResponse().getCookies())
			.with(fixtures.as(running.participant())));
		assertThat(after.select("#stopped-" + running.id()).text()).contains("Je traject is gestopt");
		// Read first: at the card's top, under its name, and focused where the page opens (a walk found it at the card's
		// end, under the paragraph with the link, saying the conversation could be re-read "hieronder").
		var said = after.getElementById("stopped-" + running.id());
		assertThat(said.hasAttr("autofocus")).isTrue();
		assertThat(said.previousElementSibling().tagName()).isEqualTo("h2");
		assertThat(said.text()).doesNotContain("hieronder");
		assertThat(after.select("a[href=" + stopPage + "]")).as("no way to stop it twice").isEmpty();
		MimeMessage receipt = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).contains("Je hebt je traject"));
		assertThat(Mailboxes.text(receipt)).contains("vandaag gestopt", keptUntil).doesNotContain("bibliotheek");
	}

	/** Longer than is kept: refused at its field, 422, as typed, and nothing stopped. In English too. */
	@Test
	void aReasonTooLongIsRefusedAtItsFieldAndStopsNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String tooLong = "x".repeat(TrajectoryLifecycle.MAX_WHY + 1);
		MvcResult refused = mvc.perform(post("/participant/trajectories/" + running.id() + "/stop").param("why", tooLong)
			.param("lang", "en").with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is(422))
			.andReturn();
		Document page = Jsoup.parse(refused.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.select("#stop-why-error").text()).isEqualTo("Your reason is too long: 2,000 characters at most. Please shorten it; "
				+ "nothing has been stopped yet.");
		assertThat(page.select("textarea#stop-why").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("textarea#stop-why").text()).isEqualTo(tooLong);
		assertThat(statusOf(running.id())).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(TrajectoryLifecycle.MAX_WHY).isEqualTo(2000);
	}

	/**
	 * The refused page gives the focus to its error summary, as the other forms do (decision 0061): it stayed on the
	 * body, so a screen reader began at the top and was not led to what went wrong. Its line links to the field.
	 */
	@Test
	void aReasonTooLongPutsTheFocusOnTheErrorSummary() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MvcResult refused = mvc.perform(post("/participant/trajectories/" + running.id() + "/stop")
			.param("why", "x".repeat(TrajectoryLifecycle.MAX_WHY + 1)).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is(422))
			.andReturn();
		Document page = Jsoup.parse(refused.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.select("[autofocus]")).singleElement().satisfies(summary -> {
			assertThat(summary.id()).isEqualTo("stop-errors");
			assertThat(summary.attr("tabindex")).isEqualTo("-1");
			assertThat(summary.attr("role")).isEqualTo("alert");
			assertThat(summary.select("a[href=#stop-why]")).hasSize(1);
		});
	}

	/** The second click finds it stopped by them: said calmly, stopped once, the coach told once. */
	@Test
	void aDoubleClickStopsOnceAndSaysItIsStoppedAlready() throws Exception {
		var running = fixtures.runningTrajectory(true);
		MvcResult click = null;
		for (String expected : List.of("participantStopped", "participantStoppedAlready")) {
			click = mvc.perform(post("/participant/trajectories/" + running.id() + "/stop").with(csrf())
				.with(fixtures.as(running.participant())))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/participant#stopped-" + running.id()))
				.andExpect(flash().attribute(expected, running.id()))
				.andReturn();
		}
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :id and to_status = 'STOPPED'")
			.param("id", running.id()).query(Integer.class).single()).isEqualTo(1);
		// The page the second click's redirect opens, with what it carried.
		Document after = page(get("/participant").param("lang", "nl").cookie(click.getResponse().getCookies())
			.with(fixtures.as(running.participant())));
		assertThat(after.select("#stopped-" + running.id()).text()).contains("Je traject was al gestopt");
		Mailboxes.awaitMail(mailServer, running.coach().email(), m -> Mailboxes.subject(m).contains("Deelnemer is gestopt"));
		assertThat(subjectsTo(running.coach().email())).filteredOn(s -> s.contains("Deelnemer is gestopt")).hasSize(1);
		// On the trail as a coach's stop is (decision 0140): the stop, then the second press as already; no words.
		List<String> trail = jdbc.sql("""
				select details from audit_entry where trajectory_id = :id and route = 'POST /participant/trajectories/{id}/stop'
				order by at""").param("id", running.id()).query(String.class).list();
		assertThat(trail).hasSize(2);
		assertThat(trail.get(0)).doesNotContain("outcome");
		assertThat(trail.get(1)).contains("outcome=already");
	}

	/** Stopped by the coach, or completed: a page that says so, 409, asked or sent, and nothing changes. */
	@Test
	void aTrajectoryEndedOtherwiseIsSaidEndedWithAConflict() throws Exception {
		var stopped = fixtures.runningTrajectory(true);
		lifecycle.stop(stopped.id(), stopped.coach().id(), Reason.NO_RESPONSE, null);
		String day = Today.date().format(DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH));
		for (boolean sent : new boolean[] { false, true }) {
			var request = sent ? post("/participant/trajectories/" + stopped.id() + "/stop").param("why", "Toch").with(csrf())
					: get("/participant/trajectories/" + stopped.id() + "/stop");
			String page = mvc.perform(request.param("lang", "nl").with(fixtures.as(stopped.participant())))
				.andExpect(status().isConflict())
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(Jsoup.parse(page).text()).contains("Dit traject loopt niet meer", "Je traject is op " + day + " al gestopt");
			// Sent and refused (409): the title says so first. Reached by a link, nothing was sent that could be refused:
			// the page's own title (decision 0139, amended).
			assertThat(Jsoup.parse(page).title()).startsWith(sent ? "Fout: Dit traject loopt niet meer" : "Dit traject loopt niet meer");
		}
		// A reason too long, sent after the coach's stop: the state is said, not the length (nothing would be stopped).
		mvc.perform(post("/participant/trajectories/" + stopped.id() + "/stop").param("why", "x".repeat(TrajectoryLifecycle.MAX_WHY + 1))
			.with(csrf()).with(fixtures.as(stopped.participant()))).andExpect(status().isConflict());
		assertThat(trajectories.stoppedByParticipant(stopped.id())).as("still the coach's stop").isEmpty();
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :id and to_status = 'STOPPED'")
			.param("id", stopped.id()).query(Integer.class).single()).isEqualTo(1);

		var completed = fixtures.anotherFor(stopped, Today.date().minusWeeks(2));
		lifecycle.complete(completed.id(), completed.coach().id(), Reason.QUESTION_ANSWERED, null);
		String page = mvc.perform(post("/participant/trajectories/" + completed.id() + "/stop").param("lang", "en").with(csrf())
			.with(fixtures.as(completed.participant())))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(page).text()).contains("Your trajectory was completed on");
		assertThat(Jsoup.parse(page).title()).startsWith("Error: ");
		assertThat(statusOf(completed.id())).isEqualTo(TrajectoryStatus.COMPLETED);
	}

	/** Another participant's trajectory is not found; a coach, a manager or a form without its token may not stop it. */
	@Test
	void onlyTheTrajectorysOwnParticipantMayStopIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.anotherFor(running, Today.date().minusWeeks(1));
		String stop = "/participant/trajectories/" + running.id() + "/stop";
		// Its own participant is asked (so the refusals below are about whose it is, not a route that is not there).
		mvc.perform(get(stop).with(fixtures.as(running.participant()))).andExpect(status().isOk());
		mvc.perform(get(stop).with(fixtures.as(other.participant()))).andExpect(status().isNotFound());
		mvc.perform(post(stop).with(csrf()).with(fixtures.as(other.participant()))).andExpect(status().isNotFound());
		mvc.perform(post("/participant/trajectories/" + UUID.randomUUID() + "/stop").with(csrf()).with(fixtures.as(other.participant())))
			.andExpect(status().isNotFound());
		mvc.perform(post(stop).with(csrf()).with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
		mvc.perform(post(stop).with(csrf()).with(fixtures.as(fixtures.managerOf(running)))).andExpect(status().isForbidden());
		mvc.perform(post(stop).with(fixtures.as(running.participant()))).andExpect(status().isForbidden());
		assertThat(statusOf(running.id())).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(page(get("/participant").with(fixtures.as(other.participant()))).select("a[href=" + stop + "]")).isEmpty();
	}

	/**
	 * The coach hears of it by mail in their own language, without the reason, and reads on the trajectory's page and its
	 * course page that the participant stopped it, and why. The programme manager's pages count it and never say why.
	 */
	@Test
	void theCoachIsToldAndReadsTheReasonWhileTheProgrammeManagerNeverDoes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		accounts.changeLanguage(running.coach().id(), Locale.ENGLISH);
		String reason = "Mijn mantelzorg kost me nu alle tijd " + UUID.randomUUID().toString().substring(0, 8);
		mvc.perform(post("/participant/trajectories/" + running.id() + "/stop").param("why", reason).with(csrf())
			.with(fixtures.as(running.participant()))).andExpect(status().isFound());

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.coach().email(),
				m -> Mailboxes.subject(m).contains("Participant has stopped"));
		assertThat(Mailboxes.subject(mail)).contains(running.participant().displayName());
		assertThat(Mailboxes.text(mail)).contains("stopped the trajectory", "themselves today", "/coach/trajectories/" + running.id())
			.doesNotContain("mantelzorg");
		assertThat(subjectsTo(running.participant().email())).as("no mail saying the coach stopped it")
			.noneMatch(s -> s.contains("is gestopt"));

		for (String coachPage : List.of("/coach/trajectories/" + running.id(), "/coach/trajectories/" + running.id() + "/course")) {
			Document page = page(get(coachPage).param("lang", "en").with(fixtures.as(running.coach())));
			assertThat(page.select("#participant-stop").text()).as(coachPage)
				.contains(running.participant().displayName() + " stopped the trajectory themselves on", "The reason", reason);
		}

		var manager = fixtures.managerOf(running);
		for (String managerPage : List.of("/programme", "/programme/statistics")) {
			String page = mvc.perform(get(managerPage).param("lang", "nl").with(fixtures.as(manager)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(page).as(managerPage).doesNotContain(reason).doesNotContain("mantelzorg");
		}
		String csv = mvc.perform(get("/programme/statistics.csv").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).doesNotContain("mantelzorg");
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private TrajectoryStatus statusOf(UUID id) {
		return trajectories.byId(id).orElseThrow().status();
	}

	private List<String> subjectsTo(String address) {
		return jdbc.sql("select subject from outbound_mail where recipient = :to order by created_at").param("to", address)
			.query(String.class).list();
	}
}

package nl.briefwissel.trajectory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The coach's decline of a proposal and the manager's handover ask for a reason as the course's changes do
 * (decisions 0064, 0068): none chosen in advance, one the form offers, and 'Anders' only with words, said
 * at the field with what was typed kept; the services hold the same rules.
 */
@BriefwisselTest
class DeclineAndHandoverReasonsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Matching matching;

	@Autowired
	Handovers handovers;

	/** 'Ik heb nu geen ruimte' was chosen before the coach chose anything, and a decline went out with it. */
	@Test
	void theDeclineFormChoosesNoReasonInAdvance() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		Document page = page(get("/coach/proposals/{id}", proposal.trajectoryId()), proposal.coach());
		Element select = page.getElementById("decline-reason");
		assertThat(select.child(0).val()).isEmpty();
		assertThat(select.child(0).text()).isEqualTo("Kies een reden");
		assertThat(select.select("option[selected]")).isEmpty();
		assertThat(page.selectFirst("label[for=decline-why]").text()).contains("nodig bij ‘Anders’");
		// The coach has just read the question: the field says the manager reads it, and what not to write.
		assertThat(page.getElementById("decline-why-help").text()).contains("De programmamanager leest dit", "vraag", "gezondheid");
		assertThat(page.getElementById("decline-why").attr("aria-describedby")).isEqualTo("decline-why-help");
	}

	@Test
	void aDeclineWithoutAReasonIsRefusedAtItsFieldWithTheWordsKept() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		for (String reason : new String[] { "", "MATCHED" }) {
			MvcResult refused = mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
					.with(fixtures.as(proposal.coach())).param("reason", reason).param("why", "Vol tot maart"))
				.andExpect(redirectedUrl("/coach/proposals/" + proposal.trajectoryId()))
				.andReturn();
			Document page = refused(get("/coach/proposals/{id}", proposal.trajectoryId()).cookie(refused.getResponse().getCookies()),
					proposal.coach());
			assertThat(page.title()).as("the form again after its redirect (decision 0139, amended)").startsWith("Fout:");
			Element select = page.getElementById("decline-reason");
			assertThat(page.getElementById("decline-reason-error").text()).as(reason).isEqualTo("Kies een reden uit de lijst.");
			assertThat(select.attr("aria-invalid")).isEqualTo("true");
			assertThat(select.attr("aria-describedby")).isEqualTo("decline-reason-error");
			assertThat(select.hasAttr("autofocus")).isTrue();
			assertThat(select.select("option[selected]")).isEmpty();
			assertThat(page.getElementById("proposal-problem").select("a[href=#decline-reason]").text())
				.isEqualTo("Kies een reden uit de lijst.");
			assertThat(page.getElementById("decline-why").text()).isEqualTo("Vol tot maart");
		}
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
	}

	@Test
	void otherOnADeclineNeedsWordsSaidAtTheExplanationInEitherLanguage() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		MvcResult refused = mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
				.with(fixtures.as(proposal.coach())).param("reason", "OTHER").param("why", "  \r\n "))
			.andExpect(redirectedUrl("/coach/proposals/" + proposal.trajectoryId()))
			.andReturn();
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		Document page = refused(get("/coach/proposals/{id}", proposal.trajectoryId()).cookie(refused.getResponse().getCookies()),
				proposal.coach());
		Element why = page.getElementById("decline-why");
		assertThat(page.getElementById("decline-why-error").text()).isEqualTo("Je koos ‘Anders’: schrijf in de toelichting wat de reden is.");
		assertThat(why.attr("aria-invalid")).isEqualTo("true");
		assertThat(why.attr("aria-describedby")).isEqualTo("decline-why-help decline-why-error");
		assertThat(why.hasAttr("autofocus")).isTrue();
		assertThat(page.getElementById("decline-reason").select("option[selected]").val()).isEqualTo("OTHER");
		assertThat(page.getElementById("decline-reason").hasAttr("aria-invalid")).isFalse();
		assertThat(page.getElementById("proposal-problem").select("a[href=#decline-why]")).hasSize(1);
		MvcResult again = mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
				.with(fixtures.as(proposal.coach())).param("reason", "OTHER"))
			.andExpect(redirectedUrl("/coach/proposals/" + proposal.trajectoryId()))
			.andReturn();
		Document english = refused(get("/coach/proposals/{id}", proposal.trajectoryId()).param("lang", "en")
			.cookie(again.getResponse().getCookies()), proposal.coach());
		assertThat(english.title()).startsWith("Error:");
		assertThat(english.getElementById("decline-why-error").text())
			.isEqualTo("You chose ‘Other’: write in the explanation what the reason is.");

		mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
				.with(fixtures.as(proposal.coach())).param("reason", "OTHER").param("why", "Ik verhuis volgende maand"))
			.andExpect(redirectedUrl("/coach"));
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(matching.history(proposal.trajectoryId()).get(0).declineReason()).isEqualTo("Ik verhuis volgende maand");
	}

	/**
	 * An explanation longer than the 2,000 characters kept was cut without a word: the coach did not know what of it
	 * the programme manager would read. Refused at its field, in either language, as the course's changes are, with
	 * what was typed given back; line breaks count once, as the textarea's maxlength counts them.
	 */
	@Test
	void aDeclineExplanationLongerThanTwoThousandCharactersIsRefusedAtItsFieldWithTheWordsKept() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		String tooLong = "Vol tot maart. ".repeat(134);
		assertThat(tooLong.strip()).hasSizeGreaterThan(2000);
		MvcResult refused = mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
				.with(fixtures.as(proposal.coach())).param("reason", "COACH_FULL").param("why", tooLong))
			.andExpect(redirectedUrl("/coach/proposals/" + proposal.trajectoryId()))
			.andReturn();
		assertThat(trajectories.byId(proposal.trajectoryId()).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		Document page = refused(get("/coach/proposals/{id}", proposal.trajectoryId()).cookie(refused.getResponse().getCookies()),
				proposal.coach());
		Element why = page.getElementById("decline-why");
		assertThat(page.getElementById("decline-why-error").text())
			.isEqualTo("Je toelichting is te lang: hoogstens 2.000 tekens. Maak hem korter.");
		assertThat(why.attr("aria-invalid")).isEqualTo("true");
		assertThat(why.hasAttr("autofocus")).isTrue();
		assertThat(why.text()).isEqualTo(tooLong.strip());
		assertThat(page.getElementById("decline-reason").select("option[selected]").val()).isEqualTo("COACH_FULL");
		assertThat(page.getElementById("proposal-problem").select("a[href=#decline-why]").text())
			.isEqualTo("Je toelichting is te lang: hoogstens 2.000 tekens. Maak hem korter.");
		Document english = refused(get("/coach/proposals/{id}", proposal.trajectoryId()).param("lang", "en")
			.cookie(mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
					.with(fixtures.as(proposal.coach())).param("reason", "COACH_FULL").param("why", tooLong))
				.andReturn().getResponse().getCookies()), proposal.coach());
		assertThat(english.getElementById("decline-why-error").text())
			.isEqualTo("Your explanation is too long: 2,000 characters at most. Please shorten it.");

		// 2,000 characters as the textarea counts them, sent with a browser's two-character line breaks: all kept.
		String fits = ("a".repeat(498) + "\r\n").repeat(4) + "aaaa";
		mvc.perform(post("/coach/proposals/{id}/decline", proposal.trajectoryId()).with(csrf())
				.with(fixtures.as(proposal.coach())).param("reason", "COACH_FULL").param("why", fits))
			.andExpect(redirectedUrl("/coach"));
		assertThat(matching.history(proposal.trajectoryId()).get(0).declineReason()).isEqualTo(fits.replace("\r\n", "\n"));
	}

	/** Another caller of the service than the page is held to the same: a decline's reason, and 'other' with words. */
	@Test
	void theServiceRefusesADeclineWithoutAFittingReason() {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		UUID id = proposal.trajectoryId();
		UUID coach = proposal.coach().id();
		assertThatThrownBy(() -> matching.decline(id, coach, Reason.OTHER, " "))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.OTHER_WITHOUT_WHY));
		assertThatThrownBy(() -> matching.decline(id, coach, Reason.NO_TIME, "Druk"))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.REASON_MISSING));
		assertThatThrownBy(() -> matching.decline(id, coach, null, ""))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.REASON_MISSING));
		assertThat(trajectories.byId(id).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		assertThat(matching.decline(id, coach, Reason.COACH_KNOWS_PARTICIPANT, null)).isTrue();
	}

	@Test
	void otherOnAHandoverNeedsWordsWhichTheRecordThenShows() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		Account next = fixtures.secondCoachInPool(running);

		Document form = page(get("/programme/trajectories/{id}/handover", running.id()), manager);
		assertThat(form.getElementById("handover-reason").child(0).val()).isEmpty();
		assertThat(form.getElementById("handover-reason").select("option[selected]")).isEmpty();
		assertThat(form.selectFirst("label[for=handover-why]").text()).contains("nodig bij ‘Anders’");
		// The participant reads these words in the record: the form says so, and that health has no place in them.
		assertThat(form.getElementById("handover-why-help").text()).contains("De deelnemer", "gezondheid");
		assertThat(form.getElementById("handover-why").attr("aria-describedby")).isEqualTo("handover-why-help");

		Document refused = refused(post("/programme/trajectories/{id}/handover", running.id()).with(csrf())
			.param("coach", next.id().toString()).param("reason", "OTHER").param("why", " "), manager);
		Element why = refused.getElementById("handover-why");
		assertThat(refused.getElementById("handover-why-error").text())
			.isEqualTo("Je koos ‘Anders’: schrijf in de toelichting wat de reden is.");
		assertThat(why.attr("aria-invalid")).isEqualTo("true");
		assertThat(why.attr("aria-describedby")).isEqualTo("handover-why-help handover-why-error");
		assertThat(why.hasAttr("autofocus")).isTrue();
		assertThat(refused.getElementById("handover-reason").select("option[selected]").val()).isEqualTo("OTHER");
		assertThat(refused.getElementById("handover-coach").select("option[selected]").val()).isEqualTo(next.id().toString());
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());

		// Words typed with a reason left out stay in the field.
		Document noReason = refused(post("/programme/trajectories/{id}/handover", running.id()).with(csrf())
			.param("coach", next.id().toString()).param("reason", "").param("why", "Met pensioen"), manager);
		assertThat(noReason.getElementById("handover-reason-error").text()).isEqualTo("Kies waarom het traject naar een andere e-coach gaat.");
		assertThat(noReason.getElementById("handover-why").text()).isEqualTo("Met pensioen");
		assertThat(noReason.getElementById("handover-why").hasAttr("aria-invalid")).isFalse();

		mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(csrf()).with(fixtures.as(manager))
				.param("coach", next.id().toString()).param("reason", "OTHER").param("why", "Anja gaat met pensioen")
				.param("confirmed", "true"))
			.andExpect(status().is3xxRedirection());
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(next.id());
		assertThat(trajectories.history(running.id()).stream().filter(Trajectories.Change::handover).map(Trajectories.Change::why))
			.containsExactly("Anja gaat met pensioen");
		String record = mvc.perform(get("/participant/report").with(fixtures.as(running.participant())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(record).text()).contains("reden: Anders. Toelichting: Anja gaat met pensioen");
	}

	/**
	 * The handover page sent back with mistakes said each only at its field, unlike the other forms: a box above the
	 * form now names them all, in the form's order, each a link to its field; the first wrong field keeps the focus.
	 */
	@Test
	void aHandoverSentBackSumsItsMistakesUpAboveTheFormWithLinksToTheFields() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);

		Document fresh = page(get("/programme/trajectories/{id}/handover", running.id()), manager);
		assertThat(fresh.getElementById("handover-errors")).isNull();

		Document refused = refused(post("/programme/trajectories/{id}/handover", running.id()).with(csrf())
			.param("coach", "").param("reason", "OTHER").param("why", " "), manager);
		Element box = refused.getElementById("handover-errors");
		assertThat(box).isNotNull();
		assertThat(box.attr("role")).isEqualTo("alert");
		assertThat(box.select("a").eachAttr("href")).containsExactly("#handover-coach", "#handover-why");
		assertThat(box.select("a").eachText()).containsExactly(refused.getElementById("handover-coach-error").text(),
				"Je koos ‘Anders’: schrijf in de toelichting wat de reden is.");
		assertThat(box.elementSiblingIndex()).isLessThan(refused.selectFirst("form[action$=/handover]").elementSiblingIndex());
		assertThat(refused.getElementById("handover-coach").hasAttr("autofocus")).isTrue();

		Document noReason = refused(post("/programme/trajectories/{id}/handover", running.id()).with(csrf())
			.param("coach", fixtures.secondCoachInPool(running).id().toString()).param("reason", ""), manager);
		assertThat(noReason.getElementById("handover-errors").select("a[href=#handover-reason]").text())
			.isEqualTo(noReason.getElementById("handover-reason-error").text());
		// Too long is said before a reason is chosen, and before 'other without words', as on the course's forms
		// and the decline: the same words get the same sentence on every form.
		Document tooLong = refused(post("/programme/trajectories/{id}/handover", running.id()).with(csrf())
			.param("coach", fixtures.secondCoachInPool(running).id().toString()).param("reason", "").param("why", "x".repeat(2001)),
				manager);
		assertThat(tooLong.getElementById("handover-why-error")).isNotNull();
		assertThat(tooLong.getElementById("handover-errors").select("a[href=#handover-why]")).hasSize(1);
		Document blankAndLong = refused(post("/programme/trajectories/{id}/handover", running.id()).with(csrf())
			.param("coach", fixtures.secondCoachInPool(running).id().toString()).param("reason", "OTHER")
			.param("why", " ".repeat(2001)), manager);
		assertThat(blankAndLong.getElementById("handover-why-error").text()).doesNotContain("Anders");
	}

	@Test
	void theServiceRefusesAHandoverForOtherWithoutWords() {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		Account next = fixtures.secondCoachInPool(running);
		assertThatThrownBy(() -> handovers.handOver(running.id(), next.id(), Reason.OTHER, manager.id()))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.OTHER_WITHOUT_WHY));
		assertThatThrownBy(() -> handovers.handOver(running.id(), next.id(), Reason.NO_TIME, manager.id()))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					e -> assertThat(e.messageKey()).isEqualTo(TrajectoryLifecycle.REASON_MISSING));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
		assertThat(handovers.handOver(running.id(), next.id(), Reason.OTHER, "Afgesproken in het overleg", manager.id(), false))
			.isEqualTo(Handovers.Outcome.HANDED_OVER);
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Account as)
			throws Exception {
		return Jsoup.parse(mvc.perform(request.with(fixtures.as(as))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	/** The form again with what was wrong: answered 422, as every refused form is (decision 0139). */
	private Document refused(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, Account as)
			throws Exception {
		return Jsoup.parse(mvc.perform(request.with(fixtures.as(as))).andExpect(status().isUnprocessableContent()).andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}
}

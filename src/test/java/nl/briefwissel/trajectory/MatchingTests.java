package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.CoachProfile;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.Today;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Matching as the manager and the coach do it, and the proposal rule on its own. */
@BriefwisselTest
class MatchingTests {

	private static final String QUESTION = "Ik twijfel tussen blijven en vertrekken na de reorganisatie.";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Intakes intakes;

	@Autowired
	Matching matching;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	nl.briefwissel.encryption.Encryption encryption;

	Programme programme;

	Account manager;

	Account coach;

	Account participant;

	UUID trajectory;

	@BeforeEach
	void anIntakeWaitingForACoach() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Match " + suffix);
		// The pilot's way, chosen: the welcome letter's tests read its text in the participant's mail.
		programme = programmes.create(organisation.id(), "Programma", null, MailMode.FULL_TEXT);
		manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Carla Coach", Role.COACH);
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("SURPLUS"));
		pool.set(programme.id(), List.of(coach.id()));
		participant = fixtures.person(organisation.id(), "deelnemer-" + suffix + "@example.nl", "Dirk Deelnemer",
				Role.PARTICIPANT);
		trajectory = trajectories.record(programme.id(), participant.id(), null, TrajectoryStatus.INTAKE, "SURPLUS", null, null);
		intakes.record(programme.id(), participant, trajectory, new IntakeForm("Dirk Deelnemer", participant.email(), QUESTION,
				"SURPLUS", new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true),
				Intake.Source.INVITATION);
	}

	/**
	 * "Accept" twice at once (a double click): the second waits for the first and is refused, so the
	 * trajectory starts once, with one welcome letter's worth of transitions, not twice.
	 */
	@Test
	void twoAcceptsAtOnceStartTheTrajectoryOnce(@Autowired org.springframework.transaction.support.TransactionTemplate transactions)
			throws Exception {
		LocalDate start = Today.date().plusDays(3);
		matching.proposeCoach(trajectory, coach.id(), start, manager.id());
		var accepted = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.executeWithoutResult(status -> {
				matching.accept(trajectory, coach.id(), start);
				accepted.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			accepted.await();
			var second = executor.submit(() -> matching.accept(trajectory, coach.id(), start));
			Thread.sleep(300);
			release.countDown();
			first.get();
			org.assertj.core.api.Assertions.assertThatThrownBy(second::get).isInstanceOf(java.util.concurrent.ExecutionException.class);
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :t and to_status = 'RUNNING'")
			.param("t", trajectory).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theProposalIsACertifiedSpecialistWithRoomAndTheLeastLoadedFirst() {
		var specialistBusy = candidate("Anna", 9, 10, true, true);
		var specialistCalm = candidate("Bert", 2, 10, true, true);
		var generalistEmpty = candidate("Cees", 0, 10, true, false);
		var uncertified = candidate("Dina", 0, 10, false, true);
		var full = candidate("Eva", 10, 10, true, true);
		var proposal = matching.propose(List.of(specialistBusy, specialistCalm, generalistEmpty, uncertified, full)).orElseThrow();
		assertThat(proposal.candidate()).isEqualTo(specialistCalm);
		assertThat(proposal.why()).extracting(Matching.Why::key)
			.containsExactly("matching.why.specialist", "matching.why.room", "matching.why.certified");
		assertThat(matching.propose(List.of(generalistEmpty, uncertified)).orElseThrow().candidate()).isEqualTo(generalistEmpty);
		assertThat(matching.propose(List.of(uncertified, full))).isEmpty();
	}

	/**
	 * The proposal names the coach's certification in the administrator's words, after a label: "Certified
	 * NOLOC-gecertificeerd loopbaanprofessional" said the word twice, in both languages.
	 */
	@Test
	void theProposalNamesTheCertificationWithoutDoublingTheWord() throws Exception {
		profiles.changeMatching(coach.id(), 10, true, "NOLOC-gecertificeerd loopbaanprofessional.", List.of("SURPLUS"));
		String english = mvc.perform(get("/programme/intakes").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(english).getElementById("intake-" + trajectory).text())
			.contains("Certification: NOLOC-gecertificeerd loopbaanprofessional.")
			.doesNotContain("Certified NOLOC")
			.doesNotContain("professional..");
		String dutch = mvc.perform(get("/programme/intakes").param("lang", "nl").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(dutch).getElementById("intake-" + trajectory).text())
			.contains("Certificering: NOLOC-gecertificeerd loopbaanprofessional.")
			.doesNotContain("Gecertificeerd NOLOC");

		profiles.changeMatching(coach.id(), 10, true, null, List.of("SURPLUS"));
		String without = mvc.perform(get("/programme/intakes").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(without).getElementById("intake-" + trajectory).text()).contains("Certified.");
	}

	@Test
	void theManagerProposesTheCoachAcceptsAndTheWelcomeLetterArrives() throws Exception {
		mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Dirk Deelnemer")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("<dd>Boventallig of ontslag</dd>")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Voorstel: Carla Coach")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(QUESTION))));

		LocalDate start = Today.date().plusDays(3);
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
			.param("coach", coach.id().toString()).param("startOn", start.toString()))
			.andExpect(flash().attributeExists("done"));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		MimeMessage asked = Mailboxes.awaitMail(mailServer, coach.email(), m -> true);
		assertThat(Mailboxes.text(asked)).contains("/coach/proposals/" + trajectory + "?lang=nl"); // in the coach's language

		mvc.perform(get("/coach").with(fixtures.as(coach)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/coach/proposals/" + trajectory)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Boventallig of ontslag")));
		mvc.perform(get("/coach").param("lang", "en").with(fixtures.as(coach)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Surplus staff or dismissal")));
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("<dd>Boventallig of ontslag</dd>")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(QUESTION)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Beste Dirk,")));

		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
			.param("startOn", start.toString()).param("letter", "Beste Dirk,\n\nWelkom! Ik ben Carla."))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
			.param("startOn", start.toString()).param("letter", "Beste Dirk,\n\nWelkom! Ik ben Carla."))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/coach/trajectories/" + trajectory));
		TrajectoryOverview started = trajectories.byId(trajectory).orElseThrow();
		assertThat(started.status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(started.startedOn()).isEqualTo(start);
		assertThat(started.coachId()).isEqualTo(coach.id());
		MimeMessage welcome = Mailboxes.awaitMail(mailServer, participant.email(), m -> true);
		assertThat(Mailboxes.text(welcome)).contains("Welkom! Ik ben Carla.");
		assertThat(welcome.getReplyTo()[0].toString()).startsWith("reply+");
	}

	/**
	 * The self-check is about the applicant's doubts (writing, motivation, time), and the programme manager is often
	 * their employer's HR: the intake list said "Twijfel bij schrijven, motivatie of tijd; advies gegeven" beside the
	 * name, while the privacy statement promised name, theme and status only. The manager's page names nothing of it,
	 * in either language; the coach asked to take the applicant on still reads the answers on the proposal.
	 */
	@Test
	void theManagerNeverSeesTheSelfCheckTheProposedCoachReadsIt() throws Exception {
		jdbc.sql("update intake set writes_comfortably = 'NO', motivated = 'PARTLY', has_time = 'NO' where trajectory_id = :t")
			.param("t", trajectory).update();
		for (String[] language : new String[][] { { "nl", "Zelfcheck", "Twijfel", "Geen bezwaren" },
				{ "en", "Self-check", "Doubts", "No concerns" } }) {
			Element card = Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", language[0]).with(fixtures.as(manager)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).getElementById("intake-" + trajectory);
			assertThat(card.text()).as(language[0]).contains("Dirk Deelnemer")
				.doesNotContain(language[1], language[2], language[3]);
		}

		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
			.param("coach", coach.id().toString()).param("startOn", Today.date().plusDays(3).toString()))
			.andExpect(flash().attributeExists("done"));
		Document proposal = Jsoup.parse(mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(proposal.text()).contains("Schrijf je makkelijk over wat je bezighoudt? Nee", "Een beetje");
	}

	/**
	 * Accepted with its first day ahead, the page said "Het traject is gestart" above a stage reading "Start op":
	 * it now says the day it starts (TrajectoryOverview.startsAfter), and that the welcome letter went out now.
	 */
	@Test
	void acceptingWithTheFirstDayAheadSaysTheDayItStarts() throws Exception {
		LocalDate start = Today.date().plusDays(3);
		matching.proposeCoach(trajectory, coach.id(), start, manager.id());
		var accepted = mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
				.param("startOn", start.toString()).param("letter", "Beste Dirk,\n\nWelkom! Ik ben Carla."))
			.andExpect(flash().attribute("accepted", true)).andReturn();
		String day = start.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl")));
		String page = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", trajectory).with(fixtures.as(coach))
				.cookie(accepted.getResponse().getCookies())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.select(".utrecht-alert--ok").text();
		assertThat(page).isEqualTo("Het traject start op " + day + ". Je welkomstbrief is al verstuurd.");
	}

	/** The coach moves the start date on the accept page: the welcome letter names the new day, not the old. */
	@Test
	void aStartDateChangedOnTheAcceptPageIsTheOneTheWelcomeLetterNames() throws Exception {
		LocalDate proposed = Today.date().plusDays(3);
		LocalDate chosen = Today.date().plusDays(10);
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
			.param("coach", coach.id().toString()).param("startOn", proposed.toString()))
			.andExpect(flash().attributeExists("done"));
		String page = mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString();
		var filledIn = java.util.regex.Pattern.compile("name=\"filledInFor\" value=\"([0-9-]{10})\"").matcher(page);
		var shown = java.util.regex.Pattern.compile("(?s)name=\"letter\"[^>]*>(.*?)</textarea>").matcher(page);
		assertThat(filledIn.find() && shown.find()).isTrue();
		String letter = org.springframework.web.util.HtmlUtils.htmlUnescape(shown.group(1));
		String oldDay = proposed.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.forLanguageTag("nl")));
		String newDay = chosen.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.forLanguageTag("nl")));
		assertThat(letter).contains(oldDay);

		// A mistake first (an empty letter is not it: a date too far away), then the date the coach chose.
		var refused = mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
				.param("startOn", Today.date().plusYears(1).toString()).param("filledInFor", filledIn.group(1)).param("letter", letter))
			.andExpect(flash().attribute("problem", "proposal.error.startOn")).andReturn();
		String again = mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		assertThat(again).contains("value=\"" + Today.date().plusYears(1) + "\"");
		org.jsoup.nodes.Element date = org.jsoup.Jsoup.parse(again).getElementById("startOn");
		assertThat(date.attr("aria-invalid")).isEqualTo("true");
		assertThat(date.attr("aria-describedby")).isEqualTo("startOn-error");
		assertThat(date.hasAttr("autofocus")).isTrue();
		assertThat(date.attr("min")).isEqualTo(Today.date().toString());
		assertThat(date.attr("max")).isEqualTo(Today.date().plusMonths(6).toString());
		assertThat(org.jsoup.Jsoup.parse(again).getElementById("letter").attr("aria-invalid")).isEmpty();

		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
				.param("startOn", chosen.toString()).param("filledInFor", filledIn.group(1)).param("letter", letter))
			.andExpect(status().is3xxRedirection());
		assertThat(trajectories.byId(trajectory).orElseThrow().startedOn()).isEqualTo(chosen);
		String sent = Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(), m -> true));
		assertThat(sent).contains(newDay).doesNotContain(oldDay);
	}

	/**
	 * The coach's start day typed the Dutch way is read; one that cannot be read comes back on the page itself
	 * (422, decision 0139) with the sentence described at the date field, the day as typed and the letter as written. It gave
	 * the general "we could not use this" page, and the letter was lost.
	 */
	@Test
	void anUnreadableStartDayOnTheAcceptPageIsSaidThereWithTheLetterKept() throws Exception {
		LocalDate proposed = Today.date().plusDays(3);
		matching.proposeCoach(trajectory, coach.id(), proposed, manager.id());
		String letter = "Beste Dirk,\n\nWelkom! Ik ben Carla.";
		for (String language : List.of("nl", "en")) {
			Document page = Jsoup.parse(mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
					.param("lang", language).param("startOn", "8 december 2026").param("filledInFor", proposed.toString())
					.param("letter", letter))
				.andExpect(status().isUnprocessableContent())
				.andReturn().getResponse().getContentAsString());
			Element date = page.getElementById("startOn");
			assertThat(date.val()).isEqualTo("8 december 2026");
			assertThat(date.attr("aria-invalid")).isEqualTo("true");
			String sentence = language.equals("nl")
					? "Deze datum kunnen we niet lezen. Typ de startdatum als dag-maand-jaar, bijvoorbeeld 31-12-2026."
					: "We cannot read this date. Type the start date as day-month-year, for example 31-12-2026.";
			// At the field, as the propose page has it (NL Design System), and not only in the box at the top ...
			Element field = date.closest(".utrecht-form-field");
			assertThat(field.hasClass("utrecht-form-field--invalid")).isTrue();
			Element atField = page.getElementById(date.attr("aria-describedby"));
			assertThat(atField.hasClass("utrecht-form-field-error-message")).isTrue();
			assertThat(field.select(".utrecht-form-field-error-message")).containsExactly(atField);
			assertThat(atField.text()).isEqualTo(sentence);
			// ... which sums it up with a link to the field.
			Element summary = page.getElementById("proposal-problem");
			assertThat(summary.select("a[href=#startOn]").text()).isEqualTo(sentence);
			assertThat(page.getElementById("letter").val()).isEqualTo(letter);
			assertThat(page.selectFirst("input[name=filledInFor]").val()).isEqualTo(proposed.toString());
		}
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);

		LocalDate chosen = Today.date().plusDays(4);
		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
				.param("startOn", chosen.getDayOfMonth() + "-" + chosen.getMonthValue() + "-" + chosen.getYear())
				.param("filledInFor", proposed.toString()).param("letter", letter))
			.andExpect(redirectedUrl("/coach/trajectories/" + trajectory));
		assertThat(trajectories.byId(trajectory).orElseThrow().startedOn()).isEqualTo(chosen);
	}

	/** The proposal mail names the start date as the coach reads a date, not as a database stores it. */
	@Test
	void theProposalMailWritesTheStartDateOutInTheCoachsLanguage() {
		LocalDate start = LocalDate.of(Today.date().getYear() + 1, 12, 3);
		matching.proposeCoach(trajectory, coach.id(), start, manager.id());
		String asked = Mailboxes.text(Mailboxes.awaitMail(mailServer, coach.email(), m -> true));
		assertThat(asked).contains("3 december " + start.getYear()).doesNotContain(start.toString());
	}

	@Test
	void anEnglishCoachReadsTheStartDateInEnglish(@Autowired nl.briefwissel.account.Accounts accounts) {
		accounts.changeLanguage(coach.id(), Locale.ENGLISH);
		LocalDate start = LocalDate.of(Today.date().getYear() + 1, 12, 3);
		matching.proposeCoach(trajectory, coach.id(), start, manager.id());
		String asked = Mailboxes.text(Mailboxes.awaitMail(mailServer, coach.email(), m -> true));
		assertThat(asked).contains("3 December " + start.getYear()).doesNotContain(start.toString());
	}

	@Test
	void aDeclineSendsTheIntakeBackAndTheManagerSeesWhy() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		mvc.perform(post("/coach/proposals/{id}/decline", trajectory).with(csrf()).with(fixtures.as(coach))
			.param("reason", "COACH_FULL").param("why", "Vol tot februari"))
			.andExpect(status().is3xxRedirection());
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(trajectories.byId(trajectory).orElseThrow().coachId()).isNull();
		mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Carla Coach: Ik heb nu geen ruimte — Vol tot februari")));
		// Opened again from the proposal mail: the answer stands, said where the decline said it.
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)))
			.andExpect(redirectedUrl("/coach"))
			.andExpect(flash().attribute("declined", true));
	}

	/**
	 * The card reads the proposals, applications and coaches' names for all its intakes at once; each
	 * intake still shows its own: the decline, with the coach's name and reason, only where there was one.
	 */
	@Test
	void everyIntakeOnTheCardShowsItsOwnApplicationDeclineAndProposal() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		assertThat(matching.decline(trajectory, coach.id(), Reason.COACH_FULL, "Vol tot februari")).isTrue();
		UUID notDeclined = waitingIntake("Wim Wachter", Intake.Source.MAIL);
		// The coach's words and the applicant's question are sealed at rest as letters are (decision 0009).
		assertThat(jdbc.sql("select decline_reason, decline_reason_key_id from coach_proposal where trajectory_id = :t")
			.param("t", trajectory).query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).single())
			.doesNotContain("februari").endsWith(" | " + encryption.keyId());
		assertThat(jdbc.sql("select question, question_key_id from intake where trajectory_id = :t")
			.param("t", notDeclined).query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).single())
			.doesNotContain(QUESTION.substring(0, 20)).endsWith(" | " + encryption.keyId());
		assertThat(intakes.ofTrajectory(notDeclined).orElseThrow().question()).isEqualTo(QUESTION);
		UUID asked = waitingIntake("Vera Voorgesteld", Intake.Source.INVITATION);
		matching.proposeCoach(asked, coach.id(), Today.date().plusDays(2), manager.id());

		Document page = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());

		Element declined = page.getElementById("intake-" + trajectory);
		assertThat(declined).isNotNull();
		assertThat(declined.select("dt").eachText()).contains("Eerder afgewezen door");
		// The reason the coach chose, then what they added to it.
		assertThat(declined.select("dd").eachText()).contains("een uitnodiging", "Carla Coach: Ik heb nu geen ruimte — Vol tot februari");
		Element waiting = page.getElementById("intake-" + notDeclined);
		assertThat(waiting).isNotNull();
		assertThat(waiting.select("dt").eachText()).doesNotContain("Eerder afgewezen door");
		assertThat(waiting.select("dd").eachText()).contains("een mail aan het aanmeldadres")
			.noneMatch(fact -> fact.contains("Vol tot februari"));
		assertThat(page.getElementById("intake-" + asked)).isNull();
		assertThat(page.select("li > span").eachText())
			.anyMatch(item -> item.matches("Vera Voorgesteld bij Carla Coach, voorgesteld op \\d{1,2} \\S+ \\d{4}, begint op \\d{1,2} \\S+ \\d{4}"));
	}

	/**
	 * The day a coach was proposed carries its year, as every other date on the intakes page does, and the start
	 * date chosen with it is said beside it (the audit line had it, the row did not).
	 */
	@Test
	void theDayOfAProposalCarriesItsYearAndItsStartDateInBothLanguages() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(2), manager.id());
		for (String language : List.of("nl", "en")) {
			var format = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag(language));
			String day = Today.date().format(format);
			String start = Today.date().plusDays(2).format(format);
			Document page = Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", language).with(fixtures.as(manager)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page.getElementById("proposal-" + trajectory).select("span").first().text()).as(language)
				.isEqualTo(language.equals("nl") ? "Dirk Deelnemer bij Carla Coach, voorgesteld op " + day + ", begint op " + start
						: "Dirk Deelnemer with Carla Coach, proposed on " + day + ", starts on " + start);
		}
	}

	/** Declined without a word added: the reason the coach chose is what the manager reads. */
	@Test
	void aDeclineWithoutExplanationShowsTheChosenReason() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		matching.decline(trajectory, coach.id(), Reason.COACH_KNOWS_PARTICIPANT, "");
		mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Carla Coach: Ik ken de deelnemer<")));
	}

	/** A coach who declined and has left the pool since is still named at the decline. */
	@Test
	void aCoachWhoLeftThePoolIsStillNamedAtTheirDecline() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		matching.decline(trajectory, coach.id(), Reason.COACH_FULL, "Vol tot februari");
		Account other = fixtures.person(programme.organisationId(), "coach-" + UUID.randomUUID() + "@example.nl", "Bram Buiten",
				Role.COACH);
		profiles.changeMatching(other.id(), 10, true, "NOLOC", List.of("SURPLUS"));
		pool.set(programme.id(), List.of(other.id()));

		mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Voorstel: Bram Buiten")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Carla Coach: Ik heb nu geen ruimte — Vol tot februari")));
	}

	/**
	 * The proposal mail's link opened again after the answer: an accepted one leads to the conversation,
	 * a declined one to the workspace with the same message as the decline; for anyone else it stays not found.
	 */
	@Test
	void aProposalOpenedAgainAfterItsAnswerLeadsToWhereTheAnswerDid() throws Exception {
		Account stranger = fixtures.runningTrajectory(true).coach();
		matching.proposeCoach(trajectory, coach.id(), Today.date(), manager.id());
		matching.accept(trajectory, coach.id(), Today.date());
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/coach/trajectories/" + trajectory));
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(stranger))).andExpect(status().isNotFound());

		UUID declined = waitingIntake("Dora Daarna", Intake.Source.INVITATION);
		matching.proposeCoach(declined, coach.id(), Today.date().plusDays(1), manager.id());
		assertThat(matching.decline(declined, coach.id(), Reason.COACH_FULL, null)).isTrue();
		var answer = mvc.perform(get("/coach/proposals/{id}", declined).with(fixtures.as(coach)))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/coach"))
			.andExpect(flash().attribute("declined", true))
			.andReturn();
		mvc.perform(get("/coach").with(fixtures.as(coach)).cookie(answer.getResponse().getCookies()))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Je hebt het voorstel afgewezen")));
		mvc.perform(get("/coach/proposals/{id}", declined).with(fixtures.as(stranger))).andExpect(status().isNotFound());
		// Led away without the question shown: nothing on the trajectory's trail of who read it.
		assertThat(jdbc.sql("select count(*) from audit_entry where trajectory_id = :t").param("t", declined)
			.query(Long.class).single()).isZero();
	}

	/** The open proposal shows the participant's question: that read is on the trajectory's own trail. */
	@Test
	void readingAnOpenProposalIsOnTheTrajectorysTrail() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach))).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from audit_entry where trajectory_id = :t and action = 'READ'")
			.param("t", trajectory).query(Long.class).single()).isEqualTo(1);
	}

	/**
	 * A proposal the coach leaves unanswered: the manager takes it back (a double click answered as one),
	 * the intake waits again and goes to another coach, the first coach hears by mail without the
	 * participant's name or question, and their proposal page no longer accepts.
	 */
	@Test
	void theManagerWithdrawsAProposalTheCoachDidNotAnswer() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		assertThat(mvc.perform(get("/programme/intakes").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString()).contains("/programme/trajectories/" + trajectory + "/withdraw-proposal")
			.contains("Voorstel intrekken");

		org.springframework.test.web.servlet.MvcResult second = null;
		for (int click = 0; click < 2; click++) {
			second = mvc.perform(post("/programme/trajectories/{id}/withdraw-proposal", trajectory).with(csrf())
					.with(fixtures.as(manager)).param("coach", coach.id().toString()))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/programme/intakes#asked-" + programme.id()))
				.andExpect(flash().attributeExists("done"))
				.andExpect(flash().attribute("doneAt", "asked-" + programme.id()))
				.andExpect(flash().attributeCount(2))
				.andReturn();
		}
		String after = mvc.perform(get("/programme/intakes").with(fixtures.as(manager)).cookie(second.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		assertThat(after).contains("Het voorstel voor Dirk Deelnemer is ingetrokken").contains("id=\"intake-" + trajectory + "\"");
		// The confirmation takes focus where it stands, so it is seen and heard (a status already there is not read out).
		assertThat(org.jsoup.Jsoup.parse(after).select("[autofocus]")).singleElement()
			.satisfies(said -> assertThat(said.text()).contains("is ingetrokken"));
		TrajectoryOverview waiting = trajectories.byId(trajectory).orElseThrow();
		assertThat(waiting.status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(waiting.coachId()).isNull();
		assertThat(matching.history(trajectory)).singleElement().satisfies(proposal -> {
			assertThat(proposal.withdrawn()).isTrue();
			assertThat(proposal.accepted()).isNull();
		});
		assertThat(trajectories.history(trajectory))
			.filteredOn(change -> change.reason() == Reason.PROPOSAL_WITHDRAWN)
			.singleElement()
			.satisfies(change -> {
				assertThat(change.from()).isEqualTo(TrajectoryStatus.MATCHING);
				assertThat(change.to()).isEqualTo(TrajectoryStatus.INTAKE);
			});

		MimeMessage told = Mailboxes.awaitMail(mailServer, coach.email(),
				mail -> Mailboxes.subject(mail).contains("Voorstel ingetrokken"));
		assertThat(Mailboxes.text(told)).contains("Beste Carla,").doesNotContain("Carla Coach").doesNotContain("Dirk").doesNotContain(QUESTION);

		// The first coach's proposal page says it was withdrawn, and accepting or declining now changes nothing.
		assertThat(mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(coach)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString())
			.contains("Dit voorstel is ingetrokken")
			.doesNotContain(QUESTION);
		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
				.param("startOn", Today.date().plusDays(1).toString()).param("letter", "Beste Dirk, welkom!"))
			.andExpect(redirectedUrl("/coach/proposals/" + trajectory));
		mvc.perform(post("/coach/proposals/{id}/decline", trajectory).with(csrf()).with(fixtures.as(coach))
				.param("reason", "COACH_FULL"))
			.andExpect(redirectedUrl("/coach/proposals/" + trajectory));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(declines()).as("the withdrawal only").isEqualTo(1);

		// Back on the waiting list, it goes to another coach; a withdrawal from a page left open leaves that one be.
		Account other = fixtures.person(programme.organisationId(), "coach-" + UUID.randomUUID() + "@example.nl", "Bram Beschikbaar",
				Role.COACH);
		profiles.changeMatching(other.id(), 10, true, "NOLOC", List.of("SURPLUS"));
		pool.set(programme.id(), List.of(coach.id(), other.id()));
		matching.proposeCoach(trajectory, other.id(), Today.date().plusDays(2), manager.id());
		mvc.perform(post("/programme/trajectories/{id}/withdraw-proposal", trajectory).with(csrf()).with(fixtures.as(manager))
				.param("coach", coach.id().toString()))
			.andExpect(flash().attributeExists("done"));
		assertThat(trajectories.byId(trajectory).orElseThrow()).satisfies(proposed -> {
			assertThat(proposed.status()).isEqualTo(TrajectoryStatus.MATCHING);
			assertThat(proposed.coachId()).isEqualTo(other.id());
		});

		// Another organisation's manager finds no such trajectory.
		mvc.perform(post("/programme/trajectories/{id}/withdraw-proposal", trajectory).with(csrf())
				.with(user(users.loadUserByUsername("programma@briefwissel.test"))).param("coach", other.id().toString()))
			.andExpect(status().isNotFound());
		// Once the coach answered, it cannot be withdrawn; the card says why.
		matching.accept(trajectory, other.id(), Today.date().plusDays(2));
		mvc.perform(post("/programme/trajectories/{id}/withdraw-proposal", trajectory).with(csrf()).with(fixtures.as(manager))
				.param("coach", other.id().toString()))
			.andExpect(flash().attribute("problem", "matching.illegal.withdraw"));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
	}

	/**
	 * A coach of the pool applies with their own question (an intake gives any account the participant
	 * role): the card does not offer them for it, and a posted form naming them is refused.
	 */
	@Test
	void aCoachIsNeverProposedForTheirOwnTrajectory() throws Exception {
		UUID own = trajectories.record(programme.id(), coach.id(), null, TrajectoryStatus.INTAKE, "SURPLUS", null, null);

		Document page = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#coach-" + own + " option")).isEmpty();
		assertThat(page.select("#coach-" + trajectory + " option").eachAttr("value")).contains(coach.id().toString());

		mvc.perform(post("/programme/trajectories/{id}/propose", own).with(csrf()).with(fixtures.as(manager))
			.param("coach", coach.id().toString()).param("startOn", Today.date().toString()))
			.andExpect(flash().attribute("problem", "matching.illegal.ownTrajectory"));
		assertThat(trajectories.byId(own).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
	}

	/** "Voorstellen" twice (a double click): the second is answered as the first, and the coach is asked once. */
	@Test
	void aProposalSentTwiceIsAnsweredAsTheFirst() throws Exception {
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
				.param("coach", coach.id().toString()).param("startOn", Today.date().plusDays(2).toString()))
				.andExpect(flash().attributeExists("done"))
				.andExpect(flash().attributeCount(2));
		}
		assertThat(jdbc.sql("select count(*) from coach_proposal where trajectory_id = :t").param("t", trajectory)
			.query(Integer.class).single()).isEqualTo(1);
	}

	/**
	 * A coach's capacity holds when the manager proposes, counting the proposals still waiting for the
	 * coach's answer: the card shows the coach as full and offers them for no other intake, and a form
	 * naming them anyway is refused with a sentence in the manager's language. A decline frees the place.
	 */
	@Test
	void aCoachWhosePlacesAreTakenCannotBeProposedCountingProposalsWaiting() throws Exception {
		Account free = coachFullWithAFreeOneInThePool();
		UUID second = waitingIntake("Tweede Wachter", Intake.Source.LINK);
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());

		// Not offered (a disabled option was still read out and picked as a choice): named under the choice, with why.
		Document intakesPage = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		assertThat(intakesPage.select("#coach-" + second + " option[value=" + coach.id() + "]")).isEmpty();
		assertThat(intakesPage.select("#coach-" + second + " option").eachAttr("value")).containsExactly(free.id().toString());
		assertThat(describedBy(intakesPage, intakesPage.getElementById("coach-" + second))).extracting(Element::text)
			.containsExactly("Niet voor te stellen: Carla Coach: 1 van 1 bezet, specialist, vol");

		var refused = mvc.perform(post("/programme/trajectories/{id}/propose", second).with(csrf()).with(fixtures.as(manager))
				.param("coach", coach.id().toString()).param("startOn", Today.date().plusDays(1).toString()))
			.andExpect(flash().attribute("problem", "matching.illegal.full"))
			.andReturn();
		assertThat(trajectories.byId(second).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(jdbc.sql("select count(*) from coach_proposal where trajectory_id = :t").param("t", second)
			.query(Integer.class).single()).isZero();
		// Where the refusal sends the manager: the page of the list the intake is on, where the sentence is.
		assertThat(mvc.perform(get(refused.getResponse().getRedirectedUrl().replaceFirst("#.*", "")).param("lang", "en")
				.with(fixtures.as(manager)).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString()).contains("This e-coach has no room");
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> matching.proposeCoach(second, coach.id(), Today.date().plusDays(1), manager.id()))
			.isInstanceOf(IllegalTransitionException.class);

		matching.decline(trajectory, coach.id(), Reason.COACH_FULL, null);
		assertThat(matching.proposeCoach(second, coach.id(), Today.date().plusDays(1), manager.id())).isTrue();
	}

	/**
	 * A start day typed the Dutch way (a browser without a date field sends what was typed) is read as the
	 * statistics' period reads it; one that cannot be read is said at the date field of the intake's own
	 * form, on the page itself with 422 (decision 0139), the coach and the day as chosen and typed. It gave the general
	 * "we could not use this" page.
	 */
	@Test
	void aStartDayTypedTheDutchWayIsReadAndAnUnreadableOneIsSaidAtItsField() throws Exception {
		for (String typed : List.of("5 december 2026", "morgen", "31-02-2027")) {
			Document page = Jsoup.parse(mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf())
					.with(fixtures.as(manager)).param("coach", coach.id().toString()).param("startOn", typed))
				.andExpect(status().isUnprocessableContent())
				.andReturn().getResponse().getContentAsString());
			Element date = page.getElementById("start-" + trajectory);
			assertThat(date.val()).isEqualTo(typed);
			assertThat(date.attr("aria-invalid")).isEqualTo("true");
			assertThat(date.attr("aria-describedby")).isEqualTo("start-error-" + trajectory);
			assertThat(page.getElementById("start-error-" + trajectory).text())
				.isEqualTo("Deze datum kunnen we niet lezen. Typ de startdatum als dag-maand-jaar, bijvoorbeeld 31-12-2026.");
			assertThat(page.selectFirst("#coach-" + trajectory + " option[selected]").val()).isEqualTo(coach.id().toString());
			assertThat(page.getElementById("coach-error-" + trajectory)).isNull();
		}
		Document english = Jsoup.parse(mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf())
				.with(fixtures.as(manager)).param("lang", "en").param("coach", coach.id().toString()).param("startOn", "5-12"))
			.andExpect(status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString());
		assertThat(english.getElementById("start-error-" + trajectory).text()).startsWith("We cannot read this date.");
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);

		LocalDate start = Today.date().plusDays(2);
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
				.param("coach", coach.id().toString())
				.param("startOn", start.getDayOfMonth() + "-" + start.getMonthValue() + "-" + start.getYear()))
			.andExpect(redirectedUrl("/programme/intakes#asked-" + programme.id()));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		assertThat(matching.history(trajectory).get(0).startOn()).isEqualTo(start);
	}

	/**
	 * A coach who cannot be proposed (full since the page was opened) is said at the coach choice of the
	 * intake's own form, naming the coach, in the manager's language; not at the top of the card.
	 */
	@Test
	void aCoachRefusedForBeingFullIsSaidAtTheIntakesCoachChoice() throws Exception {
		Account free = coachFullWithAFreeOneInThePool();
		UUID second = waitingIntake("Tweede Wachter", Intake.Source.LINK);
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		String start = Today.date().plusDays(4).toString();

		for (String language : List.of("nl", "en")) {
			var refused = mvc.perform(post("/programme/trajectories/{id}/propose", second).with(csrf()).with(fixtures.as(manager))
					.param("coach", coach.id().toString()).param("startOn", start))
				.andExpect(redirectedUrl("/programme/intakes?programme=" + programme.id() + "&waiting=1#intake-" + second))
				.andReturn();
			Document page = Jsoup.parse(mvc.perform(get(refused.getResponse().getRedirectedUrl().replaceFirst("#.*", ""))
					.param("lang", language).with(fixtures.as(manager)).cookie(refused.getResponse().getCookies()))
				.andReturn().getResponse().getContentAsString());
			Element said = page.getElementById("coach-error-" + second);
			assertThat(said).as(language).isNotNull();
			assertThat(said.text()).isEqualTo(language.equals("nl")
					? "Carla Coach kun je nu niet voorstellen. Deze e-coach heeft geen plaats meer vrij: alle plaatsen zijn bezet, de voorstellen waarop de e-coach nog moet antwoorden meegeteld. Kies een andere e-coach, of vraag de beheerder de ruimte van deze e-coach te vergroten."
					: "You cannot propose Carla Coach now. This e-coach has no room: all their places are taken, counting the proposals still waiting for their answer. Choose another e-coach, or ask the administrator to raise this e-coach's capacity.");
			Element choice = page.getElementById("coach-" + second);
			assertThat(choice.attr("aria-describedby")).isEqualTo("coach-error-" + second + " coach-unavailable-" + second);
			assertThat(choice.attr("aria-invalid")).isEqualTo("true");
			assertThat(page.getElementById("start-" + second).val()).isEqualTo(start);
			assertThat(page.getElementById("start-error-" + second)).isNull();
			assertThat(page.select("#programme-" + programme.id() + " > .utrecht-alert")).isEmpty();
		}
		assertThat(trajectories.byId(second).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
	}

	/**
	 * The administrator set Anja to capacity 1, not certified, with two trajectories running: the intake's choice
	 * offered "Anja de Vries: 2 van 1 bezet, niet gecertificeerd" and proposing her was refused. She is not offered;
	 * under the choice she is named with why (in the reader's language), read with the choice by a screen reader.
	 */
	@Test
	void aCoachTheServerRefusesIsNotOfferedButNamedWithWhy() throws Exception {
		Account anja = fixtures.person(programme.organisationId(), "anja-" + UUID.randomUUID() + "@example.nl", "Anja de Vries",
				Role.COACH);
		profiles.changeMatching(anja.id(), 1, false, null, List.of());
		for (int i = 0; i < 2; i++) {
			Account someone = fixtures.person(programme.organisationId(), "loopt-" + UUID.randomUUID() + "@example.nl", "Loopt " + i,
					Role.PARTICIPANT);
			trajectories.record(programme.id(), someone.id(), anja.id(), TrajectoryStatus.RUNNING, "SURPLUS", Today.date().minusDays(5),
					null);
		}
		pool.set(programme.id(), List.of(coach.id(), anja.id()));
		for (String[] language : new String[][] { { "nl", "Niet voor te stellen: Anja de Vries: 2 van 1 bezet, niet gecertificeerd" },
				{ "en", "Cannot be proposed: Anja de Vries: 2 of 1 taken, not certified" } }) {
			Document page = Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", language[0]).with(fixtures.as(manager)))
				.andReturn().getResponse().getContentAsString());
			Element choice = page.getElementById("coach-" + trajectory);
			assertThat(choice.select("option").eachAttr("value")).containsExactly(coach.id().toString());
			assertThat(describedBy(page, choice)).extracting(Element::text).containsExactly(language[1]);
		}
		pool.set(programme.id(), List.of(coach.id()));
		Document nobodyLeftOut = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		assertThat(nobodyLeftOut.getElementById("coach-" + trajectory).hasAttr("aria-describedby")).isFalse();
		assertThat(nobodyLeftOut.getElementById("coach-unavailable-" + trajectory)).isNull();
	}

	/**
	 * Proposed with the start date left empty: the page said "Kies een startdatum vanaf vandaag" while it filled the
	 * field with tomorrow and marked it wrong. It asks for a date and leaves the field empty, as sent.
	 */
	@Test
	void aProposalWithoutAStartDateAsksForOneAndLeavesTheFieldEmpty() throws Exception {
		for (String[] language : new String[][] { { "nl", "Vul een startdatum in." }, { "en", "Enter a start date." } }) {
			for (boolean sent : new boolean[] { true, false }) {
				var propose = post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
					.param("coach", coach.id().toString());
				if (sent) {
					propose.param("startOn", "");
				}
				var refused = mvc.perform(propose)
					.andExpect(redirectedUrl("/programme/intakes?programme=" + programme.id() + "&waiting=1#intake-" + trajectory))
					.andReturn();
				Document page = Jsoup.parse(mvc.perform(get(refused.getResponse().getRedirectedUrl().replaceFirst("#.*", ""))
						.param("lang", language[0]).with(fixtures.as(manager)).cookie(refused.getResponse().getCookies()))
					.andReturn().getResponse().getContentAsString());
				Element start = page.getElementById("start-" + trajectory);
				assertThat(start.val()).as(language[0] + " sent " + sent).isEmpty();
				assertThat(start.attr("aria-invalid")).isEqualTo("true");
				assertThat(describedBy(page, start)).extracting(Element::text).containsExactly(language[1]);
				assertThat(page.getElementById("coach-" + trajectory).selectFirst("option[selected]").val()).isEqualTo(coach.id().toString());
			}
		}
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
	}

	/**
	 * Nobody to propose: a programme without e-coaches says so and leads to where the manager chooses them;
	 * one whose e-coaches are all full says that. Neither shows a form whose list offers no one.
	 */
	@Test
	void anIntakeWithNobodyToProposeSaysWhyAndShowsNoForm() throws Exception {
		pool.set(programme.id(), List.of());
		Element card = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("intake-" + trajectory);
		assertThat(card.text()).contains("Dit programma heeft nog geen e-coaches").doesNotContain("heeft nu ruimte");
		assertThat(card.select("a").eachAttr("href")).contains("/programme#coaches-" + programme.id());
		assertThat(card.select("form")).isEmpty();

		pool.set(programme.id(), List.of(coach.id()));
		profiles.changeMatching(coach.id(), 0, true, "NOLOC", List.of("SURPLUS"));
		card = Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString()).getElementById("intake-" + trajectory);
		assertThat(card.text()).contains("No certified e-coach in this programme has room now").doesNotContain("no e-coaches yet");
		assertThat(card.select("form")).isEmpty();
	}

	/**
	 * A coach's running trajectories take all their places (the administrator lowered the capacity after
	 * two proposals): the first is accepted, the second is refused with the letter and date kept, and the
	 * coach can still decline it.
	 */
	@Test
	void aCoachWhoseTrajectoriesTakeAllPlacesCannotAcceptAnother() throws Exception {
		profiles.changeMatching(coach.id(), 2, true, "NOLOC", List.of("SURPLUS"));
		UUID second = waitingIntake("Tweede Wachter", Intake.Source.LINK);
		LocalDate start = Today.date().plusDays(2);
		matching.proposeCoach(trajectory, coach.id(), start, manager.id());
		matching.proposeCoach(second, coach.id(), start, manager.id());
		profiles.changeMatching(coach.id(), 1, true, "NOLOC", List.of("SURPLUS"));

		matching.accept(trajectory, coach.id(), start);
		var refused = mvc.perform(post("/coach/proposals/{id}/accept", second).with(csrf()).with(fixtures.as(coach))
				.param("startOn", start.toString()).param("letter", "Beste Tweede,\n\nWelkom!"))
			.andExpect(redirectedUrl("/coach/proposals/" + second))
			.andExpect(flash().attribute("problem", "matching.illegal.acceptFull"))
			.andExpect(flash().attribute("letter", "Beste Tweede,\n\nWelkom!"))
			.andExpect(flash().attribute("startOn", start))
			.andReturn();
		assertThat(trajectories.byId(second).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);
		Document full = Jsoup.parse(mvc.perform(get("/coach/proposals/{id}", second).param("lang", "en").with(fixtures.as(coach))
				.cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString());
		// Said where the coach chooses their answer (declining is what it advises), the top linking to it.
		Element answer = full.getElementById("decline-reason");
		assertThat(answer.hasAttr("autofocus")).isTrue();
		Element why = full.getElementById(answer.attr("aria-describedby"));
		assertThat(why.hasClass("utrecht-form-field-error-message")).isTrue();
		assertThat(why.text()).contains("your running and paused trajectories already take all your places");
		assertThat(answer.closest(".utrecht-form-field").select(".utrecht-form-field-error-message")).containsExactly(why);
		assertThat(full.getElementById("proposal-problem").select("a[href=#decline-reason]").text()).isEqualTo(why.text());
		assertThat(answer.selectFirst("option[selected]").val()).isEqualTo("COACH_FULL");
		assertThat(full.getElementById("letter").val()).isEqualTo("Beste Tweede,\n\nWelkom!");

		mvc.perform(post("/coach/proposals/{id}/decline", second).with(csrf()).with(fixtures.as(coach)).param("reason", "COACH_FULL"))
			.andExpect(redirectedUrl("/coach"));
		assertThat(trajectories.byId(second).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
	}

	/** One more complete intake in the programme, waiting for a coach. */
	private UUID waitingIntake(String name, Intake.Source source) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account person = fixtures.person(programme.organisationId(), "deelnemer-" + suffix + "@example.nl", name,
				Role.PARTICIPANT);
		UUID id = trajectories.record(programme.id(), person.id(), null, TrajectoryStatus.INTAKE, "SURPLUS", null, null);
		intakes.record(programme.id(), person, id, new IntakeForm(name, person.email(), QUESTION, "SURPLUS",
				new Intake.SelfCheck(Intake.Answer.YES, Intake.Answer.YES, Intake.Answer.YES), true, true), source);
		return id;
	}

	/**
	 * "Afwijzen" twice (a double click: the browser shows the second answer): the second lands where
	 * the first did, with the same message, instead of a page that is not found.
	 */
	@Test
	void aDeclineSentTwiceIsAnsweredAsTheFirst() throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		for (int click = 0; click < 2; click++) {
			var answer = mvc.perform(post("/coach/proposals/{id}/decline", trajectory).with(csrf()).with(fixtures.as(coach))
					.param("reason", "COACH_FULL").param("why", "Vol tot februari"))
				.andExpect(status().isFound())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/coach"))
				.andReturn();
			mvc.perform(get("/coach").with(fixtures.as(coach)).cookie(answer.getResponse().getCookies()))
				.andExpect(content().string(org.hamcrest.Matchers.containsString("Je hebt het voorstel afgewezen")));
		}
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(declines()).isEqualTo(1);
		assertThat(matching.history(trajectory)).singleElement().extracting(Matching.CoachProposal::accepted).isEqualTo(false);
	}

	/** Two declines at once: the second waits for the first, finds it declined and changes nothing (no error). */
	@Test
	void twoDeclinesAtOnceDeclineOnce(@Autowired org.springframework.transaction.support.TransactionTemplate transactions)
			throws Exception {
		matching.proposeCoach(trajectory, coach.id(), Today.date().plusDays(1), manager.id());
		var declined = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.execute(status -> {
				boolean changed = matching.decline(trajectory, coach.id(), Reason.COACH_FULL, null);
				declined.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return changed;
			}));
			declined.await();
			var second = executor.submit(() -> matching.decline(trajectory, coach.id(), Reason.COACH_FULL, null));
			Thread.sleep(300);
			release.countDown();
			assertThat(first.get()).isTrue();
			assertThat(second.get()).as("declined by the first click").isFalse();
		}
		finally {
			testsupport.Threads.finish(executor);
		}
		assertThat(declines()).isEqualTo(1);
	}

	private int declines() {
		return jdbc.sql("select count(*) from trajectory_transition where trajectory_id = :t and from_status = 'MATCHING' and to_status = 'INTAKE'")
			.param("t", trajectory).query(Integer.class).single();
	}

	@Test
	void nobodyElseCanProposeOrAnswer() throws Exception {
		Account stranger = fixtures.runningTrajectory(true).coach();
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf())
			.with(user(users.loadUserByUsername("programma@briefwissel.test")))
			.param("coach", coach.id().toString()).param("startOn", Today.date().toString()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
			.param("coach", stranger.id().toString()).param("startOn", Today.date().toString()))
			.andExpect(flash().attribute("problem", "matching.illegal.notInPool"));
		profiles.changeMatching(coach.id(), 10, false, null, List.of());
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(fixtures.as(manager))
			.param("coach", coach.id().toString()).param("startOn", Today.date().toString()))
			.andExpect(flash().attribute("problem", "matching.illegal.notCertified"));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);

		profiles.changeMatching(coach.id(), 10, true, null, List.of());
		matching.proposeCoach(trajectory, coach.id(), Today.date(), manager.id());
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(stranger))).andExpect(status().isNotFound());
		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(stranger))
			.param("startOn", Today.date().toString()).param("letter", "Hallo")).andExpect(status().isNotFound());
		// A proposal is not yet the coach's conversation.
		mvc.perform(get("/coach/trajectories/{id}", trajectory).with(fixtures.as(coach))).andExpect(status().isNotFound());
		mvc.perform(get("/coach/proposals/{id}", trajectory).with(fixtures.as(manager))).andExpect(status().isForbidden());
		mvc.perform(get("/programme/intakes").with(fixtures.as(coach))).andExpect(status().isForbidden());
	}



	/**
	 * A national programme has thousands of applications: the card lists one page of those waiting for
	 * a coach and one of those not complete yet, with a way to the others, instead of every one of them
	 * (each waiting intake with its own form and the whole pool) on every view. A start date refused on
	 * a later page comes back to that page, where the intake and the sentence about it are.
	 */
	@Test
	void aProgrammeWithManyApplicationsListsThemAPageAtATime() throws Exception {
		for (int i = 0; i < 30; i++) {
			waitingIntake("Wachtende " + i, Intake.Source.LINK);
			intakes.invite(programme, "genodigde-" + i + "-" + UUID.randomUUID() + "@example.nl", "Genodigde " + i,
					Locale.forLanguageTag("nl"), manager.id());
		}
		String card = "#programme-" + programme.id();
		Document first = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		assertThat(first.select(card + " .bw-intake")).hasSize(25);
		assertThat(first.select(card + " tbody tr")).hasSize(25);
		assertThat(first.select(card + " nav.bw-pagination")).hasSize(2);
		Document second = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager))
			.param("programme", programme.id().toString()).param("waiting", "2").param("open", "2"))
			.andReturn().getResponse().getContentAsString());
		assertThat(second.select(card + " .bw-intake")).as("31 waiting, 25 a page").hasSize(6);
		assertThat(second.select(card + " tbody tr")).as("30 not complete, 25 a page").hasSize(5);
		List<String> shown = new java.util.ArrayList<>(first.select(card + " .bw-intake").eachAttr("id"));
		shown.addAll(second.select(card + " .bw-intake").eachAttr("id"));
		assertThat(shown).doesNotHaveDuplicates().hasSize(31);

		String onSecond = second.select(card + " .bw-intake").get(0).id().substring("intake-".length());
		mvc.perform(post("/programme/trajectories/{id}/propose", onSecond).with(csrf()).with(fixtures.as(manager))
			.param("coach", coach.id().toString()).param("startOn", Today.date().minusDays(1).toString())
			.param("waitingPage", "2"))
			.andExpect(redirectedUrl("/programme/intakes?programme=" + programme.id() + "&waiting=2#intake-" + onSecond));
	}


	/**
	 * Page by page, who has waited longest for a coach comes first: newest first, the first page filled
	 * with what came in today and the intake of weeks ago (declined twice, say) sat on the last page.
	 */
	@Test
	void theIntakeThatWaitedLongestIsOnTheFirstPageFirst() throws Exception {
		for (int i = 0; i < 25; i++) {
			waitingIntake("Nieuwer " + i, Intake.Source.LINK);
		}
		jdbc.sql("update trajectory set created_at = :then where id = :id")
			.param("then", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(30))
			.param("id", trajectory)
			.update();
		Document first = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		assertThat(first.select("#programme-" + programme.id() + " .bw-intake").first().id())
			.isEqualTo("intake-" + trajectory);
	}


	/**
	 * Only a certified coach is matched: one whose certification the administrator took back after the
	 * proposal cannot start the trajectory by accepting it. The coach reads why on the proposal, with
	 * the letter and date they wrote kept, and can still decline it.
	 */
	@Test
	void aCoachNoLongerCertifiedCannotAcceptAnOpenProposal() throws Exception {
		LocalDate start = Today.date().plusDays(3);
		matching.proposeCoach(trajectory, coach.id(), start, manager.id());
		profiles.changeMatching(coach.id(), 10, false, null, List.of("SURPLUS"));
		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(fixtures.as(coach))
			.param("startOn", start.toString()).param("letter", "Beste Dirk,\n\nWelkom! Ik ben Carla."))
			.andExpect(redirectedUrl("/coach/proposals/" + trajectory))
			.andExpect(flash().attribute("problem", "matching.illegal.acceptNotEligible"))
			.andExpect(flash().attribute("letter", "Beste Dirk,\n\nWelkom! Ik ben Carla."))
			.andExpect(flash().attribute("startOn", start));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.MATCHING);

		mvc.perform(post("/coach/proposals/{id}/decline", trajectory).with(csrf()).with(fixtures.as(coach))
			.param("reason", "COACH_FULL"))
			.andExpect(redirectedUrl("/coach"));
		assertThat(trajectories.byId(trajectory).orElseThrow().status()).isEqualTo(TrajectoryStatus.INTAKE);
	}

	private static Matching.Candidate candidate(String name, int load, int capacity, boolean certified, boolean specialist) {
		Account account = new Account(UUID.randomUUID(), UUID.randomUUID(), name.toLowerCase(Locale.ROOT) + "@example.nl", name,
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), true);
		return new Matching.Candidate(account, new CoachProfile(account.id(), capacity, certified, null, List.of(), null, true),
				load, specialist);
	}

	/** The coach gets one place, and a second coach with room joins the pool: the proposal below takes the place. */
	private Account coachFullWithAFreeOneInThePool() {
		profiles.changeMatching(coach.id(), 1, true, "NOLOC", List.of("SURPLUS"));
		Account free = fixtures.person(programme.organisationId(), "coach-" + UUID.randomUUID() + "@example.nl", "Bram Beschikbaar",
				Role.COACH);
		profiles.changeMatching(free.id(), 10, true, "NOLOC", List.of());
		pool.set(programme.id(), List.of(coach.id(), free.id()));
		return free;
	}
}

package nl.briefwissel.audit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class AuditTrailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail trail;

	@Autowired
	Accounts accounts;

	@Autowired
	Quarantine quarantine;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAccessStaysOnTheTrailWhenTheWorkAroundItIsRolledBack() {
		UUID entry = UUID.randomUUID();
		UUID trajectory = UUID.randomUUID();

		transactions.executeWithoutResult(status -> {
			trail.record(new AuditEntry(entry, null, null, "Coach", "coach@briefwissel.test", "COACH", AuditAction.READ,
					"/coach/trajectories/{id}", trajectory, null, null));
			status.setRollbackOnly();
		});

		assertThat(jdbc.sql("select count(*) from audit_entry where id = :id").param("id", entry).query(Long.class).single())
			.isEqualTo(1);
		assertThat(trail.ofTrajectory(trajectory)).extracting(AuditEntry::id).containsExactly(entry);
	}

	@Test
	void everyReadAndExportOfATrajectoryIsOnTheTrailAndItsCoachSeesWho() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(trajectory.coach());

		mvc.perform(get("/coach/trajectories/{id}", trajectory.id()).with(coach)).andExpect(status().isOk());
		mvc.perform(get("/coach/trajectories/{id}/report/pdf", trajectory.id()).with(coach)).andExpect(status().isOk());
		mvc.perform(get("/participant/report/{id}", trajectory.id()).with(fixtures.as(trajectory.participant())))
			.andExpect(status().isOk());

		List<AuditEntry> entries = trail.ofTrajectory(trajectory.id());
		assertThat(entries).extracting(AuditEntry::action, AuditEntry::route, AuditEntry::actorId)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "GET /coach/trajectories/{id}", trajectory.coach().id()),
					org.assertj.core.groups.Tuple.tuple(AuditAction.EXPORT, "GET /coach/trajectories/{id}/report/pdf",
							trajectory.coach().id()),
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "GET /participant/report/{id}",
							trajectory.participant().id()));

		mvc.perform(get("/coach/trajectories/{id}/access", trajectory.id()).with(coach))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(trajectory.participant().displayName())));
	}

	/**
	 * The coach reads who looked in words, as the participant does on their own page: the page showed the
	 * administrator's internal routes and ids (GET /coach/trajectories/{id}/report with id=…). The
	 * administrator's search keeps the exact route.
	 */
	@Test
	void theCoachReadsWhoLookedInWordsAndTheAdministratorTheRoute() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(trajectory.coach());
		mvc.perform(get("/coach/trajectories/{id}", trajectory.id()).with(coach)).andExpect(status().isOk());
		mvc.perform(get("/coach/trajectories/{id}/report/pdf", trajectory.id()).with(coach)).andExpect(status().isOk());

		for (String[] language : new String[][] { { "nl", "Opende de brieven, bijlagen of het verslag", "Downloadde het verslag of de gegevens" },
				{ "en", "Opened the letters, attachments or report", "Downloaded the report or data" } }) {
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc
				.perform(get("/coach/trajectories/{id}/access", trajectory.id()).param("all", "true").param("lang", language[0]).with(coach))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page.select("tbody tr").eachText()).as(language[0])
				.hasSize(2)
				.allSatisfy(row -> assertThat(row).contains(trajectory.coach().displayName()).doesNotContain("/coach/", "id="))
				.anySatisfy(row -> assertThat(row).contains(language[1]))
				.anySatisfy(row -> assertThat(row).contains(language[2]));
			assertThat(page.select("table code")).as(language[0]).isEmpty();
		}

		mvc.perform(get("/admin/audit").param("trajectory", trajectory.id().toString()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("GET /coach/trajectories/{id}/report/pdf")))
			.andExpect(content().string(containsString("Geëxporteerd")));
	}

	/**
	 * A form's answer that shows the whole conversation again (a letter with a mistake, the check
	 * without JavaScript) is a view of its content; the check while typing, which shows only the
	 * findings, and a letter that went are not.
	 */
	@Test
	void aFormsAnswerWithTheConversationIsOnTheTrail() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(trajectory.coach());
		String base = "/coach/trajectories/" + trajectory.id();
		mvc.perform(post(base + "/messages").param("text", " ").with(coach).with(csrf())).andExpect(status().isUnprocessableContent());
		mvc.perform(post(base + "/check").param("text", "Beste Dirk").with(coach).with(csrf())).andExpect(status().isOk());
		mvc.perform(post(base + "/check").param("text", "Beste Dirk").header("HX-Request", "true").with(coach).with(csrf()))
			.andExpect(status().isOk());
		mvc.perform(post(base + "/messages").param("text", "Beste Dirk, tot snel.").with(coach).with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(trail.ofTrajectory(trajectory.id())).extracting(AuditEntry::action, AuditEntry::route)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "POST /coach/trajectories/{id}/messages"),
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "POST /coach/trajectories/{id}/check"));
	}

	/** The participant's start page shows their question and goals, as they wrote them. */
	@Test
	void theParticipantsStartPageIsOnTheTrail() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		mvc.perform(get("/participant").with(fixtures.as(trajectory.participant()))).andExpect(status().isOk());
		assertThat(trail.search(new AuditTrail.Search(trajectory.participant().email(), null, null, null, null)))
			.extracting(AuditEntry::action, AuditEntry::route)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "GET /participant"));
	}

	@Test
	void aRefusedReadIsNotAnAccessAndAnotherCoachCannotSeeWhoLooked() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		mvc.perform(get("/coach/trajectories/{id}", trajectory.id()).with(fixtures.as(other.coach())))
			.andExpect(status().isNotFound());
		mvc.perform(get("/coach/trajectories/{id}/access", trajectory.id()).with(fixtures.as(other.coach())))
			.andExpect(status().isNotFound());
		assertThat(trail.ofTrajectory(trajectory.id())).isEmpty();
	}

	@Test
	void changesByManagersAndAdministratorsAreRecordedWithoutAnyMarkOnTheController() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(trajectory.organisationId(), "pm-" + UUID.randomUUID() + "@example.nl",
				"Manager Logboek", nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes").param("name", "Logboekprogramma").param("weeks", "6")
			.param("momentsPerWeek", "2").param("replyWithinDays", "2").param("retentionMonths", "24")
			.param("mailMode", "FULL_TEXT").with(fixtures.as(manager)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/accounts/{id}/unlock", trajectory.participant().id()).with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(trail.search(new AuditTrail.Search("Manager Logboek", AuditAction.ADMINISTRATION, null, null, null)))
			.extracting(AuditEntry::route)
			.containsExactly("POST /programme/programmes");
		// What was chosen, not only where: the settings of the programme.
		assertThat(trail.search(new AuditTrail.Search("Manager Logboek", AuditAction.ADMINISTRATION, null, null, null)))
			.extracting(AuditEntry::details)
			.singleElement().asString().contains("mailMode=FULL_TEXT", "retentionMonths=24", "weeks=6");
		assertThat(trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.ADMINISTRATION, null, null, null)))
			.extracting(AuditEntry::details)
			.contains("id=" + trajectory.participant().id());

		// Which role was given to whom: making someone an administrator is on the trail as that.
		mvc.perform(post("/admin/accounts/{id}/roles", trajectory.participant().id()).param("role", "COACH").param("grant", "true")
			.with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.ADMINISTRATION, null, null, null)))
			.extracting(AuditEntry::details)
			.contains("grant=true, id=" + trajectory.participant().id() + ", role=COACH");

		// The same change at an address written with an escaped letter reaches the same route: recorded too.
		var other = fixtures.runningTrajectory(true);
		mvc.perform(post(java.net.URI.create("/%61dmin/accounts/" + other.participant().id() + "/unlock")).with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.ADMINISTRATION, null, null, null)))
			.extracting(AuditEntry::details)
			.contains("id=" + other.participant().id());
	}

	/**
	 * A role taken back twice (a double click, a list left open) is taken back once: the second press is on the trail
	 * as already done, not as a second change.
	 */
	@Test
	void aRoleTakenBackTwiceIsOnTheTrailOnceAsAChangeAndOnceAsAlreadyDone() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(trajectory.organisationId(), "pm-" + UUID.randomUUID() + "@example.nl",
				"Manager Tweemaal", nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		for (int click = 0; click < 2; click++) {
			mvc.perform(post("/admin/accounts/{id}/roles", manager.id()).param("role", "PROGRAMME_MANAGER").param("grant", "false")
				.with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
		}
		assertThat(trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.ADMINISTRATION, null, null, null)))
			.extracting(AuditEntry::details)
			.filteredOn(details -> details != null && details.startsWith("grant=false, id=" + manager.id()))
			.containsExactlyInAnyOrder("grant=false, id=" + manager.id() + ", role=PROGRAMME_MANAGER",
					"grant=false, id=" + manager.id() + ", outcome=already, role=PROGRAMME_MANAGER");
	}

	/**
	 * A theme added twice (a double click) is added once: the second press is on the trail as already done, not as a
	 * second theme. Added again after it was switched off, it is switched on: a change.
	 */
	@Test
	void aThemeAddedTwiceIsOnTheTrailOnceAsAChangeAndOnceAsAlreadyDone() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(trajectory.organisationId(), "pm-" + UUID.randomUUID() + "@example.nl",
				"Manager Thema", nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		for (int click = 0; click < 2; click++) {
			addTheme(trajectory.programmeId(), manager);
		}
		mvc.perform(post("/programme/programmes/{id}/themes/{code}", trajectory.programmeId(), "ZORG_EN_WERK").param("active", "false")
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());
		addTheme(trajectory.programmeId(), manager);
		assertThat(trail.search(new AuditTrail.Search("Manager Thema", AuditAction.ADMINISTRATION, null, null, null)))
			.filteredOn(entry -> entry.route().equals("POST /programme/programmes/{id}/themes"))
			.extracting(AuditEntry::details)
			// Newest first (the trail's order): the theme switched on again is a change, the double click's second
			// press is "already", the first press a change; in any order a double click taken for a change would pass.
			.containsExactly("id=" + trajectory.programmeId(), "id=" + trajectory.programmeId() + ", outcome=already",
					"id=" + trajectory.programmeId());
	}

	private void addTheme(UUID programme, Account manager) throws Exception {
		mvc.perform(post("/programme/programmes/{id}/themes", programme).param("labelNl", "Zorg en werk")
			.param("labelEn", "Care and work").with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());
	}

	/**
	 * Creating a programme names the programme made, by its id and its name, as a change to one names it in its
	 * address: the line said only "POST /programme/programmes intakeAddress=". A refused form names none.
	 */
	@Test
	void creatingAProgrammeNamesTheProgrammeMade(@Autowired nl.briefwissel.organisation.Programmes programmes) throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(trajectory.organisationId(), "pm-" + UUID.randomUUID() + "@example.nl",
				"Manager Aangemaakt", nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes").param("name", "Talent, in beweging").param("intakeAddress", "")
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/programme/programmes").param("name", "").param("intakeAddress", "")
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());

		var made = programmes.ofOrganisation(trajectory.organisationId()).stream()
			.filter(programme -> programme.name().equals("Talent, in beweging")).findFirst().orElseThrow();
		var entries = trail.search(new AuditTrail.Search("Manager Aangemaakt", AuditAction.ADMINISTRATION, null, null, null));
		assertThat(entries).extracting(AuditEntry::details)
			.containsExactlyInAnyOrder("id=" + made.id() + ", intakeAddress=, name=Talent, in beweging", "intakeAddress=, outcome=refused");
	}

	/**
	 * The public intake opened or closed is on the trail with what was chosen; a refused form (weeks that
	 * are no number) is on it as refused, not as a change of the programme's settings.
	 */
	@Test
	void aChangesValuesAreOnTheTrailAndARefusedFormIsMarkedRefused() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account manager = fixtures.person(trajectory.organisationId(), "pm-" + UUID.randomUUID() + "@example.nl",
				"Manager Geweigerd", nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes/{id}/public-intake", trajectory.programmeId()).param("open", "false")
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/programme/programmes/{id}/settings", trajectory.programmeId()).param("weeks", "zes")
			.param("momentsPerWeek", "2").param("replyWithinDays", "2").param("retentionMonths", "24").param("mailMode", "FULL_TEXT")
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());

		var entries = trail.search(new AuditTrail.Search("Manager Geweigerd", AuditAction.ADMINISTRATION, null, null, null));
		assertThat(entries).filteredOn(entry -> entry.route().endsWith("/public-intake"))
			.extracting(AuditEntry::details)
			.singleElement().asString().contains("open=false").doesNotContain("refused");
		assertThat(entries).filteredOn(entry -> entry.route().endsWith("/settings"))
			.extracting(AuditEntry::details)
			.singleElement().asString().contains("weeks=zes", "outcome=refused");
	}

	/** A refused save of an assignment of the shared library, new or changed, is on the trail as refused. */
	@Test
	void aRefusedAssignmentFormIsMarkedRefused() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String name = "Beheer Opdracht " + UUID.randomUUID().toString().substring(0, 8);
		Account admin = fixtures.person(trajectory.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", name,
				nl.briefwissel.account.Role.ADMINISTRATOR);
		String title = "Gedeeld " + UUID.randomUUID();
		mvc.perform(post("/admin/assignments").param("title", title).param("type", "REFLECTION").param("minutes", "15")
			.param("language", "nl").param("instructions", "Schrijf.").with(fixtures.as(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/assignments").param("title", "").param("type", "REFLECTION").param("minutes", "15")
			.param("language", "nl").param("instructions", "Schrijf.").with(fixtures.as(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		UUID id = jdbc.sql("select id from assignment where title = :t").param("t", title).query(UUID.class).single();
		mvc.perform(post("/admin/assignments/{id}", id).param("title", title).param("type", "REFLECTION").param("minutes", "nul")
			.param("language", "nl").param("instructions", "Schrijf.").with(fixtures.as(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());

		var entries = trail.search(new AuditTrail.Search(name, AuditAction.ADMINISTRATION, null, null, null));
		assertThat(entries).filteredOn(entry -> entry.route().equals("POST /admin/assignments"))
			.extracting(AuditEntry::details).map(String::valueOf)
			.hasSize(2).filteredOn(details -> details.contains("outcome=refused")).hasSize(1);
		assertThat(entries).filteredOn(entry -> entry.route().equals("POST /admin/assignments/{id}"))
			.extracting(AuditEntry::details)
			.singleElement().asString().contains("outcome=refused");
	}

	@Test
	void theParticipantsExportAndTheProgrammeCsvAreExports() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		mvc.perform(get("/participant/export").with(fixtures.as(trajectory.participant()))).andExpect(status().isOk());
		mvc.perform(get("/programme/statistics.csv").with(fixtures.as(accounts.byEmail("programma@briefwissel.test").orElseThrow())))
			.andExpect(status().isOk());
		assertThat(trail.search(new AuditTrail.Search(trajectory.participant().email(), null, null, null, null)))
			.extracting(AuditEntry::action, AuditEntry::route)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.EXPORT, "GET /participant/export"));
		assertThat(trail.search(new AuditTrail.Search("programma@briefwissel.test", AuditAction.EXPORT, null, null, null)))
			.extracting(AuditEntry::route)
			.contains("GET /programme/statistics.csv");
	}

	@Test
	void anAdministratorOpensSomeonesMailOnlyWithAReasonThatIsRecorded() throws Exception {
		MimeMessage stray = new MimeMessage(Mailboxes.smtp(mailServer));
		stray.setFrom("iemand@example.nl");
		stray.setRecipients(RecipientType.TO, "reply+yyyyyyyyyyyyyyyyyyyyyyyyyy@briefwissel.test");
		String subject = "Zoekgeraakt " + UUID.randomUUID();
		stray.setSubject(subject);
		stray.setText("Persoonlijke woorden die niemand zonder reden leest.");
		Transport.send(stray);
		await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.all().stream().anyMatch(e -> subject.equals(e.subject())));
		UUID id = quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst().orElseThrow().inboundMailId();

		mvc.perform(get("/admin/quarantine/{id}", id).with(admin()))
			.andExpect(content().string(containsString("Waarom open je deze mail?")))
			.andExpect(content().string(not(containsString("Persoonlijke woorden"))));
		assertThat(trail.search(new AuditTrail.Search(null, AuditAction.READ, null, null, null)))
			.noneMatch(entry -> String.valueOf(entry.details()).contains(id.toString()));

		mvc.perform(post("/admin/quarantine/{id}", id).param("reason", "Afzender onbekend, traject zoeken").with(csrf()).with(admin()))
			.andExpect(content().string(containsString("Persoonlijke woorden")));
		assertThat(trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.READ, null, null, null)))
			.filteredOn(entry -> entry.details().contains(id.toString()))
			.extracting(AuditEntry::reason)
			.containsExactly("Afzender onbekend, traject zoeken");
		// The trajectories to choose from, by programme, each with its start: two people may share a name. Another than the
		// sender's is found by its participant's address (session 47: the select no longer lists every trajectory).
		var running = fixtures.runningTrajectory(true);
		String read = mvc.perform(get("/admin/quarantine/{id}/attach", id).param("search", running.participant().email()).with(admin()))
			.andReturn().getResponse().getContentAsString();
		org.jsoup.nodes.Element option = org.jsoup.Jsoup.parse(read).selectFirst("#trajectoryId option[value=" + running.id() + "]");
		assertThat(option.parent().tagName()).isEqualTo("optgroup");
		assertThat(option.text()).contains(running.participant().displayName()).contains("gestart ");
	}

	/**
	 * A data protection officer reads the trail in words, in the page's language: what was done, the chosen
	 * coaches by name and a refused form as refused. The line as stored stays on the row, word for word,
	 * under its own heading: the trail is evidence.
	 */
	@Test
	void anAdministratorReadsTheTrailInWordsWithTheStoredLineBesideIt() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String name = "Manager Leesbaar " + UUID.randomUUID().toString().substring(0, 8);
		Account manager = fixtures.person(trajectory.organisationId(), "pm-" + UUID.randomUUID() + "@example.nl", name,
				nl.briefwissel.account.Role.PROGRAMME_MANAGER);
		Account second = fixtures.person(trajectory.organisationId(), "coach-" + UUID.randomUUID() + "@example.nl",
				"Tweede Coach " + UUID.randomUUID().toString().substring(0, 8), nl.briefwissel.account.Role.COACH);
		mvc.perform(post("/programme/programmes/{id}/coaches", trajectory.programmeId())
			.param("coach", trajectory.coach().id().toString(), second.id().toString())
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/programme/programmes/{id}/settings", trajectory.programmeId()).param("weeks", "zes")
			.param("momentsPerWeek", "2").param("replyWithinDays", "2").param("retentionMonths", "24").param("mailMode", "FULL_TEXT")
			.with(fixtures.as(manager)).with(csrf())).andExpect(status().is3xxRedirection());
		// A day from a date field, stored as the browser sends it: read as the page's other days are.
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory.id()).param("coach", trajectory.coach().id().toString())
			.param("startOn", "2020-01-01").with(fixtures.as(manager)).with(csrf()));

		for (String[] language : new String[][] { { "nl", "Koos de e-coaches van een programma", "E-coaches: ",
				"Wijzigde de instellingen van een programma", "Uitkomst: geweigerd, er is niets gewijzigd", "Technische regel" },
				{ "en", "Chose the e-coaches of a programme", "E-coaches: ", "Changed the settings of a programme",
						"Outcome: refused, nothing was changed", "Technical line" } }) {
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/admin/audit").param("person", name)
				.param("lang", language[0]).with(admin())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
			var rows = page.select("tbody tr");
			assertThat(rows).as(language[0]).hasSize(3);
			org.jsoup.nodes.Element proposed = rows.stream().filter(row -> row.text().contains("/propose")).findFirst().orElseThrow();
			proposed.select("details").remove();
			assertThat(proposed.text()).as(language[0]).contains("nl".equals(language[0]) ? "1 jan" : "1 Jan").contains("2020")
				.doesNotContain("2020-01-01");
			org.jsoup.nodes.Element coaches = rows.stream().filter(row -> row.text().contains("/coaches")).findFirst().orElseThrow();
			org.jsoup.nodes.Element settings = rows.stream().filter(row -> row.text().contains("/settings")).findFirst().orElseThrow();
			// The stored line, whole, under its own heading.
			assertThat(coaches.select("details").text()).as(language[0]).contains(language[5],
					"POST /programme/programmes/{id}/coaches", trajectory.coach().id().toString(), second.id().toString());
			assertThat(settings.select("details").text()).as(language[0]).contains("outcome=refused", "weeks=zes");
			// And in words beside it.
			coaches.select("details").remove();
			settings.select("details").remove();
			assertThat(coaches.text()).as(language[0])
				.contains(language[1], language[2], trajectory.coach().displayName(), second.displayName())
				.doesNotContain(trajectory.coach().id().toString(), second.id().toString(), "POST ");
			assertThat(settings.text()).as(language[0]).contains(language[3], language[4]).doesNotContain("outcome=", "POST ");
			// A choice of the settings page said in that page's words, not as its code.
			assertThat(settings.text()).as(language[0])
				.contains("nl".equals(language[0]) ? "De hele tekst per mail" : "The whole text by mail")
				.doesNotContain("FULL_TEXT");
		}
	}

	@Test
	void administratorsSearchTheTrailAndAreToldWhatIsWrongWithTheirSearch() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		mvc.perform(get("/coach/trajectories/{id}", trajectory.id()).with(fixtures.as(trajectory.coach())));

		mvc.perform(get("/admin/audit").param("trajectory", trajectory.id().toString()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(trajectory.coach().displayName())))
			.andExpect(content().string(containsString("Gevonden regels: 1")));
		mvc.perform(get("/admin/audit").param("trajectory", "geen-kenmerk").param("from", "31-02-2026").with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Dit is geen traject-kenmerk")))
			.andExpect(content().string(containsString("Vul een datum in")));
		// A day the search cannot count with is a mistake to be told, not an error page.
		mvc.perform(get("/admin/audit").param("to", "+999999999-12-31").with(admin()))
			.andExpect(status().isUnprocessableContent()).andExpect(content().string(containsString("Vul een datum in")));
		mvc.perform(get("/admin/audit").param("from", "+5000000-01-01").with(admin()))
			.andExpect(status().isUnprocessableContent()).andExpect(content().string(containsString("Vul een datum in")));
		mvc.perform(get("/admin/audit").param("person", trajectory.coach().email()).param("lang", "en").with(admin()))
			.andExpect(content().string(containsString("Content read")));
	}

	/**
	 * "From" after "to" found nothing, and the page said only "No lines found": the administrator is
	 * told at the field that the two days are the wrong way round, in the page's language, as a day
	 * that cannot be read is told at its own field.
	 */
	@Test
	void aPeriodTheWrongWayRoundIsToldAtTheFieldInsteadOfFindingNothing() throws Exception {
		String dutch = mvc.perform(get("/admin/audit").param("from", "6-12-2026").param("to", "5-12-2026").with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(dutch);
		assertThat(page.select("#to-error").text()).startsWith("Deze dag ligt vóór de dag bij ‘Van’");
		assertThat(page.select("#to").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#to").attr("aria-describedby")).isEqualTo("to-error");
		assertThat(page.select("#to").val()).isEqualTo("5-12-2026");
		assertThat(page.select("#from").hasAttr("aria-invalid")).isFalse();
		assertThat(page.select("[role=alert] a[href=#to]").text()).startsWith("Tot en met: Deze dag ligt vóór");
		assertThat(dutch).doesNotContain("Geen regels gevonden");

		String english = mvc.perform(get("/admin/audit").param("from", "2026-12-06").param("to", "2026-12-05").param("lang", "en")
			.with(admin())).andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(english).select("#to-error").text()).startsWith("This day is before the day under ‘From’");
		assertThat(english).doesNotContain("No lines found");

		// The same day on both is a period of one day, and the other problems are told at their own fields too.
		String oneDay = mvc.perform(get("/admin/audit").param("from", "5-12-2026").param("to", "5-12-2026").with(admin()))
			.andReturn().getResponse().getContentAsString();
		assertThat(oneDay).doesNotContain("to-error");
		org.jsoup.nodes.Document wrong = org.jsoup.Jsoup.parse(mvc.perform(get("/admin/audit").param("trajectory", "geen-kenmerk")
			.param("from", "31-02-2026").with(admin())).andReturn().getResponse().getContentAsString());
		assertThat(wrong.select("#trajectory-error").text()).startsWith("Dit is geen traject-kenmerk");
		assertThat(wrong.select("#from-error").text()).startsWith("Vul een datum in");
	}

	/**
	 * A day typed as a Dutch or English reader writes it (5/12/2026, 5.12.2026) finds what the calendar's
	 * 2026-12-05 finds, as every date field reads a day (decision 0055): the trail read only 5-12-2026 and
	 * told the administrator to fill in a date. A year outside 2000-2099 is still a typing mistake.
	 */
	@Test
	void aDayTypedInAnyOfTheSharedFormsFindsTheSameLines() throws Exception {
		String person = "Datum Persoon " + UUID.randomUUID();
		java.time.ZoneId amsterdam = java.time.ZoneId.of("Europe/Amsterdam");
		trail.record(new AuditEntry(null, java.time.LocalDate.of(2026, 12, 5).atTime(11, 0).atZone(amsterdam).toOffsetDateTime(),
				UUID.randomUUID(), person, null, "COACH", AuditAction.READ, "GET /op-de-dag", null, null, null));
		trail.record(new AuditEntry(null, java.time.LocalDate.of(2026, 12, 6).atTime(11, 0).atZone(amsterdam).toOffsetDateTime(),
				UUID.randomUUID(), person, null, "COACH", AuditAction.READ, "GET /de-dag-erna", null, null, null));

		for (String day : List.of("2026-12-05", "5-12-2026", "5/12/2026", "5.12.2026", "05.12.2026")) {
			String page = mvc.perform(get("/admin/audit").param("person", person).param("from", day).param("to", day).with(admin()))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(routes(page)).as(day).containsExactly("GET /op-de-dag");
			assertThat(page).as(day).doesNotContain("Vul een datum in");
		}
		mvc.perform(get("/admin/audit").param("person", person).param("from", "5/12/1999").with(admin()))
			.andExpect(status().isUnprocessableContent()) // a refused search (decision 0139, amended)
			.andExpect(content().string(containsString("Vul een datum in")))
			.andExpect(content().string(not(containsString("GET /op-de-dag"))));
	}

	/**
	 * More lines than a page holds, all at the same moment (a busy minute): the page links to the
	 * older ones, and every line is on exactly one page. Only the newest 200 could be seen before, and
	 * no search by day could reach the rest of a busy day.
	 */
	@Test
	void anAdministratorPagesThroughEveryLineOfTheTrail() throws Exception {
		String person = "Pagina Persoon " + UUID.randomUUID();
		java.time.OffsetDateTime at = java.time.OffsetDateTime.now().minusMinutes(5).withNano(0);
		java.util.Set<String> written = new java.util.HashSet<>();
		for (int i = 0; i < AuditTrail.PAGE + 5; i++) {
			String route = "GET /pagina/" + i;
			trail.record(new AuditEntry(null, at, UUID.randomUUID(), person, null, "COACH", AuditAction.READ, route, null,
					null, null));
			written.add(route);
		}

		List<String> seen = new java.util.ArrayList<>();
		String page = mvc.perform(get("/admin/audit").param("person", person).with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		seen.addAll(routes(page));
		org.jsoup.nodes.Element older = org.jsoup.Jsoup.parse(page).selectFirst("a[rel=next]");
		assertThat(older).as("a link to the older lines").isNotNull();
		String next = mvc.perform(get(java.net.URI.create(older.attr("href"))).with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		seen.addAll(routes(next));

		assertThat(routes(page)).hasSize(AuditTrail.PAGE);
		assertThat(org.jsoup.Jsoup.parse(next).selectFirst("a[rel=next]")).as("the last page").isNull();
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
	}

	/** An underscore or a percent sign in a name or address is searched as typed, not as a wildcard. */
	@Test
	void aSearchFindsWhatWasTypedLetterForLetter() {
		String marker = UUID.randomUUID().toString();
		for (String name : List.of("jan_de_vries " + marker, "janXdeXvries " + marker, "100% " + marker, "1000 " + marker)) {
			trail.record(new AuditEntry(null, null, UUID.randomUUID(), name, null, "COACH", AuditAction.READ, "GET /zoeken",
					null, null, null));
		}

		assertThat(trail.search(new AuditTrail.Search("jan_de_vries " + marker, null, null, null, null)))
			.extracting(AuditEntry::actorName)
			.containsExactly("jan_de_vries " + marker);
		assertThat(trail.search(new AuditTrail.Search("100% " + marker, null, null, null, null)))
			.extracting(AuditEntry::actorName)
			.containsExactly("100% " + marker);
		// In any case, without the spaces around it, and a backslash as a backslash.
		trail.record(new AuditEntry(null, null, UUID.randomUUID(), "back\\slash " + marker, null, "COACH", AuditAction.READ,
				"GET /zoeken", null, null, null));
		assertThat(trail.search(new AuditTrail.Search("  JAN_DE_Vries " + marker.toUpperCase(java.util.Locale.ROOT) + " ", null,
				null, null, null)))
			.extracting(AuditEntry::actorName)
			.containsExactly("jan_de_vries " + marker);
		assertThat(trail.search(new AuditTrail.Search("K\\S", null, null, null, null)))
			.extracting(AuditEntry::actorName)
			.contains("back\\slash " + marker);
		// A lone % or _ finds the names that hold one, not every line.
		assertThat(trail.search(new AuditTrail.Search("%", null, null, null, null)))
			.extracting(AuditEntry::actorName)
			.contains("100% " + marker)
			.doesNotContain("1000 " + marker, "janXdeXvries " + marker);
		assertThat(trail.search(new AuditTrail.Search("_", null, null, null, null)))
			.extracting(AuditEntry::actorName)
			.contains("jan_de_vries " + marker)
			.doesNotContain("1000 " + marker, "janXdeXvries " + marker);
	}

	/**
	 * A trajectory read more often than a page holds: its coach pages through every time, as the page
	 * says, newest first. Only the newest 200 could be seen.
	 */
	@Test
	void aCoachPagesThroughEveryAccessOfTheirTrajectory() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(trajectory.coach());
		java.time.OffsetDateTime at = java.time.OffsetDateTime.now().minusMinutes(5).withNano(0);
		java.util.Set<String> written = new java.util.HashSet<>();
		for (int i = 0; i < AuditTrail.PAGE + 5; i++) {
			// Told apart by their reason: the coach's page shows no routes.
			String reason = "Reden " + i;
			trail.record(new AuditEntry(null, at.minusSeconds(i % 3), trajectory.coach().id(), trajectory.coach().displayName(),
					null, "COACH", AuditAction.READ, "GET /pagina/" + i, trajectory.id(), null, reason));
			written.add(reason);
		}
		String access = "/coach/trajectories/" + trajectory.id() + "/access";

		// Every line: by default the coach's own reads are counted, not listed (AccessByOthersTests).
		String page = mvc.perform(get(access).param("all", "true").with(coach)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		org.jsoup.nodes.Element older = org.jsoup.Jsoup.parse(page).selectFirst("a[rel=next]");
		assertThat(older).as("a link to the older lines").isNotNull();
		assertThat(older.attr("href")).startsWith(access + "?all=true&");
		String next = mvc.perform(get(java.net.URI.create(older.attr("href"))).with(coach))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(reasons(page)).hasSize(AuditTrail.PAGE);
		assertThat(org.jsoup.Jsoup.parse(next).selectFirst("a[rel=next]")).as("the last page").isNull();
		org.jsoup.nodes.Element newest = org.jsoup.Jsoup.parse(next).selectFirst("a:containsOwn(Terug naar de nieuwste regels)");
		assertThat(newest).as("back to the newest").isNotNull();
		assertThat(newest.attr("href")).isEqualTo(access + "?all=true");
		List<String> seen = new java.util.ArrayList<>(reasons(page));
		seen.addAll(reasons(next));
		assertThat(seen).filteredOn(reason -> reason.startsWith("Reden "))
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(written);
	}

	private static List<String> routes(String page) {
		return org.jsoup.Jsoup.parse(page).select("td code").eachText();
	}

	/** The reasons of a page's lines: its last column. */
	private static List<String> reasons(String page) {
		return org.jsoup.Jsoup.parse(page).select("tbody tr td:last-child").eachText();
	}

	/**
	 * A quarantined mail held for a trajectory, and a search that shows pieces of its letters, are reads
	 * of that trajectory: its trail holds them, whoever read (its coach, or an administrator with a
	 * reason). The workspace without a search shows no content and is not on the trail.
	 */
	@Test
	void aQuarantinedMailOfATrajectoryAndSearchHitsInItAreOnItsTrail(
			@Autowired nl.briefwissel.conversation.Conversations conversations) throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(trajectory.coach());
		String word = "zoekwoord" + UUID.randomUUID().toString().substring(0, 8);
		conversations.coachWrites(trajectory.id(), trajectory.coach().id(), "Wat betekent " + word + " voor je?");
		MimeMessage sent = Mailboxes.awaitMail(mailServer, trajectory.participant().email(), m -> true);
		MimeMessage stranger = new MimeMessage(Mailboxes.smtp(mailServer));
		stranger.setFrom("vreemde-" + UUID.randomUUID() + "@example.nl");
		stranger.setRecipients(RecipientType.TO, sent.getReplyTo());
		stranger.setSubject("Re: " + sent.getSubject());
		stranger.setText("Ik antwoord namens iemand anders.");
		Transport.send(stranger);
		await().atMost(Duration.ofSeconds(15)).until(() -> !quarantine.ofCoach(trajectory.coach().id()).isEmpty());
		Quarantine.Entry held = quarantine.ofCoach(trajectory.coach().id()).get(0);
		assertThat(held.trajectoryId()).isEqualTo(trajectory.id());

		mvc.perform(get("/coach/quarantine/{id}", held.inboundMailId()).with(coach)).andExpect(status().isOk());
		mvc.perform(post("/admin/quarantine/{id}", held.inboundMailId()).param("reason", "Afzender nagaan").with(csrf()).with(admin()))
			.andExpect(status().isOk());
		mvc.perform(get("/coach").param("q", word).with(coach)).andExpect(status().isOk());
		mvc.perform(get("/coach").with(coach)).andExpect(status().isOk());

		UUID administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		assertThat(trail.ofTrajectory(trajectory.id())).extracting(AuditEntry::action, AuditEntry::route, AuditEntry::actorId)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "GET /coach/quarantine/{id}", trajectory.coach().id()),
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "POST /admin/quarantine/{id}", administrator),
					org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "GET /coach", trajectory.coach().id()));
		assertThat(trail.ofTrajectory(trajectory.id())).filteredOn(entry -> entry.actorId().equals(administrator))
			.extracting(AuditEntry::reason)
			.containsExactly("Afzender nagaan");
	}

	/**
	 * The search by trajectory reads the trajectory's column alone (indexed): every line about it has the trajectory
	 * there, also a change written with it only in its details (a programme manager's refused handover, its address's
	 * id; a form's trajectoryId, in capitals), which the trail fills in as it writes. The coach's and the participant's
	 * pages of who looked still show no programme manager's handover or proposal: those are not accesses.
	 */
	@Test
	void theSearchByTrajectoryFindsEveryLineAboutItByItsColumn() {
		var trajectory = fixtures.runningTrajectory(true);
		UUID other = UUID.randomUUID();
		UUID read = UUID.randomUUID();
		UUID handover = UUID.randomUUID();
		UUID capitals = UUID.randomUUID();
		UUID unrelated = UUID.randomUUID();
		UUID account = UUID.randomUUID();
		// Each with the column as the interceptor writes it from the request (the address's {id}, the form's trajectoryId).
		trail.record(new AuditEntry(read, null, trajectory.coach().id(), "Coach", null, "COACH", AuditAction.READ,
				"GET /coach/trajectories/{id}", trajectory.id(), "id=" + trajectory.id(), null));
		trail.record(new AuditEntry(handover, null, UUID.randomUUID(), "Programmaleider", null, "PROGRAMME_MANAGER",
				AuditAction.ADMINISTRATION, "POST /programme/trajectories/{id}/handover", trajectory.id(),
				"coach=" + UUID.randomUUID() + ", id=" + trajectory.id() + ", outcome=refused", null));
		trail.record(new AuditEntry(capitals, null, UUID.randomUUID(), "Beheerder", null, "ADMINISTRATOR",
				AuditAction.ADMINISTRATION, "POST /admin/quarantine/{id}/attach", trajectory.id(),
				"id=" + UUID.randomUUID() + ", trajectoryId=" + trajectory.id().toString().toUpperCase(java.util.Locale.ROOT), null));
		trail.record(new AuditEntry(unrelated, null, UUID.randomUUID(), "Programmaleider", null, "PROGRAMME_MANAGER",
				AuditAction.ADMINISTRATION, "POST /programme/trajectories/{id}/handover", other, "id=" + other, null));
		trail.record(new AuditEntry(account, null, UUID.randomUUID(), "Beheerder", null, "ADMINISTRATOR",
				AuditAction.ADMINISTRATION, "POST /admin/accounts/{id}/roles", null, "grant=true, id=" + other, null));
		// What someone typed is never read back as the line's trajectory: a programme named so stays on no trajectory's trail.
		UUID typed = UUID.randomUUID();
		trail.record(new AuditEntry(typed, null, UUID.randomUUID(), "Programmaleider", null, "PROGRAMME_MANAGER",
				AuditAction.ADMINISTRATION, "POST /programme/programmes", null, "name=x, trajectoryId=" + trajectory.id(), null));

		assertThat(trail.search(new AuditTrail.Search(null, null, trajectory.id(), null, null))).extracting(AuditEntry::id)
			.containsExactlyInAnyOrder(read, handover, capitals);
		assertThat(trail.search(new AuditTrail.Search(null, null, other, null, null))).extracting(AuditEntry::id)
			.containsExactly(unrelated);
		assertThat(jdbc.sql("select count(*) from audit_entry where id in (:ids) and trajectory_id is null")
			.param("ids", List.of(account, typed)).query(Long.class).single()).isEqualTo(2);

		assertThat(trail.ofTrajectory(trajectory.id())).extracting(AuditEntry::id).containsExactlyInAnyOrder(read, capitals);
		assertThat(trail.ofTrajectoryByOthers(trajectory.id(), List.of(trajectory.coach().id()), null).entries())
			.extracting(AuditEntry::id).containsExactly(capitals);
		assertThat(trail.aboutTrajectoriesByOthers(List.of(trajectory.id()), trajectory.participant().id(), null).entries())
			.extracting(AuditEntry::id).containsExactlyInAnyOrder(read, capitals);
	}

	/**
	 * The interceptor fills the column from the request: a handover refused on the trajectory's address has it, a
	 * programme whose name holds "trajectoryId=" has none (the details' text is never read back as the trajectory).
	 */
	@Test
	void theColumnComesFromTheRequestNotFromWhatWasTyped() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		var manager = fixtures.managerOf(trajectory);
		mvc.perform(post("/programme/trajectories/{id}/handover", trajectory.id()).with(csrf()).with(fixtures.as(manager)));
		mvc.perform(post("/programme/programmes").param("name", "x, trajectoryId=" + trajectory.id()).with(csrf())
			.with(fixtures.as(manager)));
		assertThat(jdbc.sql("select route from audit_entry where trajectory_id = :id and actor_id = :actor")
			.param("id", trajectory.id()).param("actor", manager.id()).query(String.class).list())
			.containsExactly("POST /programme/trajectories/{id}/handover");
		assertThat(jdbc.sql("select count(*) from audit_entry where route = 'POST /programme/programmes' and actor_id = :actor")
			.param("actor", manager.id()).query(Long.class).single()).isPositive();
	}

	private RequestPostProcessor admin() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}
}

package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The administrator's quarantine (decision 0106). The trajectory select started on the first trajectory of the
 * list, someone else's, and "Add to this trajectory" put the sender's words into that conversation without a
 * word; a reason to open a mail went in the address; an empty one showed the form again without saying why; and
 * every row's link read "Open, with a reason".
 */
@BriefwisselTest
class AdministratorsQuarantineTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	Conversations conversations;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	AuditTrail trail;

	@Autowired
	MockMvc mvc;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	AcceptedAddresses accepted;

	/** As QuarantineController.LISTED, which the web package keeps to itself. */
	private static final int LISTED = 200;

	/**
	 * The administrator's list had no bound: every open entry of the platform, each opening its mail for the sender.
	 * It shows the newest 200 (QuarantineController.LISTED) and says there are more, in both languages.
	 */
	@Test
	void theAdministratorsListShowsTheNewestAndSaysThereAreMore() throws Exception {
		UUID source = strayFrom("veel-" + UUID.randomUUID() + "@example.nl");
		String columns = String.join(", ", jdbc.sql("""
				select column_name from information_schema.columns
				where upper(table_name) = 'INBOUND_MAIL' and upper(table_schema) = upper(current_schema)""")
			.query(String.class).list().stream()
			.filter(column -> !List.of("id", "dedup_key", "status").contains(column.toLowerCase(java.util.Locale.ROOT)))
			.toList());
		List<UUID> old = new java.util.ArrayList<>();
		try {
			// Older than the newest: it stays at the top of the list.
			java.time.OffsetDateTime newest = quarantine.entry(source).orElseThrow().quarantinedAt();
			for (int i = 0; i <= LISTED; i++) {
				UUID id = UUID.randomUUID();
				old.add(id);
				jdbc.sql("insert into inbound_mail (id, dedup_key, status, " + columns + ") select :id, :dedup, 'PROCESSED', " + columns
						+ " from inbound_mail where id = :source")
					.param("id", id).param("dedup", "bound-" + id).param("source", source).update();
				jdbc.sql("""
						insert into quarantined_mail (inbound_mail_id, reason, trajectory_id, quarantined_at)
						values (:id, 'sender unknown', null, :at)""")
					.param("id", id).param("at", newest.minusSeconds(i + 1)).update();
			}
			long open = quarantine.openCount();
			int pages = (int) ((open + LISTED - 1) / LISTED);
			for (String[] words : new String[][] { { "nl", "mails in quarantaine, " + pages + " pagina's met de nieuwste bovenaan" },
					{ "en", "mails in quarantine, on " + pages + " pages with the newest first" } }) {
				Document list = page(mvc.perform(get("/admin/quarantine").param("lang", words[0]).with(admin())).andExpect(status().isOk()));
				assertThat(list.select("table.utrecht-table").first().select("tbody tr")).as(words[0]).hasSize(LISTED);
				assertThat(list.select("#listed-newest").text()).as(words[0]).contains(words[1]);
				assertThat(list.select("a[href*=" + source + "]")).as("the newest is listed").isNotEmpty();
				assertThat(list.select("nav.bw-pagination a[rel=next]").attr("href")).as(words[0]).endsWith("/admin/quarantine?page=2");
			}
			// Every open entry on one of the pages, the oldest too (the retention job discards those first): before,
			// a flood of newer mail hid them.
			List<String> rows = new java.util.ArrayList<>();
			for (int number = 1; number <= pages; number++) {
				Document list = page(mvc.perform(get("/admin/quarantine").param("page", String.valueOf(number)).with(admin()))
					.andExpect(status().isOk()));
				rows.addAll(list.select("table.utrecht-table").first().select("tbody tr").eachText());
				assertThat(list.select("nav.bw-pagination a[rel=prev]").isEmpty()).isEqualTo(number == 1);
			}
			assertThat(rows).hasSize((int) open);
			Document withTheOldest = page(mvc.perform(get("/admin/quarantine").param("page", String.valueOf(pages)).with(admin()))
				.andExpect(status().isOk()));
			Document past = page(mvc.perform(get("/admin/quarantine").param("page", "999").with(admin())).andExpect(status().isOk()));
			assertThat(past.select("tbody tr").eachText()).as("a number past the end is the last page")
				.isEqualTo(withTheOldest.select("tbody tr").eachText());
			assertThat(quarantine.newest((pages - 1) * LISTED, LISTED)).extracting(Quarantine.Entry::inboundMailId)
				.as("the oldest of all on the last page").contains(quarantine.all().get((int) open - 1).inboundMailId());
		}
		finally {
			jdbc.sql("delete from quarantined_mail where inbound_mail_id in (:ids)").param("ids", old).update();
			jdbc.sql("delete from inbound_mail where id in (:ids)").param("ids", old).update();
		}
	}

	@Test
	void theTrajectoryListStartsOnNoTrajectoryAndAChoiceIsRequired() throws Exception {
		fixtures.runningTrajectory(true);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");

		Document page = page(open(id, "Traject zoeken").andExpect(status().isOk()));
		Element select = page.getElementById("trajectoryId");
		assertThat(select.hasAttr("required")).isTrue();
		Element first = select.selectFirst("option");
		assertThat(first.attr("value")).isEmpty();
		assertThat(first.text()).isEqualTo("Kies een traject");
		assertThat(select.select("option[selected]")).as("no trajectory chosen for the administrator")
			.singleElement().satisfies(option -> assertThat(option.attr("value")).isEmpty());

		for (String language : List.of("nl", "en")) {
			Document refused = page(mvc.perform(post("/admin/quarantine/{id}/attach", id).param("trajectoryId", "")
				.param("lang", language).with(csrf()).with(admin())).andExpect(status().isUnprocessableContent()));
			Element field = refused.getElementById("trajectoryId");
			assertThat(field.attr("aria-invalid")).isEqualTo("true");
			assertThat(field.hasAttr("autofocus")).isTrue();
			assertThat(describedBy(refused, field)).extracting(Element::text).contains(language.equals("nl")
					? "Kies het traject waar deze mail bij hoort." : "Choose the trajectory this mail belongs to.");
			assertThat(refused.text()).as("the mail is not shown again without a reason").doesNotContain("Woorden van iemand");
		}
		assertThat(quarantine.entry(id)).as("still waiting").isPresent();
	}

	@Test
	void addingAMailToAnotherParticipantsTrajectoryIsConfirmedOnAPageThatNamesBoth() throws Exception {
		var jeroen = fixtures.runningTrajectory(true);
		String sender = "sanne-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		UUID id = strayFrom(sender);

		Document asked = page(mvc.perform(post("/admin/quarantine/{id}/attach", id).param("trajectoryId", jeroen.id().toString())
			.with(csrf()).with(admin())).andExpect(status().isOk()));
		assertThat(asked.select("h1").text()).isEqualTo("Is deze mail van " + jeroen.participant().displayName() + "?");
		assertThat(asked.getElementById("not-the-participant").text()).contains(sender)
			.contains(jeroen.participant().displayName()).contains(jeroen.coach().displayName());
		assertThat(conversations.of(jeroen.id())).as("nothing added before the administrator confirms").isEmpty();
		Element confirm = asked.selectFirst("form:has(input[name=confirmed][value=true])");
		assertThat(confirm.selectFirst("input[name=trajectoryId]").attr("value")).isEqualTo(jeroen.id().toString());

		mvc.perform(post("/admin/quarantine/{id}/attach", id).param("trajectoryId", jeroen.id().toString())
			.param("confirmed", "true").with(csrf()).with(admin())).andExpect(redirectedUrl("/admin/quarantine#resolved"));
		assertThat(conversations.of(jeroen.id())).singleElement()
			.satisfies(letter -> assertThat(letter.body()).contains("Woorden van iemand"));
	}

	/**
	 * An application's trajectory, or one without a coach, takes no mail: no coach reads its conversation, and a letter
	 * put there waited unseen. It is not offered, and refused when sent all the same.
	 */
	@Test
	void aMailIsNotAddedToATrajectoryWhoseConversationNoCoachReads() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var withoutCoach = fixtures.runningTrajectory(false);
		UUID intake = trajectories.record(running.programmeId(), fixtures.person(running.organisationId(),
				"aanmelder-" + UUID.randomUUID() + "@example.nl", "Aanmelder", nl.briefwissel.account.Role.PARTICIPANT).id(),
				null, TrajectoryStatus.INTAKE, "NEXT_STEP", null, null);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");

		// Found by their participants' addresses: the choice lists no trajectory that is not the sender's (session 47).
		Document found = page(search(id, running.participant().email(), "nl").andExpect(status().isOk()));
		assertThat(found.select("#trajectoryId option[value=" + running.id() + "]")).hasSize(1);
		for (String address : List.of(accounts.byId(trajectories.byId(intake).orElseThrow().participantId()).orElseThrow().email(),
				withoutCoach.participant().email())) {
			Document none = page(search(id, address, "nl").andExpect(status().isOk()));
			assertThat(none.select("#trajectoryId option[value=" + intake + "]")).isEmpty();
			assertThat(none.select("#trajectoryId option[value=" + withoutCoach.id() + "]")).isEmpty();
			assertThat(none.getElementById("search-result").text()).startsWith("Geen traject gevonden bij " + address);
		}

		for (UUID trajectory : List.of(intake, withoutCoach.id())) {
			Document refused = page(mvc.perform(post("/admin/quarantine/{id}/attach", id).param("trajectoryId", trajectory.toString())
				.param("confirmed", "true").with(csrf()).with(admin())).andExpect(status().isUnprocessableContent()));
			assertThat(refused.getElementById("trajectoryId-error").text()).contains("er is nog geen e-coach die het gesprek leest");
			assertThat(conversations.of(trajectory)).isEmpty();
		}
		assertThat(quarantine.entry(id)).isPresent();
	}

	/**
	 * The select listed every trajectory of the platform: twenty thousand options, most of them other people's
	 * conversations. It lists the sender's own and the one the mail was held for; another is found by its participant's
	 * address or its number, on the page of the choice (without the mail: it was read for a reason).
	 */
	@Test
	void theChoiceListsNoUnrelatedTrajectoryAndASearchFindsAnother() throws Exception {
		var unrelated = fixtures.runningTrajectory(true);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");

		Document mail = page(open(id, "Traject zoeken").andExpect(status().isOk()));
		assertThat(mail.select("#trajectoryId option")).as("a stranger has no trajectory: only the empty choice")
			.extracting(option -> option.attr("value")).containsExactly("");
		Element form = mail.selectFirst("form:has(#search)");
		assertThat(form.attr("method")).isEqualTo("get");
		assertThat(form.attr("action")).endsWith("/admin/quarantine/" + id + "/attach");
		assertThat(mail.selectFirst("label[for=search]").text()).isEqualTo("Ander traject zoeken");

		// By what an administrator knows of someone too: the participant's name, or part of it, in any case.
		// Letters always: the name's random hex part alone had fewer than two in one run in seven, a search refused as such.
		String partOfTheName = unrelated.participant().displayName().substring("Deel".length()).toUpperCase(java.util.Locale.ROOT);
		for (String typed : List.of(unrelated.participant().email().toUpperCase(java.util.Locale.ROOT), " " + unrelated.id() + " ",
				partOfTheName)) {
			Document found = page(search(id, typed, "nl").andExpect(status().isOk()));
			assertThat(found.select("#trajectoryId option[selected]")).as(typed).singleElement()
				.satisfies(option -> assertThat(option.attr("value")).isEqualTo(unrelated.id().toString()));
			assertThat(found.getElementById("search-result").text()).startsWith("Eén traject gevonden bij " + typed.strip());
			assertThat(found.text()).as("the mail is not shown again without a reason").doesNotContain("Woorden van iemand");
		}
		Document english = page(search(id, unrelated.id().toString(), "en").andExpect(status().isOk()));
		assertThat(english.getElementById("search-result").text()).startsWith("One trajectory found for " + unrelated.id());

		mvc.perform(post("/admin/quarantine/{id}/attach", id).param("trajectoryId", unrelated.id().toString())
			.param("confirmed", "true").with(csrf()).with(admin())).andExpect(redirectedUrl("/admin/quarantine#resolved"));
		assertThat(conversations.of(unrelated.id())).singleElement()
			.satisfies(letter -> assertThat(letter.body()).contains("Woorden van iemand"));
	}

	/**
	 * A participant's name is searched letter for letter, in any case and without the spaces around it: a typed % or
	 * _ is a letter, not a wildcard that finds every participant, and a backslash is a backslash.
	 */
	@Test
	void aParticipantsNameIsSearchedAsTyped() {
		String tag = "zoek" + UUID.randomUUID().toString().substring(0, 8);
		UUID marked = participantNamed("Jan_de_Vries 100% " + tag + " a\\b");
		UUID plain = participantNamed("JanXdeXVries 1000 " + tag + " aXb");

		assertThat(accepted.ofParticipantName(" " + tag.toUpperCase(java.util.Locale.ROOT) + " ", 1000)).contains(marked, plain);
		assertThat(accepted.ofParticipantName("  JAN_DE_vries ", 1000)).contains(marked).doesNotContain(plain);
		assertThat(accepted.ofParticipantName("100% " + tag, 1000)).containsExactly(marked);
		assertThat(accepted.ofParticipantName(tag + " a\\b", 1000)).containsExactly(marked);
		for (String wildcard : List.of("%", "_", "%%", "\\%")) {
			assertThat(accepted.ofParticipantName(wildcard, 1000)).as(wildcard).doesNotContain(plain);
		}
		assertThat(accepted.ofParticipantName("%", 1000)).contains(marked);
		assertThat(accepted.ofParticipantName("_", 1000)).contains(marked);
	}

	private UUID participantNamed(String name) {
		var trajectory = fixtures.runningTrajectory(true);
		jdbc.sql("update account set display_name = :name where id = :id").param("name", name)
			.param("id", trajectory.participant().id()).update();
		return trajectory.id();
	}

	/**
	 * The hint asks for what an administrator knows (the participant's name or address) in plain words: it told them to
	 * copy a code after id= from the audit trail. The number is still found in the address of the e-coach's page of
	 * the trajectory, which the e-coach can send, pasted whole, or on the audit trail's lines of that page (id=…).
	 */
	@Test
	void theNumberIsFoundInTheAddressTheECoachSendsOrOnTheAuditTrail() throws Exception {
		var unrelated = fixtures.runningTrajectory(true);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");
		for (String[] words : new String[][] { { "nl", "De naam van de deelnemer", "vraag het dan aan de e-coach", "twee letters" },
				{ "en", "The participant's name", "ask the e-coach", "two letters" } }) {
			Document page = page(search(id, "j", words[0]).andExpect(status().isUnprocessableContent()));
			assertThat(page.getElementById("search-hint").text()).as(words[0]).contains(words[1], words[2])
				.doesNotContain("id=", "logboek", "audit trail");
			assertThat(page.getElementById("search-error").text()).as(words[0]).contains(words[3]);
		}
		for (String typed : List.of("https://briefwissel.example.nl/coach/trajectories/" + unrelated.id() + "/messages?page=2",
				"id=" + unrelated.id())) {
			Document found = page(search(id, typed, "nl").andExpect(status().isOk()));
			assertThat(found.select("#trajectoryId option[selected]")).as(typed).singleElement()
				.satisfies(option -> assertThat(option.attr("value")).isEqualTo(unrelated.id().toString()));
		}
	}

	/**
	 * A name search over 200 characters was refused with „Vul minstens twee letters…”, which was not true; and „a.” or
	 * „--” passed the two-letter minimum, which counted characters. Each is refused with what is wrong.
	 */
	@Test
	void aSearchTooLongOrWithoutTwoLettersSaysWhatIsWrong() throws Exception {
		fixtures.runningTrajectory(true);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");
		String tooLong = "Sanne ".repeat(40).strip();
		for (String[] words : new String[][] { { "nl", "Deze zoekopdracht is te lang" }, { "en", "This search is too long" } }) {
			Document refused = page(search(id, tooLong, words[0]).andExpect(status().isUnprocessableContent()));
			assertThat(refused.getElementById("search-error").text()).as(words[0]).startsWith(words[1]);
			assertThat(refused.getElementById("search").attr("value")).isEqualTo(tooLong);
		}
		for (String typed : List.of("a.", "--")) {
			Document refused = page(search(id, typed, "nl").andExpect(status().isUnprocessableContent()));
			assertThat(refused.getElementById("search-error").text()).as(typed).startsWith("Vul minstens twee letters");
		}
	}

	/** A search that is neither an address nor a number is said at the field and in the summary; one that finds nothing says so. */
	@Test
	void aBadSearchSaysSo() throws Exception {
		fixtures.runningTrajectory(true);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");

		for (String[] words : new String[][] { { "nl", "Vul minstens twee letters van de naam van de deelnemer in" },
				{ "en", "Fill in at least two letters of the participant's name" } }) {
			Document refused = page(search(id, "j", words[0]).andExpect(status().isUnprocessableContent()));
			Element field = refused.getElementById("search");
			assertThat(field.attr("value")).isEqualTo("j");
			assertThat(field.attr("aria-invalid")).isEqualTo("true");
			assertThat(describedBy(refused, field)).extracting(Element::text).anySatisfy(text -> assertThat(text).startsWith(words[1]));
			Element summary = refused.getElementById("error-summary");
			assertThat(summary.attr("role")).isEqualTo("alert");
			assertThat(summary.selectFirst("a[href=#search]").text()).startsWith(words[1]);
			assertThat(refused.select("#trajectoryId option")).extracting(option -> option.attr("value")).containsExactly("");
		}
		Document empty = page(search(id, "  ", "nl").andExpect(status().isUnprocessableContent()));
		assertThat(empty.getElementById("search-error").text()).isEqualTo("Vul de naam of het e-mailadres van de deelnemer in.");
		// A name nobody has is a search that finds nothing, not a refused one.
		Document noName = page(search(id, "Niemand " + UUID.randomUUID(), "nl").andExpect(status().isOk()));
		assertThat(noName.getElementById("search-result").text()).startsWith("Geen traject gevonden bij Niemand");

		String nobody = "niemand-" + UUID.randomUUID() + "@example.nl";
		Document none = page(search(id, nobody, "nl").andExpect(status().isOk()));
		assertThat(none.getElementById("search-result").text()).startsWith("Geen traject gevonden bij " + nobody);
		assertThat(none.getElementById("error-summary")).isNull();
		Document unknown = page(search(id, UUID.randomUUID().toString(), "en").andExpect(status().isOk()));
		assertThat(unknown.getElementById("search-result").text()).startsWith("No trajectory found for");
	}

	/**
	 * The sender's trajectories in the administrator's choice were the first twenty the database gave, cut before
	 * those that take no mail (an application's, one without a coach) were left out, in no order: of a participant
	 * with many, the one that runs could be missing. Only those that take mail are counted, running or paused first,
	 * then the newest.
	 */
	@Test
	void theRunningTrajectoryOfASenderWithManyIsListedFirst(@Autowired AcceptedAddresses accepted) throws Exception {
		var own = fixtures.runningTrajectory(true);
		java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
		jdbc.sql("update trajectory set created_at = :at where id = :id").param("at", now.minusYears(3)).param("id", own.id()).update();
		List<UUID> ended = new java.util.ArrayList<>();
		for (int i = 0; i < 25; i++) {
			UUID done = trajectories.record(own.programmeId(), own.participant().id(), own.coach().id(), TrajectoryStatus.COMPLETED,
					"NEXT_STEP", Today.date().minusYears(2), Today.date().minusYears(1));
			jdbc.sql("update trajectory set created_at = :at where id = :id").param("at", now.minusYears(2).plusDays(i))
				.param("id", done).update();
			ended.add(0, done);
			UUID applied = trajectories.record(own.programmeId(), own.participant().id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP",
					null, null);
			jdbc.sql("update trajectory set created_at = :at where id = :id").param("at", now.minusDays(i)).param("id", applied).update();
		}

		List<UUID> expected = new java.util.ArrayList<>(List.of(own.id()));
		expected.addAll(ended.subList(0, 19));
		assertThat(accepted.ofAddress(own.participant().email(), 20)).containsExactlyElementsOf(expected);

		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");
		Document found = page(search(id, own.participant().email(), "nl").andExpect(status().isOk()));
		assertThat(found.select("#trajectoryId option")).extracting(option -> option.attr("value")).contains(own.id().toString())
			.hasSize(21);
	}

	/** Only administrators search the platform's trajectories. */
	@Test
	void onlyAdministratorsSearch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");
		mvc.perform(get("/admin/quarantine/{id}/attach", id).param("search", running.participant().email())
			.with(fixtures.as(running.coach()))).andExpect(status().isForbidden());
	}

	/**
	 * The sender is the participant of one running trajectory (the other of theirs ended since the mail came): that one
	 * is chosen already, and added without a question.
	 */
	@Test
	void theSendersOwnTrajectoryIsChosenAlready(@Autowired nl.briefwissel.organisation.Programmes programmes,
			@Autowired nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle) throws Exception {
		var own = fixtures.runningTrajectory(true);
		var otherProgramme = programmes.create(own.organisationId(), "Tweede programma", null, null);
		UUID second = trajectories.record(otherProgramme.id(), own.participant().id(), own.coach().id(), TrajectoryStatus.RUNNING,
				"GROWTH", Today.date(), null);
		UUID id = strayFrom(own.participant().email());
		assertThat(quarantine.entry(id).orElseThrow().trajectoryId()).as("two open trajectories: the administrators'").isNull();
		lifecycle.complete(second, own.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);

		Document page = page(open(id, "Bij welk traject hoort dit").andExpect(status().isOk()));
		assertThat(page.select("#trajectoryId option[selected]")).singleElement()
			.satisfies(option -> assertThat(option.attr("value")).isEqualTo(own.id().toString()));

		mvc.perform(post("/admin/quarantine/{id}/attach", id).param("trajectoryId", own.id().toString()).with(csrf()).with(admin()))
			.andExpect(redirectedUrl("/admin/quarantine#resolved"));
		assertThat(conversations.of(own.id())).hasSize(1);
	}

	/**
	 * The reason goes in the form's body, not the address (browser history, access logs): a reason in the address
	 * opens nothing. An empty one is said at the field, in the reader's language, and nothing is read or recorded.
	 */
	@Test
	void theReasonIsPostedAndAnEmptyOneIsSaidAtTheField() throws Exception {
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");

		Document asked = page(mvc.perform(get("/admin/quarantine/{id}", id).param("reason", "In het adres").with(admin()))
			.andExpect(status().isOk()));
		assertThat(asked.text()).contains("Waarom open je deze mail?").doesNotContain("Woorden van iemand");
		assertThat(asked.selectFirst("form:has(#reason)").attr("method")).isEqualTo("post");

		for (String language : List.of("nl", "en")) {
			Document refused = page(open(id, "   ", language).andExpect(status().isUnprocessableContent()));
			assertThat(refused.text()).doesNotContain("Woorden van iemand");
			Element field = refused.getElementById("reason");
			assertThat(field.attr("aria-invalid")).isEqualTo("true");
			assertThat(field.hasAttr("autofocus")).isTrue();
			assertThat(describedBy(refused, field)).extracting(Element::text).contains(language.equals("nl")
					? "Vul een reden in: zonder reden open je de mail niet. Je reden komt met je naam in het logboek."
					: "Fill in a reason: without one the mail does not open. Your reason goes into the audit trail with your name.");
		}
		assertThat(trail.search(new AuditTrail.Search(null, AuditAction.READ, null, null, null)))
			.noneMatch(entry -> String.valueOf(entry.details()).contains(id.toString()));
		mvc.perform(post("/admin/quarantine/{id}", id).param("reason", "Zonder formulier").with(admin()))
			.andExpect(status().isForbidden());

		assertThat(page(open(id, "Afzender nagaan").andExpect(status().isOk())).text()).contains("Woorden van iemand");
		assertThat(trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.READ, null, null, null)))
			.filteredOn(entry -> String.valueOf(entry.details()).contains(id.toString()))
			.extracting(AuditEntry::route, AuditEntry::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST /admin/quarantine/{id}", "Afzender nagaan"));
	}

	/**
	 * A reason longer than the trail keeps is refused at its field, in the reader's language, with the words given back
	 * to shorten: it went on the trail cut off unseen. Nothing is read or recorded; the box says how long one may be.
	 */
	@Test
	void aReasonTooLongIsSaidAtTheFieldWithTheWordsKept() throws Exception {
		UUID id = strayFrom("vreemde-" + UUID.randomUUID() + "@example.nl");
		assertThat(page(mvc.perform(get("/admin/quarantine/{id}", id).with(admin())).andExpect(status().isOk()))
			.getElementById("reason").attr("maxlength")).isEqualTo("1000");
		String tooLong = "Melding van de coach over deze afzender. ".repeat(60);

		for (String language : List.of("nl", "en")) {
			Document refused = page(open(id, tooLong, language).andExpect(status().isUnprocessableContent()));
			assertThat(refused.text()).doesNotContain("Woorden van iemand");
			Element field = refused.getElementById("reason");
			assertThat(field.attr("aria-invalid")).isEqualTo("true");
			assertThat(field.attr("value")).isEqualTo(tooLong);
			assertThat(field.attr("maxlength")).isEqualTo("1000");
			assertThat(describedBy(refused, field)).extracting(Element::text).contains(language.equals("nl")
					? "Je reden is te lang: hoogstens 1.000 tekens. Maak hem korter; hij komt met je naam in het logboek."
					: "Your reason is too long: 1,000 characters at most. Please shorten it; it goes into the audit trail with your name.");
		}
		assertThat(trail.search(new AuditTrail.Search(null, AuditAction.READ, null, null, null)))
			.noneMatch(entry -> String.valueOf(entry.details()).contains(id.toString()));

		assertThat(page(open(id, "x".repeat(1000)).andExpect(status().isOk())).text()).contains("Woorden van iemand");
	}

	/** Each row's link says which mail it opens to a screen reader's list of links (WCAG 2.4.4). */
	@Test
	void eachLinkToOpenAMailNamesItsRow() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		UUID first = strayFrom("eerste-" + run + "@example.nl");
		UUID second = strayFrom("tweede-" + run + "@example.nl");

		Document list = page(mvc.perform(get("/admin/quarantine").with(admin())).andExpect(status().isOk()));
		Element toFirst = list.selectFirst("a[href$=" + first + "]");
		Element toSecond = list.selectFirst("a[href$=" + second + "]");
		assertThat(toFirst.text()).startsWith("Openen, met een reden").contains("eerste-" + run + "@example.nl");
		assertThat(toSecond.text()).startsWith("Openen, met een reden").contains("tweede-" + run + "@example.nl");
		assertThat(toFirst.selectFirst(".bw-visually-hidden")).as("unseen: the row shows the sender already").isNotNull();
		assertThat(toFirst.text()).isNotEqualTo(toSecond.text());
	}

	private ResultActions search(UUID id, String typed, String language) throws Exception {
		return mvc.perform(get("/admin/quarantine/{id}/attach", id).param("search", typed).param("lang", language).with(admin()));
	}

	private ResultActions open(UUID id, String reason) throws Exception {
		return open(id, reason, "nl");
	}

	private ResultActions open(UUID id, String reason, String language) throws Exception {
		return mvc.perform(post("/admin/quarantine/{id}", id).param("reason", reason).param("lang", language).with(csrf())
			.with(admin()));
	}

	/** A new mail to the reply mailbox, without a reply address, as it waits in the administrators' quarantine. */
	private UUID strayFrom(String from) {
		String subject = "Los " + UUID.randomUUID();
		byte[] raw = ("From: " + from + "\r\nTo: reply@briefwissel.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
				+ UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWoorden van iemand.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of("reply@briefwissel.test"));
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow()
			.inboundMailId();
	}

	private static Document page(ResultActions result) throws Exception {
		return Jsoup.parse(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	private org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		Account administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		return fixtures.as(administrator);
	}
}

package nl.briefwissel.organisation;

import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Role;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.Today;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class ProgrammeSettingsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Test
	void aManagerChangesTheSettingsAndRunningTrajectoriesKeepTheirRhythm() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);

		mvc.perform(settings(running.programmeId(), "8", "3", "2", "24", "NOTIFICATION", "aanmelden@example.nl")
			.with(user(users.loadUserByUsername(manager.email()))))
			.andExpect(flash().attribute("settingsSaved", running.programmeId()))
			.andExpect(redirectedUrl("/programme#settings-" + running.programmeId()));

		Programme changed = programmes.byId(running.programmeId()).orElseThrow();
		assertThat(changed.weeks()).isEqualTo(8);
		assertThat(changed.momentsPerWeek()).isEqualTo(3);
		assertThat(changed.mailMode()).isEqualTo(MailMode.NOTIFICATION);
		assertThat(changed.intakeAddress()).isEqualTo("aanmelden@example.nl");
		assertThat(trajectories.byId(running.id()).orElseThrow().plan().orElseThrow().size()).isEqualTo(12);
		var later = fixtures.anotherFor(running, Today.date());
		assertThat(trajectories.byId(later.id()).orElseThrow().plan().orElseThrow().size()).isEqualTo(24);
	}

	/**
	 * The retention field says, where it is read with the field, that a new period is for those who apply
	 * afterwards and that every trajectory keeps the one its participant was told (decision 0134); the note under
	 * the form spoke of the rhythm only, while the period changed for every trajectory at once.
	 */
	@Test
	void theRetentionFieldSaysANewPeriodIsForThoseWhoApplyAfterwards() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		String id = running.programmeId().toString();
		for (String[] language : new String[][] { { "nl", "geldt voor wie zich hierna aanmeldt",
				"houdt de bewaartermijn die gold toen de deelnemer zich aanmeldde" },
				{ "en", "applies to those who apply from now on", "keeps the retention period that applied when its participant applied" } }) {
			Document page = Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0]).with(fixtures.as(manager)))
				.andReturn().getResponse().getContentAsString());
			assertThat(describedBy(page, page.getElementById("retention-" + id))).singleElement()
				.satisfies(help -> assertThat(help.text()).contains(language[1], language[2]));
		}
	}

	/**
	 * The notification-only choice read "(NTA 7516)", while participants sign in with a mailed link or a password and
	 * need no second factor: the standard also asks that the recipient is authenticated appropriately. The choice
	 * names no standard; its help says what it does, and that this alone does not meet NTA 7516, in both languages.
	 */
	@Test
	void theNotificationChoiceClaimsNoStandardItsSignInDoesNotMeet() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		String id = running.programmeId().toString();
		for (String[] language : new String[][] { { "nl", "Alleen een melding met een link; lezen na inloggen",
				"inloggen in twee stappen is voor hen niet verplicht", "voldoet dit niet vanzelf aan NTA 7516" },
				{ "en", "Only a notification with a link; read after signing in", "two-step sign-in is not required of them",
						"does not meet NTA 7516" } }) {
			Document page = Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0]).with(fixtures.as(manager)))
				.andReturn().getResponse().getContentAsString());
			Element mode = page.getElementById("mode-" + id);
			assertThat(mode.selectFirst("option[value=NOTIFICATION]").text()).as(language[0]).isEqualTo(language[1]);
			assertThat(mode.select("option").eachText()).noneMatch(option -> option.contains("7516"));
			// The second description is the whole text's (decision 0142); the first is the notification's.
			assertThat(describedBy(page, mode)).extracting(Element::id).containsExactly("mode-help-" + id, "mode-full-text-" + id);
			assertThat(describedBy(page, mode).get(0).text()).contains(language[2], language[3]);
		}
	}

	@Test
	void settingsOutsideTheRangesAreExplainedAndChangeNothing() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		mvc.perform(settings(running.programmeId(), "3", "4", "2", "24", "FULL_TEXT", "geen adres")
			.with(user(users.loadUserByUsername(manager.email()))))
			.andExpect(flash().attributeExists("settingsMessages"));
		assertThat(programmes.byId(running.programmeId()).orElseThrow().weeks()).isEqualTo(6);
	}

	/** Back on the page, the manager finds the settings as typed, not the stored ones, and each mistake at its field. */
	@Test
	void aSettingsMistakeGivesBackWhatWasTypedWithTheSentenceAtItsField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		var refused = mvc.perform(settings(running.programmeId(), "20", "3", "2", "24", "NOTIFICATION", "geen adres")
			.with(fixtures.as(manager)))
			.andExpect(redirectedUrl("/programme#settings-" + running.programmeId()))
			.andReturn();
		assertThat(programmes.byId(running.programmeId()).orElseThrow().weeks()).isEqualTo(6);

		// The flash message travels with the session, as in a browser.
		Document page = Jsoup.parse(mvc.perform(get("/programme").cookie(refused.getResponse().getCookies())
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		String id = running.programmeId().toString();
		Element settings = page.getElementById("settings-" + id);
		assertThat(settings).isNotNull();
		assertThat(settings.hasAttr("open")).isTrue();

		Element weeks = page.getElementById("weeks-" + id);
		assertThat(weeks.attr("value")).isEqualTo("20");
		assertThat(weeks.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, weeks)).extracting(Element::id).containsExactly("weeks-error-" + id);
		assertThat(page.getElementById("weeks-error-" + id).text()).isNotBlank();
		assertThat(page.getElementById("weeks-error-" + id).closest("details")).isSameAs(settings);

		Element intake = page.getElementById("intake-" + id);
		assertThat(intake.attr("value")).isEqualTo("geen adres");
		assertThat(intake.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, intake)).extracting(Element::id).containsExactly("intake-error-" + id);

		Element moments = page.getElementById("moments-" + id);
		assertThat(moments.attr("value")).as("a right value typed with wrong ones").isEqualTo("3");
		assertThat(moments.hasAttr("aria-invalid")).isFalse();
		assertThat(page.getElementById("mode-" + id).selectFirst("option[selected]").val()).isEqualTo("NOTIFICATION");
		// The focus goes to the error summary (which links to the first field in error), and nothing else asks for it.
		assertThat(page.select("[autofocus]")).extracting(Element::id).containsExactly("settings-errors-" + id);
	}

	/**
	 * Six wrong fields were said only each at itself, with the focus on the first: the settings form has the
	 * error summary of the intake and privacy forms, an alert that takes the focus and links to each refused field
	 * in the form's order with the sentence said at the field.
	 */
	@Test
	void sixWrongSettingsAreSummedUpAboveTheFormInItsOrder() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		var refused = mvc.perform(settings(running.programmeId(), "20", "x", "9", "3", "EVERYTHING", "geen adres")
			.with(fixtures.as(manager)))
			.andExpect(redirectedUrl("/programme#settings-" + running.programmeId()))
			.andReturn();

		Document page = Jsoup.parse(mvc.perform(get("/programme").cookie(refused.getResponse().getCookies())
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		String id = running.programmeId().toString();
		Element summary = page.getElementById("settings-errors-" + id);
		assertThat(summary).as("the error summary").isNotNull();
		assertThat(summary.attr("role")).isEqualTo("alert");
		assertThat(summary.attr("tabindex")).isEqualTo("-1");
		assertThat(summary.hasAttr("autofocus")).isTrue();
		assertThat(summary.closest("form")).isSameAs(page.getElementById("weeks-" + id).closest("form"));
		// A heading under the programme's own (h2), not beside it.
		assertThat(summary.selectFirst("h3").text()).isEqualTo("Nog niet alles is goed ingevuld");
		List<String> fields = List.of("weeks", "moments", "reply", "retention", "mode", "intake");
		assertThat(summary.select("li a")).extracting(link -> link.attr("href"))
			.containsExactlyElementsOf(fields.stream().map(field -> "#" + field + "-" + id).toList());
		for (String field : fields) {
			Element input = page.getElementById(field + "-" + id);
			assertThat(input.attr("aria-invalid")).as(field).isEqualTo("true");
			// Its message last, after a field's own help where it has one (retention: decision 0134; mail mode: what a
			// notification does and does not do, and what the whole text does, decision 0142).
			assertThat(describedBy(page, input)).as(field).extracting(Element::id)
				.containsExactlyElementsOf(field.equals("retention") ? List.of(field + "-help-" + id, field + "-error-" + id)
						: field.equals("mode") ? List.of(field + "-help-" + id, field + "-full-text-" + id, field + "-error-" + id)
						: List.of(field + "-error-" + id));
			assertThat(summary.selectFirst("a[href=#" + field + "-" + id + "]").text()).as(field)
				.isEqualTo(page.getElementById(field + "-error-" + id).text());
		}
		assertThat(page.getElementById("mode-error-" + id).text())
			.isEqualTo("Deze keuze voor berichten per mail bestaat niet. Kies de hele tekst of alleen een melding.");
		assertThat(page.select("[autofocus]")).extracting(Element::id).containsExactly("settings-errors-" + id);
		assertThat(page.select("[role=alert]")).as("no summary for a form without mistakes").containsExactly(summary);
	}

	/** A mail mode not in the list was told to type a whole number; it gets a sentence of its own, in both languages. */
	@Test
	void aMailModeNotInTheListGetsItsOwnSentence() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		mvc.perform(settings(running.programmeId(), "7", "2", "2", "24", "EVERYTHING", "").with(fixtures.as(manager)))
			.andExpect(flash().attribute("settingsMessages", java.util.Map.of("mailMode",
					"Deze keuze voor berichten per mail bestaat niet. Kies de hele tekst of alleen een melding.")));
		// With a value that is no number beside it, each field is checked on its own: the same sentence.
		mvc.perform(settings(running.programmeId(), "x", "2", "2", "24", "EVERYTHING", "").with(fixtures.as(manager))
			.param("lang", "en"))
			.andExpect(flash().attribute("settingsMessages", java.util.Map.of("weeks", "Enter a whole number in each number field.",
					"mailMode", "That choice for messages by mail does not exist. Choose the whole text or a notification only.")));
		assertThat(programmes.byId(running.programmeId()).orElseThrow().weeks()).isEqualTo(6);
	}

	/**
	 * A value that is no number was said alone, and the manager met the other four mistakes only after fixing it:
	 * every field in error is said at once, the one that is no number with its own sentence.
	 */
	@Test
	void aValueThatIsNoNumberIsSaidTogetherWithEveryOtherMistake() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		mvc.perform(settings(running.programmeId(), "13", "0", "x", "3", "FULL_TEXT", "geen adres")
			.with(fixtures.as(manager)))
			.andExpect(redirectedUrl("/programme#settings-" + running.programmeId()))
			.andExpect(flash().attribute("settingsMessages", java.util.Map.of(
					"weeks", "Kies een lengte van 4 tot en met 12 weken.",
					"momentsPerWeek", "Kies 1, 2 of 3 contactmomenten per week.",
					"replyWithinDays", "Vul bij elk getal een heel getal in.",
					"retentionMonths", "Kies een bewaartermijn van 6 tot en met 120 maanden.",
					"intakeAddress", "Vul een geldig e-mailadres in als aanmeldadres, of laat het leeg.")));
		assertThat(programmes.byId(running.programmeId()).orElseThrow().weeks()).isEqualTo(6);
	}

	/** The form has no browser checks (novalidate): an emptied number gets the field's own sentence, not the validator's. */
	@Test
	void anEmptiedNumberIsExplainedWithTheFieldsOwnSentence() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		mvc.perform(settings(running.programmeId(), "", "", "", "", "FULL_TEXT", "")
			.with(fixtures.as(manager)))
			.andExpect(redirectedUrl("/programme#settings-" + running.programmeId()))
			.andExpect(flash().attribute("settingsMessages", java.util.Map.of(
					"weeks", "Kies een lengte van 4 tot en met 12 weken.",
					"momentsPerWeek", "Kies 1, 2 of 3 contactmomenten per week.",
					"replyWithinDays", "Kies een antwoordtermijn van 1 tot en met 5 werkdagen.",
					"retentionMonths", "Kies een bewaartermijn van 6 tot en met 120 maanden.")));
		assertThat(programmes.byId(running.programmeId()).orElseThrow().weeks()).isEqualTo(6);
	}

	@Test
	void anIntakeAddressOfAnotherProgrammeIsSaidAtTheAddressField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.person(running.organisationId(), "pm-" + running.id() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		String taken = "bezet-" + running.id() + "@briefwissel.test";
		programmes.create(running.organisationId(), "Ander programma", taken, null);
		var refused = mvc.perform(settings(running.programmeId(), "7", "2", "2", "24", "FULL_TEXT", taken)
			.with(fixtures.as(manager)))
			.andExpect(redirectedUrl("/programme#settings-" + running.programmeId()))
			.andReturn();

		Document page = Jsoup.parse(mvc.perform(get("/programme").cookie(refused.getResponse().getCookies())
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		String id = running.programmeId().toString();
		assertThat(page.getElementById("weeks-" + id).attr("value")).isEqualTo("7");
		Element intake = page.getElementById("intake-" + id);
		assertThat(intake.attr("value")).isEqualTo(taken);
		assertThat(intake.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, intake)).singleElement().satisfies(error -> assertThat(error.text()).isNotBlank());
		assertThat(programmes.byId(running.programmeId()).orElseThrow().weeks()).isEqualTo(6);
	}

	@Test
	void aManagerOfAnotherOrganisationCannotChangeTheProgramme() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(settings(running.programmeId(), "8", "2", "2", "24", "FULL_TEXT", "")
			.with(user(users.loadUserByUsername("programma@briefwissel.test")))).andExpect(status().isNotFound());
		mvc.perform(settings(running.programmeId(), "8", "2", "2", "24", "FULL_TEXT", "")
			.with(user(users.loadUserByUsername(running.coach().email())))).andExpect(status().isForbidden());
	}

	private static MockHttpServletRequestBuilder settings(java.util.UUID programme, String weeks, String moments,
			String reply, String retention, String mode, String intake) {
		return post("/programme/programmes/{id}/settings", programme).param("weeks", weeks)
			.param("momentsPerWeek", moments)
			.param("replyWithinDays", reply)
			.param("retentionMonths", retention)
			.param("mailMode", mode)
			.param("intakeAddress", intake)
			.with(csrf());
	}
}

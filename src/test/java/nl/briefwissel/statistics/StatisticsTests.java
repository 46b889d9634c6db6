package nl.briefwissel.statistics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Figures without content, and no group under five, on the page and in the CSV. */
@BriefwisselTest
class StatisticsTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final java.util.Locale DUTCH = java.util.Locale.forLanguageTag("nl");

	private static final String SECRET = "Mijn leidinggevende weet nog niet dat ik wil vertrekken";

	@Autowired
	MockMvc mvc;

	@Autowired
	org.springframework.context.MessageSource messages;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Conversations conversations;

	@Test
	void smallGroupsAreHiddenAndCannotBeWorkedOutFromTheTotal() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("GROWTH", 10);
		counts.put("GRIP", 3);
		counts.put("SURPLUS", 7);
		Distribution themes = Distribution.of(counts);
		assertThat(themes.cells()).as("a small group is not named, and the smallest other joins it").containsOnlyKeys("GROWTH");
		assertThat(themes.cells().get("GROWTH").shown(false, DUTCH)).isEqualTo("10");
		assertThat(themes.other().shown(false, DUTCH)).isEqualTo("10");
		assertThat(themes.total().shown(false, DUTCH)).isEqualTo("20");
		// Two small groups: together they are not named either, whatever the total says.
		Distribution two = Distribution.of(Map.of("GROWTH", 20, "GRIP", 1, "SURPLUS", 1));
		assertThat(two.cells()).as("2 would be shown, so GROWTH joins the two").isEmpty();
		assertThat(two.other().shown(false, DUTCH)).isEqualTo("22");
		// Small groups that are five together stay together, and nobody is named under five.
		Distribution together = Distribution.of(Map.of("GROWTH", 9, "GRIP", 4, "SURPLUS", 1));
		assertThat(together.cells()).containsOnlyKeys("GROWTH");
		assertThat(together.other().shown(false, DUTCH)).isEqualTo("5");
		for (Distribution any : List.of(themes, two, together)) {
			assertThat(any.cells().values()).allSatisfy(cell -> assertThat(cell.people()).isGreaterThanOrEqualTo(Figure.MINIMUM));
		}
		assertThat(Distribution.of(Map.of("GRIP", 3)).total().shown(false, DUTCH)).isEqualTo("< 5");
		assertThat(Distribution.of(Map.of("GRIP", 3)).other().shown(false, DUTCH)).isEqualTo("< 5");
		assertThat(Distribution.of(Map.of("GRIP", 6, "GROWTH", 5)).cells().values()).noneMatch(Figure::suppressed);
		assertThat(Distribution.of(Map.of("GRIP", 6, "GROWTH", 5)).other()).isNull();
		assertThat(Figure.count(0).shown(false, DUTCH)).isEqualTo("0");
		assertThat(Figure.average(7.25, 4).shown(true, DUTCH)).isEqualTo("< 5");
		assertThat(Figure.average(null, 0).shown(true, DUTCH)).isEqualTo("–");
		assertThat(Figure.average(7.25, 5).shown(true, DUTCH)).isEqualTo("7,3");
		assertThat(Figure.average(7.25, 5).shown(true, java.util.Locale.ENGLISH)).isEqualTo("7.3");
	}

	/**
	 * A reason hidden in its month stays hidden over any period that takes that month in: January had
	 * one "no response" among six stops (hidden there), February six. Summed over the period first,
	 * January–February showed 7 against February's 6, and so the one January stop's reason.
	 */
	@Test
	void aReasonHiddenInItsMonthCannotBeWorkedOutFromTwoPeriods() {
		Map<String, Integer> january = Map.of("NO_RESPONSE", 1, "NO_TIME", 5);
		Map<String, Integer> february = Map.of("NO_RESPONSE", 6, "NO_TIME", 5);
		Distribution both = Distribution.ofMonths(List.of(january, february));
		Distribution februaryOnly = Distribution.ofMonths(List.of(february));
		assertThat(both.cells().get("NO_RESPONSE").people()).isEqualTo(6).isEqualTo(februaryOnly.cells().get("NO_RESPONSE").people());
		assertThat(both.cells().get("NO_TIME").people()).isEqualTo(5);
		assertThat(both.other().people()).as("January's table, all of it small groups").isEqualTo(6);
		assertThat(both.total().people()).isEqualTo(17);
		assertThat(februaryOnly.other()).isNull();
		assertThat(Distribution.ofMonths(List.of(january)).cells()).isEmpty();
		assertThat(both.cells().values()).allSatisfy(cell -> assertThat(cell.people()).isGreaterThanOrEqualTo(Figure.MINIMUM));
		assertThat(both.cells().keySet()).as("largest first").containsExactly("NO_RESPONSE", "NO_TIME");
	}

	/**
	 * January–March with five answers, January–April with one more: the sixth person's score would
	 * follow from the two. Months under five answers do not count, so both periods show the same.
	 */
	@Test
	void oneMoreEvaluationCannotBeWorkedOutFromTwoPeriods() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Evaluaties " + suffix);
		var programme = programmes.create(organisation.id(), "Evaluatieprogramma " + suffix, null, null);
		for (int i = 0; i < 5; i++) {
			evaluation(programme.id(), LocalDate.of(2026, 2, 1), 7);
		}
		evaluation(programme.id(), LocalDate.of(2026, 4, 1), 1);

		var toMarch = statistics.of(programme, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));
		var toApril = statistics.of(programme, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30));
		assertThat(toMarch.evaluations().shown(false, DUTCH)).isEqualTo("5");
		assertThat(toApril.evaluations().shown(false, DUTCH)).isEqualTo("5");
		assertThat(toApril.satisfaction().shown(true, DUTCH)).isEqualTo(toMarch.satisfaction().shown(true, DUTCH)).isEqualTo("7,0");
		assertThat(statistics.of(programme, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30)).evaluations().shown(false, DUTCH))
			.isEqualTo("0");

		for (int i = 0; i < 4; i++) {
			evaluation(programme.id(), LocalDate.of(2026, 4, 1), 9);
		}
		var withApril = statistics.of(programme, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30));
		assertThat(withApril.evaluations().shown(false, DUTCH)).as("April has five now").isEqualTo("10");

		// The month under way grows one answer at a time: looked at twice, it would give the last one away.
		LocalDate thisMonth = Today.date().withDayOfMonth(1);
		for (int i = 0; i < 6; i++) {
			evaluation(programme.id(), thisMonth, 4);
		}
		assertThat(statistics.of(programme, thisMonth, Today.date()).evaluations().shown(false, DUTCH)).isEqualTo("0");
	}

	private void evaluation(UUID programmeId, LocalDate month, int satisfaction) {
		jdbc.sql("""
				insert into evaluation_answer (id, programme_id, answered_month, satisfaction, answered_before, answered_after,
				    recommend, helped_most)
				values (:id, :p, :month, :s, 5, 7, true, 'WRITING')""")
			.param("id", UUID.randomUUID())
			.param("p", programmeId)
			.param("month", month)
			.param("s", satisfaction)
			.update();
	}

	/**
	 * Stops and evaluations count by whole months that are over with five or more, so a month's three
	 * evaluations, or a period of this month only, gave "0" where three were filled in: a manager read
	 * that nobody answered. The cell says no month counted, and the page says which months the monthly
	 * figures take in (the caption's period starts on the 6th; its month counts whole).
	 */
	@Test
	void monthlyFiguresSayWhichMonthsTheyCountAndNoneCountedIsNotZero() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Maanden " + suffix);
		var programme = programmes.create(organisation.id(), "Maandprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-m-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate thisMonth = Today.date().withDayOfMonth(1);
		for (int i = 0; i < 3; i++) {
			evaluation(programme.id(), thisMonth.minusMonths(2), 8);
		}
		String from = thisMonth.minusMonths(3).plusDays(5).toString();
		java.time.format.DateTimeFormatter monthName = java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", DUTCH);

		String page = mvc.perform(get("/programme/statistics").param("from", from).param("until", Today.date().toString())
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		org.jsoup.nodes.Document shown = org.jsoup.Jsoup.parse(page);
		assertThat(shown.select("tr:contains(Ingevulde evaluaties) td").text()).isEqualTo("Geen afgelopen maand met vijf of meer");
		assertThat(shown.select("tr:contains(Gestopt) td").text()).isEqualTo("Geen afgelopen maand met vijf of meer");
		assertThat(shown.select("h3:contains(Gestopt, per reden) + p").text()).as("stops in months under five are not none")
			.isEqualTo("Geen afgelopen maand met vijf stops of meer in deze periode.");
		assertThat(shown.text()).contains("over de hele maanden " + monthName.format(thisMonth.minusMonths(3)) + " tot en met "
				+ monthName.format(thisMonth.minusMonths(1)));

		String current = mvc.perform(get("/programme/statistics").param("from", thisMonth.toString())
			.param("until", Today.date().toString()).param("lang", "en").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString();
		org.jsoup.nodes.Document none = org.jsoup.Jsoup.parse(current);
		assertThat(none.select("tr:contains(Evaluations filled in) td").text()).isEqualTo("No past month with five or more");
		assertThat(none.text()).contains("in this period no month is over yet");

		String csv = new String(mvc.perform(get("/programme/statistics.csv").param("from", from).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv).contains("\"Ingevulde evaluaties (afgelopen maanden met vijf of meer)\";\"Geen afgelopen maand met vijf of meer\"");

		for (int i = 0; i < 2; i++) {
			evaluation(programme.id(), thisMonth.minusMonths(2), 8);
		}
		String five = mvc.perform(get("/programme/statistics").param("from", thisMonth.minusMonths(2).toString())
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(five).select("tr:contains(Ingevulde evaluaties) td").text()).isEqualTo("5");
		String oneMonth = mvc.perform(get("/programme/statistics").param("from", thisMonth.minusMonths(2).plusDays(9).toString())
			.param("until", thisMonth.minusMonths(2).plusDays(11).toString()).with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(oneMonth).text()).as("three days of a month: the month counts whole")
			.contains("over de hele maand " + monthName.format(thisMonth.minusMonths(2)) + ",");
		assertThat(org.jsoup.Jsoup.parse(oneMonth).select("tr:contains(Ingevulde evaluaties) td").text()).isEqualTo("5");
	}

	/** A Dutch reader, and Dutch Excel reading the semicolon CSV, get a decimal comma; an English one a point. */
	@Test
	void decimalsAreWrittenInTheReadersLanguageOnThePageAndInTheCsv() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Decimalen " + suffix);
		var programme = programmes.create(organisation.id(), "Decimaalprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-d-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate month = Today.date().withDayOfMonth(1).minusMonths(2);
		for (int satisfaction : new int[] { 8, 8, 8, 8, 7 }) {
			evaluation(programme.id(), month, satisfaction);
		}
		String from = month.toString();
		String until = month.plusMonths(1).minusDays(1).toString();

		String dutchPage = mvc.perform(get("/programme/statistics").param("from", from).param("until", until)
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(dutchPage).contains(">7,8<").doesNotContain(">7.8<");
		String englishPage = mvc.perform(get("/programme/statistics").param("from", from).param("until", until).param("lang", "en")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(englishPage).contains(">7.8<").doesNotContain(">7,8<");

		var dutchCsv = mvc.perform(get("/programme/statistics.csv").param("from", from).param("until", until)
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(new String(dutchCsv.getContentAsByteArray(), StandardCharsets.UTF_8))
			.contains("\"Tevredenheid (1–10)\";\"7,8\"").doesNotContain("7.8");
		var englishCsv = mvc.perform(get("/programme/statistics.csv").param("from", from).param("until", until).param("lang", "en")
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(new String(englishCsv.getContentAsByteArray(), StandardCharsets.UTF_8))
			.contains("\"Satisfaction (1–10)\";\"7.8\"").doesNotContain("7,8");
	}

	/**
	 * A year of 999999999 made every date calculation overflow into an error page. A last day far ahead is counted
	 * up to today; a first day far back was moved to 1 January 2000 without a word, and is now refused at its field
	 * (see {@link #aDayBeforeTheEarliestIsRefusedAtItsFieldSayingTheEarliestDay}).
	 */
	@Test
	void aPeriodOutsideThisCenturyIsCountedUpToTodayOrRefusedAtItsField() throws Exception {
		var organisation = organisations.create("Gemeente Periode " + UUID.randomUUID().toString().substring(0, 8));
		programmes.create(organisation.id(), "Periodeprogramma", null, null);
		Account manager = fixtures.person(organisation.id(), "pm-p-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		// The last day is today at the latest (there are no figures after it): a far future is counted up to today.
		mvc.perform(get("/programme/statistics").param("until", "+999999999-12-31")
			.with(fixtures.as(manager))).andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"" + Today.date() + "\"")));
		mvc.perform(get("/programme/statistics").param("from", "-999999999-01-01").param("until", "+999999999-12-31")
			.with(fixtures.as(manager))).andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("vóór 1 januari 2000")));
		mvc.perform(get("/programme/statistics.csv").param("until", "+999999999-12-31").with(fixtures.as(manager)))
			.andExpect(status().isOk());
	}

	/**
	 * The product walk asked for the figures from 1 January 1900 and was shown them from 1 January 2000, with nothing
	 * to say so, where a first day after today is refused. A day before the earliest is refused the same way: 422,
	 * at its field, in either language, saying the earliest day, with what was typed kept and no figures.
	 */
	@Test
	void aDayBeforeTheEarliestIsRefusedAtItsFieldSayingTheEarliestDay() throws Exception {
		Coached setup = aProgrammeWithACoach("Vroeg");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-vr-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		var dutch = mvc.perform(get("/programme/statistics").param("from", "1900-01-01").with(fixtures.as(manager)))
			.andReturn().getResponse();
		assertThat(dutch.getStatus()).isEqualTo(422);
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(dutch.getContentAsString());
		assertThat(page.getElementById("from").val()).isEqualTo("1900-01-01");
		assertThat(page.getElementById("from").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById("from-error").text()).contains("vóór 1 januari 2000").contains("Kies 1 januari 2000 of een latere dag");
		assertThat(page.getElementById("period-errors").select("a").eachAttr("href")).containsExactly("#from");
		assertThat(page.select("article.bw-card")).as("no figures of another period").isEmpty();
		assertThat(page.text()).doesNotContain("van 1 januari 2000");

		org.jsoup.nodes.Document english = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/statistics").param("from", "1900-01-01")
			.param("lang", "en").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(english.getElementById("from-error").text()).contains("before 1 January 2000").contains("Choose 1 January 2000 or a later day");
		// The earliest day is Period's, given to the sentence as a day of the page's language: written out in the
		// sentence too, the two could differ.
		for (java.util.Locale language : List.of(java.util.Locale.forLanguageTag("nl"), java.util.Locale.ENGLISH)) {
			assertThat(messages.getMessage(TypedPeriod.BEFORE_EARLIEST, null, language)).as(language.toString())
				.contains("{0}").doesNotContain("2000");
		}
		// The evaluations page says it the same, and its note under the refused period says what to do.
		org.jsoup.nodes.Document evaluations = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/evaluations")
			.param("from", "1900-01-01").with(fixtures.as(manager))).andExpect(status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString());
		assertThat(evaluations.getElementById("from-error").text()).contains("vóór 1 januari 2000");
		assertThat(evaluations.text()).contains("wat er niet klopt, staat bij het veld").doesNotContain("datums die we kunnen lezen");

		var lastDay = mvc.perform(get("/programme/statistics").param("until", "31-12-1999").with(fixtures.as(manager)))
			.andReturn().getResponse();
		assertThat(lastDay.getStatus()).isEqualTo(422);
		org.jsoup.nodes.Document lastDayPage = org.jsoup.Jsoup.parse(lastDay.getContentAsString());
		assertThat(lastDayPage.getElementById("until").val()).isEqualTo("31-12-1999");
		assertThat(lastDayPage.getElementById("until-error").text()).contains("vóór 1 januari 2000");
		assertThat(lastDayPage.getElementById("from-error")).isNull();
		assertThat(mvc.perform(get("/programme/statistics.csv").param("from", "1900-01-01").with(fixtures.as(manager)))
			.andReturn().getResponse().getStatus()).isEqualTo(422);
		// The earliest day itself is a period like any other.
		mvc.perform(get("/programme/statistics").param("from", "2000-01-01").with(fixtures.as(manager)))
			.andExpect(status().isOk());
	}

	/** A programme's name is anyone's text: in the CSV it never starts a formula, also not after a minus. */
	@Test
	void theCsvNeverStartsAFormula() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Formules " + suffix);
		programmes.create(organisation.id(), "-1+HYPERLINK(\"http://example.nl\";\"klik\") " + suffix, null, null);
		programmes.create(organisation.id(), "\t=1+1 " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-f-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);

		var csv = mvc.perform(get("/programme/statistics.csv").with(fixtures.as(manager))).andReturn().getResponse();
		String text = new String(csv.getContentAsByteArray(), StandardCharsets.UTF_8);
		// A programme's name is stored without control characters (TypedName), so the tab before the second is gone.
		assertThat(text).contains("\"'-1+HYPERLINK(").contains("\"'=1+1 " + suffix).doesNotContain("\"-1+HYPERLINK")
			.doesNotContain("\"=1+1").doesNotContain("\t");
	}

	@Test
	void aManagerSeesFiguresOfTheirOwnProgrammesWithoutAWordOfContent() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Cijfers " + suffix);
		var programme = programmes.create(organisation.id(), "Cijferprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Coach", Role.COACH);
		UUID last = null;
		for (int i = 0; i < 15; i++) {
			Account participant = fixtures.person(organisation.id(), "d" + i + "-" + suffix + "@example.nl", "Deelnemer " + i,
					Role.PARTICIPANT);
			last = trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING,
					i < 7 ? "GROWTH" : i < 13 ? "NEXT_STEP" : "GRIP", Today.date().minusDays(10), null);
			if (i < 3) {
				conversations.participantWrites(last, participant.id(), SECRET + " " + i);
				conversations.coachWrites(last, coach.id(), "Antwoord " + i);
			}
		}
		lifecycle.stop(last, coach.id(), Reason.NO_TIME, "Geen tijd door verbouwing thuis");

		String page = mvc.perform(get("/programme/statistics").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Cijferprogramma " + suffix).contains("&lt; 5").contains("class=\"bw-bars\"").contains("Berekend om ")
			.contains("Kleinere groepen samen")
			.doesNotContain(SECRET).doesNotContain("Antwoord 1").doesNotContain("verbouwing").doesNotContain("Deelnemer 3");
		assertThat(page).doesNotContain("E-coaching loopbaan"); // another organisation's programme

		var csv = mvc.perform(get("/programme/statistics.csv").with(fixtures.as(manager))).andReturn().getResponse();
		String text = new String(csv.getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv.getContentType()).startsWith("text/csv");
		// Response times of this month: not yet, it is not over (and it had fewer than five trajectories with letters).
		assertThat(text).contains("\"Programma\";\"Cijfer\";\"Waarde\"").contains("\"Gestart\";\"15\"")
			.contains("\"Gemiddelde tijd tot het antwoord van de e-coach (uren; afgelopen maanden met vijf trajecten of meer)\";\"–\"")
			.doesNotContain(SECRET).doesNotContain("verbouwing");
		assertThat(mvc.perform(get("/programme/statistics").with(fixtures.as(coach))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	/**
	 * HR read "Afgerond < 5" here and "Afgerond 3" on the programmes page and did not know which was right. Both are
	 * (decision 0125): the page says why it hides small counts, and where this manager finds their own programme's.
	 */
	@Test
	void thePageSaysWhySmallCountsAreHiddenAndWhereTheExactOnesAre() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Waarom " + suffix);
		programmes.create(organisation.id(), "Waaromprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-w-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		for (String[] language : new String[][] {
				{ "nl", "om door te geven", "Programma's" },
				{ "en", "to be passed on", "Programmes" } }) {
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/statistics").param("lang", language[0])
				.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
			org.jsoup.nodes.Element why = page.getElementById("small-counts");
			assertThat(why).as(language[0]).isNotNull();
			assertThat(why.text()).contains("< 5").contains(language[1]);
			assertThat(why.select("a").eachAttr("href")).containsExactly("/programme");
			assertThat(why.select("a").text()).contains(language[2]);
		}
	}

	/** A programme that renamed a theme says so in its own figures only, on the page and in the CSV. */
	@Test
	void eachProgrammesFiguresUseItsOwnThemeLabels() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Labels " + suffix);
		var renamed = programmes.create(organisation.id(), "Hernoemd " + suffix, null, null);
		var plain = programmes.create(organisation.id(), "Gewoon " + suffix, null, null);
		jdbc.sql("update programme_theme set label_nl = 'Balans' where programme_id = :p and code = 'GROWTH'")
			.param("p", renamed.id()).update();
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Coach", Role.COACH);
		for (var programme : List.of(renamed, plain)) {
			for (int i = 0; i < 5; i++) {
				Account participant = fixtures.person(organisation.id(), programme.id() + "-" + i + "@example.nl", "D " + i,
						Role.PARTICIPANT);
				trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
						Today.date().minusDays(10), null);
			}
		}
		String page = mvc.perform(get("/programme/statistics").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString();
		int renamedAt = page.indexOf("Hernoemd " + suffix);
		int plainAt = page.indexOf("Gewoon " + suffix);
		String renamedCard = renamedAt < plainAt ? page.substring(renamedAt, plainAt) : page.substring(renamedAt);
		String plainCard = renamedAt < plainAt ? page.substring(plainAt) : page.substring(plainAt, renamedAt);
		assertThat(renamedCard).contains("Balans");
		assertThat(plainCard).doesNotContain("Balans").contains("Me blijven ontwikkelen en de uitdaging houden");
		// A screen reader's list of tables and regions tells the programmes apart: each names its own.
		assertThat(renamedCard).contains("aria-label=\"Cijfers van Hernoemd " + suffix + ", van ")
			.contains("<caption class=\"utrecht-table__caption\">Cijfers van Hernoemd " + suffix + ", van ")
			.contains("gestarte trajecten in Hernoemd " + suffix + "</caption>");
		assertThat(plainCard).contains("<caption class=\"utrecht-table__caption\">Cijfers van Gewoon " + suffix + ", van ");

		String csv = new String(mvc.perform(get("/programme/statistics.csv").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv).contains("\"Hernoemd " + suffix + "\";\"Thema: Balans\"")
			.contains("\"Gewoon " + suffix + "\";\"Thema: Me blijven ontwikkelen en de uitdaging houden\"");
	}

	@Autowired
	Statistics statistics;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/**
	 * The manager sees which trajectory stopped when: reasons counted to the day let two periods a day
	 * apart name one person's reason. They count per month that is over, with five stops or more.
	 */
	@Test
	void stopReasonsCountOnlyInMonthsThatAreOverWithFiveStopsOrMore() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Stoppen " + suffix);
		var programme = programmes.create(organisation.id(), "Stopprogramma " + suffix, null, null);
		Account coach = fixtures.person(organisation.id(), "coach-s-" + suffix + "@example.nl", "Coach", Role.COACH);
		java.util.function.IntConsumer stop = i -> {
			Account participant = fixtures.person(organisation.id(), "s" + i + "-" + suffix + "@example.nl", "Deelnemer " + i,
					Role.PARTICIPANT);
			UUID trajectory = trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
					Today.date().minusDays(10), null);
			lifecycle.stop(trajectory, coach.id(), i == 0 ? Reason.PERSONAL_CIRCUMSTANCES : Reason.NO_TIME, null);
		};
		for (int i = 0; i < 4; i++) {
			stop.accept(i);
		}
		LocalDate from = Today.date().withDayOfMonth(1).minusMonths(1);
		LocalDate until = Today.date().plusMonths(1);
		java.time.Clock nextMonth = java.time.Clock.fixed(Today.date().withDayOfMonth(1).plusMonths(1).atStartOfDay(
				java.time.ZoneId.of("Europe/Amsterdam")).plusDays(2).toInstant(), java.time.ZoneId.of("Europe/Amsterdam"));
		Statistics later = new Statistics(jdbc, trajectories, nextMonth, java.time.Duration.ZERO);
		assertThat(later.of(programme, from, until).stoppedByReason().total().people()).as("four in the month: none told").isZero();

		stop.accept(4);
		assertThat(statistics.of(programme, from, until).stoppedByReason().total().people()).as("this month is not over").isZero();
		assertThat(later.of(programme, from, until).stoppedByReason().total().people()).isEqualTo(5);
		assertThat(later.of(programme, from, Today.date()).stoppedByReason())
			.as("a period ending on the day of the stops counts the whole month, as one ending later")
			.isEqualTo(later.of(programme, from, until).stoppedByReason());
	}

	/** Figures are kept for a while per programme and period, then calculated again; 0s keeps nothing. */
	@Test
	void figuresAreKeptForAWhileAndSayWhenTheyWereCalculated() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Bewaard " + suffix);
		var programme = programmes.create(organisation.id(), "Bewaarprogramma " + suffix, null, null);
		var now = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-27T10:00:00Z"));
		java.time.Clock clock = new java.time.Clock() {
			@Override
			public java.time.ZoneId getZone() {
				return java.time.ZoneId.of("Europe/Amsterdam");
			}

			@Override
			public java.time.Clock withZone(java.time.ZoneId zone) {
				throw new UnsupportedOperationException();
			}

			@Override
			public java.time.Instant instant() {
				return now.get();
			}
		};
		Statistics keeping = new Statistics(jdbc, trajectories, clock, java.time.Duration.ofMinutes(5));
		LocalDate from = LocalDate.of(2026, 1, 1);
		LocalDate until = LocalDate.of(2026, 11, 27);

		ProgrammeFigures first = keeping.of(programme, from, until);
		assertThat(first.calculatedAt().toInstant()).isEqualTo(now.get());
		now.set(now.get().plusSeconds(299));
		assertThat(keeping.of(programme, from, until)).isSameAs(first);
		assertThat(keeping.of(programme, from, until.minusDays(1))).isNotSameAs(first); // another period
		now.set(now.get().plusSeconds(2));
		ProgrammeFigures again = keeping.of(programme, from, until);
		assertThat(again).isNotSameAs(first);
		assertThat(again.calculatedAt()).isAfter(first.calculatedAt());

		assertThat(statistics.of(programme, from, until)).isNotSameAs(statistics.of(programme, from, until));
	}

	@Test
	void contactMomentsAreKeptWhenTheParticipantWroteInTheirWindow() {
		Coached setup = aProgrammeWithACoach("Momenten");
		var programme = setup.programme();
		Account coach = setup.coach();
		// Six trajectories from the first working day two months ago: their moments fall in months that are over.
		LocalDate start = nl.briefwissel.trajectory.DutchHolidays.onOrAfter(Today.date().withDayOfMonth(1).minusMonths(2));
		var plan = nl.briefwissel.trajectory.ContactMomentPlan.of(start, 6, 2);
		LocalDate monthsOver = Today.date().withDayOfMonth(1);
		long duePerTrajectory = plan.dueDates().stream().filter(day -> day.isBefore(monthsOver)).count();
		for (int i = 0; i < 6; i++) {
			Account participant = setup.participant("m" + i);
			UUID trajectory = trajectories.record(programme.id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING,
					"GROWTH", start, null);
			if (i < 3) {
				// Written on the first moment's due date: that moment is kept, none of the others (the coach
				// answered that afternoon, so the next moments were the participant's to keep).
				writtenAt(conversations.participantWrites(trajectory, participant.id(), "Mijn antwoord " + i),
						plan.dueDates().get(0).atTime(12, 0).atZone(AMSTERDAM));
				writtenAt(conversations.coachWrites(trajectory, coach.id(), "Dank je " + i),
						plan.dueDates().get(0).atTime(15, 0).atZone(AMSTERDAM));
			}
		}
		// One trajectory alone in its months, earlier: whether its participant wrote would follow from two
		// periods side by side, so its months do not count.
		Account alone = setup.participant("alleen");
		trajectories.record(programme.id(), alone.id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH",
				nl.briefwissel.trajectory.DutchHolidays.onOrAfter(Today.date().withDayOfMonth(1).minusMonths(6)), null);

		Programme read = programmes.byId(programme.id()).orElseThrow();
		var figures = statistics.of(read, Today.date().minusMonths(7), Today.date());
		assertThat(figures.contactMomentsKeptPercent().people()).isEqualTo(6);
		assertThat(figures.contactMomentsKeptPercent().value()).isCloseTo(100.0 * 3 / (6 * duePerTrajectory),
				org.assertj.core.data.Offset.offset(0.01));
		// A period that ends on a day counts the whole month it ends in, as one ending later: no day tells.
		assertThat(statistics.of(read, start.plusDays(3), start.plusDays(10)).contactMomentsKeptPercent())
			.isEqualTo(statistics.of(read, start.withDayOfMonth(1), start.withDayOfMonth(1).plusMonths(1).minusDays(1))
				.contactMomentsKeptPercent());
	}

	/**
	 * A moment without a letter of the participant is not theirs to have missed when the e-coach still
	 * owed them an answer as it passed, answered only on its day, or paused the trajectory after it and
	 * before the next one in the same month: the rule of the reminders and the coach's workspace
	 * (conversation.MissedMoments). Such a moment counts neither as kept nor as missed; counted as
	 * missed, a slow e-coach made the participants' figure fall.
	 */
	@Test
	void contactMomentsThatWereNotTheParticipantsToKeepDoNotCount() {
		Coached setup = aProgrammeWithACoach("Beurt");
		Account coach = setup.coach();
		LocalDate start = nl.briefwissel.trajectory.DutchHolidays.onOrAfter(Today.date().withDayOfMonth(1).minusMonths(2));
		var plan = nl.briefwissel.trajectory.ContactMomentPlan.of(start, 6, 2);
		List<LocalDate> due = plan.dueDates();
		LocalDate monthsOver = Today.date().withDayOfMonth(1);
		long n = due.stream().filter(day -> day.isBefore(monthsOver)).count();
		long pausedN = 0;
		for (int i = 0; i < 15; i++) {
			Account participant = setup.participant("b" + i);
			UUID trajectory = trajectories.record(setup.programme().id(), participant.id(), coach.id(), TrajectoryStatus.RUNNING,
					"GROWTH", start, null);
			// Every participant keeps the first moment.
			writtenAt(conversations.participantWrites(trajectory, participant.id(), "Brief " + i),
					due.get(0).atTime(12, 0).atZone(AMSTERDAM));
			if (i < 5) {
				// The e-coach answers on the second moment's day: that one does not count. The third and later
				// are missed (the coach's letter came before them, and nothing after).
				writtenAt(conversations.coachWrites(trajectory, coach.id(), "Antwoord " + i), due.get(1).atTime(10, 0).atZone(AMSTERDAM));
			}
			else if (i < 10) {
				// The e-coach never answers: every later moment the participant waited, none counts.
			}
			else {
				// Answered the same day, so the second moment is missed; the third is missed too, but the
				// trajectory was paused the next day, in the same month: that one does not count.
				writtenAt(conversations.coachWrites(trajectory, coach.id(), "Antwoord " + i), due.get(0).atTime(15, 0).atZone(AMSTERDAM));
				LocalDate pausedOn = due.get(2).plusDays(1);
				jdbc.sql("insert into trajectory_pause (trajectory_id, from_date, until_date) values (:id, :from, :until)")
					.param("id", trajectory).param("from", pausedOn).param("until", pausedOn.plusDays(7)).update();
				jdbc.sql("""
						insert into trajectory_transition (id, trajectory_id, from_status, to_status, reason_code, at)
						values (:id, :t, 'RUNNING', 'PAUSED', 'PERSONAL_CIRCUMSTANCES', :at)""")
					.param("id", UUID.randomUUID()).param("t", trajectory)
					.param("at", pausedOn.atTime(11, 0).atZone(AMSTERDAM).toOffsetDateTime()).update();
				pausedN = nl.briefwissel.trajectory.Trajectory.plan(start, 6, 2,
						List.of(new nl.briefwissel.trajectory.Trajectory.Pause(pausedOn, pausedOn.plusDays(7))))
					.dueDates().stream().filter(day -> day.isBefore(monthsOver)).count();
			}
		}
		assertThat(due.get(2).plusDays(1).getMonth()).as("the test's pause falls in the month of the moment").isEqualTo(due.get(2).getMonth());

		Programme read = programmes.byId(setup.programme().id()).orElseThrow();
		var kept = statistics.of(read, Today.date().minusMonths(3), Today.date()).contactMomentsKeptPercent();
		long counted = 5 * (n - 1) + 5 + 5 * (pausedN - 1);
		assertThat(kept.value()).isCloseTo(100.0 * 15 / counted, Offset.offset(0.01));
		assertThat(kept.people()).isEqualTo(15);
	}

	/**
	 * An average over fewer than five people is not shown; "< 5" beside "(days)" or "(1–10)" read as
	 * the value: under five days, a score under five.
	 */
	@Test
	void anAverageOverFewerThanFivePeopleDoesNotReadAsAValue() throws Exception {
		Coached setup = aProgrammeWithACoach("Gemiddeld");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-g-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		for (int i = 0; i < 2; i++) {
			trajectories.record(setup.programme().id(), setup.participant("g" + i).id(), setup.coach().id(), TrajectoryStatus.COMPLETED,
					"GROWTH", Today.date().minusDays(50), Today.date().minusDays(8));
		}
		String page = mvc.perform(get("/programme/statistics").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString();
		String row = page.substring(page.indexOf("Gemiddelde duur van afgeronde trajecten (dagen, zonder de pauzes)"));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).contains("Niet getoond: minder dan vijf mensen").doesNotContain("&lt; 5");
		String completed = page.substring(page.indexOf(">Afgerond<"));
		assertThat(completed.substring(0, completed.indexOf("</tr>"))).as("a count says it as before").contains("&lt; 5");

		String csv = new String(mvc.perform(get("/programme/statistics.csv").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv).contains("\"Average length of completed trajectories (days, pauses not counted)\";\"Not shown: fewer than five people\"")
			.contains("\"Completed\";\"< 5\"");
	}

	/**
	 * Accepting starts a trajectory at once, with a first day possibly weeks ahead: such a trajectory is
	 * not running yet, nor started, and is counted apart, with small groups hidden as every count.
	 */
	@Test
	void acceptedTrajectoriesWhoseFirstDayIsAheadAreNotRunningYet() throws Exception {
		Coached setup = aProgrammeWithACoach("Gepland");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-gp-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		for (int i = 0; i < 6; i++) {
			trajectories.record(setup.programme().id(), setup.participant("l" + i).id(), setup.coach().id(),
					i == 0 ? TrajectoryStatus.PAUSED : TrajectoryStatus.RUNNING, "GROWTH", Today.date().minusDays(10), null);
		}
		for (int i = 0; i < 5; i++) {
			trajectories.record(setup.programme().id(), setup.participant("p" + i).id(), setup.coach().id(), TrajectoryStatus.RUNNING,
					"GRIP", Today.date().plusDays(14), null);
		}
		Programme read = programmes.byId(setup.programme().id()).orElseThrow();
		var figures = statistics.of(read, Today.date().minusMonths(1), Today.date().plusMonths(1));
		assertThat(figures.runningNow().people()).isEqualTo(6);
		assertThat(figures.startingSoon().people()).isEqualTo(5);
		assertThat(figures.started().people()).as("a period reaching ahead: their first day has not come").isEqualTo(6);
		assertThat(figures.themes().cells()).containsOnlyKeys("GROWTH");

		String page = mvc.perform(get("/programme/statistics").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString();
		String row = page.substring(page.indexOf("Start gepland (geaccepteerd, eerste dag nog niet bereikt)"));
		assertThat(row.substring(0, row.indexOf("</tr>"))).contains(">5<");
		String csv = new String(mvc.perform(get("/programme/statistics.csv").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv).contains("\"Running or paused now (first day passed)\";\"6\"")
			.contains("\"Starting soon (accepted, first day still ahead)\";\"5\"");

		Coached few = aProgrammeWithACoach("Weinig gepland");
		for (int i = 0; i < 2; i++) {
			trajectories.record(few.programme().id(), few.participant("f" + i).id(), few.coach().id(), TrajectoryStatus.RUNNING,
					"GRIP", Today.date().plusDays(3), null);
		}
		assertThat(statistics.of(few.programme(), Today.date().minusMonths(1), Today.date()).startingSoon().shown(false, DUTCH))
			.isEqualTo("< 5");
	}

	/**
	 * Accepted to start on a later day and stopped before that day, a trajectory keeps the first day it
	 * never reached: once that day passed, it counted as started, and its theme among those of started
	 * trajectories.
	 */
	@Test
	void aTrajectoryStoppedBeforeItsFirstDayNeverStarted() {
		Coached setup = aProgrammeWithACoach("Nooit begonnen");
		for (int i = 0; i < 5; i++) {
			trajectories.record(setup.programme().id(), setup.participant("s" + i).id(), setup.coach().id(), TrajectoryStatus.RUNNING,
					"GROWTH", Today.date().minusDays(10), null);
		}
		trajectories.record(setup.programme().id(), setup.participant("n").id(), setup.coach().id(), TrajectoryStatus.STOPPED,
				"GRIP", Today.date().minusDays(5), Today.date().minusDays(12));
		trajectories.record(setup.programme().id(), setup.participant("d").id(), setup.coach().id(), TrajectoryStatus.STOPPED,
				"GROWTH", Today.date().minusDays(8), Today.date().minusDays(8));
		Programme read = programmes.byId(setup.programme().id()).orElseThrow();
		var figures = statistics.of(read, Today.date().minusMonths(1), Today.date());
		assertThat(figures.started().people()).as("stopped on its first day, it started; stopped before, it did not").isEqualTo(6);
		assertThat(figures.themes().cells()).containsOnlyKeys("GROWTH");
		assertThat(figures.themes().cells().get("GROWTH").people()).isEqualTo(6);
		assertThat(figures.themes().other()).isNull();
	}

	/**
	 * A manager reads the average length as weeks of coaching: the pauses the coach took do not count,
	 * from the start to the end only. The days before an extension that the plan stores as a pause are
	 * no pause: the trajectory ran in them.
	 */
	@Test
	void theAverageLengthLeavesOutThePauses() {
		Coached setup = aProgrammeWithACoach("Pauzes");
		LocalDate started = Today.date().minusDays(70);
		LocalDate ended = Today.date().minusDays(7);
		for (int i = 0; i < 5; i++) {
			UUID trajectory = trajectories.record(setup.programme().id(), setup.participant("z" + i).id(), setup.coach().id(),
					TrajectoryStatus.COMPLETED, "GROWTH", started, ended);
			if (i < 4) {
				paused(trajectory, started.plusDays(20), started.plusDays(34)); // 14 days
			}
			else {
				paused(trajectory, ended.minusDays(3), ended.plusDays(10)); // completed while paused: 3 days
				jdbc.sql("insert into trajectory_pause (trajectory_id, from_date, until_date) values (:id, :from, :until)")
					.param("id", trajectory).param("from", started.plusDays(40)).param("until", started.plusDays(47)).update();
			}
		}
		Programme read = programmes.byId(setup.programme().id()).orElseThrow();
		var average = statistics.of(read, Today.date().minusDays(30), Today.date()).averageDays();
		assertThat(average.people()).isEqualTo(5);
		assertThat(average.value()).isCloseTo((4 * (63 - 14) + (63 - 3)) / 5.0, Offset.offset(0.001));
		assertThat(Statistics.coachingDays(started, ended,
				List.of(new nl.briefwissel.trajectory.Trajectory.Pause(started.minusDays(5), started.plusDays(2)))))
			.as("paused before the first day: only the days from the start count").isEqualTo(61);
	}

	/**
	 * A pause taken after the last contact moment is folded into the idle days an extension stores as
	 * one pause from the day after that moment (Trajectory#extend): its days were still a pause, not
	 * coaching, and the idle days around it still coaching, not a pause.
	 */
	@Test
	void aPauseFoldedIntoAnExtensionsIdleDaysStaysLeftOut() {
		Coached setup = aProgrammeWithACoach("Verlengd");
		LocalDate started = nl.briefwissel.trajectory.DutchHolidays.onOrAfter(Today.date().minusDays(80));
		List<LocalDate> due = nl.briefwissel.trajectory.ContactMomentPlan.of(started, 6, 2).dueDates();
		LocalDate lastMoment = due.get(due.size() - 1);
		long days = java.time.temporal.ChronoUnit.DAYS.between(started, Today.date());
		for (int i = 0; i < 5; i++) {
			UUID trajectory = trajectories.record(setup.programme().id(), setup.participant("v" + i).id(), setup.coach().id(),
					TrajectoryStatus.RUNNING, "GROWTH", started, null);
			// Four paused in the idle days (10 days), one from the first idle day on (5 days).
			LocalDate pausedOn = i < 4 ? lastMoment.plusDays(3) : lastMoment.plusDays(1);
			LocalDate resumedOn = pausedOn.plusDays(i < 4 ? 10 : 5);
			paused(trajectory, pausedOn, resumedOn);
			resumed(trajectory, resumedOn);
			lifecycle.extend(trajectory, setup.coach().id(), 2, Reason.MORE_TIME_NEEDED, "Nog een gesprek voorbereiden");
			assertThat(trajectories.byId(trajectory).orElseThrow().pauses()).as("the extension took the pause into its idle days")
				.containsExactly(new nl.briefwissel.trajectory.Trajectory.Pause(lastMoment.plusDays(1), Today.date()));
			lifecycle.complete(trajectory, setup.coach().id(), Reason.QUESTION_ANSWERED, "Klaar");
		}
		Programme read = programmes.byId(setup.programme().id()).orElseThrow();
		var average = statistics.of(read, Today.date().minusDays(30), Today.date()).averageDays();
		assertThat(average.people()).isEqualTo(5);
		assertThat(average.value()).isCloseTo((4 * (days - 10) + (days - 5)) / 5.0, Offset.offset(0.001));
	}

	/** The coach resumed the trajectory on a day (or the pause's end did): its change from paused back to running. */
	private void resumed(UUID trajectory, LocalDate on) {
		jdbc.sql("""
				insert into trajectory_transition (id, trajectory_id, from_status, to_status, reason_code, at)
				values (:id, :t, 'PAUSED', 'RUNNING', 'OTHER', :at)""")
			.param("id", UUID.randomUUID()).param("t", trajectory)
			.param("at", on.atTime(8, 15).atZone(AMSTERDAM).toOffsetDateTime()).update();
	}

	/** A pause as the coach takes it: stored, and the trajectory's change to paused on its first day. */
	private void paused(UUID trajectory, LocalDate from, LocalDate until) {
		jdbc.sql("insert into trajectory_pause (trajectory_id, from_date, until_date) values (:id, :from, :until)")
			.param("id", trajectory).param("from", from).param("until", until).update();
		jdbc.sql("""
				insert into trajectory_transition (id, trajectory_id, from_status, to_status, reason_code, at)
				values (:id, :t, 'RUNNING', 'PAUSED', 'PERSONAL_CIRCUMSTANCES', :at)""")
			.param("id", UUID.randomUUID()).param("t", trajectory)
			.param("at", from.atTime(9, 30).atZone(AMSTERDAM).toOffsetDateTime()).update();
	}

	/**
	 * A period typed by hand (a browser without a date field, an address changed) gives the page with
	 * what was typed kept and a sentence at the field, not an error page; a Dutch date is understood.
	 * It is the form shown again as any refused form (decision 0139): 422 with a title that says so, not 400,
	 * and an error summary at the top linking each refused day's field. A download refused likewise.
	 */
	@Test
	void aDateThatCannotBeReadIsSaidAtItsFieldAndADutchDateIsUnderstood() throws Exception {
		Coached setup = aProgrammeWithACoach("Datum");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-dt-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		var wrong = mvc.perform(get("/programme/statistics").param("from", "gisteren").param("until", "2026-13-45")
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(wrong.getStatus()).isEqualTo(422);
		String page = wrong.getContentAsString();
		org.jsoup.nodes.Document refused = org.jsoup.Jsoup.parse(page);
		assertThat(refused.title()).startsWith("Fout: Cijfers");
		org.jsoup.nodes.Element summary = refused.getElementById("period-errors");
		assertThat(summary.attr("role")).isEqualTo("alert");
		assertThat(summary.select("a").eachAttr("href")).containsExactly("#from", "#until");
		assertThat(summary.select("a").eachText()).containsExactly(
				"Van: Deze datum kunnen we niet lezen. Typ een datum als dag-maand-jaar, bijvoorbeeld 31-12-2026.",
				"Tot en met: Deze datum kunnen we niet lezen. Typ een datum als dag-maand-jaar, bijvoorbeeld 31-12-2026.");
		assertThat(refused.getElementById("until").attr("aria-describedby")).isEqualTo("until-help until-error");
		assertThat(page).contains("<h1 class=\"utrecht-heading-1\">Cijfers</h1>").contains("value=\"gisteren\"")
			.contains("value=\"2026-13-45\"").contains("aria-invalid=\"true\"").contains("id=\"from-error\"")
			.contains("id=\"until-error\"").contains("Typ een datum als dag-maand-jaar, bijvoorbeeld 31-12-2026.")
			// No figures of another period than typed (aRefusedPeriodShowsNoFiguresOfAnotherPeriodAndNoDownload).
			.doesNotContain("Datumprogramma");
		mvc.perform(get("/programme/statistics").param("from", "31-12-2025").param("until", "15/1/2026").with(fixtures.as(manager)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("31 december 2025")))
			.andExpect(content().string(containsString("15 januari 2026")));
		var csv = mvc.perform(get("/programme/statistics.csv").param("from", "1 april").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse();
		assertThat(csv.getStatus()).isEqualTo(422);
		assertThat(csv.getContentType()).startsWith("text/html");
		assertThat(csv.getHeader("Content-Disposition")).isNull();
		assertThat(csv.getContentAsString()).contains("Type a date as day-month-year, for example 31-12-2026.").contains("value=\"1 april\"")
			.contains("<title>Error: Figures");
		assertThat(org.jsoup.Jsoup.parse(csv.getContentAsString()).getElementById("period-errors").text())
			.contains("From: We cannot read this date.");
	}

	/**
	 * A period refused shows the form with what is wrong and no figures: it still showed the figures and a CSV link of
	 * another period than asked (the first day left to its default), with nothing to say so. It answers 422, the form
	 * shown again (decision 0139).
	 */
	@Test
	void aRefusedPeriodShowsNoFiguresOfAnotherPeriodAndNoDownload() throws Exception {
		Coached setup = aProgrammeWithACoach("Geweigerd");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-gw-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		LocalDate today = Today.date();
		for (String[] words : new String[][] { { "nl", "Geen cijfers: de periode hierboven klopt nog niet.", "Cijfers van", "Fout: Cijfers" },
				{ "en", "No figures: the period above is not right yet.", "Figures of", "Error: Figures" } }) {
			var refused = mvc.perform(get("/programme/statistics").param("from", today.plusDays(24).toString())
				.param("until", today.minusDays(340).toString()).param("lang", words[0]).with(fixtures.as(manager))).andReturn().getResponse();
			assertThat(refused.getStatus()).isEqualTo(422);
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(refused.getContentAsString());
			assertThat(page.getElementById("from-error")).as(words[0]).isNotNull();
			assertThat(page.title()).as(words[0]).startsWith(words[3]);
			assertThat(page.getElementById("from").val()).isEqualTo(today.plusDays(24).toString());
			assertThat(page.text()).as(words[0]).contains(words[1]).doesNotContain(setup.programme().name(), words[2]);
			assertThat(page.select("a[href*=statistics.csv]")).as(words[0]).isEmpty();
			assertThat(page.select("table")).as(words[0]).isEmpty();
		}
	}

	/**
	 * A first day after the last one was swapped without a word, and a period in the future was counted as if it
	 * had been: now a first day after the last, or after today, is said at the first day's field with what was
	 * typed kept (in either language); a last day after today is counted up to today, as the page says.
	 */
	@Test
	void aFirstDayAfterTheLastOrInTheFutureIsSaidAtItsFieldAndALastDayAheadCountsUpToToday() throws Exception {
		Coached setup = aProgrammeWithACoach("Volgorde");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-vo-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		LocalDate today = Today.date();
		String late = today.minusDays(10).toString();
		String early = today.minusDays(40).toString();
		var backwards = mvc.perform(get("/programme/statistics").param("from", late).param("until", early)
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(backwards.getStatus()).isEqualTo(422);
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(backwards.getContentAsString());
		assertThat(page.getElementById("from").val()).isEqualTo(late);
		assertThat(page.getElementById("from").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById("from").attr("aria-describedby")).isEqualTo("from-error");
		assertThat(page.getElementById("from-error").text()).contains("na de laatste dag");
		assertThat(page.getElementById("until").val()).isEqualTo(early);
		assertThat(page.getElementById("until").hasAttr("aria-invalid")).isFalse();
		assertThat(page.getElementById("period-errors").select("a").eachAttr("href")).as("only the refused day").containsExactly("#from");

		String english = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/statistics").param("from", late).param("until", early)
			.param("lang", "en").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString())
			.getElementById("from-error").text();
		assertThat(english).contains("after the last day");

		String ahead = today.plusDays(5).toString();
		var future = mvc.perform(get("/programme/statistics").param("from", ahead).with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(future.getStatus()).isEqualTo(422);
		org.jsoup.nodes.Document futurePage = org.jsoup.Jsoup.parse(future.getContentAsString());
		assertThat(futurePage.getElementById("from").val()).isEqualTo(ahead);
		assertThat(futurePage.getElementById("from-error").text()).contains("na vandaag");
		var csv = mvc.perform(get("/programme/statistics.csv").param("from", late).param("until", early).with(fixtures.as(manager)))
			.andReturn().getResponse();
		assertThat(csv.getStatus()).isEqualTo(422);
		assertThat(csv.getContentType()).startsWith("text/html");

		var clamped = mvc.perform(get("/programme/statistics").param("from", early).param("until", today.plusMonths(2).toString())
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(clamped.getStatus()).isEqualTo(200);
		org.jsoup.nodes.Document clampedPage = org.jsoup.Jsoup.parse(clamped.getContentAsString());
		assertThat(clampedPage.getElementById("until").val()).isEqualTo(today.toString());
		assertThat(clampedPage.getElementById("until").attr("aria-describedby")).isEqualTo("until-help");
		assertThat(clampedPage.getElementById("until-help").text()).contains("vandaag");
		assertThat(clampedPage.getElementById("until-error")).isNull();
	}

	/**
	 * A wait starts at the participant's first letter after the coach's last one and ends at the coach's
	 * next letter; a coach letter nobody waited for, a wait still open and letters outside the period
	 * do not count. Checked to the minute, the unit the figure is worked out in.
	 */
	@Test
	void responseTimesPairEveryWaitWithTheCoachsNextLetter() {
		Coached setup = aProgrammeWithACoach("Wachten");
		ZonedDateTime monday = LocalDate.of(2026, 3, 2).atTime(9, 0).atZone(AMSTERDAM);
		// Five trajectories with an answered wait in March: a month with fewer does not count.
		for (int i = 0; i < 5; i++) {
			Account participant = setup.participant("w" + i);
			UUID trajectory = trajectories.record(setup.programme().id(), participant.id(), setup.coach().id(),
					TrajectoryStatus.RUNNING, "GROWTH", monday.toLocalDate(), null);
			BiConsumer<Boolean, ZonedDateTime> writes = (byCoach, at) -> writtenAt(byCoach
					? conversations.coachWrites(trajectory, setup.coach().id(), "Brief")
					: conversations.participantWrites(trajectory, participant.id(), "Brief"), at);
			if (i == 0) {
				writes.accept(false, monday.minusDays(3)); // before the period's month: a wait ...
				writes.accept(true, monday); // ... answered in March counts in March: 72 h
				writes.accept(false, monday.plusHours(1)); // waits from here ...
				writes.accept(false, monday.plusHours(2));
				writes.accept(true, monday.plusHours(6).plusMinutes(30)); // ... 5 h 30
				writes.accept(true, monday.plusHours(7)); // a second coach letter: no wait
				writes.accept(false, monday.plusDays(1)); // waits ...
				writes.accept(true, monday.plusDays(1).plusHours(2).plusSeconds(59)); // ... 2 h (whole minutes)
				writes.accept(false, monday.plusDays(2)); // still waiting: does not count
			}
			else {
				writes.accept(false, monday.plusHours(3)); // waits ...
				writes.accept(true, monday.plusHours(3).plusMinutes(30)); // ... 0 h 30
			}
		}
		Programme programme = programmes.byId(setup.programme().id()).orElseThrow();
		var figures = statistics.of(programme, monday.toLocalDate(), monday.toLocalDate().plusDays(6));
		assertThat(figures.coachResponseHours().people()).isEqualTo(5);
		assertThat(figures.coachResponseHours().value()).isCloseTo((72 + 5.5 + 2.0 + 4 * 0.5) / 7, Offset.offset(0.0001));
		// March is March in every period that takes it in, whether or not it starts before the wait began.
		assertThat(statistics.of(programme, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31)).coachResponseHours())
			.isEqualTo(figures.coachResponseHours());
		// The week is read as its whole month: two periods a day apart cannot tell one wait.
		assertThat(statistics.of(programme, monday.toLocalDate(), monday.toLocalDate()).coachResponseHours())
			.isEqualTo(statistics.of(programme, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).coachResponseHours());

		var none = statistics.of(programme, monday.toLocalDate().plusDays(30), monday.toLocalDate().plusDays(40));
		assertThat(none.coachResponseHours().value()).isNull();
		assertThat(none.coachResponseHours().people()).isZero();
	}

	/** A programme of its own, with one coach, in an organisation of its own. */
	private record Coached(Programme programme, Account coach, java.util.function.Function<String, Account> participants) {

		Account participant(String name) {
			return participants.apply(name);
		}
	}

	/**
	 * The product walk's page: 7 started, 5 running, 0 starting soon and "< 5" completed told that 2 had
	 * ended (completed or stopped), a group under five worked out by subtraction. A figure it follows from
	 * is now shown as "≥ 5", on the page and in the CSV, so no count under five can be worked out.
	 */
	@Test
	void noCountUnderFiveCanBeWorkedOutFromStartedMinusRunning() throws Exception {
		Coached setup = aProgrammeWithACoach("Afgeleid");
		Account manager = fixtures.person(setup.programme().organisationId(), "pm-af-" + UUID.randomUUID() + "@example.nl", "Manager",
				Role.PROGRAMME_MANAGER);
		for (int i = 0; i < 5; i++) {
			trajectories.record(setup.programme().id(), setup.participant("r" + i).id(), setup.coach().id(), TrajectoryStatus.RUNNING,
					"GROWTH", Today.date().minusDays(10), null);
		}
		trajectories.record(setup.programme().id(), setup.participant("c").id(), setup.coach().id(), TrajectoryStatus.COMPLETED,
				"GROWTH", Today.date().minusDays(60), Today.date().minusDays(5));
		trajectories.record(setup.programme().id(), setup.participant("s").id(), setup.coach().id(), TrajectoryStatus.STOPPED,
				"GROWTH", Today.date().minusDays(60), Today.date().minusDays(5));
		var figures = statistics.of(programmes.byId(setup.programme().id()).orElseThrow(), Today.date().minusMonths(12).plusDays(1),
				Today.date());
		// With "running ≥ 5" and "completed < 5" the 7 still left only 5 + 1 + 1 or 6 + 1 (review): it goes too.
		assertThat(figures.started().shown(false, DUTCH)).isEqualTo("≥ 5");
		assertThat(figures.startingSoon().shown(false, DUTCH)).isEqualTo("0");
		assertThat(figures.completed().shown(false, DUTCH)).isEqualTo("< 5");
		assertThat(figures.runningNow().shown(false, DUTCH)).as("7 - 5 would tell that 2 ended").isEqualTo("≥ 5");
		assertNothingUnderFiveFollows(figures);

		String page = mvc.perform(get("/programme/statistics").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString();
		String row = page.substring(page.indexOf("Nu lopend of gepauzeerd (eerste dag geweest)"));
		assertThat(row.substring(0, row.indexOf("</tr>"))).contains("≥ 5").doesNotContain(">5<");
		String csv = new String(mvc.perform(get("/programme/statistics.csv").param("lang", "en").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv).contains("\"Started\";\"≥ 5\"").contains("\"Running or paused now (first day passed)\";\"≥ 5\"")
			.contains("\"Completed\";\"< 5\"");
	}

	/**
	 * 6 started, 5 running and 1 completed: with "running ≥ 5" and "completed < 5", 6 left only 5 and 1.
	 * Then the total is hidden too, with what adds up to it (the themes) and what it is part of (intakes).
	 */
	@Test
	void whenHidingAPartStillTellsTheTotalIsHiddenWithWhatAddsUpToIt() {
		Coached setup = aProgrammeWithACoach("Vastgepind");
		for (int i = 0; i < 5; i++) {
			trajectories.record(setup.programme().id(), setup.participant("r" + i).id(), setup.coach().id(), TrajectoryStatus.RUNNING,
					"GROWTH", Today.date().minusDays(10), null);
		}
		trajectories.record(setup.programme().id(), setup.participant("c").id(), setup.coach().id(), TrajectoryStatus.COMPLETED,
				"GROWTH", Today.date().minusDays(60), Today.date().minusDays(5));
		var figures = statistics.of(programmes.byId(setup.programme().id()).orElseThrow(), Today.date().minusMonths(12).plusDays(1),
				Today.date());
		assertThat(figures.started().shown(false, DUTCH)).isEqualTo("≥ 5");
		assertThat(figures.intakes().shown(false, DUTCH)).isEqualTo("≥ 5");
		assertThat(figures.themes().cells().values()).allSatisfy(cell -> assertThat(cell.visible()).isFalse());
		assertThat(figures.themes().other() == null || !figures.themes().other().visible()).isTrue();
		assertNothingUnderFiveFollows(figures);
	}

	/**
	 * 6 started, 5 running, none completed, 1 stopped. Hiding running alone ("≥ 5") left 6 - 5 = 1 with the rule
	 * published: had running been 6, nothing would have been hidden, so it was 5 and one ended (review). What the
	 * shown parts leave must be at least four more than the hidden parts' least, or the total goes too.
	 */
	@Test
	void aPartHiddenAsFiveOrMoreDoesNotLeaveOneToWorkOut() {
		Coached setup = aProgrammeWithACoach("Eén over");
		for (int i = 0; i < 5; i++) {
			trajectories.record(setup.programme().id(), setup.participant("r" + i).id(), setup.coach().id(), TrajectoryStatus.RUNNING,
					"GROWTH", Today.date().minusDays(10), null);
		}
		trajectories.record(setup.programme().id(), setup.participant("s").id(), setup.coach().id(), TrajectoryStatus.STOPPED,
				"GROWTH", Today.date().minusDays(60), Today.date().minusDays(5));
		var figures = statistics.of(programmes.byId(setup.programme().id()).orElseThrow(), Today.date().minusMonths(12).plusDays(1),
				Today.date());
		assertThat(figures.runningNow().shown(false, DUTCH)).isEqualTo("≥ 5");
		assertThat(figures.completed().shown(false, DUTCH)).isEqualTo("0");
		assertThat(figures.started().shown(false, DUTCH)).as("6 with 'running ≥ 5' and 0 completed told 1").isEqualTo("≥ 5");
		assertNothingUnderFiveFollows(figures);
	}

	/** Where no figure tells a group under five, every figure stays as it was: 15 started, 5 running, 5 completed, 5 stopped. */
	@Test
	void figuresFromWhichNothingSmallFollowsStayShown() {
		Coached setup = aProgrammeWithACoach("Niets af te leiden");
		for (int i = 0; i < 5; i++) {
			trajectories.record(setup.programme().id(), setup.participant("r" + i).id(), setup.coach().id(), TrajectoryStatus.RUNNING,
					"GROWTH", Today.date().minusDays(10), null);
			trajectories.record(setup.programme().id(), setup.participant("c" + i).id(), setup.coach().id(), TrajectoryStatus.COMPLETED,
					"GRIP", Today.date().minusDays(60), Today.date().minusDays(5));
			trajectories.record(setup.programme().id(), setup.participant("s" + i).id(), setup.coach().id(), TrajectoryStatus.STOPPED,
					"SURPLUS", Today.date().minusDays(60), Today.date().minusDays(5));
		}
		var figures = statistics.of(programmes.byId(setup.programme().id()).orElseThrow(), Today.date().minusMonths(12).plusDays(1),
				Today.date());
		assertThat(figures.intakes().shown(false, DUTCH)).isEqualTo("15");
		assertThat(figures.started().shown(false, DUTCH)).isEqualTo("15");
		assertThat(figures.runningNow().shown(false, DUTCH)).isEqualTo("5");
		assertThat(figures.startingSoon().shown(false, DUTCH)).isEqualTo("0");
		assertThat(figures.completed().shown(false, DUTCH)).isEqualTo("5");
		assertThat(figures.themes().cells().values()).extracting(cell -> cell.shown(false, DUTCH)).containsExactly("5", "5", "5");
		assertNothingUnderFiveFollows(figures);
	}

	/**
	 * Started = running + completed + the rest that ended otherwise, and intakes = started + starting soon
	 * + the rest not started: what the shown figures leave for their hidden parts is never 1 to 4.
	 */
	private static void assertNothingUnderFiveFollows(ProgrammeFigures figures) {
		assertLeftIsNotSmall(figures.started(), figures.runningNow(), figures.completed());
		assertLeftIsNotSmall(figures.intakes(), figures.started(), figures.startingSoon());
	}

	private static void assertLeftIsNotSmall(Figure total, Figure... parts) {
		if (!total.visible()) {
			return;
		}
		long left = Math.round(total.value());
		for (Figure part : parts) {
			left -= part.visible() ? Math.round(part.value()) : 0;
		}
		assertThat(left > 0 && left < Figure.MINIMUM).as("what the shown figures leave for the hidden ones: %d", left).isFalse();
	}

	private Coached aProgrammeWithACoach(String name) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente " + name + " " + suffix);
		Programme programme = programmes.create(organisation.id(), name + "programma " + suffix, null, null);
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Coach", Role.COACH);
		return new Coached(programme, coach, person -> fixtures.person(organisation.id(), person + "-" + suffix + "@example.nl",
				"Deelnemer " + person, Role.PARTICIPANT));
	}

	/** Moves a letter to the moment the test needs. */
	private void writtenAt(UUID message, ZonedDateTime at) {
		jdbc.sql("update message set created_at = :at where id = :id").param("at", at.toOffsetDateTime()).param("id", message).update();
	}

	@Test
	void theStatisticsQueriesNeverSelectText() throws Exception {
		String source = Files.readString(Path.of("src/main/java/nl/briefwissel/statistics/Statistics.java"));
		for (String column : List.of("body", "question", "summary", "reaction", "remarks", "passage", "goals", "instructions",
				"text_body", "raw", "display_name", "email", "subject", "decline_reason", "reason,", "tr.reason ")) {
			assertThat(source).as(column).doesNotContainPattern("(?i)select[^;]*\\b" + java.util.regex.Pattern.quote(column));
		}
	}
}

package nl.briefwissel.closing.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A national programme gathers hundreds of remarks in a year, each up to four thousand characters:
 * a programme's card shows them a page at a time, reading and opening only that page.
 */
@BriefwisselTest
class EvaluationFeedbackPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aProgrammesRemarksAreShownAPageAtATimeEachOnce() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Veel Stemmen " + suffix);
		Programme large = programmes.create(organisation.id(), "Landelijk " + suffix, null, null);
		Programme small = programmes.create(organisation.id(), "Klein " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-v-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		Account stranger = fixtures.person(organisations.create("Gemeente Elders " + suffix).id(), "pm-x-" + suffix + "@example.nl",
				"Vreemde", Role.PROGRAMME_MANAGER);
		LocalDate month = Today.date().withDayOfMonth(1).minusMonths(1);
		int many = 2 * EvaluationFeedbackController.REMARKS_PER_PAGE + 3;
		for (int i = 0; i < many; i++) {
			answer(large.id(), month, String.format("Opmerking %03d", i));
		}
		for (int i = 0; i < 5; i++) {
			answer(small.id(), month, "Klein " + i);
		}

		Document first = page(manager, month, null, null);
		Element largeCard = card(first, large);
		assertThat(largeCard.select("blockquote.bw-remark")).hasSize(EvaluationFeedbackController.REMARKS_PER_PAGE);
		assertThat(largeCard.text()).contains("Opmerkingen 1–25 van 53");
		String next = largeCard.selectFirst("nav.bw-pagination a[rel=next]").attr("href");
		assertThat(next).contains("programme=" + large.id()).contains("page=2").contains("from=" + month)
			.endsWith("#remarks-" + large.id());
		assertThat(card(first, small).select("blockquote.bw-remark")).hasSize(5);
		assertThat(card(first, small).select("nav.bw-pagination")).isEmpty();

		List<String> all = new java.util.ArrayList<>(largeCard.select("blockquote.bw-remark").eachText());
		Document second = page(manager, month, large.id().toString(), "2");
		assertThat(card(second, large).text()).contains("Opmerkingen 26–50 van 53");
		all.addAll(card(second, large).select("blockquote.bw-remark").eachText());
		Document last = page(manager, month, large.id().toString(), "3");
		assertThat(card(last, large).select("blockquote.bw-remark")).hasSize(3);
		assertThat(card(last, large).select("nav.bw-pagination a[rel=next]")).isEmpty();
		all.addAll(card(last, large).select("blockquote.bw-remark").eachText());
		assertThat(all).as("every remark once over the pages").doesNotHaveDuplicates().hasSize(many)
			.contains("Opmerking 000", "Opmerking 052");
		assertThat(card(page(manager, month, large.id().toString(), "3"), large).select("blockquote.bw-remark").eachText())
			.as("the same page each time").containsExactlyElementsOf(all.subList(50, 53));
		assertThat(card(last, small).select("blockquote.bw-remark")).as("the page asked for is the named programme's").hasSize(5);
		assertThat(card(page(manager, month, large.id().toString(), "x"), large).select("blockquote.bw-remark").eachText())
			.containsExactlyElementsOf(all.subList(0, 25));
		assertThat(card(page(manager, month, large.id().toString(), "99"), large).select("blockquote.bw-remark").eachText())
			.as("past the end is the last page").containsExactlyElementsOf(all.subList(50, 53));

		// Another organisation's manager who takes the address finds none of it.
		String theirs = mvc.perform(get("/programme/evaluations").param("from", month.toString()).param("programme", large.id().toString())
			.param("page", "2").with(fixtures.as(stranger))).andReturn().getResponse().getContentAsString();
		assertThat(theirs).doesNotContain("Opmerking 0").doesNotContain("Landelijk " + suffix);
	}

	/**
	 * Remarks are sealed at rest; every view opened all of a programme's remarks to sort them by their text,
	 * hundreds for a national programme. A page now reads and opens only its own: here a remark that no key
	 * opens, last in the order, leaves the first page whole (before, the whole page failed on it). The order
	 * is that of the ids drawn at random when a month was published, neither by text nor by month, so it
	 * tells nothing about when (decision 0029).
	 */
	@Test
	void aPageOpensOnlyItsOwnRemarksInTheOrderOfTheirRandomIds() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Zegel " + suffix);
		Programme programme = programmes.create(organisation.id(), "Verzegeld " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-z-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate older = Today.date().withDayOfMonth(1).minusMonths(2);
		LocalDate newer = older.plusMonths(1);
		for (int i = 0; i < EvaluationFeedbackController.REMARKS_PER_PAGE + 4; i++) {
			// Ids against text and month: the first of the newer month, the last text first.
			LocalDate month = i % 2 == 0 ? newer : older;
			answer(programme.id(), month, String.format("Opmerking %03d", 100 - i), UUID.fromString(String.format("00000000-0000-4000-8000-%012d", i)),
					null);
		}
		answer(programme.id(), older, "bm90IHNlYWxlZA==", UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff"), "a-key-nobody-has");

		Element card = card(page(manager, older, null, null), programme);
		List<String> expected = new java.util.ArrayList<>();
		for (int i = 0; i < EvaluationFeedbackController.REMARKS_PER_PAGE; i++) {
			expected.add(String.format("Opmerking %03d", 100 - i));
		}
		assertThat(card.select("blockquote.bw-remark").eachText()).containsExactlyElementsOf(expected);
		assertThat(card.text()).contains("Opmerkingen 1–25 van 30");
	}

	/**
	 * With several programmes, a screen reader's list of tables, regions and lists gave each programme's the
	 * same names ("What helped participants most", "Remarks"): each names its programme, as on the figures page.
	 */
	@Test
	void eachProgrammesTableRegionAndRemarksAreNamedAfterTheProgramme() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Namen " + suffix);
		Programme north = programmes.create(organisation.id(), "Noord " + suffix, null, null);
		Programme south = programmes.create(organisation.id(), "Zuid " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-n-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate month = Today.date().withDayOfMonth(1).minusMonths(1);
		for (int i = 0; i < 5; i++) {
			answer(north.id(), month, "Noord " + i);
			answer(south.id(), month, "Zuid " + i);
		}

		Document page = page(manager, month, null, null);
		for (Programme programme : List.of(north, south)) {
			Element card = card(page, programme);
			assertThat(card.selectFirst("[role=region]").attr("aria-label")).isEqualTo("Wat deelnemers van " + programme.name()
					+ " het meest hielp");
			assertThat(card.selectFirst("caption").text()).isEqualTo("Wat deelnemers van " + programme.name() + " het meest hielp");
			assertThat(card.selectFirst("ul.bw-remarks").attr("aria-label")).isEqualTo("Opmerkingen over " + programme.name());
		}
		Document english = Jsoup.parse(mvc.perform(get("/programme/evaluations").param("from", month.toString()).param("lang", "en")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(card(english, north).selectFirst("caption").text()).isEqualTo("What helped participants of " + north.name() + " most");
		assertThat(card(english, north).selectFirst("ul.bw-remarks").attr("aria-label")).isEqualTo("Remarks about " + north.name());
	}

	/**
	 * A period typed by hand (a browser without a date field, an address changed) gives the page with
	 * what was typed kept and a sentence at its field, as the figures page does; a Dutch date is
	 * understood. It is the form shown again as any refused form (decision 0139): 422 with a title that says so, and
	 * an error summary at the top linking each refused day's field. No remarks come with the refusal: they would be
	 * of another period than asked.
	 */
	@Test
	void aDateThatCannotBeReadIsSaidAtItsFieldAndADutchDateIsUnderstood() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Datum " + suffix);
		Programme programme = programmes.create(organisation.id(), "Datumprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-d-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate month = Today.date().withDayOfMonth(1).minusMonths(1);
		for (int i = 0; i < 5; i++) {
			answer(programme.id(), month, "Datumopmerking " + i);
		}

		var wrong = mvc.perform(get("/programme/evaluations").param("from", "gisteren").param("until", "2026-13-45")
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(wrong.getStatus()).isEqualTo(422);
		Document page = Jsoup.parse(wrong.getContentAsString());
		assertThat(page.title()).startsWith("Fout: Wat deelnemers zeggen");
		assertThat(page.getElementById("period-errors").select("a").eachAttr("href")).containsExactly("#from", "#until");
		assertThat(page.getElementById("period-errors").select("a").first().text())
			.isEqualTo("Van: Deze datum kunnen we niet lezen. Typ een datum als dag-maand-jaar, bijvoorbeeld 31-12-2026.");
		assertThat(page.selectFirst("h1").text()).isEqualTo("Wat deelnemers zeggen");
		assertThat(page.getElementById("from").val()).isEqualTo("gisteren");
		assertThat(page.getElementById("from").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById("from").attr("aria-describedby")).isEqualTo("from-error");
		assertThat(page.getElementById("until").val()).isEqualTo("2026-13-45");
		assertThat(page.getElementById("from-error").text())
			.isEqualTo("Deze datum kunnen we niet lezen. Typ een datum als dag-maand-jaar, bijvoorbeeld 31-12-2026.");
		assertThat(page.getElementById("until-error")).isNotNull();
		assertThat(page.select("blockquote.bw-remark")).as("not read unrecorded").isEmpty();
		assertThat(page.text()).contains("Kies hierboven een periode die kan").doesNotContain("nog geen programma");

		var english = mvc.perform(get("/programme/evaluations").param("from", "1 april").param("lang", "en")
			.with(fixtures.as(manager))).andReturn().getResponse();
		assertThat(english.getStatus()).isEqualTo(422);
		assertThat(english.getContentAsString()).contains("Type a date as day-month-year, for example 31-12-2026.")
			.contains("value=\"1 april\"").contains("<title>Error: What participants say");

		Document dutchDates = page(manager, month.format(java.time.format.DateTimeFormatter.ofPattern("d-M-uuuu")), null, null);
		assertThat(dutchDates.getElementById("from").val()).isEqualTo(month.toString());
		assertThat(card(dutchDates, programme).select("blockquote.bw-remark")).hasSize(5);
	}

	/**
	 * A period refused for another reason than an unreadable day (a first day after the last, or after today) shows no
	 * programme's answers or remarks either: they would be of the default period, not the one asked. The form says what
	 * is wrong at its field, in either language, and the trail has no read of remarks that were not shown.
	 */
	@Test
	void aPeriodRefusedShowsNoAnswersOfAnotherPeriod() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Geweigerd " + suffix);
		Programme programme = programmes.create(organisation.id(), "Geweigerd " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-g-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate today = Today.date();
		LocalDate month = today.withDayOfMonth(1).minusMonths(1);
		for (int i = 0; i < 5; i++) {
			answer(programme.id(), month, "Geweigerde opmerking " + i);
		}
		for (String[] asked : new String[][] { { today.plusDays(3).toString(), "", "nl", "Deze dag ligt na vandaag", "Kies hierboven een periode die kan" },
				{ today.minusDays(2).toString(), today.minusDays(60).toString(), "en", "is after the last day", "Choose a period above that can be counted" } }) {
			var refused = mvc.perform(get("/programme/evaluations").param("from", asked[0]).param("until", asked[1]).param("lang", asked[2])
				.with(fixtures.as(manager))).andReturn().getResponse();
			assertThat(refused.getStatus()).as(asked[0]).isEqualTo(422);
			Document page = Jsoup.parse(refused.getContentAsString());
			assertThat(page.getElementById("from").val()).isEqualTo(asked[0]);
			assertThat(page.getElementById("from-error").text()).contains(asked[3]);
			assertThat(page.text()).contains(asked[4]).doesNotContain(programme.name(), "Geweigerde opmerking");
			assertThat(page.select("main article")).as(asked[2]).isEmpty();
		}
		assertThat(jdbc.sql("select count(*) from audit_entry where actor_id = :a and action = 'READ' and route = 'GET /programme/evaluations'")
			.param("a", manager.id()).query(Long.class).single()).as("nothing was read: not on the trail as a read").isZero();
	}

	/**
	 * Evaluations count by whole months that are over with five or more (decision 0008), but a programme's
	 * header named the period's days ("van 6 ... tot en met ..."), as if only those days' answers were in it.
	 * It names the whole months it takes in (a period from the 6th counts its month whole), or says that
	 * no month of the period is over yet, as the figures page does.
	 */
	@Test
	void theHeaderNamesTheWholeMonthsTakenInNotThePeriodsDays() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Hele Maanden " + suffix);
		Programme programme = programmes.create(organisation.id(), "Maanden " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-h-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate thisMonth = Today.date().withDayOfMonth(1);
		LocalDate month = thisMonth.minusMonths(2);
		for (int i = 0; i < 5; i++) {
			answer(programme.id(), month, "Maandopmerking " + i);
		}
		var monthName = java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.forLanguageTag("nl"));
		LocalDate from = thisMonth.minusMonths(3).plusDays(5);

		String header = card(page(manager, from, null, null), programme).selectFirst("h2 + p").text();
		assertThat(header).isEqualTo("5 evaluaties uit de hele maanden " + monthName.format(thisMonth.minusMonths(3)) + " tot en met "
				+ monthName.format(thisMonth.minusMonths(1)) + ", alleen uit maanden met vijf of meer.");

		Document days = Jsoup.parse(mvc.perform(get("/programme/evaluations").param("from", month.plusDays(9).toString())
			.param("until", month.plusDays(11).toString()).with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(card(days, programme).selectFirst("h2 + p").text()).as("three days of a month: the month counts whole")
			.isEqualTo("5 evaluaties uit de hele maand " + monthName.format(month) + ", die vijf of meer had.");

		Document english = Jsoup.parse(mvc.perform(get("/programme/evaluations").param("from", thisMonth.toString())
			.param("until", Today.date().toString()).param("lang", "en").with(fixtures.as(manager))).andReturn().getResponse()
			.getContentAsString());
		assertThat(card(english, programme).selectFirst("h2 + p").text())
			.isEqualTo("Evaluations count by whole month that is over; in this period no month is over yet.");
		Document englishMonths = Jsoup.parse(mvc.perform(get("/programme/evaluations").param("from", from.toString())
			.param("lang", "en").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString());
		assertThat(card(englishMonths, programme).selectFirst("h2 + p").text()).isEqualTo("5 evaluations from the whole months "
				+ java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH).format(thisMonth.minusMonths(3))
				+ " up to and including "
				+ java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH).format(thisMonth.minusMonths(1))
				+ ", only from months with five or more.");
	}

	private Document page(Account manager, LocalDate from, String programme, String page) throws Exception {
		return page(manager, from.toString(), programme, page);
	}

	private Document page(Account manager, String from, String programme, String page) throws Exception {
		var request = get("/programme/evaluations").param("from", from).with(fixtures.as(manager));
		if (programme != null) {
			request.param("programme", programme).param("page", page);
		}
		var response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	private static Element card(Document page, Programme programme) {
		return page.select("main article").stream()
			.filter(card -> card.selectFirst("h2").text().equals(programme.name()))
			.findFirst()
			.orElseThrow();
	}

	private void answer(UUID programmeId, LocalDate month, String remarks) {
		answer(programmeId, month, remarks, UUID.randomUUID(), null);
	}

	private void answer(UUID programmeId, LocalDate month, String remarks, UUID id, String keyId) {
		jdbc.sql("""
				insert into evaluation_answer (id, programme_id, answered_month, satisfaction, answered_before, answered_after,
				    recommend, helped_most, remarks, remarks_key_id, remarks_shared)
				values (:id, :p, :month, 8, 5, 7, true, 'WRITING', :remarks, :keyId, true)""")
			.param("id", id)
			.param("p", programmeId)
			.param("month", month)
			.param("remarks", remarks)
			.param("keyId", keyId)
			.update();
	}
}

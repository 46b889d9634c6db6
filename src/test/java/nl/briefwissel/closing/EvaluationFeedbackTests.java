package nl.briefwissel.closing;

import java.time.LocalDate;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What participants said beyond the scores reaches the programme's manager (decision 0029): only
 * from past months with five answers or more, without date or theme, never remarks given before
 * the form said so, never another organisation's.
 */
@BriefwisselTest
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class EvaluationFeedbackTests {

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
	void theManagerReadsTheRemarksOfMonthsWithFiveAnswersAndNothingOfSmallerOnes() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Stemmen " + suffix);
		var programme = programmes.create(organisation.id(), "Stemmenprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-s-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		var elsewhere = organisations.create("Gemeente Elders " + suffix);
		Account stranger = fixtures.person(elsewhere.id(), "pm-e-" + suffix + "@example.nl", "Vreemde", Role.PROGRAMME_MANAGER);

		LocalDate full = Today.date().withDayOfMonth(1).minusMonths(2);
		answer(programme.id(), full, "REREADING", "Zwart op wit teruglezen hielp mij enorm.", true);
		answer(programme.id(), full, "REREADING", "Meer opdrachten graag.", true);
		answer(programme.id(), full, "REREADING", null, true);
		answer(programme.id(), full, "REREADING", "  ", true);
		answer(programme.id(), full, "REREADING", "Van voor de uitleg op het formulier.", false);
		answer(programme.id(), full, "COACH_QUESTIONS", "Mijn coach stelde precies de goede vragen.", true);
		for (int i = 0; i < 5; i++) {
			answer(programme.id(), full, "WRITING", null, true);
		}
		LocalDate small = full.plusMonths(1);
		for (int i = 0; i < 4; i++) {
			answer(programme.id(), small, "WRITING", "Een van vier in een kleine maand " + i, true);
		}
		for (int i = 0; i < 5; i++) {
			answer(programme.id(), Today.date().withDayOfMonth(1), "WRITING", "Deze maand nog bezig " + i, true);
		}

		String html = mvc.perform(get("/programme/evaluations").param("from", full.toString()).param("until", Today.date().toString())
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		Document page = Jsoup.parse(html);
		assertThat(page.select("blockquote.bw-remark").eachText()).containsExactlyInAnyOrder("Meer opdrachten graag.",
				"Mijn coach stelde precies de goede vragen.", "Zwart op wit teruglezen hielp mij enorm.");
		assertThat(html).contains("11 evaluaties").doesNotContain("kleine maand").doesNotContain("nog bezig")
			.doesNotContain("Van voor de uitleg");
		// What helped most: a group under five is not named, and the smallest other group joins it.
		assertThat(page.select("tr:contains(Alles zwart op wit kunnen teruglezen) td").text()).isEqualTo("5");
		assertThat(page.select("tr:contains(Kleinere groepen samen) td").text()).isEqualTo("6");
		assertThat(html).doesNotContain("De vragen van mijn e-coach");
		assertThat(page.select("nav a[href=/programme/evaluations]")).isNotEmpty();

		String english = mvc.perform(get("/programme/evaluations").param("from", full.toString()).param("lang", "en")
			.with(fixtures.as(manager))).andReturn().getResponse().getContentAsString();
		assertThat(english).contains("What participants say").contains("Being able to re-read everything in black and white");

		String theirs = mvc.perform(get("/programme/evaluations").param("from", full.toString()).with(fixtures.as(stranger)))
			.andReturn().getResponse().getContentAsString();
		assertThat(theirs).doesNotContain("Stemmenprogramma").doesNotContain("Zwart op wit teruglezen");

		assertThat(jdbc.sql("select count(*) from audit_entry where actor_id = :a and action = 'READ' and route = 'GET /programme/evaluations'")
			.param("a", manager.id()).query(Long.class).single()).as("reading remarks is on the trail").isPositive();
	}

	/**
	 * Answers wait, sealed, for their month to be over and are then published together, under new ids,
	 * in an order of chance, by a transaction of their own: written with the request they closed, an
	 * answer carried that transaction's id and could be joined to the person (decision 0008). A month
	 * with answers still waiting shows nothing: shown before and after, its last answers followed from
	 * the difference.
	 */
	@Test
	void answersArePublishedTogetherOnceTheirMonthIsOver(@Autowired Evaluations evaluations,
			@Autowired nl.briefwissel.encryption.Encryption encryption) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Wachten " + suffix);
		var programme = programmes.create(organisation.id(), "Wachtprogramma " + suffix, null, null);
		LocalDate lastMonth = Today.date().withDayOfMonth(1).minusMonths(1);
		for (int i = 0; i < 6; i++) {
			answer(programme.id(), lastMonth, "WRITING", "Vorige maand " + i, true);
		}
		waiting(programme.id(), lastMonth, encryption.sealText("9\u001f4\u001f8\u001ftrue\u001fRHYTHM\u001fLaat maar zeker gegeven"),
				encryption.keyId());
		assertThat(jdbc.sql("select answers from evaluation_answer_waiting where programme_id = :p").param("p", programme.id())
			.query(String.class).single()).as("sealed while it waits").doesNotContain("Laat maar zeker");

		assertThat(evaluations.feedback(programme.id(), lastMonth, Today.date()).remarks())
			.as("last month still has an answer waiting: nothing of it yet").isZero();
		assertThat(evaluations.remarks(programme.id(), lastMonth, Today.date(), 0, 50)).isEmpty();
		evaluations.publishWaiting(lastMonth.plusDays(20));
		assertThat(jdbc.sql("select count(*) from evaluation_answer_waiting where programme_id = :p").param("p", programme.id())
			.query(Long.class).single()).as("not while its month runs").isEqualTo(1);

		evaluations.publishWaiting(Today.date().withDayOfMonth(1).plusDays(1));
		assertThat(jdbc.sql("select count(*) from evaluation_answer_waiting where programme_id = :p").param("p", programme.id())
			.query(Long.class).single()).isZero();
		assertThat(evaluations.feedback(programme.id(), lastMonth, Today.date()).remarks()).isEqualTo(7);
		assertThat(evaluations.remarks(programme.id(), lastMonth, Today.date(), 0, 50)).hasSize(7)
			.extracting(nl.briefwissel.encryption.OpenedText::text).contains("Laat maar zeker gegeven");
		// Published, the remark stays sealed at rest as it waited (decision 0009).
		assertThat(jdbc.sql("select remarks, remarks_key_id from evaluation_answer where programme_id = :p and helped_most = 'RHYTHM'")
			.param("p", programme.id())
			.query((rs, n) -> java.util.List.of(rs.getString("remarks"), String.valueOf(rs.getString("remarks_key_id"))))
			.single()).doesNotContain("Laat maar zeker gegeven").contains(encryption.keyId());
		assertThat(jdbc.sql("select count(*) from evaluation_answer where programme_id = :p and helped_most = 'RHYTHM' and theme is null")
			.param("p", programme.id()).query(Long.class).single()).isEqualTo(1);
	}

	/**
	 * A remark no configured key opens (its key removed, its record changed) was an error page for the
	 * whole page it fell on, and every other remark on it unread. It is a marked line of its own, in
	 * the reader's language, without the error or the sealed text, still counted and in its place; the
	 * log says it once, naming the record and the key, never what it says.
	 */
	@Test
	void aRemarkThatDoesNotOpenIsAMarkedLineAndTheOthersAreRead(@Autowired nl.briefwissel.encryption.Encryption encryption,
			CapturedOutput log) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Sleutel " + suffix);
		var programme = programmes.create(organisation.id(), "Sleutelprogramma " + suffix, null, null);
		Account manager = fixtures.person(organisation.id(), "pm-k-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		LocalDate month = Today.date().withDayOfMonth(1).minusMonths(2);
		for (int i = 0; i < 25; i++) {
			sealedAnswer(programme.id(), month, encryption.sealText("Leesbare opmerking " + i), encryption.keyId());
		}
		String sealed = encryption.sealText("Deze sleutel is weg");
		UUID keyGone = sealedAnswer(programme.id(), month, sealed, "k-weggehaald");
		String changed = encryption.sealText("Dit record is beschadigd");
		changed = changed.substring(0, 20) + (changed.charAt(20) == 'A' ? 'B' : 'A') + changed.substring(21);
		UUID damaged = sealedAnswer(programme.id(), month, changed, encryption.keyId());

		java.util.List<String> readable = new java.util.ArrayList<>();
		int unreadable = 0;
		for (int page = 1; page <= 2; page++) {
			var response = mvc.perform(get("/programme/evaluations").param("from", month.toString()).param("until", Today.date().toString())
				.param("programme", programme.id().toString()).param("page", String.valueOf(page)).with(fixtures.as(manager)))
				.andReturn().getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			String html = response.getContentAsString();
			assertThat(html).contains("27 evaluaties").doesNotContain(sealed).doesNotContain(changed.substring(0, 24))
				.doesNotContain("k-weggehaald").doesNotContain("does not open").doesNotContain("Exception");
			Document shown = Jsoup.parse(html);
			assertThat(shown.text()).contains(page == 1 ? "Opmerkingen 1–25 van 27" : "Opmerkingen 26–27 van 27");
			assertThat(shown.select("ul.bw-remarks > li")).as("every remark counted has its line").hasSize(page == 1 ? 25 : 2);
			readable.addAll(shown.select("blockquote.bw-remark").eachText());
			var marked = shown.select("ul.bw-remarks > li .bw-remark--unreadable");
			assertThat(marked.eachText()).allSatisfy(line -> assertThat(line).startsWith("Deze opmerking kunnen we niet lezen"));
			unreadable += marked.size();
		}
		assertThat(readable).hasSize(25).allSatisfy(remark -> assertThat(remark).startsWith("Leesbare opmerking"));
		assertThat(unreadable).isEqualTo(2);

		String english = mvc.perform(get("/programme/evaluations").param("from", month.toString()).param("lang", "en")
			.param("programme", programme.id().toString()).param("page", "1").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		String englishPage2 = mvc.perform(get("/programme/evaluations").param("from", month.toString()).param("lang", "en")
			.param("programme", programme.id().toString()).param("page", "2").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(english + englishPage2).select(".bw-remark--unreadable").eachText()).hasSize(2)
			.allSatisfy(line -> assertThat(line).startsWith("This remark cannot be read"));

		// Read four times, said once each: the record and its key, never the remark or its sealed text.
		for (UUID record : java.util.List.of(keyGone, damaged)) {
			assertThat(log.getOut().lines().filter(line -> line.contains(record.toString()))).singleElement()
				.satisfies(line -> assertThat(line).contains(record.equals(keyGone) ? "k-weggehaald" : encryption.keyId()));
		}
		assertThat(log.getOut()).doesNotContain("Deze sleutel is weg").doesNotContain("Dit record is beschadigd").doesNotContain(sealed)
			.doesNotContain(changed);
	}

	/** A published answer with a remark sealed as given; returns its id. */
	private UUID sealedAnswer(UUID programmeId, LocalDate month, String sealed, String keyId) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into evaluation_answer (id, programme_id, answered_month, satisfaction, answered_before, answered_after,
				    recommend, helped_most, remarks, remarks_key_id, remarks_shared)
				values (:id, :p, :month, 8, 5, 7, true, 'WRITING', :remarks, :keyId, true)""")
			.param("id", id)
			.param("p", programmeId)
			.param("month", month)
			.param("remarks", sealed)
			.param("keyId", keyId)
			.update();
		return id;
	}

	/** A month that cannot be published (a row no key opens) does not hold back another programme's. */
	@Test
	void oneMonthThatCannotBePublishedLeavesTheOthersGoing(@Autowired Evaluations evaluations,
			@Autowired nl.briefwissel.encryption.Encryption encryption) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Kapot " + suffix);
		var broken = programmes.create(organisation.id(), "Kapot " + suffix, null, null);
		var fine = programmes.create(organisation.id(), "Heel " + suffix, null, null);
		LocalDate lastMonth = Today.date().withDayOfMonth(1).minusMonths(1);
		waiting(broken.id(), lastMonth, "bm90IHNlYWxlZA==", "a-key-nobody-has");
		waiting(fine.id(), lastMonth, encryption.sealText("8\u001f5\u001f7\u001ftrue\u001fWRITING\u001f"), encryption.keyId());

		evaluations.publishWaiting(Today.date().withDayOfMonth(1).plusDays(1));

		String waiting = "select count(*) from evaluation_answer_waiting where programme_id = :p";
		assertThat(jdbc.sql(waiting).param("p", broken.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql(waiting).param("p", fine.id()).query(Long.class).single()).isZero();
		jdbc.sql("delete from evaluation_answer_waiting where programme_id = :p").param("p", broken.id()).update();
	}

	/** An answer waiting for its month to be over, sealed as given. */
	private void waiting(UUID programmeId, LocalDate month, String sealed, String keyId) {
		jdbc.sql("""
				insert into evaluation_answer_waiting (id, programme_id, answered_month, answers, answers_key_id)
				values (:id, :p, :month, :answers, :keyId)""")
			.param("id", UUID.randomUUID())
			.param("p", programmeId)
			.param("month", month)
			.param("answers", sealed)
			.param("keyId", keyId)
			.update();
	}

	private void answer(UUID programmeId, LocalDate month, String helped, String remarks, boolean shared) {
		jdbc.sql("""
				insert into evaluation_answer (id, programme_id, answered_month, satisfaction, answered_before, answered_after,
				    recommend, helped_most, remarks, remarks_shared)
				values (:id, :p, :month, 8, 5, 7, true, :helped, :remarks, :shared)""")
			.param("id", UUID.randomUUID())
			.param("p", programmeId)
			.param("month", month)
			.param("helped", helped)
			.param("remarks", remarks)
			.param("shared", shared)
			.update();
	}
}

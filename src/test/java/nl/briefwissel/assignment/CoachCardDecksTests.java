package nl.briefwissel.assignment;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.conversation.Conversations;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Jouw top vijf waarden" offered all forty coach cards, values and qualities mixed, in every place:
 * a coach-cards assignment of the shipped library is laid from its own deck only, on the page and when
 * the top five is sent; a coach's own coach-cards assignment names no deck and offers the whole deck.
 */
@BriefwisselTest
class CoachCardDecksTests {

	private static final List<String> FIVE_VALUES = List.of("AUTONOMY", "GROWTH", "MEANING", "BALANCE", "LEARNING");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	CoachCards cards;

	@Autowired
	Conversations conversations;

	@Test
	void theShippedCoachCardAssignmentsNameTheirDeck() {
		assertThat(LibrarySeed.read()).filteredOn(entry -> entry.draft().type() == AssignmentType.COACH_CARDS)
			.isNotEmpty()
			.allSatisfy(entry -> assertThat(entry.deck()).as(entry.key()).isNotNull());
		assertThat(LibrarySeed.read()).filteredOn(entry -> entry.key().equals("waarden-top-vijf"))
			.extracting(LibrarySeed.Entry::deck)
			.containsOnly(CoachCards.Kind.VALUE);
	}

	/**
	 * The list a shipped coach-cards assignment gives in its text is its deck's cards, in its language:
	 * the mail listed thirty values ("Humor" among them) while the page to lay them offered the twenty
	 * value cards, so a value chosen from the mail could not be laid.
	 */
	@Test
	void theListInAShippedCoachCardAssignmentIsItsDeck() {
		assertThat(LibrarySeed.read()).filteredOn(entry -> entry.deck() != null).isNotEmpty().allSatisfy(entry -> {
			List<String> listed = entry.draft().instructions().lines()
				.filter(line -> line.chars().filter(c -> c == ',').count() >= 10)
				.flatMap(line -> java.util.Arrays.stream(line.replaceAll("\\.$", "").split(",\\s*")))
				.toList();
			List<String> deck = cards.deck().stream().filter(card -> card.kind() == entry.deck())
				.map(card -> card.label(entry.draft().language()))
				.toList();
			assertThat(listed).as(entry.key() + " " + entry.draft().language()).containsExactlyInAnyOrderElementsOf(deck);
			assertThat(entry.draft().instructions()).as(entry.key()).doesNotContainIgnoringCase("dertig").doesNotContainIgnoringCase("thirty");
		});
	}

	@Test
	void theValuesAssignmentOffersOnlyValuesAndRefusesAQualityLaidAnyway() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given values = give(running, "Jouw top vijf waarden");

		String page = mvc.perform(get("/participant/cards/{id}", values.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var form = Jsoup.parse(page);
		List<String> offered = form.select("#place-1 option[value]").eachAttr("value").stream().filter(v -> !v.isEmpty()).toList();
		List<String> valueCodes = cards.deck().stream().filter(c -> c.kind() == CoachCards.Kind.VALUE).map(CoachCards.Card::code).toList();
		assertThat(offered).containsExactlyElementsOf(valueCodes);
		assertThat(form.select("#place-1 optgroup")).hasSize(1);
		assertThat(form.select("main").text()).contains("Vrijheid").doesNotContain("Humor", "Goed luisteren", "Kwaliteiten");

		// A quality sent anyway (an old form, a hand-made request) is no card of this top five.
		mvc.perform(post("/participant/cards/{id}", values.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "AUTONOMY", "GROWTH", "MEANING", "BALANCE", "HUMOUR"))
			.andExpect(flash().attribute("problem", "cards.error.five"));
		assertThat(given.of(running.id()).get(0).answered()).isFalse();

		mvc.perform(post("/participant/cards/{id}", values.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", FIVE_VALUES.toArray(String[]::new)))
			.andExpect(status().is3xxRedirection());
		assertThat(given.of(running.id()).get(0).answered()).isTrue();
	}

	@Test
	void theQualitiesAssignmentOffersOnlyQualitiesAndAnOwnAssignmentTheWholeDeck() throws Exception {
		var running = fixtures.runningTrajectory(true);
		GivenAssignments.Given qualities = give(running, "Jouw kwaliteiten, met bewijs");
		var page = Jsoup.parse(mvc.perform(get("/participant/cards/{id}", qualities.id()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#place-1 option[value=LISTENING]")).hasSize(1);
		assertThat(page.select("#place-1 option[value=AUTONOMY]")).isEmpty();
		mvc.perform(post("/participant/cards/{id}", qualities.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", FIVE_VALUES.toArray(String[]::new)))
			.andExpect(flash().attribute("problem", "cards.error.five"));

		var other = fixtures.runningTrajectory(true);
		UUID own = assignments.add(other.coach().id(), new Assignments.Draft("Mijn kaarten", "Leg de kaarten.",
				AssignmentType.COACH_CARDS, List.of(), 20, Locale.forLanguageTag("nl")));
		given.give(other.id(), own, conversations.coachWrites(other.id(), other.coach().id(), "Een opdracht: de kaarten."));
		GivenAssignments.Given mine = given.of(other.id()).get(0);
		var whole = Jsoup.parse(mvc.perform(get("/participant/cards/{id}", mine.id()).with(fixtures.as(other.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(whole.select("#place-1 option[value]").eachAttr("value").stream().filter(v -> !v.isEmpty()))
			.hasSize(cards.deck().size());
	}

	/**
	 * The qualities assignment (Jouw kwaliteiten met bewijs) asked for an example with each quality and two kinds of work, where the card
	 * page had only five places and a box "Waarom deze vijf?": the assignment names the box, the box says it takes them.
	 */
	@Test
	void theQualitiesAssignmentAsksForWhatTheCardPageTakes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment qualities = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Jouw kwaliteiten, met bewijs")).findFirst().orElseThrow();
		assertThat(qualities.instructions()).contains("Schrijf in je toelichting bij elke kwaliteit je voorbeeld")
			.doesNotContain("elk met een voorbeeld");
		Assignment english = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Your qualities, with proof")).findFirst().orElseThrow();
		assertThat(english.instructions()).contains("In your explanation, give your example for each quality");

		GivenAssignments.Given given = give(running, "Jouw kwaliteiten, met bewijs");
		var page = Jsoup.parse(mvc.perform(get("/participant/cards/{id}", given.id()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("label[for=explanation]").text()).isEqualTo("Je toelichting (niet verplicht)");
		assertThat(page.select("#explanation").attr("aria-describedby")).isEqualTo("explanation-help");
		assertThat(page.select("#explanation-help").text()).contains("een voorbeeld bij elke kaart");
		var inEnglish = Jsoup.parse(mvc.perform(get("/participant/cards/{id}", given.id()).param("lang", "en")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString());
		assertThat(inEnglish.select("label[for=explanation]").text()).isEqualTo("Your explanation (optional)");
		assertThat(inEnglish.select("#explanation-help").text()).contains("an example for each card");
	}

	private GivenAssignments.Given give(Fixtures.RunningTrajectory running, String title) {
		Assignment assignment = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream()
			.filter(a -> a.title().equals(title))
			.findFirst()
			.orElseThrow();
		given.give(running.id(), assignment.id(),
				conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht: " + assignment.title()));
		return given.of(running.id()).stream().filter(g -> g.assignmentId().equals(assignment.id())).findFirst().orElseThrow();
	}
}

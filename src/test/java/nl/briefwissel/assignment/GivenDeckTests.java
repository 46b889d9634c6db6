package nl.briefwissel.assignment;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.conversation.Conversations;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The deck a given coach-cards assignment is laid from is the one its library assignment named when it was
 * given, as its title and type are: a coach who changes the deck later, makes it another type or archives it,
 * changes what is given from then on, not what a participant was already asked to lay (decision 0080).
 */
@BriefwisselTest
class GivenDeckTests {

	private static final String[] FIVE_VALUES = { "AUTONOMY", "GROWTH", "MEANING", "BALANCE", "LEARNING" };

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
	void theCardsStayTheValuesTheAssignmentWasGivenWithWhenTheCoachChangesItsDeckToQualities() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Mijn waarden " + UUID.randomUUID();
		UUID own = assignments.add(running.coach().id(), draft(title, CoachCards.Kind.VALUE));
		GivenAssignments.Given values = give(running, own);
		assertThat(values.deck()).isEqualTo(CoachCards.Kind.VALUE);

		// The form says what a change does to an assignment already given.
		assertThat(Jsoup.parse(mvc.perform(get("/coach/assignments").param("q", title).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString()).select("#e-" + own + "-deck-help").text())
			.contains("Een opdracht die al gegeven is, houdt de stapel waarmee ze gegeven werd.");
		mvc.perform(cardsForm("/coach/assignments/" + own, title).param("deck", "QUALITY").with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(assignments.byId(own).orElseThrow().deck()).isEqualTo(CoachCards.Kind.QUALITY);

		assertThat(offered(running.participant(), values.id())).containsExactlyElementsOf(codes(CoachCards.Kind.VALUE));
		assertThat(cards.offeredFor(values)).extracting(CoachCards.Card::kind)
			.containsOnly(CoachCards.Kind.VALUE);
		mvc.perform(post("/participant/cards/{id}", values.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", "LISTENING", "HUMOUR", "GROWTH", "MEANING", "BALANCE"))
			.andExpect(flash().attribute("problem", "cards.error.five"));
		mvc.perform(post("/participant/cards/{id}", values.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", FIVE_VALUES))
			.andExpect(status().is3xxRedirection());
		GivenAssignments.Given answered = given.of(running.id()).stream().filter(g -> g.id().equals(values.id())).findFirst().orElseThrow();
		assertThat(answered.answered()).isTrue();
		assertThat(answered.deck()).as("the answered one's record names the deck it was laid from").isEqualTo(CoachCards.Kind.VALUE);

		// Given again after the change: the qualities, as the library names them now.
		GivenAssignments.Given again = give(running, own);
		assertThat(again.deck()).isEqualTo(CoachCards.Kind.QUALITY);
		assertThat(offered(running.participant(), again.id())).containsExactlyElementsOf(codes(CoachCards.Kind.QUALITY));
	}

	/**
	 * A library assignment is never deleted, only archived (given assignments point at it); archived, or made a
	 * reflection, the coach cards already given are still laid from their own deck, and answer.
	 */
	@Test
	void aSharedOneArchivedAndMadeAReflectionAfterItWasGivenIsStillLaidFromItsDeck() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account admin = fixtures.person(running.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		String title = "Gedeelde waarden " + UUID.randomUUID();
		UUID shared = assignments.add(null, draft(title, CoachCards.Kind.VALUE));
		GivenAssignments.Given values = give(running, shared);

		mvc.perform(form("/admin/assignments/" + shared, title, "REFLECTION").with(fixtures.as(admin)))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		mvc.perform(post("/admin/assignments/{id}/archive", shared).with(csrf()).param("archived", "true").with(fixtures.as(admin)))
			.andExpect(flash().attribute("saved", "assignments.archived"));
		Assignment now = assignments.byId(shared).orElseThrow();
		assertThat(now.archived()).isTrue();
		assertThat(now.type()).isEqualTo(AssignmentType.REFLECTION);
		assertThat(now.deck()).isNull();

		String page = mvc.perform(get("/participant/cards/{id}", values.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(page).select("#place-1 option[value]").eachAttr("value").stream().filter(v -> !v.isEmpty()))
			.containsExactlyElementsOf(codes(CoachCards.Kind.VALUE));
		assertThat(Jsoup.parse(page).select("h1 + p").text()).contains(title);
		mvc.perform(post("/participant/cards/{id}", values.id()).with(csrf()).with(fixtures.as(running.participant()))
			.param("place", FIVE_VALUES))
			.andExpect(status().is3xxRedirection());
		assertThat(given.of(running.id()).get(0).answered()).isTrue();
	}

	/** One given with the whole deck keeps offering all of it when the coach names a deck afterwards. */
	@Test
	void theWholeDeckGivenStaysTheWholeDeckWhenADeckIsChosenAfterwards() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Van voor de stapels " + UUID.randomUUID();
		UUID own = assignments.add(running.coach().id(), new Assignments.Draft(title, "Leg de kaarten.", AssignmentType.COACH_CARDS,
				List.of(), 20, Locale.forLanguageTag("nl")));
		GivenAssignments.Given whole = give(running, own);
		assertThat(whole.deck()).isNull();

		mvc.perform(cardsForm("/coach/assignments/" + own, title).param("deck", "VALUE").with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(offered(running.participant(), whole.id())).hasSize(cards.deck().size());
	}

	private static Assignments.Draft draft(String title, CoachCards.Kind deck) {
		return new Assignments.Draft(title, "Leg je top vijf.", AssignmentType.COACH_CARDS, List.of(), 20, Locale.forLanguageTag("nl"),
				deck);
	}

	private GivenAssignments.Given give(Fixtures.RunningTrajectory running, UUID assignment) {
		List<UUID> before = given.of(running.id()).stream().map(GivenAssignments.Given::id).toList();
		given.give(running.id(), assignment, conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht: de kaarten."));
		return given.of(running.id()).stream().filter(g -> !before.contains(g.id())).findFirst().orElseThrow();
	}

	private List<String> offered(Account participant, UUID givenId) throws Exception {
		return Jsoup.parse(mvc.perform(get("/participant/cards/{id}", givenId).with(fixtures.as(participant)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString())
			.select("#place-1 option[value]")
			.eachAttr("value")
			.stream()
			.filter(v -> !v.isEmpty())
			.toList();
	}

	private List<String> codes(CoachCards.Kind kind) {
		return cards.deck().stream().filter(c -> c.kind() == kind).map(CoachCards.Card::code).toList();
	}

	private static MockHttpServletRequestBuilder cardsForm(String path, String title) {
		return form(path, title, "COACH_CARDS");
	}

	private static MockHttpServletRequestBuilder form(String path, String title, String type) {
		return post(path).with(csrf())
			.param("title", title)
			.param("type", type)
			.param("minutes", "20")
			.param("language", "nl")
			.param("instructions", "Leg je top vijf.");
	}
}

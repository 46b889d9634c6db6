package nl.briefwissel.assignment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.CoachCards;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.conversation.Conversations;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coach's own coach-cards assignment offered all forty cards: the form lets whoever keeps a library
 * (a coach their own, an administrator the shared one) name the deck it is laid from, as the shipped
 * ones do (decision 0065, note of session 37).
 */
@BriefwisselTest
class CoachCardDeckFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	GivenAssignments given;

	@Autowired
	Conversations conversations;

	@Autowired
	CoachCards cards;

	@Test
	void aCoachsOwnCoachCardsAssignmentIsLaidFromTheDeckChosenOnTheForm() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String title = "Mijn waarden " + UUID.randomUUID();
		mvc.perform(cardsForm("/coach/assignments", title).param("deck", "VALUE").with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		Assignment own = ownNamed(running.coach(), title);
		assertThat(own.deck()).isEqualTo(CoachCards.Kind.VALUE);

		given.give(running.id(), own.id(), conversations.coachWrites(running.id(), running.coach().id(), "Een opdracht: de kaarten."));
		GivenAssignments.Given laid = given.of(running.id()).get(0);
		Document page = Jsoup.parse(mvc.perform(get("/participant/cards/{id}", laid.id()).with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		List<String> valueCodes = cards.deck().stream().filter(c -> c.kind() == CoachCards.Kind.VALUE).map(CoachCards.Card::code).toList();
		assertThat(page.select("#place-1 option[value]").eachAttr("value").stream().filter(v -> !v.isEmpty()))
			.containsExactlyElementsOf(valueCodes);

		// Changed to the qualities: the form shows its deck chosen, and the deck is changed.
		Document library = Jsoup.parse(mvc.perform(get("/coach/assignments").param("q", title).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(library.select("#e-" + own.id() + "-deck-VALUE").hasAttr("checked")).isTrue();
		assertThat(library.select("#e-" + own.id() + "-deck-QUALITY").hasAttr("checked")).isFalse();
		mvc.perform(cardsForm("/coach/assignments/" + own.id(), title).param("deck", "QUALITY").with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(assignments.byId(own.id()).orElseThrow().deck()).isEqualTo(CoachCards.Kind.QUALITY);

		// Another type names no deck, whatever the form sent.
		mvc.perform(form("/coach/assignments/" + own.id(), title, "REFLECTION").param("deck", "VALUE")
			.with(fixtures.as(running.coach()))).andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(assignments.byId(own.id()).orElseThrow().deck()).isNull();
	}

	@Test
	void aCoachCardsAssignmentWithoutAKnownDeckIsSentBackWithTheErrorAtTheField() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		String title = "Zonder stapel " + UUID.randomUUID();
		for (String deck : new String[] { null, "", "BOTH" }) {
			var request = cardsForm("/coach/assignments", title).with(fixtures.as(coach));
			if (deck != null) {
				request.param("deck", deck);
			}
			MvcResult refused = mvc.perform(request).andReturn();
			assertThat(refused.getFlashMap().get("formErrorFields")).asString().contains("deck");
			assertThat(refused.getFlashMap().get("formErrors")).asString().contains("Kies de stapel");
		}
		assertThat(assignments.libraryOf(coach.id(), new Assignments.Search(title, null, null))).isEmpty();

		// Refused for another field: the deck chosen comes back chosen, and a refused deck is marked at its field.
		MvcResult refused = mvc.perform(cardsForm("/coach/assignments", "").param("deck", "QUALITY").with(fixtures.as(coach)))
			.andReturn();
		Document page = Jsoup.parse(mvc.perform(get("/coach/assignments").cookie(refused.getResponse().getCookies()).with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#new-deck-QUALITY").hasAttr("checked")).isTrue();
		assertThat(page.select("#new-deck-VALUE").hasAttr("checked")).isFalse();

		MvcResult noDeck = mvc.perform(cardsForm("/coach/assignments", title).with(fixtures.as(coach))).andReturn();
		page = Jsoup.parse(mvc.perform(get("/coach/assignments").cookie(noDeck.getResponse().getCookies()).with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#new-deck-VALUE").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#new-errors").text()).contains("Kies de stapel");
		assertThat(page.select("#new-deck-error").text()).contains("Kies de stapel");
		assertThat(page.select("#new-deck").attr("aria-describedby")).contains("new-deck-error");

		// Another type needs no deck.
		mvc.perform(form("/coach/assignments", title, "REFLECTION").with(fixtures.as(coach)))
			.andExpect(flash().attribute("saved", "assignments.saved"));
	}

	@Test
	void anOwnCoachCardsAssignmentFromBeforeTheDeckSaysItOffersAllCards() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		String title = "Van voor de stapels " + UUID.randomUUID();
		UUID own = assignments.add(coach.id(), new Assignments.Draft(title, "Leg de kaarten.", AssignmentType.COACH_CARDS,
				List.of(), 20, Locale.forLanguageTag("nl")));
		Document page = Jsoup.parse(mvc.perform(get("/coach/assignments").param("q", title).with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#e-" + own + "-deck-none").text()).contains("alle 40 kaarten").contains("Kies een stapel");

		String other = "Met stapel " + UUID.randomUUID();
		UUID chosen = assignments.add(coach.id(), new Assignments.Draft(other, "Leg de kaarten.", AssignmentType.COACH_CARDS,
				List.of(), 20, Locale.forLanguageTag("nl"), CoachCards.Kind.QUALITY));
		page = Jsoup.parse(mvc.perform(get("/coach/assignments").param("q", other).with(fixtures.as(coach)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#e-" + chosen + "-deck-none")).isEmpty();
		assertThat(page.select("#e-" + chosen + "-deck-QUALITY").hasAttr("checked")).isTrue();
	}

	@Test
	void anAdministratorNamesTheDeckOfASharedOneAndSeesTheShippedOnesDeck() throws Exception {
		Account admin = fixtures.person(fixtures.runningTrajectory(true).organisationId(),
				"beheer-" + UUID.randomUUID() + "@example.nl", "Beheer", Role.ADMINISTRATOR);
		String title = "Gedeelde kwaliteiten " + UUID.randomUUID();
		mvc.perform(cardsForm("/admin/assignments", title).param("deck", "QUALITY").with(fixtures.as(admin)))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(assignments.shared(new Assignments.Search(title, null, null))).singleElement()
			.extracting(Assignment::deck)
			.isEqualTo(CoachCards.Kind.QUALITY);

		Assignment values = assignments.shared(new Assignments.Search("Jouw top vijf waarden", null, AssignmentType.COACH_CARDS))
			.stream()
			.filter(a -> a.title().equals("Jouw top vijf waarden"))
			.findFirst()
			.orElseThrow();
		assertThat(values.deck()).isEqualTo(CoachCards.Kind.VALUE);
		Document page = Jsoup.parse(mvc.perform(get("/admin/assignments").param("q", "Jouw top vijf waarden").with(fixtures.as(admin)))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#e-" + values.id() + "-deck-VALUE").hasAttr("checked")).isTrue();
	}

	/** The form's deck goes only where a library may be kept: not by a programme manager, nor a coach in the shared one. */
	@Test
	void onlyThoseWhoKeepALibraryMayNameADeck() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(running);
		String title = "Niet van jou " + UUID.randomUUID();
		mvc.perform(cardsForm("/coach/assignments", title).param("deck", "VALUE").with(fixtures.as(manager)))
			.andExpect(status().isForbidden());
		mvc.perform(cardsForm("/admin/assignments", title).param("deck", "VALUE").with(fixtures.as(manager)))
			.andExpect(status().isForbidden());
		mvc.perform(cardsForm("/admin/assignments", title).param("deck", "VALUE").with(fixtures.as(running.coach())))
			.andExpect(status().isForbidden());
		mvc.perform(cardsForm("/coach/assignments", title).param("deck", "VALUE").with(fixtures.as(running.participant())))
			.andExpect(status().isForbidden());
		assertThat(assignments.shared(new Assignments.Search(title, null, null))).isEmpty();

		// A coach's own is theirs: another coach cannot change its deck.
		UUID own = assignments.add(running.coach().id(), new Assignments.Draft(title, "Leg de kaarten.", AssignmentType.COACH_CARDS,
				List.of(), 20, Locale.forLanguageTag("nl"), CoachCards.Kind.VALUE));
		Account otherCoach = fixtures.runningTrajectory(true).coach();
		mvc.perform(cardsForm("/coach/assignments/" + own, title).param("deck", "QUALITY").with(fixtures.as(otherCoach)))
			.andExpect(status().isNotFound());
		assertThat(assignments.byId(own).orElseThrow().deck()).isEqualTo(CoachCards.Kind.VALUE);
	}

	private Assignment ownNamed(Account coach, String title) {
		return assignments.libraryOf(coach.id(), new Assignments.Search(title, null, null))
			.stream()
			.filter(a -> coach.id().equals(a.ownerId()))
			.findFirst()
			.orElseThrow();
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

package nl.briefwissel.assignment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped coach-cards texts no longer promise a value of one's own ("Mis je een waarde? Voeg die dan toe") on
 * a page that lays only the deck: a missing one is named in the explanation, which page and mail both take.
 */
class ShippedCoachCardsTextTests {

	@Test
	void theShippedTextsDoNotPromiseAddingACard() {
		assertThat(LibrarySeed.read()).filteredOn(entry -> entry.draft().type() == AssignmentType.COACH_CARDS)
			.isNotEmpty()
			.allSatisfy(entry -> assertThat(entry.draft().instructions()).doesNotContain("Voeg die dan toe")
				.doesNotContain("Then add it"));
		assertThat(LibrarySeed.read()).filteredOn(entry -> entry.key().equals("waarden-top-vijf"))
			.allSatisfy(entry -> assertThat(entry.draft().instructions()).containsAnyOf("Noem die dan in je uitleg",
					"Then name it in your explanation"));
	}
}

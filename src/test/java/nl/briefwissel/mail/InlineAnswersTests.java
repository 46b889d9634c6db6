package nl.briefwissel.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers typed into the coach's letter as Outlook quotes it (without marks) are found against that letter. */
class InlineAnswersTests {

	private static final String LETTER = """
			Hoi Sanne,

			Deze week twee vragen.
			1. Wat geeft je energie?
			2. Wat kost je energie? Denk aan je laatste werkweek en de momenten waarop je moe naar huis ging.

			Groet, Anja""";

	@Test
	void answersBetweenTheLettersLinesAreGivenBackWithTheLetterMarkedAsQuoted() {
		String cut = """
				Van: Anja de Vries via Briefwissel <noreply@briefwissel.test>
				Verzonden: maandag 2 november 2026 09:00
				Aan: Sanne Bakker <sanne@example.nl>
				Onderwerp: Opdracht 3

				Hoi Sanne,

				Deze week twee vragen.
				1. Wat geeft je energie?
				Werken met jongeren en iets opbouwen.
				2. Wat kost je energie? Denk aan je laatste werkweek en de momenten waarop je
				moe naar huis ging.
				Vergaderingen zonder besluit.

				Groet, Anja

				Je ontvangt dit bericht via Briefwissel.""";

		assertThat(InlineAnswers.within(cut, LETTER)).hasValue("""
				> Hoi Sanne,

				> Deze week twee vragen.
				> 1. Wat geeft je energie?
				Werken met jongeren en iets opbouwen.
				> 2. Wat kost je energie? Denk aan je laatste werkweek en de momenten waarop je
				> moe naar huis ging.
				Vergaderingen zonder besluit.

				> Groet, Anja""");
	}

	@Test
	void theUsualReplyAboveTheQuotedLetterHasNoAnswersWithinIt() {
		String cut = """
				Van: Anja de Vries via Briefwissel <noreply@briefwissel.test>
				Verzonden: maandag 2 november 2026 09:00
				Onderwerp: Opdracht 3

				Hoi Sanne,

				Deze week twee vragen.
				1. Wat geeft je energie?
				2. Wat kost je energie? Denk aan je laatste werkweek en de momenten waarop je moe naar huis ging.

				Groet, Anja

				Je ontvangt dit bericht via Briefwissel.""";

		assertThat(InlineAnswers.within(cut, LETTER)).isEmpty();
		assertThat(InlineAnswers.within("Van: iemand anders\nOnderwerp: iets\n\nEen heel ander bericht.", LETTER)).isEmpty();
	}
}

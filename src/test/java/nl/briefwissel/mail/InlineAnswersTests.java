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

	/**
	 * The review's cases: the participant's own signature before the quote is no part of the letter, the
	 * quote's header lines are nobody's answer, and a short answer that is a word of the letter is kept.
	 */
	@Test
	void onlyWhatWasTypedIntoTheQuotedLetterCounts() {
		String letter = "Hoi Sanne\n\nKies je voor ja of nee?\n\nGroet, Anja";
		String ordinary = """
				--
				Sanne
				06 1234 5678

				Van: Anja via Briefwissel <noreply@briefwissel.test>
				Verzonden: maandag 2 november 2026 09:00
				Onderwerp: Je e-coaching

				Hoi Sanne

				Kies je voor ja of nee?

				Groet, Anja""";
		assertThat(InlineAnswers.within(ordinary, letter)).isEmpty();

		String answered = """
				Van: Anja via Briefwissel <noreply@briefwissel.test>
				Verzonden: maandag 2 november 2026 09:00
				Onderwerp: Je e-coaching

				Hoi Sanne

				Kies je voor ja of nee?
				Ja

				Groet, Anja""";
		assertThat(InlineAnswers.within(answered, letter)).hasValue("> Hoi Sanne\n\n> Kies je voor ja of nee?\nJa\n\n> Groet, Anja");
	}
}

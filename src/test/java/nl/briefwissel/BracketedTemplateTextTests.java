package nl.briefwissel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line a template leaves where its user's text goes went out unwarned: [Your text here], [Jouw tekst hier], [Typ
 * hier je tekst], [Voorbeeldtekst] (decision 0114, amended). The word text alone, or with words of the coach's own, is
 * a button, a label or an aside, and stays unwarned. Read alone in a sentence and on a line of its own.
 */
class BracketedTemplateTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "[Your text here]", "[Jouw tekst hier]", "[Typ hier je tekst]", "[Voorbeeldtekst]",
			"[Sample text]", "[Tekst hier]", "[Text here]", "[Hier je tekst]", "[Uw tekst hier]", "[YOUR TEXT HERE]",
			"[Your text goes here]", "[Jouw tekst komt hier]", "[Type your text here]", "[Schrijf hier je tekst]",
			"[Voer hier je tekst in]", "[Typ hier je tekst...]", "[Click or tap here to enter text.]",
			"[Klik of tik om tekst in te voeren.]", "[Klik hier als u tekst wilt invoeren]", "[Click to add text]",
			"[Klik om tekst toe te voegen]", "[Hier, je tekst]" })
	void aTemplatesLineForTheTextIsFound(String placeholder) {
		assertThat(BracketedPlaceholders.in("Beste Sam,\n\n" + placeholder + "\n\nGroet,\nKim")).containsExactly(placeholder);
		assertThat(BracketedPlaceholders.in("Je volgende stap: " + placeholder + " en dan verder.")).containsExactly(placeholder);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[tekst]", "[Text]", "[Tekst]", "[Jouw tekst]", "[Mijn tekst]", "[Tekst toevoegen]",
			"[Add text]", "[Klik hier]", "[Typ hier]", "[Type here]", "[Lees hier de tekst]", "[Klik hier voor de tekst]",
			"[Tekst van de vacature]", "[De tekst hier is van mij]", "[Voorbeeldtekst sollicitatiebrief]", "[tekst](https://www.werk.nl)" })
	void theWordTextWithWordsOfTheCoachsOwnIsNotFound(String meant) {
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n" + meant + "\nSchrijf drie dingen op.\n\nGroet,\nKim")).isEmpty();
		assertThat(BracketedPlaceholders.in("Kijk eens naar " + meant + " in Canva.")).isEmpty();
	}
}

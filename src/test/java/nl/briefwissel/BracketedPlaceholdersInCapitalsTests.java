package nl.briefwissel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placeholders a template writes with a word after their value word that says where it goes: [YOUR NAME HERE] and
 * [JOUW NAAM HIER] went out unwarned, as the capitals rule took the value word only first or last (decision 0114,
 * session 47). The headings that rule keeps out stay out. Read alone and in a letter on lines of their own.
 */
class BracketedPlaceholdersInCapitalsTests {

	@ParameterizedTest
	@ValueSource(strings = { "[YOUR NAME HERE]", "[JOUW NAAM HIER]", "[UW NAAM HIER]", "[COACH NAAM HIER]",
			"[YOUR FULL NAME HERE]", "[DATUM HIER]", "[NAME HERE]", "[HANDTEKENING HIER]", "[YOUR SIGNATURE HERE]",
			"[YOUR NAME GOES HERE]", "[JOUW NAAM KOMT HIER]", "[YOUR NAME HERE:]", "[Your Name Here]", "[your name here]",
			"[jouw naam hier]", "[Jouw naam hier]" })
	void aPlaceholderWithHereAfterItsValueWordIsFound(String placeholder) {
		assertThat(BracketedPlaceholders.in("Met vriendelijke groet,\n" + placeholder)).containsExactly(placeholder);
		assertThat(BracketedPlaceholders.in("Beste " + placeholder + ", fijn dat je er bent.")).containsExactly(placeholder);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[SAVE THE DATE]", "[SAVE THE DATE HERE]", "[LET OP DE DATUM]", "[UPDATE: NIEUWE DATUM]",
			"[BELANGRIJK: DATUM GEWIJZIGD]", "[OVER MIJN NAAM]", "[MIJN NAAM IS HAAS]", "[MIJN NAAM IS HIER]",
			"[KLIK HIER]", "[CLICK HERE]", "[MEER INFORMATIE HIER]", "[HIER]", "[HERE]", "[NAME EDIT]", "[TEL 085-1234567]",
			"[Tijd om te reflecteren]", "[Time to reflect]", "[Tijd voor actie]", "[Tijd voor jezelf]",
			"[Tijd voor de afsluiting]", "[Even stilstaan]", "[Lees hier meer]", "[Klik hier]" })
	void aHeadingOnALineOfItsOwnIsNotFound(String heading) {
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n" + heading + "\nSchrijf drie dingen op.\n\nGroet,\nKim")).isEmpty();
	}
}

package nl.briefwissel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as a placeholder left in a text that reaches a participant as written (decisions 0066 and
 * 0114): a word in braces, and a fill-in instruction or a name or date in square brackets as a template
 * from elsewhere writes them. Brackets a coach writes and means (a note number, [sic], a Markdown link, an
 * omission in a quote) are not one.
 */
class PlaceholdersTests {

	@Test
	void aFillInInstructionInSquareBracketsIsOneInEitherLanguage() {
		assertThat(Placeholders.in("Beste Sam, [Vul hier de volgende stap in] en {volgende_stap}."))
			.containsExactly("[Vul hier de volgende stap in]", "{volgende_stap}");
		assertThat(Placeholders.in("Je volgende stap: [vul in]. [Voeg hier een link toe] [Invullen] [in te vullen]"))
			.containsExactly("[vul in]", "[Voeg hier een link toe]", "[Invullen]", "[in te vullen]");
		assertThat(Placeholders.in("Dear Sam, [Fill in the next step]. [Insert date here] [Enter the vacancy] [Add a link]"))
			.containsExactly("[Fill in the next step]", "[Insert date here]", "[Enter the vacancy]", "[Add a link]");
	}

	@Test
	void aNameOrDateInSquareBracketsIsOneInEitherLanguage() {
		assertThat(Placeholders.in("Beste [naam], tot [datum]. Groet, [Naam coach]. [NAAM DEELNEMER] [jouw naam] [Bedrijfsnaam] [Voornaam]"))
			.containsExactly("[naam]", "[datum]", "[Naam coach]", "[NAAM DEELNEMER]", "[jouw naam]", "[Bedrijfsnaam]", "[Voornaam]");
		assertThat(Placeholders.in("Dear [Name], see you on [date]. [Your name] [First name] [Participant's name] [NAME] [Interview date]"))
			.containsExactly("[Name]", "[date]", "[Your name]", "[First name]", "[Participant's name]", "[NAME]", "[Interview date]");
	}

	@Test
	void eachIsNamedOnceInTheOrderWritten() {
		assertThat(Placeholders.in("[naam], {naam} en nog eens [naam] en {naam}")).containsExactly("[naam]", "{naam}");
	}

	@Test
	void bracketsACoachWritesAndMeansAreNone() {
		assertThat(Placeholders.in("Je schreef: 'ik wil [sic] weg' [1]. Zie [2] (zie bijlage). Het citaat [...] loopt door […]."))
			.isEmpty();
		assertThat(Placeholders.in("Zoek op [NPO Start](https://www.npostart.nl) of [YouTube](https://www.youtube.com). [Naam](https://example.nl)"))
			.isEmpty();
		assertThat(Placeholders.in("Druk op [Enter]. [Let op] [NB] [PDF] [EN] [naamloos] [datumlijn] [vulling] [address]"))
			.isEmpty();
		assertThat(Placeholders.in("He wrote [sic] 'I left'. See [1] (attachment). [Added emphasis] [Fill] [named] [update]\n[Vul\nhier in]"))
			.isEmpty();
	}

	@Test
	void aBraceInsideBracketsThatAreNoneIsStillFound() {
		assertThat(Placeholders.in("Zie [bijlage bij {naam}] en [Vul in]")).containsExactly("{naam}", "[Vul in]");
	}

	/** The library's own texts hold Markdown links in square brackets, which are no placeholder. */
	@Test
	void whatTheLibraryShipsHasNone() throws IOException {
		assertThat(new String(PlaceholdersTests.class.getResourceAsStream("/assignments/library.txt").readAllBytes(),
				StandardCharsets.UTF_8)).contains("[NPO Start](https://www.npostart.nl)");
		for (String file : new String[] { "library.txt", "library-earlier.txt", "coach-cards.txt" }) {
			try (InputStream in = PlaceholdersTests.class.getResourceAsStream("/assignments/" + file)) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				assertThat(Placeholders.in(text)).as(file).isEmpty();
			}
		}
	}
}

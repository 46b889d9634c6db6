package nl.briefwissel;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the assignment's text stands in a letter, read once for sending and the writing help: what is taken out is
 * the worksheet's, and nothing of the coach's own letter around it.
 */
class AssignmentInLetterTests {

	private static final String ASSIGNMENT = "Opdracht: Sollicitatiebrief\n\nGebruik dit voorbeeld.\n\n"
			+ "Geachte [naam contactpersoon],\nIk solliciteer.\nMet vriendelijke groet,\n[naam]\n\n"
			+ "Dit kost je ongeveer 15 minuten.";

	/** The coach personalised the sample letter of the worksheet and signed off under it with an unfilled [naam]. */
	private static final String PERSONALISED = "Hoi Sam,\n\nHier is een opdracht voor deze week.\n\n"
			+ "Opdracht: Sollicitatiebrief\n\nGebruik dit voorbeeld.\n\nGeachte [naam contactpersoon],\n"
			+ "Ik solliciteer graag.\nMet hartelijke groet,\nSam\n\nDit kost je ongeveer 15 minuten.\n\n"
			+ "Met vriendelijke groet,\n[naam]";

	/**
	 * A worksheet line the coach changed was looked for to the end of the letter: it was found in the coach's own
	 * sign-off after the worksheet, which was taken out with its [naam], and the letter went without a warning. The
	 * estimate, before that sign-off, was then not taken out at all.
	 */
	@Test
	void aWorksheetLineTheCoachChangedIsNotFoundInTheCoachsOwnSignOffAfterIt() {
		String blanked = AssignmentInLetter.blanked(PERSONALISED, ASSIGNMENT);
		assertThat(blanked).hasSameSizeAs(PERSONALISED);
		assertThat(BracketedPlaceholders.placed(blanked)).containsExactly(
				new BracketedPlaceholders.Placed("[naam]", PERSONALISED.lastIndexOf("[naam]"), PERSONALISED.length()));
		assertThat(blanked).as("the coach's own lines")
			.contains("Ik solliciteer graag.\nMet hartelijke groet,\nSam", "Met vriendelijke groet,\n[naam]")
			.as("the worksheet's").doesNotContain("Opdracht", "Gebruik dit", "Geachte", "Dit kost je");
	}

	/** A worksheet line is left as it was only as a whole line: one the coach wrote on after is the coach's. */
	@Test
	void aWorksheetLineTheCoachWroteOnAfterIsTheCoachsOwn() {
		String assignment = "Opdracht: Bellen\n\nBel vandaag.\nBel [naam contactpersoon]\nVertel wat je zoekt.\n\n"
				+ "Dit kost je ongeveer 15 minuten.";
		String letter = "Hoi,\n\nOpdracht: Bellen\n\nBel vandaag.\nBel [naam contactpersoon] voor vrijdag.\n"
				+ "Vertel wat je zoekt.\n\nDit kost je ongeveer 15 minuten.";
		String blanked = AssignmentInLetter.blanked(letter, assignment);
		assertThat(BracketedPlaceholders.in(blanked)).containsExactly("[naam contactpersoon]");
		assertThat(blanked).contains("Bel [naam contactpersoon] voor vrijdag.").doesNotContain("Bel vandaag", "Vertel");
	}

	/**
	 * The lines of a paragraph the coach changed are looked for before the next paragraph left as it was: a line the
	 * coach deleted was found in a later paragraph of the same words, and the worksheet's lines between were then
	 * looked for after it and warned. A line the coach wrapped is still the worksheet's.
	 */
	@Test
	void aChangedParagraphsLinesAreLookedForBeforeTheNextParagraphLeftAsItWas() {
		String assignment = "Opdracht: Gesprek\n\nVoor het gesprek:\nMet wie: [naam leidinggevende]\nWanneer: [datum gesprek]\n\n"
				+ "Lees de tips.\n\nNa het gesprek:\nMet wie: [naam leidinggevende]\nAfspraak: [vul hier in]\n\n"
				+ "Dit kost je ongeveer 15 minuten.";
		String letter = "Hoi,\n\nOpdracht: Gesprek\n\nVoor het gesprek met Anna:\nWanneer: [datum gesprek]\n\nLees de tips.\n\n"
				+ "Na het gesprek:\nMet wie:\n  [naam leidinggevende]\nAfspraak: [vul hier in]\nBel mij daarna.\n\n"
				+ "Dit kost je ongeveer 15 minuten.\n\nGroet,\n[naam]";
		String blanked = AssignmentInLetter.blanked(letter, assignment);
		assertThat(BracketedPlaceholders.in(blanked)).containsExactly("[naam]");
		assertThat(blanked).contains("Voor het gesprek met Anna:", "Bel mij daarna.", "Groet,")
			.doesNotContain("Wanneer", "Lees", "Met wie", "Afspraak", "Dit kost");
	}

	/**
	 * The heading and the estimate kept, every instruction deleted: the coach's letter after the estimate is the
	 * coach's, even where its lines are the worksheet's too.
	 */
	@Test
	void aHeadingWithNothingOfTheInstructionsLeftTakesOutOnlyTheHeadingAndTheEstimate() {
		String letter = "Hoi Sam,\n\nOpdracht: Sollicitatiebrief\n\nDit kost je ongeveer 15 minuten.\n\n"
				+ "Met vriendelijke groet,\n[naam]";
		String blanked = AssignmentInLetter.blanked(letter, ASSIGNMENT);
		assertThat(BracketedPlaceholders.in(blanked)).containsExactly("[naam]");
		assertThat(blanked).startsWith("Hoi Sam,\n\n").endsWith("\n\nMet vriendelijke groet,\n[naam]")
			.doesNotContain("Opdracht", "Dit kost je");
	}

	/**
	 * Without its estimate the worksheet's end is not in the letter: its lines are looked for no further than the
	 * worksheet reaches, not in the coach's letter long after the heading.
	 */
	@Test
	void withoutTheEstimateTheWorksheetsLinesAreNotLookedForBeyondItsLength() {
		String own = "Ik weet dat je deze week veel aan je hoofd hebt. ".repeat(6);
		String letter = "Hoi Sam,\n\nOpdracht: Sollicitatiebrief\n\n" + own.strip() + "\n\nMet vriendelijke groet,\n[naam]";
		String blanked = AssignmentInLetter.blanked(letter, ASSIGNMENT);
		assertThat(BracketedPlaceholders.in(blanked)).containsExactly("[naam]");
		assertThat(blanked).endsWith(own.strip() + "\n\nMet vriendelijke groet,\n[naam]").doesNotContain("Opdracht");
	}

	/**
	 * Neither the heading nor the instructions in the letter: it carries nothing of the assignment, and a sentence
	 * like its estimate is the coach's own. It was looked for from the letter's start and taken out.
	 */
	@Test
	void neitherHeadingNorInstructionsLeavesTheLetterAsItIs() {
		String letter = "Beste Sam,\n\nDit kost je ongeveer 15 minuten. Wil je [naam collega] bellen?\n\nGroet";
		assertThat(AssignmentInLetter.blanked(letter, ASSIGNMENT)).isEqualTo(letter);
		assertThat(AssignmentInLetter.carried(letter, ASSIGNMENT)).isFalse();
	}

	/** The instructions whole under a reworded heading: the estimate is taken out after them, not before. */
	@Test
	void theEstimateIsTakenOutAfterTheInstructionsNotWhereTheCoachWroteTheSameBefore() {
		String letter = "Dit kost je ongeveer 15 minuten.\n\nOpdracht: Jouw sollicitatiebrief\n\n"
				+ ASSIGNMENT.substring(ASSIGNMENT.indexOf("Gebruik"));
		String blanked = AssignmentInLetter.blanked(letter, ASSIGNMENT);
		assertThat(blanked).startsWith("Dit kost je ongeveer 15 minuten.\n\nOpdracht: Jouw sollicitatiebrief\n\n")
			.doesNotContain("Gebruik", "Geachte").endsWith(" ".repeat("Dit kost je ongeveer 15 minuten.".length()));
	}

	/**
	 * A browser sends line breaks as CR LF, and an assignment may be stored so: the letter comes back with LF line
	 * breaks, each character where it stands in the letter as the writing help shows it, so a mark lands on its word.
	 */
	@Test
	void aLetterWithCrLfLineBreaksComesBackWithItsPlacesWhereTheCheckMarksThem() {
		String shown = PERSONALISED;
		for (String assignment : List.of(ASSIGNMENT, ASSIGNMENT.replace("\n", "\r\n"))) {
			String blanked = AssignmentInLetter.blanked(shown.replace("\n", "\r\n"), assignment);
			assertThat(blanked).hasSameSizeAs(shown).isEqualTo(AssignmentInLetter.blanked(shown, ASSIGNMENT));
			for (int i = 0; i < shown.length(); i++) {
				assertThat(blanked.charAt(i)).as("at %d", i).isIn(shown.charAt(i), ' ');
			}
			BracketedPlaceholders.Placed placed = BracketedPlaceholders.placed(blanked).get(0);
			assertThat(shown.substring(placed.start(), placed.end())).isEqualTo("[naam]");
			assertThat(placed.start()).isEqualTo(shown.lastIndexOf("[naam]"));
		}
	}

}

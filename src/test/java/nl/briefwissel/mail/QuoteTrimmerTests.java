package nl.briefwissel.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The trimming rules one by one, on text that must and must not be cut. */
class QuoteTrimmerTests {

	@Test
	void aLineThatMerelyStartsLikeAHeaderIsKept() {
		var trimmed = QuoteTrimmer.trim("""
				Van: mijn vader heb ik geleerd dat je nooit opgeeft.
				Aan: het eind van de dag ben ik moe.

				Van: Anja de Vries <noreply@briefwissel.test>
				Verzonden: dinsdag 3 november 2026 10:12
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Je e-coaching

				Wat geeft je energie?""");
		assertThat(trimmed.kept()).isEqualTo("""
				Van: mijn vader heb ik geleerd dat je nooit opgeeft.
				Aan: het eind van de dag ben ik moe.""");
		assertThat(trimmed.cut()).contains("Wat geeft je energie?");
	}

	/** How Briefwissel shows in a quote, as the pipeline names it, and the participant who writes. */
	private static final java.util.List<String> OURS = java.util.List.of("noreply@briefwissel.test", "via briefwissel",
			"@briefwissel.test");

	private static final String PARTICIPANT = "sanne@utrecht.nl";

	/** The participant's own account of what someone wrote, with a line of it marked with '>': no quote of a mail. */
	private static final String OWN_ACCOUNT = """
			Hoi Anja,

			Op 7 mei schreef mijn leidinggevende:
			> Je kunt na de zomer beginnen.
			Dat vond ik fijn, maar ik twijfel nog.

			Sanne""";

	/**
	 * A manager's mail the participant pasted into their letter, to write about it: the quote of the
	 * coach's letter below is the history, the pasted mail and the words below it are the participant's.
	 * Everything from the pasted "Van:" was cut, and with it the question to the coach.
	 */
	@Test
	void aMailPastedAboveTheQuotedLetterIsKeptWithTheWordsBelowIt() {
		var trimmed = QuoteTrimmer.trim("""
				Hoi Anja,

				Dit kreeg ik vanochtend van mijn leidinggevende:

				Van: Piet Meijer <p.meijer@werkgever.nl>
				Verzonden: donderdag 3 december 2026 10:12
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Gesprek volgende week

				Sanne, ik wil het volgende week met je over je uren hebben.

				Ik schrik hier nogal van. Hoe bereid ik me voor?

				Groet,
				Sanne

				________________________________
				Van: Anja de Vries via Briefwissel
				Verzonden: dinsdag 1 december 2026 09:00
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Je e-coaching, week 3

				Wat wil je deze week bespreken?""", null, OURS, PARTICIPANT);
		assertThat(trimmed.kept()).contains("Dit kreeg ik vanochtend", "Van: Piet Meijer <p.meijer@werkgever.nl>",
				"ik wil het volgende week met je over je uren hebben.", "Ik schrik hier nogal van. Hoe bereid ik me voor?",
				"Sanne");
		assertThat(trimmed.kept()).doesNotContain("Anja de Vries via Briefwissel", "Wat wil je deze week bespreken?");
		assertThat(trimmed.cut()).startsWith("________________________________").contains("Wat wil je deze week bespreken?");
	}

	/** The same with Gmail's attribution line, as one typed or pasted, above the coach's quoted letter. */
	@Test
	void aPastedAttributionAboveTheQuotedLetterIsKeptWithTheWordsBelowIt() {
		var trimmed = QuoteTrimmer.trim("""
				Kijk wat Jan schreef:

				Op 3 dec. 2026 om 10:12 schreef Jan <jan@x.nl>:
				We zoeken iemand voor 32 uur, start in januari.

				Zou ik dit moeten proberen?

				Op di 1 dec 2026 om 09:00 schreef Anja de Vries via Briefwissel <noreply@briefwissel.test>:

				> Wat wil je deze week bespreken?""", null, OURS, PARTICIPANT);
		assertThat(trimmed.kept()).contains("Op 3 dec. 2026 om 10:12 schreef Jan <jan@x.nl>:",
				"We zoeken iemand voor 32 uur", "Zou ik dit moeten proberen?");
		assertThat(trimmed.kept()).doesNotContain("Wat wil je deze week bespreken?", "schreef Anja");
	}

	/**
	 * The participant answering their own letter (to add what they forgot): the quote of it is this
	 * conversation's history as the coach's letter below it is, and both are cut as before.
	 */
	@Test
	void aQuoteOfTheSendersOwnEarlierLetterIsHistory() {
		var trimmed = QuoteTrimmer.trim("""
				Vergeten: ik kan alleen op dinsdag.

				Op 3 dec. 2026 om 10:12 schreef Sanne Bakker <sanne@utrecht.nl>:
				> Ik wil graag een afspraak maken.

				> Op 1 dec. 2026 om 09:00 schreef Anja de Vries via Briefwissel <noreply@briefwissel.test>:
				>> Wat wil je deze week bespreken?""", null, OURS, PARTICIPANT);
		assertThat(trimmed.kept()).isEqualTo("Vergeten: ik kan alleen op dinsdag.");
	}

	/**
	 * With no quote below it that names the conversation, a pasted mail cannot be told from a reply to a
	 * mail of someone else's (the participant's client quoting what it answered): cut, as before.
	 */
	@Test
	void aQuoteWithoutTheConversationBelowItIsCutAsBefore() {
		var trimmed = QuoteTrimmer.trim("""
				Dat klopt.

				Van: Piet Meijer <p.meijer@werkgever.nl>
				Verzonden: donderdag 3 december 2026 10:12
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Gesprek volgende week

				Sanne, ik wil het volgende week met je over je uren hebben.""", null, OURS, PARTICIPANT);
		assertThat(trimmed.kept()).isEqualTo("Dat klopt.");
	}

	/**
	 * A new mail, which answers none (no In-Reply-To or References, no "Re:"), quotes nothing by itself: a
	 * manager's mail in it, with no quote of the conversation anywhere, was pasted by the participant, and
	 * their question below it is theirs. It was cut at the pasted "Van:". The same text answering a mail
	 * (by its headers or its subject) quotes the mail it answers, someone else's, and is cut as before.
	 */
	@Test
	void aNewMailKeepsAPastedMailWithTheWordsBelowIt() {
		String text = """
				Hoi Anja,

				Dit kreeg ik vanochtend van mijn leidinggevende:

				Van: Piet Meijer <p.meijer@werkgever.nl>
				Verzonden: donderdag 3 december 2026 10:12
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Gesprek volgende week

				Sanne, ik wil het volgende week met je over je uren hebben.

				Ik schrik hier nogal van. Hoe bereid ik me voor?

				Groet,
				Sanne
				--\s
				Sanne Bakker | 06 12 34 56 78""";
		var trimmed = QuoteTrimmer.trim(text, "Mail van Piet", OURS, PARTICIPANT, false);
		assertThat(trimmed.kept()).contains("Dit kreeg ik vanochtend", "Van: Piet Meijer <p.meijer@werkgever.nl>",
				"ik wil het volgende week met je over je uren hebben.", "Hoe bereid ik me voor?")
			.doesNotContain("06 12 34 56 78");
		assertThat(QuoteTrimmer.trim(text, "Mail van Piet", OURS, PARTICIPANT, true).kept()).as("answering a mail")
			.doesNotContain("Van: Piet Meijer", "Hoe bereid ik me voor?");
		assertThat(QuoteTrimmer.trim(text, "Antw: Gesprek volgende week", OURS, PARTICIPANT, false).kept())
			.as("a reply by its subject").doesNotContain("Van: Piet Meijer", "Hoe bereid ik me voor?");
		assertThat(QuoteTrimmer.trim(text, "Mail van Piet", java.util.List.of(), PARTICIPANT, false).kept())
			.as("not knowing how the conversation shows, no quote can be told to be not its").doesNotContain("Van: Piet Meijer");
	}

	/**
	 * A quote of the conversation in a new mail (the participant pasted a letter of the coach's) is the
	 * conversation's history as in a reply, and is cut as before.
	 */
	@Test
	void aNewMailsQuoteOfTheConversationIsCutAsBefore() {
		var ours = QuoteTrimmer.trim("""
				Ik kan alleen op dinsdag.

				Van: Anja de Vries via Briefwissel
				Verzonden: dinsdag 1 december 2026 09:00
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Je e-coaching, week 3

				Wat wil je deze week bespreken?""", "Dinsdag", OURS, PARTICIPANT, false);
		assertThat(ours.kept()).isEqualTo("Ik kan alleen op dinsdag.");
	}

	/**
	 * A quote at the very end of a new mail, with nothing of the person's below it, is something they
	 * pasted as well (decision 0059, note of session 37): it stays, with or without the attribution above
	 * it. It was cut with its attribution, though the person sent it for the coach to read. Their own
	 * signature below it is still cut. Answering a mail, or not knowing how the conversation shows, the
	 * quote is the mail answered and is cut as before.
	 */
	@Test
	void aNewMailKeepsAPastedQuoteAtItsEnd() {
		String attributed = """
				Kijk wat Jan schreef.

				Op 3 dec. 2026 om 10:12 schreef Jan <jan@x.nl>:
				> We zoeken iemand voor 32 uur, start in januari.

				--\s
				Sanne""";
		var atTheEnd = QuoteTrimmer.trim(attributed, "Van Jan", OURS, PARTICIPANT, false);
		assertThat(atTheEnd.kept()).isEqualTo("""
				Kijk wat Jan schreef.

				Op 3 dec. 2026 om 10:12 schreef Jan <jan@x.nl>:
				> We zoeken iemand voor 32 uur, start in januari.""");
		assertThat(atTheEnd.cut()).isEqualTo("-- \nSanne");

		String unattributed = """
				Deze vragen staan in de vacature. Hoe zou jij ze beantwoorden?

				> Hoe ga je om met werkdruk?
				> Geef een voorbeeld uit je huidige baan.""";
		assertThat(QuoteTrimmer.trim(unattributed, "Vacature", OURS, PARTICIPANT, false).kept())
			.endsWith("> Geef een voorbeeld uit je huidige baan.");
		// At its top, with the words below it, the same: quote marks alone cut nothing of a new mail.
		assertThat(QuoteTrimmer.trim("> Hoe ga je om met werkdruk?\n\nIk plan mijn week op maandag.", "Werkdruk", OURS,
				PARTICIPANT, false).kept()).startsWith("> Hoe ga je om met werkdruk?");

		assertThat(QuoteTrimmer.trim(attributed, "Van Jan", OURS, PARTICIPANT, true).kept()).as("answering a mail")
			.isEqualTo("Kijk wat Jan schreef.");
		assertThat(QuoteTrimmer.trim(unattributed, "Re: Vacature", OURS, PARTICIPANT, false).kept()).as("a reply by its subject")
			.doesNotContain("werkdruk");
		assertThat(QuoteTrimmer.trim(unattributed, "Vacature", java.util.List.of(), PARTICIPANT, false).kept())
			.as("not knowing how the conversation shows").doesNotContain("werkdruk");
	}

	/**
	 * A "-- " line inside a mail the participant pasted (the manager's signature) is not the end of their
	 * letter: what they wrote below it stays, also without a question mark. Their own signature at the
	 * very end is still cut. Everything below the pasted signature was cut, and with it their words.
	 */
	@Test
	void aSignatureInsideAPastedMailKeepsTheWordsBelowIt() {
		var trimmed = QuoteTrimmer.trim("""
				Hoi Anja,

				Dit kreeg ik vanochtend van mijn leidinggevende:

				Van: Piet Meijer <p.meijer@werkgever.nl>
				Verzonden: donderdag 3 december 2026 10:12
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Gesprek volgende week

				Sanne, ik wil het volgende week met je over je uren hebben.

				--\s
				Piet Meijer
				Teamleider Klantcontact

				Ik schrik hier nogal van.

				Groet,
				Sanne

				--\s
				Sanne Bakker | 06 12 34 56 78""", "Mail van Piet", OURS, PARTICIPANT, false);
		assertThat(trimmed.kept()).contains("ik wil het volgende week met je over je uren hebben.", "Piet Meijer",
				"Ik schrik hier nogal van.", "Groet,\nSanne").doesNotContain("06 12 34 56 78");
		assertThat(trimmed.cut()).isEqualTo("-- \nSanne Bakker | 06 12 34 56 78");

		// Pasted with an attribution and in a reply, above the quote of the coach's letter.
		var inAReply = QuoteTrimmer.trim("""
				Kijk wat Jan schreef:

				Op 3 dec. 2026 om 10:12 schreef Jan <jan@x.nl>:
				We zoeken iemand voor 32 uur, start in januari.
				--\s
				Jan Visser | Uitzendbureau Voorbeeld

				Zou ik dit moeten proberen

				Op di 1 dec 2026 om 09:00 schreef Anja de Vries via Briefwissel <noreply@briefwissel.test>:

				> Wat wil je deze week bespreken?""", null, OURS, PARTICIPANT);
		assertThat(inAReply.kept()).contains("Jan Visser | Uitzendbureau Voorbeeld", "Zou ik dit moeten proberen")
			.doesNotContain("Wat wil je deze week bespreken?");
	}

	/**
	 * Text below a "-- " line that reads as a letter and not as a signature is the person's own, pasted
	 * mail or not: a sentence in a paragraph after the signature block, a question, prose, more lines than
	 * a signature has. A signature followed only by an address, a device footer or a disclaimer ends the
	 * letter and is cut as before.
	 */
	@Test
	void wordsBelowASignatureThatReadAsALetterAreKept() {
		assertThat(QuoteTrimmer.trim("""
				Dit kreeg ik vanochtend:

				Sanne, ik wil het volgende week met je over je uren hebben.
				--\s
				Piet Meijer
				Teamleider Klantcontact

				Ik schrik hier nogal van en weet niet wat ik moet doen.

				Sanne""").kept()).contains("Ik schrik hier nogal van en weet niet wat ik moet doen.", "Piet Meijer");
		assertThat(QuoteTrimmer.trim("Antwoord op vraag 1: meer met mensen.\n\n--\s\n\nAntwoord op vraag 2: ik mis "
				+ "vooral de collega's van mijn vorige baan. Die waren er altijd.").kept()).contains("Antwoord op vraag 2");
		assertThat(QuoteTrimmer.trim("Mijn antwoord.\n\n--\s\nSanne\n\nWat vind jij?").kept()).contains("Wat vind jij?");

		// What still ends a letter: a signature with its address, a device footer or a disclaimer below it.
		assertThat(QuoteTrimmer.trim("""
				Goed idee.

				--\s
				Sanne Bakker
				Beleidsmedewerker

				Gemeente Utrecht
				Stadsplateau 1, 3521 AZ Utrecht""").kept()).isEqualTo("Goed idee.");
		assertThat(QuoteTrimmer.trim("Goed idee.\n\n--\s\nSanne Bakker\n\nVerzonden vanaf mijn iPhone").kept())
			.isEqualTo("Goed idee.");
		assertThat(QuoteTrimmer.trim("""
				Goed idee.

				--\s
				Sanne Bakker | Gemeente Utrecht

				Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent, \
				wordt u verzocht dat aan de afzender te melden.""").kept()).isEqualTo("Goed idee.");
	}

	@Test
	void anAttributionWrappedOverTwoLinesIsCut() {
		var trimmed = QuoteTrimmer.trim("""
				Dat klopt.

				Op di 3 nov 2026 om 10:12 schreef Anja de Vries via Briefwissel <
				noreply@briefwissel.test>:

				> Klopt het dat je twijfelt?""");
		assertThat(trimmed.kept()).isEqualTo("Dat klopt.");
	}

	/** A sentence shaped like an attribution, without the date a mail client writes, is the person's own. */
	@Test
	void anOwnSentenceThatEndsInWroteIsNoAttribution() {
		var trimmed = QuoteTrimmer.trim("""
				Hoi Anja,

				Op basis van wat ik eerder schreef, denk ik het volgende:
				ik wil minder uren werken en meer tijd voor mijn opleiding.

				On Friday the recruiter wrote:
				they would call me back next week.

				Groet,
				Sanne

				Op di 3 nov 2026 om 10:12 schreef Anja de Vries <noreply@briefwissel.test>:

				> Wat wil je veranderen?""");
		assertThat(trimmed.kept()).contains("Op basis van wat ik eerder schreef, denk ik het volgende:",
				"ik wil minder uren werken", "On Friday the recruiter wrote:", "they would call me back next week.", "Sanne");
		assertThat(trimmed.kept()).doesNotContain("Wat wil je veranderen?", "schreef Anja");
	}

	@Test
	void interleavedAnswersStayWithTheQuestionsTheyAnswer() {
		var trimmed = QuoteTrimmer.trim("""
				On Tue, 3 Nov 2026 at 10:12, Anja de Vries <noreply@briefwissel.test> wrote:
				> Wat geeft je energie?
				Mensen helpen die vastlopen.
				> Wat kost je energie?
				Eindeloze vergaderingen.
				> Hartelijke groet, Anja""");
		assertThat(trimmed.kept()).contains("> Wat geeft je energie?", "Mensen helpen die vastlopen.",
				"> Wat kost je energie?", "Eindeloze vergaderingen.");
		assertThat(trimmed.kept()).doesNotContain("Hartelijke groet", "wrote:");
	}

	@Test
	void forwardedContentIsKeptOnPurpose() {
		var trimmed = QuoteTrimmer.trim("""
				Hierbij de vacature die ik bedoelde:

				---------- Doorgestuurd bericht ---------
				Van: Werken bij de Gemeente <vacatures@gemeente.nl>
				Datum: ma 2 nov 2026
				Onderwerp: Vacature beleidsadviseur jeugd
				Aan: <sanne@utrecht.nl>

				Wij zoeken een beleidsadviseur jeugd voor 32 uur.""");
		assertThat(trimmed.kept()).contains("Wij zoeken een beleidsadviseur jeugd");
	}

	@Test
	void signaturesMobileFootersAndDisclaimersAreCut() {
		var trimmed = QuoteTrimmer.trim("""
				Ja, dat klopt.

				Verzonden vanaf mijn iPhone

				Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent,
				wordt u verzocht dat aan de afzender te melden.""");
		assertThat(trimmed.kept()).isEqualTo("Ja, dat klopt.");

		var signed = QuoteTrimmer.trim("Goed idee.\n\n-- \nSanne Bakker\nBeleidsmedewerker | 06 12345678");
		assertThat(signed.kept()).isEqualTo("Goed idee.");
	}

	/** A footer is a whole line at the end that names a device or mail app; the same words inside the letter stay. */
	@Test
	void onlyAFooterAtTheEndThatNamesADeviceIsCut() {
		var trimmed = QuoteTrimmer.trim("""
				Deze week gedaan:
				Verstuurd via Indeed: 4 sollicitaties
				Mijn brief aan de gemeente heb ik
				verstuurd via de website van de gemeente en ik wacht nog op
				antwoord.

				Groet,
				Sanne

				Verstuurd vanaf mijn iPad""");
		assertThat(trimmed.kept()).contains("Verstuurd via Indeed: 4 sollicitaties",
				"verstuurd via de website van de gemeente en ik wacht nog op", "Sanne");
		assertThat(trimmed.kept()).doesNotContain("iPad");

		var endsWithTheList = QuoteTrimmer.trim("Wat ik deze week deed:\n\nVerstuurd via Indeed: 4 sollicitaties");
		assertThat(endsWithTheList.kept()).endsWith("Verstuurd via Indeed: 4 sollicitaties");
	}

	/** ">32 uur per week" is the person's own "more than"; a quote has a space after its marker. */
	@Test
	void aGreaterThanSignWithoutASpaceIsThePersonsOwn() {
		var wishes = QuoteTrimmer.trim("""
				Wat ik zoek in een nieuwe baan:

				>32 uur per week
				>€3.200 bruto""");
		assertThat(wishes.kept()).contains(">32 uur per week", ">€3.200 bruto");

		var opening = QuoteTrimmer.trim(">32 uur per week is me te veel.\n\nDaarom wil ik minder werken.");
		assertThat(opening.kept()).contains(">32 uur per week is me te veel.", "Daarom wil ik minder werken.");

		var quoted = QuoteTrimmer.trim("> Hoeveel uur wil je werken?\n>\n>Graag een getal.\n\nMinder dan nu.");
		assertThat(quoted.kept()).isEqualTo("Minder dan nu.");
	}

	/** A person may call their own letter confidential: one stock phrase is not a disclaimer, and nothing of the letter goes. */
	@Test
	void aLetterThatSaysItIsConfidentialKeepsItsWords() {
		var trimmed = QuoteTrimmer.trim("""
				Hoi Bram,

				Dit bericht is vertrouwelijk, mijn leidinggevende weet nog van niets. Ik heb gesolliciteerd bij de
				provincie en hoor volgende week of ik op gesprek mag.

				Groet,
				Fatima""");
		assertThat(trimmed.kept()).contains("mijn leidinggevende weet nog van niets", "op gesprek mag", "Fatima");

		var withFooter = QuoteTrimmer.trim("""
				Hoi Bram,

				Dit bericht is vertrouwelijk, mijn leidinggevende weet nog van niets.

				Groet,
				Fatima

				Aan dit bericht kunnen geen rechten worden ontleend. Dit bericht is uitsluitend bestemd voor de geadresseerde.""");
		assertThat(withFooter.kept()).contains("mijn leidinggevende weet nog van niets", "Fatima")
			.doesNotContain("geen rechten");
	}

	/**
	 * The participant's own words that only look like the end of a letter: a disclaimer they quote with
	 * their question after it, a line of their own with a date and a time, a bare dash line between two
	 * answers, and a draft with Van/Aan/Onderwerp lines. Each cut the rest of the letter.
	 */
	@Test
	void ownWordsThatLookLikeTheEndOfALetterAreKept() {
		assertThat(QuoteTrimmer.trim("""
				Ik kreeg vandaag deze afwijzing:

				Beste Sanne, helaas hebben we gekozen voor een andere kandidaat.
				Dit bericht is uitsluitend bestemd voor de geadresseerde. Aan dit bericht kunnen geen rechten worden ontleend.

				Wat vind jij, moet ik bellen om feedback te vragen? Ik ben er best verdrietig over.

				Groet,
				Sanne""").kept()).contains("moet ik bellen om feedback te vragen?");
		assertThat(QuoteTrimmer.trim("""
				Je vroeg wat mijn leidinggevende van mijn plan vond.

				Op 12 maart om 14:30 schreef mijn leidinggevende:
				"Goed idee, maar niet dit jaar."

				Dat vond ik teleurstellend. Ik wil toch doorzetten.""").kept()).contains("Ik wil toch doorzetten.");
		assertThat(QuoteTrimmer.trim("""
				Antwoord op vraag 1: ik wil meer met mensen werken.

				--

				Antwoord op vraag 2: ik mis vooral de collega's van mijn vorige baan. Die waren er altijd.

				Groet,
				Sanne""").kept()).contains("Antwoord op vraag 2");
		assertThat(QuoteTrimmer.trim("""
				Hier is mijn concept voor de sollicitatiemail:

				Van: Sanne Bakker
				Aan: Gemeente Utrecht, afdeling HR
				Onderwerp: Sollicitatie beleidsmedewerker

				Geachte heer, mevrouw, met veel interesse las ik uw vacature.

				Wat vind je ervan?""").kept()).contains("Wat vind je ervan?");
		assertThat(QuoteTrimmer.trim("""
				Antwoord op vraag 1: meer met mensen.

				--

				Antwoord op vraag 2: ik mis vooral de collega's van mijn vorige baan, want die waren er altijd voor mij.""").kept())
			.contains("Antwoord op vraag 2");
		assertThat(QuoteTrimmer.trim("""
				Kijk wat ik kreeg:

				--
				Beste Sanne
				Dit bericht is uitsluitend bestemd voor de geadresseerde. Aan dit bericht kunnen geen rechten worden ontleend.

				Wat vind jij, moet ik bellen?""").kept()).contains("moet ik bellen?");
		// What they still are at the end: a signature after a bare dash line, a disclaimer as the footer.
		assertThat(QuoteTrimmer.trim("Mijn antwoord.\n\n--\nSanne Bakker\n06 1234 5678").kept()).isEqualTo("Mijn antwoord.");
		assertThat(QuoteTrimmer.trim("""
				Ja, dat klopt.

				--
				Drs. J. de Vries
				Beleidsadviseur, Gemeente Voorbeeld, Stadsplateau 1, 3521 AZ Utrecht, telefoon 030 286 00 00

				Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent of dit \
				bericht abusievelijk aan u is toegezonden, wordt u verzocht dat aan de afzender te melden en het bericht te verwijderen.
				""").kept()).isEqualTo("Ja, dat klopt.");
	}

	@Test
	void dashesInsideASentenceAreNoSignature() {
		var trimmed = QuoteTrimmer.trim("Ik twijfel -- en dat is nieuw voor mij -- of ik moet blijven.\n\nGroet, Sanne");
		assertThat(trimmed.kept()).contains("Ik twijfel -- en dat is nieuw voor mij -- of ik moet blijven.", "Groet, Sanne");
	}

	@Test
	void outlookSeparatorsAndHeaderBlocksEndTheReply() {
		assertThat(QuoteTrimmer.trim("Prima.\n\n-----Oorspronkelijk bericht-----\nVan: Anja\nOnderwerp: x\n\nVraag").kept())
			.isEqualTo("Prima.");
		assertThat(QuoteTrimmer.trim("""
				Fine by me.

				________________________________
				From: Anja de Vries <noreply@briefwissel.test>
				Sent: Tuesday, November 3, 2026 10:12 AM
				To: Sanne Bakker
				Subject: Your e-coaching

				Question""").kept()).isEqualTo("Fine by me.");
	}

	@Test
	void htmlQuotesBecomeQuotedLinesAndAreCut() {
		String text = HtmlText.toText("""
				<div dir="ltr">Mijn antwoord staat hier.<br><img src=x onerror=alert(1)><script>alert(2)</script></div>
				<div class="gmail_quote"><div class="gmail_attr">Op di 3 nov 2026 om 10:12 schreef Anja &lt;noreply@briefwissel.test&gt;:<br></div>
				<blockquote class="gmail_quote">Wat geeft je energie?</blockquote></div>""");
		var trimmed = QuoteTrimmer.trim(text);
		assertThat(trimmed.kept()).isEqualTo("Mijn antwoord staat hier.");
		assertThat(text).doesNotContain("alert");
	}

	@Test
	void outlookHtmlRepliesAreCutAtTheirSeparator() {
		String text = HtmlText.toText("""
				<div>Dank je, ik ga erover nadenken.</div>
				<div id="appendonsend"></div><hr style="display:inline-block;width:98%">
				<div id="divRplyFwdMsg"><b>Van:</b> Anja<br><b>Verzonden:</b> dinsdag 3 november 2026<br><b>Onderwerp:</b> x</div>
				<div>Eerdere vraag</div>""");
		assertThat(QuoteTrimmer.trim(text).kept()).isEqualTo("Dank je, ik ga erover nadenken.");
	}

	@Test
	void sanitisedHtmlKeepsNoScriptOrHandler() {
		String safe = HtmlText.sanitise("<p onclick=\"x()\">Hoi<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">a</a></p>");
		assertThat(safe).doesNotContain("script", "onerror", "onclick", "javascript:", "<img");
		assertThat(safe).contains("Hoi");
	}

	/**
	 * Hostile letters are trimmed in linear time: a hundred thousand lines that look like a mail's
	 * header block (each was read to the end of the run), a line of half a million '>' (copied once per mark).
	 */
	@Test
	void hostileLettersAreTrimmedInLinearTime() {
		String headerLike = "Van: iemand\nAan: iemand\n".repeat(50_000) + "Mijn antwoord.";
		String marks = "Mijn antwoord.\n\n" + ">".repeat(500_000) + " oud\n";
		org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1), () -> {
			assertThat(QuoteTrimmer.trim(headerLike).kept()).endsWith("Mijn antwoord.");
			assertThat(QuoteTrimmer.trim(marks).kept()).startsWith("Mijn antwoord.");
		});
		assertThat(QuoteTrimmer.stripQuote("> >>  oud")).isEqualTo("oud");
	}

	/**
	 * A walk found it: a short Dutch quote header without year or time ("Op 7 dec. schreef Briefwissel:") stayed
	 * in the letter above the cut quote, in a participant's reply and in a coach's by mail alike. A mail program
	 * writes the day and the month, abbreviated with or without its dot, with or without the weekday.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "Op 7 dec. schreef Briefwissel:",
			"Op 7 dec. schreef Anja de Vries via Briefwissel <noreply@briefwissel.test>:",
			"Op ma 7 dec. schreef Briefwissel:", "Op 7 sep. schreef Briefwissel:", "Op 7 sept. schreef Briefwissel:",
			"Op 7 mrt schreef Briefwissel:", "Op 7 mei schreef Briefwissel:", "Op 7 december schreef Briefwissel:",
			"On 7 Dec, Briefwissel wrote:", "On Dec 7, Briefwissel wrote:", "On Mon 7 Dec. Briefwissel wrote:",
			"On Mon, Dec 7, Anja de Vries via Briefwissel <noreply@briefwissel.test> wrote:" })
	void aShortAttributionWithAnAbbreviatedMonthIsCutWithItsQuote(String attribution) {
		var participant = QuoteTrimmer.trim("Dank je, ik denk erover na.\n\n" + attribution
				+ "\n> Wat geeft je energie?\n>\n> Groet, Anja", "Re: Je e-coaching met Anja de Vries", OURS, PARTICIPANT);
		assertThat(participant.kept()).isEqualTo("Dank je, ik denk erover na.");
		assertThat(participant.cut()).startsWith(attribution);
		// The coach's answer by mail to the participant's letter, quoted the same way.
		var coach = QuoteTrimmer.trim("Wat mooi dat je dat zo zegt.\n\nHartelijke groet,\nAnja\n\n"
				+ attribution.replace("Anja de Vries", "Sanne Bakker") + "\n> Ik twijfel nog.", "Re: Je e-coaching met Anja de Vries",
				OURS, "anja@coach.nl");
		assertThat(coach.kept()).isEqualTo("Wat mooi dat je dat zo zegt.\n\nHartelijke groet,\nAnja");
	}

	/** A sentence of one's own that begins with a date, with no quote below it: the person's words, kept. */
	@Test
	void aSentenceThatBeginsWithADateAndNoQuoteBelowIsKept() {
		String letter = """
				Hoi Anja,

				Op 7 dec. schreef ik je dat ik twijfelde:
				dat is nu voorbij. Ik solliciteer bij de gemeente.

				Groet,
				Sanne""";
		var trimmed = QuoteTrimmer.trim(letter, "Re: Je e-coaching met Anja de Vries", OURS, PARTICIPANT);
		assertThat(trimmed.kept()).isEqualTo(letter);
		var alone = QuoteTrimmer.trim("Op 7 dec. schreef ik je dat ik twijfelde:\n\nNu niet meer.", null, OURS, PARTICIPANT);
		assertThat(alone.kept()).isEqualTo("Op 7 dec. schreef ik je dat ik twijfelde:\n\nNu niet meer.");
	}

	/**
	 * Review: a date without a year made a header block the participant pasted into their letter read as a
	 * mail program's, and what they wrote below it was cut. A pasted block needs a full date or an address.
	 */
	@Test
	void aPastedHeaderBlockWithADayAndMonthOnlyIsKeptWithTheWordsBelowIt() {
		String letter = """
				Hoi Anja,

				Ik kreeg dit:
				Van: Gemeente Utrecht
				Datum: 7 mei
				Onderwerp: Uitnodiging

				Wat moet ik doen?

				Sanne""";
		String subject = "Re: Je e-coaching met Anja de Vries";
		assertThat(QuoteTrimmer.trim(letter, subject, OURS, PARTICIPANT).kept()).isEqualTo(letter);
		assertThat(QuoteTrimmer.trim(letter, subject, java.util.List.of(), null).kept()).isEqualTo(letter);
		assertThat(QuoteTrimmer.trim(letter, subject).kept()).isEqualTo(letter);
	}

	/**
	 * Review: «Op 7 mei schreef mijn leidinggevende:» with a line the participant marked with '>' below it is
	 * their own account, not a mail program's quote header: without a year only a header that names Briefwissel
	 * or the mail's sender is one, and the sentence below stays.
	 */
	@Test
	void aDayAndMonthAttributionThatNamesNeitherBriefwisselNorTheSenderIsKept() {
		String letter = OWN_ACCOUNT;
		String subject = "Re: Je e-coaching met Anja de Vries";
		assertThat(QuoteTrimmer.trim(letter, subject, OURS, PARTICIPANT).kept()).isEqualTo(letter);
		assertThat(QuoteTrimmer.trim(letter, subject, java.util.List.of(), null).kept()).isEqualTo(letter);
		assertThat(QuoteTrimmer.trim(letter, subject).kept()).isEqualTo(letter);
		// With the conversation's own quote below it, that quote is cut and the account stays.
		var withQuote = QuoteTrimmer.trim(letter + "\n\nOp 7 dec. schreef Briefwissel:\n> Wat geeft je energie?", subject,
				OURS, PARTICIPANT);
		assertThat(withQuote.kept()).isEqualTo(letter);
		assertThat(withQuote.cut()).startsWith("Op 7 dec. schreef Briefwissel:");
	}

	/**
	 * Review: an installation's from-name was looked for anywhere inside words. With the from-name
	 * «Loopbaan» the participant's «Op 7 mei schreef mijn loopbaanadviseur:» read as Briefwissel's quote header,
	 * and their sentence below the '>' line was cut. A name counts as whole words; a name of several words
	 * as the whole phrase.
	 */
	@Test
	void aFromNameIsFoundInAQuoteHeaderOnlyAsWholeWords() {
		java.util.List<String> loopbaan = java.util.List.of("noreply@loopbaan.test", "via loopbaan", "@loopbaan.test");
		String subject = "Re: Je e-coaching met Anja de Vries";
		String letter = OWN_ACCOUNT.replace("mijn leidinggevende", "mijn loopbaanadviseur");
		assertThat(QuoteTrimmer.trim(letter, subject, loopbaan, PARTICIPANT).kept()).isEqualTo(letter);
		// The from-name itself, in any case, is Briefwissel's quote header.
		var ours = QuoteTrimmer.trim("Dank je.\n\nOp 7 dec. schreef LOOPBAAN:\n> Wat geeft je energie?", subject, loopbaan,
				PARTICIPANT);
		assertThat(ours.kept()).isEqualTo("Dank je.");
		assertThat(ours.cut()).startsWith("Op 7 dec. schreef LOOPBAAN:");

		java.util.List<String> twoWords = java.util.List.of("noreply@loopbaan.test", "via loopbaan utrecht");
		var phrase = QuoteTrimmer.trim("Dank je.\n\nOp 7 dec. schreef Loopbaan  Utrecht:\n> Wat geeft je energie?", subject,
				twoWords, PARTICIPANT);
		assertThat(phrase.kept()).isEqualTo("Dank je.");
		String partOfThePhrase = letter.replace("mijn loopbaanadviseur", "Loopbaan");
		assertThat(QuoteTrimmer.trim(partOfThePhrase, subject, twoWords, PARTICIPANT).kept()).isEqualTo(partOfThePhrase);
		String longerPhrase = letter.replace("mijn loopbaanadviseur", "de Loopbaan Utrechtse adviseur");
		assertThat(QuoteTrimmer.trim(longerPhrase, subject, twoWords, PARTICIPANT).kept()).isEqualTo(longerPhrase);

		// An address counts whole too: the sender's is not the end of a longer one.
		String colleague = letter.replace("mijn loopbaanadviseur", "jan.sanne@utrecht.nl");
		assertThat(QuoteTrimmer.trim(colleague, subject, loopbaan, PARTICIPANT).kept()).isEqualTo(colleague);
	}

	/**
	 * Review: the sender was known by their address alone. A mail program that names them by name only
	 * («Op 7 dec. schreef Sanne Bakker:», a saved contact or the From header's name) left the quote header of
	 * their own earlier letter in the letter, above the cut quote. The From header's name counts too, as
	 * whole words.
	 */
	@Test
	void aDayAndMonthAttributionThatNamesTheSenderByNameIsCut() {
		String subject = "Re: Je e-coaching met Anja de Vries";
		var own = QuoteTrimmer.trim("Nog een vraag: mag ik je bellen?\n\nOp 7 dec. schreef sanne bakker:\n> Ik twijfel nog.",
				subject, OURS, PARTICIPANT, true, "Sanne Bakker");
		assertThat(own.kept()).isEqualTo("Nog een vraag: mag ik je bellen?");
		assertThat(own.cut()).startsWith("Op 7 dec. schreef sanne bakker:");
		// Someone else who shares a word of the name is not the sender.
		String letter = OWN_ACCOUNT.replace("mijn leidinggevende", "Sanne van de gemeente");
		assertThat(QuoteTrimmer.trim(letter, subject, OURS, PARTICIPANT, true, "Sanne Bakker").kept()).isEqualTo(letter);
		// Two letters name nobody.
		String initials = letter.replace("Sanne van de gemeente", "SB");
		assertThat(QuoteTrimmer.trim(initials, subject, OURS, PARTICIPANT, true, "SB").kept()).isEqualTo(initials);
	}

	/**
	 * Review: a From header's name of non-breaking spaces only (or a letter between them) counted as a name:
	 * {@code String.strip} does not see U+00A0, and the name's pattern then matched every quote header with a day
	 * and month, so a participant's own «Op 7 mei schreef mijn leidinggevende:» read as their earlier letter's.
	 * Any Unicode white space is white space; a name of none or of fewer than three letters names nobody.
	 */
	@Test
	void aFromNameOfWhiteSpaceNamesNobody() {
		String subject = "Re: Je e-coaching met Anja de Vries";
		String letter = OWN_ACCOUNT;
		for (String blank : java.util.List.of("\u00a0\u00a0\u00a0", " \u00a0 ", "\u2007\u202f\u2007\u3000")) {
			assertThat(QuoteTrimmer.trim(letter, subject, OURS, PARTICIPANT, true, blank).kept()).as("From name %s",
					blank.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList()).isEqualTo(letter);
		}
		// Two letters between non-breaking spaces are two letters.
		String initials = letter.replace("mijn leidinggevende", "SB");
		assertThat(QuoteTrimmer.trim(initials, subject, OURS, PARTICIPANT, true, "\u00a0SB\u00a0").kept()).isEqualTo(initials);
		// A name with non-breaking spaces between its words is still the sender's.
		var own = QuoteTrimmer.trim("Nog een vraag: mag ik je bellen?\n\nOp 7 dec. schreef Sanne Bakker:\n> Ik twijfel nog.",
				subject, OURS, PARTICIPANT, true, "\u00a0Sanne\u00a0\u202fBakker\u00a0");
		assertThat(own.kept()).isEqualTo("Nog een vraag: mag ik je bellen?");
	}
}

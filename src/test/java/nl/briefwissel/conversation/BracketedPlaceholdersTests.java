package nl.briefwissel.conversation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.Accessible;
import nl.briefwissel.BracketedPlaceholders;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A letter sent with "[Vul hier de volgende stap in]" or "Beste [naam]" still in it went out unnoticed.
 * Refusing brackets refused ordinary coaching letters (decision 0114): what looks like a place left to
 * fill in holds the letter once, naming it, and "Toch versturen" sends that same text.
 */
@BriefwisselTest
class BracketedPlaceholdersTests {

	private static final String LETTER = "Beste [naam],\n\nFijn dat je schreef.\n\n[Vul hier de volgende stap in]\n\nGroet";

	/** The letter of the product walk of 2026-12-06, whose warning named only the first two. */
	private static final String WALKED = "Beste [naam],\n\nFijn dat je schreef.\n\n[Vul hier de volgende stap in]\n\n"
			+ "Bespreek het met [naam collega] en [naam leidinggevende].\n\nGroet";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFillInInstructionOrOneOfOurPlaceholderWordsInBracketsIsFound() {
		assertThat(BracketedPlaceholders.in(LETTER + " [naam]")).containsExactly("[naam]", "[Vul hier de volgende stap in]");
		assertThat(BracketedPlaceholders.in("Op [datum] om [tijd invullen], [in te vullen door coach]. [Fill in the date]"))
			.containsExactly("[datum]", "[tijd invullen]", "[in te vullen door coach]", "[Fill in the date]");
		assertThat(BracketedPlaceholders.in("Dear [Name], see you [date]. [Insert next step]. [weeks] [per_week]"))
			.containsExactly("[Name]", "[date]", "[Insert next step]", "[weeks]", "[per_week]");
	}

	@Test
	void bracketsACoachMeansAreNotFound() {
		assertThat(BracketedPlaceholders.in("Je schreef 'Geachte [naam contactpersoon]': zoek die naam op.")).isEmpty();
		assertThat(BracketedPlaceholders.in("Hij schreef 'ik ben [sic] gemotiveerd' [...] en [1].")).isEmpty();
		assertThat(BracketedPlaceholders.in("Kijk op [naam](https://www.werk.nl).")).isEmpty();
		assertThat(BracketedPlaceholders.in("Druk op [Enter]. Een [vulpen] is geen opdracht. {naam}")).isEmpty();
	}

	/** Placeholders that templates written elsewhere leave, in the ways they are written. */
	@Test
	void commonDutchAndEnglishPlaceholdersAreFound() {
		assertThat(BracketedPlaceholders.in("[voornaam] [achternaam] [Naam deelnemer] [jouw naam] [tijd] [naam invoegen] "
				+ "[datum invoegen] [datum?] [invullen!] [Hier invullen:] [DD-MM-JJJJ] [tekst aanvullen] [adres in te voegen]"))
			.containsExactly("[voornaam]", "[achternaam]", "[Naam deelnemer]", "[jouw naam]", "[tijd]", "[naam invoegen]",
					"[datum invoegen]", "[datum?]", "[invullen!]", "[Hier invullen:]", "[DD-MM-JJJJ]", "[tekst aanvullen]",
					"[adres in te voegen]");
		assertThat(BracketedPlaceholders.in("[first name] [Last Name] [firstname] [time] [your name] [dd-mm-yyyy] [Name of participant]"))
			.containsExactly("[first name]", "[Last Name]", "[firstname]", "[time]", "[your name]", "[dd-mm-yyyy]",
					"[Name of participant]");
		// Side by side, neither is a link: both are named.
		assertThat(BracketedPlaceholders.in("Tot [naam][datum].")).containsExactly("[naam]", "[datum]");
	}

	/**
	 * A coach explaining werk.nl, LinkedIn or Windows writes the names of buttons in brackets: a verb alone, or
	 * a word that is only ours in braces, is such a name.
	 */
	/**
	 * A letter of one long line with an opening quote every few characters and no closing one: each was read to the
	 * line's end for the quotes around a bracket, a minute's work for a hundred thousand characters.
	 */
	@Test
	void aLongLineOfOpeningQuotesCostsLittle() {
		String letter = " 'x".repeat(33_000) + " [naam collega]";
		List<String> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
				() -> BracketedPlaceholders.in(letter));
		assertThat(found).containsExactly("[naam collega]");
	}

	@Test
	void theNameOfAButtonIsNotFound() {
		assertThat(BracketedPlaceholders.in("Klik op [Start], dan [Voeg toe] en [Vul aan]. Kies [Coach] of [Invoegen]. "
				+ "[Fill in] [Aanvullen] [Functie toevoegen] [Naam wijzigen] [Date edit] [...] [?]")).isEmpty();
		assertThat(BracketedPlaceholders.in("Druk op [E-mail versturen], [Locatie delen] of [Bedrijf volgen]; [Send email].")).isEmpty();
	}

	/**
	 * A placeholder word with a digit or a comma after it is a heading or filled in, not left to fill in (review,
	 * session 44): a plan's days, a number or an address written out, a citation.
	 */
	@Test
	void aPlaceholderWordWithWhatFillsItInIsNotFound() {
		assertThat(BracketedPlaceholders.in("[Dag 1] Schrijf op. [Dag 2] Lees terug. [Telefoon 085-1234567] "
				+ "[Adres Stationsplein 1, Utrecht] [Name et al., 2020] [Day 3]")).isEmpty();
		assertThat(BracketedPlaceholders.in("[Dag 1] en dan [datum gesprek]")).containsExactly("[datum gesprek]");
	}

	/**
	 * A heading that says for or with whom ([Tijd voor jezelf]) was warned about as [tijd afspraak] is: a placeholder
	 * word followed by a preposition and only pronouns names nothing to look up (decision 0114, 2026-12-07). Of and van
	 * still say what it is of, and a noun after the preposition is still a placeholder.
	 */
	@Test
	void aHeadingForWhomIsNotFound() {
		assertThat(BracketedPlaceholders.in("[Tijd voor jezelf] Neem een uur. [Time for yourself] [Tijd met elkaar] "
				+ "[Tijd voor jou en mij] [Time with you]")).isEmpty();
		assertThat(BracketedPlaceholders.in("[tijd afspraak] [Tijd voor jezelf] [tijd met je coach] [naam van jou] "
				+ "[Name of your manager] [datum voor gesprek] [Time for yourself]"))
			.containsExactly("[tijd afspraak]", "[tijd met je coach]", "[naam van jou]", "[Name of your manager]",
					"[datum voor gesprek]");
	}

	/**
	 * A heading in brackets on a line of its own ([Tijd om te reflecteren]) was warned about as [tijd om te bellen] is.
	 * On its own line a phrase of a placeholder word that is about something, om / to or a preposition of for whom,
	 * and no placeholder word after, opens a part of the letter (decision 0114, 2026-12-07). Headings without a
	 * placeholder word were never warned about.
	 */
	@Test
	void aHeadingOnALineOfItsOwnIsNotFound() {
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n[Tijd om te reflecteren]\nSchrijf drie dingen op.\n\n"
				+ "## [Tijd voor actie]\nBel je netwerk.\n\n**[Dag om te onthouden]**\n\n[Even stilstaan]\n\n"
				+ "[Opdracht voor deze week]:\nLees het artikel.\n\nGroet,\nKim")).isEmpty();
		assertThat(BracketedPlaceholders.in("Hi Sam,\n\n[Time to reflect]\nWrite three things down.\n\n"
				+ "[Time for a break]\n\n[Place to think]\n\nBest,\nKim")).isEmpty();
	}

	/**
	 * The heading rule lets no real placeholder through: on its own line a name, a date, a fill-in instruction, a
	 * label of two words, a value word first, what it is of (van / of), a placeholder word or a place to fill in later
	 * in the phrase; and inside a sentence the heading's own words, as before.
	 */
	@Test
	void aPlaceholderOnALineOfItsOwnIsStillFound() {
		assertThat(BracketedPlaceholders.in("[naam]\n[datum]\n[vul hier in]\n[NAAM COACH]\n[datum gesprek]\n"
				+ "[datum voor het gesprek]\n[Naam van je coach]\n[Tijd voor gesprek met collega]\n[Tijd voor xxx]\n"
				+ "[tijd met ...]\n\nBel op [tijd om te bellen] of neem [Tijd om te reflecteren] ergens."))
			.containsExactly("[naam]", "[datum]", "[vul hier in]", "[NAAM COACH]", "[datum gesprek]",
					"[datum voor het gesprek]", "[Naam van je coach]", "[Tijd voor gesprek met collega]", "[Tijd voor xxx]",
					"[tijd met ...]", "[tijd om te bellen]", "[Tijd om te reflecteren]");
		assertThat(BracketedPlaceholders.in("[Name]\n[date]\n[Insert next step]\n[COACH NAME]\n[Name of your manager]\n"
				+ "[Date for the interview]\n[Time to call: ...]\n[Time with colleague]\n\nCall at [time to call] today."))
			.containsExactly("[Name]", "[date]", "[Insert next step]", "[COACH NAME]", "[Name of your manager]",
					"[Date for the interview]", "[Time to call: ...]", "[Time with colleague]", "[time to call]");
	}

	/**
	 * A placeholder word, then voor / met / for / with and a determiner or possessive, on a line of its own, was taken
	 * for a heading: [Tijd voor het gesprek] went unwarned while [datum voor het gesprek] was warned. It names a
	 * particular time, place or meeting to fill in (review, 2026-12-07); a heading names a kind ([Tijd voor actie],
	 * [Time for a break]) or whom it is for ([Tijd voor jezelf]).
	 */
	@Test
	void aPlaceholderWordForTheOrWithYourOnALineOfItsOwnIsFound() {
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n[Tijd voor het gesprek]\n[Plaats voor de afspraak]\n"
				+ "[Locatie voor het gesprek]\n[tijd met je coach]\n[Dag met jouw mentor]\n\n[Time for the meeting]\n"
				+ "[Place for the interview]\n[Time with your coach]\n\nGroet"))
			.containsExactly("[Tijd voor het gesprek]", "[Plaats voor de afspraak]", "[Locatie voor het gesprek]",
					"[tijd met je coach]", "[Dag met jouw mentor]", "[Time for the meeting]", "[Place for the interview]",
					"[Time with your coach]");
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n[Tijd om te reflecteren]\n\n[Time to reflect]\n\n[Tijd voor actie]\n\n"
				+ "[Tijd voor jezelf]\n\n[Time for yourself]\n\n[Tijd met elkaar]\n\n[Time for a break]\n\nGroet")).isEmpty();
	}

	/**
	 * A heading for a particular part of the letter that is no meeting ([Tijd voor de afsluiting]) was warned about
	 * once voor before a determiner made a placeholder (second review, 2026-12-07): only a meeting or the person met
	 * after it does.
	 */
	@Test
	void aHeadingForTheNextPartOfTheLetterIsNotFound() {
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n[Tijd voor de afsluiting]\n\n[Tijd voor het afscheid]\n\n"
				+ "[Time for the next step]\n\nGroet")).isEmpty();
		assertThat(BracketedPlaceholders.in("Hoi Sam,\n\n[Tijd voor het eerste gesprek]\n\n[Time for the call]\n\nGroet"))
			.containsExactly("[Tijd voor het eerste gesprek]", "[Time for the call]");
	}

	/**
	 * A heading or sentence in capitals with a name or date word in it was warned about as a placeholder (second
	 * review, 2026-12-07); a placeholder in capitals is the value word and whose it is, nothing more.
	 */
	@Test
	void aHeadingInCapitalsIsNotFound() {
		assertThat(BracketedPlaceholders.in("[SAVE THE DATE]\n[LET OP DE DATUM]\n[UPDATE: NIEUWE DATUM]\n"
				+ "[BELANGRIJK: DATUM GEWIJZIGD]\n[OVER MIJN NAAM]\n[MIJN NAAM IS HAAS]\n")).isEmpty();
		assertThat(BracketedPlaceholders.in("[MIJN NAAM]\n[DATUM GESPREK]\n[NAAM DEELNEMER]\n[YOUR FULL NAME]"))
			.containsExactly("[MIJN NAAM]", "[DATUM GESPREK]", "[NAAM DEELNEMER]", "[YOUR FULL NAME]");
	}

	/**
	 * A placeholder in capitals names what it is anywhere: [NAAM COACH] was warned about, [COACH NAME] not, and a lone
	 * [XXX] neither (review, 2026-12-07). An acronym in brackets ([OK], [PDF], [CV]) names no value and is not found.
	 */
	@Test
	void aPlaceholderInCapitalsOrAMaskOfXIsFound() {
		assertThat(BracketedPlaceholders.in("Groet,\n[COACH NAME]\n\nBest,\n[YOUR NAME]\n[XXX] [xxxx] [NAAM COACH] "
				+ "[COACH: NAAM] [ORGANISATIE ADRES]"))
			.containsExactly("[COACH NAME]", "[YOUR NAME]", "[XXX]", "[xxxx]", "[NAAM COACH]", "[COACH: NAAM]",
					"[ORGANISATIE ADRES]");
		assertThat(BracketedPlaceholders.in("Klik op [OK] en open de [PDF]. Je [CV] is klaar. [NB] [UWV] [TEL] [X] [XX] "
				+ "[BELANGRIJK] [LET OP] [NAME EDIT] [TEL 085-1234567] [Coach Name Tips]")).isEmpty();
		assertThat(BracketedPlaceholders.in("Je schreef 'Geachte [CONTACT NAME]': zoek die naam op.")).isEmpty();
	}

	/** Many brackets and many quotes: each bracket looks up the quote that may hold it, none is compared with all. */
	@Test
	void manyBracketsInManyQuotesAreFoundWhereTheyStand() {
		String letter = "'[naam collega]' [naam collega] ".repeat(2_000) + "[naam leidinggevende]";
		List<String> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
				() -> BracketedPlaceholders.in(letter));
		assertThat(found).containsExactly("[naam collega]", "[naam leidinggevende]");
		assertThat(BracketedPlaceholders.placed(letter)).hasSize(2_001);
	}

	/**
	 * A placeholder word followed by what it is of was not found: "[naam collega]" went out, and a warning named
	 * only [naam] and [Vul hier de volgende stap in] of a letter that also held "[naam collega] en [naam leidinggevende]"
	 * (decision 0114, 2026-12-06). Every one is named, each once, in the order written.
	 */
	@Test
	void aPlaceholderWordFollowedByWhatItIsOfIsFound() {
		assertThat(BracketedPlaceholders.in("Goed idee: vraag [naam collega] om een gesprek.")).containsExactly("[naam collega]");
		assertThat(BracketedPlaceholders.in(WALKED)).containsExactly("[naam]", "[Vul hier de volgende stap in]",
				"[naam collega]", "[naam leidinggevende]");
		assertThat(BracketedPlaceholders.in("Op [datum gesprek] bij [Naam bedrijf], [naam contactpersoon]. Ask [Name of your manager], "
				+ "[first name] [name of the hiring manager] [e-mail collega] [telefoonnummer afdeling] [Company name]. [Naam bedrijf]"))
			.containsExactly("[datum gesprek]", "[Naam bedrijf]", "[naam contactpersoon]", "[Name of your manager]",
					"[first name]", "[name of the hiring manager]", "[e-mail collega]", "[telefoonnummer afdeling]",
					"[Company name]");
	}

	/**
	 * What the decision keeps out stays out: a button's name, a Markdown link's text and a reference link, a
	 * checkbox, a citation, parentheses, and a placeholder the coach quotes from a participant's letter.
	 */
	@Test
	void bracketsTheDecisionKeepsOutAreStillNotFound() {
		assertThat(BracketedPlaceholders.in("Klik op [Start], [Voeg toe] of [Enter]. Lees [naam van de regeling](https://www.uwv.nl). "
				+ "Zie [Vacaturebank][1].\n\n[1]: https://www.werk.nl\n\n- [ ] cv klaar\n- [x] brief klaar\n- [X] gebeld\n"
				+ "Zo staat het in het onderzoek [1] en [2]. Bel (naam collega) of (datum gesprek).")).isEmpty();
		assertThat(BracketedPlaceholders.in("Je schreef 'Geachte [naam contactpersoon]': zoek die naam op. "
				+ "En “Beste [naam leidinggevende],” is ook te algemeen; zo’n ‘[datum gesprek]’ ook.")).isEmpty();
		// An apostrophe in a word quotes nothing.
		assertThat(BracketedPlaceholders.in("Stuur zo'n cv naar [naam collega] en de foto's naar mij."))
			.containsExactly("[naam collega]");
	}

	/**
	 * The apostrophe of 's avonds, 't, 'n or 'k opens no quote: it held every bracket up to the next quote's end as a
	 * participant's words quoted, and the coach's own went unwarned.
	 */
	@Test
	void anElisionsApostropheQuotesNothing() {
		assertThat(BracketedPlaceholders.in("Bel hem morgen ‘s ochtends: bel [naam contactpersoon] en zeg “hoi”."))
			.containsExactly("[naam contactpersoon]");
		assertThat(BracketedPlaceholders.in("Kun je 's avonds [naam collega] bellen? Zeg dan 'hoi'."))
			.containsExactly("[naam collega]");
		assertThat(BracketedPlaceholders.in("Hoe gaat 't? 'k Zou [naam leidinggevende] vragen, of 'n ander. Zeg 'ja'."))
			.containsExactly("[naam leidinggevende]");
		// A quote whose first word starts with such a letter is still a quote.
		assertThat(BracketedPlaceholders.in("Je schreef 'Stuur het naar [naam contactpersoon]' en dat klopt.")).isEmpty();
	}

	/**
	 * Every placeholder a welcome template knows, written in brackets, is found as one; but [start] and [coach],
	 * which name a button or a page as often (see below).
	 */
	@Test
	void everyWelcomePlaceholderInBracketsIsFound() {
		for (Locale language : List.of(Locale.forLanguageTag("nl"), Locale.ENGLISH)) {
			for (String placeholder : Welcome.placeholders(language).split(", ")) {
				String bracketed = "[" + placeholder.substring(1, placeholder.length() - 1) + "]";
				if (bracketed.equals("[start]") || bracketed.equals("[coach]")) {
					assertThat(BracketedPlaceholders.in("Hoi " + bracketed + ".")).as(bracketed).isEmpty();
					continue;
				}
				assertThat(BracketedPlaceholders.in("Hoi " + bracketed + ".")).as(bracketed).containsExactly(bracketed);
			}
		}
	}

	@Test
	void aLetterWithOneIsHeldNamingThemAndTochVersturenSendsThatText() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		long before = coachLetters(running.id());
		for (String[] language : List.of(
				new String[] { "nl", "Je brief is nog niet verstuurd. Er staat iets in dat lijkt op plekken die nog ingevuld moeten worden: "
								+ "[naam], [Vul hier de volgende stap in].",
						"Toch versturen" },
				new String[] { "en", "Your letter has not been sent yet. It has things that look like places still to be filled in: "
								+ "[naam], [Vul hier de volgende stap in].",
						"Send anyway" })) {
			Document held = held(base, coach, language[0], LETTER, null);
			assertThat(held.getElementById("text").val()).as("the text kept").isEqualTo(LETTER);
			Element warning = held.getElementById("text-warning");
			assertThat(warning.attr("role")).isEqualTo("alert");
			assertThat(warning.attr("tabindex")).isEqualTo("-1");
			assertThat(warning.text()).as(language[0]).startsWith(language[1]);
			assertThat(Accessible.describedBy(held, held.getElementById("text"))).as("the field is described by it").contains(warning);
			assertThat(held.getElementById("text").hasAttr("autofocus")).isTrue();
			assertThat(held.selectFirst("form button[type=submit][name=placeholdersPassed]").text()).isEqualTo(language[2]);
		}
		assertThat(coachLetters(running.id())).as("nothing sent").isEqualTo(before);

		String pass = held(base, coach, "nl", LETTER, null).selectFirst("button[name=placeholdersPassed]").val();
		// A text changed after the warning is read again: the pass was for the other text.
		String changed = LETTER.replace("Fijn", "Goed");
		assertThat(held(base, coach, "nl", changed, pass).getElementById("text-warning")).isNotNull();
		assertThat(coachLetters(running.id())).isEqualTo(before);

		mvc.perform(post(base + "/messages").param("text", LETTER.replace("\n", "\r\n")).param("placeholdersPassed", pass)
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		assertThat(coachLetters(running.id())).isEqualTo(before + 1);
	}

	/**
	 * The walk's letters: the one with "[naam collega]" alone is held, and the warning of the other names all four
	 * brackets, in Dutch and English; "Controleer mijn tekst" names the same four where they stand.
	 */
	@Test
	void theWarningAndTheSecondReaderNameEveryPlaceholderOfTheLetter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		long before = coachLetters(running.id());
		assertThat(held(base, coach, "nl", "Hoi Sanne,\n\nGoed idee: vraag [naam collega] om een gesprek.", null)
			.getElementById("text-warning").text()).contains(": [naam collega].");
		assertThat(held(base, coach, "nl", WALKED, null).getElementById("text-warning").text())
			.contains(": [naam], [Vul hier de volgende stap in], [naam collega], [naam leidinggevende].");
		assertThat(held(base, coach, "en", WALKED, null).getElementById("text-warning").text())
			.contains(": [naam], [Vul hier de volgende stap in], [naam collega], [naam leidinggevende].");
		assertThat(coachLetters(running.id())).as("nothing sent").isEqualTo(before);

		Document checked = Jsoup.parse(mvc.perform(post(base + "/check").param("lang", "nl").param("text", WALKED)
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(checked.select("mark.bw-mark--bracketed > span").eachText())
			.containsExactly("[naam]", "[Vul hier de volgende stap in]", "[naam collega]", "[naam leidinggevende]");
		assertThat(checked.select(".bw-finding--bracketed").eachText()).hasSize(4)
			.allSatisfy(remark -> assertThat(remark).contains("lijkt een plek die nog ingevuld moet worden"));
		assertThat(checked.select(".bw-finding--bracketed").get(2).text()).startsWith("„[naam collega]”");
	}

	/** A worksheet's own "[naam leidinggevende]" is the participant's to fill in, as its "[vul hier in]" is. */
	@Test
	void anAssignmentsOwnWorksheetWithAPlaceholderOfWhatGoesAtOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID worksheet = assignments.add(running.coach().id(), new Assignments.Draft("Gesprek voorbereiden",
				"Met wie: [naam leidinggevende]\n\nWanneer: [datum gesprek]", AssignmentType.REFLECTION, List.of(), 15,
				Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base).param("give", worksheet.toString()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.selectFirst("textarea[name=text]").wholeText().strip();
		assertThat(letter).contains("[naam leidinggevende]");
		mvc.perform(post(base + "/messages").param("text", "Hoi, een opdracht.\n\n" + letter)
				.param("assignment", worksheet.toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
	}

	/**
	 * "Controleer mijn tekst" takes the worksheet out as sending does: found only word for word, a worksheet under a
	 * heading the coach reworded was marked there and passed at sending.
	 */
	@Test
	void theSecondReaderPassesAWorksheetUnderARewordedHeadingAsSendingDoes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID worksheet = assignments.add(running.coach().id(), new Assignments.Draft("Gesprek voorbereiden",
				"Met wie: [naam leidinggevende]\n\nWanneer: [datum gesprek]", AssignmentType.REFLECTION, List.of(), 15,
				Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base).param("give", worksheet.toString()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.selectFirst("textarea[name=text]").wholeText().strip();
		String heading = letter.lines().findFirst().orElseThrow();
		String reworded = "Hoi [naam collega],\n\n" + letter.replace(heading, heading + " (voor volgende week)");
		Document checked = Jsoup.parse(mvc.perform(post(base + "/check").param("lang", "nl").param("text", reworded)
				.param("assignment", worksheet.toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(checked.select("mark.bw-mark--bracketed > span").eachText()).containsExactly("[naam collega]");
		Document held = Jsoup.parse(mvc.perform(post(base + "/messages").param("lang", "nl").param("text", reworded)
				.param("assignment", worksheet.toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(held.getElementById("text-warning").text()).contains(": [naam collega].");
	}

	/**
	 * A coach who changed one word of a worksheet's line was held for every bracket the worksheet held: its text was
	 * taken out only whole. The lines left as they were are still the worksheet's, at sending and in the check.
	 */
	@Test
	void aWorksheetWithOneWordChangedGoesAtOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID worksheet = assignments.add(running.coach().id(), new Assignments.Draft("Gesprek voorbereiden",
				"Bereid het gesprek voor met deze vragen.\nMet wie: [naam leidinggevende]\nWanneer: [datum gesprek]",
				AssignmentType.REFLECTION, List.of(), 15, Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base).param("give", worksheet.toString()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.selectFirst("textarea[name=text]").wholeText().strip();
		String changed = "Hoi,\n\n" + letter.replace("met deze vragen", "met de vragen hieronder");
		assertThat(changed).isNotEqualTo("Hoi,\n\n" + letter);
		Document checked = Jsoup.parse(mvc.perform(post(base + "/check").param("lang", "nl").param("text", changed)
				.param("assignment", worksheet.toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(checked.select("mark.bw-mark--bracketed")).isEmpty();
		mvc.perform(post(base + "/messages").param("text", changed).param("assignment", worksheet.toString())
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
	}

	@Test
	void aLetterWithOrdinaryBracketsGoesAtOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		long before = coachLetters(running.id());
		mvc.perform(post(base + "/messages").param("text", "Je schreef 'Geachte [naam contactpersoon]': zoek die naam op. [...]")
				.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
		assertThat(coachLetters(running.id())).isEqualTo(before + 1);
	}

	/** A worksheet for the participant to fill in is meant so: the assignment's own brackets are not the coach's. */
	@Test
	void anAssignmentsOwnWorksheetGoesAtOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID worksheet = assignments.add(running.coach().id(), new Assignments.Draft("Sterke punten",
				"Mijn sterke punten: [vul hier in]\n\nWat ik wil leren: [invullen]", AssignmentType.REFLECTION, List.of(), 15,
				Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base).param("give", worksheet.toString()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.selectFirst("textarea[name=text]").wholeText().strip();
		assertThat(letter).contains("[vul hier in]");
		mvc.perform(post(base + "/messages").param("text", "Hoi, een opdracht.\n\n" + letter)
				.param("assignment", worksheet.toString()).param("submission", UUID.randomUUID().toString())
				.with(csrf()).with(coach))
			.andExpect(redirectedUrl(base + "#sent"));
	}

	/**
	 * The worksheet's own brackets are taken out once, as the letter carries it: the same words written by the coach
	 * above it were passed because the worksheet held them too.
	 */
	@Test
	void theCoachsOwnBracketsAreFoundBesideAWorksheetThatHoldsTheSame() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		UUID worksheet = assignments.add(running.coach().id(), new Assignments.Draft("Afspraak",
				"Datum: [datum]\n\nNaam: [naam]", AssignmentType.REFLECTION, List.of(), 15, Locale.forLanguageTag("nl")));
		String base = "/coach/trajectories/" + running.id();
		String letter = Jsoup.parse(mvc.perform(get(base).param("give", worksheet.toString()).with(coach))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.selectFirst("textarea[name=text]").wholeText().strip();
		var request = post(base + "/messages").param("lang", "nl").param("text", "Beste [naam],\n\nTot [datum].\n\n" + letter)
			.param("assignment", worksheet.toString()).param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach);
		Document held = Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(held.getElementById("text-warning").text()).contains(": [naam], [datum].");
	}

	/**
	 * "Toch versturen" stood in the warning above the field, before it in the tab order: pressing "Versturen" again
	 * held the letter again. It stands beside "Versturen", and the warning names it.
	 */
	@Test
	void tochVersturenStandsBesideVersturenAndTheWarningNamesIt() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var coach = fixtures.as(running.coach());
		String base = "/coach/trajectories/" + running.id();
		for (String[] language : List.of(new String[] { "nl", "Versturen", "Toch versturen", "kies ‘Toch versturen’ naast ‘Versturen’" },
				new String[] { "en", "Send", "Send anyway", "choose ‘Send anyway’ beside ‘Send’" })) {
			Document held = held(base, coach, language[0], LETTER, null);
			Element anyway = held.selectFirst("button[name=placeholdersPassed]");
			assertThat(anyway.text()).isEqualTo(language[2]);
			assertThat(anyway.previousElementSibling().text()).as("right after the send button").isEqualTo(language[1]);
			assertThat(held.getElementById("text-warning").text()).as(language[0]).contains(language[3]);
		}
	}

	private Document held(String base, RequestPostProcessor coach, String language, String text, String pass) throws Exception {
		var request = post(base + "/messages").param("lang", language).param("text", text)
			.param("submission", UUID.randomUUID().toString()).with(csrf()).with(coach);
		if (pass != null) {
			request.param("placeholdersPassed", pass);
		}
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private long coachLetters(UUID trajectory) {
		return jdbc.sql("select count(*) from message where trajectory_id = :id and author_role = 'COACH'")
			.param("id", trajectory)
			.query(Long.class)
			.single();
	}
}

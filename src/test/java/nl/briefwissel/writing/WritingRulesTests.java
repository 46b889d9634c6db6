package nl.briefwissel.writing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule on sentences that must and must not trigger it, in Dutch and in English. */
class WritingRulesTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private final WritingCheck check = new WritingCheck(new RuleSets(""));

	/**
	 * A sentence without an end, full of auxiliaries (text pasted in, a key held down): every
	 * auxiliary looked at every later word, so 100,000 characters kept a core busy for minutes on
	 * each check while typing. Not a benchmark: a bound far above the time the check takes.
	 */
	@Test
	void aLongSentenceOfAuxiliariesIsCheckedInOnePass() {
		String pasted = "wordt ".repeat(16_000) + "gevraagd";
		WritingReport report = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
				() -> check.check(pasted, DUTCH));
		assertThat(report).isNotNull();
		assertThat(Rule.PassiveVoice.passive(new Draft(pasted).sentences.get(0), new RuleSets("").of(DUTCH))).isTrue();
	}

	/**
	 * A letter full of judging words: each place found was compared with every remark made before it,
	 * quadratic in their number. Not a benchmark: a bound far above the time the rule takes.
	 */
	@Test
	void aLetterFullOfJudgingWordsIsCheckedInOnePass() {
		Draft draft = new Draft("Je moet. ".repeat(200_000) + "Dat zou moeten.");
		RuleSet rules = new RuleSets("").of(DUTCH);
		List<Finding> findings = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
				() -> new Rule.JudgingWords().apply(draft, rules, List.of()));
		assertThat(findings).hasSize(200_001);
		assertThat(findings.get(0).arguments()).containsExactly("zou moeten");
	}

	@Test
	void theDraftFromTheIssueShowsTheJudgingWordsAndTheFourQuestionsMarkedInTheText() {
		WritingReport report = check.check("Je moet gewoon altijd eerst nadenken. Wat wil je? Waarom? Wanneer? Met wie?", DUTCH);

		assertThat(report.language().getLanguage()).isEqualTo("nl");
		assertThat(marked(report, "judging")).containsExactly("moet", "gewoon", "altijd");
		assertThat(marked(report, "questions")).containsExactly("Wat wil je?", "Waarom?", "Wanneer?", "Met wie?");
		assertThat(report.questions()).isEqualTo(4);
	}

	/**
	 * A product walk: in a long sentence with moet, Iedereen, eigenlijk and natuurlijk the long sentence's note was
	 * numbered 3, its number standing at the sentence's end after 4 to 7; and "bijvoorbeeld „vaak”" was the advice for
	 * moet and natuurlijk as for altijd. The notes are numbered as their numbers stand in the text, and each kind of
	 * judging word gets advice that fits it.
	 */
	@Test
	void notesAreNumberedAsTheyStandInTheTextAndEachKindOfJudgingWordHasItsOwnAdvice() {
		String dutch = "Iedereen moet eigenlijk natuurlijk " + "een paar woorden over de week schrijven ".repeat(6) + "en dan is het klaar.";
		String english = "Everyone must actually obviously " + "write a few words about the week ".repeat(6) + "and then it is done.";
		for (String text : List.of(dutch, english)) {
			WritingReport report = check.check(text, DUTCH);
			List<Integer> shown = report.segments().stream().flatMap(segment -> segment.ending().stream()).toList();
			assertThat(shown).as(text).isSorted().hasSize(report.findings().size());
			assertThat(report.findings().get(report.findings().size() - 1).rule()).isEqualTo("long-sentence");
			String language = report.language().getLanguage();
			assertThat(report.findings().stream().filter(f -> f.rule().equals("judging")).map(Finding::messageKey))
				.containsExactly("writing.judging." + language, "writing.judging.obligation." + language,
						"writing.judging.obvious." + language);
		}
	}

	@Test
	void theSameKindOfDraftInEnglishIsCheckedWithTheEnglishRules() {
		WritingReport report = check.check("You must just always think first. What do you want? Why? When? With whom?", DUTCH);

		assertThat(report.language()).isEqualTo(Locale.ENGLISH);
		assertThat(marked(report, "judging")).containsExactly("must", "always");
		assertThat(marked(report, "filler")).containsExactly("just");
		assertThat(marked(report, "questions")).hasSize(4);
	}

	/**
	 * A product walk: "Dat is echt dom. Je faalt altijd." got a remark on altijd only, and the letter read as
	 * easy. Harsh and belittling words are remarked on in both languages, as whole words: faalangst, a topic of
	 * career coaching, and falen itself (falen mag) are not; nor are domein, dominee, stomen or the Dom in
	 * Utrecht (a name), nor lui for people (de lui van HR).
	 */
	@Test
	void harshAndBelittlingWordsAreRemarkedOnAndWordsThatOnlyLookLikeThemAreNot() {
		WritingReport walk = check.check("Dat is echt dom. Je faalt altijd.", DUTCH);
		assertThat(marked(walk, "harsh")).containsExactly("dom", "Je faalt");
		assertThat(marked(walk, "judging")).containsExactly("altijd");
		assertThat(marked(check.check("Je bent lui en je plan is belachelijk. Wat een onzin, echt waardeloos en zielig.", DUTCH), "harsh"))
			.containsExactly("bent lui", "belachelijk", "onzin", "waardeloos", "zielig");
		assertThat(marked(check.check("Dom van me: die stomme fout. Heb je gefaald?", DUTCH), "harsh"))
			.containsExactly("Dom", "stomme", "Heb je gefaald");

		WritingReport careerTopic = check.check("Faalangst komt vaak voor bij een nieuwe stap. Falen mag, het hoort erbij. "
				+ "In dit domein werkte je met een dominee; je liet de toga stomen. We spraken af bij de Dom, met de lui van HR.",
				DUTCH);
		assertThat(marked(careerTopic, "harsh")).isEmpty();

		WritingReport english = check.check("That was really stupid and lazy. You fail every time, it is pathetic.", DUTCH);
		assertThat(english.language()).isEqualTo(Locale.ENGLISH);
		assertThat(marked(english, "harsh")).containsExactly("stupid", "lazy", "You fail", "pathetic");
		assertThat(marked(check.check("Fear of failure is common when you change jobs. If a plan fails, we adjust it together "
				+ "and look at the domain you know.", DUTCH), "harsh")).isEmpty();
	}

	/**
	 * A code review: reassuring sentences were marked as harsh. A harsh word after a negation, a condition or a
	 * feeling in its own clause is no verdict on the reader (geen domme vragen, niet erg als je faalt, je voelde je
	 * waardeloos), nor is one in an idiom (stom toeval) or a condition that starts its sentence (Faal je een keer,
	 * dan…). The walk's sentence is marked as before, and a clause of its own after a reassuring one is read again.
	 */
	@Test
	void harshWordsThatReassureOrTellOfAFeelingAreNotRemarked() {
		for (String dutch : List.of("Er bestaan geen domme vragen.", "Je zorgen zijn geen onzin.", "Het is niet erg als je faalt.",
				"Faal je een keer, dan leer je ervan.", "Je vond die baan door stom toeval.", "Het was dom geluk.",
				"Je voelde je waardeloos na je ontslag.", "Je was bang om je belachelijk te maken.")) {
			assertThat(harsh(dutch, DUTCH)).as(dutch).isEmpty();
		}
		for (String english : List.of("There are no stupid questions.", "It's OK if you fail.")) {
			assertThat(harsh(english, Locale.ENGLISH)).as(english).isEmpty();
		}
		assertThat(harsh("Waarom heb je dat niet gedaan?! Dat is echt dom. Je faalt altijd.", DUTCH)).containsExactly("dom", "Je faalt");
		assertThat(harsh("Het is niet erg, je bent gewoon dom.", DUTCH)).containsExactly("dom");
		assertThat(harsh("Waarom faal je steeds?", DUTCH)).containsExactly("faal je");
		assertThat(harsh("You never listen, you are lazy.", Locale.ENGLISH)).containsExactly("lazy");
	}

	/**
	 * A code review: any softening word earlier in the clause silenced the remark, Dutch als also means like, and
	 * any English n't counted however far before. A softener counts only close before the harsh word and not across
	 * a word that starts another clause; a condition only right before the phrase.
	 */
	@Test
	void aSofteningWordFarBeforeOrAsLikeDoesNotSilenceAHarshWord() {
		assertThat(harsh("Je gedraagt je als een idioot.", DUTCH)).containsExactly("idioot");
		assertThat(harsh("Wanneer stop je met die onzin?", DUTCH)).containsExactly("onzin");
		assertThat(harsh("Ik snap niet waarom je zo lui bent.", DUTCH)).containsExactly("zo lui");
		assertThat(harsh("I can't believe how stupid this was.", Locale.ENGLISH)).containsExactly("stupid");
		assertThat(harsh("You never listen because you are lazy.", Locale.ENGLISH)).containsExactly("lazy");
		// Within reach and in its clause a negation still reassures.
		assertThat(harsh("I don't think you are stupid.", Locale.ENGLISH)).isEmpty();
		assertThat(harsh("Ik vind echt niet dat je dom bent.", DUTCH)).isEmpty();
	}

	/**
	 * A code review: "…zei je. Faalt een plan, dan…" was marked as "je faalt", a phrase read across the end of a
	 * sentence. A phrase stops at . ! ? : ; and a line break, unless it holds that mark itself (a programme's
	 * jargon "m.b.t.").
	 */
	@Test
	void aPhraseIsNotFoundAcrossTheEndOfASentence() {
		assertThat(harsh("Dat plan noemde je. Faalt een plan, dan zoeken we verder.", DUTCH)).isEmpty();
		for (String across : List.of("Zo zei je! Faalt", "Zei je? Faalt", "Zo zei je: faalt", "Zo zei je; faalt", "Groet aan je\nfaalt")) {
			assertThat(new Draft(across).occurrences("je faalt")).as(across).isEmpty();
		}
		assertThat(new Draft("Zo zou. Moeten we dat?").occurrences("zou moeten")).isEmpty();
		assertThat(new Draft("Dat gaat m.b.t. je plan.").occurrences("m.b.t.")).hasSize(1);
	}

	/**
	 * A code review: a capital after a colon or an opening quotation mark within a sentence was read as a name
	 * (de Dom), and "Wat ik hoor: Je faalt" got no remark. There a new sentence starts. (A name that starts a
	 * sentence, "Dom stuurde je cv door", cannot be told apart and is marked.)
	 */
	@Test
	void aHarshPhraseWithACapitalAfterAColonOrAnOpeningQuoteIsRemarked() {
		assertThat(harsh("Wat ik hoor: Je faalt.", DUTCH)).containsExactly("Je faalt");
		assertThat(harsh("Hij noemde het „Stom” en liep weg.", DUTCH)).containsExactly("Stom");
		assertThat(harsh("Je schreef \"Dom van me\" bij je plan.", DUTCH)).containsExactly("Dom");
		assertThat(harsh("We spraken af bij de Dom in Utrecht.", DUTCH)).isEmpty();
	}

	/**
	 * A question that ends in ?! was counted as no question: the figures under the second reader said
	 * geen vragen for a letter that asked one. A question is a sentence whose closing marks hold a
	 * question mark, whatever follows it (an exclamation mark, a bracket, another one); one that a quotation
	 * mark closes is quoted (below).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"nl | Wat vind je daarvan?! | 1",
			"nl | Meen je dat nou?!? | 1",
			"nl | Echt?? Dat had ik niet gedacht. | 1",
			"nl | Wat?! Waarom?! | 2",
			"nl | Heb je het al gelezen!? | 1",
			"nl | (Heb je het al gelezen?) Laat het me weten. | 1",
			"nl | Hoe ging het?... Vertel. | 1",
			"nl | Wat een dag!! Dat is 3.5 uur. | 0",
			"en | What do you think of it?! | 1",
			"en | Really?? I did not expect that. | 1",
			"en | (Did you read it?) Let me know. | 1",
			"en | What a day! | 0",
			// A question mark in a web address asks nothing.
			"nl | Kijk op https://www.werk.nl/zoeken?q=coach&p=2 voor vacatures. | 0",
			"nl | Wat zoek je? Kijk op werk.nl/zoeken?q=coach. | 1",
			"en | See https://example.org/jobs?id=7 for the vacancy. | 0",
			// ...but a question before an emoji, Markdown's bold or a non-breaking space still asks.
			"nl | **Wat vind je?** | 1",
			"nl | Zin in?😊 | 1",
			"nl | Kom je? Laat het weten. | 1" })
	void aQuestionCountsWhateverMarkFollowsItsQuestionMark(String language, String text, int questions) {
		assertThat(check.check(text, Locale.forLanguageTag(language)).questions()).as(text).isEqualTo(questions);
	}

	/**
	 * A question between quotation marks is someone else's, mostly the participant's, quoted back: a letter
	 * that quoted three of them and asked one was told it asked too many. A question about the quotation,
	 * with its question mark after it, is the coach's own.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"nl | Je schreef: 'Waarom blijf je?' Dat raakte me. | 0",
			"nl | Je schreef: “Waarom blijf je?” Dat raakte me. | 0",
			"nl | Je schreef: \"Waarom blijf je?\" Dat raakte me. | 0",
			"nl | Je schreef: ‘Waarom blijf je?’ Dat raakte me. | 0",
			"nl | Je schreef: „Waarom blijf je?” Dat raakte me. | 0",
			"nl | Je schreef: «Waarom blijf je?» Dat raakte me. | 0",
			"nl | Ze vroeg: \"Kom je morgen?\" Ik zei ja. | 0",
			"nl | Je schreef: 'Ik snap het niet. Waarom blijf je?!' Wat bedoel je daarmee? | 1",
			"nl | Wat bedoel je met 'Waarom blijf je'? | 1",
			"nl | Wat bedoel je met “ik weet het niet”? | 1",
			"nl | Zo'n vraag, wat vind je ervan? | 1",
			"en | You wrote: \"Why do you stay?\" That touched me. | 0",
			"en | You wrote: 'Why do you stay?' What did you mean? | 1",
			"en | She asked: “Are you coming?” I said yes. | 0" })
	void aQuotedQuestionIsNotTheCoachsOwn(String language, String text, int questions) {
		assertThat(check.check(text, Locale.forLanguageTag(language)).questions()).as(text).isEqualTo(questions);
	}

	/** An interrobang and the full-width question mark ask as a question mark does. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"nl | Meen je dat‽ Vertel. | 1",
			"nl | Meen je dat⁈ Vertel. | 1",
			"nl | Meen je dat⁉ Vertel. | 1",
			"nl | Meen je dat？ Vertel. | 1",
			"nl | Wat wil je？Waarom‽ Wanneer⁈ | 3",
			"en | Do you mean that‽ Tell me. | 1",
			"en | Do you mean that？ Tell me. | 1" })
	void anInterrobangOrAFullWidthQuestionMarkAsks(String language, String text, int questions) {
		assertThat(check.check(text, Locale.forLanguageTag(language)).questions()).as(text).isEqualTo(questions);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"judging | Je moet dit nooit meer doen. | true",
			"judging | Misschien kun je het een keer proberen. | false",
			"judging | You should always ask for help. | true",
			"judging | You could ask for help. | false",
			"but-after-compliment | Je schreef een mooie brief, maar de tweede alinea is onduidelijk. | true",
			"but-after-compliment | Je schreef een mooie brief. Maar de tweede alinea is onduidelijk. | true",
			"but-after-compliment | Ik wilde bellen, maar ik had geen tijd. | false",
			"but-after-compliment | That was a great answer, but I wonder about the second part. | true",
			"but-after-compliment | I wanted to call, but there was no time. | false",
			"but-after-compliment | Goed idee, probeer het maar! | false",
			"but-after-compliment | Mooi plan, kijk maar eens wat past. | false",
			"but-after-compliment | Mooi plan, maar kijk wat past. | true",
			"but-after-compliment | Goed gedaan, maar... je mist nog een doel. | true",
			"but-after-compliment | Goed gedaan, neem maar even rust. | false",
			"but-after-compliment | That was a great answer, but... I wonder about the second part. | true",
			"but-after-compliment | Fijn dat je het alleen hebt uitgezocht. | false",
			"but-after-compliment | Mooi dat het maar twee weken duurde. | false",
			"but-after-compliment | Goed gedaan, maar je mist nog een doel. | true",
			"but-after-compliment | Goed gedaan maar je mist nog een doel. | true",
			"but-after-compliment | Mooi werk maar het slot mist nog. | true",
			"but-after-compliment | Fijn dat je het hebt uitgezocht; alleen mis ik je doel nog. | true",
			"but-after-compliment | Mooi werk, het slot is echter nog onduidelijk. | true",
			"but-after-compliment | Great that you kept going, even though it was hard. | false",
			"but-after-compliment | Great work; however, the second part is unclear. | true",
			"but-after-compliment | That was a great answer but I wonder about the second part. | true",
			"but-after-compliment | Well done, but the second part is unclear. | true",
			"but-after-compliment | I said goodbye, but I stayed for the talk. | false",
			"questions | Wat wil je? Waarom? Wanneer? Met wie? | true",
			"questions | Wat wil je? Waarom? Wanneer? | false",
			"questions | What do you want? Why? When? With whom? | true",
			"long-sentence | Ik vraag me af of je, als je terugdenkt aan de periode waarin je bij de gemeente begon en nog alles nieuw was voor je, kunt beschrijven wat je toen het meest motiveerde. | true",
			"long-sentence | Wat motiveerde je toen je begon? | false",
			"long-sentence | I wonder whether you, when you look back on the time you started at the municipality and everything was new to you, could describe what motivated you most then. | true",
			"mixed-address | Hoe gaat het met je? Ik hoop dat u tijd heeft. | true",
			"mixed-address | Hoe gaat het met je? Ik hoop dat je tijd hebt. | false",
			"shouting | Dit is ECHT belangrijk. | true",
			"shouting | Dit is echt belangrijk!! | true",
			"shouting | Meen je dat nou?! | true",
			"shouting | De HRM-afdeling helpt. Dit is belangrijk! | false",
			"shouting | This is REALLY important. | true",
			"shouting | Maak je doelen SMART. Bel het VWNW-loket of het VWNW. | false",
			"shouting | Je valt onder de RDDF. | false",
			"shouting | Dit is NIET de bedoeling. | true",
			"shouting | Make your goals SMART and ask HR ASAP. | false",
			"shouting | Je IOAW, IOAZ of TOZO loopt via het UWV; geef je IBAN door voor STAP en bel de ANWB. | false",
			"shouting | Apply for the STAP budget and give your IBAN to the UWV. | false",
			"passive | Er wordt verwacht dat het formulier wordt ingevuld. Het gesprek werd gevoerd. Ik kijk ernaar uit. | true",
			"passive | Ik verwacht dat je het formulier invult. We voerden het gesprek. Ik kijk ernaar uit. | false",
			"passive | The form was completed. The interview was conducted. I look forward to it. | true",
			"passive | You completed the form. We had the interview. I look forward to it. | false",
			"passive | Het is knap dat je dit hebt besproken. Wat zijn je ervaringen? | false",
			"passive | Er wordt van je verwacht dat je solliciteert. Het besluit is genomen door de directie. | true",
			"passive | Het is gelukt. Het gesprek is goed verlopen. | false",
			"passive | It is what I have learned. That was what we had planned. | false",
			"passive | What were your children like? It is hard to listen. | false",
			"passive | The form has been completed. The letter had been signed. | true",
			"passive | Dat is bemoedigend. Het was ontzettend fijn. Het is vervelend. | false",
			"passive | Het loket wordt geopend. Er werd uitstel verleend. Je wordt bediend. Er wordt geoefend. | true",
			"passive | De uitkering wordt gestopt. De training werd gestart. | true",
			"passive | Het is door je collega herkend. Het werd door je team erkend. | true",
			"passive | This is often hard. The answer is between the lines. | false",
			"jargon | Heb je je competentieprofiel al bekeken? | true",
			"jargon | Heb je je sterke kanten al opgeschreven? | false",
			"jargon | Have you looked at the competency framework? | true" })
	void eachRuleTriggersWhereItShouldAndOnlyThere(String rule, String text, boolean triggers) {
		WritingReport report = check.check(text, DUTCH);
		assertThat(report.findings().stream().anyMatch(f -> f.rule().equals(rule))).as("%s on \"%s\"", rule, text)
			.isEqualTo(triggers);
	}

	/**
	 * The review's draft: "hebt besproken" is the active perfect, "ervaringen" a plural after
	 * "zijn je"; once an auxiliary was seen, every later word in be-, ge-, ver- or er- with -d, -t
	 * or -en counted as its participle.
	 */
	@Test
	void aParticipleCountsOnlyCloseAfterAPassiveAuxiliaryAndNotInThePerfect() {
		assertThat(passive("Het is knap dat je dit hebt besproken.", DUTCH)).isFalse();
		assertThat(passive("Wat zijn je ervaringen?", DUTCH)).isFalse();
		assertThat(passive("Wat er was, heeft hij verkocht.", DUTCH)).as("a form of hebben in between").isFalse();
		assertThat(passive("Het is goed te begrijpen.", DUTCH)).as("an infinitive after te").isFalse();
		assertThat(passive("Het is fijn dat je vertelt.", DUTCH)).as("too far from the auxiliary").isFalse();
		assertThat(passive("Het is gelukt.", DUTCH)).as("a verb without a passive").isFalse();
		assertThat(passive("Er wordt van je verwacht dat je solliciteert.", DUTCH)).isTrue();
		assertThat(passive("Het besluit is genomen door de directie.", DUTCH)).isTrue();
		assertThat(passive("Er is een besluit genomen.", DUTCH)).isTrue();
		assertThat(passive("De brieven zijn geschreven.", DUTCH)).isTrue();
		assertThat(passive("Het besluit is door de directie genomen.", DUTCH)).as("the participle at the clause's end").isTrue();
		assertThat(passive("Je wordt door je leidinggevende gebeld.", DUTCH)).isTrue();
		assertThat(passive("Het is fijn en je hebt het goed gedaan.", DUTCH)).as("another clause").isFalse();
		assertThat(passive("I have finished it and it is what I had wanted.", Locale.ENGLISH)).isFalse();
		assertThat(passive("What they were, had changed.", Locale.ENGLISH)).as("a form of have in between").isFalse();
		assertThat(passive("What were your children like?", Locale.ENGLISH)).isFalse();
		assertThat(passive("The form has been completed by the coach.", Locale.ENGLISH)).isTrue();
		assertThat(passive("The interview was conducted.", Locale.ENGLISH)).isTrue();
	}

	@Test
	void phrasesOfSeveralWordsAreFoundEachTimeAndOnlyAsWholeWordsInOrder() {
		WritingReport report = check.check("Het is alleen maar een idee, ALLEEN MAAR een idee. Dat zou moeten lukken, "
				+ "zou het moeten? Maar alleen", DUTCH);
		// "zou moeten" only where the words follow each other, and its "moeten" no second time; "moeten"
		// on its own; "alleen" at the very end starts the phrase but has no word after it.
		assertThat(marked(report, "judging")).containsExactly("alleen maar", "ALLEEN MAAR", "zou moeten", "moeten");
	}

	@Test
	void aProgrammesOwnJargonIsFoundToo() {
		assertThat(check.check("Zit je al in de pool?", DUTCH, List.of("pool")).findings())
			.anyMatch(f -> f.rule().equals("jargon"));
		assertThat(check.check("Zit je al in de pool?", DUTCH).findings()).noneMatch(f -> f.rule().equals("jargon"));
	}

	/**
	 * A programme's jargon with "&", "+", "/" or "." in it: the draft is read as words of letters, so
	 * "P&O" as one word was never among them. Found as the same words in a row, marked whole.
	 */
	@Test
	void aProgrammesJargonWithSignsBetweenItsLettersIsFoundAndMarkedWhole() {
		List<String> jargon = List.of("P&O", "A+O-fonds", "O&O", "i.o.v.", "W/O-traject");
		WritingReport report = check.check("Vraag het bij P&O of het A+O-fonds je opleiding betaalt (O&O), "
				+ "i.o.v. je werkgever en binnen je W/O-traject. Of vraag het p&o.", DUTCH, jargon);
		assertThat(marked(report, "jargon")).containsExactly("P&O", "A+O-fonds", "O&O", "i.o.v", "W/O-traject", "p&o");
		// Whole words in a row, as for any phrase: not with a word between, not inside a longer word.
		assertThat(check.check("Over opleiding en ontwikkeling (O en O) en het O-budget praten we later.", DUTCH, jargon)
			.findings()).noneMatch(f -> f.rule().equals("jargon"));
	}

	@Test
	void administratorsExtendTheWordListsWithAFile(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("nl.rules"), "judging=sowieso\nquestions.max=1\n");
		WritingCheck extended = new WritingCheck(new RuleSets(folder.toString()));
		WritingReport report = extended.check("Dat gaat sowieso lukken. Wat denk je? Waarom?", DUTCH);
		assertThat(marked(report, "judging")).containsExactly("sowieso");
		assertThat(marked(report, "questions")).hasSize(2);
		// the shipped words stay
		assertThat(marked(extended.check("Je moet het doen.", DUTCH), "judging")).containsExactly("moet");
	}

	/**
	 * An assignment's text in the letter is not the coach's: its questions do not make the coach's one
	 * question "too many", and nothing in it is marked.
	 */
	@Test
	void quotedTextCountsForNothing() {
		String assignment = "Wat geeft je energie? Wat kost je energie? Wie wil je zijn? Wat doe je graag? Wanneer ben je trots?";
		String letter = "Hoe was je week?\n\n" + assignment;
		assertThat(marked(check.check(letter, DUTCH), "questions")).as("without quoting").isNotEmpty();
		WritingReport quoted = check.check(letter, DUTCH, List.of(), assignment);
		assertThat(quoted.findings()).isEmpty();
		assertThat(quoted.segments().stream().map(WritingReport.Segment::text).reduce("", String::concat)).isEqualTo(letter);
		assertThat(WritingCheck.blanked("a\nb c", "b c")).isEqualTo("a\n   ");
	}

	/**
	 * A sample sentence the coach offers in quotation marks, or a participant's line quoted back, is not the coach's
	 * own address: its uw was marked as if the coach wrote u beside je. Straight, curly and low-high quotes, and
	 * single ones; an u outside the quote is still the coach's.
	 */
	@Test
	void aQuotedSampleSentenceIsNotTheCoachsAddress() {
		for (String letter : List.of("Je zou kunnen zeggen: \"Ik waardeer uw feedback.\"",
				"Je zou kunnen zeggen: “Ik waardeer uw feedback.” Probeer het maar.",
				"Je zou kunnen zeggen: „Kunt u mij daarover meer vertellen?” Dat werkt vaak.",
				"Je schreef: ‘Graag hoor ik van u.’ Dat is netjes, maar je mag ook je eigen toon kiezen.")) {
			assertThat(marked(check.check(letter, DUTCH), "mixed-address")).as(letter).isEmpty();
		}
		assertThat(marked(check.check("Je zou kunnen zeggen: \"Ik waardeer uw feedback.\" Hoopt u dat ook?", DUTCH),
				"mixed-address")).containsExactly("u");
		// An apostrophe in a word opens no quote: zo'n sentence is the coach's own.
		assertThat(marked(check.check("Zo'n brief schrijf je zelf. Hoopt u dat ook?", DUTCH), "mixed-address"))
			.containsExactly("u");
		// Nor does the apostrophe of 's avonds, 't, 'n or 'k: it hid the coach's own u up to the next quote's end.
		for (String letter : List.of("Kun je 's avonds bellen, of heeft u liever \"overdag\"?",
				"Hoe gaat 't met je? Kunt u mij 'even' bellen?", "Is dat 'n idee voor je? Of heeft u 'iets anders'?",
				"'k Hoop dat je komt, of wilt u liever ‘later’?", "Bel je ‘s ochtends? Dan hoort u het “meteen”.",
				"Bel je 'S Avonds? Dan hoort u het 'meteen'.")) {
			assertThat(marked(check.check(letter, DUTCH), "mixed-address")).as(letter).containsExactly("u");
		}
		// A quote that starts with such a letter in a word is still a quote.
		assertThat(marked(check.check("Je zou kunnen zeggen: 'Tot morgen, ik bel u.'", DUTCH), "mixed-address")).isEmpty();
	}

	/**
	 * The assignment's text is taken out as sending takes it out for brackets: a coach who changed one word of its
	 * heading, or of the line under it, and wrapped a line of its instructions, had its questions and its worksheet's
	 * brackets marked, found only where it stood word for word; sending passed the same letter.
	 */
	@Test
	void theAssignmentIsTakenOutAsSendingFindsItAfterTheCoachChangedAWord() {
		String assignment = "Opdracht: Sterke punten\n\nWat geeft je energie? Wat kost je energie? Wie wil je zijn? "
				+ "Wanneer ben je trots?\nMijn sterke punten: [vul hier in]\n\nReken op ongeveer 15 minuten.";
		String reworded = "Beste [naam],\n\nHoe was je week?\n\nOpdracht: Jouw sterke punten\n\nWat geeft je energie? "
				+ "Wat kost je energie?\nWie wil je zijn? Wanneer ben je trots?\nMijn sterke punten: [vul hier in]\n\n"
				+ "Reken op 15 minuten.";
		WritingReport report = check.check(reworded, DUTCH, List.of(), assignment);
		assertThat(marked(report, "questions")).as("the assignment's questions").isEmpty();
		assertThat(marked(report, "bracketed")).as("the coach's own, not the worksheet's").containsExactly("[naam]")
			.isEqualTo(nl.briefwissel.BracketedPlaceholders.in(nl.briefwissel.AssignmentInLetter.blanked(reworded, assignment)));
		assertThat(report.segments().stream().map(WritingReport.Segment::text).reduce("", String::concat)).isEqualTo(reworded);
	}

	/**
	 * A word changed inside the instructions: the paragraphs and lines the coach left as they were are still the
	 * assignment's, and so is the line on how long it takes (its "gewoon" was marked as the coach's judging word).
	 * The line the coach changed is the coach's own and is read.
	 */
	@Test
	void aWordChangedInsideTheWorksheetLeavesTheRestOfItUnmarked() {
		String assignment = "Opdracht: Sterke punten\n\nWat geeft je energie? Wat kost je energie?\n\n"
				+ "Vul in en stuur terug.\nMijn sterke punten: [vul hier in]\nWat ik wil leren: [invullen]\n\n"
				+ "Dit kost je ongeveer 15 minuten. Je antwoord stuur je gewoon als antwoord op deze mail.";
		String letter = "Beste [naam],\n\n" + assignment.replace("Vul in en stuur", "Vul alles in en stuur");
		WritingReport report = check.check(letter, DUTCH, List.of(), assignment);
		assertThat(marked(report, "bracketed")).containsExactly("[naam]");
		assertThat(marked(report, "judging")).as("the estimate's gewoon").isEmpty();
		assertThat(report.questions()).as("the first paragraph's").isZero();
		assertThat(report.words()).as("Beste naam and the changed line").isEqualTo(8);
	}

	/**
	 * A worksheet line the coach changed was looked for to the end of the letter and found in the coach's own sign-off
	 * after the worksheet: its [naam] went unmarked, and unwarned at sending. With CR LF line breaks, as a browser
	 * sends them, the mark stands on the coach's [naam] all the same.
	 */
	@Test
	void theCoachsOwnSignOffAfterAChangedWorksheetIsMarked() {
		String assignment = "Opdracht: Sollicitatiebrief\n\nGebruik dit voorbeeld.\n\nGeachte [naam contactpersoon],\n"
				+ "Ik solliciteer.\nMet vriendelijke groet,\n[naam]\n\nDit kost je ongeveer 15 minuten.";
		String letter = "Hoi Sam,\n\nOpdracht: Sollicitatiebrief\n\nGebruik dit voorbeeld.\n\nGeachte [naam contactpersoon],\n"
				+ "Ik solliciteer graag.\nMet hartelijke groet,\nSam\n\nDit kost je ongeveer 15 minuten.\n\n"
				+ "Met vriendelijke groet,\n[naam]";
		for (String typed : List.of(letter, letter.replace("\n", "\r\n"))) {
			WritingReport report = check.check(typed, DUTCH, List.of(), assignment);
			assertThat(marked(report, "bracketed")).containsExactly("[naam]");
			assertThat(report.findings().stream().filter(f -> f.rule().equals("bracketed")).map(Finding::start))
				.containsExactly(letter.lastIndexOf("[naam]"));
			assertThat(report.segments().stream().map(WritingReport.Segment::text).reduce("", String::concat)).isEqualTo(letter);
		}
	}

	/** The passive rule's words are in the rules files too: "geland" said like "gelukt" is what happened. */
	@Test
	void administratorsTeachThePassiveRuleAVerbWithoutAPassive(@TempDir Path folder) throws Exception {
		String started = "Het vliegtuig is geland.";
		assertThat(passive(started, DUTCH)).isTrue();
		Files.writeString(folder.resolve("nl.rules"), "passive.not-participles=geland\n");
		RuleSet extended = new RuleSets(folder.toString()).of(DUTCH);
		assertThat(Rule.PassiveVoice.passive(new Draft(started).sentences.get(0), extended)).isFalse();
		assertThat(Rule.PassiveVoice.passive(new Draft("Het is gelukt.").sentences.get(0), extended)).isFalse();
		assertThat(Rule.PassiveVoice.passive(new Draft("Er wordt van je verwacht dat je komt.").sentences.get(0), extended)).isTrue();
	}

	@Test
	void readabilityIsHighForPlainTextAndLowForDenseText() {
		double plain = check.check("Ik werk graag met mensen. Dat geeft me energie. Ik wil dat blijven doen.", DUTCH)
			.readability();
		double dense = check.check("De organisatieontwikkelingsdoelstellingen vereisen implementatiegerichte "
				+ "competentieontwikkelingstrajecten binnen verschillende beleidsdomeinen en uitvoeringsorganisaties.", DUTCH)
			.readability();
		assertThat(plain).isGreaterThan(70);
		assertThat(dense).isLessThan(30);
		assertThat(Readability.syllables("energie", true)).isEqualTo(3);
		assertThat(Readability.syllables("beautiful", false)).isEqualTo(3);
	}

	@Test
	void theFindingsAreMarkedWithoutLosingOrDoublingAnyText() {
		String text = "Je schreef een mooie brief, maar je moet ECHT korter schrijven!!";
		WritingReport report = check.check(text, DUTCH);
		assertThat(report.segments().stream().map(WritingReport.Segment::text).reduce("", String::concat)).isEqualTo(text);
		assertThat(report.findings()).extracting(Finding::rule)
			.contains("but-after-compliment", "judging", "shouting");
	}

	/** "zou moeten" is on the list and so is "moeten": one remark for the phrase, not two on its word. */
	@Test
	void aJudgingPhraseIsOneRemarkNotOneMoreForItsWord() {
		WritingReport report = check.check("Je zou moeten bellen. Dan moeten we praten.", DUTCH);

		assertThat(marked(report, "judging")).containsExactly("zou moeten", "moeten");
	}

	/** A programme's own acronym (its jargon) gets the jargon remark only, not shouting as well. */
	@Test
	void aProgrammesAcronymIsJargonNotShouting() {
		WritingReport report = check.check("Vraag het de LOKET-coach of het SPOC.", DUTCH, List.of("spoc"));

		assertThat(marked(report, "jargon")).containsExactly("SPOC");
		assertThat(marked(report, "shouting")).isEmpty();
	}

	/** Who lowers the shouting threshold to three letters still may name the UWV, a CAO and the WIA. */
	@Test
	void theCommonAcronymsOfThreeLettersAreNoShoutingEither(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("nl.rules"), "shouting.min-letters=3\n");
		WritingCheck extended = new WritingCheck(new RuleSets(folder.toString()));
		WritingReport report = extended.check("Vraag het UWV naar je WIA, AOW of de CAO na je MBO of HBO. Dat is TOP.", DUTCH);
		assertThat(marked(report, "shouting")).containsExactly("TOP");
	}

	@Test
	void anEmptyDraftHasNoFindings() {
		assertThat(check.check("", DUTCH).findings()).isEmpty();
		assertThat(check.check("   \n ", DUTCH).words()).isZero();
	}

	/**
	 * The review's official letter was not remarked on: "gemaakt wordt" puts the participle before its
	 * auxiliary (a subordinate clause), "door ons besproken" read "ons" as a possessive, and a letter
	 * needed two passive sentences where one sentence stacked two passives.
	 */
	@Test
	void theReviewsOfficialLetterIsRemarkedOnForItsPassiveVoice() {
		assertThat(passive("Ik hoop dat er door u een keuze gemaakt wordt.", DUTCH)).isTrue();
		assertThat(passive("De mogelijkheden worden door ons besproken.", DUTCH)).isTrue();
		assertThat(passive("Het is fijn als je door hen ontvangen wordt.", DUTCH)).isTrue();
		assertThat(Rule.PassiveVoice.passives(new Draft("Er wordt door de organisatie verwacht dat er door u een keuze gemaakt wordt.")
			.sentences.get(0), new RuleSets("").of(DUTCH))).isEqualTo(2);

		for (String letter : List.of(
				"Er wordt door de organisatie verwacht dat er door u een keuze gemaakt wordt. De mogelijkheden worden door ons besproken.",
				"Er wordt door de organisatie verwacht dat er door u een keuze gemaakt wordt, waarna de mogelijkheden door ons besproken worden.",
				"Er wordt door de organisatie verwacht dat er door u een keuze gemaakt wordt… worden door ons besproken.")) {
			assertThat(marked(check.check(letter, DUTCH), "passive")).as(letter).isNotEmpty();
		}
	}

	/** Active sentences with a word like a participle before "wordt", or an adjective after "is", stay unremarked. */
	@Test
	void activeSentencesThatLookPassiveAreNotCounted() {
		assertThat(passive("Het besluit wordt morgen duidelijk.", DUTCH)).as("a subject before wordt in a main clause").isFalse();
		assertThat(passive("Het beleid wordt strenger en je gezicht wordt rood.", DUTCH)).isFalse();
		assertThat(passive("Ik hoop dat je weer gezond wordt.", DUTCH)).isFalse();
		assertThat(passive("Ik merk dat je je bewust wordt van je kwaliteiten.", DUTCH)).isFalse();
		assertThat(passive("Het is bekend dat je graag schrijft.", DUTCH)).isFalse();
		assertThat(passive("Ik hoop dat het verlangen sterker wordt.", DUTCH)).isFalse();
		assertThat(passive("We bespreken samen de mogelijkheden die jij ziet.", DUTCH)).isFalse();
		assertThat(passive("Het is door ons gesprek duidelijker geworden.", DUTCH)).isFalse();
		assertThat(passive("Ik verwacht dat je een keuze maakt.", DUTCH)).isFalse();
		assertThat(passive("Ik denk dat je het gesprek met je leidinggevende hebt besproken.", DUTCH)).isFalse();
		assertThat(marked(check.check("Ik verwacht dat je een keuze maakt. Wij bespreken de mogelijkheden. Het is bekend dat je "
				+ "graag schrijft. Ik wil dat je weer gezond wordt.", DUTCH), "passive")).isEmpty();
		assertThat(marked(check.check("Er wordt een keuze gemaakt. Ik kijk ernaar uit. Tot volgende week. Groet.", DUTCH), "passive"))
			.as("one passive in a letter is no heavy use").isEmpty();
	}

	/**
	 * A Dutch subordinate clause puts the participle before its auxiliary, with a modal verb between
	 * them or not ("dat het besluit genomen is", "als het formulier ingevuld moet worden"): only a form
	 * of "worden" right after the participle counted, and a participle with a separable particle
	 * ("ingevuld") or in -aan ("gedaan") was no participle at all. The perfect with "zijn" of a verb
	 * without a passive ("dat ik gekomen ben", "dat het me opgevallen is") and a plural noun before
	 * "zijn" ("dat het mooie beroepen zijn") stay active, as "het is gelukt" does.
	 */
	@Test
	void aParticipleBeforeItsAuxiliaryInASubordinateClauseIsPassive() {
		for (String passive : List.of("Ik weet dat het besluit genomen is.", "Ik vrees dat je ontslagen wordt.",
				"Het klopt dat er niets gedaan werd.", "Bel me als het formulier ingevuld moet worden.",
				"Ik hoop dat het besluit snel genomen zal worden.", "Ik lees dat de brieven gisteren verstuurd zijn.",
				"Ik merk dat het formulier al ingevuld was.", "Het formulier wordt ingevuld.", "Er is niets gedaan.",
				"Je wordt door ons uitgenodigd.")) {
			assertThat(passive(passive, DUTCH)).as(passive).isTrue();
		}
		for (String active : List.of("Ik weet dat ik gisteren gekomen ben.", "Ik zag dat hij gisteren gekomen is.",
				"Ik hoor dat het goed gegaan is.", "Ik merk dat het je opgevallen is.", "Fijn dat het meegevallen is.",
				"Jammer dat het tegengevallen is.", "Ik zie dat het gesprek goed afgelopen is.", "Ik weet dat het ingewikkeld is.",
				"Ik zie dat je het formulier ingevuld hebt.", "Ik denk dat je het goed gedaan hebt.",
				"Ik weet dat het mooie beroepen zijn.", "Ik hoorde dat het goede gesprekken waren.",
				"Ik denk dat het lastige gesprekken worden.", "Ik begrijp hoe belangrijk je bezwaren zijn.",
				"Ik merk dat je verlangen is gegroeid.", "Ik merk dat er veel veranderd is.",
				"Ik zie dat het aantal vacatures toegenomen is.", "Het is me opgevallen dat je vaak schrijft.",
				"Het is goed afgelopen.", "Fijn dat je geslaagd bent.", "Ik weet dat je het zou hebben gedaan.",
				"Ik zie dat er verschillen zijn.", "Ik weet dat er nog bedrijven zijn die je zoeken.",
				"Het waren goede gesprekken.", "Ik denk dat het er veel gesprekken waren.")) {
			assertThat(passive(active, DUTCH)).as(active).isFalse();
		}
		assertThat(Rule.PassiveVoice.passives(new Draft("Ik hoop dat het besluit genomen is en dat het formulier ingevuld "
				+ "moet worden.").sentences.get(0), new RuleSets("").of(DUTCH))).isEqualTo(2);
		assertThat(marked(check.check("Ik weet dat het besluit genomen is. Bel me als het formulier ingevuld moet worden. "
				+ "Tot volgende week.", DUTCH), "passive")).hasSize(2);
	}

	/**
	 * English puts the auxiliary first in every clause, and "has been decided" was found; a participle
	 * that ends in neither -ed nor -en ("made", "done", "shown") was not.
	 */
	@Test
	void anEnglishParticipleThatDoesNotEndInEdOrEnIsOneToo() {
		for (String passive : List.of("The decision was made by the board.", "The work is done.", "It has been decided.",
				"The letters were sent last week.", "You will be shown the way.", "The decision was taken.")) {
			assertThat(passive(passive, Locale.ENGLISH)).as(passive).isTrue();
		}
		for (String active : List.of("We made the decision.", "That was the day we met.", "It was what you said.",
				"I have done the work.")) {
			assertThat(passive(active, Locale.ENGLISH)).as(active).isFalse();
		}
	}

	/**
	 * A participle after "zijn" or "be" is a state or the passive's perfect: the rules' list of states decides
	 * (a coach is not asked to rewrite "je bent betrokken"), and what is not on it counts, the ambiguous "de
	 * vacature is gesloten" too. After "worden" the same participle is passive.
	 */
	@Test
	void aStateAfterZijnIsNoPassiveAndTheSameParticipleAfterWordenIs(@TempDir Path folder) throws Exception {
		assertThat(passive("Je bent betrokken bij het besluit.", DUTCH)).isFalse();
		assertThat(passive("Je wordt betrokken bij het besluit.", DUTCH)).isTrue();
		assertThat(passive("Ik merk dat je betrokken bent.", DUTCH)).isFalse();
		assertThat(passive("Ik hoop dat je erbij betrokken wordt.", DUTCH)).isTrue();
		assertThat(passive("Dat is niet verplicht.", DUTCH)).isFalse();
		assertThat(passive("Je wordt verplicht om te solliciteren.", DUTCH)).isTrue();
		assertThat(passive("De vacature is gesloten.", DUTCH)).as("ambiguous and not listed: counted").isTrue();
		assertThat(passive("I am interested in the role.", Locale.ENGLISH)).isFalse();
		assertThat(passive("You got involved in the project.", Locale.ENGLISH)).isTrue();

		Files.writeString(folder.resolve("nl.rules"), "passive.states=gesloten\n");
		RuleSet extended = new RuleSets(folder.toString()).of(DUTCH);
		assertThat(Rule.PassiveVoice.passive(new Draft("De vacature is gesloten.").sentences.get(0), extended)).isFalse();
		assertThat(Rule.PassiveVoice.passive(new Draft("De vacature wordt gesloten.").sentences.get(0), extended)).isTrue();
	}

	/**
	 * A Dutch participle in -en is a strong verb's, and ends as one does; the plural nouns that a prefix makes
	 * look like one end otherwise and were counted after "zijn" when no list named them.
	 */
	@Test
	void aDutchWordInEnIsAParticipleOnlyWithAStrongVerbsEnding() {
		for (String participle : List.of("genomen", "geschreven", "besproken", "afgesloten", "gevonden", "geholpen",
				"ontvangen", "opgeroepen", "gezien", "gewonnen", "gedwongen", "gehouden", "gevochten", "betrokken", "getroffen")) {
			assertThat(Rule.PassiveVoice.strong(participle)).as(participle).isTrue();
		}
		for (String noun : List.of("geruchten", "gesprekken", "beelden", "gebruiken", "verbeterpunten", "bedrijven",
				"bezoeken", "gebouwen", "geheimen", "bewijzen", "verliezen")) {
			assertThat(Rule.PassiveVoice.strong(noun)).as(noun).isFalse();
		}
	}

	private static boolean passive(String sentence, Locale language) {
		return Rule.PassiveVoice.passive(new Draft(sentence).sentences.get(0), new RuleSets("").of(language));
	}

	/**
	 * A letter with {naam} left in: the second reader said it read well and that sending always works, then
	 * sending refused it. The second reader names it with the send check's own detection, and says it holds
	 * the letter back.
	 */
	@Test
	void aPlaceholderLeftInIsNamedAndSaidToHoldTheLetterBack() {
		WritingReport report = check.check("Beste {naam},\n\nIk las je brief met plezier.", DUTCH);

		assertThat(marked(report, "placeholder")).containsExactly("{naam}");
		assertThat(report.blocksSending()).isTrue();
		assertThat(check.check("Beste Sanne,\n\nIk las je brief met plezier. :-{ }", DUTCH).blocksSending()).isFalse();
	}

	/**
	 * A place in square brackets left to fill in holds the letter once at sending (decision 0114); the second
	 * reader named none of them. It names the same ones, by the same rule, where they stand, and says sending
	 * asks once more rather than that it holds the letter back. An assignment's worksheet passed in as quoted is
	 * the participant's to fill in, as at sending; the coach's own brackets beside it are still named.
	 */
	@Test
	void bracketsSendingAsksAboutAreNamedWhereTheyStand() {
		String letter = "Beste [naam],\n\n[Vul hier de volgende stap in]\n\nBespreek het met [naam collega] en "
				+ "[naam leidinggevende]. Klik op [Start] en lees [1].\n\nGroet";
		WritingReport report = check.check(letter, DUTCH);

		assertThat(marked(report, "bracketed")).containsExactly("[naam]", "[Vul hier de volgende stap in]", "[naam collega]",
				"[naam leidinggevende]")
			.isEqualTo(nl.briefwissel.BracketedPlaceholders.in(letter));
		assertThat(report.findings().stream().filter(f -> f.rule().equals("bracketed")).map(Finding::messageKey))
			.containsOnly("writing.bracketed");
		assertThat(report.blocksSending()).as("Toch versturen passes them").isFalse();

		String worksheet = "Gesprek voorbereiden\n\nMet wie: [naam leidinggevende]";
		WritingReport given = check.check("Hoi [naam collega],\n\n" + worksheet, DUTCH, List.of(), worksheet);
		assertThat(marked(given, "bracketed")).containsExactly("[naam collega]");
	}

	/** The greeting and the sign-off with the name under it are no sentences of the letter: not in the average. */
	@Test
	void theWordsPerSentenceLeaveOutTheGreetingAndTheSignOff() {
		WritingReport report = check.check(
				"Beste Sanne,\n\nIk las je brief met veel plezier. Wat wil je nu gaan doen?\n\nHartelijke groet,\nMarieke de Vries",
				DUTCH);

		assertThat(report.averageSentenceLength()).isEqualTo(6.5);
		assertThat(check.check("Dear Sanne,\n\nI read your letter. What do you want to do?\n\nKind regards,\nMarieke", Locale.ENGLISH)
			.averageSentenceLength()).isEqualTo(5.0);
		// A letter without them keeps all its sentences.
		assertThat(check.check("Ik las je brief. Wat wil je nu?", DUTCH).averageSentenceLength()).isEqualTo(4.0);
	}

	/**
	 * The readability is the body's, as the words per sentence are: the greeting and the sign-off with the name
	 * under it are short sentences of short words and scored a dense letter as a fair one (35 for a body of 22).
	 */
	@Test
	void theReadabilityLeavesOutTheGreetingAndTheSignOff() {
		String dutchBody = "Ik heb je verslag over de sollicitatiegesprekken met belangstelling gelezen.\n"
				+ "Welke werkgevers wil je volgende maand benaderen?";
		String englishBody = "I have read your report about the interviews with considerable interest.\n"
				+ "Which employers would you like to approach next month?";

		double dutch = check.check("Beste Anja,\n\n" + dutchBody + "\n\nMet vriendelijke groet,\nDirk", DUTCH).readability();
		double english = check.check("Dear Anja,\n\n" + englishBody + "\n\nKind regards,\nDirk", Locale.ENGLISH)
			.readability();

		// Flesch-Douma by hand: 17 words of 39 syllables in 2 sentences.
		assertThat(dutch).isCloseTo(206.835 - 0.93 * 17 / 2 - 77.0 * 39 / 17, Offset.offset(0.001));
		assertThat(dutch).isEqualTo(check.check(dutchBody, DUTCH).readability());
		assertThat(check.check("Hoi Anja,\n\n" + dutchBody + "\n\nHartelijke groet,\nDirk", DUTCH).readability())
			.isEqualTo(dutch);
		// Flesch by hand: 20 words of 32 syllables in 2 sentences.
		assertThat(english).isCloseTo(206.835 - 1.015 * 20 / 2 - 84.6 * 32 / 20, Offset.offset(0.001));
		assertThat(english).isEqualTo(check.check(englishBody, Locale.ENGLISH).readability());
	}

	/**
	 * A letter signed with the name alone (no Hartelijke groet above it) kept the name as a sentence of one word:
	 * a letter of one sentence of 60 words averaged 30.5 and scored as easy to read. The short lines under the
	 * letter's last full sentence, without a full stop, are its signature, as the sign-off's are.
	 */
	@Test
	void theNameUnderALetterWithoutASignOffIsNoSentenceOfIt() {
		String body = "Ik las je brief en ik merk dat je veel twijfelt over de stap naar een nieuwe baan omdat je bang bent dat je "
				+ "het werk niet goed zult doen en dat je collega's je dan niet meer zien staan terwijl je juist zo graag wilt "
				+ "laten zien wat je kunt en waar je goed in bent.";
		WritingReport alone = check.check(body, DUTCH);
		WritingReport signed = check.check("Hoi Anja,\n\n" + body + "\n\nKim", DUTCH);

		assertThat(signed.averageSentenceLength()).isEqualTo(alone.averageSentenceLength()).isGreaterThan(40);
		assertThat(signed.readability()).isEqualTo(alone.readability());
		assertThat(check.check("Hoi Anja,\n\n" + body + "\n\nTot donderdag\nKim de Vries", DUTCH).readability())
			.isEqualTo(alone.readability());
		// A last line that is a sentence of the letter stays one.
		assertThat(check.check("Ik las je brief. Wat wil je nu?\n\nKim", DUTCH).averageSentenceLength()).isEqualTo(4.0);
	}

	/**
	 * Flesch-Douma weighs a sentence's length lightly (0.93 a word): a sentence of 60 short words scores over 60,
	 * and the panel said goed leesbaar beside the remark that the sentence is too long. The score stays the formula's;
	 * its words say what is easy and what is not.
	 */
	@Test
	void aLetterWithASentenceTooLongIsNotCalledEasyToRead() {
		String sentence = "Ik zie dat je nu veel werk hebt en dat je ook thuis veel moet doen en dat je dan weinig tijd "
				+ "hebt voor je zelf en dat je daar last van hebt want je wilt ook graag tijd voor je werk en voor je kind "
				+ "en voor je vrienden en dat is niet te doen als je zo moe bent van al dat werk.";
		WritingReport report = check.check("Hoi Anja,\n\n" + sentence + "\n\nGroet,\nKim", DUTCH);

		assertThat(marked(report, "long-sentence")).hasSize(1);
		assertThat(report.readability()).as("by the formula").isGreaterThanOrEqualTo(60);
		assertThat(report.readabilityLevel()).isEqualTo("easyWordsLongSentence");
		assertThat(check.check("Ik las je brief. Wat wil je nu?", DUTCH).readabilityLevel()).isEqualTo("easy");
	}

	/** Fillers are no verdict: their remark is their own, not the judging words' "say vaak". */
	@Test
	void fillersHaveTheirOwnRemarkNotTheJudgingOne() {
		WritingReport dutch = check.check("Je wilde eigenlijk je oude baas bellen.", DUTCH);
		WritingReport english = check.check("You actually wanted to just call your old boss.", Locale.ENGLISH);

		assertThat(marked(dutch, "judging")).isEmpty();
		assertThat(marked(dutch, "filler")).containsExactly("eigenlijk");
		assertThat(dutch.findings().get(0).messageKey()).isEqualTo("writing.filler.nl");
		assertThat(marked(english, "judging")).isEmpty();
		assertThat(marked(english, "filler")).containsExactly("actually", "just");
	}

	/** What the harsh words rule marks in a text of this language, as written. */
	private static List<String> harsh(String text, Locale language) {
		return new Rule.HarshWords().apply(new Draft(text), new RuleSets("").of(language), List.of()).stream()
			.sorted(java.util.Comparator.comparingInt(Finding::start))
			.map(finding -> text.substring(finding.start(), finding.end()))
			.toList();
	}

	private static List<String> marked(WritingReport report, String rule) {
		return report.findings()
			.stream()
			.filter(f -> f.rule().equals(rule))
			.map(f -> textOf(report, f))
			.toList();
	}

	private static String textOf(WritingReport report, Finding finding) {
		String text = report.segments().stream().map(WritingReport.Segment::text).reduce("", String::concat);
		return text.substring(finding.start(), finding.end());
	}
}

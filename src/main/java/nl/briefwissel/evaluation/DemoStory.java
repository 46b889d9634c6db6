package nl.briefwissel.evaluation;

import java.time.LocalTime;
import java.util.List;

/**
 * What the demo trajectories wrote so far, letter by letter, as an e-coach and an employee of a
 * municipality would: so that whoever tries the product finds a conversation to read, an assignment
 * given and answered, and a participant waiting for the coach, not empty pages.
 */
final class DemoStory {

	/** One letter, {@code daysAgo} days before the demo data is written, at {@code at} that day. */
	sealed interface Letter {

		int daysAgo();

		LocalTime at();

		String text();
	}

	/** The coach writes; {@code assignment} is the title of a shipped assignment given with the letter. */
	record FromCoach(int daysAgo, LocalTime at, String text, String assignment) implements Letter {

		FromCoach(int daysAgo, LocalTime at, String text) {
			this(daysAgo, at, text, null);
		}
	}

	/**
	 * The participant writes (answering any assignment still open): by mail, answering the coach's
	 * last mail from their own mail program, or on the website.
	 */
	record FromParticipant(int daysAgo, LocalTime at, String text, boolean byMail) implements Letter {

		FromParticipant(int daysAgo, LocalTime at, String text) {
			this(daysAgo, at, text, true);
		}
	}

	private DemoStory() {
	}

	/** The letters of the demo participant's trajectory (with the demo coach): she waits for an answer. */
	static List<Letter> sanne() {
		return List.of(
				new FromCoach(14, LocalTime.of(9, 40), DemoLetters.opening("Sanne Bakker", "Anja de Vries")),
				new FromParticipant(13, LocalTime.of(20, 5), """
						Hoi Anja,

						Dank je voor je mail. Ik werk nu zes jaar als beleidsmedewerker bij Sociaal Domein. Het werk \
						is prima, maar ik word vooral blij van de momenten dat ik met inwoners of collega's om tafel \
						zit, en die worden steeds zeldzamer. Over zes weken wil ik weten of ik meer die kant op kan, \
						en hoe.

						Mijn laatste echt goede werkdag? Twee weken geleden organiseerde ik een avond met \
						buurtbewoners over de nieuwe speeltuin. Ik was moe maar voldaan.

						Groet,
						Sanne"""),
				new FromCoach(11, LocalTime.of(10, 15), """
						Beste Sanne,

						Wat een mooi voorbeeld, die avond over de speeltuin. Je schrijft "moe maar voldaan": dat \
						zegt vaak iets over waar je energie vandaan komt.

						Daar wil ik graag verder op ingaan. Hieronder staat een opdracht die je helpt zo'n dag uit \
						te pluizen. Neem er rustig de tijd voor en schrijf op wat in je opkomt; het hoeft niet af \
						of mooi te zijn.

						Hartelijke groet,
						Anja""", "Je beste werkdag"),
				new FromParticipant(9, LocalTime.of(21, 30), """
						Hoi Anja,

						Ik heb de opdracht gedaan, op een avond met een kop thee. Wat me opviel: op mijn beste dagen \
						breng ik mensen samen. Ik bereid iets voor, zorg dat iedereen aan het woord komt, en aan het \
						eind is er iets besloten. De dagen waarop ik alleen aan een nota schrijf, kruipen voorbij.

						Wat ik lastig vind: ik weet niet of "mensen samenbrengen" een beroep is. En ik wil mijn vaste \
						baan niet zomaar opgeven.

						Groet,
						Sanne"""),
				new FromCoach(7, LocalTime.of(9, 50), """
						Beste Sanne,

						Dank je voor je eerlijke antwoord. Bij "mensen samenbrengen" horen zeker functies: denk aan \
						procesbegeleider, projectleider participatie of gebiedsregisseur. Ook binnen de gemeente.

						Je hoeft je vaste baan niet op te geven om dit te verkennen. Een tussenstap kan zijn dat je \
						in je huidige werk vaker zulke bijeenkomsten doet. Met wie zou je daarover kunnen praten?

						Voor je volgende brief: wil je opschrijven welke twee of drie collega's werk doen dat je \
						aanspreekt, en wat je hun zou willen vragen?

						Hartelijke groet,
						Anja"""),
				new FromParticipant(5, LocalTime.of(12, 40), """
						Hoi Anja,

						Kort berichtje tussendoor: ik heb met twee collega's afgesproken om koffie te drinken en te \
						horen hoe hun werk eruitziet. Volgende week schrijf ik je wat ik gehoord heb.

						Groet,
						Sanne"""),
				new FromCoach(4, LocalTime.of(9, 10), """
						Beste Sanne,

						Wat goed dat je dit zo snel oppakt. Let in die gesprekken ook op wat je energie geeft als je \
						luistert: daar zit vaak het antwoord.

						Ik kijk uit naar je volgende brief.

						Hartelijke groet,
						Anja"""),
				new FromParticipant(1, LocalTime.of(20, 15), """
						Hoi Anja,

						Ik ben bij twee collega's langsgegaan. Marieke is gebiedsregisseur in Noord en is de helft \
						van haar tijd in de wijk. Dat sprak me erg aan. Ze vertelde ook dat er in het voorjaar een \
						vacature komt.

						Tegelijk schrok ik een beetje: kan ik dat wel? Ik heb geen ervaring met conflicten in een \
						wijk. Hoe kijk jij daarnaar?

						Groet,
						Sanne"""));
	}

	/** A trajectory that paused after its first letters (the participant is away for a while). */
	static List<Letter> ahmed() {
		return List.of(
				new FromCoach(21, LocalTime.of(10, 0), DemoLetters.opening("Ahmed Yilmaz", "Anja de Vries")),
				new FromParticipant(20, LocalTime.of(12, 30), """
						Beste Anja,

						Bedankt voor je mail. Mijn functie bij Facilitaire Zaken vervalt per 1 maart. Ik ben 58 en \
						heb altijd bij de gemeente gewerkt. Eerlijk gezegd weet ik niet goed waar ik moet beginnen.

						De komende weken help ik mijn moeder met verhuizen. Kunnen we daarna verder?

						Met vriendelijke groet,
						Ahmed Yilmaz"""),
				new FromCoach(18, LocalTime.of(9, 30), """
						Beste Ahmed,

						Dank je wel voor je openheid. Na zoveel jaar is het heel begrijpelijk dat je niet weet waar \
						je moet beginnen; daar zijn deze weken juist voor.

						Ik zet onze briefwisseling op pauze zolang je je moeder helpt. De weken tellen dan niet mee. \
						Als je terug bent, beginnen we bij wat je de afgelopen jaren het liefst deed.

						Veel sterkte met de verhuizing.

						Hartelijke groet,
						Anja"""));
	}

	/** Another coach's trajectory, halfway: the coach wrote last. */
	static List<Letter> yvonne() {
		return List.of(
				new FromCoach(28, LocalTime.of(9, 15), DemoLetters.opening("Yvonne Smit", "Marco Jansen")),
				new FromParticipant(27, LocalTime.of(19, 0), """
						Hallo Marco,

						Ik ben acht jaar teamleider bij Burgerzaken. Ik doe het graag, maar alles gaat vanzelf. Over \
						zes weken wil ik weten wat mijn volgende uitdaging kan zijn, in of buiten mijn team.

						Mijn laatste echt goede werkdag was toen we het nieuwe afsprakensysteem invoerden: veel \
						gedoe, maar we deden het samen.

						Groet,
						Yvonne"""),
				new FromCoach(24, LocalTime.of(10, 30), """
						Beste Yvonne,

						Dat je werk vanzelf gaat, is een compliment aan jezelf en tegelijk een signaal. Om te zien \
						waar je groeiruimte zit, helpt het te horen hoe anderen je zien.

						Hieronder staat een opdracht voor de komende dagen.

						Hartelijke groet,
						Marco""", "Feedback van drie collega's"),
				new FromParticipant(20, LocalTime.of(21, 0), """
						Hallo Marco,

						Ik heb het aan drie collega's gevraagd. Alle drie noemden ze dat ik rust breng als het \
						hectisch is, en twee zeiden dat ik goed ben in veranderingen uitleggen. Eén collega vond dat \
						ik te weinig laat zien wat ik doe. Daar moest ik even over nadenken.

						Groet,
						Yvonne"""),
				new FromCoach(18, LocalTime.of(9, 45), """
						Beste Yvonne,

						Rust brengen en veranderingen uitleggen: dat zijn precies de kwaliteiten die in \
						verandertrajecten gezocht worden. En de opmerking over zichtbaarheid is het waard om mee \
						te nemen.

						Zou je willen opschrijven bij welk project in de gemeente je graag zou aanschuiven, en wat \
						je daarvoor nodig hebt?

						Hartelijke groet,
						Marco"""),
				new FromParticipant(6, LocalTime.of(20, 40), """
						Hallo Marco,

						Sorry dat het even duurde. Ik heb gekeken naar het programma Dienstverlening 2030. Er zoeken \
						ze een teamleider die de overgang naar digitale afspraken begeleidt. Ik denk dat ik daar \
						vooral toestemming van mijn eigen leidinggevende voor nodig heb.

						Groet,
						Yvonne"""),
				new FromCoach(4, LocalTime.of(10, 0), """
						Beste Yvonne,

						Wat goed dat je zo concreet bent geworden. Hoe zou je het gesprek met je leidinggevende \
						willen openen? Schrijf gerust de eerste zinnen op; dan kijken we er samen naar.

						Hartelijke groet,
						Marco"""));
	}

	/**
	 * A trajectory that ended well, and early: three weeks of letters in which the question was answered;
	 * the closing summary, Eva's reaction and the completion follow them (see {@link #EVA_SUMMARY}).
	 */
	static List<Letter> eva() {
		return List.of(
				new FromCoach(49, LocalTime.of(9, 30), DemoLetters.opening("Eva Visser", "Anja de Vries")),
				new FromParticipant(48, LocalTime.of(20, 0), """
						Hoi Anja,

						Sinds de reorganisatie ben ik coördinator bij Vergunningen. Ik heb het gevoel dat ik de hele \
						dag achter de feiten aanloop: mail, overleg, vragen van collega's. Over zes weken wil ik weer \
						het gevoel hebben dat ik zelf bepaal waar mijn dag naartoe gaat.

						Groet,
						Eva"""),
				new FromCoach(46, LocalTime.of(10, 0), """
						Beste Eva,

						Dank je voor je heldere beschrijving. "Achter de feiten aanlopen" hoor ik vaak na een \
						reorganisatie: het werk is veranderd, de gewoontes nog niet.

						Om te zien waar je grip kunt terugwinnen, helpt het te weten wat je energie geeft en wat je \
						die kost. Hieronder staat een opdracht daarvoor.

						Hartelijke groet,
						Anja""", "Wat geeft je energie, en wat kost je energie?"),
				new FromParticipant(44, LocalTime.of(21, 15), """
						Hoi Anja,

						Mijn lijstje energienemers was veel langer. Bovenaan: de mail die de hele dag binnenkomt en \
						het overleg op maandag dat altijd uitloopt. Energie krijg ik van het inwerken van nieuwe \
						collega's en van een lastige aanvraag die ik samen met iemand oplos.

						Groet,
						Eva"""),
				new FromCoach(42, LocalTime.of(9, 45), """
						Beste Eva,

						Wat goed dat je zo eerlijk hebt gekeken. Je energiegevers gaan allebei over mensen verder \
						helpen. Wat zou er gebeuren als je twee vaste momenten per dag voor je mail neemt, en de rest \
						van de dag niet? Probeer het de komende dagen eens en schrijf me hoe het ging.

						Hartelijke groet,
						Anja"""),
				new FromParticipant(40, LocalTime.of(19, 30), """
						Hoi Anja,

						Het werkte beter dan ik dacht. De eerste dagen was het onwennig, maar niemand heeft geklaagd. \
						Ik heb ook voorgesteld het maandagoverleg korter te maken, met een agenda vooraf. Dat mag ik \
						zelf gaan voorzitten.

						Groet,
						Eva"""),
				new FromCoach(38, LocalTime.of(10, 30), """
						Beste Eva,

						Wat mooi: je hebt niet alleen je eigen dag anders ingericht, je neemt ook de regie over het \
						overleg. Hoe voelt dat? En wat heb je nodig om dit vol te houden als het weer druk wordt?

						Hartelijke groet,
						Anja"""),
				new FromParticipant(35, LocalTime.of(20, 45), """
						Hoi Anja,

						Het voelt goed, alsof ik weer aan het stuur zit. Om het vol te houden wil ik met mijn \
						leidinggevende afspreken dat het inwerken van nieuwe collega's officieel bij mijn taken hoort.

						Groet,
						Eva"""),
				new FromCoach(33, LocalTime.of(9, 20), """
						Beste Eva,

						Als ik je brieven teruglees, heb je je vraag eigenlijk al beantwoord: je bepaalt weer zelf \
						waar je dag naartoe gaat. Zullen we het traject afronden? Dan schrijf ik een samenvatting \
						van wat je ontdekt hebt, waar je op kunt reageren.

						Hartelijke groet,
						Anja"""),
				new FromParticipant(32, LocalTime.of(18, 5), """
						Hoi Anja,

						Ja, dat voelt goed. Ik ben benieuwd naar je samenvatting.

						Groet,
						Eva"""));
	}

	/** The coach's closing summary of Eva's trajectory, and Eva's reaction to it. */
	static final String EVA_SUMMARY = """
			Eva wilde weer zelf bepalen waar haar werkdag naartoe gaat. Ze ontdekte dat mensen verder helpen \
			haar energie geeft, en dat de mail en een uitlopend overleg haar die kosten. Ze werkt nu met twee \
			vaste mailmomenten per dag, zit het maandagoverleg voor en spreekt met haar leidinggevende af dat \
			het inwerken van nieuwe collega's bij haar taken hoort. Volgende stap: dat gesprek voeren en na \
			drie maanden terugkijken of het zo blijft werken.""";

	static final String EVA_REACTION = """
			Dank je wel, Anja. Zo zwart op wit zie ik pas hoeveel er veranderd is. Het gesprek met mijn \
			leidinggevende staat voor volgende week.""";

	/** A trajectory of a few days: the first letters back and forth. */
	static List<Letter> jeroen() {
		return List.of(
				new FromCoach(4, LocalTime.of(9, 0), DemoLetters.opening("Jeroen Mulder", "Fatima El Amrani")),
				new FromParticipant(3, LocalTime.of(7, 45), """
						Goedemorgen Fatima,

						Ik werk bij de buitendienst van Stadsbeheer en wil graag naar binnen: iets met planning of \
						inkoop. Ik weet alleen niet hoe je dat aanpakt zonder diploma in die richting.

						Groet,
						Jeroen""", false),
				new FromCoach(2, LocalTime.of(11, 20), """
						Beste Jeroen,

						Dank je voor je snelle antwoord. Je kent de buitendienst van binnenuit, en dat is voor \
						planning een groot voordeel: je weet wat er op straat gebeurt als een planning niet klopt.

						Kun je een week lang bijhouden welke taken je energie geven en welke niet? Dan zien we \
						samen of planning of inkoop er het best bij past.

						Hartelijke groet,
						Fatima"""));
	}

	/**
	 * Marco's trajectory with Kees, of some months ago: six weeks of letters with a gap for a holiday,
	 * an assignment drawn on paper, and a question that turned out to have an answer inside his own team.
	 */
	static List<Letter> kees() {
		return List.of(
				new FromCoach(98, LocalTime.of(9, 20), DemoLetters.opening("Kees Hendriks", "Marco Jansen")),
				new FromParticipant(97, LocalTime.of(19, 50), """
						Hallo Marco,

						Ik ben 52 en werk twintig jaar als toezichthouder bouw. Ik ken het vak door en door, en \
						misschien is dat juist het probleem: er komt weinig nieuws meer bij. Over zes weken wil ik \
						weten of er voor mij nog een volgende stap is, of dat ik dit werk tot mijn pensioen blijf doen.

						Groet,
						Kees"""),
				new FromCoach(94, LocalTime.of(10, 5), """
						Beste Kees,

						Twintig jaar in één vak is veel ervaring, en het is goed dat je je afvraagt wat je er nog \
						mee wilt. Om te zien welke kant je op kunt, kijken we eerst terug: wat waren de goede \
						periodes, en wat hadden die met elkaar gemeen?

						Hieronder staat een opdracht om je loopbaan op papier te zetten.

						Hartelijke groet,
						Marco""", "De lijn van je loopbaan"),
				new FromParticipant(90, LocalTime.of(21, 10), """
						Hallo Marco,

						Ik heb de lijn getekend. De hoogtepunten waren mijn eerste jaren, toen alles nieuw was, en \
						de twee keer dat ik een nieuwe collega heb ingewerkt. Het dieptepunt was de periode met \
						alleen maar achterstanden. Wat me opviel: bij de goede periodes stond steeds een naam van \
						iemand die ik iets had geleerd.

						Groet,
						Kees"""),
				new FromCoach(84, LocalTime.of(9, 40), """
						Beste Kees,

						Dat is een mooie ontdekking: je goede periodes gaan over kennis doorgeven. Wie in jullie \
						afdeling begeleidt nu de nieuwe toezichthouders? En zou je met die persoon willen praten \
						over hoe dat werk eruitziet?

						Hartelijke groet,
						Marco"""),
				new FromParticipant(80, LocalTime.of(20, 30), """
						Hallo Marco,

						Er is niemand die dat echt doet. Nieuwe collega's lopen een paar weken met iemand mee, en \
						dan moeten ze het zelf uitzoeken. Ik heb het er met mijn teamleider over gehad. Zij zei dat \
						ze al langer zoekt naar iemand die het inwerken wil opzetten.

						Volgende week ben ik met vakantie, dus mijn volgende brief komt wat later.

						Groet,
						Kees"""),
				new FromCoach(73, LocalTime.of(10, 15), """
						Beste Kees,

						Ik hoop dat je een goede vakantie hebt gehad. Je teamleider zoekt iemand, en jij wordt blij \
						van kennis doorgeven: dat komt mooi samen. Wat zou je nodig hebben om het inwerken op te \
						zetten? Denk aan tijd, een opleiding, of iemand om mee te sparren.

						Hartelijke groet,
						Marco"""),
				new FromParticipant(69, LocalTime.of(19, 15), """
						Hallo Marco,

						Ik heb een plan van één kantje geschreven: een inwerkprogramma van drie maanden, met een \
						vast maatje en elke week een leermoment. Ik wil er een dag per week voor krijgen en een \
						cursus praktijkbegeleider volgen. Mijn teamleider neemt het mee naar het MT.

						Groet,
						Kees"""),
				new FromCoach(59, LocalTime.of(9, 30), """
						Beste Kees,

						Je begon met de vraag of er nog een volgende stap was. Nu ligt er een plan van je eigen hand \
						bij het MT. Als je het goed vindt, ronden we het traject af. Ik schrijf een samenvatting \
						van wat je ontdekt hebt, zodat je het zwart op wit hebt.

						Hartelijke groet,
						Marco"""),
				new FromParticipant(56, LocalTime.of(20, 0), """
						Hallo Marco,

						Het MT is akkoord: vanaf volgende maand heb ik een dag per week voor het inwerken. Afronden \
						is goed. Bedankt voor het meedenken.

						Groet,
						Kees"""));
	}

	/** The coach's closing summary of Kees's trajectory; Kees did not react to it. */
	static final String KEES_SUMMARY = """
			Kees vroeg zich af of er na twintig jaar als toezichthouder bouw nog een volgende stap voor hem was. \
			Toen hij zijn loopbaan tekende, zag hij dat zijn beste periodes gingen over kennis doorgeven aan \
			nieuwe collega's. Zijn teamleider zocht al iemand voor het inwerken. Kees schreef een plan voor een \
			inwerkprogramma van drie maanden, en het MT gaf hem er een dag per week voor. Volgende stap: de \
			cursus praktijkbegeleider, en na het eerste half jaar kijken of hij dit werk verder wil uitbouwen.""";
}

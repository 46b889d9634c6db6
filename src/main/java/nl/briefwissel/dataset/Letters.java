package nl.briefwissel.dataset;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Letters that read like the ones in a real programme, in Dutch or English: paragraphs drawn from
 * a coach's and a participant's sentences. Their lengths follow what coaches see, a few hundred
 * to a few thousand characters, because the cost of opening, sealing and rendering a conversation
 * grows with the text, not with the number of rows.
 */
final class Letters {

	private static final List<String> COACH_NL = List.of(
			"Dank je wel voor je eerlijke brief; ik heb hem twee keer gelezen.",
			"Wat me opvalt, is hoe vaak je het woord 'moeten' gebruikt als je over je werk schrijft.",
			"Je beschrijft de vergaderingen over de begroting als iets dat je energie kost, en het inwerken van collega's als iets dat je energie geeft.",
			"Wil je deze week bijhouden op welke momenten je het gevoel hebt dat je er echt toe doet?",
			"Het hoeft geen lang verslag te zijn: een paar woorden per dag is genoeg.",
			"Ik ben benieuwd wat er gebeurt als je die vraag aan een collega stelt die je vertrouwt.",
			"Soms helpt het om een stap terug te doen en te kijken naar wat er de afgelopen jaren steeds terugkwam.",
			"Je schreef dat je twijfelt of het aan de functie ligt of aan jezelf; misschien is het allebei een beetje.",
			"Neem gerust de tijd voor de opdracht hieronder, er is geen goed of fout antwoord.",
			"Wat zou je doen als je wist dat het niet mis kon gaan?",
			"Ik hoor in je brief ook trots, al schrijf je het er niet zo bij.",
			"Probeer eens drie momenten op te schrijven waarop je werk als vanzelf ging.",
			"Het gesprek met je leidinggevende lijkt me een goede volgende stap, en je hoeft niet alles al te weten.",
			"Je bent in een paar weken al een eind gekomen: van een vaag gevoel naar een heldere vraag.",
			"Mag ik je iets vragen over de periode waarin je overstapte naar je huidige team?",
			"Wat heb je toen gedaan dat je nu weer zou kunnen doen?");

	private static final List<String> PARTICIPANT_NL = List.of(
			"Ik heb deze week bijgehouden wanneer ik energie kreeg, en dat was best confronterend.",
			"Vooral op de dagen dat ik een nieuwe collega inwerkte ging het goed.",
			"De vergaderingen over de begroting kostten juist veel; ik merk dat ik daar steeds tegenop zie.",
			"Wat ik me afvraag: is dat iets van deze functie, of van mij?",
			"Ik heb het gesprek met mijn leidinggevende gehad en het viel me mee.",
			"Ze vroeg wat ik zelf zou willen, en daar had ik eerlijk gezegd nog geen antwoord op.",
			"Na twintig jaar in de zorg merk ik dat ik iets anders wil, maar ik weet nog niet wat.",
			"Thuis vinden ze dat ik het moet laten rusten, maar dat lukt me niet.",
			"Bij de opdracht van vorige week heb ik drie momenten opgeschreven; twee hadden met lesgeven te maken.",
			"Het schrijven zelf helpt me trouwens ook: ik lees het 's avonds terug en zie dan pas wat ik bedoel.",
			"Ik heb een vacature gezien bij een opleidingscentrum en overweeg te reageren.",
			"Mijn collega zei dat ik vaak de rust bewaar als het druk is, dat had ik zelf nooit zo gezien.",
			"Deze week was zwaar door een reorganisatie, dus ik heb minder tijd gehad dan ik wilde.",
			"Ik merk dat ik bang ben om mijn zekerheid op te geven.",
			"Misschien is een kleinere stap binnen de organisatie een begin.",
			"Dank voor je vraag over mijn overstap toen; ik had daar lang niet meer aan gedacht.");

	private static final List<String> COACH_EN = List.of(
			"Thank you for your honest letter; I read it twice.",
			"What strikes me is how often you use the word 'should' when you write about your work.",
			"You describe the budget meetings as draining and training new colleagues as energising.",
			"Would you keep a short note this week of the moments you feel you really matter?",
			"It does not need to be long: a few words a day are enough.",
			"I wonder what would happen if you asked that question to a colleague you trust.",
			"Sometimes it helps to step back and look at what kept returning over the past years.",
			"You wrote that you are not sure whether it is the role or you; perhaps it is a little of both.",
			"Take your time for the assignment below; there is no right or wrong answer.",
			"What would you do if you knew it could not go wrong?",
			"I also hear pride in your letter, even if you do not write it down as such.",
			"Could you write down three moments when your work seemed to flow by itself?");

	private static final List<String> PARTICIPANT_EN = List.of(
			"This week I kept track of when I gained energy, and it was quite revealing.",
			"The days I was training a new colleague went well.",
			"The budget meetings took a lot out of me; I notice I dread them more and more.",
			"What I keep wondering: is that this role, or is it me?",
			"I had the conversation with my manager and it went better than I feared.",
			"She asked what I would want myself, and honestly I had no answer yet.",
			"After fifteen years in logistics I want something different, but I do not know what yet.",
			"Writing things down helps me too: I read it back in the evening and only then see what I mean.",
			"I saw a vacancy at a training centre and am thinking of applying.",
			"This week was hard because of a reorganisation, so I had less time than I wanted.",
			"I notice I am afraid to give up my security.",
			"Maybe a smaller step within the organisation is a start.");

	private Letters() {
	}

	/** A letter of about {@code length} characters, greeting and closing included. */
	static String letter(boolean fromCoach, boolean dutch, String to, String from, int length, RandomGenerator random) {
		List<String> sentences = dutch ? (fromCoach ? COACH_NL : PARTICIPANT_NL) : (fromCoach ? COACH_EN : PARTICIPANT_EN);
		StringBuilder text = new StringBuilder(length + 200);
		text.append(dutch ? (fromCoach ? "Beste " : "Hoi ") : (fromCoach ? "Dear " : "Hi ")).append(to).append(",\n\n");
		int inParagraph = 0;
		while (text.length() < length) {
			text.append(sentences.get(random.nextInt(sentences.size())));
			if (++inParagraph >= 3 + random.nextInt(3)) {
				text.append("\n\n");
				inParagraph = 0;
			}
			else {
				text.append(' ');
			}
		}
		text.append("\n\n").append(dutch ? (fromCoach ? "Hartelijke groet," : "Groet,") : "Kind regards,").append('\n').append(from);
		return text.toString();
	}

	/** Lengths as in the pilot: most letters around a thousand characters, some short, a few long. */
	static int length(RandomGenerator random) {
		double gaussian = random.nextGaussian();
		return (int) Math.max(250, Math.min(4000, Math.exp(7.0 + 0.55 * gaussian)));
	}

	static String note(boolean dutch, RandomGenerator random) {
		return dutch ? "Let op: vraag volgende keer door op het gesprek met de leidinggevende. Energie zit bij lesgeven."
				: "Next time ask about the conversation with the manager. Energy lies in teaching.";
	}

	static String summary(boolean dutch, String participant, RandomGenerator random) {
		return dutch ? participant + " begon met de vraag of het aan de functie lag of aan haarzelf. In de brieven werd"
				+ " duidelijk dat lesgeven en inwerken energie geven en dat de vergaderingen over de begroting energie kosten."
				+ " Het gesprek met de leidinggevende leidde tot een proefperiode als opleidingscoördinator. Wat blijft:"
				+ " wekelijks opschrijven wat energie gaf, en over drie maanden opnieuw kijken."
				: participant + " started with the question whether it was the role or themselves. The letters showed that"
						+ " teaching and training colleagues give energy and that budget meetings drain it. The conversation"
						+ " with the manager led to a trial period as training coordinator. What remains: write down every"
						+ " week what gave energy, and look again in three months.";
	}
}

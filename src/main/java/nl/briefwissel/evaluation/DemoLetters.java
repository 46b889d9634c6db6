package nl.briefwissel.evaluation;

/** The demo coaches' opening letters: how an e-coach in the pilot would start. */
final class DemoLetters {

	private DemoLetters() {
	}

	static String opening(String participant, String coach) {
		String firstName = participant.split(" ")[0];
		String coachFirstName = coach.split(" ")[0];
		return """
				Beste %s,

				Wat fijn dat je meedoet met e-coaching. De komende weken schrijven we elkaar twee keer per week. \
				Je hoeft niets te installeren: je antwoordt gewoon op deze mail, wanneer het jou uitkomt.

				Om te beginnen ben ik benieuwd naar je vraag in je eigen woorden. Wat wil je over zes weken \
				weten of besloten hebben? En wanneer was je voor het laatst echt tevreden over een werkdag?

				Neem er gerust de tijd voor. Er zijn geen goede of foute antwoorden.

				Hartelijke groet,
				%s""".formatted(firstName, coachFirstName);
	}

	/** The question a demo participant wrote at intake, in their own words. */
	static String question(String theme) {
		return switch (theme) {
			case "RETRAINING" -> "Ik werk al twaalf jaar bij de afdeling Belastingen en merk dat ik iets anders wil. "
					+ "Ik denk aan het onderwijs, maar weet niet of omscholen op mijn leeftijd verstandig is.";
			case "NOT_SURE" -> "Mijn leidinggevende raadde e-coaching aan. Ik weet eigenlijk niet goed of ik iets wil "
					+ "veranderen, maar ik merk dat ik minder plezier heb in mijn werk dan vroeger.";
			case "GROWTH" -> "Ik doe mijn werk graag, maar zie weinig nieuwe uitdagingen. Hoe blijf ik mezelf ontwikkelen?";
			case "MOVE_WITHIN" -> "Ik wil graag naar een andere afdeling binnen de gemeente. Hoe pak ik dat aan?";
			case "SURPLUS" -> "Mijn functie verdwijnt na de reorganisatie. Ik wil weten welke kant ik op kan.";
			case "GRIP" -> "Sinds mijn functie is veranderd heb ik het gevoel dat ik achter de feiten aanloop.";
			default -> "Ik wil een volgende stap zetten die past bij wat ik goed kan, maar weet niet goed welke.";
		};
	}
}

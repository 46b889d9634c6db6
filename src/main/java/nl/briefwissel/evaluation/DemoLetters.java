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
}

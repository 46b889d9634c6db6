package nl.briefwissel.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A review found the mails greeting „Beste J.,” for J. de Vries, „Beste de,” for de Vries and „Beste Mw.,” for
 * Mw. Jansen, and a coach's mail asking whether „van” had a new question. A first word that is no first name gives
 * the whole name instead; a name never gives an empty or spaced first name.
 */
class FirstNamesTests {

	@Test
	void aNameGivesItsFirstWord() {
		assertThat(Account.firstNameOf("Sanne Bakker")).isEqualTo("Sanne");
		assertThat(Account.firstNameOf("Anja de Vries")).isEqualTo("Anja");
		assertThat(Account.firstNameOf("Sanne")).isEqualTo("Sanne");
	}

	@Test
	void anInitialGivesTheWholeName() {
		assertThat(Account.firstNameOf("J. de Vries")).isEqualTo("J. de Vries");
		assertThat(Account.firstNameOf("J de Vries")).isEqualTo("J de Vries");
		assertThat(Account.firstNameOf("A.B. Jansen")).isEqualTo("A.B. Jansen");
	}

	@Test
	void aTitleOrSalutationGivesTheWholeName() {
		for (String name : new String[] { "Mw. Jansen", "mevr. Jansen", "Dhr. Bakker", "Mr. Visser", "Drs. Smit",
				"ir. Mulder", "Dr. Bos", "Prof. de Boer", "Mr Smith", "Mrs Smith", "Ms Smith", "Dr Jones", "Mevrouw Jansen",
				"Meneer Bakker" }) {
			assertThat(Account.firstNameOf(name)).as(name).isEqualTo(name);
		}
	}

	@Test
	void aNameBeginningWithAnInfixGivesTheWholeName() {
		assertThat(Account.firstNameOf("de Vries")).isEqualTo("de Vries");
		assertThat(Account.firstNameOf("van Dijk")).isEqualTo("van Dijk");
		assertThat(Account.firstNameOf("ter Horst")).isEqualTo("ter Horst");
		assertThat(Account.firstNameOf("'t Hart")).isEqualTo("'t Hart");
		assertThat(Account.firstNameOf("’t Hart")).isEqualTo("’t Hart");
	}

	/**
	 * A surname on its own is written with a capital infix (Van Dijk, De Vries, Ten Brink), and a salutation may
	 * begin with one (De heer Jansen): „Beste Van,” and „Beste De,” are what this rule is for.
	 */
	@Test
	void aNameBeginningWithACapitalInfixGivesTheWholeName() {
		for (String name : new String[] { "Van Dijk", "De Vries", "Ten Brink", "Ter Horst", "Van der Berg", "Den Hartog",
				"De heer Jansen", "Het Lam", "Op den Akker" }) {
			assertThat(Account.firstNameOf(name)).as(name).isEqualTo(name);
		}
	}

	/** A mail's sender names itself „Jansen, Jan” in Outlook's way: „Beste Jansen,,” read as a slip. */
	@Test
	void aSurnameFirstWithACommaGivesTheWholeName() {
		assertThat(Account.firstNameOf("Jansen, Jan")).isEqualTo("Jansen, Jan");
	}

	/** An Ö typed as an O and its two dots is one letter, as it reads: an initial, not a first name. */
	@Test
	void aLetterWithItsMarkApartCountsAsOneLetter() {
		assertThat(Account.firstNameOf("O\u0308 Jansen")).isEqualTo("\u00d6 Jansen");
		assertThat(Account.firstNameOf("Zoe\u0308 Bakker")).isEqualTo("Zo\u00eb");
	}

	@Test
	void spacesAreTrimmedAndCollapsed() {
		assertThat(Account.firstNameOf("  Sanne   Bakker ")).isEqualTo("Sanne");
		assertThat(Account.firstNameOf(" van   Dijk ")).isEqualTo("van Dijk");
		assertThat(Account.firstNameOf("Sanne\u00a0Bakker")).isEqualTo("Sanne");
		assertThat(Account.firstNameOf("\tSanne\nBakker")).isEqualTo("Sanne");
	}

	@Test
	void noNameGivesAnEmptyOneNeverASpace() {
		assertThat(Account.firstNameOf(null)).isEmpty();
		assertThat(Account.firstNameOf("")).isEmpty();
		assertThat(Account.firstNameOf("   ")).isEmpty();
	}

	/**
	 * A coach's page said „van Dijk leest Briefwissel in het Engels.”: a sentence begins with a capital, also when it
	 * begins with a name whose first word is an infix (decision 0143, amended). Inside a sentence the name stays as
	 * written.
	 */
	@Test
	void aSentenceThatBeginsWithANameBeginsWithACapital() {
		assertThat(Account.sentencesCapitalised("van Dijk heeft gereageerd. Beste van Dijk, wil van Dijk verder? van Dijk weet het.",
				"van Dijk")).isEqualTo("Van Dijk heeft gereageerd. Beste van Dijk, wil van Dijk verder? Van Dijk weet het.");
		assertThat(Account.sentencesCapitalised("Hallo,\n\nde Vries schreef.", "de Vries")).isEqualTo("Hallo,\n\nDe Vries schreef.");
		assertThat(Account.sentencesCapitalised("\u2068van Dijk\u2069 leest mee.", "van Dijk")).isEqualTo("\u2068Van Dijk\u2069 leest mee.");
		assertThat(Account.sentencesCapitalised("ijzerman belde.", "ijzerman")).isEqualTo("IJzerman belde.");
		assertThat(Account.sentencesCapitalised("'t Hart belde.", "'t Hart")).isEqualTo("'t Hart belde.");
		assertThat(Account.sentencesCapitalised("Opgeslagen: van Dijk is niet gecertificeerd.", "van Dijk"))
			.as("after a colon a Dutch sentence goes on in lower case").isEqualTo("Opgeslagen: van Dijk is niet gecertificeerd.");
		assertThat(Account.sentencesCapitalised("Sanne Bakker schreef.", "Sanne Bakker", 3, null)).isEqualTo("Sanne Bakker schreef.");
		assertThat(Account.sentencesCapitalised("sanne@example.nl is al uitgenodigd.", "sanne@example.nl"))
			.isEqualTo("sanne@example.nl is al uitgenodigd.");
		assertThat(Account.sentencesCapitalised(null, "van Dijk")).isNull();
	}

	/**
	 * A name is capitalised only where it stands as a word: „Zie www.x.nl. jan.pdf is te groot” with the name jan
	 * read „Jan.pdf”. The start of a longer word, a file, an address or a path is no name.
	 */
	@Test
	void aNameIsCapitalisedOnlyWhereItEndsAsAWord() {
		assertThat(Account.sentencesCapitalised("Zie www.x.nl. jan.pdf is te groot.", "jan"))
			.isEqualTo("Zie www.x.nl. jan.pdf is te groot.");
		assertThat(Account.sentencesCapitalised("Klaar. janssen belde.", "jan")).isEqualTo("Klaar. janssen belde.");
		assertThat(Account.sentencesCapitalised("Klaar. jan2 belde.", "jan")).isEqualTo("Klaar. jan2 belde.");
		assertThat(Account.sentencesCapitalised("Klaar. jan@example.nl belde.", "jan")).isEqualTo("Klaar. jan@example.nl belde.");
		assertThat(Account.sentencesCapitalised("Klaar. jan/mappen staat klaar.", "jan")).isEqualTo("Klaar. jan/mappen staat klaar.");
		assertThat(Account.sentencesCapitalised("Klaar. jan'tje belde.", "jan")).isEqualTo("Klaar. jan'tje belde.");
		assertThat(Account.sentencesCapitalised("Klaar. jan, die belde.", "jan")).isEqualTo("Klaar. Jan, die belde.");
		assertThat(Account.sentencesCapitalised("Klaar.\n\njan.", "jan")).as("a full stop that ends the sentence ends the name")
			.isEqualTo("Klaar.\n\nJan.");
	}

	/** d'Hondt, an English sentence, a quotation ended before the name, and a non-breaking space after the full stop. */
	@Test
	void aNameAtASentencesStartInEveryForm() {
		assertThat(Account.sentencesCapitalised("Gelezen. d'Hondt schreef terug.", "d'Hondt")).isEqualTo("Gelezen. D'Hondt schreef terug.");
		assertThat(Account.sentencesCapitalised("Beste d'Hondt, fijn.", "d'Hondt")).isEqualTo("Beste d'Hondt, fijn.");
		assertThat(Account.sentencesCapitalised("Your e-coach van Dijk wrote. van Dijk is with you. Read it!", "van Dijk"))
			.isEqualTo("Your e-coach van Dijk wrote. Van Dijk is with you. Read it!");
		assertThat(Account.sentencesCapitalised("Ze schreef „Klaar.” van Dijk las het.", "van Dijk"))
			.isEqualTo("Ze schreef „Klaar.” Van Dijk las het.");
		assertThat(Account.sentencesCapitalised("Klaar.\u00a0van Dijk las het.", "van Dijk")).isEqualTo("Klaar.\u00a0Van Dijk las het.");
	}
}

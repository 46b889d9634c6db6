package nl.briefwissel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in a coach's letter looks like a place a template left to fill in, written in square brackets:
 * [Vul hier de volgende stap in] or Beste [naam] went out unnoticed. Unlike a placeholder in braces
 * (nl.briefwissel.Placeholders) this is not refused: coaches write brackets meaning them (feedback that
 * quotes Geachte [naam contactpersoon], an example letter to adapt), so the letter is held once with a
 * warning the coach can pass (decision 0114). Narrow on purpose, or the warning becomes noise: a fill-in
 * instruction, one word that is a placeholder of our own welcome template (or a date), a placeholder word
 * followed by what it is of ([naam collega], [datum gesprek]), a name or value word in capitals ([COACH NAME]), or
 * a template's line for the text still to be written ([Your text here], [Typ hier je tekst]).
 * In the root package, as {@link Placeholders}: the
 * writing help names what sending holds, and the conversation module, which sends, depends on it.
 */
public final class BracketedPlaceholders {

	/**
	 * Square brackets on one line. Not a Markdown link ([NPO Start](https://…) in the library): its text is
	 * meant to be read. Only one an opening parenthesis follows: skipping one a bracket follows or stands
	 * after too ([tekst][1]) let both halves of "[naam][datum]" go.
	 */
	private static final Pattern IN_BRACKETS = Pattern.compile("\\[([^\\[\\]\\n]{1,80})](?!\\()");

	/**
	 * The first word of an instruction to fill in, followed by what: Vul hier … in, Voeg … toe, Fill in …. The
	 * verb alone ([Vul aan], [Voeg toe], [Fill in]) is the name of a button a coach explaining werk.nl or
	 * LinkedIn writes so: it needs an object, or hier / here.
	 */
	private static final Set<String> FILL_IN = Set.of("vul", "voeg", "fill", "insert", "enter");

	/** What goes with a fill-in verb and names nothing to fill in. */
	private static final Set<String> PARTICLES = Set.of("in", "aan", "toe", "out", "up");

	/**
	 * The phrases that say something is to be filled in, wherever they stand: [datum invullen], [naam invoegen].
	 * Only invullen is one alone: [Invoegen] is a tab of Word, [Aanvullen] a button.
	 */
	private static final Pattern TO_FILL_IN = Pattern
		.compile("(^|\\s)(invullen|in te vullen|invoegen|in te voegen|aanvullen|aan te vullen)(\\s|$)");

	/**
	 * A date or time to write in the form it asks: [DD-MM-JJJJ], [dd/mm/yyyy], [uu:mm]; or a mask of three or more
	 * x ([XXX]), what a template puts where anything goes. Not [X] or [XX]: a checkbox ticked, a numeral.
	 */
	private static final Pattern MASK = Pattern
		.compile("((dd|mm|jj|jjjj|yy|yyyy)([-/.](dd|mm|jj|jjjj|yy|yyyy)){1,2})|((hh|uu):mm)|x{3,}");

	/** Words for a name, of the participant or anyone. */
	private static final Set<String> NAME = Set.of("naam", "voornaam", "achternaam", "name", "firstname", "lastname");

	/**
	 * What may stand beside a name word for the name to be the letter's own: the participant's or the
	 * reader's ([Naam deelnemer], [jouw naam], [your name], [first name]), found even in quotation marks.
	 * Anyone else's name ([naam collega], [naam contactpersoon]) is found by {@link #PLACEHOLDER_WORDS}, but
	 * not where the coach quotes it from a participant's application letter to comment on it (decision 0114).
	 */
	private static final Set<String> OWN_NAME = Set.of("deelnemer", "deelneemster", "cliënt", "client", "kandidaat",
			"participant", "candidate", "jouw", "je", "uw", "your", "volledige", "full", "first", "last", "van", "de",
			"het", "of", "the");

	/**
	 * The welcome template's placeholders as bare words (naam, weken, per_week, …), in either language, a date and
	 * a time, which templates written elsewhere leave most after a name, and the parts of a name. Not start and
	 * coach: [Start] is a button of Windows and of many a site, [Coach] one of werk.nl's pages, as [Enter] is a key.
	 * Written out, not read from conversation.Welcome: that module depends on this one. A test reads every
	 * placeholder Welcome knows in brackets, so one added there and not here fails it.
	 */
	private static final Set<String> ONE_WORD = Set.of("datum", "date", "tijd", "time", "voornaam", "achternaam",
			"firstname", "lastname", "invullen", "naam", "name", "weken", "weeks", "per_week", "antwoorden",
			"how_to_answer");

	/**
	 * The first word of a placeholder that says what it is of, in Dutch and English: [naam collega], [naam
	 * leidinggevende], [datum gesprek], [Name of your manager]. Templates written elsewhere leave these after a
	 * greeting, and a coach who fixed the one-word ones sent the rest (decision 0114, 2026-12-06). Words a
	 * sentence in brackets rarely starts with; not vacature, doel or stap, which a coach's own aside does.
	 */
	private static final Set<String> PLACEHOLDER_WORDS = Set.of("naam", "voornaam", "achternaam", "roepnaam",
			"name", "firstname", "lastname", "surname", "datum", "date", "tijd", "tijdstip", "time", "dag", "day",
			"plaats", "place", "locatie", "location", "adres", "address", "postcode", "woonplaats", "telefoon",
			"telefoonnummer", "telefoonnr", "tel", "phone", "telephone", "e-mail", "email", "e-mailadres", "mailadres",
			"organisatie", "organisation", "organization", "bedrijf", "bedrijfsnaam", "company", "werkgever",
			"employer", "functie", "functietitel", "afdeling", "department", "leidinggevende", "manager", "collega",
			"colleague", "contactpersoon", "handtekening", "signature");

	/**
	 * Words that say for or with whom, after a placeholder word: [Tijd voor jezelf], [Time for yourself], [Tijd met
	 * elkaar] is a heading. Not van or of: those say what the placeholder is of ([naam van de deelnemer], [Name of
	 * your manager]).
	 */
	private static final Set<String> FOR_WHOM = Set.of("voor", "met", "bij", "zonder", "for", "with", "without");

	/**
	 * The people such a heading is for or with, a pronoun only: a placeholder names what it is of, a noun ([tijd
	 * afspraak], [tijd met je coach]), never only a pronoun. En and and join two ([Tijd voor jou en mij]).
	 */
	private static final Set<String> PRONOUNS = Set.of("mij", "me", "mezelf", "mijzelf", "jou", "je", "jezelf",
			"jouzelf", "u", "uzelf", "hem", "hemzelf", "haar", "haarzelf", "zichzelf", "ons", "onszelf", "jullie",
			"julliezelf", "hen", "hun", "elkaar", "iedereen", "myself", "you", "yourself", "yourselves", "him", "himself",
			"her", "herself", "us", "ourselves", "them", "themselves", "each", "other", "one", "another", "everyone",
			"en", "and");

	/**
	 * What after such a word makes the brackets a button's name, as a coach explaining LinkedIn or werk.nl
	 * writes one: [Functie toevoegen], [Naam wijzigen], [Date edit]. Invoegen and invullen are not among them:
	 * those ask the writer to fill in.
	 */
	private static final Set<String> BUTTON_VERBS = Set.of("toevoegen", "wijzigen", "bewerken", "kiezen", "selecteren",
			"zoeken", "opslaan", "verwijderen", "aanpassen", "bekijken", "tonen", "versturen", "verzenden", "delen", "volgen",
			"bevestigen", "uploaden", "add", "edit", "change", "choose", "select", "search", "save", "delete", "remove",
			"view", "show", "send", "share", "follow", "confirm", "upload");

	private BracketedPlaceholders() {
	}

	/** Every one in the letter, as written, each once, in the order written: all are named at once. */
	public static List<String> in(String letter) {
		LinkedHashSet<String> placeholders = new LinkedHashSet<>();
		for (Placed placed : placed(letter)) {
			placeholders.add(placed.bracketed());
		}
		return List.copyOf(placeholders);
	}

	/**
	 * Every place one stands in the letter, in the order written: the writing help marks each where it stands,
	 * read by the same rule as sending, so that what the one names the other names too.
	 */
	public static List<Placed> placed(String letter) {
		String text = letter == null ? "" : letter;
		Matcher found = IN_BRACKETS.matcher(text);
		List<Placed> places = new ArrayList<>();
		Quotations quoted = null;
		while (found.find()) {
			int start = found.start();
			int end = found.end();
			String content = cleaned(found.group(1));
			if (leftToFillIn(content)) {
				places.add(new Placed(found.group(), start, end));
			}
			else if (placeholderOfWhat(content) && !heading(text, found.group(1), start, end, content)
					|| inCapitals(found.group(1), content)) {
				// Not where the coach quotes it from a participant's letter. The quotes are read only for a letter
				// that has such a bracket: most have none.
				quoted = quoted == null ? Quotations.in(text) : quoted;
				if (!quoted.hold(start, end)) {
					places.add(new Placed(found.group(), start, end));
				}
			}
		}
		return List.copyOf(places);
	}

	/** A bracketed placeholder and where it stands: from {@code start} up to, not including, {@code end}. */
	public record Placed(String bracketed, int start, int end) {
	}

	/**
	 * A placeholder word followed by what it is of ([naam collega], [Name of your manager]), not a button's
	 * name ([Functie toevoegen]).
	 */
	private static boolean placeholderOfWhat(String content) {
		String[] words = content.isEmpty() ? new String[0] : content.split("\\s+");
		return words.length > 1 && PLACEHOLDER_WORDS.contains(words[0]) && !BUTTON_VERBS.contains(words[words.length - 1])
				&& Arrays.stream(words).skip(1).noneMatch(BracketedPlaceholders::filledIn) && !forWhom(words);
	}

	/**
	 * Brackets in capitals of two or three words: a name or value word first or last, the others only whose it is
	 * ({@link #OWNER_WORDS}): [COACH NAME], [YOUR NAME], [COACH: NAAM], [NAAM COACH]. Templates write their placeholders
	 * so; [NAAM COACH] was found and [COACH NAME] not (review, 2026-12-07). A heading or a sentence in capitals is not
	 * found: [SAVE THE DATE], [BELANGRIJK: DATUM GEWIJZIGD], [MIJN NAAM IS HAAS] (second review, 2026-12-07). Not one
	 * word alone: an acronym ([OK], [PDF], [CV], [TEL]) names no place to fill in. Not a button's name ([NAME EDIT]) and
	 * not filled in ([TEL 085-1234567]). A {@link #HERE} at the end is left out before the words are read:
	 * [YOUR NAME HERE] is [YOUR NAME] (session 47).
	 */
	private static boolean inCapitals(String between, String content) {
		String[] written = Arrays.stream(content.split("\\s+")).map(word -> word.replaceAll("\\p{Punct}+$", ""))
			.toArray(String[]::new);
		if (written.length < 2 || between.chars().noneMatch(Character::isLetter)
				|| between.chars().anyMatch(Character::isLowerCase)) {
			return false;
		}
		String[] words = withoutHere(written);
		if (words.length > 3) {
			return false;
		}
		int value = valueWord(words[0]) ? 0 : valueWord(words[words.length - 1]) ? words.length - 1 : -1;
		if (value < 0) {
			return false;
		}
		for (int i = 0; i < words.length; i++) {
			if (i != value && !OWNER_WORDS.contains(words[i])) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The words that say where a placeholder goes, after it: [YOUR NAME HERE], [JOUW NAAM HIER], [YOUR NAME GOES HERE],
	 * [JOUW NAAM KOMT HIER]. Templates write them so; the value word then stood neither first nor last and the
	 * placeholder went unwarned (decision 0114, session 47).
	 */
	private static final Set<String> HERE = Set.of("here", "hier");

	/** What may stand before {@link #HERE}: goes, komt. */
	private static final Set<String> GOES = Set.of("goes", "komt");

	/**
	 * The words without a {@link #HERE} at the end (and a {@link #GOES} before it), as long as a word is left: what is
	 * left is read as the placeholder. Alone ([HIER], [Klik hier]) it says nothing is to be filled in.
	 */
	private static String[] withoutHere(String[] words) {
		int end = words.length;
		if (end > 1 && HERE.contains(words[end - 1])) {
			end--;
			if (end > 1 && GOES.contains(words[end - 1])) {
				end--;
			}
		}
		return Arrays.copyOf(words, end);
	}

	private static boolean valueWord(String word) {
		return VALUE_WORDS.contains(word) || NAME.contains(word);
	}

	/**
	 * Whose value a placeholder in capitals names, the only words beside its value word: [COACH NAME], [YOUR NAME],
	 * [MIJN NAAM], [ORGANISATIE ADRES]. A label before a colon, a determiner or a verb makes it a heading or a
	 * sentence: [UPDATE: NIEUWE DATUM], [LET OP DE DATUM], [OVER MIJN NAAM] (review, 2026-12-07).
	 */
	private static final Set<String> OWNER_WORDS = Set.of("coach", "deelnemer", "deelneemster", "participant",
			"cliënt", "client", "kandidaat", "candidate", "mentor", "begeleider", "collega", "colleague", "manager",
			"leidinggevende", "werkgever", "employer", "organisatie", "organisation", "organization", "bedrijf",
			"company", "contact", "contactpersoon", "your", "jouw", "je", "uw", "my", "mijn", "full", "volledige", "first",
			"last");

	/**
	 * A heading that says for or with whom the placeholder word is: [Tijd voor jezelf], [Time for yourself]. It was
	 * warned about as [tijd afspraak] is, and names no one's time to look up: a preposition of {@link #FOR_WHOM} and
	 * only pronouns after it (decision 0114, 2026-12-07).
	 */
	private static boolean forWhom(String[] words) {
		return words.length > 2 && FOR_WHOM.contains(words[1])
				&& Arrays.stream(words).skip(2).allMatch(PRONOUNS::contains);
	}

	/**
	 * The first words of a phrase a heading names its part with, after the placeholder word: [Tijd om te
	 * reflecteren], [Time to reflect], [Tijd voor actie]. Not van or of: those say whose the placeholder is ([Naam
	 * van je coach], [Name of your manager]).
	 */
	private static final Set<String> PHRASE = Set.of("om", "to", "voor", "met", "bij", "zonder", "for", "with", "without");

	/**
	 * Placeholder words that only ever name a value to look up: a name, a date, an address, a number, a signature.
	 * A heading is about something (tijd, dag, plaats, functie, collega) and never starts with one of these, so
	 * [datum voor het gesprek] on a line of its own is still left to fill in.
	 */
	private static final Set<String> VALUE_WORDS = Set.of("naam", "voornaam", "achternaam", "roepnaam", "name",
			"firstname", "lastname", "surname", "datum", "date", "tijdstip", "adres", "address", "postcode", "woonplaats",
			"telefoon", "telefoonnummer", "telefoonnr", "tel", "phone", "telephone", "e-mail", "email", "e-mailadres",
			"mailadres", "bedrijfsnaam", "functietitel", "handtekening", "signature", "contactpersoon");

	/** The prepositions after which a particular one ({@link #PARTICULAR}) makes the brackets a placeholder. */
	private static final Set<String> FOR_THE = Set.of("voor", "met", "for", "with");

	/**
	 * Determiners and possessives that name a particular one: [Tijd voor het gesprek], [Place for the interview],
	 * [tijd met je coach] ask for that meeting's time or place, as [datum voor het gesprek] does, and went unwarned
	 * as headings. A heading names a kind ([Tijd voor actie]) or whom it is for ([Tijd voor jezelf]). Not een, a or
	 * an: [Time for a break] names a kind (decision 0114, review of 2026-12-07).
	 */
	private static final Set<String> PARTICULAR = Set.of("de", "het", "je", "jouw", "uw", "mijn", "ons", "onze",
			"hun", "zijn", "haar", "deze", "dit", "die", "dat", "the", "your", "our", "my", "his", "her", "their", "this",
			"that", "these", "those");

	/**
	 * The meetings and the people met that make a particular one ({@link #PARTICULAR}) a placeholder: [Tijd voor het
	 * gesprek], [tijd met je coach]. Any other noun makes a heading: [Tijd voor de afsluiting], [Time for the next
	 * step] (review, 2026-12-07).
	 */
	private static final Set<String> MEETING = Set.of("gesprek", "afspraak", "sessie", "bijeenkomst", "overleg",
			"telefoongesprek", "belafspraak", "videogesprek", "intake", "intakegesprek", "coachgesprek", "evaluatie",
			"evaluatiegesprek", "kennismaking", "kennismakingsgesprek", "coach", "mentor", "begeleider", "manager",
			"leidinggevende", "meeting", "interview", "call", "appointment", "session", "conversation");

	/** Words that hold a place to fill in wherever they stand in brackets; a heading has none of them. */
	private static final Pattern FILL_IN_MARK = Pattern.compile("x{2,}|\\.{2,}|…|_{2,}");

	/** The most words a heading in brackets has: a short phrase, not a sentence. */
	private static final int HEADING_WORDS = 8;

	/**
	 * A heading in brackets, the part of the letter it opens ([Tijd om te reflecteren], [Time to reflect], [Tijd voor
	 * actie]): a line of its own, a phrase of three to {@value #HEADING_WORDS} words whose first word is a
	 * placeholder word that is about something, not a value to look up ({@link #VALUE_WORDS}), whose second opens a
	 * phrase ({@link #PHRASE}) but not voor, met, for or with before a particular meeting or person met ({@link
	 * #PARTICULAR}, {@link #MEETING}), and of
	 * which no later word is a placeholder word or marks a place to fill in (xxx, dots). Inside a sentence ("bel op [tijd om te bellen]") the same words are left to fill in; on a line of its own
	 * a placeholder is a name, a date or a label of two words ([naam], [NAAM COACH], [datum gesprek]), all still
	 * found (decision 0114, 2026-12-07).
	 */
	private static boolean heading(String text, String between, int start, int end, String content) {
		String[] words = content.split("\\s+");
		// Dots at the end ([Time to call: ...]) are taken off the words read, and mark a place to fill in all the same.
		if (FILL_IN_MARK.matcher(between.toLowerCase(Locale.ROOT)).find() || words.length < 3 || words.length > HEADING_WORDS || VALUE_WORDS.contains(words[0])
				|| !PHRASE.contains(words[1]) || FOR_THE.contains(words[1]) && PARTICULAR.contains(words[2])
				&& Arrays.stream(words).skip(3).anyMatch(MEETING::contains)) {
			return false;
		}
		for (int i = 1; i < words.length; i++) {
			if (PLACEHOLDER_WORDS.contains(words[i]) || ONE_WORD.contains(words[i]) || FILL_IN.contains(words[i])
					|| MASK.matcher(words[i]).find()) {
				return false;
			}
		}
		int lineStart = text.lastIndexOf('\n', start - 1) + 1;
		int lineEnd = text.indexOf('\n', end);
		// Markdown's marks of a heading or bold text around it ("## [Tijd om te reflecteren]") leave it on its own line.
		return onlyMarks(text, lineStart, start) && onlyMarks(text, end, lineEnd < 0 ? text.length() : lineEnd);
	}

	private static boolean onlyMarks(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c) && c != '#' && c != '*' && c != '_' && c != ':') {
				return false;
			}
		}
		return true;
	}

	/**
	 * A word after the placeholder word that shows it is filled in or a heading, not left to fill in: a digit or a
	 * comma ([Dag 1], [Telefoon 085-1234567], [Adres Stationsplein 1, Utrecht], [Name et al., 2020]).
	 */
	private static boolean filledIn(String word) {
		return word.indexOf(',') >= 0 || word.chars().anyMatch(Character::isDigit);
	}

	/**
	 * What stands between the brackets as both rules read it: in lower case, without the spaces around it and a
	 * question or exclamation mark, colon or full stop at the end ([datum?], [Hier invullen:]).
	 */
	private static String cleaned(String between) {
		return between.strip().toLowerCase(Locale.ROOT).replaceAll("[?!:.…\\s]+$", "");
	}

	/**
	 * What a template (Word, PowerPoint, a website builder) puts where its user's text goes, with nothing else in the
	 * brackets: [Voorbeeldtekst], [Sample text]. Not [tekst] or [Text] alone: the name of a button in Canva and of a
	 * group on Word's Insert tab, and what a coach writes for lines they leave out of a letter they quote.
	 */
	private static final Set<String> SAMPLE_TEXT = Set.of("voorbeeldtekst", "voorbeeld tekst", "sample text",
			"placeholder text", "dummytekst", "dummy text");

	/** The word for the text itself, in {@link #textLeftToWrite}. */
	private static final Set<String> TEXT = Set.of("tekst", "text");

	/**
	 * What says the text is still to be written there: a here ([Your text here], [Hier je tekst]), a verb of typing or
	 * entering ([Typ je tekst], [Voer tekst in]) or of the click Office's own placeholders start with ([Click to add
	 * text], [Klik of tik om tekst in te voeren]).
	 */
	private static final Set<String> TO_WRITE = Set.of("hier", "here", "typ", "typen", "type", "voer", "voeren",
			"invoeren", "enter", "klik", "tik", "click", "tap");

	/**
	 * The other words such a template's line holds: whose text, the verbs and the little words between. Any other
	 * word makes the brackets the coach's own: [Lees hier de tekst], [Klik hier voor de tekst], [Tekst toevoegen] (a
	 * button), [Jouw tekst] (a label above a participant's words in feedback).
	 */
	private static final Set<String> AROUND_TEXT = Set.of("je", "jouw", "uw", "u", "your", "eigen", "own", "de", "het",
			"een", "the", "a", "some", "schrijf", "write", "zet", "plaats", "put", "insert", "add", "toe", "voegen", "in",
			"om", "te", "to", "of", "or", "als", "wilt", "komt", "goes");

	/**
	 * A template's line for the text still to be written: [Your text here], [Jouw tekst hier], [Typ hier je tekst],
	 * [Click or tap here to enter text] (decision 0114, amended). Only of the words above, at most eight: a sentence
	 * about a text is the coach's.
	 */
	private static boolean textLeftToWrite(String[] words) {
		String[] bare = Arrays.stream(words).map(word -> word.replaceAll("\\p{Punct}+$", "")).toArray(String[]::new);
		return bare.length <= HEADING_WORDS && Arrays.stream(bare).anyMatch(TEXT::contains)
				&& Arrays.stream(bare).anyMatch(TO_WRITE::contains)
				&& Arrays.stream(bare).allMatch(word -> TEXT.contains(word) || TO_WRITE.contains(word) || AROUND_TEXT.contains(word));
	}

	/**
	 * A lone word that is no placeholder of ours ([sic], [Enter], [1]) or several that give no instruction are
	 * meant. A question or exclamation mark or a colon at the end ([datum?], [Hier invullen:]) changes nothing.
	 */
	private static boolean leftToFillIn(String content) {
		if (content.isEmpty()) {
			return false;
		}
		String[] words = content.split("\\s+");
		if (SAMPLE_TEXT.contains(content)) {
			return true;
		}
		if (words.length == 1) {
			return ONE_WORD.contains(content) || MASK.matcher(content).matches();
		}
		if (textLeftToWrite(words)) {
			return true;
		}
		if (FILL_IN.contains(words[0])) {
			return Arrays.stream(words).skip(1).anyMatch(word -> !PARTICLES.contains(word));
		}
		// [your name here] is [your name]: the last word says where it goes (session 47).
		String[] named = withoutHere(words);
		boolean ownName = Arrays.stream(named).anyMatch(NAME::contains)
				&& Arrays.stream(named).allMatch(word -> NAME.contains(word) || OWN_NAME.contains(word));
		return ownName || TO_FILL_IN.matcher(content).find();
	}
}

package nl.briefwissel.conversation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What in a coach's letter looks like a place a template left to fill in, written in square brackets:
 * [Vul hier de volgende stap in] or Beste [naam] went out unnoticed. Unlike a placeholder in braces
 * (nl.briefwissel.Placeholders) this is not refused: coaches write brackets meaning them (feedback that
 * quotes Geachte [naam contactpersoon], an example letter to adapt), so the letter is held once with a
 * warning the coach can pass (decision 0114). Narrow on purpose, or the warning becomes noise: a fill-in
 * instruction, or one word that is a placeholder of our own welcome template (or a date).
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

	/** A date or time to write in the form it asks: [DD-MM-JJJJ], [dd/mm/yyyy], [uu:mm]. */
	private static final Pattern MASK = Pattern
		.compile("((dd|mm|jj|jjjj|yy|yyyy)([-/.](dd|mm|jj|jjjj|yy|yyyy)){1,2})|((hh|uu):mm)");

	/** Words for a name, of the participant or anyone. */
	private static final Set<String> NAME = Set.of("naam", "voornaam", "achternaam", "name", "firstname", "lastname");

	/**
	 * What may stand beside a name word for the name to be the letter's own: the participant's or the
	 * reader's ([Naam deelnemer], [jouw naam], [your name], [first name]). Not anyone else's: a coach quotes
	 * "Geachte [naam contactpersoon]" or "[naam bedrijf]" from a participant's application letter to comment on it
	 * (decision 0114).
	 */
	private static final Set<String> OWN_NAME = Set.of("deelnemer", "deelneemster", "cliënt", "client", "kandidaat",
			"participant", "candidate", "jouw", "je", "uw", "your", "volledige", "full", "first", "last", "van", "de",
			"het", "of", "the");

	/**
	 * The welcome template's placeholders as bare words (naam, weken, per_week, …), in either language, a date and
	 * a time, which templates written elsewhere leave most after a name, and the parts of a name. Not start and
	 * coach: [Start] is a button of Windows and of many a site, [Coach] one of werk.nl's pages, as [Enter] is a key.
	 */
	private static final Set<String> ONE_WORD = Stream
		.concat(Stream.of("datum", "date", "tijd", "time", "voornaam", "achternaam", "firstname", "lastname", "invullen"),
				Stream.of(Welcome.placeholders(Locale.forLanguageTag("nl")), Welcome.placeholders(Locale.ENGLISH))
					.flatMap(listed -> Arrays.stream(listed.split(", ")))
					.map(placeholder -> placeholder.replace("{", "").replace("}", ""))
					.filter(word -> !word.equals("start") && !word.equals("coach")))
		.collect(Collectors.toUnmodifiableSet());

	private BracketedPlaceholders() {
	}

	/** Every one in the letter, as written, each once, in the order written: all are named at once. */
	public static List<String> in(String letter) {
		Matcher found = IN_BRACKETS.matcher(letter == null ? "" : letter);
		LinkedHashSet<String> placeholders = new LinkedHashSet<>();
		while (found.find()) {
			if (leftToFillIn(found.group(1))) {
				placeholders.add(found.group());
			}
		}
		return List.copyOf(placeholders);
	}

	/**
	 * A lone word that is no placeholder of ours ([sic], [Enter], [1]) or several that give no instruction are
	 * meant. A question or exclamation mark or a colon at the end ([datum?], [Hier invullen:]) changes nothing.
	 */
	private static boolean leftToFillIn(String between) {
		String content = between.strip().toLowerCase(Locale.ROOT).replaceAll("[?!:.…\\s]+$", "");
		if (content.isEmpty()) {
			return false;
		}
		String[] words = content.split("\\s+");
		if (words.length == 1) {
			return ONE_WORD.contains(content) || MASK.matcher(content).matches();
		}
		if (FILL_IN.contains(words[0])) {
			return Arrays.stream(words).skip(1).anyMatch(word -> !PARTICLES.contains(word));
		}
		boolean ownName = Arrays.stream(words).anyMatch(NAME::contains)
				&& Arrays.stream(words).allMatch(word -> NAME.contains(word) || OWN_NAME.contains(word));
		return ownName || TO_FILL_IN.matcher(content).find();
	}
}

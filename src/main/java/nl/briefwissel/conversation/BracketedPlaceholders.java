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
	 * Square brackets on one line. Not a Markdown link ([NPO Start](https://…) in the library) or
	 * reference link ([tekst][1]): its text is meant to be read.
	 */
	private static final Pattern IN_BRACKETS = Pattern.compile("(?<!])\\[([^\\[\\]\\n]{1,80})](?![(\\[])");

	/** The first word of an instruction to fill in, followed by what: Vul hier … in, Voeg … toe, Fill in …. */
	private static final Set<String> FILL_IN = Set.of("vul", "voeg", "fill", "insert", "enter");

	/** The phrases that say something is to be filled in, wherever they stand: [datum invullen]. */
	private static final Pattern TO_FILL_IN = Pattern.compile("(^|\\s)(invullen|in te vullen)(\\s|$)");

	/**
	 * The welcome template's placeholders as bare words (naam, weken, per_week, …), in either language,
	 * and a date, which templates written elsewhere leave most after a name.
	 */
	private static final Set<String> ONE_WORD = Stream
		.concat(Stream.of("datum", "date"), Stream.of(Welcome.placeholders(Locale.forLanguageTag("nl")),
				Welcome.placeholders(Locale.ENGLISH)).flatMap(listed -> Arrays.stream(listed.split(", "))))
		.map(placeholder -> placeholder.replace("{", "").replace("}", ""))
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

	/** A lone word that is no placeholder of ours ([sic], [Enter], [1]) or several that give no instruction are meant. */
	private static boolean leftToFillIn(String between) {
		String content = between.strip().toLowerCase(Locale.ROOT);
		String[] words = content.split("\\s+");
		if (words.length == 1) {
			return ONE_WORD.contains(content) || "invullen".equals(content);
		}
		return FILL_IN.contains(words[0]) || TO_FILL_IN.matcher(content).find();
	}
}

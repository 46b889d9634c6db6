package nl.briefwissel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders left in a text that goes to a participant as written: nothing fills one in after the
 * welcome letter, so Beste {naam} would reach them in braces (decision 0066). Shared by the modules
 * whose texts are read so (a coach's letter, the closing summary, a library assignment given in a
 * letter), so that what one refuses the others refuse too. Besides our own braces, a template written
 * elsewhere puts its placeholders in square brackets: [Vul hier de volgende stap in] or [Your name]
 * (decision 0114).
 */
public final class Placeholders {

	/** A word in braces, as placeholders are written ("{naam}", "{first_name}", "{{voornaam}}"). */
	private static final Pattern WRITTEN_AS_PLACEHOLDER = Pattern.compile("\\{\\s?[\\p{L}_][\\p{L}\\p{N}_.-]{0,38}\\s?}");

	/**
	 * Square brackets on one line, not a Markdown link (whose text is followed by its address in
	 * parentheses, as the library writes [NPO Start](https://www.npostart.nl)). Whether what is between
	 * them is a placeholder is {@link #inBrackets}'s to say.
	 */
	private static final Pattern IN_SQUARE_BRACKETS = Pattern.compile("\\[([^\\[\\]\\n]{1,80})](?!\\()");

	private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

	/** The first word of an instruction to fill something in, followed by what to fill in. */
	private static final Set<String> FILL_IN = Set.of("vul", "voeg", "fill", "insert", "enter", "add");

	/** A fill-in instruction of one word or one phrase. */
	private static final Set<String> FILL_IN_ALONE = Set.of("invullen", "in te vullen");

	private Placeholders() {
	}

	/**
	 * Every placeholder in the text, each once, in the order written. All of them, not the first: a coach
	 * told one at a time sent the letter once per placeholder. Only a word in braces counts, not every
	 * brace: these are the coach's own words, where a smiley or a choice written between braces is meant.
	 * So in square brackets: only a fill-in instruction or a name or date to fill in counts, not a note
	 * number or [sic] or an omission in a quote.
	 */
	public static List<String> in(String text) {
		String written = text == null ? "" : text;
		// By where each starts: a brace inside brackets that are no placeholder is still found.
		TreeMap<Integer, String> found = new TreeMap<>();
		Matcher braces = WRITTEN_AS_PLACEHOLDER.matcher(written);
		while (braces.find()) {
			found.put(braces.start(), braces.group());
		}
		Matcher brackets = IN_SQUARE_BRACKETS.matcher(written);
		while (brackets.find()) {
			if (inBrackets(brackets.group(1))) {
				found.put(brackets.start(), brackets.group());
			}
		}
		return List.copyOf(new LinkedHashSet<>(found.values()));
	}

	/**
	 * Whether what a template put between square brackets is for the writer to fill in: it starts with an
	 * instruction to fill in (vul/voeg/fill/insert/enter/add and what; invullen) or its first or last word
	 * is a name or a date (naam and its compounds such as voornaam; name and surname; datum; date). A
	 * lone [Enter] is a key and [naamloos] or [update] no name or date.
	 */
	private static boolean inBrackets(String between) {
		String content = between.strip().toLowerCase(Locale.ROOT);
		if (content.contains("{") || content.contains("}")) {
			// A brace within is its own: found as such, or a choice the coach wrote.
			return false;
		}
		List<String> words = WORD.matcher(content).results().map(MatchResult::group).toList();
		if (words.isEmpty()) {
			return false;
		}
		if (FILL_IN_ALONE.contains(content) || FILL_IN.contains(words.get(0)) && words.size() > 1) {
			return true;
		}
		return nameOrDate(words.get(0)) || nameOrDate(words.get(words.size() - 1));
	}

	private static boolean nameOrDate(String word) {
		return word.endsWith("naam") || word.endsWith("name") || word.equals("datum") || word.equals("date");
	}
}

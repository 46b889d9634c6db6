package nl.briefwissel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders left in a text that goes to a participant as written: nothing fills one in after the
 * welcome letter, so Beste {naam} would reach them in braces (decision 0066). Shared by the modules
 * whose texts are read so (a coach's letter, the closing summary, a library assignment given in a
 * letter), so that what one refuses the others refuse too.
 */
public final class Placeholders {

	/** A word in braces, as placeholders are written ("{naam}", "{first_name}", "{{voornaam}}"). */
	private static final Pattern WRITTEN_AS_PLACEHOLDER = Pattern.compile("\\{\\s?[\\p{L}_][\\p{L}\\p{N}_.-]{0,38}\\s?}");

	private Placeholders() {
	}

	/**
	 * Every placeholder in the text, each once, in the order written. All of them, not the first: a coach
	 * told one at a time sent the letter once per placeholder. Only a word in braces counts, not every
	 * brace: these are the coach's own words, where a smiley or a choice written between braces is meant.
	 */
	public static List<String> in(String text) {
		LinkedHashSet<String> placeholders = new LinkedHashSet<>();
		for (Placed placed : placed(text)) {
			placeholders.add(placed.placeholder());
		}
		return List.copyOf(placeholders);
	}

	/**
	 * Every place a placeholder stands in the text, in the order written: the writing help marks each one
	 * where it stands from this one reading of the letter, instead of looking up again what {@link #in} found.
	 */
	public static List<Placed> placed(String text) {
		Matcher found = WRITTEN_AS_PLACEHOLDER.matcher(text == null ? "" : text);
		List<Placed> places = new ArrayList<>();
		while (found.find()) {
			places.add(new Placed(found.group(), found.start(), found.end()));
		}
		return List.copyOf(places);
	}

	/** A placeholder and where it stands: from {@code start} up to, not including, {@code end}. */
	public record Placed(String placeholder, int start, int end) {
	}
}

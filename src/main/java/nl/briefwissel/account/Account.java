package nl.briefwissel.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A person who can sign in. Never carries the password hash. */
public record Account(UUID id, UUID organisationId, String email, String displayName, Locale language,
		Set<Role> roles, boolean enabled) {

	public Account {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/**
	 * Programme manager and e-coach at once, as an administrator could make an account before decision 0145: no
	 * coach to choose, and no coach's page opens for them, until one of the two is taken back.
	 */
	public boolean managesAndCoaches() {
		return Role.separated(roles);
	}

	/**
	 * The roles an administrator may still give them: not held, and not the other side of one held (decision 0145),
	 * so the list offers no role whose grant is refused.
	 */
	public java.util.List<Role> rolesToGive() {
		return java.util.Arrays.stream(Role.values())
			.filter(role -> !roles.contains(role) && role.separatedFrom().filter(roles::contains).isEmpty())
			.toList();
	}

	/** The name a mail greets them by: its first word, as a coach's letters and the reminders do (Beste Sanne). */
	public String firstName() {
		return firstNameOf(displayName);
	}

	/**
	 * The name a mail greets someone by, or names them by inside a sentence: its first word, unless that word is no
	 * first name. An initial (J. de Vries), a title (Mw. Jansen, Dr Jones) or an infix (de Vries, van Dijk, 't Hart)
	 * gave „Beste J.” and „Heeft van een nieuwe vraag”: then the whole name. Spaces are trimmed and collapsed; empty
	 * for none, so that a greeting can fall back on one without a name.
	 */
	public static String firstNameOf(String name) {
		// Composed first: an Ö typed as O and its two dots is one letter, as it reads.
		String whole = name == null ? ""
				: Normalizer.normalize(name, Normalizer.Form.NFC).replaceAll("[\\s\\u00a0\\u2007\\u202f]+", " ").strip();
		if (whole.isEmpty()) {
			return "";
		}
		String first = whole.split(" ")[0];
		boolean noFirstName = first.codePointCount(0, first.length()) == 1 || first.contains(".")
				|| Character.isLowerCase(first.codePointAt(0)) || first.startsWith("'") || first.startsWith("\u2019")
				|| first.endsWith(",") || TITLES.contains(first.toLowerCase(Locale.ROOT))
				|| INFIXES.contains(first.toLowerCase(Locale.ROOT));
		return noFirstName ? whole : first;
	}

	/**
	 * The text with each sentence that begins with one of these names beginning with a capital, as Dutch and English
	 * begin a sentence: „van Dijk heeft gereageerd.” reads „Van Dijk heeft gereageerd.”, while inside a sentence the
	 * name stays as its owner wrote it (Beste van Dijk, met van Dijk). Done on the sentence and not on the name, as one
	 * message names someone at its start and again inside it. A name opening with an apostrophe ('t Hart) keeps it, as
	 * Dutch writes it; the Dutch IJ is capitalised whole (IJzerman). Arguments that are no text, that begin with a
	 * capital, or that are an address or a link change nothing. Give only names: a programme's name or a sentence
	 * given as an argument is no name, and is written as it is.
	 */
	public static String sentencesCapitalised(String text, Object... names) {
		if (text == null || names == null) {
			return text;
		}
		String result = text;
		for (Object argument : names) {
			// An address or a link is written as it is, also at a sentence's start.
			if (!(argument instanceof String name) || name.isEmpty() || !Character.isLowerCase(name.codePointAt(0))
					|| name.contains("@") || name.contains("://")) {
				continue;
			}
			String capitalised = (name.startsWith("ij") ? "IJ" + name.substring(2)
					: name.substring(0, Character.charCount(name.codePointAt(0))).toUpperCase(Locale.ROOT)
							+ name.substring(Character.charCount(name.codePointAt(0))));
			StringBuilder changed = new StringBuilder(result.length());
			int from = 0;
			for (int at = result.indexOf(name); at >= 0; at = result.indexOf(name, at + name.length())) {
				if (sentenceStartsAt(result, at) && wordEndsAt(result, at + name.length())) {
					changed.append(result, from, at).append(capitalised);
					from = at + name.length();
				}
			}
			result = changed.append(result, from, result.length()).toString();
		}
		return result;
	}

	/**
	 * Whether a word ends here, so that the name found is the whole word: „jan.pdf”, „janssen”, „jan@example.nl”,
	 * „jan/map” and „jan'tje” do not begin with the name jan. A full stop that ends the sentence ends the word.
	 */
	private static boolean wordEndsAt(String text, int at) {
		if (at >= text.length()) {
			return true;
		}
		char next = text.charAt(at);
		boolean followedByLetter = at + 1 < text.length() && Character.isLetterOrDigit(text.charAt(at + 1));
		return !Character.isLetterOrDigit(next) && next != '@' && next != '/'
				&& !((next == '.' || next == '\'' || next == '\u2019') && followedByLetter);
	}

	/** Whitespace, the non-breaking spaces too: one after a full stop ends the sentence as a space does. */
	private static boolean space(char c) {
		return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f';
	}

	/** Whether a sentence begins here: the text's start, a new line, or a full stop, ! or ? and a space before it. */
	private static boolean sentenceStartsAt(String text, int at) {
		int before = at;
		// A name set apart for its direction (decision 0133) begins with the first strong isolate; quotes may open it.
		while (before > 0 && "\u2068„“‘\"'(".indexOf(text.charAt(before - 1)) >= 0) {
			before--;
		}
		if (before == 0 || text.charAt(before - 1) == '\n') {
			return true;
		}
		if (!space(text.charAt(before - 1))) {
			return false;
		}
		while (before > 0 && space(text.charAt(before - 1))) {
			if (text.charAt(before - 1) == '\n') {
				return true;
			}
			before--;
		}
		// A closing quote or bracket may stand after the full stop.
		while (before > 0 && "”’\")".indexOf(text.charAt(before - 1)) >= 0) {
			before--;
		}
		return before > 0 && ".!?".indexOf(text.charAt(before - 1)) >= 0;
	}

	/**
	 * Infixes a surname on its own begins with, capitalised so (Van Dijk, De Vries, Ten Brink; De heer Jansen): in
	 * lower case the first letter tells already.
	 */
	private static final Set<String> INFIXES = Set.of("van", "de", "den", "der", "ter", "ten", "te", "het", "op", "in",
			"vd", "v.d.");

	/** Salutations and titles written without a full stop; with one, the full stop tells already. */
	private static final Set<String> TITLES = Set.of("dhr", "mw", "mevr", "mevrouw", "meneer", "heer", "mr", "mrs",
			"ms", "miss", "mx", "sir", "dr", "drs", "ir", "ing", "prof");

	/**
	 * What is left of an erased participant (decision 0010) or a removed staff member (decision 0073): no
	 * roles to give, never a coach to choose. Told by the address the erasure left, which holds the id.
	 */
	public boolean erased() {
		return Accounts.erasedAddress(id).equals(email);
	}

	/**
	 * The message that names an erased account in the page's language; its stored name holds both
	 * languages at once. Null for an account that is not erased.
	 */
	public String erasedNameKey() {
		if (!erased()) {
			return null;
		}
		return Accounts.REMOVED_NAME.equals(displayName) ? "account.removedName" : "account.erasedName";
	}
}

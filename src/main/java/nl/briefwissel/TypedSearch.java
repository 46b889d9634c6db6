package nl.briefwissel;

import java.util.Locale;

/**
 * What a person typed to find someone by name or address, looked for anywhere in a column in any case. Shared by the
 * modules whose pages search so (the accounts list, the audit trail, a held mail's trajectory), which each escaped
 * the typed text their own way: in SQL's LIKE a % and an _ are wildcards, so an address with an underscore or a name
 * with 100% in it found others too, and a typed % found everyone.
 * <p>
 * Both sides are lowered: the column by the database's lower(), the typed text here, with {@link Locale#ROOT}. A
 * server set to Turkish lowers I to a dotless ı, and ISMAIL found no one. The dotted capital İ lowers in Java to i
 * with a combining dot, where PostgreSQL's lower() writes a plain i: it is searched as that i. (H2, the development
 * database, keeps the dot in lower(), so there a name with İ is found by what precedes or follows it.)
 */
public final class TypedSearch {

	/** The LIKE escape character of {@link #contains} and {@link #containing}. */
	private static final char ESCAPE = '\\';

	private TypedSearch() {
	}

	/** Whether nothing was typed to search for (only spaces): a search that leaves its condition out. */
	public static boolean isBlank(String typed) {
		return typed == null || typed.isBlank();
	}

	/**
	 * The condition that the column, lowered, holds the parameter's pattern ({@link #containing}), for a statement
	 * with named parameters: {@code lower(a.email) like :pattern escape '\'}.
	 */
	public static String contains(String column, String parameter) {
		return "lower(" + column + ") like :" + parameter + " escape '" + ESCAPE + "'";
	}

	/**
	 * The LIKE pattern for a column that holds what was typed, lowered, letter for letter, anywhere: without the
	 * spaces around it, its %, _ and backslash escaped. Check {@link #isBlank} first: the blank text's pattern matches
	 * every row.
	 */
	public static String containing(String typed) {
		String lowered = (typed == null ? "" : typed.strip()).toLowerCase(Locale.ROOT).replace("i\u0307", "i");
		StringBuilder pattern = new StringBuilder(lowered.length() + 8).append('%');
		for (int i = 0; i < lowered.length(); i++) {
			char c = lowered.charAt(i);
			if (c == '%' || c == '_' || c == ESCAPE) {
				pattern.append(ESCAPE);
			}
			pattern.append(c);
		}
		return pattern.append('%').toString();
	}
}

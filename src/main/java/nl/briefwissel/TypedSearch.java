package nl.briefwissel;

/**
 * What a person typed to find someone by name or address, looked for anywhere in a column in any case. Shared by the
 * modules whose pages search so (the accounts list, the audit trail, a held mail's trajectory), which each escaped
 * the typed text their own way: in SQL's LIKE a % and an _ are wildcards, so an address with an underscore or a name
 * with 100% in it found others too, and a typed % found everyone.
 * <p>
 * Both sides are lowered by the database's lower(), the column and the pattern alike: lowered here, in Java, a letter
 * the database lowers otherwise found nothing. The dotted capital İ lowers in Java to i with a combining dot, in
 * PostgreSQL to a plain i or, with an ICU collation, with the dot kept; and a server set to Turkish lowers I to a
 * dotless ı in Java, where ISMAIL found no one. Lowering leaves %, _ and the backslash as they are, so the escaped
 * pattern stays escaped.
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
	 * The condition that the column, lowered, holds the parameter's pattern ({@link #containing}), lowered by the same
	 * database, for a statement with named parameters: {@code lower(a.email) like lower(:pattern) escape '\'}.
	 */
	public static String contains(String column, String parameter) {
		return "lower(" + column + ") like lower(:" + parameter + ") escape '" + ESCAPE + "'";
	}

	/**
	 * The LIKE pattern for a column that holds what was typed, letter for letter, anywhere: without the spaces around
	 * it, its %, _ and backslash escaped, its case as typed ({@link #contains} lowers it). Check {@link #isBlank}
	 * first: the blank text's pattern matches every row.
	 */
	public static String containing(String typed) {
		String text = typed == null ? "" : typed.strip();
		StringBuilder pattern = new StringBuilder(text.length() + 8).append('%');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' || c == '_' || c == ESCAPE) {
				pattern.append(ESCAPE);
			}
			pattern.append(c);
		}
		return pattern.append('%').toString();
	}
}

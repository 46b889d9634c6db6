package nl.briefwissel.web;

/**
 * Text written into HTML by Java code rather than by a template: the same references Thymeleaf's
 * {@code th:text} writes ({@code HtmlEscape.escapeHtml4Xml}), so markup made either way reads the same.
 */
public final class Html {

	private Html() {
	}

	/** The text with the five characters that mean something in HTML written as references; unchanged without them. */
	public static String escape(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= '>' && reference(c) != null) {
				return escape(new StringBuilder(text.length() + 64), text).toString();
			}
		}
		return text;
	}

	/** Appends the text escaped, for an element's text and a quoted attribute's value alike; nothing for null. */
	public static StringBuilder escape(StringBuilder out, String text) {
		if (text == null) {
			return out;
		}
		int length = text.length();
		int from = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c > '>') {
				continue;
			}
			String reference = reference(c);
			if (reference != null) {
				out.append(text, from, i).append(reference);
				from = i + 1;
			}
		}
		return out.append(text, from, length);
	}

	/** Of the five, '>' comes last in the character table: most characters of a text are past it. */
	private static String reference(char c) {
		return switch (c) {
			case '&' -> "&amp;";
			case '<' -> "&lt;";
			case '>' -> "&gt;";
			case '"' -> "&quot;";
			case '\'' -> "&#39;";
			default -> null;
		};
	}
}

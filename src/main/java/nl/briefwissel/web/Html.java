package nl.briefwissel.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
		return text == null ? out : escape(out, text, 0, text.length());
	}

	/** Appends the characters from {@code start} up to {@code length} of the text escaped: no substring made for them. */
	private static StringBuilder escape(StringBuilder out, String text, int start, int length) {
		int from = start;
		for (int i = start; i < length; i++) {
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

	/**
	 * Where a web address may start: http or https and a host, or www. and a host. Not inside a word, a mail
	 * address or a path (anja@www.example.org, nohttp://). Up to a space (a no-break space too), a quote or an
	 * angle bracket: what follows those is the letter's text again. Other schemes (javascript: and data: among
	 * them) never match. At most 2,048 characters after the scheme or www., about what browsers and servers
	 * keep: a longer one is no link at all (a link to its first part would go somewhere else), and a letter of
	 * one address half a million characters long (a mail may be) costs the page nothing more.
	 */
	private static final Pattern ADDRESS = Pattern
		.compile("(?<![\\p{L}\\p{N}_@./\\-])(?:(?i:https?://)|www\\.|WWW\\.)[\\p{L}\\p{N}][^\\s\\p{Z}<>\"]*+");

	/** The longest address linked, after its scheme or www. (about what browsers and servers keep). */
	private static final int LONGEST = 2048;

	/** Punctuation that ends a sentence or a quote after an address rather than belonging to it. */
	private static final String TRAILING = ".,;:!?'*_\u2019\u201d\u00bb\u2026";

	/**
	 * The letter escaped as {@link #escape(StringBuilder, String)} writes it, with each web address in it a link
	 * that opens in the same tab (decision 0123): its text as written, its target that text, or https:// and it
	 * for one written as www. A sentence's full stop or closing parenthesis after it is not part of it. A letter
	 * without http or www (most) is only escaped: no matcher for it.
	 */
	public static StringBuilder escapeLinking(StringBuilder out, String text) {
		if (text == null) {
			return out;
		}
		int from = 0;
		for (WebAddress address : webAddresses(text)) {
			escape(out, text, from, address.start()).append("<a class=\"utrecht-link\" href=\"");
			if (address.www()) {
				out.append("https://");
			}
			escape(out, text, address.start(), address.end()).append("\" rel=\"noopener noreferrer nofollow\">");
			escape(out, text, address.start(), address.end()).append("</a>");
			from = address.end();
		}
		return escape(out, text, from, text.length());
	}

	/**
	 * A web address in a text, from {@code start} up to {@code end}: {@code www} when written as www., so that
	 * its link goes to https:// and it.
	 */
	public record WebAddress(int start, int end, boolean www) {

		/** Where its link goes in {@code text}: the address as written, with https:// before one written as www. */
		public String target(String text) {
			return (www ? "https://" : "") + text.substring(start, end);
		}
	}

	/**
	 * The web addresses in {@code text} that a letter links, in order, by the rules of decision 0123. Shared with
	 * the Markdown of assignments, whose addresses are linked the same way (decision 0130). A text without http or
	 * www (most) gets no matcher; the addresses are positions in the text, no substrings.
	 */
	public static List<WebAddress> webAddresses(String text) {
		if (text == null || !mayHoldAnAddress(text)) {
			return List.of();
		}
		List<WebAddress> found = new ArrayList<>();
		Matcher address = ADDRESS.matcher(text);
		while (address.find()) {
			if (address.end() - address.start() > LONGEST + "https://".length()) {
				// Too long to be one: text, all of it; matched whole (possessive), so no address inside it is
				// linked either (a link to a part of it would go somewhere else).
				continue;
			}
			found.add(new WebAddress(address.start(), end(text, address.start(), address.end()),
					(text.charAt(address.start()) | 0x20) == 'w'));
		}
		return found;
	}

	private static boolean mayHoldAnAddress(String text) {
		return text.indexOf("://") >= 0 || text.indexOf("www.") >= 0 || text.indexOf("WWW.") >= 0;
	}

	/**
	 * Where the address ends: trailing punctuation off, and a closing bracket only when it closes one of its own.
	 * The brackets are counted once and the counts follow what is taken off: counted again for each character
	 * taken off, an address of a thousand closing brackets cost the page a second (review).
	 */
	private static int end(String text, int start, int end) {
		int open = 0;
		int close = 0;
		int openSquare = 0;
		int closeSquare = 0;
		for (int i = start; i < end; i++) {
			switch (text.charAt(i)) {
				case '(' -> open++;
				case ')' -> close++;
				case '[' -> openSquare++;
				case ']' -> closeSquare++;
				default -> {
				}
			}
		}
		while (end > start + 1) {
			char last = text.charAt(end - 1);
			if (last == ')' && close > open) {
				close--;
			}
			else if (last == ']' && closeSquare > openSquare) {
				closeSquare--;
			}
			else if (TRAILING.indexOf(last) < 0) {
				return end;
			}
			end--;
		}
		return end;
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

package nl.briefwissel.mail;

import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;

/**
 * HTML mail as text and as safe HTML. Quotes become {@code >} lines and the reply separators of
 * Outlook become a separator line of our own ({@link #REPLY_MARKER}), so {@link QuoteTrimmer} treats
 * HTML and plain-text mail alike; the reader takes that line out again once the quote is cut, since
 * the mail never had it. HTML is capped before parsing: a hostile 50 MB body costs no more than a
 * normal one.
 */
final class HtmlText {

	static final int MAX_HTML_CHARS = 1_000_000;

	private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
			"blockquote", "pre", "hr", "table", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer",
			"address", "center");

	// Where Outlook (desktop, web, new) and some webmail start the message being replied to.
	private static final String OUTLOOK_REPLY_MARKERS = "#divRplyFwdMsg, #appendonsend, hr#stopSpelling, "
			+ "div.OutlookMessageHeader, #mail-editor-reference-message-container, div[style*=border-top:solid #E1E1E1], "
			+ "div[style*=border-top: solid #E1E1E1], div[style*=border-top:solid #B5C4DF], div.yahoo_quoted";

	/**
	 * A signature the mail program itself marks as one: Outlook on the web and the new Outlook
	 * ({@code id=Signature}), Outlook for phones ({@code id=ms-outlook-mobile-signature}) and Gmail
	 * ({@code class=gmail_signature}). Dropped as a marked quote is: a name, a job and an employer under
	 * every letter are no part of it. Only these exact marks (not Outlook's {@code divtagdefaultwrapper}, which
	 * holds the whole letter); a signature written by hand stays, and the original mail keeps everything.
	 */
	private static final String SIGNATURE_MARKERS = "#Signature, #ms-outlook-mobile-signature, .gmail_signature";

	/**
	 * The line put where Outlook's quote starts: a separator {@link QuoteTrimmer} knows, told apart from
	 * one the mail has itself by the vertical tab around it (no text of an HTML mail has one: a browser
	 * shows none). Shown to nobody: {@link #withoutReplyMarker} takes it out of what was cut and of the
	 * whole text, where it read as an English line on a Dutch page that the participant never wrote.
	 */
	static final String REPLY_MARKER = "\u000b-----Original Message-----\u000b";

	private static final java.util.regex.Pattern OWN_MARKER_LINE = java.util.regex.Pattern
		.compile("(?m)^\u000b?-----Original Message-----\u000b[ \t]*(\n+|$)");

	private HtmlText() {
	}

	/** The text without the separator line this class put in ({@link #REPLY_MARKER}); null stays null. */
	static String withoutReplyMarker(String text) {
		return text == null || text.indexOf('\u000b') < 0 ? text : OWN_MARKER_LINE.matcher(text).replaceAll("");
	}

	private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)]");

	/**
	 * The HTML part for a mail written as plain text (reminders, digests, notices): the same words,
	 * paragraph by paragraph, in the simple layout Outlook, Gmail and Apple Mail all show the same way,
	 * with the mail's subject as the document's title and its language on the document, so a screen reader
	 * in the mail program reads it with the right voice (WCAG 3.1.1); either may be null.
	 * <p>
	 * Only Briefwissel's own addresses become links ({@code ourAddress}, the public address; null: none).
	 * A notice's text is filled in with what came from outside (a name or an address from a mail's headers,
	 * a file's name), and a link there would be one a stranger chose, in a mail from Briefwissel (decision
	 * 0075, session 37). Any other address stays text.
	 */
	static String fromText(String text, String title, java.util.Locale language, String ourAddress) {
		return fromText(text, title, language, language, ourAddress);
	}

	/**
	 * As above, with a title in {@code titleLanguage}: the subject of a conversation's thread stays in the language
	 * the thread began in (decision 0097), and says so where that is not the mail's.
	 */
	static String fromText(String text, String title, java.util.Locale language, java.util.Locale titleLanguage,
			String ourAddress) {
		String lang = language == null ? "" : " lang=\"" + org.jsoup.nodes.Entities.escape(language.getLanguage()) + "\"";
		String titleLang = titleLanguage == null || language == null || titleLanguage.getLanguage().equals(language.getLanguage())
				? "" : " lang=\"" + org.jsoup.nodes.Entities.escape(titleLanguage.getLanguage()) + "\"";
		String head = title == null ? "" : "<title" + titleLang + ">" + org.jsoup.nodes.Entities.escape(title) + "</title>";
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html" + lang + "><head><meta charset=\"utf-8\">" + head + """
				<meta name="viewport" content="width=device-width, initial-scale=1"></head>
				<body style="margin:0;padding:0;background:#ffffff;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" 				style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;"><tr><td style="padding:24px;max-width:600px;">""");
		for (String paragraph : text.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
			String escaped = org.jsoup.nodes.Entities.escape(paragraph.strip());
			java.util.regex.Matcher link = LINK.matcher(escaped);
			StringBuilder linked = new StringBuilder();
			while (link.find()) {
				link.appendReplacement(linked, java.util.regex.Matcher.quoteReplacement(ours(link.group(), ourAddress)
						? "<a href=\"" + link.group() + "\" style=\"color:#0b57d0;\">" + link.group() + "</a>" : link.group()));
			}
			link.appendTail(linked);
			html.append("<p>").append(linked.toString().replace("\n", "<br>\n")).append("</p>\n");
		}
		return html.append("</td></tr></table></body></html>\n").toString();
	}

	/**
	 * Whether an address is one of Briefwissel's: its public address and then a path, a query or nothing,
	 * so that "https://briefwissel.example.nl.evil.example/" is not taken for it.
	 */
	private static boolean ours(String address, String ourAddress) {
		if (ourAddress == null || ourAddress.isBlank()) {
			return false;
		}
		String base = org.jsoup.nodes.Entities.escape(ourAddress.endsWith("/") ? ourAddress.substring(0, ourAddress.length() - 1)
				: ourAddress).toLowerCase(java.util.Locale.ROOT);
		String lower = address.toLowerCase(java.util.Locale.ROOT);
		return lower.startsWith(base) && (lower.length() == base.length() || "/?#".indexOf(lower.charAt(base.length())) >= 0);
	}

	static String toText(String html) {
		Document document = Jsoup.parse(cap(html));
		document.select("script, style, head, title, meta, noscript, template, object, embed, iframe, svg, form")
			.remove();
		withoutMarkedSignature(document);
		Element marker = document.selectFirst(OUTLOOK_REPLY_MARKERS);
		if (marker != null) {
			// As a text node: parsed from markup, the vertical tab would not be kept as it is.
			marker.before(new Element("p").appendChild(new TextNode(REPLY_MARKER)));
		}
		StringBuilder text = new StringBuilder();
		render(document.body() == null ? document : document.body(), text, 0);
		return text.toString().replace('\u00a0', ' ').replaceAll("(?m)^[ \\t]+", "").replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

	/**
	 * Takes out the signatures the mail program marked ({@link #SIGNATURE_MARKERS}), unless nothing of the
	 * mail's own would be left before its quote: a mail that is only a signature is still what was sent. A marked
	 * block that is not short stays too: a participant who wrote Hoi Anja and then the letter itself inside it (the
	 * cursor stood in the signature) lost the letter, only the greeting kept.
	 */
	private static void withoutMarkedSignature(Document document) {
		List<Element> signatures = shortSignatures(document);
		if (signatures.isEmpty()) {
			return;
		}
		Document without = document.clone();
		shortSignatures(without).forEach(Element::remove);
		// From the start of a quote on (Gmail's with its attribution line) the words are someone else's.
		for (Element quote : without.select(OUTLOOK_REPLY_MARKERS + ", .gmail_quote, blockquote")) {
			Node next = quote;
			while (next != null && next.parentNode() != null) {
				Node following = next.nextSibling();
				next.remove();
				next = following;
			}
		}
		if (!without.text().isBlank()) {
			signatures.forEach(Element::remove);
		}
	}

	/**
	 * A signature is a few lines: a name, a role, an organisation, a phone number (the old rule of thumb for one
	 * is at most four lines). A marked block longer than {@link #SIGNATURE_LINES} lines or {@link #SIGNATURE_CHARS}
	 * characters is taken for the letter written into it, and kept: a signature kept shows a few lines too many,
	 * a letter taken out is lost.
	 */
	private static List<Element> shortSignatures(Document document) {
		return document.select(SIGNATURE_MARKERS).stream().filter(signature -> {
			StringBuilder text = new StringBuilder();
			render(signature, text, 0);
			String written = text.toString().strip();
			return written.length() <= SIGNATURE_CHARS && written.lines().filter(line -> !line.isBlank()).count() <= SIGNATURE_LINES;
		}).toList();
	}

	private static final int SIGNATURE_LINES = 4;

	private static final int SIGNATURE_CHARS = 300;

	/** Only formatting and links survive; no script, no style, no event handler, no remote image. */
	static String sanitise(String html) {
		Safelist safelist = Safelist.basic().addTags("h1", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "td", "th", "hr");
		return Jsoup.clean(cap(html), safelist);
	}

	private static String cap(String html) {
		return html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html;
	}

	/**
	 * How many quotes deep a quote is marked ("> > > "): each level marks every line of the ones inside it
	 * again, and five hundred levels around a quarter of a million lines built a string of a hundred
	 * million characters per mail. Deeper quotes are kept at this depth; no reader counts further.
	 */
	private static final int QUOTE_DEPTH = 10;

	private static void render(Node node, StringBuilder out, int depth) {
		for (Node child : node.childNodes()) {
			if (child instanceof TextNode textNode) {
				boolean pre = inPre(textNode);
				String value = pre ? textNode.getWholeText() : textNode.text();
				// The source's indentation between rows and blocks (a table written one row per line) shows
				// in no browser; kept, it would put a blank line between every two rows.
				if (!pre && value.isBlank() && (out.isEmpty() || out.charAt(out.length() - 1) == '\n')) {
					continue;
				}
				out.append(value);
			}
			else if (child instanceof Element element) {
				String tag = element.normalName();
				if (tag.equals("blockquote") && depth < QUOTE_DEPTH) {
					StringBuilder quoted = new StringBuilder();
					render(element, quoted, depth + 1);
					newLine(out);
					for (String line : quoted.toString().strip().split("\n", -1)) {
						out.append(line.startsWith(">") ? ">" + line : "> " + line).append('\n');
					}
					continue;
				}
				boolean block = BLOCKS.contains(tag);
				if (block) {
					newLine(out);
				}
				if (tag.equals("li")) {
					out.append(listMark(element));
				}
				if ((tag.equals("td") || tag.equals("th")) && isCell(element.previousElementSibling())) {
					// A schedule or a list of vacancies sent as a table: "Maandag\tGesprek", not "MaandagGesprek".
					while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
						out.setLength(out.length() - 1);
					}
					out.append('\t');
				}
				if (tag.equals("img") && !element.attr("alt").isBlank()) {
					out.append('[').append(element.attr("alt")).append(']');
				}
				render(element, out, depth);
				if (tag.equals("a")) {
					out.append(address(element));
				}
				if (block || tag.equals("br")) {
					out.append('\n');
				}
				if (tag.equals("p")) {
					out.append('\n');
				}
			}
		}
	}

	/** "1. ", "2. " in a numbered list (from its {@code start}), "- " otherwise. */
	private static String listMark(Element item) {
		Element list = item.parent();
		if (list == null || !list.normalName().equals("ol")) {
			return "- ";
		}
		int number;
		try {
			number = list.attr("start").isBlank() ? 1 : Integer.parseInt(list.attr("start").strip());
		}
		catch (NumberFormatException e) {
			number = 1;
		}
		for (Element before = item.previousElementSibling(); before != null; before = before.previousElementSibling()) {
			if (before.normalName().equals("li")) {
				number++;
			}
		}
		return number + ". ";
	}

	private static final java.util.regex.Pattern WRITTEN_ADDRESS = java.util.regex.Pattern.compile("(?i)(https?://|www\\.)\\S+");

	private static boolean isCell(Element element) {
		return element != null && (element.normalName().equals("td") || element.normalName().equals("th"));
	}

	/**
	 * The address behind a link, when its words do not already say it: "deze vacature" alone tells
	 * the coach nothing. Written in angle brackets, as mail clients do in their plain-text part, which
	 * is also how QuoteTrimmer recognises a footer such as "Get Outlook for Android" with its link.
	 */
	private static String address(Element link) {
		String href = link.attr("href").strip();
		String lower = href.toLowerCase(java.util.Locale.ROOT);
		if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
			return ""; // mailto:, cid:, javascript: and anchors are no address for a reader
		}
		String words = link.text().strip();
		// Words that are an address already say where the link goes (Outlook's Safe Links rewrite only
		// the href, into something far longer than what the participant pasted).
		if (words.isEmpty() || WRITTEN_ADDRESS.matcher(words).matches() || bare(words).equals(bare(href))) {
			return "";
		}
		return " <" + href + ">";
	}

	/** An address as people write it: without the scheme, "www." or a closing slash. */
	private static String bare(String address) {
		return address.toLowerCase(java.util.Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "")
			.replaceFirst("/+$", "");
	}

	private static boolean inPre(TextNode node) {
		for (Node parent = node.parent(); parent != null; parent = parent.parent()) {
			if (parent instanceof Element element && element.normalName().equals("pre")) {
				return true;
			}
		}
		return false;
	}

	private static void newLine(StringBuilder out) {
		if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
			out.append('\n');
		}
	}
}

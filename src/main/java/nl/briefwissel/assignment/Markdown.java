package nl.briefwissel.assignment;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import org.springframework.stereotype.Component;

/**
 * Renders assignment instructions. Markdown may carry raw HTML; whatever it becomes is cleaned to
 * a short list of harmless elements, with links that open safely.
 */
@Component
public class Markdown {

	private static final Parser PARSER = Parser.builder().build();

	/**
	 * Links to web pages and mail addresses only: a javascript: or data: link is written without its target.
	 * The cleaning below refuses those too; this holds should its list of safe elements ever be widened.
	 */
	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		.urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
		.build();

	private static final Safelist SAFE = Safelist.basic().addAttributes("a", "rel").addEnforcedAttribute("a", "rel",
			"noopener noreferrer");

	/** A Markdown link: its text, and its target up to a space or the closing parenthesis. */
	private static final java.util.regex.Pattern LINK = java.util.regex.Pattern
		.compile("\\[([^\\]\\n]*)]\\(\\s*<?([^\\s)>]*)");

	/** A target that names its scheme: {@code javascript:}, {@code data:}, {@code https:}. */
	private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

	/**
	 * The links in {@code markdown} whose target the rendering drops (not a web page or a mail address: a
	 * javascript: or data: link), each as its text and scheme: the page showed only the text, and nobody
	 * who wrote it was told. Said at the form instead, so it can be replaced by a web address.
	 */
	public static List<String> droppedLinks(String markdown) {
		if (markdown == null) {
			return List.of();
		}
		List<String> found = new java.util.ArrayList<>();
		java.util.regex.Matcher link = LINK.matcher(markdown);
		while (link.find()) {
			java.util.regex.Matcher scheme = SCHEME.matcher(link.group(2));
			if (scheme.find() && !List.of("http", "https", "mailto").contains(scheme.group(1).toLowerCase(java.util.Locale.ROOT))) {
				found.add("[" + link.group(1) + "](" + scheme.group(1).toLowerCase(java.util.Locale.ROOT) + ":…)");
			}
		}
		return found.stream().distinct().toList();
	}

	public String html(String markdown) {
		if (markdown == null) {
			return "";
		}
		return Jsoup.clean(rendered(markdown), SAFE);
	}

	/** The renderer's HTML, before the cleaning. */
	static String rendered(String markdown) {
		// A heading of a coach's own assignment stands out as a line in bold: as a heading it would break
		// the page's outline (an h1 inside a letter), and the short list of safe elements dropped its weight.
		return RENDERER.render(PARSER.parse(markdown))
			.replaceAll("<h[1-6]>", "<p><strong>")
			.replaceAll("</h[1-6]>", "</strong></p>");
	}
}

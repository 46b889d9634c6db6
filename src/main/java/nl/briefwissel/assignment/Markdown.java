package nl.briefwissel.assignment;

import org.commonmark.parser.Parser;
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

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).build();

	private static final Safelist SAFE = Safelist.basic().addAttributes("a", "rel").addEnforcedAttribute("a", "rel",
			"noopener noreferrer");

	public String html(String markdown) {
		if (markdown == null) {
			return "";
		}
		// A heading of a coach's own assignment stands out as a line in bold: as a heading it would break
		// the page's outline (an h1 inside a letter), and the short list of safe elements dropped its weight.
		String html = RENDERER.render(PARSER.parse(markdown))
			.replaceAll("<h[1-6]>", "<p><strong>")
			.replaceAll("</h[1-6]>", "</strong></p>");
		return Jsoup.clean(html, SAFE);
	}
}

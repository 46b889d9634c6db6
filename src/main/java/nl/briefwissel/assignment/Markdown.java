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
		return Jsoup.clean(RENDERER.render(PARSER.parse(markdown)), SAFE);
	}
}

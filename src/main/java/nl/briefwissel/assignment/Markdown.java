package nl.briefwissel.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
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

	/** Where a link may go: a web page or a mail address. */
	private static final List<String> SCHEMES = List.of("http", "https", "mailto");

	/** Which targets a link keeps: the renderer's rule, and the form's ({@link #droppedLinks}). */
	private static final DefaultUrlSanitizer TARGETS = new DefaultUrlSanitizer(SCHEMES);

	/**
	 * Links to web pages and mail addresses only: a javascript: or data: link is written without its target.
	 * The cleaning below refuses those too; this holds should its list of safe elements ever be widened.
	 */
	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		.urlSanitizer(TARGETS)
		.build();

	private static final Safelist SAFE = Safelist.basic().addAttributes("a", "rel").addEnforcedAttribute("a", "rel",
			"noopener noreferrer");

	/**
	 * The links in {@code markdown} whose target the rendering drops (not a web page or a mail address: a
	 * javascript: or data: link), each as its text and scheme: the page showed only the text, and nobody
	 * who wrote it was told. Said at the form instead, so it can be replaced by a web address.
	 *
	 * <p>Read from the parsed document, by the rule the renderer drops them by: every link and image the
	 * parser makes, whichever way it was written. A pattern for {@code [text](target)} let a reference
	 * ({@code [text][ref]} with {@code [ref]: javascript:…} on a line of its own; also {@code [text]}
	 * alone), an autolink ({@code <javascript:…>}) and a target written with an entity through.
	 */
	public static List<String> droppedLinks(String markdown) {
		if (markdown == null) {
			return List.of();
		}
		List<String> found = new ArrayList<>();
		PARSER.parse(markdown).accept(new AbstractVisitor() {
			@Override
			public void visit(Link link) {
				dropped(link, link.getDestination()).ifPresent(found::add);
				visitChildren(link);
			}

			@Override
			public void visit(Image image) {
				dropped(image, image.getDestination()).ifPresent(named -> found.add("!" + named));
				visitChildren(image);
			}
		});
		return found.stream().distinct().toList();
	}

	/**
	 * A link as the form names it, when the renderer drops its target: {@code [text](scheme:…)}, or
	 * {@code <scheme:…>} for an autolink (its text is its target, code that is not repeated back).
	 */
	private static Optional<String> dropped(Node link, String target) {
		if (target == null || target.isBlank() || !TARGETS.sanitizeLinkUrl(target).isEmpty()) {
			return Optional.empty();
		}
		// The renderer drops a target only for what stands before its first colon (and before any / ? #).
		String stripped = target.strip();
		String scheme = stripped.substring(0, stripped.indexOf(':')).toLowerCase(Locale.ROOT) + ":…";
		String text = textOf(link);
		return Optional.of(text.equals(stripped) ? "<" + scheme + ">" : "[" + text + "](" + scheme + ")");
	}

	/** A link's text as read: its words and code, without the Markdown around them. */
	private static String textOf(Node node) {
		StringBuilder text = new StringBuilder();
		for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
			if (child instanceof Text words) {
				text.append(words.getLiteral());
			}
			else if (child instanceof Code code) {
				text.append(code.getLiteral());
			}
			else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
				text.append(' ');
			}
			else {
				text.append(textOf(child));
			}
		}
		return text.toString();
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

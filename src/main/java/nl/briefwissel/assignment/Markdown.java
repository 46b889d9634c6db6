package nl.briefwissel.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import nl.briefwissel.web.Html;

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
import org.jsoup.nodes.Element;
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

	/**
	 * The cleaning: a link keeps its target only with a scheme of its list (the renderer dropped the others), so
	 * a relative one goes too, there being no base address to resolve it against.
	 */
	private static final Safelist SAFE = Safelist.basic().addAttributes("a", "rel").addEnforcedAttribute("a", "rel",
			"noopener noreferrer");

	/**
	 * A target written as a web address without its scheme: www. and then a letter or digit, in any case. As a
	 * web address written so in a letter (decision 0123) it goes to https://. Not example.nl/cv.pdf: that could as
	 * well be a file next to the page (plaatje.png looks the same), so the form asks for https:// rather than guess.
	 */
	private static final Pattern WWW = Pattern.compile("(?i)www\\.[\\p{L}\\p{N}]");

	/** The most of a refused target the form repeats: the sentence around it stays readable. */
	private static final int NAMED = 60;

	/**
	 * The links and images in {@code markdown} the page shows as text alone, each as its text and target: nobody
	 * who wrote them was told. Said at the form instead, so it can be written as a web address. Dropped are a
	 * target of another scheme than http, https or mailto (javascript:, data:, tel:), named by its scheme only,
	 * one without a scheme (example.nl/cv.pdf, /stuk, #begin, //example.nl) and an empty one, named as written; one
	 * written as www. is kept and goes to https://. A web address written out in the text is a link of the letters'
	 * kind (decision 0130), never dropped: it is http or https.
	 *
	 * <p>Read from the parsed document, by the rules the page drops them by (the renderer's and then the
	 * cleaning's, {@link #kept}): every link and image the parser makes, whichever way it was written. A pattern
	 * for {@code [text](target)} let a reference ({@code [text][ref]} with {@code [ref]: javascript:…} on a line of
	 * its own; also {@code [text]} alone), an autolink ({@code <javascript:…>}) and a target written with an entity
	 * through. An image is judged as a link: the page shows it as one ({@link #asShown}); inside a link it is not judged,
	 * being only the link's text there.
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
				// Inside a link an image is only its description on the page ({@link #asShown}): its target is
				// shown nowhere, so nothing of it is lost ([![logo](logo.png)](https://www.werk.nl) is a working link).
				if (!insideALink(image)) {
					dropped(image, image.getDestination()).ifPresent(named -> found.add("!" + named));
				}
				visitChildren(image);
			}
		});
		return found.stream().distinct().toList();
	}

	/**
	 * A link as the form names it, when the page drops its target: {@code [text](scheme:…)} for one of another
	 * scheme (code that is not repeated back), {@code [text](target)} for one without, or {@code <target>} for an
	 * autolink (its text is its target).
	 */
	private static Optional<String> dropped(Node link, String target) {
		// An empty target ([het stuk]() or [het stuk](<>)) is dropped as well: the writer meant a link and the page shows text.
		// Asked of the target as the page renders it, spaces around it and all.
		if (kept(addressed(target == null ? "" : target))) {
			return Optional.empty();
		}
		String stripped = target == null ? "" : target.strip();
		// The renderer drops a target only for what stands before its first colon (and before any / ? #).
		boolean otherScheme = !stripped.isEmpty() && TARGETS.sanitizeLinkUrl(stripped).isEmpty();
		String named = otherScheme ? stripped.substring(0, stripped.indexOf(':')).toLowerCase(Locale.ROOT) + ":…"
				: stripped.length() > NAMED ? stripped.substring(0, NAMED) + "…" : stripped;
		String text = textOf(link);
		// Only an autolink (<scheme:…>) has its target for its text, and it always has a scheme: [werk.nl](werk.nl)
		// was named <werk.nl>, which nobody had typed.
		return Optional.of(otherScheme && text.equals(stripped) ? "<" + named + ">" : "[" + text + "](" + named + ")");
	}

	/** Where a link to {@code destination} goes on the page: https:// before one written as www. */
	private static String addressed(String destination) {
		String stripped = destination.strip();
		return WWW.matcher(stripped).lookingAt() ? "https://" + stripped : destination;
	}

	/**
	 * Whether the page keeps a link to {@code target}, asked of the two layers that drop one: the renderer (another
	 * scheme) and the cleaning after it (no scheme, or an address it cannot read). Asked of
	 * them rather than said again here, so that the form and the page cannot come to differ.
	 */
	private static boolean kept(String target) {
		String rendered = TARGETS.sanitizeLinkUrl(target);
		// On an element of its own, as the cleaning reads it: without a base address, as the page's cleaning has none.
		Element link = new Element("a").attr("href", rendered);
		return !rendered.isEmpty() && SAFE.isSafeAttribute("a", link, link.attribute("href"));
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
		Node document = PARSER.parse(markdown);
		asShown(document);
		// A heading of a coach's own assignment stands out as a line in bold: as a heading it would break
		// the page's outline (an h1 inside a letter), and the short list of safe elements dropped its weight.
		return RENDERER.render(document)
			.replaceAll("<h[1-6]>", "<p><strong>")
			.replaceAll("</h[1-6]>", "</strong></p>");
	}

	/**
	 * The document as the page shows it: a link written as www. goes to https://, and an image is a link to it with
	 * its description as the link's text (its address when it has none). The page shows no image from elsewhere:
	 * its policy loads its own only, a picture from another site would tell that site who reads, and in the letter
	 * it is text anyway. Inside a link an image is its description: a link inside a link is no HTML, and the
	 * outer one goes where the writer pointed the picture. A web address written out in the text is a link, as in a
	 * letter ({@link #addressesAsLinks}).
	 */
	private static void asShown(Node document) {
		List<Image> images = new ArrayList<>();
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Link link) {
				link.setDestination(addressed(link.getDestination()));
				visitChildren(link);
			}

			@Override
			public void visit(Image image) {
				images.add(image);
				visitChildren(image);
			}
		});
		// In document order: an image inside another is inside a link by the time it comes.
		for (Image image : images) {
			Node shown = insideALink(image) ? null : new Link(addressed(image.getDestination()), image.getTitle());
			Node next;
			for (Node child = image.getFirstChild(); child != null; child = next) {
				next = child.getNext();
				if (shown == null) {
					image.insertBefore(child);
				}
				else {
					shown.appendChild(child);
				}
			}
			if (shown != null) {
				if (shown.getFirstChild() == null) {
					shown.appendChild(new Text(image.getDestination().strip()));
				}
				image.insertBefore(shown);
			}
			image.unlink();
		}
		addressesAsLinks(document);
	}

	/**
	 * Each web address written out in the text a link, found by the letters' own rule ({@link Html#webAddresses}) so
	 * that an address is the same link in the library as in the letter that gives the assignment (decision 0130):
	 * http or https as written, www. to https://, a sentence's full stop or bracket after it left out. It opens as
	 * the assignment's other links do (the cleaning's rel, the same tab). Not in code, which is no text node, and
	 * not in a link's text (an image's description is one by now): a link inside a link is no HTML.
	 */
	private static void addressesAsLinks(Node document) {
		List<Text> texts = new ArrayList<>();
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Link link) {
				// Its text is a link's already.
			}

			@Override
			public void visit(Text text) {
				texts.add(text);
			}
		});
		for (Text text : texts) {
			String literal = text.getLiteral();
			List<Html.WebAddress> addresses = Html.webAddresses(literal);
			if (addresses.isEmpty()) {
				continue;
			}
			int from = 0;
			for (Html.WebAddress address : addresses) {
				if (address.start() > from) {
					text.insertBefore(new Text(literal.substring(from, address.start())));
				}
				Link link = new Link(address.target(literal), null);
				link.appendChild(new Text(literal.substring(address.start(), address.end())));
				text.insertBefore(link);
				from = address.end();
			}
			if (from < literal.length()) {
				text.insertBefore(new Text(literal.substring(from)));
			}
			text.unlink();
		}
	}

	private static boolean insideALink(Node node) {
		for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
			if (parent instanceof Link) {
				return true;
			}
		}
		return false;
	}
}

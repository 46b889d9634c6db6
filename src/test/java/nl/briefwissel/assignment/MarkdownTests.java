package nl.briefwissel.assignment;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignment instructions are shown as HTML (library, choosing an assignment): a link in them may go to a
 * web page or an address, never run script. Both layers refuse it on their own, the Markdown renderer and
 * the cleaning after it, so that widening the one leaves the other standing.
 */
class MarkdownTests {

	private final Markdown markdown = new Markdown();

	@ParameterizedTest
	@ValueSource(strings = { "[klik](javascript:alert(1))", "[klik](JaVaScRiPt:alert(1))", "<javascript:alert(1)>",
			"[klik](&#106;avascript:alert(1))", "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
			"[klik](vbscript:msgbox(1))", "[klik][ref]\n\n[ref]: javascript:alert(1)" })
	void aLinkThatWouldRunSomethingIsNoLinkAfterEitherLayer(String instructions) {
		for (String html : new String[] { Markdown.rendered(instructions), markdown.html(instructions) }) {
			assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("href=\"javascript", "href=\"data",
					"href=\"vbscript", "href=\"&#");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://www.werk.nl/vacatures", "http://example.nl/pagina?a=1", "mailto:loket@example.nl" })
	void aLinkToAPageOrAnAddressStays(String url) {
		var links = Jsoup.parse(markdown.html("Zie [hier](" + url + ") en <" + url + ">.")).select("a");
		assertThat(links).extracting(link -> link.attr("href")).containsExactly(url, url);
		assertThat(links).extracting(link -> link.attr("rel")).containsOnly("noopener noreferrer");
		assertThat(links).extracting(link -> link.text()).containsExactly("hier", url);
	}

	/**
	 * Every way Markdown writes a link or an image is refused at the form when its target is dropped, named
	 * as the inline link is: a reference (full, collapsed or shortcut, its definition on a line of its own)
	 * and an autolink went through unsaid, and their text showed without the link.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			Lees [dit stuk](javascript:alert(1)) eens.                       | [dit stuk](javascript:…)
			Lees [dit stuk](<JaVaScRiPt:alert(1)> "titel") eens.              | [dit stuk](javascript:…)
			Lees [dit stuk](&#106;avascript:alert(1)) eens.                  | [dit stuk](javascript:…)
			Lees [dit stuk][1] eens.\\n\\n[1]: javascript:alert(1)             | [dit stuk](javascript:…)
			Lees [dit stuk][] eens.\\n\\n[Dit Stuk]: javascript:alert(1)        | [dit stuk](javascript:…)
			Lees [dit stuk] eens.\\n\\n[dit stuk]: javascript:alert(1)          | [dit stuk](javascript:…)
			Lees [**dit** `stuk`][1] eens.\\n\\n[1]: <data:text/html,x> "titel" | [dit stuk](data:…)
			Kijk ![een foto](javascript:alert(1)).                          | ![een foto](javascript:…)
			Kijk ![een foto][foto].\\n\\n[foto]: data:text/html;base64,PHNjcmlwdD4= | ![een foto](data:…)
			Kijk ![een foto].\\n\\n[een foto]: vbscript:msgbox(1)               | ![een foto](vbscript:…)
			Klik <javascript:alert(1)>.                                      | <javascript:…>
			""")
	void aLinkWrittenAnyWayWhoseTargetIsDroppedIsNamed(String written, String named) {
		String markdown = written.replace("\\n", "\n");
		assertThat(Markdown.droppedLinks(markdown)).containsExactly(named);
		assertThat(Markdown.rendered(markdown).toLowerCase(java.util.Locale.ROOT)).as("the renderer drops it indeed")
			.doesNotContain("=\"javascript:", "=\"data:", "=\"vbscript:");
	}

	/**
	 * A web page or a mail address stays allowed however the link is written, one written as www. too. A relative one
	 * (/stuk#begin) was here as the renderer kept it; the cleaning after it dropped it, so it is refused now (below).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Lees [dit stuk](https://example.nl/stuk) eens.", "Lees [dit stuk][1].\n\n[1]: https://example.nl/stuk",
			"Lees [dit stuk][].\n\n[dit stuk]: http://example.nl/stuk \"Het stuk\"", "Mail [het loket].\n\n[het loket]: mailto:loket@example.nl",
			"Kijk ![een foto](https://example.nl/foto.jpg).", "Kijk ![een foto][f].\n\n[f]: <https://example.nl/foto.jpg>",
			"Klik <https://example.nl/stuk> of <mailto:loket@example.nl> of <loket@example.nl>.", "Lees [het stuk](www.example.nl/stuk#begin) eens.",
			"Een [haakje] en [nog een][x] zonder link, `[code](javascript:alert(1))` en javascript:alert(1) als tekst.",
			"    [ingesprongen code](javascript:alert(1))" })
	void aLinkToAPageOrAnAddressWrittenAnyWayIsNotRefused(String written) {
		assertThat(Markdown.droppedLinks(written)).isEmpty();
	}

	/**
	 * The form and the page agree on every link, exactly: what the form lets through the page shows as a link,
	 * and what the page would show as its text alone the form refuses. A target without https:// (www.werk.nl,
	 * example.nl/cv.pdf, a path) and every image passed the form, and the cleaning dropped them silently.
	 * Each target is written as an inline link, an image, a reference and an autolink.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "www.werk.nl", "WWW.werk.nl/vacatures", "Www.werk.nl", "<www.werk.nl>", "&#119;ww.werk.nl", "www.",
			"www.werk.nl:8080/stuk", "werk.nl", "example.nl/cv.pdf", "<example.nl/cv.pdf>", "plaatje.png", "stuk.html",
			"mailto:loket@example.nl", "MAILTO:loket@example.nl", "mailto:", "tel:+31201234567", "TEL:0201234567", "/stuk",
			"/stuk#begin", "#begin", "?pagina=2", "./stuk", "../stuk", "//example.nl/stuk", "//www.werk.nl", "///stuk",
			"HTTPS://EXAMPLE.NL/STUK", "Https://example.nl", "hTTp://example.nl", "https:example.nl", "https:/example.nl",
			"http://", "https://", "https://[::1", "https://[::1]/stuk", "https://example.nl:99999/stuk", "ftp://example.nl",
			"<https://example.nl/een stuk>", "< https://example.nl/stuk >", "<\thttps://example.nl/stuk>",
			"https://example.nl/a%20b", "https://example.nl/stuk \"titel\"", "<www.werk.nl> 'titel'",
			"&#104;ttps://example.nl", "&#x68;ttps://example.nl", "https&#58;//example.nl", "javascript:alert(1)",
			" javascript:alert(1)", "java%73cript:alert(1)", "localhost:8080/stuk", "loket@example.nl",
			"https://example.nl/\u00e9t\u00e9", "https://ex\u00e4mple.nl", "https://user:wachtwoord@example.nl", "", "<>", " " })
	void theFormRefusesALinkExactlyWhenThePageDropsIt(String target) {
		for (String written : java.util.List.of("Lees [het stuk](" + target + ") eens.", "Kijk ![een foto](" + target + ").",
				"Lees [het stuk][1] eens.\n\n[1]: " + target, "Kijk ![een foto][f].\n\n[f]: " + target,
				"Klik <" + target + "> eens.", "Zie [![logo](logo.png)](" + target + ").",
				"Zie [![logo](" + target + ")](https://www.werk.nl).")) {
			int links = linksIn(written);
			int addresses = addressesIn(written);
			boolean refused = !Markdown.droppedLinks(written).isEmpty();
			var shown = Jsoup.parse(markdown.html(written)).select("a[href]");
			assertThat(shown).as("%s: refused %s, so shown as a link %s, and %s web addresses in its text", written, refused,
					!refused, addresses)
				.hasSize((refused ? 0 : links) + addresses);
			assertThat(Jsoup.parse(markdown.html(written)).select("img")).as(written).isEmpty();
		}
	}

	/**
	 * A logo as a link's text was refused for the logo's target (logo.png, without a scheme), while the page showed a
	 * working link with the text logo: inside a link an image is only its description.
	 */
	@Test
	void anImageInsideALinkIsThatLinksTextAndNotRefused() {
		String written = "[![logo](logo.png)](https://www.werk.nl)";
		assertThat(Markdown.droppedLinks(written)).isEmpty();
		var shown = Jsoup.parse(markdown.html(written)).select("a[href]");
		assertThat(shown).hasSize(1);
		assertThat(shown.first().attr("href")).isEqualTo("https://www.werk.nl");
		assertThat(shown.first().text()).isEqualTo("logo");
		assertThat(Markdown.droppedLinks("[![logo](logo.png)](werk.nl)")).containsExactly("[logo](werk.nl)");
	}

	/**
	 * The web addresses in its text outside the links and images the parser makes, counted as a letter shows the
	 * same words (decision 0123): the page links those too (decision 0130), and a form that wrote a target the parser
	 * took for no link (&lt;&lt;https://example.nl/een stuk&gt;&gt;) shows its address as one.
	 */
	private static int addressesIn(String written) {
		int[] addresses = { 0 };
		org.commonmark.parser.Parser.builder().build().parse(written).accept(new org.commonmark.node.AbstractVisitor() {
			@Override
			public void visit(org.commonmark.node.Link link) {
				// Its text is a link's already.
			}

			@Override
			public void visit(org.commonmark.node.Image image) {
				// Shown as a link with its description for text.
			}

			@Override
			public void visit(org.commonmark.node.Text text) {
				addresses[0] += Jsoup.parse(nl.briefwissel.web.Html.escapeLinking(new StringBuilder(), text.getLiteral()).toString())
					.select("a[href]")
					.size();
			}
		});
		return addresses[0];
	}

	/** The links and images the parser makes of it, written any way; an image inside a link is that link's text. */
	private static int linksIn(String written) {
		int[] links = { 0 };
		org.commonmark.parser.Parser.builder().build().parse(written).accept(new org.commonmark.node.AbstractVisitor() {
			@Override
			public void visit(org.commonmark.node.Link link) {
				links[0]++;
				visitChildren(link);
			}

			@Override
			public void visit(org.commonmark.node.Image image) {
				// Inside a link an image is only that link's text.
				if (!(image.getParent() instanceof org.commonmark.node.Link)) {
					links[0]++;
				}
				visitChildren(image);
			}
		});
		return links[0];
	}

	/**
	 * A target without https:// that is not written as www. is refused, named as written: example.nl/cv.pdf could
	 * be a site or a file next to the page, so the form asks rather than guess (a letter does not link it either).
	 * An empty one too: {@code [het stuk]()} passed, and the page showed its text without a link.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Kijk op [de site](werk.nl) eens.                  | [de site](werk.nl)
			Kijk op [werk.nl](werk.nl) eens.                  | [werk.nl](werk.nl)
			Lees [mijn cv](example.nl/cv.pdf).                | [mijn cv](example.nl/cv.pdf)
			Kijk ![een foto](plaatje.png).                    | ![een foto](plaatje.png)
			Lees [het stuk](/stuk#begin) eens.                | [het stuk](/stuk#begin)
			Lees [het stuk](//example.nl/stuk).               | [het stuk](//example.nl/stuk)
			Bel [het loket](tel:0201234567).                  | [het loket](tel:…)
			Lees [mijn cv][cv].\\n\\n[cv]: <example.nl/mijn cv.pdf> | [mijn cv](example.nl/mijn cv.pdf)
			Lees [het stuk]() eens.                           | [het stuk]()
			Lees [het stuk](<>) eens.                         | [het stuk]()
			Lees [het stuk]( ) eens.                          | [het stuk]()
			Lees [het stuk](<> "titel") eens.                 | [het stuk]()
			Kijk ![een foto]().                               | ![een foto]()
			Lees [het stuk][1] eens.\\n\\n[1]: <>             | [het stuk]()
			""")
	void aLinkWithoutHttpsIsNamedAsWritten(String written, String named) {
		String markdown = written.replace("\\n", "\n");
		assertThat(Markdown.droppedLinks(markdown)).containsExactly(named);
		assertThat(Jsoup.parse(this.markdown.html(markdown)).select("a[href]")).isEmpty();
	}

	/** A very long target is named by its start: the sentence at the form stays readable. */
	@org.junit.jupiter.api.Test
	void aLongTargetIsNamedByItsStart() {
		String target = "example.nl/" + "map/".repeat(50) + "cv.pdf";
		assertThat(Markdown.droppedLinks("[mijn cv](" + target + ")")).singleElement()
			.satisfies(named -> assertThat(named).startsWith("[mijn cv](example.nl/map/").endsWith("…)").hasSizeLessThan(120));
	}

	/** A target written as www. goes to https://, as a web address written as www. in a letter does (decision 0123). */
	@ParameterizedTest
	@ValueSource(strings = { "Zie [de site](www.werk.nl/vacatures).", "Zie [de site](WWW.werk.nl/vacatures).",
			"Zie [de site][w].\n\n[w]: <www.werk.nl/vacatures> \"Vacatures\"", "Zie [de site]( www.werk.nl/vacatures )." })
	void aLinkWrittenAsWwwGoesToHttps(String written) {
		assertThat(Markdown.droppedLinks(written)).isEmpty();
		var link = Jsoup.parse(markdown.html(written)).selectFirst("a");
		assertThat(link.attr("href")).isEqualToIgnoringCase("https://www.werk.nl/vacatures");
		assertThat(link.text()).isEqualTo("de site");
		assertThat(link.attr("rel")).isEqualTo("noopener noreferrer");
	}

	/**
	 * An image is a link to it, its description the link's text: the page loads no image from elsewhere (its
	 * policy allows its own only, and a picture from another site would tell that site who reads), and the
	 * cleaning dropped every image with its description, silently. Inside a link it is its description.
	 */
	@org.junit.jupiter.api.Test
	void anImageIsALinkToItWithItsDescription() {
		var photo = Jsoup.parse(markdown.html("Kijk ![een **mooie** foto](https://example.nl/foto.jpg \"Foto\").")).select("a");
		assertThat(photo).extracting(a -> a.attr("href"), a -> a.text())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("https://example.nl/foto.jpg", "een mooie foto"));
		assertThat(Jsoup.parse(markdown.html("Kijk ![](www.werk.nl/foto.jpg).")).select("a"))
			.extracting(a -> a.attr("href"), a -> a.text())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("https://www.werk.nl/foto.jpg", "www.werk.nl/foto.jpg"));
		String logo = "[![het logo](https://example.nl/logo.png) van UWV](https://www.werk.nl)";
		assertThat(Markdown.droppedLinks(logo)).isEmpty();
		assertThat(Jsoup.parse(markdown.html(logo)).select("a")).extracting(a -> a.attr("href"), a -> a.text())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("https://www.werk.nl", "het logo van UWV"));
	}

	/**
	 * A web address written in the text is a link, as in a letter (decision 0130): the same addresses, up to the
	 * same sentence's end, with the same targets (www. to https://, http:// as written, no other scheme). It opens
	 * as the assignment's other links do: in the same tab, telling the site nothing of the page. Instructions with
	 * an address written out showed it as text alone, while the same words in a letter were a link.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Kijk op https://www.werk.nl/vacatures.", "Kijk op www.werk.nl/vacatures, of op WWW.werk.nl!",
			"De video (https://example.org/video) duurt kort.", "Zie http://example.nl/pagina?a=1 en (zie https://nl.wikipedia.org/wiki/Loopbaan_(werk)).",
			"**Lees** eerst www.example.nl\u00a0of bel ons.\nDaarna https://example.nl/stap-2;",
			"Schrijf naar anja@www.example.org of loket@example.nl, niet naar mailto:loket@example.nl, javascript:alert(1),"
					+ " ftp://example.nl, nohttp://example.org of https:// leeg. Wel naar https://example.nl.",
			"# Kop met www.example.nl\n\n- een lijst met https://example.nl/a&b=<c>\n- en \"https://example.nl/citaat\"" })
	void aWebAddressInTheTextIsALinkAsInALetter(String written) {
		var page = Jsoup.parse(markdown.html(written)).select("a");
		// As the letter that gives the assignment carries it (Assignment.plain), a list's dashes aside.
		String inTheLetter = Assignment.plain(written).replaceAll("(?m)^- ", "");
		var letter = Jsoup.parse(nl.briefwissel.web.Html.escapeLinking(new StringBuilder(), inTheLetter).toString()).select("a");
		assertThat(letter).as("a letter links an address in it").isNotEmpty();
		assertThat(page).extracting(a -> a.attr("href"), org.jsoup.nodes.Element::text)
			.containsExactlyElementsOf(letter.stream().map(a -> org.assertj.core.groups.Tuple.tuple(a.attr("href"), a.text())).toList());
		assertThat(page).allSatisfy(a -> {
			assertThat(a.attr("href")).matches("https?://.+");
			assertThat(a.attr("rel")).isEqualTo("noopener noreferrer");
			assertThat(a.hasAttr("target")).isFalse();
		});
	}

	/**
	 * An address in code stays code, and one in a link's text or an image's description stays that link's text: a
	 * link inside a link is no HTML, and the writer pointed the outer one.
	 */
	@Test
	void anAddressInCodeOrInALinksTextIsNotLinkedAgain() {
		String written = "Typ `https://example.nl/code` over.\n\n    https://example.nl/blok\n\n"
				+ "[zie https://example.nl/tekst](https://example.nl/doel), ![www.example.nl/foto](https://example.nl/foto.jpg),"
				+ " [![www.example.nl/logo](logo.png)](https://example.nl/logo) en <https://example.nl/hoek>.";
		assertThat(Markdown.droppedLinks(written)).isEmpty();
		assertThat(Jsoup.parse(markdown.html(written)).select("a")).extracting(a -> a.attr("href"))
			.containsExactly("https://example.nl/doel", "https://example.nl/foto.jpg", "https://example.nl/logo", "https://example.nl/hoek");
		assertThat(Jsoup.parse(markdown.html(written)).select("code")).extracting(org.jsoup.nodes.Element::text)
			.containsExactly("https://example.nl/code", "https://example.nl/blok");
	}

	/**
	 * In the letter that gives the assignment a link written as www. or an image reads as its text and an https://
	 * address after it, as a web link does: in the HTML mail only an http(s) address is a link (decision 0087).
	 */
	@org.junit.jupiter.api.Test
	void aLinkWrittenAsWwwOrAnImageReadsAsTextAndAnHttpsAddressInTheLetter() {
		var video = new Assignment(java.util.UUID.randomUUID(), null, "Video", "Kijk [de video](www.youtube.com/watch?v=1) en"
				+ " ![het schema](https://example.nl/schema.png).", AssignmentType.VIDEO, java.util.List.of(), 10,
				java.util.Locale.forLanguageTag("nl"), false);
		String letter = video.asLetterText("Opdracht", "");
		assertThat(letter).contains("Kijk de video (https://www.youtube.com/watch?v=1) en het schema (https://example.nl/schema.png).");
		assertThat(video.carriesALink()).isTrue();
		assertThat(video.videoLinkMissingFrom(letter)).isFalse();
	}
}

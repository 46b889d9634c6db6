package nl.briefwissel.assignment;

import org.jsoup.Jsoup;
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

	/** A web page or a mail address stays allowed however the link is written, a relative one as the renderer keeps it. */
	@ParameterizedTest
	@ValueSource(strings = { "Lees [dit stuk](https://example.nl/stuk) eens.", "Lees [dit stuk][1].\n\n[1]: https://example.nl/stuk",
			"Lees [dit stuk][].\n\n[dit stuk]: http://example.nl/stuk \"Het stuk\"", "Mail [het loket].\n\n[het loket]: mailto:loket@example.nl",
			"Kijk ![een foto](https://example.nl/foto.jpg).", "Kijk ![een foto][f].\n\n[f]: <https://example.nl/foto.jpg>",
			"Klik <https://example.nl/stuk> of <mailto:loket@example.nl> of <loket@example.nl>.", "Lees [het stuk](/stuk#begin) eens.",
			"Een [haakje] en [nog een][x] zonder link, `[code](javascript:alert(1))` en javascript:alert(1) als tekst.",
			"    [ingesprongen code](javascript:alert(1))" })
	void aLinkToAPageOrAnAddressWrittenAnyWayIsNotRefused(String written) {
		assertThat(Markdown.droppedLinks(written)).isEmpty();
	}
}

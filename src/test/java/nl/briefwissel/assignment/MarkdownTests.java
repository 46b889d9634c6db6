package nl.briefwissel.assignment;

import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
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
}

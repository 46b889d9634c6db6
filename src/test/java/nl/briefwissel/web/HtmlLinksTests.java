package nl.briefwissel.web;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.unbescape.html.HtmlEscape;

import static org.assertj.core.api.Assertions.assertThat;

/** A web address in a letter is a link on the page, escaped as the rest of the letter (decision 0123). */
class HtmlLinksTests {

	private static String a(String href, String text) {
		return "<a class=\"utrecht-link\" href=\"" + href + "\" rel=\"noopener noreferrer nofollow\">" + text + "</a>";
	}

	private static String linked(String text) {
		return Html.escapeLinking(new StringBuilder(), text).toString();
	}

	@Test
	void anAddressAtTheEndOfASentenceLeavesItsFullStop() {
		assertThat(linked("Kijk de video: http://example.org/video."))
			.isEqualTo("Kijk de video: " + a("http://example.org/video", "http://example.org/video") + ".");
		assertThat(linked("https://example.org/a?b=1, en verder"))
			.isEqualTo(a("https://example.org/a?b=1", "https://example.org/a?b=1") + ", en verder");
		assertThat(linked("Zie https://example.org/video!\nEn dan?")).startsWith("Zie " + a("https://example.org/video", "https://example.org/video") + "!\n");
	}

	@Test
	void anAddressInParenthesesLeavesThemButKeepsItsOwn() {
		assertThat(linked("De video (https://example.org/video) duurt kort."))
			.isEqualTo("De video (" + a("https://example.org/video", "https://example.org/video") + ") duurt kort.");
		assertThat(linked("(zie https://nl.wikipedia.org/wiki/Loopbaan_(werk)).")).isEqualTo("(zie "
				+ a("https://nl.wikipedia.org/wiki/Loopbaan_(werk)", "https://nl.wikipedia.org/wiki/Loopbaan_(werk)") + ").");
		// Instructions written in Markdown travel in a letter as text: the address in them is the link.
		assertThat(linked("[de video](https://example.org/v)")).isEqualTo("[de video](" + a("https://example.org/v", "https://example.org/v") + ")");
	}

	@Test
	void onlyWebAddressesBecomeLinks() {
		for (String other : new String[] { "javascript:alert(1)", "JavaScript://example.org/%0Aalert(1)", "data:text/html,<b>x</b>",
				"vbscript:x", "ftp://example.org/a", "mailto:a@example.org", "http://", "https:// leeg", "nohttp://example.org" }) {
			assertThat(linked("Klik " + other)).as(other).doesNotContain("<a ").isEqualTo(Html.escape("Klik " + other));
		}
		assertThat(linked("javascript:http://example.org/x")).contains("href=\"http://example.org/x\"")
			.startsWith("javascript:");
		assertThat(linked("mail naar anja@www.example.org")).doesNotContain("<a ");
	}

	/** A no-break space ends an address as a space does: the word after it is the letter's (review). */
	@Test
	void aNoBreakSpaceEndsAnAddress() {
		assertThat(linked("Zie www.example.nl\u00a0of bel")).isEqualTo("Zie " + a("https://www.example.nl", "www.example.nl") + "\u00a0of bel");
	}

	/**
	 * An address is at most 2,048 characters after its http:// or https:// (or www.); a longer one stays text, as a
	 * link to its first part would go elsewhere: a mail may hold half a million characters of one
	 * "address" (of closing brackets, say), and the conversation page writes it at every view (review).
	 */
	@Test
	void anAddressLongerThanBrowsersKeepIsLinkedToItsLimit() {
		String address = "https://example.org/" + "a".repeat(3000);
		String page = linked(address);
		assertThat(page).isEqualTo(address);
		// Nor an address inside its tail: that link would go elsewhere too.
		String tail = address + "?next=https://elders.example/x";
		assertThat(linked(tail)).isEqualTo(Html.escape(tail));
		String longest = "https://example.org/" + "a".repeat(2048 - "example.org/".length());
		assertThat(linked(longest + " en")).isEqualTo(a(longest, longest) + " en");
		String brackets = "http://a" + ")".repeat(40_000);
		assertThat(linked(brackets)).isEqualTo(brackets);
		assertThat(linked("(http://a)" + ")".repeat(2000))).isEqualTo("(" + a("http://a", "http://a") + ")" + ")".repeat(2000));
	}

	@Test
	void anAddressBeginningWithWwwGoesOverHttps() {
		assertThat(linked("Zie www.example.org/video.")).isEqualTo("Zie " + a("https://www.example.org/video", "www.example.org/video") + ".");
		assertThat(linked("wwwx.example.org en www. en www.-")).doesNotContain("<a ");
	}

	@Test
	void whatIsAroundAndInsideTheAddressIsEscaped() {
		String written = "<b>Kijk</b> & \"lees\" http://example.org/a?x=1&y=<2>\"onmouseover=\"alert(1)\" 'zo'";
		String page = linked(written);
		assertThat(page).isEqualTo("&lt;b&gt;Kijk&lt;/b&gt; &amp; &quot;lees&quot; "
				+ a("http://example.org/a?x=1&amp;y=", "http://example.org/a?x=1&amp;y=")
				+ "&lt;2&gt;&quot;onmouseover=&quot;alert(1)&quot; &#39;zo&#39;");
		assertThat(linked("http://example.org/'onclick='x")).contains("href=\"http://example.org/&#39;onclick=&#39;x\"");
		assertThat(linked("\"https://example.org/q\"")).isEqualTo("&quot;" + a("https://example.org/q", "https://example.org/q") + "&quot;");
	}

	@Test
	void aLetterWithoutAddressesIsWrittenAsTextAlone() {
		String letter = "Beste Anja,\n\nIk weet 't nog niet <b>zeker</b> & dat is \"oké\". Zie je http?\n";
		assertThat(linked(letter)).isEqualTo(HtmlEscape.escapeHtml4Xml(letter));
		assertThat(linked(null)).isEmpty();
	}

	/**
	 * Random letters full of addresses, quotes and brackets: read back by an HTML parser, the text is the letter
	 * as written, and every link is an http(s) address whose text is what the letter says at that place.
	 */
	@Test
	void randomLettersReadBackAsWrittenWithOnlyWebLinks() {
		java.util.Random random = new java.util.Random(20261206);
		String[] pieces = { "http://", "https://", "www.", "javascript:", "example.org", "/a", "(", ")", ".", ",", "\"", "'", "<",
				">", "&", "&amp;", " ", "\n", "é", "@", "?x=1", "#b", "data:", "HTTPS://", "]", "[" };
		for (int letter = 0; letter < 5_000; letter++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(30);
			for (int i = 0; i < length; i++) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			String written = text.toString();
			org.jsoup.nodes.Document read = org.jsoup.Jsoup.parseBodyFragment("<div>" + linked(written) + "</div>");
			read.outputSettings().prettyPrint(false);
			assertThat(read.body().child(0).wholeText()).as("%s", written).isEqualTo(written.replace("\r", ""));
			for (org.jsoup.nodes.Element a : read.select("a")) {
				String href = a.attr("href");
				assertThat(href).as("%s", written).matches("(?i)https?://[\\p{L}\\p{N}].*");
				assertThat(href).as("%s", written).endsWith(a.text().replaceFirst("^(?i)https?://", ""));
				assertThat(a.children()).isEmpty();
			}
		}
	}

	@Test
	void bwLinkedWritesALetterWithItsLinks() {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(new StringTemplateResolver());
		engine.addDialect(new LongTextDialect());
		Context context = new Context();
		context.setVariable("letter", "Zie <https://example.org/v>.");
		context.setVariable("nothing", null);
		assertThat(engine.process("<p bw:linked=\"${letter}\">x</p>|<p bw:linked=\"${nothing}\">x</p>", context))
			.isEqualTo("<p>Zie &lt;" + a("https://example.org/v", "https://example.org/v") + "&gt;.</p>|<p></p>");
	}
}

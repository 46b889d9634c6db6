package nl.briefwissel.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML part made for mail written as plain text. */
class HtmlTextTests {

	@Test
	void plainTextBecomesParagraphsWithLinksAndNothingExecutable() {
		String html = HtmlText.fromText("""
				Beste Sanne,

				Het contactmoment is voorbij.
				Alles teruglezen: https://briefwissel.example.nl/participant/conversation?x=1&y=2.

				<script>alert('x')</script> groet""", null, null, "https://briefwissel.example.nl");
		assertThat(html).contains("<p>Beste Sanne,</p>")
			.contains("Het contactmoment is voorbij.<br>")
			.contains("<a href=\"https://briefwissel.example.nl/participant/conversation?x=1&amp;y=2\"")
			.doesNotContain("<script>")
			.contains("&lt;script&gt;");
		assertThat(HtmlText.toText(html)).contains("Beste Sanne,").contains("Het contactmoment is voorbij.");
	}

	/**
	 * Only Briefwissel's own addresses become links: a notice's text is filled in with names and addresses
	 * from outside (a mail's From header), and a link there would be a stranger's in a mail from Briefwissel.
	 */
	@Test
	void onlyBriefwisselsOwnAddressesBecomeLinks() {
		String html = HtmlText.fromText("""
				Beste https://evil.example/naam,

				Een mail van "https://evil.example/login"@x.nl, https://briefwissel.example.nl.evil.example/x en
				https://briefwissel.example.nl@evil.example/ kwam binnen.

				Je gesprek: https://briefwissel.example.nl/participant/conversation?lang=nl en https://briefwissel.example.nl""",
				null, null, "https://briefwissel.example.nl/");
		org.jsoup.nodes.Document document = org.jsoup.Jsoup.parse(html);
		assertThat(document.select("a").eachAttr("href")).containsExactly(
				"https://briefwissel.example.nl/participant/conversation?lang=nl", "https://briefwissel.example.nl");
		assertThat(document.text()).contains("Beste https://evil.example/naam,").contains("https://evil.example/login");
		assertThat(org.jsoup.Jsoup.parse(HtmlText.fromText("Zie https://briefwissel.example.nl/x", null, null, null)).select("a"))
			.as("without our address: no links at all").isEmpty();
	}

	/** A line break is one line end, not a paragraph: a header block or an attribution wrapped with br stays together. */
	@Test
	void aLineBreakEndsALineNotAParagraph() {
		assertThat(HtmlText.toText("<p>Regel een<br>Regel twee</p><p>Alinea</p>")).isEqualTo("Regel een\nRegel twee\n\nAlinea");
	}

	@Test
	void tableCellsStayApartAndEachRowIsALine() {
		String text = HtmlText.toText("""
				<table><tr><th>Dag</th><th>Wat</th></tr><tr><td>Maandag</td><td>Gesprek</td></tr>
				<tr><td>Dinsdag</td><td>Sollicitatie</td></tr></table>""");
		assertThat(text).isEqualTo("Dag\tWat\nMaandag\tGesprek\nDinsdag\tSollicitatie");
	}

	@Test
	void aNumberedListKeepsItsNumbers() {
		String text = HtmlText.toText("""
				<p>Mijn stappen:</p><ol><li>Cv bijwerken</li><li>Drie vacatures kiezen</li></ol>
				<ol start="4"><li>Netwerkgesprek</li></ol><ul><li>Los punt</li></ul>""");
		assertThat(text).contains("1. Cv bijwerken\n2. Drie vacatures kiezen")
			.contains("4. Netwerkgesprek")
			.contains("- Los punt");
	}

	@Test
	void aLinkKeepsItsAddressUnlessItsWordsAreTheAddress() {
		String text = HtmlText.toText("""
				<p>Ik twijfel over <a href="https://werk.example.nl/vacature/123?bron=mail&amp;id=7">deze vacature</a>.</p>
				<p>Zie <a href="https://www.example.nl/">www.example.nl</a>, <a href="https://example.nl/x">https://example.nl/x</a>,
				<a href="mailto:hr@example.nl">de afdeling HR</a> en <a href="cid:image001.png@01DC">het logo</a>.</p>""");
		assertThat(text).contains("deze vacature <https://werk.example.nl/vacature/123?bron=mail&id=7>.")
			.contains("Zie www.example.nl, https://example.nl/x, de afdeling HR en het logo.");
	}

	/** Five hundred quotes deep around many lines: marked ten deep at most, read in time and in bounded size. */
	@Test
	void deeplyNestedQuotesAreMarkedTenDeepAtMost() {
		String html = "<blockquote>".repeat(500) + "regel<br>".repeat(100_000) + "</blockquote>".repeat(500);
		String text = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
				() -> HtmlText.toText(html));
		assertThat(text.lines().findFirst().orElseThrow()).isEqualTo(">".repeat(10) + " regel");
		assertThat(text.length()).isLessThan(100_000 * 20);
	}
}

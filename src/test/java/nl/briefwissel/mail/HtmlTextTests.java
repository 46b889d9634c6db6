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

				<script>alert('x')</script> groet""");
		assertThat(html).contains("<p>Beste Sanne,</p>")
			.contains("Het contactmoment is voorbij.<br>")
			.contains("<a href=\"https://briefwissel.example.nl/participant/conversation?x=1&amp;y=2\"")
			.doesNotContain("<script>")
			.contains("&lt;script&gt;");
		assertThat(HtmlText.toText(html)).contains("Beste Sanne,").contains("Het contactmoment is voorbij.");
	}
}

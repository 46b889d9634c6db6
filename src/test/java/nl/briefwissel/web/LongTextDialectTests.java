package nl.briefwissel.web;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.unbescape.html.HtmlEscape;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bw:text} writes exactly the markup {@code th:text} writes, only faster. */
class LongTextDialectTests {

	@Test
	void writesWhatPeopleWroteAsText() {
		assertThat(Html.escape("Zo'n brief van m'n coach & \"ik\" <script>alert(1)</script>"))
			.isEqualTo("Zo&#39;n brief van m&#39;n coach &amp; &quot;ik&quot; &lt;script&gt;alert(1)&lt;/script&gt;");
		String plain = "Geen bijzondere tekens, wel één é en een 🙂";
		assertThat(Html.escape(plain)).isSameAs(plain);
		assertThat(Html.escape("")).isEmpty();
	}

	/** Every character that matters, and many that do not, in random letters: the same as Thymeleaf's escaper. */
	@Test
	void escapesCharacterForCharacterAsThymeleafDoes() {
		Random random = new Random(20261127);
		String alphabet = "&<>\"'`=/;#\u00a0\u00e9\u20ac\u0000\t\r\nab \ud83d\ude42\ud800\udfff";
		for (int letter = 0; letter < 5_000; letter++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(200);
			for (int i = 0; i < length; i++) {
				text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String written = text.toString();
			assertThat(Html.escape(written)).as("%s", written).isEqualTo(HtmlEscape.escapeHtml4Xml(written));
			assertThat(Html.escape(new StringBuilder("<p>"), written)).as("%s", written)
				.hasToString("<p>" + HtmlEscape.escapeHtml4Xml(written));
		}
	}

	@Test
	void aTemplateGetsTheSameMarkupFromBwTextAsFromThText() {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(new StringTemplateResolver());
		engine.addDialect(new LongTextDialect());
		Context context = new Context();
		String letter = "Beste Anja,\n\nIk weet 't nog niet <b>zeker</b> & dat is \"oké\".\n".repeat(5);
		context.setVariable("letter", letter);
		context.setVariable("nothing", null);

		String page = engine.process("<div bw:text=\"${letter}\">x</div>|<div th:text=\"${letter}\">x</div>"
				+ "|<p bw:text=\"${nothing}\">x</p>", context);

		String[] parts = page.split("\\|");
		assertThat(parts[0]).isEqualTo(parts[1]).doesNotContain("<b>").doesNotContain("bw:text");
		assertThat(parts[2]).isEqualTo("<p></p>");
	}
}

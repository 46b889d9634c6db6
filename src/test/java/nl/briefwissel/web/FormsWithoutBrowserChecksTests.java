package nl.briefwissel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form with a required field says what is missing in the page's language, at the field, from the server: its
 * form has {@code novalidate}. Without it the browser's bubble spoke first, in the browser's language, and a walk
 * found the closing summary doing so where every other form answered in Dutch. The sign-in form too: an empty
 * field is said at the field before Spring Security's one sentence for a wrong address or password.
 */
class FormsWithoutBrowserChecksTests {

	@Test
	void everyFormWithARequiredFieldLeavesTheCheckToTheServer() throws IOException {
		List<String> bubbling = new ArrayList<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
				for (Element form : Jsoup.parse(Files.readString(template)).select("form")) {
					if (!form.select("[required]").isEmpty() && !form.hasAttr("novalidate")) {
						bubbling.add(template + ": " + form.attr("th:action"));
					}
				}
			}
		}
		assertThat(bubbling).isEmpty();
	}
}

package nl.briefwissel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thymeleaf reads {@code ~{template :: name}} as a markup selector: it takes the fragment called
 * {@code name} and every element named {@code name} as well. A fragment called "summary" brought the
 * four {@code <summary>} lines of the course forms onto every coach's conversation page, outside any
 * {@code <details>}; one called "form" brought the library's search form (a search landmark) along
 * with each assignment's edit form, forty-two of them on one page. A fragment's name is no element's.
 */
class FragmentNamesTests {

	private static final Pattern FRAGMENT = Pattern.compile("th:fragment=\"([A-Za-z][A-Za-z0-9]*)");

	@Test
	void noFragmentIsNamedAsAnElementOfItsTemplate() throws IOException {
		List<String> clashes = new ArrayList<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter(Files::isRegularFile).toList()) {
				String source = Files.readString(template);
				Matcher fragment = FRAGMENT.matcher(source);
				while (fragment.find()) {
					String name = fragment.group(1);
					if (Pattern.compile("<" + Pattern.quote(name) + "[\\s>/]", Pattern.CASE_INSENSITIVE).matcher(source).find()) {
						clashes.add(template + ": " + name);
					}
				}
			}
		}
		assertThat(clashes).isEmpty();
	}
}

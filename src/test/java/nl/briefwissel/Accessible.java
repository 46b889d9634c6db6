package nl.briefwissel;

import java.util.Arrays;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import static org.assertj.core.api.Assertions.assertThat;

/** What a screen reader is told about a form field, read from a page as jsoup parsed it. */
public final class Accessible {

	private Accessible() {
	}

	/** The elements an aria-describedby names, each of which must exist on the page. */
	public static List<Element> describedBy(Document page, Element element) {
		assertThat(element).isNotNull();
		String ids = element.attr("aria-describedby").strip();
		assertThat(ids).as("aria-describedby of #%s", element.id()).isNotEmpty();
		return Arrays.stream(ids.split("\\s+")).map(id -> {
			Element target = page.getElementById(id);
			assertThat(target).as("#%s, named by #%s", id, element.id()).isNotNull();
			return target;
		}).toList();
	}
}

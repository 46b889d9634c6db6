package nl.briefwissel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person wrote comes back on the page for a form sent after the sign-in expired, from every
 * form in which people write: a new form's field cannot be forgotten in the list.
 */
class ExpiredFormsTests {

	/** A textarea's tag in a template, and the name it is sent under (name="…" or th:field="*{…}"). */
	private static final Pattern TEXTAREA = Pattern.compile("<textarea\\b[^>]*>", Pattern.DOTALL);

	private static final Pattern NAME = Pattern.compile("\\s(?:name=\"([^\"]+)\"|th:field=\"\\*\\{([^}]+)\\}\")");

	/** A textarea written by Java (a dialect): the first name written after its opening tag. */
	private static final Pattern WRITTEN_IN_JAVA = Pattern.compile("<textarea.{0,300}?name=\\\\\"(\\w+)\\\\\"", Pattern.DOTALL);

	@Test
	void everyFieldInWhichPeopleWriteIsGivenBack() throws IOException {
		Set<String> names = new TreeSet<>();
		for (Path template : files("src/main/resources/templates", ".html")) {
			Matcher tag = TEXTAREA.matcher(Files.readString(template));
			while (tag.find()) {
				Matcher name = NAME.matcher(tag.group());
				if (name.find()) {
					names.add(name.group(1) != null ? name.group(1) : name.group(2));
				}
			}
		}
		for (Path source : files("src/main/java", ".java")) {
			Matcher textarea = WRITTEN_IN_JAVA.matcher(Files.readString(source));
			while (textarea.find()) {
				names.add(textarea.group(1));
			}
		}

		assertThat(names).as("found in the sources").contains("text", "instructions", "passage", "reason");
		Set<String> givenBack = new TreeSet<>(ExpiredForms.WRITTEN);
		givenBack.addAll(ExpiredForms.WRITTEN_ON_ONE_FORM.keySet());
		assertThat(givenBack).containsAll(names);
	}

	/** A refusal's reason is written; a handover's "reason" is a choice from a list, not given back as writing. */
	@Test
	void aReasonIsGivenBackOnlyFromTheFormInWhichItIsWritten() throws Exception {
		assertThat(givenBack("/admin/erasure/7b1c/decline", "reason", "Er loopt nog een bezwaarprocedure.", "instructions",
				"Schrijf over je werkdag.")).containsExactly("Schrijf over je werkdag.", "Er loopt nog een bezwaarprocedure.");
		assertThat(givenBack("/coach/trajectories/7b1c/handover", "reason", "ILLNESS", "why", "Ik ben een maand weg."))
			.containsExactly("Ik ben een maand weg.");
	}

	private static List<Object> givenBack(String path, String... parameters) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.addHeader("Sec-Fetch-Site", "same-origin");
		for (int i = 0; i < parameters.length; i += 2) {
			request.addParameter(parameters[i], parameters[i + 1]);
		}
		return refused(request).getAttribute("written") instanceof List<?> written ? List.copyOf(written) : List.of();
	}

	private static ExtendedModelMap refused(MockHttpServletRequest request) throws Exception {
		ExpiredForms.handler(() -> "https://briefwissel.example.nl").handle(request, new MockHttpServletResponse(),
				new MissingCsrfTokenException(null));
		ExtendedModelMap model = new ExtendedModelMap();
		new ExpiredForms().page(request, model);
		return model;
	}

	/**
	 * Another site can post any text to a form here: it came back on this site as what the visitor wrote. Only a
	 * form the browser says is from this site (Sec-Fetch-Site same-origin, or an Origin that is the public address or
	 * the address the request came to) is given back; otherwise the page says why it shows nothing.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void writingIsGivenBackOnlyFromAFormOfThisSite() throws Exception {
		String[][] ours = { { "Sec-Fetch-Site", "same-origin" }, { "Origin", "https://briefwissel.example.nl" },
				{ "Origin", "https://briefwissel.example.nl:443" }, { "Origin", "http://localhost" } };
		for (String[] header : ours) {
			ExtendedModelMap model = refused(letter(header));
			assertThat((List<Object>) model.getAttribute("written")).as(header[0] + " " + header[1]).containsExactly("Bel nu 0900-1234");
			assertThat(model.getAttribute("withheld")).isEqualTo(false);
		}
		String[][] elsewhere = { {}, { "Sec-Fetch-Site", "cross-site" }, { "Sec-Fetch-Site", "same-site" }, { "Sec-Fetch-Site", "none" },
				{ "Origin", "https://elders.example" }, { "Origin", "http://localhost:8081" }, { "Origin", "https://briefwissel.example.nl:8443" },
				{ "Origin", "http://briefwissel.example.nl" }, { "Origin", "null" }, { "Origin", "no origin at all" } };
		for (String[] header : elsewhere) {
			ExtendedModelMap model = refused(letter(header));
			assertThat((List<Object>) model.getAttribute("written")).as(String.join(" ", header)).isEmpty();
			assertThat(model.getAttribute("withheld")).as(String.join(" ", header)).isEqualTo(true);
		}
		// Nothing written, nothing withheld to speak of.
		MockHttpServletRequest empty = new MockHttpServletRequest("POST", "/coach/trajectories/7b1c/notes");
		empty.addHeader("Origin", "https://elders.example");
		assertThat(refused(empty).getAttribute("withheld")).isEqualTo(false);
	}

	private static MockHttpServletRequest letter(String... header) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/participant/conversation");
		if (header.length == 2) {
			request.addHeader(header[0], header[1]);
		}
		request.addParameter("text", "Bel nu 0900-1234");
		return request;
	}

	private static List<Path> files(String root, String extension) throws IOException {
		try (Stream<Path> files = Files.walk(Path.of(root))) {
			return files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(extension)).toList();
		}
	}
}

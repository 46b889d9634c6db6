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
 * A link with the {@code download} attribute has the browser save whatever answers it: after the
 * sign-in expired that was the sign-in page, or an error page, saved as "verslag.pdf". The server's
 * {@code Content-Disposition: attachment} makes a file a download, and leaves a page a page.
 */
class DownloadLinksTests {

	private static final Pattern LINK = Pattern.compile("<a\\b[^>]*>", Pattern.DOTALL);

	private static final Pattern DOWNLOAD = Pattern.compile("\\s(?:th:)?download(?:[\\s=/>]|$)");

	@Test
	void noLinkHasTheBrowserSaveWhatItGets() throws IOException {
		List<String> saving = new ArrayList<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter(Files::isRegularFile).toList()) {
				Matcher link = LINK.matcher(Files.readString(template));
				while (link.find()) {
					if (DOWNLOAD.matcher(link.group()).find()) {
						saving.add(template + ": " + link.group());
					}
				}
			}
		}
		assertThat(saving).isEmpty();
	}
}

package nl.briefwissel.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The page templates as source text, for tests that hold every template to a rule. */
final class TemplateSources {

	private TemplateSources() {
	}

	/** Every template whose source contains {@code text}. */
	static List<Path> containing(String text) {
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			return templates.filter(Files::isRegularFile).filter(template -> read(template).contains(text)).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String read(Path template) {
		try {
			return Files.readString(template);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

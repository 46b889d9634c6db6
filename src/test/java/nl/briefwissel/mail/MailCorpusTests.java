package nl.briefwissel.mail;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mail of the corpus in {@code src/test/resources/mail-corpus} (see its README): kind, reply
 * token, the words that must be kept, the quoted history and signatures that must be cut, and the
 * attachments.
 */
class MailCorpusTests {

	static Stream<Path> corpus() throws IOException, URISyntaxException {
		Path folder = Path.of(MailCorpusTests.class.getResource("/mail-corpus").toURI());
		return Files.list(folder).filter(path -> path.toString().endsWith(".eml")).sorted();
	}

	@Test
	void theCorpusHasAtLeastSixtyMails() throws Exception {
		assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void readsTheMailAsExpected(Path eml) throws IOException {
		Properties expected = expected(eml);
		ReadMail mail = MailReader.read(Files.readAllBytes(eml));
		String name = eml.getFileName().toString();

		assertThat(mail.kind().code()).as("%s kind (%s)", name, mail.problem()).isEqualTo(expected.getProperty("kind"));
		String token = expected.getProperty("token", "none");
		assertThat(mail.replyToken()).as("%s token", name).isEqualTo("none".equals(token) ? null : token);
		for (String key : expected.stringPropertyNames()) {
			String value = expected.getProperty(key);
			if (key.startsWith("kept.")) {
				assertThat(normalise(mail.text())).as("%s keeps %s\n--- text ---\n%s", name, value, mail.text())
					.contains(normalise(value));
			}
			if (key.startsWith("cut.")) {
				assertThat(normalise(mail.text())).as("%s cuts %s\n--- text ---\n%s", name, value, mail.text())
					.doesNotContain(normalise(value));
			}
		}
		String attachments = expected.getProperty("attachments", "").strip();
		if (!attachments.isEmpty()) {
			List<String> actual = mail.attachments().stream().map(a -> a.name() + ":" + a.contentType()).toList();
			assertThat(actual).as("%s attachments", name)
				.containsExactlyInAnyOrderElementsOf(Stream.of(attachments.split(",")).map(String::strip).toList());
		}
		else if (mail.kind() != MailKind.AUTO_REPLY && mail.kind() != MailKind.DELIVERY_REPORT) {
			// a bounce's returned original is not an attachment of anyone's
			assertThat(mail.attachments()).as("%s has no attachments", name).isEmpty();
		}
	}

	/** Whitespace as a reader sees it: wrapped lines and non-breaking spaces are one space. */
	private static String normalise(String text) {
		return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
	}

	private static Properties expected(Path eml) throws IOException {
		Path file = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".expected.properties"));
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}

package nl.briefwissel.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each refusal the mail module words in English has its own sentence for the coach, in both languages. */
class AttachmentTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {"too big: more than 15 MB|tooBig", "blocked type: .exe|blocked",
			"damaged: cannot be decoded (IOException)|damaged", "outlook item: inside winmail.dat, not a file|outlookItem",
			"something new|other"})
	void everyRefusalHasItsOwnSentence(String refusal, String kind) throws IOException {
		Attachment attachment = new Attachment(UUID.randomUUID(), UUID.randomUUID(), "Uitnodiging", "application/vnd.ms-outlook", 0, refusal);
		assertThat(attachment.refusalKind()).isEqualTo(kind);
		for (String language : new String[] {"nl", "en"}) {
			Properties texts = new Properties();
			try (InputStream in = getClass().getResourceAsStream("/messages_" + language + ".properties")) {
				texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
			}
			assertThat(texts.getProperty("conversation.attachment.refused." + kind)).as(language).isNotBlank();
		}
	}
}

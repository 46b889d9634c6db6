package nl.briefwissel.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** File names from mail and uploads: what a person sees and downloads is what the file is. */
class SafeFileNameTests {

	@Test
	void aProgramWithATrailingDotIsStillAProgram() throws IOException {
		// Windows saves "setup.exe." and "setup.exe " as setup.exe.
		for (String name : new String[] { "setup.exe.", "setup.exe ", "setup.exe. . ", "foto.jpg\u200b.exe",
				"a".repeat(135) + ".exe." + "x".repeat(20) }) {
			MailAttachment file = received(name, "application/octet-stream");
			assertThat(file.accepted()).as(name).isFalse();
			assertThat(file.refusal()).as(name).contains(".exe");
		}
	}

	@Test
	void invisibleCharactersDoNotHideTheRealName() {
		assertThat(SafeFileName.of("cv\u202egpj.exe", "application/pdf")).doesNotContain("\u202e").endsWith(".exe");
		assertThat(SafeFileName.of("cv\u200b\u2060.pdf", "application/pdf")).doesNotContain("\u200b").doesNotContain("\u2060");
	}

	@Test
	void aNameOrTypeOfAnyLengthFitsItsColumn() throws IOException {
		MailAttachment longExtension = received("brief." + "x".repeat(400), "application/pdf");
		assertThat(longExtension.name()).hasSizeLessThanOrEqualTo(255);
		MailAttachment longName = received("y".repeat(400) + ".pdf", "application/pdf");
		assertThat(longName.name()).hasSizeLessThanOrEqualTo(150).endsWith(".pdf");
		MailAttachment longType = received("brief.pdf", "application/" + "z".repeat(300));
		assertThat(longType.contentType()).isEqualTo("application/octet-stream");
	}

	private static MailAttachment received(String name, String type) throws IOException {
		return MailAttachment.received(name, type, new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
	}
}

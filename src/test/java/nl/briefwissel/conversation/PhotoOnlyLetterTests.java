package nl.briefwissel.conversation;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A photo for a photo assignment may go from the web without words, as it may by mail. */
@BriefwisselTest
class PhotoOnlyLetterTests {

	private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0 };

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPhotoWithoutWordsIsSentAndAnEmptyLetterWithoutOneIsExplained() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var participant = fixtures.as(running.participant());
		MockMultipartFile photo = new MockMultipartFile("files", "mijn-werkplek.jpg", "image/jpeg", JPEG);

		mvc.perform(multipart("/participant/conversation").file(photo).param("text", "").param("submission", UUID.randomUUID().toString())
			.with(csrf()).with(participant)).andExpect(redirectedUrl("/participant/conversation?trajectory=" + running.id() + "#sent"));
		assertThat(jdbc.sql("""
				select count(*) from message_attachment a join message m on m.id = a.message_id
				where m.trajectory_id = :t and m.author_role = 'PARTICIPANT'""").param("t", running.id())
			.query(Long.class).single()).isEqualTo(1);

		// Nothing at all: the sentence at the field, and nothing sent.
		String empty = mvc.perform(multipart("/participant/conversation").param("text", " ").with(csrf()).with(participant))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(empty).contains("Schrijf eerst je bericht.");
		// Words too long with a photo: the photo has to be chosen again, and the page says so.
		String tooLong = mvc.perform(multipart("/participant/conversation").file(photo).param("text", "a".repeat(50_001))
			.with(csrf()).with(participant)).andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(tooLong).contains("Kies je foto&#39;s of bestanden opnieuw");
		assertThat(jdbc.sql("select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT'")
			.param("t", running.id()).query(Long.class).single()).isEqualTo(1);
	}
}

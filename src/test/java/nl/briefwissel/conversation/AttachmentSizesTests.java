package nl.briefwissel.conversation;

import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.mail.MailAttachment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A file of a few hundred bytes read as '(0 kB)' next to its letter and in the record: as if it were empty.
 * Every page that shows a file's size shows it the one way (nl.briefwissel.web.FileSizes).
 */
@BriefwisselTest
class AttachmentSizesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Test
	void aSmallFileIsNeverShownAsNothingAndALargeOneInMegabytes() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var note = new MailAttachment("briefje.txt", "text/plain", 300, new byte[300], null);
		var photo = new MailAttachment("foto.jpg", "image/jpeg", 5 * 1024 * 1024 / 2, new byte[5 * 1024 * 1024 / 2], null);
		conversations.participantWrites(running.id(), running.participant().id(), "Hierbij mijn opdracht.", List.of(note, photo));

		RequestPostProcessor coach = fixtures.as(running.coach());
		RequestPostProcessor participant = fixtures.as(running.participant());
		for (String page : List.of(page("/coach/trajectories/" + running.id(), coach), page("/participant/conversation", participant),
				page("/participant/report", participant), page("/coach/trajectories/" + running.id() + "/report", coach))) {
			assertThat(page).contains("briefje.txt (1 kB)").contains("foto.jpg (2,5 MB)").doesNotContain("(0 kB)");
		}
		assertThat(mvc.perform(get("/participant/conversation").param("lang", "en").with(participant))
			.andReturn().getResponse().getContentAsString()).contains("briefje.txt (1 kB)").contains("foto.jpg (2.5 MB)");
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andReturn().getResponse().getContentAsString();
	}
}

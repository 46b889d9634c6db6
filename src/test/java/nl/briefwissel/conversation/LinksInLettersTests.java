package nl.briefwissel.conversation;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A web address in a letter is a link on both conversation pages and in the record, as it is in the mail
 * of the letter (decision 0123): a participant who reads only on the web clicks the video too.
 */
@BriefwisselTest
class LinksInLettersTests {

	private static final String VIDEO = "<a class=\"utrecht-link\" href=\"https://example.org/video?t=1&amp;s=2\""
			+ " rel=\"noopener noreferrer nofollow\">https://example.org/video?t=1&amp;s=2</a>";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Test
	void anAddressInALetterIsALinkOnBothConversationPagesAndInTheRecord() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(),
				"Kijk deze video (https://example.org/video?t=1&s=2). Niet javascript:alert(1) <b>vet</b>.");
		conversations.participantWrites(running.id(), running.participant().id(),
				"Gezien: https://example.org/video?t=1&s=2, en \"https://example.org/x\"onclick=\"y\"", java.util.List.of());

		for (String page : new String[] { page("/coach/trajectories/" + running.id(), fixtures.as(running.coach())),
				page("/participant/conversation", fixtures.as(running.participant())),
				page("/participant/report/" + running.id(), fixtures.as(running.participant())) }) {
			assertThat(page)
				.contains("Kijk deze video (" + VIDEO + "). Niet javascript:alert(1) &lt;b&gt;vet&lt;/b&gt;.")
				.contains("Gezien: " + VIDEO + ", en &quot;<a class=\"utrecht-link\" href=\"https://example.org/x\"")
				.contains(">https://example.org/x</a>&quot;onclick=&quot;y&quot;")
				.doesNotContain("href=\"javascript");
		}
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andReturn().getResponse().getContentAsString();
	}
}

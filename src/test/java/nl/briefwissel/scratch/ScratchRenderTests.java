package nl.briefwissel.scratch;

import java.time.LocalDate;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.conversation.Conversations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@BriefwisselTest
class ScratchRenderTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	org.springframework.web.context.WebApplicationContext context;

	MockMvc mvc;

	@Test
	void render() throws Exception {
		mvc = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
			.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
		var t = fixtures.runningTrajectory(true);
		for (int i = 0; i < 8; i++) {
			fixtures.anotherFor(t, LocalDate.now().minusDays(i));
		}
		String text = "Dit is een brief over je loopbaan en wat je wilt. ".repeat(22);
		for (int i = 0; i < 12; i++) {
			conversations.coachWrites(t.id(), t.coach().id(), text);
			conversations.participantWrites(t.id(), t.participant().id(), text);
		}
		var coach = fixtures.as(t.coach());
		String[] paths = { "/privacy", "/coach", "/coach/trajectories/" + t.id() };
		for (String path : paths) {
			for (int i = 0; i < 1500; i++) {
				mvc.perform(get(path).with(coach)).andReturn();
			}
		}
		for (int round = 0; round < 2; round++) {
			for (String path : paths) {
				long start = System.nanoTime();
				int n = 2000;
				for (int i = 0; i < n; i++) {
					mvc.perform(get(path).with(coach)).andReturn();
				}
				System.out.printf("SCRATCH %-50s %.3f ms%n", path, (System.nanoTime() - start) / 1e6 / n);
			}
		}
		java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/conv.html"), mvc.perform(get(paths[2]).with(coach)).andReturn().getResponse().getContentAsString());
	}
}

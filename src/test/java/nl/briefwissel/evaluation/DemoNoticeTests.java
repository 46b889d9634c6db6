package nl.briefwissel.evaluation;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** While the demo data is written in the background, the sign-in page says why a demo account cannot sign in yet. */
@BriefwisselTest
class DemoNoticeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	DemoProgress progress;

	@AfterEach
	void written() {
		progress.written();
	}

	@Test
	void theSignInPageSaysTheDemoDataIsBeingWrittenInThePagesLanguage() throws Exception {
		progress.writing();

		mvc.perform(get("/login").header("Accept-Language", "nl"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("De voorbeeldgegevens worden nog geschreven")));
		mvc.perform(get("/login").header("Accept-Language", "en"))
			.andExpect(content().string(containsString("The demo data is still being written")));
	}

	/** A demo person who signs in before the data is there is told why, not that the password is wrong. */
	@Test
	void aSignInRefusedWhileTheDemoDataIsWrittenSaysWhy() throws Exception {
		progress.writing();

		mvc.perform(get("/login").param("error", "").header("Accept-Language", "nl"))
			.andExpect(content().string(containsString("Gebruik je een demo-account? Die zijn er nog niet")))
			.andExpect(content().string(not(containsString("Controleer ze en probeer het opnieuw"))));
		progress.written();
		mvc.perform(get("/login").param("error", "").header("Accept-Language", "nl"))
			.andExpect(content().string(containsString("horen niet bij elkaar")));
	}

	@Test
	void theSignInPageSaysWhenTheDemoDataCouldNotBeWritten() throws Exception {
		progress.failed();

		mvc.perform(get("/login").header("Accept-Language", "nl"))
			.andExpect(content().string(containsString("De voorbeeldgegevens konden niet worden geschreven")));
	}

	@Test
	void onceWrittenTheSignInPageSaysNothingOfIt() throws Exception {
		mvc.perform(get("/login").header("Accept-Language", "nl"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("voorbeeldgegevens"))));
	}
}

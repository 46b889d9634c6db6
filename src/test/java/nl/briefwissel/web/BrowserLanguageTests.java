package nl.briefwissel.web;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jakarta.servlet.http.Cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A first visit without a choice of language reads the browser's: an English browser got the Dutch
 * sign-in page and had to find the switch. Dutch stays first for every other browser and without the
 * header; a language chosen (the cookie, ?lang) always wins (decision 0079).
 */
@BriefwisselTest
class BrowserLanguageTests {

	@Autowired
	MockMvc mvc;

	@Test
	void aBrowserThatAsksForEnglishFirstGetsEnglishUntilSomethingIsChosen() throws Exception {
		assertThat(language(get("/login").header("Accept-Language", "en-GB,en;q=0.9"))).isEqualTo("en");
		// The first language Briefwissel has, in the browser's order.
		assertThat(language(get("/login").header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8,nl;q=0.7"))).isEqualTo("en");
		assertThat(language(get("/login").header("Accept-Language", "fr-BE,nl-BE;q=0.9,en;q=0.8"))).isEqualTo("nl");
	}

	@Test
	void dutchStaysFirstForAnyOtherBrowserAndWithoutTheHeader() throws Exception {
		assertThat(language(get("/login"))).isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "nl-NL,nl;q=0.9,en;q=0.8"))).isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "tr-TR,tr;q=0.9"))).isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "*"))).isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "en;q=0.2,nl;q=0.8"))).isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "!!;;"))).isEqualTo("nl");
		// Weight 0 says 'not this one'.
		assertThat(language(get("/login").header("Accept-Language", "fr, en;q=0"))).isEqualTo("nl");
	}

	@Test
	void aLanguageChosenWinsOverTheBrowsers() throws Exception {
		assertThat(language(get("/login").header("Accept-Language", "en").cookie(new Cookie("briefwissel-language", "nl"))))
			.isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "en").param("lang", "nl"))).isEqualTo("nl");
		assertThat(language(get("/login").header("Accept-Language", "nl").param("lang", "en"))).isEqualTo("en");
	}

	private String language(MockHttpServletRequestBuilder request) throws Exception {
		String page = mvc.perform(request).andReturn().getResponse().getContentAsString();
		return org.jsoup.Jsoup.parse(page).selectFirst("html").attr("lang");
	}
}

package nl.briefwissel.account;

import java.time.Instant;
import java.util.Locale;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.WebSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Everyone chooses the language of their mails on their own account page. Only participants could (on
 * their own page), so every mail to a coach, programme manager or administrator was Dutch.
 */
@BriefwisselTest
class MailLanguageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void aCoachChoosesEnglishAndTheirMailsComeInEnglish() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		Document page = Jsoup.parse(mvc.perform(get("/account/security").with(fixtures.as(coach))).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(page.select("h1").text()).isEqualTo("Mijn account");
		assertThat(page.select("fieldset legend").text()).isEqualTo("In welke taal wil je mails van Briefwissel?");
		assertThat(page.select("input#language-nl").hasAttr("checked")).isTrue();
		assertThat(page.select("fieldset").attr("aria-describedby")).isEqualTo("language-help");

		mvc.perform(post("/account/security/language").param("language", "en").with(fixtures.as(coach)).with(csrf()))
			.andExpect(redirectedUrl("/account/security?lang=en#language-saved"))
			.andExpect(flash().attribute("languageSaved", true));
		assertThat(accounts.byId(coach.id()).orElseThrow().language()).isEqualTo(Locale.ENGLISH);
		assertThat(Jsoup.parse(mvc.perform(get("/account/security").param("lang", "en").with(fixtures.as(coach))).andReturn()
			.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).select("input#language-en").hasAttr("checked"))
			.isTrue();

		// A mail to staff in the language chosen: the administrator's reset of the coach's app.
		jdbc.sql("update account set totp_secret = :secret, totp_confirmed_at = current_timestamp, totp_last_step = :step where id = :id")
			.param("secret", Totp.newSecret())
			.param("step", Totp.step(Instant.now()))
			.param("id", coach.id())
			.update();
		mvc.perform(post("/admin/accounts/" + coach.id() + "/second-factor/reset")
			.with(fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow())).with(csrf()));
		assertThat(jdbc.sql("select subject from outbound_mail where lower(recipient) = lower(:to)")
			.param("to", coach.email()).query(String.class).list())
			.contains("An administrator reset your authenticator app for Briefwissel");

		// Anything but English is Dutch: a changed form does not make a language nobody writes.
		mvc.perform(post("/account/security/language").param("language", "de").with(fixtures.as(coach)).with(csrf()))
			.andExpect(redirectedUrl("/account/security?lang=nl#language-saved"));
		assertThat(accounts.byId(coach.id()).orElseThrow().language()).isEqualTo(Locale.forLanguageTag("nl"));
	}

	/**
	 * Over real HTTP, with the browser's cookies: the pages follow the choice at once, and keep to it on the
	 * next page, not only the mails.
	 */
	@Test
	void theChosenLanguageIsTheLanguageOfThePagesAtOnce() throws Exception {
		String email = "taal-" + java.util.UUID.randomUUID() + "@example.nl";
		accounts.register(new NewAccount(null, email, "Taal", Locale.forLanguageTag("nl"), java.util.Set.of(Role.PARTICIPANT),
				"een lang wachtwoord"));
		WebSession browser = new WebSession(port).logIn(email, "een lang wachtwoord");
		assertThat(Jsoup.parse(browser.get("/account/security").body()).select("h1").text()).isEqualTo("Mijn account");

		java.net.http.HttpResponse<String> saved = browser.postAsIs("/account/security/language",
				"language=en&_csrf=" + browser.token("/account/security"));
		java.net.URI location = java.net.URI.create(saved.headers().firstValue("Location").orElseThrow());
		assertThat(location.getPath()).isEqualTo("/account/security");
		browser.get(location.getRawPath() + "?" + location.getRawQuery());
		Document next = Jsoup.parse(browser.get("/account/security").body());
		assertThat(next.select("html").attr("lang")).isEqualTo("en");
		assertThat(next.select("h1").text()).isEqualTo("My account");

		java.net.URI back = java.net.URI.create(browser.postAsIs("/account/security/language",
				"language=nl&_csrf=" + browser.token("/account/security")).headers().firstValue("Location").orElseThrow());
		browser.get(back.getRawPath() + "?" + back.getRawQuery());
		Document dutch = Jsoup.parse(browser.get("/participant").body());
		assertThat(dutch.select("html").attr("lang")).isEqualTo("nl");
	}

	@Test
	void aProgrammeManagerAndAnAdministratorHaveTheChoiceToo() throws Exception {
		for (String email : new String[] { "programma@briefwissel.test", "beheer@briefwissel.test" }) {
			Account staff = accounts.byEmail(email).orElseThrow();
			assertThat(Jsoup.parse(mvc.perform(get("/account/security").with(fixtures.as(staff))).andReturn().getResponse()
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).select("form[action=/account/security/language]"))
				.hasSize(1);
		}
	}
}

package nl.briefwissel.web;

import java.util.Map;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A menu item and the heading of the page it opens are the same words, in Dutch and in English: the coach's
 * "Schrijfhulp" opened "Mijn schrijven" and "Werkplek" "Mijn werkplek", the administrator's "Opdrachtenbibliotheek"
 * opened "Opdrachten" and "Verwerkingsregister" "Register van verwerkingen", the participant's "Mijn verslag" "Verslag
 * van de e-coaching" (or "Je verslagen"). And a language is named in its own words wherever it is chosen or listed.
 */
@BriefwisselTest
class MenuLabelsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	nl.briefwissel.account.Accounts accounts;

	@Test
	void everyMenuItemOpensAPageHeadedWithItsOwnWords() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Map<Role, RequestPostProcessor> people = Map.of(Role.PARTICIPANT, fixtures.as(running.participant()), Role.COACH,
				fixtures.as(running.coach()), Role.PROGRAMME_MANAGER, fixtures.as(fixtures.managerOf(running)), Role.ADMINISTRATOR,
				user(users.loadUserByUsername("beheer@briefwissel.test")));
		for (var person : people.entrySet()) {
			for (Navigation.Item item : Navigation.of(person.getKey())) {
				for (String language : new String[] { "nl", "en" }) {
					Document page = Jsoup.parse(mvc.perform(get(item.path()).param("lang", language).with(person.getValue()))
						.andReturn().getResponse().getContentAsString());
					String menu = page.selectFirst(".bw-nav a[aria-current=page]").text();
					assertThat(page.selectFirst("h1").text()).as(item.path() + " in " + language).isEqualTo(menu);
				}
			}
		}
	}

	/**
	 * The manager's invitation named the languages in the page's (Dutch, English), the administrator's in their
	 * own (Nederlands, English): both now as a language switch does, each marked with its language.
	 */
	@Test
	void bothInvitationFormsNameEachLanguageInItsOwnWords() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var manager = fixtures.managerOf(running);
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));
		for (String language : new String[] { "nl", "en" }) {
			Document intakes = Jsoup.parse(mvc.perform(get("/programme/intakes").param("lang", language).with(fixtures.as(manager)))
				.andReturn().getResponse().getContentAsString());
			var options = intakes.select("#invite-language-" + running.programmeId() + " option");
			assertThat(options.eachText()).as(language).containsExactly("Nederlands", "English");
			assertThat(options.eachAttr("lang")).containsExactly("nl", "en");

			Document organisation = Jsoup.parse(mvc.perform(get("/admin/organisations/{id}", running.organisationId())
				.param("lang", language).with(admin)).andReturn().getResponse().getContentAsString());
			var labels = organisation.select("label[for^=invite-nl-], label[for^=invite-en-]");
			assertThat(labels.eachText()).as(language).containsExactly("Nederlands", "English");
			assertThat(labels.eachAttr("lang")).containsExactly("nl", "en");
		}
	}

	/**
	 * The assignment form's languages and the accounts list's language column were named in the page's language
	 * ("Dutch", "Engels"): now in their own words with their lang, as the invitations and the language switch do.
	 */
	@Test
	void theAssignmentFormAndTheAccountsListNameEachLanguageInItsOwnWords() throws Exception {
		var running = fixtures.runningTrajectory(true);
		accounts.changeLanguage(running.coach().id(), java.util.Locale.ENGLISH);
		RequestPostProcessor admin = user(users.loadUserByUsername("beheer@briefwissel.test"));
		for (String language : new String[] { "nl", "en" }) {
			for (var library : Map.of("/coach/assignments", fixtures.as(running.coach()), "/admin/assignments", admin).entrySet()) {
				Document page = Jsoup.parse(mvc.perform(get(library.getKey()).param("lang", language).with(library.getValue()))
					.andReturn().getResponse().getContentAsString());
				var options = page.select("#new-language option");
				assertThat(options.eachText()).as(library.getKey() + " in " + language).containsExactly("Nederlands", "English");
				assertThat(options.eachAttr("lang")).containsExactly("nl", "en");
			}
			Document accounts = Jsoup.parse(mvc.perform(get("/admin").param("search", running.participant().email())
				.param("lang", language).with(admin)).andReturn().getResponse().getContentAsString());
			var cell = accounts.select("table tbody tr").first().select("td").get(3);
			assertThat(cell.text()).as("accounts in " + language).isEqualTo("Nederlands");
			assertThat(cell.select("[lang]").eachAttr("lang")).containsExactly("nl");
			Document english = Jsoup.parse(mvc.perform(get("/admin").param("search", running.coach().email())
				.param("lang", language).with(admin)).andReturn().getResponse().getContentAsString());
			var coachCell = english.select("table tbody tr").first().select("td").get(3);
			assertThat(coachCell.text()).as("accounts in " + language).isEqualTo("English");
			assertThat(coachCell.select("[lang]").eachAttr("lang")).containsExactly("en");
		}
	}
}

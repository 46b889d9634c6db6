package nl.briefwissel.organisation;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A new programme sent the whole text of every letter by ordinary mail, though nobody chose that: secure by default
 * is a notification with a link, and the pilot's way is the manager's choice on the form (decision 0142).
 */
@BriefwisselTest
class NewProgrammeMailModeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	/** The form offers what the settings offer, with the same words, the notification chosen and each explained. */
	@Test
	void theNewProgrammeFormOffersTheMailChoiceWithTheNotificationChosen() throws Exception {
		Account manager = manager("Keuze");
		for (String[] language : new String[][] {
				{ "nl", "De hele tekst per mail (deelnemers kunnen kiezen voor alleen een melding)",
						"Alleen een melding met een link; lezen na inloggen", "de deelnemer leest die na inloggen",
						"zoals in de pilot", "minder beschermd" },
				{ "en", "The whole text by mail (participants may choose a notification only)",
						"Only a notification with a link; read after signing in", "the participant reads it after signing in",
						"as in the pilot", "less protected" } }) {
			Document page = Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0]).with(fixtures.as(manager)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			Element mode = page.getElementById("new-mode");
			assertThat(mode).as("the mail choice on the new-programme form").isNotNull();
			assertThat(mode.closest("form")).isSameAs(page.getElementById("new-name").closest("form"));
			assertThat(mode.attr("name")).isEqualTo("mailMode");
			assertThat(mode.select("option")).extracting(option -> option.attr("value"))
				.containsExactly("FULL_TEXT", "NOTIFICATION");
			assertThat(mode.select("option").eachText()).as(language[0]).containsExactly(language[1], language[2]);
			assertThat(mode.select("option[selected]")).extracting(option -> option.attr("value"))
				.containsExactly("NOTIFICATION");
			assertThat(describedBy(page, mode)).extracting(Element::id).containsExactly("new-mode-help", "new-mode-full-text");
			assertThat(page.getElementById("new-mode-help").text()).as(language[0]).contains(language[3]);
			assertThat(page.getElementById("new-mode-full-text").text()).as(language[0]).contains(language[4], language[5]);
		}
	}

	@Test
	void aNewProgrammeKeepsTheModeChosenAndIsANotificationWithoutOne() throws Exception {
		Account manager = manager("Opgeslagen");
		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Pilotwijze")
			.param("mailMode", "FULL_TEXT")).andExpect(flash().attributeExists("created"));
		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Met melding")
			.param("mailMode", "NOTIFICATION")).andExpect(flash().attributeExists("created"));
		// A page from before the choice was on the form posts none: the secure default, not the pilot's way.
		mvc.perform(post("/programme/programmes").with(csrf()).with(fixtures.as(manager)).param("name", "Oude pagina"))
			.andExpect(flash().attributeExists("created"));
		assertThat(programmes.ofOrganisation(manager.organisationId())).extracting(Programme::name, Programme::mailMode)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Pilotwijze", MailMode.FULL_TEXT),
					org.assertj.core.groups.Tuple.tuple("Met melding", MailMode.NOTIFICATION),
					org.assertj.core.groups.Tuple.tuple("Oude pagina", MailMode.NOTIFICATION));

		// Demo data and imports name their mode; one that names none gets the secure default too.
		var elsewhere = organisations.create("Gemeente Zonder Keuze " + UUID.randomUUID());
		assertThat(programmes.create(elsewhere.id(), "Zonder keuze", null, null).mailMode()).isEqualTo(MailMode.NOTIFICATION);
		assertThat(programmes.create(elsewhere.id(), "Gekozen", null, MailMode.FULL_TEXT).mailMode()).isEqualTo(MailMode.FULL_TEXT);
		assertThat(programmes.ofOrganisation(elsewhere.id())).extracting(Programme::mailMode)
			.containsExactlyInAnyOrder(MailMode.NOTIFICATION, MailMode.FULL_TEXT);
	}

	/** A value not in the list makes nothing and is said at the field, with the name as typed kept. */
	@Test
	void aModeNotInTheListIsRefusedAtTheField() throws Exception {
		Account manager = manager("Onbekend");
		for (String[] language : new String[][] { { "nl", "Deze keuze voor berichten per mail bestaat niet" },
				{ "en", "That choice for messages by mail does not exist" } }) {
			MvcResult refused = mvc.perform(post("/programme/programmes").param("lang", language[0]).with(csrf())
				.with(fixtures.as(manager)).param("name", "Talent").param("mailMode", "EVERYTHING_BY_FAX"))
				.andExpect(redirectedUrl("/programme#new-programme"))
				.andReturn();
			assertThat(programmes.ofOrganisation(manager.organisationId())).isEmpty();

			Document page = Jsoup.parse(mvc.perform(get("/programme").param("lang", language[0])
				.cookie(refused.getResponse().getCookies()).with(fixtures.as(manager)))
				.andExpect(status().isUnprocessableContent()) // the form again, refused (decision 0139, amended)
				.andReturn()
				.getResponse()
				.getContentAsString());
			Element mode = page.getElementById("new-mode");
			assertThat(mode.attr("aria-invalid")).isEqualTo("true");
			assertThat(page.getElementById("new-mode-error").text()).as(language[0]).startsWith(language[1]);
			assertThat(describedBy(page, mode)).extracting(Element::id)
				.containsExactly("new-mode-help", "new-mode-full-text", "new-mode-error");
			assertThat(page.getElementById("new-programme-errors").select("li a")).extracting(link -> link.attr("href"))
				.containsExactly("#new-mode");
			assertThat(mode.select("option[selected]")).extracting(option -> option.attr("value"))
				.containsExactly("NOTIFICATION");
			assertThat(page.getElementById("new-name").attr("value")).isEqualTo("Talent");
		}
	}

	private Account manager(String name) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente " + name + " " + suffix);
		return fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
	}
}

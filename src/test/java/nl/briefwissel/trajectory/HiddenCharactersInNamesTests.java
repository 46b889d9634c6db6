package nl.briefwissel.trajectory;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A name with a right-to-left override (U+202E) turned the address after it around on the intakes page
 * (moc.elpmaxe@neirbo). Every form that takes a name refuses such characters with a sentence at the field; a
 * name from a mail loses them, as the application must not be lost; and a name stored before is isolated
 * where it stands beside other text.
 */
@BriefwisselTest
class HiddenCharactersInNamesTests {

	private static final String OVERRIDE = "\u202E";

	private static final String HIDDEN_NL = "De naam bevat een onzichtbaar teken";

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Intakes intakes;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	Programme programme;

	String suffix;

	@BeforeEach
	void aProgrammeOfItsOwn() {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		Organisation organisation = organisations.create("Gemeente Richting " + suffix);
		programme = programmes.create(organisation.id(), "Richting " + suffix, "richting-" + suffix + "@briefwissel.test", null);
	}

	@Test
	void aManagersInvitationOfANameWithAnOverrideIsRefusedAtTheNameField() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		for (String hidden : new String[] { OVERRIDE, "\u202A", "\u2066", "\u2069", "\u0007" }) {
			mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", "John " + hidden + "OBrien").param("email", "john-" + suffix + "@example.nl").param("language", "nl")
				.param("submission", UUID.randomUUID().toString()))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("inviteErrors", java.util.Map.of("name",
						"De naam bevat een onzichtbaar teken dat tekst verbergt of omdraait (zoals een teken voor de schrijfrichting),"
								+ " vaak meegekomen bij kopiëren en plakken. Typ de naam opnieuw in.")));
		}
		assertThat(intakes.open(programme.id())).isEmpty();
		// Arabic and Hebrew names, and a Persian name with a zero-width non-joiner, are names like any other.
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("name", "\u0645\u062D\u0645\u062F \u200C\u05E9\u05E8\u05D4").param("email", "mo-" + suffix + "@example.nl")
			.param("language", "nl").param("submission", UUID.randomUUID().toString()))
			.andExpect(flash().attributeCount(2));
		assertThat(intakes.open(programme.id())).hasSize(1);
	}

	/**
	 * An Arabic or Hebrew name pasted from WhatsApp or Outlook brings a right-to-left mark along: it was refused,
	 * and the person could not type it otherwise. Such a mark, as a zero-width space or a byte-order mark, is
	 * removed without a word; an override stays refused (above).
	 */
	@Test
	void aNameWithAnInvisibleMarkIsTakenWithoutIt() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String[] marks = { "\u200F", "\u200E", "\u061C", "\u200B", "\uFEFF", "\u00AD" };
		for (int i = 0; i < marks.length; i++) {
			mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(fixtures.as(manager))
				.param("name", marks[i] + "\u0645\u062D\u0645\u062F").param("email", "mark-" + i + "-" + suffix + "@example.nl")
				.param("language", "nl").param("submission", UUID.randomUUID().toString()))
				.andExpect(flash().attributeCount(2));
		}
		assertThat(intakes.open(programme.id())).hasSize(marks.length)
			.allSatisfy(intake -> assertThat(intake.displayName()).isEqualTo("\u0645\u062D\u0645\u062F"));

		programmes.openPublicIntake(programme.id(), true);
		HttpResponse<String> form = new WebSession(port).post("/intake/programme/" + programme.id(),
				form("\u200F\u05E9\u05E8\u05D4 \u05DB\u05D4\u05DF", "form-" + suffix + "@example.nl"));
		assertThat(form.body()).doesNotContain(HIDDEN_NL);
		assertThat(jdbc.sql("select display_name from intake where email = :email").param("email", "form-" + suffix + "@example.nl")
			.query(String.class).single()).isEqualTo("\u05E9\u05E8\u05D4 \u05DB\u05D4\u05DF");
	}

	@Test
	void thePublicFormRefusesSuchANameInBothLanguages() throws Exception {
		programmes.openPublicIntake(programme.id(), true);
		String email = "form-" + suffix + "@example.nl";
		HttpResponse<String> dutch = new WebSession(port).post("/intake/programme/" + programme.id(), form("Sam " + OVERRIDE + "Jansen", email));
		assertThat(dutch.statusCode()).isEqualTo(422);
		assertThat(dutch.body()).contains(HIDDEN_NL).doesNotContain("Kijk in je mailbox");
		WebSession english = new WebSession(port);
		english.get("/login?lang=en");
		assertThat(english.post("/intake/programme/" + programme.id(), form("Sam " + OVERRIDE + "Jansen", email)).body())
			.contains("The name contains an invisible character");
		assertThat(intakes.open(programme.id())).isEmpty();
	}

	/** A mail cannot be answered with a sentence at a field: the application is kept, its name without the override. */
	@Test
	void anApplicationByMailKeepsItsNameWithoutTheOverride() {
		Intake intake = intakes.receiveByMail(programme, "mail-" + suffix + "@example.nl", "John " + OVERRIDE + "O\u200BBrien\u2069",
				"Ik wil graag meedoen aan het programma.", null).orElseThrow();
		assertThat(intake.displayName()).isEqualTo("John OBrien");
		assertThat(jdbc.sql("select display_name from intake where id = :id").param("id", intake.id()).query(String.class).single())
			.isEqualTo("John OBrien");
	}

	/**
	 * A name stored before this check stands isolated. (It stood beside the address, which an override turned around;
	 * the list shows no address now, decision 0138.)
	 */
	@Test
	void aNameStoredBeforeCannotTurnTheAddressBesideItAround() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		String email = "john-" + suffix + "@example.nl";
		Intake invited = intakes.invite(programme, email, "John", Locale.forLanguageTag("nl"), manager.id());
		jdbc.sql("update intake set display_name = :name where id = :id").param("name", "John " + OVERRIDE + "OBrien")
			.param("id", invited.id()).update();
		Document page = Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString());
		Element who = page.selectFirst("#application-" + invited.id() + " td");
		assertThat(who).isNotNull();
		assertThat(who.select("bdi")).extracting(Element::text).containsExactly("John " + OVERRIDE + "OBrien");
		assertThat(who.text()).isEqualTo("John " + OVERRIDE + "OBrien");
	}

	@Test
	void organisationProgrammeAndStaffNamesAreRefusedOrCleaned() throws Exception {
		var admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		mvc.perform(post("/admin/organisations").param("name", "Gemeente " + OVERRIDE + suffix).with(admin).with(csrf()))
			.andExpect(flash().attribute("createProblem", "name.error.hidden"));
		assertThat(organisations.byName("Gemeente " + OVERRIDE + suffix)).isEmpty();
		mvc.perform(post("/admin/organisations/" + programme.organisationId() + "/accounts").param("displayName", "Co " + OVERRIDE + "ach")
			.param("email", "coach-" + suffix + "@example.nl").param("role", "COACH").param("language", "nl").with(admin).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("displayName", "name.error.hidden")));
		assertThat(accounts.byEmail("coach-" + suffix + "@example.nl")).isEmpty();

		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		mvc.perform(post("/programme/programmes").param("name", "Loopbaan " + OVERRIDE + suffix).with(fixtures.as(manager)).with(csrf()))
			.andExpect(flash().attribute("createMessages", java.util.Map.of("name",
					"De naam bevat een onzichtbaar teken dat tekst verbergt of omdraait (zoals een teken voor de schrijfrichting),"
							+ " vaak meegekomen bij kopiëren en plakken. Typ de naam opnieuw in.")));

		// Whatever makes an account (a sign-in elsewhere, the setup) keeps no override in the name.
		var made = accounts.register(new NewAccount(programme.organisationId(), "sso-" + suffix + "@example.nl",
				"Anna " + OVERRIDE + "Smit", Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		assertThat(made.displayName()).isEqualTo("Anna Smit");
		assertThat(accounts.byId(made.id()).orElseThrow().displayName()).isEqualTo("Anna Smit");
	}

	/** A zero-width space after a name made it another name for the check, and it was stored as the same one. */
	@Test
	void anOrganisationNameWithAnInvisibleMarkIsTheSameName() throws Exception {
		var admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String name = "Gemeente Dubbel " + UUID.randomUUID().toString().substring(0, 8);
		organisations.create(name);
		mvc.perform(post("/admin/organisations").param("name", name + "\u200B").with(admin).with(csrf()))
			.andExpect(flash().attribute("createProblem", "admin.organisations.error.taken"));
		mvc.perform(post("/admin/organisations").param("name", "\u200B").with(admin).with(csrf()))
			.andExpect(flash().attribute("createProblem", "name.error.hidden"));
	}

	/**
	 * A programme's own theme stands in sentences and options as a name does: a label with an override is refused at
	 * its field in the person's language, and an invisible mark is removed without a word.
	 */
	@Test
	void aThemeLabelWithAnOverrideIsRefusedAtItsFieldAndAMarkIsRemoved() throws Exception {
		var manager = fixtures.person(programme.organisationId(), "pm-" + suffix + "@example.nl", "Manager", Role.PROGRAMME_MANAGER);
		for (String[] language : new String[][] { { "nl", "Het thema bevat een onzichtbaar teken dat tekst verbergt of omdraait"
				+ " (zoals een teken voor de schrijfrichting), vaak meegekomen bij kopiëren en plakken. Typ het thema opnieuw in." },
				{ "en", "The theme contains an invisible character that hides or reverses text (such as a writing-direction mark),"
						+ " often brought along by copy and paste. Type the theme again." } }) {
			mvc.perform(post("/programme/programmes/{id}/themes", programme.id()).param("lang", language[0]).with(csrf())
				.with(fixtures.as(manager)).param("labelNl", "Zorg " + OVERRIDE + "en welzijn").param("labelEn", "Care ⁦and welfare"))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("themeMessages", java.util.Map.of("labelNl", language[1], "labelEn", language[1])));
		}
		assertThat(jdbc.sql("select count(*) from programme_theme where programme_id = :id and label_en like 'Care%'")
			.param("id", programme.id()).query(Integer.class).single()).isZero();

		mvc.perform(post("/programme/programmes/{id}/themes", programme.id()).with(csrf()).with(fixtures.as(manager))
			.param("labelNl", "‏Zorg en welzijn​").param("labelEn", "Care and welfare­"))
			.andExpect(flash().attribute("themesSaved", programme.id()));
		assertThat(jdbc.sql("select label_nl || '|' || label_en from programme_theme where programme_id = :id and code = 'ZORG_EN_WELZIJN'")
			.param("id", programme.id()).query(String.class).single()).isEqualTo("Zorg en welzijn|Care and welfare");
	}

	/** An assignment's title goes into sentences, options and letters: an override is refused at the field, a mark removed. */
	@Test
	void anAssignmentTitleWithAnOverrideIsRefusedAndAMarkIsRemoved() throws Exception {
		var coach = fixtures.person(programme.organisationId(), "coach-" + suffix + "@example.nl", "Coach", Role.COACH);
		for (String[] language : new String[][] { { "nl", "De titel bevat een onzichtbaar teken dat tekst verbergt of omdraait"
				+ " (zoals een teken voor de schrijfrichting), vaak meegekomen bij kopiëren en plakken. Typ de titel opnieuw in." },
				{ "en", "The title contains an invisible character that hides or reverses text (such as a writing-direction mark),"
						+ " often brought along by copy and paste. Type the title again." } }) {
			var refused = mvc.perform(post("/coach/assignments").param("lang", language[0]).with(csrf()).with(fixtures.as(coach))
				.param("title", "Mijn " + OVERRIDE + "naam " + suffix).param("type", "REFLECTION").param("minutes", "30")
				.param("language", "nl").param("instructions", "Zoek op wat je naam betekent."))
				.andExpect(status().is3xxRedirection())
				.andReturn();
			assertThat(refused.getFlashMap().get("formErrors")).isEqualTo(java.util.List.of(language[1]));
			assertThat(refused.getFlashMap().get("formFieldErrors")).isEqualTo(java.util.Map.of("title", language[1]));
		}
		assertThat(jdbc.sql("select count(*) from assignment where owner_id = :id").param("id", coach.id())
			.query(Integer.class).single()).isZero();

		mvc.perform(post("/coach/assignments").with(csrf()).with(fixtures.as(coach))
			.param("title", "‏Mijn naam​ " + suffix).param("type", "REFLECTION").param("minutes", "30")
			.param("language", "nl").param("instructions", "Zoek op wat je naam betekent."))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(jdbc.sql("select title from assignment where owner_id = :id").param("id", coach.id())
			.query(String.class).single()).isEqualTo("Mijn naam " + suffix);
	}

	private static String form(String name, String email) {
		return "displayName=" + enc(name) + "&email=" + enc(email)
				+ "&question=" + enc("Ik wil naar het onderwijs, maar durf de overstap nog niet.") + "&theme=RETRAINING"
				+ "&writesComfortably=YES&motivated=YES&hasTime=YES&expectations=true&consent=true";
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}

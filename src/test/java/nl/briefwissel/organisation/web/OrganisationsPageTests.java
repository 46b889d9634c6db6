package nl.briefwissel.organisation.web;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.NewAccount;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An installation is set up from the administration pages: organisations are made and renamed there,
 * and staff are invited into one and choose their own password by the link in the mail. Before, no page
 * made an organisation, and a coach without single sign-on could get an account only by applying.
 */
@BriefwisselTest
class OrganisationsPageTests {

	private static final Pattern LINK = Pattern.compile("(http://[^\\s\"<]+/password/reset\\?token=[A-Za-z0-9_-]+)");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void anAdministratorMakesAndRenamesAnOrganisationAndNamesMustDiffer() throws Exception {
		String name = "Gemeente Nieuwdorp " + UUID.randomUUID().toString().substring(0, 8);
		mvc.perform(post("/admin/organisations").param("name", "  " + name + " ").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		Organisation made = organisations.byName(name).orElseThrow();
		assertThat(made.name()).isEqualTo(name);
		assertThat(page(get("/admin/organisations").param("page", "99"))).contains("Organisaties ", " van ");
		assertThat(page(get("/admin/organisations/" + made.id()))).contains(name, "Nog geen accounts, nog geen programma&#39;s");

		// The same name in other capitals is the same organisation: refused, with what was typed kept.
		mvc.perform(post("/admin/organisations").param("name", name.toUpperCase(Locale.ROOT)).with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations#new-organisation"))
			.andExpect(flash().attribute("createProblem", "admin.organisations.error.taken"));
		mvc.perform(post("/admin/organisations").param("name", " ").with(admin()).with(csrf()))
			.andExpect(flash().attribute("createProblem", "admin.organisations.error.name"));
		assertThat(organisations.all().stream().filter(o -> o.name().equalsIgnoreCase(name))).hasSize(1);

		mvc.perform(post("/admin/organisations/" + made.id() + "/name").param("name", name + " (Noord)").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + made.id()));
		assertThat(organisations.byId(made.id()).orElseThrow().name()).isEqualTo(name + " (Noord)");
		// Renaming to its own name in other capitals is no clash with itself.
		mvc.perform(post("/admin/organisations/" + made.id() + "/name").param("name", (name + " (noord)")).with(admin()).with(csrf()))
			.andExpect(flash().attributeCount(1)).andExpect(redirectedUrl("/admin/organisations/" + made.id()));
		mvc.perform(get("/admin/organisations/" + UUID.randomUUID()).with(admin())).andExpect(status().isNotFound());
		mvc.perform(post("/admin/organisations/" + UUID.randomUUID() + "/name").param("name", "Niemand").with(admin()).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void anInvitedCoachChoosesAPasswordByTheLinkInTheMailAndSignsIn() throws Exception {
		Organisation organisation = organisations.create("Gemeente Uitnodiging " + UUID.randomUUID().toString().substring(0, 8));
		String email = "nieuwe.coach." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";

		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", " Noor de Wit ")
			.param("email", email).param("role", "COACH").param("language", "nl").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()))
			.andExpect(flash().attribute("invited", "Noor de Wit (" + email + ")"));
		Account invited = accounts.byEmail(email).orElseThrow();
		assertThat(invited.organisationId()).isEqualTo(organisation.id());
		assertThat(invited.roles()).containsExactly(Role.COACH);
		assertThat(invited.displayName()).isEqualTo("Noor de Wit");

		MimeMessage mail = Mailboxes.awaitMail(mailServer, email, m -> true);
		assertThat(mail.getSubject()).isEqualTo("Je account bij Briefwissel");
		String text = Mailboxes.text(mail);
		assertThat(text).contains("Beste Noor,", "De link werkt 7 dagen en één keer.",
				"Je gebruikt het account als e-coach bij " + organisation.name() + ".");
		Matcher link = LINK.matcher(text);
		assertThat(link.find()).as("link in %s", text).isTrue();
		String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);

		mvc.perform(post("/password/reset").param("token", token).param("password", "een zelfgekozen lange zin")
			.param("confirmation", "een zelfgekozen lange zin").with(csrf()))
			.andExpect(redirectedUrl("/login?passwordSet="));
		mvc.perform(post("/login").param("email", email).param("password", "een zelfgekozen lange zin").with(csrf()))
			.andExpect(authenticated());
	}

	/** A role refused is marked on its radios, the first focused: the fieldset's sentence alone was not heard on them. */
	@Test
	void aRefusedRoleIsMarkedOnItsRadiosAndTheFirstTakesTheFocus() throws Exception {
		Organisation organisation = organisations.create("Gemeente Rol " + UUID.randomUUID().toString().substring(0, 8));
		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Iemand Rol")
			.param("email", "rol." + UUID.randomUUID().toString().substring(0, 8) + "@example.nl").param("role", "PARTICIPANT")
			.with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("role", "admin.organisations.invite.error.role")));
		String page = browser.perform(get("/admin/organisations/" + organisation.id()).with(admin()))
			.andExpect(status().isUnprocessableContent()) // the form again, refused (decision 0139, amended)
			.andReturn().getResponse().getContentAsString();
		java.util.List<String> radios = java.util.regex.Pattern.compile("<input[^>]*name=\"role\"[^>]*>").matcher(page).results()
			.map(java.util.regex.MatchResult::group).toList();
		assertThat(radios).isNotEmpty().allSatisfy(radio -> assertThat(radio).contains("aria-invalid=\"true\""));
		assertThat(radios.get(0)).contains("autofocus");
		assertThat(radios.subList(1, radios.size())).noneSatisfy(radio -> assertThat(radio).contains("autofocus"));
	}

	@Test
	void anInvitationSaysWhatIsWrongAtEachFieldAndNeverTouchesAnExistingAccount() throws Exception {
		Organisation organisation = organisations.create("Gemeente Fouten " + UUID.randomUUID().toString().substring(0, 8));
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "")
			.param("email", "iemand@gemeente_x.nl").param("role", "PARTICIPANT").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "#invite"))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("displayName", "admin.organisations.invite.error.name",
					"email", "admin.organisations.invite.error.email", "role", "admin.organisations.invite.error.role")));
		assertThat(accounts.byEmail("iemand@gemeente_x.nl")).isEmpty();
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Sam")
			.param("email", "sam@gemeente").param("role", "COACH").with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "intakes.invite.email.domain")));
		assertThat(accounts.byEmail("sam@gemeente")).as("no dot after the @: no link reaches it").isEmpty();

		String email = "bestaand." + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		Account existing = accounts.register(new NewAccount(null, email, "Al Deelnemer", Locale.forLanguageTag("nl"),
				Set.of(Role.PARTICIPANT), null));
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Iemand Anders")
			.param("email", email.toUpperCase(Locale.ROOT)).param("role", "ADMINISTRATOR").with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "admin.organisations.invite.error.taken")));
		Account after = accounts.byId(existing.id()).orElseThrow();
		assertThat(after.roles()).containsExactly(Role.PARTICIPANT);
		assertThat(after.displayName()).isEqualTo("Al Deelnemer");

		// The page shows the sentences at their fields, and the typed name and address back.
		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Iemand Anders")
			.param("email", email).param("role", "ADMINISTRATOR").param("language", "en").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "#invite"));
		var page = Jsoup.parse(browser.perform(get("/admin/organisations/" + organisation.id()).with(admin())).andReturn().getResponse().getContentAsString());
		var field = page.getElementById("invite-email-" + organisation.id());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById("invite-email-error-" + organisation.id()).text()).contains("Dit adres heeft al een account");
		assertThat(field.val()).isEqualTo(email);
		assertThat(page.getElementById("invite-name-" + organisation.id()).val()).isEqualTo("Iemand Anders");
		assertThat(page.getElementById("invite-role-" + organisation.id() + "-ADMINISTRATOR").hasAttr("checked")).isTrue();
		assertThat(page.getElementById("invite-en-" + organisation.id()).hasAttr("checked")).isTrue();
	}

	/**
	 * An account belongs to one organisation. Inviting the e-coach of another organisation as e-coach here
	 * said "Geef dat account een rol op de accountpagina", where there is no organisation to choose and the
	 * account has that role already. The form says whose account it is and what can be done instead; the
	 * account stays as it was.
	 */
	@Test
	void invitingTheAddressOfAnotherOrganisationsAccountSaysWhoseItIsAndWhatCanBeDoneInstead() throws Exception {
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		Organisation theirs = organisations.byId(coach.organisationId()).orElseThrow();
		Organisation organisation = organisations.create("Gemeente Tweede " + UUID.randomUUID().toString().substring(0, 8));
		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", coach.displayName())
			.param("email", coach.email()).param("role", "COACH").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "#invite"))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "admin.organisations.invite.error.takenElsewhere")));
		var page = Jsoup.parse(browser.perform(get("/admin/organisations/" + organisation.id()).with(admin())).andReturn().getResponse().getContentAsString());
		var error = page.getElementById("invite-email-error-" + organisation.id());
		assertThat(error.text()).startsWith("Dit adres hoort bij een account van " + theirs.name() + ".")
			.contains("Een account hoort bij één organisatie", "nodig dan een ander e-mailadres van die persoon uit")
			.doesNotContain("Geef dat account een rol op de accountpagina");
		assertThat(error.select("a").attr("href")).contains("/admin?search=");
		Account after = accounts.byId(coach.id()).orElseThrow();
		assertThat(after.organisationId()).isEqualTo(theirs.id());
		assertThat(after.roles()).isEqualTo(coach.roles());
	}

	/**
	 * Inviting an address whose invitation is still open mails nothing: the form says when it went and until
	 * when it works, and offers to send it again, which ends the earlier link. A second click of that button
	 * sends nothing more. Before, the address was said to have an account to give a role to, and the only way
	 * to a new link was the person's own "forgot password".
	 */
	@Test
	void anAddressInvitedBeforeIsToldItsInvitationAndIsSentItAgainOnlyOnRequest(@Autowired nl.briefwissel.account.PasswordResets passwords,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		Organisation organisation = organisations.create("Gemeente Nogmaals " + UUID.randomUUID().toString().substring(0, 8));
		String email = "nogmaals." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Nina Nogmaals")
			.param("email", email).param("role", "COACH").param("language", "nl").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()));
		String first = token(Mailboxes.awaitMail(mailServer, email, m -> true));

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);

		browser.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Nina Nogmaals")
			.param("email", email).param("role", "PROGRAMME_MANAGER").param("language", "en").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "#invite"));
		var page = Jsoup.parse(browser.perform(get("/admin/organisations/" + organisation.id()).with(admin()))
			.andReturn().getResponse().getContentAsString());
		var field = page.getElementById("invite-email-" + organisation.id());
		assertThat(page.getElementById(field.attr("aria-describedby")).text())
			.startsWith("Nina Nogmaals (" + email + ") is al uitgenodigd: de uitnodiging is verstuurd op ")
			.contains(" en werkt tot ", "Er is geen tweede verstuurd.");
		// What was typed stays, and nothing was mailed a second time.
		assertThat(field.val()).isEqualTo(email);
		assertThat(page.getElementById("invite-role-" + organisation.id() + "-PROGRAMME_MANAGER").hasAttr("checked")).isTrue();
		assertThat(mailsTo(jdbc, email)).isEqualTo(1);

		var again = page.selectFirst("button[formaction]");
		assertThat(again.text()).isEqualTo("Uitnodiging opnieuw versturen");
		String action = again.attr("formaction");
		for (int click = 0; click < 2; click++) {
			browser.perform(post(action.substring(0, action.indexOf('?')))
				.param("sent", action.substring(action.indexOf("sent=") + 5)).param("displayName", "Nina Nogmaals")
				.param("email", email).param("role", "PROGRAMME_MANAGER").with(admin()).with(csrf()))
				.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()));
		}
		assertThat(browser.perform(get("/admin/organisations/" + organisation.id()).with(admin())).andReturn().getResponse()
			.getContentAsString()).contains("De uitnodiging is opnieuw verstuurd aan Nina Nogmaals (" + email + ")");
		assertThat(mailsTo(jdbc, email)).as("sent again once, for two clicks").isEqualTo(2);
		String second = token(Mailboxes.awaitMail(mailServer, email, m -> !Mailboxes.text(m).contains(first)));
		assertThat(passwords.isValid(first)).as("the earlier link").isFalse();
		assertThat(passwords.isValid(second)).isTrue();

		// Used, the invitation is no longer there to send again: the address has an account, as before.
		mvc.perform(post("/password/reset").param("token", second).param("password", "een zelfgekozen lange zin")
			.param("confirmation", "een zelfgekozen lange zin").with(csrf()));
		mvc.perform(post(action.substring(0, action.indexOf('?'))).param("sent", "0").with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "invitation.again.gone")));
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Nina Nogmaals")
			.param("email", email).param("role", "COACH").with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "admin.organisations.invite.error.taken")));
		assertThat(mailsTo(jdbc, email)).isEqualTo(2);
	}

	/**
	 * A colleague whose invitation ran out unused, invited again, is sent it again at once: a new link for the
	 * account as it was made (decision 0062). Before, the form said it ran out and that no new one was sent, and
	 * the administrator had to press a second button for what they had asked.
	 */
	@Test
	void anAddressWhoseInvitationRanOutIsSentANewLinkWhenInvitedAgain(@Autowired nl.briefwissel.account.PasswordResets passwords,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		Organisation organisation = organisations.create("Gemeente Verlopen " + UUID.randomUUID().toString().substring(0, 8));
		String email = "verlopen." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Vera Verlopen")
			.param("email", email).param("role", "COACH").param("language", "nl").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()));
		String first = token(Mailboxes.awaitMail(mailServer, email, m -> true));
		Account invited = accounts.byEmail(email).orElseThrow();
		jdbc.sql("update password_reset set created_at = :sent, expires_at = :until where account_id = :account")
			.param("sent", java.time.OffsetDateTime.now().minusDays(9)).param("until", java.time.OffsetDateTime.now().minusDays(2))
			.param("account", invited.id()).update();

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Vera Verlopen")
			.param("email", email).param("role", "COACH").param("language", "nl").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()));
		var page = Jsoup.parse(browser.perform(get("/admin/organisations/" + organisation.id()).with(admin()))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.selectFirst("div[role=status]").text())
			.contains("De uitnodiging is opnieuw verstuurd aan Vera Verlopen (" + email + ")");
		assertThat(mailsTo(jdbc, email)).isEqualTo(2);
		String second = token(Mailboxes.awaitMail(mailServer, email, m -> !Mailboxes.text(m).contains(first)));
		assertThat(passwords.isValid(second)).isTrue();
		assertThat(passwords.pendingInvitation(invited)).get().extracting(nl.briefwissel.PendingInvitation::expired).isEqualTo(false);
		assertThat(accounts.byEmail(email).orElseThrow().id()).isEqualTo(invited.id());
	}

	/**
	 * "Send the invitation again" once the address had as many mails with a link this hour as it may get sends
	 * nothing, changes nothing, and says so at the address with what was typed; the earlier link still works and
	 * the sentence says that only while it does. Before, nothing tested it, and a link that had run out was said
	 * to still work.
	 */
	@Test
	void sendingAgainOverTheHourlyLimitSaysSoAtTheAddressAndSendsNothing(@Autowired nl.briefwissel.account.PasswordResets passwords,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		Organisation organisation = organisations.create("Gemeente Limiet " + UUID.randomUUID().toString().substring(0, 8));
		String email = "limiet." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Lotte Limiet")
			.param("email", email).param("role", "COACH").param("language", "nl").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()));
		Account invited = accounts.byEmail(email).orElseThrow();
		String again = "/admin/organisations/" + organisation.id() + "/accounts/" + invited.id() + "/invitation";
		// Three mails with a link an hour is the default limit: the invitation and two sendings again.
		for (int sending = 0; sending < 2; sending++) {
			mvc.perform(post(again).param("sent", Long.toString(passwords.pendingInvitation(invited).orElseThrow().sent()))
				.param("displayName", "Lotte Limiet").param("email", email).param("role", "COACH").with(admin()).with(csrf()))
				.andExpect(redirectedUrl("/admin/organisations/" + organisation.id()));
		}
		assertThat(mailsTo(jdbc, email)).isEqualTo(3);
		java.util.List<String> links = new java.util.ArrayList<>();
		for (int mail = 0; mail < 3; mail++) {
			links.add(token(Mailboxes.awaitMail(mailServer, email, m -> links.stream().noneMatch(Mailboxes.text(m)::contains))));
		}
		assertThat(links.stream().filter(passwords::isValid)).as("the newest link only").hasSize(1);
		String last = links.stream().filter(passwords::isValid).findFirst().orElseThrow();
		var before = passwords.pendingInvitation(invited).orElseThrow();

		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(post(again).param("sent", Long.toString(before.sent())).param("displayName", "Lotte Limiet")
				.param("email", email).param("role", "PROGRAMME_MANAGER").param("language", "en").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/organisations/" + organisation.id() + "#invite"))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "invitation.again.tooMany")));
		var page = Jsoup.parse(browser.perform(get("/admin/organisations/" + organisation.id()).with(admin()))
			.andReturn().getResponse().getContentAsString());
		var field = page.getElementById("invite-email-" + organisation.id());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(page.getElementById(field.attr("aria-describedby")).text())
			.isEqualTo("Naar dit adres zijn het afgelopen uur al te veel mails met een link gegaan; er is niets verstuurd en de eerdere"
					+ " link werkt nog. Probeer het over een uur opnieuw.");
		assertThat(field.val()).isEqualTo(email);
		assertThat(page.getElementById("invite-role-" + organisation.id() + "-PROGRAMME_MANAGER").hasAttr("checked")).isTrue();
		assertThat(page.getElementById("invite-en-" + organisation.id()).hasAttr("checked")).isTrue();
		assertThat(mailsTo(jdbc, email)).as("nothing sent at the limit").isEqualTo(3);
		assertThat(passwords.pendingInvitation(invited)).contains(before);
		assertThat(passwords.isValid(last)).as("the earlier link").isTrue();

		// A link that ran out is not said to still work.
		jdbc.sql("update password_reset set expires_at = :until where account_id = :account")
			.param("until", java.time.OffsetDateTime.now().minusMinutes(1)).param("account", invited.id()).update();
		String shown = Long.toString(passwords.pendingInvitation(invited).orElseThrow().sent());
		mvc.perform(post(again).param("sent", shown).with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "invitation.again.tooMany.expired")));
		mvc.perform(post("/admin/organisations/" + organisation.id() + "/accounts").param("displayName", "Lotte Limiet")
			.param("email", email).param("role", "COACH").with(admin()).with(csrf()))
			.andExpect(flash().attribute("inviteProblems", java.util.Map.of("email", "invitation.again.tooMany.expired")));
		assertThat(mailsTo(jdbc, email)).isEqualTo(3);
	}

	private static String token(MimeMessage mail) {
		Matcher link = LINK.matcher(Mailboxes.text(mail));
		assertThat(link.find()).isTrue();
		return link.group(1).substring(link.group(1).indexOf("token=") + 6);
	}

	private static int mailsTo(org.springframework.jdbc.core.simple.JdbcClient jdbc, String address) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to").param("to", address).query(Integer.class).single();
	}

	@Test
	void onlyAnAdministratorReachesTheOrganisations() throws Exception {
		Account manager = accounts.byEmail("programma@briefwissel.test").orElseThrow();
		Account coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		for (Account notAdministrator : new Account[] { manager, coach }) {
			mvc.perform(get("/admin/organisations").with(fixtures.as(notAdministrator))).andExpect(status().isForbidden());
			mvc.perform(get("/admin/organisations/" + notAdministrator.organisationId()).with(fixtures.as(notAdministrator)))
				.andExpect(status().isForbidden());
			mvc.perform(post("/admin/organisations").param("name", "Stiekem").with(fixtures.as(notAdministrator)).with(csrf()))
				.andExpect(status().isForbidden());
		}
		assertThat(organisations.byName("Stiekem")).isEmpty();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(admin())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private RequestPostProcessor admin() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}
}

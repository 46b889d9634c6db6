package nl.briefwissel.account;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The administrator finds accounts by name, address or role, fifty at a time: the page listed every
 * account of the platform, one per participant.
 */
@BriefwisselTest
class AdministrationPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Test
	void accountsAreFoundByNameAddressOrRoleAPageAtATime() throws Exception {
		String tag = "zoek" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 52; i++) {
			accounts.register(new NewAccount(null, tag + "-" + String.format("%02d", i) + "@example.nl", "Persoon " + tag + " "
					+ String.format("%02d", i), Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		}
		Account coach = accounts.register(new NewAccount(null, "coach-" + tag + "@example.nl", "Coach_100% " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		Account newcomer = accounts.register(new NewAccount(null, "nieuw-" + tag + "@example.nl", "Nieuw " + tag,
				Locale.forLanguageTag("nl"), Set.of(), null));

		String first = page(get("/admin").param("search", tag.toUpperCase(Locale.ROOT)));
		assertThat(first).contains("Accounts 1–50 van 54", "Pagina 1 van 2", "Coach_100% " + tag, "Nieuw " + tag)
			.contains("Persoon " + tag + " 47").doesNotContain("Persoon " + tag + " 48");
		String second = page(get("/admin").param("search", tag).param("page", "2"));
		assertThat(second).contains("Accounts 51–54 van 54", "Persoon " + tag + " 48", "Persoon " + tag + " 51")
			.doesNotContain("Coach_100% " + tag);

		assertThat(page(get("/admin").param("search", tag).param("holding", "COACH"))).contains("Accounts 1–1 van 1", coach.email());
		assertThat(page(get("/admin").param("search", tag).param("holding", "NONE"))).contains("Accounts 1–1 van 1",
				newcomer.email());
		// The typed % and _ are letters, not wildcards.
		assertThat(page(get("/admin").param("search", "_100% " + tag))).contains("Accounts 1–1 van 1", coach.email());
		assertThat(page(get("/admin").param("search", "100%% " + tag))).contains("Geen accounts gevonden");
		// What the address says wrongly is read as the nearest it can mean: every role, the last page.
		assertThat(page(get("/admin").param("search", tag).param("holding", "KING").param("page", "x9"))).contains(
				"Accounts 1–50 van 54");
		assertThat(page(get("/admin").param("search", tag).param("page", "99"))).contains("Accounts 51–54 van 54");

		// An action brings the administrator back to the list it was taken from, and only to a list.
		mvc.perform(post("/admin/accounts/" + newcomer.id() + "/roles").param("role", "COACH").param("grant", "true")
			.param("back", "search=" + tag + "&holding=NONE&page=1&next=https://elders.example").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin?search=" + tag + "&holding=NONE"));
		mvc.perform(post("/admin/accounts/" + newcomer.id() + "/roles").param("role", "PARTICIPANT").param("grant", "true")
			.param("back", "search=%20met%20spatie%20&page=2").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin?search=met%20spatie&page=2"));
		// A + and braces are part of what was searched: encoded, not read as a space or a template.
		mvc.perform(post("/admin/accounts/" + newcomer.id() + "/unlock")
			.param("back", "search=jan%2Bcoach%7Bid%7D").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin?search=jan%2Bcoach%7Bid%7D"));
	}

	/**
	 * What was typed is searched letter for letter, in any case and without the spaces around it: a lone % or _ finds
	 * the accounts that hold one, not every account, and a backslash is a backslash.
	 */
	@Test
	void accountsAreFoundByWhatWasTypedLetterForLetter() {
		String tag = "letter" + UUID.randomUUID().toString().substring(0, 8);
		Account marked = accounts.register(new NewAccount(null, tag + "-a@example.nl", "Jan_de_Vries 100% " + tag + " a\\b",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		Account plain = accounts.register(new NewAccount(null, tag + "-b@example.nl", "JanXdeXVries 1000 " + tag + " aXb",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));

		assertThat(found(" " + tag.toUpperCase(Locale.ROOT) + " ")).contains(marked.id(), plain.id());
		assertThat(found("JAN_DE_vries 100% " + tag)).containsExactly(marked.id());
		assertThat(found(tag + " A\\B")).containsExactly(marked.id());
		for (String wildcard : java.util.List.of("%", "_", "%%", "\\%")) {
			assertThat(found(wildcard)).as(wildcard).doesNotContain(plain.id());
			assertThat(accounts.count(new Accounts.AccountSearch(wildcard, null))).as(wildcard).isLessThan(accounts.count());
		}
		assertThat(found("%")).contains(marked.id());
		assertThat(found("_")).contains(marked.id());
	}

	/**
	 * The database lowers the name and what was typed alike: an İ typed finds the İ stored, however the database lowers
	 * it (Java lowered the typed one to i with a combining dot, PostgreSQL the stored one to a plain i or not).
	 */
	@Test
	void aNameWithADottedCapitalIIsFoundAsTyped() {
		String tag = "dotted" + UUID.randomUUID().toString().substring(0, 8);
		Account ilknur = accounts.register(new NewAccount(null, tag + "-i@example.nl", "İlknur " + tag + " Yılmaz",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		Account ismail = accounts.register(new NewAccount(null, tag + "-s@example.nl", "Ismail Demir " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		assertThat(found("İlknur " + tag + " Yılmaz")).containsExactly(ilknur.id());
		assertThat(found("İLKNUR " + tag.toUpperCase(Locale.ROOT))).containsExactly(ilknur.id());
		assertThat(found("ISMAIL DEMIR " + tag.toUpperCase(Locale.ROOT))).containsExactly(ismail.id());
	}

	private java.util.List<UUID> found(String typed) {
		return accounts.find(new Accounts.AccountSearch(typed, null), 0, 100_000).stream().map(Account::id).toList();
	}

	/** Giving a role starts from no role: the list's first, chosen until changed, was "Beheerder". */
	@Test
	void aRoleToGiveIsChosenNotPreselected() throws Exception {
		String tag = "rol" + UUID.randomUUID().toString().substring(0, 8);
		Account participant = accounts.register(new NewAccount(null, tag + "@example.nl", "Deelnemer " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		var select = org.jsoup.Jsoup.parse(page(get("/admin").param("search", tag))).getElementById("role-" + participant.id());
		assertThat(select).isNotNull();
		assertThat(select.hasAttr("required")).isTrue();
		var chosen = select.select("option[selected]");
		assertThat(chosen).hasSize(1);
		assertThat(chosen.first().val()).isEmpty();
		assertThat(chosen.first().text()).isEqualTo("Kies een rol");
		assertThat(select.select("option").first()).isEqualTo(chosen.first());
	}

	/** A binding to the organisation's provider (decision 0031) can be cleared, for an account made anew there. */
	@Test
	void anAdministratorClearsABindingToTheProvider() throws Exception {
		String tag = "gebonden" + UUID.randomUUID().toString().substring(0, 8);
		Account bound = accounts.register(new NewAccount(null, tag + "@example.nl", "Gebonden " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		accounts.bindExternalSubject(bound.id(), "https://login.example/tenant " + UUID.randomUUID());
		assertThat(page(get("/admin").param("search", tag))).contains("/admin/accounts/" + bound.id() + "/single-sign-on/unbind");

		mvc.perform(post("/admin/accounts/" + bound.id() + "/single-sign-on/unbind").param("back", "search=" + tag)
			.with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin?search=" + tag));
		assertThat(accounts.externalSubjectOf(bound.id())).isEmpty();
		assertThat(page(get("/admin").param("search", tag))).doesNotContain("/single-sign-on/unbind");
		// Not for a coach: administration only.
		mvc.perform(post("/admin/accounts/" + bound.id() + "/single-sign-on/unbind").with(fixtures.as(bound)).with(csrf()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
	}

	/**
	 * A lock that waits for an administrator reads apart from one that ends by itself: it said "Op slot na
	 * te veel pogingen" for both, and the administrator could not tell which person needs them.
	 */
	@Test
	void aLockUntilAnAdministratorUnlocksReadsApartFromATimedOne(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc)
			throws Exception {
		String tag = "slot" + UUID.randomUUID().toString().substring(0, 8);
		Account timed = accounts.register(new NewAccount(null, tag + "-a@example.nl", "Een " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		Account waiting = accounts.register(new NewAccount(null, tag + "-b@example.nl", "Twee " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.COACH), null));
		String lock = "update account set locked_until = :until where id = :id";
		jdbc.sql(lock).param("until", java.time.OffsetDateTime.now().plusMinutes(20).plusSeconds(30)).param("id", timed.id()).update();
		jdbc.sql(lock).param("until", SignInAttempts.UNTIL_AN_ADMINISTRATOR).param("id", waiting.id()).update();

		var rows = org.jsoup.Jsoup.parse(page(get("/admin").param("search", tag))).select("tbody tr");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).text()).contains("Op slot na te veel pogingen, nog 21 minuten.").doesNotContain("beheerder");
		assertThat(rows.get(1).text()).contains("Op slot tot een beheerder het ontgrendelt").doesNotContain("minuten");
		String english = page(get("/admin").param("search", tag).param("lang", "en"));
		assertThat(english).contains("Locked after too many attempts, 21 minutes to go.", "Locked until an administrator unlocks it");
	}

	/**
	 * What is left of an erased participant (decision 0010) is offered no role: an administrator gave one
	 * the E-coach role, and "Verwijderde deelnemer / Erased participant" stood among the coaches.
	 */
	@Test
	void anErasedAccountIsOfferedNoRoleAndGetsNone(@Autowired nl.briefwissel.organisation.Organisations organisations)
			throws Exception {
		String tag = "gewist" + UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente " + tag);
		Account erased = accounts.register(new NewAccount(organisation.id(), tag + "@example.nl", "Gewist " + tag,
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		accounts.anonymise(erased.id());
		String address = accounts.byId(erased.id()).orElseThrow().email();

		var row = org.jsoup.Jsoup.parse(page(get("/admin").param("search", address))).select("tbody tr");
		assertThat(row).hasSize(1);
		assertThat(row.select("form[action$=/roles]")).isEmpty();
		// Its name in the page's language, not both at once.
		assertThat(row.text()).contains("Verwijderde deelnemer").doesNotContain("Erased participant");
		assertThat(org.jsoup.Jsoup.parse(page(get("/admin").param("search", address).param("lang", "en"))).select("tbody tr").text())
			.contains("Erased participant").doesNotContain("Verwijderde deelnemer");

		mvc.perform(post("/admin/accounts/" + erased.id() + "/roles").param("role", "COACH").param("grant", "true")
			.with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("roleProblemWhy", "admin.accounts.erased"));
		assertThat(accounts.byId(erased.id()).orElseThrow().roles()).doesNotContain(Role.COACH);

		// One given the role before this refusal existed is still no coach to choose.
		accounts.addRole(erased.id(), Role.COACH);
		assertThat(accounts.coachesOf(organisation.id())).extracting(Account::id).doesNotContain(erased.id());
	}

	/** The administrator's own administrator role is not offered to take back: the server refuses it anyway. */
	@Test
	void theAdministratorsOwnAdministratorRoleIsNotOfferedToTakeBack() throws Exception {
		Account me = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		var row = org.jsoup.Jsoup.parse(page(get("/admin").param("search", me.email()))).select("tbody tr");
		assertThat(row).hasSize(1);
		assertThat(row.select("form[action$=/roles]:has(input[name=role][value=ADMINISTRATOR])")).isEmpty();
		assertThat(row.text()).contains("Je eigen rol als beheerder kan een andere beheerder intrekken.");
		mvc.perform(post("/admin/accounts/" + me.id() + "/roles").param("role", "ADMINISTRATOR").param("grant", "false")
			.with(admin()).with(csrf()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("roleProblemWhy", "admin.accounts.roleProblem"));
		assertThat(accounts.byId(me.id()).orElseThrow().roles()).contains(Role.ADMINISTRATOR);
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(admin())).andReturn().getResponse().getContentAsString();
	}

	private RequestPostProcessor admin() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}
}

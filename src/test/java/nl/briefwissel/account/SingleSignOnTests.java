package nl.briefwissel.account;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Organisations;
import testsupport.oidc.OidcProvider;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Single sign-on against a real OpenID Connect provider (Spring Authorization Server, started
 * here): real HTTP through both applications, the provider's own login form, discovery, code
 * exchange, signed ID token.
 */
@BriefwisselTest
class SingleSignOnTests {

	private static final Pattern PROVIDER_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Accounts accounts;

	@Autowired
	SingleSignOn singleSignOn;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	UUID organisation;

	String newcomer;

	String colleague;

	OidcProvider provider;

	@BeforeEach
	void anOrganisationWithItsOwnProvider() {
		organisation = organisations.create("Gemeente SSO " + UUID.randomUUID().toString().substring(0, 8)).id();
		newcomer = "nieuw-" + UUID.randomUUID() + "@gemeente-sso.example.nl";
		colleague = "collega-" + UUID.randomUUID() + "@gemeente-sso.example.nl";
		// Besides the newcomer: someone who typed the newcomer's address into their own profile, and a
		// colleague whose provider says nothing of their address (Entra ID) or that it is not verified.
		provider = OidcProvider.start("http://localhost:" + port + "/login/oauth2/code/" + organisation, newcomer,
				"impostor=" + newcomer, "entra=" + colleague + "=unsaid", "unverified=" + colleague + "=unverified");
	}

	@AfterEach
	void stopTheProvider() {
		provider.close();
	}

	@Test
	void aFirstSignInCreatesAnAccountWithoutRightsUntilAnAdministratorGrantsARole() throws Exception {
		Account admin = fixtures.person(organisation, "beheer-" + UUID.randomUUID() + "@gemeente-sso.example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		var refused = mvc.perform(post("/admin/sign-in").param("label", "Gemeente SSO").param("issuer", "ftp://nergens")
			.param("clientId", OidcProvider.CLIENT_ID).param("clientSecret", OidcProvider.CLIENT_SECRET).param("enabled", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in#error-summary"))
			.andReturn();
		mvc.perform(get("/admin/sign-in").cookie(refused.getResponse().getCookies()).with(fixtures.as(admin)))
			.andExpect(content().string(containsString("beginnend met https://")));
		mvc.perform(post("/admin/sign-in").param("label", "Gemeente SSO").param("issuer", provider.issuer())
			.param("clientId", OidcProvider.CLIENT_ID).param("clientSecret", OidcProvider.CLIENT_SECRET).param("enabled", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in?saved"));
		assertThat(singleSignOn.of(organisation).orElseThrow().toString()).doesNotContain(OidcProvider.CLIENT_SECRET);
		mvc.perform(get("/login")).andExpect(content().string(containsString("Inloggen via Gemeente SSO")));

		HttpResponse<String> first = firstSignIn(newcomer, newcomer, null);
		assertThat(first.body()).contains("Nog geen toegang");
		Account created = accounts.byEmail(newcomer).orElseThrow();
		assertThat(created.roles()).isEmpty();
		assertThat(created.organisationId()).isEqualTo(organisation);
		assertThat(created.displayName()).isEqualTo("Sso " + newcomer);

		accounts.addRole(created.id(), Role.COACH);
		HttpResponse<String> asCoach = signInThroughTheProvider();
		assertThat(asCoach.uri().getPath()).as("a coach still owes the app code").isEqualTo("/login/code/setup");

		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, "", true, false, true);
		HttpResponse<String> trusted = signInThroughTheProvider();
		assertThat(trusted.uri().getPath()).as("the provider asked for the second factor itself").isEqualTo("/coach");
		assertThat(trusted.body()).contains("Mijn werkplek");
	}

	/**
	 * A provider that does not answer (an issuer typed wrong, or down) leaves its button on the login page; pressed,
	 * it brings the login page back saying that signing in this way is not possible now. It answered 500.
	 */
	@Test
	void aProviderThatDoesNotAnswerLeadsBackToTheLoginPageNotToAnError() throws Exception {
		singleSignOn.save(organisation, "Gemeente Onbereikbaar", "https://127.0.0.1:1/v2.0", OidcProvider.CLIENT_ID,
				OidcProvider.CLIENT_SECRET, true, false, true);
		mvc.perform(get("/login")).andExpect(content().string(containsString("Inloggen via Gemeente Onbereikbaar")));
		mvc.perform(get("/oauth2/authorization/" + organisation)).andExpect(redirectedUrl("/login?sso=unavailable"));
		mvc.perform(get("/oauth2/authorization/" + UUID.randomUUID())).andExpect(redirectedUrl("/login?sso=unavailable"));
		Document page = Jsoup.parse(mvc.perform(get("/login").param("sso", "unavailable")).andReturn().getResponse().getContentAsString());
		assertThat(page.select("[role=alert]").text()).contains("Inloggen via je organisatie kan nu niet");
	}

	/** The longest secret the form takes is stored, whatever its letters (sealed, it is four times as long). */
	@Test
	void aSecretOfTheLongestLengthWithNonAsciiLettersIsSaved() throws Exception {
		Account admin = fixtures.person(organisation, "beheer-" + UUID.randomUUID() + "@gemeente-sso.example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		mvc.perform(post("/admin/sign-in").param("label", "Gemeente SSO").param("issuer", provider.issuer())
			.param("clientId", OidcProvider.CLIENT_ID).param("clientSecret", "€".repeat(1000)).param("enabled", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in?saved"));
	}

	/**
	 * Back on the page after a refused save, the administrator finds what they typed, each mistake at its
	 * field and a summary linking to them; the secret is neither given back nor kept in the session, and
	 * its field says to type it again.
	 */
	@Test
	void aRefusedConnectionComesBackAsTypedWithEachSentenceAtItsFieldButNeverTheSecret() throws Exception {
		Account admin = fixtures.person(organisation, "beheer-" + UUID.randomUUID() + "@gemeente-sso.example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		String secret = "geheim-" + UUID.randomUUID();
		var refused = mvc.perform(post("/admin/sign-in").param("label", "").param("issuer", "ftp://nergens")
			.param("clientId", "briefwissel-client").param("clientSecret", secret).param("providerAsksSecondFactor", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in#error-summary"))
			.andReturn();
		assertThat(singleSignOn.of(organisation)).isEmpty();
		assertThat(refused.getFlashMap().toString()).as("the secret does not go into the session").doesNotContain(secret);

		// The flash message travels with the session, as in a browser.
		String html = mvc.perform(get("/admin/sign-in").cookie(refused.getResponse().getCookies()).with(fixtures.as(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain(secret);
		Document page = Jsoup.parse(html);

		Element label = page.getElementById("label");
		assertThat(label.closest("form").hasAttr("novalidate")).as("the server's sentence, not the browser's bubble").isTrue();
		assertThat(label.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, label)).singleElement().satisfies(error -> {
			assertThat(error.id()).isEqualTo("label-error");
			assertThat(error.text()).isEqualTo("Vul de naam voor de knop in.");
			assertThat(error.closest(".utrecht-form-field").hasClass("utrecht-form-field--invalid")).isTrue();
		});

		Element issuer = page.getElementById("issuer");
		assertThat(issuer.attr("value")).isEqualTo("ftp://nergens");
		assertThat(issuer.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, issuer)).extracting(Element::id).containsExactly("issuer-help", "issuer-error");
		assertThat(page.getElementById("issuer-error").text()).contains("https://");

		Element clientId = page.getElementById("clientId");
		assertThat(clientId.attr("value")).as("a right value typed with wrong ones").isEqualTo("briefwissel-client");
		assertThat(clientId.hasAttr("aria-invalid")).isFalse();
		assertThat(clientId.hasAttr("aria-describedby")).isFalse();

		Element clientSecret = page.getElementById("clientSecret");
		assertThat(clientSecret.attr("value")).isEmpty();
		assertThat(clientSecret.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, clientSecret)).singleElement()
			.satisfies(error -> assertThat(error.text()).contains("opnieuw"));

		assertThat(page.getElementById("mfa").hasAttr("checked")).isTrue();
		assertThat(page.getElementById("enabled").hasAttr("checked")).as("as typed: left unticked").isFalse();

		Element summary = page.getElementById("error-summary");
		assertThat(summary.hasAttr("autofocus")).isTrue();
		assertThat(summary.select("a")).extracting(a -> a.attr("href")).containsExactly("#label", "#issuer", "#clientSecret");
		assertThat(summary.select("a")).allSatisfy(link -> assertThat(page.getElementById(link.attr("href").substring(1))).isNotNull());
	}

	/**
	 * With a connection stored, a mistake brings back what was typed rather than what is stored; a secret
	 * left empty keeps the stored one, so its field only carries its hint.
	 */
	@Test
	void aMistakeOverAStoredConnectionShowsWhatWasTypedAndLeavesAnUntypedSecretAlone() throws Exception {
		Account admin = fixtures.person(organisation, "beheer-" + UUID.randomUUID() + "@gemeente-sso.example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				false, false, true);
		var refused = mvc.perform(post("/admin/sign-in").param("label", "Nieuwe naam").param("issuer", provider.issuer())
			.param("clientId", "").param("enabled", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in#error-summary"))
			.andExpect(flash().attribute("ssoProblems", java.util.Map.of("clientId", "sso.error.clientId")))
			.andReturn();
		assertThat(singleSignOn.of(organisation).orElseThrow().label()).isEqualTo("Gemeente SSO");

		Document page = Jsoup.parse(mvc.perform(get("/admin/sign-in").cookie(refused.getResponse().getCookies())
			.with(fixtures.as(admin))).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("label").attr("value")).isEqualTo("Nieuwe naam");
		Element clientId = page.getElementById("clientId");
		assertThat(clientId.attr("value")).as("emptied, not the stored one").isEmpty();
		assertThat(clientId.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, clientId)).extracting(Element::id).containsExactly("clientId-error");
		Element clientSecret = page.getElementById("clientSecret");
		assertThat(clientSecret.hasAttr("aria-invalid")).isFalse();
		assertThat(describedBy(page, clientSecret)).extracting(Element::id).containsExactly("secret-help");
		assertThat(page.select("#error-summary a")).extracting(a -> a.attr("href")).containsExactly("#clientId");
	}

	@Test
	void anAddressOfAnotherOrganisationGetsThePageEveryFirstSignInGets() throws Exception {
		fixtures.person(organisations.create("Andere gemeente").id(), newcomer, "Elders", Role.COACH);
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				false, false, true);
		HttpResponse<String> refused = signInThroughTheProvider();
		// Whoever runs this organisation's provider learnt that the address has an account at another
		// organisation: very likely someone in a coaching programme. Now the page of an unknown address or a
		// colleague's (decision 0101), with nothing mailed.
		assertThat(refused.uri().getPath()).isEqualTo("/login/organisation/sent");
		assertThat(refused.body()).contains("Als dit adres bij Briefwissel bekend is").doesNotContain("andere organisatie");
		assertThat(jdbc.sql("select count(*) from single_sign_on_link where email = :email").param("email", newcomer)
			.query(Integer.class).single()).isZero();
		assertThat(accounts.byEmail(newcomer).orElseThrow().organisationId()).isNotEqualTo(organisation);
	}

	/**
	 * Auth0 and Entra ID v1 name their issuer with a slash at the end, and discovery only accepts the
	 * issuer it publishes, to the letter: the slash stays. (Not switched on: nothing is fetched from it.)
	 */
	@Test
	void anIssuerTypedWithATrailingSlashIsStoredWithIt() throws Exception {
		Account admin = fixtures.person(organisation, "beheer-" + UUID.randomUUID() + "@gemeente-sso.example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		mvc.perform(post("/admin/sign-in").param("label", "Gemeente SSO").param("issuer", " https://gemeente.eu.auth0.com/ ")
			.param("clientId", OidcProvider.CLIENT_ID).param("clientSecret", OidcProvider.CLIENT_SECRET)
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in?saved"));
		assertThat(singleSignOn.of(organisation).orElseThrow().issuer()).isEqualTo("https://gemeente.eu.auth0.com/");
	}

	/**
	 * The first save twice at once (a double click): the second waits for the first, then changes the
	 * connection it made, keeping its secret, instead of failing on a second one.
	 */
	@Test
	void twoFirstSavesAtOnceBothSucceedAndLeaveOneConnection(@Autowired TransactionTemplate transactions,
			@Autowired JdbcClient jdbc) throws Exception {
		var saved = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		var executor = Executors.newFixedThreadPool(2);
		try {
			var first = executor.submit(() -> transactions.executeWithoutResult(status -> {
				singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID,
						OidcProvider.CLIENT_SECRET, false, false, false);
				saved.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(saved.await(10, TimeUnit.SECONDS)).as("the first save, its transaction still open").isTrue();
			var second = executor.submit(() -> singleSignOn.save(organisation, "Gemeente SSO tweede", provider.issuer(),
					OidcProvider.CLIENT_ID, "", false, false, false));
			Thread.sleep(300);
			release.countDown();
			first.get(10, TimeUnit.SECONDS);
			second.get(10, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			testsupport.Threads.finish(executor);
		}
		assertThat(jdbc.sql("select count(*) from single_sign_on where organisation_id = :organisation")
			.param("organisation", organisation).query(Integer.class).single()).isEqualTo(1);
		SingleSignOn.Provider stored = singleSignOn.of(organisation).orElseThrow();
		assertThat(stored.label()).isEqualTo("Gemeente SSO tweede");
		assertThat(stored.clientSecret()).as("left empty, the secret of the first save stays").isEqualTo(OidcProvider.CLIENT_SECRET);
	}

	/** A browser: the app sends it to the provider, it signs in there, and comes back. */
	/**
	 * The provider's subject finds the account from the first sign-in on: another person at the
	 * provider giving the same address (typed into their own profile, as Entra ID lets people do) is
	 * refused, and the account stays the first one's. (nOAuth: an address alone opened the account.)
	 */
	@Test
	void anAccountIsBoundToTheSubjectItFirstSignedInWith() throws Exception {
		Account existing = fixtures.person(organisation, newcomer, "Bestaande Coach", Role.COACH);
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, false, true);
		HttpClient browser = browser();
		assertThat(signInThroughTheProvider(browser, newcomer).uri().getPath()).isEqualTo("/login/organisation/sent");
		HttpResponse<String> confirmPage = open(browser, "/login/organisation/link?token=" + bindingLinkTo(newcomer));
		assertThat(confirm(browser, confirmPage).uri().getPath()).isEqualTo("/coach");
		assertThat(accounts.externalSubjectOf(existing.id())).contains(provider.issuer() + " " + OidcProvider.CLIENT_ID + " " + newcomer);

		// The page every first sign-in gets (decision 0101), and nothing mailed to the bound account.
		HttpResponse<String> impostor = signInThroughTheProvider("impostor");
		assertThat(impostor.uri().getPath()).isEqualTo("/login/organisation/sent");
		assertThat(jdbc.sql("select count(*) from single_sign_on_link where account_id = :account and used_at is null")
			.param("account", existing.id()).query(Integer.class).single()).isZero();
		assertThat(accounts.externalSubjectOf(existing.id())).contains(provider.issuer() + " " + OidcProvider.CLIENT_ID + " " + newcomer);
		assertThat(signInThroughTheProvider().uri().getPath()).as("the person bound still signs in").isEqualTo("/coach");

		// Erased, the account keeps no trace of the provider's subject.
		accounts.anonymise(existing.id());
		assertThat(accounts.externalSubjectOf(existing.id())).isEmpty();
	}

	/**
	 * A token that does not say the address is verified (Entra ID's) counts as verified only when the
	 * administrator said the provider gives out only its people's own addresses; one that says it is
	 * not, never.
	 */
	@Test
	void anAddressNotSaidToBeVerifiedCountsOnlyWhenTheAdministratorSaysSo() throws Exception {
		Account admin = fixtures.person(organisation, "beheer-" + UUID.randomUUID() + "@gemeente-sso.example.nl", "Beheerder",
				Role.ADMINISTRATOR);
		mvc.perform(post("/admin/sign-in").param("label", "Gemeente SSO").param("issuer", provider.issuer())
			.param("clientId", OidcProvider.CLIENT_ID).param("clientSecret", OidcProvider.CLIENT_SECRET).param("enabled", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in?saved"));
		assertThat(singleSignOn.of(organisation).orElseThrow().addressesVerified()).isFalse();
		HttpResponse<String> unsaid = signInThroughTheProvider("entra");
		assertThat(unsaid.uri().getPath()).isEqualTo("/login");
		assertThat(unsaid.body()).contains("gaf geen bevestigd e-mailadres door");
		assertThat(accounts.byEmail(colleague)).isEmpty();

		mvc.perform(post("/admin/sign-in").param("label", "Gemeente SSO").param("issuer", provider.issuer())
			.param("clientId", OidcProvider.CLIENT_ID).param("addressesVerified", "true").param("enabled", "true")
			.with(fixtures.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/sign-in?saved"));
		assertThat(singleSignOn.of(organisation).orElseThrow().addressesVerified()).isTrue();
		mvc.perform(get("/admin/sign-in").with(fixtures.as(admin)))
			.andExpect(content().string(containsString("name=\"addressesVerified\" value=\"true\" aria-describedby=\"verified-help\" checked=\"checked\"")));
		assertThat(firstSignIn("entra", colleague, null).body()).contains("Nog geen toegang");
		Account created = accounts.byEmail(colleague).orElseThrow();
		assertThat(accounts.externalSubjectOf(created.id())).contains(provider.issuer() + " " + OidcProvider.CLIENT_ID + " entra");

		HttpResponse<String> saidNot = signInThroughTheProvider("unverified");
		assertThat(saidNot.uri().getPath()).isEqualTo("/login");
		assertThat(saidNot.body()).contains("gaf geen bevestigd e-mailadres door");
	}

	/**
	 * Whoever signs in as a subject bound to a disabled account is told what someone whose address the provider does not
	 * vouch for is told: the same page, the same words, so that neither tells an outsider that an account exists or is
	 * disabled. The log still tells them apart.
	 */
	@Test
	void aDisabledAccountAndAnUnverifiedAddressGetTheSameAnswer() throws Exception {
		Account disabled = fixtures.person(organisation, newcomer, "Uitgeschakelde Coach", Role.COACH);
		accounts.bindExternalSubject(disabled.id(), provider.issuer() + " " + OidcProvider.CLIENT_ID + " " + newcomer);
		jdbc.sql("update account set enabled = false where id = :id").param("id", disabled.id()).update();
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				false, false, true);

		HttpResponse<String> ofTheDisabled = signInThroughTheProvider(newcomer);
		HttpResponse<String> unverified = signInThroughTheProvider("unverified");

		assertThat(ofTheDisabled.uri()).isEqualTo(unverified.uri());
		assertThat(alert(ofTheDisabled)).isEqualTo(alert(unverified)).contains("gaf geen bevestigd e-mailadres door");
	}

	private static String alert(HttpResponse<String> page) {
		return Jsoup.parse(page.body()).select(".utrecht-alert--error").text();
	}

	/**
	 * A first sign-in makes the account in the language the person was reading the app in (the
	 * language cookie, as for everyone without an account); they were given Dutch whatever they read.
	 * An account that exists keeps the language chosen for it.
	 */
	@Test
	void aFirstSignInKeepsTheLanguageThePersonReadAndAnAccountKeepsItsOwn() throws Exception {
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, true, true);
		HttpResponse<String> first = firstSignIn(newcomer, newcomer, "en");
		assertThat(first.body()).contains("No access yet");
		Account created = accounts.byEmail(newcomer).orElseThrow();
		assertThat(created.language()).isEqualTo(Locale.ENGLISH);

		accounts.changeLanguage(created.id(), Locale.forLanguageTag("nl"));
		signInThroughTheProvider(newcomer, "en");
		assertThat(accounts.byEmail(newcomer).orElseThrow().language()).isEqualTo(Locale.forLanguageTag("nl"));

		// Without a choice in the browser, Dutch, as the app's own pages are.
		assertThat(firstSignIn("entra", colleague, null).body()).contains("Nog geen toegang");
		assertThat(accounts.byEmail(colleague).orElseThrow().language()).isEqualTo(Locale.forLanguageTag("nl"));
	}

	/**
	 * An account that saved English signs in through its provider in a browser that never chose a language:
	 * English, as the account says (decision 0076). It was Dutch until the person switched.
	 */
	@Test
	void anAccountThatSavedEnglishSignsInToEnglish() throws Exception {
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, true, true);
		assertThat(firstSignIn(newcomer, newcomer, null).body()).contains("Nog geen toegang");
		accounts.changeLanguage(accounts.byEmail(newcomer).orElseThrow().id(), Locale.ENGLISH);
		assertThat(signInThroughTheProvider().body()).contains("No access yet");
	}

	/**
	 * An account that exists and was never bound is not opened on the provider's word for its address
	 * (decision 0095): whoever runs the provider can make a user with any address. The sign-in ends on a
	 * page that says a link was mailed to the account's address; opened, the link shows a button and binds
	 * nothing (mail scanners open every link); pressed in another browser than the one that signed in, it
	 * binds nothing either; pressed there, it binds the subject and signs in, once. The owner is then
	 * mailed that the account is linked, and how to undo it.
	 */
	@Test
	void anExistingAccountIsBoundOnlyWhenItsOwnerConfirmsTheMailedLinkInTheBrowserThatSignedIn() throws Exception {
		Account existing = fixtures.person(organisation, newcomer, "Bestaande Coach", Role.COACH);
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, false, true);
		HttpClient browser = browser();
		HttpResponse<String> signedIn = signInThroughTheProvider(browser, newcomer);
		assertThat(signedIn.uri().getPath()).isEqualTo("/login/organisation/sent");
		assertThat(signedIn.body()).contains("Bevestig via je mail").contains(newcomer);
		assertThat(accounts.externalSubjectOf(existing.id())).isEmpty();
		assertThat(open(browser, "/coach").uri().getPath()).as("not signed in").isEqualTo("/login");

		String token = bindingLinkTo(newcomer);
		// The provider and its user being bound are named (decision 0101): a sign-in the provider's operator drove
		// this browser through shows the operator's user, not the owner's.
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, newcomer,
				mail -> Mailboxes.subject(mail).contains("Bevestig de koppeling"))))
			.contains("Bevestig alleen als je zelf net via Gemeente SSO hebt ingelogd").contains("(localhost)")
			.contains("Sso " + newcomer);
		HttpResponse<String> confirmPage = open(browser, "/login/organisation/link?token=" + token);
		assertThat(confirmPage.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(confirmPage.body()).select("form[action=/login/organisation/link/use] button")).hasSize(1);
		assertThat(confirmPage.body()).contains("Gemeente SSO")
			.contains("Bevestig alleen als je zelf net via Gemeente SSO hebt ingelogd").contains("(localhost)");
		assertThat(accounts.externalSubjectOf(existing.id())).as("a GET binds nothing").isEmpty();

		HttpClient elsewhere = browser();
		HttpResponse<String> otherPage = open(elsewhere, "/login/organisation/link?token=" + token);
		assertThat(otherPage.body()).contains("in de browser waarin je");
		assertThat(Jsoup.parse(otherPage.body()).select("form[action=/login/organisation/link/use]")).isEmpty();
		HttpResponse<String> otherPost = postForm(elsewhere, "/login/organisation/link/use", "token=" + encode(token),
				open(elsewhere, "/login"));
		assertThat(otherPost.body()).contains("in de browser waarin je");
		assertThat(accounts.externalSubjectOf(existing.id())).isEmpty();

		HttpResponse<String> confirmed = confirm(browser, confirmPage);
		assertThat(confirmed.uri().getPath()).isEqualTo("/coach");
		assertThat(accounts.externalSubjectOf(existing.id()))
			.contains(provider.issuer() + " " + OidcProvider.CLIENT_ID + " " + newcomer);
		String linked = Mailboxes.text(Mailboxes.awaitMail(mailServer, newcomer,
				mail -> Mailboxes.subject(mail).contains("gekoppeld aan inloggen via je organisatie")));
		assertThat(linked).contains("Beste Bestaande,").contains("Gemeente SSO").contains("beheerder")
			.doesNotContain(token);

		HttpClient another = browser();
		HttpResponse<String> again = postForm(another, "/login/organisation/link/use", "token=" + encode(token), open(another, "/login"));
		assertThat(again.body()).contains("Deze link werkt niet meer");
		HttpResponse<String> wrong = postForm(browser, "/login/organisation/link/use", "token=" + "x".repeat(43), open(browser, "/login"));
		assertThat(wrong.body()).contains("Deze link werkt niet meer");
		assertThat(signInThroughTheProvider().uri().getPath()).as("bound: the provider signs in from now on").isEqualTo("/coach");
	}

	/**
	 * Someone else at the provider who gives the owner's address (or the operator, who can make such a user) does not
	 * end the link the owner was mailed a moment before (decision 0111): the owner's link still binds the owner's own
	 * subject, for an account that exists and for one the link would make. Only the owner's own newer sign-in
	 * replaces it, and pressing it ends the other's.
	 */
	@Test
	void anotherSubjectSigningInWithTheAddressDoesNotEndTheOwnersLink() throws Exception {
		fixtures.person(organisation, newcomer, "Bestaande Coach", Role.COACH);
		assertThat(theOwnerConfirmsAfterAnotherSubjectSignedIn().uri().getPath()).isEqualTo("/coach");
	}

	/** As {@link #anotherSubjectSigningInWithTheAddressDoesNotEndTheOwnersLink}, for the link that makes an account. */
	@Test
	void anotherSubjectSigningInWithANewAddressDoesNotEndItsOwnersLink() throws Exception {
		assertThat(theOwnerConfirmsAfterAnotherSubjectSignedIn().body()).contains("Nog geen toegang");
	}

	private HttpResponse<String> theOwnerConfirmsAfterAnotherSubjectSignedIn() throws Exception {
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, false, true);
		HttpClient owners = browser();
		assertThat(signInThroughTheProvider(owners, newcomer).uri().getPath()).isEqualTo("/login/organisation/sent");
		HttpResponse<String> confirmPage = open(owners, "/login/organisation/link?token=" + bindingLinkTo(newcomer));

		assertThat(signInThroughTheProvider("impostor").uri().getPath()).isEqualTo("/login/organisation/sent");
		assertThat(openLinks()).as("the impostor's link too").isEqualTo(2);

		HttpResponse<String> confirmed = confirm(owners, confirmPage);
		Account bound = accounts.byEmail(newcomer).orElseThrow();
		assertThat(accounts.externalSubjectOf(bound.id())).contains(provider.issuer() + " " + OidcProvider.CLIENT_ID + " " + newcomer);
		assertThat(openLinks()).as("pressed, the owner's link ends the other's").isZero();
		return confirmed;
	}

	private int openLinks() {
		return jdbc.sql("select count(*) from single_sign_on_link where email = :email and used_at is null")
			.param("email", newcomer)
			.query(Integer.class)
			.single();
	}

	/** A link that ran out, or one that was never sent, binds nothing: not opened, not pressed. */
	@Test
	void anExpiredOrWrongBindingLinkBindsNothing() throws Exception {
		Account existing = fixtures.person(organisation, newcomer, "Bestaande Coach", Role.COACH);
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, false, true);
		HttpClient browser = browser();
		signInThroughTheProvider(browser, newcomer);
		String token = bindingLinkTo(newcomer);
		HttpResponse<String> confirmPage = open(browser, "/login/organisation/link?token=" + token);
		jdbc.sql("update single_sign_on_link set expires_at = :then where account_id = :account")
			.param("then", java.time.OffsetDateTime.now().minusMinutes(1))
			.param("account", existing.id())
			.update();
		assertThat(open(browser, "/login/organisation/link?token=" + token).body()).contains("Deze link werkt niet meer");
		assertThat(confirm(browser, confirmPage).body()).contains("Deze link werkt niet meer").contains("30 minuten");
		assertThat(open(browser, "/login/organisation/link?token=" + "y".repeat(43)).body()).contains("Deze link werkt niet meer");
		assertThat(accounts.externalSubjectOf(existing.id())).isEmpty();
		assertThat(open(browser, "/coach").uri().getPath()).isEqualTo("/login");
	}

	/**
	 * The provider's second factor keeps outsiders out, not whoever runs the provider: an account with an
	 * authenticator app is asked its code whatever the administrator ticked (decision 0095).
	 */
	@Test
	void anAccountWithAnAppIsAskedItsCodeEvenWhenTheProviderAsksASecondFactor() throws Exception {
		Account coach = fixtures.person(organisation, newcomer, "Coach met app", Role.COACH);
		Account participant = fixtures.person(organisation, colleague, "Deelnemer met app", Role.PARTICIPANT);
		for (Account account : java.util.List.of(coach, participant)) {
			jdbc.sql("update account set totp_secret = :secret, totp_confirmed_at = current_timestamp where id = :id")
				.param("secret", Totp.newSecret())
				.param("id", account.id())
				.update();
		}
		accounts.bindExternalSubject(coach.id(), provider.issuer() + " " + OidcProvider.CLIENT_ID + " " + newcomer);
		accounts.bindExternalSubject(participant.id(), provider.issuer() + " " + OidcProvider.CLIENT_ID + " entra");
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				true, true, true);
		HttpClient browser = browser();
		assertThat(signInThroughTheProvider(browser, newcomer).uri().getPath()).isEqualTo("/login/code");
		assertThat(open(browser, "/coach").uri().getPath()).isEqualTo("/login/code");
		// A participant's account is never signed in through the employer's provider (decision 0101), even bound.
		HttpClient participants = browser();
		assertThat(signInThroughTheProvider(participants, "entra").uri().getPath()).isEqualTo("/login/organisation/sent");
		assertThat(open(participants, "/participant").uri().getPath()).isEqualTo("/login");
	}

	/** A new account bound at its first sign-in: its address is mailed that it is linked, so a stranger's doing is heard of. */
	@Test
	void aNewAccountsAddressIsMailedThatItIsLinked() throws Exception {
		singleSignOn.save(organisation, "Gemeente SSO", provider.issuer(), OidcProvider.CLIENT_ID, OidcProvider.CLIENT_SECRET,
				false, true, true);
		assertThat(firstSignIn(newcomer, newcomer, null).body()).contains("Nog geen toegang");
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, newcomer,
				mail -> Mailboxes.subject(mail).contains("gekoppeld aan inloggen via je organisatie")))).contains("Gemeente SSO");
	}

	private static final Pattern BINDING_LINK = Pattern.compile("http://[^\\s\"<]+/login/organisation/link\\?token=([A-Za-z0-9_-]{43})");

	/** The token of the newest binding link mailed to this address. */
	private String bindingLinkTo(String address) {
		String text = Mailboxes.text(Mailboxes.awaitMail(mailServer, address,
				mail -> Mailboxes.subject(mail).contains("Bevestig de koppeling")
						|| Mailboxes.subject(mail).contains("Confirm the link")));
		Matcher link = BINDING_LINK.matcher(text);
		assertThat(link.find()).as("a binding link in: " + text).isTrue();
		return link.group(1);
	}

	/**
	 * A first sign-in of someone without an account: the page every first sign-in gets, no account yet, then the
	 * mailed link pressed in the same browser, which makes the account (decision 0101).
	 */
	private HttpResponse<String> firstSignIn(String login, String address, String language) throws Exception {
		HttpClient browser = browser();
		HttpResponse<String> sent = signInThroughTheProvider(browser, login, language);
		assertThat(sent.uri().getPath()).isEqualTo("/login/organisation/sent");
		assertThat(accounts.byEmail(address)).as("no account before the link is confirmed").isEmpty();
		HttpResponse<String> confirmPage = open(browser, "/login/organisation/link?token=" + bindingLinkTo(address));
		assertThat(accounts.byEmail(address)).as("opening the link makes nothing").isEmpty();
		return confirm(browser, confirmPage);
	}

	private static HttpClient browser() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
	}

	private HttpResponse<String> open(HttpClient browser, String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Presses the button of the confirm page. */
	private HttpResponse<String> confirm(HttpClient browser, HttpResponse<String> confirmPage) throws Exception {
		Element form = Jsoup.parse(confirmPage.body()).selectFirst("form[action=/login/organisation/link/use]");
		assertThat(form).as("the confirm page's form").isNotNull();
		return postForm(browser, "/login/organisation/link/use",
				"token=" + encode(form.selectFirst("input[name=token]").attr("value")), confirmPage);
	}

	/** Sends a form with the form token of a page this browser was shown. */
	private HttpResponse<String> postForm(HttpClient browser, String path, String form, HttpResponse<String> page)
			throws Exception {
		String csrf = Jsoup.parse(page.body()).select("input[name=_csrf]").attr("value");
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> signInThroughTheProvider() throws Exception {
		return signInThroughTheProvider(newcomer);
	}

	private HttpResponse<String> signInThroughTheProvider(String login) throws Exception {
		return signInThroughTheProvider(login, null);
	}

	/** As a browser that chose {@code language} on the login page first (none: never chose). */
	private HttpResponse<String> signInThroughTheProvider(String login, String language) throws Exception {
		return signInThroughTheProvider(browser(), login, language);
	}

	private HttpResponse<String> signInThroughTheProvider(HttpClient browser, String login) throws Exception {
		return signInThroughTheProvider(browser, login, null);
	}

	private HttpResponse<String> signInThroughTheProvider(HttpClient browser, String login, String language) throws Exception {
		if (language != null) {
			browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login?lang=" + language)).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		HttpResponse<String> loginForm = browser.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/" + organisation)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(loginForm.uri().toString()).startsWith(provider.issuer() + "/login");
		Matcher csrf = PROVIDER_CSRF.matcher(loginForm.body());
		assertThat(csrf.find()).as("the provider's login form").isTrue();
		String form = "username=" + encode(login) + "&password=" + encode(OidcProvider.PASSWORD) + "&_csrf="
				+ encode(csrf.group(1));
		return browser.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

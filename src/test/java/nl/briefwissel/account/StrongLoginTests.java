package nl.briefwissel.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.Browser;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BriefwisselTest
class StrongLoginTests {

	private static final String PASSWORD = "een lang wachtwoord";

	private static final Pattern SECRET = Pattern.compile("class=\"bw-secret\">([A-Z2-7 ]+)<");

	private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

	private static final Pattern LINK = Pattern.compile("http://[^\\s\"<]+/login/link\\?token=([A-Za-z0-9_-]{43})");

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void aCoachWithoutAnAuthenticatorAppCannotReachContentUntilTheySetOneUp() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account coach = withPassword(trajectory.coach());

		Browser session = passwordStep(coach);
		session.perform(get("/coach/trajectories/" + trajectory.id())).andExpect(redirectedUrl("/login/code"));
		session.perform(get("/coach")).andExpect(redirectedUrl("/login/code"));
		session.perform(get("/login/code")).andExpect(redirectedUrl("/login/code/setup"));

		String setupPage = session.perform(get("/login/code/setup"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data:image/svg+xml;base64,")))
			.andReturn().getResponse().getContentAsString();
		String secret = secretOn(setupPage);
		// Halfway through, the person can stop and sign out (the next one at the computer cannot finish it).
		assertThat(org.jsoup.Jsoup.parse(setupPage).select("form[action=/logout] button").text()).isEqualTo("Annuleren en uitloggen");

		// The steps are read first; a wrong code takes the focus to its field, which says what was wrong.
		assertThat(org.jsoup.Jsoup.parse(setupPage).select("[autofocus]")).isEmpty();
		var wrong = org.jsoup.Jsoup.parse(session.perform(post("/login/code/setup").param("code", "000000").with(csrf()))
			.andExpect(content().string(containsString("Deze code klopt niet")))
			.andReturn().getResponse().getContentAsString());
		assertThat(wrong.select("[autofocus]")).extracting(org.jsoup.nodes.Element::id).containsExactly("code");
		assertThat(wrong.getElementById("code").attr("aria-describedby")).isEqualTo("code-error");
		session.perform(get("/coach")).andExpect(redirectedUrl("/login/code"));

		String codesPage = session.perform(post("/login/code/setup").param("code", code(secret, 0)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("herstelcodes")))
			.andReturn().getResponse().getContentAsString();
		assertThat(recoveryCodesOn(codesPage)).hasSize(SecondFactors.RECOVERY_CODES).doesNotHaveDuplicates();
		session.perform(get("/coach/trajectories/" + trajectory.id())).andExpect(status().isOk());
	}

	/**
	 * The set-up told programme managers and administrators they work with participants' words, which they never
	 * see: each role reads why it needs the code, in both languages.
	 */
	@Test
	void theSetUpSaysWhyEachRoleNeedsTheCode() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Account coach = withPassword(trajectory.coach());
		Account manager = withPassword(fixtures.person(trajectory.organisationId(), "pm-" + trajectory.id() + "@example.nl",
				"Manager", nl.briefwissel.account.Role.PROGRAMME_MANAGER));
		Account administrator = withPassword(fixtures.person(trajectory.organisationId(), "admin-" + trajectory.id() + "@example.nl",
				"Beheerder", nl.briefwissel.account.Role.ADMINISTRATOR));

		String forCoach = passwordStep(coach).perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(forCoach).text()).contains("Je werkt met de woorden van deelnemers.");
		for (Account staff : List.of(manager, administrator)) {
			Browser session = passwordStep(staff);
			String dutch = org.jsoup.Jsoup.parse(session.perform(get("/login/code/setup")).andReturn().getResponse()
				.getContentAsString()).text();
			assertThat(dutch).as(staff.email()).doesNotContain("woorden van deelnemers")
				.contains("Met je account zie en beheer je persoonsgegevens", "Daarom log je in met je wachtwoord");
			String english = org.jsoup.Jsoup.parse(session.perform(get("/login/code/setup").param("lang", "en")).andReturn()
				.getResponse().getContentAsString()).text();
			assertThat(english).as(staff.email()).doesNotContain("participants' words")
				.contains("With your account you see and manage personal data", "That is why you sign in");
		}
	}

	/**
	 * A reload of the set-up page (or a second tab, or a link to it from elsewhere) made a new secret,
	 * and the codes of the one already scanned were refused. The session that showed it keeps it;
	 * another session gets a fresh one.
	 */
	@Test
	void theSecretBeingSetUpStaysTheSameWhenThePageIsShownAgain() throws Exception {
		Account coach = withPassword(fixtures.runningTrajectory(true).coach());
		Browser session = passwordStep(coach);
		String first = secretOn(session.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		String again = secretOn(session.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		assertThat(again).isEqualTo(first);

		Browser elsewhere = passwordStep(coach);
		String other = secretOn(elsewhere.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		assertThat(other).as("another session's secret").isNotEqualTo(first);
		String shownAgain = secretOn(elsewhere.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		elsewhere.perform(post("/login/code/setup").param("code", code(shownAgain, 0)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("herstelcodes")));
	}

	/**
	 * Set up in one browser while the set-up page stood open in another: a code sent from the other was
	 * answered with the error page (a new secret was asked for an account that has its app). It goes on
	 * to the code from the app now set up.
	 */
	@Test
	void aSetUpFinishedInAnotherBrowserLeadsToTheCode() throws Exception {
		Account coach = withPassword(fixtures.runningTrajectory(true).coach());
		Browser other = passwordStep(coach);
		other.perform(get("/login/code/setup")).andExpect(status().isOk());
		Browser session = passwordStep(coach);
		String secret = secretOn(session.perform(get("/login/code/setup")).andReturn().getResponse().getContentAsString());
		session.perform(post("/login/code/setup").param("code", code(secret, 0)).with(csrf()))
			.andExpect(content().string(containsString("herstelcodes")));

		other.perform(post("/login/code/setup").param("code", "123456").with(csrf())).andExpect(redirectedUrl("/login/code"));
		other.perform(post("/login/code").param("code", code(secret, 1)).with(csrf())).andExpect(redirectedUrl("/"));
	}

	@Test
	void aCoachWithAnAppSignsInWithPasswordAndCodeAndACodeWorksOnlyOnce() throws Exception {
		Account coach = coachWithApp();
		String secret = secretOf(coach);
		String code = code(secret, 1);

		Browser first = passwordStep(coach);
		first.perform(get("/login/code")).andExpect(status().isOk());
		first.perform(post("/login/code").param("code", code).with(csrf())).andExpect(redirectedUrl("/"));
		first.perform(get("/coach")).andExpect(status().isOk());

		Browser second = passwordStep(coach);
		second.perform(post("/login/code").param("code", code).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Deze code klopt niet")));
		second.perform(get("/coach")).andExpect(redirectedUrl("/login/code"));
	}

	@Test
	void aRecoveryCodeSignsInOnceWhenThePhoneIsLost() throws Exception {
		Account coach = coachWithApp();
		String recovery = accountsRecoveryCodes(coach).get(0);

		Browser session = passwordStep(coach);
		session.perform(post("/login/code").param("code", recovery.toUpperCase(Locale.ROOT)).with(csrf()))
			.andExpect(redirectedUrl("/"));
		Browser again = passwordStep(coach);
		again.perform(post("/login/code").param("code", recovery).with(csrf()))
			.andExpect(content().string(containsString("Deze code klopt niet")));
	}

	@Test
	void theDemoAccountsAreTheOnlyOnesWithoutASecondFactorInTheEvaluationDefault() throws Exception {
		Browser demo = new Browser(mvc);
		demo.perform(post("/login").param("email", "coach@briefwissel.test").param("password", "briefwissel").with(csrf()))
			.andExpect(redirectedUrl("/"));
		demo.perform(get("/coach")).andExpect(status().isOk());

		Account other = withPassword(fixtures.runningTrajectory(true).coach());
		Browser session = passwordStep(other);
		session.perform(get("/coach")).andExpect(redirectedUrl("/login/code"));
	}

	@Test
	void outsideTheEvaluationDefaultEvenTheDemoCoachNeedsTheApp() {
		// Production has no demo data and so no exemption: the same rule without it.
		SecondFactors withoutExemption = new SecondFactors(jdbc, java.time.Clock.systemUTC(),
				new org.springframework.beans.factory.support.StaticListableBeanFactory()
					.getBeanProvider(SecondFactorExemption.class),
				encryption, notices);
		Account demoCoach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
		assertThat(secondFactors.required(new SignedInAccount(demoCoach, null, Accounts.PasswordChangedAt.NEVER, false))).isFalse();
		assertThat(withoutExemption.required(new SignedInAccount(demoCoach, null, Accounts.PasswordChangedAt.NEVER, false))).isTrue();
		Account demoParticipant = accounts.byEmail("deelnemer@briefwissel.test").orElseThrow();
		assertThat(withoutExemption.required(new SignedInAccount(demoParticipant, null, Accounts.PasswordChangedAt.NEVER, false))).isFalse();
	}

	@Autowired
	nl.briefwissel.encryption.Encryption encryption;

	@Test
	void fiveWrongPasswordsLockTheAccountUntilAnAdministratorUnlocksIt() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "slot-" + UUID.randomUUID() + "@example.nl", "Slot",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").param("email", participant.email()).param("password", "fout " + i).with(csrf()))
				.andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		mvc.perform(get("/login").param("locked", "")).andExpect(content().string(containsString("15 minuten op slot")));

		mvc.perform(get("/admin").param("search", participant.email()).with(admin()))
			.andExpect(content().string(containsString("Op slot na te veel pogingen")));
		mvc.perform(post("/admin/accounts/" + participant.id() + "/unlock").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"));
		mvc.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
	}

	/**
	 * The form has no browser check (novalidate): Verder with an empty field was told the code was wrong and
	 * to check the time on the phone. Nothing typed is asked for, in both languages, and counts as no guess.
	 */
	@Test
	void anEmptyCodeIsAskedForNotCalledWrongNorCounted() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		Browser settingUp = passwordStep(withPassword(trajectory.coach()));
		settingUp.perform(get("/login/code/setup")).andExpect(status().isOk());
		String setup = settingUp.perform(post("/login/code/setup").param("code", "").with(csrf()))
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(setup).select("#code-error").text())
			.isEqualTo("Je hebt nog geen code ingevuld. Vul de code van zes cijfers in die de app nu laat zien.");
		assertThat(org.jsoup.Jsoup.parse(setup).select("[autofocus]")).extracting(org.jsoup.nodes.Element::id).containsExactly("code");

		Account coach = coachWithApp();
		Browser session = passwordStep(coach);
		for (int i = 0; i < 6; i++) {
			String page = session.perform(post("/login/code").param("code", i == 0 ? "" : " ").with(csrf()))
				.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
			assertThat(org.jsoup.Jsoup.parse(page).select("#code-error").text()).startsWith("Je hebt nog geen code ingevuld.")
				.doesNotContain("klopt niet");
		}
		String english = session.perform(post("/login/code").param("code", "").param("lang", "en").with(csrf()))
			.andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(english).select("#code-error").text()).startsWith("You have not entered a code yet.");
		session.perform(post("/login/code").param("code", code(secretOf(coach), 1)).with(csrf()))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void wrongCodesCountTowardsTheLockoutToo() throws Exception {
		Account coach = coachWithApp();
		Browser session = passwordStep(coach);
		for (int i = 0; i < 4; i++) {
			session.perform(post("/login/code").param("code", "12345" + i).with(csrf()))
				.andExpect(status().isUnprocessableContent());
		}
		session.perform(post("/login/code").param("code", "999999").with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		mvc.perform(post("/login").param("email", coach.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
	}

	/** A guess at a recovery code is a guess like any other: it counts towards the same lock. */
	@Test
	void wrongRecoveryCodesCountTowardsTheLockoutToo() throws Exception {
		Account coach = coachWithApp();
		accountsRecoveryCodes(coach);
		Browser session = passwordStep(coach);
		for (int i = 0; i < 4; i++) {
			session.perform(post("/login/code").param("code", "abcde-fghj" + (i + 2)).with(csrf()))
				.andExpect(content().string(containsString("Deze code klopt niet")));
		}
		session.perform(post("/login/code").param("code", "abcde-fghjk").with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		mvc.perform(get("/login").param("locked", "").param("lang", "en"))
			.andExpect(content().string(containsString("The account is locked for 15 minutes.")));
	}

	/** Every session waiting for a code was one more guess past the lockout: a locked account takes none. */
	@Test
	void aLockedAccountTakesNoCodeInAnotherWaitingSession() throws Exception {
		Account coach = coachWithApp();
		Browser guesser = passwordStep(coach);
		Browser other = passwordStep(coach);
		for (int i = 0; i < 4; i++) {
			guesser.perform(post("/login/code").param("code", "12345" + i).with(csrf())).andExpect(status().isUnprocessableContent());
		}
		guesser.perform(post("/login/code").param("code", "999999").with(csrf())).andExpect(redirectedUrl("/login?locked"));
		other.perform(post("/login/code").param("code", code(secretOf(coach), 1)).with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		other.perform(get("/coach")).andExpect(status().is3xxRedirection());
	}

	/** A session left open cannot try every code on the security page: wrong codes lock, and the lock ends it. */
	@Test
	void wrongCodesOnTheSecurityPageLockTheAccountAndEndTheSession() throws Exception {
		Account coach = coachWithApp();
		Browser session = passwordStep(coach);
		session.perform(post("/login/code").param("code", code(secretOf(coach), 1)).with(csrf())).andExpect(redirectedUrl("/"));
		for (int i = 0; i < 4; i++) {
			session.perform(post("/account/security/recovery-codes").param("code", "12345" + i).with(csrf()))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString("Deze code klopt niet")));
		}
		session.perform(post("/account/security/recovery-codes").param("code", "999999").with(csrf()))
			.andExpect(redirectedUrl("/login?locked"));
		session.perform(get("/coach")).andExpect(redirectedUrl("/login"));
	}

	/** "Locked" after five wrong passwords must not tell a guesser that an address has an account. */
	@Test
	void anAddressWithoutAnAccountLocksAsOneWithAnAccount() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "wel-" + UUID.randomUUID() + "@example.nl", "Wel",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		String nobody = "niet-" + UUID.randomUUID() + "@example.nl";
		for (String email : List.of(participant.email(), nobody)) {
			for (int i = 0; i < 5; i++) {
				mvc.perform(post("/login").param("email", email).param("password", "fout " + i).with(csrf()))
					.andExpect(redirectedUrl("/login?error"));
			}
			mvc.perform(post("/login").param("email", email).param("password", "fout").with(csrf()))
				.andExpect(redirectedUrl("/login?locked"));
		}
	}

	/**
	 * A day after the last wrong password the count starts again, for an account as for an address
	 * without one: four wrong, a day, two wrong is "wrong" for both (the account said "locked").
	 */
	@Test
	void aCountLastRaisedADayAgoStartsAgainForAnAccountAsWithoutOne(@Autowired SignInAttempts signInAttempts) throws Exception {
		Account participant = accounts.register(new NewAccount(null, "dag-" + UUID.randomUUID() + "@example.nl", "Dag",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		String nobody = "geen-" + UUID.randomUUID() + "@example.nl";
		for (String email : List.of(participant.email(), nobody)) {
			for (int i = 0; i < 4; i++) {
				mvc.perform(post("/login").param("email", email).param("password", "fout " + i).with(csrf()))
					.andExpect(redirectedUrl("/login?error"));
			}
		}
		java.time.OffsetDateTime dayAndAHourAgo = java.time.OffsetDateTime.now().minusHours(25);
		jdbc.sql("update account set last_failed_sign_in_at = :at where id = :id").param("at", dayAndAHourAgo)
			.param("id", participant.id()).update();
		jdbc.sql("update sign_in_failure set last_failed_at = :at where address_hash = :hash").param("at", dayAndAHourAgo)
			.param("hash", signInAttempts.addressHash(nobody)).update();
		for (String email : List.of(participant.email(), nobody)) {
			for (int i = 0; i < 2; i++) {
				mvc.perform(post("/login").param("email", email).param("password", "weer fout " + i).with(csrf()))
					.andExpect(redirectedUrl("/login?error"));
			}
		}
		assertThat(jdbc.sql("select failed_sign_ins from account where id = :id").param("id", participant.id())
			.query(Integer.class).single()).isEqualTo(2);
	}

	/**
	 * Every password sign-in costs one hash, whoever the address is: a participant without a password,
	 * an account without a role and a locked one were answered before any hash, in a fraction of the time
	 * an unknown address took (Spring hashes once for that), which told who takes part in a programme.
	 */
	@Test
	void everyKnownAddressCostsOneHashAsAnUnknownOneDoes(@Autowired SignInAttempts attempts,
			@Autowired org.springframework.security.crypto.password.PasswordEncoder encoder) {
		java.util.concurrent.atomic.AtomicInteger hashes = new java.util.concurrent.atomic.AtomicInteger();
		var counting = new org.springframework.security.crypto.password.PasswordEncoder() {
			public String encode(CharSequence raw) {
				return encoder.encode(raw);
			}

			public boolean matches(CharSequence raw, String encoded) {
				if (raw != null && raw.length() > 0) {
					hashes.incrementAndGet(); // the encoder answers an empty password without hashing
				}
				return encoder.matches(raw, encoded);
			}
		};
		AccountUserDetailsService service = new AccountUserDetailsService(accounts, attempts, counting);
		Account withoutPassword = fixtures.runningTrajectory(false).participant();
		Account withoutRole = accounts.register(new NewAccount(null, "geen-rol-" + UUID.randomUUID() + "@example.nl", "Geen Rol",
				Locale.forLanguageTag("nl"), Set.of(), PASSWORD));
		Account locked = accounts.register(new NewAccount(null, "op-slot-" + UUID.randomUUID() + "@example.nl", "Op Slot",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		jdbc.sql("update account set locked_until = :until where id = :id").param("until", java.time.OffsetDateTime.now().plusHours(1))
			.param("id", locked.id()).update();

		var details = service.loadUserByUsername(withoutPassword.email());
		assertThat(details.getPassword()).as("a hash no password matches, checked as any other").isNotNull();
		assertThat(encoder.matches("", details.getPassword())).isFalse();
		hashes.set(0);
		assertThat(service.loadUserByUsername(withoutRole.email()).isEnabled()).isFalse();
		assertThat(hashes.get()).isEqualTo(1);
		assertThat(service.loadUserByUsername(locked.email()).isAccountNonLocked()).isFalse();
		assertThat(hashes.get()).isEqualTo(2);
		service.loadUserByUsername(withPassword(fixtures.runningTrajectory(false).participant()).email());
		assertThat(hashes.get()).as("an open account's password is checked by Spring, once").isEqualTo(2);
	}

	/**
	 * Spring puts the full sign-in (every role) into the session before it asks us where to go next.
	 * When that step failed (the database not answering whether a code is owed), the full sign-in stayed:
	 * a coach in without their code. The same after a provider vouched for someone and the account could
	 * not be looked up. A step that fails now leaves nobody signed in.
	 */
	@Test
	void aSignInThatFailsHalfwayLeavesNobodySignedIn(@Autowired SignInAttempts attempts, @Autowired SingleSignOn singleSignOn,
			@Autowired org.springframework.security.core.userdetails.UserDetailsService users, @Autowired SessionLifetime lifetime) {
		var noAnswer = new org.springframework.jdbc.CannotGetJdbcConnectionException("The database did not answer in time");
		SecondFactors failing = new SecondFactors(jdbc, java.time.Clock.systemUTC(),
				new org.springframework.beans.factory.support.StaticListableBeanFactory()
					.getBeanProvider(SecondFactorExemption.class),
				encryption, notices) {
			@Override
			public boolean required(SignedInAccount who) {
				throw noAnswer;
			}
		};
		ExternalSignIns failingProvider = new ExternalSignIns(accounts, attempts, null) {
			@Override
			Outcome signIn(UUID organisationId, Vouched vouched, java.util.Locale language) {
				throw noAnswer;
			}
		};
		SignInSecurity signIn = new SignInSecurity(failing, attempts, failingProvider, singleSignOn, accounts, lifetime,
				new org.springframework.web.servlet.i18n.FixedLocaleResolver());
		SignedInAccount coach = (SignedInAccount) users
			.loadUserByUsername(withPassword(fixtures.runningTrajectory(true).coach()).email());
		var byPassword = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(coach,
				null, coach.getAuthorities());
		var user = new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(List.of(),
				org.springframework.security.oauth2.core.oidc.OidcIdToken.withTokenValue("t")
					.subject("s")
					.issuer("https://login.example.nl")
					.issuedAt(Instant.now())
					.expiresAt(Instant.now().plusSeconds(60))
					.build());
		var byProvider = new org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken(user, List.of(),
				UUID.randomUUID().toString());
		try {
			for (var signedIn : List.<org.springframework.security.core.Authentication>of(byPassword, byProvider)) {
				var request = new org.springframework.mock.web.MockHttpServletRequest();
				var response = new org.springframework.mock.web.MockHttpServletResponse();
				request.setSession(new org.springframework.mock.web.MockHttpSession());
				// As Spring's sign-in filter leaves it when it calls the next step.
				var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
				context.setAuthentication(signedIn);
				org.springframework.security.core.context.SecurityContextHolder.setContext(context);
				new org.springframework.security.web.context.HttpSessionSecurityContextRepository().saveContext(context, request,
						response);

				var next = signedIn == byPassword ? signIn.afterPassword() : signIn.afterSingleSignOn();
				org.assertj.core.api.Assertions.assertThatThrownBy(() -> next.onAuthenticationSuccess(request, response, signedIn))
					.isSameAs(noAnswer);

				assertThat(request.getSession().getAttribute("SPRING_SECURITY_CONTEXT")).as("the session's sign-in").isNull();
				assertThat(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication())
					.isNull();
			}
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}

	/**
	 * Signing in by link or code gives the session a new form token as well as a new id: its attributes
	 * go along with the new id, and a token known from before (a planted session) passed every form.
	 */
	@Test
	void aSignInByLinkOrCodeGivesANewFormToken(@Autowired SignInSecurity signIn,
			@Autowired org.springframework.security.core.userdetails.UserDetailsService users) {
		Account participant = fixtures.runningTrajectory(false).participant();
		var request = new org.springframework.mock.web.MockHttpServletRequest();
		var response = new org.springframework.mock.web.MockHttpServletResponse();
		request.setSession(new org.springframework.mock.web.MockHttpSession());
		var tokens = new org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository();
		var known = tokens.generateToken(request);
		tokens.saveToken(known, request, response);

		signIn.complete((SignedInAccount) users.loadUserByUsername(participant.email()), request, response);

		var now = (org.springframework.security.web.csrf.CsrfToken) request
			.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
		assertThat(now.getToken()).isNotEqualTo(known.getToken());
		assertThat(tokens.loadToken(request).getToken()).isNotEqualTo(known.getToken());
	}

	/** Every node answers alike: the count for an address without an account is kept where all nodes read it. */
	@Test
	void anotherNodeKnowsThatAnAddressWithoutAnAccountIsLocked(@Autowired SignInAttempts attempts,
			@Autowired SignInProperties properties) {
		String nobody = "niemand-" + UUID.randomUUID() + "@example.nl";
		for (int i = 0; i < properties.lockoutAfter(); i++) {
			attempts.failed(nobody);
		}
		SignInAttempts otherNode = new SignInAttempts(jdbc, java.time.Clock.systemUTC(), properties, encryption, null);
		assertThat(otherNode.lockedWithoutAccount(nobody.toUpperCase(Locale.ROOT))).isTrue();
		assertThat(otherNode.lockedWithoutAccount("iemand-anders-" + UUID.randomUUID() + "@example.nl")).isFalse();
		assertThat(jdbc.sql("select count(*) from sign_in_failure where address_hash like :at").param("at", "%@%")
			.query(Integer.class).single()).as("only a hash of the address is kept").isZero();

		// A day after the last failure: the timer removes the address; a count older than a day starts again.
		jdbc.sql("update sign_in_failure set last_failed_at = :old, locked_until = null where address_hash = :hash")
			.param("old", java.time.OffsetDateTime.now().minusDays(2)).param("hash", attempts.addressHash(nobody)).update();
		attempts.failed(nobody);
		assertThat(jdbc.sql("select failures from sign_in_failure where address_hash = :hash").param("hash", attempts.addressHash(nobody))
			.query(Integer.class).single()).isEqualTo(1);
		jdbc.sql("update sign_in_failure set last_failed_at = :old where address_hash = :hash")
			.param("old", java.time.OffsetDateTime.now().minusDays(2)).param("hash", attempts.addressHash(nobody)).update();
		assertThat(attempts.forgetFailuresBefore(java.time.OffsetDateTime.now().minusDays(1))).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select count(*) from sign_in_failure where address_hash = :hash").param("hash", attempts.addressHash(nobody))
			.query(Integer.class).single()).isZero();
	}

	/**
	 * A plain SHA-256 of an address is undone by hashing likely addresses; the count is kept under a
	 * hash keyed with the encryption key, the same on every attempt, and only for this purpose.
	 */
	@Test
	void anAddressWithoutAnAccountIsCountedUnderAKeyedHash(@Autowired SignInAttempts attempts) {
		String nobody = "Gehasht-" + UUID.randomUUID() + "@Example.nl";
		String lowerCase = nobody.toLowerCase(Locale.ROOT);
		attempts.failed(nobody);
		attempts.failed(lowerCase);

		String hash = encryption.keyedHash(SignInAttempts.ADDRESS_HASH_PURPOSE, lowerCase);
		assertThat(hash).matches("[0-9a-f]{64}")
			.isNotEqualTo(LinkTokens.hash(lowerCase))
			.isNotEqualTo(LinkTokens.hash(nobody))
			.isNotEqualTo(encryption.keyedHash("briefwissel another purpose v1", lowerCase));
		assertThat(jdbc.sql("select failures from sign_in_failure where address_hash = :hash")
			.param("hash", hash)
			.query(Integer.class).list()).as("both attempts count on one row under the keyed hash").containsExactly(2);
		assertThat(jdbc.sql("select count(*) from sign_in_failure where address_hash in (:plain)")
			.param("plain", List.of(LinkTokens.hash(lowerCase), LinkTokens.hash(nobody)))
			.query(Integer.class).single()).as("no plain hash of the address is kept").isZero();
	}

	/** The address typed into a failed sign-in is there again (not in the address bar), once. */
	@Test
	void aFailedSignInKeepsTheAddressTyped() throws Exception {
		Browser browser = new Browser(mvc);
		String email = "getypt-" + UUID.randomUUID() + "@example.nl";
		browser.perform(post("/login").param("email", email).param("password", "fout").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		browser.perform(get("/login").param("error", "")).andExpect(content().string(containsString("value=\"" + email + "\"")));
		browser.perform(get("/login")).andExpect(content().string(org.hamcrest.Matchers.not(containsString(email))));
	}

	/** One sign-in link used twice at the same moment signs in once. */
	@Test
	void aSignInLinkUsedTwiceAtOnceSignsInOnce(@Autowired SignInLinks signInLinks) throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		mvc.perform(post("/login/link").param("email", participant.email()).with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		String token = tokenFrom(Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(),
				mail -> Mailboxes.subject(mail).contains("inloglink"))));
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			var start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<Boolean>> uses = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				uses.add(pool.submit(() -> {
					start.await();
					return signInLinks.use(token).isPresent();
				}));
			}
			start.countDown();
			int signedIn = 0;
			for (var use : uses) {
				signedIn += use.get() ? 1 : 0;
			}
			assertThat(signedIn).isEqualTo(1);
		}
		finally {
			testsupport.Threads.finish(pool);
		}
	}

	/** Thirty codes sent at once: five are taken, the rest find the account locked before any is checked. */
	@Test
	void codesSentAtOnceAreTakenOneByOneUpToTheLockout(@Autowired SignInAttempts attempts) throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			java.util.List<java.util.concurrent.Future<Boolean>> taken = new java.util.ArrayList<>();
			for (int i = 0; i < 30; i++) {
				taken.add(pool.submit(() -> attempts.reserve(participant.id()).isPresent()));
			}
			int allowed = 0;
			for (var attempt : taken) {
				allowed += attempt.get() ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(5);
			assertThat(attempts.locked(participant.id())).isTrue();
		}
		finally {
			testsupport.Threads.finish(pool);
		}
	}

	@Test
	void requestsFromOneNetworkAddressAreLimited() throws Exception {
		String address = "192.0.2." + (1 + (int) (Math.random() * 250));
		RequestPostProcessor from = request -> {
			request.setRemoteAddr(address);
			return request;
		};
		String lastLocation = null;
		for (int i = 0; i < 31; i++) {
			lastLocation = mvc.perform(post("/password/forgot").param("email", "niemand@example.nl").with(from).with(csrf()))
				.andReturn().getResponse().getRedirectedUrl();
		}
		assertThat(lastLocation).isEqualTo("/password/forgot?throttled");
		// The form says why it came back empty, in both languages.
		assertThat(mvc.perform(get("/password/forgot").param("throttled", "")).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Er komen te veel pogingen van dit netwerk.");
		assertThat(mvc.perform(get("/password/forgot").param("throttled", "").param("lang", "en")).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Too many attempts are coming from this network.");
	}

	/**
	 * A right sign-in gives back the count it took, so only failed ones stay counted towards the network's limit:
	 * the staff of an office behind one address all sign in at nine (decision 0148). Failed ones still reach the
	 * limit, and then even the right password is refused before it is checked, so guessing cannot go on.
	 */
	@Test
	void onlyFailedSignInsCountTowardsTheLimitOfANetwork() throws Exception {
		String address = "198.51.100." + (1 + (int) (Math.random() * 250));
		RequestPostProcessor from = request -> {
			request.setRemoteAddr(address);
			return request;
		};
		for (int i = 0; i < 40; i++) {
			mvc.perform(post("/login").param("email", "deelnemer@briefwissel.test").param("password", Mailboxes.PASSWORD)
				.with(from).with(csrf())).andExpect(redirectedUrl("/"));
		}
		for (int i = 0; i < 30; i++) {
			mvc.perform(post("/login").param("email", "niemand-" + UUID.randomUUID() + "@example.nl").param("password", "geraden")
				.with(from).with(csrf())).andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(post("/login").param("email", "niemand-" + UUID.randomUUID() + "@example.nl").param("password", "geraden")
			.with(from).with(csrf())).andExpect(redirectedUrl("/login?throttled"));
		mvc.perform(post("/login").param("email", "deelnemer@briefwissel.test").param("password", Mailboxes.PASSWORD)
			.with(from).with(csrf())).andExpect(redirectedUrl("/login?throttled"));
	}

	/**
	 * Every sign-in is counted when it is let through, before its password is checked, and only a right one gives
	 * it back: as many sent together as the limit are checked, the next is refused, however many arrive at once.
	 * Counted only after a failure, they all passed the check first (decision 0148, a review).
	 */
	@Test
	void signInsInFlightAreCountedBeforeTheirPasswordIsChecked(@Autowired SignInAttempts attempts) {
		String address = "203.0.113." + (1 + (int) (Math.random() * 250));
		for (int i = 0; i < 30; i++) {
			assertThat(attempts.allow("/login", address)).isTrue();
		}
		assertThat(attempts.allow("/login", address)).isFalse();
		attempts.giveBack("/login", address);
		assertThat(attempts.allow("/login", address)).isTrue();
		assertThat(attempts.allow("/login", address)).isFalse();
	}

	/**
	 * The limit holds for the address as the routes read it: "/password/forgo%74" reaches the same form
	 * (Spring decodes the path before it picks the handler), and was not counted. And an IPv6 /64 is one
	 * network: its other addresses do not start afresh.
	 */
	@Test
	void theLimitHoldsForAnEncodedPathAndForAnotherAddressOfTheSameNetwork() throws Exception {
		String network = "2001:db8:" + Integer.toHexString(1 + (int) (Math.random() * 65000)) + ":1:";
		String lastLocation = null;
		for (int i = 0; i < 31; i++) {
			String address = network + Integer.toHexString(i + 1) + "::1";
			RequestPostProcessor from = request -> {
				request.setRemoteAddr(address);
				return request;
			};
			lastLocation = mvc.perform(post(java.net.URI.create("/password/forgo%74")).param("email", "niemand@example.nl")
				.with(from).with(csrf())).andReturn().getResponse().getRedirectedUrl();
		}
		assertThat(lastLocation).isEqualTo("/password/forgot?throttled");
	}

	@Test
	void aParticipantSignsInWithALinkByMailThatWorksOnce() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		mvc.perform(post("/login/link").param("email", participant.email()).with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		String token = tokenFrom(Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(),
				mail -> Mailboxes.subject(mail).contains("inloglink"))));

		mvc.perform(get("/login/link").param("token", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Klik op de knop")));
		Browser browser = new Browser(mvc);
		browser.perform(post("/login/link/use").param("token", token).with(csrf())).andExpect(redirectedUrl("/"));
		browser.perform(get("/participant")).andExpect(status().isOk());

		// Used minutes ago it is dead (changed: pressed again moments after its sign-in, it leads on calmly, see
		// SignInLinkPressedAgainTests).
		jdbc.sql("update sign_in_link set used_at = :then, signed_in_at = :then where token_hash = :hash")
			.param("then", java.time.OffsetDateTime.now().minusMinutes(3))
			.param("hash", LinkTokens.hash(token))
			.update();
		mvc.perform(post("/login/link/use").param("token", token).with(csrf()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("Deze link werkt niet meer")));
		mvc.perform(post("/login/link/use").param("token", "x".repeat(43)).with(csrf()))
			.andExpect(content().string(containsString("Deze link werkt niet meer")))
			// As long as the setting says (30 minutes in the tests), not a fixed "half an hour".
			.andExpect(content().string(containsString("één keer en 30 minuten lang")));
		mvc.perform(get("/login/link/sent")).andExpect(content().string(containsString("De link werkt 30 minuten en één keer.")));
	}

	@Test
	void staffAndUnknownAddressesGetTheSameAnswerAndNoLink() throws Exception {
		Account coach = fixtures.runningTrajectory(true).coach();
		mvc.perform(post("/login/link").param("email", coach.email()).with(csrf())).andExpect(redirectedUrl("/login/link/sent"));
		mvc.perform(post("/login/link").param("email", "niemand-" + UUID.randomUUID() + "@example.nl").with(csrf()))
			.andExpect(redirectedUrl("/login/link/sent"));
		mvc.perform(post("/login/link").param("email", "geen adres").with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Vul een geldig e-mailadres in")));
		Thread.sleep(800);
		mailServer.ensureMailbox(coach.email());
		assertThat(Mailboxes.read(mailServer, coach.email(), Mailboxes.PASSWORD)).isEmpty();
	}

	@Test
	void atMostThreeLinksAnHourGoToOneAddress(@Autowired LinkRequests requests) throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login/link").param("email", participant.email()).with(csrf()));
		}
		// Requests are handled after the answer, one at a time in order: when this one is, the five are.
		java.util.concurrent.CompletableFuture<Void> handled = new java.util.concurrent.CompletableFuture<>();
		requests.later("Test", () -> handled.complete(null));
		handled.get(15, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(jdbc.sql("select count(*) from sign_in_link where account_id = :id").param("id", participant.id())
			.query(Integer.class).single()).isEqualTo(3);
	}

	@Test
	void aParticipantWhoAddsAnAppIsAskedForItsCodeAfterTheLink() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		RequestPostProcessor signedIn = fixtures.as(participant);
		mvc.perform(get("/account/security").with(signedIn)).andExpect(content().string(containsString("zonder authenticator-app")));
		// Linking asks for a recent sign-in (decision 0051): this one, by link.
		Browser first = signedInByLink(participant, "/");
		String secret = secretOn(first.perform(get("/account/security/app")).andReturn().getResponse()
			.getContentAsString());
		first.perform(post("/account/security/app").param("code", code(secret, -1)).with(csrf()))
			.andExpect(content().string(containsString("herstelcodes")));

		Browser session = signedInByLink(participant, "/login/code");
		session.perform(get("/participant")).andExpect(redirectedUrl("/login/code"));
		session.perform(post("/login/code").param("code", code(secret, 0)).with(csrf()))
			.andExpect(redirectedUrl("/"));
		session.perform(get("/participant")).andExpect(status().isOk());

		session.perform(post("/account/security/app/remove").param("code", code(secret, 1)).with(csrf()))
			.andExpect(redirectedUrl("/account/security?removed"));
	}

	/**
	 * The page to go back to after signing in ({@code /login?next=}, decision 0054) is used by one sign-in: taken out
	 * of the session by a sign-in link and by the code after a password, as by a password alone (ErrorPagesTests).
	 * Left there, every later step of the session that looks for it would go back there again.
	 */
	@Test
	void thePageToGoBackToIsUsedOnceByALinkAndByACode() throws Exception {
		Account participant = fixtures.runningTrajectory(true).participant();
		Browser byLink = new Browser(mvc);
		byLink.perform(get("/login").param("next", "/participant/conversation")).andExpect(status().isOk());
		signedInByLink(byLink, participant, "/participant/conversation");
		assertThat(pagesKeptToGoBackTo(participant)).isZero();

		Account coach = coachWithApp();
		Browser byCode = new Browser(mvc);
		byCode.perform(get("/login").param("next", "/coach/writing")).andExpect(status().isOk());
		byCode.perform(post("/login").param("email", coach.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		byCode.perform(post("/login/code").param("code", code(secretOf(coach), 1)).with(csrf()))
			.andExpect(redirectedUrl("/coach/writing"));
		assertThat(pagesKeptToGoBackTo(coach)).isZero();
	}

	private int pagesKeptToGoBackTo(Account account) {
		return jdbc.sql("""
				select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
				where s.principal_name = :email and a.attribute_name = 'SPRING_SECURITY_SAVED_REQUEST'""")
			.param("email", account.email())
			.query(Integer.class)
			.single();
	}

	/** Signs in with a new link from the mail, which goes on to {@code next}; links mailed before are used up. */
	private Browser signedInByLink(Account participant, String next) throws Exception {
		return signedInByLink(new Browser(mvc), participant, next);
	}

	/** As above, in a browser that has been here before. */
	private Browser signedInByLink(Browser session, Account participant, String next) throws Exception {
		mailServer.ensureMailbox(participant.email());
		java.util.function.Predicate<jakarta.mail.internet.MimeMessage> link = mail -> Mailboxes.subject(mail).contains("inloglink");
		long before = Mailboxes.read(mailServer, participant.email(), Mailboxes.PASSWORD).stream().filter(link).count();
		mvc.perform(post("/login/link").param("email", participant.email()).with(csrf()));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> Mailboxes.read(mailServer, participant.email(), Mailboxes.PASSWORD).stream().filter(link).count() > before);
		String token = tokenFrom(Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(), link)));
		session.perform(post("/login/link/use").param("token", token).with(csrf())).andExpect(redirectedUrl(next));
		return session;
	}

	@Test
	void staffCannotRemoveTheirAppButAnAdministratorCanLetThemSetItUpAgain() throws Exception {
		Account coach = coachWithApp();
		String secret = secretOf(coach);
		mvc.perform(get("/account/security").with(fixtures.as(coach)))
			.andExpect(content().string(containsString("verplicht")))
			.andExpect(content().string(not(containsString("/account/security/app/remove"))));
		mvc.perform(post("/account/security/app/remove").param("code", code(secret, 0)).with(fixtures.as(coach)).with(csrf()))
			.andExpect(redirectedUrl("/account/security"));
		assertThat(jdbc.sql("select totp_confirmed_at is not null from account where id = :id").param("id", coach.id())
			.query(Boolean.class).single()).isTrue();

		Browser before = passwordStep(coach);
		before.perform(post("/login/code").param("code", code(secret, 1)).with(csrf())).andExpect(redirectedUrl("/"));
		// A recovery code has letters: the code field keeps the whole keyboard, and says a recovery code works.
		// (The form is there within minutes of a sign-in, decision 0054.)
		org.jsoup.nodes.Document security = org.jsoup.Jsoup.parse(before.perform(get("/account/security"))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(security.select("#codes-code").attr("inputmode")).isEqualTo("text");
		assertThat(security.select("#codes-code").attr("aria-describedby")).contains("codes-code-hint");
		assertThat(security.select("#codes-code-hint").text()).contains("herstelcodes");
		String sessions = "select count(*) from spring_session where principal_name = :email";
		assertThat(jdbc.sql(sessions).param("email", coach.email()).query(Integer.class).single()).isPositive();

		mvc.perform(post("/admin/accounts/" + coach.id() + "/second-factor/reset").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"));
		// The session the lost phone let in ends with it.
		assertThat(jdbc.sql(sessions).param("email", coach.email()).query(Integer.class).single()).isZero();
		before.perform(get("/account/security/app")).andExpect(status().is3xxRedirection());
		Browser session = passwordStep(coach);
		session.perform(get("/login/code")).andExpect(redirectedUrl("/login/code/setup"));
	}

	@Test
	void sessionsAreKeptInTheDatabaseSoAnyNodeServesThem() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "sessie-" + UUID.randomUUID() + "@example.nl", "Sessie",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		mvc.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :email")
			.param("email", participant.email()).query(Integer.class).single()).isEqualTo(1);
	}

	/** A coach whose participants are still writing keeps the role: nobody would read their letters. */
	@Test
	void aCoachWithTrajectoriesUnderWayKeepsTheRole() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/admin/accounts/" + running.coach().id() + "/roles").param("role", "COACH").param("grant", "false")
				.with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("roleProblemWhy", "admin.accounts.stillCoaching"));
		assertThat(accounts.byId(running.coach().id()).orElseThrow().roles()).contains(Role.COACH);
	}

	/** Taking a role back and resetting someone's app each ask first, saying what follows; one click does neither. */
	@Test
	void takingARoleBackAndResettingTheAppAreTwoSteps() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "twee-stappen-" + UUID.randomUUID() + "@example.nl",
				"Twee Stappen", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/admin").param("search", participant.email())
			.with(admin())).andReturn().getResponse().getContentAsString());
		var revoke = page.select("form[action$=/admin/accounts/" + participant.id() + "/roles]:has(input[name=grant][value=false])");
		assertThat(revoke).hasSize(1);
		assertThat(revoke.select("details > summary").text()).isEqualTo("Intrekken…");
		assertThat(revoke.select("details > button[type=submit]")).hasSize(1);
		assertThat(revoke.select("details p").text()).isEqualTo("Twee Stappen verliest de rol Deelnemer en wordt meteen overal uitgelogd.");
		// no button outside the disclosure
		assertThat(revoke.select("button").stream().allMatch(button -> button.parent().tagName().equals("details"))).isTrue();
		assertThat(page.select("form[action$=/second-factor/reset] button").stream()
			.allMatch(button -> button.parent().tagName().equals("details"))).isTrue();
	}

	/**
	 * Someone who holds every role has none left to give: no grant form with an empty choice; and a
	 * grant that arrives without a role (a page left open) gets the page's sentence, not an error page.
	 */
	@Test
	void anAccountWithEveryRoleHasNoRoleLeftToGiveAndAGrantWithoutARoleIsExplained() throws Exception {
		// Every role one account may hold: a programme manager is no e-coach (decision 0145), so that one is not offered.
		Account everything = accounts.register(new NewAccount(null, "alles-" + UUID.randomUUID() + "@example.nl", "Alles",
				Locale.forLanguageTag("nl"), Set.of(Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.PARTICIPANT), PASSWORD));
		Account participant = accounts.register(new NewAccount(null, "een-rol-" + UUID.randomUUID() + "@example.nl", "Een rol",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		mvc.perform(get("/admin").param("search", participant.email()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"role-" + participant.id() + "\"")));
		mvc.perform(get("/admin").param("search", everything.email()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(everything.email())))
			.andExpect(content().string(not(containsString("role-" + everything.id()))));

		var refused = mvc.perform(post("/admin/accounts/" + everything.id() + "/roles").param("grant", "true")
				.with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.noRoleChosen"))
			.andReturn();
		mvc.perform(post("/admin/accounts/" + participant.id() + "/roles").param("role", "").param("grant", "true")
				.with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.noRoleChosen"));
		assertThat(accounts.byId(participant.id()).orElseThrow().roles()).containsExactly(Role.PARTICIPANT);

		// The flash message travels with the session, as in a browser; the list after it is the form refused, 422
		// (decision 0139, amended).
		mvc.perform(get("/admin").cookie(refused.getResponse().getCookies()).with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Er is geen rol gekozen.")));
	}

	/**
	 * Two administrators taking each other's role at once: the rows are locked and counted first, so
	 * one of them stays. (Each may not take their own, so the last one is always someone else's.)
	 */
	@Test
	void theLastAdministratorKeepsTheRole() {
		Account first = accounts.register(new NewAccount(null, "beheer-a-" + UUID.randomUUID() + "@example.nl", "A",
				Locale.forLanguageTag("nl"), Set.of(Role.ADMINISTRATOR), PASSWORD));
		Account second = accounts.register(new NewAccount(null, "beheer-b-" + UUID.randomUUID() + "@example.nl", "B",
				Locale.forLanguageTag("nl"), Set.of(Role.ADMINISTRATOR), PASSWORD));
		List<UUID> others = jdbc.sql("select account_id from account_role where role = 'ADMINISTRATOR' and account_id not in (:a, :b)")
			.param("a", first.id()).param("b", second.id()).query(UUID.class).list();
		try {
			for (UUID other : others) {
				assertThat(accounts.removeRole(other, Role.ADMINISTRATOR)).isEqualTo(Accounts.RoleRemoval.REMOVED);
			}
			// The two remaining administrators take each other's role at the same moment.
			var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				var start = new java.util.concurrent.CountDownLatch(1);
				var takeFirst = pool.submit(() -> {
					start.await();
					return accounts.removeRole(first.id(), Role.ADMINISTRATOR);
				});
				var takeSecond = pool.submit(() -> {
					start.await();
					return accounts.removeRole(second.id(), Role.ADMINISTRATOR);
				});
				start.countDown();
				assertThat(List.of(takeFirst.get(), takeSecond.get()))
					.containsExactlyInAnyOrder(Accounts.RoleRemoval.REMOVED, Accounts.RoleRemoval.LAST_ADMINISTRATOR);
			}
			finally {
				testsupport.Threads.finish(pool);
			}
			assertThat(jdbc.sql("select count(*) from account_role where role = 'ADMINISTRATOR'").query(Integer.class).single())
				.isEqualTo(1);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		finally {
			for (UUID other : others) {
				accounts.addRole(other, Role.ADMINISTRATOR);
			}
		}
	}

	/** A role taken back is gone at once: the person's open sessions end, on every node. */
	@Test
	void takingBackARoleEndsThePersonsSessions() throws Exception {
		Account participant = accounts.register(new NewAccount(null, "rol-" + UUID.randomUUID() + "@example.nl", "Rol",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), PASSWORD));
		mvc.perform(post("/login").param("email", participant.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/"));
		String sessions = "select count(*) from spring_session where principal_name = :email";
		assertThat(jdbc.sql(sessions).param("email", participant.email()).query(Integer.class).single()).isEqualTo(1);

		mvc.perform(post("/admin/accounts/" + participant.id() + "/roles").param("role", "PARTICIPANT").param("grant", "false")
			.with(admin()).with(csrf())).andExpect(redirectedUrl("/admin"));

		assertThat(jdbc.sql(sessions).param("email", participant.email()).query(Integer.class).single()).isZero();
	}

	/**
	 * An administrator who takes a role from themselves lost it only at their next sign-in: this session,
	 * and one left open on another computer, kept its pages for as long as they were used. The other
	 * sessions end as anyone's do; this one goes on, with the roles left.
	 */
	@Test
	void anAdministratorWhoTakesARoleFromThemselvesLosesItEverywhereAtOnce() throws Exception {
		Account admin = accounts.register(new NewAccount(null, "zelf-" + UUID.randomUUID() + "@example.nl", "Zelf",
				Locale.forLanguageTag("nl"), Set.of(Role.ADMINISTRATOR, Role.COACH), PASSWORD));
		String secret = Totp.newSecret();
		jdbc.sql("update account set totp_secret = :secret, totp_confirmed_at = current_timestamp, totp_last_step = :step where id = :id")
			.param("secret", secret)
			.param("step", Totp.step(Instant.now()) - 2)
			.param("id", admin.id())
			.update();
		Browser here = passwordStep(admin);
		here.perform(post("/login/code").param("code", code(secret, 0)).with(csrf())).andExpect(redirectedUrl("/"));
		Browser elsewhere = passwordStep(admin);
		elsewhere.perform(post("/login/code").param("code", code(secret, 1)).with(csrf())).andExpect(redirectedUrl("/"));
		elsewhere.perform(get("/coach")).andExpect(status().isOk());

		here.perform(post("/admin/accounts/" + admin.id() + "/roles").param("role", "COACH").param("grant", "false").with(csrf()))
			.andExpect(redirectedUrl("/admin"));

		assertThat(accounts.byId(admin.id()).orElseThrow().roles()).containsExactly(Role.ADMINISTRATOR);
		here.perform(get("/coach")).andExpect(status().isForbidden());
		here.perform(get("/admin")).andExpect(status().isOk()).andExpect(content().string(containsString("De rol is gewijzigd")));
		elsewhere.perform(get("/coach")).andExpect(redirectedUrl("/login"));
	}

	/**
	 * A participant whose trajectory runs keeps the role: without it their letters, their export and their
	 * erasure request would be closed to them while their coach writes on. Once it has ended, it can go.
	 */
	@Test
	void aParticipantWithATrajectoryUnderWayKeepsTheRole() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String revoke = "/admin/accounts/" + running.participant().id() + "/roles";
		var refused = mvc.perform(post(revoke).param("role", "PARTICIPANT").param("grant", "false").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.stillTakingPart"))
			.andExpect(flash().attribute("roleProblemCount", 1))
			.andReturn();
		assertThat(accounts.byId(running.participant().id()).orElseThrow().roles()).contains(Role.PARTICIPANT);
		// The flash message travels with the session, as in a browser.
		mvc.perform(get("/admin").cookie(refused.getResponse().getCookies()).with(admin()))
			.andExpect(content().string(containsString("Deze deelnemer zit nog in 1 traject (")))
			// Named: the page reloads at its top, away from the person's row.
			.andExpect(content().string(containsString(running.participant().displayName() + " (" + running.participant().email() + "): ")));

		jdbc.sql("update trajectory set status = 'COMPLETED' where id = :id").param("id", running.id()).update();
		mvc.perform(post(revoke).param("role", "PARTICIPANT").param("grant", "false").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(flash().attribute("roleChanged", running.participant().id()));
		assertThat(accounts.byId(running.participant().id()).orElseThrow().roles()).doesNotContain(Role.PARTICIPANT);
	}

	/**
	 * A proposal made while an administrator is taking the coach role back waits for that to finish, then
	 * finds no coach to propose: nobody would be left to accept or decline it.
	 */
	@Test
	void aCoachCannotBeProposedWhileTheRoleIsBeingTakenBack(@Autowired RoleRemovals removals,
			@Autowired nl.briefwissel.trajectory.Matching matching,
			@Autowired nl.briefwissel.trajectory.Trajectories trajectories,
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		var base = fixtures.runningTrajectory(true);
		Account manager = fixtures.managerOf(base);
		Account coach = fixtures.secondCoachInPool(base);
		Account waiting = fixtures.person(base.organisationId(), "wacht-" + UUID.randomUUID() + "@example.nl", "Wacht",
				Role.PARTICIPANT);
		UUID trajectory = trajectories.record(base.programmeId(), waiting.id(), null,
				nl.briefwissel.trajectory.TrajectoryStatus.INTAKE, "NEXT_STEP", null, null);
		var taken = new java.util.concurrent.CountDownLatch(1);
		var release = new java.util.concurrent.CountDownLatch(1);
		var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var takeBack = executor.submit(() -> transactions.executeWithoutResult(status -> {
				assertThat(removals.takeBack(coach.id(), Role.COACH)).isEqualTo(Accounts.RoleRemoval.REMOVED);
				taken.countDown();
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(taken.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the role taken back, not yet committed").isTrue();
			var propose = executor.submit(() -> matching.proposeCoach(trajectory, coach.id(), nl.briefwissel.Today.date().plusDays(1),
					manager.id()));
			Thread.sleep(300);
			release.countDown();
			takeBack.get(10, java.util.concurrent.TimeUnit.SECONDS);
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> propose.get(10, java.util.concurrent.TimeUnit.SECONDS))
				.isInstanceOf(java.util.concurrent.ExecutionException.class)
				.hasCauseInstanceOf(nl.briefwissel.trajectory.IllegalTransitionException.class);
		}
		finally {
			release.countDown();
			testsupport.Threads.finish(executor);
		}
		assertThat(jdbc.sql("select count(*) from coach_proposal where trajectory_id = :trajectory")
			.param("trajectory", trajectory).query(Integer.class).single()).isZero();
	}

	private Browser passwordStep(Account account) throws Exception {
		Browser browser = new Browser(mvc);
		browser.perform(post("/login").param("email", account.email()).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		return browser;
	}

	private Account withPassword(Account account) {
		jdbc.sql("update account set password_hash = :hash where id = :id")
			.param("hash", accounts.hash(PASSWORD))
			.param("id", account.id())
			.update();
		return account;
	}

	/** A coach who set up their app earlier (a minute ago, so that this minute's codes are still unused). */
	private Account coachWithApp() {
		Account coach = withPassword(fixtures.runningTrajectory(true).coach());
		String secret = Totp.newSecret();
		jdbc.sql("update account set totp_secret = :secret, totp_confirmed_at = current_timestamp, totp_last_step = :step where id = :id")
			.param("secret", secret)
			.param("step", Totp.step(Instant.now()) - 2)
			.param("id", coach.id())
			.update();
		return coach;
	}

	private List<String> accountsRecoveryCodes(Account account) {
		return secondFactors.newRecoveryCodes(account.id());
	}

	@Autowired
	SecondFactors secondFactors;

	@Autowired
	SecondFactorNotices notices;

	private String secretOf(Account account) {
		return jdbc.sql("select totp_secret from account where id = :id").param("id", account.id()).query(String.class).single();
	}

	private RequestPostProcessor admin() {
		return fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
	}

	private static String code(String secret, int stepsFromNow) {
		return Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now()) + stepsFromNow);
	}

	private static String secretOn(String page) {
		Matcher secret = SECRET.matcher(page);
		assertThat(secret.find()).as("secret on the page").isTrue();
		return secret.group(1).replace(" ", "");
	}

	private static List<String> recoveryCodesOn(String page) {
		return RECOVERY.matcher(page).results().map(match -> match.group(1)).toList();
	}

	private static String tokenFrom(String mailText) {
		Matcher link = LINK.matcher(mailText);
		assertThat(link.find()).as("sign-in link in %s", mailText).isTrue();
		return link.group(1);
	}
}

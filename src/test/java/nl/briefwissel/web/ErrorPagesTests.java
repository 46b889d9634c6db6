package nl.briefwissel.web;

import java.net.http.HttpResponse;
import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Error pages as the servlet container renders them: over real HTTP. */
@BriefwisselTest
class ErrorPagesTests {

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void anUnknownPageIsARealPageInDutch() throws Exception {
		HttpResponse<String> page = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel").get("/bestaat-niet");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<html lang=\"nl\"", "Pagina niet gevonden", "href=\"#main\"", "Mijn werkplek");
		// "English" leads to the address that was not found, not to the error page's own.
		assertThat(new WebSession(port).logIn("coach@briefwissel.test", "briefwissel").get("/bestaat-niet?q=1").body())
			.contains("href=\"/bestaat-niet?q=1&amp;lang=en\"");
		// An address the firewall refuses is shown on an error page too: its language links stay here.
		HttpResponse<String> refused = new WebSession(port).get("//elders.example/x");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain("href=\"//elders.example").contains("href=\"/?lang=en\"");
	}

	@Test
	void anUnknownPageIsARealPageInEnglish() throws Exception {
		HttpResponse<String> page = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel")
			.get("/does-not-exist?lang=en");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<html lang=\"en\"", "Page not found");
	}

	/**
	 * An address whose identifier does not parse (a link cut off, a typo) names no page, as one with an identifier
	 * nobody has: "Pagina niet gevonden", not the 400 that told the person their form could not be used.
	 */
	@Test
	void anAddressWithAnIdentifierThatDoesNotParseIsNotFound() throws Exception {
		WebSession anyone = new WebSession(port);
		HttpResponse<String> malformed = anyone.get("/intake/programme/nope");
		assertThat(malformed.statusCode()).isEqualTo(404);
		assertThat(malformed.body()).contains("Pagina niet gevonden").doesNotContain("Dit konden we niet gebruiken");
		HttpResponse<String> unknown = anyone.get("/intake/programme/00000000-0000-0000-0000-000000000000");
		assertThat(unknown.statusCode()).isEqualTo(404);
		WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
		HttpResponse<String> report = participant.get("/participant/report/geen-nummer?lang=en");
		assertThat(report.statusCode()).isEqualTo(404);
		assertThat(report.body()).contains("Page not found");
	}

	@Test
	void anotherRolesPageIsARealNoAccessPageInBothLanguages() throws Exception {
		WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
		HttpResponse<String> dutch = participant.get("/admin");
		assertThat(dutch.statusCode()).isEqualTo(403);
		assertThat(dutch.body()).contains("Geen toegang", "Mijn traject");
		HttpResponse<String> english = participant.get("/admin?lang=en");
		assertThat(english.statusCode()).isEqualTo(403);
		assertThat(english.body()).contains("No access", "My trajectory");
		// A participant has no administrator to ask: their coach or their programme is who they know.
		assertThat(dutch.body()).contains("Neem dan contact op met je e-coach of je programma").doesNotContain("beheerder");
		assertThat(english.body()).contains("please contact your e-coach or your programme").doesNotContain("administrator");
		HttpResponse<String> coach = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel").get("/admin");
		assertThat(coach.statusCode()).isEqualTo(403);
		assertThat(coach.body()).contains("Neem dan contact op met je beheerder").doesNotContain("je e-coach of je programma");
	}

	/**
	 * A form sent from an old page (a token no longer valid) while the person is still signed in: the page said
	 * they had been signed out, under a header with their name. It says the form had expired, gives the text
	 * back, and leads back to the page, in both languages.
	 */
	@Test
	void aFormFromAnOldPageWhileStillSignedInDoesNotSaySignedOut() throws Exception {
		String trajectory = jdbc.sql("select id from trajectory limit 1").query(String.class).single();
		for (String[] language : new String[][] { { "nl", "Niet opgeslagen: het formulier was verlopen", "uitgelogd", "Terug" },
				{ "en", "Not saved: the form had expired", "signed out", "Back" } }) {
			WebSession coach = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel");
			coach.get("/coach?lang=" + language[0]);
			HttpResponse<String> refused = coach.postAsIs("/coach/trajectories/" + trajectory + "/messages",
					"text=Mijn+brief+van+vandaag&_csrf=van-een-oude-pagina");
			assertThat(refused.statusCode()).isEqualTo(403);
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(refused.body());
			assertThat(page.select("main, #main").text()).as(language[0]).contains(language[1], "Mijn brief van vandaag")
				.doesNotContain(language[2]);
			assertThat(page.select("main a[href=/login]")).as(language[0]).isEmpty();
			assertThat(page.select("a#form-back").text()).as(language[0]).startsWith(language[3]);
			assertThat(coach.get("/coach").statusCode()).as("still signed in").isEqualTo(200);
		}
	}

	/** Back goes to the page the form was on when the browser says it was ours; anywhere else, to the start page. */
	@Test
	void backFromAnExpiredFormGoesToItsPageOnlyOnThisSite(@org.springframework.beans.factory.annotation.Autowired
			org.springframework.test.web.servlet.MockMvc mvc,
			@org.springframework.beans.factory.annotation.Autowired org.springframework.security.core.userdetails.UserDetailsService users)
			throws Exception {
		var coach = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(users.loadUserByUsername("coach@briefwissel.test"));
		for (String[] referer : new String[][] { { "http://localhost/coach/trajectories/abc?x=1", "/coach/trajectories/abc?x=1" },
				{ "https://elders.example/coach", "/" }, { "http://localhost//elders.example/x", "/" },
				// Forms a browser may read as another site, or that only look like one: none leads away.
				{ "/\\evil", "/" }, { "http://localhost/\\evil", "/" }, { "https:evil", "/" }, { "%2F%2Fevil.example", "/" },
				{ "http://localhost/%2F%2Fevil.example", "/%2F%2Fevil.example" }, { "http://localhost/.//x", "/.//x" } }) {
			String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(ExpiredForms.PATH)
				.header("Referer", referer[0]).with(coach)).andReturn().getResponse().getContentAsString();
			assertThat(org.jsoup.Jsoup.parse(body).select("a#form-back").attr("href")).as(referer[0]).isEqualTo(referer[1]);
		}
	}

	/**
	 * Behind a proxy that passes its own host name on, the Referer's host is never the server's name, and back went to
	 * the start page from every expired form. The browser's word that the form came from this site is taken; a
	 * Referer from another site still leads to the start page.
	 */
	@Test
	void backFromAnExpiredFormBehindAProxyGoesToItsPage(@org.springframework.beans.factory.annotation.Autowired
			org.springframework.test.web.servlet.MockMvc mvc,
			@org.springframework.beans.factory.annotation.Autowired org.springframework.security.core.userdetails.UserDetailsService users)
			throws Exception {
		var coach = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(users.loadUserByUsername("coach@briefwissel.test"));
		for (String[] referer : new String[][] { { "same-origin", "https://briefwissel.gemeente.nl/programme?x=1", "/programme?x=1" },
				{ "cross-site", "https://briefwissel.gemeente.nl/programme", "/" },
				{ "same-origin", "https://briefwissel.gemeente.nl//elders.example/x", "/" },
				{ "same-origin", "https:evil", "/" } }) {
			String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(ExpiredForms.PATH)
				.header("Referer", referer[1]).header("Sec-Fetch-Site", referer[0]).with(coach))
				.andReturn().getResponse().getContentAsString();
			assertThat(org.jsoup.Jsoup.parse(body).select("a#form-back").attr("href")).as(referer[0] + " " + referer[1])
				.isEqualTo(referer[2]);
		}
		// On plain http a browser sends no Sec-Fetch-Site; the form's Origin is the Referer's own site.
		for (String[] referer : new String[][] { { "http://briefwissel.gemeente.nl", "http://briefwissel.gemeente.nl/coach/x", "/coach/x" },
				{ "http://elders.example", "http://briefwissel.gemeente.nl/coach/x", "/" },
				{ "https://briefwissel.gemeente.nl", "http://briefwissel.gemeente.nl/coach/x", "/" } }) {
			String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(ExpiredForms.PATH)
				.header("Referer", referer[1]).header("Origin", referer[0]).with(coach))
				.andReturn().getResponse().getContentAsString();
			assertThat(org.jsoup.Jsoup.parse(body).select("a#form-back").attr("href")).as(referer[0] + " " + referer[1])
				.isEqualTo(referer[2]);
		}
	}

	/** Signing out by address (a bookmark, the history) was "Pagina niet gevonden": it asks, or says it is done. */
	@Test
	void theSignOutAddressAsksToConfirmOrSaysYouAreSignedOut() throws Exception {
		WebSession coach = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel");
		HttpResponse<String> asked = coach.get("/logout");
		assertThat(asked.statusCode()).isEqualTo(200);
		org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(asked.body());
		assertThat(page.select("main, #main").text()).contains("Wil je uitloggen bij Briefwissel?");
		assertThat(page.select("form#logout-confirm[method=post][action=/logout] input[name=_csrf]")).hasSize(1);
		assertThat(coach.get("/coach").statusCode()).as("asking signs no one out").isEqualTo(200);
		assertThat(coach.get("/logout?lang=en").body()).contains("Do you want to sign out of Briefwissel?")
			.as("the English UI says sign in and sign out, the navigation too").contains(">Sign out<").doesNotContain("Log out", "log out");
		String token = java.net.URLEncoder.encode(coach.token("/logout"), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(coach.postAsIs("/logout", "_csrf=" + token).headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?logout"));

		for (String[] language : new String[][] { { "nl", "Je bent uitgelogd." }, { "en", "You have signed out." } }) {
			HttpResponse<String> out = coach.get("/logout?lang=" + language[0]);
			assertThat(out.statusCode()).isEqualTo(200);
			org.jsoup.nodes.Document done = org.jsoup.Jsoup.parse(out.body());
			assertThat(done.select("main, #main").text()).as(language[0]).contains(language[1]);
			assertThat(done.select("main a[href=/login]")).as(language[0]).isNotEmpty();
			assertThat(done.select("form#logout-confirm")).isEmpty();
		}
	}

	@Test
	void aFormPostedWithoutItsTokenGetsARealPage() throws Exception {
		WebSession coach = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel");
		HttpResponse<String> page = coach.get("/coach");
		assertThat(page.statusCode()).isEqualTo(200);
		HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/logout"))
				.header("Accept", "text/html")
				.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("<html lang=\"nl\"", "Niet opgeslagen: log opnieuw in");
	}

	/**
	 * Signed out in another tab or window, then sent the form still open here: the page said only that the
	 * person had been inactive or had signed in again elsewhere. It says this too, in both languages, and the
	 * letter still comes back to copy.
	 */
	@Test
	void aLetterSentAfterSigningOutInAnotherTabSaysSoAndComesBackToCopy() throws Exception {
		for (String[] language : new String[][] { { "nl", "in een ander tabblad of venster uitgelogd" },
				{ "en", "signed out or signed in again in another tab or window" } }) {
			WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
			String token = java.net.URLEncoder.encode(participant.token("/participant/conversation"),
					java.nio.charset.StandardCharsets.UTF_8);
			// The other tab: the same browser signs out.
			assertThat(participant.postAsIs("/logout", "_csrf=" + token).statusCode()).isEqualTo(302);
			participant.get("/login?logout&lang=" + language[0]);

			HttpResponse<String> refused = participant.postAsIs("/participant/conversation",
					"text=Mijn+brief+van+vandaag&_csrf=" + token);
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).as(language[0])
				.contains("<html lang=\"" + language[0] + "\"", language[1], "Mijn brief van vandaag", "href=\"/login\"");
		}
	}

	/**
	 * A letter with photos, sent after signing out: the page gave the text back and said nothing of the
	 * files, which are not kept and must be chosen again. It says so, in both languages, only when files
	 * were chosen.
	 */
	@Test
	void aLetterWithFilesSentAfterSigningOutSaysTheFilesMustBeAttachedAgain() throws Exception {
		for (String[] language : new String[][] { { "nl", "Het bestand dat je had gekozen (denkplek.jpg) is niet bewaard. Kies het opnieuw als je je brief weer verstuurt." },
				{ "en", "The file you had chosen (denkplek.jpg) was not kept. Choose it again when you send your letter again." } }) {
			for (String file : List.of("denkplek.jpg", "")) {
				WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
				String token = participant.token("/participant/conversation");
				assertThat(participant.postAsIs("/logout", "_csrf=" + java.net.URLEncoder.encode(token,
						java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(302);
				participant.get("/login?logout&lang=" + language[0]);

				HttpResponse<String> refused = participant.postFileAsIs("/participant/conversation", token, "Mijn brief met een foto",
						file, file.isEmpty() ? new byte[0] : new byte[] { 1, 2, 3 });
				assertThat(refused.statusCode()).isEqualTo(403);
				org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(refused.body());
				assertThat(page.select("main, #main").text()).as(language[0]).contains("Mijn brief met een foto");
				if (file.isEmpty()) {
					assertThat(page.getElementById("files-not-kept")).as("no file was chosen").isNull();
				}
				else {
					assertThat(page.getElementById("files-not-kept").text()).as(language[0]).isEqualTo(language[1]);
				}
			}
		}
	}

	/**
	 * A signed-in DELETE, PUT or PATCH of a page (a script, a tool) got the page for a form whose sign-in
	 * expired: the form check comes before the method. Briefwissel takes none of these anywhere: 405, and
	 * a page that does not speak of a form's button. A POST without its token keeps the expired-form page.
	 */
	@Test
	void aMethodTheApplicationNeverTakesIsNotAllowedNotAnExpiredForm() throws Exception {
		WebSession coach = new WebSession(port).logIn("coach@briefwissel.test", "briefwissel");
		String trajectory = jdbc.sql("select id from trajectory limit 1").query(String.class).single();
		for (String method : new String[] { "DELETE", "PUT", "PATCH" }) {
			for (WebSession who : new WebSession[] { coach, new WebSession(port) }) {
				HttpResponse<String> refused = who.send(method, "/coach/trajectories/" + trajectory);
				assertThat(refused.statusCode()).as(method).isEqualTo(405);
				assertThat(refused.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD, POST");
				assertThat(refused.body()).as(method).contains("<html lang=\"nl\"", "Deze pagina werkt zo niet",
						"Er is niets veranderd", "Foutcode 405").doesNotContain("Niet opgeslagen", "knop in een formulier");
			}
		}
		assertThat(coach.postAsIs("/coach/trajectories/" + trajectory + "/messages", "text=Hallo").body())
			.contains("Niet opgeslagen: het formulier was verlopen", "Hallo");
		assertThat(coach.send("DELETE", "/coach?lang=en").body()).contains("This page does not open this way",
				"Nothing has changed").doesNotContain("button in a form");
	}

	/**
	 * A form opened from a link in a mail (an application, an evaluation), open too long: the person was
	 * never signed in, so the page leads back to the form, not to signing in.
	 */
	@Test
	void aPublicFormOpenTooLongLeadsBackToTheForm() throws Exception {
		String path = "/intake/programme/" + java.util.UUID.randomUUID();
		HttpResponse<String> refused = new WebSession(port).postAsIs(path, "question=Ik+wil+iets+anders&_csrf=verlopen");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("de pagina stond te lang open", "Ik wil iets anders", "href=\"" + path + "\"")
			.doesNotContain("Opnieuw inloggen").doesNotContain("uitgelogd");
	}

	/**
	 * Posted from another site: the refusal does not show that site's text as if the visitor wrote it on this one. Only
	 * a form the browser says came from this site (Sec-Fetch-Site same-origin, or on plain http an Origin that is this
	 * site's own) gets its text back; one that names no origin, or another port of this host, is explained without it.
	 */
	@Test
	void aFormPostedFromAnotherSiteIsNotGivenBack() throws Exception {
		String path = "/intake/programme/" + java.util.UUID.randomUUID();
		var http = java.net.http.HttpClient.newHttpClient();
		for (String[] header : new String[][] { { "Sec-Fetch-Site", "cross-site" }, { "Origin", "https://elders.example" },
				{ "Sec-Fetch-Site", "same-site" }, { "Sec-Fetch-Site", "none" }, { "Origin", "http://localhost:1" },
				{ "Origin", "null" }, { "X-Nothing", "said" } }) {
			HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
				.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html").header(header[0], header[1])
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("question=Bel+nu+0900-1234&_csrf=verlopen")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).as(header[0] + " " + header[1]).doesNotContain("0900-1234")
				.contains("Wat er in het formulier stond, tonen we hier niet");
		}
		for (String[] header : new String[][] { { "Sec-Fetch-Site", "same-origin" }, { "Origin", "http://localhost:" + port } }) {
			HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
				.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html").header(header[0], header[1])
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("question=Bel+nu+0900-1234&_csrf=verlopen")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).as(header[0]).contains("0900-1234").doesNotContain("tonen we hier niet");
		}
	}

	/**
	 * Thirty minutes of typing without a request: the sign-in expired before "Versturen". The letter
	 * comes back to copy with what happened, not "this page is not for your role".
	 */
	@Test
	void aLetterSentAfterTheSignInExpiredComesBackToCopy() throws Exception {
		WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
		String token = participant.token("/participant/conversation");
		// Its session is over, as after thirty minutes without a request (last used long ago).
		jdbc.sql("update spring_session set last_access_time = 0, expiry_time = 0 where principal_name = 'deelnemer@briefwissel.test'")
			.update();

		HttpResponse<String> refused = participant.postAsIs("/participant/conversation",
				"text=" + java.net.URLEncoder.encode("Een lange brief over mijn toekomst & wat ik wil.", java.nio.charset.StandardCharsets.UTF_8)
						+ "&_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Niet opgeslagen: log opnieuw in", "Een lange brief over mijn toekomst &amp; wat ik wil.",
				"href=\"/login\"").doesNotContain("niet voor jouw rol");
	}

	/**
	 * Signing in again from the page of a form sent after the sign-in expired went to the start page: the person
	 * looked for the page they were writing on, with their text to paste. It goes back to that page now, a path of
	 * this site only, and only to a page of a role the person holds.
	 */
	@Test
	void signingInAgainAfterAnExpiredFormGoesBackToItsPage() throws Exception {
		WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
		String token = participant.token("/participant/conversation");
		jdbc.sql("update spring_session set last_access_time = 0, expiry_time = 0 where principal_name = 'deelnemer@briefwissel.test'")
			.update();
		HttpResponse<String> refused = participant.postAsIs("/participant/conversation",
				"text=Mijn+brief&_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8),
				"/participant/conversation");
		assertThat(refused.statusCode()).isEqualTo(403);
		String again = org.jsoup.Jsoup.parse(refused.body()).getElementById("sign-in-again").attr("href");
		assertThat(java.net.URLDecoder.decode(again, java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("/login?next=/participant/conversation");
		participant.get(again);
		assertThat(whereSigningInGoes(participant, "deelnemer@briefwissel.test")).isEqualTo("/participant/conversation");

		// Anyone can link to the sign-in page with a path: another role's page, or another site, leads to the start page.
		for (String next : List.of("/admin", "/coach/trajectories", "//elders.example/login", "https://elders.example")) {
			WebSession someone = new WebSession(port);
			someone.get("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
			assertThat(whereSigningInGoes(someone, "deelnemer@briefwissel.test")).as(next).isEqualTo("/");
		}
		WebSession coach = new WebSession(port);
		coach.get("/login?next=/coach/writing");
		assertThat(whereSigningInGoes(coach, "coach@briefwissel.test")).isEqualTo("/coach/writing");
	}

	/**
	 * The role check on {@code next} read the raw text: "/participant/../admin", "/%61dmin" or "/admin#x" named
	 * no area and led a participant to "not for your role". And anyone could link to the sign-in page with any
	 * page of this site, deciding where the next sign-in in that browser lands: signing out, the sign-in page
	 * again, a reset link's form. Only a page of a role's area, as it is written, is taken now.
	 */
	@Test
	void signingInAgainGoesOnlyToAPageOfTheirOwnRolesAreaAsWritten() throws Exception {
		for (String next : List.of("/participant/../admin", "/%61dmin", "/%63oach/writing", "/admin#x",
				"/coach;x/writing", "/logout", "/login?next=/participant/conversation", "/password/reset?token=abc",
				"/login/link?token=abc", "/error", "/participant/conversation?token=abc")) {
			WebSession someone = new WebSession(port);
			someone.get("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
			assertThat(whereSigningInGoes(someone, "deelnemer@briefwissel.test")).as(next).isEqualTo("/");
		}
		WebSession participant = new WebSession(port);
		participant.get("/login?next=/participant/conversation");
		assertThat(whereSigningInGoes(participant, "deelnemer@briefwissel.test")).isEqualTo("/participant/conversation");
	}

	/**
	 * The expired form's page offered to go back to any page of this site it came from: a reset or sign-in link's
	 * form put its live token into /login?next= (the address bar, history, logs, the session) and led back to a
	 * used link; the sign-in page itself gave a next inside a next. Those get the plain sign-in page now.
	 */
	@Test
	void signingInAgainFromAnExpiredFormOffersOnlyAPageOfARolesArea() throws Exception {
		for (String from : List.of("/password/reset?token=abc", "/login/link?token=abc", "/login?next=/coach/writing",
				"/participant/conversation?token=abc", "/logout")) {
			WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
			String token = participant.token("/participant/conversation");
			jdbc.sql("update spring_session set last_access_time = 0, expiry_time = 0 where principal_name = 'deelnemer@briefwissel.test'")
				.update();
			HttpResponse<String> refused = participant.postAsIs("/participant/conversation",
					"text=Mijn+brief&_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8), from);
			assertThat(refused.statusCode()).as(from).isEqualTo(403);
			assertThat(org.jsoup.Jsoup.parse(refused.body()).getElementById("sign-in-again").attr("href")).as(from)
				.isEqualTo("/login");
		}
	}

	/**
	 * After a password sign-in the page it went back to stayed in the session (Spring's handler leaves it; a link
	 * and a code took it out): taken out now, as every other way of signing in does.
	 */
	@Test
	void thePageToGoBackToIsUsedOnce() throws Exception {
		WebSession participant = new WebSession(port);
		participant.get("/login?next=/participant/conversation");
		assertThat(whereSigningInGoes(participant, "deelnemer@briefwissel.test")).isEqualTo("/participant/conversation");
		assertThat(jdbc.sql("""
				select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
				where s.session_id = ? and a.attribute_name = 'SPRING_SECURITY_SAVED_REQUEST'""")
			.param(participant.sessionId())
			.query(Integer.class)
			.single()).isZero();
	}

	private static String whereSigningInGoes(WebSession browser, String email) throws Exception {
		HttpResponse<String> signedIn = browser.post("/login", "email=" + java.net.URLEncoder.encode(email,
				java.nio.charset.StandardCharsets.UTF_8) + "&password=briefwissel");
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return java.net.URI.create(signedIn.headers().firstValue("Location").orElseThrow()).getPath();
	}

	/**
	 * A file larger than the server takes cuts the form off before its token is read: the person gets
	 * the page that says the file was too large, not "no access" or a broken connection.
	 */
	@Test
	void aFileTooLargeForTheServerGetsAPageThatSaysSo() throws Exception {
		WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
		HttpResponse<String> tooLarge = participant.postFile("/participant/conversation", "Mijn video",
				"video.mp4", new byte[101 * 1024 * 1024]);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("<html lang=\"nl\"", "Bestand te groot", "hoogstens 15 MB")
			.as("still signed in on that page").contains("Uitloggen");
		// Under the server's limit a file over 15 MB is kept as its name with a refusal, and the letter goes.
		HttpResponse<String> kept = participant.postFile("/participant/conversation", "Mijn korte video", "kort.mp4",
				new byte[20 * 1024 * 1024]);
		assertThat(kept.statusCode()).isEqualTo(302);
		assertThat(participant.get("/participant/conversation").body()).contains("Mijn korte video",
				"kort.mp4: niet bewaard, groter dan 15 MB");
	}

	/**
	 * An address or form the application could not use (400) and a form's address opened as a page (405):
	 * a participant got "Dit lukte niet (code 405)". Each says what happened and leads on, the code small for support.
	 */
	@Test
	void aRequestTheApplicationCannotUseAndAFormsAddressOpenedAsAPageSaySoInBothLanguages() throws Exception {
		WebSession participant = new WebSession(port).logIn("deelnemer@briefwissel.test", "briefwissel");
		for (HttpResponse<String> unusable : java.util.List.of(participant.get("/participant/conversation?trajectory=geen-nummer"),
				participant.postAsIs("/participant/goals", "goals=Werk+vinden&_csrf="
						+ java.net.URLEncoder.encode(participant.token("/participant"), java.nio.charset.StandardCharsets.UTF_8)))) {
			assertThat(unusable.statusCode()).isEqualTo(400);
			assertThat(unusable.body()).contains("<html lang=\"nl\"", "Dit konden we niet gebruiken", "Er is niets opgeslagen",
					"href=\"/\"", "Foutcode 400", "Mijn traject").doesNotContain("Dit lukte niet");
		}
		HttpResponse<String> opened = participant.get("/participant/goals");
		assertThat(opened.statusCode()).isEqualTo(405);
		assertThat(opened.body()).contains("<html lang=\"nl\"", "Deze pagina werkt zo niet", "knop in een formulier",
				"Er is niets veranderd", "href=\"/\"", "Foutcode 405").doesNotContain("Dit lukte niet");
		// In English after the Dutch: the language chosen is kept in a cookie.
		assertThat(participant.get("/participant/conversation?trajectory=geen-nummer&lang=en").body()).contains("<html lang=\"en\"",
				"We could not use this", "Nothing was saved", "Error code 400");
		assertThat(participant.get("/participant/goals?lang=en").body()).contains("<html lang=\"en\"",
				"This page does not open this way", "button in a form", "Nothing has changed", "Error code 405");
	}

	@Test
	void everyNavigationEntryOfEveryRoleLeadsToARealPage() throws Exception {
		for (Role role : Role.values()) {
			String user = switch (role) {
				case PARTICIPANT -> "deelnemer@briefwissel.test";
				case COACH -> "coach@briefwissel.test";
				case PROGRAMME_MANAGER -> "programma@briefwissel.test";
				case ADMINISTRATOR -> "beheer@briefwissel.test";
			};
			WebSession session = new WebSession(port).logIn(user, "briefwissel");
			for (Navigation.Item item : Navigation.of(role)) {
				HttpResponse<String> page = session.get(item.path());
				assertThat(page.statusCode()).as(item.path()).isEqualTo(200);
				assertThat(page.body()).as(item.path()).contains("aria-current=\"page\"", "<h1");
			}
		}
	}

	/**
	 * An address the servlet container cannot read (a link a mail client cut off or changed, a stray %)
	 * or headers too large never reach the application: the person got Tomcat's bare English "HTTP
	 * Status 400". They get a page in both languages, for no language can be read from such a request,
	 * with the way on.
	 */
	@Test
	void aRequestTheContainerCannotReadGetsARealPageInBothLanguages() throws Exception {
		for (String[] refused : new String[][] { { "GET /traject%ZZ HTTP/1.1", "" }, { "GET /a%2Fb HTTP/1.1", "" },
				{ "GET /intake/programme/\u00e9 HTTP/1.1", "" },
				{ "GET /login HTTP/1.1", "X-Large: " + "a".repeat(20_000) + "\r\n" } }) {
			String response = raw(refused[0], refused[1]);
			assertThat(response).as(refused[0]).startsWith("HTTP/1.1 400");
			String body = response.substring(response.indexOf("\r\n\r\n") + 4);
			assertThat(body).as(refused[0]).doesNotContain("HTTP Status", "Tomcat")
				.contains("<html lang=\"nl\"", "<title>", "<main id=\"main\"", "<h1", "Dit verzoek konden we niet lezen",
						"lang=\"en\"", "We could not read this request", "href=\"/\"", "href=\"/?lang=en\"");
			assertThat(response).as(refused[0]).containsIgnoringCase("Content-Type: text/html;charset=UTF-8");
		}
		// A transfer coding the container does not know: refused as 501 before the application, told the same way.
		String unknownCoding = raw("POST /login HTTP/1.1", "Transfer-Encoding: gzip\r\n");
		assertThat(unknownCoding).startsWith("HTTP/1.1 501").contains("We could not read this request").doesNotContain("HTTP Status");
		// Requests the application reads keep its own pages.
		assertThat(raw("GET //elders.example/x HTTP/1.1", "")).contains("href=\"#main\"").doesNotContain("We could not read");
	}

	/** The request as it comes, byte for byte: an HTTP client refuses to send an address it cannot read itself. */
	private String raw(String requestLine, String headers) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
			socket.getOutputStream().write((requestLine + "\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
					+ "Connection: close\r\n" + headers + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}
}

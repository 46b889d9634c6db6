package nl.briefwissel.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Over real HTTP: what a browser sees of cookies and security headers. */
@BriefwisselTest
class RealBrowserRequestsTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void securityTxtSaysWhereToReportAVulnerability() throws Exception {
		HttpResponse<String> txt = http.send(get("/.well-known/security.txt"), HttpResponse.BodyHandlers.ofString());
		assertThat(txt.statusCode()).isEqualTo(200);
		assertThat(txt.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		assertThat(txt.body()).contains("Contact: mailto:security@briefwissel.test")
			.containsPattern("Expires: \\d{4}-\\d{2}-\\d{2}T00:00(:00)?Z")
			.contains("Preferred-Languages: nl, en")
			.contains("Canonical: ");
	}

	@Test
	void theLoginFormSetsAnHttpOnlySameSiteSessionCookieAndLandsOnTheStartPage() throws Exception {
		HttpResponse<String> form = http.send(get("/login"), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).isTrue();

		HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("email=coach%40briefwissel.test&password=briefwissel&_csrf="
					+ java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(login.statusCode()).isEqualTo(302);
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("BRIEFWISSEL_SESSION=")
			.contains("HttpOnly")
			.contains("SameSite=Lax"));
		HttpResponse<String> home = http.send(get("/coach"), HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Mijn werkplek");
	}

	@Test
	void everyPageCarriesTheSecurityHeaders() throws Exception {
		HttpResponse<String> page = http.send(get("/login"), HttpResponse.BodyHandlers.ofString());
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
			.contains("script-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
	}

	@Test
	void theIconBrowsersAskForIsServedWithoutSigningIn() throws Exception {
		// Every browser asks for it on every first page; a 404 there was an error page and a log line each time.
		HttpResponse<byte[]> icon = http.send(get("/favicon.ico"), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
		assertThat(icon.body()).startsWith(new byte[] { 0, 0, 1, 0 });
	}

	@Test
	void theDesignSystemAndHtmxAreServed() throws Exception {
		for (String asset : List.of("/vendor/utrecht/index.css", "/vendor/voorbeeld/theme.css", "/css/briefwissel.css",
				"/webjars/htmx.org/dist/htmx.min.js")) {
			HttpResponse<String> response = http.send(get(asset), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.body()).as(asset).isNotBlank();
		}
		String theme = http.send(get("/vendor/voorbeeld/theme.css"), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(theme).contains(".voorbeeld-theme");
		String htmx = http.send(get("/webjars/htmx.org/dist/htmx.min.js"), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(htmx).contains("2.0");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}
}

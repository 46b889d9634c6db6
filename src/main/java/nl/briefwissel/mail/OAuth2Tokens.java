package nl.briefwissel.mail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens for IMAP XOAUTH2 by the OAuth2 client-credentials grant, cached until shortly
 * before they expire. The secret and the token never reach a log line.
 */
final class OAuth2Tokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MailProperties.OAuth2 settings;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Clock clock;

	private String token;

	private Instant expires = Instant.MIN;

	OAuth2Tokens(MailProperties.OAuth2 settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	synchronized String token() throws IOException, InterruptedException {
		if (token != null && clock.instant().isBefore(expires)) {
			return token;
		}
		String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret="
				+ encode(settings.clientSecret()) + "&scope=" + encode(settings.scope());
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(settings.tokenUri()))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("OAuth2 token endpoint answered " + response.statusCode());
		}
		JsonNode json = JSON.readTree(response.body());
		JsonNode accessToken = json.get("access_token");
		if (accessToken == null || accessToken.asString().isBlank()) {
			throw new IOException("OAuth2 token endpoint gave no access_token");
		}
		long lifetime = json.has("expires_in") ? json.get("expires_in").asLong() : 300;
		token = accessToken.asString();
		expires = clock.instant().plusSeconds(Math.max(0, lifetime - 60));
		return token;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
	}
}

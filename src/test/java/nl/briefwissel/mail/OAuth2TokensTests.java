package nl.briefwissel.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XOAUTH2 for Microsoft 365: the client-credentials token, fetched from a real HTTP endpoint. */
class OAuth2TokensTests {

	private HttpServer server;

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicReference<String> lastForm = new AtomicReference<>();

	private volatile int status = 200;

	@BeforeEach
	void tokenEndpoint() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/token", exchange -> {
			calls.incrementAndGet();
			lastForm.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"eyJ0b2tlbg\"}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void fetchesATokenWithTheClientCredentialsAndReusesItUntilItExpires() throws Exception {
		OAuth2Tokens tokens = new OAuth2Tokens(settings(), Clock.systemUTC());
		assertThat(tokens.token()).isEqualTo("eyJ0b2tlbg");
		assertThat(tokens.token()).isEqualTo("eyJ0b2tlbg");
		assertThat(calls).hasValue(1);
		assertThat(lastForm.get()).contains("grant_type=client_credentials", "client_id=app-id", "client_secret=geheim",
				"scope=https%3A%2F%2Foutlook.office365.com%2F.default");
	}

	@Test
	void aRefusalIsAnErrorThatDoesNotRevealTheSecret() {
		status = 401;
		OAuth2Tokens tokens = new OAuth2Tokens(settings(), Clock.systemUTC());
		assertThatThrownBy(tokens::token).hasMessageContaining("401").hasMessageNotContaining("geheim");
	}

	private MailProperties.OAuth2 settings() {
		return new MailProperties.OAuth2("http://127.0.0.1:" + server.getAddress().getPort() + "/token", "app-id", "geheim",
				"https://outlook.office365.com/.default");
	}
}

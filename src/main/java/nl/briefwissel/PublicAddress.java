package nl.briefwissel;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The address people use to reach Briefwissel, for links in mail. Taken from configuration, never
 * from a request's Host header (which an attacker controls: password-reset poisoning). Without
 * configuration, the evaluation default links to localhost on the port it listens on.
 */
@Component
public class PublicAddress {

	private final String configured;

	private volatile String local = "http://localhost:8080";

	PublicAddress(@Value("${briefwissel.base-url:}") String configured) {
		this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	@EventListener
	void on(WebServerInitializedEvent event) {
		local = "http://localhost:" + event.getWebServer().getPort();
	}

	public String base() {
		return configured.isBlank() ? local : configured;
	}

	/** An absolute link to a path of the application, e.g. {@code link("/login")}. */
	public UriComponentsBuilder link(String path) {
		return UriComponentsBuilder.fromUriString(base()).path(path);
	}

	/**
	 * A link that opens in the reader's language: a link with a token is often opened in a browser
	 * that has never been to Briefwissel, and would show Dutch to an English reader.
	 */
	public UriComponentsBuilder link(String path, java.util.Locale language) {
		return link(path).queryParam("lang", language.getLanguage());
	}
}

package nl.briefwissel;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen: real HTTP against the running application, with cookies. Unlike
 * MockMvc it goes through the servlet container, so error pages are rendered as people see them.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

	private final int port;

	public WebSession(int port) {
		this.port = port;
	}

	/** The id of this browser's session, as its cookie names it (Base64), or null without one. */
	public String sessionId() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> "BRIEFWISSEL_SESSION".equals(cookie.getName()))
			.map(cookie -> new String(java.util.Base64.getDecoder().decode(cookie.getValue()),
					java.nio.charset.StandardCharsets.UTF_8))
			.findFirst()
			.orElse(null);
	}

	public WebSession logIn(String email, String password) throws IOException, InterruptedException {
		HttpResponse<String> response = post("/login", "email=" + encode(email) + "&password=" + encode(password));
		if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("login failed for " + email);
		}
		return this;
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A request with another method than a browser's forms send (DELETE, PUT, PATCH), as a script would. */
	public HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
			.method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a form with the CSRF token of the login page, as the browser would from any page. */
	public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		Matcher csrf = CSRF.matcher(get("/login").body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the login page");
		}
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf.group(1))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of the form on the page at {@code path}, as the browser holds it while the page is open. */
	public String token(String path) throws IOException, InterruptedException {
		Matcher csrf = CSRF.matcher(get(path).body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on " + path);
		}
		return csrf.group(1);
	}

	/**
	 * Posts the form as it is, with the token it carries (or none): a page kept open while its sign-in expired. With
	 * the Origin a browser sends with every form it posts (on plain http without Sec-Fetch-Site).
	 */
	public HttpResponse<String> postAsIs(String path, String form) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Origin", "http://localhost:" + port)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** As {@link #postAsIs(String, String)}, from the page at {@code referer} (a path of this site), as a browser says. */
	public HttpResponse<String> postAsIs(String path, String form, String referer) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Origin", "http://localhost:" + port)
			.header("Referer", "http://localhost:" + port + referer)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts the form of the page at {@code path} with one file, as multipart/form-data with its token first. */
	public HttpResponse<String> postFile(String path, String text, String fileName, byte[] content)
			throws IOException, InterruptedException {
		Matcher csrf = CSRF.matcher(get(path).body()); // the page of the form, as a signed-in browser has it
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on " + path);
		}
		return postFileAsIs(path, csrf.group(1), text, fileName, content);
	}

	/**
	 * Posts a form with one file field, as multipart/form-data, with the token it carries: a page kept open
	 * while its sign-in expired. An empty {@code fileName} is the field with no file chosen, as browsers send it.
	 */
	public HttpResponse<String> postFileAsIs(String path, String token, String text, String fileName, byte[] content)
			throws IOException, InterruptedException {
		String boundary = "----briefwissel" + System.nanoTime();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + text + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Origin", "http://localhost:" + port)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			// One array, so the length is sent as a browser sends it for a form (not chunked).
			.POST(HttpRequest.BodyPublishers.ofByteArray(join(head.getBytes(StandardCharsets.UTF_8), content,
					tail.getBytes(StandardCharsets.UTF_8))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] join(byte[]... parts) {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

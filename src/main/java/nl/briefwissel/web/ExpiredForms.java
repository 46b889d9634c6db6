package nl.briefwissel.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import nl.briefwissel.account.SignInSecurity;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A form sent after the sign-in expired (thirty minutes without a request: a long letter typed
 * without pressing anything) or from a tab opened before signing in again fails the CSRF check.
 * Spring's answer was the page for a route of another role ("not for your role") and the letter was
 * gone. Here the person reads what happened and gets what they wrote back to copy, before signing
 * in again. The check while typing (htmx) keeps its plain refusal: it has no page to show.
 */
@Controller
class ExpiredForms {

	static final String PATH = "/error/form-expired";

	/**
	 * The fields in which people write at length, in every form that has one (ExpiredFormsTests holds
	 * every textarea to this list).
	 */
	static final List<String> WRITTEN = List.of("text", "note", "reaction", "summary", "remarks", "body", "goals",
			"question", "explanation", "letter", "why", "instructions", "welcomeTemplate", "jargon", "passage");

	/**
	 * Written fields whose name other forms use for a choice from a list: given back only from the form
	 * where it is written, or a handover's "reason" would come back as a code the person never typed.
	 */
	static final Map<String, String> WRITTEN_ON_ONE_FORM = Map.of("reason", "/admin/erasure/");

	private static final String WRITTEN_ATTRIBUTE = ExpiredForms.class.getName() + ".written";

	private static final String AGAIN_ATTRIBUTE = ExpiredForms.class.getName() + ".again";

	private static final String FILES_ATTRIBUTE = ExpiredForms.class.getName() + ".files";

	private static final String WITHHELD_ATTRIBUTE = ExpiredForms.class.getName() + ".withheld";

	/**
	 * Forms opened from a link in a mail, filled in without signing in: the person was never signed
	 * in, so the page does not say they were signed out; it leads back to the form instead.
	 */
	private static final List<String> OPENED_BY_A_LINK = List.of("/intake/", "/evaluation/");

	/**
	 * The refusal of a form: this page for a failed CSRF check, the usual 403 for anything else. The public address
	 * (briefwissel.base-url) is the origin of our own forms, as the browser names it.
	 */
	static AccessDeniedHandler handler(java.util.function.Supplier<String> publicAddress) {
		AccessDeniedHandler others = new AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			if (!(denied instanceof CsrfException) || request.getHeader("HX-Request") != null) {
				others.handle(request, response, denied);
				return;
			}
			// Given back only when the form came from a page of ours: another site can post any text to a form
			// here and would otherwise have it shown on this site as what the visitor "wrote".
			String path = request.getRequestURI().substring(request.getContextPath().length());
			boolean ours = fromOurOwnPage(request, publicAddress.get());
			List<String> written = Stream
				.concat(WRITTEN.stream(), WRITTEN_ON_ONE_FORM.entrySet()
					.stream()
					.filter(field -> path.startsWith(field.getValue()))
					.map(Map.Entry::getKey))
				.map(request::getParameter)
				.filter(Objects::nonNull)
				.filter(value -> !value.isBlank())
				.toList();
			request.setAttribute(WRITTEN_ATTRIBUTE, ours ? written : List.of());
			// The text comes back to copy; files chosen cannot (a browser never fills in a file field), and a
			// person who reads only the text sends it again without them. Named, so they know which to choose.
			List<String> files = chosenFiles(request);
			request.setAttribute(FILES_ATTRIBUTE, ours ? files : List.of());
			// Not shown, but said: someone who did write (in a browser that names no origin) knows where it went.
			request.setAttribute(WITHHELD_ATTRIBUTE, !ours && !(written.isEmpty() && files.isEmpty()));
			if (OPENED_BY_A_LINK.stream().anyMatch(path::startsWith)) {
				request.setAttribute(AGAIN_ATTRIBUTE, path);
			}
			response.setStatus(HttpStatus.FORBIDDEN.value());
			request.getRequestDispatcher(PATH).forward(request, response);
		};
	}

	/** The names of the files chosen in a multipart form; none for another form, or one that does not read. */
	static List<String> chosenFiles(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
			return List.of();
		}
		try {
			// An empty file field is sent too, with an empty name: nothing was chosen there.
			return request.getParts()
				.stream()
				.map(jakarta.servlet.http.Part::getSubmittedFileName)
				.filter(Objects::nonNull)
				.filter(name -> !name.isBlank())
				.toList();
		}
		catch (java.io.IOException | jakarta.servlet.ServletException | IllegalStateException e) {
			return List.of();
		}
	}

	/**
	 * Whether the browser says the form came from a page of this site: Sec-Fetch-Site same-origin (every current
	 * browser on https), or else an Origin that is the public address or the address this request came to (plain
	 * http, where no Sec-Fetch-Site is sent). Anything else is not: a request that names no origin (a script, an
	 * old browser), another port of the same host (another application there), or Sec-Fetch-Site none. Another
	 * site can post any text to a form here, and it was shown on this site as what the visitor wrote.
	 */
	static boolean fromOurOwnPage(HttpServletRequest request, String publicAddress) {
		try {
			if (sameOrigin(request, java.net.URI.create(publicAddress))) {
				return true;
			}
		}
		catch (IllegalArgumentException unreadable) {
			// Checked against the request's own address below.
		}
		try {
			return request.getHeader("Sec-Fetch-Site") == null && sameOrigin(request, java.net.URI.create(
					request.getScheme() + "://" + hostForUri(request.getServerName()) + ":" + request.getServerPort()));
		}
		catch (IllegalArgumentException unreadable) {
			return false;
		}
	}

	private static String hostForUri(String host) {
		return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
	}

	/**
	 * Reached by the forward above (any method), or directly, with nothing to give back. Still signed in
	 * (a form from an old page, another tab that signed in again): the page said "you were signed out"
	 * under a header with the person's name; it says the form had expired and leads back to the page.
	 */
	@RequestMapping(PATH)
	String page(HttpServletRequest request, Model model) {
		model.addAttribute("written", request.getAttribute(WRITTEN_ATTRIBUTE) instanceof List<?> written ? written : List.of());
		model.addAttribute("again", request.getAttribute(AGAIN_ATTRIBUTE));
		model.addAttribute("files", request.getAttribute(FILES_ATTRIBUTE) instanceof List<?> files ? files : List.of());
		model.addAttribute("withheld", Boolean.TRUE.equals(request.getAttribute(WITHHELD_ATTRIBUTE)));
		// The layout's own answer to who is signed in (ShellModel): someone who still owes a code is not.
		model.addAttribute("stillSignedIn", model.getAttribute("signedIn") != null);
		String back = back(request);
		model.addAttribute("back", back);
		// Signing in again goes back to that page (SignInSecurity#signInPageShown), not to the start page: only a
		// page of a role's area, never a sign-in, reset or sign-in link's page (its token would go along).
		String own = back.startsWith(request.getContextPath()) ? back.substring(request.getContextPath().length()) : back;
		model.addAttribute("backAfterSignIn", SignInSecurity.returnableAfterSignIn(own) ? own : null);
		return "error/form-expired";
	}

	/**
	 * Whether the browser says the form came from this site itself. Behind a proxy that sends its own host name on
	 * (proxy_pass without the Host header) the server's name is not the one in the browser, and back led to the
	 * start page from every form; the browser's Sec-Fetch-Site tells it regardless, and where it sends none (a site
	 * on plain http) the form's Origin is the Referer's own.
	 */
	private static boolean sameOrigin(HttpServletRequest request, java.net.URI referer) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return "same-origin".equalsIgnoreCase(site);
		}
		String origin = request.getHeader("Origin");
		if (origin == null || origin.isBlank() || "null".equals(origin)) {
			return false;
		}
		try {
			java.net.URI from = java.net.URI.create(origin);
			return from.getHost() != null && from.getHost().equalsIgnoreCase(referer.getHost())
					&& from.getScheme() != null && from.getScheme().equalsIgnoreCase(referer.getScheme())
					&& port(from) == port(referer);
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** The port, the scheme's own when none is written: a browser's Origin never writes 443 for https. */
	private static int port(java.net.URI address) {
		if (address.getPort() != -1) {
			return address.getPort();
		}
		return "https".equalsIgnoreCase(address.getScheme()) ? 443 : "http".equalsIgnoreCase(address.getScheme()) ? 80 : -1;
	}

	/**
	 * The page the form was on, from the Referer, when it is a page of this site; the start page otherwise.
	 * Only its path and query: a link to another site, or to "//elsewhere", would lead the person away.
	 */
	static String back(HttpServletRequest request) {
		String home = request.getContextPath() + "/";
		String referer = request.getHeader("Referer");
		if (referer == null || referer.isBlank()) {
			return home;
		}
		try {
			java.net.URI from = java.net.URI.create(referer);
			String path = from.getRawPath();
			if (from.getHost() == null || !(request.getServerName().equalsIgnoreCase(from.getHost()) || sameOrigin(request, from)) || path == null
					|| !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
					|| path.startsWith(request.getContextPath() + PATH) || path.startsWith(request.getContextPath() + "/error")) {
				return home;
			}
			return from.getRawQuery() == null ? path : path + "?" + from.getRawQuery();
		}
		catch (IllegalArgumentException e) {
			return home;
		}
	}
}

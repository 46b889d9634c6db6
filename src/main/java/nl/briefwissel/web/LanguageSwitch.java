package nl.briefwissel.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where "Nederlands" and "English" lead: the page the person is on, with everything in its address
 * kept (a sign-in link's token, a workspace filter) and only the language changed. A page shown in
 * answer to a form has no address to open again; its links lead to the page the form was on.
 */
record LanguageSwitch(String dutch, String english) {

	static LanguageSwitch of(HttpServletRequest request) {
		String here = here(request);
		return new LanguageSwitch(with(here, "nl"), with(here, "en"));
	}

	private static String here(HttpServletRequest request) {
		boolean opened = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		Object failedUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (opened && failedUri != null) {
			// The address that failed is anyone's text: "//elsewhere" (refused by the firewall, and so
			// shown on an error page) would be a link to another site.
			if (!ours(failedUri.toString(), request)) {
				return request.getContextPath() + "/";
			}
			Object query = request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING);
			return failedUri + (query == null ? "" : "?" + query);
		}
		if (opened) {
			return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		}
		return formPage(request);
	}

	/** The page a form was sent from, when it is ours; the start page otherwise. */
	private static String formPage(HttpServletRequest request) {
		String referer = request.getHeader(HttpHeaders.REFERER);
		String start = request.getContextPath() + "/";
		if (referer == null) {
			return start;
		}
		try {
			var from = UriComponentsBuilder.fromUriString(referer).build();
			if (!request.getServerName().equalsIgnoreCase(from.getHost()) || from.getPath() == null
					|| !ours(from.getPath(), request)) {
				return start;
			}
			return from.getPath() + (from.getQuery() == null ? "" : "?" + from.getQuery());
		}
		catch (IllegalArgumentException malformed) {
			return start;
		}
	}

	/** A path of this application, and only that: "//elsewhere" or a backslash would lead to another site. */
	private static boolean ours(String path, HttpServletRequest request) {
		return path.startsWith(request.getContextPath() + "/") && !path.startsWith("//") && !path.contains("\\");
	}

	private static String with(String address, String language) {
		try {
			return UriComponentsBuilder.fromUriString(address).replaceQueryParam("lang", language).build(true).toUriString();
		}
		catch (IllegalArgumentException malformed) {
			// An address with characters left unencoded by the client: the page itself, without its query.
			String path = address.contains("?") ? address.substring(0, address.indexOf('?')) : address;
			return UriComponentsBuilder.fromPath(path).queryParam("lang", language).encode().build().toUriString();
		}
	}
}

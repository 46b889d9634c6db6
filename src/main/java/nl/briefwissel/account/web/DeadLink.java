package nl.briefwissel.account.web;

import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.account.LinkTokens;

/**
 * The page of a mailed link that does not work, with the status every mailed link answers (decision 0008): a
 * whole link is gone for good (410), one broken off by a mail program never was a page (404). With 200 a mail
 * scanner or a monitor took a dead link for a working one; a person reads the same page either way.
 */
final class DeadLink {

	private DeadLink() {
	}

	static String page(String view, String token, HttpServletResponse response) {
		response.setStatus(LinkTokens.plausible(token) ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
		return view;
	}
}

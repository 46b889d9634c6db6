package nl.briefwissel.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Briefwissel opens pages and takes forms: GET, HEAD and POST (OPTIONS answers itself, TRACE the
 * container refuses). No route takes DELETE, PUT or PATCH, and no page sends one (htmx posts too).
 * Such a request got the page for a form whose sign-in expired, since the form check comes before
 * Spring finds the route: a script was told to sign in again. It is refused as not allowed, before
 * that check; a POST without its token still gets the expired-form page.
 */
final class PagesAndForms extends OncePerRequestFilter {

	static final Set<String> NEVER_TAKEN = Set.of("DELETE", "PUT", "PATCH");

	/** Set for the 405 page, which otherwise speaks of a form's address opened as a page. */
	static final String REFUSED_METHOD = "refusedMethod";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (NEVER_TAKEN.contains(request.getMethod())) {
			request.setAttribute(REFUSED_METHOD, request.getMethod());
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST");
			response.sendError(HttpStatus.METHOD_NOT_ALLOWED.value());
			return;
		}
		chain.doFilter(request, response);
	}
}

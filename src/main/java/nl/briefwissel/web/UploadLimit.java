package nl.briefwissel.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form with files larger than the server takes is refused before anything reads it. Once the
 * servlet container starts on such a body it fails on every parameter read (the CSRF check, the
 * error page's own), and the person sees a bare "413" or "no access" and loses their letter
 * without knowing why. Here they get the page that says the file was too large and what to do.
 * The multipart limits are set at this size too, so any body under it is read whole.
 */
@Component
// After the session's filter (so the page knows who is signed in), before the security filters
// (the CSRF check is the first to read the body).
@Order(SessionRepositoryFilter.DEFAULT_ORDER + 1)
class UploadLimit extends OncePerRequestFilter {

	private final long largest;

	UploadLimit(@Value("${spring.servlet.multipart.max-request-size}") DataSize largest) {
		this.largest = largest.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
		// A limit of -1 is Spring's "no limit"; a body of unknown length is left to the container's own.
		if (!multipart || largest < 0 || request.getContentLengthLong() <= largest) {
			chain.doFilter(request, response);
			return;
		}
		// The error page, shown for a request that has no body to read: nothing after this touches it.
		HttpServletRequest bodiless = new Bodiless(request);
		bodiless.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.PAYLOAD_TOO_LARGE.value());
		bodiless.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
		request.getRequestDispatcher("/error").forward(bodiless, response);
	}

	/** The request as a GET without a body, so that no filter or page starts reading the large one. */
	private static final class Bodiless extends HttpServletRequestWrapper {

		Bodiless(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public int getContentLength() {
			return 0;
		}

		@Override
		public long getContentLengthLong() {
			return 0;
		}

		@Override
		public String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String[] getParameterValues(String name) {
			return null;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
			return new ServletInputStream() {

				@Override
				public int read() {
					return empty.read();
				}

				@Override
				public boolean isFinished() {
					return true;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					try {
						listener.onAllDataRead(); // nothing to wait for: the body is empty
					}
					catch (IOException e) {
						listener.onError(e);
					}
				}
			};
		}
	}
}

package nl.briefwissel.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session ends a fixed time after sign-in, however busy it is: the idle timeout alone let a session
 * that is used every half hour live for ever, and the municipal baseline (BIO) asks for a limit on the
 * whole. The moment of sign-in is a session attribute, so it is stored with the session in the database
 * and every node ends the session alike (decision 0046).
 */
@Configuration(proxyBeanMethods = false)
public class SessionLifetime {

	private static final Logger log = LoggerFactory.getLogger(SessionLifetime.class);

	static final String SIGNED_IN_AT = "bw.signedInAt";

	private final Clock clock;

	private final Duration maxLifetime;

	SessionLifetime(Clock clock, @Value("${briefwissel.session-max-lifetime:12h}") Duration maxLifetime) {
		if (maxLifetime.isNegative() || maxLifetime.isZero()) {
			throw new IllegalStateException("briefwissel.session-max-lifetime must be longer than zero, not " + maxLifetime);
		}
		this.clock = clock;
		this.maxLifetime = maxLifetime;
	}

	/** The limit in hours, as the sign-in page says it (1.5 for ninety minutes). */
	public double hours() {
		return maxLifetime.toMinutes() / 60.0;
	}

	/** Starts the clock of the session the request has: at each sign-in, also one in a session that had one. */
	void begin(HttpServletRequest request) {
		request.getSession().setAttribute(SIGNED_IN_AT, clock.instant());
	}

	boolean over(HttpSession session) {
		Instant since = session.getAttribute(SIGNED_IN_AT) instanceof Instant at ? at
				// Signed in before this limit existed: counted from the session's start, which is earlier.
				: session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null
						? Instant.ofEpochMilli(session.getCreationTime()) : null;
		return since != null && !clock.instant().isBefore(since.plus(maxLifetime));
	}

	/**
	 * Runs inside Spring Session's filter, so the session it reads is the stored one, and before Spring
	 * Security's, so a session it ends is never read as signed in.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> sessionEndsAfterMaxLifetime() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Ending());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	private final class Ending extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			HttpSession session = request.getSession(false);
			if (session != null && over(session)) {
				log.info("Session ended {} after sign-in", maxLifetime);
				session.invalidate();
				if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
					response.sendRedirect(request.getContextPath() + "/login?expired");
					return;
				}
				// A form goes on without the session: its form token went with it, so the person gets the page
				// of a form sent after the sign-in expired, with what they wrote to copy, as at the idle timeout.
			}
			chain.doFilter(request, response);
		}
	}
}

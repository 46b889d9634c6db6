package nl.briefwissel.account;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

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
 * <p>
 * A session also ends when the account's password changed after its sign-in (decision 0119). The change
 * ends the account's other sessions itself; a sign-in with the old password that was under way then wrote its
 * session after that step, and is caught here. The session keeps when the password last changed as its sign-in
 * read it; each request of a signed-in session compares that with the account's row.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLifetime {

	private static final Logger log = LoggerFactory.getLogger(SessionLifetime.class);

	static final String SIGNED_IN_AT = "bw.signedInAt";

	/** Whose sign-in this session is, and when its password last changed as the sign-in read it. */
	static final String PASSWORD_AS_OF = "bw.passwordAsOf";

	private final Clock clock;

	private final Duration maxLifetime;

	private final Accounts accounts;

	SessionLifetime(Clock clock, @Value("${briefwissel.session-max-lifetime:12h}") Duration maxLifetime, Accounts accounts) {
		this.accounts = accounts;
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

	/**
	 * Starts the clock of the session the request has: at each sign-in, also one in a session that had one. It keeps
	 * when the password last changed as the sign-in read it: after the code, still the first step's reading.
	 */
	void begin(HttpServletRequest request, SignedInAccount who) {
		HttpSession session = request.getSession();
		session.setAttribute(SIGNED_IN_AT, clock.instant());
		session.setAttribute(PASSWORD_AS_OF, new PasswordAsOf(who.id(), who.passwordChangedAt().at()));
	}

	/** The session that changed the password goes on: it keeps the new moment. Not a new sign-in: its end stays. */
	void changedHere(HttpSession session, UUID accountId, Instant changedAt) {
		session.setAttribute(PASSWORD_AS_OF, new PasswordAsOf(accountId, changedAt));
	}

	/**
	 * Whether the password changed after this signed-in session read it: one look-up of the account's row by its
	 * key, only for a session that is signed in. A session signed in before the moment was kept is not asked
	 * (a change ended it, as every other session of the account).
	 */
	boolean passwordChangedSince(HttpSession session) {
		if (session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) == null
				|| !(session.getAttribute(PASSWORD_AS_OF) instanceof PasswordAsOf asOf)) {
			return false;
		}
		return accounts.passwordChangedAt(asOf.account())
			.map(now -> !Objects.equals(now.at(), asOf.changedAt()))
			.orElse(true);
	}

	/** {@code changedAt} is null for an account whose password had not changed since V97. */
	record PasswordAsOf(UUID account, Instant changedAt) implements Serializable {
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
			String ended = session == null ? null : over(session) ? "expired"
					: passwordChangedSince(session) ? "passwordChangedElsewhere" : null;
			if (ended != null) {
				if ("expired".equals(ended)) {
					log.info("Session ended {} after sign-in", maxLifetime);
				}
				else {
					log.info("Session ended: the password of account {} changed after its sign-in",
							((PasswordAsOf) session.getAttribute(PASSWORD_AS_OF)).account());
				}
				session.invalidate();
				if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
					response.sendRedirect(request.getContextPath() + "/login?" + ended);
					return;
				}
				// A form goes on without the session: its form token went with it, so the person gets the page
				// of a form sent after the sign-in expired, with what they wrote to copy, as at the idle timeout.
				// After a password change too: the form was not this person's to send any more.
			}
			chain.doFilter(request, response);
		}
	}
}

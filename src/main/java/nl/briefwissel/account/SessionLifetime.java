package nl.briefwissel.account;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

	private final JdbcClient jdbc;

	/** Spring Session's repository, asked for when a change is saved: it is made after this configuration. */
	private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

	SessionLifetime(Clock clock, @Value("${briefwissel.session-max-lifetime:12h}") Duration maxLifetime, Accounts accounts,
			JdbcClient jdbc, ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.sessions = sessions;
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

	/**
	 * The session that changed the password goes on: it keeps the new moment. Not a new sign-in: its end stays. The
	 * moment is saved with the session before the change commits, not only when the request ends: another request of
	 * the same session (a form sent twice, a second tab) that read the session before may see the change committed,
	 * and finds the new moment in the stored session ({@link #passwordChangedFor}).
	 */
	void changedHere(HttpSession session, UUID accountId, Instant changedAt) {
		PasswordAsOf asOf = new PasswordAsOf(accountId, changedAt);
		session.setAttribute(PASSWORD_AS_OF, asOf);
		String id = session.getId();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					keep(id, asOf);
				}
			});
		}
		else {
			keep(id, asOf);
		}
	}

	/**
	 * Through Spring Session's repository, which saves in a transaction of its own: within the request it is the
	 * request's own session ({@link SessionReads}), saved early with what the request changed so far.
	 */
	@SuppressWarnings("unchecked") // The repository hands back its own session type, which it takes again.
	private <S extends Session> void keep(String sessionId, PasswordAsOf asOf) {
		FindByIndexNameSessionRepository<S> repository = (FindByIndexNameSessionRepository<S>) sessions.getObject();
		S stored = repository.findById(sessionId);
		if (stored != null) {
			stored.setAttribute(PASSWORD_AS_OF, asOf);
			repository.save(stored);
		}
	}

	/**
	 * The account whose password changed after this signed-in session read it, or null: one look-up of the account's
	 * row by its key, only for a session that is signed in. A session that keeps no moment (signed in before V97, or by
	 * a way in that did not keep it) counts with what its sign-in read, kept in the account it signed in as: nothing,
	 * for one from before V97, so as signed in before any change. When the moments differ, the session as stored now
	 * is asked once more: another request of this session that changed the password saved the new moment there before
	 * the change committed.
	 */
	UUID passwordChangedFor(HttpSession session) {
		Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		PasswordAsOf asOf = context == null ? null
				: session.getAttribute(PASSWORD_AS_OF) instanceof PasswordAsOf kept ? kept : asOfSignIn(context);
		if (asOf == null) {
			return null;
		}
		Optional<Accounts.PasswordChangedAt> now = accounts.passwordChangedAt(asOf.account());
		if (now.isEmpty()) {
			return asOf.account();
		}
		if (current(asOf, now.get())) {
			return null;
		}
		PasswordAsOf stored = stored(session.getId());
		if (stored != null && stored.account().equals(asOf.account()) && current(stored, now.get())) {
			session.setAttribute(PASSWORD_AS_OF, stored);
			return null;
		}
		return asOf.account();
	}

	/**
	 * Whether the session read the account's moment or a later one. Later: the request that changed the password saved
	 * its new moment with the session just before the change committed (another request of the session can read it in
	 * between), or the change rolled back after that save. Neither is a sign-in from before a change.
	 */
	private static boolean current(PasswordAsOf asOf, Accounts.PasswordChangedAt account) {
		return account.at() == null || (asOf.changedAt() != null && !asOf.changedAt().isBefore(account.at()));
	}

	/** What the sign-in read, for a session that keeps no moment: the account is in its security context. */
	private static PasswordAsOf asOfSignIn(Object context) {
		return context instanceof SecurityContext security && security.getAuthentication() != null
				&& security.getAuthentication().getPrincipal() instanceof SignedInAccount who
						? new PasswordAsOf(who.id(), who.passwordChangedAt().at()) : null;
	}

	/**
	 * The moment as the session's row holds it now, not as this request read it; read through the same filter as
	 * every attribute (decision 0100). Null when there is none.
	 */
	private PasswordAsOf stored(String sessionId) {
		return jdbc.sql("""
				select a.attribute_bytes from spring_session_attributes a
				join spring_session s on s.primary_id = a.session_primary_id
				where s.session_id = :id and a.attribute_name = :name""")
			.param("id", sessionId)
			.param("name", PASSWORD_AS_OF)
			.query((rs, n) -> rs.getBytes(1))
			.optional()
			.map(bytes -> new SessionAttributeReads.Filtered(SessionLifetime.class.getClassLoader()).convert(bytes))
			.filter(PasswordAsOf.class::isInstance)
			.map(PasswordAsOf.class::cast)
			.orElse(null);
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

		/**
		 * A style sheet, script or icon: the page that asks for it is checked, and a signed-in page asks for several
		 * (an account's row looked up for each, and the session read only for this).
		 */
		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return SignInSecurity.isAsset(SignInSecurity.decodedPath(request));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			HttpSession session = request.getSession(false);
			String ended = null;
			if (session != null && over(session)) {
				log.info("Session ended {} after sign-in", maxLifetime);
				ended = "expired";
			}
			else if (session != null) {
				UUID changedFor = passwordChangedFor(session);
				if (changedFor != null) {
					log.info("Session ended: the password of account {} changed after its sign-in", changedFor);
					ended = "passwordChangedElsewhere";
				}
			}
			if (ended != null) {
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

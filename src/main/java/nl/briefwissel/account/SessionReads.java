package nl.briefwissel.account;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in request reads its session from the database once, not twice. Spring Session's filter
 * saves the session when the response is committed (Thymeleaf flushes the page) and again when the
 * request ends; the second time it has forgotten which session the request came with and looks it up
 * again (spring-session#1731, open since 2020): a transaction and a select for every page, only to
 * compare the session's id. Within one request the session found first is that same session, so the
 * second look-up is answered from it; any other request, thread or task reads the database as before.
 */
@Configuration(proxyBeanMethods = false)
class SessionReads {

	/** Runs around Spring Session's filter, so the request's memory covers both of its look-ups. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> sessionReadsOncePerRequest() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new ReadOnce());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	/** Gives each request a memory of the session it found, and takes it away when the request ends. */
	static final class ReadOnce extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Found previous = Found.CURRENT.get();
			if (previous == null) {
				// Nothing refused by a read before this request (outside any) counts in it.
				SessionAttributeReads.Filtered.REFUSED.remove();
			}
			Found.CURRENT.set(new Found());
			try {
				chain.doFilter(request, response);
			}
			finally {
				// Never past the request: the next request on this thread, maybe after a sign-out on another
				// node, must see the database.
				if (previous == null) {
					Found.CURRENT.remove();
					// What this request found refused ends with it, saved or not (SessionAttributeReads).
					SessionAttributeReads.Filtered.REFUSED.remove();
				}
				else {
					Found.CURRENT.set(previous);
				}
			}
		}
	}

	/** Static: a post-processor is made before the configuration's other beans. */
	@Bean
	static BeanPostProcessor sessionsReadOncePerRequest(ObjectProvider<JdbcClient> jdbc) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				// Inside: an attribute refused by its reading is taken out as the session is saved (SessionAttributeReads).
				return bean instanceof JdbcIndexedSessionRepository sessions
						? OncePerRequest.around(SessionAttributeReads.refusedRemoved(sessions, jdbc)) : bean;
			}
		};
	}

	/** The session a request found, by its id at the time; at most one per request. */
	static final class Found {

		static final ThreadLocal<Found> CURRENT = new ThreadLocal<>();

		private String id;

		private Session session;
	}

	/**
	 * Spring Session's repository, with the request's first look-up remembered for its second. A session
	 * whose id changed since (sign-in renews it), that expired, or that was deleted is read again.
	 */
	static final class OncePerRequest<S extends Session> extends Delegating<S> {

		private OncePerRequest(FindByIndexNameSessionRepository<S> sessions) {
			super(sessions);
		}

		/** Generic so that Spring Session's own session type, not public, need not be named here. */
		static <S extends Session> OncePerRequest<S> around(FindByIndexNameSessionRepository<S> sessions) {
			return new OncePerRequest<>(sessions);
		}

		@Override
		@SuppressWarnings("unchecked") // Found holds only what findById below put there, an S.
		public S findById(String id) {
			Found found = Found.CURRENT.get();
			if (found != null && id.equals(found.id) && id.equals(found.session.getId()) && !found.session.isExpired()) {
				return (S) found.session;
			}
			S session = sessions.findById(id);
			if (found != null && session != null) {
				found.id = id;
				found.session = session;
			}
			return session;
		}

		@Override
		public void deleteById(String id) {
			Found found = Found.CURRENT.get();
			if (found != null && id.equals(found.id)) {
				found.id = null;
				found.session = null;
			}
			super.deleteById(id);
		}
	}

	/** A repository that hands every call to Spring Session's; subclasses change what they must. */
	abstract static class Delegating<S extends Session> implements FindByIndexNameSessionRepository<S> {

		final FindByIndexNameSessionRepository<S> sessions;

		Delegating(FindByIndexNameSessionRepository<S> sessions) {
			this.sessions = sessions;
		}

		@Override
		public S findById(String id) {
			return sessions.findById(id);
		}

		@Override
		public void deleteById(String id) {
			sessions.deleteById(id);
		}

		@Override
		public S createSession() {
			return sessions.createSession();
		}

		@Override
		public void save(S session) {
			sessions.save(session);
		}

		@Override
		public Map<String, S> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return sessions.findByIndexNameAndIndexValue(indexName, indexValue);
		}
	}
}

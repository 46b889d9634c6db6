package nl.briefwissel.account;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Session's filter on the run's database, as the application has it, with a count of the
 * session look-ups that reach the database.
 */
@BriefwisselTest
class SessionReadsTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SessionRepository<?> applicationSessions;

	@Test
	void theApplicationsSessionsAreReadOncePerRequest() {
		assertThat(applicationSessions).isInstanceOf(SessionReads.OncePerRequest.class);
	}

	@Test
	void aPageThatFlushesItsResponseReadsItsSessionOnceNotTwice() throws Exception {
		Counting<?> database = counting();
		String id = storedSession(database);

		// Without the request's memory: Spring Session looks the session up again after saving it.
		request(new SessionRepositoryFilter<>(database), id, flushingPage());
		assertThat(database.reads.getAndSet(0)).isEqualTo(2);

		request(withMemory(database), id, flushingPage());
		assertThat(database.reads.get()).isEqualTo(1);
	}

	@Test
	void theNextRequestReadsTheDatabaseAgain() throws Exception {
		Counting<?> database = counting();
		String id = storedSession(database);
		Filter filter = withMemory(database);

		request(filter, id, flushingPage());
		request(filter, id, flushingPage());

		assertThat(database.reads.get()).isEqualTo(2);
		assertThat(SessionReads.Found.CURRENT.get()).isNull();
	}

	@Test
	void aSessionEndedDuringTheRequestIsNotFoundFromMemory() throws Exception {
		Counting<?> database = counting();
		String id = storedSession(database);
		SessionRepository<?> sessions = SessionReads.OncePerRequest.around(database);
		Session[] foundAfterSignOut = new Session[1];

		request(memoryAround(sessions), id, (request, response) -> {
			request.getSession().setAttribute("signed-in", "yes");
			request.getSession().invalidate();
			foundAfterSignOut[0] = sessions.findById(id);
		});

		assertThat(foundAfterSignOut[0]).isNull();
		assertThat(database.findById(id)).isNull();
	}

	/** Spring Session's filter behind the application's memory filter, both on one repository. */
	private static Filter withMemory(FindByIndexNameSessionRepository<?> database) {
		return memoryAround(SessionReads.OncePerRequest.around(database));
	}

	private static Filter memoryAround(SessionRepository<?> sessions) {
		SessionRepositoryFilter<?> springSession = new SessionRepositoryFilter<>(sessions);
		springSession.setHttpSessionIdResolver(HeaderHttpSessionIdResolver.xAuthToken());
		SessionReads.ReadOnce memory = new SessionReads.ReadOnce();
		return (request, response, chain) -> memory.doFilter(request, response,
				(inner, innerResponse) -> springSession.doFilter(inner, innerResponse, chain));
	}

	/** What a Thymeleaf page does: uses the session, writes the page and flushes it. */
	private static Page flushingPage() {
		return (request, response) -> {
			request.getSession().getAttribute("signed-in");
			response.getWriter().write("<html>page</html>");
			response.flushBuffer();
		};
	}

	interface Page {
		void serve(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) throws Exception;
	}

	private static void request(Filter filter, String sessionId, Page page) throws Exception {
		if (filter instanceof SessionRepositoryFilter<?> springSession) {
			springSession.setHttpSessionIdResolver(HeaderHttpSessionIdResolver.xAuthToken());
		}
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/coach");
		request.addHeader("X-Auth-Token", sessionId);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
				try {
					page.serve(req, res);
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			}
		}));
	}

	private Counting<?> counting() {
		JdbcIndexedSessionRepository database = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
				new TransactionTemplate(transactions));
		return Counting.around(database);
	}

	private static <S extends Session> String storedSession(Counting<S> database) {
		S session = database.createSession();
		session.setAttribute("signed-in", "yes");
		database.save(session);
		return session.getId();
	}

	/** The real repository on the real database, counting the look-ups by id. */
	static final class Counting<S extends Session> extends SessionReads.Delegating<S> {

		final AtomicInteger reads = new AtomicInteger();

		private Counting(FindByIndexNameSessionRepository<S> sessions) {
			super(sessions);
		}

		static <S extends Session> Counting<S> around(FindByIndexNameSessionRepository<S> sessions) {
			return new Counting<>(sessions);
		}

		@Override
		public S findById(String id) {
			reads.incrementAndGet();
			return super.findById(id);
		}
	}
}

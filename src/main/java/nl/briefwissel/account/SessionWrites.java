package nl.briefwissel.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A request writes its session's row when something in it changed, not only to move the last access on
 * by a few seconds. Spring Session updates the row on every request because the last access always
 * changes: on PostgreSQL a row version, a write-ahead log flush and a vacuum's worth of dead row per
 * page view, on every node, for a value that only decides when an idle session ends.
 *
 * <p>Spring Session's own update is replaced by one that skips the row while its id, principal and idle
 * timeout are unchanged and its stored last access is less than a minute old (a tenth of the timeout
 * when that is shorter). Attributes are saved as before, in their own statements. A skipped write only
 * makes a session end earlier, never later: it ends at most a minute before the full idle time since
 * the last page (decision 0024). A standard {@code MERGE}, so one statement for H2 and PostgreSQL 15+.
 */
@Configuration(proxyBeanMethods = false)
class SessionWrites {

	/**
	 * Spring Session binds the update's six values in this order; the values are named once in
	 * {@code V} so that the condition can compare them with the stored row.
	 */
	static final String UPDATE_WHEN_CHANGED = """
			MERGE INTO %TABLE_NAME% S
			USING (SELECT CAST(? AS CHAR(36)) AS SESSION_ID, CAST(? AS BIGINT) AS LAST_ACCESS_TIME,
			              CAST(? AS INTEGER) AS MAX_INACTIVE_INTERVAL, CAST(? AS BIGINT) AS EXPIRY_TIME,
			              CAST(? AS VARCHAR(320)) AS PRINCIPAL_NAME, CAST(? AS CHAR(36)) AS PRIMARY_ID) V
			ON S.PRIMARY_ID = V.PRIMARY_ID
			WHEN MATCHED AND (S.SESSION_ID <> V.SESSION_ID
			    OR S.MAX_INACTIVE_INTERVAL <> V.MAX_INACTIVE_INTERVAL
			    OR S.PRINCIPAL_NAME IS DISTINCT FROM V.PRINCIPAL_NAME
			    OR V.LAST_ACCESS_TIME - S.LAST_ACCESS_TIME >= LEAST(60000, CAST(V.MAX_INACTIVE_INTERVAL AS BIGINT) * 100))
			THEN UPDATE SET SESSION_ID = V.SESSION_ID, LAST_ACCESS_TIME = V.LAST_ACCESS_TIME,
			    MAX_INACTIVE_INTERVAL = V.MAX_INACTIVE_INTERVAL, EXPIRY_TIME = V.EXPIRY_TIME,
			    PRINCIPAL_NAME = V.PRINCIPAL_NAME
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionRowWrittenWhenChanged() {
		return sessions -> sessions.setUpdateSessionQuery(UPDATE_WHEN_CHANGED);
	}
}
